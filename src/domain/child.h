/*
** A child's record in the ledger (儿童基础信息台账), its rules and its two
** written forms: the JSON document (API bodies and what the store keeps) and
** the flat list of fields (history, diffs, ledger columns).
**
** Pure: no SQL, no HTTP, no clock. Checks that need the database (does the
** village exist, is the ID number already recorded) are the store's.
** Strings point into the Arena the caller passed; a Child never owns memory.
*/
#ifndef SHOUHU_CHILD_H
#define SHOUHU_CHILD_H

#include <jansson.h>
#include <stdbool.h>
#include "domain/date.h"
#include "domain/message.h"
#include "util/arena.h"
#include "util/buf.h"

typedef struct Person {          /* father, mother or actual guardian */
    const char *name;
    const char *id_number;
    const char *phone;
    const char *relation;        /* guardian only: CODES_RELATION */
    const char *situation;       /* CODES_SITUATION */
    Date situation_since;        /* e.g. imprisoned from; for lost_contact, the day police accepted the report */
    int term_months;             /* for imprisonment and other deprivation of liberty; 0 = not given */
    const char *note;
} Person;

typedef struct Category {
    const char *code;            /* CODES_CATEGORY */
    Date from, to;               /* to unset = open */
    const char *status;          /* CODES_CATEGORY_STATUS */
    const char *evidence;
} Category;

typedef struct Child {
    long long id;                /* 0 until stored */
    int version;                 /* 0 until stored */
    const char *name;
    const char *id_number;       /* normalised 18 characters, or NULL for unknown identity */
    const char *sex;             /* CODES_SEX */
    Date birth_date;
    const char *ethnicity;       /* CODES_ETHNICITY */
    const char *hukou_type;      /* CODES_HUKOU_TYPE */
    const char *hukou_place;
    const char *area;            /* 12-digit code of the residence village: owns the record */
    const char *address;
    const char *school;
    const char *enrolment;       /* CODES_ENROLMENT */
    const char *health;
    const char *disability_type; /* CODES_DISABILITY */
    int disability_level;        /* 1..4, 0 = none */
    Person father, mother, guardian;
    Category *categories;
    int n_categories;
    const char *status;          /* CODES_RECORD_STATUS */
    const char *status_reason;
    /* set by the store */
    const char *created_at, *updated_at, *updated_by;
} Child;

typedef struct LedgerRules {     /* configurable policy (DOMAIN.md §1) */
    bool adults_in_school_keep;  /* orphans and de facto unsupported keep their record after 18 while in school */
} LedgerRules;

extern const LedgerRules LEDGER_RULES_DEFAULT;

/* Checks C and puts it in normal form (ID number normalised, sex and birth
   date derived from it, defaults filled). IS_NEW applies the rules for a new
   record (no adults). Adds problems to P; returns true if there were none.
   New strings come from A. */
bool child_validate(Child *c, Arena *a, Date today, const LedgerRules *rules, bool is_new, Problems *p);

/* The JSON document of C (all fields, nested persons, a categories array).
   WITH_META adds id, version, created_at, updated_at, updated_by.
   The caller owns the result (json_decref). */
json_t *child_to_json(const Child *c, bool with_meta);

/* Writes the members of child_to_json(C, WITH_META)'s object to B, without
   the braces, byte for byte as json_dumps(..., JSON_COMPACT) writes them,
   masked as child_json_mask() masks them when MASK (the arena of the masked
   copies) is not NULL. A list of many records is written without building
   and dumping an object per record (issue #8); the caller adds the braces
   and any member of its own after these. */
void child_json_members(Buf *b, const Child *c, bool with_meta, Arena *mask);

/* Reads a JSON document into C, strictly: unknown fields and wrong types are
   problems, never ignored. Meta fields (id, version, ...) are ignored when
   ALLOW_META, else problems. Strings are copied into A. Returns false if any
   problem was added. Missing fields stay unset. */
bool child_from_json(const json_t *doc, Child *c, Arena *a, bool allow_meta, Problems *p);

/* Reads the JSON text of a stored document (child_to_json(c, false) as
   json_dumps() wrote it) into C, which the caller zeroed, as
   child_from_json(doc, C, A, false, p) would read it, without building
   jansson's objects (issue #8: a page of 20 spent a third of its time in
   json_loads). Returns false for any text it does not know how to read (an
   escape \u, an unknown key, a bad date...): then C is partly filled, and
   the caller zeroes it and reads the text with jansson, which says what is
   wrong. Strings are copied into A. The text is taken to be UTF-8, as
   json_dumps() wrote it (the store writes every document so). */
bool child_from_text(const char *text, Child *c, Arena *a);

/* A stored record as its row holds it: the document (the text of
   child_json_members(C, false, NULL) in braces) and the columns beside it.
   The strings are borrowed (NULL for a NULL column). */
typedef struct ChildText {
    long long id;
    int version;
    const char *doc, *created_at, *updated_at, *updated_by;
} ChildText;

/* A list item straight from the stored text (issue #8, item): writes to B
   what child_json_members(B, C, true, A) writes, masked, for the C that
   child_from_text(T->doc) reads with T's id, version and times, in one
   pass over the text: plain strings are copied as they are, the sensitive
   ones masked as field_mask() masks them, anything else read with
   child_from_text()'s reader and written with child_json_members()'s
   writer. *AREA gets the record's village code (NULL if it has none).
   Returns false, B as it was, for any text it does not know (members out
   of the writer's order or twice, an escape it does not read, a bad
   date...): the caller then reads the record the long way. Strings (the
   masked, the read) are allocated in A. */
bool child_item_from_text(Buf *b, const ChildText *t, Arena *a, const char **area);

/* The flat fields of C, "key" -> string, in a fixed order, for history and
   diffs: name, id_number, ..., father.name, ..., categories.orphan_scattered.from,
   status. Unset values are left out. The caller owns the result. */
json_t *child_fields(const Child *c);

/* Writes to B the changes of C's first version, {"key":[null,"value"],...},
   byte for byte as json_dumps(fields_diff(NULL, child_fields(C)),
   JSON_COMPACT) writes them for valid UTF-8, without building either object
   (issue #8: an import built and freed ~40 jansson values a row for it).
   Returns false, B partly written, when two categories share a code and a
   start date (child_fields' keys clash): the caller then takes that long way. */
bool child_first_version_write(Buf *b, const Child *c);

/* {"key": [old, new], ...} for every field that differs between two flat
   field objects (NULL counts as empty); the caller owns the result. */
json_t *fields_diff(const json_t *old_fields, const json_t *new_fields);

typedef enum ChildFieldKind { CHILD_FIELD_STR, CHILD_FIELD_DATE, CHILD_FIELD_INT } ChildFieldKind;

/* Where field KEY ("name", "birth_date", "father.situation") is kept in C,
   and its kind: a const char **, a Date * or an int *. NULL for an unknown
   key (categories are reached through c->categories). */
void *child_field_slot(Child *c, const char *key, ChildFieldKind *kind);

/* The label of a field key ("name", "father.situation", "categories") in
   LANG: 姓名 / Name. These are also the ledger's column headings. Unknown keys
   are returned as they are. */
const char *field_label(const char *key, Lang lang);

/* Whether C holds, as of TODAY, a category that is not ended. */
bool child_has_category(const Child *c, const char *code, Date today);

#endif
