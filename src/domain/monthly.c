/*
** The monthly report's figures and rules (see monthly.h). Adding a figure is
** one row of MONTHLY_FIGURES and, in the store, the query of its group
** (store/sqlite_monthly.c, MONTHLY_SOURCES[]) setting it; a new group (visits,
** cases, referrals, the rescue centre) is a row of MONTHLY_GROUPS too.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/monthly.h"
#include "domain/protection.h"

const MonthlyGroup MONTHLY_GROUPS[] = {
    {"children", "在册儿童", "Children recorded"},
    {"categories", "儿童类别", "Children by category"},
    {"records", "台账变动", "Changes of the ledger"},
    {"allowances", "基本生活费发放", "Allowances paid"},
    {"activities", "宣传活动", "Activities and publicity"},
    {"visits", "走访探视", "Home visits"},
    {"cases", "个案办理", "Protection cases"},
    {"referrals", "转介处置", "Referrals"},
    {"rescue", "救助保护中心", "The rescue centre"},
    {NULL, NULL, NULL}};

#define PERSONS(code, zh, en, group) {code, zh, en, group, UNIT_PERSONS, ROLLUP_SUM}
#define CATEGORY(code, zh, en) PERSONS("category." code, zh, en, "categories")
#define COUNT(code, zh, en, group) {code, zh, en, group, UNIT_RECORDS, ROLLUP_SUM}
/* the referrals sent in the month to one unit of CODES_REFERRAL_UNIT */
#define UNIT_SENT(unit, zh, en) COUNT("referrals.sent." unit, "其中：转" zh, "of which to: " en, "referrals")
#define RESCUE(code, zh, en, unit) {code, zh, en, "rescue", unit, ROLLUP_OWN}

