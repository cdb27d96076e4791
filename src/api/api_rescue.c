/*
** The rescue centre over HTTP (issue #6, rescue), on top of
** store/store_rescue.h and the rules of domain/rescue.h:
**   GET  /api/v1/institutions                  institutions, beds and occupancy
**   PATCH /api/v1/institutions/{id}            {"beds"}: the city sets an institution's child beds
**   POST /api/v1/admissions                    a known child (child_id) or an unidentified one -> 201
**   GET  /api/v1/admissions?status=&institution=   the admissions the caller may see, with deadlines
**   GET  /api/v1/admissions/{id}               with its deadlines and timeline
**   POST /api/v1/admissions/{id}/identify      {"child_id","on","note"}: links the ledger record
**   POST /api/v1/admissions/{id}/steps         {"kind","on","ground","note"}
**   POST /api/v1/admissions/{id}/discharge     {"kind","on","taken_by","note"}
**   GET  /api/v1/rescue/stats?month=           the month's figures and retention rate
**
** Scope: a known child's admission lies in the child's village, so a town
** supervisor sees those of the town; an unidentified child's lies in the
** institution's area (the city) until identified. Reads and writes outside
** it are 404. Every admission read is audited with its record and child.
*/
#include <string.h>
#include "api/handlers.h"
#include "domain/rescue.h"
#include "http/response.h"
#include "store/store_rescue.h"
#include "util/clock.h"

/* ---- documents ---- */

static const char *const DEADLINE_STATES[] = {"pending", "overdue", "done", "moot"};

/* The deadlines of AD on TODAY: [] for a child who arrived known. */
static json_t *deadlines_json(const Admission *ad, Date today, bool *overdue)
{
    StayFacts f = admission_stay_facts(ad);
    Deadline d[DEADLINE_KINDS];
    int n = rescue_deadlines(&f, today, d);
    json_t *list = json_array();
    for (int k = 0; k < n; k++) {
        json_array_append_new(list, json_pack("{s:s, s:o, s:o, s:s}", "kind", d[k].code, "due", api_day(d[k].due),
                                              "done", api_day(d[k].done), "state", DEADLINE_STATES[d[k].state]));
        if (d[k].state == DEADLINE_OVERDUE && !date_is_set(ad->discharged_on) && !date_is_set(ad->identified_on))
            *overdue = true;
    }
    return list;
}

/* An admission as the API speaks it, with its deadlines and length of stay on TODAY. */
static json_t *admission_json(const Admission *ad, Date today)
{
    bool overdue = false;
    json_t *j = json_pack("{s:I, s:I, s:s, s:o, s:s, s:b, s:o, s:o}", "id", (json_int_t)ad->id, "institution_id",
                          (json_int_t)ad->institution_id, "institution", ad->institution_name, "child_id",
                          ad->child_id ? json_integer(ad->child_id) : json_null(), "area", ad->area,
                          "arrived_unidentified", ad->arrived_unidentified, "name", api_text(ad->name), "apparent_age",
                          ad->apparent_age >= 0 ? json_integer(ad->apparent_age) : json_null());
    json_object_set_new(j, "institution_en", api_text(ad->institution_name_en));
    json_object_set_new(j, "sex", api_text(ad->sex));
    json_object_set_new(j, "birth_date", api_day(ad->child_birth));
    json_object_set_new(j, "found_place", api_text(ad->found_place));
    json_object_set_new(j, "found_on", api_day(ad->found_on));
    json_object_set_new(j, "description", api_text(ad->description));
    json_object_set_new(j, "ground", json_string(ad->ground));
    json_object_set_new(j, "placement", json_string(ad->placement));
    json_object_set_new(j, "guardianship", json_string(ad->guardianship));
    json_object_set_new(j, "long_term_ground", api_text(ad->long_term_ground));
    json_object_set_new(j, "case_ref", api_text(ad->case_ref));
    json_object_set_new(j, "admitted_on", api_day(ad->admitted_on));
    json_object_set_new(j, "identified_on", api_day(ad->identified_on));
    json_object_set_new(j, "discharged_on", api_day(ad->discharged_on));
    json_object_set_new(j, "discharge_kind", api_text(ad->discharge_kind));
    json_object_set_new(j, "taken_by", api_text(ad->taken_by));
    json_object_set_new(j, "status", json_string(date_is_set(ad->discharged_on) ? "discharged" : "present"));
    json_object_set_new(j, "stay_days", json_integer(rescue_stay_days(ad->admitted_on, ad->discharged_on, today)));
    json_object_set_new(j, "deadlines", deadlines_json(ad, today, &overdue));
    json_object_set_new(j, "overdue", json_boolean(overdue));
    json_object_set_new(j, "recorded_at", api_text(ad->recorded_at));
    json_object_set_new(j, "recorded_by", api_text(ad->recorded_by));
    return j;
}

/* ---- the body of a new admission ---- */

