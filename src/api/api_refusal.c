/*
** How a handler answers a change the store refused, one rule for every
** resource whose store names its refusals by problem code (the allowances,
** the category procedure, other help, monthly reports): a state the record
** is in is a conflict, 409; an actor whose role, level or area does not
** allow the step is 403; wrong input is 422; a record not found is 404.
** Each resource names only its own codes (ApiRefusals).
*/
#include <string.h>
#include "api/handlers.h"
#include "http/response.h"

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
