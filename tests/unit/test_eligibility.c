/*
** The eligibility rules, scenario by scenario as the policy texts put them
** (民发〔2019〕62号, 国办发〔2010〕54号, 国发〔2016〕13号; DOMAIN.md §1-2), with
** the boundaries the issue names: a sentence of exactly 6 months, lost
** contact reported 6 months less a day ago, the 18th birthday on the 1st,
** a sentence served, an adult in full-time school.
*/
#include "testutil.h"
#include "domain/codes.h"
#include "domain/eligibility.h"

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

static Date D(int y, int m, int d) { return (Date){y, m, d}; }

/* A child born BIRTH whose parents' situations are given; no categories. */
static Child kid(Date birth, const char *father, Date father_since, int father_term, const char *mother,
                 Date mother_since, int mother_term)
{
    Child c = {0};
    c.name = "测试儿童";
    c.birth_date = birth;
    c.sex = "female";
    c.area = "441900003001";
    c.hukou_type = "rural";
    c.father = (Person){.situation = father, .situation_since = father_since, .term_months = father_term};
    c.mother = (Person){.situation = mother, .situation_since = mother_since, .term_months = mother_term};
    c.guardian = (Person){.name = "王奶奶", .relation = "grandmother", .situation = "normal"};
    return c;
}

static void add_category(Child *c, const char *code, Date from, const char *status, const char *evidence)
{
    Category *cats = arena_alloc(arena, (size_t)(c->n_categories + 1) * sizeof *cats);
    if (c->n_categories) memcpy(cats, c->categories, (size_t)c->n_categories * sizeof *cats);
    cats[c->n_categories++] = (Category){code, from, DATE_NONE, status, evidence};
    c->categories = cats;
}

static const Judgement *judge(const Child *c, Date on, const char *category)
{
    EligibilityResult r;
    eligibility_evaluate(c, on, &ELIGIBILITY_RULES_DEFAULT, &r, arena);
    const Judgement *j = eligibility_find(&r, category);
    assert_non_null(j);
    return j;
}

static void assert_date(Date got, Date want)
{
    char a[11], b[11];
    assert_string_equal(date_format(got, a), date_format(want, b));
}

static void assert_has(const char *text, const char *part)
{
    if (!text || !strstr(text, part)) fail_msg("\"%s\" not in \"%s\"", part, text ? text : "(null)");
}

/* ---- de facto unsupported ---- */

static void imprisoned_and_lost_contact(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "imprisoned", D(2022, 3, 1), 36, "lost_contact", D(2022, 5, 10), 0);
    const Judgement *j = judge(&c, D(2023, 1, 15), "de_facto_unsupported");
    assert_int_equal(j->state, ELIG_YES);
    assert_date(j->from, D(2022, 11, 10)); /* the later: 6 months after the police accepted the report */
    assert_date(j->until, D(2025, 3, 1));  /* the sentence ends: start + 36 months */
    assert_has(j->reason[LANG_ZH], "父亲服刑在押，刑期36个月，自2022-03-01起（至2025-02-28止）");
    assert_has(j->reason[LANG_ZH], "母亲失联满6个月（公安受理2022-05-10）");
    assert_has(j->reason[LANG_ZH], "符合，自2022-11-10起");
    assert_has(j->note[LANG_ZH], "2025-03-01起不再符合（父亲刑期满）");
    assert_has(j->reason[LANG_EN], "father imprisoned, term 36 months, from 2022-03-01 (until 2025-02-28)");
    assert_has(j->reason[LANG_EN], "mother lost contact for 6 months (police accepted the report on 2022-05-10)");
    /* not orphans, not tekun-by-orphanhood: the mother is not gone */
    assert_int_equal(judge(&c, D(2023, 1, 15), "orphan_scattered")->state, ELIG_NO);
}

