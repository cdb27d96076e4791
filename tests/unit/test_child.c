/*
** The child record's rules: derived sex and birth date, conflicts, the adult
** rule and its exception, category age limits and overlaps, strict JSON
** reading, flat fields and diffs.
*/
#include "testutil.h"
#include "domain/child.h"
#include "domain/codes.h"

static const Date TODAY = {2023, 6, 1};
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

/* A valid child born 2015-03-01, male, in 岗贝社区. */
static Child base_child(void)
{
    static char id[19];
    test_id(id, "441900", "20150301", "123");
    Child c = {0};
    c.name = "张小明";
    c.id_number = id;
    c.area = "441900003001";
    return c;
}

/* Validates C and returns the codes of its problems joined by spaces ("" when valid). */
static const char *problems_of(Child *c, bool is_new)
{
    Problems p;
    problems_init(&p, arena);
    bool ok = child_validate(c, arena, TODAY, &LEDGER_RULES_DEFAULT, is_new, &p);
    assert_true(ok == (p.count == 0));
    char *out = arena_strdup(arena, "");
    for (Problem *pr = p.head; pr; pr = pr->next) out = arena_printf(arena, "%s%s%s", out, *out ? " " : "", pr->code);
    return out;
}

static void derives_sex_and_birth(void **state)
{
    (void)state;
    Child c = base_child();
    assert_string_equal(problems_of(&c, true), "");
    assert_string_equal(c.sex, "male");
    assert_int_equal(c.birth_date.y, 2015);
    assert_string_equal(c.status, "active");
}

static void conflicts_with_the_id(void **state)
{
    (void)state;
    Child c = base_child();
    c.sex = "female";
    c.birth_date = (Date){2015, 3, 2};
    assert_string_equal(problems_of(&c, true), "sex_conflict birth_conflict");
}

static void unknown_identity_needs_birth_and_sex(void **state)
{
    (void)state;
    Child c = base_child();
    c.id_number = NULL;
    assert_string_equal(problems_of(&c, true), "no_birth_date no_sex");
    c.birth_date = (Date){2019, 1, 1};
    c.sex = "female";
    assert_string_equal(problems_of(&c, true), "");
}

static void adults_refused_unless_orphan_in_school(void **state)
{
    (void)state;
    char id[19];
    Child c = base_child();
    c.id_number = test_id(id, "441900", "20040101", "123");   /* 19 on TODAY */
    assert_string_equal(problems_of(&c, true), "adult");
    /* an adult record already in the ledger may still be edited */
    c = base_child();
    c.id_number = id;
    assert_string_equal(problems_of(&c, false), "");
    Category cat = {"orphan_scattered", {2010, 1, 1}, DATE_NONE, NULL, NULL};
    c = base_child();
    c.id_number = id;
    c.categories = &cat;
    c.n_categories = 1;
    c.enrolment = "in_school";
    assert_string_equal(problems_of(&c, true), "");
    c.enrolment = "dropped_out";
    cat.status = NULL;
    assert_string_equal(problems_of(&c, true), "adult");
}

static void future_birth_date(void **state)
{
    (void)state;
    Child c = base_child();
    c.id_number = NULL;
    c.sex = "male";
    c.birth_date = (Date){2024, 1, 1};
    assert_string_equal(problems_of(&c, true), "future_date");
}

static void categories(void **state)
{
    (void)state;
    Category cats[3] = {
        {"left_behind", {2023, 1, 1}, DATE_NONE, NULL, NULL},
        {"left_behind", {2022, 1, 1}, {2022, 12, 31}, NULL, NULL},
        {"no_such", {2023, 1, 1}, DATE_NONE, NULL, NULL},
    };
    Child c = base_child();
    c.categories = cats;
    c.n_categories = 2;
    assert_string_equal(problems_of(&c, true), "");
    assert_string_equal(cats[1].status, "ended");    /* ended before today */
    assert_string_equal(cats[0].status, "approved");
    assert_true(child_has_category(&c, "left_behind", TODAY));
    cats[1].to = (Date){2023, 2, 1};                  /* now the periods overlap */
    cats[1].status = NULL;
    assert_string_equal(problems_of(&c, true), "category_repeat");
    c.n_categories = 3;
    cats[1].to = (Date){2022, 12, 31};
    assert_string_equal(problems_of(&c, true), "bad_code");
    /* left-behind ends at 16 */
    char id[19];
    c = base_child();
    c.id_number = test_id(id, "441900", "20060301", "123");
    Category lb = {"left_behind", {2022, 6, 1}, DATE_NONE, NULL, NULL};
    c.categories = &lb;
    c.n_categories = 1;
    assert_string_equal(problems_of(&c, true), "age_limit");
    Category bad_dates = {"dibao", {2022, 6, 1}, {2022, 5, 1}, NULL, NULL};
    c = base_child();
    c.categories = &bad_dates;
    c.n_categories = 1;
    assert_string_equal(problems_of(&c, true), "category_dates");
}

