/*
** Payrolls with a database: one line per paid child at the seeded standards,
** the first month fixing payroll.start_month, back pay when a confirmation
** came late, the same month generated twice (and by a town and by the city)
** paying nobody twice, the town/city workflow with its permissions, a locked
** payroll that never changes (the triggers too), adjustments in a later
** month, discarding a draft, and the fund table's sums.
*/
#include <sqlite3.h>
#include "allowance_fixtures.h"
#include "domain/money.h"
#include "io/payroll_xlsx.h"
#include "io/sheet.h"

static AllowanceRules rules;
static Standards standards;

static const Date TODAY = {2023, 6, 1};

TEST_DB_FIXTURE_THEN("payroll", fix_accounts(s))

static Month M(int y, int m) { return month_make(y, m); }

static const char *issues_seen;

static int note_issue(void *ctx, const PayrollIssue *i)
{
    (void)ctx;
    issues_seen = arena_printf(a, "%s%s%s", issues_seen, *issues_seen ? " " : "", i->code);
    return 0;
}

/* Generates MONTH for AREA; returns the status, with *OUT and the problems' codes in *CODES. */
static StoreRc generate(Month month, const char *area, Payroll *out, const char **codes)
{
    assert_int_equal(store_allowance_rules(s, &rules), STORE_OK);
    assert_int_equal(store_standards(s, &standards, a), STORE_OK);
    Problems p;
    problems_init(&p, a);
    issues_seen = "";
    PayrollGenerate g = {month, area, TODAY, &rules, &standards, &FIX_CHANGE, note_issue, NULL};
    assert_int_equal(store_begin(s), STORE_OK);
    StoreRc r = store_payroll_generate(s, &g, out, &p, a);
    if (r == STORE_OK) assert_int_equal(store_commit(s), STORE_OK);
    else store_rollback(s);
    if (codes) *codes = fix_codes(&p, a);
    return r;
}

static Payroll generated(Month month, const char *area)
{
    Payroll pr;
    const char *codes;
    StoreRc r = generate(month, area, &pr, &codes);
    if (r != STORE_OK) fail_msg("generate: %d %s %s", r, codes, store_errmsg(s));
    return pr;
}

typedef StoreRc (*StepFn)(Store *, const PayrollStepArgs *, Problems *);

/* Does a workflow step; returns the problems' codes ("" when it went through). */
static const char *step(StepFn fn, long long id, const char *town, const char *account, const char *reason)
{
    Problems p;
    problems_init(&p, a);
    PayrollStepArgs args = {id, town, account, reason, {2023, 3, 10}, "2023-03-10T10:00:00+08:00"};
    assert_int_equal(store_begin(s), STORE_OK);
    StoreRc r = fn(s, &args, &p);
    if (r == STORE_OK) assert_int_equal(store_commit(s), STORE_OK);
    else store_rollback(s);
    if (r != STORE_OK && p.count == 0) fail_msg("step failed without a problem: %s", store_errmsg(s));
    return fix_codes(&p, a);
}

/* Takes a payroll through submit (each town), approve and lock. */
static void pay(long long id)
{
    assert_string_equal(step(store_payroll_submit, id, "441900003000", "dongcheng", NULL), "");
    Payroll pr;
    assert_int_equal(store_payroll_get(s, &SCOPE_ALL, id, &pr, a), STORE_OK);
    if (strcmp(pr.status, "submitted") != 0)
        assert_string_equal(step(store_payroll_submit, id, "441900118000", "dalingshan", NULL), "");
    assert_string_equal(step(store_payroll_approve, id, NULL, "city", NULL), "");
    assert_string_equal(step(store_payroll_lock, id, NULL, "city", NULL), "");
}

typedef struct Lines {
    int n;
    PayrollLine line[16];
    Fen total;
} Lines;

