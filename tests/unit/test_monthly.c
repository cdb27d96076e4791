/*
** Monthly reports (issue #7): the figure table, each cross-check on
** hand-made figures (passing and failing), who may act, and each figure's
** definition computed by the store on a small ledger whose right answers
** are known: June 2024 in 岗贝社区 and 花园新村社区 (东城街道) and 鸿福社区
** (南城街道), with records made in May, June and July, one ended in June, a
** locked and a draft payroll, activities of a village and of the town; then
** the roll-up and its workflow.
*/
#include <sqlite3.h>
#include "testutil.h"
#include "domain/monthly.h"
#include "domain/protection.h"
#include "domain/rescue.h"
#include "io/monthly_doc.h"
#include "io/sheet.h"
#include "store/db.h"   /* to read the connection's settings around a pass */
#include "store/store_monthly.h"

#define V1 "441900003001"
#define V2 "441900003002"
#define TOWN "441900003000"
#define V3 "441900004003"

static const Date TODAY = {2024, 6, 20};
static long long boy_a, moved_d;
static void seed(void);
TEST_DB_FIXTURE_THEN("monthly", seed())

/* ---- the rules, on hand-made figures ---- */

/* Figures that pass every cross-check: 3 children, 2 boys, 1 girl. */
static MonthlyValues consistent(void)
{
    MonthlyValues v = {0};
    monthly_set(&v, "children.total", 3);
    monthly_set(&v, "children.male", 2);
    monthly_set(&v, "children.female", 1);
    monthly_set(&v, "children.age_6_11", 2);
    monthly_set(&v, "children.age_15_17", 1);
    monthly_set(&v, "category.orphan_scattered", 3);
    monthly_set(&v, "records.new", 1);
    monthly_set(&v, "records.ended", 2);
    return v;
}

static void figure_table(void **state)
{
    (void)state;
    assert_true(monthly_count() > 20 && monthly_count() <= MONTHLY_MAX);
    for (int i = 0; i < monthly_count(); i++) {
        const MonthlyFigure *f = &MONTHLY_FIGURES[i];
        assert_int_equal(monthly_index(f->code), i);   /* codes are unique */
        assert_true(strlen(f->zh) > 0 && strlen(f->en) > 0);
        bool group_known = false;
        for (int g = 0; MONTHLY_GROUPS[g].code; g++) group_known |= strcmp(MONTHLY_GROUPS[g].code, f->group) == 0;
        assert_true(group_known);
    }
    assert_int_equal(monthly_index("no.such"), -1);
    assert_string_equal(monthly_title(monthly_figure("children.total"), LANG_EN), "Children recorded");
    /* every category of the code table has its figure */
    assert_non_null(monthly_figure("category.de_facto_unsupported"));
    assert_int_equal(monthly_figure("allowances.amount")->unit, UNIT_FEN);
}

static void age_bands(void **state)
{
    (void)state;
    assert_string_equal(monthly_age_band(0), "children.age_0_2");
    assert_string_equal(monthly_age_band(2), "children.age_0_2");
    assert_string_equal(monthly_age_band(3), "children.age_3_5");
    assert_string_equal(monthly_age_band(6), "children.age_6_11");
    assert_string_equal(monthly_age_band(11), "children.age_6_11");
    assert_string_equal(monthly_age_band(12), "children.age_12_14");
    assert_string_equal(monthly_age_band(15), "children.age_15_17");
    assert_string_equal(monthly_age_band(17), "children.age_15_17");
    assert_string_equal(monthly_age_band(18), "children.age_18_up");
}

/* The codes of the problems monthly_check adds to X with PREV_TOTAL, comma-separated, in A. */
static const char *check_codes(const MonthlyValues *x, long long prev_total)
{
    Problems p;
    problems_init(&p, a);
    monthly_check(x, prev_total, &p);
    const char *codes = "";
    for (const Problem *q = p.head; q; q = q->next) codes = arena_printf(a, "%s%s%s", codes, *codes ? "," : "", q->code);
    return codes;
}

static void cross_checks(void **state)
{
    (void)state;
    MonthlyValues v = consistent();
    assert_string_equal(check_codes(&v, 4), "");
    /* ended 2 <= last month's 1 + new 1: still fine; with 0 last month it is not */
    assert_string_equal(check_codes(&v, 1), "");
    assert_string_equal(check_codes(&v, 0), "monthly_ended_exceeds");

    v = consistent();
    monthly_set(&v, "children.female", 2);   /* 2 + 2 != 3 */
    assert_string_equal(check_codes(&v, 4), "monthly_sex_sum");

    v = consistent();
    monthly_set(&v, "children.age_0_2", 1);   /* the bands now add up to 4 */
    assert_string_equal(check_codes(&v, 4), "monthly_age_sum");

    v = consistent();
    monthly_set(&v, "category.hiv", 4);
    Problems p;
    problems_init(&p, a);
    assert_int_equal(monthly_check(&v, 4, &p), 1);
    assert_string_equal(p.head->code, "monthly_category_exceeds");
    assert_string_equal(p.head->field, "category.hiv");
    assert_non_null(strstr(p.head->text[LANG_ZH], "艾滋病病毒感染儿童4人"));

    v = consistent();
    monthly_set(&v, "allowances.amount", -100);
    assert_string_equal(check_codes(&v, 4), "monthly_negative");
}

