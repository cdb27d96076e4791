/*
** The age bands of the statistics (see stats.h).
*/
#include <stdio.h>
#include "domain/stats.h"

const AgeBand STATS_AGE_BAND[STATS_AGE_BANDS] = {
    {"0-2", 0}, {"3-5", 3}, {"6-11", 6}, {"12-14", 12}, {"15-17", 15}, {"18+", 18},
};

int stats_age_band(Date birth, Date on)
{
    int age = date_age_on(birth, on), band = 0;
    for (int i = 1; i < STATS_AGE_BANDS; i++)
        if (age >= STATS_AGE_BAND[i].from) band = i;
    return band;
}

char *stats_born_by(Date on, int years, char out[11])
{
    /* date_age_on: aged YEARS once (month, day) of ON reaches those of the
       birth, in the year YEARS before ON's */
    int y = on.y - years;
    if (y < 0) y = 0;
    unsigned yy = (unsigned)y % 10000u, mm = (unsigned)on.m % 100u, dd = (unsigned)on.d % 100u;
    snprintf(out, 11, "%04u-%02u-%02u", yy, mm, dd);
    return out;
}
