/*
** The city's clock (util/clock.h): dates and times in Asia/Shanghai whatever
** the server's TZ. The pure conversions are put through the moments where a
** wrong zone shows (just before and after midnight in Shanghai, which is
** 16:00 UTC and 08:00 or 09:00 in Los Angeles), month and year ends, leap
** days and 18th birthdays; then they are checked against the tz database's
** own Asia/Shanghai for every day of 1992-2037, and clock_today() is read
** with the process in Los Angeles' zone and in UTC.
*/
#include <time.h>
#include "testutil.h"
#include "util/clock.h"

/* Seconds since the epoch of a UTC date and time (timegm is not C11; this is
   the same arithmetic done by date.c, which has its own tests). */
static long long utc(int y, int m, int d, int hh, int mm, int ss)
{
    return (long long)date_to_days((Date){y, m, d}) * 86400 + hh * 3600 + mm * 60 + ss;
}

static void assert_date(Date got, int y, int m, int d)
{
    char buf[11], want[11];
    assert_string_equal(date_format(got, buf), date_format((Date){y, m, d}, want));
}

static void midnight_in_shanghai(void **state)
{
    (void)state;
    char iso[26];
    /* 2024-02-29 23:59:59 in Shanghai is 15:59:59 UTC, 07:59:59 in Los Angeles */
    long long t = utc(2024, 2, 29, 15, 59, 59);
    assert_date(clock_date_at(t), 2024, 2, 29);
    assert_string_equal(clock_iso_at(t, iso), "2024-02-29T23:59:59+08:00");
    assert_date(clock_date_at(t + 1), 2024, 3, 1);
    assert_string_equal(clock_iso_at(t + 1, iso), "2024-03-01T00:00:00+08:00");
    /* a common year's February ends on the 28th */
    assert_date(clock_date_at(utc(2023, 2, 28, 16, 0, 0)), 2023, 3, 1);
    assert_date(clock_date_at(utc(2023, 2, 28, 15, 59, 59)), 2023, 2, 28);
    /* the year ends at 16:00 UTC on 31 December */
    assert_date(clock_date_at(utc(2023, 12, 31, 16, 0, 0)), 2024, 1, 1);
    assert_string_equal(clock_iso_at(utc(2023, 12, 31, 15, 59, 59), iso), "2023-12-31T23:59:59+08:00");
    /* 30-day months, and the morning in Shanghai is still the previous day in UTC */
    assert_date(clock_date_at(utc(2023, 4, 30, 16, 0, 0)), 2023, 5, 1);
    assert_string_equal(clock_iso_at(utc(2023, 4, 30, 23, 30, 5), iso), "2023-05-01T07:30:05+08:00");
}

static void before_1970(void **state)
{
    (void)state;
    char iso[26];
    /* the epoch is 08:00 in Shanghai; eight hours earlier is midnight there */
    assert_string_equal(clock_iso_at(0, iso), "1970-01-01T08:00:00+08:00");
    assert_string_equal(clock_iso_at(-8 * 3600, iso), "1970-01-01T00:00:00+08:00");
    assert_string_equal(clock_iso_at(-8 * 3600 - 1, iso), "1969-12-31T23:59:59+08:00");
    assert_date(clock_date_at(utc(1960, 3, 1, 15, 59, 59)), 1960, 3, 1);
}

/* The 18th birthday falls at midnight in Shanghai, not at midnight where
   the server is: the age rules see the city's date. */
static void eighteenth_birthday(void **state)
{
    (void)state;
    Date born = {2006, 3, 1};
    assert_int_equal(date_age_on(born, clock_date_at(utc(2024, 2, 29, 15, 59, 59))), 17);
    assert_int_equal(date_age_on(born, clock_date_at(utc(2024, 2, 29, 16, 0, 0))), 18);
    /* born on a leap day: 18 on 1 March of a common year, Shanghai time */
    Date leap = {2008, 2, 29};
    assert_int_equal(date_age_on(leap, clock_date_at(utc(2026, 2, 28, 15, 59, 59))), 17);
    assert_int_equal(date_age_on(leap, clock_date_at(utc(2026, 2, 28, 16, 0, 0))), 18);
}

static bool have_zone(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", name);
    return access(path, R_OK) == 0;
}

static void set_tz(const char *tz)
{
    assert_int_equal(setenv("TZ", tz, 1), 0);
    tzset();
}

