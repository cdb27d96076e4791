/*
** Allowance settings, standards and what a child is due (see allowance.h
** for the rules as implemented).
*/
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "domain/allowance.h"
#include "domain/codes.h"

const AllowanceRules ALLOWANCE_RULES_DEFAULT = {
    .first_month = FIRST_AFTER_CONFIRMATION,
    .last_month = LAST_MONTH_AFTER_END,
    .difference = false,
    .eligibility = {.adults_in_school_keep = true, .threshold_months = 6},
    .verify_workdays = 15,  /* 民发〔2019〕62号: the town verifies within 15 working days */
    .confirm_workdays = 15, /* and the county-level civil affairs confirms within 15 */
    .payroll_start = MONTH_NONE,
    .study_grant = 1000000,           /* 10,000 yuan a school year (福彩圆梦·孤儿助学工程) */
    .dibao_deductible = 400000,       /* 4,000 yuan (the seed) */
    .adult_orphan_subsidy = 13000000, /* 130,000 yuan (the seed) */
};

/* ---- settings ---- */

typedef enum SettingKind { SK_CHOICE, SK_BOOL, SK_INT, SK_MONEY, SK_MONTH } SettingKind;

const SettingInfo ALLOWANCE_SETTINGS[] = {
    {"allowance.first_month", "首月发放：确认次月起（after_confirmation）或确认当月起（confirmation_month）",
     "first paid month: the month after confirmation, or the month of confirmation",
     "after_confirmation|confirmation_month"},
    {"allowance.stop_from", "停发：资格终止次月起（month_after_end）或终止当月起（end_month）",
     "payment stops from the month after eligibility ends, or from the month it ends", "month_after_end|end_month"},
    {"allowance.difference", "低保、特困儿童按差额发放事实无人抚养儿童基本生活费（on/off）",
     "de facto unsupported children on 低保/特困 are paid the difference (on/off)", "on|off"},
    {"allowance.dibao_monthly", "差额计算用：低保儿童每月已领金额（元）",
     "for the difference: what a 低保 child gets a month (yuan)", NULL},
    {"allowance.tekun_monthly", "差额计算用：特困儿童每月已领金额（元）",
     "for the difference: what a 特困 child gets a month (yuan)", NULL},
    {"allowance.adults_in_school", "孤儿、事实无人抚养儿童年满18周岁后在全日制学校就读的继续保障（on/off）",
     "orphans and de facto unsupported children 18 or older in full-time schooling keep the allowance (on/off)",
     "on|off"},
    {"allowance.threshold_months", "服刑、失联等情形须满的月数",
     "months a deprivation of liberty or lost contact must reach", NULL},
    {"allowance.verify_workdays", "镇街查验时限（工作日，自申请之日起）",
     "working days the town has to verify, from the application", NULL},
    {"allowance.confirm_workdays", "市（区）确认时限（工作日，自查验之日起）",
     "working days the city has to confirm, from the verification", NULL},
    {"payroll.start_month", "系统发放的首个月份（此前月份视为已在系统外发放，不补发）",
     "the first month Shouhu pays (earlier months were paid outside it and are not paid back)", NULL},
    {"aid.study_grant", "孤儿助学（年满18周岁在读）每学年金额（元）",
     "study grant for orphans 18+ in full-time study, per school year (yuan)", NULL},
    {"aid.dibao_deductible", "低保对象大病保险起付标准（元）",
     "serious-illness insurance deductible for 低保 members (yuan)", NULL},
    {"adult_orphans.subsidy", "成年孤儿安置一次性补助（元）", "one-time subsidy for settling an adult orphan (yuan)",
     NULL},
    {NULL, NULL, NULL, NULL}};

typedef struct SettingSlot {
    SettingKind kind;
    size_t offset;
    int min, max; /* SK_INT */
} SettingSlot;

