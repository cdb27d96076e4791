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
#include "store/store.h"

/* Room for every statement the store prepares (about 120 call sites now), with
   room to spare: open addressing wants the table well under full. */
enum { STMT_CACHE = 512 };

struct Store {
    sqlite3 *db;
    int tx_depth;                    /* 0 or 1: transactions do not nest */
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
/* Maps a SQLite result code to a StoreRc, recording the message. */
StoreRc db_rc(Store *s, int rc);
bool db_require_tx(Store *s, const char *what);
/* The half-open range [lo, hi) of area codes under a scope's PREFIX: NULL or
   "" covers all; a prefix that is not 1 to 12 digits (SCOPE_NONE) covers none. */
void db_scope_bounds(const char *prefix, char lo[16], char hi[16]);
/* Whether the area CODE lies within PREFIX, by the same rule. */
bool db_in_scope(const char *prefix, const char *code);

#endif
