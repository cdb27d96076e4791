/*
** The dispatcher: everything between the HTTP server and a handler, in the
** order a request meets it.
**
** api_begin (the headers are in):
**   1. the path: decoded segment by segment; dot segments, encoded slashes,
**      control characters and bad UTF-8 are refused (400), an unknown path
**      is 404 and a known path with another method 405;
**   2. the caller: a Bearer token or the session cookie, checked, expired
**      sessions ended (401); X-CSRF-Token for cookie requests that change
**      state (403); a temporary password allows only changing it (403);
**      the route's permission (403, recorded in the audit trail);
**   3. the parameters: unknown, repeated or ill-typed ones are 400;
**   4. the body's type and declared size (415, 413).
** api_finish (the body is in):
**   5. the body: UTF-8, JSON, an object with the route's members (400,
**      422), and the route's own checks (422 with errors[]);
**   6. the handler, inside a write transaction for routes that write,
**      committed only if it succeeded;
**   7. the audit entry: a write's is handed to its transaction, which
**      writes it just after the commit (kept by the audit writer should
**      that fail: the change stands); a read's is queued for the audit
**      writer's next batch (audit_writer.h); a read whose
**      entry cannot be written or queued is not answered (503; 507 when the
**      disk is full, as for any store failure: res_store_error()).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "api/api.h"
#include "api/audit_writer.h"
#include "api/caller_cache.h"
#include "api/dispatch.h"
#include "api/role_cache.h"
#include "api/routes.h"
#include "api/web.h"
#include "domain/month.h"
#include "http/response.h"
#include "util/text.h"

static ApiConfig config;

void api_configure(const ApiConfig *cfg) { config = *cfg; }
const ApiConfig *api_config(void) { return &config; }

/* ---- paths ---- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes %XX (and, in a query, '+' as a space) of the N bytes at S into A.
   NULL when an escape is malformed (*WHY = "bad_escape") or the result
   holds a control character or is not UTF-8 (*WHY = "control_chars"). */
static char *percent_decode(Arena *a, const char *s, size_t n, bool query, const char **why)
{
    char *out = arena_alloc(a, n + 1), *o = out;
    *why = "bad_escape";
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= n) return NULL;
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) return NULL;
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && query) {
            c = ' ';
        }
        *o++ = c;
    }
    *o = 0;
    *why = "control_chars";
    for (const unsigned char *c = (const unsigned char *)out; c < (const unsigned char *)o; c++)
        if (*c < 0x20 || *c == 0x7f) return NULL;
    return utf8_valid(out, (size_t)(o - out)) ? out : NULL;
}

typedef struct Segments {
    char **s;
    int n;
} Segments;

/* Splits the raw PATH into decoded segments. False for a path no route
   could have: not absolute, "//", ".", "..", an encoded '/' or '\'. */
static bool split_path(Arena *a, const char *path, Segments *out)
{
    out->n = 0;
    if (path[0] != '/') return false;
    int cap = 1;
    for (const char *p = path; *p; p++) cap += *p == '/';
    out->s = arena_alloc(a, (size_t)cap * sizeof *out->s);
    const char *p = path + 1;
    for (;;) {
        size_t len = strcspn(p, "/");
        const char *why;
        char *seg = percent_decode(a, p, len, false, &why);
        if (!seg) return false;
        bool last = p[len] == 0;
        if ((len == 0 && !last) || strcmp(seg, ".") == 0 || strcmp(seg, "..") == 0 || strpbrk(seg, "/\\"))
            return false;
        out->s[out->n++] = seg;
        if (last) return true;
        p += len + 1;
    }
}

/* Whether the route's PATTERN matches SEG; fills the path parameters' values
   into VALUES (by position). The pattern is walked in place (it is the
   routing table's, without %-escapes): splitting every route's pattern
   for every request cost more than a cached answer (issue #8, api). */
static bool path_matches(const char *pattern, const Segments *seg, const char **values)
{
    if (pattern[0] != '/') return false;
    const char *p = pattern + 1;
    for (int i = 0;; i++) {
        size_t len = strcspn(p, "/");
        if (i >= seg->n) return false;
        if (p[0] == '{') values[i] = seg->s[i];
        else if (p[0] != seg->s[i][0] || strncmp(p, seg->s[i], len) != 0 || seg->s[i][len] != 0) return false;
        else values[i] = NULL;
        if (p[len] == 0) return i + 1 == seg->n;
        p += len + 1;
    }
}

