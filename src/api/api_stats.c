/*
** Statistics and supervision (issue #7):
**   GET /api/v1/stats/summary?area=&as_of=          the active children of an area and below:
**                                                  by category, sex, age band, town (and village),
**                                                  new and ended records and allowances paid by month
**
** The area defaults to the caller's own; one outside the caller's scope is
** 404, as if it did not exist. The figures are counts: the audit entry
** records the area asked about. The supervision lists are in
** api_supervision.c.
*/
#include <stdlib.h>
#include <string.h>
#include "api/answer_cache.h"
#include "api/handlers.h"
#include "domain/codes.h"
#include "http/response.h"
#include "store/store_stats.h"
#include "util/clock.h"

/* ---- shared helpers ---- */

/* The area the request asks about (its "area" parameter, else the caller's
   own) into *AREA, if it exists within the caller's scope of children; else
   answers 404 and returns false. */
bool stats_requested_area(Request *req, Area *area)
{
    const char *code = req_param(req, "area");
    if (!code) code = req->caller->account.area;
    StoreRc r = store_scope_contains(&req->scope, code) ? store_area_get(req->store, code, area, req->arena)
                                                       : STORE_NOTFOUND;
    if (r == STORE_NOTFOUND) res_fail(req, 404, "no_such_area_path", code);
    else if (r != STORE_OK) res_store_error(req, r);
    return r == STORE_OK;
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
        json_array_append_new(a, json_pack("{s:s, s:o, s:I, s:I, s:I, s:I, s:o}", "code", u->code, "name",
                                           u->name ? json_string(u->name) : json_null(), "records",
                                           (json_int_t)u->records, "children", (json_int_t)u->children, "male",
                                           (json_int_t)u->male, "female", (json_int_t)u->female, "by_category",
                                           categories_json(u->by_category)));
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
                                           api_yuan(m->paid), "paid_children", (json_int_t)m->paid_children));
    }
    return a;
}

static json_t *summary_json(const Area *area, Date as_of, const StatsSummary *x)
{
    json_t *ages = json_object();
    for (int i = 0; i < STATS_AGE_BANDS; i++) json_object_set_new(ages, STATS_AGE_BAND[i].code, json_integer(x->by_age[i]));
    json_t *j = json_pack("{s:s, s:s, s:i, s:o, s:I, s:{s:I, s:I}, s:o, s:o, s:o, s:o}", "area", area->code,
                          "area_name", area->name, "level", area->level, "as_of", api_day(as_of), "children",
                          (json_int_t)x->children, "by_sex", "male", (json_int_t)x->male, "female",
                          (json_int_t)x->female, "by_age", ages, "by_category", categories_json(x->by_category),
                          "by_town", units_json(x->towns, x->n_towns), "months", months_json(x->months));
    if (x->villages) json_object_set_new(j, "by_village", units_json(x->villages, x->n_villages));
    json_t *statuses = json_object();
    for (int i = 0; CODES_RECORD_STATUS.entries[i].code && i < STATS_STATUSES; i++)
        json_object_set_new(statuses, CODES_RECORD_STATUS.entries[i].code, json_integer(x->by_status[i]));
    json_object_set_new(j, "records", json_integer(x->records));
    json_object_set_new(j, "by_status", statuses);
    return j;
}

void api_stats_summary(Request *req)
{
    Area area;
    if (!stats_requested_area(req, &area)) return;
    Date as_of = req_param_date(req, "as_of");
    if (!date_is_set(as_of)) as_of = clock_today();
    /* the same area on the same day, the database unchanged: the same answer (issue #8) */
    char day[11];
    const char *key = arena_printf(req->arena, "summary|%s|%s", area.code, date_format(as_of, day));
    StoreGeneration gen;
    if (answer_cache_get(req, key, &gen)) return;
    StatsSummary x;
    StoreRc r = store_stats_summary(req->store, area_prefix_of(req->arena, area.code), as_of, &x, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "area:%s", area.code));
    res_json(req, 200, summary_json(&area, as_of, &x));
    answer_cache_put(req, key, &gen);
}
