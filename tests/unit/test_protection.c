/*
** The rules of protection work (domain/protection.h), with today passed in,
** and the store's overdue sources for visits and referrals on a small
** database (store/store_protection.h).
*/
#include "testutil.h"
#include "domain/account.h"
#include "domain/protection.h"
#include "store/store_protection.h"

static Date D(int y, int m, int d) { return (Date){y, m, d}; }

static void case_numbers_are_per_year(void **state)
{
    (void)state;
    char buf[CASE_NUMBER_BUF];
    assert_string_equal(case_number_format(2023, 123, buf), "DG-2023-000123");
    assert_string_equal(case_number_format(2026, 1, buf), "DG-2026-000001");
    int y;
    long long n;
    assert_true(case_number_parse("DG-2023-000123", &y, &n));
    assert_int_equal(y, 2023);
    assert_int_equal(n, 123);
    assert_false(case_number_parse("DG-2023-12", &y, &n));
    assert_false(case_number_parse("XX-2023-000123", &y, &n));
    assert_false(case_number_parse("DG-2023-000000", &y, &n));
}

static void the_workflow_goes_in_order(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    assert_string_equal(case_step_next("reported", "assess", &p), "assessed");
    assert_string_equal(case_step_next("assessed", "assess", &p), "assessed");
    assert_string_equal(case_step_next("assessed", "plan", &p), "planned");
    assert_string_equal(case_after_service("planned", &p), "in_service");
    assert_string_equal(case_after_service("reported", &p), "reported");
    assert_string_equal(case_step_next("in_service", "review", &p), "review");
    assert_string_equal(case_step_next("review", "plan", &p), "planned");
    assert_string_equal(case_step_next("review", "close", &p), "closed");
    assert_string_equal(case_step_next("closed", "reopen", &p), "reported");
    assert_int_equal(p.count, 0);

    /* impossible transitions are refused, naming the status and the step */
    assert_null(case_step_next("reported", "close", &p));
    assert_string_equal(p.head->code, "case_bad_step");
    assert_string_equal(p.head->field, "step");
    assert_non_null(strstr(p.head->text[LANG_ZH], "已报告"));
    assert_non_null(strstr(p.head->text[LANG_EN], "Close"));
    assert_null(case_step_next("closed", "assess", &p));
    assert_null(case_step_next("reported", "plan", &p));
    assert_null(case_step_next("planned", "reopen", &p));
    assert_null(case_after_service("closed", &p));
    assert_string_equal(p.tail->code, "case_closed");
    assert_int_equal(p.count, 5);
    arena_free(a);
}

static void referrals_answer_in_order(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    assert_string_equal(referral_next("referral", "pending", "accept", &p), "accepted");
    assert_string_equal(referral_next("referral", "pending", "decline", &p), "declined");
    assert_string_equal(referral_next("referral", "accepted", "done", &p), "done");
    assert_string_equal(referral_next("referral", "pending", "done", &p), "done");
    assert_string_equal(referral_next("notice", "pending", "accept", &p), "accepted");
    assert_int_equal(p.count, 0);
    assert_null(referral_next("referral", "declined", "accept", &p));
    assert_string_equal(p.tail->code, "referral_bad_state");
    assert_non_null(strstr(p.tail->text[LANG_ZH], "已拒绝"));
    assert_null(referral_next("referral", "done", "decline", &p));
    assert_null(referral_next("notice", "pending", "decline", &p));
    assert_string_equal(p.tail->code, "notice_accept_only");
    assert_true(case_step_allowed("review", "close"));
    assert_false(case_step_allowed("reported", "close"));
    assert_string_equal(person_name_mask(a, "王老师"), "王**");
    assert_string_equal(person_name_mask(a, "Li"), "L**");
    assert_null(person_name_mask(a, ""));
    arena_free(a);
}

static void steps_need_their_fields(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    assert_true(case_step_fields_ok("assess", "high", "unwilling", NULL, NULL, &p));
    assert_false(case_step_fields_ok("assess", NULL, NULL, NULL, "x", &p));
    assert_int_equal(p.count, 2);
    assert_false(case_step_fields_ok("close", NULL, NULL, NULL, "done", &p));
    assert_string_equal(p.tail->field, "outcome");
    assert_false(case_step_fields_ok("reopen", NULL, NULL, NULL, "  ", &p));
    assert_string_equal(p.tail->field, "note");
    assert_true(case_step_fields_ok("plan", NULL, NULL, NULL, "转介教育部门协助复学", &p));
    arena_free(a);
}

