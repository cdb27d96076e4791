/*
** Counting working days (see workdays.h). Step by day: the limits are
** weeks, not years, and a binary search in the two short lists keeps each
** day's test cheap.
*/
#include <stdlib.h>
#include "domain/workdays.h"

const WorkCalendar WORK_CALENDAR_PLAIN = {NULL, 0, NULL, 0};

static bool in_sorted(const long *list, int n, long day)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (list[mid] == day) return true;
        if (list[mid] < day) lo = mid + 1;
        else hi = mid - 1;
    }
    return false;
}

static bool day_is_workday(const WorkCalendar *cal, long day)
{
    /* 1970-01-01 was a Thursday: day 0 -> weekday 4 (Monday = 1 ... Sunday = 7) */
    long wd = ((day % 7) + 7 + 3) % 7 + 1;
    if (wd >= 6) return in_sorted(cal->workdays, cal->n_workdays, day);
    return !in_sorted(cal->holidays, cal->n_holidays, day);
}

bool workday_is(const WorkCalendar *cal, Date d) { return day_is_workday(cal, date_to_days(d)); }

Date workdays_after(const WorkCalendar *cal, Date start, int n)
{
    long day = date_to_days(start);
    while (n > 0) {
        day++;
        if (day_is_workday(cal, day)) n--;
    }
    return date_from_days(day);
}

int workdays_between(const WorkCalendar *cal, Date from, Date to)
{
    long a = date_to_days(from), b = date_to_days(to);
    int n = 0;
    for (long day = a + 1; day <= b; day++)
        if (day_is_workday(cal, day)) n++;
    return n;
}
