/*
** What the parts of `shouhu demo` share (cmd_demo.c calls each part after
** the children are stored): the area tree as the demo reads it, a small
** deterministic generator, days counted back from "today", the demo's
** author and reason, children picked from the ledger, and one transaction
** per part whose refusals are printed as a bug of the generator. Each part
** (allowances_demo.c, rescue_demo.c, workforce_demo.c, monthly_demo.c)
** writes only through the store functions the API uses.
*/
#ifndef SHOUHU_DEMO_PARTS_H
#define SHOUHU_DEMO_PARTS_H

#include <stdbool.h>
#include <stdint.h>
#include "domain/allowance.h"
#include "domain/demo.h"
#include "store/store.h"

/* The usable villages (level 3, not virtual) with their towns' names, in A.
   *INSTITUTION gets the code of the welfare centre's village, or NULL. */
StoreRc demo_villages(Store *s, Arena *a, DemoVillage **out, int *n, const char **institution);

/* The town-level units in area-code order, and the city, in A. */
typedef struct DemoTowns {
    const char *city;      /* the city's code, or NULL */
    Area *items;
    int n;
} DemoTowns;
StoreRc demo_towns(Store *s, Arena *a, DemoTowns *out);
/* The village-level areas of TOWN (all of them: the caller skips marked ones), in A. */
StoreRc demo_town_villages(Store *s, const char *town, Arena *a, Area **out, int *n);

/* A part of the demo while it runs. */
typedef struct DemoPart {
    Store *s;
    Arena *a;          /* the part's memory, freed by demo_part_end() */
    uint64_t rng;
    Date today;
    long minors;       /* the demo's size: counts of the city scale with it (demo_scale) */
    const char *at;    /* now, as an ISO time: when every record was entered */
    Change change;     /* author "demo", reason 演示数据 */
    Problems p;        /* what a store function refused: a bug of the generator */
} DemoPart;

/* Starts part PART_SALT of the demo for SEED: its own generator (so a part
   changed does not change the others' data), its arena, and a transaction.
   False (with a message) if the transaction did not begin. */
bool demo_part_begin(DemoPart *d, Store *s, uint64_t seed, uint64_t part_salt, Date today, long minors);
/* Commits when R is STORE_OK, else rolls back and says why on stderr, with
   the problems, naming the part WHAT. Frees the part's memory. True if committed. */
bool demo_part_end(DemoPart *d, StoreRc r, const char *what);

int demo_pick(DemoPart *d, int n);          /* 0..n-1 */
bool demo_chance(DemoPart *d, int percent);
Date demo_days_ago(const DemoPart *d, int days);
/* DAY at HOUR:MIN in Asia/Shanghai, "YYYY-MM-DDTHH:MM:00+08:00", in d->a. */
const char *demo_time(DemoPart *d, Date day, int hour, int min);
/* A made-up Chinese name and mobile number, in d->a. */
const char *demo_person_name(DemoPart *d);
const char *demo_phone(DemoPart *d);

/* A child picked from the ledger. */
typedef struct DemoKid {
    long long id;
    const char *area, *name;
    Date birth;
    int n_categories;
} DemoKid;
/* Up to MAX children matching F, in id order, copied into d->a; *N gets how many. */
StoreRc demo_kids(DemoPart *d, const ChildFilter *f, int max, DemoKid **out, int *n);
/* The area of the account USERNAME (a demo account), or NULL if there is none. */
const char *demo_account_area(DemoPart *d, const char *username);

/* ---- the parts ---- */

/* What the parts made, for the summary and the tests. */
typedef struct DemoTally {
    int applications, applied, verified, confirmed, refused;   /* the category procedure */
    int payrolls_locked, payrolls_draft, aid, settlements;
    int admissions, present, unidentified;                     /* the rescue centre */
    int supervisors, directors, trainings, activities, orgs, services;
    long long participants;
    int village_reports, village_submitted, village_returned, town_reports, town_submitted;
} DemoTally;

/* Each adds its part for SEED, dated before TODAY, in a transaction of its
   own, and counts it in T; false (with a message) if it failed. Run after
   the children, the demo accounts and the protection work, in this order:
   the monthly reports count what the others made. */
bool allowances_demo(Store *s, uint64_t seed, Date today, long minors, DemoTally *t);
bool rescue_demo(Store *s, uint64_t seed, Date today, long minors, DemoTally *t);
bool workforce_demo(Store *s, uint64_t seed, Date today, long minors, DemoTally *t);
bool monthly_demo(Store *s, uint64_t seed, Date today, long minors, DemoTally *t);
/* The adult orphans' settlements since 2013 as a made-up history marked
   demo: 53 from March 2013 to the end of 2022, the towns in turn, each paid
   a month later (also `shouhu adult-orphans demo-history`). STORE_CONFLICT
   when settlements are recorded already or no town takes turns. Strings in A. */
enum { ADULT_ORPHAN_DEMO_HISTORY = 53 }; /* the seed: 53 since 2013 */
StoreRc adult_orphan_demo_history(Store *s, const AllowanceRules *rules, const char *at, const char *by, Problems *p,
                                  Arena *a);
/* The four parts above in their order. */
bool demo_more(Store *s, uint64_t seed, Date today, long minors, DemoTally *t);
/* One line per part, in Chinese when ZH. */
void demo_tally_print(const DemoTally *t, bool zh);

#endif