static void referrals_fall_due_and_escalate(void **state)
{
    (void)state;
    ProtectionRules r;
    protection_rules_default(&r);
    Date sent = D(2026, 11, 29);
    assert_int_equal(date_cmp(referral_due(sent, "police", true, &r), D(2026, 11, 30)), 0);
    assert_int_equal(date_cmp(referral_due(sent, "education", true, &r), D(2026, 12, 6)), 0);
    assert_int_equal(date_cmp(referral_due(sent, "police", false, &r), D(2026, 12, 6)), 0);

    int late = -1;
    Date due = D(2026, 12, 6);
    assert_int_equal(referral_escalation(due, D(2026, 12, 6), &r, &late), ESCALATION_NONE);
    assert_int_equal(late, 0);
    assert_int_equal(referral_escalation(due, D(2026, 12, 1), &r, &late), ESCALATION_NONE);
    assert_int_equal(referral_escalation(due, D(2026, 12, 7), &r, &late), ESCALATION_TOWN);
    assert_int_equal(late, 1);
    assert_int_equal(referral_escalation(due, D(2026, 12, 11), &r, &late), ESCALATION_TOWN);
    assert_int_equal(referral_escalation(due, D(2026, 12, 12), &r, &late), ESCALATION_CITY);
    assert_int_equal(late, 6);
    assert_string_equal(escalation_actor(ESCALATION_TOWN), "town_supervisor");
    assert_string_equal(escalation_actor(ESCALATION_CITY), "city_staff");
    assert_null(escalation_actor(ESCALATION_NONE));

    /* the number of days before the city is told is a setting */
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    assert_true(protection_rules_set(&r, "protection.escalate_city_days", "10", &p));
    assert_int_equal(referral_escalation(due, D(2026, 12, 12), &r, NULL), ESCALATION_TOWN);
    assert_false(protection_rules_set(&r, "protection.escalate_city_days", "0", &p));
    assert_string_equal(p.tail->code, "bad_setting");
    assert_false(protection_rules_set(&r, "protection.nonsense", "1", &p));
    assert_string_equal(p.tail->code, "unknown_setting");
    assert_true(protection_setting_known("visit.months.left_behind"));
    assert_false(protection_setting_known("visit.months.nonsense"));
    arena_free(a);
}

static bool has_unit(const ReportNotice *n, int count, const char *unit, bool referral)
{
    for (int i = 0; i < count; i++)
        if (strcmp(n[i].unit, unit) == 0) return n[i].referral == referral;
    return false;
}

static void reports_tell_police_civil_affairs_and_education(void **state)
{
    (void)state;
    ReportNotice n[3];
    /* a hospital about a 3-year-old: police (a referral) and civil affairs */
    int k = report_notices("hospital", 3, "not_school_age", n);
    assert_int_equal(k, 2);
    assert_true(has_unit(n, k, "police", true));
    assert_true(has_unit(n, k, "civil_affairs", false));
    /* a school reports: education too, whatever the age */
    k = report_notices("school", -1, NULL, n);
    assert_int_equal(k, 3);
    assert_true(has_unit(n, k, "education", false));
    /* a hotel about a 10-year-old: of school age */
    k = report_notices("hotel", 10, NULL, n);
    assert_true(has_unit(n, k, "education", false));
    /* an unknown age, in school */
    assert_int_equal(report_notices("other", -1, "in_school", n), 3);
    assert_int_equal(report_notices("other", -1, NULL, n), 2);
    assert_false(child_of_school_age(5, NULL));
    assert_true(child_of_school_age(6, NULL));
    assert_true(child_of_school_age(17, NULL));
    assert_false(child_of_school_age(18, NULL));
}

