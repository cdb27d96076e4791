/*
** THE routing table of the API (see routes.h). To add an endpoint: write
** its handler in the api_*.c file of its resource, add one row here with
** its parameters and body, and describe it in api/openapi.json (a unit
** test, tests/unit/test_routes.c, fails until it is described).
*/
#include "api/handlers.h"
#include "api/routes.h"
#include "domain/account.h"
#include "domain/aid.h"
#include "store/store.h"

enum {
    KIB = 1024,
    MIB = 1024 * 1024,
    JSON_LIMIT = 256 * KIB,          /* a child's record is a few KiB */
    IMPORT_LIMIT = 64 * MIB,         /* a whole city's ledger as .csv or .xlsx */
};
#define ID_MAX 999999999999999LL

/* ---- parameters ---- */

#define PARAMS_END {.name = NULL}
#define FIELDS_END {.name = NULL}
#define PATH_ID {"id", IN_PATH, PARAM_INT, true, 1, ID_MAX, NULL, NULL}
#define LIMIT(def_max) {"limit", IN_QUERY, PARAM_INT, false, 1, def_max, NULL, NULL}
#define CURSOR {"cursor", IN_QUERY, PARAM_INT, false, 0, ID_MAX, NULL, NULL}

/* The filters a list of children and an export share. */
#define CHILD_FILTERS                                                        \
    {"area", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},                 \
    {"category", IN_QUERY, PARAM_CODE, false, 0, 0, &CODES_CATEGORY, NULL},  \
    {"status", IN_QUERY, PARAM_CODE, false, 0, 0, &CODES_RECORD_STATUS, NULL}, \
    {"q", IN_QUERY, PARAM_STRING, false, 1, 50, NULL, NULL},                 \
    {"age_min", IN_QUERY, PARAM_INT, false, 0, 30, NULL, NULL},              \
    {"age_max", IN_QUERY, PARAM_INT, false, 0, 30, NULL, NULL}

static const ParamSpec children_list_params[] = {
    CHILD_FILTERS, LIMIT(500), CURSOR,
    {"offset", IN_QUERY, PARAM_INT, false, 0, 100000000, NULL, NULL},
    {"sort", IN_QUERY, PARAM_CHOICE, false, 0, 0, NULL,
     "id|-id|name|-name|birth_date|-birth_date|area|-area|updated_at|-updated_at"},
    PARAMS_END};
static const ParamSpec child_params[] = {PATH_ID, PARAMS_END};
static const ParamSpec export_params[] = {
    {"format", IN_QUERY, PARAM_CHOICE, false, 0, 0, NULL, "csv|xlsx"}, CHILD_FILTERS, PARAMS_END};
static const ParamSpec import_params[] = {
    {"dry_run", IN_QUERY, PARAM_BOOL, false, 0, 1, NULL, NULL},
    {"skip_invalid", IN_QUERY, PARAM_BOOL, false, 0, 1, NULL, NULL},
    {"rejected", IN_QUERY, PARAM_BOOL, false, 0, 1, NULL, NULL},
    PARAMS_END};
static const ParamSpec area_params[] = {{"code", IN_PATH, PARAM_AREA, true, 0, 0, NULL, NULL}, PARAMS_END};
static const ParamSpec areas_list_params[] = {{"parent", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL}, PARAMS_END};
static const ParamSpec account_params[] = {
    {"username", IN_PATH, PARAM_STRING, true, 1, USERNAME_MAX, NULL, NULL}, PARAMS_END};
static const ParamSpec audit_params[] = {
    {"user", IN_QUERY, PARAM_STRING, false, 1, 64, NULL, NULL},
    {"record", IN_QUERY, PARAM_STRING, false, 1, 64, NULL, NULL},
    {"action", IN_QUERY, PARAM_STRING, false, 1, 64, NULL, NULL},
    {"from", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL},
    {"to", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL},
    LIMIT(500),
    CURSOR,
    PARAMS_END};

/* ---- bodies ---- */

static const FieldSpec login_fields[] = {
    {"username", JSON_STRING, true, 64}, {"password", JSON_STRING, true, 256}, FIELDS_END};
static const BodySpec login_body = {BODY_JSON, 4 * KIB, login_fields, NULL};

static const FieldSpec password_fields[] = {{"current_password", JSON_STRING, true, 256},
                                            {"new_password", JSON_STRING, true, 256},
                                            FIELDS_END};
static const BodySpec password_body = {BODY_JSON, 4 * KIB, password_fields, NULL};

static const BodySpec child_body = {BODY_JSON, JSON_LIMIT, NULL, validate_child_body};
static const BodySpec child_patch_body = {BODY_JSON, JSON_LIMIT, NULL, validate_child_patch};
static const BodySpec import_body = {BODY_FILE, IMPORT_LIMIT, NULL, NULL};

static const FieldSpec account_new_fields[] = {
    {"username", JSON_STRING, true, USERNAME_MAX}, {"role", JSON_STRING, true, 64},
    {"area", JSON_STRING, true, 12},               {"unit", JSON_STRING, false, 64},
    {"password", JSON_STRING, true, 256},          FIELDS_END};
static const BodySpec account_new_body = {BODY_JSON, 4 * KIB, account_new_fields, NULL};

static const FieldSpec account_patch_fields[] = {
    {"role", JSON_STRING, false, 64},     {"area", JSON_STRING, false, 12},  {"unit", JSON_STRING, false, 64},
    {"disabled", JSON_TRUE, false, 0},    {"unlock", JSON_TRUE, false, 0},   {"password", JSON_STRING, false, 256},
    FIELDS_END};
