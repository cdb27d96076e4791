/*
** Monthly payrolls on the command line, part one: `shouhu payroll generate`
** makes the payroll of a month for the city or a town; `list` and `show`
** read them, with totals by town and by category; `export` writes the bank
** payment list or the monthly fund table as Excel. The workflow steps are in
** cmd_payroll_flow.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "domain/codes.h"
#include "io/payroll_xlsx.h"

/* The city: the one area without a parent. In cli->arena. */
static int take_root(void *ctx, const Area *area)
{
    *(const char **)ctx = area->code;
    return 1;
}

static const char *city_code(Cli *cli, Store *s)
{
    const char *code = NULL;
    store_area_children(s, NULL, take_root, &code, cli->arena);
    return code;
}

static void print_header(Cli *cli, const Payroll *pr)
{
    char month[MONTH_BUF];
    printf(tr(cli, "发放名册%lld：%s %s，%s，%ld人，%ld行，合计%s元\n",
              "payroll %lld: %s %s, %s, %ld children, %ld lines, total %s yuan\n"),
           pr->id, month_format(pr->month, month), pr->area_name,
           code_label(&CODES_PAYROLL_STATUS, pr->status, cli->lang), pr->children, pr->lines, cli_yuan(cli, pr->total));
}

static int print_issue(void *ctx, const PayrollIssue *i)
{
    Cli *cli = ctx;
    char month[MONTH_BUF];
    const char *cat = i->category ? code_label(&CODES_CATEGORY, i->category, cli->lang) : "";
    month_format(i->month, month);
    if (strcmp(i->code, "no_standard") == 0)
        fprintf(stderr,
                tr(cli, "  %lld %s：没有%s%s的标准，未发放\n", "  %lld %s: no standard for %s in %s, not paid\n"),
                i->child_id, i->child_name, cat, month);
    else if (strcmp(i->code, "no_difference_amount") == 0)
        fprintf(
            stderr,
            tr(cli,
               "  %lld %s：已开启差额发放，但未设置低保或特困月金额（allowance.dibao_monthly、allowance.tekun_monthly），未发放\n",
               "  %lld %s: the difference is on but the 低保/特困 amount is not set, not paid\n"),
            i->child_id, i->child_name);
    else
        fprintf(stderr,
                tr(cli, "  %lld %s：未登记监护人，代发账户名为空\n",
                   "  %lld %s: no guardian recorded: no account holder\n"),
                i->child_id, i->child_name);
    return 0;
}

static int run_generate(Cli *cli)
{
    const char *area = cli_option(cli, "area");
    if (!cli_args(cli, 1, 1)) return 2;
    Month month;
    if (!cli_month("MONTH", cli->argv[0], &month)) return 2;
    AllowanceRules rules;
    Store *s = cli_open_allowances(cli, &rules);
    if (!s) return 1;
    Standards std;
    if (store_standards(s, &std, cli->arena) != STORE_OK) {
        int rc = cli_fail("%s", store_errmsg(s));
        store_close(s);
        return rc;
    }
    if (!area) area = city_code(cli, s);
    bool first = rules.payroll_start == MONTH_NONE;
    PayrollGenerate g = {month, area, cli_today(), &rules, &std, cli_change(cli, NULL), print_issue, cli};
    Problems p;
    problems_init(&p, cli->arena);
    Payroll pr;
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_payroll_generate(s, &g, &pr, &p, cli->arena);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) {
        if (first)
            printf(
                tr(cli, "首次生成名册：%s之前的月份视为已在系统外发放，不补发（payroll.start_month）。\n",
                   "the first payroll: months before %s were paid outside Shouhu and are not paid back (payroll.start_month).\n"),
                cli->argv[0]);
        if (pr.id) print_header(cli, &pr);
        else
            printf("%s\n", tr(cli, "没有尚未发放的应发金额，未生成名册：本月已发放的儿童不会重复发放。",
                              "nothing is still due: no payroll made (no one is paid twice for a month)."));
        cli_audit(cli, s, "payroll.generate", pr.id ? arena_printf(cli->arena, "payroll:%lld", pr.id) : NULL, true,
                  arena_printf(cli->arena, "%s %s", cli->argv[0], area));
    }
    store_close(s);
    return rc;
}

static int print_payroll(void *ctx, const Payroll *pr)
{
    Cli *cli = ctx;
    char month[MONTH_BUF];
    printf("%lld\t%s\t%s\t%s\t%ld\t%s\n", pr->id, month_format(pr->month, month), pr->area_name,
           code_label(&CODES_PAYROLL_STATUS, pr->status, cli->lang), pr->children, cli_yuan(cli, pr->total));
    return 0;
}

