/*
** Allowances (基本生活保障, DOMAIN.md §3): the settings that vary by place,
** the standards per category and month with their "pegged to" links, and
** what a child is due for a month: under which one basic-living category,
** at which standard, from which first month to which last.
**
** Pure: the standards and settings are passed in (the store loads them);
** money is integer fen (money.h); months are Month (month.h).
**
** The rules as implemented:
** - First paid month: the month after confirmation (次月起纳入), or, if set
**   so, the month of confirmation. A confirmed category's `from` is its
**   confirmation day (the ledger records existing beneficiaries as confirmed
**   from their start date; the procedure sets it to the confirmation day).
** - Last paid month: eligibility "ends" on the first day it no longer holds
**   (the category's `to`: the 18th birthday, the day a sentence is served,
**   the day of an adoption). By default payment stops from the month after
**   the month of that day (次月起终止): a child turning 18 on 1 June is paid
**   for June and not July. Set to "end_month", it stops from that month.
**   The age limit applies even when no one has ended the category yet.
** - One basic-living category only: orphans (in an institution, then
**   scattered) before de facto unsupported before HIV.
** - The standard of a category for a month is the greater of the
**   provincial minimum and the city's own standard, each taken from the
**   latest row that starts on or before the month (a later row for the same
**   start supersedes an earlier one). A pegged row (参照) takes the pegged
**   category's standard for that month, city standard included; the
**   minimum of a pegged category is the minimum of the one it follows.
** - 差额 (off by default): a de facto unsupported child who also holds 低保 or
**   特困 for the month is paid the standard less the monthly 低保 or 特困
**   amount set by the city (the larger when both), never below zero.
** - A record whose status is not "active" (deceased, adopted, moved away)
**   is not paid: its categories should be ended with their dates, so that
**   months still due are paid as back pay.
*/
#ifndef SHOUHU_ALLOWANCE_H
#define SHOUHU_ALLOWANCE_H

#include <stdbool.h>
#include "domain/child.h"
#include "domain/eligibility.h"
#include "domain/message.h"
#include "domain/money.h"
#include "domain/month.h"
#include "util/arena.h"

/* ---- settings (the `setting` table, keys "allowance.*" and others below) ---- */

typedef enum FirstMonthRule { FIRST_AFTER_CONFIRMATION = 0, FIRST_CONFIRMATION_MONTH } FirstMonthRule;
typedef enum LastMonthRule { LAST_MONTH_AFTER_END = 0, LAST_MONTH_OF_END } LastMonthRule;

typedef struct AllowanceRules {
    FirstMonthRule first_month;   /* allowance.first_month: after_confirmation | confirmation_month */
    LastMonthRule last_month;     /* allowance.stop_from: month_after_end | end_month */
    bool difference;              /* allowance.difference: 差额 for children on 低保/特困 */
    Fen dibao_monthly;            /* allowance.dibao_monthly: what a 低保 child gets a month (0 = not set) */
    Fen tekun_monthly;            /* allowance.tekun_monthly */
    EligibilityRules eligibility; /* allowance.adults_in_school, allowance.threshold_months */
    int verify_workdays;          /* allowance.verify_workdays: the town's 查验, from the application */
    int confirm_workdays;         /* allowance.confirm_workdays: the city's 确认, from the verification */
    Month payroll_start;          /* payroll.start_month: months before were paid outside Shouhu */
    Fen study_grant;              /* aid.study_grant: orphans 18+ in full-time study, per school year */
    Fen dibao_deductible;         /* aid.dibao_deductible: serious-illness insurance deductible for 低保 */
    Fen adult_orphan_subsidy;     /* adult_orphans.subsidy: one-time settlement subsidy */
} AllowanceRules;

extern const AllowanceRules ALLOWANCE_RULES_DEFAULT;

typedef struct SettingInfo {
    const char *key;
    const char *zh, *en; /* what it means */
    const char *choices; /* "a|b" for a choice, else NULL */
} SettingInfo;

/* The settings, in the order people read them; ends with a { NULL } entry. */
extern const SettingInfo ALLOWANCE_SETTINGS[];

/* Sets KEY to VALUE in R after checking it (a choice, on/off, a whole number,
   an amount in yuan, a month). Adds a problem and returns false if KEY is
   unknown or VALUE wrong. */
bool allowance_rules_set(AllowanceRules *r, const char *key, const char *value, Problems *p);
/* The value of KEY in R as it is written in settings ("after_confirmation",
   "on", "15", "10000.00", "2023-01", "" when unset), in A; NULL for an unknown key. */
const char *allowance_rules_get(const AllowanceRules *r, const char *key, Arena *a);

/* ---- standards ---- */

typedef enum StandardLevel { STANDARD_PROVINCE = 0, STANDARD_CITY = 1 } StandardLevel;

typedef struct StandardRow {
    long long id; /* later ids supersede earlier ones with the same start */
    const char *category;
    Month from;
    StandardLevel level;
    Fen amount;            /* per person per month; ignored when pegged */
    const char *pegged_to; /* a category whose standard this one follows, or NULL */
    const char *note;      /* the policy source or the reason */
    const char *set_at, *set_by;
} StandardRow;

typedef struct Standards {
    const StandardRow *rows;
    int n;
} Standards;

typedef struct StandardValue {
    Fen amount;            /* what is paid: the greater of the minimum and the city's */
    Fen minimum;           /* the provincial minimum, or -1 if there is none */
    StandardLevel source;  /* which one gave AMOUNT */
    const char *pegged_to; /* the category followed, if AMOUNT came through a peg */
} StandardValue;

/* The standard of CATEGORY for month M; false if neither level has one. */
bool standard_resolve(const Standards *s, const char *category, Month m, StandardValue *out);

/* Checks a new row before it is stored: a city amount below the provincial
   minimum for its first month is refused with a message saying the minimum;
   a peg must name another basic-living category and make no loop. */
bool standard_check(const Standards *s, const StandardRow *row, Problems *p, Arena *a);

/* ---- what a child is due ---- */

/* The first and last month a category confirmed on CONFIRMED and ending on
   ENDS (unset = open; the first day it no longer holds) is paid, by R's rules.
   *LAST is MONTH_NONE when open. */
void pay_months(const AllowanceRules *r, Date confirmed, Date ends, Month *first, Month *last);

typedef struct MonthDue {
    const char *category; /* the one basic-living category paid for the month */
    Fen standard;         /* its standard */
    Fen deduction;        /* 差额: what 低保/特困 pays already; 0 when off */
    Fen amount;           /* standard - deduction, never below 0 */
    Date confirmed;       /* the category's confirmation (its `from`) */
} MonthDue;

typedef enum DueRc {
    DUE_YES = 0,             /* OUT filled */
    DUE_NO,                  /* nothing due for the month */
    DUE_NO_STANDARD,         /* due, but no standard for the category and month: OUT->category set */
    DUE_NO_DIFFERENCE_AMOUNT /* 差额 is on but the 低保/特困 amount is not set */
} DueRc;

/* What C is due for month M: the highest-ranked basic-living category that
   is confirmed (approved, or ended with its end date) and paid in M by
   pay_months(), with its age limit as of M's last day. */
DueRc allowance_due(const Child *c, Month m, const AllowanceRules *r, const Standards *s, MonthDue *out);

#endif
