/*
** The demo generator (src/domain/demo.c): the same seed gives the same
** children; every child passes child_validate(); the plan's counts are the
** city's; ID numbers are unique; the facts agree with the categories
** (ages, parents' situations, hukou). Runs without a store.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/codes.h"
#include "domain/demo.h"

static const Date TODAY = {2023, 6, 30};

/* A few real villages of three towns, a 生活区 and a virtual community. */
static const DemoVillage VILLAGES[] = {
    {"441900003001", "岗贝社区居民委员会", "东城街道", "community", NULL},
    {"441900003018", "同沙社区居民委员会", "东城街道", "community", NULL},
    {"441900003500", "黄旗生活区", "东城街道", "other", "living_area"},
    {"441900101200", "唐洪村村民委员会", "石碣镇", "village", NULL},
    {"441900101201", "水南村村民委员会", "石碣镇", "village", NULL},
    {"441900101202", "石碣村村民委员会", "石碣镇", "village", NULL},
    {"441900110003", "新民社区", "常平镇", "community", NULL},
    {"441900401498", "松山湖虚拟社区", "松山湖", "community", "virtual"},
};
enum { N_VILLAGES = sizeof VILLAGES / sizeof *VILLAGES, INSTITUTION = 1, LIVING_AREA = 2, VIRTUAL = 7 };

static const char *const CATEGORY_CODES[] = {"orphan_institution", "orphan_scattered", "de_facto_unsupported", "hiv",
                                             "difficulty_poverty", "difficulty_disability", "difficulty_guardianship",
                                             "left_behind", "migrant", "dibao", "tekun", "street", "non_registered"};
enum { N_CODES = sizeof CATEGORY_CODES / sizeof *CATEGORY_CODES };

static bool held(const Child *c, const char *code, Date today) { return child_has_category(c, code, today); }

static bool has_situation(const Person *p) { return p->situation != NULL; }

static bool incapable(const Person *p) { return has_situation(p) && situation_is_incapable(p->situation); }

static bool gone(const Person *p) { return has_situation(p) && situation_is_gone(p->situation); }

static bool is(const char *s, const char *want) { return s && strcmp(s, want) == 0; }

/* ---- the plan ---- */

static void test_plan_city_counts(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        long n;
    } want[] = {{"orphan_institution", 90},     {"orphan_scattered", 170},       {"de_facto_unsupported", 320},
                {"hiv", 25},                    {"difficulty_poverty", 1500},    {"difficulty_disability", 1300},
                {"difficulty_guardianship", 1000}, {"dibao", 2400},               {"tekun", 60},
                {"left_behind", 14000},         {"migrant", 26000},              {"non_registered", 400}};
    long sizes[] = {60000, 1630000};
    for (size_t s = 0; s < 2; s++) {
        DemoPlan plan;
        demo_plan(sizes[s], &plan);
        long sum = 0;
        for (int p = 0; p < DEMO_PROFILES; p++) sum += plan.count[p];
        assert_int_equal(sum, sizes[s]);
        for (size_t i = 0; i < sizeof want / sizeof *want; i++) assert_int_equal(demo_plan_category(&plan, want[i].code), want[i].n);
        long difficulty = demo_plan_category(&plan, "difficulty_poverty") + demo_plan_category(&plan, "difficulty_disability") +
                          demo_plan_category(&plan, "difficulty_guardianship");
        assert_int_equal(difficulty, 3800);
    }
}

static void test_plan_scales_down(void **state)
{
    (void)state;
    DemoPlan plan;
    demo_plan(6000, &plan);
    assert_int_equal(demo_plan_category(&plan, "migrant"), 2600);
    assert_int_equal(demo_plan_category(&plan, "left_behind"), 1400);
    assert_int_equal(demo_plan_category(&plan, "orphan_institution"), 9);
    long sizes[] = {0, 1, 2, 3, 7, 33, 100};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        demo_plan(sizes[s], &plan);
        long sum = 0;
        for (int p = 0; p < DEMO_PROFILES; p++) {
            assert_true(plan.count[p] >= 0);
            sum += plan.count[p];
        }
        assert_int_equal(sum, sizes[s]);
    }
}

/* ---- generation ---- */

