/*
** SQLite backend of monthly reports (store_monthly.h): the figure-group
** sources that compute a month's figures from the ledger, and the reports'
** workflow. A figure counts the area and everything below it (the area
** prefix as a code range), as of the month's last day.
**
** Who is "recorded" at the month's end: a record created before the next
** month began, whose status is active, or whose status last changed after
** the month (it ended later). The ledger keeps the current record and the
** history of its versions (child_version), so a past month is computed from
** the versions' times; a child is counted in its current village.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "store/sqlite_monthly_sql.h"
#include "store/store_monthly.h"
#include "store/store_protection.h"
#include "store/store_rescue.h"

/* ---- the month and the area ---- */

static void span_make(MonthlySpan *sp, const char *prefix, Month m)
{
    memset(sp, 0, sizeof *sp);
    sp->month = m;
    sp->prefix = prefix;
    date_format(month_first_day(m), sp->first);
    date_format(month_last_day(m), sp->last);
    date_format(month_first_day(m + 1), sp->next);
    month_format(m, sp->month_text);
}

/* Binds those of the pass's parameters that ST names: the sources' queries
   each use some of :lo, :hi, :first, :last, :next and :month, and all :klen. */
static void bind_span(sqlite3_stmt *st, const MonthlyPass *p)
{
    const MonthlySpan *sp = p->span;
    char lo[16], hi[16];
    db_scope_bounds(sp->prefix, lo, hi);
    const char *const names[] = {":lo", ":hi", ":first", ":last", ":next", ":month"};
    const char *const values[] = {lo, hi, sp->first, sp->last, sp->next, sp->month_text};
    for (int i = 0; i < 6; i++)
        if (sqlite3_bind_parameter_index(st, names[i]) > 0) db_bind_text(st, names[i], values[i]);
    db_bind_int64(st, ":klen", p->klen);
}

/* The figures of the pass's area whose key (prefix) is column 0 of ST's
   row; NULL for a row of an area the pass does not compute (the city's own
   code in a pass over its towns). Rows come mostly in the order of the
   areas, so the last area found is tried first. */
static MonthlyValues *row_area(MonthlyPass *p, sqlite3_stmt *st)
{
    const char *key = db_text(st, 0);
    if (!key) return NULL;
    if (p->last < p->n && strcmp(p->keys[p->last], key) == 0) return &p->out[p->last];
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->keys[i], key) == 0) {
            p->last = i;
            return &p->out[i];
        }
    return NULL;
}

/* Adds N to figure I of OUT (a row's area; NULL: none of the pass's) and
   of the pass's total (the parent's own, when it is wanted): every row in
   the parent's range counts in its total, whichever area it falls in. */
static void pass_add_at(MonthlyPass *p, MonthlyValues *out, int i, long long n)
{
    if (out) out->v[i] += n;
    if (p->total) p->total->v[i] += n;
}

static void pass_add(MonthlyPass *p, MonthlyValues *out, const char *code, long long n)
{
    int i = monthly_index(code);
    if (i < 0) abort();   /* a figure the table lacks is a bug, as in monthly_add_to */
    pass_add_at(p, out, i, n);
}

/* ---- the figure-group sources ---- */

/* children: recorded at the month's end, by sex and by age band */
static StoreRc source_children(Store *s, MonthlyPass *p)
{
    sqlite3_stmt *st = db_prepare(s, MONTHLY_CHILDREN_SQL);
    if (!st) return STORE_ERROR;
    bind_span(st, p);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        MonthlyValues *out = row_area(p, st);
        const char *sex = db_text(st, 1);
        long long n = sqlite3_column_int64(st, 3);
        pass_add(p, out, "children.total", n);
        pass_add(p, out, sex && strcmp(sex, "female") == 0 ? "children.female" : "children.male", n);
        pass_add(p, out, monthly_age_band(sqlite3_column_int(st, 2)), n);
    }
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* Adds the rows (key, n1, ..., nN) of the query SQL (:at bound to AT when
   not NULL) to the figures CODES[0..N) of each row's area. */
static StoreRc add_rows(Store *s, MonthlyPass *p, const char *sql, const char *at, int n, const char *const *codes)
{
    sqlite3_stmt *st = db_prepare(s, sql);
    if (!st) return STORE_ERROR;
    bind_span(st, p);
    if (at) db_bind_text(st, ":at", at);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        MonthlyValues *out = row_area(p, st);
        for (int i = 0; i < n; i++) pass_add(p, out, codes[i], sqlite3_column_int64(st, i + 1));
    }
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* categories: children recorded at the month's end who hold the category
   (confirmed, or ended only after it) on its last day; one query per
   category, so that each reads its code's part of child_category_code */
