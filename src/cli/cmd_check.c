/*
** `shouhu check`: SQLite's integrity check plus the ledger's own consistency
** (see store_check). Exit status 0 only when nothing is found.
*/
#include <stdio.h>
#include "cli/cli.h"

static int run_check(Cli *cli)
{
    if (!cli_args(cli, 0, 0)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_check(s, &p);
    int rc = 0;
    if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    else if (p.count) {
        fprintf(stderr, "shouhu: %s: %zu problems found\n", cli->db_path, p.count);
        cli_print_problems(cli, &p, 100);
        rc = 1;
    } else {
        printf("%s: ok\n", cli->db_path);
    }
    store_close(s);
    return rc;
}

const Command cmd_check = {"check", "", "check the database and the ledger's consistency",
                           "Runs SQLite's integrity and foreign-key checks, then the ledger's own:\n"
                           "every record reads back, agrees with its indexed columns and categories,\n"
                           "and has an unbroken history. Exits 1 if anything is found.",
                           run_check};
