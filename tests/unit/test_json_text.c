/*
** json_text_compact() writes what json_dumps(JSON_COMPACT) writes, byte for
** byte (the ledger's stored documents and history must not change): values
** of every kind, escapes, nesting, key order, and a child's whole document.
*/
#include "testutil.h"
#include "util/json_text.h"

static void assert_as_jansson(json_t *j)
{
    char *ours = json_text_compact(j), *theirs = json_dumps(j, JSON_COMPACT);
    assert_non_null(ours);
    assert_string_equal(ours, theirs);
    free(ours);
    free(theirs);
    json_decref(j);
}

static void values_of_every_kind(void **state)
{
    (void)state;
    assert_as_jansson(json_object());
    assert_as_jansson(json_array());
    assert_as_jansson(json_pack("{s:s, s:i, s:I, s:b, s:b, s:n}", "名", "张三", "n", -42, "big", (json_int_t)9007199254740993LL,
                                "yes", 1, "no", 0, "none"));
    assert_as_jansson(json_pack("[s, [i, [], {}], {s:[s, s]}]", "", 0, "k", "a", "b"));
    /* keys in the order they were set, not sorted */
    assert_as_jansson(json_pack("{s:i, s:i, s:i}", "z", 1, "a", 2, "m", 3));
}

static void strings_escaped_as_jansson_does(void **state)
{
    (void)state;
    assert_as_jansson(json_pack("[s]", "quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f"));
    assert_as_jansson(json_pack("[s]", "\x01\x1f\x7f control, 东莞市 full-width（）and \xe2\x80\xa8 line separator"));
    assert_as_jansson(json_pack("{s:s}", "key \"with\" \\ and \n", "v"));
}

static void a_child_document(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Child c = test_child(a, "李\"小\\明", "20150301", "017", "441900003001", "orphan_scattered");
    c.sex = "male";
    c.birth_date = (Date){2015, 3, 1};
    c.status = "active";
    c.address = "东城街道\t主山社区 8 号\n2 楼";
    c.disability_level = 2;
    c.father.name = "李大";
    c.father.term_months = 36;
    assert_as_jansson(child_to_json(&c, false));
    assert_as_jansson(child_fields(&c));
    arena_free(a);
}

static void a_real_number_is_left_to_jansson(void **state)
{
    (void)state;
    json_t *j = json_pack("{s:f}", "x", 1.5);
    assert_non_null(j);
    assert_null(json_text_compact(j));
    json_decref(j);
    j = json_pack("[s%]", "a\0b", (size_t)3);   /* a NUL inside: jansson writes \u0000 */
    assert_non_null(j);
    assert_null(json_text_compact(j));
    json_decref(j);
    j = json_string("a string alone");   /* json_dumps() writes none without JSON_ENCODE_ANY */
    assert_null(json_dumps(j, JSON_COMPACT));
    assert_null(json_text_compact(j));
    json_decref(j);
}

/* buf_add_int() and buf_addc() (issue #8, page: the list's numbers and
   bytes without printf) write what buf_printf() writes, across growth. */
static void numbers_and_bytes_as_printf(void **state)
{
    (void)state;
    static const long long v[] = {0, 1, -1, 9, 10, 99, 100, 12345, -67890, 2147483647LL, -2147483648LL,
                                  9223372036854775807LL, -9223372036854775807LL - 1};
    Buf got = BUF_INIT, want = BUF_INIT;
    for (int round = 0; round < 40; round++)
        for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
            long long x = v[i] > 0 ? v[i] - round : v[i] + round;   /* no overflow at the ends */
            buf_add_int(&got, x);
            buf_addc(&got, ',');
            buf_printf(&want, "%lld,", x);
        }
    assert_string_equal(buf_str(&got), buf_str(&want));
    assert_int_equal(got.len, strlen(buf_str(&got)));
    buf_free(&got);
    buf_free(&want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_of_every_kind),
        cmocka_unit_test(strings_escaped_as_jansson_does),
        cmocka_unit_test(a_child_document),
        cmocka_unit_test(a_real_number_is_left_to_jansson),
        cmocka_unit_test(numbers_and_bytes_as_printf),
    };
    return cmocka_run_group_tests_name("json_text", tests, NULL, NULL);
}