static StoreRc source_categories(Store *s, MonthlyPass *p)
{
    for (int i = 0; i < monthly_count(); i++) {
        const MonthlyFigure *f = &MONTHLY_FIGURES[i];
        if (strcmp(f->group, "categories") != 0) continue;
        sqlite3_stmt *st = db_prepare(s, MONTHLY_CATEGORY_SQL);
        if (!st) return STORE_ERROR;
        bind_span(st, p);
        db_bind_text(st, ":code", f->code + strlen("category."));
        int rc;
        while ((rc = db_step(s, st)) == SQLITE_ROW) {
            MonthlyValues *out = row_area(p, st);
            pass_add_at(p, out, i, sqlite3_column_int64(st, 1));
        }
        db_done(st);
        if (rc != SQLITE_DONE) return db_rc(s, rc);
    }
    return STORE_OK;
}

/* records: added, changed and ended in the month, by the time of the version */
static StoreRc source_records(Store *s, MonthlyPass *p)
{
    StoreRc r;
    if ((r = add_rows(s, p, MONTHLY_NEW_SQL, NULL, 1, (const char *const[]){"records.new"})) != STORE_OK) return r;
    if ((r = add_rows(s, p, MONTHLY_CHANGED_SQL, NULL, 1, (const char *const[]){"records.changed"})) != STORE_OK)
        return r;
    return add_rows(s, p, MONTHLY_ENDED_SQL, NULL, 1, (const char *const[]){"records.ended"});
}

/* allowances: the lines of the month's locked payrolls, by the child's village */
static StoreRc source_allowances(Store *s, MonthlyPass *p)
{
    return add_rows(s, p, MONTHLY_ALLOWANCES_SQL, NULL, 2,
                    (const char *const[]){"allowances.children", "allowances.amount"});
}

/* activities: held in the month in the area and below it */
static StoreRc source_activities(Store *s, MonthlyPass *p)
{
    return add_rows(s, p, MONTHLY_ACTIVITIES_SQL, NULL, 2,
                    (const char *const[]){"activities.events", "activities.participants"});
}

/* Adds the (key, code, count) rows of the query SQL to the figures PREFIX +
   code of each row's area: the referrals by unit, the discharges by kind. A
   code without a figure is left out, and then shows as a failed cross-check
   of the group's total, not as a crash. */
static StoreRc add_by_code(Store *s, MonthlyPass *p, const char *sql, const char *prefix)
{
    sqlite3_stmt *st = db_prepare(s, sql);
    if (!st) return STORE_ERROR;
    bind_span(st, p);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        MonthlyValues *out = row_area(p, st);
        char code[64];
        snprintf(code, sizeof code, "%s%s", prefix, db_text(st, 1) ? db_text(st, 1) : "");
        if (monthly_index(code) >= 0) pass_add(p, out, code, sqlite3_column_int64(st, 2));
    }
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* visits: the children due a visit by the month's end and those visited
   (monthly_add_visit_child applies the protection module's policy), and the
   visits made */
static StoreRc source_visits(Store *s, MonthlyPass *p)
{
    ProtectionRules rules;
    StoreRc r = store_protection_rules(s, &rules);
    if (r != STORE_OK) return r;
    sqlite3_stmt *st = db_prepare(s, MONTHLY_VISIT_CHILDREN_SQL);
    if (!st) return STORE_ERROR;
    bind_span(st, p);
    Date last;
    date_parse_iso(p->span->last, &last);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        MonthlyValues *out = row_area(p, st);
        if (!out && !p->total) continue;
        const char *codes[16];
        int n = 0;
        char list[512];
        snprintf(list, sizeof list, "%s", db_text(st, 2) ? db_text(st, 2) : "");
        for (char *save = NULL, *c = strtok_r(list, ",", &save); c && n < 16; c = strtok_r(NULL, ",", &save))
            codes[n++] = c;
        MonthlyVisitChild c = {visit_interval_months(codes, n, &rules), col_date(st, 3), col_date(st, 4),
                               sqlite3_column_int(st, 5) != 0};
        if (out) monthly_add_visit_child(out, &c, last);
        if (p->total) monthly_add_visit_child(p->total, &c, last);
    }
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    return add_rows(s, p, MONTHLY_VISITS_DONE_SQL, NULL, 1, (const char *const[]){"visits.done"});
}

/* cases: open at the month's start and end, opened, closed and reopened in
   it, and those open at its end with an overdue referral */
