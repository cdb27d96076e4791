/*
** A child's JSON written without jansson (issue #8, api2): the children's
** list writes each item with child_json_members() instead of building
** child_to_json()'s object, masking it with child_json_mask() and dumping
** it. The bytes must be the same: compared here on demo children (every
** kind the generator makes, with parents, guardians, several categories),
** masked and unmasked, with and without meta, and on hand-made records with
** the strings JSON must escape, an empty person and a disability level.
** And the stored document read back without jansson (child_from_text())
** gives the Child that json_loads() + child_from_json() give, or gives up
** on what it does not know (the caller then takes jansson's way).
** The first version's changes, written by the store without child_fields()
** and fields_diff() objects (issue #8, import3), are compared the same way.
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

/* Asserts that the first version's changes written straight from C are the
   bytes of json_dumps(fields_diff(NULL, child_fields(C))), the store's old way. */
static void first_version_alike(const Child *c)
{
    json_t *fields = child_fields(c), *changes = fields_diff(NULL, fields);
    char *old = json_dumps(changes, JSON_COMPACT);
    json_decref(fields);
    json_decref(changes);
    Buf b = BUF_INIT;
    assert_true(child_first_version_write(&b, c));
    if (strcmp(old, buf_str(&b)) != 0) fprintf(stderr, "old: %s\nnew: %s\n", old, buf_str(&b));
    assert_string_equal(buf_str(&b), old);
    free(old);
    buf_free(&b);
}

/* The Child read from TEXT by jansson's way, dumped back; NULL if it has problems. Caller frees. */
static char *read_by_jansson(const char *text, Arena *a)
{
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);
    Child c = {0};
    Problems p;
    problems_init(&p, a);
    bool ok = j && child_from_json(j, &c, a, false, &p);
    json_decref(j);
    return ok ? old_text(&c, false, false, a) : NULL;
}

/* The Child read from TEXT by child_from_text(), dumped back; NULL if it gave up. Caller frees. */
static char *read_by_text(const char *text, Arena *a)
{
    Child c = {0};
    return child_from_text(text, &c, a) ? old_text(&c, false, false, a) : NULL;
}

/* Asserts that child_from_text() reads TEXT as jansson's way does. */
static void reads_alike(const char *text, Arena *a)
{
    char *by_jansson = read_by_jansson(text, a), *by_text = read_by_text(text, a);
    assert_non_null(by_jansson);
    if (!by_text) fprintf(stderr, "gave up on: %s\n", text);
    assert_non_null(by_text);
    assert_string_equal(by_text, by_jansson);
    free(by_jansson);
    free(by_text);
}

/* Asserts that child_from_text() gives up on TEXT (jansson's way then reads it, or finds it wrong). */
static void gives_up(const char *text, Arena *a)
{
    Child c = {0};
    if (child_from_text(text, &c, a)) fprintf(stderr, "read: %s\n", text);
    assert_false(child_from_text(text, &c, a));
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
        first_version_alike(&c);
        char *stored = old_text(&c, false, false, row);   /* the document as the store keeps it */
        reads_alike(stored, row);
        free(stored);
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
    first_version_alike(&c);
    Category twice[2] = {cats[0], cats[0]};   /* one code and start date twice: child_fields' keys clash */
    twice[1].status = "ended";
    Child clash = c;
    clash.categories = twice;
    Buf b = BUF_INIT;
    assert_false(child_first_version_write(&b, &clash));
    buf_free(&b);
    twice[1].from = (Date){2021, 1, 2};   /* another period of the same code: no clash */
    first_version_alike(&clash);
    c.n_categories = 0;   /* no categories: an empty array */
    c.father = (Person){0};
    c.guardian = (Person){0};
    same_both_ways(&c, a);
    first_version_alike(&c);
    Child empty = {0};
    same_both_ways(&empty, a);
    first_version_alike(&empty);
    c.n_categories = 2;
    char *stored = old_text(&c, false, false, a);
    gives_up(stored, a);   /* \u0001: left to jansson */
    free(stored);
    cats[0].evidence = "证明\"一\"\\二\n\t\r\b\f/";
    stored = old_text(&c, false, false, a);
    reads_alike(stored, a);
    free(stored);
    arena_free(a);
}

static void texts_not_written_by_jansson_are_read_alike_or_left_to_it(void **state)
{
    (void)state;
    Arena *a = arena_new();
    reads_alike("{}", a);
    reads_alike(" { \"name\" : \"a\\\"b\\/c\\\\d\\n\" ,\n\t\"categories\":[ ] , \"disability_level\":0 } ", a);
    reads_alike("{\"name\":\"x\",\"name\":null,\"birth_date\":\"2012-02-29\",\"mother\":null}", a);
    reads_alike("{\"father\":{\"name\":\"甲\",\"phone\":\"1\"},\"father\":{\"note\":\"乙\"},\"disability_level\":4}", a);
    reads_alike("{\"categories\":[{\"code\":\"dibao\"}],\"categories\":[{\"code\":\"hiv\",\"to\":\"2020-01-01\"},{}]}", a);
    gives_up("{\"name\":\"\\u00e9\"}", a);                         /* \u: left to jansson */
    gives_up("{\"nickname\":\"x\"}", a);                              /* unknown: jansson's way reports it */
    gives_up("{\"id\":1}", a);                                          /* meta is not in a stored document */
    gives_up("{\"birth_date\":\"2012-02-30\"}", a);
    gives_up("{\"disability_level\":5}", a);
    gives_up("{\"disability_level\":1.0}", a);
    gives_up("{\"disability_level\":-1}", a);
    gives_up("{\"disability_level\":01}", a);
    gives_up("{\"disability_level\":\"1\"}", a);
    gives_up("{\"name\":1}", a);
    gives_up("{\"father\":[]}", a);
    gives_up("{\"name\":\"a\"} x", a);
    gives_up("{\"name\":\"a\"", a);
    gives_up("{\"name\":\"a\tb\"}", a);                                /* a raw tab in a string */
    gives_up("[]", a);
    Buf many = BUF_INIT;   /* 65 categories: more than child_from_json() allows */
    buf_adds(&many, "{\"categories\":[{}");
    for (int i = 1; i < 65; i++) buf_adds(&many, ",{}");
    buf_adds(&many, "]}");
    gives_up(buf_str(&many), a);
    buf_free(&many);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_children_are_written_as_jansson_writes_them),
        cmocka_unit_test(escapes_empty_persons_and_numbers_are_written_alike),
        cmocka_unit_test(texts_not_written_by_jansson_are_read_alike_or_left_to_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