/* Each figure as of the month's last day, for the area and everything below it. */
const MonthlyFigure MONTHLY_FIGURES[] = {
    /* children recorded (在册): records created by the month's end and not ended by then */
    PERSONS("children.total", "在册儿童", "Children recorded", "children"),
    PERSONS("children.male", "其中：男", "of whom boys", "children"),
    PERSONS("children.female", "其中：女", "of whom girls", "children"),
    PERSONS("children.age_0_2", "0-2岁", "Aged 0-2", "children"),
    PERSONS("children.age_3_5", "3-5岁", "Aged 3-5", "children"),
    PERSONS("children.age_6_11", "6-11岁", "Aged 6-11", "children"),
    PERSONS("children.age_12_14", "12-14岁", "Aged 12-14", "children"),
    PERSONS("children.age_15_17", "15-17岁", "Aged 15-17", "children"),
    PERSONS("children.age_18_up", "18岁及以上（在校孤儿等）", "Aged 18 or more (orphans in school)", "children"),
    /* children recorded who hold the category (confirmed) on the month's last day */
    CATEGORY("orphan_institution", "机构集中养育孤儿", "Orphans in an institution"),
    CATEGORY("orphan_scattered", "社会散居孤儿", "Scattered orphans"),
    CATEGORY("de_facto_unsupported", "事实无人抚养儿童", "De facto unsupported children"),
    CATEGORY("hiv", "艾滋病病毒感染儿童", "HIV-infected children"),
    CATEGORY("difficulty_poverty", "困境儿童（家庭贫困）", "In difficulty: family poverty"),
    CATEGORY("difficulty_disability", "困境儿童（自身残疾）", "In difficulty: own disability"),
    CATEGORY("difficulty_guardianship", "困境儿童（监护缺失或不当）", "In difficulty: guardianship"),
    CATEGORY("left_behind", "农村留守儿童", "Rural left-behind children"),
    CATEGORY("migrant", "流动儿童", "Migrant children"),
    CATEGORY("dibao", "低保家庭儿童", "Children of dibao families"),
    CATEGORY("tekun", "特困供养儿童", "Extremely poor children (tekun)"),
    CATEGORY("street", "流浪未成年人", "Street children"),
    CATEGORY("non_registered", "非户籍儿童", "Non-registered children"),
    /* the month's changes, by the time each version was recorded */
    {"records.new", "本月新增档案", "Records added this month", "records", UNIT_RECORDS, ROLLUP_SUM},
    {"records.changed", "本月变更档案", "Records changed this month", "records", UNIT_RECORDS, ROLLUP_SUM},
    {"records.ended", "本月终止档案", "Records ended this month", "records", UNIT_RECORDS, ROLLUP_SUM},
    /* the lines of the month's locked (paid) payrolls */
    PERSONS("allowances.children", "本月发放人数", "Children paid this month", "allowances"),
    {"allowances.amount", "本月发放金额（元）", "Amount paid this month (yuan)", "allowances", UNIT_FEN, ROLLUP_SUM},
    /* the activities held in the month in the area and below it: a town's
       include its own (town-level data), so each level counts its own */
    {"activities.events", "本月开展活动（场）", "Activities held this month", "activities", UNIT_RECORDS, ROLLUP_OWN},
    {"activities.participants", "活动参与人次", "Participants in them", "activities", UNIT_PERSONS, ROLLUP_OWN},
    /* home visits, by the protection module's visit policy (visit_next_due):
       the children recorded at the month's end whose visit fell due by its
       last day (late ones included), those of them visited in the month, and
       every visit made in the month; a child is counted in its current village */
    PERSONS("visits.due", "本月应访儿童", "Children due a visit this month", "visits"),
    PERSONS("visits.covered", "其中：本月已访", "of whom visited this month", "visits"),
    COUNT("visits.done", "本月走访次数", "Visits made this month", "visits"),
    /* protection cases of the area: open at a time = received before it and
       its last status step before it is not "closed" */
    COUNT("cases.open_start", "月初在办个案", "Cases open at the month's start", "cases"),
    COUNT("cases.opened", "本月新立个案", "Cases opened this month", "cases"),
    COUNT("cases.reopened", "本月重启个案", "Cases reopened this month", "cases"),
    COUNT("cases.closed", "本月结案", "Cases closed this month", "cases"),
    COUNT("cases.open_end", "月末在办个案", "Cases open at the month's end", "cases"),
    COUNT("cases.overdue", "其中：有逾期转介的个案", "of which with an overdue referral", "cases"),
    /* referrals (not notices) of the area's cases: sent (and to which unit), answered in the month
       (a unit's last answer) on or before the due day or late, and those open
       past their due day at the month's end */
    COUNT("referrals.sent", "本月发出转介", "Referrals sent this month", "referrals"),
    UNIT_SENT("police", "公安机关", "Police"),
    UNIT_SENT("procuratorate", "检察院", "Procuratorate"),
    UNIT_SENT("court", "法院", "Court"),
    UNIT_SENT("education", "教育部门", "Education"),
    UNIT_SENT("health", "卫生健康部门", "Health"),
    UNIT_SENT("women_federation", "妇联", "Women's federation"),
    UNIT_SENT("civil_affairs", "民政部门", "Civil affairs"),
    UNIT_SENT("social_work", "社会工作服务机构", "Social-work organisation"),
    UNIT_SENT("youth_league", "共青团", "Communist Youth League"),
    UNIT_SENT("disabled_federation", "残联", "Disabled persons' federation"),
    UNIT_SENT("justice", "司法行政部门", "Justice"),
    UNIT_SENT("human_resources", "人力资源社会保障部门", "Human resources and social security"),
    UNIT_SENT("other", "其他成员单位", "Other member unit"),
    COUNT("referrals.answered", "本月答复转介", "Referrals answered this month", "referrals"),
    COUNT("referrals.on_time", "其中：按期答复", "of which on time", "referrals"),
    COUNT("referrals.late", "其中：逾期答复", "of which late", "referrals"),
    COUNT("referrals.overdue", "月末逾期未办结转介", "Referrals overdue at the month's end", "referrals"),
    /* the rescue centre (rescue_month_figures): its unidentified children
       belong to the city, known ones to their village, so each level counts
       its own area and below */
    RESCUE("rescue.admissions", "本月入站", "Admissions this month", UNIT_PERSONS),
    RESCUE("rescue.discharges", "本月离站", "Discharges this month", UNIT_PERSONS),
    RESCUE("rescue.discharge.family_collected", "其中：家属接领", "of whom collected by family", UNIT_PERSONS),
    RESCUE("rescue.discharge.escorted_home", "其中：护送返乡", "of whom escorted home", UNIT_PERSONS),
    RESCUE("rescue.discharge.transferred", "其中：转送其他机构", "of whom transferred", UNIT_PERSONS),
    RESCUE("rescue.discharge.foster_care", "其中：家庭寄养", "of whom placed in foster care", UNIT_PERSONS),
    RESCUE("rescue.discharge.adopted", "其中：被收养", "of whom adopted", UNIT_PERSONS),
    RESCUE("rescue.stay_days", "离站儿童在站天数", "Days in care of those discharged", UNIT_DAYS),
    RESCUE("rescue.present", "月末在站儿童", "Children in care at the month's end", UNIT_PERSONS),
    RESCUE("rescue.stranded", "其中：滞留三个月以上", "of whom in care 3 months or more", UNIT_PERSONS),
    RESCUE("rescue.retention", "滞留率", "Retention rate", UNIT_PERMILLE),
    {NULL, NULL, NULL, NULL, UNIT_PERSONS, ROLLUP_SUM}};

