/*
** What a reader may see of a child's record: ID numbers and phone numbers
** masked in lists and for roles without the right to see them in full
** (PIPL: minors' data is sensitive; least privilege). Works on the JSON forms
** of child.h, so the API masks exactly what it would otherwise send.
** Pure: who may see what is decided by the caller.
*/
#ifndef SHOUHU_PRIVACY_H
#define SHOUHU_PRIVACY_H

#include <jansson.h>
#include <stdbool.h>
#include "util/arena.h"

/* "13812348000" -> "138****8000"; a shorter number keeps 2 characters at
   each end; one that is not plain ASCII, or of fewer than 7 characters,
   becomes all stars. In A. */
char *phone_mask(Arena *a, const char *phone);

/* Whether a field key ("id_number", "guardian.phone", ...) holds an ID
   number or a phone number. */
bool field_is_sensitive(const char *key);

/* The masked form of VALUE for field KEY (VALUE itself when KEY is not sensitive). In A. */
const char *field_mask(Arena *a, const char *key, const char *value);

/* Masks, in place, the ID and phone numbers of DOC, a child's document
   (child_to_json), including those of the father, mother and guardian. */
void child_json_mask(json_t *doc, Arena *a);

/* Masks, in place, the old and new values of sensitive fields in CHANGES,
   a history entry's {"field": [old, new]} object. */
void changes_json_mask(json_t *changes, Arena *a);

#endif
