/*
** Growable byte buffer (see buf.h). Growth doubles; out of memory aborts.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"

void buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        fputs("shouhu: out of memory\n", stderr);
        abort();
    }
    b->data = p;
    b->cap = cap;
}

void buf_add(Buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_adds(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }
void buf_addc(Buf *b, char c)
{
    /* room for C and the NUL: no call (a list page adds ~3,000 single bytes) */
    if (b->len + 2 <= b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = 0;
        return;
    }
    buf_add(b, &c, 1);
}

void buf_add_int(Buf *b, long long v)
{
    char t[24], *e = t + sizeof t, *p = e;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0) *--p = '-';
    buf_add(b, p, (size_t)(e - p));
}

void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) return;
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_clear(Buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = 0;
}

const char *buf_str(const Buf *b) { return b->data ? b->data : ""; }

char *buf_take(Buf *b)
{
    char *p = b->data;
    if (!p) {
        p = malloc(1);
        if (!p) abort();
        p[0] = 0;
    }
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void buf_free(Buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