/* The date the tz database gives for T in Asia/Shanghai: an oracle made
   independently of clock.c's arithmetic. */
static Date tzdb_shanghai(long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    assert_non_null(localtime_r(&tt, &tm));
    return (Date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

static void agrees_with_tz_database(void **state)
{
    (void)state;
    if (!have_zone("Asia/Shanghai")) {
        fprintf(stderr, "skipped: no /usr/share/zoneinfo/Asia/Shanghai (install tzdata)\n");
        skip();
    }
    set_tz("Asia/Shanghai");
    /* from 1992, after China's last summer time, to 2037 (32-bit time_t's end) */
    long checked = 0;
    for (long long day = utc(1992, 1, 1, 16, 0, 0); day < utc(2037, 12, 31, 0, 0, 0); day += 86400) {
        for (int k = -1; k <= 1; k++) {
            Date want = tzdb_shanghai(day + k), got = clock_date_at(day + k);
            if (date_cmp(want, got) != 0) {
                char a[11], b[11];
                fail_msg("at %lld: tz database %s, clock_date_at %s", day + k, date_format(want, a), date_format(got, b));
            }
            checked++;
        }
    }
    assert_true(checked > 3 * 16000);
    unsetenv("TZ");
    tzset();
}

/* clock_today() in a process whose zone is TZ agrees with Shanghai's date
   for the same moment (read again if the second turned meanwhile). */
static void today_in_zone(const char *tz)
{
    set_tz(tz);
    for (int tries = 0; tries < 3; tries++) {
        long long before = clock_unix();
        Date today = clock_today();
        if (clock_unix() != before) continue;
        assert_int_equal(date_cmp(today, clock_date_at(before)), 0);
        if (have_zone("Asia/Shanghai")) {
            set_tz("Asia/Shanghai");
            assert_int_equal(date_cmp(today, tzdb_shanghai(before)), 0);
        }
        break;
    }
    unsetenv("TZ");
    tzset();
}

static void today_whatever_the_server_zone(void **state)
{
    (void)state;
    unsetenv("SHOUHU_TODAY");
    today_in_zone("America/Los_Angeles");
    today_in_zone("UTC");
    today_in_zone("Pacific/Kiritimati");   /* UTC+14: a day ahead of Los Angeles */
}

static void fixed_today(void **state)
{
    (void)state;
    assert_int_equal(setenv("SHOUHU_TODAY", "2024-02-29", 1), 0);
    assert_date(clock_today(), 2024, 2, 29);
    char iso[26];
    clock_now_iso(iso);
    assert_int_equal(strncmp(iso, "2024-02-29T", 11), 0);
    assert_string_equal(iso + 19, "+08:00");
    /* a date that does not exist is not taken: the real clock is */
    assert_int_equal(setenv("SHOUHU_TODAY", "2023-02-29", 1), 0);
    assert_int_equal(date_cmp(clock_today(), clock_date_at(clock_unix())), 0);
    unsetenv("SHOUHU_TODAY");
}

/* clock_iso_at(T) as snprintf wrote it before (issue #8, caller: it writes its digits by hand). */
static void assert_iso_as_snprintf(long long t)
{
    char iso[26], want[40], day[11];
    long long secs = ((t + 8 * 3600) % 86400 + 86400) % 86400;
    date_format(clock_date_at(t), day);
    snprintf(want, sizeof want, "%sT%02lld:%02lld:%02lld+08:00", day, secs / 3600, secs / 60 % 60, secs % 60);
    assert_string_equal(clock_iso_at(t, iso), want);
}

/* the same text as snprintf's for a second of every 7,919 from 1960 to 2040, and every second of one day */
static void iso_as_snprintf(void **state)
{
    (void)state;
    for (long long t = utc(1960, 1, 1, 0, 0, 0); t < utc(2040, 1, 1, 0, 0, 0); t += 7919) assert_iso_as_snprintf(t);
    for (long long t = utc(2024, 2, 29, 15, 0, 0), end = t + 86400; t < end; t++) assert_iso_as_snprintf(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(midnight_in_shanghai),
        cmocka_unit_test(before_1970),
        cmocka_unit_test(eighteenth_birthday),
        cmocka_unit_test(agrees_with_tz_database),
        cmocka_unit_test(today_whatever_the_server_zone),
        cmocka_unit_test(fixed_today),
        cmocka_unit_test(iso_as_snprintf),
    };
    return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
