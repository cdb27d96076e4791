/*
** Protection over HTTP (issue #6, without the rescue centre), on top of
** store/store_protection.h and the rules of domain/protection.h. The
** contract, with examples, is docs/protection.md:
**   GET  /api/v1/protection/codes             the code lists
**   POST /api/v1/reports                       a mandatory report -> 201 {"case":{"id","number"}}
**   POST /api/v1/hotline-calls, GET ...        the hotline's call log (a call may open a case)
**   POST /api/v1/children/{id}/visits, GET ... home visits (a visit may open a case)
**   GET  /api/v1/visits/due                    children whose visit is due
**   GET  /api/v1/cases, GET /api/v1/cases/{id} cases, one with referrals, interventions and timeline
**   POST /api/v1/cases/{id}/steps|referrals|interventions|reporter-notified
**   GET  /api/v1/referrals                     a partner's inbox
**   POST /api/v1/referrals/{id}/response       a partner's answer
**
** Scope: cases, calls and visits belong to an area and are read through the
** caller's scope in the SQL. A partner (role child_scope "referred") sees a
** case only through a referral to its unit, and of it only its unit's
** referrals and timeline entries: anything else is 404. The reporter is
** masked for roles without reporter:read. Every case and child touched is
** added to the request's audit entry.
*/
#include <stdlib.h>
#include <string.h>
#include "api/handlers.h"
#include "domain/privacy.h"
#include "domain/protection.h"
#include "http/response.h"
#include "store/store_protection.h"
#include "util/clock.h"
#include "util/text.h"

enum { LIST_DEFAULT = 50 };

/* ---- small helpers ---- */

/* A JSON text kept by the store (triggers, a child's description), parsed; null when absent or broken. */
static json_t *stored_json(const char *text)
{
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    return j ? j : json_null();
}

/* How the caller sees cases: a partner through its unit within its area,
   everyone else through the children's scope. */
typedef struct CaseView {
    Scope scope;
    const char *unit;        /* NULL: not a partner */
} CaseView;

static CaseView case_view(const Request *req)
{
    const Caller *me = req->caller;
    if (strcmp(me->role.child_scope, "referred") != 0) return (CaseView){req->scope, NULL};
    /* a partner without a unit is referred nothing: "-" is no unit's code */
    return (CaseView){req->area_scope, me->account.unit && *me->account.unit ? me->account.unit : "-"};
}

static bool sees_reporter(const Request *req) { return role_has(&req->caller->role, "reporter:read"); }

/* The rules of the city's settings; answers 500 and returns false if they cannot be read. */
static bool load_rules(Request *req, ProtectionRules *r)
{
    StoreRc rc = store_protection_rules(req->store, r);
    if (rc == STORE_OK) return true;
    res_store_error(req, rc);
    return false;
}

/* Answers a store failure; false so that callers can `return fail_store(...)`. */
static bool fail_store(Request *req, StoreRc r)
{
    res_store_error(req, r);
    return false;
}

/* The seconds since 1970 of an ISO time AT that the server wrote: its
   "now" follows SHOUHU_TODAY in tests, so durations are measured on it. */
static long long seconds_of(const char *at)
{
    long long t = 0;
    iso_time_parse(at, &t);
    return t;
}

/* J as compact JSON text in the request's arena. */
static const char *json_text(Request *req, const json_t *j)
{
    char *t = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
    const char *copy = t ? arena_strdup(req->arena, t) : NULL;
    free(t);
    return copy;
}

/* ---- body checks (run by the dispatcher) ---- */

/* Checks that the member NAME of OBJ, if present, is a code of T. */
static void check_code(const json_t *obj, const char *name, const char *field, const CodeTable *t, Problems *p)
{
    const char *v = json_string_value(json_object_get(obj, name));
    if (v && !code_get(t, v)) code_problem(p, field, v, t);
}

/* Checks the triggers of a body: 1 to 9 different codes; REQUIRED when a case is opened. */
static void check_triggers(const json_t *body, bool required, Problems *p)
{
    json_t *t = json_object_get(body, "triggers");
    if (!t || json_is_null(t)) {
        if (required) problems_add(p, "triggers", "required");
        return;
    }
    size_t n = json_array_size(t), i;
    json_t *v;
    bool ok = json_is_array(t) && n >= 1 && n <= 9;
    json_array_foreach(t, i, v) {
        const char *code = json_string_value(v);
        if (!code || !code_get(&CODES_TRIGGER, code)) {
            code_problem(p, "triggers", code ? code : "?", &CODES_TRIGGER);
            return;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(json_string_value(json_array_get(t, k)), code) == 0) ok = false;
    }
    if (!ok) problems_add(p, "triggers", "triggers_count");
}

/* Checks the time member NAME (ISO 8601), not after now. */
static void check_time(const Request *req, const char *name, bool date_ok, Problems *p)
{
    const char *v = api_body_string(req, name);
    long long t;
    Date d;
    char now[26];
    if (!v) return;
    if (date_ok && date_parse_iso(v, &d)) {
        if (date_cmp(d, clock_today()) > 0) problems_add(p, name, "time_future", v);
        return;
    }
    if (!iso_time_parse(v, &t)) problems_add(p, name, "time_format", v);
    else if (t > seconds_of(clock_now_iso(now)) + 300) problems_add(p, name, "time_future", v);   /* a few minutes of drift */
}

static void check_area(const Request *req, const char *name, Problems *p)
{
    const char *v = api_body_string(req, name);
    if (v && (strlen(v) != 12 || strspn(v, "0123456789") != 12)) problems_add(p, name, "bad_area_code");
}

/* Checks a nested object MEMBER of the body against FIELDS (strings with a
   most length, or integers from 0 to 17); unknown members are problems. */
typedef struct NestedField {
    const char *name;
    bool required, integer;
    int max;
} NestedField;

