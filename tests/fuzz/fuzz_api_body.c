/*
** Fuzz target: the JSON body of every route that takes one, read by
** api_read_body() (api/dispatch.h), the step api_finish() runs before a
** handler: UTF-8, JSON, an object, the route's FieldSpecs, then its own
** validator (the child record's, a payroll's, a standard's, ...).
**
** Input: a first line "METHOD /api/v1/path" naming a route with a JSON
** body, or else a first byte that picks one; the rest is the body. Promises: either the body passes, and
** then it is an object whose every member the route declares (when it
** declares them), of the declared type, no string longer than its limit,
** every required member present, and a new child's record was read
** (req->child); or it is refused with 400 (not JSON, not UTF-8, not an
** object, empty) or 422 (with the fields in errors[]), in well-formed
** problem+json, and nothing else was answered.
*/
#include "fuzz_api.h"
#include "util/text.h"

static bool takes_json(const Route *r) { return r->body && r->body->kind == BODY_JSON; }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("SHOUHU_TODAY", "2024-06-01", 1);   /* validators judge dates against today: keep it fixed */
    return 0;
}

/* Checks that BODY, accepted, keeps route R's FieldSpecs. */
static void check_accepted(const Request *req, const Route *r)
{
    FUZZ_CHECK(req->res.status == 0);
    FUZZ_CHECK(json_is_object(req->body));
    const FieldSpec *fields = r->body->fields;
    if (!fields) return;
    const char *key;
    json_t *v;
    json_object_foreach(req->body, key, v) {
        const FieldSpec *f = fields;
        while (f->name && strcmp(f->name, key) != 0) f++;
        FUZZ_CHECK(f->name);   /* no member the route does not declare */
        if (json_is_null(v)) FUZZ_CHECK(!f->required);
        else if (f->type == JSON_TRUE) FUZZ_CHECK(json_is_boolean(v));
        else FUZZ_CHECK(json_typeof(v) == f->type);
        if (json_is_string(v) && f->max) FUZZ_CHECK(utf8_chars(json_string_value(v)) <= (size_t)f->max);
    }
    for (const FieldSpec *f = fields; f->name; f++)
        if (f->required) FUZZ_CHECK(json_object_get(req->body, f->name));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *body;
    size_t body_size;
    const Route *r = fuzz_pick_route(data, size, takes_json, &body, &body_size);
    if (!r) return 0;
    Arena *a = arena_new();
    Request req;
    fuzz_request_init(&req, a, r->method, size % 2 ? LANG_EN : LANG_ZH);
    req.route = r;
    buf_add(&req.raw_body, body, body_size);
    if (api_read_body(&req, r)) {
        check_accepted(&req, r);
        if (strcmp(r->path, "/api/v1/children") == 0 && strcmp(r->method, "POST") == 0) FUZZ_CHECK(req.child);
    } else {
        static const int refused[] = {400, 422, 0};
        json_t *j = fuzz_check_problem(&req, refused);
        if (req.res.status == 422) FUZZ_CHECK(json_array_size(json_object_get(j, "errors")) > 0);
        json_decref(j);
    }
    fuzz_request_free(&req);
    arena_free(a);
    return 0;
}
