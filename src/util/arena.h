/*
** Arena: a region allocator. Everything a request, a command or an import
** row allocates comes from one arena and is freed at once with arena_free(),
** in the one place that created the arena. Allocation never fails silently:
** out of memory aborts, as nothing sensible can continue without memory.
*/
#ifndef SHOUHU_ARENA_H
#define SHOUHU_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Arena Arena;

Arena *arena_new(void);              /* caller frees with arena_free() */
void arena_free(Arena *a);           /* frees the arena and all it gave out */
void arena_reset(Arena *a);          /* gives back all but the first block, for reuse in a loop */

/* The functions below return memory owned by the arena: never free() it. */
void *arena_alloc(Arena *a, size_t size);          /* zeroed, aligned for any type */
char *arena_strdup(Arena *a, const char *s);       /* NULL stays NULL */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);
size_t arena_used(const Arena *a);                 /* bytes handed out, for tests and limits */
/* An array of N items of SIZE bytes with room for *CAP, made room for one
   more: ITEMS itself while there is room, else a copy in A with twice the
   room (FIRST items the first time; *CAP updated). The old array stays in A. */
void *arena_grow(Arena *a, void *items, long n, long *cap, size_t size, long first);

#endif