static void check_nested(const json_t *obj, const char *member, const NestedField *fields, Problems *p)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        const NestedField *f = fields;
        while (f->name && strcmp(f->name, key) != 0) f++;
        char *field = arena_printf(p->arena, "%s.%s", member, key);
        if (!f->name) problems_add(p, field, "unknown_field");
        else if (json_is_null(v)) continue;
        else if (f->integer && (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 17))
            problems_add(p, field, "apparent_age");
        else if (!f->integer && !json_is_string(v)) problems_add(p, field, "wrong_type", "string");
        else if (!f->integer && utf8_chars(json_string_value(v)) > (size_t)f->max) problems_add(p, field, "too_long", f->max);
    }
    for (const NestedField *f = fields; f->name; f++)
        if (f->required && !json_string_value(json_object_get(obj, f->name)))
            problems_add(p, arena_printf(p->arena, "%s.%s", member, f->name), "required");
}

void validate_report_body(Request *req, Problems *p)
{
    static const NestedField reporter[] = {{"name", true, false, 50}, {"unit", false, false, 100},
                                           {"sector", true, false, 32}, {"phone", false, false, 30}, {NULL, 0, 0, 0}};
    static const NestedField child[] = {{"name", false, false, 50}, {"sex", false, false, 8},
                                        {"apparent_age", false, true, 0}, {"description", false, false, 500},
                                        {NULL, 0, 0, 0}};
    json_t *r = json_object_get(req->body, "reporter"), *c = json_object_get(req->body, "child");
    check_nested(r, "reporter", reporter, p);
    check_code(r, "sector", "reporter.sector", &CODES_SECTOR, p);
    if (json_is_object(c)) {
        check_nested(c, "child", child, p);
        check_code(c, "sex", "child.sex", &CODES_SEX, p);
    }
    check_triggers(req->body, true, p);
    check_time(req, "occurred_at", true, p);
    check_time(req, "received_at", false, p);
    check_area(req, "area", p);
    check_code(req->body, "via", "via", &CODES_REPORT_VIA, p);
    if (!json_object_get(req->body, "child_id") && !(json_is_object(c) && api_body_string(req, "area")))
        problems_add(p, "child_id", "child_or_area");
}

void validate_hotline_body(Request *req, Problems *p)
{
    check_time(req, "received_at", false, p);
    check_code(req->body, "asks", "asks", &CODES_INQUIRY, p);
    check_area(req, "area", p);
    bool open = json_is_true(json_object_get(req->body, "open_case"));
    check_triggers(req->body, open, p);
    if (open && !json_object_get(req->body, "child_id") && !api_body_string(req, "area"))
        problems_add(p, "area", "child_or_area");
}

void validate_visit_body(Request *req, Problems *p)
{
    const char *on = api_body_string(req, "visited_on");
    Date d;
    if (on && !date_parse_iso(on, &d)) problems_add(p, "visited_on", "bad_date", on);
    else if (on && date_cmp(d, clock_today()) > 0) problems_add(p, "visited_on", "future_date", on);
    check_code(req->body, "kind", "kind", &CODES_VISIT_KIND, p);
    check_code(req->body, "care", "care", &CODES_CARE, p);
    check_code(req->body, "risk", "risk", &CODES_RISK, p);
    check_triggers(req->body, json_is_true(json_object_get(req->body, "open_case")), p);
}

void validate_step_body(Request *req, Problems *p)
{
    check_code(req->body, "step", "step", &CODES_CASE_STEP, p);
    check_code(req->body, "risk", "risk", &CODES_RISK, p);
    check_code(req->body, "guardianship", "guardianship", &CODES_GUARDIANSHIP, p);
    check_code(req->body, "outcome", "outcome", &CODES_CASE_OUTCOME, p);
    const char *step = api_body_string(req, "step");
    if (p->count == 0 && step)
        case_step_fields_ok(step, api_body_string(req, "risk"), api_body_string(req, "guardianship"), api_body_string(req, "outcome"),
                            api_body_string(req, "note"), p);
}

void validate_referral_body(Request *req, Problems *p)
{
    check_code(req->body, "unit", "unit", &CODES_REFERRAL_UNIT, p);
    const char *kind = api_body_string(req, "kind"), *due = api_body_string(req, "due");
    if (kind && strcmp(kind, "referral") != 0 && strcmp(kind, "notice") != 0) problems_add(p, "kind", "bad_choice", "referral, notice");
    Date d;
    if (due && !date_parse_iso(due, &d)) problems_add(p, "due", "bad_date", due);
    else if (due && date_cmp(d, clock_today()) < 0) problems_add(p, "due", "due_past", due);
}

void validate_response_body(Request *req, Problems *p)
{
    check_code(req->body, "decision", "decision", &CODES_REFERRAL_DECISION, p);
    const char *decision = api_body_string(req, "decision");
    if (decision && strcmp(decision, "decline") == 0 && text_blank(api_body_string(req, "reason")))
        problems_add(p, "reason", "decline_reason");
    if (decision && strcmp(decision, "done") == 0 && text_blank(api_body_string(req, "action")))
        problems_add(p, "action", "action_required");
}

void validate_intervention_body(Request *req, Problems *p)
{
    check_code(req->body, "kind", "kind", &CODES_INTERVENTION, p);
    check_code(req->body, "court_result", "court_result", &CODES_COURT_RESULT, p);
    const char *kind = api_body_string(req, "kind"), *on = api_body_string(req, "on");
    if (api_body_string(req, "court_result") && kind && strcmp(kind, "revocation") != 0)
        problems_add(p, "court_result", "court_result_only");
    Date d;
    if (on && !date_parse_iso(on, &d)) problems_add(p, "on", "bad_date", on);
    else if (on && date_cmp(d, clock_today()) > 0) problems_add(p, "on", "future_date", on);
}

/* ---- documents ---- */