/* Where each setting of ALLOWANCE_SETTINGS lives in AllowanceRules, in the same order. */
static const SettingSlot slots[] = {
    {SK_CHOICE, offsetof(AllowanceRules, first_month), 0, 0},
    {SK_CHOICE, offsetof(AllowanceRules, last_month), 0, 0},
    {SK_BOOL, offsetof(AllowanceRules, difference), 0, 0},
    {SK_MONEY, offsetof(AllowanceRules, dibao_monthly), 0, 0},
    {SK_MONEY, offsetof(AllowanceRules, tekun_monthly), 0, 0},
    {SK_BOOL, offsetof(AllowanceRules, eligibility.adults_in_school_keep), 0, 0},
    {SK_INT, offsetof(AllowanceRules, eligibility.threshold_months), 1, 24},
    {SK_INT, offsetof(AllowanceRules, verify_workdays), 1, 120},
    {SK_INT, offsetof(AllowanceRules, confirm_workdays), 1, 120},
    {SK_MONTH, offsetof(AllowanceRules, payroll_start), 0, 0},
    {SK_MONEY, offsetof(AllowanceRules, study_grant), 0, 0},
    {SK_MONEY, offsetof(AllowanceRules, dibao_deductible), 0, 0},
    {SK_MONEY, offsetof(AllowanceRules, adult_orphan_subsidy), 0, 0},
};

static int setting_index(const char *key)
{
    for (int i = 0; ALLOWANCE_SETTINGS[i].key; i++)
        if (strcmp(ALLOWANCE_SETTINGS[i].key, key) == 0) return i;
    return -1;
}

/* The position of WORD in the "|"-separated CHOICES, or -1. */
static int choice_index(const char *choices, const char *word)
{
    size_t n = strlen(word);
    int i = 0;
    for (const char *p = choices; p; i++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0) return i;
        p = bar ? bar + 1 : NULL;
    }
    return -1;
}

bool allowance_rules_set(AllowanceRules *r, const char *key, const char *value, Problems *p)
{
    int i = setting_index(key);
    if (i < 0) {
        problems_add(p, key, "unknown_setting", key);
        return false;
    }
    const SettingInfo *info = &ALLOWANCE_SETTINGS[i];
    const SettingSlot *slot = &slots[i];
    void *at = (char *)r + slot->offset;
    switch (slot->kind) {
    case SK_CHOICE:
    case SK_BOOL: {
        int k = choice_index(info->choices, value);
        if (k < 0) break;
        if (slot->kind == SK_BOOL) *(bool *)at = k == 0; /* "on|off" */
        else *(int *)at = k;                             /* the enums follow the choices' order */
        return true;
    }
    case SK_INT: {
        char *end;
        long v = strtol(value, &end, 10);
        if (*value && !*end && v >= slot->min && v <= slot->max) {
            *(int *)at = (int)v;
            return true;
        }
        problems_add(p, key, "bad_int", (long long)slot->min, (long long)slot->max);
        return false;
    }
    case SK_MONEY: {
        Fen f;
        if (!money_parse(value, &f)) break;
        *(Fen *)at = f;
        return true;
    }
    case SK_MONTH: {
        Month m;
        if (!*value) {
            *(Month *)at = MONTH_NONE;
            return true;
        }
        if (!month_parse(value, &m)) break;
        *(Month *)at = m;
        return true;
    }
    }
    static const char *const kinds[] = {NULL, "on|off", NULL, "2017.00", "2023-01"};
    problems_add(p, key, "bad_setting", value, info->choices ? info->choices : kinds[slot->kind]);
    return false;
}

const char *allowance_rules_get(const AllowanceRules *r, const char *key, Arena *a)
{
    int i = setting_index(key);
    if (i < 0) return NULL;
    const SettingSlot *slot = &slots[i];
    const void *at = (const char *)r + slot->offset;
    switch (slot->kind) {
    case SK_CHOICE: {
        int k = *(const int *)at;
        const char *p = ALLOWANCE_SETTINGS[i].choices;
        for (; k > 0 && p; k--) p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL;
        return p ? arena_strndup(a, p, strcspn(p, "|")) : "";
    }
    case SK_BOOL:
        return *(const bool *)at ? "on" : "off";
    case SK_INT:
        return arena_printf(a, "%d", *(const int *)at);
    case SK_MONEY: {
        char buf[MONEY_BUF];
        return arena_strdup(a, money_format(*(const Fen *)at, buf));
    }
    case SK_MONTH: {
        char buf[MONTH_BUF];
        return arena_strdup(a, month_format(*(const Month *)at, buf));
    }
    }
    return NULL;
}

