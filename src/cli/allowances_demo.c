/*
** The allowances part of `shouhu demo` (demo_parts.h): category
** applications of the demo town at every step of the procedure (applied,
** verified, confirmed, refused; some steps late against the working-day
** limits), the town's payrolls of the last three months approved, paid and
** locked, with a draft for this month, other help given to children
** (education, temporary, medical), and the adult orphans' settlements since
** 2013 in the towns' turn with two recent ones. Everything goes through the
** functions the API uses, with the demo accounts as the actors.
*/
#include <string.h>
#include "cli/demo_parts.h"
#include "domain/eligibility.h"
#include "store/store_allowances.h"

enum { APPLICATION_ROUNDS = 3, CANDIDATES = 400, HOME_FIRST = 3, AID_CITY = 120, AID_AT_LEAST = 12 };

/* The shapes of an application: applied so many days ago, then what the
   town and the city did. */
typedef enum Did { NOT_YET, ON_TIME, LATE, REFUSED } Did;
typedef struct Shape {
    int applied_ago;
    Did verify, confirm;
} Shape;
static const Shape SHAPES[] = {
    {2, NOT_YET, NOT_YET},   /* just applied */
    {40, NOT_YET, NOT_YET},  /* the town's verification is overdue */
    {18, ON_TIME, NOT_YET},  /* verified, the city has time */
    {75, LATE, NOT_YET},     /* verified late, the city's confirmation overdue */
    {90, ON_TIME, ON_TIME},  /* confirmed */
    {120, LATE, LATE},       /* confirmed, both steps late */
    {60, REFUSED, NOT_YET},  /* the town found the facts do not hold */
    {100, ON_TIME, REFUSED}, /* the city refused */
};
enum { N_SHAPES = sizeof SHAPES / sizeof *SHAPES };

typedef struct Allow {
    DemoPart *d;
    AllowanceRules rules;
    WorkCalendar cal;
    const char *town, *village;   /* the demo accounts' areas */
    DemoTally *t;
} Allow;

/* The day of a step after PREVIOUS: a few days later when on time, a week
   after its due day when late; never after today. */
static Date step_day(Allow *x, FlowStep step, Date previous, Did did)
{
    Date day = did == LATE ? date_from_days(date_to_days(flow_due(step, previous, &x->rules, &x->cal)) + 8)
                           : date_from_days(date_to_days(previous) + 4);
    return date_cmp(day, x->d->today) > 0 ? x->d->today : day;
}

/* The town's or the city's decision on application ID. */
static StoreRc decide(Allow *x, FlowStep step, long long id, Did did, Date on, const char *reason)
{
    FlowAction act = {.step = step,
                      .application_id = id,
                      .approve = did != REFUSED,
                      .reason = did == REFUSED ? reason : NULL,
                      .on = on,
                      .account = step == FLOW_VERIFY ? "demo.town" : "demo.city",
                      .today = x->d->today,
                      .change = &x->d->change};
    long long same;
    return store_flow_act(x->d->s, &act, &x->rules, &x->cal, &same, &x->d->p);
}

/* One application for KID in the shape SH, with the rules' advice kept. */
static StoreRc one_application(Allow *x, const DemoKid *kid, const Shape *sh, const char *category)
{
    DemoPart *d = x->d;
    Date applied = demo_days_ago(d, sh->applied_ago);
    Child c;
    StoreRc r = store_child_get(d->s, &SCOPE_ALL, kid->id, &c, d->a);
    if (r != STORE_OK) return r;
    EligibilityResult res;
    eligibility_evaluate(&c, applied, &x->rules.eligibility, &res, d->a);
    const Judgement *j = eligibility_find(&res, category);
    bool home = x->village && strcmp(kid->area, x->village) == 0;
    FlowAction act = {.step = FLOW_APPLY,
                      .child_id = kid->id,
                      .category = category,
                      .applicant = home ? "village" : "guardian",
                      .advice = j ? j->reason[LANG_ZH] : NULL,
                      .on = applied,
                      .account = home ? "demo.village" : "demo.town",
                      .today = d->today,
                      .change = &d->change};
    long long id = 0;
    r = store_flow_act(d->s, &act, &x->rules, &x->cal, &id, &d->p);
    x->t->applications++;
    if (r != STORE_OK || sh->verify == NOT_YET) {
        x->t->applied++;
        return r;
    }
    Date verified = step_day(x, FLOW_VERIFY, applied, sh->verify);
    r = decide(x, FLOW_VERIFY, id, sh->verify, verified, "经入户查验，父母一方能正常履行抚养义务，不符合认定条件");
    if (r != STORE_OK || sh->verify == REFUSED) {
        x->t->refused++;
        return r;
    }
    if (sh->confirm == NOT_YET) {
        x->t->verified++;
        return r;
    }
    Date confirmed = step_day(x, FLOW_CONFIRM, verified, sh->confirm);
    r = decide(x, FLOW_CONFIRM, id, sh->confirm, confirmed, "家庭收入经核对高于认定标准，不予认定");
    if (sh->confirm == REFUSED) x->t->refused++;
    else x->t->confirmed++;
    return r;
}

