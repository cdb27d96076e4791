/*
** Monthly reports over HTTP (issue #7, 总结上报), on top of store_monthly.h:
**   GET  /api/v1/monthly-reports?month=&area=&status=   the reports the caller may see
**   POST /api/v1/monthly-reports {"month","area"}       generate (or refresh) a draft -> 201 / 200
**   GET  /api/v1/monthly-reports/{id}                   its figures, and the areas below it
**   POST /api/v1/monthly-reports/{id}/submit            the area's own account; frozen when it passes
**   POST /api/v1/monthly-reports/{id}/return {"reason"} the level above sends it back
**   POST /api/v1/monthly-reports/{id}/accept            the level above takes it
**   GET  /api/v1/monthly-reports/{id}/corrections       frozen figures against the ledger now
**   GET  /api/v1/monthly-reports/{id}/export?format=xlsx|pdf
**
** A report is scoped by its area like the areas themselves (req->area_scope):
** a report outside the caller's area is 404. The figures are counts of the
** area's children, never a child's data; each request's audit entry names
** the report ("monthly_report:ID"). Money is a string of yuan.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "api/handlers.h"
#include "domain/money.h"
#include "http/response.h"
#include "io/monthly_doc.h"
#include "util/clock.h"

/* ---- JSON ---- */

/* A figure's value: a number, or a string of yuan for money. */
static json_t *value_json(const MonthlyFigure *f, long long v)
{
    return f->unit == UNIT_FEN ? api_yuan(v) : json_integer((json_int_t)v);
}

static json_t *figures_json(const MonthlyValues *v)
{
    json_t *j = json_object();
    for (int i = 0; i < monthly_count(); i++)
        json_object_set_new(j, MONTHLY_FIGURES[i].code, value_json(&MONTHLY_FIGURES[i], v->v[i]));
    return j;
}

static json_t *report_json(const MonthlyReport *r)
{
    char month[MONTH_BUF];
    json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:i, s:s}", "id", (json_int_t)r->id, "month",
                          month_format(r->month, month), "area", r->area, "area_name", api_text(r->area_name),
                          "level", r->level, "status", r->status);
    const char *keys[] = {"generated_at", "generated_by", "submitted_at", "submitted_by", "returned_at",
                          "returned_by",  "returned_reason", "accepted_at", "accepted_by"};
    const char *vals[] = {r->generated_at, r->generated_by, r->submitted_at, r->submitted_by, r->returned_at,
                          r->returned_by,  r->returned_reason, r->accepted_at, r->accepted_by};
    for (int i = 0; i < 9; i++) json_object_set_new(j, keys[i], api_text(vals[i]));
    json_object_set_new(j, "figures", figures_json(&r->figures));
    return j;
}

/* The figure table in the request's language: what each code means. */
static json_t *definitions_json(Lang lang)
{
    static const char *const units[] = {"persons", "records", "yuan", "days", "permille"};
    json_t *groups = json_array(), *items = json_array();
    for (int g = 0; MONTHLY_GROUPS[g].code; g++)
        json_array_append_new(groups, json_pack("{s:s, s:s}", "code", MONTHLY_GROUPS[g].code, "title",
                                                lang == LANG_EN ? MONTHLY_GROUPS[g].en : MONTHLY_GROUPS[g].zh));
    for (int i = 0; i < monthly_count(); i++) {
        const MonthlyFigure *f = &MONTHLY_FIGURES[i];
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", f->code, "title",
                                               monthly_title(f, lang), "group", f->group, "unit", units[f->unit],
                                               "rollup", f->rollup == ROLLUP_SUM ? "sum" : "own"));
    }
    return json_pack("{s:o, s:o}", "groups", groups, "figures", items);
}

/* ---- answering the store ---- */

/* A refusal of the store (api_answer_refusal()): a state is 409, an actor
   without the right is 403, the rest 422; the monthly store names no record
   it did not find, so that is always monthly_not_found. */
