/*
** Payroll rules: permissions of each step and the fund table's sums (see payroll.h).
*/
#include <string.h>
#include "domain/eligibility.h"
#include "domain/payroll.h"

static const CodeEntry payroll_status_entries[] = {
    {"draft", "草稿（待上报）", "Draft", NULL},         {"submitted", "已上报（待审批）", "Submitted", NULL},
    {"approved", "已审批（待发放）", "Approved", NULL}, {"locked", "已发放（已锁定）", "Paid and locked", NULL},
    {"discarded", "已作废", "Discarded", NULL},         {NULL, NULL, NULL, NULL}};
const CodeTable CODES_PAYROLL_STATUS = {"payroll_status", payroll_status_entries};

const char *payroll_action_permission(PayrollAction action)
{
    switch (action) {
    case PAYROLL_SUBMIT:
        return "payroll:submit";
    case PAYROLL_DISCARD:
        return "payroll:write";
    case PAYROLL_RETURN:
    case PAYROLL_APPROVE:
    case PAYROLL_LOCK:
        break;
    }
    return "payroll:approve";
}

static bool covers(const char *scope, const char *code)
{
    return scope && code && strncmp(code, scope, strlen(scope)) == 0;
}

bool payroll_may_act(PayrollAction action, const FlowActor *actor, const char *payroll_scope, const char *town,
                     Problems *p)
{
    size_t before = p->count;
    const char *where = actor->area_name ? actor->area_name : actor->area;
    if (actor->disabled) problems_add(p, "by", "account_disabled", actor->account);
    if (!actor->has_permission)
        problems_add(p, "by", "flow_no_permission", actor->account, actor->role, payroll_action_permission(action));
    switch (action) {
    case PAYROLL_SUBMIT:
        /* a town submits its own part, and only its own */
        if (actor->area_level != 2 || !town || strcmp(actor->area, town) != 0)
            problems_add(p, "by", "payroll_town_only", actor->account, where);
        break;
    case PAYROLL_RETURN:
    case PAYROLL_APPROVE:
    case PAYROLL_LOCK:
        if (actor->area_level != 1 || !covers(actor->scope, payroll_scope))
            problems_add(p, "by", "payroll_city_only", actor->account, where);
        break;
    case PAYROLL_DISCARD:
        if (!covers(actor->scope, payroll_scope)) problems_add(p, "by", "out_of_scope", payroll_scope);
        break;
    }
    return p->count == before;
}

void fund_table_init(FundTable *t, Arena *a)
{
    memset(t, 0, sizeof *t);
    t->a = a;
    t->total.town_name = "合计";
}

static FundRow *row_for(FundTable *t, const char *town, const char *town_name)
{
    if (t->n && strcmp(t->rows[t->n - 1].town, town) == 0) return &t->rows[t->n - 1];
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->rows[i].town, town) == 0) return &t->rows[i];
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        FundRow *more = arena_alloc(t->a, (size_t)cap * sizeof *more);
        if (t->n) memcpy(more, t->rows, (size_t)t->n * sizeof *more);
        t->rows = more;
        t->cap = cap;
    }
    FundRow *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    r->town = arena_strdup(t->a, town);
    r->town_name = arena_strdup(t->a, town_name ? town_name : town);
    return r;
}

static void add_to(FundRow *r, int cat, bool regular, Fen amount)
{
    if (regular) {
        r->persons++;
        if (cat >= 0) r->by_category[cat]++;
    }
    r->funds += amount;
    if (cat >= 0) r->funds_by_category[cat] += amount;
}

void fund_table_add(FundTable *t, const char *town, const char *town_name, const char *category, bool regular,
                    Fen amount)
{
    int cat = basic_living_rank(category); /* the ranks are the FUND_ columns' order */
    add_to(row_for(t, town, town_name), cat, regular, amount);
    add_to(&t->total, cat, regular, amount);
}