static const BodySpec account_patch_body = {BODY_JSON, 4 * KIB, account_patch_fields, NULL};

/* ---- allowances (issue #5) ---- */

static const ParamSpec payrolls_list_params[] = {
    {"month", IN_QUERY, PARAM_MONTH, false, 0, 0, NULL, NULL},
    {"area", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},
    PARAMS_END};
static const ParamSpec payroll_params[] = {PATH_ID, PARAMS_END};
static const ParamSpec payroll_lines_params[] = {PATH_ID, {"town", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},
                                                 LIMIT(100000),                                 /* allow: a page of lines */
                                                 {"offset", IN_QUERY, PARAM_INT, false, 0, 100000000, NULL, NULL},
                                                 PARAMS_END};
static const ParamSpec payroll_export_params[] = {
    PATH_ID, {"layout", IN_QUERY, PARAM_CHOICE, false, 0, 0, NULL, "bank|fund"}, PARAMS_END};
static const ParamSpec eligibility_params[] = {PATH_ID, {"on", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL}, PARAMS_END};

static const FieldSpec payroll_fields[] = {{"month", JSON_STRING, true, 7}, {"area", JSON_STRING, false, 12}, FIELDS_END};
static const BodySpec payroll_body = {BODY_JSON, 4 * KIB, payroll_fields, validate_payroll_body};
static const FieldSpec lock_fields[] = {{"paid_on", JSON_STRING, false, 10}, FIELDS_END};
static const BodySpec lock_body = {BODY_JSON, 4 * KIB, lock_fields, validate_lock_body};
static const FieldSpec standard_fields[] = {{"category", JSON_STRING, true, 32}, {"from", JSON_STRING, true, 7},
                                            {"amount", JSON_STRING, true, 20},   {"note", JSON_STRING, true, 200},
                                            FIELDS_END};
static const BodySpec standard_body = {BODY_JSON, 4 * KIB, standard_fields, validate_standard_body};
static const ParamSpec category_step_params[] = {
    PATH_ID, {"code", IN_PATH, PARAM_CODE, true, 0, 0, &CODES_CATEGORY, NULL}, PARAMS_END};
static const FieldSpec flow_fields[] = {{"on", JSON_STRING, false, 10}, {"applicant", JSON_STRING, false, 16},
                                        {"note", JSON_STRING, false, 200}, {"reason", JSON_STRING, false, 200},
                                        FIELDS_END};
static const BodySpec flow_body = {BODY_JSON, 4 * KIB, flow_fields, validate_flow_body};

/* ---- protection (issue #6): reports, hotline, visits, cases, referrals ---- */

#include "domain/protection.h"
static const ParamSpec hotline_list_params[] = {
    {"asks", IN_QUERY, PARAM_CODE, false, 0, 0, &CODES_INQUIRY, NULL},
    {"from", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL},
    {"to", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL},
    LIMIT(500), CURSOR, PARAMS_END};
static const ParamSpec visits_due_params[] = {
    {"area", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},
    {"days", IN_QUERY, PARAM_INT, false, 0, 366, NULL, NULL}, PARAMS_END};
static const ParamSpec cases_list_params[] = {
    {"status", IN_QUERY, PARAM_CODE, false, 0, 0, &CODES_CASE_STATUS, NULL},
    {"area", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},
    {"overdue", IN_QUERY, PARAM_BOOL, false, 0, 1, NULL, NULL},
    {"mine", IN_QUERY, PARAM_BOOL, false, 0, 1, NULL, NULL},
    {"child", IN_QUERY, PARAM_INT, false, 1, ID_MAX, NULL, NULL},
    {"risk", IN_QUERY, PARAM_CODE, false, 0, 0, &CODES_RISK, NULL},
    LIMIT(500), CURSOR, PARAMS_END};
static const ParamSpec referrals_list_params[] = {
    {"status", IN_QUERY, PARAM_CODE, false, 0, 0, &CODES_REFERRAL_STATUS, NULL},
    {"overdue", IN_QUERY, PARAM_BOOL, false, 0, 1, NULL, NULL},
    LIMIT(500), PARAMS_END};
static const ParamSpec protect_id_params[] = {PATH_ID, PARAMS_END};

static const FieldSpec report_fields[] = {
    {"reporter", JSON_OBJECT, true, 0},   {"child_id", JSON_INTEGER, false, 0}, {"child", JSON_OBJECT, false, 0},
    {"area", JSON_STRING, false, 12},     {"place", JSON_STRING, false, 200},   {"occurred_at", JSON_STRING, false, 40},
    {"triggers", JSON_ARRAY, true, 0},    {"seen", JSON_STRING, true, 2000},    {"received_at", JSON_STRING, false, 40},
    {"via", JSON_STRING, false, 16},      {"hotline_call", JSON_INTEGER, false, 0}, FIELDS_END};
static const BodySpec report_body = {BODY_JSON, 16 * KIB, report_fields, validate_report_body};
static const FieldSpec hotline_fields[] = {
    {"received_at", JSON_STRING, true, 40}, {"caller_name", JSON_STRING, false, 50},
    {"caller_phone", JSON_STRING, false, 30}, {"area", JSON_STRING, false, 12},
    {"asks", JSON_STRING, true, 32},        {"question", JSON_STRING, true, 2000},
    {"answer", JSON_STRING, false, 2000},   {"child_id", JSON_INTEGER, false, 0},
    {"open_case", JSON_TRUE, false, 0},     {"triggers", JSON_ARRAY, false, 0}, FIELDS_END};
