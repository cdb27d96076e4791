/*
** Every list and statistics query of the store uses its indexes (issue #8):
** EXPLAIN QUERY PLAN of the very statements the store prepares (the
** store/sqlite_*_sql.h headers, shared by the store and this test) must not
** scan a big table whole (child, child_category, child_version, visits,
** cases, payroll lines, the audit trail...) where an index should serve.
** One table, PLANS[], holds each statement with what its plan must show;
** the triggers are explained from the schema itself, every one of them.
**
** The children's list: the area range (the caller's scope, and the area
** filter) drives it through child_area; with a category, child_category's
** (code, area, child_id) index does. With a search text, the name grams
** (child_name_gram) and the ID numbers' index give the candidates, checked
** by the same LIKE.
**
** Why a database with the areas but no children shows production's plans:
** the product runs no ANALYZE (no sqlite_stat1; the_product_keeps_no_
** statistics checks it), so SQLite's planner assumes a million rows in every
** table and chooses by the schema alone. Every statement had the same plan
** on a 100,000-child demo as here (bench/README.md, "plans").
**
** The trap this also catches (bench/README.md, perf2): a covering index on a
** low-variety first column chosen over the right one. child_category_code
** (code, area, child_id, status) searched by the code alone reads every row
** of the code in the city; a plan line of that search fails every check.
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
#include "store/sqlite_accounts_sql.h"     /* accounts and the audit trail */
#include "store/sqlite_area_sql.h"         /* the area tree (issue #8, page2) */

static const char *dir;
static sqlite3 *db;
static const char *checking = "";   /* the name of the row being checked, for the messages */

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    store_close(test_store(dir, "plans"));
    char path[256];
    snprintf(path, sizeof path, "%s/plans.db", dir);
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) return -1;
    /* the audit trail's statements find their table in its own file, as the store's do */
    char *attach = sqlite3_mprintf("ATTACH DATABASE '%q.audit' AS trail", path);
    int rc = sqlite3_exec(db, attach, NULL, NULL, NULL);
    sqlite3_free(attach);
    return rc == SQLITE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_close(db);
    test_rmdir(dir);
    return 0;
}

/* Whether a plan line searches child_category_code by the code alone (the trap). */
static bool by_code_alone(const char *detail)
{
    return strstr(detail, "INDEX child_category_code (code=?)") != NULL;
}

/* Fails when the plan of SQL scans a table whole (but SMALL, the plan line
   of a scan of a table of a few rows, when not NULL), or lacks a line
   containing each of WANT (NULL-ended, eight at most). A line searching
   child_category_code by the code alone fails too. PLANS[] below are
   checked with it. */
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
            fail_msg("%s: a full scan: %s\n  in %s", checking, detail, sql);
        }
        if (by_code_alone(detail)) {
            sqlite3_finalize(st);
            fail_msg("%s: child_category read by the code alone (every row of the code in the city): %s\n  in %s",
                     checking, detail, sql);
        }
        for (int i = 0; i < 8 && want[i]; i++)
            if (strstr(detail, want[i])) found[i] = true;
    }
    sqlite3_finalize(st);
    for (int i = 0; i < 8 && want[i]; i++)
        if (!found[i]) fail_msg("%s: no \"%s\" in the plan of %s", checking, want[i], sql);
}

/* A statement the store prepares and what its plan must show: no whole read
   of a table but SMALL (the one plan line of a scan allowed: a table of a
   few rows, or a page of LIMIT rows), and a line containing each of WANT. */
typedef struct PlanRow {
    const char *name;
    const char *sql;
    const char *small;
    const char *want[5];   /* NULL-ended: four at most */
} PlanRow;

/* the plan lines the rows share */
#define PAGE "SCAN page" /* the children's lists read their page subquery whole: LIMIT rows at most */
#define BY_AREA "SEARCH child USING INDEX child_area"
#define BY_CODE "SEARCH cc USING COVERING INDEX child_category_code"
#define GRAMS "SEARCH g USING PRIMARY KEY (gram>? AND gram<?)"
#define IDS "SEARCH i USING COVERING INDEX sqlite_autoindex_child_1 (id_number>? AND id_number<?)"
/* "does this child hold code X": the child's rows, by the child (the plans migration) */
#define HOLDS_CODE "INDEX child_category_child (child_id=? AND code=?)"

