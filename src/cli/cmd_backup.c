/*
** `shouhu backup FILE`: a consistent copy of the database through SQLite's
** online backup, safe while the server is writing. The copy is a plain
** SQLite file: keep it off site with rsync or object storage.
*/
#include <stdio.h>
#include <unistd.h>
#include "cli/cli.h"

static int run_backup(Cli *cli)
{
    bool force = cli_flag(cli, "force");
    if (!cli_args(cli, 1, 1)) return 2;
    const char *dest = cli->argv[0];
    if (!force && access(dest, F_OK) == 0) return cli_fail("%s exists: choose another name, or --force to replace it", dest);
    if (force) unlink(dest);
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    int rc = 0;
    if (store_backup(s, dest) != STORE_OK) {
        rc = cli_fail("%s", store_errmsg(s));
        unlink(dest);   /* never leave half a backup that looks like a whole one */
    } else {
        printf("backup written to %s\n", dest);
    }
    store_close(s);
    return rc;
}

const Command cmd_backup = {"backup", "FILE [--force]", "copy the database consistently, even while serving",
                            "Writes a consistent copy of the database to FILE with SQLite's online\n"
                            "backup; it is safe while the server is writing. An existing FILE is kept\n"
                            "unless --force. Check a copy with 'shouhu --db FILE check'.",
                            run_backup};
