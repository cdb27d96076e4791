/*
** Other help given to children, besides the monthly allowance: `shouhu aid
** add` records education funding by school stage, the boarding allowance,
** the study grant of orphans 18 or older, temporary and medical assistance;
** `list` and `totals` count them by kind, child, area and period; `void`
** cancels a record entered by mistake, with a reason (nothing is deleted).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "domain/aid.h"

static int run_add(Cli *cli)
{
    const char *year_s = cli_option(cli, "school-year");
    const char *expense_s = cli_option(cli, "expense");
    const char *note = cli_option(cli, "note");
    Date on;
    if (!cli_date_opt(cli, "on", cli_today(), &on)) return 2;
    if (!cli_args(cli, 2, 3)) return 2;
    const CodeEntry *kind = code_find(&CODES_AID, cli->argv[1]);
    if (!kind)
        return cli_fail("unknown kind '%s': edu_preschool, edu_compulsory, edu_high_school, edu_higher, "
                        "boarding, study_grant, temporary, medical (or their Chinese names)",
                        cli->argv[1]);
    Aid aid = {0};
    aid.kind = kind->code;
    aid.given_on = on;
    aid.note = note;
    if (cli->argc == 3 && !cli_money("AMOUNT", cli->argv[2], false, &aid.amount)) return 2;
    if (expense_s && !cli_money("--expense", expense_s, false, &aid.expense)) return 2;
    if (year_s) {
        aid.school_year = atoi(year_s);
        if (aid.school_year < 1990 || aid.school_year > 2199)
            return cli_fail("--school-year is the year it starts, such as 2023");
    }
    AllowanceRules rules;
    Store *s = cli_open_allowances(cli, &rules);
    if (!s) return 1;
    Child c;
    if (cli_find_child(cli, s, cli->argv[0], &c) != STORE_OK) {
        store_close(s);
        return cli_fail("no child record %s", cli->argv[0]);
    }
    aid.child_id = c.id;
    aid.recorded_at = cli_now(cli);
    aid.recorded_by = cli_author(cli);
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_aid_add(s, &aid, &rules, &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) {
        printf(tr(cli, "已登记%lld：%s %s %s元", "recorded %lld: %s %s %s yuan"), aid.id, c.name,
               code_label(&CODES_AID, aid.kind, cli->lang), cli_yuan(cli, aid.amount));
        if (aid.deductible)
            printf(tr(cli, "（低保对象，大病保险起付标准%s元）", " (低保 member: serious-illness deductible %s yuan)"),
                   cli_yuan(cli, aid.deductible));
        putchar('\n');
        cli_audit(cli, s, "aid.add", arena_printf(cli->arena, "%lld", c.id), true, aid.kind);
    }
    store_close(s);
    return rc;
}

/* The options every listing shares: --area, --kind, --from, --to, --year, --child.
   False (with a message) if one is wrong. */
static bool read_filter(Cli *cli, Store *s, AidFilter *f)
{
    const char *area = cli_option(cli, "area");
    const char *kind = cli_option(cli, "kind");
    const char *year = cli_option(cli, "year");
    const char *child = cli_option(cli, "child");
    memset(f, 0, sizeof *f);
    f->scope.prefix = area ? area_prefix_of(cli->arena, area) : "";
    const CodeEntry *e = kind ? code_find(&CODES_AID, kind) : NULL;
    int y = year ? atoi(year) : 0;
    Child c;
    if (kind && !e) cli_fail("unknown kind '%s'", kind);
    else if (year && (y < 1990 || y > 2199)) cli_fail("--year is a year, such as 2023");
    else if (child && cli_find_child(cli, s, child, &c) != STORE_OK) cli_fail("no child record %s", child);
    else if (cli_date_opt(cli, "from", DATE_NONE, &f->from) && cli_date_opt(cli, "to", DATE_NONE, &f->to)) {
        f->kind = e ? e->code : NULL;
        f->child_id = child ? c.id : 0;
        if (year) {
            f->from = (Date){y, 1, 1};
            f->to = (Date){y, 12, 31};
        }
        return true;
    }
    return false;
}