static void answer_refused(Request *req, StoreRc r, const Problems *p)
{
    static const char *const conflicts[] = {"monthly_state", "monthly_parent_submitted", NULL};
    static const char *const forbidden[] = {"monthly_own_area_only", "monthly_review_only", NULL};
    static const ApiRefusals codes = {"monthly_not_found", conflicts, forbidden};
    api_answer_refusal(req, r, p, &codes);
}

/* Loads report {id} as the caller may see it; answers 404 and returns false if it may not. */
static bool load_report(Request *req, MonthlyReport *r)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "monthly_report:%lld", id));
    StoreRc rc = store_monthly_get(req->store, &req->area_scope, id, r, req->arena);
    if (rc == STORE_OK) return true;
    answer_refused(req, rc, req_scratch(req));
    return false;
}

/* ---- body checks (run by the dispatcher) ---- */

void validate_monthly_body(Request *req, Problems *p)
{
    const char *month = api_body_string(req, "month");
    const char *area = api_body_string(req, "area");
    Month m;
    if (month && !month_parse(month, &m)) problems_add(p, "month", "bad_month", month);
    if (area && (strlen(area) != 12 || strspn(area, "0123456789") != 12)) problems_add(p, "area", "bad_area_code");
}

/* ---- the reports ---- */

static int add_report(void *ctx, const MonthlyReport *r)
{
    json_array_append_new(ctx, report_json(r));
    return 0;
}

void api_monthly_list(Request *req)
{
    Month month = (Month)req_param_int(req, "month", MONTH_NONE);
    const char *area = req_param(req, "area");
    json_t *items = json_array();
    StoreRc r = store_monthly_list(req->store, &req->area_scope, month, area ? area_prefix_of(req->arena, area) : NULL,
                                   req_param(req, "status"), add_report, items, req->arena);
    if (r != STORE_OK) {
        json_decref(items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o, s:o}", "items", items, "definitions", definitions_json(req->lang)));
}

void api_monthly_generate(Request *req)
{
    const Caller *me = req->caller;
    Month month;
    month_parse(api_body_string(req, "month"), &month);
    const char *area = api_body_string(req, "area");
    if (!area) area = me->account.area;
    char at[26];
    Change ch = {me->account.username, "生成月报", clock_now_iso(at)};
    Problems *p = req_scratch(req);
    MonthlyReport r;
    bool created = false;
    StoreRc rc = store_monthly_generate(req->store, &req->area_scope, month, area, clock_today(), &ch, &r, &created,
                                        p, req->arena);
    if (rc == STORE_NOTFOUND) {
        res_fail(req, 404, "no_such_area", area);
        return;
    }
    if (rc != STORE_OK) {
        answer_refused(req, rc, p);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "monthly_report:%lld", r.id));
    /* 201 for a new report, 200 for a draft made again */
    if (created) res_header(req, "Location", arena_printf(req->arena, "/api/v1/monthly-reports/%lld", r.id));
    res_json(req, created ? 201 : 200, report_json(&r));
}

static int add_below(void *ctx, const MonthlyReport *b)
{
    json_t *j = json_pack("{s:s, s:o, s:i, s:o, s:o}", "area", b->area, "area_name", api_text(b->area_name),
                          "level", b->level, "id", b->id ? json_integer((json_int_t)b->id) : json_null(), "status",
                          api_text(b->status));
    json_object_set_new(j, "figures", b->status ? figures_json(&b->figures) : json_null());
    json_array_append_new(ctx, j);
    return 0;
}

void api_monthly_get(Request *req)
{
    MonthlyReport r;
    if (!load_report(req, &r)) return;
    json_t *below = json_array();
    StoreRc rc = store_monthly_below(req->store, &r, add_below, below, req->arena);
    if (rc != STORE_OK) {
        json_decref(below);
        res_store_error(req, rc);
        return;
    }
    json_t *j = report_json(&r);
    json_object_set_new(j, "below", below);
    json_object_set_new(j, "definitions", definitions_json(req->lang));
    res_json(req, 200, j);
}

