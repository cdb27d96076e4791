/*
** SQLite backend: overdue work (督查督办), see store_overdue.h. One table of
** sources, OVERDUE_SOURCES[]; each kind of work with a due date adds its own
** function and one row. The sources here are the ledger's and the category
** procedure's:
**   category_step  an application not verified (town) or confirmed (city)
**                  by its due day (configured working days, category_flow.c)
**   record_stale   an active record unchanged for supervision.stale_days
**   age_out        an active child whose 18th birthday is within the horizon,
**                  or past: the record should end or say why it continues
** and, from the protection module (store_protection.h), home visits due and
** open referrals of cases; from the rescue centre (store_rescue.h), the
** deadlines of an unidentified child (family-search notice, DNA sample,
** long-term stranded).
*/
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/category_flow.h"
#include "domain/codes.h"
#include "domain/eligibility.h"
#include "domain/stats.h"
#include "store/db.h"
#include "store/store_allowances.h"
#include "store/store_overdue.h"
#include "store/store_protection.h"
#include "store/store_rescue.h"
#include "store/sqlite_stats_sql.h"

enum { STALE_DAYS_DEFAULT = 365 };

static char *date_text(Date d, Arena *a) { return arena_strdup(a, date_format(d, (char[11]){0})); }

/* TODAY + DAYS. */
static Date days_after(const char *today, int days)
{
    Date d;
    if (!date_parse_iso(today, &d)) return DATE_NONE;
    return date_from_days(date_to_days(d) + days);
}

/* ---- category steps ---- */

/* ---- stale records ---- */

int store_overdue_stale_days(Store *s)
{
    Arena *a = arena_new();
    const char *v = store_setting_get(s, "supervision.stale_days", a);
    int days = v ? atoi(v) : STALE_DAYS_DEFAULT;
    arena_free(a);
    return days > 0 ? days : STALE_DAYS_DEFAULT;
}

static StoreRc overdue_stale_records(Store *s, const Scope *scope, const char *today, int horizon_days,
                                     OverdueSink sink, void *ctx, Arena *a)
{
    int stale = store_overdue_stale_days(s);
    /* due = the last change + STALE days: due by the horizon when changed before (horizon - STALE + 1) */
    char before[11];
    date_format(days_after(today, horizon_days - stale + 1), before);
    sqlite3_stmt *st = db_prepare(s, OVERDUE_STALE_SQL);
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":before", before);
    db_bind_scope(st, scope->prefix);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        Date changed;
        char day[11];
        snprintf(day, sizeof day, "%s", db_text(st, 3));
        if (!date_parse_iso(day, &changed)) continue;
        OverdueItem item = {
            "record_stale",
            arena_printf(a, "child:%lld", id),
            id,
            db_text_dup(st, 2, a),
            date_text(date_from_days(date_to_days(changed) + stale), a),
            arena_printf(a, "档案%d天未更新：%s（最后更新%s）", stale, db_text(st, 1), day),
            "village_director",
        };
        if (sink(ctx, &item)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- children about to age out ---- */

static StoreRc overdue_age_out(Store *s, const Scope *scope, const char *today, int horizon_days, OverdueSink sink,
                               void *ctx, Arena *a)
{
    char by[11];
    stats_born_by(days_after(today, horizon_days), 18, by);
    sqlite3_stmt *st = db_prepare(s, OVERDUE_AGE_OUT_SQL);
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":by", by);
    db_bind_scope(st, scope->prefix);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        Date birth;
        if (!date_parse_iso(db_text(st, 3), &birth)) continue;
        OverdueItem item = {
            "age_out",
            arena_printf(a, "child:%lld", id),
            id,
            db_text_dup(st, 2, a),
            date_text(birthday_reached(birth, 18), a),
            arena_printf(a, "年满18周岁：%s（%s出生），请终止档案或说明继续保障的理由", db_text(st, 1), db_text(st, 3)),
            "village_director",
        };
        if (sink(ctx, &item)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- the table ---- */

const OverdueSourceRow OVERDUE_SOURCES[] = {
    {"category_step", store_overdue_category_steps},   /* allowances: store/sqlite_category_flow.c */
    {"record_stale", overdue_stale_records},
    {"age_out", overdue_age_out},
    {"visit", store_overdue_visits},          /* protection (issue #6): home visits due */
    {"referral", store_overdue_referrals},    /* protection (issue #6): open referrals of cases */
    {"rescue", store_overdue_rescue},         /* the rescue centre (issue #6): an unidentified child's deadlines */
    {NULL, NULL},
};

/* A filter by kind names a source ("rescue") or one kind of its items
   ("rescue.dna_sample"): the source runs, and this sink passes on only
   the items of that kind. */
typedef struct KindFilter {
    const char *kind;
    OverdueSink sink;
    void *ctx;
} KindFilter;

static int sink_of_kind(void *ctx, const OverdueItem *item)
{
    const KindFilter *f = ctx;
    return strcmp(item->kind, f->kind) == 0 ? f->sink(f->ctx, item) : 0;
}

/* Whether KIND is ROW's kind or one of its items' ("rescue.dna_sample" of "rescue"). */
static bool kind_of_source(const char *kind, const char *row)
{
    size_t n = strlen(row);
    return strncmp(kind, row, n) == 0 && (kind[n] == '\0' || kind[n] == '.');
}

StoreRc store_overdue_collect(Store *s, const Scope *scope, const char *kind, const char *today, int horizon_days,
                              OverdueSink sink, void *ctx, Arena *a)
{
    for (const OverdueSourceRow *row = OVERDUE_SOURCES; row->kind; row++) {
        if (kind && !kind_of_source(kind, row->kind)) continue;
        KindFilter only = {kind, sink, ctx};
        bool whole = !kind || strcmp(kind, row->kind) == 0;
        StoreRc r = whole ? row->fn(s, scope, today, horizon_days, sink, ctx, a)
                          : row->fn(s, scope, today, horizon_days, sink_of_kind, &only, a);
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}
