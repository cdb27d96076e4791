/*
** The store's allowances side (sql/003_allowances.sql): settings, the
** working-day calendar, standards, the category procedure, payrolls, other
** help and the rotation of adult orphans. The rules of store.h apply: the
** caller owns the transaction (functions that write refuse to run outside
** one), reads that concern children take a Scope, and strings handed out
** come from the Arena passed in. The policy itself is in src/domain
** (allowance.h, category_flow.h, aid.h, rotation.h); these functions load
** what it needs, apply it and keep the result.
**
** Accounts named as actors ("--by" on the command line, the logged-in
** account in the API) are checked here against their role's permissions and
** their area, with the rules of category_flow.h.
*/
#ifndef SHOUHU_STORE_ALLOWANCES_H
#define SHOUHU_STORE_ALLOWANCES_H

#include <stdbool.h>
#include "domain/aid.h"
#include "domain/allowance.h"
#include "domain/category_flow.h"
#include "domain/payroll.h"
#include "domain/rotation.h"
#include "domain/workdays.h"
#include "store/store.h"
#include "store/store_overdue.h"

/* ---- settings and calendar ---- */

/* The allowance settings: the defaults, overridden by the `setting` rows of
   ALLOWANCE_SETTINGS' keys. STORE_ERROR if a stored value is not valid. */
StoreRc store_allowance_rules(Store *s, AllowanceRules *out);
/* Checks VALUE for KEY (a problem if wrong) and stores it. */
StoreRc store_allowance_setting_set(Store *s, const char *key, const char *value, Problems *p);

/* The holidays and worked weekend days, for workdays.h. Lists in A. */
StoreRc store_work_calendar(Store *s, WorkCalendar *out, Arena *a);
/* KIND is "holiday" or "workday"; puts or replaces DAY. */
StoreRc store_holiday_put(Store *s, Date day, const char *kind, const char *name);
StoreRc store_holiday_remove(Store *s, Date day); /* STORE_NOTFOUND if it was not there */
typedef int (*HolidayFn)(void *ctx, Date day, const char *kind, const char *name);
/* The days of YEAR (0 = all), in order. */
StoreRc store_holidays_list(Store *s, int year, HolidayFn fn, void *ctx);

/* ---- who acts ---- */

/* The account USERNAME as an actor for PERMISSION: its role, whether the
   role has the permission, its area, level and scope. STORE_NOTFOUND (with
   a problem) for no such account. */
StoreRc store_actor(Store *s, const char *username, const char *permission, FlowActor *out, Problems *p, Arena *a);

/* ---- standards ---- */

/* Every standard row, oldest first. */
StoreRc store_standards(Store *s, Standards *out, Arena *a);
/* Checks ROW against the others (standard_check: a city amount below the
   provincial minimum is refused with the minimum) and adds it; sets row->id. */
StoreRc store_standard_add(Store *s, StandardRow *row, Problems *p);

/* ---- the category procedure ---- */

typedef struct Application {
    long long id, child_id;
    const char *category, *area, *applicant, *status;
    Date applied_on, verified_on, decided_on;
    const char *advice, *note;
    const char *child_name;
} Application;

typedef struct ApplicationStep {
    const char *step, *outcome;
    Date done_on, due_on;
    const char *account, *role, *account_area, *reason, *recorded_at, *recorded_by;
} ApplicationStep;

typedef struct FlowAction {
    FlowStep step;
    long long child_id;       /* FLOW_APPLY: the child */
    const char *category;     /* FLOW_APPLY */
    const char *applicant;    /* FLOW_APPLY: "guardian" or "village" */
    const char *advice;       /* FLOW_APPLY: the rules' judgement, kept for the reviewers */
    long long application_id; /* FLOW_VERIFY, FLOW_CONFIRM */
    bool approve;             /* FLOW_VERIFY, FLOW_CONFIRM: false refuses */
    const char *reason;       /* a refusal's reason (required), or a note */
    Date on;                  /* the day of the step */
    const char *account;      /* who does the step */
    Date today;               /* for the record's checks */
    const Change *change;     /* who entered it and when: the child's history */
} FlowAction;

/* Does ACT: checks the actor (flow_may_act), the application's state and
   dates, records the step with its due day, and keeps the child's record in
   step: an application adds the category as "applied"; a confirmation makes
   it "approved" from the day of confirmation; a refusal removes it. Each
   change to the child is a new version whose reason names the step.
   *APPLICATION_ID gets the application's id. */
StoreRc store_flow_act(Store *s, const FlowAction *act, const AllowanceRules *rules, const WorkCalendar *cal,
                       long long *application_id, Problems *p);

/* Ends the child's current category CODE on ENDS (the first day it no longer
   holds: the 18th birthday, the day a sentence is served, an adoption), as a
   new version of the record with CHANGE's reason. Payment stops by the
   allowance rules (allowance.h). */
StoreRc store_category_end(Store *s, long long child_id, const char *code, Date ends, Date today, const Change *change,
                           Problems *p);

