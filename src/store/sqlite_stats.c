/*
** SQLite backend: the statistics summary (see store_stats.h). A town's and
** the city's figures come from the counter tables the stats migration keeps
** by triggers (stat_area, stat_category, stat_birth, stat_flow): a few
** thousand rows for the whole city. A village's come from the ledger itself
** (a few thousand records), by the same code that recounts any area for the
** tests and the benchmark's baseline.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/codes.h"
#include "store/db.h"
#include "store/sqlite_stats_sql.h"
#include "store/store_stats.h"

enum { TOWN_DIGITS = 9, VILLAGE_DIGITS = 12 };

int stats_category_index(const char *code)
{
    for (int i = 0; code && CODES_CATEGORY.entries[i].code && i < STATS_CATEGORIES; i++)
        if (strcmp(CODES_CATEGORY.entries[i].code, code) == 0) return i;
    return -1;
}

/* ---- units: the towns, or the villages of a town ---- */

typedef struct Units {
    StatsUnit *items;
    int n;
    long cap;
} Units;

/* The unit of the first DIGITS (9 or 12) of KEY (a town's code is its 9
   digits and "000"), added on first sight. In A. */
static StatsUnit *unit_of(Units *u, const char *key, size_t digits, Arena *a)
{
    char code[13] = "000000000000";
    size_t n = strlen(key);
    if (n > digits) n = digits;
    memcpy(code, key, n < 12 ? n : 12);
    for (int i = 0; i < u->n; i++)
        if (strcmp(u->items[i].code, code) == 0) return &u->items[i];
    u->items = arena_grow(a, u->items, u->n, &u->cap, sizeof *u->items, 64);
    StatsUnit *x = &u->items[u->n++];
    x->code = arena_strdup(a, code);
    return x;
}

static int unit_cmp(const void *a, const void *b)
{
    return strcmp(((const StatsUnit *)a)->code, ((const StatsUnit *)b)->code);
}

/* Sorts the units by code and names them from the area tree. */
static StoreRc units_finish(Store *s, Units *u, StatsUnit **items, int *n, Arena *a)
{
    qsort(u->items, (size_t)u->n, sizeof *u->items, unit_cmp);
    for (int i = 0; i < u->n; i++) {
        Area area;
        StoreRc r = store_area_get(s, u->items[i].code, &area, a);
        if (r == STORE_OK) u->items[i].name = area.name;
        else if (r != STORE_NOTFOUND) return r;
    }
    *items = u->items;
    *n = u->n;
    return STORE_OK;
}

int stats_status_index(const char *code)
{
    for (int i = 0; code && CODES_RECORD_STATUS.entries[i].code && i < STATS_STATUSES; i++)
        if (strcmp(CODES_RECORD_STATUS.entries[i].code, code) == 0) return i;
    return -1;
}

/* N records of STATUS and SEX in unit X: the active ones are its children. */
static void add_records(StatsUnit *x, const char *status, const char *sex, long long n)
{
    x->records += n;
    int k = stats_status_index(status);
    if (k >= 0) x->by_status[k] += n;
    if (!status || strcmp(status, "active") != 0) return;
    x->children += n;
    if (sex && strcmp(sex, "male") == 0) x->male += n;
    else x->female += n;
}

static void add_category(long long *by_category, const char *code, long long n)
{
    int k = stats_category_index(code);
    if (k >= 0) by_category[k] += n;
}

/* The summary's own totals: the sum of its towns. */
static void sum_towns(StatsSummary *out)
{
    for (int i = 0; i < out->n_towns; i++) {
        const StatsUnit *t = &out->towns[i];
        out->records += t->records;
        out->children += t->children;
        out->male += t->male;
        out->female += t->female;
        for (int k = 0; k < STATS_STATUSES; k++) out->by_status[k] += t->by_status[k];
        for (int k = 0; k < STATS_CATEGORIES; k++) out->by_category[k] += t->by_category[k];
    }
}

/* ---- the counters ---- */

/* Children by sex and by category of each unit: the area's code cut to
   DIGITS (9: towns, 12: villages). */
