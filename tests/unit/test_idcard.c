/*
** ID numbers (GB 11643-1999): the standard's own examples, bad check
** characters, impossible dates, unknown provinces, full-width input, legacy
** 15-digit numbers, masking.
*/
#include "testutil.h"
#include "domain/idcard.h"

static const Date TODAY = {2023, 6, 1};

/* Parses TEXT; returns the problem code, or NULL when valid (then *INFO is set). */
static const char *parse(const char *text, IdInfo *info)
{
    static Arena *a;
    if (!a) a = arena_new();
    Problems p;
    problems_init(&p, a);
    IdInfo tmp;
    bool ok = idcard_parse(text, TODAY, info ? info : &tmp, &p, "id_number");
    assert_true(ok == (p.count == 0));
    return ok ? NULL : p.head->code;
}

static void standard_examples(void **state)
{
    (void)state;
    IdInfo info;
    /* the example printed in GB 11643-1999 */
    assert_null(parse("11010519491231002X", &info));
    assert_string_equal(info.number, "11010519491231002X");
    assert_int_equal(info.birth.y, 1949);
    assert_int_equal(info.birth.m, 12);
    assert_int_equal(info.birth.d, 31);
    assert_string_equal(info.sex, "female");
    assert_string_equal(info.province, "11");
    assert_null(parse("440524188001010014", &info));
    assert_string_equal(info.sex, "male");
    assert_int_equal(idcard_check_char("11010519491231002"), 'X');
    assert_int_equal(idcard_check_char("44052418800101001"), '4');
}

static void bad_check_character(void **state)
{
    (void)state;
    assert_string_equal(parse("110105194912310021", NULL), "id_checksum");
    assert_string_equal(parse("440524188001010015", NULL), "id_checksum");
    /* a transposition of two digits changes the check */
    assert_string_equal(parse("440524188001010104", NULL), "id_checksum");
}

static void impossible_and_future_dates(void **state)
{
    (void)state;
    char id[19];
    assert_string_equal(parse(test_id(id, "441900", "20150230", "123"), NULL), "id_date");
    assert_string_equal(parse(test_id(id, "441900", "20151301", "123"), NULL), "id_date");
    assert_string_equal(parse(test_id(id, "441900", "20230229", "123"), NULL), "id_date");
    assert_null(parse(test_id(id, "441900", "20200229", "123"), NULL));   /* a leap day */
    assert_string_equal(parse(test_id(id, "441900", "20230602", "123"), NULL), "id_future");
    assert_null(parse(test_id(id, "441900", "20230601", "123"), NULL));   /* born today */
    assert_string_equal(parse(test_id(id, "441900", "17991231", "123"), NULL), "id_date");
}

static void provinces(void **state)
{
    (void)state;
    char id[19];
    assert_string_equal(parse(test_id(id, "991900", "20150101", "123"), NULL), "id_province");
    assert_string_equal(parse(test_id(id, "001900", "20150101", "123"), NULL), "id_province");
    assert_string_equal(parse(test_id(id, "201900", "20150101", "123"), NULL), "id_province");
    /* residence permits of Hong Kong, Macao and Taiwan residents */
    assert_null(parse(test_id(id, "810000", "20150101", "123"), NULL));
    assert_null(parse(test_id(id, "820000", "20150101", "123"), NULL));
    assert_null(parse(test_id(id, "830000", "20150101", "123"), NULL));
    assert_null(parse(test_id(id, "710000", "20150101", "123"), NULL));
}

static void full_width_lower_case_and_spaces(void **state)
{
    (void)state;
    IdInfo info;
    assert_null(parse("１１０１０５１９４９１２３１００２Ｘ", &info));
    assert_string_equal(info.number, "11010519491231002X");
    assert_null(parse("11010519491231002x", &info));
    assert_string_equal(info.number, "11010519491231002X");
    assert_null(parse(" 110105 19491231 002X ", &info));
    assert_string_equal(info.number, "11010519491231002X");
    assert_null(parse("１１０１０５１９４９１２３１００２ｘ", &info));
}

static void wrong_length_and_characters(void **state)
{
    (void)state;
    assert_string_equal(parse("", NULL), "id_length");
    assert_string_equal(parse("4419", NULL), "id_length");
    assert_string_equal(parse("4405241880010100140", NULL), "id_length");
    assert_string_equal(parse("44052418800101001A", NULL), "id_chars");
    assert_string_equal(parse("4405X4188001010014", NULL), "id_chars");
    assert_string_equal(parse("身份证440524188001010014", NULL), "id_chars");
    assert_string_equal(parse("44052418800101001\xff", NULL), "id_chars");
}

static void legacy_fifteen_digits(void **state)
{
    (void)state;
    IdInfo info;
    assert_null(parse("110105491231002", &info));
    assert_string_equal(info.number, "11010519491231002X");
    assert_string_equal(info.sex, "female");
    assert_string_equal(parse("110105490231002", NULL), "id_date");
}

static void masking(void **state)
{
    (void)state;
    char out[19];
    assert_string_equal(idcard_mask("44190020150301001X", out), "4419**********001X");
    assert_string_equal(idcard_mask("13800138000", out), "1380***8000");
    assert_string_equal(idcard_mask("123", out), "***");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(standard_examples),
        cmocka_unit_test(bad_check_character),
        cmocka_unit_test(impossible_and_future_dates),
        cmocka_unit_test(provinces),
        cmocka_unit_test(full_width_lower_case_and_spaces),
        cmocka_unit_test(wrong_length_and_characters),
        cmocka_unit_test(legacy_fifteen_digits),
        cmocka_unit_test(masking),
    };
    return cmocka_run_group_tests_name("idcard", tests, NULL, NULL);
}
