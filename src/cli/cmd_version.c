/*
** `shouhu version`: the version, the schema and the libraries linked in.
*/
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include "cli/cli.h"

#define SHOUHU_VERSION "0.1.0"

static int run_version(Cli *cli)
{
    if (!cli_args(cli, 0, 0)) return 2;
    printf("shouhu %s (schema %d)\n", SHOUHU_VERSION, store_schema_latest());
    printf("sqlite %s, jansson %s, libsodium %s\n", sqlite3_libversion(), JANSSON_VERSION, sodium_version_string());
    return 0;
}

const Command cmd_version = {"version", "", "print the version", "Prints the version, the database schema this binary "
                             "writes, and the versions of the libraries it uses.", run_version};