static StoreRc count_units(Store *s, const char *lo, const char *hi, int digits, Units *u, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, STATS_SEX_SQL);
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW)
        add_records(unit_of(u, db_text(st, 0), (size_t)digits, a), db_text(st, 1), db_text(st, 2),
                    sqlite3_column_int64(st, 3));
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    st = db_prepare(s, STATS_CATEGORY_SQL);
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    while ((rc = db_step(s, st)) == SQLITE_ROW)
        add_category(unit_of(u, db_text(st, 0), (size_t)digits, a)->by_category, db_text(st, 1),
                     sqlite3_column_int64(st, 2));
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* Active children in [LO, HI) born in BY's month up to the text bound BY
   (its day: stats_born_by() gives "YYYY-MM-DD"), from the ledger: one seek
   of child_birth (birth date, status, area) per day, reading the area's
   children only (the city's births of a month are some 7,500 entries). */
static StoreRc count_born_in_month_by(Store *s, const char *lo, const char *hi, const char *by, long long *out)
{
    char month[8];
    snprintf(month, sizeof month, "%.7s", by);
    sqlite3_stmt *st = db_prepare(s, STATS_BORN_IN_MONTH_SQL);
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":month", month);
    db_bind_int64(st, ":days", atoi(by + 8));
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) *out += sqlite3_column_int64(st, 0);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : db_rc(s, rc);
}

/* Children by age band on AS_OF: for each band, those born on or before its
   bound (stats_born_by): the months before the bound's from the counters,
   the bound's own month from the ledger; the bands are the differences. */
static StoreRc count_ages(Store *s, const char *lo, const char *hi, Date as_of, StatsSummary *out)
{
    char by[STATS_AGE_BANDS][11];
    long long aged[STATS_AGE_BANDS] = {0};
    for (int i = 0; i < STATS_AGE_BANDS; i++) stats_born_by(as_of, STATS_AGE_BAND[i].from, by[i]);
    sqlite3_stmt *st = db_prepare(s, STATS_BIRTH_SQL);
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        const char *month = db_text(st, 0);
        for (int i = 1; i < STATS_AGE_BANDS; i++)
            if (strncmp(month, by[i], 7) < 0) aged[i] += sqlite3_column_int64(st, 1);
    }
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    for (int i = 1; i < STATS_AGE_BANDS; i++) {
        StoreRc r = count_born_in_month_by(s, lo, hi, by[i], &aged[i]);
        if (r != STORE_OK) return r;
    }
    aged[0] = out->children;   /* everyone is at least 0, those born after AS_OF included */
    for (int i = 0; i < STATS_AGE_BANDS; i++)
        out->by_age[i] = aged[i] - (i + 1 < STATS_AGE_BANDS ? aged[i + 1] : 0);
    return STORE_OK;
}

