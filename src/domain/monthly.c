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

const MonthlyGroup MONTHLY_GROUPS[] = {
    {"children", "在册儿童", "Children recorded"},
    {"categories", "儿童类别", "Children by category"},
    {"records", "台账变动", "Changes of the ledger"},
    {"allowances", "基本生活费发放", "Allowances paid"},
    {"activities", "宣传活动", "Activities and publicity"},
    {NULL, NULL, NULL}};

#define PERSONS(code, zh, en, group) {code, zh, en, group, UNIT_PERSONS, ROLLUP_SUM}
#define CATEGORY(code, zh, en) PERSONS("category." code, zh, en, "categories")

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
