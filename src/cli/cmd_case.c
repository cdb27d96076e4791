/*
** `shouhu case list`, `shouhu case show CASE` and `shouhu case settings`:
** protection cases (issue #6) on the command line. CASE is the record
** number or the case number (DG-2024-000123). The command line is the
** administrator's: it sees the whole city and the reporter in full, and
** every reading is recorded in the audit trail as case.list / case.read.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "store/store_protection.h"
#include "util/clock.h"

static const char *or_dash(const char *s) { return s && *s ? s : "-"; }

/* The label of CODE in T in the terminal's language, or "-". */
static const char *label(const Cli *cli, const CodeTable *t, const char *code)
{
    return code ? code_label(t, code, cli->lang) : "-";
}

static int print_case_line(void *ctx, const CaseRecord *c)
{
    Cli *cli = ctx;
    printf("%-16s %-10s %-14s %-12s %-16.16s %s", c->number, label(cli, &CODES_CASE_STATUS, c->status),
           or_dash(c->area_name), or_dash(c->child_name), c->received_at, label(cli, &CODES_RISK, c->risk));
    if (c->overdue_referrals) printf("  %s %d", tr(cli, "逾期转介", "overdue referrals"), c->overdue_referrals);
    putchar('\n');
    return 0;
}

static int run_list(Cli *cli)
{
    CaseFilter f = {.scope = SCOPE_ALL, .today = clock_today(), .limit = 100};
    const char *status = cli_option(cli, "status"), *area = cli_option(cli, "area"), *limit = cli_option(cli, "limit");
    f.overdue = cli_flag(cli, "overdue");
    if (!cli_args(cli, 0, 0)) return 2;
    const CodeEntry *st = status ? code_find(&CODES_CASE_STATUS, status) : NULL;
    if (status && !st) return cli_fail("--status is one of reported, assessed, planned, in_service, review, closed");
    f.status = st ? st->code : NULL;
    if (area && (strlen(area) != 12 || strspn(area, "0123456789") != 12)) return cli_fail("--area is a 12-digit area code");
    if (area) f.scope.prefix = area_prefix_of(cli->arena, area);
    if (limit) {
        char *end;
        long n = strtol(limit, &end, 10);
        if (*end || n < 0) return cli_fail("--limit is a number (0: every case)");
        f.limit = (int)n;
    }
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    StoreRc r = store_cases_list(s, &f, print_case_line, cli, cli->arena);
    int rc = r == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    cli_audit(cli, s, "case.list", NULL, rc == 0, NULL);
    store_close(s);
    return rc;
}

/* The case WHICH names (a record number or a case number), in the whole city. */
static StoreRc find_case(Cli *cli, Store *s, const char *which, CaseRecord *c)
{
    int year;
    long long seq, id = 0;
    if (case_number_parse(which, &year, &seq)) {
        StoreRc r = store_case_id_by_number(s, which, &id);
        if (r != STORE_OK) return r;
    } else {
        char *end;
        id = strtoll(which, &end, 10);
        if (*end || id <= 0) return STORE_NOTFOUND;
    }
    return store_case_get(s, &SCOPE_ALL, NULL, id, clock_today(), c, cli->arena);
}

typedef struct ShowCtx {
    Cli *cli;
    ProtectionRules rules;
    Date today;
} ShowCtx;

static int print_referral(void *ctx, const Referral *r)
{
    ShowCtx *x = ctx;
    Cli *cli = x->cli;
    char due[11];
    printf("  %-14s %-8s %-8s %s %s %s", label(cli, &CODES_REFERRAL_UNIT, r->unit),
           r->kind[0] == 'n' ? tr(cli, "知会", "notice") : tr(cli, "转介", "referral"),
           label(cli, &CODES_REFERRAL_STATUS, r->status), r->sent_at,
           date_is_set(r->due) ? tr(cli, "期限", "due") : "", date_is_set(r->due) ? date_format(r->due, due) : "");
    bool open = r->kind[0] == 'r' && (strcmp(r->status, "pending") == 0 || strcmp(r->status, "accepted") == 0);
    int late = 0;
    const char *to = open ? escalation_actor(referral_escalation(r->due, x->today, &x->rules, &late)) : NULL;
    if (to) printf("  %s %d %s -> %s", tr(cli, "逾期", "late"), late, tr(cli, "天", "days"), to);
    if (r->action) printf("  %s", r->action);
    if (r->reason) printf("  %s", r->reason);
    putchar('\n');
    return 0;
}

static int print_intervention(void *ctx, const Intervention *i)
{
    Cli *cli = ctx;
    char on[11];
    printf("  %s %s %s %s %s\n", date_format(i->on, on), label(cli, &CODES_INTERVENTION, i->kind), or_dash(i->target),
           i->court_result ? label(cli, &CODES_COURT_RESULT, i->court_result) : "", or_dash(i->note));
    return 0;
}

static int print_step(void *ctx, const CaseStep *st)
{
    (void)ctx;
    printf("  %s %-16s %-18s %s%s%s\n", st->at, st->author, st->step, st->unit ? st->unit : "", st->unit ? " " : "",
           or_dash(st->note));
    return 0;
}

