/*
** Region allocator: a chain of blocks, each at least 64 KiB; a request larger
** than a block gets a block of its own. See arena.h.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"

enum { ARENA_BLOCK = 64 * 1024, ARENA_ALIGN = 16 };

typedef struct Block {
    struct Block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} Block;

struct Arena {
    Block *head;
    size_t total;
};

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fputs("shouhu: out of memory\n", stderr);
        abort();
    }
    return p;
}

static Block *block_new(size_t size)
{
    Block *b = xmalloc(sizeof *b + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

Arena *arena_new(void)
{
    Arena *a = xmalloc(sizeof *a);
    a->head = block_new(ARENA_BLOCK);
    a->total = 0;
    return a;
}

void arena_free(Arena *a)
{
    if (!a) return;
    for (Block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void arena_reset(Arena *a)
{
    Block *b = a->head;
    while (b->next) {           /* keep the oldest block: it is the last in the chain */
        Block *next = b->next;
        free(b);
        b = next;
    }
    b->used = 0;
    a->head = b;
    a->total = 0;
}

void *arena_alloc(Arena *a, size_t size)
{
    if (size > SIZE_MAX - ARENA_ALIGN) {
        fputs("shouhu: allocation too large\n", stderr);
        abort();
    }
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need == 0) need = ARENA_ALIGN;
    Block *b = a->head;
    if (b->size - b->used < need) {
        b = block_new(need > ARENA_BLOCK ? need : ARENA_BLOCK);
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total += need;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    if (!s) return NULL;
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) return arena_strdup(a, "");
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_grow(Arena *a, void *items, long n, long *cap, size_t size, long first)
{
    if (n < *cap) return items;
    *cap = *cap ? *cap * 2 : first;
    void *more = arena_alloc(a, (size_t)*cap * size);
    if (n) memcpy(more, items, (size_t)n * size);
    return more;
}

size_t arena_used(const Arena *a)
{
    return a->total;
}
