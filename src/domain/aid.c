/*
** Other help: the kinds and the rules of the study grant and the medical
** deductible (see aid.h).
*/
#include <string.h>
#include "domain/aid.h"

static const CodeEntry aid_entries[] = {
    {"edu_preschool", "学前教育资助", "Pre-school education funding", "学前"},
    {"edu_compulsory", "义务教育资助", "Compulsory education funding", "义务教育"},
    {"edu_high_school", "高中阶段教育资助", "High-school education funding", "高中|中职"},
    {"edu_higher", "高等教育资助", "Higher education funding", "高等教育|大学"},
    {"boarding", "寄宿生活补助", "Boarding allowance", "寄宿补助"},
    {"study_grant", "孤儿助学（福彩圆梦）", "Orphan study grant (18+)", "孤儿助学|福彩圆梦"},
    {"temporary", "临时救助", "Temporary assistance", NULL},
    {"medical", "医疗救助", "Medical assistance", "医疗"},
    {NULL, NULL, NULL, NULL}};
const CodeTable CODES_AID = {"aid", aid_entries};

/* Whether C holds CODE, approved or ended, on DAY (an ended one counts on its days). */
static bool held_on(const Child *c, const char *code, Date day)
{
    for (int i = 0; i < c->n_categories; i++) {
        const Category *cat = &c->categories[i];
        if (!cat->code || strcmp(cat->code, code) != 0 || !cat->status || strcmp(cat->status, "applied") == 0) continue;
        if (date_is_set(cat->from) && date_cmp(cat->from, day) > 0) continue;
        if (date_is_set(cat->to) && date_cmp(cat->to, day) < 0) continue;
        return true;
    }
    return false;
}

/* Whether C was ever recorded as an orphan (the grant follows a child who was one before 18). */
static bool ever_orphan(const Child *c)
{
    for (int i = 0; i < c->n_categories; i++) {
        const char *code = c->categories[i].code;
        const char *status = c->categories[i].status;
        if (code && status && strcmp(status, "applied") != 0 &&
            (strcmp(code, "orphan_institution") == 0 || strcmp(code, "orphan_scattered") == 0))
            return true;
    }
    return false;
}

static void check_study_grant(Aid *a, const Child *c, const AllowanceRules *rules, long long earlier, Problems *p)
{
    if (!ever_orphan(c)) problems_add(p, "kind", "aid_needs_orphan");
    if (date_is_set(c->birth_date)) {
        int age = date_age_on(c->birth_date, a->given_on);
        if (age < 18) problems_add(p, "given_on", "aid_needs_adult", age);
    }
    if (!c->enrolment || strcmp(c->enrolment, "in_school") != 0) problems_add(p, "kind", "aid_needs_school");
    if (!a->school_year) problems_add(p, "school_year", "aid_school_year");
    else if (earlier) problems_add(p, "school_year", "aid_once_a_year", a->school_year, earlier);
    if (!a->amount) a->amount = rules->study_grant;
}

bool aid_check(Aid *a, const Child *c, const AllowanceRules *rules, long long earlier_grant, Problems *p)
{
    size_t before = p->count;
    if (!a->kind || !code_get(&CODES_AID, a->kind)) {
        code_problem(p, "kind", a->kind ? a->kind : "", &CODES_AID);
        return false;
    }
    if (!date_is_set(a->given_on)) problems_add(p, "given_on", "required");
    if (a->school_year && (a->school_year < 1990 || a->school_year > 2199))
        problems_add(p, "school_year", "bad_int", 1990LL, 2199LL);
    if (strcmp(a->kind, "study_grant") == 0 && date_is_set(a->given_on))
        check_study_grant(a, c, rules, earlier_grant, p);
    if (strcmp(a->kind, "medical") == 0 && date_is_set(a->given_on))
        a->deductible = held_on(c, "dibao", a->given_on) ? rules->dibao_deductible : 0;
    if (a->amount <= 0) problems_add(p, "amount", "amount_positive");
    return p->count == before;
}
