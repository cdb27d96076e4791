/*
** Private helpers of the allowances' SQLite files (sqlite_allowances.c,
** sqlite_category_flow.c, sqlite_payroll.c; also the rescue centre's
** sqlite_rescue.c): reading and binding days and months, and the step of a
** statement that must finish. Only those files include this.
*/
#ifndef SHOUHU_ALLOWANCE_DB_H
#define SHOUHU_ALLOWANCE_DB_H

#include <string.h>
#include "domain/month.h"
#include "store/db.h"
#include "store/store_allowances.h"

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

/* The whole number in the first column of the first row of ST (a count or
   an id), or 0; resets ST. */
static inline long long first_int(Store *s, sqlite3_stmt *st)
{
    long long v = db_step(s, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    db_done(st);
    return v;
}

/* Ids collected from a query before each is read with other statements. In an arena. */
typedef struct IdList {
    long long *ids;
    int n, cap;
} IdList;

static inline void id_list_add(IdList *l, long long id, Arena *a)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 256;
        long long *more = arena_alloc(a, (size_t)cap * sizeof *more);
        if (l->n) memcpy(more, l->ids, (size_t)l->n * sizeof *more);
        l->ids = more;
        l->cap = cap;
    }
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