/* ---- standards ---- */

enum { PEG_DEPTH = 4 }; /* pegs chain at most this deep (a loop is refused when set) */

/* The row of CATEGORY at LEVEL in force in month M: the latest start on or
   before M, and among equal starts the latest set. */
static const StandardRow *row_in_force(const Standards *s, const char *category, StandardLevel level, Month m)
{
    const StandardRow *best = NULL;
    for (int i = 0; i < s->n; i++) {
        const StandardRow *r = &s->rows[i];
        if (r->level != level || r->from > m || strcmp(r->category, category) != 0) continue;
        if (!best || r->from > best->from || (r->from == best->from && r->id > best->id)) best = r;
    }
    return best;
}

static Fen applied(const Standards *s, const char *category, Month m, int depth, StandardValue *out);

/* The provincial minimum of CATEGORY in M, following pegs at the province level; -1 if none. */
static Fen minimum(const Standards *s, const char *category, Month m, int depth)
{
    const StandardRow *r = depth < PEG_DEPTH ? row_in_force(s, category, STANDARD_PROVINCE, m) : NULL;
    if (!r) return -1;
    return r->pegged_to ? minimum(s, r->pegged_to, m, depth + 1) : r->amount;
}

/* What the row R gives: its amount, or the applied standard of the category it follows. */
static Fen row_value(const Standards *s, const StandardRow *r, Month m, int depth, const char **pegged)
{
    if (!r) return -1;
    if (!r->pegged_to) return r->amount;
    *pegged = r->pegged_to;
    return applied(s, r->pegged_to, m, depth + 1, NULL);
}

static Fen applied(const Standards *s, const char *category, Month m, int depth, StandardValue *out)
{
    if (depth >= PEG_DEPTH) return -1;
    const char *peg_p = NULL, *peg_c = NULL;
    Fen prov = row_value(s, row_in_force(s, category, STANDARD_PROVINCE, m), m, depth, &peg_p);
    Fen city = row_value(s, row_in_force(s, category, STANDARD_CITY, m), m, depth, &peg_c);
    bool city_wins = city > prov;
    if (out) {
        out->amount = city_wins ? city : prov;
        out->source = city_wins ? STANDARD_CITY : STANDARD_PROVINCE;
        out->pegged_to = city_wins ? peg_c : peg_p;
    }
    return city_wins ? city : prov;
}

bool standard_resolve(const Standards *s, const char *category, Month m, StandardValue *out)
{
    StandardValue v = {-1, -1, STANDARD_PROVINCE, NULL};
    Fen amount = applied(s, category, m, 0, &v);
    v.minimum = minimum(s, category, m, 0);
    if (out) *out = v;
    return amount >= 0;
}

/* Whether following pegs from CATEGORY (with ROW added) comes back to ROW's category. */
static bool peg_loops(const Standards *s, const StandardRow *row)
{
    const char *at = row->pegged_to;
    for (int depth = 0; at && depth < PEG_DEPTH; depth++) {
        if (strcmp(at, row->category) == 0) return true;
        const StandardRow *next = row_in_force(s, at, row->level, row->from);
        at = next ? next->pegged_to : NULL;
    }
    return at != NULL; /* deeper than allowed counts as a loop */
}

