/*
** The protection part of `shouhu demo` (issue #6): home visits to the
** children who need them, mandatory reports that became cases at every
** stage of the workflow (with referrals accepted, done and overdue,
** interventions and closures), and hotline calls, some of which became
** cases. Deterministic for a seed; dated in the weeks before today, so that
** some referrals are overdue and escalate. Nothing in it is real.
*/
#include <stdio.h>
#include <string.h>
#include "cli/protection_demo.h"
#include "domain/demo.h"
#include "store/store_accounts.h"
#include "store/store_protection.h"

enum { DEMO_VISITS = 300, DEMO_REPORTS = 90, DEMO_CALLS = 120, MAX_KIDS = 4000 };

typedef struct Kid {
    long long id;
    const char *area, *name;
} Kid;

typedef struct Demo {
    Store *s;
    Arena *a;
    uint64_t rng;
    Date today;
    ProtectionRules rules;
    Kid *kids;
    int n_kids;
    int n_home;               /* the first kids live in demo.village's village: its director sees work at once */
    int cases, visits, calls;
} Demo;

static uint64_t next(Demo *d) { return demo_splitmix(&d->rng); }

static int pick(Demo *d, int n) { return (int)(next(d) % (uint64_t)n); }
static bool chance(Demo *d, int percent) { return pick(d, 100) < percent; }

/* The code of a random entry of T. */
static const char *any_code(Demo *d, const CodeTable *t)
{
    int n = 0;
    while (t->entries[n].code) n++;
    return t->entries[pick(d, n)].code;
}

/* "YYYY-MM-DDTHH:MM:00+08:00" DAYS_AGO days before today at HOUR:MIN, in d->a. */
static const char *time_ago(Demo *d, int days_ago, int hour, int min)
{
    char day[11];
    date_format(date_from_days(date_to_days(d->today) - days_ago), day);
    return arena_printf(d->a, "%sT%02d:%02d:00+08:00", day, hour, min);
}

static int collect_kid(void *ctx, const VisitDue *v)
{
    Demo *d = ctx;
    if (d->n_kids < MAX_KIDS) d->kids[d->n_kids++] = (Kid){v->child_id, arena_strdup(d->a, v->area), arena_strdup(d->a, v->name)};
    return 0;
}

/* Puts the kids of village AREA first. */
static void home_first(Demo *d, const char *area)
{
    for (int i = 0; i < d->n_kids; i++)
        if (strcmp(d->kids[i].area, area) == 0) {
            Kid k = d->kids[d->n_home];
            d->kids[d->n_home++] = d->kids[i];
            d->kids[i] = k;
        }
}

static const char *const findings_ok[] = {"孩子在家，祖母照料，饮食起居正常", "已返校就读，成绩中等", "监护人按时联系，家中整洁",
                                          "父母每周视频通话，孩子情绪稳定"};
static const char *const findings_bad[] = {"孩子独自在家两天，无人做饭", "身上有淤青，说是摔的，神情紧张", "已一个月未上学",
                                           "监护人酗酒，家中无食物"};
static const char *const seen_texts[] = {"手臂多处淤青，自述被父亲殴打", "长期无人照料，在网吧过夜", "在车站附近乞讨，有成人在旁指挥",
                                         "疑似营养不良，衣着单薄", "头部外伤，家长说法前后不一"};

/* A case's later steps, as the city would take them, up to stage STAGE (0 reported ... 5 closed). */
static StoreRc advance(Demo *d, CaseRecord *c, int stage, int days_ago)
{
    static const char *const steps[] = {"assess", "plan", NULL, "review", "close"};
    StoreRc r = STORE_OK;
    int day = days_ago;
    for (int k = 1; k <= stage && r == STORE_OK; k++) {
        day = day > 1 ? day - 1 : day;
        const char *at = time_ago(d, day, 10 + k, 0);
        CaseStep st = {0};
        st.at = at;
        st.author = k == 1 ? "demo.town" : "demo.city";
        st.from_status = c->status;
        if (k == 3) {   /* services: a referral and, for guardians, an intervention */
            Referral ref = {0};
            ref.case_id = c->id;
            ref.kind = "referral";
            ref.unit = chance(d, 50) ? "education" : "women_federation";
            ref.status = stage > 3 ? "done" : "pending";
            ref.sent_at = at;
            ref.sent_by = "demo.city";
            ref.due = referral_due(date_from_days(date_to_days(d->today) - day), ref.unit, false, &d->rules);
            if (stage > 3) {
                ref.action = "已协助复学并安排家庭教育指导";
                ref.responded_at = at;
                ref.responded_by = "demo.partner";
            }
            r = store_referral_insert(d->s, &ref);
            if (r == STORE_OK && stage > 3) r = store_referral_save(d->s, &ref);
            st.step = "referral";
            st.unit = ref.unit;
            st.note = "转介协助";
            if (c->guardianship && strcmp(c->guardianship, "adequate") != 0 && r == STORE_OK) {
                Intervention i = {0, c->id, strcmp(c->guardianship, "unwilling") == 0 ? "admonition" : "family_support",
                                  date_from_days(date_to_days(d->today) - day), "监护人", "依法干预", NULL, at, "demo.city"};
                r = store_intervention_insert(d->s, &i);
            }
            c->status = "in_service";
        } else {
            st.step = steps[k - 1];
            Problems p;
            problems_init(&p, d->a);
            c->status = case_step_next(c->status, st.step, &p);
            if (k == 1) {
                c->risk = any_code(d, &CODES_RISK);
                c->guardianship = any_code(d, &CODES_GUARDIANSHIP);
                c->owner = "demo.town";
                c->first_action_at = at;
                long long t = 0;
                iso_time_parse(at, &t);
                c->first_action_seconds = t > c->received_unix ? t - c->received_unix : 0;
            }
            if (k == 5) c->outcome = chance(d, 80) ? "resolved" : "unfounded";
            st.note = k == 1 ? "入户核实" : k == 2 ? "制定帮扶方案" : k == 4 ? "回访：情况好转" : "结案";
        }
        st.to_status = c->status;
        if (r == STORE_OK) r = store_case_record(d->s, c, &st);
    }
    return r;
}

