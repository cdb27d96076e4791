/*
** A child's JSON written without jansson (issue #8, api2): the children's
** list writes each item with child_json_members() instead of building
** child_to_json()'s object, masking it with child_json_mask() and dumping
** it. The bytes must be the same: compared here on demo children (every
** kind the generator makes, with parents, guardians, several categories),
** masked and unmasked, with and without meta, and on hand-made records with
** the strings JSON must escape, an empty person and a disability level.
*/
#include "testutil.h"
#include "domain/demo.h"
#include "domain/privacy.h"
#include "util/buf.h"

static const Date TODAY = {2026, 11, 29};

static const DemoVillage VILLAGES[] = {
    {"441900003001", "岗贝社区居民委员会", "东城街道", "community", NULL},
    {"441900101200", "唐洪村村民委员会", "石碣镇", "village", NULL},
};

/* The old way: json_dumps of child_to_json(C), masked when MASK. Caller frees. */
static char *old_text(const Child *c, bool with_meta, bool mask, Arena *a)
{
    json_t *j = child_to_json(c, with_meta);
    if (mask) child_json_mask(j, a);
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return text;
}

/* The new way, braces added as the list adds them. Caller frees. */
static char *new_text(const Child *c, bool with_meta, bool mask, Arena *a)
{
    Buf b = BUF_INIT;
    buf_addc(&b, '{');
    child_json_members(&b, c, with_meta, mask ? a : NULL);
    buf_addc(&b, '}');
    return buf_take(&b);
}

/* Asserts both ways give the same bytes, in all four forms; returns how many were compared. */
static int same_both_ways(const Child *c, Arena *a)
{
    for (int form = 0; form < 4; form++) {
        bool with_meta = form & 1, mask = form & 2;
        char *old = old_text(c, with_meta, mask, a), *fresh = new_text(c, with_meta, mask, a);
        assert_non_null(old);
        if (strcmp(old, fresh) != 0) fprintf(stderr, "old: %s\nnew: %s\n", old, fresh);
        assert_string_equal(fresh, old);
        free(old);
        free(fresh);
    }
    return 4;
}

static void demo_children_are_written_as_jansson_writes_them(void **state)
{
    (void)state;
    DemoGen g;
    assert_true(demo_init(&g, 11, TODAY, VILLAGES, 2, NULL, 2000));
    Arena *row = arena_new();
    Child c;
    int compared = 0, masked_differs = 0;
    long long id = 1;
    while (demo_next(&g, &c, row)) {
        Problems p;
        problems_init(&p, row);
        assert_true(child_validate(&c, row, TODAY, &LEDGER_RULES_DEFAULT, true, &p));
        c.id = id++;
        c.version = (int)(id % 5) + 1;
        c.created_at = "2026-11-29T09:00:00+08:00";
        c.updated_at = "2026-11-29T10:00:00+08:00";
        c.updated_by = id % 3 ? "town.lee" : NULL;
        compared += same_both_ways(&c, row);
        char *plain = new_text(&c, true, false, row), *masked = new_text(&c, true, true, row);
        masked_differs += strcmp(plain, masked) != 0;   /* the masking did something */
        free(plain);
        free(masked);
        arena_reset(row);
    }
    arena_free(row);
    demo_free(&g);
    assert_int_equal(compared, 4 * 2000);
    assert_true(masked_differs > 1000);
}

static void escapes_empty_persons_and_numbers_are_written_alike(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Category cats[2] = {{.code = "orphan_scattered", .from = {2020, 1, 2}, .status = "approved",
                         .evidence = "证明\"一\"\\二\n\t\x01"},
                        {.code = "dibao", .status = "ended", .to = {2025, 5, 6}}};
    Child c = {.id = 9007199254740993LL, .version = 12, .name = "Anna \"Lee\"\r\b\f/",
               .id_number = "44190020100101123X", .sex = "F", .birth_date = {2010, 1, 1},
               .area = "441900003001", .disability_level = 3, .status = "active", .address = "",
               .father = {.name = "父", .phone = "13800138000", .term_months = 24},
               .guardian = {.phone = "0769-1234"},   /* the mother is empty: left out */
               .categories = cats, .n_categories = 2,
               .created_at = "", .updated_by = "x\x1f"};
    same_both_ways(&c, a);
    c.n_categories = 0;   /* no categories: an empty array */
    c.father = (Person){0};
    c.guardian = (Person){0};
    same_both_ways(&c, a);
    Child empty = {0};
    same_both_ways(&empty, a);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_children_are_written_as_jansson_writes_them),
        cmocka_unit_test(escapes_empty_persons_and_numbers_are_written_alike),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
