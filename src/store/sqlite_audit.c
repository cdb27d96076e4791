/*
** SQLite backend: the audit trail (see store_accounts.h). Entries are only
** ever inserted; the triggers of sql/002_accounts.sql refuse changes and
** deletions, so not even a bug here could rewrite the trail.
*/
#include <stdint.h>
#include <string.h>
#include "store/db.h"
#include "store/store_accounts.h"
#include <stdio.h>
#include "store/sqlite_accounts_sql.h"
#include "util/clock.h"

StoreRc store_audit_append(Store *s, const AuditEntry *e)
{
    /* no db_require_tx(): a failed request is recorded after its rollback */
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO audit(at, account, role, area, address, action, records, success, "
                                     "detail) VALUES (:at, :account, :role, :area, :address, :action, :records, "
                                     ":success, :detail)");
    if (!st) return STORE_ERROR;
    char now[26];
    db_bind_text(st, ":at", e->at ? e->at : clock_now_iso(now));
    db_bind_text(st, ":account", e->account);
    db_bind_text(st, ":role", e->role);
    db_bind_text(st, ":area", e->area);
    db_bind_text(st, ":address", e->address);
    db_bind_text(st, ":action", e->action);
    db_bind_text(st, ":records", e->records && *e->records ? e->records : NULL);
    db_bind_int64(st, ":success", e->success);
    db_bind_text(st, ":detail", e->detail);
    int rc = db_step(s, st);
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- entries of a transaction, written after its commit ---- */

typedef struct PendingAudit {
    AuditEntry e;
    struct PendingAudit *next;
} PendingAudit;

StoreRc store_audit_add(Store *s, const AuditEntry *e)
{
    if (!s->tx_depth) return store_audit_append(s, e);
    if (!s->audit_arena) {
        s->audit_arena = arena_new();
        s->audit_last = &s->audit_pending;
    }
    Arena *a = s->audit_arena;
    PendingAudit *p = arena_alloc(a, sizeof *p);
    char now[26];
    p->e = (AuditEntry){.at = arena_strdup(a, e->at ? e->at : clock_now_iso(now)),
                        .account = arena_strdup(a, e->account),
                        .role = arena_strdup(a, e->role),
                        .area = arena_strdup(a, e->area),
                        .address = arena_strdup(a, e->address),
                        .action = arena_strdup(a, e->action),
                        .records = arena_strdup(a, e->records),
                        .success = e->success,
                        .detail = arena_strdup(a, e->detail)};
    *s->audit_last = p;
    s->audit_last = &p->next;
    return STORE_OK;
}

void db_audit_drop(Store *s)
{
    arena_free(s->audit_arena);
    s->audit_arena = NULL;
    s->audit_pending = NULL;
    s->audit_last = &s->audit_pending;
}

void store_on_audit_unwritten(Store *s, StoreAuditUnwritten fn, void *ctx)
{
    s->audit_unwritten = fn;
    s->audit_unwritten_ctx = ctx;
}

void db_audit_after_commit(Store *s)
{
    if (!s->audit_pending) return;
    StoreRc r = db_exec(s, "BEGIN IMMEDIATE");
    for (PendingAudit *p = s->audit_pending; p && r == STORE_OK; p = p->next) r = store_audit_append(s, &p->e);
    if (r == STORE_OK) r = db_exec(s, "COMMIT");
    if (r != STORE_OK) {
        char why[sizeof s->errmsg];
        memcpy(why, s->errmsg, sizeof why);
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        for (PendingAudit *p = s->audit_pending; p; p = p->next) {
            if (s->audit_unwritten) s->audit_unwritten(s->audit_unwritten_ctx, &p->e, why);
            else fprintf(stderr, "shouhu: warning: not recorded in the audit trail (%s): %s %s\n", why, p->e.action,
                         p->e.records ? p->e.records : "");
        }
    }
    db_audit_drop(s);
}

static void bind_audit_filter(sqlite3_stmt *st, const AuditFilter *f, Arena *a)
{
    char lo[16], hi[16];
    db_scope_bounds(f->scope.prefix, lo, hi);
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    db_bind_int64(st, ":unscoped", f->unscoped_too);
    db_bind_text(st, ":account", f->account);
    db_bind_text(st, ":action", f->action);
    const char *record = NULL;
    if (f->record) {
        /* LIKE wildcards in the record are matched literally */
        size_t n = strlen(f->record);
        char *esc = arena_alloc(a, 2 * n + 1), *o = esc;
        for (const char *p = f->record; *p; p++) {
            if (*p == '%' || *p == '_' || *p == '\\') *o++ = '\\';
            *o++ = *p;
        }
        record = esc;
    }
    db_bind_text(st, ":record", record);
    db_bind_text(st, ":from", f->from);
    db_bind_text(st, ":to", f->to);
}

StoreRc store_audit_list(Store *s, const AuditFilter *f, AuditFn fn, void *ctx, long long *total, Arena *a)
{
    if (total) {
        sqlite3_stmt *st = db_prepare(s, AUDIT_COUNT_SQL);
        if (!st) return STORE_ERROR;
        bind_audit_filter(st, f, a);
        int rc = db_step(s, st);
        *total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        db_done(st);
        if (rc != SQLITE_ROW) return db_rc(s, rc);
    }
    sqlite3_stmt *st = db_prepare(s, AUDIT_PAGE_SQL);
    if (!st) return STORE_ERROR;
    bind_audit_filter(st, f, a);
    db_bind_int64(st, ":before", f->before_id > 0 ? f->before_id : INT64_MAX);
    db_bind_int64(st, ":limit", f->limit > 0 ? f->limit : -1);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        AuditEntry e = {.id = sqlite3_column_int64(st, 0),
                        .at = db_text_dup(st, 1, a),
                        .account = db_text_dup(st, 2, a),
                        .role = db_text_dup(st, 3, a),
                        .area = db_text_dup(st, 4, a),
                        .address = db_text_dup(st, 5, a),
                        .action = db_text_dup(st, 6, a),
                        .records = db_text_dup(st, 7, a),
                        .success = sqlite3_column_int(st, 8) != 0,
                        .detail = db_text_dup(st, 9, a)};
        if (fn(ctx, &e)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}