static void roll_up_and_diff(void **state)
{
    (void)state;
    MonthlyValues sum = {0}, x = consistent();
    monthly_add(&sum, &x);
    monthly_add(&sum, &x);
    assert_int_equal(monthly_get(&sum, "children.total"), 6);
    assert_string_equal(check_codes(&sum, 8), "");   /* a sum of consistent reports is consistent */

    MonthlyValues now = x;
    monthly_set(&now, "children.total", 4);
    monthly_set(&now, "records.new", 2);
    assert_int_equal(monthly_diff(&x, &now, NULL, NULL), 2);
    assert_int_equal(monthly_diff(&x, &x, NULL, NULL), 0);

    json_t *j = monthly_to_json(&now);
    MonthlyValues back;
    assert_true(monthly_from_json(j, &back));
    assert_memory_equal(&back, &now, sizeof now);
    json_object_del(j, "records.new");   /* a figure added after a report was frozen reads as 0 */
    assert_true(monthly_from_json(j, &back));
    assert_int_equal(monthly_get(&back, "records.new"), 0);
    json_decref(j);
}

static void who_acts(void **state)
{
    (void)state;
    char parent[13];
    assert_int_equal(monthly_area_level(V1), 3);
    assert_int_equal(monthly_area_level(TOWN), 2);
    assert_int_equal(monthly_area_level("441900000000"), 1);
    assert_true(monthly_area_parent(V1, parent));
    assert_string_equal(parent, TOWN);
    assert_true(monthly_area_parent(TOWN, parent));
    assert_string_equal(parent, "441900000000");
    assert_false(monthly_area_parent("441900000000", parent));
    assert_true(monthly_may_submit(V1, V1));
    assert_false(monthly_may_submit(TOWN, V1));
    assert_true(monthly_may_review(TOWN, V1));
    assert_false(monthly_may_review("441900000000", V1));   /* the city does not skip the town */
    assert_false(monthly_may_review(V1, V1));
    assert_true(monthly_may_review("441900000000", TOWN));
}

/* ---- the figures computed by the store ---- */

/* Inserts a child (SEQ3 odd: a boy) born BIRTH8 in AREA, recorded at AT; returns its id. */
static long long add_child(const char *birth8, const char *seq3, const char *area, const char *category, const char *at)
{
    Child c = test_child(a, arena_printf(a, "儿童%s", seq3), birth8, seq3, area, category);
    Change ch = {"test", "登记", at};
    return test_child_add(s, a, &c, TODAY, &ch);
}

static void end_child(long long id, const char *at)
{
    Child c;
    assert_int_equal(store_child_get(s, &SCOPE_ALL, id, &c, a), STORE_OK);
    c.status = "moved_away";
    c.status_reason = "随父母迁往外市";
    Problems p;
    problems_init(&p, a);
    Change ch = {"test", "迁出", at};
    bool changed;
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_child_update(s, &c, c.version, &ch, &p, &changed, NULL), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
}

