/*
** Statistics (issue #7): the figures of the dashboards, read from the
** counters that sql's stats migration keeps exactly right by triggers (so the
** city's category x town counts read a few thousand rows, not 1.63 M), and
** the supervision lists (coverage gaps, data quality) that read the ledger.
** Overdue work has its own interface (store_overdue.h).
*/
#ifndef SHOUHU_STORE_STATS_H
#define SHOUHU_STORE_STATS_H

#include "domain/money.h"
#include "domain/month.h"
#include "domain/stats.h"
#include "store/store.h"

enum {
    STATS_CATEGORIES = 16,   /* room for every code of CODES_CATEGORY, in its order */
    STATS_MONTHS = 12,       /* the trends: the as-of month and the 11 before it */
    STATS_STATUSES = 8,      /* room for every code of CODES_RECORD_STATUS, in its order */
};

/* The active children of one area (a town, or a village in a town's figures). */
typedef struct StatsUnit {
    const char *code, *name;
    long long records;       /* of any status */
    long long by_status[STATS_STATUSES];   /* in CODES_RECORD_STATUS's order */
    long long children, male, female;
    long long by_category[STATS_CATEGORIES];
} StatsUnit;

typedef struct StatsMonth {
    Month month;
    long long new_records;   /* records created in the month */
    long long ended;         /* records that left the active status in the month */
    Fen paid;                /* allowances of locked payrolls of the month */
    long long paid_children;
} StatsMonth;

typedef struct StatsSummary {
    long long records;       /* of any status */
    long long by_status[STATS_STATUSES];   /* in CODES_RECORD_STATUS's order */
    long long children, male, female;
    long long by_category[STATS_CATEGORIES];
    long long by_age[STATS_AGE_BANDS];
    StatsUnit *towns;        /* the towns within the area, in code order */
    int n_towns;
    StatsUnit *villages;     /* for a town or a village: its villages; else NULL */
    int n_villages;
    StatsMonth months[STATS_MONTHS];   /* oldest first */
} StatsSummary;

/* The figures of the active children of the area with PREFIX (area_prefix_of;
   "" or the city's for all), as on AS_OF (ages; the last month of the trends).
   The caller has checked the prefix is within its scope. Strings and arrays
   in A. */
StoreRc store_stats_summary(Store *s, const char *prefix, Date as_of, StatsSummary *out, Arena *a);

/* The same figures counted from the ledger itself, row by row (for the tests
   that prove the counters right, and the benchmark's baseline). */
StoreRc store_stats_recount(Store *s, const char *prefix, Date as_of, StatsSummary *out, Arena *a);

/* The index of CODE in CODES_CATEGORY, or -1. */
int stats_category_index(const char *code);
/* The index of CODE in CODES_RECORD_STATUS, or -1. */
int stats_status_index(const char *code);

#endif
