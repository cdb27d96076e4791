/*
** The monthly report as an A4 PDF, drawn by the binary with cairo and
** pango in the Noto CJK font (fonts-noto-cjk), so that Chinese renders and
** can be read back (pdftotext): page 1 the title, the report's state and
** its figures in a bordered table by group (going on over the next page as
** it needs); then a page of bar charts of the
** children by category and, for a town or the city, of the children
** recorded in each area below it.
*/
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/monthly_doc.h"

/* A4 in points, and the margins */
#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 48.0
#define FONT "Noto Sans CJK SC"

typedef enum Align { LEFT, CENTER, RIGHT } Align;

/* The pango context of the PDF being drawn, from a font map of its own (see
   monthly_pdf_write). */
static PangoContext *pango;

/* Draws TEXT in a box W wide at (X, Y), SIZE points, BOLD or not; returns its height. */
static double text(cairo_t *cr, double x, double y, double w, Align align, double size, bool bold, const char *s)
{
    PangoLayout *layout = pango_layout_new(pango);
    PangoFontDescription *fd = pango_font_description_from_string(FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, fd);
    pango_layout_set_width(layout, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, align == CENTER ? PANGO_ALIGN_CENTER : align == RIGHT ? PANGO_ALIGN_RIGHT
                                                                                             : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout, s, -1);
    int pw, ph;
    pango_layout_get_size(layout, &pw, &ph);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
    pango_font_description_free(fd);
    g_object_unref(layout);
    return (double)ph / PANGO_SCALE;
}