static void sql(const char *text)
{
    sqlite3 *db;
    char path[256];
    snprintf(path, sizeof path, "%s/monthly.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    if (sqlite3_exec(db, text, NULL, NULL, &err) != SQLITE_OK) fail_msg("%s: %s", text, err);
    sqlite3_close(db);
}

/* June 2024's protection work and the rescue centre (see each figure's test):
   the boy of 岗贝社区 (monthly visits) was last visited in May and twice in
   June; 岗贝社区 has a case from May closed in June and one opened in June with
   two referrals past due, 花园新村社区 a case closed in April reopened in June;
   the rescue centre holds the boy since March, an unidentified child since
   June 5, and had one from June 1 to 11 who was transferred. */
static const char *protection_and_rescue(void)
{
    return arena_printf(
        a,
        "INSERT INTO visit(child_id, area, visited_on, kind, care, findings, recorded_at, recorded_by) VALUES "
        "(%lld, '" V1 "', '2024-05-10', 'home', 'good', '好', 't', 't'), (%lld, '" V1 "', '2024-06-12', 'home', "
        "'good', '好', 't', 't'), (%lld, '" V1 "', '2024-06-18', 'phone', 'fair', '一般', 't', 't');"
        "INSERT INTO protect_case(id, year, seq, number, source, status, area, received_at, received_unix, "
        "created_at, created_by, updated_at) VALUES "
        "(1, 2024, 1, 'DG-2024-000001', 'report', 'closed', '" V1 "', '2024-05-20T09:00:00+08:00', 0, 't', 't', 't'),"
        "(2, 2024, 2, 'DG-2024-000002', 'report', 'in_service', '" V1 "', '2024-06-03T09:00:00+08:00', 0, 't', 't', 't'),"
        "(3, 2024, 3, 'DG-2024-000003', 'visit', 'review', '" V2 "', '2024-04-01T09:00:00+08:00', 0, 't', 't', 't');"
        "INSERT INTO case_step(case_id, at, author, step, from_status, to_status) VALUES "
        "(1, '2024-05-20T09:00:00+08:00', 't', 'report', NULL, 'reported'),"
        "(1, '2024-06-15T09:00:00+08:00', 't', 'close', 'review', 'closed'),"
        "(2, '2024-06-03T09:00:00+08:00', 't', 'report', NULL, 'reported'),"
        "(2, '2024-06-03T10:00:00+08:00', 't', 'refer', NULL, NULL),"
        "(3, '2024-04-01T09:00:00+08:00', 't', 'visit', NULL, 'reported'),"
        "(3, '2024-04-30T09:00:00+08:00', 't', 'close', 'reported', 'closed'),"
        "(3, '2024-06-10T09:00:00+08:00', 't', 'reopen', 'closed', 'review');"
        /* case 1's referral answered late in June; case 2's: the police's pending past
           due, education's accepted on time and still open past due at the end */
        "INSERT INTO case_referral(case_id, kind, unit, status, sent_at, sent_by, due, responded_at) VALUES "
        "(1, 'referral', 'education', 'done', '2024-05-21T09:00:00+08:00', 't', '2024-05-28', "
        "'2024-06-02T09:00:00+08:00'),"
        "(2, 'referral', 'police', 'pending', '2024-06-03T09:00:00+08:00', 't', '2024-06-04', NULL),"
        "(2, 'referral', 'education', 'accepted', '2024-06-03T09:00:00+08:00', 't', '2024-06-10', "
        "'2024-06-05T09:00:00+08:00'),"
        "(2, 'notice', 'civil_affairs', 'pending', '2024-06-03T09:00:00+08:00', 't', NULL, NULL);"
        "INSERT INTO admission(institution_id, child_id, area, arrived_unidentified, ground, placement, admitted_on, "
        "discharged_on, discharge_kind, taken_by, recorded_at, recorded_by) VALUES "
        "(2, %lld, '" V1 "', 0, 'other', 'rescue_centre', '2024-03-01', NULL, NULL, NULL, 't', 't'),"
        "(2, NULL, '441900000000', 1, 'other', 'rescue_centre', '2024-06-05', NULL, NULL, NULL, 't', 't'),"
        "(2, NULL, '441900000000', 1, 'other', 'rescue_centre', '2024-06-01', '2024-06-11', 'transferred', '市儿童福利院', "
        "'t', 't');",
        boy_a, boy_a, boy_a, boy_a);
}

/* The small ledger of June 2024 described at the top. */
static void seed(void)
{
    /* 岗贝社区: a boy of 12 since May with a category, a girl of 1 new in June */
    boy_a = add_child("20120305", "001", V1, "de_facto_unsupported", "2024-05-10T09:00:00+08:00");
    add_child("20220630", "002", V1, NULL, "2024-06-05T09:00:00+08:00");
    /* 花园新村社区: one recorded in May who moved away in June; one recorded in July */
    moved_d = add_child("20100101", "003", V2, "left_behind", "2024-05-10T09:00:00+08:00");
    end_child(moved_d, "2024-06-15T10:00:00+08:00");
    add_child("20130909", "005", V2, NULL, "2024-07-02T09:00:00+08:00");
    /* 鸿福社区: a girl of 5 new in June */
    add_child("20190101", "004", V3, NULL, "2024-06-01T08:00:00+08:00");
    /* June's payroll, locked, pays the boy; July's draft does not count */
    char *paid = arena_printf(
        a,
        "INSERT INTO payroll(id, month, area, status, created_at, created_by, generated_at) VALUES "
        "(1, '2024-06', '441900000000', 'draft', 't', 't', 't'), (2, '2024-07', '441900000000', 'draft', 't', 't', 't');"
        "INSERT INTO payroll_line(payroll_id, child_id, town, village, kind, category, standard_fen, months, "
        "back_months, first_month, last_month, amount_fen, child_name, created_at, created_by) VALUES "
        "(1, %lld, '" TOWN "', '" V1 "', 'regular', 'de_facto_unsupported', 135900, 1, 0, '2024-06', '2024-06', 135900, "
        "'儿童001', 't', 't'), (2, %lld, '" TOWN "', '" V1 "', 'regular', 'de_facto_unsupported', 135900, 1, 0, "
        "'2024-07', '2024-07', 135900, '儿童001', 't', 't');"
        "UPDATE payroll SET status = 'locked' WHERE id = 1;"
        /* activities: 岗贝社区's in June and July, 东城街道's own in June */
        "INSERT INTO activity(level, area, held_on, title, kind, participants, recorded_at, recorded_by) VALUES "
        "('village', '" V1 "', '2024-06-01', '六一游园', 'care', 20, 't', 't'),"
        "('village', '" V1 "', '2024-07-01', '暑期安全', 'publicity', 30, 't', 't'),"
        "('town', '" TOWN "', '2024-06-30', '督导员培训', 'training', 100, 't', 't');",
        boy_a, boy_a);
    sql(paid);
    sql(protection_and_rescue());
}

static const Month JUNE = 2024 * 12 + 5;

static MonthlyValues compute(const char *area, Month m)
{
    MonthlyValues v;
    assert_int_equal(store_monthly_compute(s, area, m, &v), STORE_OK);
    return v;
}

/* A figure of V (a value: V may be a call's result). */
static long long FIG(MonthlyValues v, const char *code) { return monthly_get(&v, code); }

static void children_figures(void **state)
{
    (void)state;
    MonthlyValues v = compute(V1, JUNE);
    assert_int_equal(FIG(v, "children.total"), 2);
    assert_int_equal(FIG(v, "children.male"), 1);
    assert_int_equal(FIG(v, "children.female"), 1);
    assert_int_equal(FIG(v, "children.age_0_2"), 1);     /* born 2022-06-30: 2 on June's last day */
    assert_int_equal(FIG(v, "children.age_12_14"), 1);
    /* May: only the boy was recorded */
    MonthlyValues may = compute(V1, JUNE - 1);
    assert_int_equal(FIG(may, "children.total"), 1);
    /* 花园新村社区: the one who moved away in June was recorded in May, not at June's end; July's is not yet */
    assert_int_equal(FIG(compute(V2, JUNE - 1), "children.total"), 1);
    assert_int_equal(FIG(compute(V2, JUNE), "children.total"), 0);
    assert_int_equal(FIG(compute(V2, JUNE + 1), "children.total"), 1);
}

static void category_figures(void **state)
{
    (void)state;
    MonthlyValues v = compute(V1, JUNE);
    assert_int_equal(FIG(v, "category.de_facto_unsupported"), 1);
    assert_int_equal(FIG(v, "category.left_behind"), 0);
    /* the left-behind child of 花园新村社区 counts in May, and not after it moved away */
    assert_int_equal(FIG(compute(V2, JUNE - 1), "category.left_behind"), 1);
    assert_int_equal(FIG(compute(V2, JUNE), "category.left_behind"), 0);
}

static void record_figures(void **state)
{
    (void)state;
    MonthlyValues v1 = compute(V1, JUNE), v2 = compute(V2, JUNE), town = compute(TOWN, JUNE);
    assert_int_equal(FIG(v1, "records.new"), 1);
    assert_int_equal(FIG(v1, "records.changed"), 0);
    assert_int_equal(FIG(v1, "records.ended"), 0);
    assert_int_equal(FIG(v2, "records.new"), 0);
    assert_int_equal(FIG(v2, "records.changed"), 1);
    assert_int_equal(FIG(v2, "records.ended"), 1);
    assert_int_equal(FIG(town, "records.new"), 1);
    assert_int_equal(FIG(town, "records.ended"), 1);
    assert_int_equal(FIG(compute(V1, JUNE - 1), "records.new"), 1);
}

static void allowance_figures(void **state)
{
    (void)state;
    MonthlyValues v = compute(V1, JUNE);
    assert_int_equal(FIG(v, "allowances.children"), 1);
    assert_int_equal(FIG(v, "allowances.amount"), 135900);
    assert_int_equal(FIG(compute(V1, JUNE + 1), "allowances.amount"), 0);   /* July's payroll is a draft */
    assert_int_equal(FIG(compute(V3, JUNE), "allowances.children"), 0);
}

static void activity_figures(void **state)
{
    (void)state;
    MonthlyValues v = compute(V1, JUNE), town = compute(TOWN, JUNE);
    assert_int_equal(FIG(v, "activities.events"), 1);
    assert_int_equal(FIG(v, "activities.participants"), 20);
    /* the town's own activity counts at the town, not in a village */
    assert_int_equal(FIG(town, "activities.events"), 2);
    assert_int_equal(FIG(town, "activities.participants"), 120);
    assert_int_equal(FIG(compute(V2, JUNE), "activities.events"), 0);
}


/* ---- protection and the rescue centre: the definitions, then the store ---- */

static void visit_rule(void **state)
{
    (void)state;
    MonthlyValues v = {0};
    /* monthly since 2022, last visited May 10: due June 10, visited in June */
    monthly_add_visit_child(&v, &(MonthlyVisitChild){1, {2022, 1, 1}, {2024, 5, 10}, true}, month_last_day(JUNE));
    /* quarterly, last visited May 10: due August 10, not in June */
    monthly_add_visit_child(&v, &(MonthlyVisitChild){3, {2022, 1, 1}, {2024, 5, 10}, true}, month_last_day(JUNE));
    /* monthly, never visited, care began June 30: due on the month's last day, not visited */
    monthly_add_visit_child(&v, &(MonthlyVisitChild){1, {2024, 6, 30}, DATE_NONE, false}, month_last_day(JUNE));
    /* late since March, still not visited: due (late ones count) */
    monthly_add_visit_child(&v, &(MonthlyVisitChild){1, {2022, 1, 1}, {2024, 2, 1}, false}, month_last_day(JUNE));
    /* no regular visit */
    monthly_add_visit_child(&v, &(MonthlyVisitChild){0, {2022, 1, 1}, DATE_NONE, true}, month_last_day(JUNE));
    assert_int_equal(monthly_get(&v, "visits.due"), 3);
    assert_int_equal(monthly_get(&v, "visits.covered"), 1);
}

static void referral_and_rescue_rules(void **state)
{
    (void)state;
    assert_string_equal(monthly_referral_timeliness((Date){2024, 6, 10}, (Date){2024, 6, 10}), "referrals.on_time");
    assert_string_equal(monthly_referral_timeliness((Date){2024, 6, 10}, (Date){2024, 6, 11}), "referrals.late");
    MonthlyValues v = {0};
    RescueMonth none = {.retention_permille = -1};
    monthly_set_rescue(&v, &none);
    assert_int_equal(monthly_get(&v, "rescue.retention"), 0);   /* no one present: 0, not negative */
    RescueMonth rm = {JUNE, 1, 2, 3, 2, 73, 667};
    monthly_set_rescue(&v, &rm);
    assert_int_equal(monthly_get(&v, "rescue.admissions"), 1);
    assert_int_equal(monthly_get(&v, "rescue.discharges"), 2);
    assert_int_equal(monthly_get(&v, "rescue.present"), 3);
    assert_int_equal(monthly_get(&v, "rescue.stranded"), 2);
    assert_int_equal(monthly_get(&v, "rescue.stay_days"), 73);
    assert_int_equal(monthly_get(&v, "rescue.retention"), 667);
    Arena *t = arena_new();
    assert_string_equal(monthly_value_text(monthly_figure("rescue.retention"), 667, t), "66.7%");
    arena_free(t);
    /* every way of discharge has its figure, and the rescue centre's figures are each level's own */
    for (int i = 0; CODES_DISCHARGE.entries[i].code; i++) {
        char code[64];
        snprintf(code, sizeof code, "rescue.discharge.%s", CODES_DISCHARGE.entries[i].code);
        assert_non_null(monthly_figure(code));
        assert_int_equal(monthly_figure(code)->rollup, ROLLUP_OWN);
    }
    assert_int_equal(monthly_figure("visits.due")->rollup, ROLLUP_SUM);
    /* and every unit a case is referred to */
    for (int i = 0; CODES_REFERRAL_UNIT.entries[i].code; i++) {
        char code[64];
        snprintf(code, sizeof code, "referrals.sent.%s", CODES_REFERRAL_UNIT.entries[i].code);
        assert_non_null(monthly_figure(code));
        assert_non_null(strstr(monthly_figure(code)->zh, CODES_REFERRAL_UNIT.entries[i].zh));
    }
}

static void protection_cross_checks(void **state)
{
    (void)state;
    MonthlyValues v = consistent();
    monthly_set(&v, "visits.due", 3);
    monthly_set(&v, "visits.covered", 2);
    monthly_set(&v, "visits.done", 4);
    monthly_set(&v, "cases.open_start", 2);
    monthly_set(&v, "cases.opened", 1);
    monthly_set(&v, "cases.reopened", 1);
    monthly_set(&v, "cases.closed", 3);
    monthly_set(&v, "cases.open_end", 1);
    monthly_set(&v, "cases.overdue", 1);
    monthly_set(&v, "referrals.sent", 3);
    monthly_set(&v, "referrals.sent.police", 2);
    monthly_set(&v, "referrals.sent.court", 1);
    monthly_set(&v, "referrals.answered", 3);
    monthly_set(&v, "referrals.on_time", 2);
    monthly_set(&v, "referrals.late", 1);
    monthly_set(&v, "rescue.discharges", 2);
    monthly_set(&v, "rescue.discharge.adopted", 1);
    monthly_set(&v, "rescue.discharge.transferred", 1);
    monthly_set(&v, "rescue.present", 3);
    monthly_set(&v, "rescue.stranded", 2);
    monthly_set(&v, "rescue.retention", 667);
    assert_string_equal(check_codes(&v, 4), "");
    const struct {
        const char *code;
        long long value;
        const char *field;
    } broken[] = {
        {"visits.covered", 4, "visits.covered"},       /* more than due */
        {"visits.done", 1, "visits.covered"},          /* fewer visits than children covered */
        {"cases.closed", 4, "cases.open_end"},         /* 2 + 1 + 1 - 4 is not 1 */
        {"cases.overdue", 2, "cases.overdue"},         /* more than open */
        {"referrals.late", 2, "referrals.answered"},   /* 2 + 2 is not 3 */
        {"referrals.sent.court", 0, "referrals.sent"}, /* the units' 2 are not the 3 sent */
        {"rescue.discharge.adopted", 0, "rescue.discharges"},
        {"rescue.retention", 500, "rescue.retention"}, /* 2 of 3 is 66.7% */
    };
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        MonthlyValues x = v;
        monthly_set(&x, broken[i].code, broken[i].value);
        Problems p;
        problems_init(&p, a);
        assert_int_equal(monthly_check(&x, 4, &p), 1);
        assert_string_equal(p.head->code, "monthly_relation");
        assert_string_equal(p.head->field, broken[i].field);
    }
    MonthlyValues x = v;
    monthly_set(&x, "visits.covered", 4);
    Problems p;
    problems_init(&p, a);
    monthly_check(&x, 4, &p);
    assert_string_equal(p.head->text[LANG_ZH], "其中：本月已访为4，应不大于本月应访儿童（3）：请核对相关记录");
}

