/*
** Monthly payrolls (发放名册): who may move a payroll through its workflow,
** and the sums of the Guangdong-style monthly fund table. The workflow:
** draft → each town submits its part (上报) → the city approves (审批) →
** locked once the bank has paid (锁定); a locked payroll never changes, and
** corrections are adjustment lines, with their reason, in a later month.
**
** Pure: the actor is looked up by the store (store_actor).
*/
#ifndef SHOUHU_PAYROLL_H
#define SHOUHU_PAYROLL_H

#include <stdbool.h>
#include "domain/category_flow.h"
#include "domain/money.h"
#include "util/arena.h"

typedef enum PayrollAction {
    PAYROLL_SUBMIT,  /* a town's account, for its own part */
    PAYROLL_RETURN,  /* the city sends a town's part back, with a reason */
    PAYROLL_APPROVE, /* the city */
    PAYROLL_LOCK,    /* the city, once paid */
    PAYROLL_DISCARD  /* anyone who may make payrolls of the area, for a draft */
} PayrollAction;

extern const CodeTable CODES_PAYROLL_STATUS; /* draft, submitted, approved, locked, discarded */

const char *payroll_action_permission(PayrollAction action);

/* Whether ACTOR may do ACTION on the payroll of PAYROLL_SCOPE (its area's
   prefix) and, for a town's part, TOWN; adds the reasons why not to P. */
bool payroll_may_act(PayrollAction action, const FlowActor *actor, const char *payroll_scope, const char *town,
                     Problems *p);

/* The monthly fund table (孤儿、事实无人抚养儿童、艾滋病病毒感染儿童基本生活费发放情况):
   per town, the children paid (实发人数: each child with a regular line,
   once, under its line's category) and the money (实发资金: all lines,
   adjustments included). */
enum { FUND_INSTITUTION, FUND_SCATTERED, FUND_DE_FACTO, FUND_HIV, FUND_CATEGORIES };

typedef struct FundRow {
    const char *town, *town_name;
    long persons;                      /* 实发人数 */
    long by_category[FUND_CATEGORIES]; /* 孤儿(机构/散居), 事实无人抚养, 艾滋病 */
    Fen funds;                         /* 实发资金 */
    Fen funds_by_category[FUND_CATEGORIES];
} FundRow;

typedef struct FundTable {
    FundRow *rows; /* by town, in the order lines came */
    int n, cap;
    FundRow total;
    Arena *a; /* where rows and names live */
} FundTable;

void fund_table_init(FundTable *t, Arena *a);
/* Adds one payroll line. */
void fund_table_add(FundTable *t, const char *town, const char *town_name, const char *category, bool regular,
                    Fen amount);

#endif
