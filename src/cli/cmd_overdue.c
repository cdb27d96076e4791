/*
** `shouhu overdue [--area CODE] [--horizon DAYS] [--kind KIND]`: the list of
** overdue work (督查督办) on the command line, from the same sources as GET
** /api/v1/supervision/overdue (store_overdue.h): one tab-separated line per
** item, each kind oldest due first, for a daily report from a timer.
** `shouhu overdue --stale-days N` sets after how many days without a change
** an active record is listed as stale (the setting supervision.stale_days).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "store/store_overdue.h"

typedef struct Listing {
    const char *today;
    long items, late;
} Listing;

static int print_item(void *ctx, const OverdueItem *x)
{
    Listing *l = ctx;
    bool late = strcmp(x->due, l->today) < 0;
    l->items++;
    l->late += late;
    printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", x->due, late ? "overdue" : "due", x->kind, x->record, x->area, x->actor,
           x->title);
    return 0;
}

/* Sets supervision.stale_days to TEXT (1 to 3650 days). */
static int set_stale_days(Cli *cli, Store *s, const char *text)
{
    char *end;
    long days = strtol(text, &end, 10);
    if (*end || days < 1 || days > 3650) return cli_fail("--stale-days is a number of days, 1 to 3650");
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_setting_set(s, "supervision.stale_days", arena_printf(cli->arena, "%ld", days));
    if (r != STORE_OK) {
        store_rollback(s);
        return cli_fail("%s", store_errmsg(s));
    }
    int rc = cli_commit(s);
    if (rc == 0) {
        printf("supervision.stale_days = %ld\n", days);
        cli_audit(cli, s, "supervision.setting", NULL, true, arena_printf(cli->arena, "supervision.stale_days=%ld", days));
    }
    return rc;
}

static int run_overdue(Cli *cli)
{
    const char *area = cli_option(cli, "area"), *kind = cli_option(cli, "kind");
    const char *horizon_s = cli_option(cli, "horizon"), *stale = cli_option(cli, "stale-days");
    if (!cli_args(cli, 0, 0)) return 2;
    int horizon = horizon_s ? atoi(horizon_s) : 30;
    if (horizon < 0 || horizon > 366) return cli_fail("--horizon is a number of days, 0 to 366");
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    int rc = 0;
    Area found;
    if (stale) {
        rc = set_stale_days(cli, s, stale);
    } else if (area && store_area_get(s, area, &found, cli->arena) != STORE_OK) {
        rc = cli_fail("no area %s: give a 12-digit area code", area);
    } else {
        char today[11];
        Listing l = {date_format(cli_today(), today), 0, 0};
        const Scope scope = {area ? area_prefix_of(cli->arena, area) : ""};
        StoreRc r = store_overdue_collect(s, &scope, kind, today, horizon, print_item, &l, cli->arena);
        if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
        else
            fprintf(stderr, tr(cli, "逾期%ld件，%d天内到期%ld件\n", "%ld overdue; due within %d days: %ld more\n"),
                    l.late, horizon, l.items - l.late);
    }
    store_close(s);
    return rc;
}

const Command cmd_overdue = {"overdue", "[--area CODE] [--horizon DAYS] [--kind KIND] | --stale-days N",
                             "list overdue work (督查督办), or set when a record is stale",
                             "Lists everything overdue or due within DAYS (default 30) in AREA (default\n"
                             "all): category steps not done by their due day, active records unchanged\n"
                             "for supervision.stale_days (default 365), children reaching 18. One line\n"
                             "per item: due day, overdue or due, kind, record, village, who acts, what.\n"
                             "--kind keeps one kind (category_step, record_stale, age_out).\n"
                             "--stale-days N sets supervision.stale_days. See docs/supervision.md.",
                             run_overdue};
