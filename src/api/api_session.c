/*
** Logging in and out, the signed-in account, changing one's password, and
** the API's own description:
**   POST   /api/v1/session        {"username","password"} -> cookie + csrf_token
**   DELETE /api/v1/session
**   GET    /api/v1/me
**   PUT    /api/v1/me/password    {"current_password","new_password"}
**   GET    /api/v1/openapi.json
**
** Every failed login gets the same answer, whether the name is unknown, the
** password wrong or the account locked: only the audit trail tells which.
*/
#include <string.h>
#include "api/api.h"
#include "api/handlers.h"
#include "http/response.h"
#include "util/embedded.h"

/* Sets the session cookie to TOKEN (NULL: clears it). Secure when the
   browser reaches us over TLS, so the cookie never travels in clear. */
static void set_session_cookie(Request *req, const char *token)
{
    const char *secure = req->secure ? "; Secure" : "";
    const char *cookie = token ? arena_printf(req->arena, "%s=%s; Path=/", API_SESSION_COOKIE, token)
                               : arena_printf(req->arena, "%s=; Path=/; Max-Age=0", API_SESSION_COOKIE);
    res_header(req, "Set-Cookie", arena_printf(req->arena, "%s; HttpOnly; SameSite=Strict%s", cookie, secure));
}

/* {"username","role","area","unit","must_change_password"} of ACC. */
static json_t *user_json(const Account *acc)
{
    json_t *u = json_pack("{s:s, s:s, s:s, s:b}", "username", acc->username, "role", acc->role, "area", acc->area,
                          "must_change_password", acc->must_change_password);
    if (acc->unit) json_object_set_new(u, "unit", json_string(acc->unit));
    return u;
}

void api_session_create(Request *req)
{
    const char *username = api_body_string(req, "username");
    const char *password = api_body_string(req, "password");
    const AuthPolicy *pol = &api_config()->policy;
    Account acc;
    char token[AUTH_TOKEN_CHARS + 1], csrf[AUTH_TOKEN_CHARS + 1];
    LoginResult result;
    req->audit.account = username;
    StoreRc r = auth_login(req->store, pol, username, password, req->address, &acc, token, csrf, &result, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    req->audit.detail = login_result_name(result);
    if (result != LOGIN_UNKNOWN) {
        req->audit.role = acc.role;
        req->audit.area = acc.area;
    }
    if (result != LOGIN_OK) {
        res_fail(req, 401, "login_failed", pol->max_failures, pol->lock_seconds / 60);
        return;
    }
    Caller *c = arena_alloc(req->arena, sizeof *c);
    c->account = acc;
    req->caller = c;   /* for the access log and the audit entry */
    set_session_cookie(req, token);
    res_json(req, 200, json_pack("{s:o, s:s}", "user", user_json(&acc), "csrf_token", csrf));
}

void api_session_delete(Request *req)
{
    const Caller *me = req->caller;
    if (me->session_hash) {
        StoreRc r = store_begin(req->store);
        if (r == STORE_OK) r = store_session_delete(req->store, me->session_hash);
        if (r == STORE_OK) r = store_commit(req->store);
        else store_rollback(req->store);
        if (r != STORE_OK) {
            res_store_error(req, r);
            return;
        }
    }
    set_session_cookie(req, NULL);
    res_bytes(req, 204, NULL, "", 0);
}

void api_me_get(Request *req)
{
    const Caller *me = req->caller;
    json_t *perms = json_array();
    for (int i = 0; i < me->role.n_permissions; i++) json_array_append_new(perms, json_string(me->role.permissions[i]));
    json_t *role = json_pack("{s:s, s:s, s:s, s:s}", "name", me->role.name, "title_zh", me->role.title_zh, "title_en",
                             me->role.title_en, "children", me->role.child_scope);
    Area area;
    json_t *j = json_pack("{s:o, s:o, s:o}", "user", user_json(&me->account), "role", role, "permissions", perms);
    if (store_area_get(req->store, me->account.area, &area, req->arena) == STORE_OK)
        json_object_set_new(j, "area_name", json_string(area.name));
    /* a reloaded page cannot read the HttpOnly cookie: it gets its CSRF token here (same origin only) */
    if (me->csrf_token) json_object_set_new(j, "csrf_token", json_string(me->csrf_token));
    /* the web UI logs out after as long without use as the server would */
    json_object_set_new(j, "idle_seconds", json_integer(api_config()->policy.idle_seconds));
    res_json(req, 200, j);
}

void api_me_password(Request *req)
{
    const Caller *me = req->caller;
    const char *current = api_body_string(req, "current_password");
    const char *new_pw = api_body_string(req, "new_password");
    Problems *p = req_scratch(req);
    req_audit_record(req, me->account.username);
    if (!auth_verify_password(me->account.password_hash, current)) problems_add(p, "current_password", "password_wrong");
    else if (strcmp(current, new_pw) == 0) problems_add(p, "new_password", "password_same");
    Account acc = me->account;
    StoreRc r = p->count ? STORE_INVALID : auth_set_password(req->store, &acc, new_pw, false, p);
    if (r == STORE_INVALID) {
        for (Problem *pr = p->head; pr; pr = pr->next)
            if (strcmp(pr->field, "password") == 0) pr->field = "new_password";
        res_problem(req, 422, problems_add(req_scratch(req), NULL, "bad_fields"), p);
        return;
    }
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    /* the new password ended every session, this one too: a cookie caller gets a fresh one */
    json_t *j = json_pack("{s:o}", "user", user_json(&acc));
    if (me->session_hash) {
        char token[AUTH_TOKEN_CHARS + 1], csrf[AUTH_TOKEN_CHARS + 1], hash[AUTH_HASH_HEX + 1];
        auth_random_token(token);
        auth_random_token(csrf);
        auth_token_hash(token, hash);
        r = store_session_insert(req->store, hash, acc.id, csrf, req->now, req->address);
        if (r != STORE_OK) {
            json_decref(j);
            res_store_error(req, r);
            return;
        }
        set_session_cookie(req, token);
        json_object_set_new(j, "csrf_token", json_string(csrf));
    }
    res_json(req, 200, j);
}

void api_openapi_get(Request *req)
{
    const EmbeddedFile *f = embedded_find("api/openapi.json");
    if (!f) {
        res_fail(req, 404, "no_such_path", req->path);
        return;
    }
    res_bytes(req, 200, "application/json; charset=utf-8", f->data, (size_t)f->size);
}
