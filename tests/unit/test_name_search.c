/*
** The name search by index (issue #8, perf): the children's list with a
** search text finds its candidates through child_name_gram and the ID
** numbers' index. Its results must be exactly those of the scan it
** replaced (name LIKE '%q%' OR id_number = q OR id_number LIKE 'q%' for
** six or more digits), for every kind of text: whole names, one or two
** characters from the start, middle or end, ASCII in either case, LIKE's
** wildcards, ID numbers whole, begun, lower-case x. Also after names are
** changed (the grams follow by trigger), within a scope and a category.
** And a category's count from its index alone equals the count that reads
** each child.
*/
#include <sqlite3.h>
#include "testutil.h"
#include "domain/demo.h"
#include "util/buf.h"
#include "util/text.h"

enum { CHILDREN = 3000 };
static const Date TODAY = {2026, 11, 29};
static const char *dir;
static Store *s;
static sqlite3 *raw;   /* the same database, for the reference query and renames */
static Arena *a;

static const DemoVillage VILLAGES[] = {
    {"441900003001", "岗贝社区居民委员会", "东城街道", "community", NULL},
    {"441900003002", "花园新村社区居民委员会", "东城街道", "community", NULL},
    {"441900101200", "唐洪村村民委员会", "石碣镇", "village", NULL},
};

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    s = test_store(dir, "search");
    a = arena_new();
    test_insert_demo_children(s, 7, TODAY, VILLAGES, 3, CHILDREN);
    char path[256];
    snprintf(path, sizeof path, "%s/search.db", dir);
    assert_int_equal(sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    /* names no generator makes: renamed by hand, so the update trigger keeps the grams */
    assert_int_equal(sqlite3_exec(raw,
                                  "UPDATE child SET name = 'Anna Lee' WHERE id = 1;"
                                  "UPDATE child SET name = 'anna LEE' WHERE id = 2;"
                                  "UPDATE child SET name = '100%_纯\\名' WHERE id = 3;"
                                  "UPDATE child SET name = '菲' WHERE id = 4;"
                                  "UPDATE child SET name = '菲菲菲' WHERE id = 5;"
                                  "UPDATE child SET name = '阿卜杜·热合曼' WHERE id = 6;"
                                  "UPDATE child SET name = '刘菲' WHERE id = 7;"
                                  "UPDATE child SET name = '刘菲菲' WHERE id = 7;",   /* twice: the old grams go */
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_close(raw);
    store_close(s);
    arena_free(a);
    test_rmdir(dir);
    return 0;
}

typedef struct Ids {
    long long v[CHILDREN];
    int n;
} Ids;

static int collect(void *ctx, const Child *c)
{
    Ids *ids = ctx;
    assert_true(ids->n < CHILDREN);
    ids->v[ids->n++] = c->id;
    return 0;
}

/* The matches of the scan the index replaced, in id order, within [LO, HI). */
static void reference(const char *q_in, const char *lo, const char *hi, Ids *out)
{
    const char *q = text_fold(a, q_in);
    Buf like = BUF_INIT;
    buf_addc(&like, '%');
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') buf_addc(&like, '\\');
        buf_addc(&like, *p);
    }
    buf_addc(&like, '%');
    char *upper = arena_strdup(a, q);
    for (char *p = upper; *p; p++)
        if (*p == 'x') *p = 'X';
    bool prefix = strlen(upper) >= 6 && strspn(upper, "0123456789X") == strlen(upper);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "SELECT id FROM child WHERE area >= ?4 AND area < ?5 AND (name LIKE ?1 "
                                        "ESCAPE '\\' OR id_number = ?2 OR id_number LIKE ?3) ORDER BY id",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, buf_str(&like), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, upper, -1, SQLITE_STATIC);
    if (prefix) sqlite3_bind_text(st, 3, arena_printf(a, "%s%%", upper), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, hi, -1, SQLITE_STATIC);
    out->n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) out->v[out->n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    buf_free(&like);
}

static Ids got, want;

