/*
** A value of its own for each thread that asks for it: the serving
** threads' kept answers, roles and area names (src/api) each hold one, so
** that they need no lock. A slot is a pthread key made on the first call
** of any thread; each thread's value is SIZE zeroed bytes allocated on its
** first call and given to FREE_FN (which frees it) when the thread ends.
*/
#ifndef SHOUHU_THREAD_SLOT_H
#define SHOUHU_THREAD_SLOT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct ThreadSlot {
    size_t size;
    void (*free_fn)(void *);
    atomic_bool made;      /* the key exists */
    pthread_key_t key;
} ThreadSlot;

/* A static ThreadSlot's initialiser: values of SIZE bytes, freed by FREE_FN. */
#define THREAD_SLOT(size, free_fn) {(size), (free_fn), false, 0}

/* The calling thread's value of SLOT (allocated, zeroed, on its first call;
   the slot frees it when the thread ends); NULL when out of memory. */
void *thread_slot_get(ThreadSlot *slot);

#endif
