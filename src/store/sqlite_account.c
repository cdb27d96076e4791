/*
** SQLite backend: roles and permissions, accounts, sessions and API tokens
** (see store_accounts.h). Every value is bound; the scope of an account
** list is a range of area codes in the query, like the children's.
*/
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "store/store_accounts.h"
#include "store/sqlite_accounts_sql.h"

/* Runs a statement that changes rows and expects no result; STORE_NOTFOUND
   when it changed none and MUST_CHANGE is set. Resets ST. */
static StoreRc run_change(Store *s, sqlite3_stmt *st, bool must_change)
{
    int rc = db_step(s, st);
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    return must_change && sqlite3_changes(s->db) == 0 ? STORE_NOTFOUND : STORE_OK;
}

/* ---- roles ---- */

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Fills R's permissions from role_permission. */
static StoreRc read_permissions(Store *s, Role *r, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT permission FROM role_permission WHERE role = :role ORDER BY permission");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":role", r->name);
    int cap = 16, rc;
    r->permissions = arena_alloc(a, (size_t)cap * sizeof *r->permissions);
    r->n_permissions = 0;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        if (r->n_permissions == cap) {
            const char **more = arena_alloc(a, (size_t)cap * 2 * sizeof *more);
            memcpy(more, r->permissions, (size_t)cap * sizeof *more);
            r->permissions = more;
            cap *= 2;
        }
        r->permissions[r->n_permissions++] = db_text_dup(st, 0, a);
    }
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

bool role_has(const Role *r, const char *permission)
{
    return permission && bsearch(&permission, r->permissions, (size_t)r->n_permissions, sizeof *r->permissions,
                                 cmp_str) != NULL;
}

#define ROLE_COLUMNS "name, title_zh, title_en, child_scope"

static void read_role(sqlite3_stmt *st, Role *r, Arena *a)
{
    r->name = db_text_dup(st, 0, a);
    r->title_zh = db_text_dup(st, 1, a);
    r->title_en = db_text_dup(st, 2, a);
    r->child_scope = db_text_dup(st, 3, a);
}

StoreRc store_role_get(Store *s, const char *name, Role *out, Arena *a)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(s, "SELECT " ROLE_COLUMNS " FROM role WHERE name = :name");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":name", name);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) read_role(st, out, a);
    db_done(st);
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
    return read_permissions(s, out, a);
}

StoreRc store_role_version(Store *s, long long *out)
{
    sqlite3_stmt *st = db_prepare(s, STORE_ROLE_VERSION_SQL);
    return st ? first_int_rc(s, st, out) : STORE_ERROR;
}

StoreRc store_change_counts(Store *s, ChangeCounts *out)
{
    sqlite3_stmt *st = db_prepare(s, STORE_CHANGE_COUNTS_SQL);
    if (!st) return STORE_ERROR;
    int rc = db_step(s, st);
    bool all = rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER &&
               sqlite3_column_type(st, 1) == SQLITE_INTEGER && sqlite3_column_type(st, 2) == SQLITE_INTEGER;
    if (all)
        *out = (ChangeCounts){.roles = sqlite3_column_int64(st, 0), .callers = sqlite3_column_int64(st, 1),
                              .areas = sqlite3_column_int64(st, 2)};
    db_done(st);
    return all ? STORE_OK : rc == SQLITE_ROW ? STORE_NOTFOUND : db_rc(s, rc);
}

StoreRc store_roles_list(Store *s, RoleFn fn, void *ctx, Arena *a)
{
    /* the names first: read_permissions() needs a statement of its own */
    sqlite3_stmt *st = db_prepare(s, "SELECT name FROM role ORDER BY name");
    if (!st) return STORE_ERROR;
    const char *names[64];
    int n = 0, rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW && n < 64) names[n++] = db_text_dup(st, 0, a);
    db_done(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return db_rc(s, rc);
    for (int i = 0; i < n; i++) {
        Role r;
        StoreRc sr = store_role_get(s, names[i], &r, a);
        if (sr != STORE_OK) return sr;
        if (fn(ctx, &r)) break;
    }
    return STORE_OK;
}

bool store_permission_exists(Store *s, const char *permission)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT 1 FROM permission WHERE name = :name");
    if (!st) return false;
    db_bind_text(st, ":name", permission);
    bool found = db_step(s, st) == SQLITE_ROW;
    db_done(st);
    return found;
}

/* ---- accounts ---- */

