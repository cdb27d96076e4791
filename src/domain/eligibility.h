/*
** Eligibility: which categories a child qualifies for on a given date, from
** the facts its record holds, and why, in words a caseworker can check
** against the papers ("父亲服刑在押，刑期36个月，自2022-03-01起；母亲失联满6个月
** （公安受理2022-05-10）"). It also says from which day the child qualifies
** (or will: a 6-month threshold ahead) and the first day it no longer does
** (the 18th birthday, the end of a sentence), so the system can warn ahead.
**
** Pure: the date is passed in; no SQL, no clock. Nothing here changes a
** record: the rules advise, the category procedure (category_flow.h) decides.
**
** How the policy texts are read (DOMAIN.md §1-2; the texts named there):
**
** - Dates. Every judgement is an interval [from, until): FROM is the first
**   day the child qualifies, UNTIL the first day it no longer does. Unset
**   FROM means "since a day the record does not give"; unset UNTIL means no
**   end is known. A category recorded as ended has `to` = that UNTIL day.
**
** - "6 months or more" (6个月以上). "以上" includes the number itself
**   (Criminal Law Art. 99), so a sentence of exactly 6 months counts. A
**   6-month period is reached on the corresponding day six months later, or
**   the month's last day when there is none (Civil Code Art. 202; 08-31 ->
**   02-28): lost contact accepted by the police on 2022-05-10 counts from
**   2022-11-10, and on 2022-11-09 (six months less a day) it does not yet.
**   This is also how the demo data and the ledger count ages (a child is 18
**   on its 18th birthday). The stricter reading of Civil Code Art. 201 (the
**   first day not counted, so 2022-11-11) would move the threshold by one day.
**
** - Deprivation of liberty (服刑在押, 强制隔离戒毒, 其他限制人身自由): the term
**   recorded (term_months) must be 6 months or more; the parent counts from
**   situation_since, the start of the term, because the length is known when
**   it starts; the term ends on start + term months (a judgment's "自2022-03-01
**   起至2025-02-28止" frees the parent on 2025-03-01, the UNTIL day). Without a
**   recorded term the parent counts once the deprivation has lasted 6 months
**   (from start + 6 months), with no known end. A term under 6 months never
**   counts.
**
** - Lost contact (失联): counts from the day the police accepted the report
**   (situation_since) plus 6 months; without that date it cannot be judged.
**
** - Severe illness, severe disability, guardianship revoked, deported: count
**   from situation_since (or from an unrecorded day). The disability level
**   and the list of diseases are in the evidence, not in the record.
**
** - Orphans: both parents dead or declared missing, from the later of the
**   two dates; in an institution when the guardian's relation is
**   "institution", else scattered. De facto unsupported: both parents in S,
**   or one dead or missing and the other in S, from the day both hold; both
**   dead or missing makes an orphan instead. Left-behind: under 16, rural
**   hukou, both parents working away for 6 months or more, or one away and
**   the other in S or dead or missing; a child recorded as migrant is not
**   left-behind (it does not live at its hukou place). Tekun: under 16 and
**   neither parent able (dead, missing or in S); whether another person is
**   bound and able to support the child is not in the record, so the
**   judgement says to check it.
**
** - HIV: the record has no field for it. A recorded `hiv` category (not
**   ended) with evidence (the CDC's confirmation report) is the fact; a
**   health note that mentions HIV/艾滋病 without such a category makes the
**   judgement "unknown: needs the confirmation report"; otherwise no.
**
** - Ages: orphans, de facto unsupported and HIV-infected children qualify
**   until their 18th birthday; left-behind and tekun until their 16th.
**   An orphan or de facto unsupported child who is 18 or older and recorded
**   as in school keeps qualifying while in full-time schooling when
**   rules->adults_in_school_keep (Guangdong, default on): no end date is
**   known then (it ends when the caseworker records leaving school or
**   graduation); a child under 18 in school is told that it may continue.
**
** - Categories the facts cannot decide (困境, 低保, 流动, 流浪, 非户籍) are listed
**   only when recorded, and only their age limit is checked.
*/
#ifndef SHOUHU_ELIGIBILITY_H
#define SHOUHU_ELIGIBILITY_H

