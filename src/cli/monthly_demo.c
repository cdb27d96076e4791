/*
** The monthly reports' part of `shouhu demo` (demo_parts.h), run last since
** the figures count what the other parts made: last month's reports (the
** demo's ledger is entered before it, cmd_demo.c), so that the workflow
** pages show every state. In the demo town every village
** that must report has submitted and so has the town (the city has it to
** accept); in the next town most villages have submitted, one was sent back
** with a reason, a few are drafts and a few have not reported yet. Through
** the store functions the API uses; the villages act as their directors,
** the towns as their supervisors.
*/
#include <string.h>
#include "cli/demo_parts.h"
#include "store/store_monthly.h"

typedef struct Monthly {
    DemoPart *d;
    DemoTally *t;
    Month month;
    const char *home_village, *home_town;   /* the demo accounts' areas */
} Monthly;

typedef struct Below {
    const char **areas;
    int n, cap;
    Arena *a;
} Below;

static int collect_below(void *ctx, const MonthlyReport *r)
{
    Below *b = ctx;
    if (b->n < b->cap) b->areas[b->n++] = arena_strdup(b->a, r->area);
    return 0;
}

/* Makes the draft report of AREA; *ID gets its id. */
static StoreRc generate(Monthly *x, const char *area, long long *id)
{
    DemoPart *d = x->d;
    MonthlyReport r;
    bool created;
    StoreRc rc = store_monthly_generate(d->s, &SCOPE_ALL, x->month, area, d->today, &d->change, &r, &created, &d->p, d->a);
    *id = r.id;
    if (rc == STORE_OK && monthly_area_level(area) == 3) x->t->village_reports++;
    if (rc == STORE_OK && monthly_area_level(area) == 2) x->t->town_reports++;
    return rc;
}

/* A step on report ID by the account of AREA (the demo's own where it has one), now. */
static StoreRc act(Monthly *x, StoreRc (*fn)(Store *, const MonthlyStep *, Problems *), long long id, const char *area,
                   const char *reason)
{
    DemoPart *d = x->d;
    const char *actor = x->home_village && strcmp(area, x->home_village) == 0 ? "demo.village"
                        : x->home_town && strcmp(area, x->home_town) == 0   ? "demo.town"
                                                                              : "demo";
    MonthlyStep st = {id, actor, area, reason, d->at};
    return fn(d->s, &st, &d->p);
}

/* TOWN's report and those of its villages that must report: all submitted
   when ALL, else most, one sent back, some drafts and some missing. */
static StoreRc town(Monthly *x, const char *code, bool all)
{
    DemoPart *d = x->d;
    long long town_id;
    StoreRc r = generate(x, code, &town_id);
    if (r != STORE_OK) return r;
    MonthlyReport tr;
    r = store_monthly_get(d->s, &SCOPE_ALL, town_id, &tr, d->a);
    enum { MAX_VILLAGES = 1000 };   /* a town has fewer than a hundred */
    Below b = {arena_alloc(d->a, MAX_VILLAGES * sizeof(char *)), 0, MAX_VILLAGES, d->a};
    if (r == STORE_OK) r = store_monthly_below(d->s, &tr, collect_below, &b, d->a);
    bool returned = false;
    for (int i = 0; i < b.n && r == STORE_OK; i++) {
        int roll = all ? 0 : demo_pick(d, 100);
        if (roll >= 85) continue;   /* not reported yet */
        long long id;
        r = generate(x, b.areas[i], &id);
        if (r != STORE_OK || roll >= 75) continue;   /* a draft */
        r = act(x, store_monthly_submit, id, b.areas[i], NULL);
        if (r == STORE_OK) x->t->village_submitted++;
        if (r == STORE_OK && !all && !returned) {
            r = act(x, store_monthly_return, id, code, "留守儿童人数与上月相差较大，请核实后重新上报");
            x->t->village_submitted--;
            x->t->village_returned++;
            returned = true;
        }
    }
    if (r == STORE_OK && all) {
        r = act(x, store_monthly_submit, town_id, code, NULL);
        if (r == STORE_OK) x->t->town_submitted++;
    }
    return r;
}

bool monthly_demo(Store *s, uint64_t seed, Date today, long minors, DemoTally *t)
{
    DemoPart d;
    if (!demo_part_begin(&d, s, seed, 0x4D4F4E5448000008ULL, today, minors)) return false;
    Monthly x = {&d, t, month_of(today) - 1, demo_account_area(&d, "demo.village"), demo_account_area(&d, "demo.town")};
    DemoTowns towns;
    StoreRc r = demo_towns(s, d.a, &towns);
    /* the demo town complete, the next one under way */
    const char *second = NULL;
    for (int i = 0; i < towns.n && !second; i++)
        if (!towns.items[i].mark && (!x.home_town || strcmp(towns.items[i].code, x.home_town) != 0))
            second = towns.items[i].code;
    if (r == STORE_OK && x.home_town) r = town(&x, x.home_town, true);
    if (r == STORE_OK && second) r = town(&x, second, false);
    return demo_part_end(&d, r, "monthly");
}
