/*
** `shouhu help [COMMAND]`: the list of commands, or one command's help.
*/
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

static int run_help(Cli *cli)
{
    if (cli->argc == 0) {
        puts("Shouhu (守护): the child welfare and minor protection ledger.\n\n"
             "usage: shouhu [--db FILE] COMMAND [ARGS]\n\ncommands:");
        int width = 0;   /* the longest name (names are ASCII) */
        for (const Command *const *cp = cli_commands; *cp; cp++)
            if ((int)strlen((*cp)->name) > width) width = (int)strlen((*cp)->name);
        for (const Command *const *cp = cli_commands; *cp; cp++) printf("  %-*s %s\n", width, (*cp)->name, (*cp)->summary);
        puts("\nThe database is --db FILE, else $SHOUHU_DB, else ./shouhu.db.\n"
             "Messages about data are in Chinese unless LANG (or SHOUHU_LANG) is English.\n"
             "'shouhu help COMMAND' explains a command.");
        return 0;
    }
    char name[128];
    snprintf(name, sizeof name, "%s%s%s", cli->argv[0], cli->argc > 1 ? " " : "", cli->argc > 1 ? cli->argv[1] : "");
    for (const Command *const *cp = cli_commands; *cp; cp++)
        if (strcmp((*cp)->name, name) == 0 || strcmp((*cp)->name, cli->argv[0]) == 0) {
            printf("usage: shouhu %s %s\n\n%s\n", (*cp)->name, (*cp)->usage, (*cp)->help);
            return 0;
        }
    return cli_fail("no command '%s': 'shouhu help' lists them", name);
}

const Command cmd_help = {"help", "[COMMAND]", "list the commands, or explain one",
                          "Lists the commands, or prints the help of one.", run_help};
