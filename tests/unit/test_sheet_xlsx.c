/*
** Tests of the .xlsx sheet backend (io/sheet_xlsx.c): what libxlsxwriter
** writes reads back exactly; workbooks made by hand here, part by part with
** libzip, stand in for what Excel and WPS write (shared strings, rich text,
** dates, skipped rows and columns) and for malicious files (zip bombs,
** lying sizes, entity expansion, endless rows and tags).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>
#include "io/sheet.h"
#include "util/buf.h"
#include "util/text.h"

/* ---- helpers ---- */

static char tmpdir[] = "/tmp/test_sheet_xlsx.XXXXXX";

static int make_tmpdir(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    return rmdir(tmpdir);   /* every test removes its files: a leftover fails here */
}

/* DIR/NAME, in a buffer the caller frees. */
static char *tmp_path(const char *name)
{
    Buf b = BUF_INIT;
    buf_printf(&b, "%s/%s", tmpdir, name);
    return buf_take(&b);
}

typedef struct ZipPart {
    const char *name;
    const char *data;   /* NULL ends a list */
    size_t len;         /* 0 = strlen(data) */
    bool store;         /* not compressed */
} ZipPart;

/* Writes PARTS (up to one with data NULL) as the zip archive PATH. */
static void write_zip(const char *path, const ZipPart *parts)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (const ZipPart *p = parts; p->data; p++) {
        size_t len = p->len ? p->len : strlen(p->data);
        zip_source_t *src = zip_source_buffer(z, p->data, len, 0);
        assert_non_null(src);
        zip_int64_t i = zip_file_add(z, p->name, src, ZIP_FL_ENC_UTF_8);
        assert_true(i >= 0);
        assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)i, p->store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                                  p->store ? 0 : 9),
                         0);
    }
    assert_int_equal(zip_close(z), 0);
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char WORKBOOK[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
    "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/></Relationships>";

/* A worksheet part around ROWS (the <row> elements), in a buffer the caller frees. */
static char *sheet_xml(const char *rows)
{
    Buf b = BUF_INIT;
    buf_printf(&b,
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
               "<worksheet xmlns=\"%s\" xmlns:r=\"%s\"><dimension ref=\"A1\"/><sheetData>%s</sheetData>"
               "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
               "</worksheet>",
               NS_MAIN, NS_REL, rows);
    return buf_take(&b);
}

/* Writes a workbook PATH of one worksheet SHEET (a whole part), with shared
   strings SST and styles STYLES when not NULL. */
static void write_xlsx(const char *path, const char *sheet, const char *sst, const char *styles)
{
    ZipPart parts[6] = {{"xl/workbook.xml", WORKBOOK, 0, false},
                        {"xl/_rels/workbook.xml.rels", RELS, 0, false},
                        {"xl/worksheets/sheet1.xml", sheet, 0, false}};
    int n = 3;
    if (sst) parts[n++] = (ZipPart){"xl/sharedStrings.xml", sst, 0, false};
    if (styles) parts[n++] = (ZipPart){"xl/styles.xml", styles, 0, false};
    write_zip(path, parts);
}

/* write_xlsx() with the worksheet made of ROWS. */
static void write_rows(const char *path, const char *rows, const char *sst, const char *styles)
{
    char *sheet = sheet_xml(rows);
    write_xlsx(path, sheet, sst, styles);
    free(sheet);
}

static void dump_text(Buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\n') buf_adds(b, "\\n");
        else if (*s == '\r') buf_adds(b, "\\r");
        else if (*s == '\t') buf_adds(b, "\\t");
        else buf_addc(b, *s);
    }
}

/* Reads PATH whole into text, a line per row: "NUMBER: cell|cell", with
   "!problem" after the number when the row has one, and a last line "end 0"
   or "end -1". NULL if it does not open. Problems go to P. Caller frees. */
static char *read_all(const char *path, Problems *p)
{
    SheetReader *r = sheet_xlsx_open(path, p);
    if (!r) return NULL;
    Buf b = BUF_INIT;
    SheetRow row;
    int rc;
    while ((rc = sheet_next(r, &row)) == 1) {
        buf_printf(&b, "%ld%s%s:", row.number, row.problem ? "!" : "", row.problem ? row.problem : "");
        for (int i = 0; i < row.n; i++) {
            buf_adds(&b, i ? "|" : " ");
            dump_text(&b, row.cells[i]);
        }
        buf_addc(&b, '\n');
    }
    buf_printf(&b, "end %d", rc);
    sheet_close(r);
    return buf_take(&b);
}