static int run_show(Cli *cli)
{
    if (!cli_args(cli, 1, 1)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    CaseRecord c;
    StoreRc r = find_case(cli, s, cli->argv[0], &c);
    int rc = 0;
    if (r == STORE_NOTFOUND) rc = cli_fail("no case %s", cli->argv[0]);
    else if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    else {
        printf("%s (%lld) %s, %s\n", c.number, c.id, label(cli, &CODES_CASE_STATUS, c.status),
               label(cli, &CODES_CASE_SOURCE, c.source));
        printf("  %s: %s %s\n", tr(cli, "区域", "area"), c.area, or_dash(c.area_name));
        printf("  %s: %s", tr(cli, "儿童", "child"), or_dash(c.child_name));
        if (c.child_id) printf(" (%lld)", c.child_id);
        putchar('\n');
        printf("  %s: %s %s %s %s\n", tr(cli, "报告人", "reporter"), or_dash(c.reporter_name), or_dash(c.reporter_unit),
               label(cli, &CODES_SECTOR, c.reporter_sector), or_dash(c.reporter_phone));
        printf("  %s: %s\n", tr(cli, "情形", "triggers"), c.triggers);
        printf("  %s: %s\n", tr(cli, "所见", "seen"), or_dash(c.seen));
        printf("  %s: %s / %s\n", tr(cli, "风险 / 监护", "risk / guardianship"), label(cli, &CODES_RISK, c.risk),
               label(cli, &CODES_GUARDIANSHIP, c.guardianship));
        printf("  %s: %s\n", tr(cli, "接报", "received"), c.received_at);
        if (c.first_action_seconds >= 0)
            printf("  %s: %s (%lld s)\n", tr(cli, "首次处置", "first action"), c.first_action_at, c.first_action_seconds);
        if (c.outcome) printf("  %s: %s\n", tr(cli, "结案", "outcome"), label(cli, &CODES_CASE_OUTCOME, c.outcome));
        if (c.reporter_notified_at)
            printf("  %s: %s %s\n", tr(cli, "已告知报告人", "reporter told"), c.reporter_notified_at, c.reporter_notified_by);
        printf("%s\n", tr(cli, "转介", "Referrals"));
        ReferralFilter f = {.case_id = c.id};
        ShowCtx x = {cli, {0}, clock_today()};
        r = store_protection_rules(s, &x.rules);
        if (r == STORE_OK) r = store_referrals_list(s, &f, print_referral, &x, cli->arena);
        printf("%s\n", tr(cli, "干预", "Interventions"));
        if (r == STORE_OK) r = store_interventions(s, c.id, print_intervention, cli, cli->arena);
        printf("%s\n", tr(cli, "时间线", "Timeline"));
        if (r == STORE_OK) r = store_case_steps(s, c.id, NULL, print_step, cli, cli->arena);
        if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    }
    cli_audit(cli, s, "case.read", rc == 0 ? arena_printf(cli->arena, "case:%lld", c.id) : cli->argv[0], rc == 0, NULL);
    store_close(s);
    return rc;
}

static int run_settings(Cli *cli)
{
    if (!cli_args(cli, 0, 2)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    int rc = 0;
    if (cli->argc == 2) {
        rc = cli_setting_set(cli, s, store_protection_setting_set, "protection.setting");
    } else {
        ProtectionRules rules;
        if (store_protection_rules(s, &rules) != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
        else {
            printf("protection.referral_days = %d\nprotection.police_days = %d\nprotection.escalate_city_days = %d\n",
                   rules.referral_days, rules.police_days, rules.escalate_city_days);
            int i = 0;
            for (const CodeEntry *e = CODES_CATEGORY.entries; e->code && i < 16; e++, i++)
                printf("visit.months.%s = %d\n", e->code, rules.visit_months[i]);
        }
    }
    store_close(s);
    return rc;
}

const Command cmd_case_list = {
    "case list", "[--status S] [--area CODE] [--overdue] [--limit N]", "list protection cases, newest first",
    "Lists protection cases (issue #6), newest first: number, status, area,\n"
    "child, when received, risk, and how many referrals are overdue.\n"
    "--overdue keeps only cases with an overdue referral. The reading is\n"
    "recorded in the audit trail (case.list).",
    run_list};

const Command cmd_case_show = {
    "case show", "CASE", "one case with its referrals, interventions and timeline",
    "Shows a protection case named by its record number or its case number\n"
    "(DG-2024-000123): the report, the reporter (in full: the command line is\n"
    "the administrator's), the assessment, the referrals with their due dates,\n"
    "the guardianship interventions and every step of its timeline. The\n"
    "reading is recorded in the audit trail (case.read).",
    run_show};

const Command cmd_case_settings = {
    "case settings", "[KEY [VALUE]]", "show or set the protection settings",
    "Without arguments shows the protection settings; with KEY VALUE sets one:\n"
    "  protection.referral_days      a referral's default period (7)\n"
    "  protection.police_days        the police referral of a report (1)\n"
    "  protection.escalate_city_days days late before the city is told (5)\n"
    "  visit.months.CATEGORY         the visit interval in months (0: none)\n"
    "See docs/protection.md.",
    run_settings};