/* The admission the body describes (problems for dates that are not dates). */
static void admission_input(Request *req, AdmissionInput *in, Problems *p)
{
    json_t *age = json_object_get(req->body, "apparent_age");
    *in = (AdmissionInput){
        .child_id = json_integer_value(json_object_get(req->body, "child_id")),
        .name = api_body_string(req, "name"),
        .apparent_age = age ? (int)json_integer_value(age) : -1,
        .sex = api_body_string(req, "sex"),
        .found_place = api_body_string(req, "found_place"),
        .found_on = api_body_day_checked(req, "found_on", DATE_NONE, p),
        .description = api_body_string(req, "description"),
        .ground = api_body_string(req, "ground"),
        .placement = api_body_string(req, "placement"),
        .admitted_on = api_body_day_checked(req, "admitted_on", clock_today(), p),
    };
    /* out of range (or past int): kept out of range, for rescue_admission_check to name */
    if (age && (json_integer_value(age) < 0 || json_integer_value(age) > 17)) in->apparent_age = 18;
}

void validate_admission_body(Request *req, Problems *p)
{
    AdmissionInput in;
    size_t before = p->count;
    admission_input(req, &in, p);
    if (p->count == before) rescue_admission_check(&in, clock_today(), p);
}

/* ---- handlers ---- */

static json_t *institution_json(const Institution *i)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)i->id, "name", i->name_zh, "name_en",
                          i->name_en, "kind", i->kind, "area", i->area, "present", (json_int_t)i->present);
    json_object_set_new(j, "beds", i->beds >= 0 ? json_integer(i->beds) : json_null());
    json_object_set_new(j, "free", i->beds >= 0 ? json_integer(i->beds - i->present) : json_null());
    return j;
}

static int add_institution(void *ctx, const Institution *i)
{
    json_array_append_new(ctx, institution_json(i));
    return 0;
}

void api_institutions_list(Request *req)
{
    json_t *items = json_array();
    StoreRc r = store_institutions(req->store, add_institution, items, req->arena);
    if (r != STORE_OK) {
        json_decref(items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_institution_patch(Request *req)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "institution:%lld", id));
    json_int_t beds = json_integer_value(json_object_get(req->body, "beds"));
    Problems *p = req_scratch(req);
    if (beds < 0 || beds > 100000) {
        problems_add(p, "beds", "no_beds");
        res_problem(req, 422, problems_add(req_scratch(req), NULL, "bad_fields"), p);
        return;
    }
    StoreRc r = store_institution_set_beds(req->store, id, (int)beds, p);
    Institution inst;
    if (r == STORE_OK) r = store_institution_get(req->store, id, &inst, req->arena);
    if (r == STORE_NOTFOUND) res_fail(req, 404, "no_institution", id);
    else if (r == STORE_INVALID) res_problem(req, 409, p->head, p);
    else if (r != STORE_OK) res_store_error(req, r);
    else res_json(req, 200, institution_json(&inst));
}

/* Answers a change the store refused: a state of the admission is 409, wrong input 422, else as the store says. */
static void answer_refused(Request *req, StoreRc r, const Problems *p)
{
    if (r == STORE_NOTFOUND) {
        res_fail(req, 404, "admission_not_found", req_param_int(req, "id", 0));
        return;
    }
    if (r != STORE_INVALID || !p->head) {
        res_store_error(req, r);
        return;
    }
    int status = strncmp(p->head->code, "rescue_state", 12) == 0 ? 409 : 422;
    res_problem(req, status, status == 409 ? p->head : problems_add(req_scratch(req), NULL, "bad_fields"), p);
}

/* Answers STATUS with admission ID as the caller now sees it, with its
   timeline, and adds it and its child to the audit entry; 404 if it is not
   in the caller's scope. */
static void answer_admission(Request *req, long long id, int status);

void api_admission_create(Request *req)
{
    const Caller *me = req->caller;
    Problems *p = req_scratch(req);
    char at[26];
    Change ch = {me->account.username, NULL, clock_now_iso(at)};
    NewAdmission n = {.case_ref = api_body_string(req, "case_ref"), .change = &ch};
    n.institution_id = json_integer_value(json_object_get(req->body, "institution_id"));   /* 0: the rescue centre */
    admission_input(req, &n.in, p);
    long long id = 0;
    StoreRc r = store_admission_add(req->store, &req->scope, &n, &id, p);
    if (r != STORE_OK) {
        answer_refused(req, r, p);
        return;
    }
    res_header(req, "Location", arena_printf(req->arena, "/api/v1/admissions/%lld", id));
    answer_admission(req, id, 201);
}

typedef struct AdmissionList {
    Request *req;
    json_t *items;
    Date today;
} AdmissionList;

static int add_admission(void *ctx, const Admission *ad)
{
    AdmissionList *x = ctx;
    json_array_append_new(x->items, admission_json(ad, x->today));
    req_audit_record(x->req, arena_printf(x->req->arena, "admission:%lld", ad->id));
    if (ad->child_id) req_audit_id(x->req, ad->child_id);
    return 0;
}