static void visit_figures(void **state)
{
    (void)state;
    MonthlyValues v1 = compute(V1, JUNE);
    assert_int_equal(FIG(v1, "visits.due"), 1);       /* the boy: due June 10 */
    assert_int_equal(FIG(v1, "visits.covered"), 1);   /* visited June 12 */
    assert_int_equal(FIG(v1, "visits.done"), 2);
    /* May: visited May 10, due since his care began in 2022 */
    MonthlyValues may = compute(V1, JUNE - 1);
    assert_int_equal(FIG(may, "visits.due"), 1);
    assert_int_equal(FIG(may, "visits.covered"), 1);
    /* 花园新村社区: the left-behind child never visited was due in May, and has moved away by June's end */
    assert_int_equal(FIG(compute(V2, JUNE - 1), "visits.due"), 1);
    assert_int_equal(FIG(compute(V2, JUNE - 1), "visits.covered"), 0);
    assert_int_equal(FIG(compute(V2, JUNE), "visits.due"), 0);
    assert_int_equal(FIG(compute(TOWN, JUNE), "visits.done"), 2);
}

static void case_and_referral_figures(void **state)
{
    (void)state;
    MonthlyValues v1 = compute(V1, JUNE), v2 = compute(V2, JUNE), town = compute(TOWN, JUNE);
    assert_int_equal(FIG(v1, "cases.open_start"), 1);
    assert_int_equal(FIG(v1, "cases.opened"), 1);
    assert_int_equal(FIG(v1, "cases.closed"), 1);
    assert_int_equal(FIG(v1, "cases.reopened"), 0);
    assert_int_equal(FIG(v1, "cases.open_end"), 1);
    assert_int_equal(FIG(v1, "cases.overdue"), 1);
    assert_int_equal(FIG(v2, "cases.open_start"), 0);   /* closed in April */
    assert_int_equal(FIG(v2, "cases.reopened"), 1);
    assert_int_equal(FIG(v2, "cases.open_end"), 1);
    assert_int_equal(FIG(town, "cases.open_end"), 2);
    assert_int_equal(FIG(v1, "referrals.sent"), 2);       /* the notice is not a referral */
    assert_int_equal(FIG(v1, "referrals.sent.police"), 1);
    assert_int_equal(FIG(v1, "referrals.sent.education"), 1);
    assert_int_equal(FIG(v1, "referrals.sent.civil_affairs"), 0);   /* a notice */
    assert_int_equal(FIG(v1, "referrals.answered"), 2);
    assert_int_equal(FIG(v1, "referrals.on_time"), 1);
    assert_int_equal(FIG(v1, "referrals.late"), 1);
    assert_int_equal(FIG(v1, "referrals.overdue"), 2);   /* pending, and accepted but not done */
    /* May: case 1 open at its end, its referral due May 28 and answered only in June */
    MonthlyValues may = compute(V1, JUNE - 1);
    assert_int_equal(FIG(may, "cases.open_end"), 1);
    assert_int_equal(FIG(may, "referrals.overdue"), 1);
    assert_int_equal(FIG(may, "cases.overdue"), 1);
    assert_string_equal(check_codes(&v1, 1), "");
    assert_string_equal(check_codes(&v2, 1), "");
}

