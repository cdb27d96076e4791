/*
** The audit trail, for the auditor and the security administrator:
**   GET /api/v1/audit?user=&record=&action=&from=&to=&limit=&cursor=
** Newest first. An account sees the entries of accounts in its area; one
** whose area is the whole city also sees those of no area (failed logins
** with unknown names, the command line). Reading the trail is itself
** recorded (audit.read).
*/
#include <string.h>
#include "api/audit_writer.h"
#include "api/handlers.h"
#include "http/response.h"

enum { AUDIT_PAGE = 100 };

static json_t *records_json(const char *records)
{
    json_t *list = json_array();
    for (const char *r = records; r && *r;) {
        size_t n = strcspn(r, ",");
        json_array_append_new(list, json_stringn(r, n));
        r += n + (r[n] == ',');
    }
    return list;
}

static json_t *entry_json(const AuditEntry *e)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:b, s:o}", "id", (json_int_t)e->id, "at", e->at, "action", e->action,
                          "success", e->success, "records", records_json(e->records));
    const char *optional[][2] = {{"account", e->account}, {"role", e->role}, {"area", e->area},
                                 {"address", e->address}, {"detail", e->detail}};
    for (size_t i = 0; i < sizeof optional / sizeof *optional; i++)
        json_object_set_new(j, optional[i][0], optional[i][1] ? json_string(optional[i][1]) : json_null());
    return j;
}

typedef struct AuditPage {
    json_t *items;
    int limit, count;
    bool more;
    long long last_id;
} AuditPage;

static int add_entry(void *ctx, const AuditEntry *e)
{
    AuditPage *pg = ctx;
    if (pg->count == pg->limit) {
        pg->more = true;
        return 1;
    }
    json_array_append_new(pg->items, entry_json(e));
    pg->last_id = e->id;
    pg->count++;
    return 0;
}

void api_audit_list(Request *req)
{
    const Caller *me = req->caller;
    Area own;
    bool whole_city = store_area_get(req->store, me->account.area, &own, req->arena) == STORE_OK && own.level == 1;
    char from[11], to[11];
    Date df = req_param_date(req, "from"), dt = req_param_date(req, "to");
    AuditPage pg = {.items = json_array(), .limit = (int)req_param_int(req, "limit", AUDIT_PAGE)};
    AuditFilter f = {.scope = req->area_scope,
                     .unscoped_too = whole_city,
                     .account = req_param(req, "user"),
                     .record = req_param(req, "record"),
                     .action = req_param(req, "action"),
                     .from = date_is_set(df) ? date_format(df, from) : NULL,
                     .to = date_is_set(dt) ? date_format(dt, to) : NULL,
                     .before_id = req_param_int(req, "cursor", 0),
                     .limit = pg.limit + 1};   /* one more, to know whether another page follows */
    long long total = 0;
    audit_writer_flush();   /* the reads queued until now are in the trail it shows */
    StoreRc r = store_audit_list(req->store, &f, add_entry, &pg, &total, req->arena);
    if (r != STORE_OK) {
        json_decref(pg.items);
        res_store_error(req, r);
        return;
    }
    json_t *next = pg.more ? json_sprintf("%lld", pg.last_id) : json_null();
    res_json(req, 200, json_pack("{s:o, s:I, s:o}", "items", pg.items, "total", (json_int_t)total, "next_cursor", next));
}