static int run_list(Cli *cli)
{
    const char *month_s = cli_option(cli, "month");
    if (!cli_args(cli, 0, 0)) return 2;
    Month month = MONTH_NONE;
    if (month_s && !cli_month("--month", month_s, &month)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    printf("%s\n",
           tr(cli, "编号\t月份\t区域\t状态\t人数\t金额（元）", "id\tmonth\tarea\tstatus\tchildren\ttotal (yuan)"));
    int rc = store_payrolls_list(s, &SCOPE_ALL, month, print_payroll, cli, cli->arena) == STORE_OK
                 ? 0
                 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return rc;
}

static int print_part(void *ctx, const PayrollTown *t)
{
    Cli *cli = ctx;
    printf("  %s\t%s\t%ld\t%s", t->town_name, code_label(&CODES_PAYROLL_STATUS, t->status, cli->lang), t->lines,
           cli_yuan(cli, t->total));
    if (t->submitted_by) printf(tr(cli, "\t%s于%s上报", "\tby %s at %s"), t->submitted_by, t->submitted_at);
    if (t->returned_reason) printf(tr(cli, "\t曾退回：%s", "\treturned once: %s"), t->returned_reason);
    putchar('\n');
    return 0;
}

static int fund_line(void *ctx, const PayrollLine *l)
{
    fund_table_add(ctx, l->town, l->town_name, l->category, strcmp(l->kind, "regular") == 0, l->amount);
    return 0;
}

static int print_line(void *ctx, const PayrollLine *l)
{
    Cli *cli = ctx;
    char first[MONTH_BUF], last[MONTH_BUF];
    printf("%lld\t%s\t%s\t%lld\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", l->id, l->town_name, l->village_name,
           l->child_id, l->child_name, code_label(&CODES_CATEGORY, l->category, cli->lang),
           strcmp(l->kind, "regular") == 0 ? tr(cli, "正常", "regular") : tr(cli, "调整", "adjustment"),
           l->holder_name ? l->holder_name : "", l->months, l->back_months,
           arena_printf(cli->arena, "%s~%s", month_format(l->first_month, first), month_format(l->last_month, last)),
           cli_yuan(cli, l->amount), l->reason ? l->reason : "");
    return 0;
}

static void print_totals(Cli *cli, const FundTable *t)
{
    printf("%s\n", tr(cli, "按镇街：镇街\t人数\t孤儿（机构/散居）\t事实无人抚养\t艾滋病\t金额（元）",
                      "by town: town\tchildren\torphans (institution/scattered)\tde facto\tHIV\tyuan"));
    for (int i = 0; i <= t->n; i++) {
        const FundRow *r = i < t->n ? &t->rows[i] : &t->total;
        printf("  %s\t%ld\t%ld/%ld\t%ld\t%ld\t%s\n", i < t->n ? r->town_name : tr(cli, "合计", "total"), r->persons,
               r->by_category[FUND_INSTITUTION], r->by_category[FUND_SCATTERED], r->by_category[FUND_DE_FACTO],
               r->by_category[FUND_HIV], cli_yuan(cli, r->funds));
    }
    static const char *const cats[] = {"orphan_institution", "orphan_scattered", "de_facto_unsupported", "hiv"};
    printf("%s\n", tr(cli, "按类别：类别\t人数\t金额（元）", "by category: category\tchildren\tyuan"));
    for (int c = 0; c < FUND_CATEGORIES; c++)
        printf("  %s\t%ld\t%s\n", code_label(&CODES_CATEGORY, cats[c], cli->lang), t->total.by_category[c],
               cli_yuan(cli, t->total.funds_by_category[c]));
}

static int run_show(Cli *cli)
{
    bool lines = cli_flag(cli, "lines");
    const char *town = cli_option(cli, "town");
    if (!cli_args(cli, 1, 1)) return 2;
    long long id;
    if (!cli_id("PAYROLL", cli->argv[0], &id)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Payroll pr;
    StoreRc r = store_payroll_get(s, &SCOPE_ALL, id, &pr, cli->arena);
    if (r != STORE_OK) {
        int rc = r == STORE_NOTFOUND ? cli_fail("no payroll %lld", id) : cli_fail("%s", store_errmsg(s));
        store_close(s);
        return rc;
    }
    print_header(cli, &pr);
    if (pr.approved_by) printf(tr(cli, "审批：%s %s\n", "approved: %s %s\n"), pr.approved_by, pr.approved_at);
    if (pr.locked_by) {
        char d[11];
        printf(tr(cli, "锁定：%s %s，发放日期%s\n", "locked: %s %s, paid on %s\n"), pr.locked_by, pr.locked_at,
               date_format(pr.paid_on, d));
    }
    printf("%s\n", tr(cli, "各镇街上报：", "towns' parts:"));
    r = store_payroll_towns(s, &SCOPE_ALL, id, print_part, cli, cli->arena);
    FundTable t;
    fund_table_init(&t, cli->arena);
    if (r == STORE_OK) r = store_payroll_lines(s, &SCOPE_ALL, id, town, fund_line, &t);
    if (r == STORE_OK) print_totals(cli, &t);
    if (r == STORE_OK && lines) {
        printf(
            "%s\n",
            tr(cli, "行号\t镇街\t村（社区）\t档案号\t儿童\t类别\t种类\t账户名\t月数\t补发月数\t月份\t金额\t原因",
               "line\ttown\tvillage\trecord\tchild\tcategory\tkind\tholder\tmonths\tback pay\tmonths\tamount\treason"));
        r = store_payroll_lines(s, &SCOPE_ALL, id, town, print_line, cli);
    }
    int rc = r == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return rc;
}

static int run_export(Cli *cli)
{
    const char *sheet = cli_option(cli, "sheet");
    const char *town = cli_option(cli, "town");
    const char *out = cli_short_option(cli, "-o");
    if (!out) out = cli_option(cli, "output");
    if (!cli_args(cli, 1, 1)) return 2;
    long long id;
    if (!cli_id("PAYROLL", cli->argv[0], &id)) return 2;
    PayrollSheet which;
    if (!sheet || strcmp(sheet, "bank") == 0) which = PAYROLL_SHEET_BANK;
    else if (strcmp(sheet, "fund") == 0) which = PAYROLL_SHEET_FUND;
    else return cli_fail("--sheet is bank (the bank payment list) or fund (the monthly fund table)");
    if (!out) return cli_fail("-o FILE.xlsx: where to write it");
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Scope scope = {town ? area_prefix_of(cli->arena, town) : ""};
    Payroll pr;
    StoreRc r = store_payroll_get(s, &scope, id, &pr, cli->arena);
    int rc = 0;
    if (r != STORE_OK) {
        rc = r == STORE_NOTFOUND ? cli_fail("no payroll %lld", id) : cli_fail("%s", store_errmsg(s));
    } else {
        PayrollExport ex;
        char *err = NULL;
        if (!payroll_xlsx_write(s, &scope, &pr, which, out, &ex, &err)) rc = cli_fail("%s", err);
        else {
            printf(tr(cli, "已写入%s：%ld%s，合计%s元", "written to %s: %ld %s, total %s yuan"), out, ex.rows,
                   which == PAYROLL_SHEET_BANK ? tr(cli, "人", "children") : tr(cli, "个镇街", "towns"),
                   cli_yuan(cli, ex.total));
            if (ex.not_paid)
                printf(tr(cli, "；另%ld人调整后不代发", "; %ld more not paid after adjustments"), ex.not_paid);
            putchar('\n');
            cli_audit(cli, s, "payroll.export", arena_printf(cli->arena, "payroll:%lld", id), true,
                      sheet ? sheet : "bank");
        }
        free(err);
    }
    store_close(s);
    return rc;
}

const Command cmd_payroll_generate = {"payroll generate", "MONTH [--area CODE]",
                                      "make the payroll of a month (发放名册)",
                                      "Makes the payroll of MONTH (2023-02) for the city, or for a town with\n"
                                      "--area: one line per child with a confirmed basic-living category, paid\n"
                                      "under one category only (orphans, then de facto unsupported, then HIV),\n"
                                      "at the month's standard, with back pay for earlier months no payroll has\n"
                                      "paid (a confirmation that came late), and the guardian as account holder.\n"
                                      "The first payroll ever sets payroll.start_month: earlier months were paid\n"
                                      "outside Shouhu. A draft of the same month is made again; after a locked\n"
                                      "one, a supplementary payroll pays only what is still due: no one is paid\n"
                                      "twice for a month. Children who could not be paid are listed.",
                                      run_generate};

const Command cmd_payroll_list = {"payroll list", "[--month YYYY-MM]", "list payrolls",
                                  "Lists the payrolls, newest first, with status, children and total.", run_list};

const Command cmd_payroll_show = {"payroll show", "PAYROLL [--lines] [--town CODE]",
                                  "show a payroll with its totals by town and category",
                                  "Shows PAYROLL: its status, each town's part (submitted or not), and the\n"
                                  "totals by town and by category. --lines lists every line; --town limits\n"
                                  "the totals and lines to one town.",
                                  run_show};

const Command cmd_payroll_export = {"payroll export", "PAYROLL --sheet bank|fund -o FILE.xlsx [--town CODE]",
                                    "write a payroll to Excel",
                                    "Writes PAYROLL as a formatted Excel workbook, A4 landscape: the bank\n"
                                    "payment list (--sheet bank, the default: one row per child with the\n"
                                    "guardian as account holder, adjustments netted with their reasons), or\n"
                                    "the monthly fund table (--sheet fund: 实发人数, 孤儿数 by institution and\n"
                                    "scattered, 事实无人抚养儿童数, 艾滋病病毒感染儿童数, 实发资金, by town).\n"
                                    "--town writes only that town's lines.",
                                    run_export};
