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
#include "store/sqlite_protection_sql.h"   /* protection (issue #6) */
#include "store/sqlite_rescue_sql.h"
#include "store/sqlite_monthly_sql.h"   /* monthly reports (issue #7) */
#include "store/sqlite_workforce_sql.h" /* workforce and activities (issue #7) */
#include "store/sqlite_stats_sql.h"        /* statistics and supervision (issue #7) */
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

/* Fails when the plan of SQL scans a table whole (but SMALL, the plan line
   of a scan of a table of a few rows, when not NULL), or lacks a line
   containing each of WANT (NULL-ended). Every query of the lists and
   figures is checked with it or one of the shorthands below. */
static void assert_plan(const char *sql, const char *small, const char *const *want)
{
    sqlite3_stmt *st = NULL;
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    assert_int_equal(sqlite3_prepare_v2(db, eqp, -1, &st, NULL), SQLITE_OK);
    sqlite3_free(eqp);
    bool found[8] = {false};
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        if (strncmp(detail, "SCAN ", 5) == 0 && !(small && strcmp(detail, small) == 0)) {
            sqlite3_finalize(st);
            fail_msg("a full scan: %s\n  in %s", detail, sql);
        }
        for (int i = 0; want[i] && i < 8; i++)
            if (strstr(detail, want[i])) found[i] = true;
    }
    sqlite3_finalize(st);
    for (int i = 0; want[i] && i < 8; i++)
        if (!found[i]) fail_msg("no \"%s\" in the plan of %s", want[i], sql);
}

static void assert_scan_only(const char *sql, const char *want, const char *small)
{
    assert_plan(sql, small, (const char *const[]){want, NULL});
}

static void assert_plan_searches(const char *sql, const char *const *want)
{
    assert_plan(sql, NULL, want);
}

/* The children's lists may read their page subquery whole: LIMIT rows at most. */
static void assert_indexed_by(const char *sql, const char *want)
{
    assert_scan_only(sql, want, "SCAN page");
}