/* Children of the demo town with no category, those of the demo village first. */
static StoreRc town_candidates(Allow *x, DemoKid **out, int *n)
{
    ChildFilter f = {.scope = {area_prefix_of(x->d->a, x->town)}};
    DemoKid *kids;
    int got;
    StoreRc r = demo_kids(x->d, &f, CANDIDATES, &kids, &got);
    DemoKid *keep = arena_alloc(x->d->a, (size_t)(got ? got : 1) * sizeof *keep);
    int k = 0, home = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < got; i++) {
            bool in_home = x->village && strcmp(kids[i].area, x->village) == 0;
            if (kids[i].n_categories || date_age_on(kids[i].birth, x->d->today) >= 16) continue;
            if (pass == 0 && in_home && home < HOME_FIRST) {
                keep[k++] = kids[i];
                kids[i].n_categories = -1;   /* taken */
                home++;
            } else if (pass == 1 && kids[i].n_categories == 0) {
                keep[k++] = kids[i];
            }
        }
    *out = keep;
    *n = k;
    return r;
}

static StoreRc applications(Allow *x)
{
    static const char *const granted[] = {"difficulty_poverty", "dibao", "difficulty_guardianship"};
    DemoKid *kids;
    int n;
    StoreRc r = town_candidates(x, &kids, &n);
    for (int i = 0; i < n && i < APPLICATION_ROUNDS * N_SHAPES && r == STORE_OK; i++) {
        const Shape *sh = &SHAPES[i % N_SHAPES];
        bool refused = sh->verify == REFUSED || sh->confirm == REFUSED;
        r = one_application(x, &kids[i], sh, refused ? "de_facto_unsupported" : granted[i % 3]);
    }
    return r;
}

/* The town's payroll of month M; approved by the city and locked when LOCK. */
static StoreRc payroll_month(Allow *x, const Standards *standards, Month m, bool lock)
{
    DemoPart *d = x->d;
    PayrollGenerate g = {m, x->town, d->today, &x->rules, standards, &d->change, NULL, NULL};
    Payroll pr;
    StoreRc r = store_payroll_generate(d->s, &g, &pr, &d->p, d->a);
    if (r == STORE_OK) r = store_allowance_rules(d->s, &x->rules);   /* the first sets payroll.start_month */
    if (r != STORE_OK || !pr.id) return r;
    if (!lock) {
        x->t->payrolls_draft++;
        return STORE_OK;
    }
    Date first = month_first_day(m);
    Date submitted = date_from_days(date_to_days(first) + 4), approved = date_from_days(date_to_days(first) + 7),
         paid = date_from_days(date_to_days(first) + 14);
    PayrollStepArgs args = {pr.id, x->town, "demo.town", NULL, DATE_NONE, demo_time(d, submitted, 16, 20)};
    r = store_payroll_submit(d->s, &args, &d->p);
    args.account = "demo.city";
    args.at = demo_time(d, approved, 10, 5);
    if (r == STORE_OK) r = store_payroll_approve(d->s, &args, &d->p);
    args.paid_on = date_cmp(paid, d->today) > 0 ? d->today : paid;
    args.at = demo_time(d, args.paid_on, 17, 0);
    if (r == STORE_OK) r = store_payroll_lock(d->s, &args, &d->p);
    if (r == STORE_OK) x->t->payrolls_locked++;
    return r;
}

static StoreRc payrolls(Allow *x)
{
    Standards standards;
    StoreRc r = store_standards(x->d->s, &standards, x->d->a);
    Month now = month_of(x->d->today);
    for (int back = 3; back >= 0 && r == STORE_OK; back--) r = payroll_month(x, &standards, now - back, back > 0);
    return r;
}

/* ---- other help ---- */

/* The education funding of a child aged AGE, or NULL below school age. */
static const char *education_kind(int age, Fen *amount)
{
    if (age < 3) return NULL;
    *amount = age < 6 ? 150000 : age < 15 ? 125000 : 250000;
    return age < 6 ? "edu_preschool" : age < 15 ? "edu_compulsory" : "edu_high_school";
}

static StoreRc one_aid(Allow *x, const DemoKid *kid, int kind)
{
    DemoPart *d = x->d;
    Aid aid = {0};
    aid.child_id = kid->id;
    aid.given_on = demo_days_ago(d, 10 + demo_pick(d, 320));
    if (date_cmp(aid.given_on, kid->birth) <= 0) aid.given_on = d->today;
    int age = date_age_on(kid->birth, aid.given_on);
    if (kind == 0) aid.kind = education_kind(age, &aid.amount);
    if (aid.kind) {
        aid.school_year = aid.given_on.m >= 9 ? aid.given_on.y : aid.given_on.y - 1;
        aid.note = "按学段发放";
    } else if (kind == 2) {
        aid.kind = "medical";
        aid.expense = (Fen)(8000 + demo_pick(d, 52000)) * 100;
        aid.amount = aid.expense / 2 / 100 * 100;
        aid.note = "住院治疗，按比例救助";
    } else {
        aid.kind = "temporary";
        aid.amount = (Fen)(5 + demo_pick(d, 26)) * 10000;
        aid.note = demo_chance(d, 50) ? "家庭突发变故，临时生活困难" : "监护人重病住院，临时生活救助";
    }
    aid.recorded_at = demo_time(d, aid.given_on, 15, 10);
    aid.recorded_by = "demo.town";
    x->t->aid++;
    return store_aid_add(d->s, &aid, &x->rules, &d->p);
}

