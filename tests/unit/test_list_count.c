/*
** The children's list counts a category alone from the statistics counters
** (issue #8, api2): stat_category summed over the villages of the range,
** where stat_area says the range holds active records only; elsewhere the
** index counts. The total must be exactly the count that reads each child
** (any record status, the category's row not ended), for every code and
** range (city, towns, villages, a scope narrower than the filter), with
** category rows applied, approved and ended, after records leave the
** active status (then the index counts) and after they come back.
**
** (issue #8, page) A town's page of a category comes from
** child_category_town in id order (CHILD_PAGE_TOWN_CATEGORY_SQL): its ids
** must be those of the query that reads each child, page by page (offsets,
** cursors, no limit), with other filters, a child holding the code twice,
** and ranges that are not a town (the other statements serve them).
** A connection keeps the totals it counted while the database is unchanged:
** changes by another connection and by its own are seen at once.
*/
#include <sqlite3.h>
#include "testutil.h"
#include "domain/demo.h"
#include "store/db.h"
#include "store/sqlite_child_sql.h"

enum { CHILDREN = 2500 };
static const Date TODAY = {2026, 11, 29};
static const char *dir;
static Store *s;
static sqlite3 *raw;   /* the same database: the reference count, and changes behind the store's back */

static const DemoVillage VILLAGES[] = {
    {"441900003001", "岗贝社区居民委员会", "东城街道", "community", NULL},
    {"441900003002", "花园新村社区居民委员会", "东城街道", "community", NULL},
    {"441900101200", "唐洪村村民委员会", "石碣镇", "village", NULL},
};
static const char *const AREAS[] = {NULL, "441900003000", "441900101000", "441900003001", "441900003002",
                                    "441900101200", "441900121000"};
static const char *const CODES[] = {"migrant",  "left_behind",          "dibao",           "orphan_scattered",
                                    "difficulty_poverty", "difficulty_disability", "de_facto_unsupported", "hiv"};

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    s = test_store(dir, "count");
    test_insert_demo_children(s, 5, TODAY, VILLAGES, 3, CHILDREN);
    char path[256];
    snprintf(path, sizeof path, "%s/count.db", dir);
    assert_int_equal(sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_close(raw);
    store_close(s);
    test_rmdir(dir);
    return 0;
}

static void exec(const char *sql)
{
    assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* The range [LO, HI) of area codes F covers, worked out here as the
   intersection of its scope and its area (the store's own is not the oracle). */
static void range_of(const ChildFilter *f, char lo[16], char hi[16], Arena *a)
{
    char alo[16], ahi[16];
    db_scope_bounds(f->scope.prefix ? f->scope.prefix : "", lo, hi);
    db_scope_bounds(f->area ? area_prefix_of(a, f->area) : "", alo, ahi);
    if (strcmp(alo, lo) > 0) strcpy(lo, alo);
    if (strcmp(ahi, hi) < 0) strcpy(hi, ahi);
}

/* The count that reads each child: records of any status in [LO, HI) holding CODE in a row not ended. */
static long long reference(const char *lo, const char *hi, const char *code)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "SELECT count(*) FROM child c WHERE c.area >= ?1 AND c.area < ?2 AND EXISTS "
                                        "(SELECT 1 FROM child_category cc WHERE cc.child_id = c.id AND cc.code = ?3 "
                                        "AND cc.status <> 'ended')",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Whether the counters answer for [LO, HI) (CHILD_COUNT_BY_COUNTERS is not NULL). */
static bool counters_answer(const char *lo, const char *hi, const char *code)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw, CHILD_COUNT_BY_COUNTERS, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":lo"), lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":hi"), hi, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":alo"), lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":ahi"), hi, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":category"), code, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    bool answers = sqlite3_column_type(st, 0) != SQLITE_NULL;
    sqlite3_finalize(st);
    return answers;
}

/* Compares the list's total with the reference for every code and range;
   returns how many of those the counters answered. */
static int totals_are_exact(void)
{
    Arena *a = arena_new();
    int by_counters = 0, nonzero = 0;
    for (size_t i = 0; i < sizeof AREAS / sizeof *AREAS; i++) {
        for (size_t k = 0; k < sizeof CODES / sizeof *CODES; k++) {
            for (int scoped = 0; scoped < 2; scoped++) {
                /* scoped: a town's staff asking for the area (the scope narrower than the city) */
                ChildFilter f = {.scope = {scoped ? "441900003" : NULL}, .area = AREAS[i], .category = CODES[k]};
                long long total = -1;
                assert_int_equal(store_children_list(s, &f, NULL, NULL, &total, a), STORE_OK);
                char lo[16], hi[16];
                range_of(&f, lo, hi, a);
                long long want = strcmp(lo, hi) < 0 ? reference(lo, hi, CODES[k]) : 0;
                if (total != want)
                    fail_msg("%s in %s (scope %s): %lld, the records say %lld", CODES[k], AREAS[i] ? AREAS[i] : "city",
                             scoped ? "town" : "city", total, want);
                by_counters += strcmp(lo, hi) < 0 && counters_answer(lo, hi, CODES[k]);
                nonzero += want > 0;
            }
        }
    }
    arena_free(a);
    assert_true(nonzero > 20);
    return by_counters;
}

