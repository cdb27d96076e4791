/*
** The routing table and the OpenAPI description agree (api/openapi.json,
** read from the binary's embedded copy): every route is described with its
** method, permission, audit action, parameters and body, nothing is
** described that the table does not serve, the enumerations are the code
** tables', and every permission the table names exists in the database.
*/
#include "testutil.h"
#include <ctype.h>
#include "api/routes.h"
#include "domain/account.h"
#include "domain/protection.h"   /* CODES_REFERRAL_UNIT */
#include "store/store_accounts.h"

static json_t *spec;

static int load_spec(void **state)
{
    (void)state;
    const EmbeddedFile *f = embedded_find("api/openapi.json");
    if (!f) return -1;
    json_error_t err;
    spec = json_loadb((const char *)f->data, (size_t)f->size, 0, &err);
    if (!spec) fprintf(stderr, "api/openapi.json: %s at line %d\n", err.text, err.line);
    return spec ? 0 : -1;
}

static int free_spec(void **state)
{
    (void)state;
    json_decref(spec);
    return 0;
}

/* The operation of route R in the description, or NULL. */
static json_t *operation(const Route *r)
{
    char method[16];
    size_t i;
    for (i = 0; r->method[i] && i < sizeof method - 1; i++) method[i] = (char)tolower((unsigned char)r->method[i]);
    method[i] = 0;
    return json_object_get(json_object_get(json_object_get(spec, "paths"), r->path), method);
}

/* Follows a {"$ref": "#/components/..."} to what it names. */
static json_t *deref(json_t *v)
{
    const char *ref = json_string_value(json_object_get(v, "$ref"));
    if (!ref || strncmp(ref, "#/", 2) != 0) return v;
    json_t *at = spec;
    char *path = strdup(ref + 2);
    for (char *part = strtok(path, "/"); part && at; part = strtok(NULL, "/")) at = json_object_get(at, part);
    free(path);
    return at;
}

/* The operation's parameter NAME in IN ("path", "query"), or NULL. */
static json_t *op_param(json_t *op, const char *name, const char *in)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(op, "parameters"), i, p) {
        json_t *d = deref(p);
        if (strcmp(json_string_value(json_object_get(d, "name")), name) == 0 &&
            strcmp(json_string_value(json_object_get(d, "in")), in) == 0)
            return d;
    }
    return NULL;
}

static void every_route_is_described(void **state)
{
    (void)state;
    int n = 0;
    for (const Route *r = api_routes; r->method; r++, n++) {
        json_t *op = operation(r);
        if (!op) fail_msg("%s %s is not in api/openapi.json", r->method, r->path);
        /* the permission: null for public routes, "" for any account */
        json_t *perm = json_object_get(op, "x-permission");
        if (r->permission) {
            if (!json_is_string(perm) || strcmp(json_string_value(perm), r->permission) != 0)
                fail_msg("%s %s: x-permission should be \"%s\"", r->method, r->path, r->permission);
        } else if (!json_is_null(perm)) {
            fail_msg("%s %s: x-permission should be null (public)", r->method, r->path);
        }
        const char *audit = json_string_value(json_object_get(op, "x-audit"));
        if ((audit == NULL) != (r->audit == NULL) || (audit && strcmp(audit, r->audit) != 0))
            fail_msg("%s %s: x-audit should be %s", r->method, r->path, r->audit ? r->audit : "absent");
        if (!json_object_get(op, "summary") || !json_object_get(op, "responses"))
            fail_msg("%s %s: a summary and responses are required", r->method, r->path);
    }
    assert_true(n >= 20);
}

static void parameters_match(void **state)
{
    (void)state;
    for (const Route *r = api_routes; r->method; r++) {
        json_t *op = operation(r);
        int mine = 0;
        for (const ParamSpec *p = r->params; p && p->name; p++, mine++) {
            json_t *d = op_param(op, p->name, p->in == IN_PATH ? "path" : "query");
            if (!d) fail_msg("%s %s: parameter %s is not described", r->method, r->path, p->name);
            if (p->in == IN_PATH && !json_is_true(json_object_get(d, "required")))
                fail_msg("%s %s: path parameter %s must be required", r->method, r->path, p->name);
            if (p->in == IN_PATH) {
                char brace[64];
                snprintf(brace, sizeof brace, "{%s}", p->name);
                if (!strstr(r->path, brace)) fail_msg("%s: no %s in the path", r->path, brace);
            }
        }
        size_t i;
        json_t *p;
        int described = 0;
        json_array_foreach(json_object_get(op, "parameters"), i, p) {
            const char *in = json_string_value(json_object_get(deref(p), "in"));
            if (strcmp(in, "path") == 0 || strcmp(in, "query") == 0) described++;
        }
        if (described != mine)
            fail_msg("%s %s: %d parameters described, %d in the table", r->method, r->path, described, mine);
    }
}

static void bodies_match(void **state)
{
    (void)state;
    for (const Route *r = api_routes; r->method; r++) {
        json_t *content = json_object_get(json_object_get(operation(r), "requestBody"), "content");
        if (!r->body && content) fail_msg("%s %s takes no body but one is described", r->method, r->path);
        if (r->body && r->body->kind == BODY_JSON && !json_object_get(content, "application/json"))
            fail_msg("%s %s: its JSON body is not described", r->method, r->path);
        if (r->body && r->body->kind == BODY_FILE && !json_object_get(content, "text/csv"))
            fail_msg("%s %s: its file body is not described", r->method, r->path);
        if (r->body && r->body->fields) {
            /* each member the dispatcher accepts is a property of the schema, and no more */
            json_t *schema = deref(json_object_get(json_object_get(content, "application/json"), "schema"));
            json_t *props = json_object_get(schema, "properties");
            size_t n = 0;
            for (const FieldSpec *f = r->body->fields; f->name; f++, n++)
                if (!json_object_get(props, f->name)) fail_msg("%s %s: member %s not described", r->method, r->path, f->name);
            assert_int_equal(json_object_size(props), n);
            assert_true(json_is_false(json_object_get(schema, "additionalProperties")));
        }
    }
}

