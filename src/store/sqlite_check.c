/*
** SQLite backend: `shouhu check`. SQLite's own integrity and foreign-key
** checks, then the ledger's: every document reads back and agrees with its
** columns and categories, and every record's history runs 1..version. A
** check that cannot run to its end (a table missing, a page unreadable) is
** a finding too: silence must mean the database was read whole.
*/
#include <stdio.h>
#include <string.h>
#include "store/db.h"

static void finding(Problems *p, const char *text)
{
    problems_add_texts(p, "database", "check", text, text);
}

/* A statement of the check, or NULL after a finding: a check that cannot
   even run (a table missing, a damaged schema) is itself a finding. */
static sqlite3_stmt *check_prepare(Store *s, Problems *p, const char *sql)
{
    sqlite3_stmt *st = db_prepare(s, sql);
    if (!st) finding(p, store_errmsg(s));
    return st;
}

/* After a loop over ST's rows that ended with RC: a scan cut short by an
   error (a damaged page) is a finding, not the end of the rows. */
static void check_done(Store *s, Problems *p, sqlite3_stmt *st, int rc)
{
    if (rc != SQLITE_DONE) finding(p, store_errmsg(s));
    db_done(st);
}

static void sqlite_checks(Store *s, Problems *p)
{
    sqlite3_stmt *st = check_prepare(s, p, "PRAGMA integrity_check");
    if (!st) return;
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        const char *t = db_text(st, 0);
        if (t && strcmp(t, "ok") != 0) finding(p, t);
    }
    check_done(s, p, st, rc);
    st = check_prepare(s, p, "PRAGMA foreign_key_check");
    if (!st) return;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        char msg[200];
        snprintf(msg, sizeof msg, "table %s row %lld refers to a missing row of %s", db_text(st, 0),
                 sqlite3_column_int64(st, 1), db_text(st, 2));
        finding(p, msg);
    }
    check_done(s, p, st, rc);
}

static void history_checks(Store *s, Problems *p)
{
    sqlite3_stmt *st = check_prepare(s, p, "SELECT c.id, c.version, count(v.version), coalesce(max(v.version), 0) "
                                     "FROM child c LEFT JOIN child_version v ON v.child_id = c.id "
                                     "GROUP BY c.id HAVING count(v.version) <> c.version OR max(v.version) <> c.version");
    if (!st) return;
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        char msg[200];
        snprintf(msg, sizeof msg, "record %lld is at version %d but its history has %d versions (last %d)",
                 sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
                 sqlite3_column_int(st, 3));
        finding(p, msg);
    }
    check_done(s, p, st, rc);
}

static void document_checks(Store *s, Problems *p)
{
    sqlite3_stmt *st = check_prepare(s, p, "SELECT id, doc, area, name, id_number, sex, birth_date, status, "
                                     "(SELECT count(*) FROM child_category cc WHERE cc.child_id = child.id) "
                                     "FROM child ORDER BY id");
    if (!st) return;
    Arena *a = arena_new();
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        arena_reset(a);
        long long id = sqlite3_column_int64(st, 0);
        json_error_t jerr;
        json_t *j = json_loads(db_text(st, 1), 0, &jerr);
        Child c;
        memset(&c, 0, sizeof c);
        Problems ignored;
        problems_init(&ignored, a);
        char msg[200];
        if (!j || !child_from_json(j, &c, a, false, &ignored)) {
            snprintf(msg, sizeof msg, "record %lld: its document does not read back", id);
            finding(p, msg);
            json_decref(j);
            continue;
        }
        json_decref(j);
        char birth[11];
        date_format(c.birth_date, birth);
        const char *cols[] = {c.area, c.name, c.id_number, c.sex, birth, c.status};
        static const char *const names[] = {"area", "name", "id_number", "sex", "birth_date", "status"};
        for (int i = 0; i < 6; i++) {
            const char *col = db_text(st, 2 + i);
            if ((col == NULL) != (cols[i] == NULL) || (col && strcmp(col, cols[i]) != 0)) {
                snprintf(msg, sizeof msg, "record %lld: column %s disagrees with the document", id, names[i]);
                finding(p, msg);
            }
        }
        if (sqlite3_column_int(st, 8) != c.n_categories) {
            snprintf(msg, sizeof msg, "record %lld: its categories table disagrees with the document", id);
            finding(p, msg);
        }
    }
    arena_free(a);
    check_done(s, p, st, rc);
}

StoreRc store_check(Store *s, Problems *p)
{
    sqlite_checks(s, p);
    history_checks(s, p);
    document_checks(s, p);
    return STORE_OK;
}
