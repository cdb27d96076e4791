/*
** The SQLite backend's private helpers: the few small wrappers every store
** file uses to reach SQLite (prepare, bind by name, step, column, finalize),
** in the spirit of Fossil's db.c. Only src/store/sqlite_*.c include this.
**
** Statements come from db_prepare(), which caches them by their SQL text's
** address: pass string literals. Each is reset by db_done() (or by the next
** db_prepare() of the same text), never finalized by the caller.
*/
#ifndef SHOUHU_STORE_DB_H
#define SHOUHU_STORE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>
#include "domain/month.h"
#include "store/store.h"

/* Room for every statement the store prepares (about 120 call sites now), with
   room to spare: open addressing wants the table well under full. */
enum { STMT_CACHE = 512 };

struct PendingAudit;
struct CountMemo;
struct Store {
    sqlite3 *db;
    int tx_depth;                    /* 0 or 1: transactions do not nest */
    /* audit entries of the open transaction, written once it commits (sqlite_audit.c) */
    struct PendingAudit *audit_pending, **audit_last;
    Arena *audit_arena;              /* theirs; freed when they are written or dropped */
    StoreAuditUnwritten audit_unwritten;
    void *audit_unwritten_ctx;
    struct CountMemo *counts;        /* a category's totals kept while unchanged (sqlite_child.c), or NULL */
    char errmsg[512];
    char write_scope[16];            /* store_limit_writes(): "" = no limit */
    struct {
        const char *sql;
        sqlite3_stmt *stmt;
    } cache[STMT_CACHE];
};

sqlite3_stmt *db_prepare(Store *s, const char *sql);   /* NULL on error (store_errmsg says why) */
void db_done(sqlite3_stmt *st);                        /* resets and clears bindings */
void db_bind_text(sqlite3_stmt *st, const char *name, const char *value);   /* NULL binds NULL */
void db_bind_int64(sqlite3_stmt *st, const char *name, long long value);
void db_bind_date(sqlite3_stmt *st, const char *name, Date d);              /* unset binds NULL */
/* Steps: SQLITE_ROW or SQLITE_DONE; any other code is recorded in s->errmsg. */
int db_step(Store *s, sqlite3_stmt *st);
const char *db_text(sqlite3_stmt *st, int col);        /* NULL for NULL; valid until the next step */
char *db_text_dup(sqlite3_stmt *st, int col, Arena *a);
StoreRc db_exec(Store *s, const char *sql);            /* for fixed statements only, never input */
/* The audit entries of a transaction: written by store_commit() once the
   ledger's changes are committed, dropped by a rollback (sqlite_audit.c). */
void db_audit_after_commit(Store *s);
void db_audit_drop(Store *s);
/* Maps a SQLite result code to a StoreRc, recording the message. */
StoreRc db_rc(Store *s, int rc);
bool db_require_tx(Store *s, const char *what);
/* The half-open range [lo, hi) of area codes under a scope's PREFIX: NULL or
   "" covers all; a prefix that is not 1 to 12 digits (SCOPE_NONE) covers none. */
void db_scope_bounds(const char *prefix, char lo[16], char hi[16]);
/* Whether the area CODE lies within PREFIX, by the same rule. */
bool db_in_scope(const char *prefix, const char *code);

/* Small helpers on top of the wrappers, shared by every store file: days
   and months read from and bound to columns, a statement that must finish,
   a single number, and ids collected before each is read. */

/* The day in column COL ('YYYY-MM-DD'), or no date. */
static inline Date col_date(sqlite3_stmt *st, int col)
{
    Date d = DATE_NONE;
    const char *t = db_text(st, col);
    if (t && !date_parse_iso(t, &d)) d = DATE_NONE;
    return d;
}

/* The month in column COL ('YYYY-MM'), or MONTH_NONE. */
static inline Month col_month(sqlite3_stmt *st, int col)
{
    Month m = MONTH_NONE;
    const char *t = db_text(st, col);
    if (t && !month_parse(t, &m)) m = MONTH_NONE;
    return m;
}

static inline void bind_month(sqlite3_stmt *st, const char *name, Month m)
{
    char buf[MONTH_BUF];
    db_bind_text(st, name, m == MONTH_NONE ? NULL : month_format(m, buf));
}

/* Steps ST, which must finish (an INSERT, UPDATE or DELETE), and resets it. */
static inline StoreRc step_done(Store *s, sqlite3_stmt *st)
{
    int rc = db_step(s, st);
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* step_done() for an INSERT; on success *ID (unless ID is NULL) is the new row's id. */
static inline StoreRc step_insert(Store *s, sqlite3_stmt *st, long long *id)
{
    StoreRc r = step_done(s, st);
    if (r == STORE_OK && id) *id = sqlite3_last_insert_rowid(s->db);
    return r;
}

/* Binds :lo and :hi to the range of area codes under PREFIX (db_scope_bounds()),
   for a query's "area >= :lo AND area < :hi". */
static inline void db_bind_scope(sqlite3_stmt *st, const char *prefix)
{
    char lo[16], hi[16];
    db_scope_bounds(prefix, lo, hi);
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
}

/* The whole number in the first column of the first row of ST (a count or
   an id), or 0; resets ST. */
static inline long long first_int(Store *s, sqlite3_stmt *st)
{
    long long v = db_step(s, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    db_done(st);
    return v;
}

/* The first column of ST's first row into *OUT, and ST finished:
   STORE_NOTFOUND without a row, the error otherwise (unlike first_int()). */
static inline StoreRc first_int_rc(Store *s, sqlite3_stmt *st, long long *out)
{
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

/* Ids collected from a query before each is read with other statements. In an arena. */
typedef struct IdList {
    long long *ids;
    int n;
    long cap;
} IdList;

static inline void id_list_add(IdList *l, long long id, Arena *a)
{
    l->ids = arena_grow(a, l->ids, l->n, &l->cap, sizeof *l->ids, 256);
    l->ids[l->n++] = id;
}

/* Steps ST to its end, adding the first column of each row to L; resets ST. */
static inline StoreRc id_list_fill(Store *s, sqlite3_stmt *st, IdList *l, Arena *a)
{
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) id_list_add(l, sqlite3_column_int64(st, 0), a);
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

#endif
