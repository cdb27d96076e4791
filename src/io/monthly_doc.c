/*
** The monthly report as a document (see monthly_doc.h): its columns, title
** and printed values, shared by the Excel and PDF writers.
*/
#include <stdio.h>
#include <string.h>
#include "domain/money.h"
#include "io/monthly_doc.h"

typedef struct Gather {
    MonthlyDoc *doc;
    Arena *a;
    long cap;
} Gather;

static int add_column(void *ctx, const MonthlyReport *b)
{
    Gather *x = ctx;
    MonthlyDoc *d = x->doc;
    d->below = arena_grow(x->a, d->below, d->n_below, &x->cap, sizeof *d->below, 32);
    MonthlyColumn *c = &d->below[d->n_below++];
    c->area = b->area;
    c->name = b->area_name;
    c->status = b->status;
    c->v = b->figures;
    return 0;
}

/* Fills DOC for R; SELF: NULL, or where R's own figures go. */
static StoreRc load(Store *s, const MonthlyReport *r, MonthlyDoc *doc, MonthlyValues *self, Arena *a)
{
    Gather x = {doc, a, 0};
    return store_monthly_below_figures(s, r, add_column, &x, self, a);
}

StoreRc monthly_doc_load(Store *s, const MonthlyReport *r, MonthlyDoc *doc, Arena *a)
{
    memset(doc, 0, sizeof *doc);
    doc->report = *r;
    return load(s, r, doc, NULL, a);
}

StoreRc monthly_doc_load_ledger(Store *s, const MonthlyReport *r, MonthlyDoc *doc, Arena *a)
{
    memset(doc, 0, sizeof *doc);
    doc->report = *r;
    return load(s, r, doc, &doc->report.figures, a);
}

char *monthly_doc_title(const MonthlyDoc *doc, Arena *a)
{
    Month m = doc->report.month;
    return arena_printf(a, "%d年%d月%s儿童福利和未成年人保护工作月报", month_year(m), month_number(m),
                        doc->report.area_name ? doc->report.area_name : doc->report.area);
}

const char *monthly_status_words(const char *status)
{
    static const char *const words[][2] = {
        {"draft", "草稿"}, {"submitted", "已上报"}, {"returned", "已退回"}, {"accepted", "已接收"}};
    for (size_t i = 0; status && i < sizeof words / sizeof *words; i++)
        if (strcmp(words[i][0], status) == 0) return words[i][1];
    return "台账实时数（未生成月报）";
}

char *monthly_value_text(const MonthlyFigure *f, long long v, Arena *a)
{
    if (f->unit == UNIT_FEN) {
        char buf[MONEY_BUF];
        return arena_strdup(a, money_format_grouped(v, buf));
    }
    if (f->unit == UNIT_PERMILLE) return arena_printf(a, "%lld.%lld%%", v / 10, v % 10);
    return arena_printf(a, "%lld", v);
}