static void a_category_alone_is_counted_exactly(void **state)
{
    (void)state;
    /* all active: the counters answer everywhere */
    int all = totals_are_exact();
    assert_true(all > 50);
    /* category rows applied and ended: counted as the list counts them */
    exec("UPDATE child_category SET status = 'applied' WHERE child_id % 7 = 0;"
         "UPDATE child_category SET status = 'ended' WHERE child_id % 11 = 0;");
    assert_int_equal(totals_are_exact(), all);
    /* records of another status in one village: its ranges are counted by the index, the others still not */
    exec("UPDATE child SET status = 'moved_away' WHERE id IN (SELECT id FROM child WHERE area = '441900003002' LIMIT 40);"
         "UPDATE child SET status = 'deceased' WHERE id IN (SELECT id FROM child WHERE area = '441900003002' "
         "AND status = 'active' LIMIT 3);");
    int some = totals_are_exact();
    assert_true(some > 0 && some < all);
    assert_false(counters_answer("441900003002", "441900003003", "migrant"));
    assert_true(counters_answer("441900101200", "441900101201", "migrant"));
    /* back to active: the counters answer again, and still exactly */
    exec("UPDATE child SET status = 'active' WHERE status <> 'active';");
    assert_int_equal(totals_are_exact(), all);
    /* the totals a connection keeps (issue #8): the same again while nothing changes, new ones after its own change */
    assert_int_equal(totals_are_exact(), all);
    assert_int_equal(sqlite3_exec(s->db, "UPDATE child_category SET status = 'ended' WHERE child_id % 13 = 0", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_true(totals_are_exact() > 0);
}

/* The ids of the plain query (each child read) for F's area range [LO, HI), category, status and page, comma-separated, in A. */
static char *reference_page(const char *lo, const char *hi, const ChildFilter *f, Arena *a)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "SELECT group_concat(id) FROM (SELECT id FROM child c WHERE c.area >= ?1 AND c.area < ?2 "
                                        "AND (?4 IS NULL OR c.status = ?4) AND c.id > ?5 AND EXISTS (SELECT 1 FROM child_category cc "
                                        "WHERE cc.child_id = c.id AND cc.code = ?3 AND cc.status <> 'ended') ORDER BY id LIMIT ?6 OFFSET ?7)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, f->category, -1, SQLITE_STATIC);
    if (f->status) sqlite3_bind_text(st, 4, f->status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, f->after_id);
    sqlite3_bind_int64(st, 6, f->limit > 0 ? f->limit : -1);
    sqlite3_bind_int64(st, 7, f->offset);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *t = (const char *)sqlite3_column_text(st, 0);
    char *ids = arena_strdup(a, t ? t : "");
    sqlite3_finalize(st);
    return ids;
}

/* Appends each child's id to the Buf CTX, comma-separated (a ChildFn). */
static int append_id(void *ctx, const Child *c)
{
    Buf *b = ctx;
    if (b->len) buf_addc(b, ',');
    buf_printf(b, "%lld", (long long)c->id);
    return 0;
}

/* Compares the list's pages with the reference for towns, villages and the
   city, each code, page positions and statuses; returns how many of those
   pages were not empty. */
static int pages_are_exact(void)
{
    static const char *const PAGE_AREAS[] = {"441900003000", "441900101000", "441900003001", NULL};
    static const struct { int limit; long long offset, after; } PAGES[] = {
        {20, 0, 0}, {20, 20, 0}, {20, 40, 0}, {7, 3, 0}, {20, 0, 1200}, {20, 10, 700}, {0, 0, 0}, {20, 5000, 0}};
    static const char *const STATUSES[] = {NULL, "active", "moved_away"};
    Arena *a = arena_new();
    Buf got = BUF_INIT;
    int nonempty = 0;
    for (size_t i = 0; i < sizeof PAGE_AREAS / sizeof *PAGE_AREAS; i++)
        for (size_t k = 0; k < sizeof CODES / sizeof *CODES; k++)
            for (size_t p = 0; p < sizeof PAGES / sizeof *PAGES; p++)
                for (size_t t = 0; t < sizeof STATUSES / sizeof *STATUSES; t++)
                    for (int scoped = 0; scoped < 2; scoped++) {
                        ChildFilter f = {.scope = {scoped ? "441900003" : NULL}, .area = PAGE_AREAS[i], .category = CODES[k],
                                         .status = STATUSES[t], .limit = PAGES[p].limit, .offset = PAGES[p].offset,
                                         .after_id = PAGES[p].after};
                        buf_clear(&got);
                        assert_int_equal(store_children_list(s, &f, append_id, &got, NULL, a), STORE_OK);
                        char lo[16], hi[16];
                        range_of(&f, lo, hi, a);
                        const char *want = strcmp(lo, hi) < 0 ? reference_page(lo, hi, &f, a) : "";
                        if (strcmp(buf_str(&got), want) != 0)
                            fail_msg("%s in %s (scope %s, status %s, limit %d offset %lld after %lld):\n  %s\nthe records say\n  %s",
                                     CODES[k], PAGE_AREAS[i] ? PAGE_AREAS[i] : "city", scoped ? "town" : "city",
                                     STATUSES[t] ? STATUSES[t] : "any", f.limit, f.offset, f.after_id, buf_str(&got), want);
                        nonempty += *want != 0;
                    }
    buf_free(&got);
    arena_free(a);
    return nonempty;
}

static void a_towns_page_is_the_plain_page(void **state)
{
    (void)state;
    assert_true(pages_are_exact() > 200);
    /* a child holding the code in two rows (an application beside the approval), records of another status */
    exec("INSERT INTO child_category(child_id, code, date_from, date_to, status, area) "
         "SELECT child_id, code, date_from, date_to, 'applied', area FROM child_category WHERE child_id % 5 = 0;"
         "UPDATE child SET status = 'moved_away' WHERE id % 9 = 0;");
    assert_true(pages_are_exact() > 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_category_alone_is_counted_exactly),
        cmocka_unit_test(a_towns_page_is_the_plain_page),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
