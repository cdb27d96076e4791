/*
** The password policy (MLPS 2.0 practice, DOMAIN.md §8): at least 8
** characters, of at least 3 of the 4 kinds (lower-case letters, upper-case
** letters, digits, anything else), and not containing the account's name.
** Pure: hashing and checking a password against its hash are auth/auth.h's.
*/
#ifndef SHOUHU_PASSWORD_H
#define SHOUHU_PASSWORD_H

#include <stdbool.h>
#include "domain/message.h"

enum {
    PASSWORD_MIN_CHARS = 8,
    PASSWORD_MIN_KINDS = 3,
    PASSWORD_MAX_BYTES = 256,   /* Argon2 takes more, but no person types more */
};

/* How many of the 4 kinds of character PASSWORD holds (0..4). */
int password_kinds(const char *password);

/* Whether PASSWORD may be set for the account USERNAME (NULL: not checked
   against a name); adds one problem for FIELD to P for each rule it breaks. */
bool password_acceptable(const char *password, const char *username, Problems *p, const char *field);

#endif
