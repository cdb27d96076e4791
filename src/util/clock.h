/*
** The one place that reads the clock. Shouhu works in the city's time zone,
** Asia/Shanghai (UTC+8 all year: China has kept no summer time since 1991),
** whatever the server's own zone. SHOUHU_TODAY=YYYY-MM-DD fixes the date, for
** tests and for rehearsing a month-end; it is read once.
*/
#ifndef SHOUHU_CLOCK_H
#define SHOUHU_CLOCK_H

#include <time.h>
#include "domain/date.h"

Date clock_today(void);                 /* today in Asia/Shanghai */
/* Now as ISO 8601 with offset, "2023-01-31T09:05:00+08:00", into OUT (26 bytes). */
char *clock_now_iso(char out[26]);
/* Seconds on a monotonic clock, for durations. */
double clock_monotonic(void);

#endif