/* The only problem in P has CODE, and its English text contains WORDS. */
static void assert_problem(const Problems *p, const char *code, const char *words)
{
    assert_int_equal(p->count, 1);
    assert_string_equal(p->head->code, code);
    const char *en = problem_text(p->head, LANG_EN), *zh = problem_text(p->head, LANG_ZH);
    if (words && !strstr(en, words)) fail_msg("\"%s\" does not say \"%s\"", en, words);
    assert_true(strlen(zh) > 0 && utf8_valid(zh, strlen(zh)));
}

/* ---- writing and reading back ---- */

static void test_round_trip(void **state)
{
    (void)state;
    char *path = tmp_path("round.xlsx");
    const char *rows[][5] = {
        {"姓名", "公民身份号码", "编码", NULL, "备注"},
        {"张三", "11010520100101001X", "01", NULL, "第一行\n第二行"},
        {"李四", "441900201001011234", "007", "", "tab\there & <x> \"q\" 'a'"},
        {NULL, NULL, NULL, NULL, NULL},   /* an empty row: not read back */
        {NULL, NULL, "只有C列", NULL, NULL},
        {"王五 ", " 1.0", "4.41900201001011E+17", "2024-01-31", NULL},
    };
    char *err = NULL;
    SheetWriter *w = sheet_xlsx_create(path, &err);
    assert_non_null(w);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) assert_true(sheet_write(w, rows[i], 5));
    assert_true(sheet_finish(w, &err));
    assert_null(err);

    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    char *got = read_all(path, &p);
    assert_non_null(got);
    assert_string_equal(got, "1: 姓名|公民身份号码|编码||备注\n"
                             "2: 张三|11010520100101001X|01||第一行\\n第二行\n"
                             "3: 李四|441900201001011234|007||tab\\there & <x> \"q\" 'a'\n"
                             "5: ||只有C列\n"
                             "6: 王五 | 1.0|4.41900201001011E+17|2024-01-31\n"
                             "end 0");
    assert_int_equal(p.count, 0);
    free(got);
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

/* The writer's workbook has the sheet name, a frozen header and column
   widths; the cells are inline strings (constant-memory mode). */
static void test_written_parts(void **state)
{
    (void)state;
    char *path = tmp_path("parts.xlsx");
    const char *header[] = {"姓名", "公民身份号码"};
    const char *row[] = {"张三", "11010520100101001X"};
    char *err = NULL;
    SheetWriter *w = sheet_xlsx_create(path, &err);
    assert_non_null(w);
    assert_true(sheet_write(w, header, 2));
    assert_true(sheet_write(w, row, 2));
    assert_true(sheet_finish(w, &err));

    int e = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &e);
    assert_non_null(z);
    char buf[8192];
    zip_file_t *f = zip_fopen(z, "xl/workbook.xml", 0);
    assert_non_null(f);
    zip_int64_t n = zip_fread(f, buf, sizeof buf - 1);
    assert_true(n > 0);
    buf[n] = 0;
    zip_fclose(f);
    assert_non_null(strstr(buf, "name=\"儿童台账\""));
    f = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
    assert_non_null(f);
    n = zip_fread(f, buf, sizeof buf - 1);
    assert_true(n > 0);
    buf[n] = 0;
    zip_fclose(f);
    zip_discard(z);
    assert_non_null(strstr(buf, "state=\"frozen\""));
    assert_non_null(strstr(buf, "<col min=\"2\" max=\"2\" width=\"20"));   /* 18 digits + 2 */
    assert_non_null(strstr(buf, "t=\"inlineStr\""));
    assert_int_equal(unlink(path), 0);
    free(path);
}

static void test_writer_row_limit(void **state)
{
    (void)state;
    char *path = tmp_path("limit.xlsx");
    char *err = NULL;
    SheetWriter *w = sheet_xlsx_create(path, &err);
    assert_non_null(w);
    const char *one[] = {"x"};
    assert_true(sheet_write(w, one, 1));
    for (long i = 1; i < 1048576; i++) assert_true(sheet_write(w, NULL, 0));   /* empty rows cost nothing */
    assert_false(sheet_write(w, one, 1));
    assert_false(sheet_write(w, one, 1));
    assert_false(sheet_finish(w, &err));
    assert_non_null(err);
    assert_non_null(strstr(err, "1048576"));
    assert_int_equal(access(path, F_OK), -1);   /* no half-written workbook is left */
    free(err);
    free(path);
}

