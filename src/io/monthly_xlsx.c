/*
** The monthly report as an Excel workbook (libxlsxwriter), printable on A4:
** a title, a line saying which report it is and its state, a bordered table
** with one row per figure (grouped as MONTHLY_GROUPS), the area's own figure
** and one column per area below it, and a line for signatures. Landscape
** when there are columns of areas below, one page wide or, for many areas,
** a few pages wide with the figures' names on each; the header repeated.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "io/monthly_doc.h"

enum {
    PAPER_A4 = 9,
    COLUMNS_PER_PAGE = 8,   /* areas below printed on one landscape page at a readable size */
    LABEL_LAST = 3,         /* 序号, 分组, 指标 and 本级合计: repeated on each page when there are several */
};

typedef struct Sheet {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *title, *line, *head, *group, *text, *count, *money, *rate;
    int wide;          /* pages across */
    lxw_col_t span;    /* the last column the title and the lines span: the table's, or the labels' when
                          the table is several pages wide (else they would print on one page only) */
    lxw_error error;   /* the first error of a write */
} Sheet;

static lxw_format *format(Sheet *x, bool bold, bool border, const char *num_format)
{
    lxw_format *f = workbook_add_format(x->wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (num_format) format_set_num_format(f, num_format);
    return f;
}

enum { MINUTE_BUF = 17 };

/* "2024-06-20 09:30" of a timestamp "2024-06-20T09:30:12+08:00" (Asia/Shanghai
   already), as a person reads it; "" for none. In OUT. */
static const char *minute_text(const char *iso, char out[MINUTE_BUF])
{
    snprintf(out, MINUTE_BUF, "%s", iso ? iso : "");
    if (out[0] && strlen(out) > 10 && out[10] == 'T') out[10] = ' ';
    return out;
}

static void keep(Sheet *x, lxw_error e)
{
    if (e && !x->error) x->error = e;
}

static void put_value(Sheet *x, lxw_row_t r, lxw_col_t c, const MonthlyFigure *f, long long v)
{
    /* money in yuan as a number, so that the sheet sums; the figure itself is in fen;
       a rate (permille) as a fraction shown as a percent */
    double n = f->unit == UNIT_FEN ? (double)v / 100.0 : f->unit == UNIT_PERMILLE ? (double)v / 1000.0 : (double)v;
    lxw_format *fmt = f->unit == UNIT_FEN ? x->money : f->unit == UNIT_PERMILLE ? x->rate : x->count;
    keep(x, worksheet_write_number(x->ws, r, c, n, fmt));
}

static void write_table(Sheet *x, const MonthlyDoc *d, lxw_row_t head)
{
    const char *heads[] = {"序号", "分组", "指标"};
    for (int i = 0; i < 3; i++) keep(x, worksheet_write_string(x->ws, head, (lxw_col_t)i, heads[i], x->head));
    keep(x, worksheet_write_string(x->ws, head, 3, "本级合计", x->head));
    for (int k = 0; k < d->n_below; k++)
        keep(x, worksheet_write_string(x->ws, head, (lxw_col_t)(4 + k), d->below[k].name, x->head));
    lxw_row_t r = head + 1;
    for (int g = 0; MONTHLY_GROUPS[g].code; g++) {
        lxw_row_t first = r;
        for (int i = 0; i < monthly_count(); i++) {
            const MonthlyFigure *f = &MONTHLY_FIGURES[i];
            if (strcmp(f->group, MONTHLY_GROUPS[g].code) != 0) continue;
            keep(x, worksheet_write_number(x->ws, r, 0, (double)(i + 1), x->count));
            keep(x, worksheet_write_string(x->ws, r, 2, f->zh, x->text));
            put_value(x, r, 3, f, d->report.figures.v[i]);
            for (int k = 0; k < d->n_below; k++) put_value(x, r, (lxw_col_t)(4 + k), f, d->below[k].v.v[i]);
            r++;
        }
        if (r - 1 > first) keep(x, worksheet_merge_range(x->ws, first, 1, r - 1, 1, MONTHLY_GROUPS[g].zh, x->group));
        else if (r > first) keep(x, worksheet_write_string(x->ws, first, 1, MONTHLY_GROUPS[g].zh, x->group));
    }
    /* short enough for one line over the labels' columns when those are all it spans */
    keep(x, worksheet_merge_range(x->ws, r + 1, 0, r + 1, x->span, "填报人：　　　审核人：　　　单位负责人：　　　填报日期：",
                                  x->line));
}

/* A4, landscape when there are columns of areas below; one page wide while
   they fit, else about COLUMNS_PER_PAGE of them a page, each page with the
   title and the figures' names, so that nothing prints smaller than a person
   can read (a city has 32 towns, a town up to 30 villages). */
static void print_setup(Sheet *x, int n_below)
{
    if (n_below > 2) worksheet_set_landscape(x->ws);
    worksheet_set_paper(x->ws, PAPER_A4);
    worksheet_fit_to_pages(x->ws, (uint16_t)x->wide, 0);
    worksheet_set_margins(x->ws, 0.4, 0.4, 0.6, 0.6);
    if (x->wide == 1) {
        worksheet_center_horizontally(x->ws);
        worksheet_repeat_rows(x->ws, 2, 2);
    } else {
        worksheet_repeat_columns(x->ws, 0, LABEL_LAST);
        worksheet_repeat_rows(x->ws, 0, 2);
        worksheet_print_across(x->ws);
    }
}

bool monthly_xlsx_write(const MonthlyDoc *d, const char *path, char **err)
{
    Sheet x = {0};
    x.wb = workbook_new(path);
    if (!x.wb) {
        if (asprintf(err, "cannot create %s", path) < 0) *err = NULL;
        return false;
    }
    Arena *a = arena_new();
    x.ws = workbook_add_worksheet(x.wb, "月报");
    x.wide = d->n_below <= COLUMNS_PER_PAGE ? 1 : (d->n_below + COLUMNS_PER_PAGE - 1) / COLUMNS_PER_PAGE;
    x.span = x.wide == 1 ? (lxw_col_t)(LABEL_LAST + d->n_below) : LABEL_LAST;
    x.title = format(&x, true, false, NULL);
    format_set_font_size(x.title, 16);
    format_set_align(x.title, LXW_ALIGN_CENTER);
    format_set_text_wrap(x.title);
    x.line = format(&x, false, false, NULL);
    format_set_text_wrap(x.line);
    x.head = format(&x, true, true, NULL);
    format_set_text_wrap(x.head);
    format_set_align(x.head, LXW_ALIGN_CENTER);
    format_set_bg_color(x.head, 0xD9D9D9);
    x.group = format(&x, true, true, NULL);
    format_set_align(x.group, LXW_ALIGN_CENTER);
    format_set_text_wrap(x.group);
    x.text = format(&x, false, true, NULL);
    x.count = format(&x, false, true, "0");
    x.money = format(&x, false, true, "#,##0.00");
    x.rate = format(&x, false, true, "0.0%");

    lxw_col_t last = (lxw_col_t)(LABEL_LAST + d->n_below);
    keep(&x, worksheet_merge_range(x.ws, 0, 0, 0, x.span, monthly_doc_title(d, a), x.title));
    worksheet_set_row(x.ws, 0, x.wide == 1 ? 30 : 44, NULL);   /* the labels' width holds the title in two lines */
    const MonthlyReport *r = &d->report;
    char month[MONTH_BUF];
    char submitted[MINUTE_BUF], generated[MINUTE_BUF];
    char *line = arena_printf(a, "报告月份：%s　　区划代码：%s　　状态：%s　　上报：%s%s%s　　生成：%s",
                              month_format(r->month, month), r->area, monthly_status_words(r->status),
                              r->submitted_by ? r->submitted_by : "—", r->submitted_at ? " " : "",
                              minute_text(r->submitted_at, submitted), minute_text(r->generated_at, generated));
    keep(&x, worksheet_merge_range(x.ws, 1, 0, 1, x.span, line, x.line));
    worksheet_set_row(x.ws, 1, x.wide > 1 ? 40 : 28, NULL);   /* the line in three lines, or two on a portrait page */
    write_table(&x, d, 2);

    worksheet_set_column(x.ws, 0, 0, 6, NULL);
    worksheet_set_column(x.ws, 1, 1, 15, NULL);   /* 基本生活费发放 on one line */
    worksheet_set_column(x.ws, 2, 2, 30, NULL);
    worksheet_set_column(x.ws, 3, 3, 14, NULL);   /* the area's own sums: a city's yuan run to millions */
    worksheet_set_column(x.ws, 4, last, 12, NULL);
    worksheet_set_row(x.ws, 2, 40, NULL);   /* three lines of a long village's name */
    print_setup(&x, d->n_below);
    worksheet_freeze_panes(x.ws, 3, 3);
    worksheet_set_footer(x.ws, "&C第 &P 页，共 &N 页");
    arena_free(a);

    lxw_error e = workbook_close(x.wb);
    if (x.error || e) {
        if (asprintf(err, "writing %s: %s", path, lxw_strerror(x.error ? x.error : e)) < 0) *err = NULL;
        remove(path);
        return false;
    }
    return true;
}