static const PlanRow PLANS[] = {
    /* ---- the children's list (sqlite_child_sql.h): without a category, the
       area range drives it through child_area; with one, child_category's
       (code, area, child_id) index; a search text, the grams and ID numbers
       (issue #8, perf), each candidate's category by the child ---- */
    /* the import's match of a row without an ID number (issue #8, import): one search
       of the small index of such children, not a read of them all */
    {"children: match by identity", CHILD_BY_IDENTITY_SQL, NULL,
     {"SEARCH child USING INDEX child_identity (name=? AND birth_date=? AND area=?)"}},
    {"children: count", CHILD_COUNT_SQL(CHILD_WHERE), PAGE, {BY_AREA}},
    {"children: count, category", CHILD_COUNT_SQL(CHILD_WHERE_CATEGORY), PAGE, {BY_CODE}},
    /* its distinct (area, child) pairs read from a subquery in the index's order (issue #8, api) */
    {"children: count, category alone", CHILD_COUNT_BY_CATEGORY, "SCAN (subquery-1)", {BY_CODE}},
    {"children: count, search", CHILD_COUNT_SQL(CHILD_WHERE_SEARCH), PAGE,
     {GRAMS, IDS, "SEARCH child USING INTEGER PRIMARY KEY (rowid=?)", HOLDS_CODE}},
    {"children: page", CHILD_PAGE_SQL(CHILD_WHERE), PAGE, {BY_AREA}},
    {"children: page, category", CHILD_PAGE_SQL(CHILD_WHERE_CATEGORY), PAGE, {BY_CODE}},
    {"children: page, search", CHILD_PAGE_SQL(CHILD_WHERE_SEARCH), PAGE, {GRAMS, IDS, HOLDS_CODE}},
    {"children: sorted page", SORTED_PAGE("ASC", CHILD_WHERE), PAGE, {BY_AREA}},
    {"children: sorted page, descending", SORTED_PAGE("DESC", CHILD_WHERE), PAGE, {BY_AREA}},
    {"children: sorted page, category", SORTED_PAGE("ASC", CHILD_WHERE_CATEGORY), PAGE, {BY_CODE}},
    {"children: sorted page, category, descending", SORTED_PAGE("DESC", CHILD_WHERE_CATEGORY), PAGE, {BY_CODE}},
    {"children: sorted page, search", SORTED_PAGE("ASC", CHILD_WHERE_SEARCH), PAGE, {GRAMS, HOLDS_CODE}},
    {"children: sorted page, search, descending", SORTED_PAGE("DESC", CHILD_WHERE_SEARCH), PAGE, {IDS, HOLDS_CODE}},
    /* (issue #8, page) a town's page of a category: its ids in id order from child_category_town,
       a second row of the code sought by the child (and no temporary B-tree: boundary_month_by_day) */
    {"children: page, town and category", CHILD_PAGE_TOWN_CATEGORY_SQL, NULL,
     {"SEARCH cc USING COVERING INDEX child_category_town (code=? AND <expr>=? AND child_id>?)",
      "SEARCH d USING INDEX child_category_child (child_id=? AND code=?)", "SEARCH child USING INTEGER PRIMARY KEY (rowid=?)"}},
    /* (issue #8) the same with no other filter: the page's ids from the index alone, then its records */
    {"children: page, town and category alone", CHILD_PAGE_TOWN_CATEGORY_IDS_SQL, NULL,
     {"SEARCH child USING INTEGER PRIMARY KEY (rowid=?)", "LIST SUBQUERY",
      "SEARCH cc USING COVERING INDEX child_category_town (code=? AND <expr>=? AND child_id>?)",
      "SEARCH d USING INDEX child_category_child (child_id=? AND code=?)"}},
    /* (issue #8, api2) a category alone counted from the counters: the range's villages' rows of the code
       (issue #8, page2: by stat_category_code, not the town's rows of every code) */
    {"children: count, category alone, from the counters", CHILD_COUNT_BY_COUNTERS, "SCAN CONSTANT ROW",
     {"SEARCH stat_area USING PRIMARY KEY (area>? AND area<?)", "SEARCH stat_category USING COVERING INDEX stat_category_code (code=? AND area>? AND area<?)"}},
    /* (issue #8, page2) the area table's change count, read once a list page to keep village names */
    {"areas: change count", STORE_AREA_VERSION_SQL, NULL, {"SEARCH area_version USING INTEGER PRIMARY KEY (rowid=?)"}},
    /* (issue #8, page2) the roles' change count, read once a request to keep the caller's role */
    {"roles: change count", STORE_ROLE_VERSION_SQL, NULL, {"SEARCH role_version USING INTEGER PRIMARY KEY (rowid=?)"}},
    /* (issue #8, caller) the roles', callers' and areas' change counts, read once a request to keep what they count */
    {"the change counts", STORE_CHANGE_COUNTS_SQL, "SCAN CONSTANT ROW",
     {"SEARCH role_version USING INTEGER PRIMARY KEY (rowid=?)", "SEARCH caller_version USING INTEGER PRIMARY KEY (rowid=?)",
      "SEARCH area_version USING INTEGER PRIMARY KEY (rowid=?)"}},

    /* ---- protection (issue #6) ---- */
    {"cases", CASES_LIST_SQL(CASES_OF_SCOPE), NULL, {"SEARCH c USING INDEX protect_case_area"}},
    {"cases of a child", CASES_LIST_SQL(CASES_OF_CHILD), NULL, {"SEARCH c USING INDEX protect_case_child"}},
    {"referrals of a unit", REFERRALS_LIST_SQL(REFERRALS_OF_UNIT), NULL, {"SEARCH r USING INDEX case_referral_unit"}},
    {"referrals", REFERRALS_LIST_SQL(REFERRALS_ALL), NULL, {"SEARCH c USING INDEX protect_case_area"}},
    {"referrals of a case", REFERRALS_OF_CASE_SQL, NULL, {"SEARCH r USING INDEX case_referral_case"}},
    {"referrals due", REFERRALS_DUE_SQL, NULL, {"SEARCH r USING INDEX case_referral_open"}},
    {"hotline calls", HOTLINE_LIST_SQL, NULL, {"SEARCH h USING INDEX hotline_call_area"}},
    {"visits due", VISIT_SCHEDULE_SQL(SCHEDULE_OF_SCOPE), NULL, {"SEARCH c USING INDEX child_area"}},
    {"visits due of a child", VISIT_SCHEDULE_SQL(SCHEDULE_OF_CHILD), NULL, {"SEARCH c USING INTEGER PRIMARY KEY"}},
    {"a case's timeline", CASE_STEPS_SQL, NULL, {"SEARCH case_step USING INDEX case_step_case (case_id=?)"}},
    {"a case's interventions", CASE_INTERVENTIONS_SQL, NULL, {"INDEX case_intervention_case (case_id=?)"}},
    {"a child's visits", VISITS_OF_CHILD_SQL, NULL, {"SEARCH v USING INDEX visit_child (child_id=?)"}},

    /* ---- the rescue centre (issue #6): the city's two or three institutions
       are read whole, their children counted by index ---- */
    {"admissions", ADMISSIONS_LIST_SQL, NULL, {"USING INDEX admission_area"}},
    {"stays", RESCUE_STAYS_SQL, NULL, {"USING INDEX admission_area"}},
    {"unidentified children present", UNIDENTIFIED_PRESENT_SQL, NULL, {"USING INDEX admission_"}},
    {"institutions", INSTITUTIONS_SQL, "SCAN i", {"USING COVERING INDEX admission_present"}},
    {"a child present", CHILD_PRESENT_SQL, NULL, {"USING INDEX admission_child"}},
    {"an admission's steps", ADMISSION_STEPS_SQL, NULL, {"USING INDEX admission_step_admission"}},

    /* ---- monthly reports (issue #7): each figure source and the roll-up;
       the children of an area through its range, each one's last status
       change by its key; the month's versions, not every child's history ---- */
    /* the roll-up's migration (issue #8): the children from the covering index child_month,
       a category's children found in it by (area, id), not their records */
    {"monthly: children", MONTHLY_CHILDREN_SQL, NULL, {"SEARCH c USING COVERING INDEX child_month", "SEARCH v USING PRIMARY KEY"}},
    {"monthly: category", MONTHLY_CATEGORY_SQL, NULL,
     {"SEARCH cc USING INDEX child_category_code", "SEARCH c USING COVERING INDEX child_month (area=? AND id=?"}},
    {"monthly: new", MONTHLY_NEW_SQL, NULL, {"SEARCH c USING COVERING INDEX child_month"}},
    {"monthly: changed", MONTHLY_CHANGED_SQL, NULL,
     {"SEARCH v USING COVERING INDEX child_version_changed", "SEARCH c USING INTEGER PRIMARY KEY"}},
    {"monthly: ended", MONTHLY_ENDED_SQL, NULL, {"SEARCH v USING INDEX child_version_changed"}},
    {"monthly: allowances", MONTHLY_ALLOWANCES_SQL, NULL,
     {"SEARCH p USING INDEX payroll_month", "SEARCH l USING INDEX payroll_line_payroll"}},
    {"monthly: activities", MONTHLY_ACTIVITIES_SQL, NULL, {"SEARCH v USING INDEX activity_area"}},
    /* protection and rescue-centre figures (m2): the area's children, cases
       and admissions through their area's range, each one's visits, steps
       and referrals by its key */
    /* the children holding a category in (area, child) order from child_category_month (the
       roll-up's migration): no child's record read, and no sort (monthly_visits_need_no_sort) */
    {"monthly: visit children", MONTHLY_VISIT_CHILDREN_SQL, NULL,
     {"SEARCH cc USING COVERING INDEX child_category_month", "SEARCH c USING COVERING INDEX child_month (area=? AND id=?",
      "INDEX visit_child"}},
    {"monthly: visits done", MONTHLY_VISITS_DONE_SQL, NULL, {"child_area", "INDEX visit_child"}},
    {"monthly: cases open", MONTHLY_CASES_OPEN_SQL, NULL, {"INDEX protect_case_area", "INDEX case_step_case"}},
    {"monthly: cases opened", MONTHLY_CASES_OPENED_SQL, NULL, {"INDEX protect_case_area"}},
    {"monthly: case steps", MONTHLY_CASES_STEPS_SQL, NULL, {"INDEX protect_case_area", "INDEX case_step_case"}},
    {"monthly: cases overdue", MONTHLY_CASES_OVERDUE_SQL, NULL, {"INDEX protect_case_area", "INDEX case_referral_case"}},
    {"monthly: referrals", MONTHLY_REFERRALS_SQL, NULL, {"INDEX protect_case_area", "INDEX case_referral_case"}},
    {"monthly: referrals by unit", MONTHLY_REFERRALS_BY_UNIT_SQL, NULL,
     {"INDEX protect_case_area", "INDEX case_referral_case"}},
    {"monthly: referrals answered", MONTHLY_REFERRALS_ANSWERED_SQL, NULL,
     {"INDEX protect_case_area", "INDEX case_referral_case"}},
    /* by the area range or the days of discharge, whichever the planner finds narrower */
    {"monthly: discharges", MONTHLY_RESCUE_DISCHARGES_SQL, NULL, {"SEARCH admission USING INDEX admission_"}},
    {"monthly: the areas below", MONTHLY_BELOW_SQL, NULL, {"SEARCH b USING INDEX area_parent", "SEARCH c USING COVERING INDEX child_month"}},
    {"monthly: reports", MONTHLY_LIST_SQL, NULL, {"SEARCH r USING INDEX monthly_report_area"}},

    /* ---- the workforce's lists and counts, by the area's range; the city's
       few hundred social organisations in their names' order ---- */
    {"workers", WORKERS_LIST_SQL, NULL, {"SEARCH w USING INDEX worker_area"}},
    {"workforce gaps", WORKFORCE_GAPS_SQL, NULL, {"SEARCH a USING PRIMARY KEY (code>? AND code<?)", "SEARCH w USING INDEX worker_area"}},
    {"activities", ACTIVITIES_LIST_SQL, NULL, {"SEARCH v USING INDEX activity_area"}},
    {"social services", SERVICES_LIST_SQL, NULL, {"SEARCH v USING INDEX social_service_area"}},
    {"social organisations", ORGS_LIST_SQL, "SCAN o USING INDEX sqlite_autoindex_social_org_1", {"SEARCH a USING PRIMARY KEY (code=?)"}},

    /* ---- statistics and supervision (issue #7): the dashboard reads the
       counters by their keys; the children of an age band's boundary month,
       those reaching 18 and the stale records come through indexes ---- */
    {"stats: sex", STATS_SEX_SQL, NULL, {"SEARCH stat_area USING PRIMARY KEY"}},
    {"stats: category", STATS_CATEGORY_SQL, NULL, {"SEARCH stat_category USING PRIMARY KEY"}},
    {"stats: birth months", STATS_BIRTH_SQL, NULL, {"SEARCH stat_birth USING PRIMARY KEY"}},
    /* STATS_BORN_IN_MONTH_SQL: day by day, see boundary_month_by_day() (issue #8, api) */
    {"overdue: age out", OVERDUE_AGE_OUT_SQL, NULL, {"SEARCH child USING INDEX child_birth"}},
    {"overdue: stale records", OVERDUE_STALE_SQL, NULL, {"SEARCH child USING INDEX child_stale"}},

    /* ---- allowances: other help, the confirmation queue, a payroll's parts,
       the settlements (a few hundred in all, read in their order) ---- */
    {"aid", AID_LIST_SQL, NULL, {"SEARCH aid USING INDEX aid_area"}},
    {"aid totals", AID_TOTALS_SQL, NULL, {"SEARCH aid USING INDEX aid_area"}},
    {"applications by status", APPLICATIONS_BY_STATUS_SQL, NULL, {"SEARCH a USING INDEX category_application_status"}},
    {"applications of a child", APPLICATIONS_BY_CHILD_SQL, NULL, {"SEARCH a USING INDEX category_application_child"}},
    {"applications in scope", APPLICATIONS_IN_SCOPE_SQL, NULL, {"SEARCH c USING INTEGER PRIMARY KEY"}},
    {"payroll towns", PAYROLL_TOWNS_SQL, NULL, {"SEARCH pt USING PRIMARY KEY"}},
    {"settlements", SETTLEMENTS_SQL, "SCAN x USING INDEX settlement_order", {"SEARCH a USING PRIMARY KEY"}},
    /* a few payrolls a month, read in the month's order, each one's lines counted by its key */
    {"payrolls", PAYROLLS_LIST_SQL, "SCAN p USING INDEX payroll_month", {"SEARCH l USING INDEX payroll_line_payroll (payroll_id=?)"}},
    {"a payroll's lines", PAYROLL_LINES_SQL, NULL, {"SEARCH l USING INDEX payroll_line_payroll (payroll_id=?)"}},
    {"a payroll's children", PAYROLL_CHILDREN_SQL, NULL, {"child_category_code (code=? AND area>? AND area<?)"}},
    /* the children born by the day, each one's category and settlement by the child */
    {"adult orphans", ADULT_ORPHAN_CANDIDATES_SQL, NULL,
     {"SEARCH c USING COVERING INDEX child_birth", HOLDS_CODE, "settlement_child (child_id=?)"}},

    /* ---- the audit trail: a page reads back from its cursor by the id until
       it is full; the count of the matches reads the trail whole (one entry
       per request: 1,000,000 entries take 0.09 s of CPU; bench/README.md,
       "plans": counters or an index by area would be the next step) ---- */
    {"audit: page", AUDIT_PAGE_SQL, NULL, {"SEARCH audit USING INTEGER PRIMARY KEY (rowid<?)"}},
    {"audit: count", AUDIT_COUNT_SQL, "SCAN audit", {"SCAN audit"}},

    /* ---- accounts: a few thousand, read in their names' order ---- */
    {"accounts", ACCOUNTS_LIST_SQL, "SCAN account USING INDEX sqlite_autoindex_account_1", {"sqlite_autoindex_account_1"}},
};

