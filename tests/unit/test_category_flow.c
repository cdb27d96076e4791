/*
** The category procedure with a database: application by the village,
** verification by the town, confirmation by the city, each checked for role
** and area; refusals need a reason; the child's record follows each step as
** a new version with its reason; late steps are reported in working days.
** Also other help (the study grant's rules, the 低保 deductible, totals) and
** the adult orphans' rotation (history, whose turn, out of turn, payment).
*/
#include <sqlite3.h>
#include "allowance_fixtures.h"
#include "domain/codes.h"

static AllowanceRules rules;
static WorkCalendar cal;

static const Date TODAY = {2023, 6, 1};

static void prepare(void);
TEST_DB_FIXTURE_THEN("flow", prepare())

/* The usual accounts, and the rules and working calendar the steps are checked by. */
static void prepare(void)
{
    fix_accounts(s);
    assert_int_equal(store_allowance_rules(s, &rules), STORE_OK);
    assert_int_equal(store_work_calendar(s, &cal, a), STORE_OK);
}

/* A child whose father is imprisoned and whose mother lost contact: de facto unsupported. */
static long long de_facto_child(void)
{
    char *id = arena_alloc(a, 19);
    test_id(id, "441900", "20120402", "123");
    Child c = {0};
    c.name = "事实甲";
    c.id_number = id;
    c.area = "441900003001";
    c.father = (Person){.situation = "imprisoned", .situation_since = {2022, 3, 1}, .term_months = 36};
    c.mother = (Person){.situation = "lost_contact", .situation_since = {2022, 5, 10}};
    c.guardian = (Person){.name = "王奶奶", .relation = "grandmother"};
    return test_child_add(s, a, &c, TODAY, &FIX_CHANGE);
}

static long long last_app;

/* Does a step; returns the problems' codes, "" when it went through. */
static const char *act(FlowStep step, long long child_or_app, const char *account, Date on, bool approve,
                       const char *reason)
{
    FlowAction x = {0};
    x.step = step;
    if (step == FLOW_APPLY) {
        x.child_id = child_or_app;
        x.category = "de_facto_unsupported";
        x.applicant = "guardian";
    } else {
        x.application_id = child_or_app;
    }
    x.approve = approve;
    x.reason = reason;
    x.on = on;
    x.account = account;
    x.today = TODAY;
    x.change = &FIX_CHANGE;
    Problems p;
    problems_init(&p, a);
    assert_int_equal(store_begin(s), STORE_OK);
    StoreRc r = store_flow_act(s, &x, &rules, &cal, &last_app, &p);
    if (r == STORE_OK) assert_int_equal(store_commit(s), STORE_OK);
    else store_rollback(s);
    if (r != STORE_OK && p.count == 0) fail_msg("failed without a problem: %s", store_errmsg(s));
    return fix_codes(&p, a);
}

static const Category *category_of(long long child, Child *c)
{
    assert_int_equal(store_child_get(s, &SCOPE_ALL, child, c, a), STORE_OK);
    for (int i = 0; i < c->n_categories; i++)
        if (strcmp(c->categories[i].code, "de_facto_unsupported") == 0) return &c->categories[i];
    return NULL;
}

static int count_versions(void *ctx, const HistoryEntry *e)
{
    char **reasons = ctx;
    *reasons = arena_printf(a, "%s|%s", *reasons, e->reason);
    return 0;
}

