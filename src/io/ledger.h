/*
** Ledgers in and out: the children's ledger as a spreadsheet (.csv or .xlsx)
** with Chinese headings, as civil-affairs offices keep it. One table of
** columns (ledger.c) serves both directions, so an export re-imports
** unchanged. Used by the command line and the API alike.
*/
#ifndef SHOUHU_LEDGER_H
#define SHOUHU_LEDGER_H

#include <stdbool.h>
#include "io/sheet.h"
#include "store/store.h"

typedef struct ImportOptions {
    bool dry_run;                /* check everything, write nothing */
    bool skip_invalid;           /* import the valid rows; without it, any problem means nothing is written */
    const char *rejected_path;   /* where to write the rejected rows; NULL = beside the input, when there are any */
    const char *author;          /* who imports: "cli:root", an account name */
    Date today;
    LedgerRules rules;
    void (*progress)(void *ctx, long rows);   /* called every 10,000 rows, or NULL */
    void *progress_ctx;
    bool row_by_row;             /* never in bulk (store_bulk_begin()): tests compare the two ways */
} ImportOptions;

typedef struct ImportReport {
    long rows;                   /* data rows read (blank rows not counted) */
    long inserted, updated, unchanged, rejected;
    bool written;                /* whether the changes were committed */
    Problems problems;           /* every problem, by row and column (kept up to 10,000, all counted) */
    Problems warnings;           /* things ignored: unknown columns */
    const char *rejected_path;   /* where rejected rows were written, or NULL */
    const char *error;           /* a failure of the file or the database as a whole, or NULL */
} ImportReport;

/* Imports the ledger at PATH into S. The report's strings and problems live
   in A. Returns STORE_OK when the import ran to the end (look at the report
   to see what was written), else the store's error (nothing written). */
StoreRc ledger_import(Store *s, const char *path, const ImportOptions *o, ImportReport *rep, Arena *a);

/* Writes the children that F selects to W: a header row, then one row per
   child, values as labels in Chinese. *COUNT gets the number of children. */
StoreRc ledger_export(Store *s, const ChildFilter *f, SheetWriter *w, long *count, Arena *a);

/* The path of the rejected-rows file for INPUT: "x.csv" -> "x.rejected.csv". In A. */
char *ledger_rejected_path(Arena *a, const char *input);

#endif