/* The route for REQ, filling PATH_VALUES; answers 404 or 405 and returns NULL otherwise. */
static const Route *find_route(Request *req, const Segments *seg, const char ***path_values)
{
    Buf allowed = BUF_INIT;
    const Route *found = NULL;
    const char **values = arena_alloc(req->arena, (size_t)(seg->n + 1) * sizeof *values);
    for (const Route *r = api_routes; r->method && !found; r++) {
        if (!path_matches(r->path, seg, values)) continue;
        if (strcmp(r->method, req->method) == 0) found = r;
        else buf_printf(&allowed, "%s%s", allowed.len ? ", " : "", r->method);
    }
    if (!found && allowed.len) {
        res_header(req, "Allow", buf_str(&allowed));
        res_fail(req, 405, "method_not_allowed", req->method, buf_str(&allowed));
    } else if (!found) {
        res_fail(req, 404, "no_such_path", req->path);
    }
    buf_free(&allowed);
    *path_values = values;
    return found;
}

/* ---- parameters ---- */

static const ParamSpec *param_spec(const Route *r, const char *name, ParamIn in)
{
    for (const ParamSpec *p = r->params; p && p->name; p++)
        if (p->in == in && strcmp(p->name, name) == 0) return p;
    return NULL;
}

static ParamValue *param_slot(Request *req, const char *name)
{
    for (int i = 0; i < req->n_params; i++)
        if (strcmp(req->params[i].name, name) == 0) return &req->params[i];
    return NULL;
}

/* Whether TEXT is one of the '|'-separated CHOICES. */
static bool is_choice(const char *choices, const char *text)
{
    size_t n = strlen(text);
    for (const char *c = choices; *c;) {
        size_t len = strcspn(c, "|");
        if (len == n && strncmp(c, text, n) == 0) return true;
        c += len + (c[len] == '|');
    }
    return false;
}

/* Checks and converts V by SPEC; adds a problem for the parameter otherwise. */
static void check_param(Request *req, const ParamSpec *spec, ParamValue *v, Problems *p)
{
    const char *t = v->text;
    switch (spec->type) {
    case PARAM_STRING:
        if (utf8_chars(t) > (size_t)spec->max) problems_add(p, spec->name, "too_long", (int)spec->max);
        break;
    case PARAM_INT: {
        char *end;
        size_t digits = strspn(t + (t[0] == '-'), "0123456789");
        long long n = strtoll(t, &end, 10);
        if (digits == 0 || digits > 18 || *end || n < spec->min || n > spec->max)
            problems_add(p, spec->name, "bad_int", spec->min, spec->max);
        v->i = n;
        break;
    }
    case PARAM_DATE:
        if (!date_parse_iso(t, &v->date)) problems_add(p, spec->name, "bad_date", t);
        break;
    case PARAM_CODE: {
        const CodeEntry *e = code_find(spec->codes, t);
        if (e) v->text = e->code;
        else code_problem(p, spec->name, t, spec->codes);
        break;
    }
    case PARAM_CHOICE:
        if (!is_choice(spec->choices, t)) {
            char *list = arena_strdup(req->arena, spec->choices);
            for (char *c = list; *c; c++)
                if (*c == '|') *c = ',';
            problems_add(p, spec->name, "bad_choice", list);
        }
        break;
    case PARAM_AREA:
        if (strlen(t) != 12 || strspn(t, "0123456789") != 12) problems_add(p, spec->name, "bad_area_code");
        break;
    case PARAM_BOOL:
        if (strcmp(t, "1") == 0 || strcmp(t, "true") == 0) v->i = 1;
        else if (strcmp(t, "0") == 0 || strcmp(t, "false") == 0) v->i = 0;
        else problems_add(p, spec->name, "bad_bool");
        break;
    case PARAM_MONTH: {
        Month m;
        if (month_parse(t, &m)) v->i = m;
        else problems_add(p, spec->name, "bad_month", t);
        break;
    }
    }
}

