/*
** Ledger import and export: each kind of problem is reported by row and
** column, all-or-nothing holds, --skip-invalid writes the rejected rows,
** re-imports change nothing, GB18030 files read, and an export re-imports
** unchanged.
*/
#include <iconv.h>
#include "testutil.h"
#include "io/ledger.h"

static Store *s;

static const char HEADER[] = "姓名,身份证号,性别,出生日期,居住村(社区)代码,儿童类别,类别起始日期,父亲状况,监护人关系\n";

TEST_DIR_FIXTURE

static int fresh_store(void **state)
{
    (void)state;
    static int n;
    char name[32];
    snprintf(name, sizeof name, "ledger%d", n++);
    s = test_store(dir, name);
    return 0;
}

static int close_store(void **state)
{
    (void)state;
    store_close(s);
    return 0;
}

static ImportOptions options(void)
{
    ImportOptions o = {.author = "test", .today = {2023, 6, 1}, .rules = LEDGER_RULES_DEFAULT};
    return o;
}

/* Imports TEXT as NAME with O; returns the report. */
static ImportReport import_text(const char *name, const char *text, size_t len, ImportOptions o)
{
    const char *path = test_file(dir, name, text, len);
    ImportReport rep;
    assert_int_equal(ledger_import(s, arena_strdup(a, path), &o, &rep, a), STORE_OK);
    return rep;
}

static ImportReport import_csv(const char *body, ImportOptions o)
{
    char *text = arena_printf(a, "%s%s", HEADER, body);
    return import_text("in.csv", text, strlen(text), o);
}

/* The first problem's code, row and column as "code@row:column". */
static const char *first(const ImportReport *rep)
{
    const Problem *p = rep->problems.head;
    assert_non_null(p);
    return arena_printf(a, "%s@%ld:%s", p->code, p->row, p->column ? p->column : "");
}

static char *id(const char *birth8, const char *seq3)
{
    return test_id(arena_alloc(a, 19), "441900", birth8, seq3);
}

static void valid_rows_import(void **state)
{
    (void)state;
    char *body = arena_printf(a, "张一,%s,男,,441900003001,社会散居孤儿,2020-01-01,死亡,祖父\n"
                                 "张二,%s,,,岗贝社区居民委员会,农村留守儿童、低保家庭儿童,2021-01-01,外出务工,奶奶\n"
                                 ",,,,,,,,\n"
                                 "无证,,女,2016-02-03,441900003001,,,,\n",
                              id("20150301", "121"), id("20140301", "122"));
    ImportReport rep = import_csv(body, options());
    assert_int_equal(rep.problems.count, 0);
    assert_int_equal(rep.rows, 3);   /* the blank row is not counted */
    assert_int_equal(rep.inserted, 3);
    assert_true(rep.written);
    /* the same file again changes nothing */
    rep = import_csv(body, options());
    assert_int_equal(rep.unchanged, 3);
    assert_int_equal(rep.inserted + rep.updated, 0);
    /* a changed cell updates the record as a new version */
    char *changed = arena_printf(a, "张一,%s,男,,441900003001,社会散居孤儿,2020-01-01,死亡,外婆\n", id("20150301", "121"));
    rep = import_csv(changed, options());
    assert_int_equal(rep.updated, 1);
    Child c;
    assert_int_equal(store_child_by_id_number(s, &SCOPE_ALL, id("20150301", "121"), &c, a), STORE_OK);
    assert_int_equal(c.version, 2);
    assert_string_equal(c.guardian.relation, "maternal_grandmother");
    assert_int_equal(c.n_categories, 1);
    assert_string_equal(c.categories[0].status, "approved");
}

static void every_problem_kind(void **state)
{
    (void)state;
    struct {
        const char *row;
        const char *expect;
    } cases[] = {
        {"张,441900201503011230,男,,441900003001,,,,", "id_checksum@2:身份证号"},
        {",%s,男,,441900003001,,,,", "required@2:姓名"},
        {"张,%s,女,,441900003001,,,,", "sex_conflict@2:性别"},
        {"张,%s,,2015-03-02,441900003001,,,,", "birth_conflict@2:出生日期"},
        {"张,,男,2099-01-01,441900003001,,,,", "future_date@2:出生日期"},
        {"张,,男,2015-02-30,441900003001,,,,", "bad_date@2:出生日期"},
        {"张,,,2015-02-03,441900003001,,,,", "no_sex@2:性别"},
        {"张,%s,男,,441900999999,,,,", "unknown_area@2:居住村(社区)代码"},
        {"张,%s,男,,没有这个村,,,,", "unknown_area@2:居住村(社区)代码"},
        {"张,%s,男,,441900003000,,,,", "not_village@2:居住村(社区)代码"},
        {"张,%s,男,,441900003001,孤儿,2020-01-01,,", "ambiguous_category@2:儿童类别"},
        {"张,%s,男,,441900003001,外星儿童,2020-01-01,,", "bad_code@2:儿童类别"},
        {"张,%s,男,,441900003001,低保,2020-13-01,,", "bad_date@2:类别起始日期"},
        {"张,%s,男,,441900003001,,,坐牢,", "bad_code@2:父亲状况"},
        {"张,%s,男,,441900003001,,,,路人", "bad_code@2:监护人关系"},
        {"张,%s,狗,,441900003001,,,,", "bad_code@2:性别"},
    };
    const char *valid = id("20150301", "121");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fresh_store(state);
        char *row = arena_printf(a, cases[i].row, valid);
        ImportReport rep = import_csv(arena_printf(a, "%s\n", row), options());
        assert_string_equal(first(&rep), cases[i].expect);
        assert_false(rep.written);
        close_store(state);
    }
}

