/*
** The category procedure on the command line: `shouhu category apply`,
** `verify`, `confirm` record each step in the name of the account that did
** it (--by), checked for its role and area as the web pages will be; `list`,
** `show` and `late` follow the applications; `end` ends a category with its
** date and reason. The command line is the administrator's: it enters the
** decisions taken on paper, and each is kept with who entered it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "domain/codes.h"
#include "domain/eligibility.h"

static const CodeEntry *category_arg(const char *text)
{
    const CodeEntry *e = code_find(&CODES_CATEGORY, text);
    if (!e) cli_fail("unknown category '%s': give a code such as de_facto_unsupported, or its Chinese name", text);
    return e;
}

/* The calendar and the store, or NULL. */
static Store *open_flow(Cli *cli, AllowanceRules *rules, WorkCalendar *cal)
{
    Store *s = cli_open_allowances(cli, rules);
    if (s && store_work_calendar(s, cal, cli->arena) != STORE_OK) {
        cli_fail("%s", store_errmsg(s));
        store_close(s);
        return NULL;
    }
    return s;
}

static int run_apply(Cli *cli)
{
    const char *by = cli_option(cli, "by");
    const char *note = cli_option(cli, "note");
    bool village = cli_flag(cli, "village");
    Date on;
    if (!cli_date_opt(cli, "on", cli_today(), &on)) return 2;
    if (!cli_args(cli, 2, 2)) return 2;
    if (!by) return cli_fail("--by ACCOUNT: name the account that takes the application");
    const CodeEntry *cat = category_arg(cli->argv[1]);
    if (!cat) return 2;
    AllowanceRules rules;
    WorkCalendar cal;
    Store *s = open_flow(cli, &rules, &cal);
    if (!s) return 1;
    Child c;
    if (cli_find_child(cli, s, cli->argv[0], &c) != STORE_OK) {
        store_close(s);
        return cli_fail("no child record %s", cli->argv[0]);
    }
    /* the rules advise; they do not decide: the town and the city check the papers */
    EligibilityResult res;
    eligibility_evaluate(&c, on, &rules.eligibility, &res, cli->arena);
    const Judgement *j = eligibility_find(&res, cat->code);
    const char *advice = j ? j->reason[LANG_ZH] : NULL;
    if (j) printf("%s%s\n", tr(cli, "按档案情况：", "by the record: "), j->reason[cli->lang]);
    FlowAction act = {.step = FLOW_APPLY,
                      .child_id = c.id,
                      .category = cat->code,
                      .applicant = village ? "village" : "guardian",
                      .advice = advice,
                      .reason = note,
                      .on = on,
                      .account = by,
                      .today = cli_today(),
                      .change = cli_change(cli, NULL)};
    Problems p;
    problems_init(&p, cli->arena);
    long long id = 0;
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_flow_act(s, &act, &rules, &cal, &id, &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) {
        char due[11];
        printf(tr(cli, "已登记申请%lld：%s，%s。镇街应于%s前完成查验（%d个工作日）。\n",
                  "application %lld recorded: %s, %s. The town verifies by %s (%d working days).\n"),
               id, c.name, code_label(&CODES_CATEGORY, cat->code, cli->lang),
               date_format(flow_due(FLOW_VERIFY, on, &rules, &cal), due), rules.verify_workdays);
        cli_audit(cli, s, "allowance.apply", arena_printf(cli->arena, "%lld", c.id), true, cat->code);
    }
    store_close(s);
    return rc;
}

