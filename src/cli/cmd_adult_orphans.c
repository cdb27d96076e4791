/*
** Adult orphans settled by the towns in turn (成年孤儿轮流安置): `shouhu
** adult-orphans towns` shows the rotation and whose turn it is; `candidates`
** lists the welfare centre's orphans who are 18; `settle` records a
** settlement (the proposed town, or another with a reason) and `pay` its
** one-time subsidy; `history` enters settlements since 2013 from the paper
** files, and `demo-history` a made-up history marked as demo; `list` shows
** them all; `order` sets the rotation order.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "cli/demo_parts.h"
#include "domain/rotation.h"

/* Prints the rotation with each town's settlements and whose turn it is. */
static int print_towns(Cli *cli, Store *s)
{
    RotationTown *towns;
    int n;
    const char *last;
    if (store_rotation(s, &towns, &n, &last, cli->arena) != STORE_OK) return cli_fail("%s", store_errmsg(s));
    int next = rotation_next(towns, n, last);
    printf("%s\n", tr(cli, "顺序\t代码\t镇街\t已安置", "order\tcode\ttown\tsettled"));
    for (int i = 0; i < n; i++)
        printf("%d\t%s\t%s\t%d%s\n", i + 1, towns[i].code, towns[i].name, towns[i].settled,
               i == next ? tr(cli, "\t← 下一个", "\t<- next") : "");
    return 0;
}

