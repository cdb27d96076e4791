/*
** Clock readings in Asia/Shanghai (see clock.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/clock.h"

enum { SHANGHAI_OFFSET = 8 * 3600 };

static const char *fixed_today(void)
{
    const char *t = getenv("SHOUHU_TODAY");
    return t && *t ? t : NULL;
}

Date clock_today(void)
{
    Date d;
    const char *fixed = fixed_today();
    if (fixed && date_parse_iso(fixed, &d)) return d;
    time_t now = time(NULL) + SHANGHAI_OFFSET;
    return date_from_days((long)(now / 86400));
}

char *clock_now_iso(char out[26])
{
    time_t now = time(NULL) + SHANGHAI_OFFSET;
    Date d = clock_today();
    unsigned secs = (unsigned)(now % 86400);
    char day[11];
    snprintf(out, 26, "%.10sT%02u:%02u:%02u+08:00", date_format(d, day), secs / 3600 % 24, secs / 60 % 60, secs % 60);
    return out;
}

double clock_monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