static StoreRc source_cases(Store *s, MonthlyPass *p)
{
    const MonthlySpan *sp = p->span;
    StoreRc r;
    if ((r = add_rows(s, p, MONTHLY_CASES_OPEN_SQL, sp->first, 1, (const char *const[]){"cases.open_start"})) !=
            STORE_OK ||
        (r = add_rows(s, p, MONTHLY_CASES_OPEN_SQL, sp->next, 1, (const char *const[]){"cases.open_end"})) != STORE_OK ||
        (r = add_rows(s, p, MONTHLY_CASES_OPENED_SQL, NULL, 1, (const char *const[]){"cases.opened"})) != STORE_OK ||
        (r = add_rows(s, p, MONTHLY_CASES_STEPS_SQL, NULL, 2, (const char *const[]){"cases.closed", "cases.reopened"})) !=
            STORE_OK)
        return r;
    return add_rows(s, p, MONTHLY_CASES_OVERDUE_SQL, NULL, 1, (const char *const[]){"cases.overdue"});
}

/* referrals: sent, answered (on time or late: monthly_referral_timeliness),
   overdue at the month's end */
static StoreRc source_referrals(Store *s, MonthlyPass *p)
{
    StoreRc r = add_rows(s, p, MONTHLY_REFERRALS_SQL, NULL, 3,
                         (const char *const[]){"referrals.sent", "referrals.answered", "referrals.overdue"});
    if (r != STORE_OK) return r;
    sqlite3_stmt *st = db_prepare(s, MONTHLY_REFERRALS_ANSWERED_SQL);
    if (!st) return STORE_ERROR;
    bind_span(st, p);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        MonthlyValues *out = row_area(p, st);
        pass_add(p, out, monthly_referral_timeliness(col_date(st, 2), col_date(st, 1)), 1);
    }
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    return add_by_code(s, p, MONTHLY_REFERRALS_BY_UNIT_SQL, "referrals.sent.");
}

/* rescue: the month's figures of the stays (rescue_month_figures) and the
   discharges by kind, within each area's range (a centre's few stays: read
   area by area) */
static StoreRc source_rescue(Store *s, MonthlyPass *p)
{
    StoreRc r = STORE_OK;
    for (int i = 0; r == STORE_OK && i < p->n; i++) {
        Arena *a = arena_new();
        Scope scope = {p->keys[i]};
        Stay *stays = NULL;
        long n = 0;
        r = store_rescue_stays(s, &scope, p->span->month, &stays, &n, a);
        if (r == STORE_OK) {
            RescueMonth rm;
            rescue_month_figures(stays, n, p->span->month, &rm);
            monthly_set_rescue(&p->out[i], &rm);
        }
        arena_free(a);
    }
    if (r != STORE_OK) return r;
    return add_by_code(s, p, MONTHLY_RESCUE_DISCHARGES_SQL, "rescue.discharge.");
}

/* One row per group of MONTHLY_GROUPS. */
static const struct {
    const char *group;
    MonthlySource fn;
} MONTHLY_SOURCES[] = {
    {"children", source_children},
    {"categories", source_categories},
    {"records", source_records},
    {"allowances", source_allowances},
    {"activities", source_activities},
    {"visits", source_visits},
    {"cases", source_cases},
    {"referrals", source_referrals},
    {"rescue", source_rescue},
};

/* Whether GROUP is one of GROUPS (NULL-ended; NULL for every group). */
static bool group_wanted(const char *group, const char *const *groups)
{
    if (!groups) return true;
    for (int i = 0; groups[i]; i++)
        if (strcmp(groups[i], group) == 0) return true;
    return false;
}

/* Runs the sources of GROUPS over pass P (its figures zeroed first). */
static StoreRc run_pass(Store *s, MonthlyPass *p, const char *const *groups)
{
    memset(p->out, 0, (size_t)p->n * sizeof *p->out);
    StoreRc r = STORE_OK;
    for (size_t i = 0; r == STORE_OK && i < sizeof MONTHLY_SOURCES / sizeof *MONTHLY_SOURCES; i++)
        if (group_wanted(MONTHLY_SOURCES[i].group, groups)) r = MONTHLY_SOURCES[i].fn(s, p);
    return r;
}

/* The sort memory of a pass over many areas (issue #8, figure 4). Its
   GROUP BYs sort every child of the range (the children's by sex and age:
   1.63 M rows for the city). SQLite sorts in runs as large as the cache
   (the connection's 16 MiB), and with temp_store=MEMORY the runs that do
   not fit stay in memory too: RSS grew with the children (154 MB at
   1.63 M), and sorting 16 MiB runs out of the processor's caches cost a
   third more CPU than the same SQL in the sqlite3 shell (2 MB cache,
   temporary files). The pass sorts in PASS_SORT_KIB runs that spill to a
   temporary file; the connection's settings are read first and put back. */
enum { PASS_SORT_KIB = 2048 };

typedef struct PassMemory {
    long long cache_size, temp_store;   /* as PRAGMA reads them */
} PassMemory;

