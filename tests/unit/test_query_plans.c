/*
** The children's list uses indexes: EXPLAIN QUERY PLAN of the statements
** store_children_list() prepares (the count, the page in id order, the page
** sorted by another key; from store/sqlite_child_sql.h) must search child
** and child_category through an index, never scan child whole. The filters
** are one statement with optional clauses (two: with and without a
** category), so the plan is that of every filter: the area range (the
** caller's scope, and the area filter) drives it through child_area; with
** a category, child_category's (code, area, child_id) index does. The name search (LIKE '%q%') cannot use an index
** of its own: it is checked within that area range (a trigram index would
** be a later change).
*/
#include <sqlite3.h>
#include "testutil.h"
#include "store/sqlite_child_sql.h"
#include "store/sqlite_allowances_sql.h"

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
    assert_indexed_by(CHILD_COUNT_SQL(CHILD_WHERE_CATEGORY), "SEARCH cc USING INDEX child_category_code");
}

static void page_uses_an_index(void **state)
{
    (void)state;
    assert_indexed(CHILD_PAGE_SQL(CHILD_WHERE));
    assert_indexed_by(CHILD_PAGE_SQL(CHILD_WHERE_CATEGORY), "SEARCH cc USING INDEX child_category_code");
}

static void sorted_pages_use_an_index(void **state)
{
    (void)state;
    assert_indexed(SORTED_PAGE("ASC", CHILD_WHERE));
    assert_indexed(SORTED_PAGE("DESC", CHILD_WHERE));
    assert_indexed_by(SORTED_PAGE("ASC", CHILD_WHERE_CATEGORY), "SEARCH cc USING INDEX child_category_code");
    assert_indexed_by(SORTED_PAGE("DESC", CHILD_WHERE_CATEGORY), "SEARCH cc USING INDEX child_category_code");
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

/* ---- allowances (allow): the lists of other help, the confirmation queue,
   a payroll's parts and the settlements read through their indexes ---- */

/* Fails when the plan of SQL has no line beginning with WANT, or scans TABLE whole. */
static void assert_plan(const char *sql, const char *want, const char *table)
{
    sqlite3_stmt *st = NULL;
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    assert_int_equal(sqlite3_prepare_v2(db, eqp, -1, &st, NULL), SQLITE_OK);
    sqlite3_free(eqp);
    bool found = false;
    size_t n = strlen(table);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        if (strncmp(detail, "SCAN ", 5) == 0 && strncmp(detail + 5, table, n) == 0 && (detail[5 + n] == 0 || detail[5 + n] == ' ')) {
            sqlite3_finalize(st);
            fail_msg("a full scan: %s\n  in %s", detail, sql);
        }
        if (strncmp(detail, want, strlen(want)) == 0) found = true;
    }
    sqlite3_finalize(st);
    if (!found) fail_msg("no \"%s\" in the plan of %s", want, sql);
}

static void allowance_lists_use_indexes(void **state)
{
    (void)state;
    assert_plan(AID_LIST_SQL, "SEARCH aid USING INDEX aid_area", "aid");
    assert_plan(AID_TOTALS_SQL, "SEARCH aid USING INDEX aid_area", "aid");
    assert_plan(APPLICATIONS_BY_STATUS_SQL, "SEARCH a USING INDEX category_application_status", "a");
    assert_plan(APPLICATIONS_BY_CHILD_SQL, "SEARCH a USING INDEX category_application_child", "a");
    assert_plan(APPLICATIONS_IN_SCOPE_SQL, "SEARCH c USING INTEGER PRIMARY KEY", "c");
    assert_plan(PAYROLL_TOWNS_SQL, "SEARCH pt USING PRIMARY KEY", "pt");
    /* a few hundred settlements in all: read in their order, each town by its key */
    assert_plan(SETTLEMENTS_SQL, "SEARCH a USING PRIMARY KEY", "a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(count_uses_an_index),
        cmocka_unit_test(page_uses_an_index),
        cmocka_unit_test(sorted_pages_use_an_index),
        cmocka_unit_test(category_counts_read_children_by_key),
        cmocka_unit_test(allowance_lists_use_indexes),
    };
    return cmocka_run_group_tests_name("query_plans", tests, setup, teardown);
}
