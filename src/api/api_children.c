/*
** The children's records:
**   GET   /api/v1/children?area=&category=&status=&q=&age_min=&age_max=&limit=&cursor=&offset=&sort=
**   POST  /api/v1/children               a child's document -> 201, Location, {id, version}
**   GET   /api/v1/children/{id}          with ETag: W/"VERSION"
**   PATCH /api/v1/children/{id}          a JSON merge patch (RFC 7396) plus "reason"; If-Match required
**   GET   /api/v1/children/{id}/history
**
** Lists always mask ID and phone numbers. A record's own page shows them in
** full to roles with child:read_full, and the audit trail records that
** viewing as child.view_full. Records outside the caller's scope are 404:
** the store's queries never return them.
*/
#include <stdlib.h>
#include <string.h>
#include "api/answer_cache.h"
#include "api/area_names.h"
#include "api/handlers.h"
#include "domain/privacy.h"
#include "http/response.h"
#include "util/clock.h"
#include "util/json_text.h"
#include "util/text.h"

enum { LIST_DEFAULT = 50 };

/* ---- body checks (run by the dispatcher) ---- */

void validate_child_body(Request *req, Problems *p)
{
    Child *c = arena_alloc(req->arena, sizeof *c);
    if (child_from_json(req->body, c, req->arena, false, p) &&
        child_validate(c, req->arena, clock_today(), &LEDGER_RULES_DEFAULT, true, p))
        req->child = c;
}

void validate_child_patch(Request *req, Problems *p)
{
    json_t *reason = json_object_get(req->body, "reason");
    if (!reason || json_is_null(reason)) problems_add(p, "reason", "reason_required");
    else if (!json_is_string(reason)) problems_add(p, "reason", "wrong_type", "string");
    else if (text_blank(json_string_value(reason))) problems_add(p, "reason", "reason_required");
    else if (utf8_chars(json_string_value(reason)) > 200) problems_add(p, "reason", "too_long", 200);
    /* the other members must be fields of a child, of the right types (null deletes) */
    json_t *fields = json_copy(req->body);
    json_object_del(fields, "reason");
    Child scratch = {0};
    child_from_json(fields, &scratch, req->arena, false, p);
    json_decref(fields);
}

/* ---- shared helpers ---- */

void child_filter_from_request(Request *req, ChildFilter *f)
{
    memset(f, 0, sizeof *f);
    f->scope = req->scope;
    f->area = req_param(req, "area");
    f->category = req_param(req, "category");
    f->status = req_param(req, "status");
    f->q = req_param(req, "q");
    Date today = clock_today();
    long long age_min = req_param_int(req, "age_min", -1), age_max = req_param_int(req, "age_max", -1);
    /* aged at least A: born on or before today A years ago; at most B: born after today B+1 years ago */
    if (age_min >= 0) f->born_to = date_add_months(today, -12 * (int)age_min);
    if (age_max >= 0) f->born_from = date_from_days(date_to_days(date_add_months(today, -12 * ((int)age_max + 1))) + 1);
    f->after_id = req_param_int(req, "cursor", 0);
    f->offset = req_param_int(req, "offset", 0);
    const char *sort = req_param(req, "sort");
    if (sort) {
        f->sort_desc = sort[0] == '-';
        f->sort = sort + f->sort_desc;
    }
}

/* The document of C for this caller: masked unless FULL. */
static json_t *child_doc(Request *req, const Child *c, bool full)
{
    json_t *j = child_to_json(c, true);
    if (!full) child_json_mask(j, req->arena);
    const char *name = area_names_get(req, -1, c->area);   /* one name: looked up, not kept */
    if (name) json_object_set_new(j, "area_name", json_string(name));
    return j;
}

static void set_etag(Request *req, int version)
{
    res_header(req, "ETag", arena_printf(req->arena, "W/\"%d\"", version));
}

/* Whether the caller may see ID and phone numbers in full on a record's own page. */
static bool sees_full(const Request *req)
{
    return role_has(&req->caller->role, "child:read_full");
}

/* Answers with C as the caller may see it. A reading that shows full numbers
   is recorded as child.view_full; a change keeps its own action. */
static void answer_record(Request *req, int status, const Child *c, bool reading)
{
    bool full = sees_full(req);
    if (full && reading) req->audit.action = "child.view_full";
    set_etag(req, c->version);
    res_json(req, status, child_doc(req, c, full));
}

/* The problems of a refused change: 422 with errors. */
static void answer_invalid(Request *req, const Problems *p)
{
    res_problem(req, 422, problems_add(req_scratch(req), NULL, "bad_fields"), p);
}