static void every_statement_uses_its_indexes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof PLANS / sizeof *PLANS; i++) {
        checking = PLANS[i].name;
        assert_plan(PLANS[i].sql, PLANS[i].small, PLANS[i].want);
    }
    checking = "";
}

/* The premise of every plan above: no sqlite_stat1 in the product's database
   (no ANALYZE), so the plans depend on the schema alone. */
static void the_product_keeps_no_statistics(void **state)
{
    (void)state;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sqlite\\_stat%' ESCAPE '\\'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
}

/* Over more than one town, a page (an export: a page without a limit) reads
   the records in id order and sorts nothing; within a town, it sorts ids. */
static void wide_pages_stream_in_id_order(void **state)
{
    (void)state;
    const char *sql = CHILD_PAGE_STREAM_SQL(CHILD_WHERE_WIDE);
    assert_plan(sql, "SCAN page", (const char *const[]){"SEARCH child USING INTEGER PRIMARY KEY (rowid>?)", NULL});
    sqlite3_stmt *st = NULL;
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    assert_int_equal(sqlite3_prepare_v2(db, eqp, -1, &st, NULL), SQLITE_OK);
    sqlite3_free(eqp);
    while (sqlite3_step(st) == SQLITE_ROW) assert_null(strstr((const char *)sqlite3_column_text(st, 3), "TEMP B-TREE"));
    sqlite3_finalize(st);
    assert_plan(CHILD_PAGE_SQL(CHILD_WHERE), "SCAN page", (const char *const[]){"LIST SUBQUERY", NULL});
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

/* ---- every trigger (issue #8, perf: the counters' triggers made the demo
   and the import grow with the square of the children) ----
   A trigger runs for every row written. Each subquery of its WHEN clause and
   each statement of its body, with NEW.x and OLD.x made parameters, scans
   nothing but the name grams' two small tables (name_position: the
   positions of a name's characters; name_gram_deferred: one row at most),
   and reads child_category by the child (child_id=?), never all the rows of
   a code or an area. */

/* LEN bytes of TEXT with NEW./OLD. turned into parameters (":N", ":O"); sqlite3_free() it. */
static char *with_parameters(const char *text, int len)
{
    char *sql = sqlite3_mprintf("%.*s", len, text);
    for (const char *const *k = (const char *const[]){"NEW.", "OLD.", NULL}; *k; k++)
        for (char *p; (p = strstr(sql, *k));) {
            memmove(p + 2, p + 4, strlen(p + 4) + 1);   /* "NEW.x" -> ":Nx" */
            p[0] = ':';
            p[1] = (*k)[0];
        }
    return sql;
}

/* The subquery of TEXT opening at OPEN ("(SELECT ..."), its parentheses balanced, as with_parameters(). */
static char *trigger_subquery(const char *open)
{
    int depth = 0;
    const char *end = open;
    do {
        if (*end == '(') depth++;
        else if (*end == ')') depth--;
        end++;
    } while (depth > 0 && *end);
    return with_parameters(open + 1, (int)(end - open - 2));
}

/* The end of the statement of a trigger's body starting at P: its ';' (none inside quotes), or END. */
static const char *statement_end(const char *p, const char *end)
{
    bool quoted = false;
    for (; p < end; p++) {
        if (*p == '\'') quoted = !quoted;
        else if (*p == ';' && !quoted) return p;
    }
    return end;
}

static void assert_trigger_reads_little(const char *trigger, const char *sql)
{
    sqlite3_stmt *st = NULL;
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    if (sqlite3_prepare_v2(db, eqp, -1, &st, NULL) != SQLITE_OK) fail_msg("%s: %s\n  in %s", trigger, sqlite3_errmsg(db), sql);
    sqlite3_free(eqp);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        bool small = strcmp(detail, "SCAN name_position") == 0 || strcmp(detail, "SCAN name_gram_deferred") == 0 ||
                     strcmp(detail, "SCAN CONSTANT ROW") == 0 ||   /* a SELECT of NEW's values, without FROM */
                     strncmp(detail, "SCAN (subquery-", 15) == 0;   /* the rows of a subquery checked by itself */
        if ((strncmp(detail, "SCAN ", 5) == 0 && !small) || (strstr(detail, "child_category") && !strstr(detail, "child_id=?")))
            fail_msg("%s reads more than the row's own: %s\n  in %s", trigger, detail, sql);
    }
    sqlite3_finalize(st);
}

