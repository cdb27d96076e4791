/*
** Accounts and roles, for administrators (account:read, account:write):
**   GET   /api/v1/accounts
**   POST  /api/v1/accounts               {"username","role","area","unit","password"}
**   GET   /api/v1/accounts/{username}
**   PATCH /api/v1/accounts/{username}    {"role","area","unit","disabled","unlock","password"}
**   GET   /api/v1/roles
** An administrator manages the accounts of its own area and below. A
** password an administrator sets is always temporary: its owner must change
** it at the first login, so no administrator knows a password in use.
*/
#include <string.h>
#include "api/handlers.h"
#include "auth/auth.h"
#include "domain/account.h"
#include "http/response.h"

json_t *account_json(const Account *a, long long now)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:b, s:b, s:b, s:s, s:s, s:s}", "username", a->username, "role", a->role,
                          "area", a->area, "disabled", a->disabled, "locked", a->locked_until > now,
                          "must_change_password", a->must_change_password, "password_changed_at",
                          a->password_changed_at, "created_at", a->created_at, "created_by", a->created_by);
    json_object_set_new(j, "unit", a->unit ? json_string(a->unit) : json_null());
    json_object_set_new(j, "last_login_at", a->last_login_at ? json_string(a->last_login_at) : json_null());
    return j;
}

static void answer_invalid(Request *req, const Problems *p)
{
    res_problem(req, 422, problems_add(req_scratch(req), NULL, "bad_fields"), p);
}

typedef struct AccountList {
    json_t *items;
    long long now;
} AccountList;

static int add_account(void *ctx, const Account *a)
{
    AccountList *l = ctx;
    json_array_append_new(l->items, account_json(a, l->now));
    return 0;
}

void api_accounts_list(Request *req)
{
    AccountList l = {json_array(), req->now};
    StoreRc r = store_accounts_list(req->store, &req->area_scope, add_account, &l, req->arena);
    if (r != STORE_OK) {
        json_decref(l.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", l.items));
}

void api_account_get(Request *req)
{
    const char *name = req_param(req, "username");
    Account a;
    StoreRc r = store_account_get(req->store, &req->area_scope, name, &a, req->arena);
    if (r == STORE_NOTFOUND) res_fail(req, 404, "no_such_account", name);
    else if (r != STORE_OK) res_store_error(req, r);
    else res_json(req, 200, account_json(&a, req->now));
}

void api_account_create(Request *req)
{
    const Caller *me = req->caller;
    NewAccount n = {.username = api_body_string(req, "username"),
                    .role = api_body_string(req, "role"),
                    .area = api_body_string(req, "area"),
                    .unit = api_body_string(req, "unit"),
                    .password = api_body_string(req, "password"),
                    .temporary = true,
                    .author = me->account.username};
    req_audit_record(req, n.username);
    Account a;
    Problems *p = req_scratch(req);
    StoreRc r = auth_create_account(req->store, &req->area_scope, &n, &a, p, req->arena);
    if (r == STORE_INVALID) answer_invalid(req, p);
    else if (r != STORE_OK) res_store_error(req, r);
    else {
        req->audit.detail = arena_printf(req->arena, "role=%s area=%s", a.role, a.area);
        res_header(req, "Location", arena_printf(req->arena, "/api/v1/accounts/%s", a.username));
        res_json(req, 201, account_json(&a, req->now));
    }
}

/* Applies the role, area and unit of the PATCH body to A, adding problems to P. */
static void patch_assignment(Request *req, Account *a, Problems *p)
{
    const char *role = api_body_string(req, "role"), *area = api_body_string(req, "area");
    Role r;
    if (role && store_role_get(req->store, role, &r, req->arena) != STORE_OK) problems_add(p, "role", "unknown_role", role);
    else if (role) a->role = role;
    Area found;
    if (area && store_area_get(req->store, area, &found, req->arena) != STORE_OK)
        problems_add(p, "area", "no_such_area", area);
    else if (area && !store_scope_contains(&req->area_scope, area)) problems_add(p, "area", "out_of_scope", area);
    else if (area) a->area = area;
    json_t *unit = json_object_get(req->body, "unit");
    if (json_is_null(unit)) a->unit = NULL;
    else if (unit && !code_get(&CODES_UNIT, json_string_value(unit)))
        code_problem(p, "unit", json_string_value(unit), &CODES_UNIT);
    else if (unit) a->unit = json_string_value(unit);
    if (!a->unit && store_role_get(req->store, a->role, &r, req->arena) == STORE_OK &&
        strcmp(r.child_scope, "referred") == 0)
        problems_add(p, "unit", "unit_required");
}

void api_account_patch(Request *req)
{
    const Caller *me = req->caller;
    const char *name = req_param(req, "username");
    req_audit_record(req, name);
    Account a;
    StoreRc r = store_account_get(req->store, &req->area_scope, name, &a, req->arena);
    if (r != STORE_OK) {
        if (r == STORE_NOTFOUND) res_fail(req, 404, "no_such_account", name);
        else res_store_error(req, r);
        return;
    }
    Problems *p = req_scratch(req);
    json_t *disabled = json_object_get(req->body, "disabled");
    bool self = a.id == me->account.id;
    if (self && (api_body_string(req, "role") || api_body_string(req, "area") || json_is_true(disabled)))
        problems_add(p, "", "self_change");   /* no administrator locks itself out, or raises itself */
    patch_assignment(req, &a, p);
    if (json_is_boolean(disabled)) a.disabled = json_is_true(disabled);
    if (json_is_true(json_object_get(req->body, "unlock"))) {
        a.failed_logins = 0;
        a.locked_until = 0;
    }
    if (p->count) {
        answer_invalid(req, p);
        return;
    }
    r = store_account_update(req->store, &a);
    if (r == STORE_OK && a.disabled) r = store_sessions_delete_account(req->store, a.id);
    const char *password = api_body_string(req, "password");
    if (r == STORE_OK && password) r = auth_set_password(req->store, &a, password, true, p);
    if (r == STORE_INVALID) answer_invalid(req, p);
    else if (r != STORE_OK) res_store_error(req, r);
    else {
        Buf changed = BUF_INIT;
        const char *key;
        json_t *v;
        json_object_foreach(req->body, key, v) buf_printf(&changed, "%s%s", changed.len ? "," : "", key);
        req->audit.detail = arena_printf(req->arena, "changed=%s", buf_str(&changed));
        buf_free(&changed);
        r = store_account_get(req->store, &SCOPE_ALL, name, &a, req->arena);
        if (r != STORE_OK) res_store_error(req, r);
        else res_json(req, 200, account_json(&a, req->now));
    }
}

static int add_role(void *ctx, const Role *r)
{
    json_t *perms = json_array();
    for (int i = 0; i < r->n_permissions; i++) json_array_append_new(perms, json_string(r->permissions[i]));
    json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:o}", "name", r->name, "title_zh", r->title_zh,
                                         "title_en", r->title_en, "children", r->child_scope, "permissions", perms));
    return 0;
}

void api_roles_list(Request *req)
{
    json_t *items = json_array();
    StoreRc r = store_roles_list(req->store, add_role, items, req->arena);
    if (r != STORE_OK) {
        json_decref(items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", items));
}