int monthly_count(void)
{
    static int n = -1;
    if (n < 0) {
        int i = 0;
        while (MONTHLY_FIGURES[i].code) i++;
        if (i > MONTHLY_MAX) abort();   /* MONTHLY_MAX must grow with the table */
        n = i;
    }
    return n;
}

int monthly_group_count(void)
{
    int i = 0;
    while (MONTHLY_GROUPS[i].code) i++;
    return i;
}

int monthly_index(const char *code)
{
    for (int i = 0; code && MONTHLY_FIGURES[i].code; i++)
        if (strcmp(MONTHLY_FIGURES[i].code, code) == 0) return i;
    return -1;
}

const MonthlyFigure *monthly_figure(const char *code)
{
    int i = monthly_index(code);
    return i < 0 ? NULL : &MONTHLY_FIGURES[i];
}

/* The index of CODE, which the program names itself: an unknown one is a bug. */
static int known_index(const char *code)
{
    int i = monthly_index(code);
    if (i < 0) {
        fprintf(stderr, "shouhu: no monthly figure %s\n", code);
        abort();
    }
    return i;
}

void monthly_set(MonthlyValues *x, const char *code, long long value) { x->v[known_index(code)] = value; }
void monthly_add_to(MonthlyValues *x, const char *code, long long value) { x->v[known_index(code)] += value; }
long long monthly_get(const MonthlyValues *x, const char *code) { return x->v[known_index(code)]; }

const char *monthly_title(const MonthlyFigure *f, Lang lang) { return lang == LANG_EN ? f->en : f->zh; }

const char *monthly_age_band(int age)
{
    if (age <= 2) return "children.age_0_2";
    if (age <= 5) return "children.age_3_5";
    if (age <= 11) return "children.age_6_11";
    if (age <= 14) return "children.age_12_14";
    if (age <= 17) return "children.age_15_17";
    return "children.age_18_up";
}

/* ---- protection and the rescue centre ---- */

void monthly_add_visit_child(MonthlyValues *x, const MonthlyVisitChild *c, Date last)
{
    Date due = visit_next_due(c->last, c->since, c->months);
    if (!date_is_set(due) || date_cmp(due, last) > 0) return;
    monthly_add_to(x, "visits.due", 1);
    if (c->visited) monthly_add_to(x, "visits.covered", 1);
}

const char *monthly_referral_timeliness(Date due, Date answered)
{
    return date_cmp(answered, due) <= 0 ? "referrals.on_time" : "referrals.late";
}

void monthly_set_rescue(MonthlyValues *x, const RescueMonth *rm)
{
    monthly_set(x, "rescue.admissions", rm->admissions);
    monthly_set(x, "rescue.discharges", rm->discharges);
    monthly_set(x, "rescue.stay_days", rm->stay_days_total);
    monthly_set(x, "rescue.present", rm->present);
    monthly_set(x, "rescue.stranded", rm->stranded);
    monthly_set(x, "rescue.retention", rm->retention_permille < 0 ? 0 : rm->retention_permille);
}

