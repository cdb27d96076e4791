/*
** Helpers of the allowance commands (see allowance_cli.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "util/clock.h"

const char *tr(const Cli *cli, const char *zh, const char *en) { return cli->lang == LANG_ZH ? zh : en; }

bool cli_date_opt(Cli *cli, const char *name, Date dflt, Date *out)
{
    const char *v = cli_option(cli, name);
    *out = dflt;
    if (!v) return true;
    if (date_parse_iso(v, out)) return true;
    cli_fail("--%s %s: write the date as 2023-01-31", name, v);
    return false;
}

bool cli_month(const char *what, const char *text, Month *out)
{
    if (text && month_parse(text, out)) return true;
    cli_fail("%s %s: write the month as 2023-02", what, text ? text : "");
    return false;
}

bool cli_money(const char *what, const char *text, bool allow_negative, Fen *out)
{
    if (text && (allow_negative ? money_parse_signed(text, out) : money_parse(text, out))) return true;
    cli_fail("%s %s: write yuan with at most two decimals, such as 2017.00%s", what, text ? text : "",
             allow_negative ? " or -2017.00" : "");
    return false;
}

bool cli_id(const char *what, const char *text, long long *out)
{
    char *end;
    long long v = text ? strtoll(text, &end, 10) : 0;
    if (text && *text && !*end && v > 0) {
        *out = v;
        return true;
    }
    cli_fail("%s %s: give a number such as 12", what, text ? text : "");
    return false;
}

Date cli_today(void) { return clock_today(); }

const char *cli_now(Cli *cli)
{
    char buf[26];
    return arena_strdup(cli->arena, clock_now_iso(buf));
}

Change *cli_change(Cli *cli, const char *reason)
{
    Change *ch = arena_alloc(cli->arena, sizeof *ch);
    ch->author = cli_author(cli);
    ch->reason = reason;
    ch->at = cli_now(cli);
    return ch;
}

Store *cli_open_allowances(Cli *cli, AllowanceRules *rules)
{
    Store *s = cli_open_store(cli);
    if (!s) return NULL;
    if (store_allowance_rules(s, rules) != STORE_OK) {
        cli_fail("%s", store_errmsg(s));
        store_close(s);
        return NULL;
    }
    return s;
}

int cli_refused(Cli *cli, Store *s, StoreRc r, const Problems *p)
{
    store_rollback(s);
    if (p && p->count) {
        fprintf(stderr, "shouhu: %s\n", tr(cli, "未办理：", "not done:"));
        cli_print_problems(cli, p, 20);
    } else {
        cli_fail("%s", r == STORE_NOTFOUND ? tr(cli, "找不到", "not found") : store_errmsg(s));
    }
    return 1;
}

int cli_commit(Store *s)
{
    if (store_commit(s) == STORE_OK) return 0;
    return cli_fail("%s", store_errmsg(s));
}

int cli_setting_set(Cli *cli, Store *s, CliSettingSetFn set, const char *action)
{
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = set(s, cli->argv[0], cli->argv[1], &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) {
        printf("%s = %s\n", cli->argv[0], cli->argv[1]);
        cli_audit(cli, s, action, NULL, true, arena_printf(cli->arena, "%s=%s", cli->argv[0], cli->argv[1]));
    }
    return rc;
}

const char *cli_yuan(Cli *cli, Fen fen)
{
    char buf[MONEY_BUF];
    return arena_strdup(cli->arena, money_format(fen, buf));
}
