/*
** The allowance rules without a database: standards with pegging and the
** provincial minimum, the first and last paid month, what a child is due
** for a month (one basic-living category, the age limit, 差额), the
** settings, working days, the category procedure's actors, whose turn it is
** to settle an adult orphan, and the fund table's sums.
*/
#include "testutil.h"
#include "domain/allowance.h"
#include "domain/category_flow.h"
#include "domain/payroll.h"
#include "domain/rotation.h"
#include "domain/workdays.h"

static Arena *arena;

static int setup(void **state)
{
    (void)state;
    arena = arena_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_free(arena);
    return 0;
}

static Month M(int y, int m) { return month_make(y, m); }

/* Guangdong's minimums as sql/003_allowances.sql seeds them. */
static const StandardRow GUANGDONG[] = {
    {1, "orphan_institution", 24240, STANDARD_PROVINCE, 182000, NULL, NULL, NULL, NULL},
    {2, "orphan_institution", 24252, STANDARD_PROVINCE, 188300, NULL, NULL, NULL, NULL},
    {3, "orphan_institution", 24264, STANDARD_PROVINCE, 194900, NULL, NULL, NULL, NULL},
    {4, "orphan_institution", 24276, STANDARD_PROVINCE, 201700, NULL, NULL, NULL, NULL},
    {5, "orphan_scattered", 24240, STANDARD_PROVINCE, 111000, NULL, NULL, NULL, NULL},
    {6, "orphan_scattered", 24252, STANDARD_PROVINCE, 122700, NULL, NULL, NULL, NULL},
    {7, "orphan_scattered", 24264, STANDARD_PROVINCE, 131300, NULL, NULL, NULL, NULL},
    {8, "orphan_scattered", 24276, STANDARD_PROVINCE, 135900, NULL, NULL, NULL, NULL},
    {9, "hiv", 24240, STANDARD_PROVINCE, 0, "orphan_scattered", NULL, NULL, NULL},
    {10, "de_facto_unsupported", 24252, STANDARD_PROVINCE, 0, "orphan_scattered", NULL, NULL, NULL},
};
static const Standards GD = {GUANGDONG, sizeof GUANGDONG / sizeof *GUANGDONG};

static Fen standard(const Standards *s, const char *cat, Month m)
{
    StandardValue v;
    return standard_resolve(s, cat, m, &v) ? v.amount : -1;
}

static void month_numbers_match_the_seed(void **state)
{
    (void)state;
    assert_int_equal(M(2020, 1), 24240);
    assert_int_equal(M(2023, 1), 24276);
}

static void guangdong_minimums(void **state)
{
    (void)state;
    assert_int_equal(standard(&GD, "orphan_institution", M(2022, 6)), 194900); /* the seed's 1,949 */
    assert_int_equal(standard(&GD, "orphan_institution", M(2023, 2)), 201700); /* and 2,017 */
    assert_int_equal(standard(&GD, "orphan_scattered", M(2021, 12)), 122700);
    assert_int_equal(standard(&GD, "hiv", M(2020, 5)), 111000);                  /* the scattered-orphan rate */
    assert_int_equal(standard(&GD, "de_facto_unsupported", M(2023, 2)), 135900); /* pegged */
    assert_int_equal(standard(&GD, "de_facto_unsupported", M(2020, 5)), -1);     /* no minimum in 2020 */
    assert_int_equal(standard(&GD, "orphan_institution", M(2019, 12)), -1);
    StandardValue v;
    assert_true(standard_resolve(&GD, "de_facto_unsupported", M(2023, 2), &v));
    assert_string_equal(v.pegged_to, "orphan_scattered");
    assert_int_equal(v.minimum, 135900);
}

