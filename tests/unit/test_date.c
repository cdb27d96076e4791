/*
** Calendar rules: ages on a date (leap-day birthdays), month arithmetic,
** the date forms people write.
*/
#include "testutil.h"
#include "domain/date.h"

static Date d(int y, int m, int day) { return (Date){y, m, day}; }

static void ages(void **state)
{
    (void)state;
    assert_int_equal(date_age_on(d(2010, 2, 28), d(2023, 2, 28)), 13);
    assert_int_equal(date_age_on(d(2010, 2, 28), d(2023, 2, 27)), 12);
    assert_int_equal(date_age_on(d(2005, 6, 1), d(2023, 6, 1)), 18);
    assert_int_equal(date_age_on(d(2005, 6, 2), d(2023, 6, 1)), 17);
    /* born on a leap day: a year older on 1 March in common years */
    assert_int_equal(date_age_on(d(2008, 2, 29), d(2026, 2, 28)), 17);
    assert_int_equal(date_age_on(d(2008, 2, 29), d(2026, 3, 1)), 18);
}

static void days_and_months(void **state)
{
    (void)state;
    assert_int_equal(date_to_days(d(1970, 1, 1)), 0);
    assert_int_equal(date_to_days(d(2000, 3, 1)) - date_to_days(d(2000, 2, 28)), 2);
    Date r = date_from_days(date_to_days(d(2023, 12, 31)) + 1);
    assert_int_equal(r.y, 2024);
    assert_int_equal(r.m, 1);
    assert_int_equal(r.d, 1);
    r = date_add_months(d(2023, 1, 31), 1);
    assert_int_equal(r.m, 2);
    assert_int_equal(r.d, 28);
    r = date_add_months(d(2023, 11, 15), 3);
    assert_int_equal(r.y, 2024);
    assert_int_equal(r.m, 2);
    assert_int_equal(date_days_in_month(2000, 2), 29);
    assert_int_equal(date_days_in_month(1900, 2), 28);
}

static void parsing(void **state)
{
    (void)state;
    Date r;
    const char *good[] = {"2023-01-05", "2023/1/5", "2023.01.05", "20230105", "2023年1月5日", "2023-1-5 00:00:00", NULL};
    for (int i = 0; good[i]; i++) {
        assert_true(date_parse_loose(good[i], &r));
        assert_int_equal(r.y, 2023);
        assert_int_equal(r.m, 1);
        assert_int_equal(r.d, 5);
    }
    const char *bad[] = {"", "2023-02-30", "23-1-5", "2023-13-01", "yesterday", "2023-01-05 08:30", "2023-01-05x", NULL};
    for (int i = 0; bad[i]; i++) assert_false(date_parse_loose(bad[i], &r));
    assert_true(date_parse_iso("2024-02-29", &r));
    assert_false(date_parse_iso("2024/02/29", &r));
    assert_false(date_parse_iso("2023-02-29", &r));
    char buf[11];
    assert_string_equal(date_format(d(2023, 1, 5), buf), "2023-01-05");
    assert_string_equal(date_format(DATE_NONE, buf), "");
}

/* date_format() writes what snprintf("%04u-%02u-%02u") writes of the same
   numbers (it formats by hand since issue #8, page), odd values included. */
static void format_is_snprintfs(void **state)
{
    (void)state;
    static const int odd[] = {1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 12345, -1, -2026, 2147483647, -2147483647 - 1};
    char got[11], want[11];
    for (int y = 1790; y <= 2210; y++)
        for (int m = 0; m <= 13; m++)
            for (int dd = 0; dd <= 32; dd += (dd < 3 || dd > 27) ? 1 : 7) {
                snprintf(want, sizeof want, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)dd % 100u);
                assert_string_equal(date_format((Date){y, m, dd}, got), want);
            }
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        Date d = {odd[i], odd[i], odd[i]};
        snprintf(want, sizeof want, "%04u-%02u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u, (unsigned)d.d % 100u);
        assert_string_equal(date_format(d, got), want);
    }
    assert_string_equal(date_format((Date){0, 5, 5}, got), "");   /* no date */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ages),
        cmocka_unit_test(days_and_months),
        cmocka_unit_test(parsing),
        cmocka_unit_test(format_is_snprintfs),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
