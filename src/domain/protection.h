/*
** The rules of protection work (issue #6, DOMAIN.md §4-5): the code lists of
** reports, calls, visits and cases; case numbers; the case workflow and
** which steps it allows; referral due dates and their escalation; who is
** told of a mandatory report; the visit frequency per category and the next
** visit's due date. Pure: no SQL, no HTTP, today passed in as a date.
*/
#ifndef SHOUHU_PROTECTION_H
#define SHOUHU_PROTECTION_H

#include <stdbool.h>
#include "domain/codes.h"
#include "domain/date.h"
#include "domain/message.h"
#include "util/arena.h"

extern const CodeTable CODES_SECTOR;           /* the mandated reporter's sector (DOMAIN.md §5) */
extern const CodeTable CODES_TRIGGER;          /* the nine triggers of a mandatory report */
extern const CodeTable CODES_INQUIRY;          /* what a hotline caller asks */
extern const CodeTable CODES_REFERRAL_UNIT;    /* the member units a case is referred to */
extern const CodeTable CODES_CASE_STATUS;      /* reported ... closed */
extern const CodeTable CODES_CASE_STEP;        /* assess, plan, review, close, reopen */
extern const CodeTable CODES_CASE_OUTCOME;     /* how a case was closed */
extern const CodeTable CODES_RISK;             /* low ... critical */
extern const CodeTable CODES_GUARDIANSHIP;     /* the guardianship assessment */
extern const CodeTable CODES_CARE;             /* the guardian's care at a visit: good / fair / poor */
extern const CodeTable CODES_VISIT_KIND;       /* home / phone / school */
extern const CodeTable CODES_INTERVENTION;     /* criticism ... revocation of guardianship */
extern const CodeTable CODES_COURT_RESULT;     /* a revocation application's result */
extern const CodeTable CODES_REFERRAL_STATUS;  /* pending / accepted / declined / done */
extern const CodeTable CODES_CASE_SOURCE;      /* report / hotline / visit */
extern const CodeTable CODES_REPORT_VIA;       /* phone / form / visit */
extern const CodeTable CODES_REFERRAL_DECISION; /* a unit's answer: accept / decline / done */

/* Every table above, NULL-terminated (for GET /api/v1/protection/codes). */
extern const CodeTable *const PROTECTION_CODE_TABLES[];

/* ---- case numbers ---- */

enum { CASE_NUMBER_BUF = 24 };
/* "DG-2023-000123" for the SEQ-th case received in YEAR, into OUT. */
char *case_number_format(int year, long long seq, char out[CASE_NUMBER_BUF]);
/* The year and number of a case number; false if it is not one. */
bool case_number_parse(const char *s, int *year, long long *seq);

/* Adds the problem CODE ("case_bad_step", "referral_bad_state") for FIELD,
   naming STATE of the table STATES and ACTION of ACTIONS in each language. */
void state_problem(Problems *p, const char *field, const char *code, const CodeTable *states, const char *state,
                   const CodeTable *actions, const char *action);

/* ---- the workflow ---- */

/* The status after STEP (CODES_CASE_STEP) on a case in STATUS, or NULL with
   the problem "case_bad_step" when the workflow does not allow it. */
const char *case_step_next(const char *status, const char *step, Problems *p);
/* The status after a referral or an intervention: a planned case is then
   in service; other open statuses stay. NULL with "case_closed" for a closed case. */
const char *case_after_service(const char *status, Problems *p);
bool case_is_open(const char *status);
/* Whether STEP may be taken on a case in STATUS (the steps a page offers). */
bool case_step_allowed(const char *status, const char *step);
/* The status of a referral (KIND "referral" or "notice", in STATUS) after a
   unit's DECISION: pending -> accepted | declined, pending or accepted ->
   done; a notice is only accepted (read). NULL with a problem otherwise. */
const char *referral_next(const char *kind, const char *status, const char *decision, Problems *p);
/* "张**" for a reporter's name seen by roles without reporter:read. In A; NULL for none. */
char *person_name_mask(Arena *a, const char *name);
/* Checks what STEP needs (risk and guardianship to assess, an outcome to
   close, a note to plan, review and reopen); adds problems for what is missing. */
bool case_step_fields_ok(const char *step, const char *risk, const char *guardianship, const char *outcome,
                         const char *note, Problems *p);

/* ---- configurable rules ---- */

typedef struct ProtectionRules {
    int referral_days;        /* a referral's due date: sent + this many days */
    int police_days;          /* the police referral of a mandatory report */
    int escalate_city_days;   /* overdue by more than this: the city, not the town */
    int visit_months[16];     /* by the index of the category in CODES_CATEGORY; 0 = no regular visit */
} ProtectionRules;

/* The defaults of DOMAIN.md §4 and the team's: 7, 1, 5 days; visits monthly
   for orphans, de facto unsupported, HIV-infected and 困境 children,
   quarterly for left-behind ones. */
void protection_rules_default(ProtectionRules *r);
/* Sets setting KEY ("protection.referral_days", "visit.months.left_behind",
   ...) to VALUE; false (and a problem) for an unknown key or a bad value. */
bool protection_rules_set(ProtectionRules *r, const char *key, const char *value, Problems *p);
/* Whether KEY is a protection setting. */
bool protection_setting_known(const char *key);

/* ---- referrals ---- */

/* The due date of a referral to UNIT sent on SENT; FROM_REPORT for the
   police referral a mandatory report sends at once. */
Date referral_due(Date sent, const char *unit, bool from_report, const ProtectionRules *r);

typedef enum Escalation { ESCALATION_NONE, ESCALATION_TOWN, ESCALATION_CITY } Escalation;
/* Where an open referral due on DUE stands on TODAY: not late, late (the
   town's supervisor), or late by more than escalate_city_days (the city).
   *DAYS_LATE (if given) gets how many days late, 0 when not. */
Escalation referral_escalation(Date due, Date today, const ProtectionRules *r, int *days_late);
/* The role an escalation goes to ("town_supervisor", "city_staff"), NULL for none. */
const char *escalation_actor(Escalation e);

/* ---- who is told of a mandatory report ---- */

typedef struct ReportNotice {
    const char *unit;         /* CODES_REFERRAL_UNIT */
    bool referral;            /* a referral that needs action (police), else a notice */
} ReportNotice;
/* The units told of a report from a reporter of SECTOR about a child aged
   AGE (-1 unknown) with ENROLMENT (CODES_ENROLMENT, or NULL): police always
   (a referral), civil affairs, and education when the reporter is a school
   or the child is of school age. Fills OUT (room for 3); returns the count. */
int report_notices(const char *sector, int age, const char *enrolment, ReportNotice out[3]);
/* Sectors that are schools (school, kindergarten, tutoring, school bus). */
bool sector_is_school(const char *sector);
/* Of school age: 6 to 17, or enrolled in school. */
bool child_of_school_age(int age, const char *enrolment);

/* ---- visits ---- */

/* The regular visit interval in months of a child holding the categories
   CODES (N of them): the shortest of theirs, 0 when none has one. */
int visit_interval_months(const char *const *codes, int n, const ProtectionRules *r);
/* The next visit's due date: MONTHS after LAST, or SINCE when there was no
   visit yet (unset when MONTHS is 0). */
Date visit_next_due(Date last, Date since, int months);

/* ---- times ---- */

/* Seconds since 1970 of an ISO 8601 time "2026-11-29T09:05:00+08:00" ('Z',
   an offset, or none for Asia/Shanghai; seconds optional). */
bool iso_time_parse(const char *s, long long *out);

#endif