static void lost_contact_six_months_less_a_day(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "dead", D(2020, 1, 1), 0, "lost_contact", D(2022, 5, 11), 0);
    const Judgement *j = judge(&c, D(2022, 11, 10), "de_facto_unsupported");
    assert_int_equal(j->state, ELIG_NO);
    assert_date(j->from, D(2022, 11, 11)); /* it will: the system can warn ahead */
    assert_has(j->reason[LANG_ZH], "母亲失联未满6个月（公安受理2022-05-11，2022-11-11满6个月）");
    assert_has(j->note[LANG_ZH], "将于2022-11-11起符合");
    j = judge(&c, D(2022, 11, 11), "de_facto_unsupported");
    assert_int_equal(j->state, ELIG_YES);
    assert_has(j->reason[LANG_ZH], "父亲死亡（2020-01-01）");
}

static void lost_contact_at_a_month_end(void **state)
{
    (void)state;
    /* accepted on 31 August: six months are reached on the last day of February (Civil Code Art. 202) */
    Child c = kid(D(2012, 4, 2), "dead", D(2020, 1, 1), 0, "lost_contact", D(2022, 8, 31), 0);
    assert_date(judge(&c, D(2023, 3, 1), "de_facto_unsupported")->from, D(2023, 2, 28));
    assert_int_equal(judge(&c, D(2023, 2, 27), "de_facto_unsupported")->state, ELIG_NO);
    assert_int_equal(judge(&c, D(2023, 2, 28), "de_facto_unsupported")->state, ELIG_YES);
}

static void lost_contact_needs_the_police_date(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "dead", D(2020, 1, 1), 0, "lost_contact", DATE_NONE, 0);
    const Judgement *j = judge(&c, D(2023, 1, 1), "de_facto_unsupported");
    assert_int_equal(j->state, ELIG_UNKNOWN);
    assert_has(j->reason[LANG_ZH], "公安机关受理报案日期未填写");
}

static void sentence_of_exactly_six_months(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "imprisoned", D(2023, 1, 1), 6, "dead", D(2019, 7, 1), 0);
    const Judgement *j = judge(&c, D(2023, 3, 1), "de_facto_unsupported");
    assert_int_equal(j->state, ELIG_YES); /* 6个月以上 includes 6 */
    assert_date(j->from, D(2023, 1, 1));  /* from the start: the length is known when it starts */
    assert_date(j->until, D(2023, 7, 1));
    assert_int_equal(judge(&c, D(2023, 6, 30), "de_facto_unsupported")->state, ELIG_YES);
    j = judge(&c, D(2023, 7, 1), "de_facto_unsupported"); /* the sentence is served */
    assert_int_equal(j->state, ELIG_NO);
    assert_has(j->reason[LANG_ZH], "已不符合，自2023-07-01起（父亲刑期满）");

    c.father.term_months = 5;
    j = judge(&c, D(2023, 3, 1), "de_facto_unsupported");
    assert_int_equal(j->state, ELIG_NO);
    assert_has(j->reason[LANG_ZH], "刑期5个月，不足6个月");
}

static void deprivation_without_a_term(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "drug_rehab", D(2023, 1, 1), 0, "dead", D(2019, 7, 1), 0);
    const Judgement *j = judge(&c, D(2023, 3, 1), "de_facto_unsupported");
    assert_int_equal(j->state, ELIG_NO);
    assert_date(j->from, D(2023, 7, 1));  /* once it has lasted 6 months */
    assert_date(j->until, D(2030, 4, 2)); /* no end known from the term: only the 18th birthday */
    assert_has(j->reason[LANG_ZH], "期限未填写，自2023-01-01起，2023-07-01满6个月");
    assert_int_equal(judge(&c, D(2023, 7, 1), "de_facto_unsupported")->state, ELIG_YES);
}

static void both_parents_gone_is_an_orphan(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "dead", D(2018, 2, 3), 0, "declared_missing", D(2020, 9, 9), 0);
    const Judgement *j = judge(&c, D(2023, 1, 1), "de_facto_unsupported");
    assert_int_equal(j->state, ELIG_NO);
    assert_has(j->reason[LANG_ZH], "应认定为孤儿");
    j = judge(&c, D(2023, 1, 1), "orphan_scattered");
    assert_int_equal(j->state, ELIG_YES);
    assert_date(j->from, D(2020, 9, 9));  /* the later of the two */
    assert_date(j->until, D(2030, 4, 2)); /* the 18th birthday */
    assert_has(j->reason[LANG_ZH], "父亲死亡（2018-02-03）；母亲宣告失踪（2020-09-09）");
    assert_int_equal(judge(&c, D(2023, 1, 1), "orphan_institution")->state, ELIG_NO);
}