/* verify and confirm: the same shape, another step */
static int decide(Cli *cli, FlowStep step)
{
    const char *by = cli_option(cli, "by");
    const char *refuse = cli_option(cli, "refuse");
    const char *note = cli_option(cli, "note");
    Date on;
    if (!cli_date_opt(cli, "on", cli_today(), &on)) return 2;
    if (!cli_args(cli, 1, 1)) return 2;
    long long app;
    if (!cli_id("APPLICATION", cli->argv[0], &app)) return 2;
    if (!by) return cli_fail("--by ACCOUNT: name the account that did the %s", flow_step_code(step));
    AllowanceRules rules;
    WorkCalendar cal;
    Store *s = open_flow(cli, &rules, &cal);
    if (!s) return 1;
    FlowAction act = {.step = step,
                      .application_id = app,
                      .approve = !refuse,
                      .reason = refuse ? refuse : note,
                      .on = on,
                      .account = by,
                      .today = cli_today(),
                      .change = cli_change(cli, NULL)};
    Problems p;
    problems_init(&p, cli->arena);
    long long id;
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_flow_act(s, &act, &rules, &cal, &id, &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) {
        Application a;
        store_application_get(s, &SCOPE_ALL, app, &a, cli->arena);
        const char *label = code_label(&CODES_CATEGORY, a.category, cli->lang);
        char due[11], day[11], month[MONTH_BUF];
        if (refuse)
            printf(tr(cli, "申请%lld不予通过（%s）：%s\n", "application %lld refused (%s): %s\n"), app, label, refuse);
        else if (step == FLOW_VERIFY)
            printf(tr(cli, "申请%lld查验通过；市（区）应于%s前确认（%d个工作日）。\n",
                      "application %lld verified; the city confirms by %s (%d working days).\n"),
                   app, date_format(flow_due(FLOW_CONFIRM, on, &rules, &cal), due), rules.confirm_workdays);
        else {
            Month first, last;
            pay_months(&rules, on, DATE_NONE, &first, &last);
            printf(tr(cli, "申请%lld已确认：%s自%s起为%s，%s起发放基本生活费（如属该类）。\n",
                      "application %lld confirmed: %s is %s from %s; paid from %s (if a basic-living category).\n"),
                   app, a.child_name, cli->lang == LANG_ZH ? date_format(on, day) : label,
                   cli->lang == LANG_ZH ? label : date_format(on, day), month_format(first, month));
        }
        cli_audit(cli, s, step == FLOW_VERIFY ? "allowance.verify" : "allowance.confirm",
                  arena_printf(cli->arena, "%lld", a.child_id), true, refuse ? "refused" : "approved");
    }
    store_close(s);
    return rc;
}

static int run_verify(Cli *cli) { return decide(cli, FLOW_VERIFY); }
static int run_confirm(Cli *cli) { return decide(cli, FLOW_CONFIRM); }

static int print_application(void *ctx, const Application *a)
{
    Cli *cli = ctx;
    char d1[11], d2[11], d3[11];
    printf("%lld\t%s\t%s\t%lld %s\t%s\t%s\t%s\t%s\n", a->id, code_label(&CODES_FLOW_STATUS, a->status, cli->lang),
           code_label(&CODES_CATEGORY, a->category, cli->lang), a->child_id, a->child_name, a->area,
           date_format(a->applied_on, d1), date_format(a->verified_on, d2), date_format(a->decided_on, d3));
    return 0;
}

static int run_list(Cli *cli)
{
    const char *status = cli_option(cli, "status");
    const char *area = cli_option(cli, "area");
    if (!cli_args(cli, 0, 0)) return 2;
    if (status && !code_get(&CODES_FLOW_STATUS, status))
        return cli_fail("--status is one of applied, verified, confirmed, refused");
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Scope scope = {area ? area_prefix_of(cli->arena, area) : ""};
    printf("%s\n", tr(cli, "编号\t状态\t类别\t儿童\t村（社区）\t申请日期\t查验日期\t办结日期",
                      "number\tstatus\tcategory\tchild\tvillage\tapplied\tverified\tdecided"));
    StoreRc r = store_applications_list(s, &scope, status, 0, print_application, cli, cli->arena);
    int rc = r == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return rc;
}

typedef struct ShowCtx {
    Cli *cli;
    const WorkCalendar *cal;
} ShowCtx;

