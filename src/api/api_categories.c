/*
** The category procedure over HTTP (issue #5): a child's basic-living
** category is applied for (the village or the guardian), verified by the
** town and confirmed by the city, or refused at either step with a reason:
**   POST /api/v1/children/{id}/categories/{code}/apply     {"on","applicant","note"}
**   POST /api/v1/children/{id}/categories/{code}/verify    {"on","note"}
**   POST /api/v1/children/{id}/categories/{code}/confirm   {"on","note"}
**   POST /api/v1/children/{id}/categories/{code}/refuse    {"on","reason"}
**   POST /api/v1/children/{id}/categories/{code}/end       {"on","reason"}
**   GET  /api/v1/applications?waiting=verify|confirm       the queue, late ones marked
**   GET  /api/v1/applications/{id}, /applications/late
** Each step answers the application. The store (store_flow_act) checks the
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
    const char *on = api_body_string(req, "on");
    const char *applicant = api_body_string(req, "applicant");
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
    const char *on = api_body_string(req, "on");
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
    a.reason = api_body_string(req, "note");
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
    const char *applicant = api_body_string(req, "applicant");
    FlowAction a = {.step = FLOW_APPLY, .applicant = applicant ? applicant : "village"};
    a.advice = j ? j->reason[LANG_ZH] : NULL;
    a.reason = api_body_string(req, "note");
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
    a.reason = api_body_string(req, "reason");
    act(req, &c, &a, 200);
}

/* ---- the queue: applications waiting for a step, and late steps ---- */

/* The step APP waits for and its due day (the last day on time), from the
   step before it; STEP_NONE when it is decided. */
typedef struct Waiting {
    bool waiting;
    FlowStep step;
    Date due;
    int late_by; /* working days past DUE on TODAY; 0 when on time */
} Waiting;

static Waiting waiting_of(const Application *app, Date today, const AllowanceRules *rules, const WorkCalendar *cal)
{
    Waiting w = {false, FLOW_APPLY, DATE_NONE, 0};
    if (strcmp(app->status, "applied") == 0) w = (Waiting){true, FLOW_VERIFY, flow_due(FLOW_VERIFY, app->applied_on, rules, cal), 0};
    else if (strcmp(app->status, "verified") == 0)
        w = (Waiting){true, FLOW_CONFIRM, flow_due(FLOW_CONFIRM, app->verified_on, rules, cal), 0};
    if (w.waiting) w.late_by = flow_late_by(cal, w.due, today);
    return w;
}

typedef struct Queue {
    Request *req;
    json_t *items;
    const char *waiting; /* "verify" or "confirm": only those waiting for it */
    const AllowanceRules *rules;
    const WorkCalendar *cal;
    Date today;
} Queue;

/* APP with the child's name and the step it waits for: its due day and how late it is. */
static json_t *queued_json(const Application *app, const Waiting *w)
{
    json_t *j = application_json(app);
    json_object_set_new(j, "child_name", api_text(app->child_name));
    json_object_set_new(j, "waiting_for", w->waiting ? json_string(flow_step_code(w->step)) : json_null());
    json_object_set_new(j, "due_on", api_day(w->due));
    json_object_set_new(j, "late_by", json_integer(w->late_by));
    return j;
}

static int add_application(void *ctx, const Application *app)
{
    Queue *x = ctx;
    Waiting w = waiting_of(app, x->today, x->rules, x->cal);
    if (x->waiting && (!w.waiting || strcmp(flow_step_code(w.step), x->waiting) != 0)) return 0;
    json_array_append_new(x->items, queued_json(app, &w));
    req_audit_id(x->req, app->child_id);
    return 0;
}

/* Loads the settings and the working-day calendar; answers 500 and returns false if it cannot. */
static bool load_calendar(Request *req, AllowanceRules *rules, WorkCalendar *cal)
{
    StoreRc r = store_allowance_rules(req->store, rules);
    if (r == STORE_OK) r = store_work_calendar(req->store, cal, req->arena);
    if (r == STORE_OK) return true;
    res_store_error(req, r);
    return false;
}

/* GET /applications?status=&waiting=verify|confirm&child=: the town's queue
   (waiting=verify) or the city's (waiting=confirm), newest first, each with
   its due day and the working days it is late. */