static void answer_not_found(Request *req, StoreRc r, long long id)
{
    if (r == STORE_NOTFOUND) res_fail(req, 404, "not_found", id);
    else res_store_error(req, r);
}

/* ---- the list ---- */

/* A page being written: its items go straight into OUT as JSON text, each as
   child_doc() and json_dumps() would write it, masked (issue #8: building and
   dumping a jansson object per item was a fifth of a page's cost). */
typedef struct ChildPage {
    Request *req;
    Buf *out;
    int count;
    StoreRc rc;                       /* STORE_ERROR when a record's document did not read */
    long long last_id;
    long long areas;                  /* area_names_version(), read before the page */
} ChildPage;

/* Writes ",area_name":NAME} after an item's members: the name of AREA as kept under AREAS. */
static void item_end(Request *req, Buf *out, const char *area, long long areas)
{
    const char *name = area_names_get(req, areas, area);
    if (name) {
        buf_adds(out, ",\"area_name\":");
        json_text_string(out, name);
    }
    buf_addc(out, '}');
}

/* Adds the record T to the page as child_doc(req, C, false) and
   json_dumps() would write it: copied from its text (issue #8, item), or,
   when the copier does not know the text, read into a Child and written from
   it (the same bytes). ROW holds the masked strings until the next. */
static int add_child(void *ctx, const ChildText *t, Arena *row)
{
    ChildPage *pg = ctx;
    if (pg->count) buf_addc(pg->out, ',');
    buf_addc(pg->out, '{');
    const char *area;
    if (!child_item_from_text(pg->out, t, row, &area)) {
        Child c;
        pg->rc = store_child_from_text(pg->req->store, t, &c, row);
        if (pg->rc != STORE_OK) return 1;
        child_json_members(pg->out, &c, true, row);
        area = c.area;
    }
    item_end(pg->req, pg->out, area, pg->areas);
    req_audit_id(pg->req, t->id);
    pg->last_id = t->id;
    pg->count++;
    return 0;
}

void api_children_list(Request *req)
{
    ChildFilter f;
    child_filter_from_request(req, &f);
    /* a list is masked alike for every role: it depends on the scope, the
       query and today's date (ages), and on the database (issue #8) */
    char day[11];
    const char *key = arena_printf(req->arena, "children|%s|%s|%s", f.scope.prefix ? f.scope.prefix : "",
                                   date_format(clock_today(), day), req->query ? req->query : "");
    StoreGeneration gen;
    if (answer_cache_get(req, key, &gen)) return;
    /* the answer as json_dumps(JSON_COMPACT) wrote {"items":[...],"total":N,"next_cursor":"ID"|null} */
    f.limit = (int)req_param_int(req, "limit", LIST_DEFAULT);
    Buf out = BUF_INIT;
    enum { ITEM_BYTES = 1024 };   /* an item is ~700 bytes: the page's room at once, not ten reallocations (issue #8) */
    buf_reserve(&out, (size_t)(f.limit > 0 && f.limit <= 100 ? f.limit : LIST_DEFAULT) * ITEM_BYTES);
    buf_adds(&out, "{\"items\":[");
    ChildPage pg = {.req = req, .out = &out, .rc = STORE_OK, .areas = area_names_version(req)};
    long long total = 0;
    bool more = false;
    StoreRc r = store_children_texts(req->store, &f, add_child, &pg, &more, &total, req->arena);
    if (r == STORE_OK) r = pg.rc;
    if (r != STORE_OK) {
        buf_free(&out);
        res_store_error(req, r);
        return;
    }
    /* the cursor is the last record number: it pages the id order only; other orders page by offset */
    bool id_order = !f.sort_desc && (!f.sort || strcmp(f.sort, "id") == 0) && f.offset == 0;
    buf_printf(&out, "],\"total\":%lld,\"next_cursor\":", total);
    if (more && id_order) buf_printf(&out, "\"%lld\"}\n", pg.last_id);
    else buf_adds(&out, "null}\n");
    res_bytes(req, 200, "application/json; charset=utf-8", out.data, out.len);
    buf_free(&out);
    answer_cache_put(req, key, &gen);
}

/* ---- one record ---- */

void api_child_create(Request *req)
{
    const Caller *me = req->caller;
    Child *c = req->child;
    char at[26];
    Change ch = {me->account.username, "新建档案", clock_now_iso(at)};
    Problems *p = req_scratch(req);
    StoreRc r = store_child_insert(req->store, c, &ch, p);
    if (r == STORE_INVALID) {
        answer_invalid(req, p);
        return;
    }
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    req_audit_id(req, c->id);
    res_header(req, "Location", arena_printf(req->arena, "/api/v1/children/%lld", c->id));
    set_etag(req, c->version);
    res_json(req, 201, json_pack("{s:I, s:i}", "id", (json_int_t)c->id, "version", c->version));
}