/* A dashboard's figures: a few groups, the month up to a day (June 8). */
static void dashboard_groups_up_to_a_day(void **state)
{
    (void)state;
    MonthlyValues v;
    const char *const groups[] = {"visits", "cases", "referrals", NULL};
    assert_int_equal(store_monthly_compute_groups(s, V1, JUNE, (Date){2024, 6, 8}, groups, &v), STORE_OK);
    assert_int_equal(FIG(v, "children.total"), 0);   /* not asked for */
    assert_int_equal(FIG(v, "rescue.present"), 0);
    assert_int_equal(FIG(v, "visits.due"), 0);       /* the boy is due June 10 */
    assert_int_equal(FIG(v, "visits.done"), 0);      /* visited June 12 and 18 */
    assert_int_equal(FIG(v, "cases.open_end"), 2);   /* case 1 closes June 15 */
    assert_int_equal(FIG(v, "cases.overdue"), 1);    /* the police's referral was due June 4 */
    assert_int_equal(FIG(v, "referrals.overdue"), 1);   /* education's is due June 10 */
    /* a day on or after the month's last is the whole month */
    assert_int_equal(store_monthly_compute_groups(s, V1, JUNE, (Date){2024, 6, 30}, groups, &v), STORE_OK);
    assert_int_equal(FIG(v, "visits.done"), 2);
    assert_int_equal(FIG(v, "referrals.overdue"), 2);
}

