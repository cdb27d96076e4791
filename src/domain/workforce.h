/*
** The workforce and activities (issue #7): the town child supervisors and
** village child directors, their training, the activities and publicity of
** each level, and the social organisations' services with an evaluation.
** The checks of what is recorded (a supervisor belongs to a town, a
** director to a village; an activity's level is its area's; no day after
** today), as pure functions adding problems.
*/
#ifndef SHOUHU_WORKFORCE_H
#define SHOUHU_WORKFORCE_H

#include <stdbool.h>
#include "domain/date.h"
#include "domain/message.h"

/* The codes: "supervisor|director", the activity kinds and levels, the evaluations. */
extern const char *const WORKER_ROLES[];
extern const char *const ACTIVITY_KINDS[];
extern const char *const ACTIVITY_LEVELS[];
extern const char *const SERVICE_EVALUATIONS[];
/* The Chinese word of a code of one of the lists above, or the code. */
const char *workforce_word(const char *code);

/* A supervisor is recorded in a town, a director in a village. */
bool workforce_check_worker(const char *role, const char *area, Date appointed_on, Date today, Problems *p);
bool workforce_check_training(Date trained_on, long long hours, Date today, Problems *p);
/* The level is the area's (city, town, village); LEVEL NULL: taken from the area. */
bool workforce_check_activity(const char *level, const char *area, const char *kind, long long participants,
                              Date held_on, Date today, Problems *p);
bool workforce_check_service(Date started_on, long long children_served, Date today, Problems *p);
bool workforce_check_evaluation(const char *evaluation, Problems *p);
/* "city", "town" or "village" of an area code. */
const char *workforce_level_of(const char *area);

#endif