void api_child_get(Request *req)
{
    long long id = req_param_int(req, "id", 0);
    Child c;
    req_audit_id(req, id);
    StoreRc r = store_child_get(req->store, &req->scope, id, &c, req->arena);
    if (r != STORE_OK) answer_not_found(req, r, id);
    else answer_record(req, 200, &c, true);
}

/* The version an If-Match header names: "3", W/"3" or 3. 0 if it names none. */
static int if_match_version(const char *h)
{
    while (*h == ' ') h++;
    if (strncmp(h, "W/", 2) == 0) h += 2;
    bool quoted = *h == '"';
    h += quoted;
    char *end;
    long v = strtol(h, &end, 10);
    if (quoted && *end++ != '"') return 0;
    while (*end == ' ') end++;
    return *end == 0 && v > 0 && v < 1000000000 && h[0] >= '0' && h[0] <= '9' ? (int)v : 0;
}

/* Applies the JSON merge patch PATCH to TARGET (RFC 7396): null deletes,
   objects merge member by member, anything else replaces. */
static void merge_patch(json_t *target, const json_t *patch)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)patch, key, v) {
        json_t *old = json_object_get(target, key);
        if (json_is_null(v)) json_object_del(target, key);
        else if (json_is_object(v) && json_is_object(old)) merge_patch(old, v);
        else if (json_is_object(v)) {
            json_t *fresh = json_object();
            merge_patch(fresh, v);   /* nulls inside a new object mean nothing */
            json_object_set_new(target, key, fresh);
        } else json_object_set(target, key, v);
    }
}

void api_child_patch(Request *req)
{
    const Caller *me = req->caller;
    long long id = req_param_int(req, "id", 0);
    req_audit_id(req, id);
    const char *h = req_header(req, "If-Match");
    if (!h) {
        res_fail(req, 428, "if_match_required");
        return;
    }
    int base = if_match_version(h);
    if (!base) {
        res_fail(req, 400, "bad_if_match");
        return;
    }
    Child old;
    StoreRc r = store_child_get(req->store, &req->scope, id, &old, req->arena);
    if (r != STORE_OK) {
        answer_not_found(req, r, id);
        return;
    }
    json_t *doc = child_to_json(&old, false), *patch = json_copy(req->body);
    const char *reason = arena_strdup(req->arena, json_string_value(json_object_get(patch, "reason")));
    json_object_del(patch, "reason");
    merge_patch(doc, patch);
    json_decref(patch);
    Child c = {0};
    Problems *p = req_scratch(req);
    bool ok = child_from_json(doc, &c, req->arena, false, p);
    json_decref(doc);
    c.id = id;
    ok = ok && child_validate(&c, req->arena, clock_today(), &LEDGER_RULES_DEFAULT, false, p);
    char at[26];
    Change ch = {me->account.username, reason, clock_now_iso(at)};
    bool changed = false;
    int current = 0;
    r = ok ? store_child_update(req->store, &c, base, &ch, p, &changed, &current) : STORE_INVALID;
    if (r == STORE_CONFLICT) {
        set_etag(req, current);
        res_fail(req, 412, "stale_version", current, base);
    } else if (r == STORE_INVALID) {
        answer_invalid(req, p);
    } else if (r != STORE_OK) {
        res_store_error(req, r);
    } else {
        if (!changed) req->audit.detail = "no change";
        r = store_child_get(req->store, &req->scope, id, &c, req->arena);
        if (r != STORE_OK) answer_not_found(req, r, id);   /* moved out of scope cannot happen: the store refused it */
        else answer_record(req, 200, &c, false);
    }
}

/* ---- history ---- */

typedef struct HistoryList {
    Request *req;
    json_t *items;
    bool full;
} HistoryList;

static int add_version(void *ctx, const HistoryEntry *e)
{
    HistoryList *l = ctx;
    json_t *changes = json_deep_copy(e->changes);
    if (!l->full) changes_json_mask(changes, l->req->arena);
    json_array_append_new(l->items, json_pack("{s:i, s:s, s:s, s:s, s:o}", "version", e->version, "changed_at",
                                              e->changed_at, "changed_by", e->changed_by, "reason", e->reason,
                                              "changes", changes));
    return 0;
}

void api_child_history(Request *req)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_id(req, id);
    HistoryList l = {req, json_array(), sees_full(req)};
    StoreRc r = store_child_history(req->store, &req->scope, id, add_version, &l);
    if (r != STORE_OK) {
        json_decref(l.items);
        answer_not_found(req, r, id);
        return;
    }
    res_json(req, 200, json_pack("{s:I, s:o}", "id", (json_int_t)id, "items", l.items));
}
