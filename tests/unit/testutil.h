/*
** Shared helpers for the unit tests (cmocka): a fresh initialised database
** in a temporary directory (and the fixture most test files with a database
** share), files written from strings, ID numbers, and children inserted.
*/
#ifndef SHOUHU_TESTUTIL_H
#define SHOUHU_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "domain/codes.h"
#include "domain/demo.h"
#include "io/areas.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/embedded.h"

/* A new temporary directory; the caller removes it with test_rmdir(). Static storage. */
static inline const char *test_tmpdir(void)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "/tmp/shouhu-test-XXXXXX");
    if (!mkdtemp(dir)) abort();
    return dir;
}

static inline void test_rmdir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

/* A store at DIR/name.db with the schema and Dongguan's areas; the caller closes it. */
static inline Store *test_store(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s.db", dir, name);
    Store *s = NULL;
    char *err = NULL;
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), STORE_OK);
    int applied = 0;
    assert_int_equal(store_migrate(s, &applied), STORE_OK);
    const EmbeddedFile *t = embedded_find("data/dongguan-towns.csv"), *v = embedded_find("data/dongguan-villages.csv");
    AreaCounts counts;
    assert_int_equal(store_begin(s), STORE_OK);
    assert_true(areas_load(s, (const char *)t->data, (size_t)t->size, (const char *)v->data, (size_t)v->size, "东莞市",
                           2023, &counts, &err));
    assert_int_equal(store_commit(s), STORE_OK);
    return s;
}

/* Writes LEN bytes of DATA to DIR/NAME; returns the path (static storage, overwritten by the next call). */
static inline const char *test_file(const char *dir, const char *name, const void *data, size_t len)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

/* An 18-character ID number for AREA6 + BIRTH8 + SEQ3 with its check character, in OUT. */
char idcard_check_char(const char digits17[17]);
static inline char *test_id(char out[19], const char *area6, const char *birth8, const char *seq3)
{
    snprintf(out, 19, "%.6s%.8s%.3s", area6, birth8, seq3);
    out[17] = idcard_check_char(out);
    out[18] = 0;
    return out;
}

/* The fixture of a test file with a database, declared once here rather than
   in each file: static DIR, S (a store at DIR/NAME.db, made by test_store())
   and A (an arena), with setup() making them and then evaluating THEN (an
   expression: a file's own data, or (void)0), and teardown() closing the
   store, freeing the arena and removing DIR. */
#define TEST_DB_FIXTURE_THEN(name, then)                                                                               \
    static const char *dir;                                                                                            \
    static Store *s;                                                                                                   \
    static Arena *a;                                                                                                   \
    static int setup(void **state)                                                                                     \
    {                                                                                                                  \
        (void)state;                                                                                                   \
        dir = test_tmpdir();                                                                                           \
        s = test_store(dir, name);                                                                                     \
        a = arena_new();                                                                                               \
        then;                                                                                                          \
        return 0;                                                                                                      \
    }                                                                                                                  \
    static int teardown(void **state)                                                                                  \
    {                                                                                                                  \
        (void)state;                                                                                                   \
        store_close(s);                                                                                                \
        arena_free(a);                                                                                                 \
        test_rmdir(dir);                                                                                               \
        return 0;                                                                                                      \
    }
#define TEST_DB_FIXTURE(name) TEST_DB_FIXTURE_THEN(name, (void)0)

/* setup() and teardown() of a test group that needs a temporary directory
   DIR and an arena A but opens its stores itself (imports, backups). */
#define TEST_DIR_FIXTURE                                                                                               \
    static const char *dir;                                                                                            \
    static Arena *a;                                                                                                   \
    static int setup(void **state)                                                                                     \
    {                                                                                                                  \
        (void)state;                                                                                                   \
        dir = test_tmpdir();                                                                                           \
        a = arena_new();                                                                                               \
        return 0;                                                                                                      \
    }                                                                                                                  \
    static int teardown(void **state)                                                                                  \
    {                                                                                                                  \
        (void)state;                                                                                                   \
        arena_free(a);                                                                                                 \
        test_rmdir(dir);                                                                                               \
        return 0;                                                                                                      \
    }

