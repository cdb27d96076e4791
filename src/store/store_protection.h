/*
** The store's protection side (sql/ protection migration, issue #6): cases
** and their timeline, referrals to member units, guardianship
** interventions, the hotline's call log, home visits, and the two overdue
** sources (visits, referrals) for the supervision list.
**
** The rules of store.h apply: the caller owns the transaction (functions
** that write refuse to run outside one), reads take a Scope applied in the
** SQL by the area prefix, and strings handed out come from the Arena
** passed in. A partner's reads also take its UNIT: a case, a referral or a
** timeline entry is then found only when it was referred to that unit.
** The policy (workflow, due dates, escalation, visit frequency) is in
** domain/protection.h; these functions keep and find what it decides.
*/
#ifndef SHOUHU_STORE_PROTECTION_H
#define SHOUHU_STORE_PROTECTION_H

#include <stdbool.h>
#include "domain/protection.h"
#include "store/store.h"
#include "store/store_overdue.h"

/* The protection settings: the defaults, overridden by the `setting` rows
   ("protection.referral_days", "visit.months.left_behind", ...). */
StoreRc store_protection_rules(Store *s, ProtectionRules *out);
/* Checks VALUE for KEY (a problem if wrong) and stores it. */
StoreRc store_protection_setting_set(Store *s, const char *key, const char *value, Problems *p);

/* ---- cases ---- */

typedef struct CaseStep CaseStep;
struct Referral;

typedef struct CaseRecord {
    long long id;
    const char *number, *source, *status, *area, *area_name;
    long long child_id;                   /* 0 = no record (child_desc describes the child) */
    const char *child_name;               /* the record's name, or the description's */
    const char *child_desc;               /* JSON text, or NULL */
    const char *triggers;                 /* JSON array text */
    const char *seen, *place, *occurred_at;
    const char *reporter_name, *reporter_unit, *reporter_sector, *reporter_phone, *via;
    const char *risk, *guardianship, *outcome, *owner;
    const char *received_at;
    long long received_unix;
    const char *first_action_at;
    long long first_action_seconds;       /* -1 = no action yet */
    const char *reporter_notified_at, *reporter_notified_by;
    const char *created_at, *created_by, *updated_at;
    int overdue_referrals;                /* open referrals past due on the day asked (reads only) */
} CaseRecord;

/* Adds C: numbers it DG-YEAR-NNNNNN in the year of received_at (the next in
   that year), sets c->id, c->number (in A). */
StoreRc store_case_insert(Store *s, CaseRecord *c, Arena *a);
/* Writes what changes on a case: status, risk, guardianship, outcome, owner,
   first action, reporter told, updated_at (by c->id). */
StoreRc store_case_save(Store *s, const CaseRecord *c);
/* Opens case C as received: inserts it (status "reported"; c->created_at,
   created_by, received_at and the reporter's sector set by the caller),
   its first timeline entry, and the notices a mandatory report sends
   (report_notices: the police's referral due by referral_due, the others
   as notices) for a child aged AGE (-1 unknown) with ENROLMENT. FN (if
   given) gets each referral sent. Strings in A. */
StoreRc store_case_open(Store *s, CaseRecord *c, int age, const char *enrolment, const ProtectionRules *r, Date today,
                        int (*fn)(void *ctx, const struct Referral *ref), void *ctx, Arena *a);
/* Saves case C (store_case_save) with the timeline entry ST of it; ST's
   case_id is set here, and c->updated_at becomes st->at. */
StoreRc store_case_record(Store *s, CaseRecord *c, CaseStep *st);

/* The record number of the case numbered NUMBER ("DG-2024-000123"); STORE_NOTFOUND if none. */
StoreRc store_case_id_by_number(Store *s, const char *number, long long *id);
/* Case ID if in SCOPE (and, with UNIT, referred to it); TODAY counts overdue referrals. */
StoreRc store_case_get(Store *s, const Scope *scope, const char *unit, long long id, Date today, CaseRecord *out,
                       Arena *a);

typedef struct CaseFilter {
    Scope scope;
    const char *unit;         /* a partner's unit: only cases referred to it */
    const char *status, *owner;   /* narrow the area through SCOPE */
    const char *risk;         /* only cases assessed at this risk */
    long long child_id;       /* only this child's cases (0: every child's) */
    bool overdue;             /* only cases with an open referral past due */
    Date today;
    long long before_id;      /* cursor: ids lower than this (newest first); 0 = from the newest */
    int limit;
} CaseFilter;
typedef int (*CaseFn)(void *ctx, const CaseRecord *c);   /* non-zero stops */
StoreRc store_cases_list(Store *s, const CaseFilter *f, CaseFn fn, void *ctx, Arena *a);

/* ---- the timeline ---- */

struct CaseStep {
    long long id, case_id;
    const char *at, *author, *step, *from_status, *to_status, *note;
    const char *detail;       /* JSON text, or NULL */
    const char *unit;         /* the unit concerned (referrals), or NULL */
};
StoreRc store_case_step_add(Store *s, const CaseStep *st);
typedef int (*CaseStepFn)(void *ctx, const CaseStep *st);
/* The steps of case CASE_ID, oldest first; with UNIT only those concerning it. */
StoreRc store_case_steps(Store *s, long long case_id, const char *unit, CaseStepFn fn, void *ctx, Arena *a);

