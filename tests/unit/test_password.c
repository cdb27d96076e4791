/*
** Account rules without a database: the password policy (8+ characters of
** 3 kinds, not the user name), user names, and the masking of ID and phone
** numbers in what the API sends.
*/
#include "testutil.h"
#include "domain/account.h"
#include "domain/password.h"
#include "domain/privacy.h"

/* The first problem code for PASSWORD as USERNAME's, or NULL when acceptable. */
static const char *policy(const char *password, const char *username)
{
    static Arena *a;
    if (!a) a = arena_new();
    Problems p;
    problems_init(&p, a);
    return password_acceptable(password, username, &p, "password") ? NULL : p.head->code;
}

static void kinds(void **state)
{
    (void)state;
    assert_int_equal(password_kinds("abcdefgh"), 1);
    assert_int_equal(password_kinds("abcDEF12"), 3);
    assert_int_equal(password_kinds("aB1-"), 4);
    assert_int_equal(password_kinds("密码密码"), 1);   /* non-ASCII counts as "other" */
    assert_int_equal(password_kinds(""), 0);
}

static void policy_rules(void **state)
{
    (void)state;
    assert_null(policy("Abcdefg1", NULL));
    assert_null(policy("abcdefg1!", NULL));
    assert_null(policy("ABCDEFG1!", NULL));
    assert_null(policy("abc守护123", NULL));            /* 8 characters (not bytes) of 3 kinds */
    assert_string_equal(policy("abc守护12", NULL), "password_short");   /* 7 characters, 11 bytes */
    assert_string_equal(policy("Abcdef1", NULL), "password_short");
    assert_string_equal(policy("abcdefgh1", NULL), "password_kinds");
    assert_string_equal(policy("ABCDEFGH", NULL), "password_kinds");
    assert_string_equal(policy("守护守护守护守护", NULL), "password_kinds");
    assert_string_equal(policy("Li.Si-2024", "li.si"), "password_has_username");
    assert_null(policy("Li.Si-2024", "zhang.san"));
    assert_string_equal(policy("Abc\xff\xfe" "12345", NULL), "bad_utf8");
    char long_pw[PASSWORD_MAX_BYTES + 2];
    memset(long_pw, 'a', sizeof long_pw - 1);
    long_pw[0] = 'A', long_pw[1] = '1', long_pw[sizeof long_pw - 1] = 0;
    assert_string_equal(policy(long_pw, NULL), "password_long");
}

static void usernames(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    assert_true(username_valid("li.si", &p, "username"));
    assert_true(username_valid("demo.village", &p, "username"));
    assert_true(username_valid("a_1-b", &p, "username"));
    assert_false(username_valid("ab", &p, "username"));
    assert_false(username_valid("Li.Si", &p, "username"));
    assert_false(username_valid("1abc", &p, "username"));
    assert_false(username_valid("li si", &p, "username"));
    assert_false(username_valid("李四", &p, "username"));
    assert_false(username_valid("abcdefghijklmnopqrstuvwxyz0123456", &p, "username"));
    assert_int_equal(p.count, 6);
    assert_string_equal(p.head->code, "bad_username");
    arena_free(a);
}

static void masks(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(phone_mask(a, "13812348000"), "138****8000");
    assert_string_equal(phone_mask(a, "076922221111"), "076*****1111");
    assert_string_equal(phone_mask(a, "22221111"), "22****11");
    assert_string_equal(phone_mask(a, "12345"), "*****");
    assert_string_equal(phone_mask(a, "１３８１２３４８０００"), "***********");
    assert_true(field_is_sensitive("id_number"));
    assert_true(field_is_sensitive("guardian.phone"));
    assert_true(field_is_sensitive("father.id_number"));
    assert_false(field_is_sensitive("name"));
    assert_false(field_is_sensitive("phone_book"));

    json_t *doc = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s}}", "name", "张小明", "id_number", "44190020120305001X",
                            "guardian", "name", "张大山", "phone", "13812348000", "father", "id_number",
                            "441900198001010011");
    child_json_mask(doc, a);
    assert_string_equal(json_string_value(json_object_get(doc, "id_number")), "4419**********001X");
    assert_string_equal(json_string_value(json_object_get(doc, "name")), "张小明");
    assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "guardian"), "phone")), "138****8000");
    assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "guardian"), "name")), "张大山");
    assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "father"), "id_number")),
                        "4419**********0011");
    json_decref(doc);

    json_t *changes = json_pack("{s:[ns], s:[ss]}", "guardian.phone", "13812348000", "name", "甲", "乙");
    changes_json_mask(changes, a);
    assert_true(json_is_null(json_array_get(json_object_get(changes, "guardian.phone"), 0)));
    assert_string_equal(json_string_value(json_array_get(json_object_get(changes, "guardian.phone"), 1)), "138****8000");
    assert_string_equal(json_string_value(json_array_get(json_object_get(changes, "name"), 1)), "乙");
    json_decref(changes);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds),
        cmocka_unit_test(policy_rules),
        cmocka_unit_test(usernames),
        cmocka_unit_test(masks),
    };
    return cmocka_run_group_tests_name("password", tests, NULL, NULL);
}
