/*
** Monthly reports in the store (issue #7, 总结上报): the figures of a month
** and an area computed from the ledger, and the reports with their workflow
** (a village generates and submits, its town checks and submits the sum of
** its villages, the city accepts). What the figures mean, the cross-checks
** and who may act are domain/monthly.c's; this applies them to the data.
**
** The computation is a table of figure-group sources (sqlite_monthly.c,
** MONTHLY_SOURCES[]), one MonthlySource per group of MONTHLY_GROUPS: visits,
** cases, referrals and the rescue centre add a row each.
**
** Strings handed out come from the Arena passed in.
*/
#ifndef SHOUHU_STORE_MONTHLY_H
#define SHOUHU_STORE_MONTHLY_H

#include "domain/month.h"
#include "domain/monthly.h"
#include "store/store.h"

/* A month and an area, as the sources need them. */
typedef struct MonthlySpan {
    Month month;
    const char *prefix;              /* the area's prefix ("441900003") */
    char first[11], last[11], next[11];   /* the month's first and last day, the next month's first */
    char month_text[8];              /* "2024-06" */
} MonthlySpan;

/* Sets the figures of one group in OUT for SPAN, from the ledger. */
typedef StoreRc (*MonthlySource)(Store *s, const MonthlySpan *span, MonthlyValues *out);

/* Every figure of MONTH for area CODE (any level) and everything below it,
   from the ledger as it is now. */
StoreRc store_monthly_compute(Store *s, const char *code, Month month, MonthlyValues *out);
/* The same for the groups GROUPS only (codes of MONTHLY_GROUPS, NULL-ended;
   the others stay 0), and, when UPTO is set and falls before the month's
   last day, the month up to the end of UPTO (a dashboard's "as of"; the
   rescue centre's figures stay the whole month's): the dashboards read a
   few groups, not the children's (whose counters the statistics keep). */
StoreRc store_monthly_compute_groups(Store *s, const char *code, Month month, Date upto, const char *const *groups,
                                     MonthlyValues *out);

typedef struct MonthlyReport {
    long long id;
    Month month;
    const char *area, *area_name;
    int level;                       /* 1 city, 2 town, 3 village */
    const char *status;              /* draft, submitted, returned, accepted */
    MonthlyValues figures;           /* frozen once submitted */
    const char *generated_at, *generated_by, *submitted_at, *submitted_by;
    const char *returned_at, *returned_by, *returned_reason, *accepted_at, *accepted_by;
} MonthlyReport;

typedef int (*MonthlyReportFn)(void *ctx, const MonthlyReport *r);   /* non-zero stops */

/* Makes the draft report of MONTH for AREA (within SCOPE), or refreshes the
   figures of a draft or returned one; a submitted or accepted one is
   refused (monthly_state). TODAY: a month not begun is refused. *CREATED
   says whether the report is new. */
StoreRc store_monthly_generate(Store *s, const Scope *scope, Month month, const char *area, Date today,
                               const Change *ch, MonthlyReport *out, bool *created, Problems *p, Arena *a);
StoreRc store_monthly_get(Store *s, const Scope *scope, long long id, MonthlyReport *out, Arena *a);
/* The report of MONTH for AREA (the command line: any area); STORE_NOTFOUND if none. */
StoreRc store_monthly_find(Store *s, Month month, const char *area, MonthlyReport *out, Arena *a);
/* The reports within SCOPE, of MONTH (MONTH_NONE: any), of areas under
   AREA_PREFIX (NULL: any), with STATUS (NULL: any); newest month first, then by area. */
StoreRc store_monthly_list(Store *s, const Scope *scope, Month month, const char *area_prefix, const char *status,
                           MonthlyReportFn fn, void *ctx, Arena *a);

/* The areas directly below report R's area that must report for its month
   (those with children recorded by the month's end, or with a report), each
   with its report if there is one (id 0 and status NULL if not). */
StoreRc store_monthly_below(Store *s, const MonthlyReport *r, MonthlyReportFn fn, void *ctx, Arena *a);

typedef struct MonthlyStep {
    long long id;
    const char *actor, *actor_area;  /* the account and its area */
    const char *reason;              /* a return's */
    const char *at;
} MonthlyStep;

/* Submits: recomputes the figures (a village from the ledger, a town or the
   city as the sum of the reports below it), checks that every area below
   has submitted and has not been corrected since, runs the cross-checks,
   and freezes them. Refusals are problems (STORE_INVALID). */
StoreRc store_monthly_submit(Store *s, const MonthlyStep *step, Problems *p);
/* The level above sends a submitted report back, with a reason; or accepts it. */
StoreRc store_monthly_return(Store *s, const MonthlyStep *step, Problems *p);
StoreRc store_monthly_accept(Store *s, const MonthlyStep *step, Problems *p);

#endif
