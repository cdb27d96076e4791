/*
** An import into an empty ledger runs in bulk (store_bulk_begin(): the
** secondary indexes and the counters' insert triggers dropped, rebuilt and
** added once at the end). Here the same files are imported in bulk and row
** by row (ImportOptions.row_by_row) into two new databases, and everything
** they store must be the same: the records, their history, the categories,
** the name grams, the counters and the schema (every index and trigger back
** as its migration wrote it). Times of day are left out: they differ.
** One file is all new children; in the other a row matches an earlier one,
** which ends bulk mode halfway (the rest goes row by row).
*/
#include <sqlite3.h>
#include "testutil.h"
#include "io/ledger.h"
#include "util/buf.h"


TEST_DIR_FIXTURE

static const char HEADER[] = "姓名,身份证号,性别,出生日期,居住村(社区)代码,儿童类别,类别起始日期,父亲状况,监护人关系,档案状态,状态原因\n";
static const char *const VILLAGES[] = {"441900003001", "441900003002", "441900004003"};
static const char *const CATEGORIES[] = {"", "社会散居孤儿", "农村留守儿童、低保家庭儿童", "低保家庭儿童", "事实无人抚养儿童"};

/* N rows of children of every kind: with and without an ID number, a start
   date or not, categories or none, one in ten no longer active. With
   MATCH, the last row repeats an earlier child without an ID number (same
   name, birth date and village), adding a category: an update. In A. */
static const char *ledger(int n, bool match)
{
    Buf b = BUF_INIT;
    buf_adds(&b, HEADER);
    for (int i = 0; i < n; i++) {
        char birth[16], seq[8], idn[19];   /* room the compiler can see for any int */
        snprintf(birth, sizeof birth, "20%02d%02d%02d", 8 + i % 10, 1 + i % 12, 1 + i % 28);
        snprintf(seq, sizeof seq, "%03d", i % 1000);
        bool no_id = i % 7 == 3;
        const char *cat = CATEGORIES[i % 5];
        buf_printf(&b, "童%s%d,%s,%s,%.4s-%.2s-%.2s,%s,%s,%s,%s,%s,%s,%s\n", i % 2 ? "小" : "", i,
                   no_id ? "" : test_id(idn, "441900", birth, seq), no_id ? (i % 2 ? "男" : "女") : "",
                   birth, birth + 4, birth + 6, VILLAGES[i % 3], cat, *cat && i % 4 ? "2022-03-01" : "",
                   i % 5 == 2 ? "外出务工" : "", i % 5 == 2 ? "祖母" : "", i % 10 == 9 ? "迁出" : "",
                   i % 10 == 9 ? "随父母迁往外省" : "");
    }
    if (match) buf_printf(&b, "童小3,,,2011-04-04,%s,事实无人抚养儿童,2023-01-01,,,,\n", VILLAGES[0]);   /* row 3 */
    char *text = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return text;
}

/* Imports the file PATH into a new database NAME; returns the database's path. */
static const char *import_into(const char *name, const char *path, bool row_by_row, long expect_updated)
{
    Store *s = test_store(dir, name);
    ImportOptions o = {.author = "test", .today = {2024, 6, 1}, .rules = LEDGER_RULES_DEFAULT, .row_by_row = row_by_row};
    ImportReport rep;
    assert_int_equal(ledger_import(s, path, &o, &rep, a), STORE_OK);
    if (rep.problems.count) fprintf(stderr, "%s\n", problem_text(rep.problems.head, LANG_EN));
    assert_int_equal(rep.problems.count, 0);
    assert_true(rep.written);
    assert_int_equal(rep.updated, expect_updated);
    store_close(s);
    return arena_printf(a, "%s/%s.db", dir, name);
}

/* Every row SQL gives on the database at PATH, as text (in A). */
static const char *rows_of(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    Buf b = BUF_INIT;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            buf_printf(&b, "%s|", v ? (const char *)v : "NULL");
        }
        buf_addc(&b, '\n');
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    char *text = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return text;
}

