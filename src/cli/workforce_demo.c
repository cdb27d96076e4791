/*
** The workforce and activities part of `shouhu demo` (demo_parts.h): a
** child supervisor in every town but two and a child director in most
** villages (the gaps show on the workforce page), their training over the
** last year, the year's activities at the city, town and village levels at
** the seed's scale (541 events and about 10,000 participants for the
** city; a smaller demo scales them down), and social organisations with
** the services they gave and their evaluation. Each record is checked as
** the API checks it (workforce_check_*) and stored through the same
** functions.
*/
#include <string.h>
#include "cli/demo_parts.h"
#include "domain/workforce.h"
#include "store/store_workforce.h"

enum {
    TOWNS_WITHOUT_SUPERVISOR = 2,
    DIRECTOR_GAP_PERCENT = 8,
    EVENTS_CITY = 541,       /* the seed: activities in a year, city-wide */
    EVENTS_AT_LEAST = 24,    /* a small demo still shows every level */
};

typedef struct Work {
    DemoPart *d;
    DemoTally *t;
    DemoTowns towns;
} Work;

static const char *const TRAININGS[] = {"儿童督导员、儿童主任业务培训班", "未成年人保护法专题培训",
                                        "强制报告制度与个案发现培训", "困境儿童信息管理系统操作培训"};

/* A worker of ROLE in AREA appointed a year or more ago, with up to three trainings since. */
static StoreRc worker(Work *x, const char *role, const char *area)
{
    DemoPart *d = x->d;
    Worker w = {0};
    w.name = demo_person_name(d);
    w.role = role;
    w.area = area;
    w.phone = demo_phone(d);
    w.appointed_on = demo_days_ago(d, 365 + demo_pick(d, 1500));
    if (!workforce_check_worker(w.role, w.area, w.appointed_on, d->today, &d->p)) return STORE_INVALID;
    long long id;
    StoreRc r = store_worker_add(d->s, &w, &d->change, &id);
    if (r != STORE_OK) return r;
    if (strcmp(role, "supervisor") == 0) x->t->supervisors++;
    else x->t->directors++;
    int trainings = demo_pick(d, 4);
    for (int i = 0; i < trainings && r == STORE_OK; i++) {
        Date on = demo_days_ago(d, 5 + demo_pick(d, 360));
        long long hours = 4 + 4 * demo_pick(d, 4), tid;
        if (!workforce_check_training(on, hours, d->today, &d->p)) return STORE_INVALID;
        r = store_training_add(d->s, &SCOPE_ALL, id, on, TRAININGS[demo_pick(d, 4)], hours, &d->change, &tid);
        x->t->trainings++;
    }
    return r;
}

/* Whether area A is one where a worker serves (marked areas, such as virtual communities, are left out). */
static bool staffed(const Area *a) { return !a->mark; }

static StoreRc workers(Work *x)
{
    DemoPart *d = x->d;
    StoreRc r = STORE_OK;
    /* two towns without a supervisor, never the demo town */
    int gap[TOWNS_WITHOUT_SUPERVISOR] = {-1, -1};
    if (x->towns.n > TOWNS_WITHOUT_SUPERVISOR) {
        gap[0] = 1 + demo_pick(d, x->towns.n - 1);
        gap[1] = 1 + (gap[0] + demo_pick(d, x->towns.n - 2)) % (x->towns.n - 1);   /* another one */
    }
    for (int i = 0; i < x->towns.n && r == STORE_OK; i++) {
        const Area *town = &x->towns.items[i];
        if (!staffed(town)) continue;
        if (i != gap[0] && i != gap[1]) r = worker(x, "supervisor", town->code);
        Area *villages;
        int n;
        if (r == STORE_OK) r = demo_town_villages(d->s, town->code, d->a, &villages, &n);
        for (int v = 0; v < n && r == STORE_OK; v++)
            if (staffed(&villages[v]) && !demo_chance(d, DIRECTOR_GAP_PERCENT))
                r = worker(x, "director", villages[v].code);
    }
    return r;
}

/* ---- activities ---- */

typedef struct Kind {
    const char *kind, *title;
} Kind;
static const Kind ACTIVITIES[] = {
    {"publicity", "未成年人保护法宣传进社区"}, {"publicity", "防溺水安全知识宣传"},
    {"care", "“童伴”暑期关爱活动"},           {"care", "困境儿童节日慰问"},
    {"training", "家庭教育指导讲座"},         {"care", "留守儿童亲情视频连线"},
    {"publicity", "强制报告制度宣传"},         {"other", "儿童之家开放日"},
};
enum { N_ACTIVITIES = sizeof ACTIVITIES / sizeof *ACTIVITIES };

