/*
** The monthly report (总结上报): its figures, defined once in one table
** (code, title in Chinese and English, group, unit, how it rolls up the area
** tree), the cross-checks between them (表间勾稽关系) that must hold before a
** report is submitted, who may act on a report, and the comparison of a
** frozen report with the ledger as it is now.
**
** Pure: no SQL, no clock. The store computes each group of figures for a
** month and an area (store/store_monthly.h); this file says what they mean.
*/
#ifndef SHOUHU_MONTHLY_H
#define SHOUHU_MONTHLY_H

#include <jansson.h>
#include <stdbool.h>
#include "domain/date.h"
#include "domain/message.h"
#include "domain/month.h"
#include "domain/rescue.h"

typedef enum MonthlyRollup {
    ROLLUP_SUM,   /* a town's is the sum of its villages', the city's the sum of its towns' */
    ROLLUP_OWN    /* each level computes its own, its area and below (town-level data: activities) */
} MonthlyRollup;

typedef enum MonthlyUnit {
    UNIT_PERSONS, /* 人 */
    UNIT_RECORDS, /* 条 (records of the ledger) */
    UNIT_FEN,     /* money, shown as yuan */
    UNIT_DAYS,    /* 天 */
    UNIT_PERMILLE /* a rate in tenths of a percent, shown as "66.7%" */
} MonthlyUnit;

typedef struct MonthlyFigure {
    const char *code;    /* stable: "children.total", "category.orphan_scattered" */
    const char *zh, *en; /* its title */
    const char *group;   /* "children", "categories", "records", "allowances" */
    MonthlyUnit unit;
    MonthlyRollup rollup;
} MonthlyFigure;

typedef struct MonthlyGroup {
    const char *code, *zh, *en;
} MonthlyGroup;

extern const MonthlyFigure MONTHLY_FIGURES[];
extern const MonthlyGroup MONTHLY_GROUPS[];
enum { MONTHLY_MAX = 80 };   /* room for the figures the later groups add */
int monthly_count(void);         /* the figures in MONTHLY_FIGURES */
int monthly_group_count(void);

/* The figures of one report: v[i] is MONTHLY_FIGURES[i]'s value. */
typedef struct MonthlyValues {
    long long v[MONTHLY_MAX];
} MonthlyValues;

int monthly_index(const char *code);   /* -1 for an unknown code */
const MonthlyFigure *monthly_figure(const char *code);
void monthly_set(MonthlyValues *x, const char *code, long long value);   /* an unknown code is a bug: aborts */
void monthly_add_to(MonthlyValues *x, const char *code, long long value);
long long monthly_get(const MonthlyValues *x, const char *code);
const char *monthly_title(const MonthlyFigure *f, Lang lang);

/* The age band figure ("children.age_6_11") of a child AGE years old at the month's end. */
const char *monthly_age_band(int age);

/* ---- protection and the rescue centre (the figures' definitions) ---- */

/* A child recorded at the month's end with a category that has a regular
   visit interval: MONTHS (visit_interval_months of the categories held on
   the month's last day), SINCE (when the first of them began), LAST (the
   last visit before the month began, unset for none) and whether the child
   was visited during the month. */
typedef struct MonthlyVisitChild {
    int months;
    Date since, last;
    bool visited;
} MonthlyVisitChild;
/* Adds C to "visits.due" when its next visit (visit_next_due, the protection
   module's policy) falls on or before LAST (the month's last day, or the day
   a dashboard counts to), late ones included, and then to "visits.covered"
   when it was visited in the month up to LAST. */
void monthly_add_visit_child(MonthlyValues *x, const MonthlyVisitChild *c, Date last);

/* The timeliness figure of a referral due on DUE and answered on ANSWERED:
   "referrals.on_time" (on or before its due day) or "referrals.late". */
const char *monthly_referral_timeliness(Date due, Date answered);

/* The rescue-centre figures of RM (rescue_month_figures: admissions,
   discharges, present, stranded, days in care of the discharged, retention
   rate; a rate of none present is 0). The discharges by kind are the
   store's ("rescue.discharge.<kind>" of CODES_DISCHARGE). */
void monthly_set_rescue(MonthlyValues *x, const RescueMonth *rm);

/* SUM += X for the figures that roll up by sum. */
void monthly_add(MonthlyValues *sum, const MonthlyValues *x);

/* {"code": value, ...} of every figure; the caller owns it. */
json_t *monthly_to_json(const MonthlyValues *x);
/* Reads what monthly_to_json wrote; figures it lacks are 0 (a figure added
   after the report was frozen). Returns false for something else than an object. */
bool monthly_from_json(const json_t *j, MonthlyValues *out);

/* The cross-checks of one report's figures: boys + girls = total, the age
   bands add up to the total, no category holds more children than the
   total, the records ended are at most last month's total plus the new
   ones (PREV_TOTAL: the children at the end of the month before), and no
   figure is negative; the visits covered are at most those due and those
   done; the cases open at the month's end are those open at its start plus
   the opened and reopened less the closed, and at least the overdue ones;
   the referrals answered on time and late add up to those answered, those
   sent to each unit to those sent; the
   discharges by kind add up to the discharges, the stranded are at most
   those present and the retention rate is stranded / present. Adds a
   problem per failure; returns the count. */
int monthly_check(const MonthlyValues *x, long long prev_total, Problems *p);

/* Calls FN for each figure whose value differs between WAS and NOW; returns
   how many differ (FN may be NULL to count only). */
typedef void (*MonthlyDiffFn)(void *ctx, const MonthlyFigure *f, long long was, long long now);
int monthly_diff(const MonthlyValues *was, const MonthlyValues *now, MonthlyDiffFn fn, void *ctx);

/* The level of an area code: 3 a village (its last three digits are not
   000), 2 a town, 1 the city. */
int monthly_area_level(const char *code);
/* The area directly above CODE (a village's town, a town's city) into
   OUT[13]; false for the city. */
bool monthly_area_parent(const char *code, char out[13]);
/* Who may do what: submit the report of one's own area; return or accept
   the report of an area directly below one's own. */
bool monthly_may_submit(const char *actor_area, const char *report_area);
bool monthly_may_review(const char *actor_area, const char *report_area);

#endif