/* New and ended records, and the allowances of locked payrolls, by month. */
static StoreRc count_months(Store *s, const char *lo, const char *hi, Date as_of, StatsSummary *out)
{
    Month last = month_of(as_of);
    char from[MONTH_BUF], to[MONTH_BUF];
    month_format(last - (STATS_MONTHS - 1), from);
    month_format(last, to);
    for (int i = 0; i < STATS_MONTHS; i++) out->months[i].month = last - (STATS_MONTHS - 1) + i;
    sqlite3_stmt *st = db_prepare(s, STATS_FLOW_SQL);
    if (!st) return STORE_ERROR;
    for (int i = 0; i < STATS_MONTHS; i++) {
        static const char *const names[] = {":m0", ":m1", ":m2", ":m3", ":m4", ":m5",
                                            ":m6", ":m7", ":m8", ":m9", ":m10", ":m11"};
        _Static_assert(sizeof names / sizeof *names == STATS_MONTHS, "one parameter a month");
        char m[MONTH_BUF];
        db_bind_text(st, names[i], month_format(out->months[i].month, m));
    }
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    int rc;
    Month m;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        if (!month_parse(db_text(st, 0), &m)) continue;
        StatsMonth *x = &out->months[m - out->months[0].month];
        x->new_records = sqlite3_column_int64(st, 1);
        x->ended = sqlite3_column_int64(st, 2);
    }
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    st = db_prepare(s, STATS_PAID_SQL);
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":from", from);
    db_bind_text(st, ":to", to);
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    /* the town of every village in [lo, hi): a line's town is its village's (town_of() in sqlite_payroll.c) */
    char town[10], tlo[16], thi[16];
    snprintf(town, sizeof town, "%.9s", lo);
    db_scope_bounds(town, tlo, thi);
    db_bind_text(st, ":tlo", tlo);
    db_bind_text(st, ":thi", thi);
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        if (!month_parse(db_text(st, 0), &m)) continue;
        StatsMonth *x = &out->months[m - out->months[0].month];
        x->paid = sqlite3_column_int64(st, 1);
        x->paid_children = sqlite3_column_int64(st, 2);
    }
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_stats_summary(Store *s, const char *prefix, Date as_of, StatsSummary *out, Arena *a)
{
    size_t len = prefix ? strlen(prefix) : 0;
    if (len > TOWN_DIGITS) {
        /* a village: its few thousand records are counted as they are */
        StoreRc r = store_stats_recount(s, prefix, as_of, out, a);
        char lo[16], hi[16];
        db_scope_bounds(prefix, lo, hi);
        return r == STORE_OK ? count_months(s, lo, hi, as_of, out) : r;
    }
    memset(out, 0, sizeof *out);
    char lo[16], hi[16];
    db_scope_bounds(prefix, lo, hi);
    Units towns = {0}, villages = {0};
    StoreRc r = count_units(s, lo, hi, TOWN_DIGITS, &towns, a);
    if (r == STORE_OK) r = units_finish(s, &towns, &out->towns, &out->n_towns, a);
    if (r == STORE_OK && len == TOWN_DIGITS) r = count_units(s, lo, hi, VILLAGE_DIGITS, &villages, a);
    if (r == STORE_OK && len == TOWN_DIGITS) r = units_finish(s, &villages, &out->villages, &out->n_villages, a);
    if (r != STORE_OK) return r;
    sum_towns(out);
    r = count_ages(s, lo, hi, as_of, out);
    return r == STORE_OK ? count_months(s, lo, hi, as_of, out) : r;
}

/* ---- the ledger itself ---- */

StoreRc store_stats_recount(Store *s, const char *prefix, Date as_of, StatsSummary *out, Arena *a)
{
    memset(out, 0, sizeof *out);
    size_t len = prefix ? strlen(prefix) : 0;
    char lo[16], hi[16];
    db_scope_bounds(prefix, lo, hi);
    Units towns = {0}, villages = {0};
    sqlite3_stmt *st = db_prepare(s, "SELECT area, status, sex, birth_date FROM child WHERE area >= :lo AND area < :hi");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        const char *area = db_text(st, 0), *status = db_text(st, 1), *sex = db_text(st, 2);
        char town[TOWN_DIGITS + 1];
        snprintf(town, sizeof town, "%s", area);
        add_records(unit_of(&towns, town, TOWN_DIGITS, a), status, sex, 1);
        if (len >= TOWN_DIGITS) add_records(unit_of(&villages, area, VILLAGE_DIGITS, a), status, sex, 1);
        Date birth;
        if (strcmp(status, "active") == 0 && date_parse_iso(db_text(st, 3), &birth))
            out->by_age[stats_age_band(birth, as_of)]++;
    }
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    st = db_prepare(s, "SELECT DISTINCT c.id, c.area, cc.code FROM child c JOIN child_category cc ON cc.child_id = c.id "
                       "WHERE c.area >= :lo AND c.area < :hi AND c.status = 'active' AND cc.status <> 'ended'");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        const char *area = db_text(st, 1), *code = db_text(st, 2);
        char town[TOWN_DIGITS + 1];
        snprintf(town, sizeof town, "%s", area);
        add_category(unit_of(&towns, town, TOWN_DIGITS, a)->by_category, code, 1);
        if (len >= TOWN_DIGITS) add_category(unit_of(&villages, area, VILLAGE_DIGITS, a)->by_category, code, 1);
    }
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    StoreRc r = units_finish(s, &towns, &out->towns, &out->n_towns, a);
    if (r == STORE_OK && len >= TOWN_DIGITS) r = units_finish(s, &villages, &out->villages, &out->n_villages, a);
    if (r == STORE_OK) sum_towns(out);
    return r;
}
