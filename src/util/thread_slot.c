/*
** A value of its own for each thread (see thread_slot.h). The key is made
** under a lock the first time, then read without one (an atomic flag):
** pthread_once() cannot say which slot to make.
*/
#include <stdlib.h>
#include "util/thread_slot.h"

static pthread_mutex_t making = PTHREAD_MUTEX_INITIALIZER;

static void make_key(ThreadSlot *slot)
{
    pthread_mutex_lock(&making);
    if (!atomic_load_explicit(&slot->made, memory_order_relaxed)) {
        if (pthread_key_create(&slot->key, slot->free_fn) != 0) abort();
        atomic_store_explicit(&slot->made, true, memory_order_release);
    }
    pthread_mutex_unlock(&making);
}

void *thread_slot_get(ThreadSlot *slot)
{
    if (!atomic_load_explicit(&slot->made, memory_order_acquire)) make_key(slot);
    void *v = pthread_getspecific(slot->key);
    if (!v && (v = calloc(1, slot->size)) && pthread_setspecific(slot->key, v) != 0) {
        free(v);
        v = NULL;
    }
    return v;
}