static const BodySpec hotline_body = {BODY_JSON, 16 * KIB, hotline_fields, validate_hotline_body};
static const FieldSpec visit_fields[] = {
    {"visited_on", JSON_STRING, true, 10}, {"kind", JSON_STRING, true, 16},      {"seen", JSON_STRING, false, 200},
    {"care", JSON_STRING, true, 8},        {"findings", JSON_STRING, true, 2000}, {"risk", JSON_STRING, false, 16},
    {"needs", JSON_STRING, false, 1000},   {"follow_up", JSON_STRING, false, 1000}, {"open_case", JSON_TRUE, false, 0},
    {"triggers", JSON_ARRAY, false, 0},    FIELDS_END};
static const BodySpec visit_body = {BODY_JSON, 16 * KIB, visit_fields, validate_visit_body};
static const FieldSpec step_fields[] = {
    {"step", JSON_STRING, true, 16},     {"risk", JSON_STRING, false, 16},  {"guardianship", JSON_STRING, false, 16},
    {"outcome", JSON_STRING, false, 32}, {"note", JSON_STRING, false, 2000}, FIELDS_END};
static const BodySpec step_body = {BODY_JSON, 8 * KIB, step_fields, validate_step_body};
static const FieldSpec referral_fields[] = {
    {"unit", JSON_STRING, true, 32}, {"kind", JSON_STRING, false, 16}, {"due", JSON_STRING, false, 10},
    {"note", JSON_STRING, false, 1000}, FIELDS_END};
static const BodySpec referral_body = {BODY_JSON, 8 * KIB, referral_fields, validate_referral_body};
static const FieldSpec response_fields[] = {
    {"decision", JSON_STRING, true, 16}, {"reason", JSON_STRING, false, 1000}, {"action", JSON_STRING, false, 2000},
    {"note", JSON_STRING, false, 1000}, FIELDS_END};
static const BodySpec response_body = {BODY_JSON, 8 * KIB, response_fields, validate_response_body};
static const FieldSpec intervention_fields[] = {
    {"kind", JSON_STRING, true, 32},    {"on", JSON_STRING, false, 10},          {"target", JSON_STRING, false, 100},
    {"note", JSON_STRING, false, 2000}, {"court_result", JSON_STRING, false, 16}, FIELDS_END};
static const BodySpec intervention_body = {BODY_JSON, 8 * KIB, intervention_fields, validate_intervention_body};
static const FieldSpec notified_fields[] = {{"note", JSON_STRING, false, 1000}, FIELDS_END};
static const BodySpec notified_body = {BODY_JSON, 4 * KIB, notified_fields, NULL};
/* ---- the rescue centre (issue #6, rescue) ---- */

static const ParamSpec admissions_list_params[] = {
    {"status", IN_QUERY, PARAM_CHOICE, false, 0, 0, NULL, "present|discharged|all"},
    {"institution", IN_QUERY, PARAM_INT, false, 1, ID_MAX, NULL, NULL},
    PARAMS_END};
static const ParamSpec rescue_id_params[] = {PATH_ID, PARAMS_END};   /* an admission, an institution */
static const ParamSpec rescue_stats_params[] = {{"month", IN_QUERY, PARAM_MONTH, false, 0, 0, NULL, NULL}, PARAMS_END};

static const FieldSpec admission_fields[] = {
    {"child_id", JSON_INTEGER, false, 0},    {"institution_id", JSON_INTEGER, false, 0},
    {"name", JSON_STRING, false, 30},        {"apparent_age", JSON_INTEGER, false, 0},
    {"sex", JSON_STRING, false, 8},          {"found_place", JSON_STRING, false, 100},
    {"found_on", JSON_STRING, false, 10},    {"description", JSON_STRING, false, 500},
    {"ground", JSON_STRING, true, 32},       {"placement", JSON_STRING, true, 32},
    {"admitted_on", JSON_STRING, false, 10}, {"case_ref", JSON_STRING, false, 32},
    FIELDS_END};
static const BodySpec admission_body = {BODY_JSON, 8 * KIB, admission_fields, validate_admission_body};
static const FieldSpec identify_fields[] = {
    {"child_id", JSON_INTEGER, true, 0}, {"on", JSON_STRING, false, 10}, {"note", JSON_STRING, false, 200}, FIELDS_END};
static const BodySpec identify_body = {BODY_JSON, 4 * KIB, identify_fields, NULL};
static const FieldSpec rescue_step_fields[] = {{"kind", JSON_STRING, true, 32}, {"on", JSON_STRING, false, 10},
                                               {"ground", JSON_STRING, false, 32}, {"note", JSON_STRING, false, 200},
                                               FIELDS_END};
static const BodySpec rescue_step_body = {BODY_JSON, 4 * KIB, rescue_step_fields, NULL};
static const FieldSpec discharge_fields[] = {{"kind", JSON_STRING, true, 32}, {"on", JSON_STRING, false, 10},
                                             {"taken_by", JSON_STRING, true, 100}, {"note", JSON_STRING, false, 200},
                                             FIELDS_END};
static const BodySpec discharge_body = {BODY_JSON, 4 * KIB, discharge_fields, NULL};
static const FieldSpec institution_fields[] = {{"beds", JSON_INTEGER, true, 0}, FIELDS_END};
static const BodySpec institution_body = {BODY_JSON, 4 * KIB, institution_fields, NULL};
/* ---- monthly reports (issue #7, 总结上报) ---- */

