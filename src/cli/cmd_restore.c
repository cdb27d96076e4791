/*
** `shouhu restore FILE`: puts a backup back as the database. The backup is
** checked before anything is replaced (store_restore: integrity, the
** ledger's consistency, a schema this binary knows), and the replacement is
** one rename, so a failed or interrupted restore leaves the database as it
** was. Replacing an existing database needs --force: it is the one command
** that discards records.
*/
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "cli/cli.h"

static int run_restore(Cli *cli)
{
    bool force = cli_flag(cli, "force");
    if (!cli_args(cli, 1, 1)) return 2;
    const char *backup = cli->argv[0], *db = cli->db_path;
    if (!force && access(db, F_OK) == 0)
        return cli_fail("%s exists and restoring replaces it: back it up first ('shouhu backup FILE'), then give --force", db);
    Problems p;
    problems_init(&p, cli->arena);
    int schema = 0;
    char *err = NULL;
    StoreRc r = store_restore(backup, db, &p, &schema, &err);
    if (r != STORE_OK) {
        if (p.count) cli_print_problems(cli, &p, 100);
        int rc = cli_fail("%s", err ? err : "restore failed");
        free(err);
        return rc;
    }
    if (schema < store_schema_latest()) {
        printf("%s restored from %s (schema %d): run 'shouhu init' to upgrade it to schema %d\n", db, backup, schema,
               store_schema_latest());
        return 0;
    }
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    ChildFilter all = {.scope = SCOPE_ALL};
    long long children = 0;
    StoreRc lr = store_children_list(s, &all, NULL, NULL, &children, cli->arena);
    store_close(s);
    if (lr != STORE_OK) return cli_fail("%s was restored but cannot be read", db);
    printf("%s restored from %s: %lld children, schema %d\n", db, backup, children, schema);
    return 0;
}

const Command cmd_restore = {
    "restore", "FILE [--force]", "replace the database with a backup, after checking it",
    "Replaces the database (--db FILE, $SHOUHU_DB or ./shouhu.db) with the\n"
    "backup FILE. The backup is copied beside the database and checked first:\n"
    "SQLite's integrity check, the ledger's consistency (as 'shouhu check'),\n"
    "and a schema this binary knows. Only then is the old database replaced, in\n"
    "one rename, with its -wal and -shm files removed; a failed restore changes\n"
    "nothing. An existing database is replaced only with --force: take a backup\n"
    "of it first. Stop the server before restoring: a database in use is refused.\n"
    "A backup from an older version is restored as it is; run 'shouhu init' to\n"
    "upgrade it.",
    run_restore};