static long long pragma_value(Store *s, const char *sql)
{
    sqlite3_stmt *st = db_prepare(s, sql);
    if (!st) return 0;
    long long v = db_step(s, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    db_done(st);
    return v;
}

static void pass_memory_small(Store *s, PassMemory *saved)
{
    saved->cache_size = pragma_value(s, "PRAGMA cache_size");
    saved->temp_store = pragma_value(s, "PRAGMA temp_store");
    db_exec(s, "PRAGMA temp_store=FILE");
    store_cache_limit(s, PASS_SORT_KIB);
}

static void pass_memory_back(Store *s, const PassMemory *saved)
{
    char pragma[96];   /* numbers read from SQLite, not input */
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size=%lld; PRAGMA temp_store=%lld", saved->cache_size,
             saved->temp_store);
    db_exec(s, pragma);
}

StoreRc store_monthly_compute_groups(Store *s, const char *code, Month month, Date upto, const char *const *groups,
                                     MonthlyValues *out)
{
    Arena *a = arena_new();
    MonthlySpan sp;
    span_make(&sp, area_prefix_of(a, code), month);
    if (date_is_set(upto) && month_of(upto) == month && date_cmp(upto, month_last_day(month)) < 0) {
        date_format(upto, sp.last);
        date_format(date_from_days(date_to_days(upto) + 1), sp.next);
    }
    /* one area: its own prefix is the only key */
    MonthlyPass p = {&sp, (int)strlen(sp.prefix), 1, &sp.prefix, out, 0, NULL};
    StoreRc r = run_pass(s, &p, groups);
    arena_free(a);
    return r;
}

StoreRc store_monthly_compute(Store *s, const char *code, Month month, MonthlyValues *out)
{
    return store_monthly_compute_groups(s, code, month, DATE_NONE, NULL, out);
}

/* The groups whose parent figures are not the sum of a pass's rows: a child
   paid in two villages in a month is one child paid (allowances), and the
   rescue centre's stays are read area by area. */
static const char *const NOT_SUMMED[] = {"allowances", "rescue", NULL};

/* SELF's figures of the groups NOT_SUMMED, computed for area CODE alone. */
static StoreRc parent_not_summed(Store *s, const char *code, Month month, MonthlyValues *self)
{
    MonthlyValues direct;
    StoreRc r = store_monthly_compute_groups(s, code, month, DATE_NONE, NOT_SUMMED, &direct);
    for (int i = 0; r == STORE_OK && i < monthly_count(); i++)
        if (group_wanted(MONTHLY_FIGURES[i].group, NOT_SUMMED)) self->v[i] = direct.v[i];
    return r;
}

StoreRc store_monthly_compute_below(Store *s, const char *code, Month month, int n, const char *const *areas,
                                    MonthlyValues *out, MonthlyValues *self)
{
    if (n <= 0) return self ? store_monthly_compute(s, code, month, self) : STORE_OK;
    Arena *a = arena_new();
    MonthlySpan sp;
    span_make(&sp, area_prefix_of(a, code), month);
    const char **keys = arena_alloc(a, (size_t)n * sizeof *keys);
    size_t klen = 0;
    bool one_pass = true;   /* each area's prefix within CODE's, all of one length */
    for (int i = 0; i < n; i++) {
        keys[i] = area_prefix_of(a, areas[i]);
        if (i == 0) klen = strlen(keys[0]);
        if (strlen(keys[i]) != klen || klen <= strlen(sp.prefix) || strncmp(keys[i], sp.prefix, strlen(sp.prefix)) != 0)
            one_pass = false;
    }
    StoreRc r = STORE_OK;
    if (one_pass) {
        if (self) memset(self, 0, sizeof *self);
        MonthlyPass p = {&sp, (int)klen, n, keys, out, 0, self};
        PassMemory saved;
        pass_memory_small(s, &saved);
        r = run_pass(s, &p, NULL);
        pass_memory_back(s, &saved);
        if (r == STORE_OK && self) r = parent_not_summed(s, code, month, self);
    } else {
        for (int i = 0; r == STORE_OK && i < n; i++) r = store_monthly_compute(s, areas[i], month, &out[i]);
        if (r == STORE_OK && self) r = store_monthly_compute(s, code, month, self);
    }
    arena_free(a);
    return r;
}

/* ---- reading reports ---- */

#define REPORT_COLUMNS MONTHLY_REPORT_COLUMNS