void api_applications_list(Request *req)
{
    AllowanceRules rules;
    WorkCalendar cal;
    if (!load_calendar(req, &rules, &cal)) return;
    Queue x = {req, json_array(), req_param(req, "waiting"), &rules, &cal, clock_today()};
    /* a queue is the applications of one status: the store reads them by its index */
    const char *status = req_param(req, "status");
    if (!status && x.waiting) status = flow_status_before(strcmp(x.waiting, "verify") == 0 ? FLOW_VERIFY : FLOW_CONFIRM);
    StoreRc r = store_applications_list(req->store, &req->scope, status, req_param_int(req, "child", 0), add_application,
                                        &x, req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", x.items));
}

static int add_step(void *ctx, const ApplicationStep *st)
{
    json_t *j = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "step", st->step, "outcome", st->outcome, "done_on",
                          api_day(st->done_on), "due_on", api_day(st->due_on), "account", api_text(st->account),
                          "role", api_text(st->role), "reason", api_text(st->reason), "recorded_at",
                          api_text(st->recorded_at));
    json_array_append_new(ctx, j);
    return 0;
}

/* GET /applications/{id}: the application, what the rules said when it was made, and its steps. */
void api_application_get(Request *req)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "application:%lld", id));
    AllowanceRules rules;
    WorkCalendar cal;
    if (!load_calendar(req, &rules, &cal)) return;
    Application app;
    StoreRc r = store_application_get(req->store, &req->scope, id, &app, req->arena);
    if (r == STORE_NOTFOUND) {
        res_fail(req, 404, "application_not_found", id);
        return;
    }
    json_t *steps = json_array();
    if (r == STORE_OK) r = store_application_steps(req->store, id, add_step, steps, req->arena);
    if (r != STORE_OK) {
        json_decref(steps);
        res_store_error(req, r);
        return;
    }
    req_audit_id(req, app.child_id);
    Waiting w = waiting_of(&app, clock_today(), &rules, &cal);
    json_t *j = queued_json(&app, &w);
    json_object_set_new(j, "advice", api_text(app.advice));
    json_object_set_new(j, "steps", steps);
    res_json(req, 200, j);
}

typedef struct LateList {
    Request *req;
    json_t *items;
} LateList;

static int add_late(void *ctx, const LateStep *l)
{
    LateList *x = ctx;
    json_t *j = json_pack("{s:I, s:I, s:o, s:s, s:s, s:o, s:o, s:i}", "application_id", (json_int_t)l->app->id,
                          "child_id", (json_int_t)l->app->child_id, "child_name", api_text(l->app->child_name),
                          "category", l->app->category, "step", flow_step_code(l->step), "due_on", api_day(l->due),
                          "done_on", api_day(l->done), "late_by", l->late_by);
    json_array_append_new(x->items, j);
    req_audit_id(x->req, l->app->child_id);
    return 0;
}

/* GET /applications/late?on=: every step done after its due day, and every
   step still pending after it on ON (default today). */
void api_applications_late(Request *req)
{
    AllowanceRules rules;
    WorkCalendar cal;
    if (!load_calendar(req, &rules, &cal)) return;
    Date on = req_param_date(req, "on");
    if (!date_is_set(on)) on = clock_today();
    LateList x = {req, json_array()};
    StoreRc r = store_flow_late(req->store, &req->scope, on, &rules, &cal, add_late, &x, req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", x.items));
}

/* ---- ending a category ---- */

void validate_end_body(Request *req, Problems *p)
{
    const char *on = api_body_string(req, "on");
    Date d;
    if (on && !date_parse_iso(on, &d)) problems_add(p, "on", "bad_date", on);
}

/* POST /children/{id}/categories/{code}/end {"on","reason"}: the approved
   category ends on ON, the first day it no longer holds; payment stops by
   the allowance rules. */
void api_category_end(Request *req)
{
    Child c;
    if (!load_child(req, &c)) return;
    char at[26];
    const char *reason = api_body_string(req, "reason");
    Change ch = {req->caller->account.username, reason, clock_now_iso(at)};
    Date ends = step_day(req);
    Problems *p = req_scratch(req);
    StoreRc r = store_category_end(req->store, c.id, req_param(req, "code"), ends, clock_today(), &ch, p);
    if (r != STORE_OK) {
        api_answer_refused(req, r, p);
        return;
    }
    req->audit.detail = req_param(req, "code");
    res_json(req, 200, json_pack("{s:I, s:s, s:s, s:o, s:s}", "child_id", (json_int_t)c.id, "category",
                                 req_param(req, "code"), "status", "ended", "to", api_day(ends), "reason", reason));
}
