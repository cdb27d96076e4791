/*
** The command line: one table of commands (cli/commands.c), each command in
** a file of its own (cli/cmd_*.c) with its usage and help beside its code.
** Adding a command is one file and one line in the table.
**
** A command receives its arguments after the command words, with the global
** options (--db FILE) already taken out. It returns the process exit status:
** 0 success, 1 failure (a message on stderr), 2 wrong usage.
*/
#ifndef SHOUHU_CLI_H
#define SHOUHU_CLI_H

#include <stdbool.h>
#include "domain/message.h"
#include "store/store.h"
#include "util/arena.h"

typedef struct Cli {
    const char *db_path;   /* --db, else $SHOUHU_DB, else ./shouhu.db */
    int argc;              /* arguments after the command words */
    char **argv;
    Lang lang;             /* for messages about data: from SHOUHU_LANG / LANG */
    Arena *arena;          /* freed by main() after the command returns */
    const struct Command *command;
} Cli;

typedef struct Command {
    const char *name;      /* one or two words: "init", "child show" */
    const char *usage;     /* the arguments, e.g. "ID" or "FILE [--dry-run]" */
    const char *summary;   /* one line for `shouhu help` */
    const char *help;      /* the full text for `shouhu help NAME` */
    int (*run)(Cli *cli);
} Command;

extern const Command *const cli_commands[];   /* ends with NULL */

/* Takes "--NAME VALUE" or "--NAME=VALUE" out of cli->argv; NULL if absent.
   A missing value is reported and the process exits with status 2. */
const char *cli_option(Cli *cli, const char *name);
/* Takes a short option "-o VALUE" out of cli->argv; NULL if absent. */
const char *cli_short_option(Cli *cli, const char *flag);
/* Takes "--NAME" out of cli->argv; true if it was there. */
bool cli_flag(Cli *cli, const char *name);
/* After the options are taken: checks that no unknown option is left and
   that between MIN and MAX positional arguments remain; prints the usage
   and returns false otherwise. */
bool cli_args(Cli *cli, int min, int max);

/* Prints "shouhu: MESSAGE" on stderr; returns 1 for `return cli_fail(...)`. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Opens the database named by cli->db_path (it must be initialised), or
   prints why not and returns NULL. The caller closes it with store_close(). */
Store *cli_open_store(Cli *cli);

/* The author of changes made from this terminal: "cli:USER". In cli->arena. */
const char *cli_author(Cli *cli);

/* The child WHICH names: a record number, or a resident ID number (any of
   the forms idcard_parse accepts). The whole city: the command line is the
   administrator's. Strings in cli->arena. */
StoreRc cli_find_child(Cli *cli, Store *s, const char *which, Child *c);

/* Prints each problem of P on stderr in cli->lang, at most MAX (0 = all). */
void cli_print_problems(Cli *cli, const Problems *p, size_t max);

/* Records ACTION on RECORDS by this terminal's user in the audit trail. */
void cli_audit(Cli *cli, Store *s, const char *action, const char *records, bool success, const char *detail);

/* `shouhu init`'s first administrator, when the database has no account:
   "admin" over the whole city, with the password in PASSWORD_FILE, or
   else a one-time password printed here (cmd_user.c). */
int cli_first_admin(Cli *cli, Store *s, const char *password_file);

#endif
