/*
** A list item copied from the stored text (issue #8, item): the children's
** list writes each item with child_item_from_text() straight from the row's
** document, where it read the document into a Child (child_from_text(), or
** jansson when that gives up) and wrote it with child_json_members(c, true,
** mask). The bytes must be the same, and so must the village whose name the
** list adds: compared here on demo children (every kind the generator
** makes, masked), on hand-made records (escapes, empty persons, no
** categories, every sensitive key, short and non-ASCII numbers) and on
** texts no writer of ours makes (white space, nulls, empty strings, keys out
** of order or twice, escapes the reader refuses). Where the copier gives up
** the list takes the old way, so giving up is always safe; the tests check
** it gives up where it must, and copies what the store writes.
**
** The store's side, store_children_texts(): the same rows as
** store_children_list() with one more (the page, and whether another
** follows), and each row's item the same as the old way's, on a demo
** database with a few documents written by hand.
*/
#include <sqlite3.h>
#include "testutil.h"
#include "domain/demo.h"
#include "domain/privacy.h"
#include "store/db.h"
#include "util/buf.h"

static const Date TODAY = {2026, 11, 29};

static const DemoVillage VILLAGES[] = {
    {"441900003001", "岗贝社区居民委员会", "东城街道", "community", NULL},
    {"441900101200", "唐洪村村民委员会", "石碣镇", "village", NULL},
};

/* The old way: T's document read as the store read it (child_from_text(),
   else jansson), written as the list wrote it; *AREA its village. NULL when
   the document does not read (the store's error). Caller frees. */
static char *old_item(const ChildText *t, Arena *a, const char **area)
{
    Child c = {0};
    bool ok = t->doc && child_from_text(t->doc, &c, a);
    if (!ok) {
        memset(&c, 0, sizeof c);
        json_error_t err;
        json_t *j = t->doc ? json_loads(t->doc, 0, &err) : NULL;
        Problems p;
        problems_init(&p, a);
        ok = j && child_from_json(j, &c, a, false, &p);
        json_decref(j);
    }
    if (!ok) return NULL;
    c.id = t->id;
    c.version = t->version;
    c.created_at = t->created_at;
    c.updated_at = t->updated_at;
    c.updated_by = t->updated_by;
    Buf b = BUF_INIT;
    child_json_members(&b, &c, true, a);
    *area = c.area;
    return buf_take(&b);
}

/* Asserts that the copier writes T as the old way does, or gives up (B
   unchanged); returns whether it copied. */
static bool item_alike(const ChildText *t, Arena *a)
{
    const char *old_area = NULL, *area = "unset";
    char *old = old_item(t, a, &old_area);
    Buf b = BUF_INIT;
    buf_adds(&b, "x");   /* what the list wrote before: kept */
    bool copied = child_item_from_text(&b, t, a, &area);
    if (copied) {
        if (!old) fail_msg("copied what does not read: %s", t->doc);
        if (strcmp(buf_str(&b) + 1, old) != 0) fprintf(stderr, "doc: %s\nold: %s\nnew: %s\n", t->doc, old, buf_str(&b) + 1);
        assert_string_equal(buf_str(&b) + 1, old);
        if (old_area) assert_string_equal(area, old_area);
        else assert_null(area);
    } else {
        assert_string_equal(buf_str(&b), "x");
    }
    free(old);
    buf_free(&b);
    return copied;
}

/* item_alike() on DOC with fixed meta. */
static bool doc_alike(const char *doc, Arena *a)
{
    ChildText t = {42, 3, doc, "2026-11-01T08:00:00+08:00", "2026-11-02T09:00:00+08:00", "town.lee"};
    return item_alike(&t, a);
}

/* The document the store keeps for C (json_dumps of child_to_json(C, false)). Caller frees. */
static char *stored_doc(const Child *c)
{
    json_t *j = child_to_json(c, false);
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return text;
}

static void demo_children_are_copied_as_they_were_written(void **state)
{
    (void)state;
    DemoGen g;
    assert_true(demo_init(&g, 17, TODAY, VILLAGES, 2, NULL, 3000));
    Arena *row = arena_new();
    Child c;
    int copied = 0, n = 0, masked = 0;
    while (demo_next(&g, &c, row)) {
        Problems p;
        problems_init(&p, row);
        assert_true(child_validate(&c, row, TODAY, &LEDGER_RULES_DEFAULT, true, &p));
        char *doc = stored_doc(&c);
        ChildText t = {++n, n % 7 + 1, doc, "2026-11-29T09:00:00+08:00", n % 2 ? "2026-11-29T10:00:00+08:00" : NULL,
                       n % 3 ? "town.lee" : NULL};
        copied += item_alike(&t, row);
        Buf b = BUF_INIT;
        const char *area;
        assert_true(child_item_from_text(&b, &t, row, &area));
        masked += strstr(buf_str(&b), "****") != NULL;   /* the masking did something */
        buf_free(&b);
        free(doc);
        arena_reset(row);
    }
    arena_free(row);
    demo_free(&g);
    assert_int_equal(n, 3000);
    assert_int_equal(copied, 3000);   /* every document the store writes is copied */
    assert_true(masked > 1500);
}

