/*
** Fuzz target: the .xlsx reader (io/sheet_xlsx.c), fed any bytes as a
** workbook. It opens the workbook or refuses it with a problem, within
** its limits on sizes and counts, and every row it hands out has valid
** UTF-8 cells and rising row numbers.
*/
#include "fuzz.h"
#include "io/sheet.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("in.xlsx", data, size);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    SheetReader *r = sheet_xlsx_open(path, &p);
    if (!r) {
        FUZZ_CHECK(p.count >= 1);
    } else {
        SheetRow row;
        long last = 0;
        int got;
        while ((got = sheet_next(r, &row)) == 1) {
            FUZZ_CHECK(row.number > last);
            last = row.number;
            FUZZ_CHECK(row.n >= 0 && row.n <= SHEET_MAX_CELLS);
            for (int i = 0; i < row.n; i++) FUZZ_CHECK(utf8_valid(row.cells[i], strlen(row.cells[i])));
        }
        FUZZ_CHECK(got == 0 || (got == -1 && p.count > 0));
        sheet_close(r);
    }
    arena_free(a);
    return 0;
}
