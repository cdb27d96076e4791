/*
** `shouhu eligibility CHILD` explains, from the facts of a child's record,
** which categories it qualifies for on a date and why, from when and until
** when; `shouhu eligibility scan` goes through an area and lists the
** children who qualify but are not recorded (应保尽保), those recorded who no
** longer qualify, and those who will start or stop qualifying soon.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "domain/codes.h"
#include "domain/eligibility.h"

static const char *state_words(const Cli *cli, EligState st)
{
    return st == ELIG_YES  ? tr(cli, "[符合]", "[yes]")
           : st == ELIG_NO ? tr(cli, "[不符合]", "[no]")
                           : tr(cli, "[待核实]", "[unknown]");
}

static bool recorded_is_approved(const char *recorded) { return recorded && strcmp(recorded, "approved") == 0; }

/* A warning when the record and the facts disagree, or NULL. */
static const char *mismatch(const Cli *cli, const Judgement *j, const EligibilityResult *r)
{
    if (j->state == ELIG_NO && j->by_facts && recorded_is_approved(j->recorded))
        return tr(cli, "已登记为已确认，但按现有情况不符合：请核实是否应终止",
                  "recorded as approved but the facts no longer qualify: check whether it should end");
    if (eligibility_uncovered(r, j))
        return tr(cli, "符合但未登记：请指导监护人申请（应保尽保）",
                  "qualifies but is not recorded: help the guardian apply");
    return NULL;
}

static void print_result(Cli *cli, const Child *c, const EligibilityResult *r, const Standards *std)
{
    char on[11], born[11];
    Lang L = cli->lang;
    printf(tr(cli, "%s（档案%lld，%s出生，%d周岁），%s的情况：\n", "%s (record %lld, born %s, aged %d), on %s:\n"),
           c->name, c->id, date_format(c->birth_date, born), r->age, date_format(r->on, on));
    for (int i = 0; i < r->n; i++) {
        const Judgement *j = &r->items[i];
        printf("\n%s %s", state_words(cli, j->state), code_label(&CODES_CATEGORY, j->category, L));
        if (j->recorded)
            printf(tr(cli, "  （档案登记：%s）", "  (recorded: %s)"),
                   code_label(&CODES_CATEGORY_STATUS, j->recorded, L));
        printf("\n    %s\n", j->reason[L]);
        if (j->note[L]) printf("    %s%s\n", tr(cli, "注意：", "note: "), j->note[L]);
        const char *warn = mismatch(cli, j, r);
        if (warn) printf("    %s%s\n", tr(cli, "提示：", "attention: "), warn);
    }
    if (r->basic_living) {
        StandardValue v;
        Month m = month_of(r->on);
        printf("\n%s%s",
               tr(cli, "基本生活保障按优先顺序（孤儿、事实无人抚养儿童、艾滋病病毒感染儿童）应为：",
                  "basic-living allowance, by priority (orphan, de facto unsupported, HIV): "),
               code_label(&CODES_CATEGORY, r->basic_living, L));
        if (standard_resolve(std, r->basic_living, m, &v))
            printf(tr(cli, "，%s的月标准为%s元\n", ", %s standard %s yuan a month\n"),
                   month_format(m, (char[MONTH_BUF]){0}), cli_yuan(cli, v.amount));
        else putchar('\n');
    }
}

static int run_eligibility(Cli *cli)
{
    bool as_json = cli_flag(cli, "json");
    Date on;
    if (!cli_date_opt(cli, "on", cli_today(), &on)) return 2;
    if (!cli_args(cli, 1, 1)) return 2;
    AllowanceRules rules;
    Store *s = cli_open_allowances(cli, &rules);
    if (!s) return 1;
    Child c;
    Standards std;
    StoreRc r = cli_find_child(cli, s, cli->argv[0], &c);
    if (r == STORE_OK) r = store_standards(s, &std, cli->arena);
    int rc = 0;
    if (r == STORE_NOTFOUND) rc = cli_fail("no child record %s", cli->argv[0]);
    else if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    else {
        EligibilityResult res;
        eligibility_evaluate(&c, on, &rules.eligibility, &res, cli->arena);
        if (as_json) {
            json_t *j = eligibility_to_json(&res);
            json_object_set_new(j, "child_id", json_integer(c.id));
            json_dumpf(j, stdout, JSON_INDENT(2));
            putchar('\n');
            json_decref(j);
        } else {
            print_result(cli, &c, &res, &std);
        }
    }
    store_close(s);
    return rc;
}

/* ---- scan ---- */

typedef struct Scan {
    Cli *cli;
    Date on, horizon;
    const EligibilityRules *rules;
    Arena *row;
    long counts[4]; /* uncovered, should end, starting, ending */
} Scan;

enum { UNCOVERED, SHOULD_END, STARTING, ENDING };