static void rescue_figures(void **state)
{
    (void)state;
    MonthlyValues v1 = compute(V1, JUNE), city = compute("441900000000", JUNE);
    assert_int_equal(FIG(v1, "rescue.present"), 1);
    assert_int_equal(FIG(v1, "rescue.stranded"), 1);   /* since March 1: three months on June 1 */
    assert_int_equal(FIG(v1, "rescue.retention"), 1000);
    assert_int_equal(FIG(v1, "rescue.admissions"), 0);
    /* the unidentified children are the city's */
    assert_int_equal(FIG(compute(TOWN, JUNE), "rescue.present"), 1);
    assert_int_equal(FIG(city, "rescue.admissions"), 2);
    assert_int_equal(FIG(city, "rescue.discharges"), 1);
    assert_int_equal(FIG(city, "rescue.discharge.transferred"), 1);
    assert_int_equal(FIG(city, "rescue.stay_days"), 10);
    assert_int_equal(FIG(city, "rescue.present"), 2);
    assert_int_equal(FIG(city, "rescue.retention"), 500);
    assert_string_equal(check_codes(&city, 1), "");
}

static void the_city_is_the_sum_and_checks_pass(void **state)
{
    (void)state;
    MonthlyValues city = compute("441900000000", JUNE), sum = {0};
    MonthlyValues parts[] = {compute(V1, JUNE), compute(V2, JUNE), compute(V3, JUNE)};
    for (int i = 0; i < 3; i++) {
        monthly_add(&sum, &parts[i]);
        assert_string_equal(check_codes(&parts[i], 1), "");
    }
    for (int i = 0; i < monthly_count(); i++)   /* what rolls up by sum; the town's activity is the city's own */
        if (MONTHLY_FIGURES[i].rollup == ROLLUP_SUM) assert_int_equal(city.v[i], sum.v[i]);
    assert_int_equal(FIG(city, "activities.events"), 2);
    assert_int_equal(FIG(city, "children.total"), 3);
}

