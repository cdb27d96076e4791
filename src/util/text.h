/*
** Text helpers for what people type and what spreadsheets hold: UTF-8
** checks, full-width to ASCII folding, trimming, GB18030 to UTF-8.
*/
#ifndef SHOUHU_TEXT_H
#define SHOUHU_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"

bool utf8_valid(const char *s, size_t n);
size_t utf8_chars(const char *s);              /* code points in a valid UTF-8 string */

/* A copy of S with full-width ASCII (U+FF01..U+FF5E) and the ideographic
   space folded to ASCII, and white space trimmed at both ends. In A. */
char *text_fold(Arena *a, const char *s);

/* A copy of S with white space (ASCII and U+3000) trimmed at both ends. In A. */
char *text_trim(Arena *a, const char *s);

bool text_blank(const char *s);                /* NULL, empty or only white space */

/* GB18030 bytes to UTF-8, NUL-terminated, in A; NULL if the bytes are not GB18030. */
char *text_from_gb18030(Arena *a, const char *s, size_t n, size_t *out_len);

#endif