static const char *const COMPARED[] = {
    "SELECT id, version, area, name, id_number, sex, birth_date, status, doc, updated_by FROM child ORDER BY id",
    "SELECT child_id, version, changed_by, reason, changes FROM child_version ORDER BY child_id, version",
    "SELECT rowid, * FROM child_category ORDER BY rowid",
    "SELECT * FROM child_name_gram ORDER BY gram, child_id",
    "SELECT * FROM stat_area WHERE n <> 0 ORDER BY 1, 2, 3",
    "SELECT * FROM stat_birth WHERE n <> 0 ORDER BY 1, 2",
    "SELECT * FROM stat_category WHERE n <> 0 ORDER BY 1, 2",
    "SELECT * FROM stat_flow ORDER BY 1, 2",
    "SELECT count(*) FROM name_gram_deferred",
    "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name",
};

static void assert_same_ledgers(const char *bulk, const char *plain)
{
    for (size_t i = 0; i < sizeof COMPARED / sizeof *COMPARED; i++) {
        const char *x = rows_of(bulk, COMPARED[i]), *y = rows_of(plain, COMPARED[i]);
        if (strcmp(x, y) != 0) fprintf(stderr, "differs: %s\n", COMPARED[i]);
        assert_string_equal(x, y);
    }
    /* and the ledger was not empty: the comparison compared something */
    assert_true(strlen(rows_of(bulk, "SELECT * FROM stat_category")) > 0);
    assert_true(strlen(rows_of(bulk, "SELECT 1 FROM child WHERE status <> 'active'")) > 0);
}

static void bulk_import_stores_what_row_by_row_does(void **state)
{
    (void)state;
    const char *text = ledger(400, false);
    const char *path = arena_strdup(a, test_file(dir, "all-new.csv", text, strlen(text)));
    assert_same_ledgers(import_into("bulk", path, false, 0), import_into("plain", path, true, 0));
}

static void a_matching_row_ends_bulk_mode_with_the_same_result(void **state)
{
    (void)state;
    const char *text = ledger(300, true);
    const char *path = arena_strdup(a, test_file(dir, "match.csv", text, strlen(text)));
    assert_same_ledgers(import_into("bulk2", path, false, 1), import_into("plain2", path, true, 1));
}

/* A second import over a ledger that is not empty is row by row (nothing to
   rebuild); the schema stays whole after either. */
static void a_second_import_keeps_the_schema(void **state)
{
    (void)state;
    const char *text = ledger(50, false);
    const char *path = arena_strdup(a, test_file(dir, "twice.csv", text, strlen(text)));
    Store *s = test_store(dir, "twice");
    ImportOptions o = {.author = "test", .today = {2024, 6, 1}, .rules = LEDGER_RULES_DEFAULT};
    ImportReport rep;
    assert_int_equal(ledger_import(s, path, &o, &rep, a), STORE_OK);
    assert_int_equal(rep.inserted, 50);
    assert_int_equal(ledger_import(s, path, &o, &rep, a), STORE_OK);
    assert_int_equal(rep.unchanged, 50);
    store_close(s);
    const char *fresh = arena_printf(a, "%s/fresh.db", dir);
    store_close(test_store(dir, "fresh"));
    const char *schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name";
    assert_string_equal(rows_of(arena_printf(a, "%s/twice.db", dir), schema), rows_of(fresh, schema));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(bulk_import_stores_what_row_by_row_does, setup, teardown),
        cmocka_unit_test_setup_teardown(a_matching_row_ends_bulk_mode_with_the_same_result, setup, teardown),
        cmocka_unit_test_setup_teardown(a_second_import_keeps_the_schema, setup, teardown),
    };
    return cmocka_run_group_tests_name("import_bulk", tests, NULL, NULL);
}
