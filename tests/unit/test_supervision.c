/*
** Supervision (issue #7) on small hand-made records where the answer is
** known: the data-quality rules (missing fields, ID numbers, active adults,
** the duplicate key), the coverage findings (uncovered, starting within a
** horizon), and the overdue sources with a database (a stale record by the
** setting, a child turning 18 within the horizon, an application the town
** has not verified in time), each item naming its record and who acts.
*/
#include "allowance_fixtures.h"
#include "domain/eligibility.h"
#include "domain/quality.h"
#include "store/store_overdue.h"

static const Date TODAY = {2023, 6, 1};

TEST_DB_FIXTURE_THEN("supervision", fix_accounts(s))

/* ---- data quality ---- */

typedef struct Found {
    char text[512];   /* "code:field " for each finding */
} Found;

static int note(void *ctx, const QualityFinding *f)
{
    Found *x = ctx;
    size_t n = strlen(x->text);
    snprintf(x->text + n, sizeof x->text - n, "%s:%s ", f->code, f->field);
    return 0;
}

static const char *findings(const Child *c, Date today)
{
    static Found x;
    x.text[0] = '\0';
    quality_check(c, today, note, &x, a);
    return x.text;
}

static Child complete_child(void)
{
    Child c = {0};
    c.name = "张一";
    c.id_number = test_id(arena_alloc(a, 19), "441900", "20150301", "121");
    c.birth_date = (Date){2015, 3, 1};
    c.sex = "male";
    c.area = "441900003001";
    c.address = "岗贝路1号";
    c.status = "active";
    c.father = (Person){.name = "张父", .situation = "normal"};
    c.mother = (Person){.name = "张母", .situation = "working_away"};
    c.guardian = (Person){.name = "张父", .phone = "13800000000", .relation = "father"};
    return c;
}

static void quality_rules(void **state)
{
    (void)state;
    Child c = complete_child();
    assert_string_equal(findings(&c, TODAY), "");
    c.id_number = NULL;
    c.guardian.phone = "";
    c.mother.situation = NULL;
    assert_string_equal(findings(&c, TODAY), "missing:id_number missing:mother.situation missing:guardian.phone ");
    /* a guardian's ID number with a wrong check character */
    c = complete_child();
    char bad[19];
    test_id(bad, "441900", "19800101", "011");
    bad[17] = bad[17] == '1' ? '2' : '1';
    c.guardian.id_number = bad;
    assert_string_equal(findings(&c, TODAY), "id_invalid:guardian.id_number ");
    /* 18 on 2033-03-01: active then is a finding, unless an orphan in school */
    c = complete_child();
    assert_string_equal(findings(&c, (Date){2033, 2, 28}), "");
    assert_string_equal(findings(&c, (Date){2033, 3, 1}), "adult_active:birth_date ");
    Category orphan = {"orphan_scattered", {2020, 1, 1}, DATE_NONE, "approved", NULL};
    c.categories = &orphan;
    c.n_categories = 1;
    c.enrolment = "in_school";
    assert_string_equal(findings(&c, (Date){2033, 3, 1}), "");
    c.status = "aged_out";
    c.enrolment = NULL;
    assert_string_equal(findings(&c, (Date){2033, 3, 1}), "");
}

static void duplicate_key(void **state)
{
    (void)state;
    Child x = complete_child(), y = complete_child();
    y.id_number = NULL;   /* the same child recorded again without the ID number */
    assert_string_equal(quality_duplicate_key(&x, a), quality_duplicate_key(&y, a));
    assert_string_equal(quality_duplicate_key(&x, a), "张一|2015-03-01|张父|张母");
    y.mother.name = "李母";   /* another child of the same name and day */
    assert_string_not_equal(quality_duplicate_key(&x, a), quality_duplicate_key(&y, a));
    y = complete_child();
    y.birth_date = (Date){2015, 3, 2};
    assert_string_not_equal(quality_duplicate_key(&x, a), quality_duplicate_key(&y, a));
}

/* ---- coverage ---- */

static const Judgement *judged(const Child *c, Date on, const char *category, EligibilityResult *r)
{
    eligibility_evaluate(c, on, &ELIGIBILITY_RULES_DEFAULT, r, a);
    const Judgement *j = eligibility_find(r, category);
    assert_non_null(j);
    return j;
}

static void coverage_findings(void **state)
{
    (void)state;
    /* both parents dead, no category: uncovered as a scattered orphan */
    Child c = complete_child();
    c.father = (Person){.name = "张父", .situation = "dead", .situation_since = {2019, 1, 1}};
    c.mother = (Person){.name = "张母", .situation = "dead", .situation_since = {2021, 3, 1}};
    EligibilityResult r;
    const Judgement *j = judged(&c, TODAY, "orphan_scattered", &r);
    assert_true(eligibility_uncovered(&r, j));
    assert_int_equal(date_cmp(j->from, (Date){2021, 3, 1}), 0);
    /* applied for: no longer a gap */
    Category applied = {"orphan_scattered", {2023, 5, 1}, DATE_NONE, "applied", NULL};
    c.categories = &applied;
    c.n_categories = 1;
    j = judged(&c, TODAY, "orphan_scattered", &r);
    assert_false(eligibility_uncovered(&r, j));
    /* ended: a gap again */
    applied.status = "ended";
    applied.to = (Date){2023, 5, 20};
    j = judged(&c, TODAY, "orphan_scattered", &r);
    assert_true(eligibility_uncovered(&r, j));

    /* a father out of contact since 2023-01-15, the mother dead: de facto unsupported once
       the contact has been lost for the threshold's 6 months, ahead of TODAY */
    c = complete_child();
    c.father = (Person){.name = "张父", .situation = "lost_contact", .situation_since = {2023, 1, 15}};
    c.mother = (Person){.name = "张母", .situation = "dead", .situation_since = {2021, 3, 1}};
    j = judged(&c, TODAY, "de_facto_unsupported", &r);
    if (!date_is_set(j->from) || date_cmp(j->from, TODAY) <= 0)
        fail_msg("from %s, state %d: %s", date_format(j->from, (char[11]){0}), j->state, j->reason[LANG_EN]);
    Date before = date_from_days(date_to_days(j->from) - 1);
    assert_true(eligibility_starting(&r, j, j->from));
    assert_false(eligibility_starting(&r, j, before));
    assert_false(eligibility_uncovered(&r, j));
}