void monthly_add(MonthlyValues *sum, const MonthlyValues *x)
{
    for (int i = 0; i < monthly_count(); i++)
        if (MONTHLY_FIGURES[i].rollup == ROLLUP_SUM) sum->v[i] += x->v[i];
}

json_t *monthly_to_json(const MonthlyValues *x)
{
    json_t *j = json_object();
    for (int i = 0; i < monthly_count(); i++)
        json_object_set_new(j, MONTHLY_FIGURES[i].code, json_integer((json_int_t)x->v[i]));
    return j;
}

bool monthly_from_json(const json_t *j, MonthlyValues *out)
{
    memset(out, 0, sizeof *out);
    if (!json_is_object(j)) return false;
    for (int i = 0; i < monthly_count(); i++)
        out->v[i] = (long long)json_integer_value(json_object_get(j, MONTHLY_FIGURES[i].code));
    return true;
}

/* ---- cross-checks (表间勾稽关系) ---- */

/* A relation between figures: LHS = (or <=) the sum of RHS, a term with a
   leading '-' subtracted, a term ending with '.' standing for every figure
   whose code begins with it (the parts of a total: by unit, by kind). */
typedef struct Relation {
    const char *lhs;
    bool at_most;
    const char *rhs[8];
} Relation;

static const Relation RELATIONS[] = {
    {"visits.covered", true, {"visits.due"}},
    {"visits.covered", true, {"visits.done"}},
    {"cases.open_end", false, {"cases.open_start", "cases.opened", "cases.reopened", "-cases.closed"}},
    {"cases.overdue", true, {"cases.open_end"}},
    {"referrals.answered", false, {"referrals.on_time", "referrals.late"}},
    {"referrals.sent", false, {"referrals.sent."}},
    {"rescue.discharges", false, {"rescue.discharge."}},
    {"rescue.stranded", true, {"rescue.present"}},
};

/* The sum of the figures whose code begins with PREFIX. */
static long long sum_of_prefix(const MonthlyValues *x, const char *prefix)
{
    long long sum = 0;
    for (int i = 0; i < monthly_count(); i++)
        if (strncmp(MONTHLY_FIGURES[i].code, prefix, strlen(prefix)) == 0) sum += x->v[i];
    return sum;
}

/* Adds the problem "monthly_relation" when R does not hold for X. */
static void check_relation(const MonthlyValues *x, const Relation *r, Problems *p)
{
    long long lhs = monthly_get(x, r->lhs), rhs = 0;
    char *zh = "", *en = "";
    for (int i = 0; i < 8 && r->rhs[i]; i++) {
        bool minus = r->rhs[i][0] == '-';
        const char *code = r->rhs[i] + minus;
        size_t n = strlen(code);
        bool parts = code[n - 1] == '.';
        long long v = parts ? sum_of_prefix(x, code) : monthly_get(x, code);
        rhs += minus ? -v : v;
        const char *tzh = parts ? "其分项之和" : monthly_figure(code)->zh;
        const char *ten = parts ? "the sum of its parts" : monthly_figure(code)->en;
        zh = arena_printf(p->arena, "%s%s%s", zh, i ? (minus ? "减" : "加") : "", tzh);
        en = arena_printf(p->arena, "%s%s%s", en, i ? (minus ? " less " : " plus ") : "", ten);
    }
    if (r->at_most ? lhs <= rhs : lhs == rhs) return;
    const MonthlyFigure *f = monthly_figure(r->lhs);
    problems_add_texts(p, f->code, "monthly_relation",
                       arena_printf(p->arena, "%s为%lld，应%s%s（%lld）：请核对相关记录", f->zh, lhs,
                                    r->at_most ? "不大于" : "等于", zh, rhs),
                       arena_printf(p->arena, "%s is %lld, and should be %s%s (%lld): check the records concerned",
                                    f->en, lhs, r->at_most ? "at most " : "", en, rhs));
}