static int print_aid(void *ctx, const Aid *a, const char *child_name)
{
    Cli *cli = ctx;
    char d[11];
    printf("%lld\t%s\t%lld %s\t%s\t%s\t%s\t%s%s\n", a->id, date_format(a->given_on, d), a->child_id, child_name,
           code_label(&CODES_AID, a->kind, cli->lang), cli_yuan(cli, a->amount), a->note ? a->note : "",
           a->voided_at ? tr(cli, "已作废：", "void: ") : "", a->voided_at ? a->void_reason : "");
    return 0;
}

static int run_list(Cli *cli)
{
    bool all = cli_flag(cli, "all");
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    AidFilter f;
    if (!read_filter(cli, s, &f) || !cli_args(cli, 0, 0)) {
        store_close(s);
        return 2;
    }
    f.with_void = all;
    printf("%s\n", tr(cli, "编号\t日期\t儿童\t种类\t金额（元）\t备注", "id\tday\tchild\tkind\tyuan\tnote"));
    int rc = store_aid_list(s, &f, print_aid, cli, cli->arena) == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return rc;
}

typedef struct Sum {
    Cli *cli;
    long records;
    Fen amount;
} Sum;

static int print_total(void *ctx, const AidTotal *t)
{
    Sum *x = ctx;
    printf("%s\t%ld\t%ld\t%s\n", code_label(&CODES_AID, t->kind, x->cli->lang), t->records, t->children,
           cli_yuan(x->cli, t->amount));
    x->records += t->records;
    x->amount += t->amount;
    return 0;
}

static int run_totals(Cli *cli)
{
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    AidFilter f;
    if (!read_filter(cli, s, &f) || !cli_args(cli, 0, 0)) {
        store_close(s);
        return 2;
    }
    printf("%s\n", tr(cli, "种类\t人次\t人数\t金额（元）", "kind\trecords\tchildren\tyuan"));
    Sum x = {cli, 0, 0};
    int rc = store_aid_totals(s, &f, print_total, &x) == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    if (rc == 0) printf("%s\t%ld\t\t%s\n", tr(cli, "合计", "total"), x.records, cli_yuan(cli, x.amount));
    store_close(s);
    return rc;
}

static int run_void(Cli *cli)
{
    const char *reason = cli_option(cli, "reason");
    if (!cli_args(cli, 1, 1)) return 2;
    long long id;
    if (!cli_id("ID", cli->argv[0], &id)) return 2;
    if (!reason) return cli_fail("--reason TEXT: why the record is void");
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_aid_void(s, id, reason, cli_change(cli, reason), &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) cli_audit(cli, s, "aid.void", arena_printf(cli->arena, "aid:%lld", id), true, reason);
    store_close(s);
    return rc;
}

const Command cmd_aid_add = {
    "aid add", "CHILD KIND [AMOUNT] [--on DATE] [--school-year YEAR] [--expense AMOUNT] [--note TEXT]",
    "record other help given to a child",
    "Records help given to CHILD on DATE (default today), of KIND:\n"
    "  edu_preschool, edu_compulsory, edu_high_school, edu_higher  education funding by stage\n"
    "  boarding      the boarding allowance (寄宿生活补助)\n"
    "  study_grant   orphans 18 or older in full-time study, once a school year\n"
    "                (福彩圆梦); AMOUNT defaults to aid.study_grant (10,000 yuan)\n"
    "  temporary     temporary assistance (临时救助)\n"
    "  medical       medical assistance; --expense the cost; a 低保 member's\n"
    "                serious-illness deductible (aid.dibao_deductible, 4,000 yuan) is noted\n"
    "AMOUNT is in yuan, such as 1500.00.",
    run_add};

const Command cmd_aid_list = {
    "aid list", "[--child CHILD] [--area CODE] [--kind KIND] [--year YEAR | --from DATE --to DATE] [--all]",
    "list other help given", "Lists the help recorded, by day; --all includes void records.", run_list};

const Command cmd_aid_totals = {"aid totals", "[--area CODE] [--kind KIND] [--year YEAR | --from DATE --to DATE]",
                                "count other help by kind",
                                "Counts the help given by kind: records (人次), children (人数) and amount.\n"
                                "Void records are not counted.",
                                run_totals};

const Command cmd_aid_void = {"aid void", "ID --reason TEXT", "void a help record entered by mistake",
                              "Marks the record ID void, with the reason; it stays in the list (--all).", run_void};