static json_t *referral_json(const Referral *r, Date today, const ProtectionRules *rules)
{
    char due[11];
    bool open = strcmp(r->kind, "referral") == 0 &&
                (strcmp(r->status, "pending") == 0 || strcmp(r->status, "accepted") == 0);
    int late = 0;
    Escalation e = open ? referral_escalation(r->due, today, rules, &late) : ESCALATION_NONE;
    json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id, "case_id",
                          (json_int_t)r->case_id, "unit", r->unit, "kind", r->kind, "status", r->status, "sent_at",
                          r->sent_at, "sent_by", r->sent_by);
    json_object_set_new(j, "due", date_is_set(r->due) ? json_string(date_format(r->due, due)) : json_null());
    json_object_set_new(j, "overdue", json_boolean(e != ESCALATION_NONE));
    json_object_set_new(j, "days_late", json_integer(late));
    json_object_set_new(j, "escalation", api_text(escalation_actor(e)));
    json_object_set_new(j, "note", api_text(r->note));
    json_object_set_new(j, "reason", api_text(r->reason));
    json_object_set_new(j, "action", api_text(r->action));
    json_object_set_new(j, "responded_at", api_text(r->responded_at));
    json_object_set_new(j, "responded_by", api_text(r->responded_by));
    return j;
}

static json_t *case_summary_json(const CaseRecord *c)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)c->id, "number", c->number, "status",
                          c->status, "source", c->source, "area", c->area);
    json_object_set_new(j, "area_name", api_text(c->area_name));
    json_object_set_new(j, "child_id", c->child_id ? json_integer(c->child_id) : json_null());
    json_object_set_new(j, "child_name", api_text(c->child_name));
    json_object_set_new(j, "triggers", stored_json(c->triggers));
    json_object_set_new(j, "risk", api_text(c->risk));
    json_object_set_new(j, "owner", api_text(c->owner));
    json_object_set_new(j, "received_at", json_string(c->received_at));
    json_object_set_new(j, "created_at", json_string(c->created_at));
    json_object_set_new(j, "updated_at", json_string(c->updated_at));
    json_object_set_new(j, "overdue_referrals", json_integer(c->overdue_referrals));
    return j;
}

/* The reporter as the caller may see it: in full with reporter:read, else masked. */
static json_t *reporter_json(Request *req, const CaseRecord *c)
{
    bool full = sees_reporter(req);
    const char *name = full ? c->reporter_name : person_name_mask(req->arena, c->reporter_name);
    const char *phone = !c->reporter_phone ? NULL : full ? c->reporter_phone : phone_mask(req->arena, c->reporter_phone);
    json_t *j = json_pack("{s:o, s:o, s:o, s:o, s:o}", "name", api_text(name), "unit",
                          api_text(full ? c->reporter_unit : NULL), "sector", api_text(c->reporter_sector),
                          "phone", api_text(phone), "via", api_text(c->via));
    json_object_set_new(j, "masked", json_boolean(!full));
    return j;
}

typedef struct CaseParts {
    Request *req;
    json_t *items;
    Date today;
    const ProtectionRules *rules;
} CaseParts;

static int add_referral(void *ctx, const Referral *r)
{
    CaseParts *x = ctx;
    json_array_append_new(x->items, referral_json(r, x->today, x->rules));
    return 0;
}

static int add_intervention(void *ctx, const Intervention *i)
{
    CaseParts *x = ctx;
    json_t *j = json_pack("{s:I, s:s, s:o}", "id", (json_int_t)i->id, "kind", i->kind, "on", api_day(i->on));
    json_object_set_new(j, "target", api_text(i->target));
    json_object_set_new(j, "note", api_text(i->note));
    json_object_set_new(j, "court_result", api_text(i->court_result));
    json_object_set_new(j, "recorded_at", json_string(i->recorded_at));
    json_object_set_new(j, "recorded_by", json_string(i->recorded_by));
    json_array_append_new(x->items, j);
    return 0;
}

static int add_step(void *ctx, const CaseStep *s)
{
    CaseParts *x = ctx;
    json_t *j = json_pack("{s:s, s:s, s:s}", "at", s->at, "author", s->author, "step", s->step);
    json_object_set_new(j, "from", api_text(s->from_status));
    json_object_set_new(j, "to", api_text(s->to_status));
    json_object_set_new(j, "note", api_text(s->note));
    json_object_set_new(j, "unit", api_text(s->unit));
    json_object_set_new(j, "detail", stored_json(s->detail));
    json_array_append_new(x->items, j);
    return 0;
}

/* The whole case as the caller may see it (a partner: only its unit's part); NULL after answering a failure. */
static json_t *case_full_json(Request *req, const CaseRecord *c, const CaseView *v, const ProtectionRules *rules)
{
    Date today = clock_today();
    json_t *j = case_summary_json(c);
    json_object_set_new(j, "reporter", reporter_json(req, c));
    json_object_set_new(j, "child", stored_json(c->child_desc));
    json_object_set_new(j, "place", api_text(c->place));
    json_object_set_new(j, "occurred_at", api_text(c->occurred_at));
    json_object_set_new(j, "seen", api_text(c->seen));
    json_object_set_new(j, "guardianship", api_text(c->guardianship));
    json_object_set_new(j, "outcome", api_text(c->outcome));
    json_object_set_new(j, "first_action_at", api_text(c->first_action_at));
    json_object_set_new(j, "first_action_seconds",
                        c->first_action_seconds >= 0 ? json_integer(c->first_action_seconds) : json_null());
    json_object_set_new(j, "reporter_notified_at", api_text(c->reporter_notified_at));
    json_object_set_new(j, "reporter_notified_by", api_text(c->reporter_notified_by));
    json_t *steps = json_array();
    for (const CodeEntry *e = CODES_CASE_STEP.entries; e->code && !v->unit; e++)
        if (case_step_allowed(c->status, e->code)) json_array_append_new(steps, json_string(e->code));
    json_object_set_new(j, "allowed_steps", steps);

    CaseParts refs = {req, json_array(), today, rules}, ints = {req, json_array(), today, rules},
              line = {req, json_array(), today, rules};
    ReferralFilter f = {.case_id = c->id, .unit = v->unit};
    StoreRc r = store_referrals_list(req->store, &f, add_referral, &refs, req->arena);
    if (r == STORE_OK && !v->unit) r = store_interventions(req->store, c->id, add_intervention, &ints, req->arena);
    if (r == STORE_OK) r = store_case_steps(req->store, c->id, v->unit, add_step, &line, req->arena);
    json_object_set_new(j, "referrals", refs.items);
    json_object_set_new(j, "interventions", ints.items);
    json_object_set_new(j, "timeline", line.items);
    if (r != STORE_OK) {
        json_decref(j);
        res_store_error(req, r);
        return NULL;
    }
    return j;
}