static void city_standards_and_pegs(void **state)
{
    (void)state;
    StandardRow rows[16];
    memcpy(rows, GUANGDONG, sizeof GUANGDONG);
    int n = GD.n;
    /* Dongguan pays scattered orphans 1,500 from July 2023: the pegged categories follow */
    rows[n++] = (StandardRow){11, "orphan_scattered", M(2023, 7), STANDARD_CITY, 150000, NULL, NULL, NULL, NULL};
    Standards s = {rows, n};
    assert_int_equal(standard(&s, "orphan_scattered", M(2023, 6)), 135900);
    assert_int_equal(standard(&s, "orphan_scattered", M(2023, 7)), 150000);
    assert_int_equal(standard(&s, "de_facto_unsupported", M(2023, 7)), 150000);
    assert_int_equal(standard(&s, "hiv", M(2023, 8)), 150000);
    StandardValue v;
    standard_resolve(&s, "de_facto_unsupported", M(2023, 7), &v);
    assert_int_equal(v.minimum, 135900); /* the minimum stays the province's */
    /* a later provincial minimum above the city's standard wins */
    rows[n++] = (StandardRow){12, "orphan_scattered", M(2024, 1), STANDARD_PROVINCE, 160000, NULL, NULL, NULL, NULL};
    s.n = n;
    assert_int_equal(standard(&s, "orphan_scattered", M(2024, 1)), 160000);
    /* a row set again for the same start supersedes the earlier one */
    rows[n++] = (StandardRow){13, "orphan_scattered", M(2023, 7), STANDARD_CITY, 155000, NULL, NULL, NULL, NULL};
    s.n = n;
    assert_int_equal(standard(&s, "orphan_scattered", M(2023, 9)), 155000);
}

static void below_the_minimum_is_refused(void **state)
{
    (void)state;
    Problems p;
    problems_init(&p, arena);
    StandardRow low = {0, "orphan_institution", M(2023, 3), STANDARD_CITY, 200000, NULL, NULL, NULL, NULL};
    assert_false(standard_check(&GD, &low, &p, arena));
    assert_string_equal(p.head->code, "below_minimum");
    assert_non_null(strstr(p.head->text[LANG_ZH], "2023-03起机构集中养育孤儿每人每月不低于2017.00元"));
    assert_non_null(strstr(p.head->text[LANG_EN], "at least 2017.00 yuan"));
    problems_init(&p, arena);
    low.category = "de_facto_unsupported"; /* its minimum is the one it follows */
    low.amount = 135800;
    assert_false(standard_check(&GD, &low, &p, arena));
    assert_non_null(strstr(p.head->text[LANG_ZH], "1359.00"));
    problems_init(&p, arena);
    StandardRow ok = {0, "orphan_institution", M(2023, 3), STANDARD_CITY, 201700, NULL, NULL, NULL, NULL};
    assert_true(standard_check(&GD, &ok, &p, arena));
    StandardRow loop = {0, "orphan_scattered", M(2023, 3), STANDARD_PROVINCE, 0, "hiv", NULL, NULL, NULL};
    assert_false(standard_check(&GD, &loop, &p, arena)); /* hiv follows scattered orphans already */
    assert_string_equal(p.tail->code, "peg_loop");
    StandardRow other = {0, "left_behind", M(2023, 3), STANDARD_CITY, 10000, NULL, NULL, NULL, NULL};
    assert_false(standard_check(&GD, &other, &p, arena));
    assert_string_equal(p.tail->code, "not_basic_living");
}

static void first_and_last_paid_month(void **state)
{
    (void)state;
    AllowanceRules r = ALLOWANCE_RULES_DEFAULT;
    Month first, last;
    /* confirmed on the 31st: paid from the next month */
    pay_months(&r, (Date){2023, 1, 31}, DATE_NONE, &first, &last);
    assert_int_equal(first, M(2023, 2));
    assert_int_equal(last, MONTH_NONE);
    /* the 18th birthday on the 1st ends eligibility that day: June is paid, July is not */
    pay_months(&r, (Date){2020, 1, 1}, (Date){2023, 6, 1}, &first, &last);
    assert_int_equal(last, M(2023, 6));
    r.first_month = FIRST_CONFIRMATION_MONTH;
    r.last_month = LAST_MONTH_OF_END;
    pay_months(&r, (Date){2023, 1, 31}, (Date){2023, 6, 1}, &first, &last);
    assert_int_equal(first, M(2023, 1));
    assert_int_equal(last, M(2023, 5));
}

static Child orphan(Date birth, const char *code, Date from, const char *status)
{
    Child c = {0};
    c.name = "测试";
    c.birth_date = birth;
    c.status = "active";
    c.categories = arena_alloc(arena, 4 * sizeof *c.categories);
    c.categories[0] = (Category){code, from, DATE_NONE, status, NULL};
    c.n_categories = 1;
    return c;
}

static DueRc due(const Child *c, Month m, const AllowanceRules *r, MonthDue *out)
{
    return allowance_due(c, m, r, &GD, out);
}

