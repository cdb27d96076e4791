/*
** The area tree as the caller may see it:
**   GET /api/v1/areas/{code}
**   GET /api/v1/areas?parent=CODE      (without parent: the caller's own area)
** An account sees its own area, everything below it, and the areas above
** it (so a village's page can name its town and city); any other area
** answers 404, as if it did not exist.
*/
#include "api/handlers.h"
#include "http/response.h"

static json_t *area_json(const Area *a)
{
    json_t *j = json_pack("{s:s, s:s, s:i, s:s}", "code", a->code, "name", a->name, "level", a->level, "kind", a->kind);
    json_object_set_new(j, "parent", a->parent ? json_string(a->parent) : json_null());
    if (a->mark) json_object_set_new(j, "mark", json_string(a->mark));
    return j;
}

/* Whether the caller may see the area CODE: within its scope, or above its own area. */
static bool visible(const Request *req, const char *code)
{
    const Scope above = {area_prefix_of(req->arena, code)};
    return store_scope_contains(&req->area_scope, code) || store_scope_contains(&above, req->caller->account.area);
}

void api_area_get(Request *req)
{
    const char *code = req_param(req, "code");
    Area a;
    StoreRc r = visible(req, code) ? store_area_get(req->store, code, &a, req->arena) : STORE_NOTFOUND;
    if (r == STORE_NOTFOUND) res_fail(req, 404, "no_such_area_path", code);
    else if (r != STORE_OK) res_store_error(req, r);
    else res_json(req, 200, area_json(&a));
}

typedef struct AreaList {
    Request *req;
    json_t *items;
} AreaList;

static int add_area(void *ctx, const Area *a)
{
    AreaList *l = ctx;
    if (visible(l->req, a->code)) json_array_append_new(l->items, area_json(a));
    return 0;
}

void api_areas_list(Request *req)
{
    const Caller *me = req->caller;
    const char *parent = req_param(req, "parent");
    AreaList l = {req, json_array()};
    StoreRc r;
    if (!parent) {
        Area own;
        r = store_area_get(req->store, me->account.area, &own, req->arena);
        if (r == STORE_OK) json_array_append_new(l.items, area_json(&own));
    } else {
        /* under an area above the caller's, only the branch that leads to it shows */
        r = visible(req, parent) ? store_area_children(req->store, parent, add_area, &l, req->arena) : STORE_NOTFOUND;
    }
    if (r == STORE_OK) {
        res_json(req, 200, json_pack("{s:o}", "items", l.items));
        return;
    }
    json_decref(l.items);
    if (r == STORE_NOTFOUND) res_fail(req, 404, "no_such_area_path", parent);
    else res_store_error(req, r);
}
