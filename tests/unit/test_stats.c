/*
** The statistics (issue #7): the age bands' definition against date_age_on()
** day by day, and the summary on small hand-made ledgers where the right
** figures are known; the counters that triggers keep are compared with a
** count of the ledger itself after imports, edits, moves, category changes
** and status changes.
*/
#include "testutil.h"
#include "domain/codes.h"
#include "io/ledger.h"
#include "store/store_stats.h"
#include "util/clock.h"

static const Date AS_OF = {2024, 6, 1};

TEST_DB_FIXTURE("stats")

/* ---- the definition of the age bands ---- */

static void age_bands_follow_whole_years(void **state)
{
    (void)state;
    assert_int_equal(stats_age_band((Date){2021, 6, 2}, AS_OF), 0);   /* 2 the day before the 3rd birthday */
    assert_int_equal(stats_age_band((Date){2021, 6, 1}, AS_OF), 1);   /* 3 on it */
    assert_int_equal(stats_age_band((Date){2012, 6, 1}, AS_OF), 3);   /* 12 */
    assert_int_equal(stats_age_band((Date){2006, 6, 2}, AS_OF), 4);   /* 17 */
    assert_int_equal(stats_age_band((Date){2006, 6, 1}, AS_OF), 5);   /* 18 */
    assert_int_equal(stats_age_band((Date){2025, 1, 1}, AS_OF), 0);   /* born after the date */
    char by[11];
    assert_string_equal(stats_born_by(AS_OF, 18, by), "2006-06-01");
    /* a bound may name a day that does not exist: it only sorts */
    assert_string_equal(stats_born_by((Date){2024, 2, 29}, 3, by), "2021-02-29");
}

/* Every birth date of 25 years against several dates: aged at least N
   exactly when the birth date sorts on or before stats_born_by(). */
static void born_by_agrees_with_ages(void **state)
{
    (void)state;
    const Date ons[] = {{2024, 2, 29}, {2023, 3, 1}, {2024, 12, 31}, {2024, 1, 1}, {2023, 2, 28}};
    for (size_t k = 0; k < sizeof ons / sizeof *ons; k++) {
        long first = date_to_days(ons[k]) - 25 * 366;
        for (long d = first; d <= date_to_days(ons[k]); d++) {
            Date birth = date_from_days(d);
            char text[11];
            date_format(birth, text);
            for (int i = 0; i < STATS_AGE_BANDS; i++) {
                char by[11];
                bool older = strcmp(text, stats_born_by(ons[k], STATS_AGE_BAND[i].from, by)) <= 0;
                assert_int_equal(older, date_age_on(birth, ons[k]) >= STATS_AGE_BAND[i].from);
            }
        }
    }
}

/* ---- the counters against the ledger ---- */

static const char HEADER[] = "姓名,身份证号,性别,出生日期,居住村(社区)代码,儿童类别,类别起始日期,父亲状况,监护人关系\n";

static char *id(const char *birth8, const char *seq3) { return test_id(arena_alloc(a, 19), "441900", birth8, seq3); }

static void import_csv(const char *body)
{
    char *text = arena_printf(a, "%s%s", HEADER, body);
    const char *path = test_file(dir, "in.csv", text, strlen(text));
    ImportOptions o = {.author = "test", .today = AS_OF, .rules = LEDGER_RULES_DEFAULT};
    ImportReport rep;
    assert_int_equal(ledger_import(s, arena_strdup(a, path), &o, &rep, a), STORE_OK);
    assert_int_equal(rep.problems.count, 0);
    assert_true(rep.written);
}

static long long category(const StatsSummary *x, const char *code) { return x->by_category[stats_category_index(code)]; }

static void assert_units_equal(const StatsUnit *u, int n, const StatsUnit *v, int m)
{
    /* the counters keep zero rows that a recount does not see */
    int j = 0;
    for (int i = 0; i < n; i++) {
        if (u[i].records == 0) continue;
        assert_true(j < m);
        assert_string_equal(u[i].code, v[j].code);
        assert_int_equal(u[i].children, v[j].children);
        assert_int_equal(u[i].male, v[j].male);
        assert_int_equal(u[i].records, v[j].records);
        for (int k = 0; k < STATS_STATUSES; k++) assert_int_equal(u[i].by_status[k], v[j].by_status[k]);
        for (int k = 0; k < STATS_CATEGORIES; k++) assert_int_equal(u[i].by_category[k], v[j].by_category[k]);
        j++;
    }
    assert_int_equal(j, m);
}

/* The summary of PREFIX from the counters equals the ledger's own count; returns it. */
static StatsSummary checked(const char *prefix)
{
    StatsSummary x, y;
    assert_int_equal(store_stats_summary(s, prefix, AS_OF, &x, a), STORE_OK);
    assert_int_equal(store_stats_recount(s, prefix, AS_OF, &y, a), STORE_OK);
    assert_int_equal(x.children, y.children);
    assert_int_equal(x.male, y.male);
    assert_int_equal(x.female, y.female);
    assert_int_equal(x.records, y.records);
    for (int k = 0; k < STATS_CATEGORIES; k++) assert_int_equal(x.by_category[k], y.by_category[k]);
    for (int k = 0; k < STATS_AGE_BANDS; k++) assert_int_equal(x.by_age[k], y.by_age[k]);
    assert_units_equal(x.towns, x.n_towns, y.towns, y.n_towns);
    if (x.villages) assert_units_equal(x.villages, x.n_villages, y.villages, y.n_villages);
    return x;
}

static void check_all(void)
{
    checked("4419");
    checked("441900003");
    checked("441900004");
    checked("441900003001");
}

