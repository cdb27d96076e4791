/*
** SQLite backend: the area tree (see store.h).
*/
#include <string.h>
#include "store/db.h"
#include "store/sqlite_area_sql.h"

char *area_prefix_of(Arena *a, const char *code)
{
    size_t n = strlen(code);
    /* NBS groups from the right: village 3, town 3, county 2, city 2, province 2 */
    static const int groups[] = {3, 3, 2, 2};
    for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
        size_t k = (size_t)groups[g];
        if (n < k + 2) break;
        bool zeros = true;
        for (size_t i = n - k; i < n; i++)
            if (code[i] != '0') zeros = false;
        if (!zeros) break;
        n -= k;
    }
    return arena_strndup(a, code, n);
}

static void read_area(sqlite3_stmt *st, Area *out, Arena *a)
{
    out->code = db_text_dup(st, 0, a);
    out->name = db_text_dup(st, 1, a);
    out->level = sqlite3_column_int(st, 2);
    out->parent = db_text_dup(st, 3, a);
    out->kind = db_text_dup(st, 4, a);
    out->mark = db_text_dup(st, 5, a);
    out->prefix = db_text_dup(st, 6, a);
    out->vintage = sqlite3_column_int(st, 7);
}

#define AREA_COLUMNS "code, name, level, parent, kind, mark, prefix, vintage"

StoreRc store_area_put(Store *s, const Area *area)
{
    if (!db_require_tx(s, "store_area_put")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO area(" AREA_COLUMNS ") "
                                     "VALUES (:code, :name, :level, :parent, :kind, :mark, :prefix, :vintage) "
                                     "ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level, "
                                     "parent = excluded.parent, kind = excluded.kind, mark = excluded.mark, "
                                     "vintage = excluded.vintage");
    if (!st) return STORE_ERROR;
    Arena *a = arena_new();
    db_bind_text(st, ":code", area->code);
    db_bind_text(st, ":name", area->name);
    db_bind_int64(st, ":level", area->level);
    db_bind_text(st, ":parent", area->parent);
    db_bind_text(st, ":kind", area->kind);
    db_bind_text(st, ":mark", area->mark);
    db_bind_text(st, ":prefix", area_prefix_of(a, area->code));
    db_bind_int64(st, ":vintage", area->vintage);
    int rc = db_step(s, st);
    db_done(st);
    arena_free(a);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_area_get(Store *s, const char *code, Area *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT " AREA_COLUMNS " FROM area WHERE code = :code");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":code", code);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) read_area(st, out, a);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

StoreRc store_area_version(Store *s, long long *out)
{
    sqlite3_stmt *st = db_prepare(s, STORE_AREA_VERSION_SQL);
    return st ? first_int_rc(s, st, out) : STORE_ERROR;
}

StoreRc store_area_by_name(Store *s, const char *name, int level, Area *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT " AREA_COLUMNS " FROM area WHERE name = :name "
                                     "AND (:level = 0 OR level = :level) LIMIT 2");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":name", name);
    db_bind_int64(st, ":level", level);
    int rc = db_step(s, st);
    StoreRc r = STORE_NOTFOUND;
    if (rc == SQLITE_ROW) {
        read_area(st, out, a);
        r = db_step(s, st) == SQLITE_ROW ? STORE_CONFLICT : STORE_OK;
    } else if (rc != SQLITE_DONE) {
        r = db_rc(s, rc);
    }
    db_done(st);
    return r;
}

StoreRc store_area_children(Store *s, const char *parent, AreaFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT " AREA_COLUMNS " FROM area "
                                     "WHERE (parent = :parent) OR (:parent IS NULL AND parent IS NULL) ORDER BY code");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":parent", parent);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Area area;
        read_area(st, &area, a);
        if (fn(ctx, &area)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

int store_area_count(Store *s, int level)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT count(*) FROM area WHERE :level = 0 OR level = :level");
    if (!st) return -1;
    db_bind_int64(st, ":level", level);
    int n = db_step(s, st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    db_done(st);
    return n;
}