/* Fails unless the list finds, for Q in SCOPE, what the scan found; returns how many. */
static int same_as_scan(const char *q, const char *scope, const char *lo, const char *hi)
{
    ChildFilter f = {.scope = {scope}, .q = q};
    long long total = -1;
    got.n = 0;
    assert_int_equal(store_children_list(s, &f, collect, &got, &total, a), STORE_OK);
    reference(q, lo, hi, &want);
    if (got.n != want.n || total != want.n || memcmp(got.v, want.v, (size_t)got.n * sizeof *got.v) != 0)
        fail_msg("search \"%s\": %d found (total %lld), the scan found %d", q, got.n, total, want.n);
    return got.n;
}

static const char *substring(const char *name, int from, int chars)
{
    const unsigned char *p = (const unsigned char *)name;
    for (int i = 0; i < from && *p; i++)
        do p++;
        while ((*p & 0xC0) == 0x80);
    const unsigned char *e = p;
    for (int i = 0; i < chars && *e; i++)
        do e++;
        while ((*e & 0xC0) == 0x80);
    return arena_strndup(a, (const char *)p, (size_t)(e - p));
}

static void every_kind_of_text_finds_what_the_scan_found(void **state)
{
    (void)state;
    static const char *const fixed[] = {"Anna", "anna", "ANNA LEE", "a", "A", "Lee", "e", "100%", "%", "_", "\\",
                                        "%_纯", "菲", "菲菲", "菲菲菲菲", "刘菲", "刘菲菲", "·", "·热", "热合曼",
                                        "zz", "陈", "44190", "441900", "4419002", "x", "X"};
    int nonzero = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) nonzero += same_as_scan(fixed[i], "", "", "~") > 0;
    assert_true(nonzero > 15);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw, "SELECT name, id_number FROM child WHERE id % 37 = 0", -1, &st, NULL),
                     SQLITE_OK);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
        size_t chars = utf8_chars(name);
        same_as_scan(name, "", "", "~");
        same_as_scan(substring(name, 0, 1), "", "", "~");
        same_as_scan(substring(name, (int)chars - 1, 1), "", "", "~");
        same_as_scan(substring(name, 1, 2), "", "", "~");
        same_as_scan(substring(name, 0, 2), "441900003", "441900003", "441900004");   /* within a town */
        const char *idn = (const char *)sqlite3_column_text(st, 1);
        if (idn) {
            char *lower = arena_strdup(a, idn);
            for (char *p = lower; *p; p++)
                if (*p == 'X') *p = 'x';
            assert_int_equal(same_as_scan(lower, "", "", "~"), 1);
            assert_true(same_as_scan(arena_strndup(a, idn, 10), "", "", "~") >= 1);
            same_as_scan(arena_strndup(a, idn, 5), "", "", "~");
        }
        n++;
    }
    sqlite3_finalize(st);
    assert_true(n > 50);
}

static void renamed_children_are_found_by_their_new_name_only(void **state)
{
    (void)state;
    assert_int_equal(same_as_scan("刘菲菲", "", "", "~"), 1);
    assert_int_equal(got.v[0], 7);
    assert_int_equal(same_as_scan("anna lee", "", "", "~"), 2);
    /* the grams of the old names are gone with them */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "SELECT count(*) FROM child_name_gram g JOIN child c ON c.id = g.child_id "
                                        "WHERE instr(lower(c.name), g.gram) = 0",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
}

