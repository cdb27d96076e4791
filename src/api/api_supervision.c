/*
** Supervision (督查督办, issue #7): the lists that tell the city and the towns,
** without asking anyone, what is late, who is missed and what is wrong:
**   GET /api/v1/supervision/overdue?area=&horizon=&kind=&limit=
**       everything overdue or due within HORIZON days, from the sources of
**       store/sqlite_overdue.c, with towns and villages ranked by it
**   GET /api/v1/supervision/coverage-gaps?area=&horizon=&limit=
**       children whose facts qualify them for a category they do not hold,
**       or will within HORIZON days (应保尽保); applications stuck past their
**       due day; and the days from the first qualifying fact to the city's
**       confirmation, by town (应保早保)
**   GET /api/v1/supervision/data-quality?area=&limit=
**       missing required fields, ID numbers failing their checks, active
**       children of 18 or more, suspected duplicates (domain/quality.h)
**
** The lists that judge every record (the children not covered, data
** quality) read a town's or a village's records one by one: for the city
** they answer the cheap parts only (coverage) or ask for a town (quality).
** Each child a list names is recorded in the audit entry.
*/
#include <stdlib.h>
#include <string.h>
#include "api/handlers.h"
#include "domain/codes.h"
#include "domain/eligibility.h"
#include "domain/quality.h"
#include "http/response.h"
#include "store/store_allowances.h"
#include "store/store_overdue.h"
#include "util/clock.h"

enum {
    DEFAULT_LIMIT = 200,
    DEFAULT_HORIZON = 30,
    TOWN_DIGITS = 9,
    VILLAGE_DIGITS = 12,
};

/* ---- areas ranked by their work ---- */

typedef struct Rank {
    char code[13];
    long long late, soon;   /* overdue, and due within the horizon (or: findings, 0) */
} Rank;

typedef struct Ranks {
    Rank *items;
    int n;
    long cap;
} Ranks;

/* Counts one item of area CODE (cut to DIGITS) as LATE or not. */
static void rank_add(Ranks *r, Arena *a, const char *code, int digits, bool late)
{
    char key[13] = "000000000000";
    size_t len = strlen(code);
    memcpy(key, code, len < (size_t)digits ? len : (size_t)digits);
    int k = 0;
    while (k < r->n && strcmp(r->items[k].code, key) != 0) k++;
    if (k == r->n) {
        r->items = arena_grow(a, r->items, r->n, &r->cap, sizeof *r->items, 64);
        memcpy(r->items[r->n++].code, key, sizeof key);
    }
    if (late) r->items[k].late++;
    else r->items[k].soon++;
}

static int by_late(const void *a, const void *b)
{
    const Rank *x = a, *y = b;
    if (x->late != y->late) return x->late < y->late ? 1 : -1;
    if (x->soon != y->soon) return x->soon < y->soon ? 1 : -1;
    return strcmp(x->code, y->code);
}

/* The areas, most work first, each {"code", "name", LATE_NAME, SOON_NAME}. */
static json_t *ranks_json(Request *req, Ranks *r, const char *late_name, const char *soon_name)
{
    if (r->n) qsort(r->items, (size_t)r->n, sizeof *r->items, by_late);
    json_t *a = json_array();
    for (int i = 0; i < r->n; i++) {
        Area area;
        const char *name = store_area_get(req->store, r->items[i].code, &area, req->arena) == STORE_OK ? area.name : NULL;
        json_t *j = json_pack("{s:s, s:o, s:I}", "code", r->items[i].code, "name", name ? json_string(name) : json_null(),
                              late_name, (json_int_t)r->items[i].late);
        if (soon_name) json_object_set_new(j, soon_name, json_integer(r->items[i].soon));
        json_array_append_new(a, j);
    }
    return a;
}

static void count_kind(json_t *by_kind, const char *kind)
{
    json_t *k = json_object_get(by_kind, kind);
    json_object_set_new(by_kind, kind, json_integer(k ? json_integer_value(k) + 1 : 1));
}

static Scope scope_of(Request *req, const Area *area) { return (Scope){area_prefix_of(req->arena, area->code)}; }

/* ---- overdue work ---- */

typedef struct Collected {
    Arena *a;
    OverdueItem *items;
    int n;
    long cap;
} Collected;

