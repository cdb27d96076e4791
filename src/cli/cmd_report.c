/*
** `shouhu report monthly MONTH [--area CODE] [--xlsx FILE] [--pdf FILE]`:
** the monthly report (issue #7) of an area as the terminal prints it, and
** its Excel and PDF. The area's report of the month when there is one (its
** status, and its figures as submitted); otherwise the figures computed
** from the ledger now. Reads only: generating and submitting are done in
** the area's own name, over the API or on the web page.
**
** `shouhu report activities` and `shouhu report workforce`: the counts of
** the activities ("541 events, about 10,000 participants") and the areas
** without their supervisor or director (issue #7's workforce).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "io/monthly_doc.h"
#include "store/store_workforce.h"

/* The document of the report of MONTH for AREA, or of one computed from the
   ledger (id 0, no status: its figures and its areas' in one pass). */
static StoreRc load_or_compute(Store *s, Month month, const char *area, MonthlyDoc *doc, Arena *a)
{
    MonthlyReport r;
    StoreRc rc = store_monthly_find(s, month, area, &r, a);
    if (rc == STORE_OK) return monthly_doc_load(s, &r, doc, a);
    if (rc != STORE_NOTFOUND) return rc;
    Area ar;
    if ((rc = store_area_get(s, area, &ar, a)) != STORE_OK) return rc;
    memset(&r, 0, sizeof r);
    r.month = month;
    r.area = ar.code;
    r.area_name = ar.name;
    r.level = ar.level;
    return monthly_doc_load_ledger(s, &r, doc, a);
}

static void print_doc(Cli *cli, const MonthlyDoc *d)
{
    printf("%s\n", monthly_doc_title(d, cli->arena));
    const MonthlyReport *r = &d->report;
    printf("%s%s", cli->lang == LANG_EN ? "status: " : "状态：", monthly_status_words(r->status));
    if (r->submitted_by) printf("（%s %s）", r->submitted_by, r->submitted_at ? r->submitted_at : "");
    putchar('\n');
    for (int g = 0; MONTHLY_GROUPS[g].code; g++) {
        printf("\n%s\n", cli->lang == LANG_EN ? MONTHLY_GROUPS[g].en : MONTHLY_GROUPS[g].zh);
        for (int i = 0; i < monthly_count(); i++) {
            const MonthlyFigure *f = &MONTHLY_FIGURES[i];
            if (strcmp(f->group, MONTHLY_GROUPS[g].code) != 0) continue;
            printf("  %-28s %12s\n", monthly_title(f, cli->lang), monthly_value_text(f, r->figures.v[i], cli->arena));
        }
    }
    if (d->n_below) {
        int total = monthly_index("children.total");
        printf("\n%s\n", cli->lang == LANG_EN ? "Areas below (children recorded, report)" : "下级（在册儿童，月报状态）");
        for (int k = 0; k < d->n_below; k++)
            printf("  %s %-20s %8lld  %s\n", d->below[k].area, d->below[k].name, d->below[k].v.v[total],
                   monthly_status_words(d->below[k].status));
    }
}

static int run_monthly(Cli *cli)
{
    const char *area = cli_option(cli, "area");
    const char *xlsx = cli_option(cli, "xlsx");
    const char *pdf = cli_option(cli, "pdf");
    if (!cli_args(cli, 1, 1)) return 2;
    Month month;
    if (!month_parse(cli->argv[0], &month)) return cli_fail("%s is not a month: write it as 2024-06", cli->argv[0]);
    if (!area) area = "441900000000";
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    MonthlyDoc doc;
    StoreRc rc = load_or_compute(s, month, area, &doc, cli->arena);
    const MonthlyReport *r = &doc.report;
    int status = 0;
    if (rc == STORE_NOTFOUND) status = cli_fail("there is no area %s", area);
    else if (rc != STORE_OK) status = cli_fail("%s", store_errmsg(s));
    else {
        print_doc(cli, &doc);
        char *err = NULL;
        if (xlsx && !monthly_xlsx_write(&doc, xlsx, &err)) status = cli_fail("%s", err ? err : "cannot write the workbook");
        free(err);
        err = NULL;
        if (pdf && !monthly_pdf_write(&doc, pdf, &err)) status = cli_fail("%s", err ? err : "cannot write the PDF");
        free(err);
        if (r->id) cli_audit(cli, s, "monthly.export", arena_printf(cli->arena, "monthly_report:%lld", r->id), status == 0,
                            xlsx || pdf ? (pdf ? "pdf" : "xlsx") : NULL);
    }
    store_close(s);
    return status;
}

