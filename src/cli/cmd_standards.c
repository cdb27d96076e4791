/*
** `shouhu standards list` shows the allowance standard of each basic-living
** category for a month (the provincial minimum, the city's own, the one
** applied, and what it follows); `shouhu standards set` adds a standard
** from a month on, refused below the provincial minimum.
*/
#include <stdio.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "domain/codes.h"

static const char *const BASIC[] = {"orphan_institution", "orphan_scattered", "de_facto_unsupported", "hiv"};

static void print_month(Cli *cli, const Standards *std, Month m)
{
    char month[MONTH_BUF];
    printf(tr(cli, "%s的基本生活保障标准（元/人/月）\n类别\t省最低标准\t执行标准\t来源\n",
              "standards for %s (yuan per person a month)\ncategory\tprovincial minimum\tapplied\tsource\n"),
           month_format(m, month));
    for (int i = 0; i < 4; i++) {
        StandardValue v;
        const char *label = code_label(&CODES_CATEGORY, BASIC[i], cli->lang);
        if (!standard_resolve(std, BASIC[i], m, &v)) {
            printf("%s\t-\t-\t%s\n", label, tr(cli, "无标准", "none"));
            continue;
        }
        const char *source =
            v.source == STANDARD_CITY ? tr(cli, "市定标准", "city") : tr(cli, "省最低标准", "provincial minimum");
        if (v.pegged_to)
            source = arena_printf(cli->arena, tr(cli, "%s（参照%s）", "%s (follows %s)"), source,
                                  code_label(&CODES_CATEGORY, v.pegged_to, cli->lang));
        printf("%s\t%s\t%s\t%s\n", label, v.minimum >= 0 ? cli_yuan(cli, v.minimum) : "-", cli_yuan(cli, v.amount),
               source);
    }
}

static void print_rows(Cli *cli, const Standards *std)
{
    printf("%s\n", tr(cli, "编号\t类别\t起始月份\t级别\t金额\t参照\t说明\t设定时间\t设定人",
                      "id\tcategory\tfrom\tlevel\tamount\tfollows\tnote\tset at\tset by"));
    for (int i = 0; i < std->n; i++) {
        const StandardRow *r = &std->rows[i];
        char month[MONTH_BUF];
        printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r->id, code_label(&CODES_CATEGORY, r->category, cli->lang),
               month_format(r->from, month),
               r->level == STANDARD_CITY ? tr(cli, "市", "city") : tr(cli, "省", "province"),
               r->pegged_to ? "" : cli_yuan(cli, r->amount),
               r->pegged_to ? code_label(&CODES_CATEGORY, r->pegged_to, cli->lang) : "", r->note ? r->note : "",
               r->set_at, r->set_by);
    }
}

static int run_list(Cli *cli)
{
    const char *month_s = cli_option(cli, "month");
    bool all = cli_flag(cli, "all");
    if (!cli_args(cli, 0, 0)) return 2;
    Month m = month_of(cli_today());
    if (month_s && !cli_month("--month", month_s, &m)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Standards std;
    int rc = 0;
    if (store_standards(s, &std, cli->arena) != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    else if (all) print_rows(cli, &std);
    else print_month(cli, &std, m);
    store_close(s);
    return rc;
}

static int run_set(Cli *cli)
{
    const char *peg = cli_option(cli, "pegged-to");
    const char *reason = cli_option(cli, "reason");
    bool province = cli_flag(cli, "province");
    if (!cli_args(cli, 2, 3)) return 2;
    const CodeEntry *cat = code_find(&CODES_CATEGORY, cli->argv[0]);
    if (!cat) return cli_fail("unknown category '%s'", cli->argv[0]);
    StandardRow row = {0};
    row.category = cat->code;
    row.level = province ? STANDARD_PROVINCE : STANDARD_CITY;
    if (!cli_month("FROM", cli->argv[1], &row.from)) return 2;
    if ((cli->argc == 3) == (peg != NULL)) return cli_fail("give either AMOUNT or --pegged-to CATEGORY");
    if (peg) {
        const CodeEntry *p = code_find(&CODES_CATEGORY, peg);
        if (!p) return cli_fail("unknown category '%s'", peg);
        row.pegged_to = p->code;
    } else if (!cli_money("AMOUNT", cli->argv[2], false, &row.amount)) {
        return 2;
    }
    if (!reason) return cli_fail("--reason TEXT: the decision or document that sets it");
    row.note = reason;
    row.set_at = cli_now(cli);
    row.set_by = cli_author(cli);
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = store_begin(s);
    if (r == STORE_OK) r = store_standard_add(s, &row, &p);
    int rc = r == STORE_OK ? cli_commit(s) : cli_refused(cli, s, r, &p);
    if (rc == 0) {
        Standards std;
        if (store_standards(s, &std, cli->arena) == STORE_OK) print_month(cli, &std, row.from);
        cli_audit(cli, s, "standard.set", NULL, true, arena_printf(cli->arena, "%s %s", row.category, cli->argv[1]));
    }
    store_close(s);
    return rc;
}

const Command cmd_standards_list = {"standards list", "[--month YYYY-MM] [--all]", "show the allowance standards",
                                    "Shows, for MONTH (default this month), the standard of each basic-living\n"
                                    "category: the provincial minimum, the standard applied (the greater of the\n"
                                    "minimum and the city's own), and where it comes from, a peg included\n"
                                    "(de facto unsupported and HIV-infected children follow scattered\n"
                                    "orphans). --all lists every standard ever set, which is never changed:\n"
                                    "a later one for the same month supersedes it.",
                                    run_list};

const Command cmd_standards_set = {"standards set",
                                   "CATEGORY FROM-MONTH (AMOUNT | --pegged-to CATEGORY) [--province] --reason TEXT",
                                   "set an allowance standard from a month on",
                                   "Sets the city's standard of CATEGORY from FROM-MONTH on, in yuan per\n"
                                   "person a month (2017.00), or makes it follow another category's standard\n"
                                   "(--pegged-to). A city standard below the provincial minimum is refused,\n"
                                   "with the minimum. --province records a new provincial minimum instead,\n"
                                   "when Guangdong publishes one. Already locked payrolls keep their amounts.",
                                   run_set};
