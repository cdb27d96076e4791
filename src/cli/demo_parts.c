/*
** What the parts of `shouhu demo` share (demo_parts.h): reading the area
** tree, the part's generator and transaction, days and times before today,
** made-up names and phones, children picked from the ledger.
*/
#include <stdio.h>
#include <string.h>
#include "cli/demo_parts.h"
#include "util/clock.h"
#include "store/store_accounts.h"

/* ---- the area tree ---- */

typedef struct AreaList {
    Area *items;
    int n;
    long cap;
    Arena *a;
} AreaList;

static int collect_area(void *ctx, const Area *area)
{
    AreaList *l = ctx;
    l->items = arena_grow(l->a, l->items, l->n, &l->cap, sizeof *l->items, 64);
    l->items[l->n++] = *area;
    return 0;
}

/* The children of every area in PARENTS (or of the root when PARENTS is
   NULL). One level at a time: the store's statements must not be nested. */
static StoreRc area_level(Store *s, const AreaList *parents, AreaList *out)
{
    if (!parents) return store_area_children(s, NULL, collect_area, out, out->a);
    for (int i = 0; i < parents->n; i++) {
        StoreRc r = store_area_children(s, parents->items[i].code, collect_area, out, out->a);
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

/* The village of the city welfare centre and the rescue centre (东城街道,
   by the rescue centre's address on 松山湖大道同沙路段); when a database
   lacks it, the generator takes the first village. */
static const char INSTITUTION_VILLAGE[] = "同沙社区居民委员会";

StoreRc demo_villages(Store *s, Arena *a, DemoVillage **out, int *n, const char **institution)
{
    AreaList cities = {.a = a}, towns = {.a = a}, villages = {.a = a};
    StoreRc r = area_level(s, NULL, &cities);
    if (r == STORE_OK) r = area_level(s, &cities, &towns);
    if (r == STORE_OK) r = area_level(s, &towns, &villages);
    if (r != STORE_OK) return r;
    DemoVillage *v = arena_alloc(a, (size_t)(villages.n ? villages.n : 1) * sizeof *v);
    int k = 0;
    *institution = NULL;
    for (int i = 0; i < villages.n; i++) {
        const Area *area = &villages.items[i];
        /* virtual communities are NBS placeholders with no residents */
        if (area->level != 3 || (area->mark && strcmp(area->mark, "virtual") == 0)) continue;
        const char *town = "";
        for (int t = 0; t < towns.n; t++)
            if (area->parent && strcmp(towns.items[t].code, area->parent) == 0) town = towns.items[t].name;
        v[k] = (DemoVillage){area->code, area->name, town, area->kind, area->mark};
        if (!*institution && strcmp(area->name, INSTITUTION_VILLAGE) == 0) *institution = area->code;
        k++;
    }
    *out = v;
    *n = k;
    return STORE_OK;
}

StoreRc demo_towns(Store *s, Arena *a, DemoTowns *out)
{
    AreaList cities = {.a = a}, towns = {.a = a};
    StoreRc r = area_level(s, NULL, &cities);
    if (r == STORE_OK) r = area_level(s, &cities, &towns);
    out->city = cities.n ? cities.items[0].code : NULL;
    out->items = towns.items;
    out->n = towns.n;
    return r;
}

StoreRc demo_town_villages(Store *s, const char *town, Arena *a, Area **out, int *n)
{
    AreaList villages = {.a = a};
    StoreRc r = store_area_children(s, town, collect_area, &villages, a);
    *out = villages.items;
    *n = villages.n;
    return r;
}

/* ---- a part ---- */

bool demo_part_begin(DemoPart *d, Store *s, uint64_t seed, uint64_t part_salt, Date today, long minors)
{
    memset(d, 0, sizeof *d);
    d->s = s;
    d->a = arena_new();
    d->rng = seed ^ part_salt;
    d->today = today;
    d->minors = minors;
    char now[26];
    d->at = arena_strdup(d->a, clock_now_iso(now));
    d->change = (Change){"demo", "演示数据 (synthetic demo data)", d->at};
    problems_init(&d->p, d->a);
    if (store_begin(s) == STORE_OK) return true;
    fprintf(stderr, "shouhu: %s\n", store_errmsg(s));
    arena_free(d->a);
    return false;
}

bool demo_part_end(DemoPart *d, StoreRc r, const char *what)
{
    if (r == STORE_OK) r = store_commit(d->s);
    else store_rollback(d->s);
    if (r != STORE_OK) {
        fprintf(stderr, "shouhu: the %s demo was not stored: %s\n", what,
                r == STORE_INVALID ? "a record was refused" : store_errmsg(d->s));
        for (const Problem *pr = d->p.head; pr; pr = pr->next)
            fprintf(stderr, "  %s\n", problem_describe(d->a, pr, LANG_EN));
    }
    arena_free(d->a);
    d->a = NULL;
    return r == STORE_OK;
}

int demo_pick(DemoPart *d, int n) { return n > 0 ? (int)(demo_splitmix(&d->rng) % (uint64_t)n) : 0; }

bool demo_chance(DemoPart *d, int percent) { return demo_pick(d, 100) < percent; }

Date demo_days_ago(const DemoPart *d, int days) { return date_from_days(date_to_days(d->today) - days); }

const char *demo_time(DemoPart *d, Date day, int hour, int min)
{
    char text[11];
    return arena_printf(d->a, "%sT%02d:%02d:00+08:00", date_format(day, text), hour, min);
}

const char *demo_person_name(DemoPart *d)
{
    static const char *const surnames[] = {"陈", "李", "黄", "张", "王", "刘", "林", "何", "叶", "罗",
                                           "梁", "钟", "邓", "莫", "袁", "卢", "蔡", "谢", "方", "麦"};
    static const char *const given[] = {"丽", "敏", "芳", "伟", "婷", "强", "华", "静", "军", "燕",
                                        "秀", "建", "嘉", "志", "慧", "文", "少", "玉", "永", "晓"};
    enum { NS = sizeof surnames / sizeof *surnames, NG = sizeof given / sizeof *given };
    const char *s = surnames[demo_pick(d, NS)];
    if (demo_chance(d, 30)) return arena_printf(d->a, "%s%s", s, given[demo_pick(d, NG)]);
    return arena_printf(d->a, "%s%s%s", s, given[demo_pick(d, NG)], given[demo_pick(d, NG)]);
}

const char *demo_phone(DemoPart *d)
{
    static const char *const prefixes[] = {"135", "137", "138", "139", "150", "159", "186", "189"};
    return arena_printf(d->a, "%s%08d", prefixes[demo_pick(d, 8)], demo_pick(d, 100000000));
}

/* ---- children ---- */

typedef struct KidList {
    DemoKid *items;
    int n, max;
    Arena *a;
} KidList;

static int collect_kid(void *ctx, const Child *c)
{
    KidList *l = ctx;
    l->items[l->n++] = (DemoKid){c->id, arena_strdup(l->a, c->area), arena_strdup(l->a, c->name), c->birth_date,
                                 c->n_categories};
    return l->n >= l->max;
}

StoreRc demo_kids(DemoPart *d, const ChildFilter *f, int max, DemoKid **out, int *n)
{
    KidList l = {arena_alloc(d->a, (size_t)(max > 0 ? max : 1) * sizeof(DemoKid)), 0, max, d->a};
    StoreRc r = max > 0 ? store_children_list(d->s, f, collect_kid, &l, NULL, d->a) : STORE_OK;
    *out = l.items;
    *n = l.n;
    return r;
}

const char *demo_account_area(DemoPart *d, const char *username)
{
    Account acc;
    return store_account_get(d->s, &SCOPE_ALL, username, &acc, d->a) == STORE_OK ? acc.area : NULL;
}

/* ---- the parts in order ---- */

bool demo_more(Store *s, uint64_t seed, Date today, long minors, DemoTally *t)
{
    return allowances_demo(s, seed, today, minors, t) && rescue_demo(s, seed, today, minors, t) &&
           workforce_demo(s, seed, today, minors, t) && monthly_demo(s, seed, today, minors, t);
}

/* ---- the summary ---- */

void demo_tally_print(const DemoTally *t, bool zh)
{
    printf(zh ? "救助津贴：%d份类别申请（待查验%d，待确认%d，已确认%d，不予通过%d），%d份已锁定发放表和%d份草稿，%d条其他救助，%d条成年孤儿安置\n"
              : "allowances: %d category applications (%d applied, %d verified, %d confirmed, %d refused), %d locked "
                "payrolls and %d draft, %d other help, %d adult-orphan settlements\n",
           t->applications, t->applied, t->verified, t->confirmed, t->refused, t->payrolls_locked, t->payrolls_draft,
           t->aid, t->settlements);
    printf(zh ? "救助保护中心：%d次入站，在站%d人（其中身份不明%d人）\n"
              : "rescue centre: %d admissions, %d present (%d unidentified)\n",
           t->admissions, t->present, t->unidentified);
    printf(zh ? "工作队伍：%d名儿童督导员，%d名儿童主任，%d次培训；%d场活动，%lld人次参与；%d家社会组织，%d项服务\n"
              : "workforce: %d supervisors, %d directors, %d trainings; %d activities, %lld participants; %d "
                "organisations, %d services\n",
           t->supervisors, t->directors, t->trainings, t->activities, t->participants, t->orgs, t->services);
    printf(zh ? "月报：%d份村（社区）月报（已上报%d，退回%d），%d份镇街月报（已上报%d）\n"
              : "monthly reports: %d of villages (%d submitted, %d returned), %d of towns (%d submitted)\n",
           t->village_reports, t->village_submitted, t->village_returned, t->town_reports, t->town_submitted);
}
