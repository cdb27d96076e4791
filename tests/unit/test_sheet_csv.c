/*
** Tests of the CSV sheet backend's writer against formula injection
** (io/sheet_csv.c): a cell a spreadsheet would run as a formula is written
** with an apostrophe before it, the file's text is checked byte for byte,
** and reading it back gives every cell exactly as it was written, so that
** an export still re-imports unchanged.
*/
#include <string.h>
#include <unistd.h>
#include "testutil.h"
#include "io/sheet.h"

TEST_DIR_FIXTURE

/* Each cell as the ledger holds it, and as the CSV file must hold it. */
static const struct {
    const char *cell, *written;
} CELLS[] = {
    {"=HYPERLINK(\"http://x\",\"点击\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\""},
    {"+86 769 1234", "'+86 769 1234"},
    {"-1+2", "'-1+2"},
    {"@SUM(A1)", "'@SUM(A1)"},
    {"\t=1", "'\t=1"},
    {"=a,b", "\"'=a,b\""},                 /* the apostrophe goes inside the quotes */
    {"'=already marked", "''=already marked"},
    {"'plain apostrophe", "'plain apostrophe"},   /* not formula-like: as it is */
    {"李小明", "李小明"},
    {"2015-03-01", "2015-03-01"},
    {"", ""},
};
enum { NCELLS = sizeof CELLS / sizeof CELLS[0] };

static void test_formula_like_cells_marked_and_read_back(void **state)
{
    (void)state;
    char path[96];
    snprintf(path, sizeof path, "%s/cells.csv", dir);
    const char *cells[NCELLS];
    for (int i = 0; i < NCELLS; i++) cells[i] = CELLS[i].cell;

    char *err = NULL;
    SheetWriter *w = sheet_create(path, SHEET_CSV, &err);
    assert_non_null(w);
    assert_true(sheet_write(w, cells, NCELLS));
    assert_true(sheet_finish(w, &err));

    /* the file's text, cell by cell */
    char text[1024] = "";
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = 0;
    char expected[1024] = "\xEF\xBB\xBF";   /* the BOM, for Excel's sake */
    for (int i = 0; i < NCELLS; i++) {
        if (i) strcat(expected, ",");
        strcat(expected, CELLS[i].written);
    }
    strcat(expected, "\r\n");
    assert_string_equal(text, expected);

    /* read back: every cell as it was */
    Problems p;
    problems_init(&p, a);
    SheetReader *r = sheet_open(path, &p);
    assert_non_null(r);
    SheetRow row;
    assert_int_equal(sheet_next(r, &row), 1);
    assert_int_equal(row.n, NCELLS);
    for (int i = 0; i < NCELLS; i++) assert_string_equal(row.cells[i], CELLS[i].cell);
    assert_int_equal(sheet_next(r, &row), 0);
    sheet_close(r);
    assert_int_equal(p.count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_like_cells_marked_and_read_back),
    };
    return cmocka_run_group_tests_name("sheet_csv", tests, setup, teardown);
}