static void read_report(sqlite3_stmt *st, MonthlyReport *out, Arena *a)
{
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, 0);
    out->month = col_month(st, 1);
    out->area = db_text_dup(st, 2, a);
    out->area_name = db_text_dup(st, 3, a);
    out->level = sqlite3_column_int(st, 4);
    out->status = db_text_dup(st, 5, a);
    json_t *j = json_loads(db_text(st, 6) ? db_text(st, 6) : "{}", 0, NULL);
    monthly_from_json(j, &out->figures);
    json_decref(j);
    const char **texts[] = {&out->generated_at, &out->generated_by, &out->submitted_at, &out->submitted_by,
                            &out->returned_at,  &out->returned_by,  &out->returned_reason, &out->accepted_at,
                            &out->accepted_by};
    for (int i = 0; i < 9; i++) *texts[i] = db_text_dup(st, 7 + i, a);
}

static void bind_scope_range(sqlite3_stmt *st, const char *prefix)
{
    char lo[16], hi[16];
    db_scope_bounds(prefix, lo, hi);
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
}

StoreRc store_monthly_get(Store *s, const Scope *scope, long long id, MonthlyReport *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT " REPORT_COLUMNS " FROM monthly_report r JOIN area a ON a.code = r.area "
                                     "WHERE r.id = :id AND r.area >= :lo AND r.area < :hi");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    bind_scope_range(st, scope->prefix);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) read_report(st, out, a);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

/* The report of MONTH for AREA, any scope; STORE_NOTFOUND if none. */
static StoreRc report_of(Store *s, Month month, const char *area, MonthlyReport *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT " REPORT_COLUMNS " FROM monthly_report r JOIN area a ON a.code = r.area "
                                     "WHERE r.month = :month AND r.area = :area");
    if (!st) return STORE_ERROR;
    bind_month(st, ":month", month);
    db_bind_text(st, ":area", area);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) read_report(st, out, a);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

StoreRc store_monthly_find(Store *s, Month month, const char *area, MonthlyReport *out, Arena *a)
{
    return report_of(s, month, area, out, a);
}

StoreRc store_monthly_list(Store *s, const Scope *scope, Month month, const char *area_prefix, const char *status,
                           MonthlyReportFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, MONTHLY_LIST_SQL);
    if (!st) return STORE_ERROR;
    bind_scope_range(st, scope->prefix);
    char lo[16], hi[16];
    db_scope_bounds(area_prefix, lo, hi);
    db_bind_text(st, ":alo", lo);
    db_bind_text(st, ":ahi", hi);
    bind_month(st, ":month", month);
    db_bind_text(st, ":status", status);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        MonthlyReport r;
        read_report(st, &r, a);
        if (fn(ctx, &r)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_monthly_below(Store *s, const MonthlyReport *r, MonthlyReportFn fn, void *ctx, Arena *a)
{
    if (r->level >= 3) return STORE_OK;
    /* areas directly below with children recorded by the month's end, or with a report of the month */
    sqlite3_stmt *st = db_prepare(s, MONTHLY_BELOW_SQL);
    if (!st) return STORE_ERROR;
    char month[MONTH_BUF], next[11];
    db_bind_text(st, ":month", month_format(r->month, month));
    db_bind_text(st, ":next", date_format(month_first_day(r->month + 1), next));
    db_bind_text(st, ":parent", r->area);
    /* gathered first: each is then read with another statement */
    typedef struct Below {
        const char *code, *name;
        int level;
        long long id;
    } Below;
    Below *rows = NULL;
    int n = 0, rc;
    long cap = 0;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        rows = arena_grow(a, rows, n, &cap, sizeof *rows, 64);
        rows[n++] = (Below){db_text_dup(st, 0, a), db_text_dup(st, 1, a), sqlite3_column_int(st, 2),
                            sqlite3_column_int64(st, 3)};
    }
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    for (int i = 0; i < n; i++) {
        MonthlyReport b = {.month = r->month, .area = rows[i].code, .area_name = rows[i].name, .level = rows[i].level};
        if (rows[i].id) {
            StoreRc x = report_of(s, r->month, rows[i].code, &b, a);
            if (x != STORE_OK) return x;
        }
        if (fn(ctx, &b)) break;
    }
    return STORE_OK;
}

/* ---- the areas below, with their figures from the ledger ---- */

static bool is_frozen(const char *status)
{
    return status && (strcmp(status, "submitted") == 0 || strcmp(status, "accepted") == 0);
}
static bool not_frozen(const MonthlyReport *b) { return !is_frozen(b->status); }
static bool frozen(const MonthlyReport *b) { return is_frozen(b->status); }
static bool no_report(const MonthlyReport *b) { return !b->status; }

/* The areas below a report, gathered from store_monthly_below (in the arena). */
typedef struct BelowRows {
    MonthlyReport *rows;
    int n;
    long cap;
    Arena *a;
} BelowRows;

static int collect_below(void *ctx, const MonthlyReport *b)
{
    BelowRows *x = ctx;
    x->rows = arena_grow(x->a, x->rows, x->n, &x->cap, sizeof *x->rows, 64);
    x->rows[x->n++] = *b;
    return 0;
}

