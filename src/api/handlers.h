/*
** The handlers of the API and the body checks they rely on, one file per
** resource (api_*.c); routes.c ties each to its route. Every handler starts
** the same way:
**
**     const Caller *me = req->caller;     (NULL only on public routes)
**
** and passes &req->scope (children) or &req->area_scope (areas, accounts,
** audit) to the store, which applies it in its queries. A handler answers
** through http/response.h and adds the records it touched to the audit
** entry (req_audit_id); the dispatcher writes the entry and owns the
** transaction of routes that write.
*/
#ifndef SHOUHU_HANDLERS_H
#define SHOUHU_HANDLERS_H

#include "http/request.h"

/* api_session.c */
void api_session_create(Request *req);
void api_session_delete(Request *req);
void api_me_get(Request *req);
void api_me_password(Request *req);
void api_openapi_get(Request *req);

/* api_codes.c */
void api_codes_get(Request *req);

/* api_areas.c */
void api_areas_list(Request *req);
void api_area_get(Request *req);

/* api_children.c */
void api_children_list(Request *req);
void api_child_create(Request *req);
void api_child_get(Request *req);
void api_child_patch(Request *req);
void api_child_history(Request *req);
void validate_child_body(Request *req, Problems *p);
void validate_child_patch(Request *req, Problems *p);
/* The filter of a list or an export from the request's parameters. In req->arena. */
struct ChildFilter;
void child_filter_from_request(Request *req, struct ChildFilter *f);

/* api_imports.c */
void api_import_children(Request *req);
void api_export_children(Request *req);

/* api_accounts.c */
void api_accounts_list(Request *req);
void api_account_create(Request *req);
void api_account_get(Request *req);
void api_account_patch(Request *req);
void api_roles_list(Request *req);
json_t *account_json(const Account *a, long long now);

/* api_allowances.c */
void api_payroll_create(Request *req);
void api_payrolls_list(Request *req);
void api_payroll_get(Request *req);
void api_payroll_lines(Request *req);
void api_payroll_submit(Request *req);
void api_payroll_approve(Request *req);
void api_payroll_lock(Request *req);
void api_payroll_export(Request *req);
void api_child_eligibility(Request *req);
void api_standards_list(Request *req);
void api_standard_create(Request *req);
void validate_payroll_body(Request *req, Problems *p);
void validate_standard_body(Request *req, Problems *p);
void validate_lock_body(Request *req, Problems *p);
/* Answers a change the store refused: 409 for a state, 403 for the actor, else 422. */
void api_answer_refused(Request *req, StoreRc r, const Problems *p);

/* api_categories.c */
void api_category_apply(Request *req);
void api_category_verify(Request *req);
void api_category_confirm(Request *req);
void api_category_refuse(Request *req);
void validate_flow_body(Request *req, Problems *p);

/* ---- allowances, the rest of issue #5 (allow): payroll return, discard,
   adjustments and totals; the category queue; other help; adult orphans;
   settings and holidays ---- */
#include "domain/money.h"
#include "domain/month.h"
/* api_allowances.c: JSON of money ("2017.00"), months, days and optional text */
json_t *api_yuan(Fen fen);
json_t *api_month(Month m);
json_t *api_day(Date d);
json_t *api_text(const char *s);
/* Whether area CODE lies within the caller's area (req->area_scope). */
bool api_in_area_scope(const Request *req, const char *code);
void api_payroll_return(Request *req);
void api_payroll_discard(Request *req);
void api_payroll_adjust(Request *req);
void api_payroll_totals(Request *req);
void validate_adjust_body(Request *req, Problems *p);
/* api_categories.c */
void api_applications_list(Request *req);
void api_applications_late(Request *req);
void api_application_get(Request *req);
void api_category_end(Request *req);
void validate_end_body(Request *req, Problems *p);
/* api_aid.c */
void api_aid_list(Request *req);
void api_aid_totals(Request *req);
void api_aid_create(Request *req);
void api_aid_void(Request *req);
void validate_aid_body(Request *req, Problems *p);
/* api_adult_orphans.c */
void api_rotation_get(Request *req);
void api_adult_orphan_candidates(Request *req);
void api_settlements_list(Request *req);
void api_settlement_create(Request *req);
void api_settlement_pay(Request *req);
void validate_settlement_body(Request *req, Problems *p);
/* api_allowance_settings.c */
void api_allowance_settings_list(Request *req);
void api_allowance_setting_put(Request *req);
void api_holidays_list(Request *req);
void api_holiday_put(Request *req);
void api_holiday_delete(Request *req);
void validate_holiday_body(Request *req, Problems *p);
/* ---- end of allow's block ---- */

/* api_audit.c */
void api_audit_list(Request *req);

#endif