static void adults(void **state)
{
    (void)state;
    ImportReport rep = import_csv(arena_printf(a, "成年,%s,,,441900003001,,,,\n", id("20000101", "123")), options());
    assert_string_equal(first(&rep), "adult@2:出生日期");
    /* an orphan in school keeps a record after 18 */
    char *text = arena_printf(a, "姓名,身份证号,居住村(社区)代码,儿童类别,类别起始日期,就学状态\n"
                                 "成年孤儿,%s,441900003001,社会散居孤儿,2010-01-01,在校\n",
                              id("20040101", "123"));
    rep = import_text("adult.csv", text, strlen(text), options());
    assert_int_equal(rep.problems.count, 0);
    assert_int_equal(rep.inserted, 1);
}

static void all_or_nothing_and_skip_invalid(void **state)
{
    (void)state;
    char *body = arena_printf(a, "好,%s,,,441900003001,,,,\n坏,441900201503011230,,,441900003001,,,,\n好二,%s,,,441900003001,,,,\n",
                              id("20150301", "121"), id("20150302", "123"));
    ImportReport rep = import_csv(body, options());
    assert_int_equal(rep.rejected, 1);
    assert_false(rep.written);
    assert_null(rep.rejected_path);
    ChildFilter all = {.scope = SCOPE_ALL};
    long long total = -1;
    assert_int_equal(store_children_list(s, &all, NULL, NULL, &total, a), STORE_OK);
    assert_int_equal(total, 0);
    ImportOptions dry = options();
    dry.dry_run = true;
    dry.skip_invalid = true;
    rep = import_csv(body, dry);
    assert_false(rep.written);
    ImportOptions skip = options();
    skip.skip_invalid = true;
    rep = import_csv(body, skip);
    assert_true(rep.written);
    assert_int_equal(rep.inserted, 2);
    assert_int_equal(rep.rejected, 1);
    assert_non_null(rep.rejected_path);
    assert_non_null(strstr(rep.rejected_path, "in.rejected.csv"));
    FILE *f = fopen(rep.rejected_path, "r");
    assert_non_null(f);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, "错误原因"));
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, "坏,441900201503011230"));
    assert_non_null(strstr(line, "校验码"));
    assert_null(fgets(line, sizeof line, f));
    fclose(f);
}

static void duplicates_in_file(void **state)
{
    (void)state;
    const char *same = id("20150301", "121");
    ImportReport rep = import_csv(arena_printf(a, "甲,%s,,,441900003001,,,,\n乙,%s,,,441900003001,,,,\n", same, same),
                                  options());
    assert_string_equal(first(&rep), "duplicate_in_file@3:身份证号");
    /* full-width and lower-case forms of the same number are the same number */
    char *fw = arena_strdup(a, same);
    rep = import_csv(arena_printf(a, "甲,%s,,,441900003001,,,,\n乙,%s ,,,441900003001,,,,\n", same, fw), options());
    assert_int_equal(rep.problems.count, 1);
}

static void files_that_are_not_ledgers(void **state)
{
    (void)state;
    ImportReport rep = import_text("empty.csv", "", 0, options());
    assert_string_equal(rep.problems.head->code, "empty_file");
    rep = import_text("bom.csv", "\xEF\xBB\xBF\n\n", 5, options());
    assert_string_equal(rep.problems.head->code, "empty_file");
    const char *wrong = "foo,bar\n1,2\n";
    rep = import_text("wrong.csv", wrong, strlen(wrong), options());
    assert_string_equal(rep.problems.head->code, "missing_column");
    assert_int_equal(rep.warnings.count, 2);
    const char *twice = "姓名,姓名,居住村(社区)代码\n";
    rep = import_text("twice.csv", twice, strlen(twice), options());
    assert_string_equal(rep.problems.head->code, "duplicate_column");
    const char *binary = "\x89PNG\r\n\x1a\n\xff\xfe\xfd\x80\x81";
    rep = import_text("x.csv", binary, 13, options());
    assert_string_equal(rep.problems.head->code, "bad_encoding");
    rep = import_text("x.pdf", "%PDF-1.4", 8, options());
    assert_string_equal(rep.problems.head->code, "unknown_format");
}