static void one_parent_normal_is_not_enough(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "imprisoned", D(2022, 3, 1), 36, "normal", DATE_NONE, 0);
    assert_int_equal(judge(&c, D(2023, 1, 1), "de_facto_unsupported")->state, ELIG_NO);
    c.mother.situation = NULL; /* not recorded: the rules cannot say */
    assert_int_equal(judge(&c, D(2023, 1, 1), "de_facto_unsupported")->state, ELIG_UNKNOWN);
}

static void both_severely_ill(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "severe_illness", D(2021, 6, 1), 0, "severe_disability", DATE_NONE, 0);
    const Judgement *j = judge(&c, D(2023, 1, 1), "de_facto_unsupported");
    assert_int_equal(j->state, ELIG_YES);
    assert_date(j->from, D(2021, 6, 1));
    assert_has(j->reason[LANG_ZH], "父亲重病（自2021-06-01起）；母亲重残");
}

/* ---- orphans ---- */

static void institution_or_scattered(void **state)
{
    (void)state;
    Child c = kid(D(2015, 1, 1), "declared_missing", D(2015, 1, 20), 0, "declared_missing", D(2015, 1, 20), 0);
    c.guardian = (Person){.name = "东莞市社会福利中心", .relation = "institution"};
    assert_int_equal(judge(&c, D(2023, 1, 1), "orphan_institution")->state, ELIG_YES);
    const Judgement *j = judge(&c, D(2023, 1, 1), "orphan_scattered");
    assert_int_equal(j->state, ELIG_NO);
    assert_has(j->reason[LANG_ZH], "机构集中养育孤儿");
    EligibilityResult r;
    eligibility_evaluate(&c, D(2023, 1, 1), &ELIGIBILITY_RULES_DEFAULT, &r, arena);
    assert_string_equal(r.basic_living, "orphan_institution");
}

static void eighteenth_birthday_on_the_first(void **state)
{
    (void)state;
    Child c = kid(D(2005, 6, 1), "dead", D(2010, 1, 1), 0, "dead", D(2011, 1, 1), 0);
    const Judgement *j = judge(&c, D(2023, 5, 31), "orphan_scattered");
    assert_int_equal(j->state, ELIG_YES);
    assert_date(j->until, D(2023, 6, 1));
    assert_has(j->note[LANG_ZH], "2023-06-01起不再符合（年满18周岁）");
    j = judge(&c, D(2023, 6, 1), "orphan_scattered");
    assert_int_equal(j->state, ELIG_NO);
    assert_has(j->reason[LANG_ZH], "已不符合，自2023-06-01起（年满18周岁）");
}

static void adults_in_full_time_school(void **state)
{
    (void)state;
    Child c = kid(D(2005, 6, 1), "dead", D(2010, 1, 1), 0, "dead", D(2011, 1, 1), 0);
    c.enrolment = "in_school";
    const Judgement *j = judge(&c, D(2023, 5, 1), "orphan_scattered");
    assert_int_equal(j->state, ELIG_YES);
    assert_has(j->note[LANG_ZH], "届时仍在全日制学校就读的，可继续保障至毕业");
    j = judge(&c, D(2024, 9, 1), "orphan_scattered");
    assert_int_equal(j->state, ELIG_YES); /* 19, in school: until graduation */
    assert_false(date_is_set(j->until));
    EligibilityRules off = ELIGIBILITY_RULES_DEFAULT;
    off.adults_in_school_keep = false;
    EligibilityResult r;
    eligibility_evaluate(&c, D(2024, 9, 1), &off, &r, arena);
    assert_int_equal(eligibility_find(&r, "orphan_scattered")->state, ELIG_NO);
    /* HIV does not continue after 18 */
    add_category(&c, "hiv", D(2015, 1, 1), "approved", "疾病预防控制机构确诊报告");
    assert_int_equal(judge(&c, D(2024, 9, 1), "hiv")->state, ELIG_NO);
}