/* ---- loading what a request names ---- */

/* Case {id} as the caller may see it; answers 404 and returns false otherwise. Audited. */
static bool load_case(Request *req, const CaseView *v, CaseRecord *c)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "case:%lld", id));
    StoreRc r = store_case_get(req->store, &v->scope, v->unit, id, clock_today(), c, req->arena);
    if (r == STORE_OK) {
        if (c->child_id) req_audit_id(req, c->child_id);
        return true;
    }
    if (r == STORE_NOTFOUND) res_fail(req, 404, "case_not_found", id);
    else res_store_error(req, r);
    return false;
}

/* Child ID in the caller's scope; answers 404 and returns false otherwise. Audited. */
static bool load_child(Request *req, long long id, Child *c)
{
    req_audit_id(req, id);
    StoreRc r = store_child_get(req->store, &req->scope, id, c, req->arena);
    if (r == STORE_OK) return true;
    if (r == STORE_NOTFOUND) res_fail(req, 404, "child_not_found", id);
    else res_store_error(req, r);
    return false;
}

/* Whether area CODE is a village within the caller's area; adds a problem (field FIELD) if not. */
static bool village_in_scope(Request *req, const char *code, const char *field, Problems *p)
{
    Area a;
    if (store_scope_contains(&req->area_scope, code) &&
        store_area_get(req->store, code, &a, req->arena) == STORE_OK && a.level == 3)
        return true;
    problems_add(p, field, "not_village_area", code);
    return false;
}

/* ---- opening a case (a report, a call or a visit) ---- */

/* What opening a case needs besides the CaseRecord's reporter and report fields. */
typedef struct CaseIntake {
    int age;                  /* -1 unknown */
    const char *enrolment;
    json_t *referrals;        /* receives the referrals and notices sent, or NULL */
    const ProtectionRules *rules;
} CaseIntake;

static int add_sent(void *ctx, const Referral *r)
{
    CaseIntake *in = ctx;
    if (in->referrals) json_array_append_new(in->referrals, referral_json(r, clock_today(), in->rules));
    return 0;
}

/* Opens case C (source, area, reporter and what was seen filled in) as the
   caller, now, with the notices of a mandatory report (store_case_open).
   False after answering a failure. */
static bool open_case(Request *req, CaseRecord *c, CaseIntake *in)
{
    const Caller *me = req->caller;
    ProtectionRules rules;
    if (!load_rules(req, &rules)) return false;
    char at[26];
    c->created_at = arena_strdup(req->arena, clock_now_iso(at));
    c->created_by = me->account.username;
    c->owner = me->account.username;
    if (!c->received_at) c->received_at = c->created_at;
    in->rules = &rules;
    StoreRc r = store_case_open(req->store, c, in->age, in->enrolment, &rules, clock_today(), add_sent, in, req->arena);
    in->rules = NULL;   /* they lived here */
    if (r != STORE_OK) return fail_store(req, r);
    req_audit_record(req, arena_printf(req->arena, "case:%lld", c->id));
    if (c->child_id) req_audit_id(req, c->child_id);
    return true;
}

static json_t *case_ref_json(const CaseRecord *c)
{
    return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)c->id, "number", c->number, "status", c->status);
}

/* The child's age and schooling for the report's notices. */
static void intake_from_child(CaseIntake *in, const Child *c)
{
    in->age = date_is_set(c->birth_date) ? date_age_on(c->birth_date, clock_today()) : -1;
    in->enrolment = c->enrolment;
}

/* ---- codes ---- */

void api_protection_codes(Request *req)
{
    json_t *j = json_object();
    for (const CodeTable *const *t = PROTECTION_CODE_TABLES; *t; t++)
        json_object_set_new(j, (*t)->name, code_table_json(*t));
    res_header(req, "Cache-Control", "private, max-age=3600");
    res_json(req, 200, j);
}

/* ---- mandatory reports ---- */

/* Answers STATUS about the hotline_call member: 404 not found (or not in
   the caller's area), 409 it became a case already. */
static void call_problem(Request *req, int status, long long id)
{
    Problems *p = req_scratch(req);
    res_problem(req, status, problems_add(p, "hotline_call", status == 404 ? "hotline_call_not_found" : "hotline_call_has_case", id), p);
}

/* The hotline call a report is made from (body member hotline_call), in
   the caller's area and not yet a case; H->id stays 0 without one. Only a
   role that reads the call log can name a call (others learn nothing of
   calls: 404). False after answering 404 or 409, before anything is
   written. Audited. */
static bool load_report_call(Request *req, HotlineCall *h)
{
    memset(h, 0, sizeof *h);
    json_t *id = json_object_get(req->body, "hotline_call");
    if (!id) return true;
    long long call_id = json_integer_value(id);
    req_audit_record(req, arena_printf(req->arena, "hotline:%lld", call_id));
    StoreRc r = role_has(&req->caller->role, "hotline:read")
                    ? store_hotline_get(req->store, &req->area_scope, call_id, h, req->arena)
                    : STORE_NOTFOUND;
    if (r != STORE_OK && r != STORE_NOTFOUND) return fail_store(req, r);
    if (r == STORE_OK && !h->case_id) return true;
    call_problem(req, r == STORE_NOTFOUND ? 404 : 409, call_id);
    return false;
}