static int keep_line(void *ctx, const PayrollLine *l)
{
    Lines *ls = ctx;
    PayrollLine *k = &ls->line[ls->n++];
    *k = *l;
    k->child_name = arena_strdup(a, l->child_name);
    k->category = arena_strdup(a, l->category);
    k->kind = arena_strdup(a, l->kind);
    k->holder_name = arena_strdup(a, l->holder_name);
    k->reason = arena_strdup(a, l->reason);
    k->town = arena_strdup(a, l->town);
    k->town_name = arena_strdup(a, l->town_name);
    ls->total += l->amount;
    return ls->n == 16;
}

static Lines lines_of(long long id)
{
    Lines ls = {0};
    assert_int_equal(store_payroll_lines(s, &SCOPE_ALL, id, NULL, keep_line, &ls), STORE_OK);
    return ls;
}

static const PayrollLine *line_of(const Lines *ls, const char *name)
{
    for (int i = 0; i < ls->n; i++)
        if (strcmp(ls->line[i].child_name, name) == 0) return &ls->line[i];
    fail_msg("no line for %s", name);
    return NULL;
}

/* Two orphans of the welfare centre in 岗贝社区, confirmed before 2023. */
static void two_institution_orphans(void)
{
    fix_child(
        s, a,
        &(FixChild){"机构甲", "20120301", "011", "441900003001", "orphan_institution", {2022, 12, 15}, "institution"});
    fix_child(
        s, a,
        &(FixChild){"机构乙", "20130405", "022", "441900003001", "orphan_institution", {2022, 11, 1}, "institution"});
}

static void one_line_per_paid_child(void **state)
{
    (void)state;
    two_institution_orphans();
    fix_child(s, a, &(FixChild){"普通", "20140101", "033", "441900003001", NULL, {0, 0, 0}, NULL});
    Payroll pr = generated(M(2023, 2), "441900000000");
    assert_true(pr.id > 0);
    assert_string_equal(pr.status, "draft");
    assert_int_equal(pr.lines, 2);
    char buf[MONEY_BUF];
    assert_string_equal(money_format(pr.total, buf), "4034.00"); /* 2 x 2,017 */
    Lines ls = lines_of(pr.id);
    const PayrollLine *l = line_of(&ls, "机构甲");
    assert_string_equal(l->category, "orphan_institution");
    assert_int_equal(l->standard, 201700);
    assert_int_equal(l->months, 1);
    assert_int_equal(l->back_months, 0);
    assert_string_equal(l->holder_name, "东莞市社会福利中心");
    assert_string_equal(l->town_name, "东城街道");
    /* the first payroll fixes the first month Shouhu pays */
    AllowanceRules r;
    assert_int_equal(store_allowance_rules(s, &r), STORE_OK);
    assert_int_equal(r.payroll_start, M(2023, 2));
}

static void the_same_month_twice_pays_nobody_twice(void **state)
{
    (void)state;
    two_institution_orphans();
    Payroll first = generated(M(2023, 2), "441900000000");
    Payroll again = generated(M(2023, 2), "441900000000");
    assert_int_equal(again.id, first.id); /* the draft is made again */
    assert_int_equal(again.lines, 2);
    pay(first.id);
    Payroll none = generated(M(2023, 2), "441900000000");
    assert_int_equal(none.id, 0); /* locked, and nothing is still due */
    /* a child confirmed meanwhile gets a supplementary payroll, alone */
    fix_child(s, a, &(FixChild){"补发丙", "20110606", "044", "441900003002", "orphan_scattered", {2023, 1, 20}, NULL});
    Payroll more = generated(M(2023, 2), "441900000000");
    assert_true(more.id > first.id);
    assert_int_equal(more.lines, 1);
    assert_int_equal(more.total, 135900);
    /* a town's payroll and the city's of the same month share nothing */
    fix_child(s, a, &(FixChild){"大岭山丁", "20100707", "055", "441900118002", "orphan_scattered", {2023, 1, 5}, NULL});
    Payroll town = generated(M(2023, 3), "441900003000");
    assert_int_equal(town.lines, 3); /* 东城's three orphans */
    Payroll city = generated(M(2023, 3), "441900000000");
    Lines ls = lines_of(city.id);
    assert_int_equal(ls.n, 1); /* only 大岭山's, with its February as back pay */
    assert_string_equal(ls.line[0].child_name, "大岭山丁");
    assert_int_equal(ls.line[0].months, 2);
}