#include <jansson.h>
#include <stdbool.h>
#include "domain/child.h"
#include "domain/date.h"
#include "util/arena.h"

typedef enum EligState {
    ELIG_NO = 0,
    ELIG_YES = 1,
    ELIG_UNKNOWN = 2 /* a fact the rule needs is not recorded */
} EligState;

typedef struct EligibilityRules {
    bool adults_in_school_keep; /* DOMAIN.md §1, configurable, default on */
    int threshold_months;       /* the "6 months or more" of 民发〔2019〕62号: 6 */
} EligibilityRules;

extern const EligibilityRules ELIGIBILITY_RULES_DEFAULT;

typedef struct Judgement {
    const char *category;  /* CODES_CATEGORY */
    EligState state;       /* on the date asked */
    Date from;             /* first day it qualifies (maybe ahead); unset = an unrecorded day, or never */
    Date until;            /* first day it no longer qualifies; unset = no end known */
    bool by_facts;         /* false: only the age limit was checked */
    const char *recorded;  /* the record's category status: NULL (none), applied, approved, ended */
    const char *reason[2]; /* the facts and the conclusion, [LANG_ZH], [LANG_EN] */
    const char *note[2];   /* what to watch (a threshold ahead, the end, a check), or NULL */
} Judgement;

typedef struct EligibilityResult {
    Date on;
    int age;          /* whole years on ON; -1 without a birth date */
    Judgement *items; /* in the arena */
    int n;
    const char *basic_living; /* the basic-living category the child is paid under if all are
                                 recorded (orphan, then de facto, then HIV), or NULL */
} EligibilityResult;

/* Judges every category the rules can judge for C on ON, and the age limit
   of the other categories C holds. Strings are allocated in A. */
void eligibility_evaluate(const Child *c, Date on, const EligibilityRules *rules, EligibilityResult *out, Arena *a);

/* R as JSON: {"on", "age", "basic_living", "items": [{"category", "state":
   "yes"|"no"|"unknown", "from", "until", "by_facts", "recorded", "reason":
   {"zh", "en"}, "note": {"zh", "en"}}]}. The caller owns the result. */
json_t *eligibility_to_json(const EligibilityResult *r);

const char *elig_state_code(EligState state); /* "yes", "no", "unknown" */

/* The judgement for CATEGORY in R, or NULL. */
const Judgement *eligibility_find(const EligibilityResult *r, const char *category);

/* The first day a person born BIRTH is YEARS old, as date_age_on() counts
   (a child born on 29 February is 18 on 1 March in a common year). */
Date birthday_reached(Date birth, int years);

/* The first day C no longer qualifies for CATEGORY because of its age, as
   of ON: the 16th or 18th birthday; unset when the age does not end it (an
   orphan or de facto unsupported child 18 or older in full-time schooling,
   when the rules allow) or when there is no birth date. */
Date eligibility_age_until(const Child *c, const char *category, Date on, const EligibilityRules *rules);

/* Whether CATEGORY is a basic-living allowance category (孤儿, 事实无人抚养, HIV),
   and its rank in the order a child is paid under one only (0 first), or -1. */
int basic_living_rank(const char *category);

/* The findings of a scan of an area (应保尽保), shared by `shouhu eligibility
   scan` and the supervision lists. A category is watched when it is the
   basic-living one R would pay, or left-behind. */
bool eligibility_watched(const EligibilityResult *r, const Judgement *j);
/* J qualifies now, is watched, and is not recorded (or only as ended). */
bool eligibility_uncovered(const EligibilityResult *r, const Judgement *j);
/* J does not qualify yet by the facts, but will after R's date and on or
   before HORIZON (a threshold such as 6 months of imprisonment ahead), for
   a watched or basic-living category. */
bool eligibility_starting(const EligibilityResult *r, const Judgement *j, Date horizon);

#endif
