/*
** A monthly report as a printable document (issue #7): the report's own
** figures and, for a town or the city, one column per area below it. The
** Excel workbook (monthly_xlsx.c) and the A4 PDF with its bar chart
** (monthly_pdf.c) are both written from this, so they say the same.
*/
#ifndef SHOUHU_MONTHLY_DOC_H
#define SHOUHU_MONTHLY_DOC_H

#include <stdbool.h>
#include "store/store_monthly.h"

typedef struct MonthlyColumn {
    const char *area, *name;
    const char *status;     /* its report's status, or NULL when it has none (figures from the ledger) */
    MonthlyValues v;
} MonthlyColumn;

typedef struct MonthlyDoc {
    MonthlyReport report;   /* id 0 and status NULL: computed from the ledger, not a report */
    MonthlyColumn *below;
    int n_below;
} MonthlyDoc;

/* Fills DOC for report R (copied), reading the areas below it. In A. */
StoreRc monthly_doc_load(Store *s, const MonthlyReport *r, MonthlyDoc *doc, Arena *a);
/* The same for an area without a report (R: its month and area, id 0): its
   own figures too from the ledger now, in the same pass as its areas'. */
StoreRc monthly_doc_load_ledger(Store *s, const MonthlyReport *r, MonthlyDoc *doc, Arena *a);

/* "2024年6月东城街道儿童福利和未成年人保护工作月报" in A. */
char *monthly_doc_title(const MonthlyDoc *doc, Arena *a);
/* The status in words (草稿, 已上报, ...; 台账实时数 without a report). */
const char *monthly_status_words(const char *status);
/* A figure's value as printed: a count, or yuan "2,017.00" for money. In A. */
char *monthly_value_text(const MonthlyFigure *f, long long v, Arena *a);

/* Write DOC to PATH; on failure return false with *ERR (the caller frees) and leave no file. */
bool monthly_xlsx_write(const MonthlyDoc *doc, const char *path, char **err);
bool monthly_pdf_write(const MonthlyDoc *doc, const char *path, char **err);

#endif
