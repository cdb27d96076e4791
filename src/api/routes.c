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

    {"GET",    "/api/v1/audit",                    "audit:read",    0,                audit_params,         NULL,                false, "audit.read",      api_audit_list},
    {.method = NULL}};