static void bad_rows(void **state)
{
    (void)state;
    /* invalid UTF-8 in one row of an otherwise UTF-8 file */
    char *body = arena_printf(a, "好,%s,,,441900003001,,,,\n\xe5\xbc,%s,,,441900003001,,,,\n", id("20150301", "121"),
                              id("20150302", "123"));
    ImportReport rep = import_csv(body, options());
    assert_string_equal(first(&rep), "bad_utf8@3:");
    /* a 10 MB line */
    size_t big = 10u << 20;
    char *text = malloc(big + 200);
    size_t n = (size_t)sprintf(text, "%s好,", HEADER);
    memset(text + n, 'x', big);
    n += big;
    n += (size_t)sprintf(text + n, ",,,441900003001,,,,\n好二,%s,,,441900003001,,,,\n", id("20150302", "123"));
    rep = import_text("long.csv", text, n, options());
    free(text);
    assert_string_equal(first(&rep), "line_too_long@2:");
    assert_int_equal(rep.rows, 2);
}

/* TEXT converted from UTF-8 to GB18030, in A. */
static char *to_gb18030(const char *text, size_t *len)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    size_t in_left = strlen(text), out_left = in_left * 2;
    char *out = arena_alloc(a, out_left), *o = out, *in = (char *)text;
    assert_int_not_equal(iconv(cd, &in, &in_left, &o, &out_left), (size_t)-1);
    iconv_close(cd);
    *len = (size_t)(o - out);
    return out;
}

static void gb18030_files(void **state)
{
    (void)state;
    char *utf8 = arena_printf(a, "%s陈大文,%s,男,,441900003001,事实无人抚养儿童,2022-05-01,服刑在押,祖母\n", HEADER,
                              id("20130301", "131"));
    size_t len;
    char *gb = to_gb18030(utf8, &len);
    ImportReport rep = import_text("gb.csv", gb, len, options());
    assert_int_equal(rep.problems.count, 0);
    assert_int_equal(rep.inserted, 1);
    Child c;
    assert_int_equal(store_child_by_id_number(s, &SCOPE_ALL, id("20130301", "131"), &c, a), STORE_OK);
    assert_string_equal(c.name, "陈大文");
    assert_string_equal(c.father.situation, "imprisoned");
    assert_string_equal(c.categories[0].code, "de_facto_unsupported");
}

static void export_reimports_unchanged(void **state)
{
    (void)state;
    char *body = arena_printf(a, "甲,%s,,,441900003001,社会散居孤儿、困境儿童(自身残疾),2020-01-01、2021-06-01,死亡,祖父\n"
                                 "乙,,女,2017-01-01,441900118002,,,外出务工,\n",
                              id("20150301", "121"));
    ImportReport rep = import_csv(body, options());
    assert_int_equal(rep.inserted, 2);
    char path[256];
    snprintf(path, sizeof path, "%s/export.csv", dir);
    char *err = NULL;
    SheetWriter *w = sheet_create(path, SHEET_CSV, &err);
    assert_non_null(w);
    ChildFilter all = {.scope = SCOPE_ALL};
    long count = 0;
    assert_int_equal(ledger_export(s, &all, w, &count, a), STORE_OK);
    assert_true(sheet_finish(w, &err));
    assert_int_equal(count, 2);
    ImportReport again;
    ImportOptions o = options();
    assert_int_equal(ledger_import(s, path, &o, &again, a), STORE_OK);
    assert_int_equal(again.problems.count, 0);
    assert_int_equal(again.unchanged, 2);
    /* by area */
    ChildFilter town = {.scope = SCOPE_ALL, .area = "441900118000"};
    w = sheet_create(path, SHEET_CSV, &err);
    assert_int_equal(ledger_export(s, &town, w, &count, a), STORE_OK);
    assert_true(sheet_finish(w, &err));
    assert_int_equal(count, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(valid_rows_import, fresh_store, close_store),
        cmocka_unit_test(every_problem_kind),
        cmocka_unit_test_setup_teardown(adults, fresh_store, close_store),
        cmocka_unit_test_setup_teardown(all_or_nothing_and_skip_invalid, fresh_store, close_store),
        cmocka_unit_test_setup_teardown(duplicates_in_file, fresh_store, close_store),
        cmocka_unit_test_setup_teardown(files_that_are_not_ledgers, fresh_store, close_store),
        cmocka_unit_test_setup_teardown(bad_rows, fresh_store, close_store),
        cmocka_unit_test_setup_teardown(gb18030_files, fresh_store, close_store),
        cmocka_unit_test_setup_teardown(export_reimports_unchanged, fresh_store, close_store),
    };
    return cmocka_run_group_tests_name("ledger", tests, setup, teardown);
}