/* The areas below R into OUT, and into *LEDGER (arena A, one per area) the
   figures of those that WANT selects from the ledger now, in one pass over
   R's area (store_monthly_compute_below); the others' stay 0. SELF: NULL,
   or R's area's own figures from the same pass. */
static StoreRc below_with_ledger(Store *s, const MonthlyReport *r, bool (*want)(const MonthlyReport *), BelowRows *out,
                                 MonthlyValues **ledger, MonthlyValues *self, Arena *a)
{
    *out = (BelowRows){NULL, 0, 0, a};
    StoreRc rc = store_monthly_below(s, r, collect_below, out, a);
    if (rc != STORE_OK) return rc;
    *ledger = arena_alloc(a, (size_t)(out->n ? out->n : 1) * sizeof **ledger);
    memset(*ledger, 0, (size_t)(out->n ? out->n : 1) * sizeof **ledger);
    const char **areas = arena_alloc(a, (size_t)(out->n ? out->n : 1) * sizeof *areas);
    int *at = arena_alloc(a, (size_t)(out->n ? out->n : 1) * sizeof *at);
    int m = 0;
    for (int i = 0; i < out->n; i++)
        if (want(&out->rows[i])) at[m] = i, areas[m++] = out->rows[i].area;
    MonthlyValues *v = arena_alloc(a, (size_t)(m ? m : 1) * sizeof *v);
    if ((rc = store_monthly_compute_below(s, r->area, r->month, m, areas, v, self)) != STORE_OK) return rc;
    for (int k = 0; k < m; k++) (*ledger)[at[k]] = v[k];
    return STORE_OK;
}

StoreRc store_monthly_below_figures(Store *s, const MonthlyReport *r, MonthlyReportFn fn, void *ctx,
                                    MonthlyValues *self, Arena *a)
{
    BelowRows b;
    MonthlyValues *ledger;
    StoreRc rc = below_with_ledger(s, r, no_report, &b, &ledger, self, a);
    for (int i = 0; rc == STORE_OK && i < b.n; i++) {
        if (no_report(&b.rows[i])) b.rows[i].figures = ledger[i];
        if (fn(ctx, &b.rows[i])) break;
    }
    return rc;
}

/* ---- the figures of a report ---- */

/* A village's figures from the ledger; a town's or the city's as the sum of
   the areas below it (their frozen reports, or the ledger for those not
   submitted), with its own figures for those that do not roll up by sum. */
static StoreRc report_figures(Store *s, const MonthlyReport *r, MonthlyValues *out, Arena *a)
{
    if (r->level == 3) return store_monthly_compute(s, r->area, r->month, out);
    memset(out, 0, sizeof *out);
    BelowRows b;
    MonthlyValues *ledger;
    StoreRc rc = below_with_ledger(s, r, not_frozen, &b, &ledger, NULL, a);
    if (rc != STORE_OK) return rc;
    for (int i = 0; i < b.n; i++) monthly_add(out, is_frozen(b.rows[i].status) ? &b.rows[i].figures : &ledger[i]);
    /* the groups of the figures each level computes for itself (a town's
       activities, the rescue centre), computed for this area alone: not a
       pass over all its children for the figures that are sums */
    const char *own_groups[32];
    int n = 0;
    for (int i = 0; i < monthly_count() && n < 31; i++) {
        const char *g = MONTHLY_FIGURES[i].group;
        if (MONTHLY_FIGURES[i].rollup == ROLLUP_OWN && (n == 0 || strcmp(own_groups[n - 1], g) != 0)) own_groups[n++] = g;
    }
    own_groups[n] = NULL;
    if (n == 0) return STORE_OK;
    MonthlyValues own;
    if ((rc = store_monthly_compute_groups(s, r->area, r->month, DATE_NONE, own_groups, &own)) != STORE_OK) return rc;
    for (int k = 0; k < monthly_count(); k++)
        if (MONTHLY_FIGURES[k].rollup == ROLLUP_OWN) out->v[k] = own.v[k];
    return STORE_OK;
}

static StoreRc save_figures(Store *s, long long id, const MonthlyValues *v, const char *status, const Change *ch)
{
    json_t *j = monthly_to_json(v);
    char *text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    sqlite3_stmt *st = db_prepare(s, "UPDATE monthly_report SET figures = :figures, status = :status, "
                                     "generated_at = CASE WHEN :status <> 'submitted' THEN :at ELSE generated_at END, "
                                     "generated_by = CASE WHEN :status <> 'submitted' THEN :by ELSE generated_by END, "
                                     "submitted_at = CASE WHEN :status = 'submitted' THEN :at ELSE submitted_at END, "
                                     "submitted_by = CASE WHEN :status = 'submitted' THEN :by ELSE submitted_by END "
                                     "WHERE id = :id");
    if (!st || !text) {
        free(text);
        return STORE_ERROR;
    }
    db_bind_text(st, ":figures", text);
    db_bind_text(st, ":status", status);
    db_bind_text(st, ":at", ch->at);
    db_bind_text(st, ":by", ch->author);
    db_bind_int64(st, ":id", id);
    StoreRc r = step_done(s, st);
    free(text);
    return r;
}