typedef StoreRc (*MonthlyStepFn)(Store *, const MonthlyStep *, Problems *);

/* Does step FN on report {id} in the caller's name and answers the report as it is then. */
static void monthly_step(Request *req, MonthlyStepFn fn)
{
    MonthlyReport r;
    if (!load_report(req, &r)) return;
    char at[26];
    MonthlyStep step = {r.id, req->caller->account.username, req->caller->account.area,
                        api_body_string(req, "reason"), clock_now_iso(at)};
    Problems *p = req_scratch(req);
    StoreRc rc = fn(req->store, &step, p);
    if (rc != STORE_OK) {
        answer_refused(req, rc, p);
        return;
    }
    if (store_monthly_get(req->store, &req->area_scope, r.id, &r, req->arena) != STORE_OK) {
        res_store_error(req, STORE_ERROR);
        return;
    }
    res_json(req, 200, report_json(&r));
}

void api_monthly_submit(Request *req) { monthly_step(req, store_monthly_submit); }
void api_monthly_return(Request *req) { monthly_step(req, store_monthly_return); }
void api_monthly_accept(Request *req) { monthly_step(req, store_monthly_accept); }

typedef struct Diff {
    json_t *items;
    Lang lang;
} Diff;

static void add_correction(void *ctx, const MonthlyFigure *f, long long was, long long now)
{
    Diff *d = ctx;
    json_array_append_new(d->items, json_pack("{s:s, s:s, s:o, s:o, s:o}", "code", f->code, "title",
                                              monthly_title(f, d->lang), "reported", value_json(f, was), "now",
                                              value_json(f, now), "difference", value_json(f, now - was)));
}

void api_monthly_corrections(Request *req)
{
    MonthlyReport r;
    if (!load_report(req, &r)) return;
    bool frozen = strcmp(r.status, "submitted") == 0 || strcmp(r.status, "accepted") == 0;
    Diff d = {json_array(), req->lang};
    if (frozen) {
        MonthlyValues now;
        StoreRc rc = store_monthly_compute(req->store, r.area, r.month, &now);
        if (rc != STORE_OK) {
            json_decref(d.items);
            res_store_error(req, rc);
            return;
        }
        monthly_diff(&r.figures, &now, add_correction, &d);
    }
    res_json(req, 200, json_pack("{s:I, s:b, s:o}", "id", (json_int_t)r.id, "frozen", frozen, "items", d.items));
}

void api_monthly_export(Request *req)
{
    MonthlyReport r;
    if (!load_report(req, &r)) return;
    const char *format = req_param(req, "format");
    bool pdf = format && strcmp(format, "pdf") == 0;
    MonthlyDoc doc;
    StoreRc rc = monthly_doc_load(req->store, &r, &doc, req->arena);
    if (rc != STORE_OK) {
        res_store_error(req, rc);
        return;
    }
    const char *dir = getenv("TMPDIR");
    char *path = arena_printf(req->arena, "%s/shouhu-monthly-%d-%lld.%s", dir && *dir ? dir : "/tmp", (int)getpid(),
                              (long long)(clock_monotonic() * 1e6), pdf ? "pdf" : "xlsx");
    char *err = NULL;
    bool ok = pdf ? monthly_pdf_write(&doc, path, &err) : monthly_xlsx_write(&doc, path, &err);
    if (!ok) {
        fprintf(stderr, "monthly report export: %s\n", err ? err : "failed");
        free(err);
        res_store_error(req, STORE_ERROR);
        return;
    }
    req->audit.detail = pdf ? "pdf" : "xlsx";
    char month[MONTH_BUF];
    res_file_path(req, path, pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  arena_printf(req->arena, "monthly-%s-%s.%s", month_format(r.month, month), r.area,
                               pdf ? "pdf" : "xlsx"));
}
