/*
** Sheets: rows of text cells read from or written to a .csv or .xlsx file,
** one row at a time, so a ledger of a whole city streams through in little
** memory. The ledger code (io/ledger.c) sees only this interface.
**
** Reading: CSV in UTF-8 (with or without BOM) or GB18030 (what Excel on
** Chinese Windows writes), detected from the first 64 KiB; .xlsx through
** libzip and expat, the first worksheet. Writing: CSV in UTF-8 with a BOM
** (so Excel opens it as UTF-8) or .xlsx with libxlsxwriter in its
** constant-memory mode.
*/
#ifndef SHOUHU_SHEET_H
#define SHOUHU_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include "domain/message.h"

typedef enum SheetFormat { SHEET_CSV, SHEET_XLSX, SHEET_UNKNOWN } SheetFormat;

enum {
    SHEET_MAX_ROW_BYTES = 1 << 20,   /* a longer row is refused: no ledger row is a megabyte */
    SHEET_MAX_CELLS = 256,           /* cells beyond it in a row are dropped and reported */
};

typedef struct SheetRow {
    long number;          /* 1-based row number in the file, as a spreadsheet shows it */
    char **cells;         /* UTF-8, NUL-terminated; valid until the next sheet_next() */
    int n;                /* cells in this row (trailing empty cells may be missing) */
    const char *problem;  /* message code when the row itself is unreadable: "line_too_long",
                             "bad_utf8", "extra_cells"; the cells are then whatever could be read */
} SheetRow;

typedef struct SheetReader SheetReader;

/* The format PATH has, by its content's first bytes, else by its name. */
SheetFormat sheet_format_of(const char *path);

/* Opens PATH for reading. On failure returns NULL and adds a problem to P
   ("empty_file", "bad_encoding", "bad_xlsx", "unknown_format", or a
   "bad_csv" with the system's message). The caller closes with sheet_close(). */
SheetReader *sheet_open(const char *path, Problems *p);
/* The next row: 1 = ROW filled, 0 = end of file, -1 = the file is unreadable
   from here on (a problem was added to the Problems given to sheet_open). */
int sheet_next(SheetReader *r, SheetRow *row);
void sheet_close(SheetReader *r);

typedef struct SheetWriter SheetWriter;

/* Creates PATH in FORMAT; NULL with *ERR (caller frees) on failure. */
SheetWriter *sheet_create(const char *path, SheetFormat format, char **err);
/* Writes one row of N cells (NULL cells are empty). Returns false on an I/O error. */
bool sheet_write(SheetWriter *w, const char *const *cells, int n);
/* Finishes the file; false with *ERR (caller frees) if it could not be written whole.
   Frees W in any case. */
bool sheet_finish(SheetWriter *w, char **err);

/* The backends, chosen by sheet_open()/sheet_create() (io/sheet.c). */
SheetReader *sheet_csv_open(const char *path, Problems *p);
SheetReader *sheet_xlsx_open(const char *path, Problems *p);
SheetWriter *sheet_csv_create(const char *path, char **err);
SheetWriter *sheet_xlsx_create(const char *path, char **err);

/* Each backend's reader and writer starts with this header, so that
   sheet_next()/sheet_close()/sheet_write()/sheet_finish() dispatch on it. */
typedef struct SheetOps {
    int (*next)(SheetReader *r, SheetRow *row);
    void (*close)(SheetReader *r);
    bool (*write)(SheetWriter *w, const char *const *cells, int n);
    bool (*finish)(SheetWriter *w, char **err);
} SheetOps;

struct SheetReader { const SheetOps *ops; };
struct SheetWriter { const SheetOps *ops; };

#endif