/* Adds the value TEXT of parameter NAME (from IN) to the request's; problems for unknown and repeated ones. */
static void add_param(Request *req, const Route *r, const char *name, const char *text, ParamIn in, Problems *p)
{
    const ParamSpec *spec = param_spec(r, name, in);
    if (!spec) {
        problems_add(p, name, "unknown_param");
        return;
    }
    if (param_slot(req, name)) {
        problems_add(p, name, "duplicate_param");
        return;
    }
    if (!*text) return;   /* "?q=" is no q: forms send empty fields */
    ParamValue *v = &req->params[req->n_params++];
    v->name = spec->name;
    v->text = text;
    check_param(req, spec, v, p);
}

/* Reads the path and query parameters of REQ; answers 400 and returns false on any problem. */
static bool read_params(Request *req, const Route *r, const Segments *seg, const char **path_values)
{
    Problems *p = req_scratch(req);
    int cap = seg->n + 1;
    for (const char *q = req->query; q && *q; q++) cap += *q == '&';
    req->params = arena_alloc(req->arena, (size_t)cap * sizeof *req->params);
    /* the {names} read from the pattern in place, as path_matches() walks it (issue #8, caller) */
    const char *pat = r->path + 1;
    for (int i = 0; i < seg->n; i++) {
        size_t len = strcspn(pat, "/");
        if (path_values[i]) add_param(req, r, arena_strndup(req->arena, pat + 1, len - 2), path_values[i], IN_PATH, p);
        pat += len + (pat[len] == '/');
    }
    for (const char *q = req->query; q && *q;) {
        size_t len = strcspn(q, "&"), klen = strcspn(q, "=&");
        if (len) {
            const char *why = NULL;
            char *key = percent_decode(req->arena, q, klen, true, &why);
            const char *value = !key ? NULL
                                : klen < len ? percent_decode(req->arena, q + klen + 1, len - klen - 1, true, &why)
                                             : "";
            if (!key) problems_add(p, "query", why);
            else if (!value) problems_add(p, key, why);
            else add_param(req, r, key, value, IN_QUERY, p);
        }
        q += len + (q[len] == '&');
    }
    for (const ParamSpec *s = r->params; s && s->name; s++)
        if (s->required && !param_slot(req, s->name)) problems_add(p, s->name, "required");
    if (p->count == 0) return true;
    res_problem(req, 400, problems_add(req_scratch(req), NULL, "bad_params"), p);
    return false;
}

const char *req_param(const Request *req, const char *name)
{
    for (int i = 0; i < req->n_params; i++)
        if (strcmp(req->params[i].name, name) == 0) return req->params[i].text;
    return NULL;
}

long long req_param_int(const Request *req, const char *name, long long def)
{
    for (int i = 0; i < req->n_params; i++)
        if (strcmp(req->params[i].name, name) == 0) return req->params[i].i;
    return def;
}

Date req_param_date(const Request *req, const char *name)
{
    for (int i = 0; i < req->n_params; i++)
        if (strcmp(req->params[i].name, name) == 0) return req->params[i].date;
    return DATE_NONE;
}

/* ---- the audit entry ---- */

void req_audit_record(Request *req, const char *record)
{
    if (req->audit.records.len) buf_addc(&req->audit.records, ',');
    buf_adds(&req->audit.records, record);
}

void req_audit_id(Request *req, long long id)
{
    if (req->audit.records.len) buf_addc(&req->audit.records, ',');
    buf_add_int(&req->audit.records, id);
}

/* Writes the request's audit entry, once, if its route keeps one and
   someone is known to have asked. Returns why it could not be written
   (STORE_FULL on a full disk), else STORE_OK. */
static StoreRc write_audit(Request *req)
{
    const Route *r = req->route;
    const char *action = req->audit.action ? req->audit.action : r ? r->audit : NULL;
    const Caller *c = req->caller;
    if (!action || req->audit.written || (!c && !req->audit.account)) return STORE_OK;
    req->audit.written = true;
    AuditEntry e = {.account = c ? c->account.username : req->audit.account,
                    .role = c ? c->account.role : req->audit.role,
                    .area = c ? c->account.area : req->audit.area,
                    .address = req->address,
                    .action = action,
                    .records = buf_str(&req->audit.records),
                    .success = req->res.status > 0 && req->res.status < 400,
                    .detail = req->audit.detail};
    if (!e.success && !e.detail) e.detail = arena_printf(req->arena, "status %d", req->res.status);
    /* a write's entry is written just after its commit (store_audit_add); a read's goes to the writer's next batch */
    if (!store_in_transaction(req->store) && audit_writer_running()) return audit_writer_submit(&e);
    return store_audit_add(req->store, &e);
}

