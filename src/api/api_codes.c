/*
** The code tables (字典) as people read them, for forms and lists:
**   GET /api/v1/codes   {"category": [{"code","zh","en"}, ...], "situation": [...], ...}
** The same tables that check input (domain/codes.c), so a select in the web
** UI offers exactly what the API accepts, labelled as ledgers label it.
*/
#include "api/handlers.h"
#include "domain/account.h"
#include "domain/aid.h"
#include "domain/category_flow.h"
#include "domain/codes.h"
#include "domain/rescue.h"
#include "domain/payroll.h"
#include "http/response.h"

json_t *code_table_json(const CodeTable *t)
{
    json_t *list = json_array();
    for (const CodeEntry *e = t->entries; e->code; e++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "code", e->code, "zh", e->zh, "en", e->en ? e->en : e->zh));
    return list;
}

void api_codes_get(Request *req)
{
    static const CodeTable *const tables[] = {
        &CODES_CATEGORY, &CODES_CATEGORY_STATUS, &CODES_SITUATION, &CODES_HUKOU_TYPE,
        &CODES_ENROLMENT, &CODES_SEX,           &CODES_RECORD_STATUS, &CODES_DISABILITY,
        &CODES_RELATION, &CODES_ETHNICITY,      &CODES_PROVINCE,      &CODES_UNIT,
        /* the rescue centre (issue #6) */
        &CODES_RESCUE_GROUND, &CODES_PLACEMENT, &CODES_LONG_TERM_GROUND, &CODES_DISCHARGE, &CODES_RESCUE_STEP,
        &CODES_RESCUE_GUARDIANSHIP,
        /* allowances (allow): the labels of other help, payrolls and the category procedure */
        &CODES_AID, &CODES_PAYROLL_STATUS, &CODES_FLOW_STATUS, &CODES_FLOW_STEP};
    json_t *j = json_object();
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        json_object_set_new(j, tables[i]->name, code_table_json(tables[i]));
    res_header(req, "Cache-Control", "private, max-age=3600");
    res_json(req, 200, j);
}
