/*
** Tests of util/arena.c's arena_grow(): an array grown one item at a time
** keeps every item, doubles its room from the first size, and is the same
** array while there is room.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "util/arena.h"

static void grown_one_at_a_time(void **state)
{
    (void)state;
    Arena *a = arena_new();
    long long *items = NULL;
    long cap = 0;
    int moves = 0;
    for (int n = 0; n < 1000; n++) {
        long long *before = items;
        items = arena_grow(a, items, n, &cap, sizeof *items, 8);
        if (items != before) moves++;
        assert_true(cap > n);
        items[n] = (long long)n * 7;
    }
    for (int n = 0; n < 1000; n++) assert_int_equal(items[n], (long long)n * 7);
    assert_int_equal(cap, 1024);   /* 8, 16, ..., 1024 */
    assert_int_equal(moves, 8);    /* the first array and seven doublings */
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grown_one_at_a_time),
    };
    return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