static void read_account(sqlite3_stmt *st, Account *out, Arena *a)
{
    out->id = sqlite3_column_int64(st, 0);
    out->username = db_text_dup(st, 1, a);
    out->role = db_text_dup(st, 2, a);
    out->area = db_text_dup(st, 3, a);
    out->unit = db_text_dup(st, 4, a);
    out->password_hash = db_text_dup(st, 5, a);
    out->must_change_password = sqlite3_column_int(st, 6) != 0;
    out->disabled = sqlite3_column_int(st, 7) != 0;
    out->failed_logins = sqlite3_column_int(st, 8);
    out->locked_until = sqlite3_column_int64(st, 9);
    out->password_changed_at = db_text_dup(st, 10, a);
    out->last_login_at = db_text_dup(st, 11, a);
    out->created_at = db_text_dup(st, 12, a);
    out->created_by = db_text_dup(st, 13, a);
}

/* Steps ST once into OUT: STORE_OK, STORE_NOTFOUND or an error. Resets ST. */
static StoreRc one_account(Store *s, sqlite3_stmt *st, Account *out, Arena *a)
{
    memset(out, 0, sizeof *out);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) read_account(st, out, a);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

/* Binds what an insert and an update of an account both write. */
static void bind_account(sqlite3_stmt *st, const Account *acc)
{
    db_bind_text(st, ":role", acc->role);
    db_bind_text(st, ":area", acc->area);
    db_bind_text(st, ":unit", acc->unit);
    db_bind_text(st, ":hash", acc->password_hash);
    db_bind_int64(st, ":must", acc->must_change_password);
    db_bind_int64(st, ":disabled", acc->disabled);
    db_bind_text(st, ":changed", acc->password_changed_at);
}

StoreRc store_account_insert(Store *s, Account *acc)
{
    if (!db_require_tx(s, "store_account_insert")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO account(username, role, area, unit, password_hash, "
                                     "must_change_password, disabled, password_changed_at, created_at, created_by) "
                                     "VALUES (:username, :role, :area, :unit, :hash, :must, :disabled, :changed, "
                                     ":created_at, :created_by)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":username", acc->username);
    bind_account(st, acc);
    db_bind_text(st, ":created_at", acc->created_at);
    db_bind_text(st, ":created_by", acc->created_by);
    StoreRc r = run_change(s, st, false);
    if (r == STORE_OK) acc->id = sqlite3_last_insert_rowid(s->db);
    return r;
}

StoreRc store_account_get(Store *s, const Scope *scope, const char *username, Account *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE username = :username "
                                     "AND area >= :lo AND area < :hi");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":username", username);
    db_bind_scope(st, scope->prefix);
    return one_account(s, st, out, a);
}

StoreRc store_account_by_id(Store *s, long long id, Account *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    return one_account(s, st, out, a);
}

StoreRc store_account_update(Store *s, const Account *acc)
{
    if (!db_require_tx(s, "store_account_update")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "UPDATE account SET role = :role, area = :area, unit = :unit, "
                                     "password_hash = :hash, must_change_password = :must, disabled = :disabled, "
                                     "password_changed_at = :changed, failed_logins = :failed, "
                                     "locked_until = :locked WHERE id = :id");
    if (!st) return STORE_ERROR;
    bind_account(st, acc);
    db_bind_int64(st, ":failed", acc->failed_logins);
    db_bind_int64(st, ":locked", acc->locked_until);
    db_bind_int64(st, ":id", acc->id);
    return run_change(s, st, true);
}

StoreRc store_accounts_list(Store *s, const Scope *scope, AccountFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, ACCOUNTS_LIST_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, scope->prefix);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Account acc;
        read_account(st, &acc, a);
        if (fn(ctx, &acc)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

long long store_account_count(Store *s)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT count(*) FROM account");
    if (!st) return -1;
    long long n = db_step(s, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    db_done(st);
    return n;
}

StoreRc store_account_login_failed(Store *s, long long id, long long now, int max_failures, int lock_seconds,
                                   bool *locked)
{
    *locked = false;
    if (!db_require_tx(s, "store_account_login_failed")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "UPDATE account SET failed_logins = failed_logins + 1 WHERE id = :id "
                                     "RETURNING failed_logins");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    int rc = db_step(s, st);
    int failures = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    if (rc == SQLITE_ROW) rc = db_step(s, st);   /* runs the statement to its end */
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    if (failures < max_failures) return STORE_OK;
    st = db_prepare(s, "UPDATE account SET failed_logins = 0, locked_until = :until WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":until", now + lock_seconds);
    db_bind_int64(st, ":id", id);
    *locked = true;
    return run_change(s, st, true);
}

StoreRc store_account_login_ok(Store *s, long long id, const char *at)
{
    if (!db_require_tx(s, "store_account_login_ok")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "UPDATE account SET failed_logins = 0, locked_until = 0, last_login_at = :at "
                                     "WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":at", at);
    db_bind_int64(st, ":id", id);
    return run_change(s, st, true);
}

/* ---- sessions ---- */

StoreRc store_session_insert(Store *s, const char *token_hash, long long account_id, const char *csrf_token,
                             long long now, const char *address)
{
    if (!db_require_tx(s, "store_session_insert")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO session(token_hash, account_id, csrf_token, created_at, last_seen, "
                                     "address) VALUES (:hash, :account, :csrf, :now, :now, :address)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":hash", token_hash);
    db_bind_int64(st, ":account", account_id);
    db_bind_text(st, ":csrf", csrf_token);
    db_bind_int64(st, ":now", now);
    db_bind_text(st, ":address", address);
    return run_change(s, st, false);
}

StoreRc store_session_get(Store *s, const char *token_hash, Session *out, Arena *a)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(s, "SELECT account_id, csrf_token, created_at, last_seen FROM session "
                                     "WHERE token_hash = :hash");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":hash", token_hash);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) {
        out->account_id = sqlite3_column_int64(st, 0);
        out->csrf_token = db_text_dup(st, 1, a);
        out->created_at = sqlite3_column_int64(st, 2);
        out->last_seen = sqlite3_column_int64(st, 3);
    }
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

StoreRc store_session_touch(Store *s, const char *token_hash, long long now)
{
    if (!db_require_tx(s, "store_session_touch")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "UPDATE session SET last_seen = :now WHERE token_hash = :hash");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":now", now);
    db_bind_text(st, ":hash", token_hash);
    return run_change(s, st, false);
}

StoreRc store_session_delete(Store *s, const char *token_hash)
{
    if (!db_require_tx(s, "store_session_delete")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "DELETE FROM session WHERE token_hash = :hash");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":hash", token_hash);
    return run_change(s, st, false);
}

StoreRc store_sessions_delete_account(Store *s, long long account_id)
{
    if (!db_require_tx(s, "store_sessions_delete_account")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "DELETE FROM session WHERE account_id = :account");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":account", account_id);
    return run_change(s, st, false);
}