/* ---- referrals ---- */

typedef struct Referral {
    long long id, case_id;
    const char *kind, *unit, *status, *sent_at, *sent_by;
    Date due;                 /* unset for a notice */
    const char *note, *reason, *action, *responded_at, *responded_by;
    /* with the case, on reads */
    const char *case_number, *case_area, *case_status;
} Referral;
StoreRc store_referral_insert(Store *s, Referral *r);   /* sets r->id */
/* Writes status, reason, action, responded_at and responded_by (by r->id). */
StoreRc store_referral_save(Store *s, const Referral *r);
/* Referral ID if its case is in SCOPE (and, with UNIT, it is to that unit). */
StoreRc store_referral_get(Store *s, const Scope *scope, const char *unit, long long id, Referral *out, Arena *a);

typedef struct ReferralFilter {
    Scope scope;
    const char *unit;         /* only referrals to this unit */
    long long case_id;        /* only those of this case, 0 = any */
    const char *status;
    bool overdue;             /* only open referrals due before TODAY */
    Date today;
    int limit;
} ReferralFilter;
typedef int (*ReferralFn)(void *ctx, const Referral *r);
/* Newest first; those of one case oldest first. */
StoreRc store_referrals_list(Store *s, const ReferralFilter *f, ReferralFn fn, void *ctx, Arena *a);

/* ---- interventions ---- */

typedef struct Intervention {
    long long id, case_id;
    const char *kind;
    Date on;
    const char *target, *note, *court_result, *recorded_at, *recorded_by;
} Intervention;
StoreRc store_intervention_insert(Store *s, Intervention *i);
typedef int (*InterventionFn)(void *ctx, const Intervention *i);
StoreRc store_interventions(Store *s, long long case_id, InterventionFn fn, void *ctx, Arena *a);

/* ---- the hotline ---- */

typedef struct HotlineCall {
    long long id;
    const char *received_at, *recorded_at;
    long long first_action_seconds;
    const char *caller_name, *caller_phone, *area, *asks, *question, *answer;
    long long child_id, case_id;
    const char *case_number;  /* on reads */
    const char *taken_by;
} HotlineCall;
StoreRc store_hotline_insert(Store *s, HotlineCall *c);
typedef struct HotlineFilter {
    Scope scope;
    const char *asks;
    Date from, to;            /* on received_at's day, inclusive */
    long long before_id;
    int limit;
} HotlineFilter;
typedef int (*HotlineFn)(void *ctx, const HotlineCall *c);
StoreRc store_hotline_list(Store *s, const HotlineFilter *f, HotlineFn fn, void *ctx, Arena *a);
/* Call ID if its area is in SCOPE (STORE_NOTFOUND otherwise); its strings live in A. */
StoreRc store_hotline_get(Store *s, const Scope *scope, long long id, HotlineCall *out, Arena *a);
/* Links call ID to the case it became; STORE_CONFLICT if it already has one. In a transaction. */
StoreRc store_hotline_link_case(Store *s, long long id, long long case_id);

/* ---- visits ---- */

typedef struct Visit {
    long long id, child_id;
    const char *area;
    Date visited_on;
    const char *kind, *seen, *care, *findings, *risk, *needs, *follow_up;
    long long case_id;
    const char *case_number;  /* on reads */
    const char *recorded_at, *recorded_by;
} Visit;
StoreRc store_visit_insert(Store *s, Visit *v);
typedef int (*VisitFn)(void *ctx, const Visit *v);
/* The visits of CHILD_ID, newest first. */
StoreRc store_visits_of_child(Store *s, long long child_id, VisitFn fn, void *ctx, Arena *a);

/* A child's visit schedule: its categories held now, when care began, the last visit. */
typedef struct VisitDue {
    long long child_id;
    const char *name, *area, *area_name;
    const char **categories;
    int n_categories;
    int months;               /* the interval; 0 = no regular visit */
    Date since, last, due;
} VisitDue;
/* The schedule of CHILD_ID (in SCOPE) on TODAY. */
StoreRc store_visit_schedule(Store *s, const Scope *scope, long long child_id, Date today, const ProtectionRules *r,
                             VisitDue *out, Arena *a);
typedef int (*VisitDueFn)(void *ctx, const VisitDue *d);
/* Children in SCOPE whose next visit is due on or before TODAY + HORIZON_DAYS, soonest first. */
StoreRc store_visits_due(Store *s, const Scope *scope, Date today, int horizon_days, const ProtectionRules *r,
                         VisitDueFn fn, void *ctx, Arena *a);

/* ---- overdue work (store/store_overdue.h), registered by the supervision module ---- */

/* Visits due: kind "visit", record "child:ID", actor "village_director". */
StoreRc store_overdue_visits(Store *s, const Scope *scope, const char *today, int horizon_days, OverdueSink sink,
                             void *ctx, Arena *a);
/* Open referrals due: kind "referral", record "case:ID", actor the unit
   until due, then the escalation (town_supervisor, then city_staff). */
StoreRc store_overdue_referrals(Store *s, const Scope *scope, const char *today, int horizon_days, OverdueSink sink,
                                void *ctx, Arena *a);

#endif