static void test_writer_bad_path(void **state)
{
    (void)state;
    char *err = NULL;
    assert_null(sheet_xlsx_create("/nonexistent-dir/x.xlsx", &err));
    assert_non_null(err);
    assert_non_null(strstr(err, "/nonexistent-dir/x.xlsx"));
    free(err);
}

/* ---- what Excel and WPS write ---- */

static const char SST[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<sst xmlns=\"" NS_MAIN "\" count=\"5\" uniqueCount=\"5\">"
    "<si><t>姓名</t></si>"
    "<si><r><rPr><b/><sz val=\"11\"/></rPr><t>张</t></r><r><t xml:space=\"preserve\">三 </t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>ZHANG</t></rPh><phoneticPr fontId=\"1\"/></si>"
    "<si><t>第一行_x000D_\n第二行_x005F_x0041_</t></si>"
    "<si><t/></si>"
    "<si><t>A&amp;B &lt;C&gt;</t></si>"
    "</sst>";

/* Styles: 0 General, 1 a built-in date, 2 a custom Chinese date, 3 a custom
   number, 4 a built-in time. The <dxf> format and the <cellStyleXfs> are not
   cell styles and must not count. */
static const char STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"2\">"
    "<numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@\"/>"
    "<numFmt numFmtId=\"177\" formatCode=\"#,##0.00_ ;[Red]\\-#,##0.00\\ \"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"176\"/><xf numFmtId=\"177\"/><xf numFmtId=\"20\"/></cellXfs>"
    "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"177\" formatCode=\"yyyy-mm-dd\"/></dxf></dxfs></styleSheet>";

static void test_excel_cells(void **state)
{
    (void)state;
    char *path = tmp_path("excel.xlsx");
    write_rows(path,
               "<row r=\"1\" spans=\"1:4\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
               "<c r=\"B1\" t=\"inlineStr\"><is><t>公民身份号码</t></is></c>"
               "<c r=\"C1\" t=\"s\"><v>1</v></c><c r=\"D1\" t=\"s\"><v>2</v></c><c r=\"E1\" t=\"s\"><v>4</v></c></row>"
               "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>1.0</v></c><c r=\"C2\"><v>441900.0</v></c>"
               "<c r=\"D2\"><v>4.41900201001011E+17</v></c><c r=\"E2\"><v>4.41900200101011E+14</v></c>"
               "<c r=\"F2\"><v>0.30000000000000004</v></c><c r=\"G2\" s=\"3\"><v>12.5</v></c>"
               "<c r=\"H2\" s=\"3\"><v>3.0</v></c><c r=\"I2\"><v>123456789012345678</v></c><c r=\"J2\"><v>-2.5</v></c></row>"
               "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>45292</v></c><c r=\"B3\" s=\"2\"><v>45323</v></c>"
               "<c r=\"C3\" s=\"1\"><v>45292.5</v></c><c r=\"D3\" s=\"4\"><v>0.75</v></c>"
               "<c r=\"E3\" s=\"1\"><v>60</v></c><c r=\"F3\" s=\"1\"><v>61</v></c><c r=\"G3\" s=\"1\"><v>1</v></c></row>"
               "<row r=\"4\"><c r=\"A4\" t=\"b\"><v>1</v></c><c r=\"B4\" t=\"b\"><v>0</v></c>"
               "<c r=\"C4\" t=\"e\"><v>#N/A</v></c><c r=\"D4\" t=\"str\"><f>A1&amp;\"x\"</f><v>公式</v></c>"
               "<c r=\"E4\" t=\"s\"><v>3</v></c><c r=\"F4\" t=\"d\"><v>2024-03-05T00:00:00</v></c>"
               "<c r=\"G4\" t=\"inlineStr\"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r>"
               "<rPh><t>fu</t></rPh></is></c><c r=\"H4\" t=\"s\"><v>3</v></c></row>",
               SST, STYLES);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    char *got = read_all(path, &p);
    assert_non_null(got);
    assert_string_equal(got, "1: 姓名|公民身份号码|张三 |第一行\\r\\n第二行_x0041_|A&B <C>\n"
                             "2: 1|1|441900|4.41900201001011E+17|441900200101011|0.3|12.5|3|123456789012345678|-2.5\n"
                             "3: 2024-01-01|2024-02-01|2024-01-01 12:00:00|18:00:00|1900-02-29|1900-03-01|1900-01-01\n"
                             "4: TRUE|FALSE|#N/A|公式||2024-03-05|富文本\n"
                             "end 0");
    assert_int_equal(p.count, 0);
    free(got);
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

/* Rows and cells placed by their r attributes, with prefixed element names
   (as some generators write); formatted empty cells far right are no data. */
static void test_skipped_rows_and_columns(void **state)
{
    (void)state;
    char *path = tmp_path("gaps.xlsx");
    const char *sheet =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData>"
        "<x:row r=\"3\"><x:c r=\"B3\" t=\"inlineStr\"><x:is><x:t>x</x:t></x:is></x:c><x:c r=\"E3\"><x:v>5</x:v></x:c></x:row>"
        "<x:row r=\"7\"><x:c r=\"A7\"><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c><x:c><x:v>3</x:v></x:c></x:row>"
        "<x:row><x:c r=\"C8\"><x:v>9</x:v></x:c></x:row>"
        "<x:row r=\"9\" s=\"1\" customFormat=\"1\"/>"
        "<x:row r=\"10\"><x:c r=\"A10\" s=\"1\"/><x:c r=\"XFD10\" s=\"1\"/></x:row>"
        "<x:row r=\"11\"><x:c r=\"A11\"><x:v>1</x:v></x:c><x:c r=\"XFD11\"><x:v>2</x:v></x:c></x:row>"
        "<x:row r=\"12\"><x:c r=\"ZZZZZZZ12\"><x:v>1</x:v></x:c></x:row>"
        "<x:row r=\"1048576\"><x:c r=\"IV1048576\" t=\"inlineStr\"><x:is><x:t>最后</x:t></x:is></x:c></x:row>"
        "</x:sheetData></x:worksheet>";
    write_xlsx(path, sheet, NULL, NULL);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    char *got = read_all(path, &p);
    assert_non_null(got);
    Buf want = BUF_INIT;
    buf_adds(&want, "3: |x|||5\n7: 1|2|3\n8: ||9\n11!extra_cells: 1\n12!extra_cells:\n1048576: ");
    for (int i = 0; i < 255; i++) buf_addc(&want, '|');   /* IV is the 256th column */
    buf_adds(&want, "最后\nend 0");
    assert_string_equal(got, buf_str(&want));
    assert_int_equal(p.count, 0);
    buf_free(&want);
    free(got);
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

/* The first visible sheet is read, wherever its relationship points; the
   workbook counts days from 1904. */
static void test_workbook_relationships(void **state)
{
    (void)state;
    char *path = tmp_path("rels.xlsx");
    const char *book =
        "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><workbookPr date1904=\"1\"/><sheets>"
        "<sheet name=\"字典\" sheetId=\"3\" state=\"hidden\" r:id=\"rId9\"/>"
        "<sheet name=\"图表\" sheetId=\"2\" r:id=\"rId8\"/>"
        "<sheet name=\"台账\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>";
    const char *rels =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId9\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId8\" Type=\"" NS_REL "/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId7\" Type=\"" NS_REL "/worksheet\" Target=\"/xl/worksheets/../worksheets/data.xml\"/>"
        "<Relationship Id=\"rId1\" Type=\"" NS_REL "/styles\" Target=\"theme/../my-styles.xml\"/></Relationships>";
    char *hidden = sheet_xml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>字典</t></is></c></row>");
    char *data = sheet_xml("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43830</v></c></row>");
    const ZipPart parts[] = {{"xl/workbook.xml", book, 0, false},
                             {"xl/_rels/workbook.xml.rels", rels, 0, false},
                             {"xl/worksheets/sheet1.xml", hidden, 0, false},
                             {"xl/worksheets/data.xml", data, 0, false},
                             {"xl/my-styles.xml", STYLES, 0, false},
                             {NULL, NULL, 0, false}};
    write_zip(path, parts);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    char *got = read_all(path, &p);
    assert_non_null(got);
    assert_string_equal(got, "1: 1904-01-01|2024-01-01\nend 0");
    assert_int_equal(p.count, 0);
    free(got);
    free(hidden);
    free(data);
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

/* Without workbook.xml, xl/worksheets/sheet1.xml is read; an empty sheet
   has no rows and no problem. */
static void test_fallback_and_empty(void **state)
{
    (void)state;
    char *path = tmp_path("bare.xlsx");
    char *sheet = sheet_xml("<row r=\"2\"><c r=\"B2\"><v>7</v></c></row>");
    const ZipPart bare[] = {{"xl/worksheets/sheet1.xml", sheet, 0, false}, {NULL, NULL, 0, false}};
    write_zip(path, bare);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    char *got = read_all(path, &p);
    assert_non_null(got);
    assert_string_equal(got, "2: |7\nend 0");
    free(got);
    free(sheet);

    sheet = sheet_xml("");
    write_xlsx(path, sheet, NULL, NULL);
    got = read_all(path, &p);
    assert_non_null(got);
    assert_string_equal(got, "end 0");
    assert_int_equal(p.count, 0);
    free(got);
    free(sheet);
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

/* Rows stream: many rows read in order, in the reader's fixed memory. */
static void test_many_rows(void **state)
{
    (void)state;
    char *path = tmp_path("many.xlsx");
    Buf rows = BUF_INIT;
    for (int i = 1; i <= 100000; i++)
        buf_printf(&rows, "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is><t>儿童%d</t></is></c><c r=\"B%d\"><v>%d</v></c></row>",
                   i, i, i, i, i);
    write_rows(path, buf_str(&rows), NULL, NULL);
    buf_free(&rows);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    SheetReader *r = sheet_xlsx_open(path, &p);
    assert_non_null(r);
    SheetRow row;
    long count = 0;
    char want[32];
    while (sheet_next(r, &row) == 1) {
        count++;
        assert_int_equal(row.number, count);
        assert_int_equal(row.n, 2);
        snprintf(want, sizeof want, "儿童%ld", count);
        assert_string_equal(row.cells[0], want);
        snprintf(want, sizeof want, "%ld", count);
        assert_string_equal(row.cells[1], want);
    }
    assert_int_equal(count, 100000);
    assert_int_equal(sheet_next(r, &row), 0);   /* and stays at the end */
    sheet_close(r);
    assert_int_equal(p.count, 0);
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

/* ---- files that are not workbooks ---- */

static void test_not_zip(void **state)
{
    (void)state;
    char *path = tmp_path("not.xlsx");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("姓名,公民身份号码\n张三,11010520100101001X\n", f);
    fclose(f);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    assert_null(sheet_xlsx_open(path, &p));
    assert_problem(&p, "bad_xlsx", "not a zip archive");
    assert_non_null(strstr(problem_text(p.head, LANG_ZH), "不是zip压缩包"));

    f = fopen(path, "wb");   /* now empty */
    assert_non_null(f);
    fclose(f);
    problems_init(&p, a);
    assert_null(sheet_xlsx_open(path, &p));
    assert_problem(&p, "empty_file", NULL);

    problems_init(&p, a);
    assert_null(sheet_xlsx_open("/nonexistent-dir/x.xlsx", &p));
    assert_problem(&p, "bad_xlsx", "cannot open");
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

static void test_zip_without_workbook(void **state)
{
    (void)state;
    char *path = tmp_path("doc.xlsx");
    const ZipPart parts[] = {{"word/document.xml", "<document/>", 0, false}, {NULL, NULL, 0, false}};
    write_zip(path, parts);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    assert_null(sheet_xlsx_open(path, &p));
    assert_problem(&p, "bad_xlsx", "xl/workbook.xml is missing");
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

/* ---- malicious and broken files ---- */

/* A worksheet of one cell holding N spaces (compresses about 1000:1), in a
   buffer the caller frees. */
static char *spaces_sheet(size_t n, size_t *len)
{
    const char *head = "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\"><v>";
    const char *tail = "</v></c></row></sheetData></worksheet>";
    size_t h = strlen(head), t = strlen(tail);
    char *s = malloc(h + n + t + 1);
    assert_non_null(s);
    memcpy(s, head, h);
    memset(s + h, ' ', n);
    memcpy(s + h + n, tail, t + 1);
    *len = h + n + t;
    return s;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_zip_bomb_refused(void **state)
{
    (void)state;
    char *path = tmp_path("bomb.xlsx");
    size_t len;
    char *sheet = spaces_sheet(50u << 20, &len);
    const ZipPart parts[] = {{"xl/workbook.xml", WORKBOOK, 0, false},
                             {"xl/_rels/workbook.xml.rels", RELS, 0, false},
                             {"xl/worksheets/sheet1.xml", sheet, len, false},
                             {NULL, NULL, 0, false}};
    write_zip(path, parts);
    free(sheet);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_null(sheet_xlsx_open(path, &p));   /* by the sizes the archive declares */
    assert_true(seconds_since(&t0) < 0.5);
    assert_problem(&p, "bad_xlsx", "beyond 1000:1");
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

/* Sets the uncompressed size of part NAME in archive PATH, in both its local
   header and the central directory, to SIZE: a bomb made to pass the check
   of declared sizes. */
static void forge_size(const char *path, const char *name, uint32_t size)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    unsigned char *b = malloc((size_t)n);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    size_t len = strlen(name);
    unsigned char le[4] = {(unsigned char)size, (unsigned char)(size >> 8), (unsigned char)(size >> 16),
                           (unsigned char)(size >> 24)};
    int patched = 0;
    for (long i = 0; i + 46 + (long)len <= n; i++) {
        if (memcmp(b + i, "PK\3\4", 4) == 0 && b[i + 26] == len && memcmp(b + i + 30, name, len) == 0) {
            memcpy(b + i + 22, le, 4);
            patched++;
        } else if (memcmp(b + i, "PK\1\2", 4) == 0 && b[i + 28] == len && memcmp(b + i + 46, name, len) == 0) {
            memcpy(b + i + 24, le, 4);
            patched++;
        }
    }
    assert_int_equal(patched, 2);
    rewind(f);
    assert_int_equal(fwrite(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    free(b);
}

static void test_zip_bomb_with_forged_size(void **state)
{
    (void)state;
    char *path = tmp_path("forged.xlsx");
    size_t len;
    char *sheet = spaces_sheet(50u << 20, &len);
    const ZipPart parts[] = {{"xl/workbook.xml", WORKBOOK, 0, false},
                             {"xl/_rels/workbook.xml.rels", RELS, 0, false},
                             {"xl/worksheets/sheet1.xml", sheet, len, false},
                             {NULL, NULL, 0, false}};
    write_zip(path, parts);
    free(sheet);
    forge_size(path, "xl/worksheets/sheet1.xml", 1000);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char *got = read_all(path, &p);   /* opens: the forged sizes pass */
    assert_non_null(got);
    assert_string_equal(got, "end -1");   /* but the first chunk inflates past them */
    assert_true(seconds_since(&t0) < 0.5);
    assert_problem(&p, "bad_xlsx", "larger than the archive says");
    free(got);
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

#define LAUGHS                                                                                                 \
    "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"                                         \
    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"                                  \
    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"                        \
    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"                        \
    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"                        \
    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"                        \
    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"                        \
    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"                        \
    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"                        \
    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>\n"

static void test_entities_refused(void **state)
{
    (void)state;
    char *path = tmp_path("laughs.xlsx");
    Arena *a = arena_new();
    Problems p;

    /* in the shared strings: refused on opening */
    char *sheet = sheet_xml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>");
    write_xlsx(path, sheet, LAUGHS "<sst xmlns=\"" NS_MAIN "\"><si><t>&lol9;</t></si></sst>", NULL);
    free(sheet);
    problems_init(&p, a);
    assert_null(sheet_xlsx_open(path, &p));
    assert_problem(&p, "bad_xlsx", "xl/sharedStrings.xml: it has a DOCTYPE");

    /* in the worksheet: refused on the first row */
    write_xlsx(path,
               LAUGHS "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                      "<is><t>&lol9;</t></is></c></row></sheetData></worksheet>",
               NULL, NULL);
    problems_init(&p, a);
    char *got = read_all(path, &p);
    assert_non_null(got);
    assert_string_equal(got, "end -1");
    assert_problem(&p, "bad_xlsx", "xl/worksheets/sheet1.xml: it has a DOCTYPE");
    free(got);

    /* an external entity, in the workbook */
    const char *book = "<?xml version=\"1.0\"?>\n<!DOCTYPE wb [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                       "<workbook xmlns=\"" NS_MAIN "\"><sheets><sheet name=\"&xxe;\"/></sheets></workbook>";
    const ZipPart parts[] = {{"xl/workbook.xml", book, 0, false}, {NULL, NULL, 0, false}};
    write_zip(path, parts);
    problems_init(&p, a);
    assert_null(sheet_xlsx_open(path, &p));
    assert_problem(&p, "bad_xlsx", "xl/workbook.xml: it has a DOCTYPE");

    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

static void test_extra_cells(void **state)
{
    (void)state;
    char *path = tmp_path("wide.xlsx");
    Buf rows = BUF_INIT;
    buf_adds(&rows, "<row r=\"1\">");
    for (int i = 1; i <= 300; i++) buf_printf(&rows, "<c><v>%d</v></c>", i);
    buf_adds(&rows, "</row><row r=\"2\"><c><v>next</v></c></row>");
    write_rows(path, buf_str(&rows), NULL, NULL);
    buf_free(&rows);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    SheetReader *r = sheet_xlsx_open(path, &p);
    assert_non_null(r);
    SheetRow row;
    assert_int_equal(sheet_next(r, &row), 1);
    assert_int_equal(row.number, 1);
    assert_int_equal(row.n, SHEET_MAX_CELLS);
    assert_string_equal(row.problem, "extra_cells");
    assert_string_equal(row.cells[0], "1");
    assert_string_equal(row.cells[SHEET_MAX_CELLS - 1], "256");
    assert_int_equal(sheet_next(r, &row), 1);
    assert_int_equal(row.number, 2);
    assert_int_equal(row.n, 1);
    assert_null(row.problem);
    assert_string_equal(row.cells[0], "next");
    assert_int_equal(sheet_next(r, &row), 0);
    sheet_close(r);
    assert_int_equal(p.count, 0);
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

/* A row over SHEET_MAX_ROW_BYTES, inline (stored, so no ratio stops it) and
   from a shared string: flagged, cut on a character boundary, and the next
   row is read as usual. */
static void test_long_row(void **state)
{
    (void)state;
    char *path = tmp_path("long.xlsx");
    Buf big = BUF_INIT;
    for (int i = 0; i < 700000; i++) buf_adds(&big, "汉");   /* 2.1 MB */
    Buf rows = BUF_INIT;
    buf_printf(&rows, "<row r=\"1\"><c t=\"inlineStr\"><is><t>%s</t></is></c><c><v>2</v></c></row>", buf_str(&big));
    buf_adds(&rows, "<row r=\"2\"><c t=\"s\"><v>0</v></c></row><row r=\"3\"><c t=\"inlineStr\"><is><t>ok</t></is></c></row>");
    char *sheet = sheet_xml(buf_str(&rows));
    Buf sst = BUF_INIT;
    buf_printf(&sst, "<sst xmlns=\"%s\"><si><t>%s</t></si></sst>", NS_MAIN, buf_str(&big));
    const ZipPart parts[] = {{"xl/workbook.xml", WORKBOOK, 0, false},
                             {"xl/_rels/workbook.xml.rels", RELS, 0, false},
                             {"xl/worksheets/sheet1.xml", sheet, 0, true},
                             {"xl/sharedStrings.xml", buf_str(&sst), 0, true},
                             {NULL, NULL, 0, false}};
    write_zip(path, parts);
    free(sheet);
    buf_free(&rows);
    buf_free(&sst);

    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    SheetReader *r = sheet_xlsx_open(path, &p);
    assert_non_null(r);
    SheetRow row;
    for (long number = 1; number <= 2; number++) {
        assert_int_equal(sheet_next(r, &row), 1);
        assert_int_equal(row.number, number);
        assert_string_equal(row.problem, "line_too_long");
        assert_true(row.n >= 1);
        size_t len = strlen(row.cells[0]);
        assert_true(len > 0 && len <= SHEET_MAX_ROW_BYTES);
        assert_int_equal(len % 3, 0);
        assert_true(utf8_valid(row.cells[0], len));
        assert_int_equal(memcmp(row.cells[0], buf_str(&big), len), 0);
    }
    assert_int_equal(sheet_next(r, &row), 1);
    assert_int_equal(row.number, 3);
    assert_null(row.problem);
    assert_string_equal(row.cells[0], "ok");
    assert_int_equal(sheet_next(r, &row), 0);
    sheet_close(r);
    assert_int_equal(p.count, 0);
    buf_free(&big);
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

static void test_too_many_shared_strings(void **state)
{
    (void)state;
    char *path = tmp_path("sst.xlsx");
    Buf sst = BUF_INIT;
    buf_printf(&sst, "<sst xmlns=\"%s\">", NS_MAIN);
    for (long i = 0; i <= 1000000; i++) buf_adds(&sst, "<si/>");
    buf_adds(&sst, "</sst>");
    char *sheet = sheet_xml("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>");
    const ZipPart parts[] = {{"xl/workbook.xml", WORKBOOK, 0, false},
                             {"xl/_rels/workbook.xml.rels", RELS, 0, false},
                             {"xl/worksheets/sheet1.xml", sheet, 0, false},
                             {"xl/sharedStrings.xml", buf_str(&sst), 0, true},
                             {NULL, NULL, 0, false}};
    write_zip(path, parts);
    free(sheet);
    buf_free(&sst);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    assert_null(sheet_xlsx_open(path, &p));
    assert_problem(&p, "bad_xlsx", "more than 1,000,000 shared strings");
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

/* A tag that never ends would be held whole by expat: refused past 1 MiB. */
static void test_endless_tag(void **state)
{
    (void)state;
    char *path = tmp_path("tag.xlsx");
    Buf rows = BUF_INIT;
    buf_adds(&rows, "<row r=\"1\"><c r=\"A1\" x=\"");
    for (int i = 0; i < (3 << 20) / 64; i++) buf_adds(&rows, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    buf_adds(&rows, "\"><v>1</v></c></row>");
    char *sheet = sheet_xml(buf_str(&rows));
    const ZipPart parts[] = {{"xl/workbook.xml", WORKBOOK, 0, false},
                             {"xl/_rels/workbook.xml.rels", RELS, 0, false},
                             {"xl/worksheets/sheet1.xml", sheet, 0, true},
                             {NULL, NULL, 0, false}};
    write_zip(path, parts);
    free(sheet);
    buf_free(&rows);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    char *got = read_all(path, &p);
    assert_non_null(got);
    assert_string_equal(got, "end -1");
    assert_problem(&p, "bad_xlsx", "XML tag over 1 MiB");
    free(got);
    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

static void test_broken_sheets(void **state)
{
    (void)state;
    char *path = tmp_path("broken.xlsx");
    Arena *a = arena_new();
    Problems p;

    /* a shared string that is not there: the rows before it are read */
    write_rows(path, "<row r=\"1\"><c t=\"s\"><v>0</v></c></row><row r=\"2\"><c t=\"s\"><v>5</v></c></row>",
               "<sst xmlns=\"" NS_MAIN "\"><si><t>a</t></si></sst>", NULL);
    problems_init(&p, a);
    char *got = read_all(path, &p);
    assert_non_null(got);
    assert_string_equal(got, "1: a\nend -1");
    assert_problem(&p, "bad_xlsx", "shared string that does not exist");
    free(got);

    /* malformed XML */
    write_xlsx(path, "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>\n<row><c></row></sheetData></worksheet>",
               NULL, NULL);
    problems_init(&p, a);
    got = read_all(path, &p);
    assert_non_null(got);
    assert_string_equal(got, "1: 1\nend -1");
    assert_problem(&p, "bad_xlsx", "XML error at line 2");
    free(got);

    /* cut short */
    write_xlsx(path, "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2", NULL, NULL);
    problems_init(&p, a);
    got = read_all(path, &p);
    assert_non_null(got);
    assert_string_equal(got, "1: 1\nend -1");
    assert_problem(&p, "bad_xlsx", "XML error");
    free(got);

    arena_free(a);
    assert_int_equal(unlink(path), 0);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_written_parts),
        cmocka_unit_test(test_writer_row_limit),
        cmocka_unit_test(test_writer_bad_path),
        cmocka_unit_test(test_excel_cells),
        cmocka_unit_test(test_skipped_rows_and_columns),
        cmocka_unit_test(test_workbook_relationships),
        cmocka_unit_test(test_fallback_and_empty),
        cmocka_unit_test(test_many_rows),
        cmocka_unit_test(test_not_zip),
        cmocka_unit_test(test_zip_without_workbook),
        cmocka_unit_test(test_zip_bomb_refused),
        cmocka_unit_test(test_zip_bomb_with_forged_size),
        cmocka_unit_test(test_entities_refused),
        cmocka_unit_test(test_extra_cells),
        cmocka_unit_test(test_long_row),
        cmocka_unit_test(test_too_many_shared_strings),
        cmocka_unit_test(test_endless_tag),
        cmocka_unit_test(test_broken_sheets),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