static void cell(cairo_t *cr, double x, double y, double w, double h, bool shaded)
{
    cairo_rectangle(cr, x, y, w, h);
    if (shaded) {
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_fill_preserve(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
}

/* The title and the line of the report's state; returns where the next thing goes. */
static double heading(cairo_t *cr, const MonthlyDoc *d, Arena *a)
{
    double y = MARGIN;
    y += text(cr, MARGIN, y, PAGE_W - 2 * MARGIN, CENTER, 15, true, monthly_doc_title(d, a)) + 8;
    const MonthlyReport *r = &d->report;
    char month[MONTH_BUF];
    char *line = arena_printf(a, "报告月份：%s　区划代码：%s　状态：%s　上报：%s", month_format(r->month, month), r->area,
                              monthly_status_words(r->status), r->submitted_by ? r->submitted_by : "—");
    return y + text(cr, MARGIN, y, PAGE_W - 2 * MARGIN, CENTER, 9, false, line) + 12;
}

/* The table's head row at Y; returns the y below it. */
static double table_head(cairo_t *cr, double y, const double cw[3], double row)
{
    const char *heads[] = {"分组", "指标", "本月数"};
    double x = MARGIN;
    for (int c = 0; c < 3; c++) {
        cell(cr, x, y, cw[c], row, true);
        text(cr, x, y + 2, cw[c], CENTER, 9.5, true, heads[c]);
        x += cw[c];
    }
    return y + row;
}

/* The group's cell from TOP to Y, its title in the middle. */
static void group_cell(cairo_t *cr, double top, double y, double w, const char *title)
{
    if (y <= top) return;
    cell(cr, MARGIN, top, w, y - top, false);
    text(cr, MARGIN, top + (y - top) / 2 - 7, w, CENTER, 9.5, true, title);
}

/* Page 1 (and the pages it needs): the figures, grouped, in a bordered
   table whose head is repeated on each page. */
static void figures_page(cairo_t *cr, const MonthlyDoc *d, Arena *a)
{
    double y = heading(cr, d, a);
    const double cw[] = {90, 260, 149};   /* 分组, 指标, 数值 */
    const double row = 17, x0 = MARGIN, bottom = PAGE_H - MARGIN;
    y = table_head(cr, y, cw, row);
    for (int g = 0; MONTHLY_GROUPS[g].code; g++) {
        double top = y;
        for (int i = 0; i < monthly_count(); i++) {
            const MonthlyFigure *f = &MONTHLY_FIGURES[i];
            if (strcmp(f->group, MONTHLY_GROUPS[g].code) != 0) continue;
            if (y + row > bottom) {   /* the page is full: the group goes on on the next */
                group_cell(cr, top, y, cw[0], MONTHLY_GROUPS[g].zh);
                cairo_show_page(cr);
                top = y = table_head(cr, MARGIN, cw, row);
            }
            cell(cr, x0 + cw[0], y, cw[1], row, false);
            text(cr, x0 + cw[0] + 6, y + 2, cw[1] - 12, LEFT, 9.5, false, f->zh);
            cell(cr, x0 + cw[0] + cw[1], y, cw[2], row, false);
            text(cr, x0 + cw[0] + cw[1], y + 2, cw[2] - 8, RIGHT, 9.5, false,
                 monthly_value_text(f, d->report.figures.v[i], a));
            y += row;
        }
        group_cell(cr, top, y, cw[0], MONTHLY_GROUPS[g].zh);
    }
    if (y + 40 > bottom) {
        cairo_show_page(cr);
        y = MARGIN - 24;
    }
    text(cr, x0, y + 24, PAGE_W - 2 * MARGIN, LEFT, 9.5, false,
         "填报人：　　　　　　审核人：　　　　　　单位负责人：　　　　　　填报日期：");
}

/* A horizontal bar chart titled TITLE at Y: N bars of LABELS and VALUES; returns the y below it. */
static double bar_chart(cairo_t *cr, double y, const char *title, const char *const *labels, const long long *values,
                        int n, Arena *a)
{
    y += text(cr, MARGIN, y, PAGE_W - 2 * MARGIN, LEFT, 11, true, title) + 6;
    long long max = 1;
    for (int i = 0; i < n; i++)
        if (values[i] > max) max = values[i];
    const double label_w = 170, bar_h = 12, gap = 5, x0 = MARGIN + label_w + 6;
    const double bar_max = PAGE_W - MARGIN - x0 - 40, top = y;
    for (int i = 0; i < n; i++) {
        text(cr, MARGIN, y - 1, label_w, RIGHT, 8.5, false, labels[i]);
        double w = bar_max * (double)values[i] / (double)max;
        cairo_rectangle(cr, x0, y, w, bar_h);
        cairo_set_source_rgb(cr, 0.25, 0.47, 0.75);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        text(cr, x0 + w + 4, y - 1, 40, LEFT, 8.5, false, arena_printf(a, "%lld", values[i]));
        y += bar_h + gap;
    }
    cairo_move_to(cr, x0, top - 2);
    cairo_line_to(cr, x0, y - gap + 2);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    return y + 16;
}

/* Page 2: children by category; for a town or the city, children recorded by area below. */
static void charts_page(cairo_t *cr, const MonthlyDoc *d, Arena *a)
{
    double y = heading(cr, d, a);
    int n = 0;
    const char **labels = arena_alloc(a, (size_t)monthly_count() * sizeof *labels);
    long long *values = arena_alloc(a, (size_t)monthly_count() * sizeof *values);
    for (int i = 0; i < monthly_count(); i++) {
        if (strcmp(MONTHLY_FIGURES[i].group, "categories") != 0) continue;
        labels[n] = MONTHLY_FIGURES[i].zh;
        values[n++] = d->report.figures.v[i];
    }
    y = bar_chart(cr, y, "图1　在册儿童分类（人）", labels, values, n, a);
    if (d->n_below == 0) return;
    int shown = d->n_below;
    const double room = (PAGE_H - MARGIN - y - 30) / 17.0;   /* the bars that fit below */
    if (shown > (int)room) shown = (int)room;
    const char **names = arena_alloc(a, (size_t)shown * sizeof *names);
    long long *totals = arena_alloc(a, (size_t)shown * sizeof *totals);
    int total_index = monthly_index("children.total");
    for (int k = 0; k < shown; k++) {
        names[k] = d->below[k].name;
        totals[k] = d->below[k].v.v[total_index];
    }
    const char *title = shown < d->n_below ? arena_printf(a, "图2　各下级在册儿童（人，前%d个）", shown)
                                           : "图2　各下级在册儿童（人）";
    bar_chart(cr, y, title, names, totals, shown, a);
}

/* One PDF at a time, each drawn with a font map of its own that is freed
   after it: a server's threads keep no font map of their own. (cairo and
   fontconfig keep process-wide caches; releasing them, FcFini(), is not
   safe while the process runs, so a sanitizer build reports them once.) */
static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;

static cairo_status_t draw(cairo_surface_t *surface, const MonthlyDoc *d, Arena *a)
{
    PangoFontMap *fonts = pango_cairo_font_map_new();
    pango = pango_font_map_create_context(fonts);
    cairo_t *cr = cairo_create(surface);
    pango_cairo_update_context(cr, pango);
    figures_page(cr, d, a);
    cairo_show_page(cr);
    charts_page(cr, d, a);
    cairo_show_page(cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    g_object_unref(pango);
    pango = NULL;
    g_object_unref(fonts);
    return st;
}

bool monthly_pdf_write(const MonthlyDoc *d, const char *path, char **err)
{
    pthread_mutex_lock(&pdf_lock);
    cairo_surface_t *surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    cairo_status_t st = cairo_surface_status(surface);
    Arena *a = arena_new();
    if (st == CAIRO_STATUS_SUCCESS) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, monthly_doc_title(d, a));
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Shouhu");
        st = draw(surface, d, a);
        cairo_surface_finish(surface);
        if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
    }
    cairo_surface_destroy(surface);
    arena_free(a);
    pthread_mutex_unlock(&pdf_lock);
    if (st != CAIRO_STATUS_SUCCESS) {
        if (asprintf(err, "writing %s: %s", path, cairo_status_to_string(st)) < 0) *err = NULL;
        remove(path);
        return false;
    }
    return true;
}
