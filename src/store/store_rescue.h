/*
** The store's rescue-centre side (sql/ migration "rescue"): institutions
** with their beds, admissions of known or unidentified children, their
** timeline of steps, identification, discharge, the stays a month's figures
** are made from, and the overdue work of unidentified children. The rules
** of store.h apply: writes run inside the caller's transaction, reads take
** a Scope applied in the SQL (an admission's area is the child's village,
** or the institution's area while the child is unidentified), and strings
** handed out come from the Arena passed in. The policy is domain/rescue.h;
** these functions check what needs the database and keep the result.
*/
#ifndef SHOUHU_STORE_RESCUE_H
#define SHOUHU_STORE_RESCUE_H

#include "domain/rescue.h"
#include "store/store.h"
#include "store/store_overdue.h"

typedef struct Institution {
    long long id;
    const char *name_zh, *name_en, *kind, *area;
    int beds;        /* child beds; -1 when not recorded */
    long present;    /* children here now (occupancy) */
} Institution;
typedef int (*InstitutionFn)(void *ctx, const Institution *i);
StoreRc store_institutions(Store *s, InstitutionFn fn, void *ctx, Arena *a);
/* Institution ID into OUT, with its occupancy; STORE_NOTFOUND if none. */
StoreRc store_institution_get(Store *s, long long id, Institution *out, Arena *a);
/* Sets the child beds of institution ID: not fewer than the children here
   now (a "rescue_state_beds" problem). STORE_NOTFOUND if none. */
StoreRc store_institution_set_beds(Store *s, long long id, int beds, Problems *p);

typedef struct Admission {
    long long id, institution_id;
    long long child_id;            /* 0 while unidentified */
    const char *institution_name, *institution_name_en;
    const char *area;
    bool arrived_unidentified;
    const char *name;              /* the record's name, or the name given on arrival (may be NULL) */
    int apparent_age;              /* -1 unless unidentified on arrival */
    const char *sex, *found_place, *description;
    Date found_on, child_birth;    /* child_birth: the record's birth date (known children) */
    const char *ground, *placement, *guardianship, *long_term_ground, *case_ref;
    Date admitted_on, notice_on, dna_on, identified_on, discharged_on;
    const char *discharge_kind, *taken_by;
    const char *recorded_at, *recorded_by;
} Admission;

/* The facts the deadlines depend on (rescue_deadlines). */
StayFacts admission_stay_facts(const Admission *ad);

typedef struct NewAdmission {
    long long institution_id;      /* 0: the rescue centre */
    AdmissionInput in;             /* checked already by rescue_admission_check */
    const char *case_ref;
    const Change *change;          /* author and time (its reason is not used) */
} NewAdmission;

/* Adds the admission (and its first step) after the checks that need the
   database: the institution exists, a known child is within SCOPE and not
   here already, and a bed is free. Sets *ID. Problems whose code starts with
   "rescue_state" are conflicts with what is recorded. */
StoreRc store_admission_add(Store *s, const Scope *scope, const NewAdmission *n, long long *id, Problems *p);

StoreRc store_admission_get(Store *s, const Scope *scope, long long id, Admission *out, Arena *a);

typedef struct AdmissionFilter {
    Scope scope;
    const char *status;            /* "present", "discharged" or NULL for all */
    long long institution_id;      /* 0 = any */
} AdmissionFilter;
typedef int (*AdmissionFn)(void *ctx, const Admission *ad);
/* Admissions in F's scope, in order of admission. */
StoreRc store_admissions_list(Store *s, const AdmissionFilter *f, AdmissionFn fn, void *ctx, Arena *a);

typedef struct AdmissionStep {
    const char *kind;              /* CODES_RESCUE_STEP */
    Date on;
    const char *detail, *note, *recorded_at, *recorded_by;
} AdmissionStep;
typedef int (*AdmissionStepFn)(void *ctx, const AdmissionStep *st);
/* The timeline of admission ID, in the order recorded. */
StoreRc store_admission_steps(Store *s, long long id, AdmissionStepFn fn, void *ctx, Arena *a);

/* What a step, an identification or a discharge does, by whom and when. */
typedef struct AdmissionAct {
    long long id;                  /* the admission */
    const char *kind;              /* a step (rescue_step_kind) or a discharge's kind (CODES_DISCHARGE) */
    Date on, today;
    const char *ground;            /* long_term: the Art. 94 ground */
    long long child_id;            /* identify: the child's record */
    const char *taken_by;          /* discharge: who took the child */
    const char *note;
    const Change *change;
} AdmissionAct;

/* Each checks the admission's state (rescue_step_check, rescue_discharge_check)
   and records the act on its timeline. STORE_NOTFOUND outside SCOPE. */
StoreRc store_admission_step(Store *s, const Scope *scope, const AdmissionAct *act, Problems *p);
StoreRc store_admission_discharge(Store *s, const Scope *scope, const AdmissionAct *act, Problems *p);
/* Links an unidentified child's admission to the record act->child_id
   (within SCOPE): the admission takes the child's area. */
StoreRc store_admission_identify(Store *s, const Scope *scope, const AdmissionAct *act, Problems *p);

/* The stays in SCOPE that concern month M (admitted by its end, not
   discharged before it began), for rescue_month_figures. Array in A. */
StoreRc store_rescue_stays(Store *s, const Scope *scope, Month m, Stay **out, long *n, Arena *a);

/* The overdue source of the rescue centre (store_overdue.h): the family-
   search notices and DNA samples of unidentified children that are due or
   late, and children about to be or already long-term stranded. Kinds
   "rescue.family_search", "rescue.dna_sample", "rescue.stranded"; actor
   "rescue_staff"; record "admission:ID". */
StoreRc store_overdue_rescue(Store *s, const Scope *scope, const char *today, int horizon_days, OverdueSink sink,
                             void *ctx, Arena *a);

#endif