StoreRc store_application_get(Store *s, const Scope *scope, long long id, Application *out, Arena *a);
typedef int (*ApplicationFn)(void *ctx, const Application *app);
/* Applications in SCOPE, newest first; STATUS and CHILD_ID (0 = any) filter. */
StoreRc store_applications_list(Store *s, const Scope *scope, const char *status, long long child_id, ApplicationFn fn,
                                void *ctx, Arena *a);
typedef int (*ApplicationStepFn)(void *ctx, const ApplicationStep *step);
StoreRc store_application_steps(Store *s, long long id, ApplicationStepFn fn, void *ctx, Arena *a);

typedef struct LateStep {
    const Application *app;
    FlowStep step;
    Date due;    /* the last day on time */
    Date done;   /* unset while it is still pending */
    int late_by; /* working days after DUE (to TODAY when pending) */
} LateStep;
typedef int (*LateFn)(void *ctx, const LateStep *late);
/* Every step in SCOPE done after its due day, and every pending step past
   its due day on TODAY, newest application first. */
StoreRc store_flow_late(Store *s, const Scope *scope, Date today, const AllowanceRules *rules, const WorkCalendar *cal,
                        LateFn fn, void *ctx, Arena *a);
/* The supervision list's source of category steps (an OverdueSource of
   store_overdue.h): each application in SCOPE waiting for the town's
   verification or the city's confirmation whose due day is on or before
   TODAY + HORIZON_DAYS, as kind "category_step", record "application:ID",
   actor "town_supervisor" or "city_staff". STORE_INVALID for a bad TODAY. */
StoreRc store_overdue_category_steps(Store *s, const Scope *scope, const char *today, int horizon_days, OverdueSink sink,
                                     void *ctx, Arena *a);

/* ---- payrolls ---- */

typedef struct Payroll {
    long long id;
    Month month;
    const char *area, *area_name, *status;
    long lines;    /* regular and adjustment lines */
    long children; /* children with a regular line */
    Fen total;
    const char *created_at, *created_by, *generated_at, *approved_at, *approved_by, *locked_at, *locked_by;
    Date paid_on;
} Payroll;

typedef struct PayrollLine {
    long long id, payroll_id, child_id;
    const char *town, *town_name, *village, *village_name;
    const char *kind; /* "regular" or "adjustment" */
    const char *category;
    Fen standard;
    int months, back_months;
    Month first_month, last_month, for_month;
    Fen amount;
    const char *reason;
    const char *child_name, *child_id_number;
    const char *holder_name, *holder_relation, *holder_id_number, *holder_phone;
} PayrollLine;

/* Something generation could not settle for one child; the line is left out
   or made without it, and the caller shows the list. */
typedef struct PayrollIssue {
    long long child_id;
    const char *child_name;
    const char *code; /* "no_standard", "no_difference_amount", "no_holder" */
    const char *category;
    Month month;
} PayrollIssue;
typedef int (*PayrollIssueFn)(void *ctx, const PayrollIssue *issue);

typedef struct PayrollGenerate {
    Month month;
    const char *area;            /* the city (level 1) or a town (level 2) */
    Date today;                  /* a payroll is made at the earliest in the month before */
    const AllowanceRules *rules; /* payroll_start is set to MONTH when unset (and stored) */
    const Standards *standards;
    const Change *change;    /* author and time */
    PayrollIssueFn on_issue; /* may be NULL */
    void *ctx;
} PayrollGenerate;

/* Makes the payroll of g->month for g->area: one regular line per child due
   anything not yet paid (the month, and back pay for earlier months since
   payroll.start_month that no payroll has paid), one basic-living category
   per month, the guardian as account holder. A draft of the same month and
   area is made again (its adjustments kept); one under approval is refused;
   after a locked one a new (supplementary) payroll pays only what is still
   due, and none is made if nothing is (*OUT's id is 0 then). */
StoreRc store_payroll_generate(Store *s, const PayrollGenerate *g, Payroll *out, Problems *p, Arena *a);

StoreRc store_payroll_get(Store *s, const Scope *scope, long long id, Payroll *out, Arena *a);
typedef int (*PayrollFn)(void *ctx, const Payroll *pr);
/* Payrolls whose area is within SCOPE or covers it, newest first; MONTH = MONTH_NONE for all. */
StoreRc store_payrolls_list(Store *s, const Scope *scope, Month month, PayrollFn fn, void *ctx, Arena *a);
typedef int (*PayrollLineFn)(void *ctx, const PayrollLine *line);
/* The lines of payroll ID within SCOPE (and TOWN if not NULL), by town, village, child; each line lives during the call. */
StoreRc store_payroll_lines(Store *s, const Scope *scope, long long id, const char *town, PayrollLineFn fn, void *ctx);

