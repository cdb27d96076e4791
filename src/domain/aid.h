/*
** Other help a child receives besides the monthly allowance (the seed;
** DOMAIN.md §3): education funding for scattered orphans by school stage and
** the boarding allowance, the study grant for orphans 18 or older in
** full-time study (福彩圆梦·孤儿助学工程, 10,000 yuan a school year by
** default), temporary assistance (临时救助), and medical assistance, for
** which a 低保 member's serious-illness insurance deductible is 4,000 yuan
** (configurable). Each gift is recorded with its kind, day and amount so
** that it can be counted per child, town, kind and year.
*/
#ifndef SHOUHU_AID_H
#define SHOUHU_AID_H

#include <stdbool.h>
#include "domain/allowance.h"
#include "domain/child.h"
#include "domain/codes.h"

extern const CodeTable CODES_AID;

typedef struct Aid {
    long long id;
    long long child_id;
    const char *kind; /* CODES_AID */
    Date given_on;
    Fen amount;
    int school_year; /* 2023 = the 2023-2024 school year; 0 = none */
    Fen expense;     /* medical: the cost the help was for; 0 = not given */
    Fen deductible;  /* medical: the serious-illness deductible that applied (低保), or 0 */
    const char *note;
    const char *area; /* the child's village when recorded */
    const char *recorded_at, *recorded_by;
    const char *voided_at, *void_reason;
} Aid;

/* Checks A for child C and fills what the rules decide (the study grant's
   default amount when A->amount is 0; a medical deductible for a 低保 child).
   EARLIER_GRANT is the id of a study grant already given for the same
   school year, or 0. Adds problems to P; returns true if none. */
bool aid_check(Aid *a, const Child *c, const AllowanceRules *rules, long long earlier_grant, Problems *p);

#endif