bool standard_check(const Standards *s, const StandardRow *row, Problems *p, Arena *a)
{
    size_t before = p->count;
    char month[MONTH_BUF], money[MONEY_BUF];
    if (basic_living_rank(row->category) < 0) problems_add(p, "category", "not_basic_living", row->category);
    if (row->pegged_to) {
        if (basic_living_rank(row->pegged_to) < 0 || strcmp(row->pegged_to, row->category) == 0)
            problems_add(p, "pegged_to", "bad_peg", row->pegged_to);
        else if (peg_loops(s, row)) problems_add(p, "pegged_to", "peg_loop", row->pegged_to);
    } else if (row->amount <= 0) {
        problems_add(p, "amount", "amount_positive");
    } else if (row->level == STANDARD_CITY) {
        Fen min = minimum(s, row->category, row->from, 0);
        if (min >= 0 && row->amount < min) {
            /* the category's name differs by language: both texts are made here */
            month_format(row->from, month);
            money_format(min, money);
            problems_add_texts(
                p, "amount", "below_minimum",
                arena_printf(a, "低于省级最低标准：%s起%s每人每月不低于%s元", month,
                             code_label(&CODES_CATEGORY, row->category, LANG_ZH), money),
                arena_printf(a, "below the provincial minimum: from %s, %s get at least %s yuan per person a month",
                             month, code_label(&CODES_CATEGORY, row->category, LANG_EN), money));
        }
    }
    return p->count == before;
}

/* ---- what a child is due ---- */

void pay_months(const AllowanceRules *r, Date confirmed, Date ends, Month *first, Month *last)
{
    *first = month_of(confirmed) + (r->first_month == FIRST_AFTER_CONFIRMATION ? 1 : 0);
    *last = date_is_set(ends) ? month_of(ends) - (r->last_month == LAST_MONTH_OF_END ? 1 : 0) : MONTH_NONE;
}

/* Whether C holds CODE (approved, or ended) for some day of month M: for 差额. */
static bool holds_in_month(const Child *c, const char *code, Month m)
{
    Date first = month_first_day(m), last = month_last_day(m);
    for (int i = 0; i < c->n_categories; i++) {
        const Category *cat = &c->categories[i];
        if (!cat->code || strcmp(cat->code, code) != 0 || !cat->status || strcmp(cat->status, "applied") == 0) continue;
        if (!date_is_set(cat->from) || date_cmp(cat->from, last) > 0) continue;
        if (date_is_set(cat->to) && date_cmp(cat->to, first) < 0) continue;
        return true;
    }
    return false;
}

/* The earlier of two end days, unset meaning open. */
static Date earlier_end(Date a, Date b)
{
    if (!date_is_set(a)) return b;
    if (!date_is_set(b)) return a;
    return date_cmp(a, b) <= 0 ? a : b;
}

DueRc allowance_due(const Child *c, Month m, const AllowanceRules *r, const Standards *s, MonthDue *out)
{
    memset(out, 0, sizeof *out);
    if (c->status && strcmp(c->status, "active") != 0) return DUE_NO;
    const Category *best = NULL;
    for (int i = 0; i < c->n_categories; i++) {
        const Category *cat = &c->categories[i];
        int rank = basic_living_rank(cat->code);
        if (rank < 0 || !cat->status || !date_is_set(cat->from)) continue;
        bool approved = strcmp(cat->status, "approved") == 0;
        bool ended = strcmp(cat->status, "ended") == 0 && date_is_set(cat->to);
        if (!approved && !ended) continue;
        Date ends = earlier_end(cat->to, eligibility_age_until(c, cat->code, month_last_day(m), &r->eligibility));
        Month first, last;
        pay_months(r, cat->from, ends, &first, &last);
        if (m < first || (last != MONTH_NONE && m > last)) continue;
        if (!best || rank < basic_living_rank(best->code)) best = cat;
    }
    if (!best) return DUE_NO;
    out->category = best->code;
    out->confirmed = best->from;
    StandardValue v;
    if (!standard_resolve(s, best->code, m, &v)) return DUE_NO_STANDARD;
    out->standard = v.amount;
    if (r->difference && strcmp(best->code, "de_facto_unsupported") == 0) {
        bool dibao = holds_in_month(c, "dibao", m), tekun = holds_in_month(c, "tekun", m);
        if ((dibao && !r->dibao_monthly) || (tekun && !r->tekun_monthly)) return DUE_NO_DIFFERENCE_AMOUNT;
        Fen d = dibao ? r->dibao_monthly : 0;
        if (tekun && r->tekun_monthly > d) d = r->tekun_monthly;
        out->deduction = d < out->standard ? d : out->standard;
    }
    out->amount = out->standard - out->deduction;
    return DUE_YES;
}