static void visits_follow_the_category(void **state)
{
    (void)state;
    ProtectionRules r;
    protection_rules_default(&r);
    const char *orphan[] = {"orphan_scattered"}, *left[] = {"left_behind"}, *both[] = {"left_behind", "difficulty_poverty"},
               *none[] = {"migrant"};
    assert_int_equal(visit_interval_months(orphan, 1, &r), 1);
    assert_int_equal(visit_interval_months(left, 1, &r), 3);
    assert_int_equal(visit_interval_months(both, 2, &r), 1);
    assert_int_equal(visit_interval_months(none, 1, &r), 0);
    assert_int_equal(date_cmp(visit_next_due(D(2026, 8, 31), D(2020, 1, 1), 3), D(2026, 11, 30)), 0);
    assert_int_equal(date_cmp(visit_next_due(D(2026, 1, 31), D(2020, 1, 1), 1), D(2026, 2, 28)), 0);
    assert_int_equal(date_cmp(visit_next_due(DATE_NONE, D(2024, 5, 1), 1), D(2024, 5, 1)), 0);
    assert_false(date_is_set(visit_next_due(D(2026, 8, 31), D(2020, 1, 1), 0)));

    /* configurable: left-behind children monthly */
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    assert_true(protection_rules_set(&r, "visit.months.left_behind", "1", &p));
    assert_int_equal(visit_interval_months(left, 1, &r), 1);
    assert_true(protection_rules_set(&r, "visit.months.migrant", "6", &p));
    assert_int_equal(visit_interval_months(none, 1, &r), 6);
    arena_free(a);
}

static void times_parse_in_shanghai(void **state)
{
    (void)state;
    long long t, u;
    assert_true(iso_time_parse("2026-11-29T09:05:00+08:00", &t));
    assert_true(iso_time_parse("2026-11-29T01:05:00Z", &u));
    assert_true(t == u);
    assert_true(iso_time_parse("2026-11-29T09:05", &u));
    assert_true(t == u);
    assert_true(iso_time_parse("2026-11-29T09:11:30.250+08:00", &u));
    assert_int_equal(u - t, 390);
    assert_false(iso_time_parse("2026-11-29", &u));
    assert_false(iso_time_parse("2026-02-30T09:05:00+08:00", &u));
    assert_false(iso_time_parse("2026-11-29T25:05:00+08:00", &u));
    assert_false(iso_time_parse("2026-11-29T09:05:00+08:00x", &u));
}

static void code_lists_have_what_the_policy_names(void **state)
{
    (void)state;
    int n = 0;
    for (const CodeEntry *e = CODES_TRIGGER.entries; e->code; e++) n++;
    assert_int_equal(n, 9);
    assert_non_null(code_find(&CODES_SECTOR, "学校"));
    assert_non_null(code_find(&CODES_INTERVENTION, "训诫"));
    assert_non_null(code_find(&CODES_REFERRAL_UNIT, "公安"));
    assert_non_null(code_get(&CODES_CARE, "fair"));
    n = 0;
    for (const CodeTable *const *t = PROTECTION_CODE_TABLES; *t; t++) n++;
    assert_int_equal(n, 17);
}

/* Every unit a case is referred to can have partner accounts that answer
   it (civil affairs and social-work organisations included): one list. */
static void referral_units_are_the_account_units(void **state)
{
    (void)state;
    assert_ptr_equal(CODES_REFERRAL_UNIT.entries, CODES_UNIT.entries);
    assert_non_null(code_get(&CODES_UNIT, "civil_affairs"));
    assert_non_null(code_get(&CODES_UNIT, "social_work"));
    assert_non_null(code_find(&CODES_UNIT, "民政"));
    assert_non_null(code_find(&CODES_REFERRAL_UNIT, "社工机构"));
    assert_string_equal(code_label(&CODES_REFERRAL_UNIT, "civil_affairs", LANG_ZH), "民政部门");
}

/* ---- the store: numbering and the overdue sources, on a small database ---- */

static const char *dir;
static Store *s;
static Arena *a;
static const Date TODAY = {2024, 6, 1};
static const Change CHANGE = {"test", "测试", "2024-06-01T09:00:00+08:00"};

