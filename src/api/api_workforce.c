/*
** The workforce and activities over HTTP (issue #7), on top of
** store_workforce.h:
**   GET  /api/v1/workers?current=1            supervisors and directors of the caller's area
**   POST /api/v1/workers                      {name, role, area, phone, appointed_on} -> 201
**   POST /api/v1/workers/{id}/trainings       {trained_on, title, hours} -> 201
**   GET  /api/v1/workers/gaps                 villages without a director, towns without a supervisor
**   GET  /api/v1/activities?from=&to=         with the totals (events, participants)
**   POST /api/v1/activities                   {area, level, held_on, title, kind, participants} -> 201
**   GET  /api/v1/social-orgs                  each with its services in the caller's area
**   POST /api/v1/social-orgs                  {name, area, contact, phone} -> 201
**   POST /api/v1/social-orgs/{id}/services    {title, area, started_on, children_served} -> 201
**   POST /api/v1/social-services/{id}/evaluation {evaluation, note} -> 200
** Scoped like the areas (req->area_scope); an area outside it is 404. The
** rules are domain/workforce.c's (422 with the field). No child's data here.
*/
#include <string.h>
#include "api/handlers.h"
#include "domain/workforce.h"
#include "http/response.h"
#include "store/store_workforce.h"
#include "util/clock.h"

static long long body_int(Request *req, const char *name)
{
    return (long long)json_integer_value(json_object_get(req->body, name));
}

/* The area of a new record: the body's "area" (default the caller's), which
   must exist within the caller's area; answers 404 and returns NULL if not. */
static const char *body_area(Request *req)
{
    const char *area = api_body_string(req, "area");
    if (!area) area = req->caller->account.area;
    Area a;
    if (!store_scope_contains(&req->area_scope, area) || store_area_get(req->store, area, &a, req->arena) != STORE_OK) {
        res_fail(req, 404, "no_such_area", area);
        return NULL;
    }
    return area;
}

/* Answers 422 with P's problems, or a store failure; returns true if it answered. */
static bool refused(Request *req, const Problems *p)
{
    if (!p->head) return false;
    res_problem(req, 422, p->head, p);
    return true;
}

/* 201 with {"id": ID} and its Location, recorded as RECORD:ID in the audit entry. */
static void created(Request *req, StoreRc r, const char *record, const char *location, long long id)
{
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "%s:%lld", record, id));
    res_header(req, "Location", arena_printf(req->arena, "%s/%lld", location, id));
    res_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static Change change_now(Request *req, const char *reason, char at[26])
{
    return (Change){req->caller->account.username, reason, clock_now_iso(at)};
}

/* ---- supervisors and directors ---- */

static int add_worker(void *ctx, const Worker *w)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:i, s:i, s:o}", "id", (json_int_t)w->id, "name",
                          w->name, "role", w->role, "area", w->area, "area_name", api_text(w->area_name), "phone",
                          api_text(w->phone), "appointed_on", api_day(w->appointed_on), "left_on",
                          api_day(w->left_on), "trainings", (int)w->trainings, "training_hours",
                          (int)w->training_hours, "last_training", api_text(w->last_training));
    json_array_append_new(ctx, j);
    return 0;
}

void api_workers_list(Request *req)
{
    json_t *items = json_array();
    StoreRc r = store_workers_list(req->store, &req->area_scope, req_param_int(req, "current", 0) != 0, add_worker, items);
    if (r != STORE_OK) {
        json_decref(items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_worker_create(Request *req)
{
    const char *area = body_area(req);
    if (!area) return;
    Problems *p = req_scratch(req);
    Date on = api_body_day_checked(req, "appointed_on", DATE_NONE, p);
    Worker w = {.name = api_body_string(req, "name"), .role = api_body_string(req, "role"), .area = area,
                .phone = api_body_string(req, "phone"), .appointed_on = on};
    if (!p->head) workforce_check_worker(w.role, area, on, clock_today(), p);
    if (refused(req, p)) return;
    char at[26];
    Change ch = change_now(req, "登记儿童督导员/儿童主任", at);
    long long id = 0;
    StoreRc r = store_worker_add(req->store, &w, &ch, &id);
    created(req, r, "worker", "/api/v1/workers", id);
}

void api_worker_training(Request *req)
{
    long long worker = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "worker:%lld", worker));
    Problems *p = req_scratch(req);
    Date on = api_body_day_checked(req, "trained_on", DATE_NONE, p);
    if (!p->head) workforce_check_training(on, body_int(req, "hours"), clock_today(), p);
    if (refused(req, p)) return;
    char at[26];
    Change ch = change_now(req, "培训记录", at);
    long long id = 0;
    StoreRc r = store_training_add(req->store, &req->area_scope, worker, on, api_body_string(req, "title"),
                                   body_int(req, "hours"), &ch, &id);
    if (r == STORE_NOTFOUND) res_fail(req, 404, "workforce_not_found", worker);
    else created(req, r, "training", arena_printf(req->arena, "/api/v1/workers/%lld/trainings", worker), id);
}

typedef struct Gaps {
    json_t *towns, *villages;
} Gaps;

static int add_gap(void *ctx, const char *code, const char *name, const char *missing)
{
    Gaps *g = ctx;
    json_array_append_new(strcmp(missing, "supervisor") == 0 ? g->towns : g->villages,
                          json_pack("{s:s, s:s}", "area", code, "name", name));
    return 0;
}

void api_workers_gaps(Request *req)
{
    Gaps g = {json_array(), json_array()};
    StoreRc r = store_workforce_gaps(req->store, &req->area_scope, add_gap, &g);
    if (r != STORE_OK) {
        json_decref(g.towns);
        json_decref(g.villages);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:i, s:i, s:o, s:o}", "towns_without_supervisor", (int)json_array_size(g.towns),
                                 "villages_without_director", (int)json_array_size(g.villages), "towns", g.towns,
                                 "villages", g.villages));
}