static void assert_no_scan(const char *sql, const char *want)
{
    assert_scan_only(sql, want, NULL);
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

/* The import's match of a row without an ID number (issue #8, import):
   one search of the small index of such children, not a read of them all. */
static void import_match_uses_the_identity_index(void **state)
{
    (void)state;
    assert_no_scan(CHILD_BY_IDENTITY_SQL, "SEARCH child USING INDEX child_identity (name=? AND birth_date=? AND area=?)");
}

/* ---- the features' lists and figures (protection, the rescue centre, ...) ---- */

static void protection_lists_use_indexes(void **state)
{
    (void)state;
    assert_no_scan(CASES_LIST_SQL(CASES_OF_SCOPE), "SEARCH c USING INDEX protect_case_area");
    assert_no_scan(CASES_LIST_SQL(CASES_OF_CHILD), "SEARCH c USING INDEX protect_case_child");   /* ?child= */
    assert_no_scan(REFERRALS_LIST_SQL(REFERRALS_OF_UNIT), "SEARCH r USING INDEX case_referral_unit");
    assert_no_scan(REFERRALS_LIST_SQL(REFERRALS_ALL), "SEARCH c USING INDEX protect_case_area");
    assert_no_scan(REFERRALS_OF_CASE_SQL, "SEARCH r USING INDEX case_referral_case");
    assert_no_scan(REFERRALS_DUE_SQL, "SEARCH r USING INDEX case_referral_open");
    assert_no_scan(HOTLINE_LIST_SQL, "SEARCH h USING INDEX hotline_call_area");
    assert_no_scan(VISIT_SCHEDULE_SQL(SCHEDULE_OF_SCOPE), "SEARCH c USING INDEX child_area");
    assert_no_scan(VISIT_SCHEDULE_SQL(SCHEDULE_OF_CHILD), "SEARCH c USING INTEGER PRIMARY KEY");
}

/* the rescue centre (issue #6): sqlite_rescue.c's lists and figures */
static void rescue_queries_use_indexes(void **state)
{
    (void)state;
    assert_no_scan(ADMISSIONS_LIST_SQL, "USING INDEX admission_area");
    assert_no_scan(RESCUE_STAYS_SQL, "USING INDEX admission_area");
    assert_no_scan(UNIDENTIFIED_PRESENT_SQL, "USING INDEX admission_");
    /* the city's two or three institutions are read whole, their children counted by index */
    assert_scan_only(INSTITUTIONS_SQL, "USING COVERING INDEX admission_present", "SCAN i");
    assert_no_scan(CHILD_PRESENT_SQL, "USING INDEX admission_child");
    assert_no_scan(ADMISSION_STEPS_SQL, "USING INDEX admission_step_admission");
}

/* ---- monthly reports (issue #7): each figure source and the roll-up ---- */

static void monthly_figures_use_indexes(void **state)
{
    (void)state;
    /* the children of an area through its range; each one's last status change by its key */
    assert_plan_searches(MONTHLY_CHILDREN_SQL, (const char *const[]){"SEARCH c USING INDEX child_area",
                                                                       "SEARCH v USING PRIMARY KEY", NULL});
    assert_plan_searches(MONTHLY_CATEGORY_SQL, (const char *const[]){"SEARCH cc USING INDEX child_category_code",
                                                                       "SEARCH c USING INTEGER PRIMARY KEY", NULL});
    assert_plan_searches(MONTHLY_NEW_SQL, (const char *const[]){"SEARCH c USING INDEX child_area", NULL});
    /* the month's versions, not every child's history */
    assert_plan_searches(MONTHLY_CHANGED_SQL, (const char *const[]){"SEARCH v USING COVERING INDEX child_version_changed",
                                                                      "SEARCH c USING INTEGER PRIMARY KEY", NULL});
    assert_plan_searches(MONTHLY_ENDED_SQL, (const char *const[]){"SEARCH v USING INDEX child_version_changed", NULL});
    assert_plan_searches(MONTHLY_ALLOWANCES_SQL, (const char *const[]){"SEARCH p USING INDEX payroll_month",
                                                                         "SEARCH l USING INDEX payroll_line_payroll", NULL});
    assert_plan_searches(MONTHLY_ACTIVITIES_SQL, (const char *const[]){"SEARCH v USING INDEX activity_area", NULL});
}

/* monthly reports' protection and rescue-centre figures (m2, issue #7): the
   area's children, cases and admissions through their area's range, each
   one's visits, steps and referrals by its key */
static void monthly_protection_figures_use_indexes(void **state)
{
    (void)state;
    assert_plan_searches(MONTHLY_VISIT_CHILDREN_SQL,
                         (const char *const[]){"SEARCH c USING INDEX child_area", "INDEX visit_child", NULL});
    assert_plan_searches(MONTHLY_VISITS_DONE_SQL, (const char *const[]){"child_area", "INDEX visit_child", NULL});
    assert_plan_searches(MONTHLY_CASES_OPEN_SQL,
                         (const char *const[]){"INDEX protect_case_area", "INDEX case_step_case", NULL});
    assert_plan_searches(MONTHLY_CASES_OPENED_SQL, (const char *const[]){"INDEX protect_case_area", NULL});
    assert_plan_searches(MONTHLY_CASES_STEPS_SQL,
                         (const char *const[]){"INDEX protect_case_area", "INDEX case_step_case", NULL});
    assert_plan_searches(MONTHLY_CASES_OVERDUE_SQL,
                         (const char *const[]){"INDEX protect_case_area", "INDEX case_referral_case", NULL});
    assert_plan_searches(MONTHLY_REFERRALS_SQL,
                         (const char *const[]){"INDEX protect_case_area", "INDEX case_referral_case", NULL});
    assert_plan_searches(MONTHLY_REFERRALS_BY_UNIT_SQL,
                         (const char *const[]){"INDEX protect_case_area", "INDEX case_referral_case", NULL});
    assert_plan_searches(MONTHLY_REFERRALS_ANSWERED_SQL,
                         (const char *const[]){"INDEX protect_case_area", "INDEX case_referral_case", NULL});
    /* by the area range or the days of discharge, whichever the planner finds narrower */
    assert_plan_searches(MONTHLY_RESCUE_DISCHARGES_SQL, (const char *const[]){"SEARCH admission USING INDEX admission_", NULL});
}

static void monthly_reports_use_indexes(void **state)
{
    (void)state;
    assert_plan_searches(MONTHLY_BELOW_SQL, (const char *const[]){"SEARCH b USING INDEX area_parent",
                                                                    "SEARCH c USING INDEX child_area", NULL});
    assert_plan_searches(MONTHLY_LIST_SQL, (const char *const[]){"SEARCH r USING INDEX monthly_report_area", NULL});
}

/* the workforce's lists and counts, by the area's range */
static void workforce_lists_use_indexes(void **state)
{
    (void)state;
    assert_plan_searches(WORKERS_LIST_SQL, (const char *const[]){"SEARCH w USING INDEX worker_area", NULL});
    assert_plan_searches(WORKFORCE_GAPS_SQL, (const char *const[]){"SEARCH a USING PRIMARY KEY (code>? AND code<?)",
                                                                     "SEARCH w USING INDEX worker_area", NULL});
    assert_plan_searches(ACTIVITIES_LIST_SQL, (const char *const[]){"SEARCH v USING INDEX activity_area", NULL});
    assert_plan_searches(SERVICES_LIST_SQL, (const char *const[]){"SEARCH v USING INDEX social_service_area", NULL});
}

/* ---- statistics and supervision (issue #7) ---- */

/* The dashboard reads the counters by their keys; the children of an age
   band's boundary month, those reaching 18 and the stale records come
   through indexes, never by reading a town's or the city's children. */
static void stats_and_overdue_use_indexes(void **state)
{
    (void)state;
    assert_indexed_by(STATS_SEX_SQL, "SEARCH stat_area USING PRIMARY KEY");
    assert_indexed_by(STATS_CATEGORY_SQL, "SEARCH stat_category USING PRIMARY KEY");
    assert_indexed_by(STATS_BIRTH_SQL, "SEARCH stat_birth USING PRIMARY KEY");
    assert_indexed_by(STATS_BORN_IN_MONTH_SQL, "SEARCH child USING COVERING INDEX child_birth");
    assert_indexed_by(OVERDUE_AGE_OUT_SQL, "SEARCH child USING INDEX child_birth");
    assert_indexed_by(OVERDUE_STALE_SQL, "SEARCH child USING INDEX child_stale");
}

/* ---- allowances: the lists of other help, the confirmation queue, a
   payroll's parts and the settlements read through their indexes ---- */

static void allowance_lists_use_indexes(void **state)
{
    (void)state;
    assert_no_scan(AID_LIST_SQL, "SEARCH aid USING INDEX aid_area");
    assert_no_scan(AID_TOTALS_SQL, "SEARCH aid USING INDEX aid_area");
    assert_no_scan(APPLICATIONS_BY_STATUS_SQL, "SEARCH a USING INDEX category_application_status");
    assert_no_scan(APPLICATIONS_BY_CHILD_SQL, "SEARCH a USING INDEX category_application_child");
    assert_no_scan(APPLICATIONS_IN_SCOPE_SQL, "SEARCH c USING INTEGER PRIMARY KEY");
    assert_no_scan(PAYROLL_TOWNS_SQL, "SEARCH pt USING PRIMARY KEY");
    /* a few hundred settlements in all: read in their order, each town by its key */
    assert_scan_only(SETTLEMENTS_SQL, "SEARCH a USING PRIMARY KEY", "SCAN x USING INDEX settlement_order");
}

/* ---- the counters' triggers (issue #8, perf: the demo and the import grew
   with the square of the children) ----
   Each subquery of a stat_* trigger, with NEW.x and OLD.x made parameters,
   reads child_category by the child (child_id=?), never all the rows of a
   code or an area, and scans nothing: a trigger runs for every row written. */

/* The subquery of TEXT opening at OPEN ("(SELECT ..."), its parentheses
   balanced, NEW./OLD. turned into parameters (":N", ":O"); sqlite3_free() it. */
static char *trigger_subquery(const char *open)
{
    int depth = 0;
    const char *end = open;
    do {
        if (*end == '(') depth++;
        else if (*end == ')') depth--;
        end++;
    } while (depth > 0 && *end);
    char *sql = sqlite3_mprintf("%.*s", (int)(end - open - 2), open + 1);
    for (const char *const *k = (const char *const[]){"NEW.", "OLD.", NULL}; *k; k++)
        for (char *p; (p = strstr(sql, *k));) {
            memmove(p + 2, p + 4, strlen(p + 4) + 1);   /* "NEW.x" -> ":Nx" */
            p[0] = ':';
            p[1] = (*k)[0];
        }
    return sql;
}

static void assert_subquery_by_child(const char *trigger, const char *sql)
{
    sqlite3_stmt *st = NULL;
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    if (sqlite3_prepare_v2(db, eqp, -1, &st, NULL) != SQLITE_OK) fail_msg("%s: %s\n  in %s", trigger, sqlite3_errmsg(db), sql);
    sqlite3_free(eqp);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        if (strncmp(detail, "SCAN ", 5) == 0 ||
            (strstr(detail, "child_category") && !strstr(detail, "child_id=?")))
            fail_msg("%s reads more than the child's rows: %s\n  in %s", trigger, detail, sql);
    }
    sqlite3_finalize(st);
}