static long long add_child(const char *name, const char *seq3, const char *area, const char *category)
{
    char *id = arena_alloc(a, 19);
    test_id(id, "441900", "20150301", seq3);
    Child c = {0};
    c.name = name;
    c.id_number = id;
    c.area = area;
    if (category) {
        c.categories = arena_alloc(a, sizeof *c.categories);
        c.categories[0] = (Category){category, {2022, 1, 1}, DATE_NONE, NULL, NULL};
        c.n_categories = 1;
    }
    Problems p;
    problems_init(&p, a);
    assert_true(child_validate(&c, a, TODAY, &LEDGER_RULES_DEFAULT, true, &p));
    assert_int_equal(store_child_insert(s, &c, &CHANGE, &p), STORE_OK);
    return c.id;
}

static long long add_case(const char *area, const char *received_at, const char **number)
{
    CaseRecord c = {0};
    c.source = "report";
    c.status = "reported";
    c.area = area;
    c.triggers = "[\"abandoned\"]";
    c.received_at = received_at;
    c.created_at = c.updated_at = received_at;
    c.created_by = "test";
    assert_int_equal(store_case_insert(s, &c, a), STORE_OK);
    if (number) *number = c.number;
    return c.id;
}

static void add_referral(long long case_id, const char *unit, Date due, const char *status)
{
    Referral r = {0};
    r.case_id = case_id;
    r.kind = "referral";
    r.unit = unit;
    r.status = status;
    r.sent_at = "2024-05-20T09:00:00+08:00";
    r.sent_by = "test";
    r.due = due;
    assert_int_equal(store_referral_insert(s, &r), STORE_OK);
}

static int store_setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    s = test_store(dir, "protection");
    a = arena_new();
    assert_int_equal(store_begin(s), STORE_OK);
    long long monthly = add_child("甲", "011", "441900003001", "de_facto_unsupported");
    long long quarterly = add_child("乙", "022", "441900003001", "left_behind");
    add_child("丙", "033", "441900004003", "orphan_scattered");
    add_child("丁", "044", "441900003001", NULL);
    (void)monthly;
    Visit v = {0};
    v.child_id = quarterly;
    v.area = "441900003001";
    v.visited_on = D(2024, 4, 15);
    v.kind = "home";
    v.care = "good";
    v.findings = "一切正常";
    v.recorded_at = CHANGE.at;
    v.recorded_by = "test";
    assert_int_equal(store_visit_insert(s, &v), STORE_OK);
    long long c1 = add_case("441900003001", "2024-05-20T09:00:00+08:00", NULL);
    add_referral(c1, "police", D(2024, 5, 30), "pending");
    add_referral(c1, "education", D(2024, 6, 20), "accepted");
    add_referral(c1, "health", D(2024, 5, 1), "done");
    long long c2 = add_case("441900004003", "2024-05-21T09:00:00+08:00", NULL);
    add_referral(c2, "police", D(2024, 5, 31), "declined");
    assert_int_equal(store_commit(s), STORE_OK);
    return 0;
}

static int store_teardown(void **state)
{
    (void)state;
    store_close(s);
    arena_free(a);
    test_rmdir(dir);
    return 0;
}

typedef struct Seen {
    int n;
    OverdueItem items[8];
} Seen;

static int keep(void *ctx, const OverdueItem *item)
{
    Seen *x = ctx;
    if (x->n < 8) {
        x->items[x->n] = *item;
        x->items[x->n].title = arena_strdup(a, item->title);
    }
    x->n++;
    return 0;
}

static void case_numbers_restart_each_year(void **state)
{
    (void)state;
    const char *n1, *n2, *n3;
    assert_int_equal(store_begin(s), STORE_OK);
    add_case("441900003001", "2023-12-31T23:59:00+08:00", &n1);
    add_case("441900003001", "2024-06-01T08:00:00+08:00", &n2);
    add_case("441900003001", "2023-12-30T10:00:00+08:00", &n3);
    store_rollback(s);
    assert_string_equal(n1, "DG-2023-000001");
    assert_string_equal(n2, "DG-2024-000003");   /* two cases of 2024 in the fixture */
    assert_string_equal(n3, "DG-2023-000002");
}

