/*
** Monthly payrolls on the command line, part two: the workflow. Each town
** submits its part (`payroll submit`), the city approves (`approve`) or
** sends a part back (`return`), and locks the payroll once the bank has
** paid (`lock`); a draft may be discarded; corrections are adjustment lines
** in a later draft (`adjust`). Each step is recorded in the name of the
** account that did it (--by), checked for its role and area.
*/
#include <stdio.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "domain/codes.h"

typedef StoreRc (*PayrollStepFn)(Store *, const PayrollStepArgs *, Problems *);

/* The shape of every step: PAYROLL --by ACCOUNT, and what the step needs. */
static int payroll_step(Cli *cli, PayrollStepFn fn, const char *action, bool needs_town, bool needs_reason,
                        bool paid_on)
{
    const char *by = cli_option(cli, "by");
    const char *town = needs_town ? cli_option(cli, "town") : NULL;
    const char *reason = needs_reason ? cli_option(cli, "reason") : NULL;
    Date paid = DATE_NONE;
    if (paid_on && !cli_date_opt(cli, "paid-on", cli_today(), &paid)) return 2;
    if (!cli_args(cli, 1, 1)) return 2;
    long long id;
    if (!cli_id("PAYROLL", cli->argv[0], &id)) return 2;
    if (!by) return cli_fail("--by ACCOUNT: name the account that does it");
    if (needs_town && !town) return cli_fail("--town CODE: the town whose part it is");
    if (needs_reason && !reason) return cli_fail("--reason TEXT: why");
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    PayrollStepArgs args = {id, town, by, reason, paid, cli_now(cli)};
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = fn(s, &args, &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) {
        Payroll pr;
        if (store_payroll_get(s, &SCOPE_ALL, id, &pr, cli->arena) == STORE_OK)
            printf(tr(cli, "名册%lld：%s\n", "payroll %lld: %s\n"), id,
                   code_label(&CODES_PAYROLL_STATUS, pr.status, cli->lang));
        cli_audit(cli, s, action, arena_printf(cli->arena, "payroll:%lld", id), true, town);
    }
    store_close(s);
    return rc;
}

static int run_submit(Cli *cli)
{
    return payroll_step(cli, store_payroll_submit, "payroll.submit", true, false, false);
}
static int run_return(Cli *cli) { return payroll_step(cli, store_payroll_return, "payroll.return", true, true, false); }
static int run_approve(Cli *cli)
{
    return payroll_step(cli, store_payroll_approve, "payroll.approve", false, false, false);
}
static int run_lock(Cli *cli) { return payroll_step(cli, store_payroll_lock, "payroll.lock", false, false, true); }
static int run_discard(Cli *cli)
{
    return payroll_step(cli, store_payroll_discard, "payroll.discard", false, false, false);
}

static int run_adjust(Cli *cli)
{
    const char *month_s = cli_option(cli, "month");
    const char *reason = cli_option(cli, "reason");
    const char *category = cli_option(cli, "category");
    /* a negative AMOUNT looks like an option to cli_args(): let it check the two before it */
    bool three = cli->argc == 3;
    if (three) cli->argc = 2;
    bool ok = cli_args(cli, three ? 2 : 3, three ? 2 : 3);
    if (three) cli->argc = 3;
    if (!ok) return 2;
    PayrollAdjustment adj = {0};
    if (!cli_id("PAYROLL", cli->argv[0], &adj.payroll_id)) return 2;
    if (!cli_money("AMOUNT", cli->argv[2], true, &adj.amount)) return 2;
    if (!month_s) return cli_fail("--month YYYY-MM: the month the adjustment corrects");
    if (!cli_month("--month", month_s, &adj.for_month)) return 2;
    if (!reason) return cli_fail("--reason TEXT: why (it is printed in the bank list)");
    if (category) {
        const CodeEntry *e = code_find(&CODES_CATEGORY, category);
        if (!e) return cli_fail("unknown category '%s'", category);
        adj.category = e->code;
    }
    adj.reason = reason;
    adj.change = cli_change(cli, reason);
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Child c;
    if (cli_find_child(cli, s, cli->argv[1], &c) != STORE_OK) {
        store_close(s);
        return cli_fail("no child record %s", cli->argv[1]);
    }
    adj.child_id = c.id;
    Problems p;
    problems_init(&p, cli->arena);
    long long line = 0;
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_payroll_adjust(s, &adj, &line, &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) {
        printf(tr(cli, "名册%lld加调整行%lld：%s %s元（%s）：%s\n",
                  "payroll %lld: adjustment line %lld: %s %s yuan (%s): %s\n"),
               adj.payroll_id, line, c.name, cli_yuan(cli, adj.amount), month_s, reason);
        cli_audit(cli, s, "payroll.adjust", arena_printf(cli->arena, "payroll:%lld,%lld", adj.payroll_id, c.id), true,
                  reason);
    }
    store_close(s);
    return rc;
}

const Command cmd_payroll_submit = {"payroll submit", "PAYROLL --town CODE --by ACCOUNT",
                                    "submit a town's part of a payroll (上报)",
                                    "Records that the town CODE checked and submitted its part of PAYROLL.\n"
                                    "ACCOUNT is an account of that town allowed to submit. When every town\n"
                                    "with lines has submitted, the payroll awaits the city's approval.",
                                    run_submit};

const Command cmd_payroll_return = {"payroll return", "PAYROLL --town CODE --by ACCOUNT --reason TEXT",
                                    "send a town's part back (退回)",
                                    "The city sends the submitted part of town CODE back to the town, with a\n"
                                    "reason; the payroll is a draft again until the town submits again.",
                                    run_return};

const Command cmd_payroll_approve = {"payroll approve", "PAYROLL --by ACCOUNT", "approve a submitted payroll (审批)",
                                     "Records the approval of PAYROLL by ACCOUNT, a city-level account allowed\n"
                                     "to approve payrolls. Every town must have submitted its part.",
                                     run_approve};

const Command cmd_payroll_lock = {"payroll lock", "PAYROLL --by ACCOUNT [--paid-on DATE]",
                                  "lock an approved payroll once paid",
                                  "Records that the bank paid PAYROLL on DATE (default today) and locks it:\n"
                                  "a locked payroll never changes, not even in the database (triggers\n"
                                  "refuse it). Corrections go into a later month with 'payroll adjust'.",
                                  run_lock};

const Command cmd_payroll_discard = {"payroll discard", "PAYROLL --by ACCOUNT", "discard a draft payroll",
                                     "Discards a draft PAYROLL that no town has submitted: its lines go, its\n"
                                     "months are free to be paid by another payroll; the payroll itself stays,\n"
                                     "marked discarded.",
                                     run_discard};

const Command cmd_payroll_adjust = {"payroll adjust",
                                    "PAYROLL CHILD AMOUNT --month YYYY-MM --reason TEXT [--category CODE]",
                                    "add an adjustment line to a draft payroll",
                                    "Adds to the draft PAYROLL an adjustment of AMOUNT yuan for CHILD (a record\n"
                                    "number or ID number) correcting MONTH: positive pays what was missing\n"
                                    "(a standard raised afterwards), negative takes back what was overpaid (a\n"
                                    "category ended afterwards). The reason is printed in the bank list. The\n"
                                    "category is the one paid for MONTH unless --category says otherwise.",
                                    run_adjust};