StoreRc store_sessions_expire(Store *s, long long idle_before, int *n)
{
    *n = 0;
    if (!db_require_tx(s, "store_sessions_expire")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "DELETE FROM session WHERE last_seen < :before");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":before", idle_before);
    StoreRc r = run_change(s, st, false);
    if (r == STORE_OK) *n = sqlite3_changes(s->db);
    return r;
}

/* ---- API tokens ---- */

#define TOKEN_COLUMNS "id, account_id, label, created_at, expires_at, revoked_at, last_used"

static void read_token(sqlite3_stmt *st, ApiToken *t, Arena *a)
{
    t->id = sqlite3_column_int64(st, 0);
    t->account_id = sqlite3_column_int64(st, 1);
    t->label = db_text_dup(st, 2, a);
    t->created_at = sqlite3_column_int64(st, 3);
    t->expires_at = sqlite3_column_int64(st, 4);   /* NULL reads as 0 */
    t->revoked_at = sqlite3_column_int64(st, 5);
    t->last_used = sqlite3_column_int64(st, 6);
}

StoreRc store_token_insert(Store *s, ApiToken *t, const char *token_hash)
{
    if (!db_require_tx(s, "store_token_insert")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO api_token(token_hash, account_id, label, created_at, expires_at) "
                                     "VALUES (:hash, :account, :label, :created, nullif(:expires, 0))");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":hash", token_hash);
    db_bind_int64(st, ":account", t->account_id);
    db_bind_text(st, ":label", t->label);
    db_bind_int64(st, ":created", t->created_at);
    db_bind_int64(st, ":expires", t->expires_at);
    StoreRc r = run_change(s, st, false);
    if (r == STORE_OK) t->id = sqlite3_last_insert_rowid(s->db);
    return r;
}

StoreRc store_token_get(Store *s, const char *token_hash, ApiToken *out, Arena *a)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prepare(s, "SELECT " TOKEN_COLUMNS " FROM api_token WHERE token_hash = :hash");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":hash", token_hash);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) read_token(st, out, a);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

StoreRc store_token_touch(Store *s, long long id, long long now)
{
    if (!db_require_tx(s, "store_token_touch")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "UPDATE api_token SET last_used = :now WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":now", now);
    db_bind_int64(st, ":id", id);
    return run_change(s, st, false);
}

StoreRc store_token_revoke(Store *s, long long account_id, long long token_id, long long now, int *n)
{
    *n = 0;
    if (!db_require_tx(s, "store_token_revoke")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "UPDATE api_token SET revoked_at = :now WHERE account_id = :account "
                                     "AND (:id = 0 OR id = :id) AND revoked_at IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":now", now);
    db_bind_int64(st, ":account", account_id);
    db_bind_int64(st, ":id", token_id);
    StoreRc r = run_change(s, st, true);
    if (r == STORE_OK) *n = sqlite3_changes(s->db);
    return r;
}

StoreRc store_tokens_list(Store *s, long long account_id, TokenFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT " TOKEN_COLUMNS " FROM api_token WHERE account_id = :account ORDER BY id");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":account", account_id);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        ApiToken t;
        read_token(st, &t, a);
        if (fn(ctx, &t)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}
