/*
** `shouhu demo [--minors N] [--seed S]`: fills an empty database with
** synthetic children (domain/demo.h) living in the database's own villages,
** so the system can be shown, taught and load-tested without real people's
** data. Records go in through store_child_insert() like any other, with
** their history, in transactions of 50,000 (each writing its children's
** name-search index at its end); the summary says what was made.
*/
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "auth/auth.h"
#include "cli/cli.h"
#include "domain/codes.h"
#include "cli/demo_parts.h"
#include "cli/protection_demo.h"
#include "domain/demo.h"
#include "domain/month.h"
#include "util/clock.h"

enum {
    DEFAULT_MINORS = 60000,
    MAX_DEMO_MINORS = 100000000,
    BATCH = 50000,           /* children per transaction, or per name-grams batch in bulk mode */
    PROGRESS_FROM = 20000,   /* smaller demos finish before progress would help */
};

/* When the demo's ledger was entered: 09:00 on the first day of the third
   month before this one, so that last month has a ledger to report on
   (monthly_demo.c) and the figures of last month and of the month before
   it (which a submission's cross-checks compare) count a month's changes,
   not the whole ledger's entry: a month holding 1.63 M versions would be
   read for every village. In A. */
static const char *demo_entered_at(Date today, Arena *a)
{
    char day[11];
    return arena_printf(a, "%sT09:00:00+08:00", date_format(month_first_day(month_of(today) - 3), day));
}

/* ---- checks and options ---- */

static int found_child(void *ctx, const Child *c)
{
    (void)c;
    *(bool *)ctx = true;
    return 1;   /* one is enough */
}

static StoreRc ledger_is_empty(Store *s, Arena *a, bool *empty)
{
    bool any = false;
    ChildFilter f = {.scope = SCOPE_ALL, .limit = 1};
    StoreRc r = store_children_list(s, &f, found_child, &any, NULL, a);
    *empty = !any;
    return r;
}

/* Parses TEXT as a whole number in [MIN, MAX]. */
static bool parse_count(const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max) return false;
    *out = v;
    return true;
}

static bool parse_seed(const char *text, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 0);
    if (errno || end == text || *end || text[0] == '-') return false;
    *out = (uint64_t)v;
    return true;
}

/* ---- progress ---- */

typedef struct Progress {
    bool on, tty;
    bool mid_line;   /* the terminal's cursor is after a progress bar */
    long total;
    int shown;       /* last percentage shown */
    double start;
} Progress;

/* Shows how far the demo has come: on a terminal one line redrawn every 1 %,
   otherwise (a log) a line every 10 %. */
static void progress_show(Progress *pg, long done)
{
    if (!pg->on) return;
    int pct = (int)(done * 100 / pg->total);
    int step = pg->tty ? 1 : 10;
    if (pct < pg->shown + step && done != pg->total) return;
    pg->shown = pct - pct % step;
    double spent = clock_monotonic() - pg->start;
    double rate = spent > 0 ? (double)done / spent : 0;
    long left = rate > 0 ? (long)((double)(pg->total - done) / rate) : 0;
    if (pg->tty) {
        char bar[31];
        int fill = pct * 30 / 100;
        memset(bar, '#', (size_t)fill);
        memset(bar + fill, '.', (size_t)(30 - fill));
        bar[30] = 0;
        fprintf(stderr, "\rdemo [%s] %3d%% %ld/%ld, %.0f/s, %ld:%02ld left ", bar, pct, done, pg->total, rate, left / 60,
                left % 60);
        pg->mid_line = done != pg->total;
        if (!pg->mid_line) fputc('\n', stderr);
    } else {
        fprintf(stderr, "demo: %d%% (%ld of %ld children, %.0f s)\n", pct, done, pg->total, spent);
    }
}

/* Ends the progress bar's line, so that a message starts on a line of its own. */
static void progress_break(Progress *pg)
{
    if (pg->mid_line) fputc('\n', stderr);
    pg->mid_line = false;
}

/* ---- the summary ---- */

typedef struct Tally {
    long children, committed, by_category[32], no_category, no_id;
} Tally;

static void tally_add(Tally *t, const Child *c, Date today)
{
    t->children++;
    if (!c->id_number) t->no_id++;
    if (c->n_categories == 0) t->no_category++;
    int i = 0;
    for (const CodeEntry *e = CODES_CATEGORY.entries; e->code && i < 32; e++, i++)
        if (child_has_category(c, e->code, today)) t->by_category[i]++;
}

