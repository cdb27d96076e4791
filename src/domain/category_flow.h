/*
** The procedure by which a category is recorded (DOMAIN.md §2; 民发〔2019〕62号):
** application (by the guardian, or the village committee on its behalf) →
** verification by the town (查验) → confirmation by the city or district
** civil affairs (确认). Each step is done by an account whose role has the
** step's permission and whose area covers the child; verification by a
** town-level account, confirmation by a city-level one (Dongguan has no
** district level: the city confirms). A refusal at either step needs a
** reason and ends the application. Each step has a time limit in working
** days from the previous step (configurable; default 15 and 15), and a step
** done or still pending after its limit is reported late.
**
** Pure: the actor's account, role and area are looked up by the caller.
*/
#ifndef SHOUHU_CATEGORY_FLOW_H
#define SHOUHU_CATEGORY_FLOW_H

#include <stdbool.h>
#include "domain/allowance.h"
#include "domain/codes.h"
#include "domain/message.h"
#include "domain/workdays.h"

typedef enum FlowStep { FLOW_APPLY = 0, FLOW_VERIFY, FLOW_CONFIRM } FlowStep;

/* An application's status: "applied" -> "verified" -> "confirmed", or "refused". */
extern const CodeTable CODES_FLOW_STATUS;
extern const CodeTable CODES_FLOW_STEP; /* apply / verify / confirm */

const char *flow_step_code(FlowStep step);       /* "apply", "verify", "confirm" */
const char *flow_step_permission(FlowStep step); /* "allowance:apply", ... */
const char *flow_status_before(FlowStep step);   /* the status STEP acts on; NULL for apply */
const char *flow_status_after(FlowStep step, bool approved);

/* Who acts: filled by the caller from the account, its role and its area. */
typedef struct FlowActor {
    const char *account;
    const char *role;
    bool has_permission; /* the role has flow_step_permission(step) */
    bool disabled;
    const char *area; /* the account's area code */
    const char *area_name;
    int area_level;    /* 1 city, 2 town, 3 village */
    const char *scope; /* the area's prefix: what it covers */
} FlowActor;

/* Whether ACTOR may do STEP for a child living in CHILD_AREA; adds the reasons why not to P. */
bool flow_may_act(FlowStep step, const FlowActor *actor, const char *child_area, Problems *p);

/* The last day on which STEP is on time, when the step before it was done on PREVIOUS. */
Date flow_due(FlowStep step, Date previous, const AllowanceRules *r, const WorkCalendar *cal);

/* How many working days after DUE the day DONE is (0 when on time). */
int flow_late_by(const WorkCalendar *cal, Date due, Date done);

#endif
