/*
** The one place that reads the clock. Shouhu works in the city's time zone,
** Asia/Shanghai (UTC+8 all year: China has kept no summer time since 1991),
** whatever the server's own zone. SHOUHU_TODAY=YYYY-MM-DD fixes the date, for
** tests and for rehearsing a month-end (the time of day still runs).
*/
#ifndef SHOUHU_CLOCK_H
#define SHOUHU_CLOCK_H

#include <time.h>
#include "domain/date.h"

Date clock_today(void);                 /* today in Asia/Shanghai */
/* Now as ISO 8601 with offset, "2023-01-31T09:05:00+08:00", into OUT (26 bytes). */
char *clock_now_iso(char out[26]);
/* Seconds since 1970-01-01 UTC, for expiry times (sessions, tokens, lock-outs). */
long long clock_unix(void);

/* The pure conversions the readings above use, for any moment T (seconds
   since 1970-01-01 UTC): the date in Asia/Shanghai, and T as ISO 8601 there
   into OUT (26 bytes). Neither looks at TZ or SHOUHU_TODAY. */
Date clock_date_at(long long t);
char *clock_iso_at(long long t, char out[26]);
/* Seconds on a monotonic clock, for durations. */
double clock_monotonic(void);

#endif