static int print_step(void *ctx, const ApplicationStep *st)
{
    ShowCtx *x = ctx;
    Cli *cli = x->cli;
    char on[11], due[11];
    printf("  %s\t%s\t%s\t%s（%s，%s）", code_label(&CODES_FLOW_STEP, st->step, cli->lang),
           date_format(st->done_on, on),
           strcmp(st->outcome, "refused") == 0 ? tr(cli, "不予通过", "refused") : tr(cli, "通过", "done"), st->account,
           st->role, st->account_area);
    if (date_is_set(st->due_on)) {
        int late = flow_late_by(x->cal, st->due_on, st->done_on);
        printf(tr(cli, "\t期限%s", "\tdue %s"), date_format(st->due_on, due));
        if (late > 0) printf(tr(cli, "，超期%d个工作日", ", %d working days late"), late);
    }
    if (st->reason) printf(tr(cli, "\t理由：%s", "\treason: %s"), st->reason);
    printf(tr(cli, "\t（%s录入）\n", "\t(entered by %s)\n"), st->recorded_by);
    return 0;
}

static int run_show(Cli *cli)
{
    if (!cli_args(cli, 1, 1)) return 2;
    long long id;
    if (!cli_id("APPLICATION", cli->argv[0], &id)) return 2;
    AllowanceRules rules;
    WorkCalendar cal;
    Store *s = open_flow(cli, &rules, &cal);
    if (!s) return 1;
    Application a;
    StoreRc r = store_application_get(s, &SCOPE_ALL, id, &a, cli->arena);
    int rc = 0;
    if (r == STORE_NOTFOUND) rc = cli_fail("no application %lld", id);
    else if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    else {
        printf(tr(cli, "申请%lld：%s（档案%lld）申请认定%s，%s，状态：%s\n",
                  "application %lld: %s (record %lld) for %s, by %s, status: %s\n"),
               a.id, a.child_name, a.child_id, code_label(&CODES_CATEGORY, a.category, cli->lang),
               strcmp(a.applicant, "village") == 0 ? tr(cli, "村（居）委会代为申请", "the village committee")
                                                   : tr(cli, "监护人申请", "the guardian"),
               code_label(&CODES_FLOW_STATUS, a.status, cli->lang));
        if (a.advice) printf(tr(cli, "申请时按档案情况：%s\n", "the rules when applied: %s\n"), a.advice);
        ShowCtx x = {cli, &cal};
        r = store_application_steps(s, id, print_step, &x, cli->arena);
        if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    }
    store_close(s);
    return rc;
}

static int print_late(void *ctx, const LateStep *l)
{
    Cli *cli = ctx;
    char due[11], done[11];
    printf("%lld\t%s\t%s\t%s\t%s\t%s\t%d\n", l->app->id, l->app->child_name,
           code_label(&CODES_CATEGORY, l->app->category, cli->lang),
           code_label(&CODES_FLOW_STEP, flow_step_code(l->step), cli->lang), date_format(l->due, due),
           date_is_set(l->done) ? date_format(l->done, done) : tr(cli, "未办", "pending"), l->late_by);
    return 0;
}

static int run_late(Cli *cli)
{
    const char *area = cli_option(cli, "area");
    Date on;
    if (!cli_date_opt(cli, "on", cli_today(), &on)) return 2;
    if (!cli_args(cli, 0, 0)) return 2;
    AllowanceRules rules;
    WorkCalendar cal;
    Store *s = open_flow(cli, &rules, &cal);
    if (!s) return 1;
    Scope scope = {area ? area_prefix_of(cli->arena, area) : ""};
    printf("%s\n", tr(cli, "申请编号\t儿童\t类别\t环节\t期限\t办理日期\t超期工作日",
                      "application\tchild\tcategory\tstep\tdue\tdone\tworking days late"));
    StoreRc r = store_flow_late(s, &scope, on, &rules, &cal, print_late, cli, cli->arena);
    int rc = r == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return rc;
}

