/*
** Months as integers (see month.h).
*/
#include <stdio.h>
#include <string.h>
#include "domain/month.h"

Month month_make(int y, int m) { return y * 12 + m - 1; }
int month_year(Month m) { return m / 12; }
int month_number(Month m) { return m % 12 + 1; }

Month month_of(Date d) { return date_is_set(d) ? month_make(d.y, d.m) : MONTH_NONE; }

Date month_first_day(Month m) { return (Date){month_year(m), month_number(m), 1}; }

Date month_last_day(Month m)
{
    int y = month_year(m), n = month_number(m);
    return (Date){y, n, date_days_in_month(y, n)};
}

bool month_parse(const char *s, Month *out)
{
    if (!s || strlen(s) != 7 || s[4] != '-') return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9')) return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (!date_valid(y, m, 1)) return false;
    *out = month_make(y, m);
    return true;
}

char *month_format(Month m, char out[MONTH_BUF])
{
    if (m < 0) { /* MONTH_NONE */
        out[0] = 0;
        return out;
    }
    unsigned u = (unsigned)m; /* unsigned ranges let the compiler see that 7 characters fit */
    snprintf(out, MONTH_BUF, "%04u-%02u", (u / 12u) % 10000u, u % 12u + 1u);
    return out;
}
