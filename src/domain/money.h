/*
** Money as the policy counts it: integer fen (分), never floating point.
** People, spreadsheets and the API read and write yuan with two decimals
** ("2017.00"); these functions are the only conversion between the two, and
** they are strict, because a payroll must never guess what an amount meant.
*/
#ifndef SHOUHU_MONEY_H
#define SHOUHU_MONEY_H

#include <stdbool.h>

typedef long long Fen;

enum {
    MONEY_BUF = 32, /* room for any formatted amount */
};

/* The largest amount accepted: 999,999,999,999.99 yuan, far above any
   payroll, well inside a long long, so sums of many lines cannot overflow. */
#define MONEY_MAX ((Fen)99999999999999LL)

/* Reads yuan written as digits with an optional decimal point and one or two
   decimals: "2017", "2017.5", "2017.00", "0.01". Refused: signs, spaces,
   thousands separators, exponents, a leading or trailing point, leading
   zeros ("02"), more than two decimals, more than MONEY_MAX. Sets *FEN and
   returns true, or returns false and leaves *FEN alone. */
bool money_parse(const char *s, Fen *fen);

/* The same, but a leading '-' is allowed too (for adjustments that take money
   back); "-0" is read as 0. */
bool money_parse_signed(const char *s, Fen *fen);

/* FEN as yuan with exactly two decimals, "2017.00", "-0.50", into OUT.
   Returns OUT. */
char *money_format(Fen fen, char out[MONEY_BUF]);

/* The same with thousands separators, "4,034.00", for people (never for
   files that are read back). */
char *money_format_grouped(Fen fen, char out[MONEY_BUF]);

#endif