/* ---- overdue sources ---- */

typedef struct Items {
    char text[2048];   /* "kind record due actor|" for each item */
    int n;
} Items;

static int keep(void *ctx, const OverdueItem *item)
{
    Items *x = ctx;
    size_t n = strlen(x->text);
    snprintf(x->text + n, sizeof x->text - n, "%s %s %s %s|", item->kind, item->record, item->due, item->actor);
    x->n++;
    return 0;
}

static const char *overdue(const char *prefix, const char *kind, int horizon)
{
    static Items x;
    memset(&x, 0, sizeof x);
    const Scope scope = {prefix};
    assert_int_equal(store_overdue_collect(s, &scope, kind, "2023-06-01", horizon, keep, &x, a), STORE_OK);
    return x.text;
}

static long long insert(const char *name, const char *birth8, const char *seq3, const char *at)
{
    Child c = complete_child();
    c.name = name;
    c.id_number = test_id(arena_alloc(a, 19), "441900", birth8, seq3);
    c.birth_date = DATE_NONE;
    c.sex = NULL;
    Change ch = {"test", "登记", at};
    return test_child_add(s, a, &c, TODAY, &ch);
}

static void overdue_sources(void **state)
{
    (void)state;
    long long old = insert("旧档", "20150301", "131", "2022-01-10T09:00:00+08:00");
    long long recent = insert("新档", "20150302", "141", "2023-05-02T09:00:00+08:00");
    long long adult = insert("将满", "20050620", "151", "2023-05-20T09:00:00+08:00");

    /* stale: unchanged for 365 days by default; for 30 once the setting says so */
    char *want = arena_printf(a, "record_stale child:%lld 2023-01-10 village_director|", old);
    assert_string_equal(overdue("4419", "record_stale", 0), want);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_setting_set(s, "supervision.stale_days", "30"), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(store_overdue_stale_days(s), 30);
    want = arena_printf(a, "record_stale child:%lld 2022-02-09 village_director|record_stale child:%lld 2023-06-01 village_director|", old, recent);
    assert_string_equal(overdue("4419", "record_stale", 0), want);
    /* the horizon brings in what falls due within it */
    assert_int_equal(strlen(overdue("4419", "record_stale", 17)), strlen(want));
    assert_true(strstr(overdue("4419", "record_stale", 18), arena_printf(a, "child:%lld 2023-06-19", adult)) != NULL);
    /* another town sees none of them */
    assert_string_equal(overdue("441900004", NULL, 365), "");

    /* turning 18 on 2023-06-20: within 19 days, not 18 */
    assert_string_equal(overdue("4419", "age_out", 18), "");
    want = arena_printf(a, "age_out child:%lld 2023-06-20 village_director|", adult);
    assert_string_equal(overdue("4419", "age_out", 19), want);

    /* an application of 2023-05-04: the town verifies within 15 working days (2023-05-25) */
    AllowanceRules rules;
    WorkCalendar cal;
    assert_int_equal(store_allowance_rules(s, &rules), STORE_OK);
    assert_int_equal(store_work_calendar(s, &cal, a), STORE_OK);
    FlowAction x = {.step = FLOW_APPLY, .child_id = recent, .category = "left_behind", .applicant = "guardian",
                    .on = {2023, 5, 4}, .account = "gangbei", .today = TODAY, .change = &FIX_CHANGE};
    Problems p;
    problems_init(&p, a);
    long long app = 0;
    assert_int_equal(store_begin(s), STORE_OK);
    StoreRc r = store_flow_act(s, &x, &rules, &cal, &app, &p);
    if (r != STORE_OK) fail_msg("apply: %s", p.head ? p.head->code : store_errmsg(s));
    assert_int_equal(store_commit(s), STORE_OK);
    char due[11];
    date_format(flow_due(FLOW_VERIFY, (Date){2023, 5, 4}, &rules, &cal), due);
    want = arena_printf(a, "category_step application:%lld %s town_supervisor|", app, due);
    assert_string_equal(overdue("441900003", "category_step", 0), want);
    assert_true(strcmp(due, "2023-06-01") < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quality_rules),
        cmocka_unit_test(duplicate_key),
        cmocka_unit_test(coverage_findings),
        cmocka_unit_test(overdue_sources),
    };
    return cmocka_run_group_tests_name("supervision", tests, setup, teardown);
}