static void test_same_seed_same_children(void **state)
{
    (void)state;
    DemoGen g1, g2, g3;
    assert_true(demo_init(&g1, 42, TODAY, VILLAGES, N_VILLAGES, VILLAGES[INSTITUTION].code, 3000));
    assert_true(demo_init(&g2, 42, TODAY, VILLAGES, N_VILLAGES, VILLAGES[INSTITUTION].code, 3000));
    assert_true(demo_init(&g3, 43, TODAY, VILLAGES, N_VILLAGES, VILLAGES[INSTITUTION].code, 3000));
    Arena *a = arena_new();
    Child c1, c2, c3;
    long n = 0, differ = 0;
    while (demo_next(&g1, &c1, a)) {
        assert_true(demo_next(&g2, &c2, a));
        assert_true(demo_next(&g3, &c3, a));
        json_t *j1 = child_to_json(&c1, false), *j2 = child_to_json(&c2, false), *j3 = child_to_json(&c3, false);
        char *s1 = json_dumps(j1, JSON_COMPACT), *s2 = json_dumps(j2, JSON_COMPACT), *s3 = json_dumps(j3, JSON_COMPACT);
        assert_string_equal(s1, s2);
        if (strcmp(s1, s3) != 0) differ++;
        free(s1), free(s2), free(s3);
        json_decref(j1), json_decref(j2), json_decref(j3);
        arena_reset(a);
        n++;
    }
    assert_int_equal(n, 3000);
    assert_false(demo_next(&g2, &c2, a));
    assert_true(differ > 2900);   /* another seed, other children */
    arena_free(a);
    demo_free(&g1);
    demo_free(&g2);
    demo_free(&g3);
}

