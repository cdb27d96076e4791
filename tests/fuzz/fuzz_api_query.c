/*
** Fuzz target: the path and query of a request, read by api_read_params()
** (api/dispatch.h), the steps api_begin() runs before a handler: the path
** split and %-decoded, matched against the routing table, then every path
** and query parameter checked by the route's ParamSpecs.
**
** Input: with the top bit of the first byte set, the rest is a raw request
** target ("/api/v1/...?..."), the method from the next bits. Else a first
** line "METHOD /api/v1/path/{param}" names a route (or the first byte picks
** one), and the rest, up to the first '?', gives the values of its
** {parameters} (separated by '/'), after it the query: so most inputs reach
** a route's parameters, not only the 404.
**
** Promises: either a route comes back, the route of that method, and every
** parameter read is one it declares, once, valid UTF-8 without control
** characters, of its type and within its bounds (integers from MIN to MAX,
** 12-digit areas, real dates and months, known codes, listed choices,
** strings no longer than MAX), with every required one present; or it is
** refused with 400, 404 or 405 (405 naming the allowed methods) in
** well-formed problem+json.
*/
#include "fuzz_api.h"
#include "domain/date.h"
#include "domain/month.h"
#include "util/buf.h"
#include "util/text.h"

static const char *const methods[] = {"GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "GET", "OPTIONS"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* Whether TEXT is one of the '|'-separated CHOICES. */
static bool listed(const char *choices, const char *text)
{
    size_t n = strlen(text);
    for (const char *c = choices; *c;) {
        size_t len = strcspn(c, "|");
        if (len == n && strncmp(c, text, n) == 0) return true;
        c += len + (c[len] == '|');
    }
    return false;
}

/* Checks one parameter value V against what its SPEC promises. */
static void check_value(const ParamSpec *spec, const ParamValue *v)
{
    const char *t = v->text;
    FUZZ_CHECK(t && *t && utf8_valid(t, strlen(t)));
    for (const unsigned char *c = (const unsigned char *)t; *c; c++) FUZZ_CHECK(*c >= 0x20 && *c != 0x7f);
    Month m;
    switch (spec->type) {
    case PARAM_STRING: FUZZ_CHECK(utf8_chars(t) <= (size_t)spec->max); break;
    case PARAM_INT: FUZZ_CHECK(v->i >= spec->min && v->i <= spec->max); break;
    case PARAM_DATE: FUZZ_CHECK(date_valid(v->date.y, v->date.m, v->date.d)); break;
    case PARAM_CODE: FUZZ_CHECK(code_find(spec->codes, t)); break;
    case PARAM_CHOICE: FUZZ_CHECK(listed(spec->choices, t)); break;
    case PARAM_AREA: FUZZ_CHECK(strlen(t) == 12 && strspn(t, "0123456789") == 12); break;
    case PARAM_BOOL: FUZZ_CHECK(v->i == 0 || v->i == 1); break;
    case PARAM_MONTH: FUZZ_CHECK(month_parse(t, &m) && v->i == m); break;
    }
}

/* Checks the parameters read for route R. */
static void check_params(const Request *req, const Route *r)
{
    FUZZ_CHECK(req->res.status == 0);
    FUZZ_CHECK(strcmp(r->method, req->method) == 0);
    for (int i = 0; i < req->n_params; i++) {
        const ParamValue *v = &req->params[i];
        const ParamSpec *spec = r->params;
        while (spec && spec->name && strcmp(spec->name, v->name) != 0) spec++;
        FUZZ_CHECK(spec && spec->name);
        for (int k = 0; k < i; k++) FUZZ_CHECK(strcmp(req->params[k].name, v->name) != 0);
        check_value(spec, v);
    }
    for (const ParamSpec *spec = r->params; spec && spec->name; spec++) {
        if (!spec->required) continue;
        bool there = false;
        for (int i = 0; i < req->n_params; i++) there = there || strcmp(req->params[i].name, spec->name) == 0;
        FUZZ_CHECK(there);
    }
}

/* The target of route R with its {parameters} filled, in order, from the
   '/'-separated VALUES; in A. */
static char *fill_path(Arena *a, const char *pattern, const char *values)
{
    Buf b = BUF_INIT;
    for (const char *p = pattern; *p;) {
        if (*p != '{') {
            buf_addc(&b, *p++);
            continue;
        }
        p += strcspn(p, "}") + (p[strcspn(p, "}")] == '}');
        size_t n = strcspn(values, "/");
        buf_add(&b, values, n);
        values += n + (values[n] == '/');
    }
    char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

static bool any_route(const Route *r)
{
    (void)r;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    bool raw = data[0] & 0x80;   /* a raw target: not a route's first line, whose first byte is a letter */
    const uint8_t *target;
    size_t target_size;
    const Route *pick = raw ? NULL : fuzz_pick_route(data, size, any_route, &target, &target_size);
    if (raw) {
        target = data + 1;
        target_size = size - 1;
    }
    if (memchr(target, 0, target_size)) return 0;   /* a URI holds no NUL: the server never sees one */
    char *rest = fuzz_string(target, target_size);
    Arena *a = arena_new();
    Request req;
    char *query = strchr(rest, '?');
    if (query) *query++ = 0;
    if (raw) {
        fuzz_request_init(&req, a, methods[(data[0] >> 4) & 7], data[0] & 1 ? LANG_EN : LANG_ZH);
        req.path = rest;
    } else {
        fuzz_request_init(&req, a, pick->method, size % 2 ? LANG_EN : LANG_ZH);
        req.path = fill_path(a, pick->path, rest);
    }
    req.query = query;
    const Route *r = api_read_params(&req);
    if (r) {
        check_params(&req, r);
    } else {
        static const int refused[] = {400, 404, 405, 0};
        json_t *j = fuzz_check_problem(&req, refused);
        if (req.res.status == 405) {
            bool allow = false;
            for (const HeaderLine *h = req.res.headers; h; h = h->next) allow = allow || strcmp(h->name, "Allow") == 0;
            FUZZ_CHECK(allow);
        }
        json_decref(j);
    }
    fuzz_request_free(&req);
    arena_free(a);
    free(rest);
    return 0;
}