static void finding(Scan *x, int kind, const Child *c, const Judgement *j, Date when, const char *text)
{
    static const char *const names[4][2] = {
        {"应保未保", "uncovered"}, {"应核实终止", "should end"}, {"即将符合", "starting"}, {"即将到期", "ending"}};
    char d[11];
    x->counts[kind]++;
    printf("%s\t%lld\t%s\t%s\t%s\t%s\t%s\n", names[kind][x->cli->lang], c->id, c->name, c->area,
           code_label(&CODES_CATEGORY, j->category, x->cli->lang), date_is_set(when) ? date_format(when, d) : "",
           text ? text : "");
}

static bool within(Date d, Date after, Date upto)
{
    return date_is_set(d) && date_cmp(d, after) > 0 && date_cmp(d, upto) <= 0;
}

static int scan_child(void *ctx, const Child *c)
{
    Scan *x = ctx;
    Lang L = x->cli->lang;
    arena_reset(x->row);
    EligibilityResult r;
    eligibility_evaluate(c, x->on, x->rules, &r, x->row);
    for (int i = 0; i < r.n; i++) {
        const Judgement *j = &r.items[i];
        if (eligibility_uncovered(&r, j)) finding(x, UNCOVERED, c, j, j->from, j->reason[L]);
        if (j->state == ELIG_NO && j->by_facts && recorded_is_approved(j->recorded))
            finding(x, SHOULD_END, c, j, j->until, j->reason[L]);
        if (eligibility_starting(&r, j, x->horizon)) finding(x, STARTING, c, j, j->from, j->note[L]);
        if (j->state == ELIG_YES && recorded_is_approved(j->recorded) && within(j->until, x->on, x->horizon))
            finding(x, ENDING, c, j, j->until, j->note[L]);
    }
    return 0;
}

static int run_scan(Cli *cli)
{
    const char *area = cli_option(cli, "area");
    const char *ahead_s = cli_option(cli, "ahead");
    Date on;
    if (!cli_date_opt(cli, "on", cli_today(), &on)) return 2;
    if (!cli_args(cli, 0, 0)) return 2;
    int ahead = ahead_s ? atoi(ahead_s) : 60;
    if (ahead < 0 || ahead > 3650) return cli_fail("--ahead is a number of days, 0 to 3650");
    AllowanceRules rules;
    Store *s = cli_open_allowances(cli, &rules);
    if (!s) return 1;
    Area found;
    if (area && store_area_get(s, area, &found, cli->arena) != STORE_OK) {
        store_close(s);
        return cli_fail("no area %s: give a 12-digit area code", area);
    }
    Scan x = {cli, on, date_from_days(date_to_days(on) + ahead), &rules.eligibility, arena_new(), {0}};
    printf("%s\n", tr(cli, "类型\t档案号\t姓名\t村（社区）\t类别\t日期\t说明",
                      "finding\trecord\tname\tvillage\tcategory\tdate\twhy"));
    ChildFilter f = {.scope = SCOPE_ALL, .area = area, .status = "active"};
    StoreRc r = store_children_list(s, &f, scan_child, &x, NULL, cli->arena);
    arena_free(x.row);
    int rc = 0;
    if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    else
        fprintf(stderr,
                tr(cli, "应保未保%ld，应核实终止%ld，%d天内即将符合%ld，%d天内即将到期%ld\n",
                   "uncovered %ld, should end %ld, starting within %d days %ld, ending within %d days %ld\n"),
                x.counts[UNCOVERED], x.counts[SHOULD_END], ahead, x.counts[STARTING], ahead, x.counts[ENDING]);
    store_close(s);
    return rc;
}

const Command cmd_eligibility = {"eligibility", "CHILD [--on DATE] [--json]",
                                 "explain which categories a child qualifies for, and why",
                                 "Judges, from the facts in the record of CHILD (a record number or an ID\n"
                                 "number), which categories the child qualifies for on DATE (default today):\n"
                                 "orphans (in an institution or scattered), de facto unsupported children,\n"
                                 "HIV-infected children, left-behind children and tekun, and the age limit\n"
                                 "of the other categories it holds. For each it gives the facts in words to\n"
                                 "check against the papers, the day it starts (or will: a 6-month threshold\n"
                                 "ahead) and the day it ends (the 16th or 18th birthday, a sentence served),\n"
                                 "and says when the record disagrees. --json prints the same as JSON.\n"
                                 "The rules and how the policy texts are read: docs/allowances.md.",
                                 run_eligibility};

const Command cmd_eligibility_scan = {"eligibility scan", "[--area CODE] [--on DATE] [--ahead DAYS]",
                                      "find children to cover, to end, or soon due",
                                      "Goes through the active children of an area (default: the whole city) and\n"
                                      "prints one tab-separated line per finding:\n"
                                      "  应保未保   qualifies (basic-living or left-behind) but is not recorded\n"
                                      "  应核实终止 recorded as approved but the facts no longer qualify\n"
                                      "  即将符合   will qualify within DAYS (default 60): a 6-month threshold\n"
                                      "  即将到期   recorded and will stop qualifying within DAYS\n"
                                      "The counts go to standard error.",
                                      run_scan};