/* ---- the caller ---- */

/* How often a session's last_seen is written: often enough for the idle
   limit to hold within a tenth of it, rarely enough not to write on every request. */
static long long touch_interval(void)
{
    long long t = config.policy.idle_seconds / 10;
    return t < 1 ? 1 : t > 60 ? 60 : t;
}

/* Runs one small write of the caller's bookkeeping (touching a session or a token) in its own transaction. */
static StoreRc bookkeeping(Store *s, StoreRc (*fn)(Store *, const void *, long long), const void *what, long long now)
{
    StoreRc r = store_begin(s);
    if (r != STORE_OK) return r;
    r = fn(s, what, now);
    if (r == STORE_OK) return store_commit(s);
    store_rollback(s);
    return r;
}

static StoreRc touch_session(Store *s, const void *hash, long long now) { return store_session_touch(s, hash, now); }
static StoreRc end_session(Store *s, const void *hash, long long now)
{
    (void)now;
    return store_session_delete(s, hash);
}
static StoreRc touch_token(Store *s, const void *id, long long now)
{
    return store_token_touch(s, *(const long long *)id, now);
}

/* Finds the account behind a Bearer TOKEN; answers 401 and returns false if there is none valid. */
static bool caller_from_token(Request *req, const char *token, Caller *c)
{
    ApiToken t;
    /* the token and its account as kept by the thread while no token or account has changed (issue #8, caller) */
    bool ok = strlen(token) <= 128 && caller_cache_token(req, token, &t, &c->account) == STORE_OK &&
              !t.revoked_at && (!t.expires_at || t.expires_at > req->now) && !c->account.disabled;
    if (!ok) {
        res_fail(req, 401, "bad_token");
        return false;
    }
    if (req->now - t.last_used >= touch_interval()) {
        if (!(audit_writer_running() && audit_writer_touch_token(t.id, req->now)))
            bookkeeping(req->store, touch_token, &t.id, req->now);
        caller_cache_touched(req, t.id, req->now);   /* the thread's copy of last_used: the next touch is due from now */
    }
    c->by_token = true;
    return true;
}

