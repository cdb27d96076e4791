/*
** Allowances over HTTP (issue #5), on top of the store's allowance side
** (store/store_allowances.h):
**   POST /api/v1/payrolls                      {"month","area"} -> 201, the new payroll
**   GET  /api/v1/payrolls?month=&area=         the payrolls the caller may see
**   GET  /api/v1/payrolls/{id}                 with totals by town and by category
**   GET  /api/v1/payrolls/{id}/lines           the lines in the caller's area, ID numbers masked
**   POST /api/v1/payrolls/{id}/submit|approve|lock   the workflow, as the caller
**   GET  /api/v1/payrolls/{id}/export?layout=bank|fund   Excel
**   GET  /api/v1/children/{id}/eligibility?on=DATE
**   GET  /api/v1/standards, POST /api/v1/standards   a city standard
**   POST /api/v1/payrolls/{id}/return|discard     a town's part back; a draft away
**   POST /api/v1/payrolls/{id}/adjustments        a correction of an earlier month
**   GET  /api/v1/payrolls/{id}/totals             by town (with the parts' states) and by category
**
** Money is always a string of yuan with two decimals ("2017.00"), never a
** float. Reads are scoped like the children's: a payroll outside the
** caller's area, and lines of other towns, are 404 or absent. The workflow
** steps are done in the caller's name, and the store checks its role and
** area again (payroll_may_act).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "api/handlers.h"
#include "domain/codes.h"
#include "domain/eligibility.h"
#include "domain/privacy.h"
#include "http/response.h"
#include "io/payroll_xlsx.h"
#include "store/store_allowances.h"
#include "util/clock.h"

/* ---- shared helpers ---- */

/* FEN as the JSON string "2017.00": money is never a float. */
json_t *api_yuan(Fen fen)
{
    char buf[MONEY_BUF];
    return json_string(money_format(fen, buf));
}

json_t *api_month(Month m)
{
    char buf[MONTH_BUF];
    return m == MONTH_NONE ? json_null() : json_string(month_format(m, buf));
}

json_t *api_day(Date d)
{
    char buf[11];
    return date_is_set(d) ? json_string(date_format(d, buf)) : json_null();
}

json_t *api_text(const char *s) { return s ? json_string(s) : json_null(); }

/* A refused change of the allowances' side (api_answer_refusal()): a
   state the record is in (a locked payroll, an application already
   decided) is a conflict, 409; an actor whose role or level does not allow
   the step is 403; wrong input is 422. */
void api_answer_refused(Request *req, StoreRc r, const Problems *p)
{
    static const char *const conflicts[] = {"payroll_locked", "payroll_state", "payroll_town_state",
                                            "payroll_towns_pending", "payroll_in_approval", "flow_bad_state",
                                            "flow_open_exists", "category_held", "aid_voided", "settle_paid",
                                            "settle_twice", "aid_once_a_year", NULL};
    static const char *const forbidden[] = {"payroll_town_only", "payroll_city_only", "flow_no_permission",
                                            "flow_town_only", "flow_city_only", NULL};
    static const ApiRefusals codes = {"payroll_not_found", conflicts, forbidden};
    api_answer_refusal(req, r, p, &codes);
}

/* Whether area CODE is within the caller's area (its prefix). */
bool api_in_area_scope(const Request *req, const char *code)
{
    const char *prefix = req->area_scope.prefix;
    return prefix && strncmp(code, prefix, strlen(prefix)) == 0;
}

/* ---- body checks (run by the dispatcher) ---- */

void validate_payroll_body(Request *req, Problems *p)
{
    const char *month = api_body_string(req, "month");
    const char *area = api_body_string(req, "area");
    Month m;
    if (month && !month_parse(month, &m)) problems_add(p, "month", "bad_month", month);
    if (area && (strlen(area) != 12 || strspn(area, "0123456789") != 12)) problems_add(p, "area", "bad_area_code");
}

