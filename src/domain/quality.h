/*
** Data quality of a child's record (督查督办, issue #7): what a supervisor
** looks for beyond what an entry refuses. Records come in from old ledgers
** with fields missing, or age past 18 while still active; these rules say
** what is missing or wrong in one record, and the key by which two records
** are suspected to be one child (name, birth date and parents' names, not
** only the ID number, which a record may lack). Pure: the date is passed in.
*/
#ifndef SHOUHU_QUALITY_H
#define SHOUHU_QUALITY_H

#include "domain/child.h"
#include "util/arena.h"

typedef struct QualityFinding {
    const char *code;    /* "missing", "id_invalid", "adult_active" */
    const char *field;   /* the field concerned: "guardian.phone", "id_number", "birth_date" */
    const char *detail;  /* for people, in Chinese: what to do */
} QualityFinding;

/* Non-zero stops. */
typedef int (*QualityFn)(void *ctx, const QualityFinding *f);

/* Reports each finding on C, as on TODAY, through FN. Details in A. The
   fields a record must have (QUALITY_REQUIRED) are those the eligibility
   rules and the payroll need: the ID number, both parents' situations, the
   guardian's name and phone and the address. An active child of 18 or more
   is a finding unless it holds a category that continues after 18 and is
   recorded as in school (LEDGER_RULES_DEFAULT). */
void quality_check(const Child *c, Date today, QualityFn fn, void *ctx, Arena *a);

/* The key of suspected duplicates: name, birth date, father's and mother's
   names (an absent one as empty), in A. */
char *quality_duplicate_key(const Child *c, Arena *a);

#endif