static void hand_made_records_are_copied_alike(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Category cats[2] = {{.code = "orphan_scattered", .from = {2020, 1, 2}, .status = "approved",
                         .evidence = "证明\"一\"\\二\n\t\r\b\f/"},
                        {.code = "dibao", .status = "ended", .to = {2025, 5, 6}}};
    Child c = {.name = "Anna \"Lee\"\r\b\f/", .id_number = "44190020100101123X", .sex = "F",
               .birth_date = {2010, 1, 1}, .area = "441900003001", .disability_type = "visual",
               .disability_level = 3, .status = "active", .address = "东城\\街道",
               .father = {.name = "父", .id_number = "441900198001011234", .phone = "13800138000", .term_months = 24,
                          .situation = "imprisoned", .situation_since = {2024, 3, 1}},
               .mother = {.id_number = "4419\"001", .phone = "\"138\\0013800\""},   /* escapes in masked strings */
               .guardian = {.phone = "0769-1234", .relation = "grandparent"},
               .categories = cats, .n_categories = 2};
    char *doc = stored_doc(&c);
    assert_true(doc_alike(doc, a));
    free(doc);
    c.mother = (Person){.phone = "电话一二三四五六七", .id_number = "1234567"};   /* non-ASCII, short */
    c.guardian = (Person){.phone = "123456"};
    doc = stored_doc(&c);
    assert_true(doc_alike(doc, a));
    free(doc);
    /* long strings: masked from the long way, copied as they are */
    c.guardian = (Person){.phone = "1380013800013800138000138001380013800138001380013800138001380013800",
                          .id_number = "4419002010010112344419002010010112344419002010010112344419002010010112",
                          .note = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"};
    doc = stored_doc(&c);
    assert_true(doc_alike(doc, a));
    free(doc);
    c.n_categories = 0;   /* no categories: an empty array */
    c.father = (Person){0};
    c.mother = (Person){0};
    doc = stored_doc(&c);
    assert_true(doc_alike(doc, a));
    free(doc);
    Child empty = {0};
    doc = stored_doc(&empty);
    assert_true(doc_alike(doc, a));
    free(doc);
    cats[0].evidence = "\x01";   /* \u0001: the reader refuses it, so the copier does */
    c.n_categories = 2;
    doc = stored_doc(&c);
    assert_false(doc_alike(doc, a));
    free(doc);
    /* the meta: NULL, empty, escaped */
    ChildText t = {9007199254740993LL, 1, "{\"name\":\"a\",\"categories\":[]}", NULL, "", "x\"\x1f"};
    assert_true(item_alike(&t, a));
    arena_free(a);
}

static void texts_are_copied_alike_or_left_to_the_old_way(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_true(doc_alike("{}", a));   /* no categories: written empty, as the reader reads none */
    assert_true(doc_alike(" { \"name\" : \"a\\\"b\\/c\\\\d\\n\" ,\n\t\"categories\":[ ] , \"disability_level\":0 } ", a) ==
                false);   /* disability_level after categories: out of order */
    assert_true(doc_alike(" { \"name\" : \"a\\\"b\\/c\\\\d\\n\" , \"disability_level\":0 ,\n\t\"categories\":[ { } ] } ", a));
    assert_true(doc_alike("{\"name\":null,\"birth_date\":\"2012-02-29\",\"address\":\"\",\"mother\":null}", a));
    assert_true(doc_alike("{\"area\":\"441900\\/003001\",\"father\":{\"name\":null},\"mother\":{},\"guardian\":"
                          "{\"id_number\":\"\\\\\",\"phone\":\"\"}}", a));   /* persons with nothing set: left out */
    assert_true(doc_alike("{\"id_number\":null,\"father\":{\"phone\":\"1\",\"term_months\":0,\"note\":\"\\t\"},"
                          "\"categories\":[{\"code\":null,\"from\":null},{\"code\":\"hiv\",\"to\":\"2020-01-01\"}]}", a));
    assert_true(doc_alike("{\"area\":null}", a));
    assert_false(doc_alike("{\"sex\":\"F\",\"name\":\"a\"}", a));                      /* out of the writer's order */
    assert_false(doc_alike("{\"name\":\"x\",\"name\":null}", a));                       /* twice */
    assert_false(doc_alike("{\"father\":{\"phone\":\"1\",\"name\":\"甲\"}}", a));
    assert_false(doc_alike("{\"father\":{\"name\":\"甲\"},\"father\":{\"note\":\"乙\"}}", a));
    assert_false(doc_alike("{\"categories\":[{\"from\":\"2020-01-01\",\"code\":\"dibao\"}]}", a));
    assert_false(doc_alike("{\"categories\":[],\"categories\":[]}", a));
    assert_false(doc_alike("{\"mother\":{},\"father\":{}}", a));
    assert_false(doc_alike("{\"name\":\"\\u00e9\"}", a));                               /* \u: left to jansson */
    assert_false(doc_alike("{\"father\":{\"phone\":\"\\u0031\"}}", a));
    assert_false(doc_alike("{\"nickname\":\"x\"}", a));
    assert_false(doc_alike("{\"id\":1}", a));
    assert_false(doc_alike("{\"birth_date\":\"2012-02-30\"}", a));
    assert_false(doc_alike("{\"disability_level\":5}", a));
    assert_false(doc_alike("{\"disability_level\":01}", a));
    assert_false(doc_alike("{\"name\":1}", a));
    assert_false(doc_alike("{\"father\":[]}", a));
    assert_false(doc_alike("{\"categories\":null}", a));
    assert_false(doc_alike("{\"name\":\"a\"} x", a));
    assert_false(doc_alike("{\"name\":\"a\"", a));
    assert_false(doc_alike("{\"name\":\"a\tb\"}", a));   /* a raw tab in a string */
    assert_false(doc_alike("[]", a));
    assert_false(doc_alike("", a));
    ChildText none = {1, 1, NULL, NULL, NULL, NULL};
    assert_false(item_alike(&none, a));
    /* dates as date_format() writes them are copied; others (if read) are written again */
    doc_alike("{\"birth_date\":\"2012-2-9\"}", a);
    doc_alike("{\"birth_date\":\"20120209\"}", a);
    Buf many = BUF_INIT;   /* 64 categories are read; 65 are more than child_from_json() allows */
    buf_adds(&many, "{\"categories\":[{}");
    for (int i = 1; i < 64; i++) buf_adds(&many, ",{\"code\":\"dibao\"}");
    assert_true(doc_alike(arena_printf(a, "%s]}", buf_str(&many)), a));
    buf_adds(&many, ",{}]}");
    assert_false(doc_alike(buf_str(&many), a));
    buf_free(&many);
    arena_free(a);
}

/* ---- the store's side ---- */

TEST_DB_FIXTURE_THEN("item", test_insert_demo_children(s, 23, TODAY, VILLAGES, 2, 1500))

typedef struct Rows {
    Buf ids, items;
    Arena *a;
} Rows;

/* The old way: each Child as the list wrote it. */
static int old_row(void *ctx, const Child *c)
{
    Rows *r = ctx;
    buf_printf(&r->ids, "%lld,", c->id);
    child_json_members(&r->items, c, true, r->a);
    buf_printf(&r->items, "|%s\n", c->area ? c->area : "");
    return 0;
}

/* The new way: copied, or read and written when the copier gives up. */
static int new_row(void *ctx, const ChildText *t, Arena *row)
{
    Rows *r = ctx;
    buf_printf(&r->ids, "%lld,", t->id);
    const char *area;
    if (!child_item_from_text(&r->items, t, row, &area)) {
        Child c;
        assert_int_equal(store_child_from_text(s, t, &c, row), STORE_OK);
        child_json_members(&r->items, &c, true, row);
        area = c.area;
    }
    buf_printf(&r->items, "|%s\n", area ? area : "");
    return 0;
}

/* Asserts that store_children_texts() gives F's page as store_children_list()
   gives it with one more row; returns how many pages had a next. */
static int page_alike(ChildFilter f)
{
    Rows old = {BUF_INIT, BUF_INIT, a}, fresh = {BUF_INIT, BUF_INIT, a};
    long long old_total = -1, total = -2;
    int limit = f.limit;
    f.limit = limit + 1;
    assert_int_equal(store_children_list(s, &f, old_row, &old, &old_total, a), STORE_OK);
    f.limit = limit;
    bool more = false;
    assert_int_equal(store_children_texts(s, &f, new_row, &fresh, &more, &total, a), STORE_OK);
    assert_int_equal(total, old_total);
    /* the old page's last row, when it is the one past the page, is left out */
    int rows = 0;
    size_t cut = 0, cut_ids = 0;
    for (size_t i = 0; i < old.items.len; i++)
        if (old.items.data[i] == '\n' && ++rows == limit) cut = i + 1;
    rows = 0;
    for (size_t i = 0; i < old.ids.len; i++)
        if (old.ids.data[i] == ',' && ++rows == limit) cut_ids = i + 1;
    bool old_more = rows > limit;
    assert_int_equal(more, old_more);
    if (old_more) {
        old.items.len = cut;
        old.items.data[cut] = 0;
        old.ids.len = cut_ids;
        old.ids.data[cut_ids] = 0;
    }
    assert_string_equal(buf_str(&fresh.ids), buf_str(&old.ids));
    assert_string_equal(buf_str(&fresh.items), buf_str(&old.items));
    buf_free(&old.ids);
    buf_free(&old.items);
    buf_free(&fresh.ids);
    buf_free(&fresh.items);
    return more;
}

/* Pages of many kinds: towns and villages with a category, the city, a name search, sorts, cursors, offsets. */
static int pages_alike(void)
{
    static const char *const AREAS[] = {NULL, "441900003000", "441900101000", "441900003001"};
    static const char *const CODES[] = {NULL, "migrant", "left_behind", "dibao"};
    static const struct { int limit; long long offset, after; const char *sort; bool desc; } PAGES[] = {
        {20, 0, 0, NULL, false}, {20, 20, 0, NULL, false}, {7, 3, 0, NULL, false}, {20, 0, 700, NULL, false},
        {50, 0, 0, "name", false}, {20, 40, 0, "birth_date", true}, {1, 0, 0, NULL, false}, {20, 5000, 0, NULL, false}};
    int more = 0;
    for (size_t i = 0; i < sizeof AREAS / sizeof *AREAS; i++)
        for (size_t k = 0; k < sizeof CODES / sizeof *CODES; k++)
            for (size_t p = 0; p < sizeof PAGES / sizeof *PAGES; p++)
                more += page_alike((ChildFilter){.area = AREAS[i], .category = CODES[k], .limit = PAGES[p].limit,
                                                 .offset = PAGES[p].offset, .after_id = PAGES[p].after,
                                                 .sort = PAGES[p].sort, .sort_desc = PAGES[p].desc});
    more += page_alike((ChildFilter){.q = "李", .limit = 5});
    more += page_alike((ChildFilter){.q = "4419", .limit = 20, .scope = {"441900003"}});
    return more;
}

static void exec(const char *sql)
{
    sqlite3 *raw;
    char path[256];
    snprintf(path, sizeof path, "%s/item.db", dir);
    assert_int_equal(sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
}

static void a_page_of_texts_is_the_page_of_children(void **state)
{
    (void)state;
    assert_true(pages_alike() > 50);
    /* documents no writer of ours makes: white space, keys out of order, a \u escape */
    exec("UPDATE child SET doc = ' ' || replace(doc, ',', ' , ') WHERE id % 7 = 0;"
         "UPDATE child SET doc = '{\"sex\":\"M\",\"name\":\"乙\",\"area\":\"' || area || '\",\"categories\":[]}' WHERE id % 7 = 1;"
         "UPDATE child SET doc = '{\"name\":\"\\u7532\",\"area\":\"' || area || '\",\"categories\":[]}' WHERE id % 7 = 2;");
    assert_true(pages_alike() > 50);
}

/* A document that does not read is the old way's error, not a page. */
static int count_row(void *ctx, const ChildText *t, Arena *row)
{
    (void)t;
    (void)row;
    ++*(int *)ctx;
    return 0;
}

static void a_damaged_document_reads_as_before(void **state)
{
    (void)state;
    exec("UPDATE child SET doc = '{\"name\":' WHERE id = 3");
    ChildText t = {3, 1, "{\"name\":", NULL, NULL, NULL};
    Child c;
    assert_int_equal(store_child_from_text(s, &t, &c, a), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(s), "record 3 is damaged"));
    const char *area;
    Buf b = BUF_INIT;
    assert_false(child_item_from_text(&b, &t, a, &area));
    buf_free(&b);
    /* the store hands the row over as it is; only its reading fails */
    int n = 0;
    bool more = false;
    ChildFilter f = {.limit = 5};
    assert_int_equal(store_children_texts(s, &f, count_row, &n, &more, NULL, a), STORE_OK);
    assert_int_equal(n, 5);
    assert_true(more);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_children_are_copied_as_they_were_written),
        cmocka_unit_test(hand_made_records_are_copied_alike),
        cmocka_unit_test(texts_are_copied_alike_or_left_to_the_old_way),
        cmocka_unit_test_setup_teardown(a_page_of_texts_is_the_page_of_children, setup, teardown),
        cmocka_unit_test_setup_teardown(a_damaged_document_reads_as_before, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