void validate_standard_body(Request *req, Problems *p)
{
    const char *category = api_body_string(req, "category");
    const char *from = api_body_string(req, "from");
    const char *amount = api_body_string(req, "amount");
    Month m;
    Fen fen;
    if (category && (!code_find(&CODES_CATEGORY, category) || basic_living_rank(category) < 0))
        code_problem(p, "category", category, &CODES_CATEGORY);
    if (from && !month_parse(from, &m)) problems_add(p, "from", "bad_month", from);
    if (amount && !money_parse(amount, &fen)) problems_add(p, "amount", "bad_money", amount);
}

/* ---- payrolls: the documents ---- */

static json_t *payroll_json(const Payroll *pr)
{
    char paid[11];
    json_t *j = json_pack("{s:I, s:o, s:s, s:o, s:s, s:i, s:i, s:o}", "id", (json_int_t)pr->id, "month",
                          api_month(pr->month), "area", pr->area, "area_name", api_text(pr->area_name),
                          "status", pr->status, "lines", (int)pr->lines, "children", (int)pr->children, "total",
                          api_yuan(pr->total));
    json_object_set_new(j, "created_by", api_text(pr->created_by));
    json_object_set_new(j, "approved_by", api_text(pr->approved_by));
    json_object_set_new(j, "locked_by", api_text(pr->locked_by));
    json_object_set_new(j, "paid_on", date_is_set(pr->paid_on) ? json_string(date_format(pr->paid_on, paid)) : json_null());
    return j;
}

typedef struct Issues {
    json_t *items;
} Issues;

static int add_issue(void *ctx, const PayrollIssue *i)
{
    Issues *x = ctx;
    json_array_append_new(x->items, json_pack("{s:I, s:s, s:o, s:o}", "child_id", (json_int_t)i->child_id, "code",
                                              i->code, "category", api_text(i->category), "month",
                                              api_month(i->month)));
    return 0;
}

void api_payroll_create(Request *req)
{
    const Caller *me = req->caller;
    Month month;
    month_parse(api_body_string(req, "month"), &month);
    const char *area = api_body_string(req, "area");
    if (!area) area = me->account.area;
    if (!api_in_area_scope(req, area)) {
        res_fail(req, 404, "no_such_area", area);
        return;
    }
    AllowanceRules rules;
    Standards std;
    StoreRc r = store_allowance_rules(req->store, &rules);
    if (r == STORE_OK) r = store_standards(req->store, &std, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    char at[26];
    Change ch = {me->account.username, "生成发放名册", clock_now_iso(at)};
    Issues issues = {json_array()};
    PayrollGenerate g = {month, area, clock_today(), &rules, &std, &ch, add_issue, &issues};
    Problems *p = req_scratch(req);
    Payroll pr;
    r = store_payroll_generate(req->store, &g, &pr, p, req->arena);
    if (r != STORE_OK) {
        json_decref(issues.items);
        api_answer_refused(req, r, p);
        return;
    }
    if (!pr.id) {   /* nothing is still due: no one is paid twice */
        res_json(req, 200, json_pack("{s:n, s:i, s:s, s:o}", "id", "lines", 0, "total", "0.00", "issues", issues.items));
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "payroll:%lld", pr.id));
    json_t *j = payroll_json(&pr);
    json_object_set_new(j, "issues", issues.items);
    res_header(req, "Location", arena_printf(req->arena, "/api/v1/payrolls/%lld", pr.id));
    res_json(req, 201, j);
}

static int add_payroll(void *ctx, const Payroll *pr)
{
    json_array_append_new(ctx, payroll_json(pr));
    return 0;
}