static const ParamSpec monthly_list_params[] = {
    {"month", IN_QUERY, PARAM_MONTH, false, 0, 0, NULL, NULL},
    {"area", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},
    {"status", IN_QUERY, PARAM_CHOICE, false, 0, 0, NULL, "draft|submitted|returned|accepted"},
    PARAMS_END};
static const ParamSpec monthly_params[] = {PATH_ID, PARAMS_END};
static const ParamSpec monthly_export_params[] = {
    PATH_ID, {"format", IN_QUERY, PARAM_CHOICE, false, 0, 0, NULL, "xlsx|pdf"}, PARAMS_END};
static const FieldSpec monthly_fields[] = {{"month", JSON_STRING, true, 7}, {"area", JSON_STRING, false, 12}, FIELDS_END};
static const BodySpec monthly_body = {BODY_JSON, 4 * KIB, monthly_fields, validate_monthly_body};
static const FieldSpec monthly_return_fields[] = {{"reason", JSON_STRING, true, 500}, FIELDS_END};
static const BodySpec monthly_return_body = {BODY_JSON, 4 * KIB, monthly_return_fields, NULL};

/* workforce and activities (issue #7) */
static const ParamSpec workers_params[] = {{"current", IN_QUERY, PARAM_BOOL, false, 0, 1, NULL, NULL}, PARAMS_END};
static const ParamSpec workforce_id_params[] = {PATH_ID, PARAMS_END};
static const ParamSpec activities_params[] = {{"from", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL},
                                              {"to", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL}, PARAMS_END};
static const FieldSpec worker_fields[] = {{"name", JSON_STRING, true, 50},         {"role", JSON_STRING, true, 16},
                                          {"area", JSON_STRING, false, 12},        {"phone", JSON_STRING, false, 20},
                                          {"appointed_on", JSON_STRING, true, 10}, FIELDS_END};
static const BodySpec worker_body = {BODY_JSON, 4 * KIB, worker_fields, NULL};
static const FieldSpec training_fields[] = {{"trained_on", JSON_STRING, true, 10}, {"title", JSON_STRING, true, 200},
                                            {"hours", JSON_INTEGER, true, 0}, FIELDS_END};
static const BodySpec training_body = {BODY_JSON, 4 * KIB, training_fields, NULL};
static const FieldSpec activity_fields[] = {{"area", JSON_STRING, false, 12},   {"level", JSON_STRING, false, 16},
                                            {"held_on", JSON_STRING, true, 10}, {"title", JSON_STRING, true, 200},
                                            {"kind", JSON_STRING, true, 16},    {"participants", JSON_INTEGER, true, 0},
                                            FIELDS_END};
static const BodySpec activity_body = {BODY_JSON, 4 * KIB, activity_fields, NULL};
static const FieldSpec org_fields[] = {{"name", JSON_STRING, true, 100}, {"area", JSON_STRING, false, 12},
                                       {"contact", JSON_STRING, false, 50}, {"phone", JSON_STRING, false, 20}, FIELDS_END};
static const BodySpec org_body = {BODY_JSON, 4 * KIB, org_fields, NULL};
static const FieldSpec service_fields[] = {{"title", JSON_STRING, true, 200}, {"area", JSON_STRING, false, 12},
                                           {"started_on", JSON_STRING, true, 10}, {"children_served", JSON_INTEGER, true, 0},
                                           FIELDS_END};
static const BodySpec service_body = {BODY_JSON, 4 * KIB, service_fields, NULL};
static const FieldSpec evaluation_fields[] = {{"evaluation", JSON_STRING, true, 16}, {"note", JSON_STRING, false, 500},
                                              FIELDS_END};
static const BodySpec evaluation_body = {BODY_JSON, 4 * KIB, evaluation_fields, NULL};

/* ---- statistics and supervision (issue #7) ---- */

static const ParamSpec stats_summary_params[] = {
    {"area", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},
    {"as_of", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL},
    PARAMS_END};
static const ParamSpec overdue_params[] = {
    {"area", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},
    {"horizon", IN_QUERY, PARAM_INT, false, 0, 366, NULL, NULL},
    {"kind", IN_QUERY, PARAM_STRING, false, 1, 40, NULL, NULL},
    LIMIT(1000),
    PARAMS_END};
static const ParamSpec coverage_gaps_params[] = {
    {"area", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},
    {"horizon", IN_QUERY, PARAM_INT, false, 0, 366, NULL, NULL},
    LIMIT(1000),
    PARAMS_END};
static const ParamSpec data_quality_params[] = {
    {"area", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},
    LIMIT(1000),
    PARAMS_END};
/* ---- allowances, the rest of issue #5 (allow) ---- */

static const FieldSpec return_fields[] = {{"town", JSON_STRING, true, 12}, {"reason", JSON_STRING, true, 200}, FIELDS_END};
static const BodySpec return_body = {BODY_JSON, 4 * KIB, return_fields, NULL};
static const FieldSpec adjust_fields[] = {{"child_id", JSON_INTEGER, true, 0},  {"for_month", JSON_STRING, true, 7},
                                          {"amount", JSON_STRING, true, 20},   {"reason", JSON_STRING, true, 200},
                                          {"category", JSON_STRING, false, 32}, FIELDS_END};