static void a_category_and_a_search_together(void **state)
{
    (void)state;
    /* the category filter on top of the search: the same as checking each match's categories */
    ChildFilter all = {.scope = {""}, .q = "陈"}, orphans = {.scope = {""}, .q = "陈", .category = "orphan_scattered"};
    long long n_all = 0, n_orphans = 0;
    assert_int_equal(store_children_list(s, &all, NULL, NULL, &n_all, a), STORE_OK);
    assert_int_equal(store_children_list(s, &orphans, NULL, NULL, &n_orphans, a), STORE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "SELECT count(*) FROM child WHERE name LIKE '%陈%' AND EXISTS (SELECT 1 FROM "
                                        "child_category cc WHERE cc.child_id = child.id AND cc.code = "
                                        "'orphan_scattered' AND cc.status <> 'ended')",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(n_orphans, sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    assert_true(n_all > n_orphans);
}

/* A category alone is counted from its index (CHILD_COUNT_BY_CATEGORY): the
   same count as with a filter that keeps everyone (born after 1900), which
   reads each child. */
static void a_category_alone_counts_the_same(void **state)
{
    (void)state;
    static const char *const codes[] = {"migrant", "left_behind", "orphan_scattered", "orphan_institution"};
    static const char *const scopes[] = {"", "441900003", "441900003002", "441900101"};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        for (size_t k = 0; k < sizeof scopes / sizeof *scopes; k++) {
            ChildFilter alone = {.scope = {scopes[k]}, .category = codes[i]};
            ChildFilter kept = alone;
            kept.born_from = (Date){1900, 1, 1};
            long long n_alone = -1, n_kept = -2;
            assert_int_equal(store_children_list(s, &alone, NULL, NULL, &n_alone, a), STORE_OK);
            assert_int_equal(store_children_list(s, &kept, NULL, NULL, &n_kept, a), STORE_OK);
            assert_int_equal(n_alone, n_kept);
        }
    ChildFilter city = {.scope = {""}, .category = "migrant"};
    long long n = 0;
    assert_int_equal(store_children_list(s, &city, NULL, NULL, &n, a), STORE_OK);
    assert_true(n > 0);
}

/* The grams every name should have, against those the index holds: both ways. */
static void grams_are_complete(void)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "WITH want AS (SELECT DISTINCT lower(substr(c.name, p.n, 2)) AS gram, c.id AS child_id "
                                        "FROM child c JOIN name_position p ON p.n <= length(c.name)) "
                                        "SELECT (SELECT count(*) FROM want WHERE (gram, child_id) NOT IN "
                                        "(SELECT gram, child_id FROM child_name_gram)), "
                                        "(SELECT count(*) FROM child_name_gram WHERE (gram, child_id) NOT IN want), "
                                        "(SELECT count(*) FROM name_gram_deferred)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);   /* none missing */
    assert_int_equal(sqlite3_column_int(st, 1), 0);   /* none stale */
    assert_int_equal(sqlite3_column_int(st, 2), 0);   /* nothing left pending */
    sqlite3_finalize(st);
}

/* An import's deferred grams (store_names_defer/catch_up) end as the trigger's. */
static void deferred_grams_end_complete(void **state)
{
    (void)state;
    grams_are_complete();
    DemoGen g;
    assert_true(demo_init(&g, 8, TODAY, VILLAGES, 3, NULL, 500));
    static const Change change = {"test", "导入", "2026-11-29T10:00:00+08:00"};
    Arena *row = arena_new();
    Child c;
    int added = 0;
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_names_defer(s), STORE_OK);
    while (demo_next(&g, &c, row)) {
        Problems p;
        problems_init(&p, row);
        if (child_validate(&c, row, TODAY, &LEDGER_RULES_DEFAULT, true, &p) &&
            store_child_insert(s, &c, &change, &p) == STORE_OK)
            added++;
        if (added == 200) assert_int_equal(store_names_catch_up(s, true), STORE_OK);   /* and on */
        arena_reset(row);
    }
    assert_int_equal(store_names_catch_up(s, false), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    arena_free(row);
    demo_free(&g);
    assert_true(added > 400);
    grams_are_complete();
    assert_true(same_as_scan("陈", "", "", "~") > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_kind_of_text_finds_what_the_scan_found),
        cmocka_unit_test(renamed_children_are_found_by_their_new_name_only),
        cmocka_unit_test(a_category_and_a_search_together),
        cmocka_unit_test(a_category_alone_counts_the_same),
        cmocka_unit_test(deferred_grams_end_complete),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