void api_payrolls_list(Request *req)
{
    Month month = (Month)req_param_int(req, "month", MONTH_NONE);
    /* a narrower area than the caller's own only narrows what it sees */
    const char *area = req_param(req, "area");
    Scope scope = req->area_scope;
    if (area && api_in_area_scope(req, area)) scope.prefix = area_prefix_of(req->arena, area);
    else if (area) scope = SCOPE_NONE;
    json_t *items = json_array();
    StoreRc r = store_payrolls_list(req->store, &scope, month, add_payroll, items, req->arena);
    if (r != STORE_OK) {
        json_decref(items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", items));
}

/* Loads payroll {id} as the caller may see it; answers 404 and returns false if it may not. */
static bool load_payroll(Request *req, Payroll *pr)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "payroll:%lld", id));
    StoreRc r = store_payroll_get(req->store, &req->area_scope, id, pr, req->arena);
    if (r == STORE_OK) return true;
    if (r == STORE_NOTFOUND) res_fail(req, 404, "payroll_not_found", id);
    else res_store_error(req, r);
    return false;
}

static int fund_line(void *ctx, const PayrollLine *l)
{
    fund_table_add(ctx, l->town, l->town_name, l->category, strcmp(l->kind, "regular") == 0, l->amount);
    return 0;
}

/* The categories of the fund table's columns, in its order. */
static const char *const FUND_CATEGORY_CODES[FUND_CATEGORIES] = {"orphan_institution", "orphan_scattered",
                                                                 "de_facto_unsupported", "hiv"};

static json_t *fund_row_json(const FundRow *r)
{
    json_t *by = json_object();
    for (int c = 0; c < FUND_CATEGORIES; c++)
        json_object_set_new(by, FUND_CATEGORY_CODES[c], json_pack("{s:i, s:o}", "children", (int)r->by_category[c], "total",
                                                    api_yuan(r->funds_by_category[c])));
    return json_pack("{s:i, s:o, s:o}", "children", (int)r->persons, "total", api_yuan(r->funds), "by_category", by);
}

/* The table's rows by town, each with its code and name. */
static json_t *fund_towns_json(const FundTable *t)
{
    json_t *towns = json_array();
    for (int i = 0; i < t->n; i++) {
        json_t *row = fund_row_json(&t->rows[i]);
        json_object_set_new(row, "town", json_string(t->rows[i].town));
        json_object_set_new(row, "town_name", api_text(t->rows[i].town_name));
        json_array_append_new(towns, row);
    }
    return towns;
}

void api_payroll_get(Request *req)
{
    Payroll pr;
    if (!load_payroll(req, &pr)) return;
    FundTable t;
    fund_table_init(&t, req->arena);
    StoreRc r = store_payroll_lines(req->store, &req->area_scope, pr.id, NULL, fund_line, &t);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    json_t *j = payroll_json(&pr);
    json_object_set_new(j, "by_town", fund_towns_json(&t));
    json_object_set_new(j, "totals", fund_row_json(&t.total));
    res_json(req, 200, j);
}

typedef struct Lines {
    Request *req;
    json_t *items;
    long long seen, offset, limit; /* a page: lines OFFSET to OFFSET + LIMIT of those seen */
} Lines;

static int add_line(void *ctx, const PayrollLine *l)
{
    Lines *x = ctx;
    long long at = x->seen++;
    if (at < x->offset || at >= x->offset + x->limit) return 0;   /* counted, not shown nor audited */
    const char *idn = l->child_id_number ? field_mask(x->req->arena, "id_number", l->child_id_number) : NULL;
    json_t *j = json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:i, s:i, s:o, s:o, s:o}", "id",
                          (json_int_t)l->id, "child_id", (json_int_t)l->child_id, "kind", l->kind, "category",
                          api_text(l->category), "town", l->town, "village", l->village, "child_name",
                          api_text(l->child_name), "id_number", api_text(idn), "amount", api_yuan(l->amount),
                          "months", l->months, "back_months", l->back_months, "first_month",
                          api_month(l->first_month), "last_month", api_month(l->last_month), "holder_name",
                          api_text(l->holder_name));
    json_object_set_new(j, "reason", api_text(l->reason));
    json_object_set_new(j, "for_month", api_month(l->for_month));
    json_array_append_new(x->items, j);
    req_audit_id(x->req, l->child_id);
    return 0;
}

