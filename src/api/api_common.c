/*
** What the handlers of several resources share, written once:
**  - reading a member of the (already validated) body: a string, a day,
**    the child it names;
**  - answering a change the store refused, one rule for every resource
**    whose store names its refusals by problem code (the allowances, the
**    category procedure, other help, monthly reports): a state the record
**    is in is a conflict, 409; an actor whose role, level or area does not
**    allow the step is 403; wrong input is 422; a record not found is 404.
**    Each resource names only its own codes (ApiRefusals).
*/
#include <string.h>
#include "api/handlers.h"
#include "http/response.h"

/* ---- the body ---- */

const char *api_body_string(const Request *req, const char *name)
{
    return json_string_value(json_object_get(req->body, name));   /* NULL when absent or null */
}

Date api_body_day(const Request *req, const char *name, Date def)
{
    const char *v = api_body_string(req, name);
    Date d = def;
    if (v) date_parse_iso(v, &d);
    return d;
}

Date api_body_day_checked(const Request *req, const char *name, Date def, Problems *p)
{
    const char *v = api_body_string(req, name);
    Date d = def;
    if (v && !date_parse_iso(v, &d)) {
        problems_add(p, name, "bad_date", v);
        d = def;
    }
    return d;
}

bool api_body_child(Request *req, Child *c)
{
    long long child_id = json_integer_value(json_object_get(req->body, "child_id"));
    StoreRc r = store_child_get(req->store, &req->scope, child_id, c, req->arena);
    if (r == STORE_NOTFOUND) {
        res_problem(req, 422, problems_add(req_scratch(req), "child_id", "not_found", child_id), NULL);
        return false;
    }
    if (r != STORE_OK) {
        res_store_error(req, r);
        return false;
    }
    req_audit_id(req, c->id);
    return true;
}

/* ---- a store's refusal ---- */

/* Whether CODE is one of LIST (NULL-terminated; LIST may be NULL). */
static bool code_in(const char *code, const char *const *list)
{
    for (int i = 0; list && list[i]; i++)
        if (strcmp(code, list[i]) == 0) return true;
    return false;
}

void api_answer_refusal(Request *req, StoreRc r, const Problems *p, const ApiRefusals *codes)
{
    if (r == STORE_NOTFOUND && p->head) {   /* the store named what it did not find */
        res_problem(req, 404, p->head, p);
        return;
    }
    if (r != STORE_INVALID || !p->head) {
        if (r == STORE_NOTFOUND) res_fail(req, 404, codes->not_found, req_param_int(req, "id", 0));
        else res_store_error(req, r);
        return;
    }
    int status = 422;
    if (code_in(p->head->code, codes->conflicts)) status = 409;
    if (code_in(p->head->code, codes->forbidden)) status = 403;
    /* every problem the store finds with the actor is on "by" (an area outside its own, too) */
    if (p->head->field && strcmp(p->head->field, "by") == 0) status = 403;
    res_problem(req, status, p->head, p);
}