static void what_a_child_is_due(void **state)
{
    (void)state;
    AllowanceRules r = ALLOWANCE_RULES_DEFAULT;
    MonthDue d;
    Child c = orphan((Date){2005, 6, 1}, "orphan_scattered", (Date){2023, 1, 31}, "approved");
    assert_int_equal(due(&c, M(2023, 1), &r, &d), DUE_NO);
    assert_int_equal(due(&c, M(2023, 2), &r, &d), DUE_YES);
    assert_int_equal(d.amount, 135900);
    assert_string_equal(d.category, "orphan_scattered");
    /* 18 on 1 June 2023, not recorded as ended: June is still paid, July not */
    assert_int_equal(due(&c, M(2023, 6), &r, &d), DUE_YES);
    assert_int_equal(due(&c, M(2023, 7), &r, &d), DUE_NO);
    /* in full-time school: it goes on */
    c.enrolment = "in_school";
    assert_int_equal(due(&c, M(2023, 7), &r, &d), DUE_YES);
    r.eligibility.adults_in_school_keep = false;
    assert_int_equal(due(&c, M(2023, 7), &r, &d), DUE_NO);
    r = ALLOWANCE_RULES_DEFAULT;
    /* applied only: nothing */
    c.categories[0].status = "applied";
    assert_int_equal(due(&c, M(2023, 3), &r, &d), DUE_NO);
    /* ended: paid up to the month of its end, for back pay */
    c.categories[0] = (Category){"orphan_scattered", {2022, 1, 1}, {2023, 3, 15}, "ended", NULL};
    assert_int_equal(due(&c, M(2023, 3), &r, &d), DUE_YES);
    assert_int_equal(due(&c, M(2023, 4), &r, &d), DUE_NO);
    /* not active (deceased, adopted): nothing */
    c.categories[0] = (Category){"orphan_scattered", {2022, 1, 1}, DATE_NONE, "approved", NULL};
    c.status = "adopted";
    assert_int_equal(due(&c, M(2023, 3), &r, &d), DUE_NO);
}

static void one_basic_living_category(void **state)
{
    (void)state;
    AllowanceRules r = ALLOWANCE_RULES_DEFAULT;
    MonthDue d;
    Child c = orphan((Date){2012, 1, 1}, "hiv", (Date){2021, 1, 1}, "approved");
    c.categories[c.n_categories++] = (Category){"de_facto_unsupported", {2022, 5, 1}, DATE_NONE, "approved", NULL};
    assert_int_equal(due(&c, M(2022, 5), &r, &d), DUE_YES);
    assert_string_equal(d.category, "hiv"); /* de facto is paid from June, the month after */
    assert_int_equal(due(&c, M(2022, 6), &r, &d), DUE_YES);
    assert_string_equal(d.category, "de_facto_unsupported");
    c.categories[c.n_categories++] = (Category){"orphan_institution", {2022, 8, 10}, DATE_NONE, "approved", NULL};
    assert_int_equal(due(&c, M(2022, 9), &r, &d), DUE_YES);
    assert_string_equal(d.category, "orphan_institution");
    assert_int_equal(d.amount, 194900);
    /* no standard for de facto unsupported in 2020 */
    Child e = orphan((Date){2012, 1, 1}, "de_facto_unsupported", (Date){2020, 3, 1}, "approved");
    assert_int_equal(due(&e, M(2020, 5), &r, &d), DUE_NO_STANDARD);
    assert_string_equal(d.category, "de_facto_unsupported");
}

static void the_difference_for_dibao_children(void **state)
{
    (void)state;
    AllowanceRules r = ALLOWANCE_RULES_DEFAULT;
    MonthDue d;
    Child c = orphan((Date){2012, 1, 1}, "de_facto_unsupported", (Date){2022, 5, 1}, "approved");
    c.categories[c.n_categories++] = (Category){"dibao", {2021, 1, 1}, DATE_NONE, "approved", NULL};
    assert_int_equal(due(&c, M(2023, 2), &r, &d), DUE_YES);
    assert_int_equal(d.amount, 135900); /* off by default */
    r.difference = true;
    assert_int_equal(due(&c, M(2023, 2), &r, &d), DUE_NO_DIFFERENCE_AMOUNT);
    r.dibao_monthly = 80000;
    assert_int_equal(due(&c, M(2023, 2), &r, &d), DUE_YES);
    assert_int_equal(d.deduction, 80000);
    assert_int_equal(d.amount, 55900);
    r.dibao_monthly = 200000; /* never below zero */
    assert_int_equal(due(&c, M(2023, 2), &r, &d), DUE_YES);
    assert_int_equal(d.amount, 0);
}