void api_payroll_lines(Request *req)
{
    Payroll pr;
    if (!load_payroll(req, &pr)) return;
    Lines x = {req, json_array(), 0, req_param_int(req, "offset", 0), req_param_int(req, "limit", 100000)};
    StoreRc r = store_payroll_lines(req->store, &req->area_scope, pr.id, req_param(req, "town"), add_line, &x);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o, s:I}", "items", x.items, "total", (json_int_t)x.seen));
}

/* ---- payrolls: the workflow ---- */

typedef StoreRc (*PayrollStepFn)(Store *, const PayrollStepArgs *, Problems *);

/* Whose part a step acts on: none (the whole payroll), the caller's own
   town (submit), or the town the body names (the city's return). */
typedef enum StepTown { STEP_WHOLE, STEP_CALLERS_TOWN, STEP_BODY_TOWN } StepTown;

/* Does step FN on payroll {id} as the caller; the lock takes paid_on
   (default today), a return the body's reason. */
static void payroll_step(Request *req, PayrollStepFn fn, StepTown town)
{
    Payroll pr;
    if (!load_payroll(req, &pr)) return;
    char at[26];
    Date paid_on = api_body_day(req, "paid_on", clock_today());
    const char *part = town == STEP_CALLERS_TOWN ? req->caller->account.area
                       : town == STEP_BODY_TOWN  ? api_body_string(req, "town")
                                                 : NULL;
    PayrollStepArgs args = {pr.id, part, req->caller->account.username,
                            api_body_string(req, "reason"), paid_on, clock_now_iso(at)};
    if (part) req->audit.detail = part;
    Problems *p = req_scratch(req);
    StoreRc r = fn(req->store, &args, p);
    if (r != STORE_OK) {
        api_answer_refused(req, r, p);
        return;
    }
    if (store_payroll_get(req->store, &req->area_scope, pr.id, &pr, req->arena) != STORE_OK) {
        res_store_error(req, STORE_ERROR);
        return;
    }
    res_json(req, 200, payroll_json(&pr));
}

void api_payroll_submit(Request *req) { payroll_step(req, store_payroll_submit, STEP_CALLERS_TOWN); }
void api_payroll_approve(Request *req) { payroll_step(req, store_payroll_approve, STEP_WHOLE); }
void api_payroll_lock(Request *req) { payroll_step(req, store_payroll_lock, STEP_WHOLE); }
/* the city sends a town's part back with a reason (退回) */
void api_payroll_return(Request *req) { payroll_step(req, store_payroll_return, STEP_BODY_TOWN); }
/* a draft no town has submitted is discarded: its months are free again */
void api_payroll_discard(Request *req) { payroll_step(req, store_payroll_discard, STEP_WHOLE); }

void validate_lock_body(Request *req, Problems *p)
{
    const char *paid = api_body_string(req, "paid_on");
    Date d;
    if (paid && !date_parse_iso(paid, &d)) problems_add(p, "paid_on", "bad_date", paid);
}

/* ---- payrolls: adjustments and totals ---- */

void validate_adjust_body(Request *req, Problems *p)
{
    const char *month = api_body_string(req, "for_month");
    const char *amount = api_body_string(req, "amount");
    const char *category = api_body_string(req, "category");
    Month m;
    Fen fen;
    if (month && !month_parse(month, &m)) problems_add(p, "for_month", "bad_month", month);
    if (amount && !money_parse_signed(amount, &fen)) problems_add(p, "amount", "bad_money", amount);
    if (category && (!code_find(&CODES_CATEGORY, category) || basic_living_rank(category) < 0))
        code_problem(p, "category", category, &CODES_CATEGORY);
}

/* POST /payrolls/{id}/adjustments: a correction of an earlier (possibly
   locked) month as a signed line in this draft, with its reason. */
