/*
** The payroll's Excel workbooks (see payroll_xlsx.h). Each sheet is a title,
** a line saying which payroll it is, a bordered table with a header, a
** total row and a line for signatures; printed landscape on A4, one page
** wide, the header repeated on each page; the fund table on one page.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "domain/codes.h"
#include "domain/money.h"
#include "io/payroll_xlsx.h"

enum { PAPER_A4 = 9 };

typedef struct Book {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *title, *subtitle, *head, *text, *note, *center, *money, *count, *total_text, *total_money,
        *total_count, *footer;
    lxw_error error; /* the first error of a write */
} Book;

static lxw_format *format(Book *b, bool bold, bool border, bool centered, const char *num_format)
{
    lxw_format *f = workbook_add_format(b->wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (centered) format_set_align(f, LXW_ALIGN_CENTER);
    if (num_format) format_set_num_format(f, num_format);
    return f;
}

static void make_formats(Book *b)
{
    b->title = format(b, true, false, true, NULL);
    format_set_font_size(b->title, 16);
    b->subtitle = format(b, false, false, false, NULL);
    b->head = format(b, true, true, true, NULL);
    format_set_text_wrap(b->head);
    format_set_bg_color(b->head, 0xD9D9D9);
    b->text = format(b, false, true, false, NULL);
    b->note = format(b, false, true, false, NULL);
    format_set_text_wrap(b->note);   /* a row grows with its notes rather than the column */
    b->center = format(b, false, true, true, NULL);
    b->money = format(b, false, true, false, "#,##0.00");
    b->count = format(b, false, true, true, "0");
    b->total_text = format(b, true, true, true, NULL);
    b->total_money = format(b, true, true, false, "#,##0.00");
    b->total_count = format(b, true, true, true, "0");
    b->footer = format(b, false, false, false, NULL);
}

/* Cell writers that keep the first error. */
static void put_text(Book *b, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    lxw_error e = s && *s ? worksheet_write_string(b->ws, r, c, s, f) : worksheet_write_blank(b->ws, r, c, f);
    if (e && !b->error) b->error = e;
}

static void put_money(Book *b, lxw_row_t r, lxw_col_t c, Fen fen, lxw_format *f)
{
    /* the one place a double appears: Excel keeps numbers as doubles; fen / 100 is the nearest to the decimal */
    lxw_error e = worksheet_write_number(b->ws, r, c, (double)fen / 100.0, f);
    if (e && !b->error) b->error = e;
}

static void put_count(Book *b, lxw_row_t r, lxw_col_t c, long n, lxw_format *f)
{
    lxw_error e = worksheet_write_number(b->ws, r, c, (double)n, f);
    if (e && !b->error) b->error = e;
}

static void merge(Book *b, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2, const char *s, lxw_format *f)
{
    lxw_error e = worksheet_merge_range(b->ws, r1, c1, r2, c2, s, f);
    if (e && !b->error) b->error = e;
}

/* Page setup shared by both sheets: A4 landscape, one page wide, the header rows repeated. */
static void page_setup(Book *b, lxw_row_t head_first, lxw_row_t head_last)
{
    worksheet_set_landscape(b->ws);
    worksheet_set_paper(b->ws, PAPER_A4);
    worksheet_fit_to_pages(b->ws, 1, 0);
    worksheet_set_margins(b->ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_center_horizontally(b->ws);
    worksheet_repeat_rows(b->ws, head_first, head_last);
    worksheet_set_footer(b->ws, "&C第 &P 页，共 &N 页");
    worksheet_freeze_panes(b->ws, head_last + 1, 0);
}

static void set_widths(Book *b, const double *widths, int n)
{
    for (int i = 0; i < n; i++) worksheet_set_column(b->ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
}

/* "2023年2月" */
static char *month_words(Month m, char buf[32])
{
    snprintf(buf, 32, "%d年%d月", month_year(m) % 10000, month_number(m));
    return buf;
}

/* The title, and the line naming the payroll, over columns 0..LAST. */
static lxw_row_t heading(Book *b, const Payroll *pr, const char *what, lxw_col_t last)
{
    char m[32], line[512], money[MONEY_BUF];
    snprintf(line, sizeof line, "%s%s%s", month_words(pr->month, m), pr->area_name, what);
    merge(b, 0, 0, 0, last, line, b->title);
    worksheet_set_row(b->ws, 0, 30, NULL);
    char month[MONTH_BUF];
    snprintf(line, sizeof line, "名册编号：%lld　　发放月份：%s　　状态：%s　　名册合计：%s元", pr->id,
             month_format(pr->month, month), code_label(&CODES_PAYROLL_STATUS, pr->status, LANG_ZH),
             money_format_grouped(pr->total, money));
    merge(b, 1, 0, 1, last, line, b->subtitle);
    return 2;
}

/* ---- the bank payment list ---- */

static const char *const BANK_HEAD[] = {
    "序号",       "镇街",           "村（社区）", "儿童姓名", "儿童身份证号", "保障类别",     "账户名（监护人）",
    "与儿童关系", "账户人身份证号", "联系电话",   "发放月数", "其中补发月数", "月标准（元）", "金额（元）",
    "备注"};
enum { BANK_COLS = sizeof BANK_HEAD / sizeof *BANK_HEAD };
/* as narrow as their usual text allows (a header wraps), so that the list
   prints one page wide at a size still readable: 18 digits need 21, a
   city's total of millions in bold 14 (at 12 it shows ###) */
static const double BANK_WIDTHS[BANK_COLS] = {5, 11, 20, 9, 21, 18, 18, 9, 21, 12, 8, 8, 11, 14, 24};

/* One child's lines gathered: its regular line and its adjustments. */
typedef struct Payee {
    long long child;
    char town_name[64], village_name[128], child_name[64], child_id[24], category[64];
    char holder[128], relation[32], holder_id[24], phone[32];
    int months, back;
    Fen standard, amount;
    char note[1024];
} Payee;

typedef struct BankCtx {
    Book *b;
    lxw_row_t row;
    long n;
    Fen total;
    Payee cur;
    Payee *held; /* not paid: listed after the total */
    long n_held, cap_held;
} BankCtx;

static void copy(char *dst, size_t size, const char *src) { snprintf(dst, size, "%s", src ? src : ""); }

static void write_payee(BankCtx *x, const Payee *p, lxw_row_t row, long number)
{
    Book *b = x->b;
    put_count(b, row, 0, number, b->count);
    const char *cells[] = {p->town_name, p->village_name, p->child_name, p->child_id, p->category,
                           p->holder,    p->relation,     p->holder_id,  p->phone};
    for (int i = 0; i < 9; i++)
        put_text(b, row, (lxw_col_t)(i + 1), cells[i], i == 3 || i == 7 || i == 8 ? b->center : b->text);
    put_count(b, row, 10, p->months, b->count);
    put_count(b, row, 11, p->back, b->count);
    put_money(b, row, 12, p->standard, b->money);
    put_money(b, row, 13, p->amount, b->money);
    put_text(b, row, 14, p->note, b->note);
}

/* Writes the child gathered so far, or keeps it apart if nothing is to be paid. */
static void flush_payee(BankCtx *x)
{
    Payee *p = &x->cur;
    if (!p->child) return;
    if (p->amount > 0) {
        write_payee(x, p, x->row++, ++x->n);
        x->total += p->amount;
    } else {
        if (x->n_held == x->cap_held) {
            x->cap_held = x->cap_held ? x->cap_held * 2 : 16;
            x->held = realloc(x->held, (size_t)x->cap_held * sizeof *x->held);
            if (!x->held) abort();
        }
        x->held[x->n_held++] = *p;
    }
    memset(p, 0, sizeof *p);
}

static int bank_line(void *ctx, const PayrollLine *l)
{
    BankCtx *x = ctx;
    Payee *p = &x->cur;
    if (p->child != l->child_id) {
        flush_payee(x);
        p->child = l->child_id;
        copy(p->town_name, sizeof p->town_name, l->town_name);
        copy(p->village_name, sizeof p->village_name, l->village_name);
        copy(p->child_name, sizeof p->child_name, l->child_name);
        copy(p->child_id, sizeof p->child_id, l->child_id_number);
        copy(p->category, sizeof p->category, code_label(&CODES_CATEGORY, l->category, LANG_ZH));
        copy(p->holder, sizeof p->holder, l->holder_name);
        copy(p->relation, sizeof p->relation,
             l->holder_relation ? code_label(&CODES_RELATION, l->holder_relation, LANG_ZH) : "");
        copy(p->holder_id, sizeof p->holder_id, l->holder_id_number);
        copy(p->phone, sizeof p->phone, l->holder_phone);
    }
    p->amount += l->amount;
    if (strcmp(l->kind, "regular") == 0) {
        p->months += l->months;
        p->back += l->back_months;
        p->standard = l->standard;
        if (l->back_months) {
            char from[MONTH_BUF];
            size_t n = strlen(p->note);
            snprintf(p->note + n, sizeof p->note - n, "%s含补发%d个月（自%s起）", n ? "；" : "", l->back_months,
                     month_format(l->first_month, from));
        }
    } else {
        char money[MONEY_BUF], month[MONTH_BUF];
        size_t n = strlen(p->note);
        snprintf(p->note + n, sizeof p->note - n, "%s调整%s元（%s）：%s", n ? "；" : "", money_format(l->amount, money),
                 month_format(l->for_month, month), l->reason ? l->reason : "");
    }
    return 0;
}

static StoreRc write_bank(Store *s, const Scope *scope, const Payroll *pr, Book *b, PayrollExport *out)
{
    lxw_row_t head = heading(b, pr, "孤儿、事实无人抚养儿童、艾滋病病毒感染儿童基本生活费银行代发清单", BANK_COLS - 1);
    for (int i = 0; i < BANK_COLS; i++) put_text(b, head, (lxw_col_t)i, BANK_HEAD[i], b->head);
    worksheet_set_row(b->ws, head, 30, NULL);
    set_widths(b, BANK_WIDTHS, BANK_COLS);
    page_setup(b, head, head);

    BankCtx x = {.b = b, .row = head + 1};
    StoreRc r = store_payroll_lines(s, scope, pr->id, NULL, bank_line, &x);
    flush_payee(&x);
    char words[64];
    snprintf(words, sizeof words, "合计（%ld人）", x.n);
    merge(b, x.row, 0, x.row, 12, words, b->total_text);
    put_money(b, x.row, 13, x.total, b->total_money);
    put_text(b, x.row, 14, "", b->total_text);
    x.row += 2;
    if (x.n_held) {
        merge(b, x.row, 0, x.row, BANK_COLS - 1, "以下人员调整后应发金额不大于零，本月不代发，须另行处理：", b->footer);
        x.row++;
        for (long i = 0; i < x.n_held; i++) write_payee(&x, &x.held[i], x.row++, i + 1);
        x.row++;
    }
    merge(b, x.row, 0, x.row, BANK_COLS - 1,
          "制表人：　　　　　　　　审核人：　　　　　　　　单位负责人：　　　　　　　　（盖章）", b->footer);
    out->rows = x.n;
    out->not_paid = x.n_held;
    out->total = x.total;
    free(x.held);
    return r;
}

/* ---- the monthly fund table ---- */

enum { FUND_COLS = 12 };
static const double FUND_WIDTHS[FUND_COLS] = {6, 16, 10, 9, 9, 9, 12, 12, 14, 14, 14, 14};

static int fund_line(void *ctx, const PayrollLine *l)
{
    fund_table_add(ctx, l->town, l->town_name, l->category, strcmp(l->kind, "regular") == 0, l->amount);
    return 0;
}

static void write_fund_row(Book *b, lxw_row_t row, const FundRow *f, long number, bool total)
{
    lxw_format *cnt = total ? b->total_count : b->count, *money = total ? b->total_money : b->money;
    if (total) merge(b, row, 0, row, 1, "合计", b->total_text);
    else {
        put_count(b, row, 0, number, b->count);
        put_text(b, row, 1, f->town_name, b->text);
    }
    put_count(b, row, 2, f->persons, cnt);
    put_count(b, row, 3, f->by_category[FUND_INSTITUTION] + f->by_category[FUND_SCATTERED], cnt);
    put_count(b, row, 4, f->by_category[FUND_INSTITUTION], cnt);
    put_count(b, row, 5, f->by_category[FUND_SCATTERED], cnt);
    put_count(b, row, 6, f->by_category[FUND_DE_FACTO], cnt);
    put_count(b, row, 7, f->by_category[FUND_HIV], cnt);
    put_money(b, row, 8, f->funds, money);
    put_money(b, row, 9, f->funds_by_category[FUND_INSTITUTION] + f->funds_by_category[FUND_SCATTERED], money);
    put_money(b, row, 10, f->funds_by_category[FUND_DE_FACTO], money);
    put_money(b, row, 11, f->funds_by_category[FUND_HIV], money);
}

static StoreRc write_fund(Store *s, const Scope *scope, const Payroll *pr, Book *b, PayrollExport *out)
{
    lxw_row_t h = heading(b, pr, "孤儿、事实无人抚养儿童和艾滋病病毒感染儿童基本生活费发放情况表", FUND_COLS - 1);
    /* two header rows: groups above, their parts below */
    static const struct {
        int c1, c2;
        const char *text;
    } top[] = {{0, 0, "序号"},
               {1, 1, "镇街"},
               {2, 2, "实发人数"},
               {3, 5, "孤儿数"},
               {6, 6, "事实无人抚养儿童数"},
               {7, 7, "艾滋病病毒感染儿童数"},
               {8, 11, "实发资金（元）"}};
    for (size_t i = 0; i < sizeof top / sizeof *top; i++) {
        bool alone = top[i].c1 == top[i].c2; /* a column without parts spans both header rows */
        merge(b, h, (lxw_col_t)top[i].c1, alone ? h + 1 : h, (lxw_col_t)top[i].c2, top[i].text, b->head);
    }
    static const char *const below[] = {"合计", "机构", "散居"};
    for (int i = 0; i < 3; i++) put_text(b, h + 1, (lxw_col_t)(3 + i), below[i], b->head);
    static const char *const money_parts[] = {"合计", "孤儿", "事实无人抚养儿童", "艾滋病病毒感染儿童"};
    for (int i = 0; i < 4; i++) put_text(b, h + 1, (lxw_col_t)(8 + i), money_parts[i], b->head);
    worksheet_set_row(b->ws, h, 24, NULL);
    worksheet_set_row(b->ws, h + 1, 30, NULL);
    set_widths(b, FUND_WIDTHS, FUND_COLS);
    page_setup(b, h, h + 1);
    worksheet_fit_to_pages(b->ws, 1, 1);   /* the form is one page: a city's 32 towns fit at about 85% */

    Arena *a = arena_new();
    FundTable t;
    fund_table_init(&t, a);
    StoreRc r = store_payroll_lines(s, scope, pr->id, NULL, fund_line, &t);
    lxw_row_t row = h + 2;
    for (int i = 0; i < t.n; i++) write_fund_row(b, row++, &t.rows[i], i + 1, false);
    write_fund_row(b, row++, &t.total, 0, true);
    row++;
    char line[256];
    snprintf(line, sizeof line,
             "填报单位：%s民政部门（盖章）　　　　填报人：　　　　　　审核人：　　　　　　填报日期：", pr->area_name);
    merge(b, row, 0, row, FUND_COLS - 1, line, b->footer);
    merge(b, row + 1, 0, row + 1, FUND_COLS - 1,
          "说明：实发人数按本月正常发放的儿童计，每名儿童只按一个基本生活保障类别统计；实发资金含补发和调整金额。",
          b->footer);
    out->rows = t.n;
    out->total = t.total.funds;
    arena_free(a);
    return r;
}

bool payroll_xlsx_write(Store *s, const Scope *scope, const Payroll *pr, PayrollSheet sheet, const char *path,
                        PayrollExport *out, char **err)
{
    memset(out, 0, sizeof *out);
    *err = NULL;
    /* libxlsxwriter opens PATH only when closing: try now, so a bad directory is told before any work */
    FILE *f = fopen(path, "wb");
    if (!f) {
        if (asprintf(err, "cannot create %s: %s", path, strerror(errno)) < 0) abort();
        return false;
    }
    fclose(f);
    Book b = {0};
    b.wb = workbook_new(path);
    b.ws = b.wb ? workbook_add_worksheet(b.wb, sheet == PAYROLL_SHEET_BANK ? "银行代发清单" : "发放情况表") : NULL;
    if (!b.ws) {
        if (b.wb) lxw_workbook_free(b.wb);
        remove(path);
        if (asprintf(err, "cannot create %s: out of memory", path) < 0) abort();
        return false;
    }
    lxw_doc_properties props = {.title = "发放名册", .author = "Shouhu", .company = "民政局"};
    workbook_set_properties(b.wb, &props);
    make_formats(&b);
    StoreRc r = sheet == PAYROLL_SHEET_BANK ? write_bank(s, scope, pr, &b, out) : write_fund(s, scope, pr, &b, out);
    lxw_error e = workbook_close(b.wb); /* frees the workbook whatever happens */
    if (r != STORE_OK || b.error || e) {
        const char *why = r != STORE_OK ? store_errmsg(s) : lxw_strerror(b.error ? b.error : e);
        if (asprintf(err, "cannot write %s: %s", path, why) < 0) abort();
        remove(path); /* half a payroll is worse than none */
        return false;
    }
    return true;
}