/* The retention rate must be stranded / present (0 when no one is present). */
static void check_retention(const MonthlyValues *x, Problems *p)
{
    long long present = monthly_get(x, "rescue.present"), stranded = monthly_get(x, "rescue.stranded");
    long long rate = present > 0 ? (stranded * 1000 + present / 2) / present : 0;
    long long got = monthly_get(x, "rescue.retention");
    if (got == rate) return;
    problems_add_texts(p, "rescue.retention", "monthly_relation",
                       arena_printf(p->arena, "滞留率为%lld‰，按滞留%lld人、在站%lld人应为%lld‰：请重新生成月报", got,
                                    stranded, present, rate),
                       arena_printf(p->arena, "the retention rate is %lld‰, and with %lld stranded of %lld present "
                                              "should be %lld‰: generate the report again", got, stranded, present, rate));
}

int monthly_check(const MonthlyValues *x, long long prev_total, Problems *p)
{
    size_t before = p->count;
    long long total = monthly_get(x, "children.total");
    long long male = monthly_get(x, "children.male"), female = monthly_get(x, "children.female");
    if (male + female != total) problems_add(p, "children.total", "monthly_sex_sum", male, female, total);

    long long bands = 0;
    for (int i = 0; i < monthly_count(); i++)
        if (strncmp(MONTHLY_FIGURES[i].code, "children.age_", 13) == 0) bands += x->v[i];
    if (bands != total) problems_add(p, "children.total", "monthly_age_sum", bands, total);

    for (int i = 0; i < monthly_count(); i++) {
        const MonthlyFigure *f = &MONTHLY_FIGURES[i];
        if (strcmp(f->group, "categories") == 0 && x->v[i] > total) {
            char *zh = arena_printf(p->arena, "%s%lld人，多于在册儿童%lld人：请核对该类别的起止日期和状态", f->zh,
                                    x->v[i], total);
            char *en = arena_printf(p->arena, "%s: %lld, more than the children recorded (%lld): check the "
                                              "category's dates and status", f->en, x->v[i], total);
            problems_add_texts(p, f->code, "monthly_category_exceeds", zh, en);
        }
        if (x->v[i] < 0) {
            char *zh = arena_printf(p->arena, "%s为负数（%lld）", f->zh, x->v[i]);
            char *en = arena_printf(p->arena, "%s is negative (%lld)", f->en, x->v[i]);
            problems_add_texts(p, f->code, "monthly_negative", zh, en);
        }
    }

    long long ended = monthly_get(x, "records.ended"), added = monthly_get(x, "records.new");
    if (ended > prev_total + added) problems_add(p, "records.ended", "monthly_ended_exceeds", ended, prev_total, added);
    for (size_t i = 0; i < sizeof RELATIONS / sizeof *RELATIONS; i++) check_relation(x, &RELATIONS[i], p);
    check_retention(x, p);
    return (int)(p->count - before);
}

int monthly_diff(const MonthlyValues *was, const MonthlyValues *now, MonthlyDiffFn fn, void *ctx)
{
    int n = 0;
    for (int i = 0; i < monthly_count(); i++) {
        if (was->v[i] == now->v[i]) continue;
        n++;
        if (fn) fn(ctx, &MONTHLY_FIGURES[i], was->v[i], now->v[i]);
    }
    return n;
}

/* ---- the area tree and who acts ---- */

static bool all_zero(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] != '0') return false;
    return true;
}

int monthly_area_level(const char *code)
{
    if (!code || strlen(code) != 12) return 0;
    if (!all_zero(code + 9, 3)) return 3;
    if (!all_zero(code + 6, 3)) return 2;
    return 1;
}

bool monthly_area_parent(const char *code, char out[13])
{
    int level = monthly_area_level(code);
    if (level < 2) return false;
    snprintf(out, 13, level == 3 ? "%.9s000" : "%.6s000000", code);
    return true;
}

bool monthly_may_submit(const char *actor_area, const char *report_area)
{
    return actor_area && report_area && strcmp(actor_area, report_area) == 0;
}

bool monthly_may_review(const char *actor_area, const char *report_area)
{
    char parent[13];
    return actor_area && monthly_area_parent(report_area, parent) && strcmp(parent, actor_area) == 0;
}
