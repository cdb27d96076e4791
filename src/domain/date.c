/*
** Calendar arithmetic on civil dates (proleptic Gregorian), see date.h.
** Days since the epoch use the well-known days-from-civil algorithm.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/date.h"

bool date_is_set(Date d) { return d.y != 0; }

int date_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return days[m - 1];
}

bool date_valid(int y, int m, int d)
{
    return y >= 1800 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

int date_cmp(Date a, Date b)
{
    if (a.y != b.y) return a.y < b.y ? -1 : 1;
    if (a.m != b.m) return a.m < b.m ? -1 : 1;
    if (a.d != b.d) return a.d < b.d ? -1 : 1;
    return 0;
}

long date_to_days(Date dt)
{
    long y = dt.y - (dt.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date date_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    return (Date){(int)(y + (m <= 2)), m, d};
}

Date date_add_months(Date d, int months)
{
    int idx = d.y * 12 + (d.m - 1) + months;
    Date r = {idx / 12, idx % 12 + 1, d.d};
    int last = date_days_in_month(r.y, r.m);
    if (r.d > last) r.d = last;
    return r;
}

int date_age_on(Date birth, Date on)
{
    int age = on.y - birth.y;
    if (on.m < birth.m || (on.m == birth.m && on.d < birth.d)) age--;
    return age;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

bool date_parse_iso(const char *s, Date *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!all_digits(s, 4) || !all_digits(s + 5, 2) || !all_digits(s + 8, 2)) return false;
    /* the digits by hand: atoi() three times was most of a list item's dates (issue #8, item) */
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    if (!date_valid(y, m, d)) return false;
    *out = (Date){y, m, d};
    return true;
}

/* Reads up to MAX digits at *P into *V; false if none. */
static bool take_number(const char **p, int max, int *v)
{
    int n = 0, val = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        val = val * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *v = val;
    return n > 0;
}

/* Skips one separator: - / . or one of 年 月 (UTF-8). */
static bool take_separator(const char **p)
{
    if (**p == '-' || **p == '/' || **p == '.') {
        (*p)++;
        return true;
    }
    if (strncmp(*p, "年", 3) == 0 || strncmp(*p, "月", 3) == 0) {
        *p += 3;
        return true;
    }
    return false;
}

bool date_parse_loose(const char *s, Date *out)
{
    if (!s) return false;
    size_t n = strlen(s);
    if (n == 8 && all_digits(s, 8)) {
        int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        int m = (s[4] - '0') * 10 + (s[5] - '0'), d = (s[6] - '0') * 10 + (s[7] - '0');
        if (!date_valid(y, m, d)) return false;
        *out = (Date){y, m, d};
        return true;
    }
    const char *p = s;
    int y, m, d;
    if (!take_number(&p, 4, &y) || p - s != 4 || !take_separator(&p)) return false;
    if (!take_number(&p, 2, &m) || !take_separator(&p)) return false;
    if (!take_number(&p, 2, &d)) return false;
    if (strcmp(p, "日") == 0) p += 3;
    /* a time after the date, as spreadsheets sometimes add, is ignored if it is midnight */
    if (*p == ' ' || *p == 'T') {
        const char *t = p + 1;
        if (strcmp(t, "00:00:00") != 0 && strcmp(t, "00:00") != 0) return false;
        p = t + strlen(t);
    }
    if (*p) return false;
    if (!date_valid(y, m, d)) return false;
    *out = (Date){y, m, d};
    return true;
}

char *date_format(Date d, char out[11])
{
    if (!date_is_set(d)) {
        out[0] = 0;
        return out;
    }
    /* snprintf(out, 11, "%04u-%02u-%02u", y % 10000, m % 100, d % 100) by hand: snprintf was 3 % of an
       import, which writes each child's dates twice (issue #8) */
    unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, day = (unsigned)d.d % 100u;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + day / 10);
    out[9] = (char)('0' + day % 10);
    out[10] = 0;
    return out;
}