void api_admissions_list(Request *req)
{
    const char *status = req_param(req, "status");
    AdmissionFilter f = {req->scope, status && strcmp(status, "all") != 0 ? status : NULL,
                         req_param_int(req, "institution", 0)};
    if (!status) f.status = "present";   /* the board: who is here now */
    AdmissionList x = {req, json_array(), clock_today()};
    StoreRc r = store_admissions_list(req->store, &f, add_admission, &x, req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o, s:i}", "items", x.items, "total", (int)json_array_size(x.items)));
}

typedef struct Timeline {
    json_t *items;
    Lang lang;
} Timeline;

static int add_step(void *ctx, const AdmissionStep *st)
{
    Timeline *t = ctx;
    json_t *j = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "kind", st->kind, "label",
                          code_label(&CODES_RESCUE_STEP, st->kind, t->lang), "on", api_day(st->on), "detail",
                          api_text(st->detail), "note", api_text(st->note), "recorded_at", api_text(st->recorded_at),
                          "recorded_by", api_text(st->recorded_by));
    json_array_append_new(t->items, j);
    return 0;
}

static void answer_admission(Request *req, long long id, int status)
{
    req_audit_record(req, arena_printf(req->arena, "admission:%lld", id));
    Admission ad;
    StoreRc r = store_admission_get(req->store, &req->scope, id, &ad, req->arena);
    if (r == STORE_NOTFOUND) {
        res_fail(req, 404, "admission_not_found", id);
        return;
    }
    Timeline t = {json_array(), req->lang};
    if (r == STORE_OK) r = store_admission_steps(req->store, id, add_step, &t, req->arena);
    if (r != STORE_OK) {
        json_decref(t.items);
        res_store_error(req, r);
        return;
    }
    if (ad.child_id) req_audit_id(req, ad.child_id);
    json_t *j = admission_json(&ad, clock_today());
    json_object_set_new(j, "timeline", t.items);
    res_json(req, status, j);
}

void api_admission_get(Request *req) { answer_admission(req, req_param_int(req, "id", 0), 200); }

typedef StoreRc (*AdmissionActFn)(Store *, const Scope *, const AdmissionAct *, Problems *);

/* Does FN on admission {id} with the body's members, as the caller. */
static void admission_act(Request *req, AdmissionActFn fn)
{
    long long id = req_param_int(req, "id", 0);
    Problems *p = req_scratch(req);
    char at[26];
    Change ch = {req->caller->account.username, NULL, clock_now_iso(at)};
    Date today = clock_today();
    AdmissionAct act = {.id = id,
                        .kind = api_body_string(req, "kind"),
                        .on = api_body_day_checked(req, "on", today, p),
                        .today = today,
                        .ground = api_body_string(req, "ground"),
                        .child_id = json_integer_value(json_object_get(req->body, "child_id")),
                        .taken_by = api_body_string(req, "taken_by"),
                        .note = api_body_string(req, "note"),
                        .change = &ch};
    StoreRc r = p->head ? STORE_INVALID : fn(req->store, &req->scope, &act, p);
    if (r != STORE_OK) {
        req_audit_record(req, arena_printf(req->arena, "admission:%lld", id));
        answer_refused(req, r, p);
        return;
    }
    answer_admission(req, id, 200);
}

void api_admission_identify(Request *req) { admission_act(req, store_admission_identify); }
void api_admission_step(Request *req) { admission_act(req, store_admission_step); }
void api_admission_discharge(Request *req) { admission_act(req, store_admission_discharge); }

void api_rescue_stats(Request *req)
{
    Month m = (Month)req_param_int(req, "month", MONTH_NONE);
    if (m == MONTH_NONE) m = month_of(clock_today());
    Stay *stays;
    long n;
    StoreRc r = store_rescue_stays(req->store, &req->scope, m, &stays, &n, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    RescueMonth f;
    rescue_month_figures(stays, n, m, &f);
    char month[MONTH_BUF], rate[8], avg[48];
    json_t *j = json_pack("{s:s, s:I, s:I, s:I, s:I}", "month", month_format(m, month), "admissions",
                          (json_int_t)f.admissions, "discharges", (json_int_t)f.discharges, "present",
                          (json_int_t)f.present, "stranded", (json_int_t)f.stranded);
    rescue_permille_format(f.retention_permille, rate);
    json_object_set_new(j, "retention_rate", *rate ? json_string(rate) : json_null());
    /* the average stay of the month's discharges, in days with one decimal */
    if (f.discharges) {
        long tenths = (f.stay_days_total * 10 + f.discharges / 2) / f.discharges;
        snprintf(avg, sizeof avg, "%ld.%ld", tenths / 10, tenths % 10);
    }
    json_object_set_new(j, "average_stay_days", f.discharges ? json_string(avg) : json_null());
    res_json(req, 200, j);
}
