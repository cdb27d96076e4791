/*
** Helpers shared by the allowance commands (cmd_eligibility.c,
** cmd_category.c, cmd_standards.c, cmd_payroll*.c, cmd_aid.c,
** cmd_adult_orphans.c, cmd_holiday.c, cmd_allowance_settings.c): finding a
** child, reading dates, months, amounts and ids from the command line,
** opening the store with the allowance settings, and reporting a refused
** change. Strings live in cli->arena.
*/
#ifndef SHOUHU_ALLOWANCE_CLI_H
#define SHOUHU_ALLOWANCE_CLI_H

#include <stdbool.h>
#include "cli/cli.h"
#include "domain/money.h"
#include "domain/month.h"
#include "store/store_allowances.h"

/* ZH or EN, in the language of this terminal. */
const char *tr(const Cli *cli, const char *zh, const char *en);


/* Reads option --NAME as a date (else DFLT); false with a message if it is not one. */
bool cli_date_opt(Cli *cli, const char *name, Date dflt, Date *out);
/* Parses TEXT as a month / an amount in yuan / a positive id; false with a message if not. */
bool cli_month(const char *what, const char *text, Month *out);
bool cli_money(const char *what, const char *text, bool allow_negative, Fen *out);
bool cli_id(const char *what, const char *text, long long *out);

/* Today, and now, as this terminal's user records changes. */
Date cli_today(void);
const char *cli_now(Cli *cli);
/* A Change by this terminal's user with REASON, in cli->arena. */
Change *cli_change(Cli *cli, const char *reason);

/* Opens the store and loads the allowance settings; NULL (with a message) on failure. */
Store *cli_open_allowances(Cli *cli, AllowanceRules *rules);

/* Reports why a change was refused (its problems, or the store's message),
   rolls the transaction back, and returns 1. */
int cli_refused(Cli *cli, Store *s, StoreRc r, const Problems *p);

/* Commits; on failure reports it and returns 1, else 0. */
int cli_commit(Store *s);

/* A store's setter of a setting that varies by place (checked there). */
typedef StoreRc (*CliSettingSetFn)(Store *s, const char *key, const char *value, Problems *p);

/* The "settings KEY VALUE" form of a settings command (allowance settings,
   case settings): sets cli->argv[0] to cli->argv[1] with SET in a
   transaction, prints "KEY = VALUE" and records ACTION in the audit trail;
   returns the exit code. */
int cli_setting_set(Cli *cli, Store *s, CliSettingSetFn set, const char *action);

/* "2017.00" in cli->arena. */
const char *cli_yuan(Cli *cli, Fen fen);

#endif
