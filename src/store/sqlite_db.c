/*
** SQLite backend: opening, the statement wrappers, transactions, migrations,
** settings (see store.h and db.h); checks are in sqlite_check.c, backup and
** restore in sqlite_backup.c.
**
** Durability: WAL with synchronous=FULL, so that a transaction acknowledged
** to a user survives a power cut, not only a crash of the process; the cost
** is one fsync of the WAL per commit, small beside what an import or an HTTP
** request does. Foreign keys are enforced on every connection.
**
** The audit trail lives in a file of its own beside the database
** (store_audit_path()), attached to every connection as "trail": the audit
** writer commits a batch of reads' entries every few milliseconds, and each
** commit to the ledger's file would empty every reader's page cache (issue
** #8: a third of a list page's cost). The statements name the table `audit`
** unqualified; SQLite finds it in the attached file.
*/
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "util/embedded.h"

const Scope SCOPE_ALL = {""};
const Scope SCOPE_NONE = {"-"};   /* not digits: db_scope_bounds() gives an empty range */

void db_scope_bounds(const char *prefix, char lo[16], char hi[16])
{
    size_t n = prefix ? strlen(prefix) : 0;
    if (n == 0) {
        strcpy(lo, "");
        strcpy(hi, "~");
        return;
    }
    if (n > 12 || strspn(prefix, "0123456789") != n) {   /* fail closed: nothing */
        strcpy(lo, "");
        strcpy(hi, "");
        return;
    }
    memcpy(lo, prefix, n + 1);
    memcpy(hi, prefix, n + 1);
    hi[n - 1]++;    /* digits: '9' + 1 is ':', still above every digit */
}

bool db_in_scope(const char *prefix, const char *code)
{
    char lo[16], hi[16];
    db_scope_bounds(prefix, lo, hi);
    return code && strcmp(code, lo) >= 0 && strcmp(code, hi) < 0;
}

bool store_scope_contains(const Scope *scope, const char *code)
{
    return db_in_scope(scope->prefix, code);
}

void store_limit_writes(Store *s, const Scope *scope)
{
    snprintf(s->write_scope, sizeof s->write_scope, "%s", scope && scope->prefix ? scope->prefix : "");
}

static void set_err(Store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_err(Store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
}

const char *store_errmsg(Store *s) { return s->errmsg; }

StoreRc db_rc(Store *s, int rc)
{
    /* SQLite reports a full disk met while growing its -shm or opening a file
       as an I/O error; the system's errno says what it was */
    int e = sqlite3_system_errno(s->db);
    if (((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN) && (e == ENOSPC || e == EDQUOT)) rc = SQLITE_FULL;
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE: return STORE_OK;
    case SQLITE_FULL:
        set_err(s, "the disk is full: free space and try again");
        return STORE_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        set_err(s, "the database is busy: try again");
        return STORE_BUSY;
    case SQLITE_CONSTRAINT:
        set_err(s, "%s", sqlite3_errmsg(s->db));
        return STORE_CONFLICT;
    default:
        set_err(s, "database error: %s", sqlite3_errmsg(s->db));
        return STORE_ERROR;
    }
}

sqlite3_stmt *db_prepare(Store *s, const char *sql)
{
    unsigned slot = (unsigned)(((uintptr_t)sql >> 3) % STMT_CACHE);
    for (unsigned i = 0; i < STMT_CACHE; i++) {
        unsigned k = (slot + i) % STMT_CACHE;
        if (s->cache[k].sql == sql) {
            sqlite3_reset(s->cache[k].stmt);
            sqlite3_clear_bindings(s->cache[k].stmt);
            return s->cache[k].stmt;
        }
        if (!s->cache[k].sql) {
            sqlite3_stmt *st = NULL;
            int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
            if (rc != SQLITE_OK) {
                set_err(s, "database error: %s", sqlite3_errmsg(s->db));
                return NULL;
            }
            s->cache[k].sql = sql;
            s->cache[k].stmt = st;
            return st;
        }
    }
    set_err(s, "internal error: statement cache full");
    return NULL;
}

void db_done(sqlite3_stmt *st)
{
    if (!st) return;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

static int param_index(sqlite3_stmt *st, const char *name)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i == 0) {
        fprintf(stderr, "shouhu: internal error: no parameter %s in %s\n", name, sqlite3_sql(st));
        abort();   /* a programming error, caught by any test that runs the statement */
    }
    return i;
}

void db_bind_text(sqlite3_stmt *st, const char *name, const char *value)
{
    int i = param_index(st, name);
    if (value) sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

void db_bind_int64(sqlite3_stmt *st, const char *name, long long value)
{
    sqlite3_bind_int64(st, param_index(st, name), value);
}

void db_bind_date(sqlite3_stmt *st, const char *name, Date d)
{
    char buf[11];
    db_bind_text(st, name, date_is_set(d) ? date_format(d, buf) : NULL);
}

int db_step(Store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) db_rc(s, rc);
    return rc;
}