void api_report_create(Request *req)
{
    json_t *rep = json_object_get(req->body, "reporter"), *desc = json_object_get(req->body, "child");
    CaseRecord c = {0};
    HotlineCall call;
    if (!load_report_call(req, &call)) return;
    CaseIntake in = {-1, NULL, json_array(), NULL};
    Child child;
    json_int_t child_id = json_integer_value(json_object_get(req->body, "child_id"));
    if (json_object_get(req->body, "child_id")) {
        if (!load_child(req, child_id, &child)) {
            json_decref(in.referrals);
            return;
        }
        intake_from_child(&in, &child);
        c.child_id = child.id;
        c.area = child.area;
    } else {
        Problems *p = req_scratch(req);
        c.area = api_body_string(req, "area");
        if (!village_in_scope(req, c.area, "area", p)) {
            json_decref(in.referrals);
            res_problem(req, 422, problems_add(req_scratch(req), NULL, "bad_fields"), p);
            return;
        }
        json_t *age = json_object_get(desc, "apparent_age");
        if (json_is_integer(age)) in.age = (int)json_integer_value(age);
    }
    if (json_is_object(desc)) c.child_desc = json_text(req, desc);
    c.source = "report";
    c.reporter_name = json_string_value(json_object_get(rep, "name"));
    c.reporter_unit = json_string_value(json_object_get(rep, "unit"));
    c.reporter_sector = json_string_value(json_object_get(rep, "sector"));
    c.reporter_phone = json_string_value(json_object_get(rep, "phone"));
    c.via = api_body_string(req, "via") ? api_body_string(req, "via") : "form";
    c.triggers = json_text(req, json_object_get(req->body, "triggers"));
    c.seen = api_body_string(req, "seen");
    c.place = api_body_string(req, "place");
    c.occurred_at = api_body_string(req, "occurred_at");
    c.received_at = api_body_string(req, "received_at");
    if (!open_case(req, &c, &in)) {
        json_decref(in.referrals);
        return;
    }
    StoreRc r = call.id ? store_hotline_link_case(req->store, call.id, c.id) : STORE_OK;
    if (r != STORE_OK) {   /* the transaction is rolled back: no case without its call's link */
        json_decref(in.referrals);
        if (r == STORE_CONFLICT) call_problem(req, 409, call.id);
        else res_store_error(req, r);
        return;
    }
    res_header(req, "Location", arena_printf(req->arena, "/api/v1/cases/%lld", c.id));
    res_json(req, 201, json_pack("{s:o, s:o}", "case", case_ref_json(&c), "referrals", in.referrals));
}

/* ---- the hotline ---- */

static json_t *call_json(Request *req, const HotlineCall *h)
{
    bool full = sees_reporter(req);
    json_t *j = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)h->id, "received_at",
                          h->received_at, "recorded_at", h->recorded_at, "first_action_seconds",
                          (json_int_t)h->first_action_seconds, "area", h->area, "asks", h->asks, "question",
                          h->question, "taken_by", h->taken_by);
    json_object_set_new(j, "caller_name",
                        api_text(full ? h->caller_name : person_name_mask(req->arena, h->caller_name)));
    json_object_set_new(j, "caller_phone", api_text(!h->caller_phone ? NULL
                                                       : full         ? h->caller_phone
                                                                      : phone_mask(req->arena, h->caller_phone)));
    json_object_set_new(j, "answer", api_text(h->answer));
    json_object_set_new(j, "child_id", h->child_id ? json_integer(h->child_id) : json_null());
    json_object_set_new(j, "case", h->case_id ? json_pack("{s:I, s:s?}", "id", (json_int_t)h->case_id, "number",
                                                          h->case_number)
                                              : json_null());
    return j;
}

void api_hotline_create(Request *req)
{
    const Caller *me = req->caller;
    char at[26];
    HotlineCall h = {0};
    h.received_at = api_body_string(req, "received_at");
    h.recorded_at = arena_strdup(req->arena, clock_now_iso(at));
    long long taken = seconds_of(h.recorded_at) - seconds_of(h.received_at);
    h.first_action_seconds = taken > 0 ? taken : 0;
    h.caller_name = api_body_string(req, "caller_name");
    h.caller_phone = api_body_string(req, "caller_phone");
    h.asks = api_body_string(req, "asks");
    h.question = api_body_string(req, "question");
    h.answer = api_body_string(req, "answer");
    h.taken_by = me->account.username;
    Child child;
    CaseIntake in = {-1, NULL, NULL, NULL};
    if (json_object_get(req->body, "child_id")) {
        if (!load_child(req, json_integer_value(json_object_get(req->body, "child_id")), &child)) return;
        intake_from_child(&in, &child);
        h.child_id = child.id;
        h.area = child.area;
    }
    const char *area = api_body_string(req, "area");
    Problems *p = req_scratch(req);
    if (!h.area && area && !village_in_scope(req, area, "area", p)) {
        res_problem(req, 422, problems_add(req_scratch(req), NULL, "bad_fields"), p);
        return;
    }
    if (!h.area) h.area = area ? area : me->account.area;
    CaseRecord c = {0};
    if (json_is_true(json_object_get(req->body, "open_case"))) {
        c.source = "hotline";
        c.area = h.area;
        c.child_id = h.child_id;
        c.reporter_name = h.caller_name ? h.caller_name : "匿名来电";
        c.reporter_phone = h.caller_phone;
        c.reporter_sector = "other";
        c.via = "phone";
        c.triggers = json_text(req, json_object_get(req->body, "triggers"));
        c.seen = h.question;
        c.received_at = h.received_at;
        if (!open_case(req, &c, &in)) return;
        h.case_id = c.id;
        h.case_number = c.number;
    }
    StoreRc r = store_hotline_insert(req->store, &h);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "hotline:%lld", h.id));
    res_json(req, 201, call_json(req, &h));
}

typedef struct Listing {
    Request *req;
    json_t *items;
    long long last_id;
    Date today;
    const ProtectionRules *rules;
} Listing;

static int add_call(void *ctx, const HotlineCall *h)
{
    Listing *x = ctx;
    json_array_append_new(x->items, call_json(x->req, h));
    req_audit_record(x->req, arena_printf(x->req->arena, "hotline:%lld", h->id));
    x->last_id = h->id;
    return 0;
}

