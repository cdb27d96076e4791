/*
** Buf: a growable byte buffer, always NUL-terminated. The owner calls
** buf_free() (or takes the bytes with buf_take(), then frees those with free()).
*/
#ifndef SHOUHU_BUF_H
#define SHOUHU_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
    char *data;     /* NULL until something is added; buf_str() never returns NULL */
    size_t len, cap;
} Buf;

#define BUF_INIT { NULL, 0, 0 }

void buf_reserve(Buf *b, size_t extra);  /* room for EXTRA more bytes at once, so that adding them does not grow it step by step */
void buf_add(Buf *b, const void *p, size_t n);
void buf_adds(Buf *b, const char *s);
void buf_addc(Buf *b, char c);
void buf_add_int(Buf *b, long long v);  /* buf_printf(b, "%lld", v) without parsing a format */
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_clear(Buf *b);                 /* len = 0, keeps the memory */
const char *buf_str(const Buf *b);      /* "" when empty */
char *buf_take(Buf *b);                 /* caller frees; b is left empty */
void buf_free(Buf *b);

#endif
