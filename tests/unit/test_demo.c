/*
** The demo generator (src/domain/demo.c): the same seed gives the same
** children; every child passes child_validate(); the plan's counts are the
** city's; ID numbers are unique; the facts agree with the categories
** (ages, parents' situations, hukou), without a store. Then the other
** modules' demo (cli/..._demo.c) in a real store: the counts and states each
** page is to show, the same for the same seed.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "auth/auth.h"
#include "cli/demo_parts.h"
#include "cli/protection_demo.h"
#include "domain/codes.h"
#include "domain/demo.h"
#include "store/store_allowances.h"
#include "store/store_monthly.h"
#include "store/store_rescue.h"
#include "store/store_workforce.h"
#include "testutil.h"

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


/* ---- the other modules (cli/..._demo.c), in a real store ---- */

static const Date DEMO_DAY = {2026, 11, 29};
enum { DEMO_MINORS = 3000 };

/* A database filled as `shouhu demo --minors N` fills it on DEMO_DAY: the
   children, the demo accounts, the protection work, then the other parts,
   whose counts go into T. The caller closes it. */
static Store *demo_db(const char *dir, const char *name, uint64_t seed, DemoTally *t)
{
    Store *s = test_store(dir, name);
    Arena *a = arena_new();
    DemoVillage *villages;
    int n;
    const char *institution;
    assert_int_equal(demo_villages(s, a, &villages, &n, &institution), STORE_OK);
    DemoGen g;
    assert_true(demo_init(&g, seed, DEMO_DAY, villages, n, institution, DEMO_MINORS));
    Change ch = {"demo", "演示数据", "2026-08-01T09:00:00+08:00"};   /* as cmd_demo.c: two months before last month */
    Child c;
    assert_int_equal(store_begin(s), STORE_OK);
    while (demo_next(&g, &c, a)) {
        Problems p;
        problems_init(&p, a);
        assert_int_equal(store_child_insert(s, &c, &ch, &p), STORE_OK);
    }
    int created = 0;
    assert_int_equal(auth_create_demo_accounts(s, AUTH_DEMO_PASSWORD, "demo", &created), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    demo_free(&g);
    arena_free(a);
    assert_true(protection_demo(s, seed, DEMO_DAY, false));
    memset(t, 0, sizeof *t);
    assert_true(demo_more(s, seed, DEMO_DAY, DEMO_MINORS, t));
    return s;
}

typedef struct Count {
    int n, matching;
    const char *want;
} Count;

static int count_application(void *ctx, const Application *app)
{
    Count *k = ctx;
    k->n++;
    if (strcmp(app->status, k->want) == 0) k->matching++;
    return 0;
}

static int count_late(void *ctx, const LateStep *late)
{
    Count *k = ctx;
    k->n++;
    if (!date_is_set(late->done)) k->matching++;   /* still pending, past its day */
    return 0;
}

static int count_payroll(void *ctx, const Payroll *pr)
{
    Count *k = ctx;
    k->n++;
    if (strcmp(pr->status, k->want) == 0) k->matching++;
    return 0;
}

static int count_admission(void *ctx, const Admission *ad)
{
    Count *k = ctx;
    k->n++;
    if (!ad->child_id) k->matching++;
    return 0;
}

static int count_overdue(void *ctx, const OverdueItem *item)
{
    Count *k = ctx;
    if (strcmp(item->kind, k->want) == 0 && strcmp(item->due, "2026-11-29") < 0) k->matching++;
    k->n++;
    return 0;
}

static int count_gap(void *ctx, const char *code, const char *name, const char *role)
{
    (void)code, (void)name;
    Count *k = ctx;
    k->n++;
    if (strcmp(role, k->want) == 0) k->matching++;
    return 0;
}

static int count_report(void *ctx, const MonthlyReport *r)
{
    Count *k = ctx;
    k->n++;
    if (strcmp(r->status, k->want) == 0) k->matching++;
    return 0;
}

static void test_every_module_filled(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    DemoTally t;
    Store *s = demo_db(dir, "demo", 1, &t);
    Arena *a = arena_new();

    /* the category procedure at every step, with steps late */
    assert_int_equal(t.applications, 24);
    assert_int_equal(t.applied, 6);
    assert_int_equal(t.verified, 6);
    assert_int_equal(t.confirmed, 6);
    assert_int_equal(t.refused, 6);
    static const char *const statuses[] = {"applied", "verified", "confirmed", "refused"};
    for (int i = 0; i < 4; i++) {
        Count k = {0, 0, statuses[i]};
        assert_int_equal(store_applications_list(s, &SCOPE_ALL, NULL, 0, count_application, &k, a), STORE_OK);
        assert_int_equal(k.n, 24);
        assert_int_equal(k.matching, 6);
    }
    AllowanceRules rules;
    WorkCalendar cal;
    assert_int_equal(store_allowance_rules(s, &rules), STORE_OK);
    assert_int_equal(store_work_calendar(s, &cal, a), STORE_OK);
    Count late = {0};
    assert_int_equal(store_flow_late(s, &SCOPE_ALL, DEMO_DAY, &rules, &cal, count_late, &late, a), STORE_OK);
    assert_true(late.n >= 9);        /* done late, and pending past their day */
    assert_int_equal(late.matching, 6);   /* 3 verifications and 3 confirmations overdue */

    /* three locked payrolls before this month, a draft for it */
    assert_int_equal(t.payrolls_locked, 3);
    assert_int_equal(t.payrolls_draft, 1);
    Count locked = {0, 0, "locked"}, draft = {0, 0, "draft"};
    assert_int_equal(store_payrolls_list(s, &SCOPE_ALL, MONTH_NONE, count_payroll, &locked, a), STORE_OK);
    assert_int_equal(store_payrolls_list(s, &SCOPE_ALL, month_of(DEMO_DAY), count_payroll, &draft, a), STORE_OK);
    assert_int_equal(locked.n, 4);
    assert_int_equal(locked.matching, 3);
    assert_int_equal(draft.matching, 1);
    assert_true(t.aid >= 12);
    assert_int_equal(t.settlements, ADULT_ORPHAN_DEMO_HISTORY + 2);

    /* the rescue centre: 30 admissions, 12 here, 2 unidentified, one DNA sample overdue */
    assert_int_equal(t.admissions, 30);
    assert_int_equal(t.present, 12);
    assert_int_equal(t.unidentified, 2);
    AdmissionFilter af = {.scope = SCOPE_ALL, .status = "present"};
    Count here = {0};
    assert_int_equal(store_admissions_list(s, &af, count_admission, &here, a), STORE_OK);
    assert_int_equal(here.n, 12);
    assert_int_equal(here.matching, 2);
    Count dna = {0, 0, "rescue.dna_sample"}, notice = {0, 0, "rescue.family_search"};
    assert_int_equal(store_overdue_rescue(s, &SCOPE_ALL, "2026-11-29", 30, count_overdue, &dna, a), STORE_OK);
    assert_int_equal(store_overdue_rescue(s, &SCOPE_ALL, "2026-11-29", 30, count_overdue, &notice, a), STORE_OK);
    assert_int_equal(dna.matching, 1);
    assert_int_equal(notice.matching, 0);

    /* the workforce: two towns without a supervisor, some villages without a director */
    Count towns = {0, 0, "supervisor"}, villages = {0, 0, "director"};
    assert_int_equal(store_workforce_gaps(s, &SCOPE_ALL, count_gap, &towns), STORE_OK);
    assert_int_equal(store_workforce_gaps(s, &SCOPE_ALL, count_gap, &villages), STORE_OK);
    assert_int_equal(towns.matching, 2);
    assert_true(villages.matching > 10 && villages.matching < t.directors / 5);
    assert_true(t.trainings > t.supervisors + t.directors / 2);
    /* the year's activities at the seed's rate, scaled to the demo */
    long long events = 0, participants = 0;
    assert_int_equal(store_activities_list(s, &SCOPE_ALL, DATE_NONE, DATE_NONE, NULL, NULL, &events, &participants),
                     STORE_OK);
    assert_int_equal(events, demo_scale(541, DEMO_MINORS));
    assert_int_equal(participants, t.participants);
    assert_true(participants > events * 12 && participants < events * 25);   /* ~10,000 for 541 */
    assert_int_equal(t.orgs, 6);
    assert_true(t.services >= 12);

    /* the monthly reports: a town submitted with all its villages, another under way */
    Count submitted = {0, 0, "submitted"}, returned = {0, 0, "returned"}, drafts = {0, 0, "draft"};
    Month m = month_of(DEMO_DAY) - 1;   /* last month's */
    assert_int_equal(store_monthly_list(s, &SCOPE_ALL, m, NULL, "submitted", count_report, &submitted, a), STORE_OK);
    assert_int_equal(store_monthly_list(s, &SCOPE_ALL, m, NULL, NULL, count_report, &returned, a), STORE_OK);
    assert_int_equal(store_monthly_list(s, &SCOPE_ALL, m, NULL, NULL, count_report, &drafts, a), STORE_OK);
    assert_int_equal(submitted.n, t.village_submitted + t.town_submitted);
    assert_int_equal(t.town_submitted, 1);
    assert_int_equal(returned.matching, 1);
    assert_int_equal(t.village_returned, 1);
    assert_true(drafts.matching >= 2);   /* the other town's, and villages' */
    assert_int_equal(returned.n, t.village_reports + t.town_reports);

    arena_free(a);
    store_close(s);
    test_rmdir(dir);
}

/* The areas directly below a city's or town's report of month M (store_monthly_below). */
typedef struct Areas {
    const char *code[64];
    int n;
} Areas;

static int collect_area(void *ctx, const MonthlyReport *b)
{
    Areas *x = ctx;
    if (x->n < 64) x->code[x->n++] = b->area;
    return 0;
}

static Areas areas_below(Store *s, const char *code, int level, Month m, Arena *a)
{
    Areas x = {{0}, 0};
    MonthlyReport r = {.month = m, .area = code, .level = level};
    assert_int_equal(store_monthly_below(s, &r, collect_area, &x, a), STORE_OK);
    return x;
}

/* The one-pass roll-up (issue #8): every figure of every town of the city and
   every village of a town, computed in one grouped pass over the parent,
   equals the area's own computation, on the demo's ledger, for this month,
   the last (with its reports) and the one before. */
static void test_monthly_one_pass_equals_each_area(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    DemoTally t;
    Store *s = demo_db(dir, "onepass", 3, &t);
    Arena *a = arena_new();
    long long seen_due = 0, seen_cases = 0, seen_paid = 0;
    for (Month m = month_of(DEMO_DAY) - 2; m <= month_of(DEMO_DAY); m++) {
        Areas towns = areas_below(s, "441900000000", 1, m, a);
        assert_true(towns.n >= 2);
        const char *parents[2] = {"441900000000", towns.code[0]};
        Areas below[2] = {towns, areas_below(s, towns.code[0], 2, m, a)};
        assert_true(below[1].n >= 2);
        for (int k = 0; k < 2; k++) {
            MonthlyValues fast[64], self, direct;
            assert_int_equal(store_monthly_compute_below(s, parents[k], m, below[k].n, below[k].code, fast, &self),
                             STORE_OK);
            /* the parent's own figures from the same pass, as computed by itself */
            assert_int_equal(store_monthly_compute(s, parents[k], m, &direct), STORE_OK);
            for (int f = 0; f < monthly_count(); f++)
                if (self.v[f] != direct.v[f])
                    fail_msg("%s of %s: from the pass %lld, by itself %lld", MONTHLY_FIGURES[f].code, parents[k],
                             self.v[f], direct.v[f]);
            for (int i = 0; i < below[k].n; i++) {
                MonthlyValues each;
                assert_int_equal(store_monthly_compute(s, below[k].code[i], m, &each), STORE_OK);
                for (int f = 0; f < monthly_count(); f++)
                    if (fast[i].v[f] != each.v[f])
                        fail_msg("%s of %s: one pass %lld, by itself %lld", MONTHLY_FIGURES[f].code, below[k].code[i],
                                 fast[i].v[f], each.v[f]);
                assert_true(monthly_get(&each, "children.total") > 0);
                seen_due += monthly_get(&each, "visits.due");
                seen_cases += monthly_get(&each, "cases.open_end");
                seen_paid += monthly_get(&each, "allowances.children");
            }
        }
    }
    assert_true(seen_due > 0);   /* the comparison covered the groups that matter, not zeros */
    assert_true(seen_cases > 0);
    assert_true(seen_paid > 0);
    arena_free(a);
    store_close(s);
    test_rmdir(dir);
}

static void test_other_modules_deterministic(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    DemoTally t1, t2;
    Store *s1 = demo_db(dir, "one", 5, &t1);
    Store *s2 = demo_db(dir, "two", 5, &t2);
    assert_memory_equal(&t1, &t2, sizeof t1);
    Arena *a = arena_new();
    long long e1, p1, e2, p2;
    assert_int_equal(store_activities_list(s1, &SCOPE_ALL, DATE_NONE, DATE_NONE, NULL, NULL, &e1, &p1), STORE_OK);
    assert_int_equal(store_activities_list(s2, &SCOPE_ALL, DATE_NONE, DATE_NONE, NULL, NULL, &e2, &p2), STORE_OK);
    assert_int_equal(p1, p2);
    Payroll pr1, pr2;
    assert_int_equal(store_payroll_get(s1, &SCOPE_ALL, 1, &pr1, a), STORE_OK);
    assert_int_equal(store_payroll_get(s2, &SCOPE_ALL, 1, &pr2, a), STORE_OK);
    assert_int_equal(pr1.total, pr2.total);
    assert_int_equal(pr1.lines, pr2.lines);
    arena_free(a);
    store_close(s1);
    store_close(s2);
    test_rmdir(dir);
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
        cmocka_unit_test(test_every_module_filled),
        cmocka_unit_test(test_other_modules_deterministic),
        cmocka_unit_test(test_monthly_one_pass_equals_each_area),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