void api_payroll_adjust(Request *req)
{
    Payroll pr;
    if (!load_payroll(req, &pr)) return;
    Child c;
    if (!api_body_child(req, &c)) return;
    char at[26];
    const char *reason = api_body_string(req, "reason");
    Change ch = {req->caller->account.username, reason, clock_now_iso(at)};
    PayrollAdjustment adj = {pr.id, c.id, MONTH_NONE, 0, NULL, reason, &ch};
    month_parse(api_body_string(req, "for_month"), &adj.for_month);
    money_parse_signed(api_body_string(req, "amount"), &adj.amount);
    const char *category = api_body_string(req, "category");
    if (category) adj.category = code_find(&CODES_CATEGORY, category)->code;
    Problems *p = req_scratch(req);
    long long line = 0;
    StoreRc r = store_payroll_adjust(req->store, &adj, &line, p);
    if (r != STORE_OK) {
        api_answer_refused(req, r, p);
        return;
    }
    req->audit.detail = reason;
    json_t *j = json_pack("{s:I, s:I, s:I, s:o, s:o, s:s}", "id", (json_int_t)line, "payroll_id", (json_int_t)pr.id,
                          "child_id", (json_int_t)c.id, "for_month", api_month(adj.for_month), "amount",
                          api_yuan(adj.amount), "reason", reason);
    res_header(req, "Location", arena_printf(req->arena, "/api/v1/payrolls/%lld/lines", pr.id));
    res_json(req, 201, j);
}

typedef struct Parts {
    json_t *items;
} Parts;

static int add_part(void *ctx, const PayrollTown *t)
{
    Parts *x = ctx;
    json_t *j = json_pack("{s:s, s:o, s:s, s:i, s:o}", "town", t->town, "town_name", api_text(t->town_name), "status",
                          t->status, "lines", (int)t->lines, "total", api_yuan(t->total));
    json_object_set_new(j, "submitted_at", api_text(t->submitted_at));
    json_object_set_new(j, "submitted_by", api_text(t->submitted_by));
    json_object_set_new(j, "returned_reason", api_text(t->returned_reason));
    json_array_append_new(x->items, j);
    return 0;
}

/* GET /payrolls/{id}/totals: by town (with each town's part and its
   state) and by category, over the lines the caller may see. */
void api_payroll_totals(Request *req)
{
    Payroll pr;
    if (!load_payroll(req, &pr)) return;
    FundTable t;
    fund_table_init(&t, req->arena);
    Parts parts = {json_array()};
    StoreRc r = store_payroll_lines(req->store, &req->area_scope, pr.id, NULL, fund_line, &t);
    if (r == STORE_OK) r = store_payroll_towns(req->store, &req->area_scope, pr.id, add_part, &parts, req->arena);
    if (r != STORE_OK) {
        json_decref(parts.items);
        res_store_error(req, r);
        return;
    }
    json_t *j = json_pack("{s:I, s:o, s:s, s:o, s:o}", "payroll_id", (json_int_t)pr.id, "month", api_month(pr.month),
                          "status", pr.status, "by_town", fund_towns_json(&t), "parts", parts.items);
    json_t *cats = json_array();
    for (int c = 0; c < FUND_CATEGORIES; c++)
        json_array_append_new(cats, json_pack("{s:s, s:i, s:o}", "category", FUND_CATEGORY_CODES[c], "children",
                                              (int)t.total.by_category[c], "total",
                                              api_yuan(t.total.funds_by_category[c])));
    json_object_set_new(j, "by_category", cats);
    json_object_set_new(j, "children", json_integer(t.total.persons));
    json_object_set_new(j, "total", api_yuan(t.total.funds));
    res_json(req, 200, j);
}

/* ---- payrolls: Excel ---- */