static void print_summary(Cli *cli, const Tally *t, int villages, uint64_t seed, double seconds)
{
    bool zh = cli->lang == LANG_ZH;
    printf(zh ? "演示数据：%ld名儿童，分布在%d个村(社区)，种子%" PRIu64 "，用时%.1f秒\n"
              : "demo: %ld children in %d villages and communities, seed %" PRIu64 ", %.1f s\n",
           t->children, villages, seed, seconds);
    int i = 0;
    for (const CodeEntry *e = CODES_CATEGORY.entries; e->code && i < 32; e++, i++)
        if (t->by_category[i]) printf("%10ld  %s\n", t->by_category[i], code_label(&CODES_CATEGORY, e->code, cli->lang));
    printf("%10ld  %s\n", t->no_category, zh ? "无类别(普通儿童)" : "no category (ordinary children)");
    printf("%10ld  %s\n", t->no_id, zh ? "无公民身份号码" : "without an ID number");
}

/* ---- the command ---- */

/* Opens a batch's transaction, its children's name-search index deferred
   to its end as an import does (store_names_defer(): at 200,000 children
   the grams written in their own order cost less than one child at a time).
   The demo fills an empty ledger, so the first batch opens bulk mode as an
   import does (store_bulk_begin(): the indexes built once, the counters
   added once; issue #8, import); *BULK is then set and every child goes
   into that one transaction. */
static bool begin_batch(Store *s, StoreBulk **bulk, Arena *a)
{
    return store_begin(s) == STORE_OK && store_names_defer(s) == STORE_OK &&
           (*bulk || store_bulk_begin(s, bulk, a) == STORE_OK);
}

/* Commits the batch and opens the next; false (with the message) on failure.
   In bulk mode a batch only writes its name grams: the commit is the last. */
static bool next_batch(Store *s, Tally *t, Progress *pg, bool last, StoreBulk **bulk, Arena *a)
{
    bool ok;
    if (*bulk && !last) ok = store_names_catch_up(s, true) == STORE_OK;
    else {
        ok = store_names_catch_up(s, false) == STORE_OK && store_bulk_end(s, *bulk) == STORE_OK &&
             store_commit(s) == STORE_OK;
        *bulk = NULL;
        if (ok && !last) ok = begin_batch(s, bulk, a);
        if (ok) t->committed = t->children;
    }
    if (!ok) {
        progress_break(pg);
        cli_fail("%s", store_errmsg(s));
    }
    return ok;
}

/* Generates and inserts every child of G; on failure says why and returns false.
   Into an empty ledger (bulk mode) all or nothing; otherwise commits every
   BATCH children, so a failure keeps what was committed. */
static bool insert_all(Cli *cli, Store *s, DemoGen *g, Date today, const Change *ch, Tally *t, Progress *pg)
{
    Arena *row = arena_new();   /* one child at a time: reset after each */
    Arena *bulk_arena = arena_new();
    StoreBulk *bulk = NULL;
    bool ok = begin_batch(s, &bulk, bulk_arena);
    if (!ok) cli_fail("%s", store_errmsg(s));
    Child c;
    while (ok && demo_next(g, &c, row)) {
        Problems p;
        problems_init(&p, row);
        if (!child_validate(&c, row, today, &LEDGER_RULES_DEFAULT, true, &p)) {
            /* a bug in the generator, not in the data: say which child */
            progress_break(pg);
            fprintf(stderr, "shouhu: demo child %ld (%s) is not valid:\n", g->made, c.name);
            cli_print_problems(cli, &p, 10);
            ok = false;
            break;
        }
        StoreRc r = store_child_insert(s, &c, ch, &p);
        if (r == STORE_INVALID) {
            progress_break(pg);
            fprintf(stderr, "shouhu: demo child %ld (%s) was refused:\n", g->made, c.name);
            cli_print_problems(cli, &p, 10);
            ok = false;
            break;
        }
        if (r != STORE_OK) {
            progress_break(pg);
            cli_fail("%s", store_errmsg(s));
            ok = false;
            break;
        }
        tally_add(t, &c, today);
        if (g->made % BATCH == 0 && g->made < g->plan.minors) ok = next_batch(s, t, pg, false, &bulk, bulk_arena);
        progress_show(pg, g->made);
        arena_reset(row);
    }
    if (ok) ok = next_batch(s, t, pg, true, &bulk, bulk_arena);
    if (!ok && store_in_transaction(s)) store_rollback(s);
    arena_free(row);
    arena_free(bulk_arena);
    return ok;
}

/* One account per role, sharing the demo password (never a real database's:
   the demo only fills an empty one). Prints them for whoever tries the demo. */
static bool create_demo_accounts(Cli *cli, Store *s)
{
    int created = 0;
    bool ok = store_begin(s) == STORE_OK &&
              auth_create_demo_accounts(s, AUTH_DEMO_PASSWORD, "demo", &created) == STORE_OK;
    if (ok) ok = store_commit(s) == STORE_OK;
    else store_rollback(s);
    if (!ok) {
        cli_fail("demo accounts not created: %s", store_errmsg(s));
        return false;
    }
    bool zh = cli->lang == LANG_ZH;
    printf(zh ? "演示账号（密码均为 %s）：\n" : "demo accounts (all with the password %s):\n", AUTH_DEMO_PASSWORD);
    for (const DemoAccount *d = AUTH_DEMO_ACCOUNTS; d->username; d++) printf("  %-16s %s\n", d->username, d->role);
    return true;
}