/* The police's answer to the report's referral of case C: accepted, done, or left pending (then overdue). */
static int answer_police(void *ctx, const Referral *ref)
{
    Demo *d = ctx;
    if (strcmp(ref->unit, "police") != 0 || chance(d, 35)) return 0;
    Referral r = *ref;
    r.status = chance(d, 60) ? "done" : "accepted";
    r.action = strcmp(r.status, "done") == 0 ? "已出警核查并对监护人训诫" : NULL;
    r.responded_at = r.sent_at;
    r.responded_by = "demo.partner";
    return store_referral_save(d->s, &r) != STORE_OK;
}

/* Opens a case from SOURCE about KID (or an unknown child in KID's village) of what was SEEN (NULL: any),
   received DAYS_AGO, advanced to STAGE. */
static StoreRc demo_case(Demo *d, const Kid *kid, bool known, const char *source, const char *seen, int days_ago,
                         int stage, CaseRecord *c)
{
    memset(c, 0, sizeof *c);
    c->source = source;
    c->area = kid->area;
    c->child_id = known ? kid->id : 0;
    if (!known) c->child_desc = "{\"name\":\"不详\",\"apparent_age\":8,\"description\":\"男孩，身穿蓝色外套\"}";
    const char *t1 = any_code(d, &CODES_TRIGGER), *t2 = any_code(d, &CODES_TRIGGER);
    c->triggers = strcmp(t1, t2) ? arena_printf(d->a, "[\"%s\",\"%s\"]", t1, t2) : arena_printf(d->a, "[\"%s\"]", t1);
    c->seen = seen ? seen : seen_texts[pick(d, 5)];
    c->reporter_name = strcmp(source, "visit") == 0 ? "村儿童主任" : chance(d, 50) ? "王老师" : "李医生";
    c->reporter_sector = strcmp(source, "visit") == 0 ? "village_committee" : any_code(d, &CODES_SECTOR);
    c->reporter_phone = "13800001111";
    c->via = strcmp(source, "report") == 0 ? "phone" : strcmp(source, "visit") == 0 ? "visit" : "phone";
    int hour = 8 + pick(d, 10);
    c->received_at = time_ago(d, days_ago, hour, pick(d, 60));
    c->created_at = time_ago(d, days_ago, hour + 1, 0);
    c->created_by = strcmp(source, "visit") == 0 ? "demo.village" : "demo.hotline";
    c->owner = c->created_by;
    Date day = date_from_days(date_to_days(d->today) - days_ago);
    StoreRc r = store_case_open(d->s, c, -1, NULL, &d->rules, day, answer_police, d, d->a);
    if (r == STORE_OK) r = advance(d, c, stage, days_ago);
    d->cases++;
    return r;
}

static StoreRc demo_visits(Demo *d)
{
    StoreRc r = STORE_OK;
    for (int i = 0; i < d->n_kids && i < DEMO_VISITS && r == STORE_OK; i++) {
        const Kid *k = &d->kids[i < d->n_home ? i : (i * 7919) % d->n_kids];
        Visit v = {0};
        v.child_id = k->id;
        v.area = k->area;
        int ago = 1 + pick(d, 100);
        v.visited_on = date_from_days(date_to_days(d->today) - ago);
        v.kind = any_code(d, &CODES_VISIT_KIND);
        int roll = pick(d, 100);
        v.care = roll < 70 ? "good" : roll < 92 ? "fair" : "poor";
        bool bad = strcmp(v.care, "poor") == 0;
        v.findings = bad ? findings_bad[pick(d, 4)] : findings_ok[pick(d, 4)];
        v.risk = bad ? "high" : "low";
        v.recorded_at = time_ago(d, ago, 16, 30);
        v.recorded_by = "demo.village";
        if (bad && chance(d, 60)) {
            CaseRecord c;
            r = demo_case(d, k, true, "visit", v.findings, ago, pick(d, 4), &c);
            v.case_id = c.id;
        }
        if (r == STORE_OK) r = store_visit_insert(d->s, &v);
        d->visits++;
    }
    return r;
}