/* Explains the subqueries of TEXT's WHEN clause and the statements of its body (but RAISE); returns how many. */
static int explain_trigger(const char *name, const char *text)
{
    int n = 0;
    const char *begin = strstr(text, "BEGIN"), *end = strrchr(text, 'E');   /* the last "END" */
    assert_non_null(begin);
    while (end > begin && strncmp(end, "END", 3) != 0) end--;
    for (const char *open = text; (open = strstr(open, "(SELECT ")) && open < begin; open++, n++) {
        char *sql = trigger_subquery(open);
        assert_trigger_reads_little(name, sql);
        sqlite3_free(sql);
    }
    for (const char *p = begin + 5; p < end;) {
        p += strspn(p, " \t\r\n");
        const char *stop = statement_end(p, end);
        if (stop > p && strncmp(p, "SELECT RAISE", 12) != 0) {
            char *sql = with_parameters(p, (int)(stop - p));
            assert_trigger_reads_little(name, sql);
            sqlite3_free(sql);
            n++;
        }
        p = stop + 1;
    }
    return n;
}

static void triggers_read_only_their_rows(void **state)
{
    (void)state;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name", -1,
                                        &st, NULL),
                     SQLITE_OK);
    int counters = 0, counted = 0, explained = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        int n = explain_trigger(name, (const char *)sqlite3_column_text(st, 1));
        explained += n;
        if (strncmp(name, "stat_", 5) == 0) counters++, counted += n;
    }
    sqlite3_finalize(st);
    assert_int_equal(counters, 6);   /* the child's three and the categories' three */
    assert_true(counted >= 8);
    print_message("  %d statements of %d counters' triggers, %d of the others\n", counted, counters, explained - counted);
    assert_true(explained >= counted + 9);   /* the payroll locks' five WHEN clauses, the name grams' four */
}