const Command cmd_report_monthly = {
    "report monthly", "MONTH [--area CODE] [--xlsx FILE] [--pdf FILE]", "print a monthly report, write its Excel and PDF",
    "Prints the monthly report (总结上报) of MONTH (2024-06) for the area CODE (a\n"
    "village, a town or, by default, the city): its status and its figures as\n"
    "submitted, or, when the area has no report of the month, the figures\n"
    "computed from the ledger now; then the areas below it. --xlsx writes the\n"
    "report as an Excel workbook (one column per area below), --pdf as an A4\n"
    "PDF with the figures and bar charts. The figures are defined in\n"
    "docs/reports.md.",
    run_monthly};

/* ---- activities and workforce ---- */

static int print_activity(void *ctx, const Activity *v)
{
    (void)ctx;
    char day[11];
    printf("  %s  %-8s %-24s %s  %lld\n", date_format(v->held_on, day), v->kind, v->area_name ? v->area_name : v->area,
           v->title, v->participants);
    return 0;
}

/* The day of option NAME into *OUT (unset when absent); false after saying what is wrong. */
static bool day_option(Cli *cli, const char *name, Date *out)
{
    const char *text = cli_option(cli, name);
    *out = DATE_NONE;
    if (text && !date_parse_iso(text, out)) {
        cli_fail("--%s %s is not a day: write it as 2024-06-30", name, text);
        return false;
    }
    return true;
}

static int run_activities(Cli *cli)
{
    const char *area = cli_option(cli, "area");
    bool list = cli_flag(cli, "list");
    Date from, to;
    if (!day_option(cli, "from", &from) || !day_option(cli, "to", &to)) return 2;
    if (!cli_args(cli, 0, 0)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Scope scope = {area ? area_prefix_of(cli->arena, area) : ""};
    long long events, participants;
    StoreRc r = store_activities_list(s, &scope, from, to, list ? print_activity : NULL, NULL, &events, &participants);
    if (r == STORE_OK)
        printf(cli->lang == LANG_EN ? "%lld activities, %lld participants\n" : "共开展活动%lld场，参与%lld人次\n", events,
               participants);
    int status = r == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return status;
}

static int print_gap(void *ctx, const char *code, const char *name, const char *missing)
{
    int *n = ctx;
    n[strcmp(missing, "supervisor") == 0 ? 0 : 1]++;
    printf("  %s %-24s %s\n", code, name, strcmp(missing, "supervisor") == 0 ? "未配备儿童督导员" : "未配备儿童主任");
    return 0;
}

static int run_workforce(Cli *cli)
{
    const char *area = cli_option(cli, "area");
    if (!cli_args(cli, 0, 0)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Scope scope = {area ? area_prefix_of(cli->arena, area) : ""};
    int n[2] = {0, 0};
    StoreRc r = store_workforce_gaps(s, &scope, print_gap, n);
    if (r == STORE_OK)
        printf(cli->lang == LANG_EN ? "%d towns without a supervisor, %d villages without a director\n"
                                    : "%d个镇街未配备儿童督导员，%d个村（社区）未配备儿童主任\n",
               n[0], n[1]);
    int status = r == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return status;
}

const Command cmd_report_activities = {
    "report activities", "[--area CODE] [--from DAY] [--to DAY] [--list]", "count the activities and their participants",
    "Counts the activities and publicity (宣传活动) held in the area CODE and below it\n"
    "(default the whole city) from DAY to DAY: events and participants, as the\n"
    "seed counts them (541 events, about 10,000 participants). --list prints each.",
    run_activities};

const Command cmd_report_workforce = {
    "report workforce", "[--area CODE]", "list the towns and villages without their supervisor or director",
    "Lists the towns of the area CODE (default the whole city) without a child\n"
    "supervisor serving and its villages without a child director serving, with\n"
    "their counts. NBS placeholder areas are left out.",
    run_workforce};