static void settings(void **state)
{
    (void)state;
    AllowanceRules r = ALLOWANCE_RULES_DEFAULT;
    Problems p;
    problems_init(&p, arena);
    assert_string_equal(allowance_rules_get(&r, "allowance.first_month", arena), "after_confirmation");
    assert_string_equal(allowance_rules_get(&r, "allowance.difference", arena), "off");
    assert_string_equal(allowance_rules_get(&r, "adult_orphans.subsidy", arena), "130000.00");
    assert_string_equal(allowance_rules_get(&r, "aid.dibao_deductible", arena), "4000.00");
    assert_string_equal(allowance_rules_get(&r, "payroll.start_month", arena), "");
    assert_true(allowance_rules_set(&r, "allowance.first_month", "confirmation_month", &p));
    assert_int_equal(r.first_month, FIRST_CONFIRMATION_MONTH);
    assert_true(allowance_rules_set(&r, "allowance.stop_from", "end_month", &p));
    assert_int_equal(r.last_month, LAST_MONTH_OF_END);
    assert_true(allowance_rules_set(&r, "allowance.difference", "on", &p));
    assert_true(r.difference);
    assert_true(allowance_rules_set(&r, "allowance.dibao_monthly", "1230.50", &p));
    assert_int_equal(r.dibao_monthly, 123050);
    assert_true(allowance_rules_set(&r, "payroll.start_month", "2023-01", &p));
    assert_int_equal(r.payroll_start, M(2023, 1));
    assert_true(allowance_rules_set(&r, "allowance.verify_workdays", "20", &p));
    assert_int_equal(p.count, 0);
    assert_false(allowance_rules_set(&r, "allowance.first_month", "tomorrow", &p));
    assert_false(allowance_rules_set(&r, "allowance.dibao_monthly", "1230.505", &p));
    assert_false(allowance_rules_set(&r, "allowance.verify_workdays", "0", &p));
    assert_false(allowance_rules_set(&r, "no.such", "1", &p));
    assert_int_equal(p.count, 4);
    assert_int_equal(r.verify_workdays, 20); /* unchanged by the refusals */
}

/* 2023's calendar as the migration seeds it (the part around the Spring Festival). */
static const long HOLIDAYS_2023[] = {19359, 19380, 19381, 19382, 19383, 19384}; /* 01-02, 01-23..27 */
static const long WORKDAYS_2023[] = {19385, 19386};                             /* 01-28, 01-29 */

static void working_days(void **state)
{
    (void)state;
    assert_int_equal(date_to_days((Date){2023, 1, 23}), 19380);
    WorkCalendar cal = {HOLIDAYS_2023, 6, WORKDAYS_2023, 2};
    Date fri = {2023, 1, 20};
    Date d = workdays_after(&WORK_CALENDAR_PLAIN, fri, 1);
    assert_int_equal(d.d, 23); /* Monday */
    d = workdays_after(&cal, fri, 1);
    assert_int_equal(d.d, 28); /* the Saturday worked after the Spring Festival */
    d = workdays_after(&cal, fri, 3);
    assert_int_equal(d.m, 1);
    assert_int_equal(d.d, 30);
    assert_int_equal(workdays_between(&cal, fri, (Date){2023, 1, 31}), 4); /* 28, 29, 30, 31 */
    assert_int_equal(workdays_between(&cal, (Date){2023, 1, 31}, fri), 0);
    assert_false(workday_is(&cal, (Date){2023, 1, 2}));
    assert_true(workday_is(&cal, (Date){2023, 1, 29}));
    assert_false(workday_is(&cal, (Date){2023, 2, 4}));
    /* 15 working days from an application on Wednesday 1 March 2023 */
    AllowanceRules r = ALLOWANCE_RULES_DEFAULT;
    Date due = flow_due(FLOW_VERIFY, (Date){2023, 3, 1}, &r, &cal);
    assert_int_equal(due.m, 3);
    assert_int_equal(due.d, 22);
    assert_int_equal(flow_late_by(&cal, due, (Date){2023, 3, 22}), 0);
    assert_int_equal(flow_late_by(&cal, due, (Date){2023, 3, 24}), 2);
}