/* Fails when a line of the plan of SQL contains WHAT (a sort the index's
   order should make needless). */
static void assert_plan_avoids(const char *sql, const char *what)
{
    sqlite3_stmt *st = NULL;
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    assert_int_equal(sqlite3_prepare_v2(db, eqp, -1, &st, NULL), SQLITE_OK);
    sqlite3_free(eqp);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        if (strstr(detail, what)) {
            sqlite3_finalize(st);
            fail_msg("\"%s\" in the plan: %s\n  of %s", what, detail, sql);
        }
    }
    sqlite3_finalize(st);
}

/* ---- issue #8, api: a town's summary reads the town's births only ----
   The boundary month of an age band is counted day by day through
   child_birth (birth_date=, status=, area range): the only scans are of the
   month's days (at most 31 rows), never of the city's births. The flows
   and the payroll lines are sought by month and town; a category's count
   uses no temporary B-tree. */
static void boundary_month_by_day(void **state)
{
    (void)state;
    sqlite3_stmt *st = NULL;
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", STATS_BORN_IN_MONTH_SQL);
    assert_int_equal(sqlite3_prepare_v2(db, eqp, -1, &st, NULL), SQLITE_OK);
    sqlite3_free(eqp);
    bool seek = false;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        if (strncmp(detail, "SCAN ", 5) == 0 && strcmp(detail, "SCAN day") != 0 && strcmp(detail, "SCAN CONSTANT ROW") != 0)
            fail_msg("a full scan: %s", detail);
        if (strstr(detail, "child_birth (birth_date=? AND status=? AND area>? AND area<?)")) seek = true;
    }
    sqlite3_finalize(st);
    assert_true(seek);
    /* the category's count: distinct in the index's order, without a temporary B-tree */
    assert_plan_avoids(CHILD_COUNT_BY_CATEGORY, "TEMP B-TREE");
    /* (issue #8, page) a town's page of a category stops after its rows: no sort of the town's */
    assert_plan_avoids(CHILD_PAGE_TOWN_CATEGORY_SQL, "TEMP B-TREE");
    assert_plan_avoids(CHILD_PAGE_TOWN_CATEGORY_IDS_SQL, "TEMP B-TREE");
    checking = "stats: flows and paid months by town";
    assert_plan(STATS_FLOW_SQL, NULL, (const char *const[]){"stat_flow USING PRIMARY KEY (month=? AND area>? AND area<?)", NULL});
    assert_plan(STATS_PAID_SQL, NULL, (const char *const[]){"payroll_line_payroll (payroll_id=? AND town>? AND town<?)", NULL});
    checking = "";
}

/* The roll-up (issue #8): the visits' children come in the index's order,
   so the statement needs no sort of its own. */
static void monthly_visits_need_no_sort(void **state)
{
    (void)state;
    assert_plan_avoids(MONTHLY_VISIT_CHILDREN_SQL, "TEMP B-TREE");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_product_keeps_no_statistics),
        cmocka_unit_test(every_statement_uses_its_indexes),
        cmocka_unit_test(wide_pages_stream_in_id_order),
        cmocka_unit_test(category_counts_read_children_by_key),
        cmocka_unit_test(triggers_read_only_their_rows),   /* issue #8: every trigger */
        cmocka_unit_test(boundary_month_by_day),           /* issue #8, api: a town's summary */
        cmocka_unit_test(monthly_visits_need_no_sort),     /* issue #8, the roll-up */
    };
    return cmocka_run_group_tests_name("query_plans", tests, setup, teardown);
}
