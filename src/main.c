/*
** shouhu: the entry point. Takes the global options, finds the command in
** the table (cli/commands.c) and runs it with an arena freed here.
*/
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static void usage(void)
{
    fputs("usage: shouhu [--db FILE] COMMAND [ARGS]\n"
          "       shouhu help [COMMAND]   lists the commands, or explains one\n",
          stderr);
}

/* Takes --db FILE / --db=FILE from anywhere on the line. */
static const char *take_db_option(int *argc, char **argv)
{
    const char *db = NULL;
    for (int i = 1; i < *argc; i++) {
        int take = 0;
        if (strcmp(argv[i], "--db") == 0 && i + 1 < *argc) {
            db = argv[i + 1];
            take = 2;
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            db = argv[i] + 5;
            take = 1;
        }
        if (take) {
            memmove(&argv[i], &argv[i + take], (size_t)(*argc - i - take + 1) * sizeof *argv);
            *argc -= take;
            i--;
        }
    }
    return db;
}

/* The command named by the first one or two words of ARGV; *WORDS gets how many. */
static const Command *find_command(int argc, char **argv, int *words)
{
    if (argc >= 2)
        for (const Command *const *cp = cli_commands; *cp; cp++) {
            const Command *c = *cp;
            size_t n = strlen(argv[0]);
            if (strncmp(c->name, argv[0], n) == 0 && c->name[n] == ' ' && strcmp(c->name + n + 1, argv[1]) == 0) {
                *words = 2;
                return c;
            }
        }
    for (const Command *const *cp = cli_commands; *cp; cp++)
        if (strcmp((*cp)->name, argv[0]) == 0) {
            *words = 1;
            return *cp;
        }
    return NULL;
}

int main(int argc, char **argv)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    const char *db = take_db_option(&argc, argv);
    if (!db) db = getenv("SHOUHU_DB");
    if (!db || !*db) db = "shouhu.db";
    if (argc < 2) {
        usage();
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) argv[1] = "help";
    if (strcmp(argv[1], "--version") == 0) argv[1] = "version";
    int words = 0;
    const Command *cmd = find_command(argc - 1, argv + 1, &words);
    if (!cmd) {
        fprintf(stderr, "shouhu: unknown command '%s'\n", argv[1]);
        usage();
        return 2;
    }
    Cli cli = {db, argc - 1 - words, argv + 1 + words, lang_from_env(), arena_new(), cmd};
    int status;
    if (cli.argc > 0 && (strcmp(cli.argv[0], "--help") == 0 || strcmp(cli.argv[0], "-h") == 0))
        status = printf("usage: shouhu %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->help) < 0;
    else
        status = cmd->run(&cli);
    arena_free(cli.arena);
    if (fflush(stdout) != 0) {
        perror("shouhu: writing output");
        return 1;
    }
    return status;
}
