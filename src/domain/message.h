/*
** Problems with input, in words a person can act on, in Chinese and English.
** Validation anywhere (ID numbers, records, import rows, API bodies) adds
** Problems to a list; the caller shows them in the reader's language. Each
** problem has a stable code (for programs) and a field (for forms and columns).
** The catalog of codes and their two texts is in message.c: one place to
** read, translate and review every message.
*/
#ifndef SHOUHU_MESSAGE_H
#define SHOUHU_MESSAGE_H

#include <stddef.h>
#include "util/arena.h"

typedef enum Lang { LANG_ZH = 0, LANG_EN = 1 } Lang;

typedef struct Problem {
    struct Problem *next;
    long row;             /* 0 = not about a row of a file */
    const char *column;   /* the column heading as the file has it, or NULL */
    const char *field;    /* the field's API name, e.g. "id_number", "father.situation" */
    const char *code;     /* e.g. "id_checksum" */
    const char *text[2];  /* indexed by Lang */
} Problem;

typedef struct Problems {
    Arena *arena;         /* where problems live; not owned */
    Problem *head, *tail;
    size_t count;
    size_t kept_max;      /* 0 = keep all; else count beyond it but keep no more */
} Problems;

void problems_init(Problems *p, Arena *a);
/* Adds a problem with message CODE from the catalog, formatted with the
   arguments (the same printf arguments serve both languages). Returns it. */
Problem *problems_add(Problems *p, const char *field, const char *code, ...);
/* Adds a problem whose two texts are already made (for messages whose
   arguments differ by language, such as a list of allowed values). */
Problem *problems_add_texts(Problems *p, const char *field, const char *code, const char *zh, const char *en);
/* Sets row and column on every problem added since MARK (a count). */
void problems_locate(Problems *p, size_t mark, long row, const char *column);
/* The message of P in LANG. */
const char *problem_text(const Problem *p, Lang lang);
/* "第12行 身份证号：校验码不对…" / "row 12, 身份证号: …" in A; without a
   column, the field's label in LANG names it. */
char *problem_describe(Arena *a, const Problem *p, Lang lang);

/* The language people at this terminal read: zh unless LANG/LC_ALL say otherwise. */
Lang lang_from_env(void);
/* The language an HTTP Accept-Language header prefers (zh or en), default zh. */
Lang lang_from_accept(const char *accept_language);

#endif