/* Keeps a copy of ITEM: the source's strings may live only until we return. */
static int collect_item(void *ctx, const OverdueItem *item)
{
    Collected *c = ctx;
    c->items = arena_grow(c->a, c->items, c->n, &c->cap, sizeof *c->items, 256);
    c->items[c->n++] = (OverdueItem){arena_strdup(c->a, item->kind),  arena_strdup(c->a, item->record),
                                     item->child_id,                   arena_strdup(c->a, item->area),
                                     arena_strdup(c->a, item->due),    arena_strdup(c->a, item->title),
                                     arena_strdup(c->a, item->actor)};
    return 0;
}

static int by_due(const void *a, const void *b)
{
    const OverdueItem *x = a, *y = b;
    int c = strcmp(x->due, y->due);
    return c ? c : strcmp(x->record, y->record);
}

static json_t *overdue_item_json(const OverdueItem *x, bool late)
{
    return json_pack("{s:s, s:s, s:I, s:s, s:s, s:b, s:s, s:s}", "kind", x->kind, "record", x->record, "child_id",
                     (json_int_t)x->child_id, "area", x->area, "due", x->due, "overdue", late, "title", x->title,
                     "actor", x->actor);
}

void api_supervision_overdue(Request *req)
{
    Area area;
    if (!stats_requested_area(req, &area)) return;
    int horizon = (int)req_param_int(req, "horizon", DEFAULT_HORIZON);
    int limit = (int)req_param_int(req, "limit", DEFAULT_LIMIT);
    char today[11];
    date_format(clock_today(), today);
    const Scope scope = scope_of(req, &area);
    Collected c = {.a = req->arena};
    StoreRc r = store_overdue_collect(req->store, &scope, req_param(req, "kind"), today, horizon, collect_item, &c,
                                      req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    if (c.n) qsort(c.items, (size_t)c.n, sizeof *c.items, by_due);
    json_t *by_kind = json_object(), *items = json_array();
    Ranks towns = {0}, villages = {0};
    long long overdue = 0;
    for (int i = 0; i < c.n; i++) {
        const OverdueItem *x = &c.items[i];
        bool late = strcmp(x->due, today) < 0;
        overdue += late;
        count_kind(by_kind, x->kind);
        rank_add(&towns, req->arena, x->area, TOWN_DIGITS, late);
        rank_add(&villages, req->arena, x->area, VILLAGE_DIGITS, late);
        if (i >= limit) continue;
        json_array_append_new(items, overdue_item_json(x, late));
        if (x->child_id) req_audit_id(req, x->child_id);
        else req_audit_record(req, x->record);   /* a case, an admission */
    }
    json_t *j = json_pack("{s:s, s:s, s:s, s:i, s:i, s:I, s:I, s:o, s:o, s:o, s:o}", "area", area.code, "area_name",
                          area.name, "today", today, "horizon", horizon, "stale_days",
                          store_overdue_stale_days(req->store), "total", (json_int_t)c.n, "overdue",
                          (json_int_t)overdue, "by_kind", by_kind, "by_town", ranks_json(req, &towns, "overdue", "due_soon"),
                          "by_village", ranks_json(req, &villages, "overdue", "due_soon"), "items", items);
    res_json(req, 200, j);
}

/* ---- coverage gaps ---- */

typedef struct Gaps {
    Request *req;
    Date today, horizon;
    const EligibilityRules *rules;
    Arena *row;              /* per child, reset each time */
    json_t *items, *by_kind;
    Ranks villages;
    int limit;
    long long total;
} Gaps;

static void add_gap(Gaps *g, const char *kind, long long child_id, const char *name, const char *area,
                    const char *category, Date since, const char *detail)
{
    g->total++;
    count_kind(g->by_kind, kind);
    rank_add(&g->villages, g->req->arena, area, VILLAGE_DIGITS, true);
    if ((int)json_array_size(g->items) >= g->limit) return;
    char d[11];
    json_array_append_new(g->items, json_pack("{s:s, s:I, s:s, s:s, s:s, s:o, s:s}", "kind", kind, "child_id",
                                              (json_int_t)child_id, "name", name ? name : "", "area", area,
                                              "category", category, "since",
                                              date_is_set(since) ? json_string(date_format(since, d)) : json_null(),
                                              "detail", detail ? detail : ""));
    req_audit_id(g->req, child_id);
}

static int gap_child(void *ctx, const Child *c)
{
    Gaps *g = ctx;
    arena_reset(g->row);
    EligibilityResult r;
    eligibility_evaluate(c, g->today, g->rules, &r, g->row);
    for (int i = 0; i < r.n; i++) {
        const Judgement *j = &r.items[i];
        if (eligibility_uncovered(&r, j))
            add_gap(g, "uncovered", c->id, c->name, c->area, j->category, j->from, j->reason[LANG_ZH]);
        else if (eligibility_starting(&r, j, g->horizon))
            add_gap(g, "starting", c->id, c->name, c->area, j->category, j->from, j->note[LANG_ZH]);
    }
    return 0;
}

static int stuck_item(void *ctx, const OverdueItem *x)
{
    Gaps *g = ctx;
    Date due;
    date_parse_iso(x->due, &due);
    if (date_cmp(due, g->today) >= 0) return 0;   /* not stuck yet */
    add_gap(g, "stuck", x->child_id, NULL, x->area, "", due, x->title);
    return 0;
}

/* 应保早保: the days from the first qualifying fact to the city's confirmation. */
typedef struct Timeliness {
    Request *req;
    const EligibilityRules *rules;
    Arena *row;
    struct Town {
        char code[13];
        long long confirmed, days, max_days;
    } towns[64];
    int n;
} Timeliness;

static int time_application(void *ctx, const Application *app)
{
    Timeliness *t = ctx;
    arena_reset(t->row);
    Child c;
    if (!date_is_set(app->decided_on) || store_child_get(t->req->store, &SCOPE_ALL, app->child_id, &c, t->row) != STORE_OK)
        return 0;
    EligibilityResult r;
    eligibility_evaluate(&c, app->decided_on, t->rules, &r, t->row);
    const Judgement *j = eligibility_find(&r, app->category);
    /* without a day the facts give, the application's day is the first known */
    Date first = j && date_is_set(j->from) && date_cmp(j->from, app->applied_on) < 0 ? j->from : app->applied_on;
    long days = date_to_days(app->decided_on) - date_to_days(first);
    char code[13] = "000000000000";
    memcpy(code, app->area, strlen(app->area) < TOWN_DIGITS ? strlen(app->area) : TOWN_DIGITS);
    int k = 0;
    while (k < t->n && strcmp(t->towns[k].code, code) != 0) k++;
    if (k == t->n) {
        if (t->n == (int)(sizeof t->towns / sizeof *t->towns)) return 0;
        memcpy(t->towns[t->n++].code, code, sizeof code);
    }
    t->towns[k].confirmed++;
    t->towns[k].days += days;
    if (days > t->towns[k].max_days) t->towns[k].max_days = days;
    return 0;
}

static json_t *timeliness_json(Timeliness *t)
{
    json_t *a = json_array();
    for (int i = 0; i < t->n; i++) {
        Area area;
        const char *name = store_area_get(t->req->store, t->towns[i].code, &area, t->req->arena) == STORE_OK ? area.name : NULL;
        json_array_append_new(a, json_pack("{s:s, s:o, s:I, s:f, s:I}", "code", t->towns[i].code, "name",
                                           name ? json_string(name) : json_null(), "confirmed",
                                           (json_int_t)t->towns[i].confirmed, "average_days",
                                           (double)t->towns[i].days / (double)t->towns[i].confirmed, "max_days",
                                           (json_int_t)t->towns[i].max_days));
    }
    return a;
}

void api_supervision_coverage_gaps(Request *req)
{
    Area area;
    if (!stats_requested_area(req, &area)) return;
    AllowanceRules rules;
    StoreRc r = store_allowance_rules(req->store, &rules);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    const Scope scope = scope_of(req, &area);
    Date today = clock_today();
    char today_text[11];
    date_format(today, today_text);
    Gaps g = {req, today, date_from_days(date_to_days(today) + req_param_int(req, "horizon", DEFAULT_HORIZON)),
              &rules.eligibility, arena_new(), json_array(), json_object(), {0},
              (int)req_param_int(req, "limit", DEFAULT_LIMIT), 0};
    Timeliness t = {.req = req, .rules = &rules.eligibility, .row = g.row};
    bool scanned = area.level >= 2;   /* the city's 1.63 M records are judged town by town */
    if (scanned) {
        ChildFilter f = {.scope = scope, .status = "active"};
        r = store_children_list(req->store, &f, gap_child, &g, NULL, req->arena);
    }
    if (r == STORE_OK)
        r = store_overdue_collect(req->store, &scope, "category_step", today_text, 0, stuck_item, &g, req->arena);
    if (r == STORE_OK) r = store_applications_list(req->store, &scope, "confirmed", 0, time_application, &t, req->arena);
    arena_free(g.row);
    if (r != STORE_OK) {
        json_decref(g.items);
        json_decref(g.by_kind);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200,
             json_pack("{s:s, s:s, s:s, s:b, s:I, s:o, s:o, s:o, s:o}", "area", area.code, "area_name", area.name,
                       "today", today_text, "scanned", scanned, "total", (json_int_t)g.total, "by_kind", g.by_kind,
                       "by_village", ranks_json(req, &g.villages, "count", NULL), "timeliness", timeliness_json(&t),
                       "items", g.items));
}

/* ---- data quality ---- */

typedef struct Suspect {
    const char *key, *name, *area;
    long long id;
} Suspect;

typedef struct Quality {
    Request *req;
    Date today;
    const Child *child;      /* the record being checked */
    json_t *items, *by_kind;
    Ranks villages;
    int limit;
    long long total;
    Suspect *suspects;       /* every record's duplicate key */
    int n;
    long cap;
} Quality;

static void add_finding(Quality *q, long long id, const char *name, const char *area, const char *code,
                        const char *field, const char *detail)
{
    q->total++;
    count_kind(q->by_kind, code);
    rank_add(&q->villages, q->req->arena, area, VILLAGE_DIGITS, true);
    if ((int)json_array_size(q->items) >= q->limit) return;
    json_array_append_new(q->items, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "code", code, "child_id",
                                              (json_int_t)id, "name", name ? name : "", "area", area, "field", field,
                                              "detail", detail));
    req_audit_id(q->req, id);
}