static void application_verification_confirmation(void **state)
{
    (void)state;
    long long child = de_facto_child();
    assert_string_equal(act(FLOW_APPLY, child, "gangbei", (Date){2023, 3, 1}, true, NULL), "");
    long long app = last_app;
    Child c;
    const Category *cat = category_of(child, &c);
    assert_non_null(cat);
    assert_string_equal(cat->status, "applied");
    assert_string_equal(act(FLOW_APPLY, child, "gangbei", (Date){2023, 3, 2}, true, NULL),
                        "category_held flow_open_exists");
    /* the city does not verify, a town does not confirm, a step does not come early */
    assert_string_equal(act(FLOW_VERIFY, app, "city", (Date){2023, 3, 10}, true, NULL),
                        "flow_no_permission flow_town_only");
    assert_string_equal(act(FLOW_VERIFY, app, "dalingshan", (Date){2023, 3, 10}, true, NULL), "out_of_scope");
    assert_string_equal(act(FLOW_CONFIRM, app, "city", (Date){2023, 3, 10}, true, NULL), "flow_bad_state");
    assert_string_equal(act(FLOW_VERIFY, app, "dongcheng", (Date){2023, 2, 28}, true, NULL), "step_date_order");
    assert_string_equal(act(FLOW_VERIFY, app, "dongcheng", (Date){2023, 3, 10}, true, NULL), "");
    assert_string_equal(act(FLOW_CONFIRM, app, "dongcheng", (Date){2023, 3, 20}, true, NULL),
                        "flow_no_permission flow_city_only");
    assert_string_equal(act(FLOW_CONFIRM, app, "city", (Date){2023, 3, 31}, true, NULL), "");
    cat = category_of(child, &c);
    assert_string_equal(cat->status, "approved");
    assert_int_equal(cat->from.m, 3); /* recorded as confirmed from the day of confirmation */
    assert_int_equal(cat->from.d, 31);
    Application ap;
    assert_int_equal(store_application_get(s, &SCOPE_ALL, app, &ap, a), STORE_OK);
    assert_string_equal(ap.status, "confirmed");
    assert_int_equal(ap.verified_on.d, 10);
    /* the record's history names each step */
    char *reasons = arena_strdup(a, "");
    assert_int_equal(store_child_history(s, &SCOPE_ALL, child, count_versions, &reasons), STORE_OK);
    assert_non_null(strstr(reasons, "申请认定事实无人抚养儿童（申请编号"));
    assert_non_null(strstr(reasons, "事实无人抚养儿童：确认通过"));
    /* the steps are history */
    sqlite3 *db;
    char path[256];
    snprintf(path, sizeof path, "%s/flow.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE category_step SET done_on = '2023-03-02'", NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM category_step", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void a_refusal_needs_a_reason_and_removes_the_application(void **state)
{
    (void)state;
    long long child = de_facto_child();
    assert_string_equal(act(FLOW_APPLY, child, "dongcheng", (Date){2023, 3, 1}, true, NULL), "");
    long long app = last_app;
    assert_string_equal(act(FLOW_VERIFY, app, "dongcheng", (Date){2023, 3, 3}, false, "  "), "refusal_reason");
    assert_string_equal(act(FLOW_VERIFY, app, "dongcheng", (Date){2023, 3, 3}, false, "母亲已联系上，恢复抚养"), "");
    Child c;
    assert_null(category_of(child, &c));
    Application ap;
    assert_int_equal(store_application_get(s, &SCOPE_ALL, app, &ap, a), STORE_OK);
    assert_string_equal(ap.status, "refused");
    assert_string_equal(act(FLOW_CONFIRM, app, "city", (Date){2023, 3, 20}, true, NULL), "flow_bad_state");
    /* a new application is possible afterwards */
    assert_string_equal(act(FLOW_APPLY, child, "gangbei", (Date){2023, 4, 3}, true, NULL), "");
}

typedef struct Late {
    int n;
    int late_by[4];
    FlowStep step[4];
    bool pending[4];
} Late;

static int keep_late(void *ctx, const LateStep *l)
{
    Late *x = ctx;
    x->late_by[x->n] = l->late_by;
    x->step[x->n] = l->step;
    x->pending[x->n] = !date_is_set(l->done);
    x->n++;
    return 0;
}

static void late_steps_are_reported(void **state)
{
    (void)state;
    long long child = de_facto_child();
    /* applied Wednesday 1 March 2023: the town has until 22 March (15 working days) */
    assert_string_equal(act(FLOW_APPLY, child, "gangbei", (Date){2023, 3, 1}, true, NULL), "");
    long long app = last_app;
    Late l = {0};
    assert_int_equal(store_flow_late(s, &SCOPE_ALL, (Date){2023, 3, 22}, &rules, &cal, keep_late, &l, a), STORE_OK);
    assert_int_equal(l.n, 0);
    assert_int_equal(store_flow_late(s, &SCOPE_ALL, (Date){2023, 3, 24}, &rules, &cal, keep_late, &l, a), STORE_OK);
    assert_int_equal(l.n, 1);
    assert_true(l.pending[0]);
    assert_int_equal(l.late_by[0], 2);
    /* verified on 10 April (the 5th was 清明, a holiday): 12 working days late */
    assert_string_equal(act(FLOW_VERIFY, app, "dongcheng", (Date){2023, 4, 10}, true, NULL), "");
    memset(&l, 0, sizeof l);
    assert_int_equal(store_flow_late(s, &SCOPE_ALL, (Date){2023, 4, 11}, &rules, &cal, keep_late, &l, a), STORE_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.step[0], FLOW_VERIFY);
    assert_false(l.pending[0]);
    assert_int_equal(l.late_by[0], 12);
    /* out of scope, nothing */
    Scope other = {"441900118"};
    memset(&l, 0, sizeof l);
    assert_int_equal(store_flow_late(s, &other, (Date){2023, 6, 1}, &rules, &cal, keep_late, &l, a), STORE_OK);
    assert_int_equal(l.n, 0);
}

/* ---- other help ---- */

static const char *add_aid(Aid *x)
{
    Problems p;
    problems_init(&p, a);
    x->recorded_at = "2023-06-01T09:00:00+08:00";
    x->recorded_by = "test";
    assert_int_equal(store_begin(s), STORE_OK);
    StoreRc r = store_aid_add(s, x, &rules, &p);
    if (r == STORE_OK) assert_int_equal(store_commit(s), STORE_OK);
    else store_rollback(s);
    return fix_codes(&p, a);
}

static int keep_total(void *ctx, const AidTotal *t)
{
    char **out = ctx;
    *out = arena_printf(a, "%s%s:%ld/%ld/%lld ", *out, t->kind, t->records, t->children, t->amount);
    return 0;
}

typedef struct Overdue {
    int n;
    char due[4][11], record[4][32], actor[4][20];
} Overdue;

static int keep_overdue(void *ctx, const OverdueItem *item)
{
    Overdue *x = ctx;
    snprintf(x->due[x->n], sizeof x->due[0], "%s", item->due);
    snprintf(x->record[x->n], sizeof x->record[0], "%s", item->record);
    snprintf(x->actor[x->n], sizeof x->actor[0], "%s", item->actor);
    assert_string_equal(item->kind, "category_step");
    assert_non_null(strstr(item->title, "查验"));
    x->n++;
    return 0;
}

/* The supervision list's source: a step waiting for the town is reported
   once its due day is within the horizon, with the town to act; not when
   it is done, nor outside the scope. */
static void pending_steps_are_overdue_work(void **state)
{
    (void)state;
    long long child = de_facto_child();
    assert_string_equal(act(FLOW_APPLY, child, "gangbei", (Date){2023, 3, 1}, true, NULL), "");
    long long app = last_app;
    Overdue o = {0};
    assert_int_equal(store_overdue_category_steps(s, &SCOPE_ALL, "2023-03-01", 7, keep_overdue, &o, a), STORE_OK);
    assert_int_equal(o.n, 0);   /* due 22 March: three weeks ahead */
    assert_int_equal(store_overdue_category_steps(s, &SCOPE_ALL, "2023-03-15", 7, keep_overdue, &o, a), STORE_OK);
    assert_int_equal(o.n, 1);
    assert_string_equal(o.due[0], "2023-03-22");
    assert_string_equal(o.actor[0], "town_supervisor");
    char record[32];
    snprintf(record, sizeof record, "application:%lld", app);
    assert_string_equal(o.record[0], record);
    Scope other = {"441900118"};
    memset(&o, 0, sizeof o);
    assert_int_equal(store_overdue_category_steps(s, &other, "2023-04-01", 0, keep_overdue, &o, a), STORE_OK);
    assert_int_equal(o.n, 0);
    assert_int_equal(store_overdue_category_steps(s, &SCOPE_ALL, "2023-13-01", 0, keep_overdue, &o, a), STORE_INVALID);
    assert_string_equal(act(FLOW_VERIFY, app, "dongcheng", (Date){2023, 3, 10}, true, NULL), "");
    memset(&o, 0, sizeof o);
    assert_int_equal(store_overdue_category_steps(s, &SCOPE_ALL, "2023-03-15", 0, keep_overdue, &o, a), STORE_OK);
    assert_int_equal(o.n, 0);   /* verified; the city's confirmation is due 31 March */
}

static void other_help(void **state)
{
    (void)state;
    long long adult = fix_child(
        s, a, &(FixChild){"成年孤儿", "20050801", "011", "441900003001", "orphan_scattered", {2015, 1, 1}, NULL});
    long long young = fix_child(s, a, &(FixChild){"少年", "20120301", "022", "441900003001", NULL, {0, 0, 0}, NULL});
    Aid grant = {.child_id = adult, .kind = "study_grant", .given_on = {2023, 9, 1}, .school_year = 2023};
    assert_string_equal(add_aid(&grant), "aid_needs_school"); /* the record says nothing of school */
    Child c;
    assert_int_equal(store_child_get(s, &SCOPE_ALL, adult, &c, a), STORE_OK);
    c.enrolment = "in_school";
    Change ch = {"test", "入读大学", "2023-09-01T09:00:00+08:00"};
    Problems p;
    problems_init(&p, a);
    bool changed;
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_child_update(s, &c, c.version, &ch, &p, &changed, NULL), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_string_equal(add_aid(&grant), "");
    assert_int_equal(grant.amount, 1000000); /* 10,000 yuan by default */
    Aid twice = {.child_id = adult, .kind = "study_grant", .given_on = {2024, 3, 1}, .school_year = 2023};
    assert_string_equal(add_aid(&twice), "aid_once_a_year");
    Aid minor = {.child_id = young, .kind = "study_grant", .given_on = {2023, 9, 1}, .school_year = 2023};
    assert_string_equal(add_aid(&minor), "aid_needs_orphan aid_needs_adult aid_needs_school");
    Aid medical = {.child_id = young, .kind = "medical", .given_on = {2023, 5, 1}, .amount = 250000, .expense = 900000};
    assert_string_equal(add_aid(&medical), "");
    assert_int_equal(medical.deductible, 0); /* not a 低保 family */
    Aid temp = {.child_id = young, .kind = "temporary", .given_on = {2023, 5, 2}, .amount = 50000};
    assert_string_equal(add_aid(&temp), "");
    Aid bad = {.child_id = young, .kind = "cash", .given_on = {2023, 5, 2}, .amount = 50000};
    assert_string_equal(add_aid(&bad), "bad_code");
    char *totals = arena_strdup(a, "");
    AidFilter f = {.scope = SCOPE_ALL};
    assert_int_equal(store_aid_totals(s, &f, keep_total, &totals), STORE_OK);
    assert_string_equal(totals, "medical:1/1/250000 study_grant:1/1/1000000 temporary:1/1/50000 ");
    /* voided records are not counted */
    problems_init(&p, a);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_aid_void(s, temp.id, "重复登记", &FIX_CHANGE, &p), STORE_OK);
    assert_int_equal(store_aid_void(s, temp.id, "重复登记", &FIX_CHANGE, &p), STORE_INVALID);
    assert_int_equal(store_commit(s), STORE_OK);
    totals = arena_strdup(a, "");
    f.from = (Date){2023, 5, 1};
    f.to = (Date){2023, 12, 31};
    assert_int_equal(store_aid_totals(s, &f, keep_total, &totals), STORE_OK);
    assert_string_equal(totals, "medical:1/1/250000 study_grant:1/1/1000000 ");
}

static void medical_deductible_for_dibao(void **state)
{
    (void)state;
    long long child =
        fix_child(s, a, &(FixChild){"低保", "20120301", "033", "441900003001", "dibao", {2020, 1, 1}, NULL});
    Aid medical = {.child_id = child, .kind = "medical", .given_on = {2023, 5, 1}, .amount = 250000};
    assert_string_equal(add_aid(&medical), "");
    assert_int_equal(medical.deductible, 400000);
}

/* ---- adult orphans ---- */

static const char *settle(Settlement *st)
{
    Problems p;
    problems_init(&p, a);
    st->recorded_at = "2023-06-01T09:00:00+08:00";
    st->recorded_by = "test";
    assert_int_equal(store_begin(s), STORE_OK);
    StoreRc r = store_settlement_add(s, st, &rules, &p);
    if (r == STORE_OK) assert_int_equal(store_commit(s), STORE_OK);
    else store_rollback(s);
    if (r != STORE_OK && p.count == 0) fail_msg("failed without a problem: %s", store_errmsg(s));
    return fix_codes(&p, a);
}

static int count_candidates(void *ctx, const Child *c)
{
    (void)c;
    (*(int *)ctx)++;
    return 0;
}

static void adult_orphans_in_turn(void **state)
{
    (void)state;
    RotationTown *towns;
    int n;
    const char *last;
    assert_int_equal(store_rotation(s, &towns, &n, &last, a), STORE_OK);
    assert_int_equal(n, 32); /* 28 towns and 4 streets; the 4 zones take no turn */
    assert_string_equal(towns[0].name, "东城街道");
    assert_string_equal(towns[31].name, "高埗镇");
    assert_null(last);
    /* history from the paper files: the first two towns */
    Settlement h1 = {.name = "历史甲", .town = "441900003000", .settled_on = {2013, 6, 1}, .history = true};
    Settlement h2 = {
        .name = "历史乙", .town = "441900004000", .settled_on = {2014, 6, 1}, .history = true, .amount = 10000000};
    assert_string_equal(settle(&h1), "");
    assert_int_equal(h1.amount, 13000000);
    assert_string_equal(settle(&h2), "");
    assert_int_equal(store_rotation(s, &towns, &n, &last, a), STORE_OK);
    assert_string_equal(towns[rotation_next(towns, n, last)].name, "万江街道");
    /* an orphan of the welfare centre who is 18 */
    long long adult = fix_child(
        s, a,
        &(FixChild){"成年", "20050701", "044", "441900003001", "orphan_institution", {2010, 1, 1}, "institution"});
    long long scattered =
        fix_child(s, a, &(FixChild){"散居", "20050702", "055", "441900003001", "orphan_scattered", {2010, 1, 1}, NULL});
    int candidates = 0;
    assert_int_equal(store_adult_orphan_candidates(s, (Date){2023, 6, 30}, count_candidates, &candidates, a), STORE_OK);
    assert_int_equal(candidates, 0); /* 18 on 1 July */
    assert_int_equal(store_adult_orphan_candidates(s, (Date){2023, 7, 1}, count_candidates, &candidates, a), STORE_OK);
    assert_int_equal(candidates, 1);
    Settlement sc = {.child_id = scattered, .settled_on = {2023, 7, 2}};
    assert_string_equal(settle(&sc), "settle_not_orphan");
    Settlement early = {.child_id = adult, .settled_on = {2023, 6, 30}};
    assert_string_equal(settle(&early), "settle_not_adult");
    Settlement other = {.child_id = adult, .settled_on = {2023, 7, 1}, .town = "441900118000"};
    assert_string_equal(settle(&other), "settle_out_of_turn");
    Settlement zone = {
        .child_id = adult, .settled_on = {2023, 7, 1}, .town = "441900401000", .out_of_turn_reason = "x"};
    assert_string_equal(settle(&zone), "settle_not_town");
    Settlement ok = {.child_id = adult, .settled_on = {2023, 7, 1}};
    assert_string_equal(settle(&ok), "");
    assert_string_equal(ok.town, "441900005000"); /* 万江街道: its turn */
    assert_string_equal(ok.name, "成年");
    Settlement again = {.child_id = adult, .settled_on = {2023, 7, 1}};
    assert_string_equal(settle(&again), "settle_twice");
    candidates = 0;
    assert_int_equal(store_adult_orphan_candidates(s, (Date){2023, 7, 1}, count_candidates, &candidates, a), STORE_OK);
    assert_int_equal(candidates, 0);
    /* paid once */
    Problems p;
    problems_init(&p, a);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_settlement_pay(s, ok.id, (Date){2023, 6, 20}, &p), STORE_OK);
    assert_int_equal(store_settlement_pay(s, ok.id, (Date){2023, 6, 21}, &p), STORE_INVALID);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_string_equal(fix_codes(&p, a), "settle_paid");
    /* a custom order */
    const char *order[] = {"441900118000", "441900003000"};
    problems_init(&p, a);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_rotation_set(s, order, 2, &p), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(store_rotation(s, &towns, &n, &last, a), STORE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(towns[rotation_next(towns, n, last)].name, "大岭山镇");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(application_verification_confirmation, setup, teardown),
        cmocka_unit_test_setup_teardown(a_refusal_needs_a_reason_and_removes_the_application, setup, teardown),
        cmocka_unit_test_setup_teardown(late_steps_are_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(pending_steps_are_overdue_work, setup, teardown),
        cmocka_unit_test_setup_teardown(other_help, setup, teardown),
        cmocka_unit_test_setup_teardown(medical_deductible_for_dibao, setup, teardown),
        cmocka_unit_test_setup_teardown(adult_orphans_in_turn, setup, teardown),
    };
    return cmocka_run_group_tests_name("category_flow", tests, NULL, NULL);
}