static void back_pay_when_confirmation_came_late(void **state)
{
    (void)state;
    two_institution_orphans();
    Payroll feb = generated(M(2023, 2), "441900000000"); /* made before the confirmation below */
    pay(feb.id);
    /* confirmed on 31 January: due from February, which was already paid to the others */
    fix_child(s, a,
              &(FixChild){"迟确认", "20120808", "066", "441900003003", "de_facto_unsupported", {2023, 1, 31}, NULL});
    Payroll mar = generated(M(2023, 3), "441900000000");
    Lines ls = lines_of(mar.id);
    assert_int_equal(ls.n, 3);
    const PayrollLine *l = line_of(&ls, "迟确认");
    assert_int_equal(l->months, 2);
    assert_int_equal(l->back_months, 1);
    assert_int_equal(l->first_month, M(2023, 2));
    assert_int_equal(l->last_month, M(2023, 3));
    assert_int_equal(l->amount, 2 * 135900);
    assert_int_equal(line_of(&ls, "机构甲")->months, 1); /* the others: March only */
    /* confirmed before payroll.start_month: months before it are not paid back */
    fix_child(s, a, &(FixChild){"早确认", "20120909", "077", "441900003003", "orphan_scattered", {2021, 5, 1}, NULL});
    Payroll apr = generated(M(2023, 4), "441900000000");
    ls = lines_of(apr.id);
    l = line_of(&ls, "早确认");
    assert_int_equal(l->first_month, M(2023, 2));
    assert_int_equal(l->months, 3);
}

static void the_workflow_and_who_may_do_it(void **state)
{
    (void)state;
    two_institution_orphans();
    fix_child(s, a, &(FixChild){"大岭山丁", "20100707", "055", "441900118002", "orphan_scattered", {2023, 1, 5}, NULL});
    Payroll pr = generated(M(2023, 2), "441900000000");
    long long id = pr.id;
    assert_string_equal(step(store_payroll_submit, id, "441900003000", "gangbei", NULL),
                        "flow_no_permission payroll_town_only");
    assert_string_equal(step(store_payroll_submit, id, "441900003000", "dalingshan", NULL), "payroll_town_only");
    assert_string_equal(step(store_payroll_submit, id, "441900003000", "nobody", NULL), "no_such_account");
    assert_string_equal(step(store_payroll_approve, id, NULL, "city", NULL), "payroll_state");
    assert_string_equal(step(store_payroll_submit, id, "441900003000", "dongcheng", NULL), "");
    assert_string_equal(step(store_payroll_submit, id, "441900003000", "dongcheng", NULL), "payroll_town_state");
    assert_int_equal(store_payroll_get(s, &SCOPE_ALL, id, &pr, a), STORE_OK);
    assert_string_equal(pr.status, "draft"); /* 大岭山 has not submitted */
    assert_string_equal(step(store_payroll_submit, id, "441900118000", "dalingshan", NULL), "");
    assert_int_equal(store_payroll_get(s, &SCOPE_ALL, id, &pr, a), STORE_OK);
    assert_string_equal(pr.status, "submitted");
    assert_string_equal(step(store_payroll_approve, id, NULL, "dongcheng", NULL),
                        "flow_no_permission payroll_city_only");
    assert_string_equal(step(store_payroll_return, id, "441900118000", "city", NULL), "reason_required");
    assert_string_equal(step(store_payroll_return, id, "441900118000", "city", "监护人信息有误"), "");
    assert_int_equal(store_payroll_get(s, &SCOPE_ALL, id, &pr, a), STORE_OK);
    assert_string_equal(pr.status, "draft");
    assert_string_equal(step(store_payroll_submit, id, "441900118000", "dalingshan", NULL), "");
    assert_string_equal(step(store_payroll_lock, id, NULL, "city", NULL), "payroll_state"); /* not approved yet */
    assert_string_equal(step(store_payroll_approve, id, NULL, "city", NULL), "");
    assert_string_equal(step(store_payroll_lock, id, NULL, "city", NULL), "");
    assert_int_equal(store_payroll_get(s, &SCOPE_ALL, id, &pr, a), STORE_OK);
    assert_string_equal(pr.status, "locked");
    assert_int_equal(pr.paid_on.d, 10);
    /* a town sees the city's payroll, and only its own lines of it */
    Scope dongcheng = {"441900003"};
    assert_int_equal(store_payroll_get(s, &dongcheng, id, &pr, a), STORE_OK);
    assert_int_equal(pr.lines, 2);
}