static void nothing_else_is_described(void **state)
{
    (void)state;
    const char *path;
    json_t *item;
    json_object_foreach(json_object_get(spec, "paths"), path, item) {
        const char *method;
        json_t *op;
        json_object_foreach(item, method, op) {
            bool found = false;
            for (const Route *r = api_routes; r->method && !found; r++)
                found = strcmp(r->path, path) == 0 && strcasecmp(r->method, method) == 0;
            if (!found) fail_msg("%s %s is described but not in the routing table", method, path);
        }
    }
}

static void routes_are_unique_and_versioned(void **state)
{
    (void)state;
    for (const Route *r = api_routes; r->method; r++) {
        assert_int_equal(strncmp(r->path, "/api/v1/", 8), 0);
        assert_non_null(r->handler);
        for (const Route *o = r + 1; o->method; o++)
            if (strcmp(r->method, o->method) == 0 && strcmp(r->path, o->path) == 0)
                fail_msg("%s %s is twice in the table", r->method, r->path);
    }
}

/* Checks that the enum at SCHEMA's property PROP lists exactly the codes of T. */
static void enum_is_table(const char *schema, const char *prop, const CodeTable *t)
{
    json_t *s = json_object_get(json_object_get(json_object_get(spec, "components"), "schemas"), schema);
    json_t *e = json_object_get(json_object_get(json_object_get(s, "properties"), prop), "enum");
    if (!e) fail_msg("%s.%s has no enum", schema, prop);
    size_t n = 0;
    for (const CodeEntry *c = t->entries; c->code; c++, n++) {
        bool found = false;
        size_t i;
        json_t *v;
        json_array_foreach(e, i, v) found = found || (json_is_string(v) && strcmp(json_string_value(v), c->code) == 0);
        if (!found) fail_msg("%s.%s lacks the code %s", schema, prop, c->code);
    }
    size_t strings = 0, i;
    json_t *v;
    json_array_foreach(e, i, v) strings += json_is_string(v);
    if (strings != n) fail_msg("%s.%s lists %zu codes; the table has %zu", schema, prop, strings, n);
}

static void enums_are_the_code_tables(void **state)
{
    (void)state;
    enum_is_table("Category", "code", &CODES_CATEGORY);
    enum_is_table("Category", "status", &CODES_CATEGORY_STATUS);
    enum_is_table("ChildInput", "sex", &CODES_SEX);
    enum_is_table("ChildInput", "status", &CODES_RECORD_STATUS);
    enum_is_table("ChildInput", "hukou_type", &CODES_HUKOU_TYPE);
    enum_is_table("ChildInput", "enrolment", &CODES_ENROLMENT);
    enum_is_table("ChildInput", "disability_type", &CODES_DISABILITY);
    enum_is_table("Person", "situation", &CODES_SITUATION);
    enum_is_table("Person", "relation", &CODES_RELATION);
    enum_is_table("AccountNew", "unit", &CODES_UNIT);
    enum_is_table("AccountPatch", "unit", &CODES_UNIT);
    enum_is_table("Referral", "unit", &CODES_REFERRAL_UNIT);      /* protection: one list of member units */
    enum_is_table("ReferralNew", "unit", &CODES_REFERRAL_UNIT);
}

static void child_fields_exist(void **state)
{
    (void)state;
    json_t *schemas = json_object_get(json_object_get(spec, "components"), "schemas");
    const char *key;
    json_t *v;
    Child c;
    ChildFieldKind kind;
    json_object_foreach(json_object_get(json_object_get(schemas, "ChildInput"), "properties"), key, v) {
        if (strcmp(key, "categories") == 0 || strcmp(key, "father") == 0 || strcmp(key, "mother") == 0 ||
            strcmp(key, "guardian") == 0)
            continue;
        if (!child_field_slot(&c, key, &kind)) fail_msg("ChildInput describes %s, which a child does not have", key);
    }
    json_object_foreach(json_object_get(json_object_get(schemas, "Person"), "properties"), key, v) {
        char full[64];
        snprintf(full, sizeof full, "father.%s", key);
        if (!child_field_slot(&c, full, &kind)) fail_msg("Person describes %s, which a person does not have", key);
    }
}

static void permissions_exist(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    Store *s = test_store(dir, "routes");
    for (const Route *r = api_routes; r->method; r++)
        if (r->permission && *r->permission && !store_permission_exists(s, r->permission))
            fail_msg("%s %s needs %s, which is not in the permission table", r->method, r->path, r->permission);
    assert_true(store_permission_exists(s, "child:read_full"));   /* checked by the children's handlers */
    store_close(s);
    test_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_route_is_described),
        cmocka_unit_test(parameters_match),
        cmocka_unit_test(bodies_match),
        cmocka_unit_test(nothing_else_is_described),
        cmocka_unit_test(routes_are_unique_and_versioned),
        cmocka_unit_test(enums_are_the_code_tables),
        cmocka_unit_test(child_fields_exist),
        cmocka_unit_test(permissions_exist),
    };
    return cmocka_run_group_tests_name("routes", tests, load_spec, free_spec);
}
