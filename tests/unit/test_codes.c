/*
** The code tables agree with the data files they mirror (the CSV files of data/, as
** embedded in the binary), and lookups accept codes, labels and aliases.
*/
#include "testutil.h"
#include "domain/codes.h"

/* Checks that every "code,name" row of the embedded CSV at PATH is in T with that label, and no more. */
static void table_matches_file(const CodeTable *t, const char *path)
{
    const EmbeddedFile *f = embedded_find(path);
    assert_non_null(f);
    char *text = strdup((const char *)f->data);
    int rows = 0;
    char *save = NULL;
    strtok_r(text, "\n", &save);   /* header */
    for (char *line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *comma = strchr(line, ',');
        assert_non_null(comma);
        *comma = 0;
        const CodeEntry *e = code_get(t, line);
        assert_non_null(e);
        assert_string_equal(e->zh, comma + 1);
        rows++;
    }
    int entries = 0;
    for (const CodeEntry *e = t->entries; e->code; e++) entries++;
    assert_int_equal(entries, rows);
    free(text);
}

static void ethnicity_and_provinces(void **state)
{
    (void)state;
    table_matches_file(&CODES_ETHNICITY, "data/ethnicity-gbt3304.csv");
    table_matches_file(&CODES_PROVINCE, "data/provinces-gbt2260.csv");
}

static void lookups(void **state)
{
    (void)state;
    assert_string_equal(code_find(&CODES_ETHNICITY, "1")->code, "01");      /* Excel dropped the zero */
    assert_string_equal(code_find(&CODES_ETHNICITY, "汉族")->code, "01");
    assert_string_equal(code_find(&CODES_ETHNICITY, "汉")->code, "01");
    assert_string_equal(code_find(&CODES_ETHNICITY, "zhuang")->code, "08");
    assert_string_equal(code_find(&CODES_SITUATION, " 服刑在押 ")->code, "imprisoned");
    assert_string_equal(code_find(&CODES_SITUATION, "Lost contact")->code, "lost_contact");
    assert_string_equal(code_find(&CODES_HUKOU_TYPE, "农村")->code, "rural");
    assert_null(code_find(&CODES_CATEGORY, "孤儿"));                          /* ambiguous: no guess */
    assert_null(code_find(&CODES_CATEGORY, ""));
    assert_string_equal(code_label(&CODES_CATEGORY, "hiv", LANG_EN), "HIV-infected child");
    assert_string_equal(code_label(&CODES_CATEGORY, "nonsense", LANG_ZH), "nonsense");
}

static void policy_sets(void **state)
{
    (void)state;
    assert_true(situation_is_incapable("imprisoned"));
    assert_true(situation_is_incapable("lost_contact"));
    assert_false(situation_is_incapable("working_away"));
    assert_false(situation_is_incapable("dead"));
    assert_true(situation_is_gone("dead"));
    assert_true(situation_is_gone("declared_missing"));
    assert_int_equal(category_age_limit("left_behind"), 16);
    assert_int_equal(category_age_limit("tekun"), 16);
    assert_int_equal(category_age_limit("orphan_scattered"), 18);
    assert_true(category_continues_after_18("de_facto_unsupported"));
    assert_false(category_continues_after_18("hiv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ethnicity_and_provinces),
        cmocka_unit_test(lookups),
        cmocka_unit_test(policy_sets),
    };
    return cmocka_run_group_tests_name("codes", tests, NULL, NULL);
}