const char *db_text(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

char *db_text_dup(sqlite3_stmt *st, int col, Arena *a)
{
    const char *t = db_text(st, col);
    return t ? arena_strndup(a, t, (size_t)sqlite3_column_bytes(st, col)) : NULL;
}

StoreRc db_exec(Store *s, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        StoreRc r = db_rc(s, rc);
        if (msg && r == STORE_ERROR) set_err(s, "database error: %s", msg);
        sqlite3_free(msg);
        return r;
    }
    return STORE_OK;
}

bool db_require_tx(Store *s, const char *what)
{
    if (s->tx_depth) return true;
    set_err(s, "internal error: %s needs an open transaction", what);
    return false;
}

bool store_audit_path(const char *path, char *out, size_t size)
{
    int n = snprintf(out, size, "%s.audit", path);
    return n > 0 && (size_t)n < size;
}

/* Attaches the audit trail's file of PATH as "trail", with the ledger's
   durability. Opened with the flags of the main file: created by init, else
   it must exist. */
static StoreRc attach_trail(Store *s, const char *path)
{
    char trail[4096];
    if (!store_audit_path(path, trail, sizeof trail)) {
        set_err(s, "the database's path is too long: %s", path);
        return STORE_ERROR;
    }
    sqlite3_stmt *st = db_prepare(s, "ATTACH DATABASE :path AS trail");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":path", trail);
    int rc = sqlite3_step(st);
    StoreRc r = rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
    if (r != STORE_OK)
        set_err(s, "cannot open the audit trail %s: %s (it is kept beside the database: restore both from a backup)",
                trail, sqlite3_errmsg(s->db));
    db_done(st);
    if (r == STORE_OK)   /* a reader's trail cache stays small: only the audit pages read it */
        r = db_exec(s, "PRAGMA trail.journal_mode=WAL; PRAGMA trail.synchronous=FULL; PRAGMA trail.cache_size=-2048;");
    return r;
}

/* Whether the main database holds the audit table itself: a backup. */
static bool holds_audit_table(Store *s)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = 'audit'");
    bool held = st && db_step(s, st) == SQLITE_ROW;
    db_done(st);
    return held;
}

/* Once per process, before SQLite's first use: no memory statistics. They
   are counted under a mutex taken by every allocation of every connection
   (issue #8: 3 % of an import's instructions went to mutexes), and Shouhu
   never reads them. Called late (a test opened SQLite first), it is
   refused and changes nothing. */
static void library_setup(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

StoreRc store_open(const char *path, StoreOpen mode, Store **out, char **err)
{
    static pthread_once_t setup = PTHREAD_ONCE_INIT;
    pthread_once(&setup, library_setup);
    *out = NULL;
    Store *s = calloc(1, sizeof *s);
    if (!s) abort();
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == STORE_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (rc != SQLITE_OK) {
        if (err) {
            char buf[600];
            snprintf(buf, sizeof buf, "cannot open database %s: %s%s", path, s->db ? sqlite3_errmsg(s->db) : "out of memory",
                     mode == STORE_OPEN_EXISTING ? " (run 'shouhu init' first?)" : "");
            *err = strdup(buf);
        }
        sqlite3_close(s->db);
        free(s);
        return STORE_ERROR;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 10000);
    StoreRc r = db_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                           "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384;");
    if (r == STORE_OK && mode == STORE_OPEN_EXISTING) {
        int v = store_schema_version(s);
        if (v == 0) {
            set_err(s, "%s is not a Shouhu database yet: run 'shouhu init' first", path);
            r = STORE_ERROR;
        } else if (v > store_schema_latest()) {
            set_err(s, "%s was made by a newer Shouhu (schema %d; this binary knows up to %d): upgrade shouhu", path, v,
                    store_schema_latest());
            r = STORE_ERROR;
        } else if (v < store_schema_latest()) {
            set_err(s, "%s has schema %d and this binary needs %d: run 'shouhu init' to upgrade it (make a backup first)",
                    path, v, store_schema_latest());
            r = STORE_ERROR;
        }
    }
    /* a backup holds the trail's table itself (sqlite_backup.c): opened as it is, its statements find it there */
    if (r == STORE_OK && (mode == STORE_OPEN_CREATE || !holds_audit_table(s))) r = attach_trail(s, path);
    if (r != STORE_OK) {
        if (err) *err = strdup(s->errmsg);
        store_close(s);
        return r;
    }
    *out = s;
    return STORE_OK;
}

void store_close(Store *s)
{
    if (!s) return;
    db_audit_drop(s);   /* only an unfinished transaction leaves any */
    free(s->counts);
    for (int i = 0; i < STMT_CACHE; i++) sqlite3_finalize(s->cache[i].stmt);
    sqlite3_close(s->db);
    free(s);
}

/* ---- transactions ---- */

