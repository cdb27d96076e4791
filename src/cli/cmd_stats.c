/*
** `shouhu stats [--area CODE] [--as-of DATE] [--check]`: the figures of the
** dashboards on the command line (the same store_stats_summary() as GET
** /api/v1/stats/summary): the area's active children by category, age band
** and sex, and by town (or village) and category as tab-separated lines.
** --check counts the ledger itself and compares it with the counters the
** database keeps (exit 1 if they differ): the operators' proof that the
** dashboards say what the records say.
*/
#include <stdio.h>
#include <string.h>
#include "cli/allowance_cli.h"
#include "domain/codes.h"
#include "store/store_stats.h"

static void print_units(const Cli *cli, const StatsUnit *u, int n)
{
    printf("%s\t%s\t%s", tr(cli, "代码", "code"), tr(cli, "名称", "name"), tr(cli, "在册儿童", "children"));
    for (int k = 0; CODES_CATEGORY.entries[k].code && k < STATS_CATEGORIES; k++)
        printf("\t%s", code_label(&CODES_CATEGORY, CODES_CATEGORY.entries[k].code, cli->lang));
    putchar('\n');
    for (int i = 0; i < n; i++) {
        printf("%s\t%s\t%lld", u[i].code, u[i].name ? u[i].name : "", u[i].children);
        for (int k = 0; CODES_CATEGORY.entries[k].code && k < STATS_CATEGORIES; k++) printf("\t%lld", u[i].by_category[k]);
        putchar('\n');
    }
}

static void print_summary(const Cli *cli, const Area *area, const StatsSummary *x)
{
    printf(tr(cli, "%s（%s）：在册儿童%lld人（男%lld，女%lld），台账档案%lld份\n",
              "%s (%s): %lld active children (%lld boys, %lld girls), %lld records\n"),
           area->name, area->code, x->children, x->male, x->female, x->records);
    for (int k = 0; CODES_CATEGORY.entries[k].code && k < STATS_CATEGORIES; k++)
        if (x->by_category[k])
            printf("  %s\t%lld\n", code_label(&CODES_CATEGORY, CODES_CATEGORY.entries[k].code, cli->lang), x->by_category[k]);
    printf("%s", tr(cli, "  年龄段：", "  ages:"));
    for (int i = 0; i < STATS_AGE_BANDS; i++) printf(" %s=%lld", STATS_AGE_BAND[i].code, x->by_age[i]);
    printf("\n\n");
    if (x->villages) print_units(cli, x->villages, x->n_villages);
    else print_units(cli, x->towns, x->n_towns);
}

/* The first figure in which X and Y differ, or NULL. */
static const char *difference(const StatsSummary *x, const StatsSummary *y)
{
    if (x->children != y->children || x->male != y->male || x->records != y->records) return "children";
    for (int k = 0; k < STATS_CATEGORIES; k++)
        if (x->by_category[k] != y->by_category[k]) return CODES_CATEGORY.entries[k].code;
    for (int k = 0; k < STATS_AGE_BANDS; k++)
        if (x->by_age[k] != y->by_age[k]) return STATS_AGE_BAND[k].code;
    for (int k = 0; k < STATS_STATUSES; k++)
        if (x->by_status[k] != y->by_status[k]) return "status";
    return NULL;
}

static int first_area(void *ctx, const Area *a)
{
    *(Area *)ctx = *a;
    return 1;
}

static int run_stats(Cli *cli)
{
    Date as_of;
    const char *code = cli_option(cli, "area");
    bool check = cli_flag(cli, "check");
    if (!cli_date_opt(cli, "as-of", cli_today(), &as_of)) return 2;
    if (!cli_args(cli, 0, 0)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Area area = {0};
    StoreRc r = code ? store_area_get(s, code, &area, cli->arena) : STORE_OK;
    if (!code) r = store_area_children(s, NULL, first_area, &area, cli->arena);   /* the root: the city */
    if (r == STORE_OK && !area.code) r = STORE_NOTFOUND;
    int rc = 0;
    StatsSummary x, y;
    if (r == STORE_NOTFOUND) rc = cli_fail("no area %s: give a 12-digit area code", code ? code : "");
    else if (r == STORE_OK) r = store_stats_summary(s, area_prefix_of(cli->arena, area.code), as_of, &x, cli->arena);
    if (!rc && r == STORE_OK && check)
        r = store_stats_recount(s, area_prefix_of(cli->arena, area.code), as_of, &y, cli->arena);
    if (!rc && r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    if (!rc && check) {
        const char *d = difference(&x, &y);
        if (d) rc = cli_fail("the counters differ from the ledger in %s: %lld children counted, %lld recorded", d,
                             x.children, y.children);
        else printf(tr(cli, "计数与台账一致：在册儿童%lld人\n", "the counters agree with the ledger: %lld active children\n"),
                    y.children);
    } else if (!rc) {
        print_summary(cli, &area, &x);
    }
    store_close(s);
    return rc;
}

const Command cmd_stats = {"stats", "[--area CODE] [--as-of DATE] [--check]",
                           "count the active children of an area, by category, age and town",
                           "Prints the figures of the dashboards for AREA (default the city): the\n"
                           "active children by category, age band on DATE (default today) and sex,\n"
                           "then one tab-separated line per town (or per village of a town) with its\n"
                           "children by category. They come from counters the database keeps on\n"
                           "every write. --check counts the ledger's records one by one and compares\n"
                           "(exit 1 if they differ). What each figure counts: docs/supervision.md.",
                           run_stats};