/* Answers {"items", "next_cursor"}: the cursor when the page is full. */
static void answer_page(Request *req, Listing *x, int limit)
{
    json_t *next = (int)json_array_size(x->items) == limit ? json_integer(x->last_id) : json_null();
    res_json(req, 200, json_pack("{s:o, s:o}", "items", x->items, "next_cursor", next));
}

void api_hotline_list(Request *req)
{
    HotlineFilter f = {req->area_scope, req_param(req, "asks"), req_param_date(req, "from"), req_param_date(req, "to"),
                       req_param_int(req, "cursor", 0), (int)req_param_int(req, "limit", LIST_DEFAULT)};
    Listing x = {req, json_array(), 0, DATE_NONE, NULL};
    StoreRc r = store_hotline_list(req->store, &f, add_call, &x, req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    answer_page(req, &x, f.limit);
}

/* ---- visits ---- */

static json_t *visit_json(const Visit *v)
{
    json_t *j = json_pack("{s:I, s:I, s:o, s:s, s:s, s:s}", "id", (json_int_t)v->id, "child_id",
                          (json_int_t)v->child_id, "visited_on", api_day(v->visited_on), "kind", v->kind, "care",
                          v->care, "findings", v->findings);
    json_object_set_new(j, "seen", api_text(v->seen));
    json_object_set_new(j, "risk", api_text(v->risk));
    json_object_set_new(j, "needs", api_text(v->needs));
    json_object_set_new(j, "follow_up", api_text(v->follow_up));
    json_object_set_new(j, "case", v->case_id ? json_pack("{s:I, s:s?}", "id", (json_int_t)v->case_id, "number",
                                                          v->case_number)
                                              : json_null());
    json_object_set_new(j, "recorded_at", json_string(v->recorded_at));
    json_object_set_new(j, "recorded_by", json_string(v->recorded_by));
    return j;
}

/* The child's visit schedule on today; false after answering a failure. */
static bool schedule_of(Request *req, long long child_id, VisitDue *d)
{
    ProtectionRules rules;
    if (!load_rules(req, &rules)) return false;
    StoreRc r = store_visit_schedule(req->store, &req->scope, child_id, clock_today(), &rules, d, req->arena);
    return r == STORE_OK || fail_store(req, r);
}

void api_visit_create(Request *req)
{
    const Caller *me = req->caller;
    Child child;
    if (!load_child(req, req_param_int(req, "id", 0), &child)) return;
    char at[26];
    Visit v = {0};
    v.child_id = child.id;
    v.area = child.area;
    date_parse_iso(api_body_string(req, "visited_on"), &v.visited_on);
    v.kind = api_body_string(req, "kind");
    v.seen = api_body_string(req, "seen");
    v.care = api_body_string(req, "care");
    v.findings = api_body_string(req, "findings");
    v.risk = api_body_string(req, "risk");
    v.needs = api_body_string(req, "needs");
    v.follow_up = api_body_string(req, "follow_up");
    v.recorded_at = arena_strdup(req->arena, clock_now_iso(at));
    v.recorded_by = me->account.username;
    if (json_is_true(json_object_get(req->body, "open_case"))) {
        /* the visitor reports what it found, as a mandated reporter (a village committee) */
        CaseIntake in = {-1, NULL, NULL, NULL};
        intake_from_child(&in, &child);
        CaseRecord c = {0};
        c.source = "visit";
        c.area = child.area;
        c.child_id = child.id;
        c.reporter_name = me->account.username;
        c.reporter_sector = "village_committee";
        c.via = "visit";
        c.triggers = json_text(req, json_object_get(req->body, "triggers"));
        c.seen = v.findings;
        c.risk = v.risk;
        if (!open_case(req, &c, &in)) return;
        v.case_id = c.id;
        v.case_number = c.number;
    }
    StoreRc r = store_visit_insert(req->store, &v);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "visit:%lld", v.id));
    VisitDue d;
    if (!schedule_of(req, child.id, &d)) return;
    json_t *j = visit_json(&v);
    json_object_set_new(j, "next_due", api_day(d.due));
    res_json(req, 201, j);
}

typedef struct Visits {
    json_t *items;
} Visits;

static int add_visit(void *ctx, const Visit *v)
{
    json_array_append_new(((Visits *)ctx)->items, visit_json(v));
    return 0;
}

void api_visits_list(Request *req)
{
    Child child;
    if (!load_child(req, req_param_int(req, "id", 0), &child)) return;
    VisitDue d;
    if (!schedule_of(req, child.id, &d)) return;
    Visits x = {json_array()};
    StoreRc r = store_visits_of_child(req->store, child.id, add_visit, &x, req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o, s:o, s:i}", "items", x.items, "next_due", api_day(d.due), "months",
                                 d.months));
}

static int add_due(void *ctx, const VisitDue *d)
{
    Listing *x = ctx;
    json_t *cats = json_array();
    for (int i = 0; i < d->n_categories; i++) json_array_append_new(cats, json_string(d->categories[i]));
    long late = date_to_days(x->today) - date_to_days(d->due);
    json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:o, s:i, s:o, s:o, s:i}", "child_id", (json_int_t)d->child_id, "name",
                          d->name, "area", d->area, "area_name", api_text(d->area_name), "categories", cats,
                          "months", d->months, "last_visit", api_day(d->last), "due", api_day(d->due),
                          "days_late", late > 0 ? (int)late : 0);
    json_array_append_new(x->items, j);
    req_audit_id(x->req, d->child_id);
    return 0;
}

/* The caller's scope narrowed to the area parameter: a narrower area only
   narrows, one outside the caller's sees nothing. */
static Scope narrowed(Request *req, Scope base)
{
    const char *area = req_param(req, "area");
    if (!area) return base;
    Scope s = {area_prefix_of(req->arena, area)};
    return store_scope_contains(&base, area) ? s : SCOPE_NONE;
}

