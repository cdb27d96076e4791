/*
** `shouhu export children`: writes the ledger, or part of it, as .csv or
** .xlsx with the headings that `import children` reads, so an export
** re-imports unchanged.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "domain/codes.h"
#include "io/ledger.h"

static int run_export(Cli *cli)
{
    const char *format = cli_option(cli, "format");
    const char *area = cli_option(cli, "area");
    const char *category = cli_option(cli, "category");
    const char *out = cli_short_option(cli, "-o");
    if (!out) out = cli_option(cli, "output");
    if (!cli_args(cli, 0, 0)) return 2;
    SheetFormat fmt = SHEET_CSV;
    if (format && strcmp(format, "xlsx") == 0) fmt = SHEET_XLSX;
    else if (format && strcmp(format, "csv") != 0) return cli_fail("--format is csv or xlsx");
    else if (!format && out && strlen(out) > 5 && strcmp(out + strlen(out) - 5, ".xlsx") == 0) fmt = SHEET_XLSX;
    if (!out) {
        if (fmt == SHEET_XLSX) return cli_fail("an .xlsx export needs -o FILE");
        out = "-";
    }
    const CodeEntry *cat = category ? code_find(&CODES_CATEGORY, category) : NULL;
    if (category && !cat) return cli_fail("unknown category '%s'", category);

    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Area found;
    if (area && store_area_get(s, area, &found, cli->arena) != STORE_OK) {
        store_close(s);
        return cli_fail("no area %s: give a 12-digit area code", area);
    }
    char *err = NULL;
    SheetWriter *w = sheet_create(out, fmt, &err);
    if (!w) {
        store_close(s);
        int rc = cli_fail("cannot create %s: %s", out, err ? err : "");
        free(err);
        return rc;
    }
    ChildFilter f = {.scope = SCOPE_ALL, .area = area, .category = cat ? cat->code : NULL};
    long count = 0;
    StoreRc r = ledger_export(s, &f, w, &count, cli->arena);
    bool finished = sheet_finish(w, &err);
    int rc = 0;
    if (r != STORE_OK) rc = cli_fail("export failed: %s", store_errmsg(s));
    else if (!finished) rc = cli_fail("cannot write %s: %s", out, err ? err : "");
    else if (strcmp(out, "-") != 0) printf("%ld children written to %s\n", count, out);
    if (rc && strcmp(out, "-") != 0) remove(out);   /* no half-written ledger left behind */
    free(err);
    store_close(s);
    return rc;
}

const Command cmd_export_children = {
    "export children", "[--format csv|xlsx] [--area CODE] [--category CODE] [-o FILE]",
    "export the children's ledger to .csv or .xlsx",
    "Writes the ledger with the headings 'import children' reads: to FILE, or\n"
    "to standard output for CSV. --area limits it to an area and everything\n"
    "below it (a town or a village code); --category to the children who hold\n"
    "a category now (a code such as orphan_scattered, or its Chinese name).\n"
    "The format follows FILE's ending unless --format says otherwise.",
    run_export};
