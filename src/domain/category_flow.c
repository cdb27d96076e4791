/*
** The category procedure's rules (see category_flow.h).
*/
#include <string.h>
#include "domain/category_flow.h"
#include "domain/codes.h"

static const CodeEntry flow_status_entries[] = {{"applied", "待查验", "Awaiting verification", NULL},
                                                {"verified", "已查验待确认", "Verified, awaiting confirmation", NULL},
                                                {"confirmed", "已确认", "Confirmed", NULL},
                                                {"refused", "不予通过", "Refused", NULL},
                                                {NULL, NULL, NULL, NULL}};
const CodeTable CODES_FLOW_STATUS = {"flow_status", flow_status_entries};

static const CodeEntry flow_step_entries[] = {{"apply", "申请", "Application", NULL},
                                              {"verify", "查验", "Verification", NULL},
                                              {"confirm", "确认", "Confirmation", NULL},
                                              {NULL, NULL, NULL, NULL}};
const CodeTable CODES_FLOW_STEP = {"flow_step", flow_step_entries};

const char *flow_step_code(FlowStep step) { return flow_step_entries[step].code; }

const char *flow_step_permission(FlowStep step)
{
    static const char *const perms[] = {"allowance:apply", "allowance:verify", "allowance:confirm"};
    return perms[step];
}

const char *flow_status_before(FlowStep step)
{
    static const char *const before[] = {NULL, "applied", "verified"};
    return before[step];
}

const char *flow_status_after(FlowStep step, bool approved)
{
    if (!approved) return "refused";
    static const char *const after[] = {"applied", "verified", "confirmed"};
    return after[step];
}

bool flow_may_act(FlowStep step, const FlowActor *actor, const char *child_area, Problems *p)
{
    size_t before = p->count;
    const char *where = actor->area_name ? actor->area_name : actor->area;
    if (actor->disabled) problems_add(p, "by", "account_disabled", actor->account);
    if (!actor->has_permission)
        problems_add(p, "by", "flow_no_permission", actor->account, actor->role, flow_step_permission(step));
    size_t n = actor->scope ? strlen(actor->scope) : 0;
    if (!child_area || strncmp(child_area, actor->scope ? actor->scope : "", n) != 0)
        problems_add(p, "by", "out_of_scope", child_area ? child_area : "");
    if (step == FLOW_VERIFY && actor->area_level != 2) problems_add(p, "by", "flow_town_only", actor->account, where);
    if (step == FLOW_CONFIRM && actor->area_level != 1) problems_add(p, "by", "flow_city_only", actor->account, where);
    return p->count == before;
}

Date flow_due(FlowStep step, Date previous, const AllowanceRules *r, const WorkCalendar *cal)
{
    int days = step == FLOW_VERIFY ? r->verify_workdays : step == FLOW_CONFIRM ? r->confirm_workdays : 0;
    return workdays_after(cal, previous, days);
}

int flow_late_by(const WorkCalendar *cal, Date due, Date done) { return workdays_between(cal, due, done); }
