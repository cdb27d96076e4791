/*
** Other help over HTTP (issue #5): education funding by school stage, the
** boarding allowance, the orphan study grant, temporary and medical
** assistance, recorded per child and counted per area:
**   GET  /api/v1/aid?child=&area=&kind=&from=&to=&all=   the records, by day
**   GET  /api/v1/aid/totals?area=&kind=&year=             records, children and yuan by kind
**   POST /api/v1/aid      {"child_id","kind","amount","on","school_year","expense","note"}
**   POST /api/v1/aid/{id}/void {"reason"}                 a mistake, never deleted
** The rules (the study grant's age, schooling and once a year, the 低保
** deductible) are aid_check's, applied by store_aid_add as on the command
** line. Reads are scoped like the children's, in the store's SQL.
*/
#include <string.h>
#include "api/handlers.h"
#include "domain/aid.h"
#include "http/response.h"
#include "store/store_allowances.h"
#include "util/clock.h"

void validate_aid_body(Request *req, Problems *p)
{
    const char *kind = api_body_string(req, "kind");
    const char *on = api_body_string(req, "on");
    const char *amount = api_body_string(req, "amount");
    const char *expense = api_body_string(req, "expense");
    json_t *year = json_object_get(req->body, "school_year");
    Date d;
    Fen fen;
    if (kind && !code_find(&CODES_AID, kind)) code_problem(p, "kind", kind, &CODES_AID);
    if (on && !date_parse_iso(on, &d)) problems_add(p, "on", "bad_date", on);
    if (amount && !money_parse(amount, &fen)) problems_add(p, "amount", "bad_money", amount);
    if (expense && !money_parse(expense, &fen)) problems_add(p, "expense", "bad_money", expense);
    if (year && (json_integer_value(year) < 1990 || json_integer_value(year) > 2199))
        problems_add(p, "school_year", "aid_school_year");
}

static json_t *aid_json(const Aid *a, const char *child_name)
{
    json_t *j = json_pack("{s:I, s:I, s:o, s:s, s:o, s:o}", "id", (json_int_t)a->id, "child_id",
                          (json_int_t)a->child_id, "child_name", api_text(child_name), "kind", a->kind, "on",
                          api_day(a->given_on), "amount", api_yuan(a->amount));
    json_object_set_new(j, "school_year", a->school_year ? json_integer(a->school_year) : json_null());
    json_object_set_new(j, "expense", a->expense ? api_yuan(a->expense) : json_null());
    json_object_set_new(j, "deductible", a->deductible ? api_yuan(a->deductible) : json_null());
    json_object_set_new(j, "note", api_text(a->note));
    json_object_set_new(j, "area", api_text(a->area));
    json_object_set_new(j, "recorded_by", api_text(a->recorded_by));
    json_object_set_new(j, "voided_at", api_text(a->voided_at));
    json_object_set_new(j, "void_reason", api_text(a->void_reason));
    return j;
}

/* The filter of a list or totals from the request: the caller's scope,
   narrowed by ?area= (an area outside it sees nothing). */
static void aid_filter(Request *req, AidFilter *f)
{
    memset(f, 0, sizeof *f);
    f->scope = req->scope;
    const char *area = req_param(req, "area");
    if (area) f->scope = api_in_area_scope(req, area) ? (Scope){area_prefix_of(req->arena, area)} : SCOPE_NONE;
    f->child_id = req_param_int(req, "child", 0);
    f->kind = req_param(req, "kind");
    f->from = req_param_date(req, "from");
    f->to = req_param_date(req, "to");
    long long year = req_param_int(req, "year", 0);
    if (year) {
        f->from = (Date){(int)year, 1, 1};
        f->to = (Date){(int)year, 12, 31};
    }
    f->with_void = req_param_int(req, "all", 0) != 0;
}

typedef struct AidList {
    Request *req;
    json_t *items;
} AidList;

static int add_aid(void *ctx, const Aid *a, const char *child_name)
{
    AidList *x = ctx;
    json_array_append_new(x->items, aid_json(a, child_name));
    req_audit_id(x->req, a->child_id);
    return 0;
}

void api_aid_list(Request *req)
{
    AidFilter f;
    aid_filter(req, &f);
    AidList x = {req, json_array()};
    StoreRc r = store_aid_list(req->store, &f, add_aid, &x, req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", x.items));
}

typedef struct AidSums {
    json_t *items;
    long records;
    Fen amount;
} AidSums;

static int add_total(void *ctx, const AidTotal *t)
{
    AidSums *x = ctx;
    json_array_append_new(x->items, json_pack("{s:s, s:i, s:i, s:o}", "kind", t->kind, "records", (int)t->records,
                                              "children", (int)t->children, "amount", api_yuan(t->amount)));
    x->records += t->records;
    x->amount += t->amount;
    return 0;
}

void api_aid_totals(Request *req)
{
    AidFilter f;
    aid_filter(req, &f);
    AidSums x = {json_array(), 0, 0};
    StoreRc r = store_aid_totals(req->store, &f, add_total, &x);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o, s:i, s:o}", "items", x.items, "records", (int)x.records, "amount",
                                 api_yuan(x.amount)));
}

void api_aid_create(Request *req)
{
    const Caller *me = req->caller;
    Child c;
    AllowanceRules rules;
    if (!api_body_child(req, &c)) return;
    StoreRc r = store_allowance_rules(req->store, &rules);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    char at[26];
    Aid aid = {0};
    aid.child_id = c.id;
    aid.kind = code_find(&CODES_AID, api_body_string(req, "kind"))->code;
    aid.given_on = api_body_day(req, "on", clock_today());
    const char *amount = api_body_string(req, "amount");
    const char *expense = api_body_string(req, "expense");
    if (amount) money_parse(amount, &aid.amount);
    if (expense) money_parse(expense, &aid.expense);
    aid.school_year = (int)json_integer_value(json_object_get(req->body, "school_year"));
    aid.note = api_body_string(req, "note");
    aid.recorded_at = clock_now_iso(at);
    aid.recorded_by = me->account.username;
    Problems *p = req_scratch(req);
    r = store_aid_add(req->store, &aid, &rules, p);
    if (r != STORE_OK) {
        api_answer_refused(req, r, p);
        return;
    }
    req->audit.detail = aid.kind;
    res_header(req, "Location", arena_printf(req->arena, "/api/v1/aid?child=%lld", c.id));
    res_json(req, 201, aid_json(&aid, c.name));
}

static int take_aid(void *ctx, const Aid *a, const char *child_name)
{
    (void)child_name;
    *(Aid *)ctx = *a;
    return 1;
}

void api_aid_void(Request *req)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "aid:%lld", id));
    /* the record must be within the caller's scope before anything is done */
    AidFilter f = {.scope = req->scope, .id = id, .with_void = true};
    Aid found = {0};
    StoreRc r = store_aid_list(req->store, &f, take_aid, &found, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    if (!found.id) {
        res_fail(req, 404, "aid_not_found", id);
        return;
    }
    char at[26];
    const char *reason = api_body_string(req, "reason");
    Change ch = {req->caller->account.username, reason, clock_now_iso(at)};
    Problems *p = req_scratch(req);
    r = store_aid_void(req->store, id, reason, &ch, p);
    if (r != STORE_OK) {
        api_answer_refused(req, r, p);
        return;
    }
    req->audit.detail = reason;
    res_json(req, 200, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "status", "void", "void_reason", reason));
}