void api_visits_due(Request *req)
{
    ProtectionRules rules;
    if (!load_rules(req, &rules)) return;
    Scope scope = narrowed(req, req->scope);
    Listing x = {req, json_array(), 0, clock_today(), &rules};
    StoreRc r = store_visits_due(req->store, &scope, x.today, (int)req_param_int(req, "days", 0), &rules, add_due, &x,
                                 req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", x.items));
}

/* ---- cases ---- */

static int add_case(void *ctx, const CaseRecord *c)
{
    Listing *x = ctx;
    json_array_append_new(x->items, case_summary_json(c));
    req_audit_record(x->req, arena_printf(x->req->arena, "case:%lld", c->id));
    x->last_id = c->id;
    return 0;
}

void api_cases_list(Request *req)
{
    const Caller *me = req->caller;
    CaseView v = case_view(req);
    CaseFilter f = {0};
    f.scope = narrowed(req, v.scope);
    f.unit = v.unit;
    f.status = req_param(req, "status");
    f.risk = req_param(req, "risk");
    f.child_id = req_param_int(req, "child", 0);
    f.owner = req_param_int(req, "mine", 0) ? me->account.username : NULL;
    f.overdue = req_param_int(req, "overdue", 0);
    f.today = clock_today();
    f.before_id = req_param_int(req, "cursor", 0);
    f.limit = (int)req_param_int(req, "limit", LIST_DEFAULT);
    Listing x = {req, json_array(), 0, f.today, NULL};
    StoreRc r = store_cases_list(req->store, &f, add_case, &x, req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    answer_page(req, &x, f.limit);
}

/* Answers case C in full with STATUS (or a failure). */
static void answer_case(Request *req, int status, const CaseRecord *c, const CaseView *v)
{
    ProtectionRules rules;
    if (!load_rules(req, &rules)) return;
    json_t *j = case_full_json(req, c, v, &rules);
    if (j) res_json(req, status, j);
}

void api_case_get(Request *req)
{
    CaseView v = case_view(req);
    CaseRecord c;
    if (!load_case(req, &v, &c)) return;
    answer_case(req, 200, &c, &v);
}

/* Records the first action a person took on case C (at AT, now), once. */
static void mark_first_action(CaseRecord *c, const char *at)
{
    if (c->first_action_seconds >= 0) return;
    long long taken = seconds_of(at) - c->received_unix;
    c->first_action_at = at;
    c->first_action_seconds = taken > 0 ? taken : 0;
}

/* Saves case C with the timeline entry ST, by the caller at AT. False after answering a failure. */
static bool save_case(Request *req, CaseRecord *c, CaseStep *st, const char *at)
{
    st->at = at;
    st->author = req->caller->account.username;
    StoreRc r = store_case_record(req->store, c, st);
    return r == STORE_OK || fail_store(req, r);
}

void api_case_step(Request *req)
{
    const Caller *me = req->caller;
    CaseView v = case_view(req);
    CaseRecord c;
    if (!load_case(req, &v, &c)) return;
    const char *step = api_body_string(req, "step"), *note = api_body_string(req, "note");
    Problems *p = req_scratch(req);
    const char *next = case_step_next(c.status, step, p);
    if (!next) {
        res_problem(req, 409, p->head, p);
        return;
    }
    char at[26];
    const char *now = arena_strdup(req->arena, clock_now_iso(at));
    CaseStep st = {0};
    st.step = step;
    st.from_status = c.status;
    st.to_status = next;
    st.note = note;
    json_t *detail = json_object();
    if (strcmp(step, "assess") == 0) {
        c.risk = api_body_string(req, "risk");
        c.guardianship = api_body_string(req, "guardianship");
        c.owner = me->account.username;   /* who assesses works on the case */
        json_object_set_new(detail, "risk", json_string(c.risk));
        json_object_set_new(detail, "guardianship", json_string(c.guardianship));
    } else if (strcmp(step, "close") == 0) {
        c.outcome = api_body_string(req, "outcome");
        json_object_set_new(detail, "outcome", json_string(c.outcome));
    } else if (strcmp(step, "reopen") == 0) {
        c.outcome = NULL;
        c.reporter_notified_at = c.reporter_notified_by = NULL;
    }
    st.detail = json_object_size(detail) ? json_text(req, detail) : NULL;
    json_decref(detail);
    c.status = next;
    mark_first_action(&c, now);
    if (!save_case(req, &c, &st, now)) return;
    answer_case(req, 200, &c, &v);
}

void api_case_referral(Request *req)
{
    const Caller *me = req->caller;
    CaseView v = case_view(req);
    CaseRecord c;
    if (!load_case(req, &v, &c)) return;
    ProtectionRules rules;
    if (!load_rules(req, &rules)) return;
    Problems *p = req_scratch(req);
    const char *next = case_after_service(c.status, p);
    if (!next) {
        res_problem(req, 409, p->head, p);
        return;
    }
    char at[26];
    const char *now = arena_strdup(req->arena, clock_now_iso(at));
    Date today = clock_today();
    Referral ref = {0};
    ref.case_id = c.id;
    ref.kind = api_body_string(req, "kind") ? api_body_string(req, "kind") : "referral";
    ref.unit = api_body_string(req, "unit");
    ref.status = "pending";
    ref.sent_at = now;
    ref.sent_by = me->account.username;
    ref.note = api_body_string(req, "note");
    bool notice = strcmp(ref.kind, "notice") == 0;
    const char *due = api_body_string(req, "due");
    if (notice) ref.due = DATE_NONE;
    else if (due) date_parse_iso(due, &ref.due);
    else ref.due = referral_due(today, ref.unit, false, &rules);
    StoreRc r = store_referral_insert(req->store, &ref);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "referral:%lld", ref.id));
    CaseStep st = {0};
    st.step = ref.kind;
    st.from_status = c.status;
    st.to_status = next;
    st.note = ref.note;
    st.unit = ref.unit;
    st.detail = arena_printf(req->arena, "{\"referral_id\":%lld}", ref.id);
    c.status = next;
    mark_first_action(&c, now);
    if (!save_case(req, &c, &st, now)) return;
    res_header(req, "Location", arena_printf(req->arena, "/api/v1/cases/%lld", c.id));
    res_json(req, 201, referral_json(&ref, today, &rules));
}

