/*
** The children's list uses indexes: EXPLAIN QUERY PLAN of the statements
** store_children_list() prepares (the count, the page in id order, the page
** sorted by another key; from store/sqlite_child_sql.h) must search child
** and child_category through an index, never scan child whole. The filters
** are one statement with optional clauses (two: with and without a
** category), so the plan is that of every filter: the area range (the
** caller's scope, and the area filter) drives it through child_area; with
** a category, child_category's (code, area, child_id) index does. With a
** search text, the name grams (child_name_gram) and the ID numbers' index
** give the candidates, checked by the same LIKE.
*/
#include <sqlite3.h>
#include "testutil.h"
#include "store/sqlite_child_sql.h"

static const char *dir;
static sqlite3 *db;

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    store_close(test_store(dir, "plans"));
    char path[256];
    snprintf(path, sizeof path, "%s/plans.db", dir);
    return sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_close(db);
    test_rmdir(dir);
    return 0;
}

/* Fails when the plan of SQL scans child or child_category whole (a "SCAN
   child" line), or has no line beginning with WANT. */
static void assert_indexed_by(const char *sql, const char *want)
{
    sqlite3_stmt *st = NULL;
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    assert_int_equal(sqlite3_prepare_v2(db, eqp, -1, &st, NULL), SQLITE_OK);
    sqlite3_free(eqp);
    bool found = false;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        if (strncmp(detail, "SCAN child", 10) == 0 || strncmp(detail, "SCAN cc", 7) == 0) {
            sqlite3_finalize(st);
            fail_msg("a full scan: %s\n  in %s", detail, sql);
        }
        if (strncmp(detail, want, strlen(want)) == 0) found = true;
    }
    sqlite3_finalize(st);
    if (!found) fail_msg("no \"%s\" in the plan of %s", want, sql);
}

/* Without a category, the area range drives the search through child_area. */
static void assert_indexed(const char *sql)
{
    assert_indexed_by(sql, "SEARCH child USING INDEX child_area");
}

static void count_uses_an_index(void **state)
{
    (void)state;
    assert_indexed(CHILD_COUNT_SQL(CHILD_WHERE));
    assert_indexed_by(CHILD_COUNT_SQL(CHILD_WHERE_CATEGORY), "SEARCH cc USING COVERING INDEX child_category_code");
}

static void page_uses_an_index(void **state)
{
    (void)state;
    assert_indexed(CHILD_PAGE_SQL(CHILD_WHERE));
    assert_indexed_by(CHILD_PAGE_SQL(CHILD_WHERE_CATEGORY), "SEARCH cc USING COVERING INDEX child_category_code");
}

static void sorted_pages_use_an_index(void **state)
{
    (void)state;
    assert_indexed(SORTED_PAGE("ASC", CHILD_WHERE));
    assert_indexed(SORTED_PAGE("DESC", CHILD_WHERE));
    assert_indexed_by(SORTED_PAGE("ASC", CHILD_WHERE_CATEGORY), "SEARCH cc USING COVERING INDEX child_category_code");
    assert_indexed_by(SORTED_PAGE("DESC", CHILD_WHERE_CATEGORY), "SEARCH cc USING COVERING INDEX child_category_code");
}

/* A search text (issue #8, perf): the candidates come from the name grams'
   and the ID numbers' indexes, never from a scan of the scope. */
static void search_uses_the_name_grams(void **state)
{
    (void)state;
    const char *grams = "SEARCH g USING PRIMARY KEY (gram>? AND gram<?)";
    const char *ids = "SEARCH i USING COVERING INDEX sqlite_autoindex_child_1 (id_number>? AND id_number<?)";
    assert_indexed_by(CHILD_COUNT_SQL(CHILD_WHERE_SEARCH), grams);
    assert_indexed_by(CHILD_COUNT_SQL(CHILD_WHERE_SEARCH), ids);
    assert_indexed_by(CHILD_COUNT_SQL(CHILD_WHERE_SEARCH), "SEARCH child USING INTEGER PRIMARY KEY (rowid=?)");
    assert_indexed_by(CHILD_PAGE_SQL(CHILD_WHERE_SEARCH), grams);
    assert_indexed_by(SORTED_PAGE("ASC", CHILD_WHERE_SEARCH), grams);
    assert_indexed_by(SORTED_PAGE("DESC", CHILD_WHERE_SEARCH), ids);
    /* a category alone is counted in its covering index */
    assert_indexed_by(CHILD_COUNT_BY_CATEGORY, "SEARCH cc USING COVERING INDEX child_category_code");
}

/* Over more than one town, a page (an export: a page without a limit) reads
   the records in id order and sorts nothing; within a town, it sorts ids. */
static void wide_pages_stream_in_id_order(void **state)
{
    (void)state;
    const char *sql = CHILD_PAGE_STREAM_SQL(CHILD_WHERE_WIDE);
    assert_indexed_by(sql, "SEARCH child USING INTEGER PRIMARY KEY (rowid>?)");
    sqlite3_stmt *st = NULL;
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    assert_int_equal(sqlite3_prepare_v2(db, eqp, -1, &st, NULL), SQLITE_OK);
    sqlite3_free(eqp);
    while (sqlite3_step(st) == SQLITE_ROW) assert_null(strstr((const char *)sqlite3_column_text(st, 3), "TEMP B-TREE"));
    sqlite3_finalize(st);
    assert_indexed_by(CHILD_PAGE_SQL(CHILD_WHERE), "LIST SUBQUERY");
}

/* The category x town counts (bench/scale.sh, figure d) read child_category
   whole, as they must, and each child by its primary key. */
static void category_counts_read_children_by_key(void **state)
{
    (void)state;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "EXPLAIN QUERY PLAN SELECT substr(c.area, 1, 9) AS town, cc.code, count(*) "
                                        "FROM child_category cc JOIN child c ON c.id = cc.child_id "
                                        "WHERE cc.status <> 'ended' GROUP BY town, cc.code",
                                        -1, &st, NULL),
                     SQLITE_OK);
    bool by_key = false;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        if (strstr(detail, "SEARCH c USING INTEGER PRIMARY KEY")) by_key = true;
        assert_null(strstr(detail, "SCAN c "));
    }
    sqlite3_finalize(st);
    assert_true(by_key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(count_uses_an_index),
        cmocka_unit_test(page_uses_an_index),
        cmocka_unit_test(sorted_pages_use_an_index),
        cmocka_unit_test(search_uses_the_name_grams),
        cmocka_unit_test(wide_pages_stream_in_id_order),
        cmocka_unit_test(category_counts_read_children_by_key),
    };
    return cmocka_run_group_tests_name("query_plans", tests, setup, teardown);
}
