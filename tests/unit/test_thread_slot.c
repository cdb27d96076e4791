/*
** Tests of util/thread_slot.c: each thread gets a zeroed value of its own,
** the same one on every call, and the slot frees it when the thread ends.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include "util/thread_slot.h"

typedef struct Value {
    int uses;
    char pad[60];
} Value;

static atomic_int freed;

static void value_free(void *p)
{
    atomic_fetch_add(&freed, 1);
    free(p);
}

static ThreadSlot slot = THREAD_SLOT(sizeof(Value), value_free);

/* Uses this thread's value three times; returns it (as seen by the thread). */
static void *use_three_times(void *arg)
{
    (void)arg;
    Value *first = thread_slot_get(&slot);
    if (!first || first->uses != 0) return NULL;   /* zeroed on the first call */
    for (int i = 0; i < 3; i++) {
        Value *v = thread_slot_get(&slot);
        if (v != first) return NULL;                  /* the same value every time */
        v->uses++;
    }
    return first->uses == 3 ? first : NULL;
}

static void values_per_thread_freed_at_exit(void **state)
{
    (void)state;
    enum { THREADS = 4 };
    pthread_t t[THREADS];
    void *seen[THREADS];
    for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_create(&t[i], NULL, use_three_times, NULL), 0);
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(t[i], &seen[i]), 0);
        assert_non_null(seen[i]);
    }
    assert_int_equal(atomic_load(&freed), THREADS);   /* each thread's value, freed as it ended */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_per_thread_freed_at_exit),
    };
    return cmocka_run_group_tests_name("thread_slot", tests, NULL, NULL);
}
