/*
** Calendar months, the unit of payrolls and standards: "2023-02". A Month is
** a count of months since year 0 (y * 12 + m - 1), so that the month after,
** the months between and comparisons are plain integer arithmetic.
*/
#ifndef SHOUHU_MONTH_H
#define SHOUHU_MONTH_H

#include <stdbool.h>
#include "domain/date.h"

typedef int Month;

#define MONTH_NONE (-1) /* no month: unset, or "open" as an end */

enum { MONTH_BUF = 8 }; /* "2023-02" and its NUL */

Month month_of(Date d); /* the month D falls in; MONTH_NONE for no date */
Month month_make(int y, int m);
int month_year(Month m);
int month_number(Month m); /* 1..12 */
Date month_first_day(Month m);
Date month_last_day(Month m);

/* Strict "YYYY-MM" (years 1800..2199). */
bool month_parse(const char *s, Month *out);
/* "YYYY-MM" into OUT; "" for MONTH_NONE. Returns OUT. */
char *month_format(Month m, char out[MONTH_BUF]);

#endif
