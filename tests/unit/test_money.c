/*
** Money: strict parsing of yuan strings into fen and formatting back, with
** no floating point anywhere.
*/
#include "testutil.h"
#include <limits.h>
#include "domain/money.h"
#include "domain/month.h"

static void parses_yuan(void **state)
{
    (void)state;
    Fen f = -1;
    assert_true(money_parse("2017", &f));
    assert_int_equal(f, 201700);
    assert_true(money_parse("2017.00", &f));
    assert_int_equal(f, 201700);
    assert_true(money_parse("2017.5", &f));
    assert_int_equal(f, 201750);
    assert_true(money_parse("0.01", &f));
    assert_int_equal(f, 1);
    assert_true(money_parse("0", &f));
    assert_int_equal(f, 0);
    assert_true(money_parse("130000.00", &f));
    assert_int_equal(f, 13000000);
    assert_true(money_parse("999999999999.99", &f));
    assert_int_equal(f, MONEY_MAX);
}

static void refuses_anything_else(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",   " 1",   "1 ",   "+1",   "-1",  "1.",  ".5",    "1.234",         "1,000", "1e3",  "0x10",
        "02", "00.5", "1..2", "１２", "NaN", "inf", "1.2.3", "1000000000000", "12abc", "1.5 ", "1.-5"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Fen f = 42;
        if (money_parse(bad[i], &f)) fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(f, 42); /* untouched */
    }
    Fen f;
    assert_false(money_parse(NULL, &f));
}

static void signed_amounts(void **state)
{
    (void)state;
    Fen f = 0;
    assert_true(money_parse_signed("-12.50", &f));
    assert_int_equal(f, -1250);
    assert_true(money_parse_signed("-0", &f));
    assert_int_equal(f, 0);
    assert_true(money_parse_signed("3", &f));
    assert_int_equal(f, 300);
    assert_false(money_parse_signed("--1", &f));
    assert_false(money_parse_signed("-", &f));
    assert_false(money_parse_signed("+1", &f));
}

static void formats_two_decimals(void **state)
{
    (void)state;
    char buf[MONEY_BUF];
    assert_string_equal(money_format(201700, buf), "2017.00");
    assert_string_equal(money_format(403400, buf), "4034.00");
    assert_string_equal(money_format(5, buf), "0.05");
    assert_string_equal(money_format(0, buf), "0.00");
    assert_string_equal(money_format(-50, buf), "-0.50");
    assert_string_equal(money_format(-123456, buf), "-1234.56");
    assert_string_equal(money_format(LLONG_MIN, buf), "-92233720368547758.08");
    assert_string_equal(money_format_grouped(403400, buf), "4,034.00");
    assert_string_equal(money_format_grouped(13000000, buf), "130,000.00");
    assert_string_equal(money_format_grouped(99, buf), "0.99");
    assert_string_equal(money_format_grouped(-123456789, buf), "-1,234,567.89");
    assert_string_equal(money_format_grouped(100000, buf), "1,000.00");
}

static void round_trips(void **state)
{
    (void)state;
    char buf[MONEY_BUF];
    for (Fen f = 0; f < 100000; f += 7) {
        Fen back = -1;
        assert_true(money_parse(money_format(f, buf), &back));
        assert_int_equal(back, f);
    }
}

static void months(void **state)
{
    (void)state;
    Month m;
    char buf[MONTH_BUF];
    assert_true(month_parse("2023-02", &m));
    assert_string_equal(month_format(m, buf), "2023-02");
    assert_string_equal(month_format(m + 11, buf), "2024-01");
    assert_int_equal(month_of((Date){2023, 2, 28}), m);
    assert_int_equal(month_last_day(m).d, 28);
    assert_int_equal(month_last_day(month_make(2024, 2)).d, 29);
    assert_false(month_parse("2023-13", &m));
    assert_false(month_parse("2023-2", &m));
    assert_false(month_parse("2023/02", &m));
    assert_string_equal(month_format(MONTH_NONE, buf), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_yuan),    cmocka_unit_test(refuses_anything_else),
        cmocka_unit_test(signed_amounts), cmocka_unit_test(formats_two_decimals),
        cmocka_unit_test(round_trips),    cmocka_unit_test(months),
    };
    return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