static StoreRc demo_reports(Demo *d)
{
    static const int stages[] = {0, 0, 1, 1, 2, 3, 3, 4, 5, 5};
    StoreRc r = STORE_OK;
    for (int i = 0; i < DEMO_REPORTS && r == STORE_OK; i++) {
        const Kid *k = &d->kids[i < 8 && d->n_home ? i % d->n_home : pick(d, d->n_kids)];
        CaseRecord c;
        r = demo_case(d, k, chance(d, 75), "report", NULL, 2 + pick(d, 50), stages[pick(d, 10)], &c);
        if (r == STORE_OK && strcmp(c.status, "closed") == 0 && chance(d, 70)) {
            c.reporter_notified_at = time_ago(d, 1, 9, 30);
            c.reporter_notified_by = "demo.city";
            CaseStep st = {0, 0, c.reporter_notified_at, "demo.city", "reporter_notified", c.status, c.status,
                           "电话告知报告人处理结果", NULL, NULL};
            r = store_case_record(d->s, &c, &st);
        }
    }
    return r;
}

static StoreRc demo_calls(Demo *d)
{
    static const char *const questions[] = {"事实无人抚养儿童怎么申请", "孩子父母离异后无人照看", "想了解孤儿助学金",
                                            "邻居家孩子常被关在门外", "孩子情绪低落，想找人聊聊"};
    StoreRc r = STORE_OK;
    for (int i = 0; i < DEMO_CALLS && r == STORE_OK; i++) {
        const Kid *k = &d->kids[pick(d, d->n_kids)];
        int ago = 1 + pick(d, 60), hour = pick(d, 24), min = pick(d, 50);
        HotlineCall h = {0};
        h.received_at = time_ago(d, ago, hour, min);
        h.first_action_seconds = 60 + pick(d, 540);
        h.recorded_at = time_ago(d, ago, hour, min + (int)h.first_action_seconds / 60);
        h.caller_name = chance(d, 50) ? "李女士" : "张先生";
        h.caller_phone = "13900002222";
        h.area = k->area;
        h.asks = any_code(d, &CODES_INQUIRY);
        h.question = questions[pick(d, 5)];
        h.answer = "已解答并告知办理渠道";
        h.taken_by = "demo.hotline";
        if (strcmp(h.asks, "report_harm") == 0 && chance(d, 60)) {
            CaseRecord c;
            r = demo_case(d, k, false, "hotline", h.question, ago, pick(d, 3), &c);
            h.case_id = c.id;
        }
        if (r == STORE_OK) r = store_hotline_insert(d->s, &h);
        d->calls++;
    }
    return r;
}

bool protection_demo(Store *s, uint64_t seed, Date today, bool zh)
{
    Demo d = {.s = s, .a = arena_new(), .rng = seed ^ 0x5348554F48550006ULL, .today = today};
    d.kids = arena_alloc(d.a, MAX_KIDS * sizeof *d.kids);
    StoreRc r = store_protection_rules(s, &d.rules);
    if (r == STORE_OK) r = store_visits_due(s, &SCOPE_ALL, today, 0, &d.rules, collect_kid, &d, d.a);
    Account village;
    if (r == STORE_OK && store_account_get(s, &SCOPE_ALL, "demo.village", &village, d.a) == STORE_OK)
        home_first(&d, village.area);
    if (r == STORE_OK && d.n_kids == 0) {
        arena_free(d.a);
        return true;   /* no child needs protection work: nothing to show */
    }
    if (r == STORE_OK) r = store_begin(s);
    if (r == STORE_OK) {
        r = demo_visits(&d);
        if (r == STORE_OK) r = demo_reports(&d);
        if (r == STORE_OK) r = demo_calls(&d);
        if (r == STORE_OK) r = store_commit(s);
        else store_rollback(s);
    }
    if (r == STORE_OK)
        printf(zh ? "保护工作：%d次探访，%d个个案，%d通热线来电\n" : "protection: %d visits, %d cases, %d hotline calls\n",
               d.visits, d.cases, d.calls);
    else
        fprintf(stderr, "shouhu: the protection demo was not stored: %s\n", store_errmsg(s));
    arena_free(d.a);
    return r == STORE_OK;
}
