/*
** Code tables: every closed list the ledger uses (categories, parent
** situations, hukou types, schooling, sex, record status, ethnicity,
** provinces...). The API and database speak the English code; people see the
** Chinese (or English) label; imports accept the code, either label or a
** common alias. One lookup serves every table, so adding a value is one line.
*/
#ifndef SHOUHU_CODES_H
#define SHOUHU_CODES_H

#include <stdbool.h>
#include "domain/message.h"

typedef struct CodeEntry {
    const char *code;
    const char *zh;
    const char *en;
    const char *aliases;   /* "|"-separated other spellings accepted on import, or NULL */
} CodeEntry;

typedef struct CodeTable {
    const char *name;          /* for messages: "category", "situation", ... */
    const CodeEntry *entries;  /* ends with a { NULL } entry */
} CodeTable;

extern const CodeTable CODES_CATEGORY;          /* DOMAIN.md §2 */
extern const CodeTable CODES_CATEGORY_STATUS;   /* applied / approved / ended */
extern const CodeTable CODES_SITUATION;         /* a parent's or guardian's situation */
extern const CodeTable CODES_HUKOU_TYPE;        /* rural / urban */
extern const CodeTable CODES_ENROLMENT;         /* in school / dropped out / not of school age */
extern const CodeTable CODES_SEX;               /* male / female (GB/T 2261.1 1 / 2 accepted) */
extern const CodeTable CODES_RECORD_STATUS;     /* active / aged out / deceased / adopted / moved away */
extern const CodeTable CODES_DISABILITY;        /* disability types of the disability certificate */
extern const CodeTable CODES_RELATION;          /* guardian's relation to the child, GB/T 4761 */
extern const CodeTable CODES_ETHNICITY;         /* GB/T 3304, data/ethnicity-gbt3304.csv */
extern const CodeTable CODES_PROVINCE;          /* GB/T 2260, data/provinces-gbt2260.csv */

/* The entry whose code is exactly CODE, or NULL. */
const CodeEntry *code_get(const CodeTable *t, const char *code);

/* The entry that TEXT names: its code, Chinese or English label (any case) or
   an alias, after trimming; NULL if none does. */
const CodeEntry *code_find(const CodeTable *t, const char *text);

/* The label of CODE in LANG, or CODE itself if it is not in the table. */
const char *code_label(const CodeTable *t, const char *code, Lang lang);

/* Adds a problem for FIELD: VALUE is not in T, listing the allowed values
   (labels in Chinese, codes in English). */
void code_problem(Problems *p, const char *field, const char *value, const CodeTable *t);

/* Categories that an adult keeps while in full-time schooling (DOMAIN.md §1). */
bool category_continues_after_18(const char *code);
/* The age below which a category applies (16 for left-behind, migrant, tekun), else 18. */
int category_age_limit(const char *code);

/* Situations that make a parent unable to raise the child (the set S of DOMAIN.md §2),
   and those that count as the parent being gone (dead or declared missing). */
bool situation_is_incapable(const char *code);
bool situation_is_gone(const char *code);
/* Situations recorded with a term in months (imprisonment, compulsory rehabilitation, detention). */
bool situation_has_term(const char *code);

#endif