static int add_quality_finding(void *ctx, const QualityFinding *f)
{
    Quality *q = ctx;
    add_finding(q, q->child->id, q->child->name, q->child->area, f->code, f->field, f->detail);
    return 0;
}

static int check_child(void *ctx, const Child *c)
{
    Quality *q = ctx;
    Arena *a = q->req->arena;
    q->child = c;
    quality_check(c, q->today, add_quality_finding, q, a);
    q->suspects = arena_grow(a, q->suspects, q->n, &q->cap, sizeof *q->suspects, 1024);
    q->suspects[q->n++] = (Suspect){quality_duplicate_key(c, a), arena_strdup(a, c->name), arena_strdup(a, c->area), c->id};
    return 0;
}

static int by_key(const void *a, const void *b)
{
    const Suspect *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Each record whose key another record shares, naming the first of them. */
static void report_duplicates(Quality *q)
{
    if (q->n) qsort(q->suspects, (size_t)q->n, sizeof *q->suspects, by_key);
    for (int i = 0; i < q->n;) {
        int j = i + 1;
        while (j < q->n && strcmp(q->suspects[j].key, q->suspects[i].key) == 0) j++;
        for (int k = i; j - i > 1 && k < j; k++) {
            const Suspect *x = &q->suspects[k], *first = &q->suspects[k == i ? i + 1 : i];
            add_finding(q, x->id, x->name, x->area, "duplicate", "name",
                        arena_printf(q->req->arena, "疑似与档案%lld重复（姓名、出生日期、父母姓名相同）", first->id));
        }
        i = j;
    }
}

void api_supervision_data_quality(Request *req)
{
    Area area;
    if (!stats_requested_area(req, &area)) return;
    if (area.level < 2) {
        res_problem(req, 422, problems_add(req_scratch(req), "area", "quality_needs_town"), NULL);
        return;
    }
    Quality q = {.req = req, .today = clock_today(), .items = json_array(), .by_kind = json_object(),
                 .limit = (int)req_param_int(req, "limit", DEFAULT_LIMIT)};
    ChildFilter f = {.scope = scope_of(req, &area), .status = "active"};
    StoreRc r = store_children_list(req->store, &f, check_child, &q, NULL, req->arena);
    if (r != STORE_OK) {
        json_decref(q.items);
        json_decref(q.by_kind);
        res_store_error(req, r);
        return;
    }
    report_duplicates(&q);
    char today[11];
    res_json(req, 200,
             json_pack("{s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:o}", "area", area.code, "area_name", area.name, "today",
                       date_format(q.today, today), "checked", (json_int_t)q.n, "total", (json_int_t)q.total,
                       "by_kind", q.by_kind, "by_village", ranks_json(req, &q.villages, "count", NULL), "items",
                       q.items));
}