StoreRc store_begin(Store *s)
{
    if (s->tx_depth) {
        set_err(s, "internal error: a transaction is already open");
        return STORE_ERROR;
    }
    StoreRc r = db_exec(s, "BEGIN IMMEDIATE");
    if (r == STORE_OK) s->tx_depth = 1;
    return r;
}

StoreRc store_commit(Store *s)
{
    if (!s->tx_depth) {
        set_err(s, "internal error: commit without a transaction");
        return STORE_ERROR;
    }
    StoreRc r = db_exec(s, "COMMIT");
    if (r != STORE_OK) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);   /* keeps the COMMIT's message */
    s->tx_depth = 0;
    if (r == STORE_OK) db_audit_after_commit(s);   /* the ledger's changes stand, whatever becomes of these */
    else db_audit_drop(s);
    return r;
}

void store_rollback(Store *s)
{
    if (!s->tx_depth) return;
    char keep[sizeof s->errmsg];
    memcpy(keep, s->errmsg, sizeof keep);   /* the reason for rolling back stays readable */
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    memcpy(s->errmsg, keep, sizeof keep);
    s->tx_depth = 0;
    db_audit_drop(s);
}

bool store_in_transaction(Store *s) { return s->tx_depth != 0; }

/* ---- migrations ---- */

/* Embedded migrations are "sql/NNN_name.sql"; returns NNN or 0. */
static int migration_number(const char *path)
{
    if (strncmp(path, "sql/", 4) != 0) return 0;
    const char *p = path + 4;
    int n = 0, digits = 0;
    while (*p >= '0' && *p <= '9') {
        n = n * 10 + (*p++ - '0');
        digits++;
    }
    return digits == 3 && *p == '_' && strstr(p, ".sql") ? n : 0;
}

static const EmbeddedFile *migration_file(int number)
{
    for (const EmbeddedFile *f = embedded_files; f->path; f++)
        if (migration_number(f->path) == number) return f;
    return NULL;
}

int store_schema_latest(void)
{
    int n = 0;
    while (migration_file(n + 1)) n++;
    return n;
}

int store_schema_version(Store *s)
{
    sqlite3_stmt *st = db_prepare(s, "PRAGMA user_version");
    int v = st && db_step(s, st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    db_done(st);
    return v;
}

StoreRc store_migrate(Store *s, int *applied)
{
    *applied = 0;
    int have = store_schema_version(s), latest = store_schema_latest();
    if (have < 0) return STORE_ERROR;
    if (have > latest) {
        set_err(s, "this database was made by a newer Shouhu (schema %d; this binary knows up to %d): upgrade shouhu",
                have, latest);
        return STORE_ERROR;
    }
    for (int n = have + 1; n <= latest; n++) {
        const EmbeddedFile *f = migration_file(n);
        StoreRc r = store_begin(s);
        if (r != STORE_OK) return r;
        r = db_exec(s, (const char *)f->data);
        if (r == STORE_OK) {
            char pragma[64];
            snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", n);   /* a number, not input */
            r = db_exec(s, pragma);
        }
        if (r != STORE_OK) {
            char keep[sizeof s->errmsg];
            memcpy(keep, s->errmsg, sizeof keep);
            store_rollback(s);
            set_err(s, "migration %s failed: %s", f->path, keep);
            return r;
        }
        r = store_commit(s);
        if (r != STORE_OK) return r;
        (*applied)++;
    }
    return STORE_OK;
}

/* ---- settings ---- */

const char *store_setting_get(Store *s, const char *key, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT value FROM setting WHERE key = :key");
    if (!st) return NULL;
    db_bind_text(st, ":key", key);
    const char *v = db_step(s, st) == SQLITE_ROW ? db_text_dup(st, 0, a) : NULL;
    db_done(st);
    return v;
}

StoreRc store_setting_set(Store *s, const char *key, const char *value)
{
    if (!db_require_tx(s, "store_setting_set")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO setting(key, value) VALUES (:key, :value) "
                                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":key", key);
    db_bind_text(st, ":value", value);
    int rc = db_step(s, st);
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- write-ahead log checkpoints (issue #8, perf) ---- */

void store_autocheckpoint(Store *s, bool on)
{
    sqlite3_wal_autocheckpoint(s->db, on ? 1000 : 0);   /* 1000 pages: SQLite's default */
}

StoreRc store_checkpoint(Store *s)
{
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return rc == SQLITE_OK ? STORE_OK : db_rc(s, rc);
}

void store_cache_limit(Store *s, int kib)
{
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size=%d", -kib);   /* a number, not input */
    db_exec(s, pragma);
}

/* ---- answers kept between requests (issue #8, figure c: api) ---- */

StoreRc store_generation(Store *s, StoreGeneration *g)
{
    sqlite3_stmt *st = db_prepare(s, "PRAGMA data_version");
    if (!st) return STORE_ERROR;
    int rc = db_step(s, st);
    g->others = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    db_done(st);
    g->own = sqlite3_total_changes64(s->db);
    return rc == SQLITE_ROW ? STORE_OK : db_rc(s, rc);
}
