/*
** Resident ID numbers (公民身份号码, GB 11643-1999), DOMAIN.md §7.
** Pure: the only outside fact, today's date, is passed in.
*/
#ifndef SHOUHU_IDCARD_H
#define SHOUHU_IDCARD_H

#include <stdbool.h>
#include "domain/date.h"
#include "domain/message.h"

typedef struct IdInfo {
    char number[19];   /* normalised: 18 characters, upper-case X, ASCII */
    Date birth;
    const char *sex;   /* "male" (odd sequence) or "female" (even) */
    char province[3];  /* first two digits */
} IdInfo;

/* The check character for the first 17 digits of an ID number. */
char idcard_check_char(const char digits17[17]);

/* Validates and normalises TEXT (full-width digits, lower-case x and spaces
   are accepted; a 15-digit legacy number is upgraded to 18). On success fills
   OUT and returns true; otherwise adds one problem for FIELD to P and returns
   false. A birth date after TODAY is refused. */
bool idcard_parse(const char *text, Date today, IdInfo *out, Problems *p, const char *field);

/* "4419**********001X": the first 4 and last 4 kept, for lists and exports to
   roles that do not need the number. OUT has room for 19 bytes. */
char *idcard_mask(const char *number, char out[19]);

#endif