void api_case_intervention(Request *req)
{
    const Caller *me = req->caller;
    CaseView v = case_view(req);
    CaseRecord c;
    if (!load_case(req, &v, &c)) return;
    Problems *p = req_scratch(req);
    const char *next = case_after_service(c.status, p);
    if (!next) {
        res_problem(req, 409, p->head, p);
        return;
    }
    char at[26];
    const char *now = arena_strdup(req->arena, clock_now_iso(at));
    Intervention i = {0};
    i.case_id = c.id;
    i.kind = api_body_string(req, "kind");
    i.on = clock_today();
    if (api_body_string(req, "on")) date_parse_iso(api_body_string(req, "on"), &i.on);
    i.target = api_body_string(req, "target");
    i.note = api_body_string(req, "note");
    i.court_result = api_body_string(req, "court_result");
    i.recorded_at = now;
    i.recorded_by = me->account.username;
    StoreRc r = store_intervention_insert(req->store, &i);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    CaseStep st = {0};
    st.step = "intervention";
    st.from_status = c.status;
    st.to_status = next;
    st.note = i.note;
    json_t *detail = json_pack("{s:s, s:I}", "kind", i.kind, "intervention_id", (json_int_t)i.id);
    if (i.court_result) json_object_set_new(detail, "court_result", json_string(i.court_result));
    st.detail = json_text(req, detail);
    json_decref(detail);
    c.status = next;
    mark_first_action(&c, now);
    if (!save_case(req, &c, &st, now)) return;
    CaseParts x = {req, json_array(), DATE_NONE, NULL};
    add_intervention(&x, &i);
    json_t *j = json_incref(json_array_get(x.items, 0));
    json_decref(x.items);
    res_json(req, 201, j);
}

void api_case_reporter_notified(Request *req)
{
    const Caller *me = req->caller;
    CaseView v = case_view(req);
    CaseRecord c;
    if (!load_case(req, &v, &c)) return;
    if (case_is_open(c.status)) {
        res_fail(req, 409, "case_not_closed");
        return;
    }
    char at[26];
    const char *now = arena_strdup(req->arena, clock_now_iso(at));
    c.reporter_notified_at = now;
    c.reporter_notified_by = me->account.username;
    CaseStep st = {0};
    st.step = "reporter_notified";
    st.from_status = st.to_status = c.status;
    st.note = api_body_string(req, "note");
    if (!save_case(req, &c, &st, now)) return;
    answer_case(req, 200, &c, &v);
}

/* ---- referrals: the partner's side ---- */

/* The case summary a referral in an inbox carries: what the unit needs to act. */
static json_t *inbox_case_json(Request *req, const Referral *r)
{
    CaseRecord c;
    CaseView v = case_view(req);
    if (store_case_get(req->store, &v.scope, v.unit, r->case_id, clock_today(), &c, req->arena) != STORE_OK)
        return json_null();
    json_t *j = case_summary_json(&c);
    json_object_set_new(j, "seen", api_text(c.seen));
    json_object_set_new(j, "place", api_text(c.place));
    json_object_set_new(j, "occurred_at", api_text(c.occurred_at));
    if (c.child_id) req_audit_id(req, c.child_id);
    return j;
}

static int add_inbox(void *ctx, const Referral *r)
{
    Listing *x = ctx;
    json_t *j = referral_json(r, x->today, x->rules);
    json_object_set_new(j, "case", inbox_case_json(x->req, r));
    json_array_append_new(x->items, j);
    req_audit_record(x->req, arena_printf(x->req->arena, "case:%lld", r->case_id));
    return 0;
}

void api_referrals_list(Request *req)
{
    CaseView v = case_view(req);
    ProtectionRules rules;
    if (!load_rules(req, &rules)) return;
    ReferralFilter f = {0};
    f.scope = v.scope;
    f.unit = v.unit;
    f.status = req_param(req, "status");
    f.overdue = req_param_int(req, "overdue", 0);
    f.today = clock_today();
    f.limit = (int)req_param_int(req, "limit", LIST_DEFAULT);
    Listing x = {req, json_array(), 0, f.today, &rules};
    StoreRc r = store_referrals_list(req->store, &f, add_inbox, &x, req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", x.items));
}

void api_referral_respond(Request *req)
{
    const Caller *me = req->caller;
    CaseView v = case_view(req);
    long long id = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "referral:%lld", id));
    Referral ref;
    StoreRc r = store_referral_get(req->store, &v.scope, v.unit, id, &ref, req->arena);
    if (r == STORE_NOTFOUND) {
        res_fail(req, 404, "referral_not_found", id);
        return;
    }
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "case:%lld", ref.case_id));
    const char *decision = api_body_string(req, "decision");
    Problems *p = req_scratch(req);
    const char *next = referral_next(ref.kind, ref.status, decision, p);
    if (!next) {
        res_problem(req, 409, p->head, p);
        return;
    }
    char at[26];
    const char *now = arena_strdup(req->arena, clock_now_iso(at));
    ref.status = next;
    ref.responded_at = now;
    ref.responded_by = me->account.username;
    if (strcmp(decision, "decline") == 0) ref.reason = api_body_string(req, "reason");
    if (strcmp(decision, "done") == 0) ref.action = api_body_string(req, "action");
    r = store_referral_save(req->store, &ref);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    /* the answer is a step of the case: it may be the first action on it, and it updates it */
    CaseRecord c;
    r = store_case_get(req->store, &v.scope, v.unit, ref.case_id, clock_today(), &c, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    CaseStep st = {0};
    st.step = "response";
    st.from_status = st.to_status = c.status;
    st.note = ref.action ? ref.action : ref.reason ? ref.reason : api_body_string(req, "note");
    st.unit = ref.unit;
    st.detail = arena_printf(req->arena, "{\"referral_id\":%lld,\"decision\":\"%s\"}", ref.id, next);
    mark_first_action(&c, now);
    if (!save_case(req, &c, &st, now)) return;
    ProtectionRules rules;
    if (!load_rules(req, &rules)) return;
    res_json(req, 200, referral_json(&ref, clock_today(), &rules));
}
