/*
** Rules for accounts that need no database: what a user name may be, and
** the member units (成员单位) a partner account belongs to. Roles and their
** permissions are data in the database (sql/002_accounts.sql), not here.
*/
#ifndef SHOUHU_ACCOUNT_H
#define SHOUHU_ACCOUNT_H

#include <stdbool.h>
#include "domain/codes.h"
#include "domain/message.h"

enum { USERNAME_MIN = 3, USERNAME_MAX = 32 };

/* A user name is 3 to 32 characters: a lower-case ASCII letter, then
   lower-case letters, digits, '.', '_' or '-'. One spelling per person, so
   names are compared exactly. Adds a problem for FIELD to P if not. */
bool username_valid(const char *name, Problems *p, const char *field);

/* The member units of the minor protection committee (未成年人保护工作协调机制):
   a partner account's unit, and (CODES_REFERRAL_UNIT) where a case is referred. */
extern const CodeEntry MEMBER_UNITS[];
extern const CodeTable CODES_UNIT;

#endif