static const BodySpec adjust_body = {BODY_JSON, 4 * KIB, adjust_fields, validate_adjust_body};
static const ParamSpec applications_params[] = {
    {"status", IN_QUERY, PARAM_CHOICE, false, 0, 0, NULL, "applied|verified|confirmed|refused"},
    {"waiting", IN_QUERY, PARAM_CHOICE, false, 0, 0, NULL, "verify|confirm"},
    {"child", IN_QUERY, PARAM_INT, false, 1, ID_MAX, NULL, NULL},
    PARAMS_END};
static const ParamSpec late_params[] = {{"on", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL}, PARAMS_END};
static const ParamSpec application_params[] = {PATH_ID, PARAMS_END};
static const FieldSpec end_fields[] = {{"on", JSON_STRING, true, 10}, {"reason", JSON_STRING, true, 200}, FIELDS_END};
static const BodySpec end_body = {BODY_JSON, 4 * KIB, end_fields, validate_end_body};
#define AID_FILTERS                                                          \
    {"area", IN_QUERY, PARAM_AREA, false, 0, 0, NULL, NULL},                 \
    {"child", IN_QUERY, PARAM_INT, false, 1, ID_MAX, NULL, NULL},            \
    {"kind", IN_QUERY, PARAM_CODE, false, 0, 0, &CODES_AID, NULL}
static const ParamSpec aid_list_params[] = {
    AID_FILTERS,
    {"from", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL},
    {"to", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL},
    {"all", IN_QUERY, PARAM_BOOL, false, 0, 1, NULL, NULL},
    PARAMS_END};
static const ParamSpec aid_totals_params[] = {AID_FILTERS, {"year", IN_QUERY, PARAM_INT, false, 1990, 2199, NULL, NULL}, PARAMS_END};
static const ParamSpec aid_params[] = {PATH_ID, PARAMS_END};
static const FieldSpec aid_fields[] = {{"child_id", JSON_INTEGER, true, 0}, {"kind", JSON_STRING, true, 32},
                                       {"amount", JSON_STRING, false, 20},  {"on", JSON_STRING, false, 10},
                                       {"school_year", JSON_INTEGER, false, 0}, {"expense", JSON_STRING, false, 20},
                                       {"note", JSON_STRING, false, 200},   FIELDS_END};
static const BodySpec aid_body = {BODY_JSON, 4 * KIB, aid_fields, validate_aid_body};
static const FieldSpec reason_fields[] = {{"reason", JSON_STRING, true, 200}, FIELDS_END};
static const BodySpec reason_body = {BODY_JSON, 4 * KIB, reason_fields, NULL};
static const ParamSpec candidates_params[] = {{"on", IN_QUERY, PARAM_DATE, false, 0, 0, NULL, NULL}, PARAMS_END};
static const ParamSpec settlement_params[] = {PATH_ID, PARAMS_END};
static const FieldSpec settlement_fields[] = {
    {"child_id", JSON_INTEGER, true, 0}, {"on", JSON_STRING, false, 10},     {"town", JSON_STRING, false, 12},
    {"reason", JSON_STRING, false, 200}, {"amount", JSON_STRING, false, 20}, {"paid_on", JSON_STRING, false, 10},
    {"note", JSON_STRING, false, 200},   FIELDS_END};
static const BodySpec settlement_body = {BODY_JSON, 4 * KIB, settlement_fields, validate_settlement_body};
static const FieldSpec pay_fields[] = {{"on", JSON_STRING, false, 10}, FIELDS_END};
static const BodySpec pay_body = {BODY_JSON, 4 * KIB, pay_fields, validate_end_body};
static const ParamSpec setting_params[] = {{"key", IN_PATH, PARAM_STRING, true, 1, 64, NULL, NULL}, PARAMS_END};
static const FieldSpec setting_fields[] = {{"value", JSON_STRING, true, 64}, FIELDS_END};
static const BodySpec setting_body = {BODY_JSON, 4 * KIB, setting_fields, NULL};
static const ParamSpec holidays_params[] = {{"year", IN_QUERY, PARAM_INT, false, 1990, 2199, NULL, NULL}, PARAMS_END};
static const ParamSpec holiday_params[] = {{"day", IN_PATH, PARAM_DATE, true, 0, 0, NULL, NULL}, PARAMS_END};
static const FieldSpec holiday_fields[] = {{"kind", JSON_STRING, true, 8}, {"name", JSON_STRING, false, 64}, FIELDS_END};
static const BodySpec holiday_body = {BODY_JSON, 4 * KIB, holiday_fields, validate_holiday_body};

/* ---- the table ---- */