static void codes_and_lengths(void **state)
{
    (void)state;
    Child c = base_child();
    c.ethnicity = "99";
    c.hukou_type = "rural";
    c.enrolment = "somewhere";
    c.father.situation = "imprisoned";
    c.father.term_months = 36;
    c.guardian.relation = "grandmother";
    c.name = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一";
    assert_string_equal(problems_of(&c, true), "too_long bad_code bad_code");
    c = base_child();
    c.disability_level = 2;
    assert_string_equal(problems_of(&c, true), "level_without_type");
    c = base_child();
    c.status = "deceased";
    assert_string_equal(problems_of(&c, true), "status_reason");
}

static void json_round_trip(void **state)
{
    (void)state;
    Child c = base_child();
    Category cat = {"orphan_scattered", {2020, 1, 1}, DATE_NONE, NULL, "死亡证明"};
    c.categories = &cat;
    c.n_categories = 1;
    c.father.name = "张大";
    c.father.situation = "dead";
    c.father.situation_since = (Date){2019, 5, 1};
    assert_string_equal(problems_of(&c, true), "");
    json_t *j = child_to_json(&c, false);
    Child back = {0};
    Problems p;
    problems_init(&p, arena);
    assert_true(child_from_json(j, &back, arena, false, &p));
    json_t *f1 = child_fields(&c), *f2 = child_fields(&back);
    assert_true(json_equal(f1, f2));
    json_t *diff = fields_diff(f1, f2);
    assert_int_equal(json_object_size(diff), 0);
    json_decref(diff);
    back.father.situation = "imprisoned";
    json_decref(f2);
    f2 = child_fields(&back);
    diff = fields_diff(f1, f2);
    assert_int_equal(json_object_size(diff), 1);
    json_t *change = json_object_get(diff, "father.situation");
    assert_string_equal(json_string_value(json_array_get(change, 0)), "dead");
    assert_string_equal(json_string_value(json_array_get(change, 1)), "imprisoned");
    json_decref(diff);
    json_decref(f1);
    json_decref(f2);
    json_decref(j);
}

static void strict_json(void **state)
{
    (void)state;
    const char *bad[][2] = {
        {"{\"name\":\"x\",\"nickname\":\"y\"}", "unknown_field"},
        {"{\"name\":5}", "wrong_type"},
        {"{\"birth_date\":\"2015-02-30\"}", "bad_date"},
        {"{\"disability_level\":99999999999}", "wrong_type"},
        {"{\"father\":[]}", "wrong_type"},
        {"{\"father\":{\"age\":40}}", "unknown_field"},
        {"{\"categories\":{}}", "wrong_type"},
        {"{\"categories\":[{\"code\":\"dibao\",\"since\":\"2020-01-01\"}]}", "unknown_field"},
        {"{\"id\":5}", "unknown_field"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        json_error_t err;
        json_t *j = json_loads(bad[i][0], 0, &err);
        assert_non_null(j);
        Child c = {0};
        Problems p;
        problems_init(&p, arena);
        assert_false(child_from_json(j, &c, arena, false, &p));
        assert_string_equal(p.head->code, bad[i][1]);
        json_decref(j);
    }
}

static void labels(void **state)
{
    (void)state;
    assert_string_equal(field_label("name", LANG_ZH), "姓名");
    assert_string_equal(field_label("father.situation", LANG_ZH), "父亲状况");
    assert_string_equal(field_label("father.situation", LANG_EN), "Father's situation");
    assert_string_equal(code_label(&CODES_CATEGORY, "de_facto_unsupported", LANG_ZH), "事实无人抚养儿童");
    assert_string_equal(code_find(&CODES_CATEGORY, "散居孤儿")->code, "orphan_scattered");
    assert_string_equal(code_find(&CODES_SEX, "2")->code, "female");
    assert_null(code_find(&CODES_SEX, "3"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(derives_sex_and_birth),
        cmocka_unit_test(conflicts_with_the_id),
        cmocka_unit_test(unknown_identity_needs_birth_and_sex),
        cmocka_unit_test(adults_refused_unless_orphan_in_school),
        cmocka_unit_test(future_birth_date),
        cmocka_unit_test(categories),
        cmocka_unit_test(codes_and_lengths),
        cmocka_unit_test(json_round_trip),
        cmocka_unit_test(strict_json),
        cmocka_unit_test(labels),
    };
    return cmocka_run_group_tests_name("child", tests, setup, teardown);
}