/* Finds the account behind the session COOKIE; answers 401 and returns false if it has ended. */
static bool caller_from_session(Request *req, const char *cookie, Caller *c)
{
    char hash[AUTH_HASH_HEX + 1];
    Session sess;
    /* the session and its account as kept by the thread while no caller has changed (issue #8, caller) */
    bool found = strlen(cookie) <= 128 && caller_cache_session(req, cookie, hash, &sess, &c->account) == STORE_OK;
    bool idle = found && req->now - sess.last_seen > config.policy.idle_seconds;
    if (idle) {   /* the thread's last_seen may predate another thread's use of the session: the table decides */
        found = store_session_get(req->store, hash, &sess, req->arena) == STORE_OK;
        idle = found && req->now - sess.last_seen > config.policy.idle_seconds;
        if (found && !idle) caller_cache_session_seen(req, hash, sess.last_seen);
    }
    if (idle) bookkeeping(req->store, end_session, hash, req->now);
    if (!found || idle || c->account.disabled) {
        res_fail(req, 401, "session_expired", config.policy.idle_seconds / 60);
        res_header(req, "Set-Cookie", API_SESSION_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        return false;
    }
    if (req->now - sess.last_seen >= touch_interval()) {
        if (!(audit_writer_running() && audit_writer_touch_session(hash, req->now)))
            bookkeeping(req->store, touch_session, hash, req->now);
        caller_cache_session_seen(req, hash, req->now);   /* the next touch is due from now */
    }
    c->session_hash = arena_strdup(req->arena, hash);
    c->csrf_token = sess.csrf_token;
    return true;
}

static bool changes_state(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* Authenticates REQ and checks route R's rules for it; answers and returns false when it may not proceed. */
static bool admit(Request *req, const Route *r)
{
    if (!r->permission) return true;   /* public */
    Caller *c = arena_alloc(req->arena, sizeof *c);
    const char *auth = req_header(req, "Authorization");
    const char *cookie = req_cookie(req, API_SESSION_COOKIE);
    bool ok;
    if (auth) {
        ok = strncasecmp(auth, "Bearer ", 7) == 0 ? caller_from_token(req, auth + 7, c)
                                                   : (res_fail(req, 401, "bad_token"), false);
    } else if (cookie) {
        ok = caller_from_session(req, cookie, c);
    } else {
        res_fail(req, 401, "login_required");
        ok = false;
    }
    if (!ok) return false;
    if (role_cache_get(req, c->account.role, &c->role) != STORE_OK) {   /* kept by the thread (issue #8, page2) */
        res_store_error(req, STORE_ERROR);
        return false;
    }
    /* a request with a body is handled after its upload, while its thread serves others: its own copy */
    if (r->body) c->role = role_cache_detach(&c->role, req->arena);
    req->caller = c;
    req->area_scope.prefix = area_prefix_of(req->arena, c->account.area);
    req->scope = strcmp(c->role.child_scope, "area") == 0 ? req->area_scope : SCOPE_NONE;
    if (!c->by_token && changes_state(req->method)) {
        const char *sent = req_header(req, "X-CSRF-Token");
        if (!sent || !auth_secret_equal(sent, c->csrf_token)) {
            res_fail(req, 403, "csrf_failed");
            return false;
        }
    }
    if (c->account.must_change_password && !(r->flags & ROUTE_PENDING_OK)) {
        res_fail(req, 403, "password_change_required");
        return false;
    }
    if (*r->permission && !role_has(&c->role, r->permission)) {
        res_fail(req, 403, "no_permission", c->account.role, r->permission);
        return false;
    }
    return true;
}

/* ---- the body ---- */

/* Whether the request says its body is JSON. */
static bool is_json(const char *content_type)
{
    if (!content_type) return false;
    size_t n = strlen("application/json");
    return strncasecmp(content_type, "application/json", n) == 0 &&
           (content_type[n] == 0 || content_type[n] == ';' || content_type[n] == ' ');
}

/* Checks the declared body of REQ for route R; answers and returns false when it is refused unread. */
static bool accept_body(Request *req, const Route *r)
{
    const char *length = req_header(req, "Content-Length");
    bool has_body = (length && strcmp(length, "0") != 0) || req_header(req, "Transfer-Encoding");
    if (!r->body) {
        if (has_body) {
            res_fail(req, 400, "body_unexpected");
            return false;
        }
        req->body_limit = 0;
        return true;
    }
    if (r->body->kind == BODY_JSON && has_body && !is_json(req_header(req, "Content-Type"))) {
        res_fail(req, 415, "need_json");
        return false;
    }
    req->body_limit = r->body->limit;
    return true;
}

static bool json_type_ok(const json_t *v, json_type t)
{
    if (t == JSON_TRUE) return json_is_boolean(v);
    return json_typeof(v) == t;
}

static const char *json_type_name(json_type t)
{
    return t == JSON_STRING ? "string" : t == JSON_TRUE ? "true/false" : t == JSON_INTEGER ? "integer"
           : t == JSON_ARRAY ? "array" /* protection's triggers */ : "object";
}

/* Checks the members of the object BODY against FIELDS. */
static void check_fields(const json_t *body, const FieldSpec *fields, Problems *p)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v) {
        const FieldSpec *f = fields;
        while (f->name && strcmp(f->name, key) != 0) f++;
        if (!f->name) problems_add(p, arena_strdup(p->arena, key), "unknown_field");
        else if (json_is_null(v) && !f->required) continue;   /* null = not given, or cleared */
        else if (!json_type_ok(v, f->type)) problems_add(p, f->name, "wrong_type", json_type_name(f->type));
        else if (f->type == JSON_STRING && f->max && utf8_chars(json_string_value(v)) > (size_t)f->max)
            problems_add(p, f->name, "too_long", f->max);
    }
    for (const FieldSpec *f = fields; f->name; f++)
        if (f->required && !json_object_get(body, f->name)) problems_add(p, f->name, "required");
}