static void leap_day_birthday(void **state)
{
    (void)state;
    assert_date(birthday_reached(D(2008, 2, 29), 18), D(2026, 3, 1));
    assert_date(birthday_reached(D(2008, 2, 29), 16), D(2024, 2, 29));
    assert_date(birthday_reached(D(2005, 6, 1), 18), D(2023, 6, 1));
    Child c = kid(D(2008, 2, 29), "dead", D(2010, 1, 1), 0, "dead", D(2011, 1, 1), 0);
    assert_int_equal(judge(&c, D(2026, 2, 28), "orphan_scattered")->state, ELIG_YES);
    assert_int_equal(judge(&c, D(2026, 3, 1), "orphan_scattered")->state, ELIG_NO);
}

/* ---- HIV ---- */

static void hiv_needs_a_recorded_fact(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "normal", DATE_NONE, 0, "normal", DATE_NONE, 0);
    assert_int_equal(judge(&c, D(2023, 1, 1), "hiv")->state, ELIG_NO);
    c.health = "HIV感染，服药中";
    const Judgement *j = judge(&c, D(2023, 1, 1), "hiv");
    assert_int_equal(j->state, ELIG_UNKNOWN);
    assert_has(j->reason[LANG_ZH], "疾病预防控制机构的确诊报告");
    add_category(&c, "hiv", D(2020, 3, 1), "approved", "疾病预防控制机构确诊报告");
    j = judge(&c, D(2023, 1, 1), "hiv");
    assert_int_equal(j->state, ELIG_YES);
    assert_date(j->from, D(2020, 3, 1));
    EligibilityResult r;
    eligibility_evaluate(&c, D(2023, 1, 1), &ELIGIBILITY_RULES_DEFAULT, &r, arena);
    assert_string_equal(r.basic_living, "hiv");
    assert_string_equal(eligibility_find(&r, "hiv")->recorded, "approved");
}

static void orphan_before_hiv(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "dead", D(2016, 1, 1), 0, "dead", D(2017, 1, 1), 0);
    add_category(&c, "hiv", D(2020, 3, 1), "approved", "疾病预防控制机构确诊报告");
    EligibilityResult r;
    eligibility_evaluate(&c, D(2023, 1, 1), &ELIGIBILITY_RULES_DEFAULT, &r, arena);
    assert_string_equal(r.basic_living, "orphan_scattered");
    assert_int_equal(basic_living_rank("orphan_institution"), 0);
    assert_int_equal(basic_living_rank("hiv"), 3);
    assert_int_equal(basic_living_rank("left_behind"), -1);
}

/* ---- left-behind, tekun, age limits ---- */

static void left_behind_children(void **state)
{
    (void)state;
    Child c = kid(D(2012, 4, 2), "working_away", D(2022, 1, 15), 0, "working_away", D(2021, 3, 1), 0);
    const Judgement *j = judge(&c, D(2023, 1, 1), "left_behind");
    assert_int_equal(j->state, ELIG_YES);
    assert_date(j->from, D(2022, 7, 15)); /* both away six months */
    assert_date(j->until, D(2028, 4, 2)); /* the 16th birthday */
    assert_has(j->reason[LANG_ZH], "父亲外出务工满6个月（自2022-01-15起）");
    assert_has(j->reason[LANG_ZH], "农业户口");
    assert_int_equal(judge(&c, D(2022, 7, 14), "left_behind")->state, ELIG_NO);
    assert_int_equal(judge(&c, D(2028, 4, 2), "left_behind")->state, ELIG_NO);

    c.mother = (Person){.situation = "imprisoned", .situation_since = D(2022, 6, 1), .term_months = 24};
    assert_int_equal(judge(&c, D(2023, 1, 1), "left_behind")->state, ELIG_YES); /* one away, the other unable */
    c.mother = (Person){.situation = "normal"};
    assert_int_equal(judge(&c, D(2023, 1, 1), "left_behind")->state, ELIG_NO);

    c.mother = (Person){.situation = "working_away", .situation_since = D(2021, 3, 1)};
    c.hukou_type = "urban";
    j = judge(&c, D(2023, 1, 1), "left_behind");
    assert_int_equal(j->state, ELIG_NO);
    assert_has(j->reason[LANG_ZH], "农业户口");
    c.hukou_type = NULL;
    assert_int_equal(judge(&c, D(2023, 1, 1), "left_behind")->state, ELIG_UNKNOWN);
    c.hukou_type = "rural";
    add_category(&c, "migrant", D(2022, 1, 1), "approved", NULL);
    j = judge(&c, D(2023, 1, 1), "left_behind");
    assert_int_equal(j->state, ELIG_NO);
    assert_has(j->reason[LANG_ZH], "流动儿童");
}

