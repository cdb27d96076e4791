/*
** Fen to yuan strings and back (see money.h). Plain integer arithmetic on
** the characters: no strtod, no printf of a double, so no rounding anywhere.
*/
#include <stdio.h>
#include <string.h>
#include "domain/money.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool money_parse(const char *s, Fen *fen)
{
    if (!s || !is_digit(*s)) return false;
    if (s[0] == '0' && is_digit(s[1])) return false; /* "02": a typing error, not an amount */
    Fen yuan = 0;
    const char *p = s;
    for (; is_digit(*p); p++) {
        yuan = yuan * 10 + (*p - '0');
        if (yuan > MONEY_MAX / 100) return false;
    }
    Fen cents = 0;
    if (*p == '.') {
        p++;
        if (!is_digit(p[0])) return false; /* "12." */
        cents = (p[0] - '0') * 10;
        if (is_digit(p[1])) cents += p[1] - '0';
        p += is_digit(p[1]) ? 2 : 1;
    }
    if (*p) return false; /* anything else, a third decimal included */
    Fen v = yuan * 100 + cents;
    if (v > MONEY_MAX) return false;
    *fen = v;
    return true;
}

bool money_parse_signed(const char *s, Fen *fen)
{
    if (s && *s == '-') {
        Fen v;
        if (!money_parse(s + 1, &v)) return false;
        *fen = -v;
        return true;
    }
    return money_parse(s, fen);
}

char *money_format(Fen fen, char out[MONEY_BUF])
{
    /* the magnitude as unsigned, so that even LLONG_MIN formats without overflow */
    unsigned long long m = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
    snprintf(out, MONEY_BUF, "%s%llu.%02llu", fen < 0 ? "-" : "", m / 100, m % 100);
    return out;
}

char *money_format_grouped(Fen fen, char out[MONEY_BUF])
{
    char plain[MONEY_BUF];
    money_format(fen, plain);
    const char *digits = plain + (plain[0] == '-');
    size_t int_len = (size_t)(strchr(digits, '.') - digits);
    char *o = out;
    if (plain[0] == '-') *o++ = '-';
    for (size_t i = 0; i < int_len; i++) {
        if (i && (int_len - i) % 3 == 0) *o++ = ',';
        *o++ = digits[i];
    }
    strcpy(o, digits + int_len); /* ".00": at most 26 digits and separators fit in MONEY_BUF */
    return out;
}
