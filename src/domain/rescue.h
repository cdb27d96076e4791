/*
** The rescue centre's rules (未成年人救助保护中心; DOMAIN.md §6, Minors
** Protection Law 2020 Art. 92-95): the code lists of the law (grounds of
** temporary guardianship, placements, grounds of long-term guardianship,
** ways of discharge), the deadlines of a child who arrives unidentified,
** the length of a stay and the month's figures with the retention rate.
** Pure functions: "today" is always passed in.
*/
#ifndef SHOUHU_RESCUE_H
#define SHOUHU_RESCUE_H

#include <stdbool.h>
#include "domain/codes.h"
#include "domain/date.h"
#include "domain/message.h"
#include "domain/month.h"

extern const CodeTable CODES_RESCUE_GROUND;     /* Art. 92: the seven grounds of temporary guardianship */
extern const CodeTable CODES_PLACEMENT;         /* Art. 93: where the child is placed */
extern const CodeTable CODES_LONG_TERM_GROUND;  /* Art. 94: the five grounds of long-term guardianship */
extern const CodeTable CODES_DISCHARGE;         /* how a stay ends */
extern const CodeTable CODES_RESCUE_STEP;       /* what is recorded on an admission's timeline */
extern const CodeTable CODES_RESCUE_GUARDIANSHIP;      /* temporary / long_term / ended */

/* The deadlines of an unidentified child (DOMAIN.md §6). */
enum {
    RESCUE_NOTICE_DAYS = 1,       /* family-search notice within 24 hours: by the day after arrival */
    RESCUE_DNA_MONTHS = 1,        /* DNA sample within a month */
    RESCUE_STRANDED_MONTHS = 3,   /* unidentified for 3 months: long-term stranded (长期滞留) */
};

typedef enum DeadlineState {
    DEADLINE_PENDING,   /* not done, not yet due */
    DEADLINE_OVERDUE,   /* not done, past its day (for "stranded": the day is reached) */
    DEADLINE_DONE,      /* done, on the day in DONE */
    DEADLINE_MOOT       /* no longer needed: the child was identified or left first */
} DeadlineState;

typedef enum DeadlineKind { DEADLINE_NOTICE, DEADLINE_DNA, DEADLINE_STRANDED, DEADLINE_KINDS } DeadlineKind;

typedef struct Deadline {
    DeadlineKind kind;
    const char *code;     /* "family_search_notice", "dna_sample", "long_term_stranded" */
    Date due;             /* the last day on time (stranded: the day it begins) */
    Date done;            /* set when DONE */
    DeadlineState state;
} Deadline;

/* What the deadlines depend on. An admission of a known child has none. */
typedef struct StayFacts {
    bool arrived_unidentified;
    Date admitted;
    Date identified;      /* unset while unidentified */
    Date notice;          /* the family-search notice's day, or unset */
    Date dna;             /* the DNA sample's day, or unset */
    Date discharged;      /* unset while the child is here */
} StayFacts;

/* The three deadlines of F on TODAY into OUT; returns how many apply (0 for
   a child who arrived with a known identity, else DEADLINE_KINDS). */
int rescue_deadlines(const StayFacts *f, Date today, Deadline out[DEADLINE_KINDS]);

/* The length of a stay in days: from the day of admission to the day of
   discharge, or to TODAY while the child is here (a stay that ends the day it
   began is 0 days). */
long rescue_stay_days(Date admitted, Date discharged, Date today);

/* Whether a discharge of KIND ends the guardianship the centre held: a child
   collected by family, escorted home or adopted (Art. 95) has a guardian
   again; one transferred or placed in foster care stays in the state's care. */
bool rescue_discharge_ends_guardianship(const char *kind);

/* The month's figures (docs/rescue.md). Of the stays S[0..N):
   - admissions: admitted during the month; discharges: discharged during it;
   - present: here at the end of the month's last day (admitted on or
     before it, not discharged on or before it);
   - stranded: of those present, the ones whose stay by that day has lasted
     3 months or more (the day of admission + 3 months is on or before it);
   - retention rate (滞留率) = stranded / present, in tenths of a percent
     (permille), or -1 when no one is present;
   - stay_days_total over the month's discharges (their average is
     stay_days_total / discharges). */
typedef struct Stay {
    Date admitted, discharged;
} Stay;
typedef struct RescueMonth {
    Month month;
    long admissions, discharges, present, stranded;
    long stay_days_total;
    int retention_permille;
} RescueMonth;
void rescue_month_figures(const Stay *s, long n, Month m, RescueMonth *out);
/* "12.5" (a percent with one decimal) into OUT; "" for -1 (or anything not a rate). */
char *rescue_permille_format(int permille, char out[8]);

/* An admission as entered: checked by rescue_admission_check. */
typedef struct AdmissionInput {
    long long child_id;          /* a known child, or 0 */
    const char *name;            /* an unidentified child: a name given on arrival (optional) */
    int apparent_age;            /* an unidentified child: 0..17, -1 unset */
    const char *sex;             /* CODES_SEX */
    const char *found_place;
    Date found_on;
    const char *description;
    const char *ground, *placement;
    Date admitted_on;
} AdmissionInput;

/* Adds problems for what is wrong with IN on TODAY: a known child or the
   description of an unidentified one (not both), codes of the law's lists,
   dates not after today and found before admitted. True when none. */
bool rescue_admission_check(const AdmissionInput *in, Date today, Problems *p);

/* Whether KIND is a step that POST .../steps records (the others of
   CODES_RESCUE_STEP are recorded by admission, identification, discharge). */
bool rescue_step_kind(const char *kind);

/* Checks a step of KIND on DAY for a stay admitted on ADMITTED whose
   guardianship is GUARDIANSHIP and whose steps so far include the notice
   (HAS_NOTICE) and DNA sample (HAS_DNA); GROUND is the Art. 94 ground a
   long-term step needs. Problems whose code starts with "rescue_state" are
   about the state the stay is in (a conflict), others about the input. */
bool rescue_step_check(const char *kind, Date day, const char *ground, Date admitted, Date today,
                       const char *guardianship, bool has_notice, bool has_dna, Problems *p);

/* Checks a discharge of KIND on DAY by TAKEN_BY (who took the child). */
bool rescue_discharge_check(const char *kind, Date day, const char *taken_by, Date admitted, Date today, Problems *p);

#endif
