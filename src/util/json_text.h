/*
** JSON text as jansson's json_dumps(j, JSON_COMPACT) writes it, byte for
** byte, without its cost: jansson checks every object and array it dumps
** for loops by printing its address into a key of a hashtable, which was a
** fifth of an import's instructions (issue #8). Used where documents are
** written in bulk (the ledger's records and their history) and where the
** children's list writes its items (domain/child.c, api_children.c).
*/
#ifndef SHOUHU_JSON_TEXT_H
#define SHOUHU_JSON_TEXT_H

#include <jansson.h>
#include "util/buf.h"

/* Adds S to B as a JSON string, escaped as json_dumps() escapes it without
   flags: " \ and the control characters; UTF-8 as it is. */
void json_text_string(Buf *b, const char *s);

/* 1 for the bytes json_text_string() escapes (" \ and the control
   characters) and for NUL; 0 for the bytes it writes as they are. */
extern const unsigned char json_text_escaped[256];

/* J, an object or an array, as json_dumps(J, JSON_COMPACT) writes it; the
   caller frees. NULL when J is neither, or holds a real number (its format
   is jansson's own): the caller then uses json_dumps(). */
char *json_text_compact(const json_t *j);

#endif