static void tekun_under_sixteen(void **state)
{
    (void)state;
    Child c = kid(D(2010, 9, 1), "dead", D(2016, 1, 1), 0, "severe_disability", D(2018, 1, 1), 0);
    const Judgement *j = judge(&c, D(2023, 1, 1), "tekun");
    assert_int_equal(j->state, ELIG_YES);
    assert_date(j->until, D(2026, 9, 1));
    assert_has(j->note[LANG_ZH], "须核实");
    assert_has(j->note[LANG_ZH], "年满16周岁");
    assert_int_equal(judge(&c, D(2026, 9, 1), "tekun")->state, ELIG_NO);
}

static void recorded_categories_get_their_age_limit(void **state)
{
    (void)state;
    Child c = kid(D(2010, 9, 1), "normal", DATE_NONE, 0, "normal", DATE_NONE, 0);
    add_category(&c, "migrant", D(2020, 1, 1), "approved", NULL);
    add_category(&c, "difficulty_poverty", D(2020, 1, 1), "approved", NULL);
    const Judgement *j = judge(&c, D(2023, 1, 1), "migrant");
    assert_false(j->by_facts);
    assert_int_equal(j->state, ELIG_YES);
    assert_date(j->until, D(2026, 9, 1));
    j = judge(&c, D(2027, 1, 1), "difficulty_poverty");
    assert_int_equal(j->state, ELIG_YES);
    assert_date(j->until, D(2028, 9, 1));
    assert_int_equal(judge(&c, D(2027, 1, 1), "migrant")->state, ELIG_NO);
}

static void no_birth_date(void **state)
{
    (void)state;
    Child c = kid(DATE_NONE, "dead", D(2016, 1, 1), 0, "dead", D(2017, 1, 1), 0);
    const Judgement *j = judge(&c, D(2023, 1, 1), "orphan_scattered");
    assert_int_equal(j->state, ELIG_UNKNOWN);
    assert_has(j->reason[LANG_ZH], "出生日期未填写");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(imprisoned_and_lost_contact),
        cmocka_unit_test(lost_contact_six_months_less_a_day),
        cmocka_unit_test(lost_contact_at_a_month_end),
        cmocka_unit_test(lost_contact_needs_the_police_date),
        cmocka_unit_test(sentence_of_exactly_six_months),
        cmocka_unit_test(deprivation_without_a_term),
        cmocka_unit_test(both_parents_gone_is_an_orphan),
        cmocka_unit_test(one_parent_normal_is_not_enough),
        cmocka_unit_test(both_severely_ill),
        cmocka_unit_test(institution_or_scattered),
        cmocka_unit_test(eighteenth_birthday_on_the_first),
        cmocka_unit_test(adults_in_full_time_school),
        cmocka_unit_test(leap_day_birthday),
        cmocka_unit_test(hiv_needs_a_recorded_fact),
        cmocka_unit_test(orphan_before_hiv),
        cmocka_unit_test(left_behind_children),
        cmocka_unit_test(tekun_under_sixteen),
        cmocka_unit_test(recorded_categories_get_their_age_limit),
        cmocka_unit_test(no_birth_date),
    };
    return cmocka_run_group_tests_name("eligibility", tests, setup, teardown);
}
