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
#include "io/monthly_doc.h"
#include "io/sheet.h"
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
        cmocka_unit_test(the_city_is_the_sum_and_checks_pass),
        cmocka_unit_test(workflow),
        cmocka_unit_test(exports_read_back),
    };
    return cmocka_run_group_tests_name("monthly", tests, setup, teardown);
}