/* Inserts N demo children of SEED, dated on or before TODAY, in the
   N_VILLAGES VILLAGES into S, each validated as an import validates it, in
   one transaction (the lists' and searches' tests need realistic ledgers). */
static inline void test_insert_demo_children(Store *s, uint64_t seed, Date today, const DemoVillage *villages,
                                             int n_villages, long n)
{
    DemoGen g;
    assert_true(demo_init(&g, seed, today, villages, n_villages, NULL, n));
    static const Change change = {"test", "登记", "2026-11-29T09:00:00+08:00"};
    Arena *row = arena_new();
    Child c;
    assert_int_equal(store_begin(s), STORE_OK);
    while (demo_next(&g, &c, row)) {
        Problems p;
        problems_init(&p, row);
        assert_true(child_validate(&c, row, today, &LEDGER_RULES_DEFAULT, true, &p));
        assert_int_equal(store_child_insert(s, &c, &change, &p), STORE_OK);
        arena_reset(row);
    }
    assert_int_equal(store_commit(s), STORE_OK);
    arena_free(row);
    demo_free(&g);
}

/* A child NAME in AREA with the ID number 441900 BIRTH8 SEQ3 and, unless
   CATEGORY is NULL, that category since 2022-01-01 (unapproved, no proof);
   the ID number and the category are allocated in A. */
static inline Child test_child(Arena *a, const char *name, const char *birth8, const char *seq3, const char *area,
                               const char *category)
{
    char *id = arena_alloc(a, 19);
    test_id(id, "441900", birth8, seq3);
    Child c = {0};
    c.name = name;
    c.id_number = id;
    c.area = area;
    if (category) {
        c.categories = arena_alloc(a, sizeof *c.categories);
        c.categories[0] = (Category){category, {2022, 1, 1}, DATE_NONE, NULL, NULL};
        c.n_categories = 1;
    }
    return c;
}

/* Validates C as of TODAY (failing the test with the first problem) and
   inserts it with CH inside the caller's transaction; returns its id. */
static inline long long test_child_insert(Store *s, Arena *a, Child *c, Date today, const Change *ch)
{
    Problems p;
    problems_init(&p, a);
    if (!child_validate(c, a, today, &LEDGER_RULES_DEFAULT, true, &p)) fail_msg("%s: %s", c->name, p.head->text[LANG_EN]);
    assert_int_equal(store_child_insert(s, c, ch, &p), STORE_OK);
    return c->id;
}

/* test_child_insert() in a transaction of its own. */
static inline long long test_child_add(Store *s, Arena *a, Child *c, Date today, const Change *ch)
{
    assert_int_equal(store_begin(s), STORE_OK);
    long long id = test_child_insert(s, a, c, today, ch);
    assert_int_equal(store_commit(s), STORE_OK);
    return id;
}

/* Checks that the enum at SCHEMA's property PROP in SPEC (api/openapi.json)
   lists exactly the codes of T, as strings. */
static inline void test_enum_is_table(json_t *spec, const char *schema, const char *prop, const CodeTable *t)
{
    json_t *s = json_object_get(json_object_get(json_object_get(spec, "components"), "schemas"), schema);
    json_t *e = json_object_get(json_object_get(json_object_get(s, "properties"), prop), "enum");
    if (!e) fail_msg("%s.%s has no enum", schema, prop);
    size_t n = 0;
    for (const CodeEntry *c = t->entries; c->code; c++, n++) {
        bool found = false;
        size_t i;
        json_t *v;
        json_array_foreach(e, i, v) found = found || (json_is_string(v) && strcmp(json_string_value(v), c->code) == 0);
        if (!found) fail_msg("%s.%s lacks the code %s", schema, prop, c->code);
    }
    size_t strings = 0, i;
    json_t *v;
    json_array_foreach(e, i, v) strings += json_is_string(v);
    if (strings != n) fail_msg("%s.%s lists %zu codes; the table has %zu", schema, prop, strings, n);
}

#endif
