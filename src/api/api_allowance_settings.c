/*
** The allowance settings and the working-day calendar over HTTP (issue #5):
**   GET /api/v1/allowance-settings              every setting, its value and meaning
**   PUT /api/v1/allowance-settings/{key}        {"value"}: checked, then stored
**   GET /api/v1/holidays?year=                  holidays on weekdays and worked weekend days
**   PUT /api/v1/holidays/{day}                  {"kind":"holiday|workday","name"}
**   DELETE /api/v1/holidays/{day}
** They are the city's: reading needs allowance:read, changing standard:write
** (city staff). The settings are the ones `shouhu allowance settings` keeps:
** the paid-month rule, 差额, the steps' time limits, the subsidies.
*/
#include <string.h>
#include "api/handlers.h"
#include "domain/allowance.h"
#include "http/response.h"
#include "store/store_allowances.h"

static json_t *setting_json(const SettingInfo *i, const AllowanceRules *rules, Arena *a)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "key", i->key, "value", allowance_rules_get(rules, i->key, a), "zh",
                          i->zh, "en", i->en);
    json_object_set_new(j, "choices", api_text(i->choices));
    return j;
}

void api_allowance_settings_list(Request *req)
{
    AllowanceRules rules;
    StoreRc r = store_allowance_rules(req->store, &rules);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    json_t *items = json_array();
    for (const SettingInfo *i = ALLOWANCE_SETTINGS; i->key; i++)
        json_array_append_new(items, setting_json(i, &rules, req->arena));
    res_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_allowance_setting_put(Request *req)
{
    const char *key = req_param(req, "key");
    const char *value = api_body_string(req, "value");
    req_audit_record(req, arena_printf(req->arena, "setting:%s", key));
    req->audit.detail = arena_printf(req->arena, "%s=%s", key, value);
    const SettingInfo *info = NULL;
    for (const SettingInfo *i = ALLOWANCE_SETTINGS; i->key && !info; i++)
        if (strcmp(i->key, key) == 0) info = i;
    if (!info) {
        res_fail(req, 404, "unknown_setting", key);
        return;
    }
    Problems *p = req_scratch(req);
    StoreRc r = store_allowance_setting_set(req->store, key, value, p);
    if (r == STORE_INVALID) {
        /* the value is what is wrong: name the body's member */
        for (Problem *x = p->head; x; x = x->next) x->field = "value";
        res_problem(req, 422, p->head ? p->head : problems_add(p, "value", "bad_fields"), p);
        return;
    }
    AllowanceRules rules;
    if (r == STORE_OK) r = store_allowance_rules(req->store, &rules);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, setting_json(info, &rules, req->arena));
}

static int add_day(void *ctx, Date day, const char *kind, const char *name)
{
    json_array_append_new(ctx, json_pack("{s:o, s:s, s:o}", "day", api_day(day), "kind", kind, "name", api_text(name)));
    return 0;
}

void api_holidays_list(Request *req)
{
    json_t *items = json_array();
    StoreRc r = store_holidays_list(req->store, (int)req_param_int(req, "year", 0), add_day, items);
    if (r != STORE_OK) {
        json_decref(items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", items));
}

void validate_holiday_body(Request *req, Problems *p)
{
    const char *kind = api_body_string(req, "kind");
    if (kind && strcmp(kind, "holiday") != 0 && strcmp(kind, "workday") != 0)
        problems_add(p, "kind", "bad_choice", "holiday, workday");
}

void api_holiday_put(Request *req)
{
    Date day = req_param_date(req, "day");
    const char *kind = api_body_string(req, "kind");
    const char *name = api_body_string(req, "name");
    req_audit_record(req, arena_printf(req->arena, "holiday:%s", req_param(req, "day")));
    req->audit.detail = kind;
    StoreRc r = store_holiday_put(req->store, day, kind, name);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o, s:s, s:o}", "day", api_day(day), "kind", kind, "name", api_text(name)));
}

void api_holiday_delete(Request *req)
{
    req_audit_record(req, arena_printf(req->arena, "holiday:%s", req_param(req, "day")));
    StoreRc r = store_holiday_remove(req->store, req_param_date(req, "day"));
    if (r == STORE_NOTFOUND) {
        res_fail(req, 404, "holiday_not_found", req_param(req, "day"));
        return;
    }
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    res_bytes(req, 204, NULL, "", 0);
}
