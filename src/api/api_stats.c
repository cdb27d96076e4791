/*
** Statistics and supervision (issue #7):
**   GET /api/v1/stats/summary?area=&as_of=          the active children of an area and below:
**                                                  by category, sex, age band, town (and village),
**                                                  new and ended records and allowances paid by month
**   GET /api/v1/supervision/overdue?area=&horizon=&kind=&limit=
**                                                  everything overdue or due within HORIZON days,
**                                                  from the sources of store/sqlite_overdue.c,
**                                                  with towns and villages ranked by their overdue work
**
** The area defaults to the caller's own; one outside the caller's scope is
** 404, as if it did not exist. Figures are counts; the overdue list names
** children, so each one listed is recorded in the audit entry.
*/
#include <stdlib.h>
#include <string.h>
#include "api/handlers.h"
#include "domain/codes.h"
#include "http/response.h"
#include "store/store_overdue.h"
#include "store/store_stats.h"
#include "util/clock.h"

/* ---- shared helpers ---- */

/* The area the request asks about (its "area" parameter, else the caller's
   own) into *AREA, if it exists within the caller's scope of children; else
   answers 404 and returns false. */
static bool requested_area(Request *req, Area *area)
{
    const char *code = req_param(req, "area");
    if (!code) code = req->caller->account.area;
    StoreRc r = store_scope_contains(&req->scope, code) ? store_area_get(req->store, code, area, req->arena)
                                                       : STORE_NOTFOUND;
    if (r == STORE_NOTFOUND) res_fail(req, 404, "no_such_area_path", code);
    else if (r != STORE_OK) res_store_error(req, r);
    return r == STORE_OK;
}

static json_t *date_json(Date d)
{
    char buf[11];
    return json_string(date_format(d, buf));
}

static json_t *yuan(Fen fen)
{
    char buf[MONEY_BUF];
    return json_string(money_format(fen, buf));
}

/* ---- the summary ---- */

static json_t *categories_json(const long long *by_category)
{
    json_t *o = json_object();
    for (int i = 0; CODES_CATEGORY.entries[i].code && i < STATS_CATEGORIES; i++)
        json_object_set_new(o, CODES_CATEGORY.entries[i].code, json_integer(by_category[i]));
    return o;
}

static json_t *units_json(const StatsUnit *units, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++) {
        const StatsUnit *u = &units[i];
        json_array_append_new(a, json_pack("{s:s, s:o, s:I, s:I, s:I, s:o}", "code", u->code, "name",
                                           u->name ? json_string(u->name) : json_null(), "children",
                                           (json_int_t)u->children, "male", (json_int_t)u->male, "female",
                                           (json_int_t)u->female, "by_category", categories_json(u->by_category)));
    }
    return a;
}

static json_t *months_json(const StatsMonth *months)
{
    json_t *a = json_array();
    for (int i = 0; i < STATS_MONTHS; i++) {
        const StatsMonth *m = &months[i];
        char buf[MONTH_BUF];
        json_array_append_new(a, json_pack("{s:s, s:I, s:I, s:o, s:I}", "month", month_format(m->month, buf), "new",
                                           (json_int_t)m->new_records, "ended", (json_int_t)m->ended, "paid",
                                           yuan(m->paid), "paid_children", (json_int_t)m->paid_children));
    }
    return a;
}

static json_t *summary_json(const Area *area, Date as_of, const StatsSummary *x)
{
    json_t *ages = json_object();
    for (int i = 0; i < STATS_AGE_BANDS; i++) json_object_set_new(ages, STATS_AGE_BAND[i].code, json_integer(x->by_age[i]));
    json_t *j = json_pack("{s:s, s:s, s:i, s:o, s:I, s:{s:I, s:I}, s:o, s:o, s:o, s:o}", "area", area->code,
                          "area_name", area->name, "level", area->level, "as_of", date_json(as_of), "children",
                          (json_int_t)x->children, "by_sex", "male", (json_int_t)x->male, "female",
                          (json_int_t)x->female, "by_age", ages, "by_category", categories_json(x->by_category),
                          "by_town", units_json(x->towns, x->n_towns), "months", months_json(x->months));
    if (x->villages) json_object_set_new(j, "by_village", units_json(x->villages, x->n_villages));
    return j;
}

void api_stats_summary(Request *req)
{
    Area area;
    if (!requested_area(req, &area)) return;
    Date as_of = req_param_date(req, "as_of");
    if (!date_is_set(as_of)) as_of = clock_today();
    StatsSummary x;
    StoreRc r = store_stats_summary(req->store, area_prefix_of(req->arena, area.code), as_of, &x, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "area:%s", area.code));
    res_json(req, 200, summary_json(&area, as_of, &x));
}

/* ---- overdue work ---- */

enum { OVERDUE_DEFAULT_LIMIT = 200, OVERDUE_DEFAULT_HORIZON = 30 };

typedef struct Collected {
    Arena *a;
    OverdueItem *items;
    int n, cap;
} Collected;

