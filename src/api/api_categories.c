/*
** The category procedure over HTTP (issue #5): a child's basic-living
** category is applied for (the village or the guardian), verified by the
** town and confirmed by the city, or refused at either step with a reason:
**   POST /api/v1/children/{id}/categories/{code}/apply     {"on","applicant","note"}
**   POST /api/v1/children/{id}/categories/{code}/verify    {"on","note"}
**   POST /api/v1/children/{id}/categories/{code}/confirm   {"on","note"}
**   POST /api/v1/children/{id}/categories/{code}/refuse    {"on","reason"}
** Each answers the application. The store (store_flow_act) checks the
** caller's role, level and area, the application's state and the dates,
** and keeps the child's record in step; a child outside the caller's scope
** is 404 before anything is done.
*/
#include <string.h>
#include "api/handlers.h"
#include "domain/eligibility.h"
#include "http/response.h"
#include "store/store_allowances.h"
#include "util/clock.h"

/* ---- body check (run by the dispatcher) ---- */

void validate_flow_body(Request *req, Problems *p)
{
    const char *on = json_string_value(json_object_get(req->body, "on"));
    const char *applicant = json_string_value(json_object_get(req->body, "applicant"));
    Date d;
    if (on && !date_parse_iso(on, &d)) problems_add(p, "on", "bad_date", on);
    if (applicant && strcmp(applicant, "guardian") != 0 && strcmp(applicant, "village") != 0)
        problems_add(p, "applicant", "bad_choice", "guardian, village");
}

/* ---- helpers ---- */

static json_t *application_json(const Application *a)
{
    char d1[11], d2[11], d3[11];
    json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)a->id, "child_id",
                          (json_int_t)a->child_id, "category", a->category, "area", a->area, "applicant",
                          a->applicant ? a->applicant : "", "status", a->status);
    json_object_set_new(j, "applied_on", date_is_set(a->applied_on) ? json_string(date_format(a->applied_on, d1)) : json_null());
    json_object_set_new(j, "verified_on", date_is_set(a->verified_on) ? json_string(date_format(a->verified_on, d2)) : json_null());
    json_object_set_new(j, "decided_on", date_is_set(a->decided_on) ? json_string(date_format(a->decided_on, d3)) : json_null());
    json_object_set_new(j, "note", a->note ? json_string(a->note) : json_null());
    return j;
}

/* The day of the step: the body's "on", else today. */
static Date step_day(const Request *req)
{
    const char *on = json_string_value(json_object_get(req->body, "on"));
    Date d = clock_today();
    if (on) date_parse_iso(on, &d);
    return d;
}

/* Loads child {id} within the caller's scope; answers 404 and returns false if it is not there. */
static bool load_child(Request *req, Child *c)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_id(req, id);
    StoreRc r = store_child_get(req->store, &req->scope, id, c, req->arena);
    if (r == STORE_OK) return true;
    if (r == STORE_NOTFOUND) res_fail(req, 404, "not_found", id);
    else res_store_error(req, r);
    return false;
}

typedef struct Latest {
    const char *category;
    Application app;
    bool found;
} Latest;

/* Applications come newest first: the first of the category is the one acted on. */
static int take_latest(void *ctx, const Application *app)
{
    Latest *x = ctx;
    if (x->found || strcmp(app->category, x->category) != 0) return 0;
    x->app = *app;
    x->found = true;
    return 1;
}

/* Does A (its step, approval and reason set) for child C (loaded in scope)
   and the category of the path, then answers the application with STATUS. */
static void act(Request *req, const Child *c, FlowAction *a, int status)
{
    const Caller *me = req->caller;
    AllowanceRules rules;
    WorkCalendar cal;
    StoreRc r = store_allowance_rules(req->store, &rules);
    if (r == STORE_OK) r = store_work_calendar(req->store, &cal, req->arena);
    Latest latest = {.category = req_param(req, "code")};
    if (r == STORE_OK && a->step != FLOW_APPLY)
        r = store_applications_list(req->store, &req->scope, NULL, c->id, take_latest, &latest, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    if (a->step != FLOW_APPLY && !latest.found) {
        res_fail(req, 404, "flow_none_open", latest.category);
        return;
    }
    char at[26];
    Change ch = {me->account.username, NULL, clock_now_iso(at)};
    a->child_id = c->id;
    a->category = latest.category;
    a->application_id = latest.app.id;
    a->on = step_day(req);
    a->account = me->account.username;
    a->today = clock_today();
    a->change = &ch;
    Problems *p = req_scratch(req);
    long long id = 0;
    r = store_flow_act(req->store, a, &rules, &cal, &id, p);
    if (r != STORE_OK) {
        api_answer_refused(req, r, p);
        return;
    }
    Application app;
    if (store_application_get(req->store, &req->scope, id, &app, req->arena) != STORE_OK) {
        res_store_error(req, STORE_ERROR);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "application:%lld", id));
    res_json(req, status, application_json(&app));
}

/* A decision (verify or confirm) on the child's latest application of the category. */
static void decide(Request *req, FlowStep step)
{
    Child c;
    if (!load_child(req, &c)) return;
    FlowAction a = {.step = step, .approve = true};
    a.reason = json_string_value(json_object_get(req->body, "note"));
    act(req, &c, &a, 200);
}

/* ---- the steps ---- */

void api_category_apply(Request *req)
{
    Child c;
    if (!load_child(req, &c)) return;
    /* the rules advise; they do not decide: the town and the city check the papers */
    AllowanceRules rules;
    StoreRc r = store_allowance_rules(req->store, &rules);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    EligibilityResult res;
    eligibility_evaluate(&c, step_day(req), &rules.eligibility, &res, req->arena);
    const Judgement *j = eligibility_find(&res, req_param(req, "code"));
    const char *applicant = json_string_value(json_object_get(req->body, "applicant"));
    FlowAction a = {.step = FLOW_APPLY, .applicant = applicant ? applicant : "village"};
    a.advice = j ? j->reason[LANG_ZH] : NULL;
    a.reason = json_string_value(json_object_get(req->body, "note"));
    act(req, &c, &a, 201);
}

void api_category_verify(Request *req) { decide(req, FLOW_VERIFY); }
void api_category_confirm(Request *req) { decide(req, FLOW_CONFIRM); }

/* A refusal at whichever step the application waits for: verification, or confirmation once verified. */
void api_category_refuse(Request *req)
{
    Child c;
    if (!load_child(req, &c)) return;
    Latest latest = {.category = req_param(req, "code")};
    StoreRc r = store_applications_list(req->store, &req->scope, NULL, c.id, take_latest, &latest, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    bool verified = latest.found && strcmp(latest.app.status, "verified") == 0;
    FlowAction a = {.step = verified ? FLOW_CONFIRM : FLOW_VERIFY, .approve = false};
    a.reason = json_string_value(json_object_get(req->body, "reason"));
    act(req, &c, &a, 200);
}