/* Changes child ID by FN, as a new version. */
static void edit(long long child_id, void (*fn)(Child *c))
{
    Child c;
    assert_int_equal(store_child_get(s, &SCOPE_ALL, child_id, &c, a), STORE_OK);
    fn(&c);
    Problems p;
    problems_init(&p, a);
    bool changed = false;
    Change ch = {"test", "核实更正", "2024-06-01T09:00:00+08:00"};
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_child_update(s, &c, c.version, &ch, &p, &changed, NULL), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_true(changed);
}

static void move_to_town_b(Child *c) { c->area = "441900004003"; }
static void age_out(Child *c)
{
    c->status = "aged_out";
    c->status_reason = "年满18周岁";
}
static void back_to_active(Child *c)
{
    c->status = "active";
    c->status_reason = NULL;
}
static void end_categories(Child *c)
{
    for (int i = 0; i < c->n_categories; i++) {
        c->categories[i].status = "ended";
        c->categories[i].to = (Date){2024, 5, 31};
    }
}
static void add_dibao(Child *c)
{
    Category *cats = arena_alloc(a, (size_t)(c->n_categories + 1) * sizeof *cats);
    if (c->n_categories) memcpy(cats, c->categories, (size_t)c->n_categories * sizeof *cats);
    cats[c->n_categories++] = (Category){"dibao", {2024, 1, 1}, DATE_NONE, "approved", NULL};
    c->categories = cats;
}

static void counters_match_the_ledger(void **state)
{
    (void)state;
    /* town A (东城街道): 3 in 岗贝 (2 boys), 1 in 花园新村; town B (南城街道): 1 girl */
    import_csv(arena_printf(a,
                            "张一,%s,,,441900003001,社会散居孤儿,2020-01-01,死亡,祖父\n"
                            "张二,%s,,,441900003001,农村留守儿童、低保家庭儿童,2021-01-01,外出务工,奶奶\n"
                            "张三,%s,,,441900003001,,,,\n"
                            "李四,%s,,,441900003002,低保家庭儿童,2022-01-01,,\n"
                            "王五,%s,,,441900004003,,,,\n",
                            id("20150301", "121"), id("20210601", "131"), id("20060602", "142"),
                            id("20120101", "151"), id("20180808", "162")));
    StatsSummary city = checked("4419");
    assert_int_equal(city.children, 5);
    assert_int_equal(city.n_towns, 2);
    assert_string_equal(city.towns[0].code, "441900003000");
    assert_string_equal(city.towns[0].name, "东城街道");
    assert_int_equal(city.towns[0].children, 4);
    assert_int_equal(city.towns[1].children, 1);
    assert_int_equal(category(&city, "orphan_scattered"), 1);
    assert_int_equal(category(&city, "dibao"), 2);
    assert_int_equal(category(&city, "left_behind"), 1);
    /* ages on 2024-06-01: 9, 3 (that day), 17 (18 the next day), 12, 5 */
    assert_int_equal(city.by_age[0], 0);
    assert_int_equal(city.by_age[1], 2);
    assert_int_equal(city.by_age[2], 1);
    assert_int_equal(city.by_age[3], 1);
    assert_int_equal(city.by_age[4], 1);
    assert_int_equal(city.by_age[5], 0);
    StatsSummary town = checked("441900003");
    assert_int_equal(town.children, 4);
    assert_int_equal(town.n_villages, 2);
    assert_int_equal(town.villages[0].children, 3);
    assert_int_equal(town.villages[0].male + town.villages[0].female, 3);
    StatsSummary village = checked("441900003001");
    assert_int_equal(village.children, 3);
    check_all();

    /* a move to the other town takes its categories along */
    edit(1, move_to_town_b);
    city = checked("4419");
    assert_int_equal(city.towns[1].children, 2);
    assert_int_equal(city.towns[1].by_category[stats_category_index("orphan_scattered")], 1);
    check_all();

    /* an ended record leaves every count, and comes back */
    edit(2, age_out);
    city = checked("4419");
    assert_int_equal(city.children, 4);
    assert_int_equal(city.records, 5);
    assert_int_equal(city.by_status[stats_status_index("aged_out")], 1);
    assert_int_equal(category(&city, "dibao"), 1);
    assert_int_equal(category(&city, "left_behind"), 0);
    check_all();
    edit(2, back_to_active);
    city = checked("4419");
    assert_int_equal(category(&city, "dibao"), 2);
    check_all();

    /* categories ended and added */
    edit(4, end_categories);
    edit(3, add_dibao);
    city = checked("4419");
    assert_int_equal(category(&city, "dibao"), 2);
    check_all();

    /* a second import updating and adding records */
    import_csv(arena_printf(a, "赵六,%s,,,441900004003,事实无人抚养儿童,2023-01-01,服刑在押,祖母\n",
                            id("20100505", "171")));
    city = checked("4419");
    assert_int_equal(city.children, 6);
    assert_int_equal(category(&city, "de_facto_unsupported"), 1);
    check_all();

    /* the trends: six records created this month (by the clock), one ended in the edits' month */
    StatsSummary now;
    assert_int_equal(store_stats_summary(s, "4419", clock_today(), &now, a), STORE_OK);
    assert_int_equal(now.months[STATS_MONTHS - 1].new_records, 6);
    assert_int_equal(city.months[STATS_MONTHS - 1].ended, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(age_bands_follow_whole_years),
        cmocka_unit_test(born_by_agrees_with_ages),
        cmocka_unit_test(counters_match_the_ledger),
    };
    return cmocka_run_group_tests_name("stats", tests, setup, teardown);
}