static void who_may_act(void **state)
{
    (void)state;
    Problems p;
    problems_init(&p, arena);
    FlowActor town = {"dc", "town_supervisor", true, false, "441900003000", "东城街道", 2, "441900003"};
    FlowActor city = {"city", "city_staff", true, false, "441900000000", "东莞市", 1, "441900"};
    FlowActor village = {"gb", "village_director", true, false, "441900003001", "岗贝社区", 3, "441900003001"};
    assert_true(flow_may_act(FLOW_APPLY, &village, "441900003001", &p));
    assert_true(flow_may_act(FLOW_VERIFY, &town, "441900003001", &p));
    assert_true(flow_may_act(FLOW_CONFIRM, &city, "441900003001", &p));
    assert_int_equal(p.count, 0);
    assert_false(flow_may_act(FLOW_VERIFY, &city, "441900003001", &p)); /* the town verifies */
    assert_string_equal(p.tail->code, "flow_town_only");
    assert_false(flow_may_act(FLOW_CONFIRM, &town, "441900003001", &p)); /* the city confirms */
    assert_string_equal(p.tail->code, "flow_city_only");
    assert_false(flow_may_act(FLOW_VERIFY, &town, "441900118001", &p)); /* another town's child */
    assert_string_equal(p.tail->code, "out_of_scope");
    FlowActor no_perm = town;
    no_perm.has_permission = false;
    assert_false(flow_may_act(FLOW_VERIFY, &no_perm, "441900003001", &p));
    assert_string_equal(p.tail->code, "flow_no_permission");
    /* payrolls: a town submits its own part, the city approves */
    problems_init(&p, arena);
    assert_true(payroll_may_act(PAYROLL_SUBMIT, &town, "441900", "441900003000", &p));
    assert_false(payroll_may_act(PAYROLL_SUBMIT, &town, "441900", "441900118000", &p));
    assert_false(payroll_may_act(PAYROLL_APPROVE, &town, "441900", NULL, &p));
    assert_true(payroll_may_act(PAYROLL_APPROVE, &city, "441900", NULL, &p));
    assert_int_equal(p.count, 2);
}

static void whose_turn(void **state)
{
    (void)state;
    RotationTown towns[] = {{
                                "a",
                                "甲",
                                2,
                            },
                            {"b", "乙", 2},
                            {"c", "丙", 1},
                            {"d", "丁", 1}};
    assert_int_equal(rotation_next(towns, 4, "b"), 2); /* in turn */
    assert_int_equal(rotation_next(towns, 4, "c"), 3);
    towns[2].settled = 2;
    assert_int_equal(rotation_next(towns, 4, "c"), 3); /* d has the fewest */
    towns[3].settled = 2;
    assert_int_equal(rotation_next(towns, 4, "d"), 0); /* round again */
    towns[0].settled = 3;                              /* a settled out of turn */
    assert_int_equal(rotation_next(towns, 4, "a"), 1);
    assert_int_equal(rotation_next(towns, 4, NULL), 1);
    RotationTown fresh[] = {{"a", "甲", 0}, {"b", "乙", 0}};
    assert_int_equal(rotation_next(fresh, 2, NULL), 0);
    assert_int_equal(rotation_next(fresh, 0, NULL), -1);
    assert_true(rotation_takes_turns("street"));
    assert_false(rotation_takes_turns("zone"));
}

static void fund_table_sums(void **state)
{
    (void)state;
    FundTable t;
    fund_table_init(&t, arena);
    fund_table_add(&t, "441900003000", "东城街道", "orphan_institution", true, 201700);
    fund_table_add(&t, "441900003000", "东城街道", "orphan_institution", true, 201700);
    fund_table_add(&t, "441900003000", "东城街道", "orphan_institution", false, -201700); /* an adjustment */
    fund_table_add(&t, "441900118000", "大岭山镇", "de_facto_unsupported", true, 271800);
    fund_table_add(&t, "441900118000", "大岭山镇", "hiv", true, 135900);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.rows[0].persons, 2);
    assert_int_equal(t.rows[0].funds, 201700);
    assert_int_equal(t.rows[1].by_category[FUND_DE_FACTO], 1);
    assert_int_equal(t.rows[1].by_category[FUND_HIV], 1);
    assert_int_equal(t.total.persons, 4);
    assert_int_equal(t.total.funds, 609400);
    assert_int_equal(t.total.funds_by_category[FUND_INSTITUTION], 201700);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(month_numbers_match_the_seed),
        cmocka_unit_test(guangdong_minimums),
        cmocka_unit_test(city_standards_and_pegs),
        cmocka_unit_test(below_the_minimum_is_refused),
        cmocka_unit_test(first_and_last_paid_month),
        cmocka_unit_test(what_a_child_is_due),
        cmocka_unit_test(one_basic_living_category),
        cmocka_unit_test(the_difference_for_dibao_children),
        cmocka_unit_test(settings),
        cmocka_unit_test(working_days),
        cmocka_unit_test(who_may_act),
        cmocka_unit_test(whose_turn),
        cmocka_unit_test(fund_table_sums),
    };
    return cmocka_run_group_tests_name("allowance", tests, setup, teardown);
}
