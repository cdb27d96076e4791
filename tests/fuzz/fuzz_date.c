/*
** Fuzz target: dates as people and spreadsheets write them (domain/date.h).
** Whatever date_parse_loose() or date_parse_iso() accepts is a real day
** that formats to ISO and parses back to itself, and the calendar
** arithmetic on it agrees with itself: days there and back, months that
** land on real days of the calendar (date_valid() also bounds the years,
** which month arithmetic may leave), an age of 18 eighteen years on.
*/
#include "fuzz.h"
#include "domain/date.h"

static void check_date(Date d)
{
    FUZZ_CHECK(date_is_set(d) && date_valid(d.y, d.m, d.d));
    char iso[11];
    Date back;
    FUZZ_CHECK(date_parse_iso(date_format(d, iso), &back) && date_cmp(back, d) == 0);
    FUZZ_CHECK(date_cmp(date_from_days(date_to_days(d)), d) == 0);
    Date next = date_from_days(date_to_days(d) + 1);
    FUZZ_CHECK(date_cmp(next, d) > 0);
    for (int months = -25; months <= 25; months += 5) {
        Date m = date_add_months(d, months);
        FUZZ_CHECK(m.m >= 1 && m.m <= 12 && m.d >= 1 && m.d <= date_days_in_month(m.y, m.m) && m.d <= d.d);
    }
    Date later = date_add_months(d, 12 * 18);
    if (date_is_set(later) && date_valid(later.y, later.m, later.d)) {
        int age = date_age_on(d, later);
        FUZZ_CHECK(age == 18 || age == 17);   /* 17: born on 29 February, the day before the birthday */
        FUZZ_CHECK(date_age_on(d, date_from_days(date_to_days(later) + 1)) == 18);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    Date d;
    if (date_parse_loose(text, &d)) check_date(d);
    if (date_parse_iso(text, &d)) {
        check_date(d);
        FUZZ_CHECK(date_parse_loose(text, &d));   /* ISO is one of the loose forms */
    }
    free(text);
    return 0;
}
