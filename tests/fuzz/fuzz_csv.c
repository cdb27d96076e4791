/*
** Fuzz target: the CSV reader (io/sheet_csv.c), fed any bytes as a file.
** It opens the file or refuses it with a problem; every row it hands out
** has between 0 and SHEET_MAX_CELLS cells of valid UTF-8, row numbers go
** up, and a read error is reported as a problem and ends the file.
*/
#include "fuzz.h"
#include "io/sheet.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("in.csv", data, size);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    SheetReader *r = sheet_csv_open(path, &p);
    if (!r) {
        FUZZ_CHECK(p.count == 1);
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