static int run_demo(Cli *cli)
{
    const char *minors_s = cli_option(cli, "minors");
    const char *seed_s = cli_option(cli, "seed");
    if (!cli_args(cli, 0, 0)) return 2;
    long minors = DEFAULT_MINORS;
    uint64_t seed = 1;
    if (minors_s && !parse_count(minors_s, 1, MAX_DEMO_MINORS, &minors))
        return cli_fail("--minors takes a number of children from 1 to %d", MAX_DEMO_MINORS);
    if (seed_s && !parse_seed(seed_s, &seed)) return cli_fail("--seed takes a whole number, such as 1 or 20220601");

    Store *s = cli_open_store(cli);
    if (!s) return 1;
    int rc = 1;
    bool empty = false;
    DemoVillage *villages = NULL;
    int n_villages = 0;
    const char *institution = NULL;
    DemoGen g;
    bool have_gen = false;
    if (ledger_is_empty(s, cli->arena, &empty) != STORE_OK) cli_fail("%s", store_errmsg(s));
    else if (!empty)
        cli_fail("%s already holds children: the demo only fills an empty database (run 'shouhu --db NEW.db init' "
                 "and 'shouhu --db NEW.db demo')",
                 cli->db_path);
    else if (demo_villages(s, cli->arena, &villages, &n_villages, &institution) != STORE_OK) cli_fail("%s", store_errmsg(s));
    else if (!(have_gen = demo_init(&g, seed, clock_today(), villages, n_villages, institution, minors)))
        cli_fail("%s has no villages to put children in: run 'shouhu init' first", cli->db_path);
    if (!have_gen) {
        store_close(s);
        return 1;
    }

    Change ch = {.author = "demo", .reason = "演示数据 (synthetic demo data)", .at = demo_entered_at(g.today, cli->arena)};
    Tally t = {0};
    Progress pg = {.on = minors >= PROGRESS_FROM, .tty = isatty(STDERR_FILENO), .total = minors,
                   .start = clock_monotonic()};
    DemoTally more = {0};
    bool zh = cli->lang == LANG_ZH;
    if (insert_all(cli, s, &g, g.today, &ch, &t, &pg) && create_demo_accounts(cli, s) &&
        protection_demo(s, seed, g.today, zh) &&   /* protection (issue #6) */
        demo_more(s, seed, g.today, minors, &more)) {
        demo_tally_print(&more, zh);
        print_summary(cli, &t, n_villages, seed, clock_monotonic() - pg.start);
        rc = 0;
    } else if (t.committed) {
        fprintf(stderr, "shouhu: %ld children were stored before the failure; start again from a new database\n",
                t.committed);
    }
    demo_free(&g);
    store_close(s);
    return rc;
}

const Command cmd_demo = {
    "demo", "[--minors N] [--seed S]", "fill an empty database with synthetic children",
    "Fills an empty database with N synthetic children (default 60000; the\n"
    "whole of Dongguan is --minors 1630000) living in the database's villages,\n"
    "for demonstrations, training and load tests. Nothing in them is real:\n"
    "names, ID numbers (valid check digits, unique) and phone numbers are made\n"
    "up. Their facts agree with their categories: orphans' parents are dead or\n"
    "declared missing, de facto unsupported children's parents are imprisoned,\n"
    "lost, gravely ill or disabled, left-behind children's parents work away,\n"
    "migrant children come from other provinces.\n"
    "\n"
    "The categories follow the city's figures for 60000 children and more\n"
    "(orphans ~260, de facto unsupported ~320, children in difficulty ~3800,\n"
    "低保 ~2400, left-behind ~14000, migrant ~26000...); fewer children scale\n"
    "them down. The same --seed (default 1) on the same day gives the same\n"
    "children (SHOUHU_TODAY=YYYY-MM-DD fixes the day). Every record is stored\n"
    "with the author \"demo\" and the reason \"演示数据\", so it is never\n"
    "mistaken for real data.\n"
    "\n"
    "Every module gets its work too, dated in the weeks and months before\n"
    "today: home visits, cases, referrals and hotline calls; category\n"
    "applications of the demo town at every step (some late), its payrolls of\n"
    "the last three months locked and this month's draft, other help, the\n"
    "adult orphans' settlements since 2013; about 30 admissions to the rescue\n"
    "centre (12 there now, 2 unidentified, a DNA sample overdue); a supervisor\n"
    "per town and a director for most villages, with training; the year's\n"
    "activities (541 events for the city, fewer for a smaller demo); social\n"
    "organisations' services; last month's reports of two towns' villages,\n"
    "one town's submitted. The ledger is recorded as entered on the first\n"
    "day of the third month before this one.\n"
    "\n"
    "Refuses a database that already holds children.",
    run_demo};