static void a_locked_payroll_never_changes(void **state)
{
    (void)state;
    two_institution_orphans();
    Payroll pr = generated(M(2023, 2), "441900000000");
    pay(pr.id);
    assert_string_equal(step(store_payroll_discard, pr.id, NULL, "city", NULL), "payroll_locked");
    assert_string_equal(step(store_payroll_return, pr.id, "441900003000", "city", "x"), "payroll_locked");
    Problems p;
    problems_init(&p, a);
    long long child = lines_of(pr.id).line[0].child_id, line;
    PayrollAdjustment adj = {pr.id, child, M(2023, 2), -100, NULL, "更正", &FIX_CHANGE};
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_payroll_adjust(s, &adj, &line, &p), STORE_INVALID);
    store_rollback(s);
    assert_string_equal(fix_codes(&p, a), "payroll_locked");
    /* not even behind Shouhu's back */
    sqlite3 *db;
    char path[256];
    snprintf(path, sizeof path, "%s/payroll.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE payroll_line SET amount_fen = 1", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM payroll_line", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM payroll_paid", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE payroll SET status = 'draft'", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM payroll", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void corrections_are_adjustments_in_a_later_month(void **state)
{
    (void)state;
    two_institution_orphans();
    Payroll feb = generated(M(2023, 2), "441900000000");
    pay(feb.id);
    Payroll mar = generated(M(2023, 3), "441900000000");
    Lines ls = lines_of(mar.id);
    long long child = line_of(&ls, "机构甲")->child_id;
    long long line;
    PayrollAdjustment adj = {mar.id, child, M(2023, 2), -201700, NULL, "2月重复发放，追回", &FIX_CHANGE};
    Problems p;
    problems_init(&p, a);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_payroll_adjust(s, &adj, &line, &p), STORE_OK);
    PayrollAdjustment bad = {mar.id, child, M(2023, 2), 0, NULL, " ", &FIX_CHANGE};
    assert_int_equal(store_payroll_adjust(s, &bad, &line, &p), STORE_INVALID);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_string_equal(fix_codes(&p, a), "adjustment_zero reason_required");
    Payroll pr;
    assert_int_equal(store_payroll_get(s, &SCOPE_ALL, mar.id, &pr, a), STORE_OK);
    assert_int_equal(pr.lines, 3);
    assert_int_equal(pr.children, 2);
    assert_int_equal(pr.total, 2 * 201700 - 201700);
    ls = lines_of(mar.id);
    assert_string_equal(ls.line[1].kind, "adjustment"); /* right after the child's regular line */
    assert_string_equal(ls.line[1].reason, "2月重复发放，追回");
    assert_string_equal(ls.line[1].category, "orphan_institution"); /* what February paid */
    /* making the draft again keeps the adjustment */
    Payroll again = generated(M(2023, 3), "441900000000");
    assert_int_equal(again.id, mar.id);
    assert_int_equal(again.lines, 3);
    assert_int_equal(again.total, 201700);
}