static StoreRc add_step(Store *s, long long id, const char *action, const char *by, const char *at, const char *reason)
{
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO monthly_report_step(report_id, action, at, account, reason) "
                                     "VALUES (:id, :action, :at, :by, :reason)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    db_bind_text(st, ":action", action);
    db_bind_text(st, ":at", at);
    db_bind_text(st, ":by", by);
    db_bind_text(st, ":reason", reason);
    return step_done(s, st);
}

/* ---- generating ---- */

static StoreRc insert_report(Store *s, Month month, const Area *area, const Change *ch, long long *id)
{
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO monthly_report(month, area, level, status, figures, generated_at, "
                                     "generated_by) VALUES (:month, :area, :level, 'draft', '{}', :at, :by)");
    if (!st) return STORE_ERROR;
    bind_month(st, ":month", month);
    db_bind_text(st, ":area", area->code);
    db_bind_int64(st, ":level", area->level);
    db_bind_text(st, ":at", ch->at);
    db_bind_text(st, ":by", ch->author);
    StoreRc r = step_done(s, st);
    *id = sqlite3_last_insert_rowid(s->db);
    return r;
}

StoreRc store_monthly_generate(Store *s, const Scope *scope, Month month, const char *area, Date today,
                               const Change *ch, MonthlyReport *out, bool *created, Problems *p, Arena *a)
{
    *created = false;
    if (!db_require_tx(s, "store_monthly_generate")) return STORE_ERROR;
    Area ar;
    StoreRc r = store_area_get(s, area, &ar, a);
    if (r == STORE_NOTFOUND || (r == STORE_OK && !store_scope_contains(scope, area))) return STORE_NOTFOUND;
    if (r != STORE_OK) return r;
    if (ar.level != monthly_area_level(area)) {
        problems_add(p, "area", "monthly_area_level", area);
        return STORE_INVALID;
    }
    char m[MONTH_BUF];
    if (month > month_of(today)) {
        problems_add(p, "month", "monthly_future", month_format(month, m));
        return STORE_INVALID;
    }
    MonthlyReport cur;
    r = report_of(s, month, area, &cur, a);
    if (r == STORE_NOTFOUND) {
        long long id;
        if ((r = insert_report(s, month, &ar, ch, &id)) != STORE_OK) return r;
        *created = true;
        if ((r = report_of(s, month, area, &cur, a)) != STORE_OK) return r;
    } else if (r != STORE_OK) {
        return r;
    } else if (is_frozen(cur.status)) {
        problems_add(p, NULL, "monthly_state", cur.status);
        return STORE_INVALID;
    }
    MonthlyValues v;
    if ((r = report_figures(s, &cur, &v, a)) != STORE_OK) return r;
    /* a returned report stays returned until it is submitted again */
    const char *status = strcmp(cur.status, "returned") == 0 ? "returned" : "draft";
    if ((r = save_figures(s, cur.id, &v, status, ch)) != STORE_OK) return r;
    if ((r = add_step(s, cur.id, "generate", ch->author, ch->at, NULL)) != STORE_OK) return r;
    return report_of(s, month, area, out, a);
}

/* ---- the workflow ---- */

/* An area below must have submitted, and its ledger (NOW) not have changed since. */
static void check_below(Problems *p, const MonthlyReport *b, const MonthlyValues *now)
{
    const char *field = arena_printf(p->arena, "below.%s", b->area);
    if (!is_frozen(b->status)) {
        problems_add(p, field, "monthly_children_pending", b->area_name, b->area);
        return;
    }
    for (int i = 0; i < monthly_count(); i++) {
        const MonthlyFigure *f = &MONTHLY_FIGURES[i];
        if (b->figures.v[i] == now->v[i]) continue;
        char *zh = arena_printf(p->arena, "%s（%s）上报后台账有更正：%s上报%lld，现为%lld；请退回该月报，由其重新上报",
                                b->area_name, b->area, f->zh, b->figures.v[i], now->v[i]);
        char *en = arena_printf(p->arena, "the ledger of %s (%s) was corrected after it submitted: %s was %lld, "
                                             "now %lld; return its report to have it submitted again",
                                b->area_name, b->area, f->en, b->figures.v[i], now->v[i]);
        problems_add_texts(p, field, "monthly_child_changed", zh, en);
        break;
    }
}