/* Education for scattered orphans, temporary help in difficulty, medical help for 低保 families. */
static StoreRc other_help(Allow *x)
{
    static const char *const categories[] = {"orphan_scattered", "difficulty_poverty", "dibao"};
    int want = (int)demo_scale(AID_CITY, x->d->minors);
    if (want < AID_AT_LEAST) want = AID_AT_LEAST;
    StoreRc r = STORE_OK;
    for (int k = 0; k < 3 && r == STORE_OK; k++) {
        ChildFilter f = {.scope = SCOPE_ALL, .category = categories[k]};
        DemoKid *kids;
        int n;
        r = demo_kids(x->d, &f, want / 3 + 1, &kids, &n);
        for (int i = 0; i < n && r == STORE_OK; i++) r = one_aid(x, &kids[i], k);
    }
    return r;
}

/* ---- adult orphans ---- */

StoreRc adult_orphan_demo_history(Store *s, const AllowanceRules *rules, const char *at, const char *by, Problems *p,
                                  Arena *a)
{
    RotationTown *towns;
    int n;
    const char *last;
    StoreRc r = store_rotation(s, &towns, &n, &last, a);
    if (r != STORE_OK) return r;
    if (last || n == 0) return STORE_CONFLICT;
    /* from March 2013 to the end of 2022, the towns in turn, each paid a month later */
    long first = date_to_days((Date){2013, 3, 15}), span = date_to_days((Date){2022, 12, 15}) - first;
    for (int i = 0; i < ADULT_ORPHAN_DEMO_HISTORY && r == STORE_OK; i++) {
        Settlement st = {.history = true, .demo = true};
        st.name = arena_printf(a, "演示人员%02d", i + 1);
        st.town = towns[i % n].code;
        st.settled_on = date_from_days(first + span * i / (ADULT_ORPHAN_DEMO_HISTORY - 1));
        st.paid_on = date_from_days(date_to_days(st.settled_on) + 30);
        st.note = "演示数据，非真实记录";
        st.recorded_at = at;
        st.recorded_by = by;
        r = store_settlement_add(s, &st, rules, p);
    }
    return r;
}

/* The history, then two settlements of the last year by the towns whose turn it was (the later not paid yet). */
static StoreRc settlements(Allow *x)
{
    DemoPart *d = x->d;
    StoreRc r = adult_orphan_demo_history(d->s, &x->rules, d->at, "demo", &d->p, d->a);
    if (r == STORE_CONFLICT) return STORE_OK;   /* no town takes turns */
    x->t->settlements += ADULT_ORPHAN_DEMO_HISTORY;
    static const int ago[] = {200, 25};
    for (int i = 0; i < 2 && r == STORE_OK; i++) {
        RotationTown *towns;
        int n;
        const char *last;
        r = store_rotation(d->s, &towns, &n, &last, d->a);
        if (r != STORE_OK) return r;
        Settlement st = {.demo = true};
        st.name = arena_printf(d->a, "演示人员%02d", ADULT_ORPHAN_DEMO_HISTORY + i + 1);
        st.town = st.proposed_town = towns[rotation_next(towns, n, last)].code;
        st.settled_on = demo_days_ago(d, ago[i]);
        st.paid_on = i == 0 ? demo_days_ago(d, ago[i] - 30) : DATE_NONE;
        st.note = "演示数据：年满18周岁离开福利中心，由轮值镇街安置";
        st.recorded_at = demo_time(d, st.settled_on, 11, 0);
        st.recorded_by = "demo.city";
        r = store_settlement_add(d->s, &st, &x->rules, &d->p);
        x->t->settlements++;
    }
    return r;
}

bool allowances_demo(Store *s, uint64_t seed, Date today, long minors, DemoTally *t)
{
    DemoPart d;
    if (!demo_part_begin(&d, s, seed, 0x414C4C4F57000003ULL, today, minors)) return false;
    Allow x = {.d = &d, .t = t};
    StoreRc r = store_allowance_rules(s, &x.rules);
    if (r == STORE_OK) r = store_work_calendar(s, &x.cal, d.a);
    x.town = demo_account_area(&d, "demo.town");
    x.village = demo_account_area(&d, "demo.village");
    if (r == STORE_OK && x.town) r = applications(&x);
    if (r == STORE_OK && x.town) r = payrolls(&x);
    if (r == STORE_OK) r = other_help(&x);
    if (r == STORE_OK) r = settlements(&x);
    return demo_part_end(&d, r, "allowances");
}