static int run_end(Cli *cli)
{
    const char *reason = cli_option(cli, "reason");
    Date on;
    if (!cli_date_opt(cli, "on", DATE_NONE, &on)) return 2;
    if (!cli_args(cli, 2, 2)) return 2;
    if (!date_is_set(on))
        return cli_fail("--on DATE: the day the category ends (the 18th birthday, the day of release...)");
    if (!reason) return cli_fail("--reason TEXT: why the category ends");
    const CodeEntry *cat = category_arg(cli->argv[1]);
    if (!cat) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Child c;
    if (cli_find_child(cli, s, cli->argv[0], &c) != STORE_OK) {
        store_close(s);
        return cli_fail("no child record %s", cli->argv[0]);
    }
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_category_end(s, c.id, cat->code, on, cli_today(), cli_change(cli, reason), &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) {
        char d[11];
        printf(tr(cli, "%s的%s自%s起终止。\n", "%s: %s ends on %s.\n"), c.name,
               code_label(&CODES_CATEGORY, cat->code, cli->lang), date_format(on, d));
        cli_audit(cli, s, "allowance.end", arena_printf(cli->arena, "%lld", c.id), true, cat->code);
    }
    store_close(s);
    return rc;
}

const Command cmd_category_apply = {"category apply",
                                    "CHILD CATEGORY --by ACCOUNT [--on DATE] [--village] [--note TEXT]",
                                    "record an application for a category (申请)",
                                    "Records that the guardian of CHILD (or, with --village, the village\n"
                                    "committee on its behalf) applied on DATE (default today) for CATEGORY (a\n"
                                    "code such as de_facto_unsupported, or its Chinese name). ACCOUNT is the\n"
                                    "account that took it: its role must allow applications and its area\n"
                                    "cover the child. The record gets the category as applied, in a new\n"
                                    "version. The eligibility rules' judgement is shown and kept for the\n"
                                    "reviewers; it does not decide. Prints the town's deadline to verify.",
                                    run_apply};

const Command cmd_category_verify = {"category verify",
                                     "APPLICATION --by ACCOUNT [--on DATE] [--refuse REASON] [--note TEXT]",
                                     "record the town's verification (查验), or its refusal",
                                     "Records the verification of APPLICATION by ACCOUNT, a town-level account\n"
                                     "allowed to verify, of the child's town, on DATE (default today). With\n"
                                     "--refuse the application ends and the category leaves the record.\n"
                                     "A step after its time limit (allowance.verify_workdays working days) is\n"
                                     "done all the same and reported late ('shouhu category late').",
                                     run_verify};

const Command cmd_category_confirm = {"category confirm",
                                      "APPLICATION --by ACCOUNT [--on DATE] [--refuse REASON] [--note TEXT]",
                                      "record the city's confirmation (确认), or its refusal",
                                      "Records the confirmation of a verified APPLICATION by ACCOUNT, a\n"
                                      "city-level account allowed to confirm, on DATE (default today). The\n"
                                      "record's category becomes approved from DATE: a basic-living allowance\n"
                                      "is paid from the month after (allowance.first_month). With --refuse the\n"
                                      "application ends and the category leaves the record.",
                                      run_confirm};

const Command cmd_category_list = {"category list", "[--status applied|verified|confirmed|refused] [--area CODE]",
                                   "list category applications",
                                   "Lists the applications, newest first, with their status and dates.", run_list};

const Command cmd_category_show = {"category show", "APPLICATION", "show an application and its steps",
                                   "Shows APPLICATION, what the rules said when it was made, and each step:\n"
                                   "when, by which account, its due day and how late it was.",
                                   run_show};

const Command cmd_category_late = {"category late", "[--on DATE] [--area CODE]", "list steps done late or overdue",
                                   "Lists every step of the procedure done after its time limit, and every\n"
                                   "step still pending after it on DATE (default today), with the working\n"
                                   "days late. The limits are allowance.verify_workdays and\n"
                                   "allowance.confirm_workdays; holidays and worked weekends come from\n"
                                   "'shouhu holiday'.",
                                   run_late};

const Command cmd_category_end = {"category end", "CHILD CATEGORY --on DATE --reason TEXT",
                                  "end a child's category on a date",
                                  "Ends the approved CATEGORY of CHILD on DATE, the first day it no longer\n"
                                  "holds (the 18th birthday, the day a sentence is served, an adoption), as\n"
                                  "a new version of the record with REASON. Payment stops from the month\n"
                                  "after (allowance.stop_from); months still due are paid as back pay.",
                                  run_end};
