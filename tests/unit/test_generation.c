/*
** The database's generation (store_generation(), issue #8: the rule that
** keeps the API's kept answers exact): equal readings while nothing is
** committed, even after reads; a commit through the same connection moves
** it, and so does one through another connection; a rolled back change may
** move it (a needless recomputation), never the reverse.
*/
#include "testutil.h"
#include "store/db.h"

static bool same(const StoreGeneration *a, const StoreGeneration *b)
{
    return a->others == b->others && a->own == b->own;
}

static void generations(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    Store *s = test_store(dir, "gen");
    char path[256], *err = NULL;
    snprintf(path, sizeof path, "%s/gen.db", dir);
    Store *other = NULL;
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &other, &err), STORE_OK);

    StoreGeneration g0, g1, g2, g3, g4;
    assert_int_equal(store_generation(s, &g0), STORE_OK);
    Arena *a = arena_new();
    Area area;
    assert_int_equal(store_area_get(s, "441900003000", &area, a), STORE_OK);   /* a read */
    assert_int_equal(store_generation(s, &g1), STORE_OK);
    assert_true(same(&g0, &g1));

    /* a commit through the same connection */
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(db_exec(s, "UPDATE area SET name = name || '' WHERE code = '441900003000'"), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(store_generation(s, &g2), STORE_OK);
    assert_false(same(&g1, &g2));

    /* a commit through another connection, seen by the first */
    assert_int_equal(store_begin(other), STORE_OK);
    assert_int_equal(db_exec(other, "UPDATE area SET name = name || '' WHERE code = '441900004000'"), STORE_OK);
    assert_int_equal(store_commit(other), STORE_OK);
    assert_int_equal(store_generation(s, &g3), STORE_OK);
    assert_false(same(&g2, &g3));

    /* the other's own reading does not move while it stays idle */
    assert_int_equal(store_generation(other, &g0), STORE_OK);
    assert_int_equal(store_generation(other, &g4), STORE_OK);
    assert_true(same(&g0, &g4));
    assert_int_equal(store_generation(s, &g4), STORE_OK);
    assert_true(same(&g3, &g4));

    arena_free(a);
    store_close(other);
    store_close(s);
    test_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(generations)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