static void visits_due_by_category_and_scope(void **state)
{
    (void)state;
    Seen x = {0};
    Scope dongcheng = {"441900003"};
    assert_int_equal(store_overdue_visits(s, &dongcheng, "2024-06-01", 0, keep, &x, a), STORE_OK);
    assert_int_equal(x.n, 1);   /* 甲, monthly, never visited; 乙 visited in April is due in July */
    assert_string_equal(x.items[0].kind, "visit");
    assert_string_equal(x.items[0].due, "2022-01-01");
    assert_string_equal(x.items[0].actor, "village_director");
    assert_string_equal(x.items[0].title, "家访: 甲");
    assert_string_equal(x.items[0].area, "441900003001");
    x.n = 0;
    assert_int_equal(store_overdue_visits(s, &dongcheng, "2024-06-01", 60, keep, &x, a), STORE_OK);
    assert_int_equal(x.n, 2);
    assert_string_equal(x.items[1].due, "2024-07-15");
    x.n = 0;
    assert_int_equal(store_overdue_visits(s, &SCOPE_ALL, "2024-06-01", 0, keep, &x, a), STORE_OK);
    assert_int_equal(x.n, 2);   /* and 丙 in 南城; 丁 holds no category */
    x.n = 0;
    assert_int_equal(store_overdue_visits(s, &SCOPE_NONE, "2024-06-01", 0, keep, &x, a), STORE_OK);
    assert_int_equal(x.n, 0);
}

static void referrals_due_escalate(void **state)
{
    (void)state;
    Seen x = {0};
    assert_int_equal(store_overdue_referrals(s, &SCOPE_ALL, "2024-06-01", 0, keep, &x, a), STORE_OK);
    assert_int_equal(x.n, 1);   /* the police's: the done and the declined ones are not open */
    assert_string_equal(x.items[0].kind, "referral");
    assert_string_equal(x.items[0].due, "2024-05-30");
    assert_string_equal(x.items[0].actor, "town_supervisor");
    assert_non_null(strstr(x.items[0].title, "DG-2024-000001"));
    assert_non_null(strstr(x.items[0].record, "case:"));
    x.n = 0;
    assert_int_equal(store_overdue_referrals(s, &SCOPE_ALL, "2024-06-10", 0, keep, &x, a), STORE_OK);
    assert_string_equal(x.items[0].actor, "city_staff");   /* 11 days late: past escalate_city_days */
    x.n = 0;
    assert_int_equal(store_overdue_referrals(s, &SCOPE_ALL, "2024-06-01", 30, keep, &x, a), STORE_OK);
    assert_int_equal(x.n, 2);
    assert_string_equal(x.items[1].actor, "education");   /* not late yet: the unit acts */
    x.n = 0;
    Scope nancheng = {"441900004"};
    assert_int_equal(store_overdue_referrals(s, &nancheng, "2024-06-10", 30, keep, &x, a), STORE_OK);
    assert_int_equal(x.n, 0);

    /* a setting moves the escalation */
    Problems p;
    problems_init(&p, a);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_protection_setting_set(s, "protection.escalate_city_days", "30", &p), STORE_OK);
    assert_int_equal(store_protection_setting_set(s, "protection.escalate_city_days", "x", &p), STORE_INVALID);
    assert_int_equal(store_commit(s), STORE_OK);
    x.n = 0;
    assert_int_equal(store_overdue_referrals(s, &SCOPE_ALL, "2024-06-10", 0, keep, &x, a), STORE_OK);
    assert_string_equal(x.items[0].actor, "town_supervisor");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(case_numbers_are_per_year),
        cmocka_unit_test(the_workflow_goes_in_order),
        cmocka_unit_test(steps_need_their_fields),
        cmocka_unit_test(referrals_answer_in_order),
        cmocka_unit_test(referrals_fall_due_and_escalate),
        cmocka_unit_test(reports_tell_police_civil_affairs_and_education),
        cmocka_unit_test(visits_follow_the_category),
        cmocka_unit_test(times_parse_in_shanghai),
        cmocka_unit_test(code_lists_have_what_the_policy_names),
    };
    const struct CMUnitTest store_tests[] = {
        cmocka_unit_test(referral_units_are_the_account_units),
        cmocka_unit_test(case_numbers_restart_each_year),
        cmocka_unit_test(visits_due_by_category_and_scope),
        cmocka_unit_test(referrals_due_escalate),
    };
    int failed = cmocka_run_group_tests_name("protection", tests, NULL, NULL);
    return failed + cmocka_run_group_tests_name("protection_store", store_tests, store_setup, store_teardown);
}