/* Keeps a copy of ITEM: the source's strings may live only until we return. */
static int collect_item(void *ctx, const OverdueItem *item)
{
    Collected *c = ctx;
    if (c->n == c->cap) {
        int cap = c->cap ? c->cap * 2 : 256;
        OverdueItem *items = arena_alloc(c->a, (size_t)cap * sizeof *items);
        if (c->n) memcpy(items, c->items, (size_t)c->n * sizeof *items);
        c->items = items;
        c->cap = cap;
    }
    OverdueItem *x = &c->items[c->n++];
    *x = (OverdueItem){arena_strdup(c->a, item->kind), arena_strdup(c->a, item->record), item->child_id,
                       arena_strdup(c->a, item->area), arena_strdup(c->a, item->due), arena_strdup(c->a, item->title),
                       arena_strdup(c->a, item->actor)};
    return 0;
}

static int by_due(const void *a, const void *b)
{
    const OverdueItem *x = a, *y = b;
    int c = strcmp(x->due, y->due);
    return c ? c : strcmp(x->record, y->record);
}

/* Counts per area code cut to DIGITS (towns 9, villages 12), ranked by count. */
typedef struct Rank {
    char code[13];
    long long overdue, due_soon;
} Rank;

static int by_overdue(const void *a, const void *b)
{
    const Rank *x = a, *y = b;
    if (x->overdue != y->overdue) return x->overdue < y->overdue ? 1 : -1;
    if (x->due_soon != y->due_soon) return x->due_soon < y->due_soon ? 1 : -1;
    return strcmp(x->code, y->code);
}

static json_t *ranking_json(Request *req, const Collected *c, const char *today, int digits)
{
    Rank *ranks = arena_alloc(req->arena, (size_t)(c->n ? c->n : 1) * sizeof *ranks);
    int n = 0;
    for (int i = 0; i < c->n; i++) {
        char code[13] = "000000000000";
        memcpy(code, c->items[i].area, strlen(c->items[i].area) < (size_t)digits ? strlen(c->items[i].area) : (size_t)digits);
        int k = 0;
        while (k < n && strcmp(ranks[k].code, code) != 0) k++;
        if (k == n) snprintf(ranks[n++].code, sizeof ranks->code, "%s", code);
        if (strcmp(c->items[i].due, today) < 0) ranks[k].overdue++;
        else ranks[k].due_soon++;
    }
    qsort(ranks, (size_t)n, sizeof *ranks, by_overdue);
    json_t *a = json_array();
    for (int i = 0; i < n; i++) {
        Area area;
        const char *name = store_area_get(req->store, ranks[i].code, &area, req->arena) == STORE_OK ? area.name : NULL;
        json_array_append_new(a, json_pack("{s:s, s:o, s:I, s:I}", "code", ranks[i].code, "name",
                                           name ? json_string(name) : json_null(), "overdue",
                                           (json_int_t)ranks[i].overdue, "due_soon", (json_int_t)ranks[i].due_soon));
    }
    return a;
}

void api_supervision_overdue(Request *req)
{
    Area area;
    if (!requested_area(req, &area)) return;
    int horizon = (int)req_param_int(req, "horizon", OVERDUE_DEFAULT_HORIZON);
    int limit = (int)req_param_int(req, "limit", OVERDUE_DEFAULT_LIMIT);
    char today[11];
    date_format(clock_today(), today);
    const Scope scope = {area_prefix_of(req->arena, area.code)};
    Collected c = {.a = req->arena};
    StoreRc r = store_overdue_collect(req->store, &scope, req_param(req, "kind"), today, horizon, collect_item, &c,
                                      req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    qsort(c.items, (size_t)c.n, sizeof *c.items, by_due);
    json_t *by_kind = json_object(), *items = json_array();
    long long overdue = 0;
    for (int i = 0; i < c.n; i++) {
        const OverdueItem *x = &c.items[i];
        bool late = strcmp(x->due, today) < 0;
        overdue += late;
        json_t *k = json_object_get(by_kind, x->kind);
        json_object_set_new(by_kind, x->kind, json_integer(k ? json_integer_value(k) + 1 : 1));
        if (i >= limit) continue;
        json_array_append_new(items, json_pack("{s:s, s:s, s:I, s:s, s:s, s:b, s:s, s:s}", "kind", x->kind, "record",
                                               x->record, "child_id", (json_int_t)x->child_id, "area", x->area, "due",
                                               x->due, "overdue", late, "title", x->title, "actor", x->actor));
        if (x->child_id) req_audit_id(req, x->child_id);
    }
    json_t *j = json_pack("{s:s, s:s, s:s, s:i, s:I, s:I, s:o, s:o, s:o, s:o}", "area", area.code, "area_name",
                          area.name, "today", today, "horizon", horizon, "total", (json_int_t)c.n, "overdue",
                          (json_int_t)overdue, "by_kind", by_kind, "by_town", ranking_json(req, &c, today, 9),
                          "by_village", ranking_json(req, &c, today, 12), "items", items);
    json_object_set_new(j, "stale_days", json_integer(store_overdue_stale_days(req->store)));
    res_json(req, 200, j);
}
