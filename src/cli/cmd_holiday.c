/*
** `shouhu holiday list|add|remove`: the public holidays that fall on
** weekdays and the weekend days worked instead (调休), from the State
** Council's yearly notice, for the working-day time limits of the category
** procedure (domain/workdays.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include "cli/allowance_cli.h"

static int print_day(void *ctx, Date day, const char *kind, const char *name)
{
    Cli *cli = ctx;
    char d[11];
    printf("%s\t%s\t%s\n", date_format(day, d),
           kind[0] == 'h' ? tr(cli, "放假", "holiday") : tr(cli, "调休上班", "worked"), name ? name : "");
    return 0;
}

static int run_list(Cli *cli)
{
    if (!cli_args(cli, 0, 1)) return 2;
    int year = cli->argc ? atoi(cli->argv[0]) : 0;
    if (cli->argc && (year < 1990 || year > 2199)) return cli_fail("YEAR is a year, such as 2024");
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    int rc = store_holidays_list(s, year, print_day, cli) == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return rc;
}

/* add and remove: one day in one transaction */
static int change_day(Cli *cli, bool add)
{
    bool workday = add && cli_flag(cli, "workday");
    const char *name = add ? cli_option(cli, "name") : NULL;
    if (!cli_args(cli, 1, 1)) return 2;
    Date day;
    if (!date_parse_iso(cli->argv[0], &day)) return cli_fail("%s: write the date as 2024-02-12", cli->argv[0]);
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    StoreRc r = store_begin(s);
    if (r == STORE_OK)
        r = add ? store_holiday_put(s, day, workday ? "workday" : "holiday", name) : store_holiday_remove(s, day);
    int rc;
    if (r == STORE_NOTFOUND) {
        store_rollback(s);
        rc = cli_fail("%s is not in the list", cli->argv[0]);
    } else {
        rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, NULL);
    }
    store_close(s);
    return rc;
}

static int run_add(Cli *cli) { return change_day(cli, true); }
static int run_remove(Cli *cli) { return change_day(cli, false); }

const Command cmd_holiday_list = {"holiday list", "[YEAR]", "list the holidays and worked weekend days",
                                  "Lists the weekdays that are public holidays and the weekend days that\n"
                                  "are worked (调休), used to count working days. 2023 and 2024 come with\n"
                                  "Shouhu; add each later year from the State Council's notice.",
                                  run_list};

const Command cmd_holiday_add = {"holiday add", "DATE [--workday] [--name NAME]",
                                 "add a holiday, or a worked weekend day",
                                 "Adds DATE as a public holiday, or with --workday as a weekend day that\n"
                                 "is worked. Only weekdays off and weekend days worked change a count.",
                                 run_add};

const Command cmd_holiday_remove = {"holiday remove", "DATE", "remove a day from the holiday list",
                                    "Removes DATE from the list of holidays and worked weekend days.", run_remove};
