/*
** Sheet dispatch (see sheet.h): picks the backend by the file's content or
** name, and forwards each call to it.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "io/sheet.h"

SheetFormat sheet_format_of(const char *path)
{
    unsigned char magic[4] = {0};
    FILE *f = fopen(path, "rb");
    if (f) {
        size_t n = fread(magic, 1, sizeof magic, f);
        fclose(f);
        if (n == 4 && memcmp(magic, "PK\3\4", 4) == 0) return SHEET_XLSX;
    }
    const char *dot = strrchr(path, '.');
    if (dot && strcasecmp(dot, ".xlsx") == 0) return SHEET_XLSX;
    if (dot && (strcasecmp(dot, ".csv") == 0 || strcasecmp(dot, ".txt") == 0)) return SHEET_CSV;
    return SHEET_UNKNOWN;
}

SheetReader *sheet_open(const char *path, Problems *p)
{
    switch (sheet_format_of(path)) {
    case SHEET_CSV: return sheet_csv_open(path, p);
    case SHEET_XLSX: return sheet_xlsx_open(path, p);
    case SHEET_UNKNOWN: break;
    }
    problems_add(p, NULL, "unknown_format");
    return NULL;
}

int sheet_next(SheetReader *r, SheetRow *row) { return r->ops->next(r, row); }
void sheet_close(SheetReader *r)
{
    if (r) r->ops->close(r);
}

SheetWriter *sheet_create(const char *path, SheetFormat format, char **err)
{
    return format == SHEET_XLSX ? sheet_xlsx_create(path, err) : sheet_csv_create(path, err);
}

bool sheet_write(SheetWriter *w, const char *const *cells, int n) { return w->ops->write(w, cells, n); }
bool sheet_finish(SheetWriter *w, char **err) { return w->ops->finish(w, err); }
