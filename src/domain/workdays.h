/*
** Working days, for the time limits of the category procedure (DOMAIN.md §2:
** "the home township gives its opinion within 15 working days"). A working
** day is Monday to Friday, except the public holidays, plus the weekend days
** the State Council's yearly holiday notice makes working days (调休上班).
** Both lists are data (the `holiday` table, `shouhu holiday add`), because
** the notice comes out every December for the next year.
**
** Pure: the calendar is passed in; nothing is read from the clock.
*/
#ifndef SHOUHU_WORKDAYS_H
#define SHOUHU_WORKDAYS_H

#include <stdbool.h>
#include "domain/date.h"

typedef struct WorkCalendar {
    const long *holidays; /* days since 1970 (date_to_days) that are off although weekdays, sorted */
    int n_holidays;
    const long *workdays; /* weekend days that are worked (调休), sorted */
    int n_workdays;
} WorkCalendar;

extern const WorkCalendar WORK_CALENDAR_PLAIN; /* Monday to Friday, no holidays */

bool workday_is(const WorkCalendar *cal, Date d);

/* The day N working days after START (START itself is not counted: a limit
   of 15 working days from an application on a Monday ends 15 working days
   later). N = 0 gives START. This is the last day on which a step is on time. */
Date workdays_after(const WorkCalendar *cal, Date start, int n);

/* The working days in (FROM, TO]: how many working days after FROM the day
   TO is. 0 when TO is not after FROM. */
int workdays_between(const WorkCalendar *cal, Date from, Date to);

#endif