static void counter_triggers_read_by_the_child(void **state)
{
    (void)state;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                            "AND name LIKE 'stat\\_%' ESCAPE '\\' ORDER BY name", -1, &st, NULL),
                     SQLITE_OK);
    int triggers = 0, subqueries = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *text = (const char *)sqlite3_column_text(st, 1);
        triggers++;
        for (const char *open = text; (open = strstr(open, "(SELECT ")); open++) {
            char *sql = trigger_subquery(open);
            assert_subquery_by_child(name, sql);
            sqlite3_free(sql);
            subqueries++;
        }
    }
    sqlite3_finalize(st);
    assert_int_equal(triggers, 6);   /* the child's three and the categories' three */
    assert_true(subqueries >= 8);
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
        cmocka_unit_test(protection_lists_use_indexes),   /* protection (issue #6) */
        cmocka_unit_test(rescue_queries_use_indexes),
        cmocka_unit_test(monthly_figures_use_indexes),   /* monthly reports (issue #7) */
        cmocka_unit_test(monthly_reports_use_indexes),
        cmocka_unit_test(monthly_protection_figures_use_indexes),
        cmocka_unit_test(workforce_lists_use_indexes),
        cmocka_unit_test(stats_and_overdue_use_indexes),  /* statistics and supervision (issue #7) */
        cmocka_unit_test(allowance_lists_use_indexes),
        cmocka_unit_test(counter_triggers_read_by_the_child),   /* issue #8, perf: the counters' triggers */
        cmocka_unit_test(import_match_uses_the_identity_index),   /* issue #8, import */
    };
    return cmocka_run_group_tests_name("query_plans", tests, setup, teardown);
}