/* ---- activities ---- */

static int add_activity(void *ctx, const Activity *v)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:o, s:o, s:s, s:s, s:I}", "id", (json_int_t)v->id, "level",
                                         v->level, "area", v->area, "area_name", api_text(v->area_name),
                                         "held_on", api_day(v->held_on), "title", v->title, "kind", v->kind,
                                         "participants", (json_int_t)v->participants));
    return 0;
}

void api_activities_list(Request *req)
{
    json_t *items = json_array();
    long long events, participants;
    StoreRc r = store_activities_list(req->store, &req->area_scope, req_param_date(req, "from"),
                                      req_param_date(req, "to"), add_activity, items, &events, &participants);
    if (r != STORE_OK) {
        json_decref(items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o, s:I, s:I}", "items", items, "events", (json_int_t)events, "participants",
                                 (json_int_t)participants));
}

void api_activity_create(Request *req)
{
    Problems *p = req_scratch(req);
    Date on = api_body_day_checked(req, "held_on", DATE_NONE, p);
    const char *area = body_area(req);
    if (!area) return;
    Activity v = {.level = api_body_string(req, "level"), .area = area, .title = api_body_string(req, "title"),
                  .kind = api_body_string(req, "kind"), .held_on = on, .participants = body_int(req, "participants")};
    if (!v.level) v.level = workforce_level_of(area);
    if (!p->head) workforce_check_activity(v.level, area, v.kind, v.participants, on, clock_today(), p);
    if (refused(req, p)) return;
    char at[26];
    Change ch = change_now(req, "登记活动", at);
    long long id = 0;
    StoreRc r = store_activity_add(req->store, &v, &ch, &id);
    created(req, r, "activity", "/api/v1/activities", id);
}

/* ---- social organisations ---- */

typedef struct Orgs {
    Request *req;
    json_t *items;
    StoreRc rc;
} Orgs;

static int add_service(void *ctx, const SocialService *v)
{
    json_t *j = json_pack("{s:I, s:s, s:o, s:s, s:o, s:I, s:o, s:o, s:o}", "id", (json_int_t)v->id, "area", v->area,
                          "area_name", api_text(v->area_name), "title", v->title, "started_on",
                          api_day(v->started_on), "children_served", (json_int_t)v->children_served, "evaluation",
                          api_text(v->evaluation), "evaluated_on", api_day(v->evaluated_on), "evaluation_note",
                          api_text(v->evaluation_note));
    json_array_append_new(ctx, j);
    return 0;
}

static int add_org(void *ctx, const SocialOrg *o)
{
    Orgs *x = ctx;
    json_t *services = json_array();
    x->rc = store_services_list(x->req->store, &x->req->area_scope, o->id, add_service, services);
    json_array_append_new(x->items, json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)o->id, "name",
                                              o->name, "area", o->area, "area_name", api_text(o->area_name),
                                              "contact", api_text(o->contact), "phone", api_text(o->phone),
                                              "services", services));
    return x->rc != STORE_OK;
}

void api_orgs_list(Request *req)
{
    Orgs x = {req, json_array(), STORE_OK};
    StoreRc r = store_orgs_list(req->store, &req->area_scope, add_org, &x);
    if (r == STORE_OK) r = x.rc;
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", x.items));
}

void api_org_create(Request *req)
{
    const char *area = body_area(req);
    if (!area) return;
    SocialOrg o = {.name = api_body_string(req, "name"), .area = area, .contact = api_body_string(req, "contact"),
                   .phone = api_body_string(req, "phone")};
    char at[26];
    Change ch = change_now(req, "登记社会组织", at);
    long long id = 0;
    StoreRc r = store_org_add(req->store, &o, &ch, &id);
    if (r == STORE_CONFLICT) res_fail(req, 409, "workforce_org_exists", o.name);
    else created(req, r, "social_org", "/api/v1/social-orgs", id);
}

void api_service_create(Request *req)
{
    long long org = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "social_org:%lld", org));
    Problems *p = req_scratch(req);
    Date on = api_body_day_checked(req, "started_on", DATE_NONE, p);
    if (!p->head) workforce_check_service(on, body_int(req, "children_served"), clock_today(), p);
    if (refused(req, p)) return;
    const char *area = body_area(req);
    if (!area) return;
    SocialService v = {.org_id = org, .area = area, .title = api_body_string(req, "title"), .started_on = on,
                       .children_served = body_int(req, "children_served")};
    char at[26];
    Change ch = change_now(req, "登记社会组织服务", at);
    long long id = 0;
    StoreRc r = store_service_add(req->store, &req->area_scope, &v, &ch, &id);
    if (r == STORE_NOTFOUND) res_fail(req, 404, "workforce_not_found", org);
    else created(req, r, "social_service", arena_printf(req->arena, "/api/v1/social-orgs/%lld/services", org), id);
}

void api_service_evaluate(Request *req)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "social_service:%lld", id));
    Problems *p = req_scratch(req);
    const char *evaluation = api_body_string(req, "evaluation");
    if (!workforce_check_evaluation(evaluation, p) && refused(req, p)) return;
    char at[26];
    Change ch = change_now(req, "服务评估", at);
    StoreRc r = store_service_evaluate(req->store, &req->area_scope, id, evaluation, api_body_string(req, "note"), clock_today(),
                                       &ch);
    if (r == STORE_NOTFOUND) res_fail(req, 404, "workforce_not_found", id);
    else if (r != STORE_OK) res_store_error(req, r);
    else res_json(req, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "evaluation", evaluation));
}
