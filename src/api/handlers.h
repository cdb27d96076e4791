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
/* A code table as [{"code","zh","en"}]; the caller owns it. */
struct CodeTable;
json_t *code_table_json(const struct CodeTable *t);

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

/* api_protection.c (issue #6: reports, hotline, visits, cases, referrals) */
void api_protection_codes(Request *req);
void api_report_create(Request *req);
void api_hotline_create(Request *req);
void api_hotline_list(Request *req);
void api_visit_create(Request *req);
void api_visits_list(Request *req);
void api_visits_due(Request *req);
void api_cases_list(Request *req);
void api_case_get(Request *req);
void api_case_step(Request *req);
void api_case_referral(Request *req);
void api_case_intervention(Request *req);
void api_case_reporter_notified(Request *req);
void api_referrals_list(Request *req);
void api_referral_respond(Request *req);
void validate_report_body(Request *req, Problems *p);
void validate_hotline_body(Request *req, Problems *p);
void validate_visit_body(Request *req, Problems *p);
void validate_step_body(Request *req, Problems *p);
void validate_referral_body(Request *req, Problems *p);
void validate_response_body(Request *req, Problems *p);
void validate_intervention_body(Request *req, Problems *p);
/* api_rescue.c (the rescue centre, issue #6) */
void api_institutions_list(Request *req);
void api_institution_patch(Request *req);
void api_admission_create(Request *req);
void api_admissions_list(Request *req);
void api_admission_get(Request *req);
void api_admission_identify(Request *req);
void api_admission_step(Request *req);
void api_admission_discharge(Request *req);
void api_rescue_stats(Request *req);
void validate_admission_body(Request *req, Problems *p);
/* api_monthly.c: monthly reports (issue #7) */
void api_monthly_list(Request *req);
void api_monthly_generate(Request *req);
void api_monthly_get(Request *req);
void api_monthly_submit(Request *req);
void api_monthly_return(Request *req);
void api_monthly_accept(Request *req);
void api_monthly_corrections(Request *req);
void api_monthly_export(Request *req);
void validate_monthly_body(Request *req, Problems *p);
/* api_workforce.c: supervisors and directors, activities, social organisations (issue #7) */
void api_workers_list(Request *req);
void api_worker_create(Request *req);
void api_worker_training(Request *req);
void api_workers_gaps(Request *req);
void api_activities_list(Request *req);
void api_activity_create(Request *req);
void api_orgs_list(Request *req);
void api_org_create(Request *req);
void api_service_create(Request *req);
void api_service_evaluate(Request *req);
/* api_stats.c, api_supervision.c: statistics and supervision (issue #7) */
void api_stats_summary(Request *req);
void api_supervision_overdue(Request *req);
void api_supervision_coverage_gaps(Request *req);
void api_supervision_data_quality(Request *req);
/* The area a statistics request asks about (its "area" parameter, else the
   caller's own) into *AREA, if it exists within the caller's scope; else
   answers 404 and returns false. AREA's strings are in req->arena. */
bool stats_requested_area(Request *req, Area *area);
/* api_dashboard.c: the dashboards' protection and rescue-centre figures (m2, issue #7) */
void api_stats_protection(Request *req);
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

/* ---- dedupe: what several resources' handlers share (api_common.c) ---- */
/* The body's string member NAME, or NULL when absent or null (the body's own storage). */
const char *api_body_string(const Request *req, const char *name);
/* The day in the body's member NAME (checked by the route's body check), else DEF. */
Date api_body_day(const Request *req, const char *name, Date def);
/* The same, with a "bad_date" problem on NAME in P (and DEF) when it is not a day. */
Date api_body_day_checked(const Request *req, const char *name, Date def, Problems *p);
/* Loads the child the body's "child_id" names, as the caller may see it
   (req->scope), into *C (strings in req->arena) and adds it to the audit
   entry; else answers 422 (child_id not found) or the store's failure and
   returns false. */
bool api_body_child(Request *req, Child *c);
/* A resource's refusal codes: the not-found code of {id}, and the problem
   codes (NULL-terminated lists) that are a state (409) or an actor without
   the right (403). */
typedef struct ApiRefusals {
    const char *not_found;
    const char *const *conflicts;
    const char *const *forbidden;
} ApiRefusals;
/* Answers a change the store refused by CODES: 404, 409, 403, else 422 (a
   problem on the field "by" is always 403); a failure of the store is 500/503. */
void api_answer_refusal(Request *req, StoreRc r, const Problems *p, const ApiRefusals *codes);
/* ---- end of dedupe's block ---- */

#endif