static int cmp_str(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

static bool phone_ok(const char *p)
{
    return p && strlen(p) == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && strspn(p, "0123456789") == 11;
}

/* The rules a child of each category must meet. */
static void check_facts(const Child *c, Date today)
{
    int age = date_age_on(c->birth_date, today);
    assert_true(age >= 0 && age < 18);
    assert_true(date_cmp(c->birth_date, today) <= 0);
    for (int i = 0; i < c->n_categories; i++) {
        assert_true(date_cmp(c->categories[i].from, today) <= 0);
        assert_true(date_cmp(c->categories[i].from, c->birth_date) >= 0);
        assert_true(date_age_on(c->birth_date, c->categories[i].from) < category_age_limit(c->categories[i].code));
    }
    if (held(c, "left_behind", today) || held(c, "migrant", today) || held(c, "tekun", today)) assert_true(age < 16);
    if (held(c, "orphan_institution", today) || held(c, "orphan_scattered", today)) {
        assert_true(gone(&c->father));
        assert_true(gone(&c->mother));
        assert_true(date_is_set(c->father.situation_since) && date_is_set(c->mother.situation_since));
        assert_non_null(c->guardian.relation);
    }
    if (held(c, "orphan_institution", today)) {
        assert_string_equal(c->guardian.relation, "institution");
        assert_string_equal(c->guardian.name, "东莞市社会福利中心");
        assert_string_equal(c->area, VILLAGES[INSTITUTION].code);
    }
    if (held(c, "de_facto_unsupported", today)) {
        const Person *f = &c->father, *m = &c->mother;
        assert_true((incapable(f) && incapable(m)) || (gone(f) && incapable(m)) || (incapable(f) && gone(m)));
        const Person *ps[2] = {f, m};
        for (int i = 0; i < 2; i++) {
            const Person *p = ps[i];
            assert_true(date_is_set(p->situation_since));
            if (situation_has_term(p->situation)) {
                assert_true(p->term_months >= 6);
                assert_true(date_cmp(date_add_months(p->situation_since, p->term_months), today) > 0);   /* still serving */
            }
            if (is(p->situation, "lost_contact")) assert_true(date_cmp(date_add_months(p->situation_since, 6), today) <= 0);
        }
        assert_true(phone_ok(c->guardian.phone));
    }
    if (held(c, "left_behind", today)) {
        assert_string_equal(c->hukou_type, "rural");
        const Person *f = &c->father, *m = &c->mother;
        bool fa = is(f->situation, "working_away"), ma = is(m->situation, "working_away");
        assert_true((fa && ma) || (fa && (incapable(m) || gone(m))) || (ma && (incapable(f) || gone(f))));
        assert_true(phone_ok(c->guardian.phone));
        assert_non_null(c->guardian.relation);
    }
    if (held(c, "migrant", today)) {
        assert_non_null(c->hukou_place);
        assert_true(strncmp(c->hukou_place, "广东省", strlen("广东省")) != 0);
        if (c->id_number) assert_true(strncmp(c->id_number, "44", 2) != 0);
    }
    if (held(c, "difficulty_disability", today)) {
        assert_non_null(c->disability_type);
        assert_true(c->disability_level >= 1 && c->disability_level <= 4);
    }
    if (c->n_categories == 0) {
        assert_string_equal(c->status, "active");
        assert_string_equal(c->father.situation, "normal");
        assert_string_equal(c->mother.situation, "normal");
    }
    if (age < 6) assert_string_equal(c->enrolment, "not_school_age");
    else if (c->enrolment) assert_true(is(c->enrolment, "in_school") || is(c->enrolment, "dropped_out"));
    else assert_true(held(c, "street", today));
    if (!c->id_number) {
        assert_non_null(c->sex);
        assert_true(date_is_set(c->birth_date));
    }
    assert_true(strcmp(c->area, VILLAGES[VIRTUAL].code) != 0);
}

/* Generates N children with SEED as of TODAY and checks each; returns the
   number without ID number. */
static long generate_and_check(uint64_t seed, Date today, long n)
{
    DemoGen g;
    assert_true(demo_init(&g, seed, today, VILLAGES, N_VILLAGES, VILLAGES[INSTITUTION].code, n));
    Arena *a = arena_new();
    char **ids = malloc((size_t)n * sizeof *ids);
    long n_ids = 0, no_id = 0, counts[N_CODES] = {0}, by_age[18] = {0}, han = 0, living_area = 0;
    Child c;
    while (demo_next(&g, &c, a)) {
        Problems p;
        problems_init(&p, a);
        if (!child_validate(&c, a, today, &LEDGER_RULES_DEFAULT, true, &p)) {
            for (const Problem *pr = p.head; pr; pr = pr->next)
                fprintf(stderr, "child %ld (%s): %s\n", g.made, c.name, problem_describe(a, pr, LANG_EN));
            fail();
        }
        check_facts(&c, today);
        /* the profile and the categories agree */
        const char *want = demo_profile_categories(demo_last_profile(&g));
        int expected = *want ? 1 : 0;
        for (const char *q = want; *q; q++) expected += *q == '|';
        assert_int_equal(c.n_categories, expected);
        for (int i = 0; i < N_CODES; i++)
            if (held(&c, CATEGORY_CODES[i], today)) counts[i]++;
        if (c.id_number) ids[n_ids++] = strdup(c.id_number);
        else no_id++;
        by_age[date_age_on(c.birth_date, today)]++;
        if (is(c.ethnicity, "01")) han++;
        if (strcmp(c.area, VILLAGES[LIVING_AREA].code) == 0) living_area++;
        arena_reset(a);
    }
    assert_int_equal(g.made, n);

    /* the counts are the plan's, exactly */
    for (int i = 0; i < N_CODES; i++) {
        long planned = demo_plan_category(&g.plan, CATEGORY_CODES[i]);
        if (counts[i] != planned) fprintf(stderr, "%s: %ld, planned %ld\n", CATEGORY_CODES[i], counts[i], planned);
        assert_int_equal(counts[i], planned);
    }
    /* ID numbers are unique */
    qsort(ids, (size_t)n_ids, sizeof *ids, cmp_str);
    for (long i = 1; i < n_ids; i++) assert_string_not_equal(ids[i - 1], ids[i]);
    for (long i = 0; i < n_ids; i++) free(ids[i]);
    free(ids);
    /* ages spread over 0-17; Han majority; few in the 生活区 */
    if (n >= 10000) {
        for (int age = 0; age < 18; age++) assert_true(by_age[age] > n / 18 / 5);   /* migrants and left-behind are under 16 */
        assert_true(han > n * 9 / 10);
        assert_true(living_area < n / 50);
    }
    arena_free(a);
    demo_free(&g);
    return no_id;
}

static void test_city_demo_validates(void **state)
{
    (void)state;
    long no_id = generate_and_check(1, TODAY, 60000);
    /* a few percent without an ID number: babies not yet registered, street children, no hukou */
    assert_true(no_id > 60000 / 200);
    assert_true(no_id < 60000 * 6 / 100);
}

static void test_large_demo_mostly_ordinary(void **state)
{
    (void)state;
    long no_id = generate_and_check(7, TODAY, 200000);
    assert_true(no_id < 200000 * 6 / 100);
}

static void test_leap_day_and_small(void **state)
{
    (void)state;
    generate_and_check(3, (Date){2024, 2, 29}, 6000);
    generate_and_check(4, (Date){2024, 3, 1}, 500);
    generate_and_check(5, TODAY, 1);
    generate_and_check(6, TODAY, 0);
}

static void test_needs_a_village(void **state)
{
    (void)state;
    DemoGen g;
    assert_false(demo_init(&g, 1, TODAY, &VILLAGES[VIRTUAL], 1, NULL, 10));
    assert_false(demo_init(&g, 1, TODAY, VILLAGES, 0, NULL, 10));
    /* an unknown institution village falls back to the first usable one */
    assert_true(demo_init(&g, 1, TODAY, VILLAGES, N_VILLAGES, "441900999999", 10));
    demo_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_city_counts),
        cmocka_unit_test(test_plan_scales_down),
        cmocka_unit_test(test_same_seed_same_children),
        cmocka_unit_test(test_city_demo_validates),
        cmocka_unit_test(test_large_demo_mostly_ordinary),
        cmocka_unit_test(test_leap_day_and_small),
        cmocka_unit_test(test_needs_a_village),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