/* One event at LEVEL in AREA: a village's gathers a dozen, a town's a score, the city's more. */
static StoreRc activity(Work *x, const char *level, const char *area)
{
    DemoPart *d = x->d;
    const Kind *k = &ACTIVITIES[demo_pick(d, N_ACTIVITIES)];
    Activity a = {0};
    a.level = level;
    a.area = area;
    a.kind = k->kind;
    a.title = k->title;
    a.held_on = demo_days_ago(d, demo_pick(d, 365));
    bool village = strcmp(level, "village") == 0, town = strcmp(level, "town") == 0;
    a.participants = village ? 6 + demo_pick(d, 13) : town ? 12 + demo_pick(d, 21) : 40 + demo_pick(d, 41);
    if (!workforce_check_activity(a.level, a.area, a.kind, a.participants, a.held_on, d->today, &d->p))
        return STORE_INVALID;
    long long id;
    x->t->activities++;
    x->t->participants += a.participants;
    return store_activity_add(d->s, &a, &d->change, &id);
}

/* The year's events: 5 % the city's, 35 % the towns', the rest the villages'. */
static StoreRc activities(Work *x)
{
    DemoPart *d = x->d;
    long events = demo_scale(EVENTS_CITY, d->minors);
    if (events < EVENTS_AT_LEAST) events = EVENTS_AT_LEAST;
    if (!x->towns.city || x->towns.n == 0) return STORE_OK;
    StoreRc r = STORE_OK;
    for (long i = 0; i < events && r == STORE_OK; i++) {
        int roll = demo_pick(d, 100);
        const Area *town = &x->towns.items[demo_pick(d, x->towns.n)];
        if (roll < 5) {
            r = activity(x, "city", x->towns.city);
        } else if (roll < 40 || town->mark) {
            r = activity(x, "town", town->code);
        } else {
            Area *villages;
            int n;
            r = demo_town_villages(d->s, town->code, d->a, &villages, &n);
            const Area *v = n ? &villages[demo_pick(d, n)] : NULL;
            if (r == STORE_OK) r = v && !v->mark ? activity(x, "village", v->code) : activity(x, "town", town->code);
        }
    }
    return r;
}

/* ---- social organisations ---- */

typedef struct Org {
    const char *name, *contact;
} Org;
static const Org ORGS[] = {
    {"东莞市启智社会工作服务中心", "周主任"}, {"东莞市阳光家庭综合服务中心", "梁社工"},
    {"东莞市护苗儿童关爱协会", "陈会长"},     {"东莞市同心社会工作服务社", "钟主任"},
    {"东莞市心晴心理咨询服务中心", "何老师"}, {"东莞市益童公益服务中心", "叶总干事"},
};
static const char *const SERVICES[] = {"困境儿童个案帮扶", "留守儿童四点半课堂", "儿童心理疏导小组",
                                       "事实无人抚养儿童探访服务", "儿童之家驻点服务"};
static const char *const EVALUATIONS[] = {"excellent", "good", "good", "fair", "poor"};

/* Each organisation registered in the city, giving two or three services in towns, most evaluated. */
static StoreRc orgs(Work *x)
{
    DemoPart *d = x->d;
    StoreRc r = STORE_OK;
    for (size_t i = 0; i < sizeof ORGS / sizeof *ORGS && r == STORE_OK && x->towns.city && x->towns.n; i++) {
        SocialOrg o = {0, ORGS[i].name, x->towns.city, NULL, ORGS[i].contact, demo_phone(d)};
        long long org;
        r = store_org_add(d->s, &o, &d->change, &org);
        if (r != STORE_OK) return r;
        x->t->orgs++;
        int n = 2 + demo_pick(d, 2);
        for (int k = 0; k < n && r == STORE_OK; k++) {
            SocialService sv = {0};
            sv.org_id = org;
            sv.area = x->towns.items[demo_pick(d, x->towns.n)].code;
            sv.title = SERVICES[demo_pick(d, 5)];
            sv.started_on = demo_days_ago(d, 60 + demo_pick(d, 600));
            sv.children_served = 10 + demo_pick(d, 90);
            if (!workforce_check_service(sv.started_on, sv.children_served, d->today, &d->p)) return STORE_INVALID;
            long long id;
            r = store_service_add(d->s, &SCOPE_ALL, &sv, &d->change, &id);
            x->t->services++;
            if (r != STORE_OK || k == n - 1) continue;   /* the latest is not evaluated yet */
            const char *e = EVALUATIONS[demo_pick(d, 5)];
            if (!workforce_check_evaluation(e, &d->p)) return STORE_INVALID;
            Date on = date_from_days(date_to_days(sv.started_on) + 45);
            r = store_service_evaluate(d->s, &SCOPE_ALL, id, e, strcmp(e, "poor") == 0 ? "服务记录不完整，限期整改" : "服务规范，儿童及家长满意",
                                       on, &d->change);
        }
    }
    return r;
}

bool workforce_demo(Store *s, uint64_t seed, Date today, long minors, DemoTally *t)
{
    DemoPart d;
    if (!demo_part_begin(&d, s, seed, 0x574F524B46000007ULL, today, minors)) return false;
    Work x = {&d, t, {0}};
    StoreRc r = demo_towns(s, d.a, &x.towns);
    if (r == STORE_OK) r = workers(&x);
    if (r == STORE_OK) r = activities(&x);
    if (r == STORE_OK) r = orgs(&x);
    return demo_part_end(&d, r, "workforce");
}
