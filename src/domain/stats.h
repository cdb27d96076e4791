/*
** The definitions behind the figures of the dashboards (issue #7): the age
** bands children are counted in, and the birth-date bound of each, so that
** a count by age needs no child's age computed one by one. Pure functions,
** the date passed in; the counting itself is the store's (store_stats.h).
*/
#ifndef SHOUHU_STATS_H
#define SHOUHU_STATS_H

#include "domain/date.h"

/* Age bands in whole years on the "as of" date (date_age_on): 0-2, 3-5,
   6-11, 12-14, 15-17 and 18+ (still active at 18: a data-quality finding).
   A child born after the date counts in the first band. */
enum { STATS_AGE_BANDS = 6 };

typedef struct AgeBand {
    const char *code;   /* "0-2", ..., "18+" */
    int from;           /* the first age in the band */
} AgeBand;

extern const AgeBand STATS_AGE_BAND[STATS_AGE_BANDS];

/* The band of a child born on BIRTH, on ON. */
int stats_age_band(Date birth, Date on);

/* The latest birth date, as the text "YYYY-MM-DD", of a child aged at least
   YEARS on ON: a child is that old exactly when its birth date sorts on or
   before it. The text may name a day that does not exist (2023-02-29 for
   ON 2024-02-29): it is a bound for comparing ISO dates as text, the way
   date_age_on() compares month and day. Writes OUT and returns it. */
char *stats_born_by(Date on, int years, char out[11]);

#endif