typedef struct PayrollTown {
    const char *town, *town_name, *status, *submitted_at, *submitted_by, *returned_reason;
    long lines;
    Fen total;
} PayrollTown;
typedef int (*PayrollTownFn)(void *ctx, const PayrollTown *part);
/* The towns' parts of payroll ID that SCOPE covers or lies within. */
StoreRc store_payroll_towns(Store *s, const Scope *scope, long long id, PayrollTownFn fn, void *ctx, Arena *a);

typedef struct PayrollStepArgs {
    long long id;
    const char *town;    /* submit, return: the town's part */
    const char *account; /* who does it (checked: role and area) */
    const char *reason;  /* return: why (required) */
    Date paid_on;        /* lock: the day the bank paid (required) */
    const char *at;      /* ISO time of the step */
} PayrollStepArgs;

/* The workflow: a town submits its part (payroll:submit, an account of that
   town); when every part is submitted the payroll is "submitted"; the city
   (payroll:approve, a city-level account) approves it or returns a part with
   a reason; an approved payroll is locked when paid and never changes
   again. A draft may be discarded: its lines go and its months are free. */
StoreRc store_payroll_submit(Store *s, const PayrollStepArgs *args, Problems *p);
StoreRc store_payroll_return(Store *s, const PayrollStepArgs *args, Problems *p);
StoreRc store_payroll_approve(Store *s, const PayrollStepArgs *args, Problems *p);
StoreRc store_payroll_lock(Store *s, const PayrollStepArgs *args, Problems *p);
StoreRc store_payroll_discard(Store *s, const PayrollStepArgs *args, Problems *p);

typedef struct PayrollAdjustment {
    long long payroll_id, child_id;
    Month for_month;      /* the month it corrects */
    Fen amount;           /* signed: negative takes money back */
    const char *category; /* NULL: the one paid for FOR_MONTH, else the child's */
    const char *reason;   /* required */
    const Change *change;
} PayrollAdjustment;
/* Adds an adjustment line to a draft payroll whose town part is not submitted; sets *LINE_ID. */
StoreRc store_payroll_adjust(Store *s, const PayrollAdjustment *adj, long long *line_id, Problems *p);

/* ---- other help ---- */

/* Checks A (aid_check, with the child's record) and adds it; sets a->id and a->area. */
StoreRc store_aid_add(Store *s, Aid *a, const AllowanceRules *rules, Problems *p);
StoreRc store_aid_void(Store *s, long long id, const char *reason, const Change *change, Problems *p);

typedef struct AidFilter {
    Scope scope;
    long long child_id; /* 0 = any */
    long long id;       /* one record (0 = any) */
    const char *kind;   /* NULL = any */
    Date from, to;      /* inclusive bounds on the day given; unset = open */
    bool with_void;     /* voided records too (lists only; totals never count them) */
} AidFilter;
typedef int (*AidFn)(void *ctx, const Aid *aid, const char *child_name);
StoreRc store_aid_list(Store *s, const AidFilter *f, AidFn fn, void *ctx, Arena *a);

typedef struct AidTotal {
    const char *kind;
    long records, children;
    Fen amount;
} AidTotal;
typedef int (*AidTotalFn)(void *ctx, const AidTotal *t);
StoreRc store_aid_totals(Store *s, const AidFilter *f, AidTotalFn fn, void *ctx);

/* ---- adult orphans ---- */

/* The towns in rotation order with their settlements so far; *LAST gets
   the town that settled last (NULL if none). Arrays and strings in A. */
StoreRc store_rotation(Store *s, RotationTown **towns, int *n, const char **last, Arena *a);
/* Sets the rotation order to CODES (each a town that takes turns, each once). */
StoreRc store_rotation_set(Store *s, const char *const *codes, int n, Problems *p);

typedef struct Settlement {
    long long id;
    long long child_id; /* 0 for history without a record */
    const char *name, *id_number;
    const char *town, *town_name;
    Date settled_on, paid_on;
    Fen amount;
    const char *proposed_town, *out_of_turn_reason;
    bool history, demo;
    const char *note, *recorded_at, *recorded_by;
} Settlement;

/* Records a settlement. With a child: an orphan of the institution, 18 or
   older on the day, not settled before; name and ID number come from the
   record. The town defaults to the proposed one; another town needs
   out_of_turn_reason. The amount defaults to the setting. Sets st->id. */
StoreRc store_settlement_add(Store *s, Settlement *st, const AllowanceRules *rules, Problems *p);
StoreRc store_settlement_pay(Store *s, long long id, Date paid_on, Problems *p);
typedef int (*SettlementFn)(void *ctx, const Settlement *st);
/* The settlements made by the towns within SCOPE, oldest first. */
StoreRc store_settlements_list(Store *s, const Scope *scope, SettlementFn fn, void *ctx, Arena *a);
/* Orphans of the institution (category orphan_institution, not applied) 18
   or older on ON and not settled yet. */
StoreRc store_adult_orphan_candidates(Store *s, Date on, ChildFn fn, void *ctx, Arena *a);

#endif