/* Reads and checks the body of REQ for route R; answers and returns false when it is refused. */
bool api_read_body(Request *req, const Route *r)
{
    Buf *b = &req->raw_body;
    if (!r->body) return true;   /* a body there was refused by accept_body() */
    if (b->len == 0) {
        res_fail(req, 400, "body_required");
        return false;
    }
    if (r->body->kind == BODY_FILE) return true;
    if (!utf8_valid(buf_str(b), b->len)) {
        res_fail(req, 400, "body_utf8");
        return false;
    }
    json_error_t err;
    req->body = json_loadb(buf_str(b), b->len, JSON_REJECT_DUPLICATES, &err);
    if (!req->body) {
        res_fail(req, 400, "bad_json", err.text, err.line, err.column);
        return false;
    }
    if (!json_is_object(req->body)) {
        res_fail(req, 400, "body_not_object");
        return false;
    }
    Problems *p = req_scratch(req);
    if (r->body->fields) check_fields(req->body, r->body->fields, p);
    if (p->count == 0 && r->body->validate) r->body->validate(req, p);
    if (p->count == 0) return true;
    res_problem(req, 422, problems_add(req_scratch(req), NULL, "bad_fields"), p);
    return false;
}

/* ---- the two entry points ---- */

/* The route of REQ's method and path, with the path's segments and the
   values of its {parameters} in SEG and VALUES; answers 400, 404 or 405 and
   returns NULL when there is none. */
static const Route *match_route(Request *req, Segments *seg, const char ***values)
{
    if (!split_path(req->arena, req->path, seg)) {
        res_fail(req, 400, "bad_path");
        return NULL;
    }
    const Route *r = find_route(req, seg, values);
    req->route = r;
    return r;
}

const Route *api_read_params(Request *req)
{
    Segments seg;
    const char **path_values;
    const Route *r = match_route(req, &seg, &path_values);
    return r && read_params(req, r, &seg, path_values) ? r : NULL;
}

bool api_begin(Request *req)
{
    if (web_begin(req)) return true;   /* the web UI's files: every path outside /api/ */
    Segments seg;
    const char **path_values;
    const Route *r = match_route(req, &seg, &path_values);
    if (!r) return true;
    bool go = admit(req, r) && read_params(req, r, &seg, path_values) && accept_body(req, r);
    if (!go) write_audit(req);   /* a refusal's entry is best effort: the refusal stands either way */
    return !go;
}

/* The audit entry of a change that is committed, which could not be
   written after it (a full disk): the audit writer keeps it and retries. The
   change stands, and so does its answer. */
static void keep_unwritten(void *ctx, const AuditEntry *e, const char *why)
{
    (void)ctx;
    if (audit_writer_keep(e) != STORE_OK)
        fprintf(stderr, "shouhu serve: not recorded in the audit trail (%s): %s by %s, %s\n", why, e->action,
                e->account ? e->account : "-", e->records ? e->records : "");
}

/* Runs the handler of route R in a write transaction, committed if it
   succeeded (its audit entry written just after), else rolled back. */
static void run_writing(Request *req, const Route *r)
{
    store_on_audit_unwritten(req->store, keep_unwritten, NULL);
    StoreRc sr = store_begin(req->store);
    if (sr != STORE_OK) {
        res_store_error(req, sr);
        return;
    }
    r->handler(req);
    if (req->res.status >= 400) {
        store_rollback(req->store);
        return;
    }
    sr = write_audit(req);
    if (sr == STORE_OK) sr = store_commit(req->store);
    else store_rollback(req->store);
    if (sr != STORE_OK) {
        req->audit.written = false;   /* rolled back with the rest: record the failure instead */
        if (req->res.fd >= 0) close(req->res.fd);
        req->res.fd = -1;
        req->res.headers = NULL;
        res_store_error(req, sr);
    }
}

void api_finish(Request *req)
{
    const Route *r = req->route;
    if (api_read_body(req, r)) {
        store_limit_writes(req->store, &req->scope);
        if (r->writes) run_writing(req, r);
        else r->handler(req);
    }
    StoreRc audited = write_audit(req);
    if (audited != STORE_OK && req->res.status < 400) {
        /* no answer without its audit entry: 507 when the disk is full, else 503 */
        if (req->res.fd >= 0) close(req->res.fd);
        req->res.fd = -1;
        req->res.headers = NULL;
        res_store_error(req, audited == STORE_FULL ? STORE_FULL : STORE_BUSY);
    }
}