static int run_towns(Cli *cli)
{
    if (!cli_args(cli, 0, 0)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    int rc = print_towns(cli, s);
    store_close(s);
    return rc;
}

static int print_candidate(void *ctx, const Child *c)
{
    (void)ctx;
    char d[11];
    printf("%lld\t%s\t%s\t%s\n", c->id, c->name, date_format(c->birth_date, d), c->area);
    return 0;
}

static int run_candidates(Cli *cli)
{
    Date on;
    if (!cli_date_opt(cli, "on", cli_today(), &on)) return 2;
    if (!cli_args(cli, 0, 0)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    printf("%s\n", tr(cli, "档案号\t姓名\t出生日期\t村（社区）", "record\tname\tborn\tvillage"));
    int rc = store_adult_orphan_candidates(s, on, print_candidate, cli, cli->arena) == STORE_OK
                 ? 0
                 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return rc;
}

/* Records ST and prints it; shared by settle, history and demo-history. */
static StoreRc add_settlement(Cli *cli, Store *s, Settlement *st, const AllowanceRules *rules, Problems *p)
{
    st->recorded_at = cli_now(cli);
    st->recorded_by = cli_author(cli);
    return store_settlement_add(s, st, rules, p);
}

static int one_settlement(Cli *cli, Settlement *st)
{
    AllowanceRules rules;
    Store *s = cli_open_allowances(cli, &rules);
    if (!s) return 1;
    if (cli->argc && !st->name) {
        Child c;
        if (cli_find_child(cli, s, cli->argv[0], &c) != STORE_OK) {
            store_close(s);
            return cli_fail("no child record %s", cli->argv[0]);
        }
        st->child_id = c.id;
    }
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = add_settlement(cli, s, st, &rules, &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) {
        char d[11];
        printf(tr(cli, "安置%lld：%s，%s，%s安置，一次性补助%s元\n",
                  "settlement %lld: %s, %s, settled by %s, subsidy %s yuan\n"),
               st->id, st->name, date_format(st->settled_on, d), st->town_name ? st->town_name : st->town,
               cli_yuan(cli, st->amount));
        cli_audit(cli, s, "adult_orphan.settle", st->child_id ? arena_printf(cli->arena, "%lld", st->child_id) : NULL,
                  true, st->town);
    }
    store_close(s);
    return rc;
}

/* --amount and --paid-on, shared by settle and history. */
static bool amount_and_paid(Cli *cli, Settlement *st)
{
    const char *amount = cli_option(cli, "amount");
    if (amount && !cli_money("--amount", amount, false, &st->amount)) return false;
    return cli_date_opt(cli, "paid-on", DATE_NONE, &st->paid_on);
}

static int run_settle(Cli *cli)
{
    Settlement st = {0};
    st.town = cli_option(cli, "town");
    st.out_of_turn_reason = cli_option(cli, "reason");
    st.note = cli_option(cli, "note");
    if (!amount_and_paid(cli, &st) || !cli_date_opt(cli, "on", cli_today(), &st.settled_on)) return 2;
    if (!cli_args(cli, 1, 1)) return 2;
    return one_settlement(cli, &st);
}

static int run_history(Cli *cli)
{
    Settlement st = {.history = true};
    st.id_number = cli_option(cli, "id-number");
    st.note = cli_option(cli, "note");
    st.demo = cli_flag(cli, "demo");
    if (!amount_and_paid(cli, &st)) return 2;
    if (!cli_args(cli, 3, 3)) return 2;
    st.name = cli->argv[0];
    st.town = cli->argv[1];
    if (!date_parse_iso(cli->argv[2], &st.settled_on))
        return cli_fail("%s: write the date as 2015-06-30", cli->argv[2]);
    return one_settlement(cli, &st);
}

static int run_demo_history(Cli *cli)
{
    if (!cli_args(cli, 0, 0)) return 2;
    AllowanceRules rules;
    Store *s = cli_open_allowances(cli, &rules);
    if (!s) return 1;
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = adult_orphan_demo_history(s, &rules, cli_now(cli), cli_author(cli), &p, cli->arena);
    if (r == STORE_CONFLICT) {
        store_rollback(s);
        store_close(s);
        return cli_fail(
            "settlements are recorded already (or no town takes turns): a demo history goes only into an empty list");
    }
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0)
        printf(tr(cli, "已录入%d条演示安置记录（2013—2022年，标记为演示数据）\n",
                  "%d demo settlements entered (2013-2022, marked demo)\n"),
               ADULT_ORPHAN_DEMO_HISTORY);
    store_close(s);
    return rc;
}

static int run_pay(Cli *cli)
{
    Date on;
    if (!cli_date_opt(cli, "on", cli_today(), &on)) return 2;
    if (!cli_args(cli, 1, 1)) return 2;
    long long id;
    if (!cli_id("SETTLEMENT", cli->argv[0], &id)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_settlement_pay(s, id, on, &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) cli_audit(cli, s, "adult_orphan.pay", arena_printf(cli->arena, "settlement:%lld", id), true, NULL);
    store_close(s);
    return rc;
}

static int print_settlement(void *ctx, const Settlement *st)
{
    Cli *cli = ctx;
    char on[11], paid[11];
    printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s%s%s\n", st->id, date_format(st->settled_on, on), st->name, st->town_name,
           cli_yuan(cli, st->amount),
           date_is_set(st->paid_on) ? date_format(st->paid_on, paid) : tr(cli, "未发放", "unpaid"),
           st->demo      ? tr(cli, "演示数据 ", "demo ")
           : st->history ? tr(cli, "历史补录 ", "history ")
                         : "",
           st->out_of_turn_reason ? tr(cli, "未按顺序：", "out of turn: ") : "",
           st->out_of_turn_reason ? st->out_of_turn_reason : "");
    return 0;
}

static int run_list(Cli *cli)
{
    if (!cli_args(cli, 0, 0)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    printf("%s\n", tr(cli, "编号\t安置日期\t姓名\t镇街\t补助（元）\t发放日期\t备注",
                      "id\tsettled\tname\ttown\tyuan\tpaid\tnote"));
    int rc =
        store_settlements_list(s, &SCOPE_ALL, print_settlement, cli, cli->arena) == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return rc;
}

static int run_order(Cli *cli)
{
    if (!cli_args(cli, 1, 64)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_rotation_set(s, (const char *const *)cli->argv, cli->argc, &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) rc = print_towns(cli, s);
    store_close(s);
    return rc;
}

const Command cmd_adult_orphans_towns = {"adult-orphans towns", "",
                                         "show the towns' rotation for adult orphans and whose turn it is",
                                         "Lists the towns that settle adult orphans in turn (Dongguan's 28 towns and\n"
                                         "4 streets; the functional zones take no turn), how many each has settled,\n"
                                         "and the one whose turn it is: the fewest settlements, and among those the\n"
                                         "first after the town that settled last.",
                                         run_towns};

const Command cmd_adult_orphans_candidates = {
    "adult-orphans candidates", "[--on DATE]", "list the welfare centre's orphans who are 18 and not settled",
    "Lists the orphans raised in the welfare institution who are 18 or older on\n"
    "DATE (default today) and not settled yet.",
    run_candidates};

const Command cmd_adult_orphans_settle = {
    "adult-orphans settle",
    "CHILD [--on DATE] [--town CODE --reason TEXT] [--amount YUAN] [--paid-on DATE] [--note TEXT]",
    "record the settlement of an adult orphan",
    "Records that CHILD, an orphan of the welfare institution 18 or older, is\n"
    "settled on DATE (default today) by the town whose turn it is, or by\n"
    "--town CODE with --reason why not in turn. The one-time subsidy is\n"
    "adult_orphans.subsidy (130,000 yuan) unless --amount says otherwise.",
    run_settle};

const Command cmd_adult_orphans_history = {
    "adult-orphans history", "NAME TOWN DATE [--id-number N] [--amount YUAN] [--paid-on DATE] [--demo] [--note TEXT]",
    "enter a past settlement from the paper files",
    "Enters a settlement made before Shouhu (the seed counts 53 since 2013):\n"
    "NAME settled by TOWN (a town-level code) on DATE. It needs no record in\n"
    "the ledger and counts in the rotation. --demo marks made-up data.",
    run_history};

const Command cmd_adult_orphans_demo_history = {
    "adult-orphans demo-history", "", "enter a made-up history of 53 settlements, marked as demo",
    "For demonstrations: enters 53 settlements from 2013 to 2022, the towns in\n"
    "turn, each marked as demo data (演示数据) so that no one takes it for the\n"
    "real history. Refused when any settlement is recorded.",
    run_demo_history};

const Command cmd_adult_orphans_pay = {
    "adult-orphans pay", "SETTLEMENT [--on DATE]", "record the payment of a settlement's subsidy",
    "Records that the one-time subsidy of SETTLEMENT was paid on DATE (default today), once.", run_pay};

const Command cmd_adult_orphans_list = {"adult-orphans list", "", "list the settlements of adult orphans",
                                        "Lists every settlement, history and demo data marked.", run_list};

const Command cmd_adult_orphans_order = {"adult-orphans order", "TOWN...", "set the rotation order of the towns",
                                         "Sets the order in which the towns take turns to the codes given (each a\n"
                                         "town or street, each once). Without it the order is the official code\n"
                                         "order: the 4 streets, then the 28 towns.",
                                         run_order};
