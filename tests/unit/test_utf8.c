/*
** utf8_valid() (util/text.c) skips eight ASCII bytes at a time (issue #8,
** import3: it checks every record's JSON before the store writes it). Its
** answers are compared here with a byte-at-a-time decoder, the rule as
** written, on strings where the multibyte characters and the bad bytes fall
** at every offset around the eight-byte steps, and on the cases of the rule;
** and text_trim's and text_fold's fast paths on each kind of space and of non-space.
*/
#include "testutil.h"
#include "util/text.h"

/* The rule one byte at a time: well-formed, shortest form, no surrogates, at most U+10FFFF. */
static bool reference_valid(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i], min;
        size_t len;
        if (c < 0x80) len = 1, min = 0;
        else if ((c & 0xE0) == 0xC0) len = 2, min = 0x80, c &= 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, min = 0x800, c &= 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, min = 0x10000, c &= 0x07;
        else return false;
        if (i + len > n) return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

static void agrees_with_the_rule_at_every_offset(void **state)
{
    (void)state;
    static const char *const inserts[] = {
        "儿", "é", "😀", "\xE5", "\xE5\x84", "\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "a",
    };
    int valid = 0, invalid = 0;
    for (size_t k = 0; k < sizeof inserts / sizeof *inserts; k++) {
        for (size_t at = 0; at < 20; at++) {
            for (size_t tail = 0; tail < 12; tail++) {
                char s[64];
                size_t n = 0, m = strlen(inserts[k]);
                memset(s, 'x', at);
                n += at;
                memcpy(s + n, inserts[k], m);
                n += m;
                memset(s + n, 'y', tail);
                n += tail;
                bool expect = reference_valid((const unsigned char *)s, n);
                assert_int_equal(utf8_valid(s, n), expect);
                expect ? valid++ : invalid++;
            }
        }
    }
    assert_int_equal(valid, 3 * 20 * 12 + 20 * 12);   /* 儿, é, 😀 and "a" */
    assert_int_equal(invalid, 7 * 20 * 12);
    const char *json = "{\"name\":\"张三\",\"categories\":[{\"code\":\"orphan_scattered\",\"from\":\"2020-01-02\"}]}";
    assert_true(utf8_valid(json, strlen(json)));
    assert_false(utf8_valid(json, strlen("{\"name\":\"张") + 1));   /* cut inside 三 */
    assert_true(utf8_valid("", 0));
}

/* text_trim looks at a byte twice only when it may start a space (issue #8): the cases of each kind. */
static void trim_cuts_only_spaces_at_the_ends(void **state)
{
    (void)state;
    Arena *a = arena_new();
    static const char *const cases[][2] = {
        {"  a b  ", "a b"},
        {"\xE3\x80\x80张三\xC2\xA0", "张三"},                     /* ideographic and no-break spaces */
        {"\t\r\n\v\f", ""},
        {"a\x01", "a\x01"},                                       /* a control character is not a space */
        {"x\xE3\x80\x80y\xE3\x80\x80", "x\xE3\x80\x80y"},
        {"\xE3\x81\x82 ", "\xE3\x81\x82"},                        /* あ: E3 that starts no space */
        {"\xC2\xA9 \xC2\xA0", "\xC2\xA9"},                        /* ©: C2 that starts no space */
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) assert_string_equal(text_trim(a, cases[i][0]), cases[i][1]);
    assert_null(text_trim(a, NULL));
    /* text_fold trims at once a cell with nothing to fold, and folds the others first */
    static const char *const folds[][2] = {
        {" 张三 ", "张三"},
        {"ＡＢＣ１２３！", "ABC123!"},                                  /* full-width forms: EF BC/BD */
        {"\xE3\x80\x80张\xE3\x80\x80三\xE3\x80\x80", "张 三"},     /* ideographic spaces: inside one left */
        {"\xE3\x81\x82\xEF\xBF\xA5", "\xE3\x81\x82\xEF\xBF\xA5"}, /* あ and ￥: E3 and EF that fold nothing */
        {"\xC2\xA0x\xC2\xA0", "x"},
    };
    for (size_t i = 0; i < sizeof folds / sizeof *folds; i++) assert_string_equal(text_fold(a, folds[i][0]), folds[i][1]);
    assert_null(text_fold(a, NULL));
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(agrees_with_the_rule_at_every_offset),
        cmocka_unit_test(trim_cuts_only_spaces_at_the_ends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