static void a_discarded_draft_frees_its_months(void **state)
{
    (void)state;
    two_institution_orphans();
    Payroll pr = generated(M(2023, 2), "441900000000");
    assert_string_equal(step(store_payroll_discard, pr.id, NULL, "gangbei", NULL), "flow_no_permission out_of_scope");
    assert_string_equal(step(store_payroll_discard, pr.id, NULL, "city", NULL), "");
    Payroll again = generated(M(2023, 2), "441900000000");
    assert_true(again.id > pr.id);
    assert_int_equal(again.lines, 2);
}

static void refused_requests(void **state)
{
    (void)state;
    two_institution_orphans();
    Payroll pr;
    const char *codes;
    assert_int_equal(generate(M(2023, 8), "441900000000", &pr, &codes), STORE_INVALID);
    assert_string_equal(codes, "payroll_too_early");
    assert_int_equal(generate(M(2023, 2), "441900003001", &pr, &codes), STORE_INVALID);
    assert_string_equal(codes, "payroll_area");
    generated(M(2023, 2), "441900000000");
    assert_int_equal(generate(M(2023, 1), "441900000000", &pr, &codes), STORE_INVALID);
    assert_string_equal(codes, "payroll_before_start");
    Payroll feb = generated(M(2023, 2), "441900000000");
    assert_string_equal(step(store_payroll_submit, feb.id, "441900003000", "dongcheng", NULL), "");
    assert_int_equal(generate(M(2023, 2), "441900000000", &pr, &codes), STORE_INVALID);
    assert_string_equal(codes, "payroll_in_approval");
}