const Route api_routes[] = {
    /* method  path                                permission       flags             params                body                 writes audit             handler */
    {"POST",   "/api/v1/session",                  NULL,            0,                NULL,                 &login_body,         false, "session.login",   api_session_create},
    {"DELETE", "/api/v1/session",                  "",              ROUTE_PENDING_OK, NULL,                 NULL,                false, "session.logout",  api_session_delete},
    {"GET",    "/api/v1/me",                       "",              ROUTE_PENDING_OK, NULL,                 NULL,                false, NULL,              api_me_get},
    {"PUT",    "/api/v1/me/password",              "",              ROUTE_PENDING_OK, NULL,                 &password_body,      true,  "account.password", api_me_password},
    {"GET",    "/api/v1/openapi.json",             NULL,            0,                NULL,                 NULL,                false, NULL,              api_openapi_get},
    {"GET",    "/api/v1/codes",                    "",              0,                NULL,                 NULL,                false, NULL,              api_codes_get},

    {"GET",    "/api/v1/areas",                    "area:read",     0,                areas_list_params,    NULL,                false, NULL,              api_areas_list},
    {"GET",    "/api/v1/areas/{code}",             "area:read",     0,                area_params,          NULL,                false, NULL,              api_area_get},

    {"GET",    "/api/v1/children",                 "child:read",    0,                children_list_params, NULL,                false, "child.list",      api_children_list},
    {"POST",   "/api/v1/children",                 "child:write",   0,                NULL,                 &child_body,         true,  "child.create",    api_child_create},
    {"GET",    "/api/v1/children/{id}",            "child:read",    0,                child_params,         NULL,                false, "child.read",      api_child_get},
    {"PATCH",  "/api/v1/children/{id}",            "child:write",   0,                child_params,         &child_patch_body,   true,  "child.update",    api_child_patch},
    {"GET",    "/api/v1/children/{id}/history",    "child:read",    0,                child_params,         NULL,                false, "child.history",   api_child_history},
    {"POST",   "/api/v1/imports/children",         "child:import",  0,                import_params,        &import_body,        false, "child.import",    api_import_children},
    {"GET",    "/api/v1/exports/children",         "child:export",  0,                export_params,        NULL,                false, "child.export",    api_export_children},

    {"GET",    "/api/v1/accounts",                 "account:read",  0,                NULL,                 NULL,                false, NULL,              api_accounts_list},
    {"POST",   "/api/v1/accounts",                 "account:write", 0,                NULL,                 &account_new_body,   true,  "account.create",  api_account_create},
    {"GET",    "/api/v1/accounts/{username}",      "account:read",  0,                account_params,       NULL,                false, NULL,              api_account_get},
    {"PATCH",  "/api/v1/accounts/{username}",      "account:write", 0,                account_params,       &account_patch_body, true,  "account.update",  api_account_patch},
    {"GET",    "/api/v1/roles",                    "account:read",  0,                NULL,                 NULL,                false, NULL,              api_roles_list},

    {"GET",    "/api/v1/children/{id}/eligibility", "allowance:read", 0,              eligibility_params,   NULL,                false, "child.eligibility", api_child_eligibility},
    {"POST",   "/api/v1/children/{id}/categories/{code}/apply",   "allowance:apply",   0, category_step_params, &flow_body, true, "allowance.apply",   api_category_apply},
    {"POST",   "/api/v1/children/{id}/categories/{code}/verify",  "allowance:verify",  0, category_step_params, &flow_body, true, "allowance.verify",  api_category_verify},
    {"POST",   "/api/v1/children/{id}/categories/{code}/confirm", "allowance:confirm", 0, category_step_params, &flow_body, true, "allowance.confirm", api_category_confirm},
    {"POST",   "/api/v1/children/{id}/categories/{code}/refuse",  "allowance:read",    0, category_step_params, &flow_body, true, "allowance.refuse",  api_category_refuse},
    {"GET",    "/api/v1/standards",                "allowance:read", 0,               NULL,                 NULL,                false, NULL,              api_standards_list},
    {"POST",   "/api/v1/standards",                "standard:write", 0,               NULL,                 &standard_body,      true,  "standard.set",    api_standard_create},
    {"POST",   "/api/v1/payrolls",                 "payroll:write", 0,                NULL,                 &payroll_body,       true,  "payroll.generate", api_payroll_create},
    {"GET",    "/api/v1/payrolls",                 "allowance:read", 0,               payrolls_list_params, NULL,                false, "payroll.list",    api_payrolls_list},
    {"GET",    "/api/v1/payrolls/{id}",            "allowance:read", 0,               payroll_params,       NULL,                false, "payroll.read",    api_payroll_get},
    {"GET",    "/api/v1/payrolls/{id}/lines",      "allowance:read", 0,               payroll_lines_params, NULL,                false, "payroll.lines",   api_payroll_lines},
    {"POST",   "/api/v1/payrolls/{id}/submit",     "payroll:submit", 0,               payroll_params,       NULL,                true,  "payroll.submit",  api_payroll_submit},
    {"POST",   "/api/v1/payrolls/{id}/approve",    "payroll:approve", 0,              payroll_params,       NULL,                true,  "payroll.approve", api_payroll_approve},
    {"POST",   "/api/v1/payrolls/{id}/lock",       "payroll:approve", 0,              payroll_params,       &lock_body,          true,  "payroll.lock",    api_payroll_lock},
    {"GET",    "/api/v1/payrolls/{id}/export",     "allowance:read", 0,               payroll_export_params, NULL,               false, "payroll.export",  api_payroll_export},
    /* allowances, the rest of issue #5 (allow) */
    {"POST",   "/api/v1/payrolls/{id}/return",     "payroll:approve", 0,              payroll_params,       &return_body,        true,  "payroll.return",  api_payroll_return},
    {"POST",   "/api/v1/payrolls/{id}/discard",    "payroll:write", 0,                payroll_params,       NULL,                true,  "payroll.discard", api_payroll_discard},
    {"POST",   "/api/v1/payrolls/{id}/adjustments", "payroll:write", 0,               payroll_params,       &adjust_body,        true,  "payroll.adjust",  api_payroll_adjust},
    {"GET",    "/api/v1/payrolls/{id}/totals",     "allowance:read", 0,               payroll_params,       NULL,                false, "payroll.totals",  api_payroll_totals},
    {"GET",    "/api/v1/applications",             "allowance:read", 0,               applications_params,  NULL,                false, "application.list", api_applications_list},
    {"GET",    "/api/v1/applications/late",        "allowance:read", 0,               late_params,          NULL,                false, "application.late", api_applications_late},
    {"GET",    "/api/v1/applications/{id}",        "allowance:read", 0,               application_params,   NULL,                false, "application.read", api_application_get},
    {"POST",   "/api/v1/children/{id}/categories/{code}/end", "allowance:confirm", 0, category_step_params, &end_body,            true,  "allowance.end",   api_category_end},
    {"GET",    "/api/v1/aid",                      "allowance:read", 0,               aid_list_params,      NULL,                false, "aid.list",        api_aid_list},
    {"GET",    "/api/v1/aid/totals",               "allowance:read", 0,               aid_totals_params,    NULL,                false, NULL,              api_aid_totals},
    {"POST",   "/api/v1/aid",                      "aid:write",     0,                NULL,                 &aid_body,           true,  "aid.add",         api_aid_create},
    {"POST",   "/api/v1/aid/{id}/void",            "aid:write",     0,                aid_params,           &reason_body,        true,  "aid.void",        api_aid_void},
    {"GET",    "/api/v1/adult-orphans/rotation",   "allowance:read", 0,               NULL,                 NULL,                false, NULL,              api_rotation_get},
    {"GET",    "/api/v1/adult-orphans/candidates", "adult_orphan:write", 0,           candidates_params,    NULL,                false, "adult_orphan.candidates", api_adult_orphan_candidates},
    {"GET",    "/api/v1/adult-orphans/settlements", "allowance:read", 0,              NULL,                 NULL,                false, "adult_orphan.list", api_settlements_list},
    {"POST",   "/api/v1/adult-orphans/settlements", "adult_orphan:write", 0,          NULL,                 &settlement_body,    true,  "adult_orphan.settle", api_settlement_create},
    {"POST",   "/api/v1/adult-orphans/settlements/{id}/pay", "adult_orphan:write", 0, settlement_params,    &pay_body,           true,  "adult_orphan.pay", api_settlement_pay},
    {"GET",    "/api/v1/allowance-settings",       "allowance:read", 0,               NULL,                 NULL,                false, NULL,              api_allowance_settings_list},
    {"PUT",    "/api/v1/allowance-settings/{key}", "standard:write", 0,               setting_params,       &setting_body,       true,  "allowance.setting", api_allowance_setting_put},
    {"GET",    "/api/v1/holidays",                 "allowance:read", 0,               holidays_params,      NULL,                false, NULL,              api_holidays_list},
    {"PUT",    "/api/v1/holidays/{day}",           "standard:write", 0,               holiday_params,       &holiday_body,       true,  "holiday.set",     api_holiday_put},
    {"DELETE", "/api/v1/holidays/{day}",           "standard:write", 0,               holiday_params,       NULL,                true,  "holiday.remove",  api_holiday_delete},

    /* protection (issue #6) */
    {"GET",    "/api/v1/protection/codes",         "",              0,                NULL,                 NULL,                false, NULL,              api_protection_codes},
    {"POST",   "/api/v1/reports",                  "protect:report", 0,               NULL,                 &report_body,        true,  "report.create",   api_report_create},
    {"POST",   "/api/v1/hotline-calls",            "hotline:write", 0,                NULL,                 &hotline_body,       true,  "hotline.create",  api_hotline_create},
    {"GET",    "/api/v1/hotline-calls",            "hotline:read",  0,                hotline_list_params,  NULL,                false, "hotline.list",    api_hotline_list},
    {"POST",   "/api/v1/children/{id}/visits",     "visit:write",   0,                protect_id_params,    &visit_body,         true,  "visit.create",    api_visit_create},
    {"GET",    "/api/v1/children/{id}/visits",     "visit:read",    0,                protect_id_params,    NULL,                false, "visit.list",      api_visits_list},
    {"GET",    "/api/v1/visits/due",               "visit:read",    0,                visits_due_params,    NULL,                false, "visit.due",       api_visits_due},
    {"GET",    "/api/v1/cases",                    "case:read",     0,                cases_list_params,    NULL,                false, "case.list",       api_cases_list},
    {"GET",    "/api/v1/cases/{id}",               "case:read",     0,                protect_id_params,    NULL,                false, "case.read",       api_case_get},
    {"POST",   "/api/v1/cases/{id}/steps",         "case:write",    0,                protect_id_params,    &step_body,          true,  "case.step",       api_case_step},
    {"POST",   "/api/v1/cases/{id}/referrals",     "case:write",    0,                protect_id_params,    &referral_body,      true,  "case.refer",      api_case_referral},
    {"POST",   "/api/v1/cases/{id}/interventions", "case:write",    0,                protect_id_params,    &intervention_body,  true,  "case.intervene",  api_case_intervention},
    {"POST",   "/api/v1/cases/{id}/reporter-notified", "case:write", 0,               protect_id_params,    &notified_body,      true,  "case.reporter_notified", api_case_reporter_notified},
    {"GET",    "/api/v1/referrals",                "case:read",     0,                referrals_list_params, NULL,               false, "referral.list",   api_referrals_list},
    {"POST",   "/api/v1/referrals/{id}/response",  "referral:respond", 0,             protect_id_params,    &response_body,      true,  "referral.respond", api_referral_respond},
    /* the rescue centre (issue #6, rescue) */
    {"GET",    "/api/v1/institutions",             "rescue:read",   0,                NULL,                 NULL,                false, NULL,              api_institutions_list},
    {"PATCH",  "/api/v1/institutions/{id}",        "institution:write", 0,            rescue_id_params,     &institution_body,   true,  "institution.update", api_institution_patch},
    {"POST",   "/api/v1/admissions",               "rescue:write",  0,                NULL,                 &admission_body,     true,  "admission.create", api_admission_create},
    {"GET",    "/api/v1/admissions",               "rescue:read",   0,                admissions_list_params, NULL,              false, "admission.list",  api_admissions_list},
    {"GET",    "/api/v1/admissions/{id}",          "rescue:read",   0,                rescue_id_params,     NULL,                false, "admission.read",  api_admission_get},
    {"POST",   "/api/v1/admissions/{id}/identify", "rescue:write",  0,                rescue_id_params,     &identify_body,      true,  "admission.identify", api_admission_identify},
    {"POST",   "/api/v1/admissions/{id}/steps",    "rescue:write",  0,                rescue_id_params,     &rescue_step_body,   true,  "admission.step",  api_admission_step},
    {"POST",   "/api/v1/admissions/{id}/discharge", "rescue:write", 0,                rescue_id_params,     &discharge_body,     true,  "admission.discharge", api_admission_discharge},
    {"GET",    "/api/v1/rescue/stats",             "rescue:read",   0,                rescue_stats_params,  NULL,                false, "rescue.stats",    api_rescue_stats},
    /* monthly reports (issue #7) */
    {"GET",    "/api/v1/monthly-reports",          "monthly:read",   0,               monthly_list_params,  NULL,                false, "monthly.list",    api_monthly_list},
    {"POST",   "/api/v1/monthly-reports",          "monthly:submit", 0,               NULL,                 &monthly_body,       true,  "monthly.generate", api_monthly_generate},
    {"GET",    "/api/v1/monthly-reports/{id}",     "monthly:read",   0,               monthly_params,       NULL,                false, "monthly.read",    api_monthly_get},
    {"POST",   "/api/v1/monthly-reports/{id}/submit", "monthly:submit", 0,            monthly_params,       NULL,                true,  "monthly.submit",  api_monthly_submit},
    {"POST",   "/api/v1/monthly-reports/{id}/return", "monthly:review", 0,            monthly_params,       &monthly_return_body, true, "monthly.return",  api_monthly_return},
    {"POST",   "/api/v1/monthly-reports/{id}/accept", "monthly:review", 0,            monthly_params,       NULL,                true,  "monthly.accept",  api_monthly_accept},
    {"GET",    "/api/v1/monthly-reports/{id}/corrections", "monthly:read", 0,         monthly_params,       NULL,                false, "monthly.corrections", api_monthly_corrections},
    {"GET",    "/api/v1/monthly-reports/{id}/export", "monthly:read", 0,              monthly_export_params, NULL,               false, "monthly.export",  api_monthly_export},
    /* workforce and activities (issue #7) */
    {"GET",    "/api/v1/workers",                  "workforce:read",  0,              workers_params,       NULL,                false, "workforce.list",  api_workers_list},
    {"POST",   "/api/v1/workers",                  "workforce:write", 0,              NULL,                 &worker_body,        true,  "worker.create",   api_worker_create},
    {"POST",   "/api/v1/workers/{id}/trainings",   "workforce:write", 0,              workforce_id_params,  &training_body,      true,  "worker.training", api_worker_training},
    {"GET",    "/api/v1/workers/gaps",             "workforce:read",  0,              NULL,                 NULL,                false, "workforce.gaps",  api_workers_gaps},
    {"GET",    "/api/v1/activities",               "workforce:read",  0,              activities_params,    NULL,                false, "activity.list",   api_activities_list},
    {"POST",   "/api/v1/activities",               "workforce:write", 0,              NULL,                 &activity_body,      true,  "activity.create", api_activity_create},
    {"GET",    "/api/v1/social-orgs",              "workforce:read",  0,              NULL,                 NULL,                false, "social_org.list", api_orgs_list},
    {"POST",   "/api/v1/social-orgs",              "workforce:write", 0,              NULL,                 &org_body,           true,  "social_org.create", api_org_create},
    {"POST",   "/api/v1/social-orgs/{id}/services", "workforce:write", 0,             workforce_id_params,  &service_body,       true,  "social_service.create", api_service_create},
    {"POST",   "/api/v1/social-services/{id}/evaluation", "workforce:write", 0,       workforce_id_params,  &evaluation_body,    true,  "social_service.evaluate", api_service_evaluate},

    /* statistics and supervision (issue #7) */
    {"GET",    "/api/v1/stats/summary",            "stats:read",    0,                stats_summary_params, NULL,                false, "stats.summary",   api_stats_summary},
    {"GET",    "/api/v1/supervision/overdue",      "supervision:read", 0,             overdue_params,       NULL,                false, "supervision.overdue", api_supervision_overdue},
    {"GET",    "/api/v1/supervision/coverage-gaps", "supervision:read", 0,            coverage_gaps_params, NULL,                false, "supervision.coverage_gaps", api_supervision_coverage_gaps},
    {"GET",    "/api/v1/supervision/data-quality", "supervision:read", 0,             data_quality_params,  NULL,                false, "supervision.data_quality", api_supervision_data_quality},
    /* the dashboards' protection and rescue-centre figures (m2, issue #7) */
    {"GET",    "/api/v1/stats/protection",         "stats:read",    0,                stats_summary_params, NULL,                false, "stats.protection", api_stats_protection},

    {"GET",    "/api/v1/audit",                    "audit:read",    0,                audit_params,         NULL,                false, "audit.read",      api_audit_list},
    {.method = NULL}};
