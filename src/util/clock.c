/*
** Clock readings in Asia/Shanghai (see clock.h).
**
** The city's date and time come from the UTC seconds by arithmetic alone
** (UTC+8, no summer time), never through localtime(): the server's TZ, and
** whatever zone a container or a developer's laptop has, cannot move a
** child's 18th birthday or a month's end by a day. The conversions are pure
** functions of the seconds so that tests can put any moment through them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/clock.h"

enum { SHANGHAI_OFFSET = 8 * 3600, DAY = 86400 };

/* SHOUHU_TODAY as a date, if it is set and valid. */
static bool fixed_today(Date *out)
{
    const char *t = getenv("SHOUHU_TODAY");
    return t && *t && date_parse_iso(t, out);
}

/* Whole days and the seconds into the day of T in Shanghai, rounding down
   (C's division truncates towards zero, wrong for moments before 1970). */
static long long shanghai_days(long long t, long long *secs)
{
    long long local = t + SHANGHAI_OFFSET;
    long long days = local / DAY, rem = local % DAY;
    if (rem < 0) {
        rem += DAY;
        days--;
    }
    if (secs) *secs = rem;
    return days;
}

Date clock_date_at(long long t)
{
    return date_from_days((long)shanghai_days(t, NULL));
}

char *clock_iso_at(long long t, char out[26])
{
    long long secs;
    char day[11];
    date_format(date_from_days((long)shanghai_days(t, &secs)), day);
    /* snprintf(out, 26, "%.10sT%02u:%02u:%02u+08:00", ...) by hand: every request reads the time
       twice (its audit entry, its log line), and snprintf was most of it (issue #8, caller) */
    unsigned hms[3] = {(unsigned)(secs / 3600), (unsigned)(secs / 60 % 60), (unsigned)(secs % 60)};
    memcpy(out, day, 10);
    for (int i = 0; i < 3; i++) {
        out[10 + 3 * i] = i == 0 ? 'T' : ':';
        out[11 + 3 * i] = (char)('0' + hms[i] / 10);
        out[12 + 3 * i] = (char)('0' + hms[i] % 10);
    }
    memcpy(out + 19, "+08:00", 7);
    return out;
}

Date clock_today(void)
{
    Date d;
    if (fixed_today(&d)) return d;
    return clock_date_at(clock_unix());
}

char *clock_now_iso(char out[26])
{
    /* one reading of the clock for the date and the time: read twice, a call
       just before midnight could get today's time with tomorrow's date */
    clock_iso_at(clock_unix(), out);
    Date d;
    if (fixed_today(&d)) {
        char day[11];
        memcpy(out, date_format(d, day), 10);
    }
    return out;
}

long long clock_unix(void)
{
    return (long long)time(NULL);
}

double clock_monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