/* The one-pass roll-up (issue #8): the figures of the areas below one,
   computed together, are each area's own, for the towns of the city, the
   villages of a town, and areas of two levels (computed one by one). */
static void one_pass_equals_each_area(void **state)
{
    (void)state;
    static const char *const towns[] = {TOWN, "441900004000"}, *const villages[] = {V1, V2},
                             *const mixed[] = {TOWN, V3};
    const struct {
        const char *parent;
        const char *const *areas;
    } cases[] = {{"441900000000", towns}, {TOWN, villages}, {"441900000000", mixed}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        for (Month m = JUNE - 1; m <= JUNE + 1; m++) {
            MonthlyValues fast[2], self, direct = compute(cases[k].parent, m);
            assert_int_equal(store_monthly_compute_below(s, cases[k].parent, m, 2, cases[k].areas, fast, &self),
                             STORE_OK);
            assert_memory_equal(&self, &direct, sizeof self);   /* the parent's own, from the same pass */
            for (int i = 0; i < 2; i++) {
                MonthlyValues each = compute(cases[k].areas[i], m);
                assert_memory_equal(&fast[i], &each, sizeof each);
            }
        }
    MonthlyValues v[2];
    assert_int_equal(store_monthly_compute_below(s, "441900000000", JUNE, 2, towns, v, NULL), STORE_OK);
    assert_int_equal(FIG(v[0], "children.total"), 2);   /* 东城街道 in June: the boy and the girl of 岗贝社区 */
    assert_int_equal(FIG(v[0], "visits.covered"), 1);
    assert_int_equal(FIG(v[0], "activities.events"), 2);   /* the town's own and its village's */
    assert_int_equal(FIG(v[1], "children.total"), 1);
}

/* The connection's PRAGMA NAME ("PRAGMA cache_size"). */
static long long pragma_now(const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* A pass over many areas sorts in small runs spilled to a file (issue #8,
   figure 4), and puts the connection's cache and temp_store back after
   it, outside a transaction and inside one (a town's generate). */
static void one_pass_puts_the_settings_back(void **state)
{
    (void)state;
    static const char *const towns[] = {TOWN, "441900004000"};
    long long cache = pragma_now("PRAGMA cache_size"), temp = pragma_now("PRAGMA temp_store");
    assert_int_equal(temp, 2);   /* store_open's MEMORY: the pass's FILE did not stay */
    MonthlyValues v[2], self;
    assert_int_equal(store_monthly_compute_below(s, "441900000000", JUNE, 2, towns, v, &self), STORE_OK);
    assert_int_equal(pragma_now("PRAGMA cache_size"), cache);
    assert_int_equal(pragma_now("PRAGMA temp_store"), temp);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_monthly_compute_below(s, "441900000000", JUNE, 2, towns, v, &self), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(pragma_now("PRAGMA cache_size"), cache);
    assert_int_equal(pragma_now("PRAGMA temp_store"), temp);
    assert_int_equal(FIG(v[0], "children.total"), 2);   /* the same figures as one_pass_equals_each_area's */
}

/* ---- the workflow ---- */

static long long generate(const char *area)
{
    Change ch = {"test", "生成月报", "2024-06-20T10:00:00+08:00"};
    MonthlyReport r;
    bool created;
    Problems p;
    problems_init(&p, a);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_monthly_generate(s, &SCOPE_ALL, JUNE, area, TODAY, &ch, &r, &created, &p, a), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    return r.id;
}

/* Does FN on report ID as an account of ACTOR_AREA; returns the first problem's code, or "" when it passed. */
static const char *step(StoreRc (*fn)(Store *, const MonthlyStep *, Problems *), long long id, const char *actor_area,
                        const char *reason)
{
    MonthlyStep st = {id, "test", actor_area, reason, "2024-06-20T11:00:00+08:00"};
    Problems p;
    problems_init(&p, a);
    assert_int_equal(store_begin(s), STORE_OK);
    StoreRc rc = fn(s, &st, &p);
    if (rc == STORE_OK) assert_int_equal(store_commit(s), STORE_OK);
    else store_rollback(s);
    return rc == STORE_OK ? "" : p.head ? p.head->code : "error";
}

static void workflow(void **state)
{
    (void)state;
    long long v1 = generate(V1), v2 = generate(V2), town = generate(TOWN);
    assert_string_equal(step(store_monthly_submit, v1, TOWN, NULL), "monthly_own_area_only");
    assert_string_equal(step(store_monthly_submit, v1, V1, NULL), "");
    assert_string_equal(step(store_monthly_submit, v1, V1, NULL), "monthly_state");
    assert_string_equal(step(store_monthly_submit, town, TOWN, NULL), "monthly_children_pending");
    assert_string_equal(step(store_monthly_submit, v2, V2, NULL), "");
    /* a correction in 岗贝社区 after it submitted */
    add_child("20160606", "007", V1, NULL, "2024-06-19T09:00:00+08:00");
    assert_string_equal(step(store_monthly_submit, town, TOWN, NULL), "monthly_child_changed");
    assert_string_equal(step(store_monthly_return, v1, TOWN, ""), "monthly_reason_required");
    assert_string_equal(step(store_monthly_return, v1, "441900000000", "x"), "monthly_review_only");
    assert_string_equal(step(store_monthly_return, v1, TOWN, "新增一名儿童"), "");
    assert_string_equal(step(store_monthly_submit, v1, V1, NULL), "");
    assert_string_equal(step(store_monthly_submit, town, TOWN, NULL), "");
    MonthlyReport r;
    assert_int_equal(store_monthly_get(s, &SCOPE_ALL, town, &r, a), STORE_OK);
    assert_string_equal(r.status, "submitted");
    assert_int_equal(FIG(r.figures, "children.total"), 3);   /* 3 in 岗贝社区, 0 in 花园新村社区 */
    assert_int_equal(FIG(r.figures, "records.ended"), 1);
    assert_int_equal(FIG(r.figures, "allowances.amount"), 135900);
    assert_int_equal(FIG(r.figures, "activities.events"), 2);   /* its villages' and its own */
    /* frozen: the town's report is never changed in place */
    char *change = arena_printf(a, "UPDATE monthly_report SET figures = '{}' WHERE id = %lld", town);
    sqlite3 *db;
    char path[256];
    snprintf(path, sizeof path, "%s/monthly.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, change, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_string_equal(step(store_monthly_return, v1, TOWN, "晚了"), "monthly_parent_submitted");
    assert_string_equal(step(store_monthly_accept, town, "441900000000", NULL), "");
}

/* Under LeakSanitizer (make unit-asan): cairo and fontconfig keep
   process-wide caches for as long as the process runs, and cairo 1.16's PDF
   surface leaves a small array behind when it is finished; they are the
   libraries', not Shouhu's, and are not reported. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libcairo.so\nleak:libfontconfig.so\n"; }

/* The town's frozen report as Excel reads back with the ledger's own sheet
   reader: the title, the headings with its villages, each figure's row; and
   the PDF is written. */
static void exports_read_back(void **state)
{
    (void)state;
    MonthlyReport r;
    assert_int_equal(store_monthly_find(s, JUNE, TOWN, &r, a), STORE_OK);
    MonthlyDoc doc;
    assert_int_equal(monthly_doc_load(s, &r, &doc, a), STORE_OK);
    assert_int_equal(doc.n_below, 2);
    char path[256];
    snprintf(path, sizeof path, "%s/town.xlsx", dir);
    char *err = NULL;
    assert_true(monthly_xlsx_write(&doc, path, &err));
    Problems p;
    problems_init(&p, a);
    SheetReader *rd = sheet_open(path, &p);
    assert_non_null(rd);
    SheetRow row;
    bool title = false, heading = false, total = false, money = false;
    while (sheet_next(rd, &row) == 1) {
        if (row.n > 0 && strstr(row.cells[0], "2024年6月东城街道儿童福利和未成年人保护工作月报")) title = true;
        if (row.n > 5 && strcmp(row.cells[3], "本级合计") == 0 && strstr(row.cells[4], "岗贝社区")) heading = true;
        if (row.n > 5 && strcmp(row.cells[2], "在册儿童") == 0)
            total = strcmp(row.cells[3], "3") == 0 && strcmp(row.cells[4], "3") == 0 && strcmp(row.cells[5], "0") == 0;
        if (row.n > 3 && strcmp(row.cells[2], "本月发放金额（元）") == 0) money = strcmp(row.cells[3], "1359") == 0;
    }
    sheet_close(rd);
    assert_true(title);
    assert_true(heading);
    assert_true(total);
    assert_true(money);

    snprintf(path, sizeof path, "%s/town.pdf", dir);
    assert_true(monthly_pdf_write(&doc, path, &err));
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char head[5] = {0};
    assert_int_equal(fread(head, 1, 5, f), 5);
    fseek(f, 0, SEEK_END);
    assert_true(ftell(f) > 10000);   /* the CJK font's glyphs are embedded */
    fclose(f);
    assert_memory_equal(head, "%PDF-", 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figure_table),
        cmocka_unit_test(age_bands),
        cmocka_unit_test(cross_checks),
        cmocka_unit_test(roll_up_and_diff),
        cmocka_unit_test(who_acts),
        cmocka_unit_test(children_figures),
        cmocka_unit_test(category_figures),
        cmocka_unit_test(record_figures),
        cmocka_unit_test(allowance_figures),
        cmocka_unit_test(activity_figures),
        cmocka_unit_test(visit_rule),
        cmocka_unit_test(referral_and_rescue_rules),
        cmocka_unit_test(protection_cross_checks),
        cmocka_unit_test(visit_figures),
        cmocka_unit_test(case_and_referral_figures),
        cmocka_unit_test(rescue_figures),
        cmocka_unit_test(dashboard_groups_up_to_a_day),
        cmocka_unit_test(the_city_is_the_sum_and_checks_pass),
        cmocka_unit_test(one_pass_equals_each_area),
        cmocka_unit_test(one_pass_puts_the_settings_back),
        cmocka_unit_test(workflow),
        cmocka_unit_test(exports_read_back),
    };
    return cmocka_run_group_tests_name("monthly", tests, setup, teardown);
}