/* Loads the report of STEP for a step; adds monthly_state unless its status is one of WANT ("a|b"). */
static StoreRc load_for_step(Store *s, const MonthlyStep *step, const char *want, MonthlyReport *r, Problems *p,
                             Arena *a)
{
    StoreRc rc = store_monthly_get(s, &SCOPE_ALL, step->id, r, a);
    if (rc != STORE_OK) return rc;
    char pattern[64];
    snprintf(pattern, sizeof pattern, "|%s|", want);
    char needle[32];
    snprintf(needle, sizeof needle, "|%s|", r->status);
    if (!strstr(pattern, needle)) {
        problems_add(p, NULL, "monthly_state", r->status);
        return STORE_INVALID;
    }
    return STORE_OK;
}

StoreRc store_monthly_submit(Store *s, const MonthlyStep *step, Problems *p)
{
    if (!db_require_tx(s, "store_monthly_submit")) return STORE_ERROR;
    Arena *a = p->arena;
    MonthlyReport r;
    StoreRc rc = load_for_step(s, step, "draft|returned", &r, p, a);
    if (rc != STORE_OK) return rc;
    if (!monthly_may_submit(step->actor_area, r.area)) {
        problems_add(p, NULL, "monthly_own_area_only", step->actor, step->actor_area, r.area);
        return STORE_INVALID;
    }
    size_t before = p->count;
    if (r.level < 3) {
        BelowRows b;
        MonthlyValues *ledger;
        if ((rc = below_with_ledger(s, &r, frozen, &b, &ledger, NULL, a)) != STORE_OK) return rc;
        for (int i = 0; i < b.n; i++) check_below(p, &b.rows[i], &ledger[i]);
    }
    MonthlyValues v, prev;
    if ((rc = report_figures(s, &r, &v, a)) != STORE_OK) return rc;
    /* last month's children, for the cross-check of the change: that group only */
    static const char *const children_group[] = {"children", NULL};
    if ((rc = store_monthly_compute_groups(s, r.area, r.month - 1, DATE_NONE, children_group, &prev)) != STORE_OK)
        return rc;
    monthly_check(&v, monthly_get(&prev, "children.total"), p);
    if (p->count != before) return STORE_INVALID;
    Change ch = {step->actor, NULL, step->at};
    if ((rc = save_figures(s, r.id, &v, "submitted", &ch)) != STORE_OK) return rc;
    return add_step(s, r.id, "submit", step->actor, step->at, NULL);
}

/* The level above acts on a submitted report: "return" or "accept". */
static StoreRc review(Store *s, const MonthlyStep *step, bool accept, Problems *p)
{
    if (!db_require_tx(s, accept ? "store_monthly_accept" : "store_monthly_return")) return STORE_ERROR;
    Arena *a = p->arena;
    MonthlyReport r;
    StoreRc rc = load_for_step(s, step, "submitted", &r, p, a);
    if (rc != STORE_OK) return rc;
    char parent[13];
    if (!monthly_area_parent(r.area, parent)) snprintf(parent, sizeof parent, "-");   /* the city has none here */
    if (!monthly_may_review(step->actor_area, r.area)) {
        problems_add(p, NULL, "monthly_review_only", r.area, parent);
        return STORE_INVALID;
    }
    if (!accept) {
        if (!step->reason || !*step->reason) {
            problems_add(p, "reason", "monthly_reason_required");
            return STORE_INVALID;
        }
        MonthlyReport up;
        rc = report_of(s, r.month, parent, &up, a);
        if (rc == STORE_OK && is_frozen(up.status)) {
            problems_add(p, NULL, "monthly_parent_submitted", up.area_name);
            return STORE_INVALID;
        }
        if (rc != STORE_OK && rc != STORE_NOTFOUND) return rc;
    }
    sqlite3_stmt *st =
        accept ? db_prepare(s, "UPDATE monthly_report SET status = 'accepted', accepted_at = :at, accepted_by = :by "
                               "WHERE id = :id")
               : db_prepare(s, "UPDATE monthly_report SET status = 'returned', returned_at = :at, returned_by = :by, "
                               "returned_reason = :reason WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":at", step->at);
    db_bind_text(st, ":by", step->actor);
    if (!accept) db_bind_text(st, ":reason", step->reason);
    db_bind_int64(st, ":id", r.id);
    if ((rc = step_done(s, st)) != STORE_OK) return rc;
    return add_step(s, r.id, accept ? "accept" : "return", step->actor, step->at, step->reason);
}

StoreRc store_monthly_return(Store *s, const MonthlyStep *step, Problems *p) { return review(s, step, false, p); }
StoreRc store_monthly_accept(Store *s, const MonthlyStep *step, Problems *p) { return review(s, step, true, p); }