static void issues_are_reported(void **state)
{
    (void)state;
    /* de facto unsupported has no standard in 2020 */
    assert_int_equal(store_begin(s), STORE_OK);
    Problems p;
    problems_init(&p, a);
    assert_int_equal(store_allowance_setting_set(s, "payroll.start_month", "2020-06", &p), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    fix_child(s, a,
              &(FixChild){"二〇年", "20120101", "088", "441900003001", "de_facto_unsupported", {2020, 5, 1}, NULL});
    Payroll pr;
    const char *codes;
    assert_int_equal(generate(M(2020, 7), "441900000000", &pr, &codes), STORE_OK);
    assert_string_equal(issues_seen, "no_standard");
    assert_int_equal(pr.id, 0);
}

static int add_fund(void *ctx, const PayrollLine *l)
{
    fund_table_add(ctx, l->town, l->town_name, l->category, strcmp(l->kind, "regular") == 0, l->amount);
    return 0;
}

static void totals_by_town_and_category(void **state)
{
    (void)state;
    two_institution_orphans();
    fix_child(s, a, &(FixChild){"大岭山丁", "20100707", "055", "441900118002", "orphan_scattered", {2023, 1, 5}, NULL});
    fix_child(s, a, &(FixChild){"大岭山戊", "20100808", "066", "441900118002", "hiv", {2022, 1, 5}, NULL});
    Payroll pr = generated(M(2023, 2), "441900000000");
    FundTable t;
    fund_table_init(&t, a);
    assert_int_equal(store_payroll_lines(s, &SCOPE_ALL, pr.id, NULL, add_fund, &t), STORE_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.rows[0].town_name, "东城街道");
    assert_int_equal(t.rows[0].by_category[FUND_INSTITUTION], 2);
    assert_int_equal(t.rows[1].by_category[FUND_SCATTERED], 1);
    assert_int_equal(t.rows[1].by_category[FUND_HIV], 1);
    assert_int_equal(t.total.persons, 4);
    assert_int_equal(t.total.funds, pr.total);
    assert_int_equal(t.total.funds, 2 * 201700 + 2 * 135900);
}

/* Every cell of the first worksheet of PATH, rows joined by newlines and cells by tabs, in A. */
static const char *sheet_text(const char *path)
{
    Problems p;
    problems_init(&p, a);
    SheetReader *r = sheet_open(path, &p);
    if (!r) fail_msg("cannot read %s: %s", path, p.head ? p.head->text[LANG_EN] : "?");
    char *out = arena_strdup(a, "");
    SheetRow row;
    while (sheet_next(r, &row) == 1) {
        for (int i = 0; i < row.n; i++) out = arena_printf(a, "%s%s%s", out, i ? "\t" : "", row.cells[i]);
        out = arena_printf(a, "%s\n", out);
    }
    sheet_close(r);
    return out;
}

static void excel_exports_read_back(void **state)
{
    (void)state;
    two_institution_orphans();
    fix_child(s, a, &(FixChild){"大岭山丁", "20100707", "055", "441900118002", "orphan_scattered", {2023, 1, 5}, NULL});
    Payroll pr = generated(M(2023, 2), "441900000000");
    char path[256];
    snprintf(path, sizeof path, "%s/bank.xlsx", dir);
    PayrollExport ex;
    char *err = NULL;
    assert_true(payroll_xlsx_write(s, &SCOPE_ALL, &pr, PAYROLL_SHEET_BANK, path, &ex, &err));
    assert_int_equal(ex.rows, 3);
    assert_int_equal(ex.total, 2 * 201700 + 135900);
    const char *text = sheet_text(path);
    assert_non_null(strstr(text, "2023年2月东莞市孤儿、事实无人抚养儿童、艾滋病病毒感染儿童基本生活费银行代发清单"));
    assert_non_null(strstr(text, "序号\t镇街\t村（社区）\t儿童姓名\t儿童身份证号"));
    assert_non_null(strstr(text, "机构甲"));
    assert_non_null(strstr(text, "东莞市社会福利中心"));
    assert_non_null(strstr(text, "合计（3人）"));
    assert_non_null(strstr(text, "5393")); /* 4,034 + 1,359, a number in the sheet */
    snprintf(path, sizeof path, "%s/fund.xlsx", dir);
    assert_true(payroll_xlsx_write(s, &SCOPE_ALL, &pr, PAYROLL_SHEET_FUND, path, &ex, &err));
    assert_int_equal(ex.rows, 2);
    text = sheet_text(path);
    assert_non_null(strstr(text, "实发人数"));
    assert_non_null(strstr(text, "艾滋病病毒感染儿童数"));
    assert_non_null(strstr(text, "1\t东城街道\t2\t2\t2\t0\t0\t0\t4034\t4034\t0\t0"));
    assert_non_null(strstr(text, "合计\t\t3\t3\t2\t1\t0\t0\t5393"));
    /* a town's view: its own lines only */
    Scope dongcheng = {"441900003"};
    snprintf(path, sizeof path, "%s/town.xlsx", dir);
    assert_true(payroll_xlsx_write(s, &dongcheng, &pr, PAYROLL_SHEET_BANK, path, &ex, &err));
    assert_int_equal(ex.rows, 2);
    /* a directory that does not exist: an error, no file */
    assert_false(payroll_xlsx_write(s, &SCOPE_ALL, &pr, PAYROLL_SHEET_BANK, "/nonexistent/x.xlsx", &ex, &err));
    assert_non_null(err);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_line_per_paid_child, setup, teardown),
        cmocka_unit_test_setup_teardown(the_same_month_twice_pays_nobody_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(back_pay_when_confirmation_came_late, setup, teardown),
        cmocka_unit_test_setup_teardown(the_workflow_and_who_may_do_it, setup, teardown),
        cmocka_unit_test_setup_teardown(a_locked_payroll_never_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(corrections_are_adjustments_in_a_later_month, setup, teardown),
        cmocka_unit_test_setup_teardown(a_discarded_draft_frees_its_months, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(issues_are_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(totals_by_town_and_category, setup, teardown),
        cmocka_unit_test_setup_teardown(excel_exports_read_back, setup, teardown),
    };
    return cmocka_run_group_tests_name("payroll", tests, NULL, NULL);
}
