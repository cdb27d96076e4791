/*
** The workforce and activities in the store (issue #7): the register of
** child supervisors and directors with their training, the gaps (villages
** without a director, towns without a supervisor), activities with their
** counts, and the social organisations' services with their evaluation.
** The rules are domain/workforce.c's; reads are scoped by area prefix.
** Strings handed out come from the Arena passed in, or live only during a
** callback.
*/
#ifndef SHOUHU_STORE_WORKFORCE_H
#define SHOUHU_STORE_WORKFORCE_H

#include "store/store.h"

typedef struct Worker {
    long long id;
    const char *name, *role, *area, *area_name, *phone;
    Date appointed_on, left_on;
    long trainings, training_hours;
    const char *last_training;           /* the latest training's day, or NULL */
} Worker;
typedef int (*WorkerFn)(void *ctx, const Worker *w);

StoreRc store_worker_add(Store *s, const Worker *w, const Change *ch, long long *id);
/* The workers of SCOPE (all, or only those still serving when CURRENT). */
StoreRc store_workers_list(Store *s, const Scope *scope, bool current, WorkerFn fn, void *ctx);
/* A training of worker ID (within SCOPE, else STORE_NOTFOUND). */
StoreRc store_training_add(Store *s, const Scope *scope, long long worker_id, Date on, const char *title, long long hours,
                           const Change *ch, long long *id);

/* The areas of SCOPE that lack their worker: villages without a director
   serving, towns without a supervisor serving (marked areas left out). */
typedef int (*GapFn)(void *ctx, const char *code, const char *name, const char *missing_role);
StoreRc store_workforce_gaps(Store *s, const Scope *scope, GapFn fn, void *ctx);

typedef struct Activity {
    long long id;
    const char *level, *area, *area_name, *title, *kind;
    Date held_on;
    long long participants;
} Activity;
typedef int (*ActivityFn)(void *ctx, const Activity *a);
StoreRc store_activity_add(Store *s, const Activity *a, const Change *ch, long long *id);
/* The activities of SCOPE held FROM..TO (unset: open), newest first; *EVENTS
   and *PARTICIPANTS get the totals of all of them. */
StoreRc store_activities_list(Store *s, const Scope *scope, Date from, Date to, ActivityFn fn, void *ctx,
                              long long *events, long long *participants);

typedef struct SocialService {
    long long id, org_id;
    const char *area, *area_name, *title, *evaluation, *evaluation_note, *evaluated_by;
    Date started_on, evaluated_on;
    long long children_served;
} SocialService;
typedef struct SocialOrg {
    long long id;
    const char *name, *area, *area_name, *contact, *phone;
} SocialOrg;
typedef int (*SocialOrgFn)(void *ctx, const SocialOrg *o);
typedef int (*SocialServiceFn)(void *ctx, const SocialService *sv);

/* STORE_CONFLICT if the name is taken. */
StoreRc store_org_add(Store *s, const SocialOrg *o, const Change *ch, long long *id);
StoreRc store_orgs_list(Store *s, const Scope *scope, SocialOrgFn fn, void *ctx);
/* The services given in SCOPE, of org ORG_ID (0: all). */
StoreRc store_services_list(Store *s, const Scope *scope, long long org_id, SocialServiceFn fn, void *ctx);
/* A service of org ORG_ID (visible in SCOPE, else STORE_NOTFOUND) given in sv->area. */
StoreRc store_service_add(Store *s, const Scope *scope, const SocialService *sv, const Change *ch, long long *id);
/* The evaluation of service ID given in SCOPE (else STORE_NOTFOUND). */
StoreRc store_service_evaluate(Store *s, const Scope *scope, long long id, const char *evaluation, const char *note,
                               Date on, const Change *ch);

#endif
