/*
** Calendar dates as policy rules need them: ages on an "as of" date, months
** for payrolls, deadlines. Pure functions; "today" is always passed in, never
** read from the clock here (the clock lives in util/clock.h).
*/
#ifndef SHOUHU_DATE_H
#define SHOUHU_DATE_H

#include <stdbool.h>

typedef struct Date {
    int y, m, d;      /* all zero = no date */
} Date;

#define DATE_NONE ((Date){0, 0, 0})

bool date_is_set(Date d);
bool date_valid(int y, int m, int d);               /* a real calendar day, years 1800..2199 */
int date_cmp(Date a, Date b);                       /* <0, 0, >0 */
long date_to_days(Date d);                          /* days since 1970-01-01 */
Date date_from_days(long days);
Date date_add_months(Date d, int months);           /* clamps the day to the month's end */
int date_days_in_month(int y, int m);

/* Whole years from BIRTH to ON: a child born 2010-02-28 is 13 on 2023-02-28. */
int date_age_on(Date birth, Date on);

/* Strict ISO 8601 "YYYY-MM-DD". */
bool date_parse_iso(const char *s, Date *out);

/* What people and spreadsheets write: 2023-01-05, 2023/1/5, 2023.1.5,
   20230105, 2023年1月5日, with full-width digits already folded by the caller.
   Excel serial day numbers are the reader's business (io/sheet.h). */
bool date_parse_loose(const char *s, Date *out);

/* "YYYY-MM-DD" into OUT (11 bytes); "" for no date. Returns OUT. */
char *date_format(Date d, char out[11]);

#endif