void api_payroll_export(Request *req)
{
    Payroll pr;
    if (!load_payroll(req, &pr)) return;
    const char *layout = req_param(req, "layout");
    PayrollSheet sheet = layout && strcmp(layout, "fund") == 0 ? PAYROLL_SHEET_FUND : PAYROLL_SHEET_BANK;
    const char *dir = getenv("TMPDIR");
    char *path = arena_printf(req->arena, "%s/shouhu-payroll-%d-%lld.xlsx", dir && *dir ? dir : "/tmp", (int)getpid(),
                              (long long)(clock_monotonic() * 1e6));
    PayrollExport ex;
    char *err = NULL;
    if (!payroll_xlsx_write(req->store, &req->area_scope, &pr, sheet, path, &ex, &err)) {
        fprintf(stderr, "payroll export: %s\n", err ? err : "failed");
        free(err);
        res_store_error(req, STORE_ERROR);
        return;
    }
    /* res_file_path(): the open file outlives its name, nothing is left behind */
    req->audit.detail = sheet == PAYROLL_SHEET_FUND ? "fund" : "bank";
    char month[MONTH_BUF];
    res_file_path(req, path, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  arena_printf(req->arena, "payroll-%lld-%s-%s.xlsx", pr.id, month_format(pr.month, month),
                               req->audit.detail));
}

/* ---- eligibility ---- */

/* Replaces each {"zh","en"} pair in J by the text in LANG. */
static void pick_language(json_t *j, Lang lang)
{
    const char *key;
    json_t *v;
    size_t i;
    if (json_is_array(j)) {
        json_array_foreach(j, i, v) pick_language(v, lang);
        return;
    }
    void *tmp;
    json_object_foreach_safe(j, tmp, key, v) {
        json_t *zh = json_object_get(v, "zh"), *en = json_object_get(v, "en");
        if (json_is_object(v) && json_object_size(v) == 2 && zh && en)
            json_object_set(j, key, lang == LANG_EN ? en : zh);
        else pick_language(v, lang);
    }
}

void api_child_eligibility(Request *req)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_id(req, id);
    Child c;
    AllowanceRules rules;
    StoreRc r = store_child_get(req->store, &req->scope, id, &c, req->arena);
    if (r == STORE_OK) r = store_allowance_rules(req->store, &rules);
    if (r == STORE_NOTFOUND) {
        res_fail(req, 404, "not_found", id);
        return;
    }
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    Date on = req_param_date(req, "on");
    if (!date_is_set(on)) on = clock_today();
    EligibilityResult res;
    eligibility_evaluate(&c, on, &rules.eligibility, &res, req->arena);
    json_t *j = eligibility_to_json(&res);
    pick_language(j, req->lang);
    res_json(req, 200, j);
}

/* ---- standards ---- */

static json_t *standard_json(const StandardRow *s)
{
    char buf[MONTH_BUF];
    json_t *j = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)s->id, "category", s->category, "from",
                          month_format(s->from, buf), "level", s->level == STANDARD_CITY ? "city" : "province");
    json_object_set_new(j, "amount", s->pegged_to ? json_null() : api_yuan(s->amount));
    json_object_set_new(j, "pegged_to", api_text(s->pegged_to));
    json_object_set_new(j, "note", api_text(s->note));
    json_object_set_new(j, "set_at", api_text(s->set_at));
    json_object_set_new(j, "set_by", api_text(s->set_by));
    return j;
}

void api_standards_list(Request *req)
{
    Standards std;
    StoreRc r = store_standards(req->store, &std, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < std.n; i++) json_array_append_new(items, standard_json(&std.rows[i]));
    res_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_standard_create(Request *req)
{
    const Caller *me = req->caller;
    char at[26];
    StandardRow row = {0};
    row.category = code_find(&CODES_CATEGORY, api_body_string(req, "category"))->code;
    month_parse(api_body_string(req, "from"), &row.from);
    money_parse(api_body_string(req, "amount"), &row.amount);
    row.level = STANDARD_CITY;
    row.note = api_body_string(req, "note");
    row.set_at = clock_now_iso(at);
    row.set_by = me->account.username;
    Problems *p = req_scratch(req);
    StoreRc r = store_standard_add(req->store, &row, p);
    if (r == STORE_INVALID) {
        res_problem(req, 422, p->head ? p->head : problems_add(p, NULL, "bad_fields"), p);
        return;
    }
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "standard:%lld", row.id));
    res_json(req, 201, standard_json(&row));
}
