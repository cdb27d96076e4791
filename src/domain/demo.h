/*
** Synthetic children for demonstrations, training and load tests: a
** deterministic generator of ledger records that look like Dongguan's
** (DOMAIN.md §2, seed/FACTS.md) and pass child_validate().
**
** Pure: no SQL, no I/O, no clock. The villages and "today" are passed in;
** the same seed, villages, today and count give the same children, byte for
** byte, on every machine (the generator has its own PRNG, xoshiro256**).
**
** How many children get each category follows the city's figures for the
** default of 60,000 minors (orphans ~260, de facto unsupported ~320, HIV ~25,
** children in difficulty ~3,800, 低保 ~2,400, 特困 ~60, left-behind ~14,000,
** migrant ~26,000, non-registered ~400, street ~30); a smaller demo scales
** them down by N/60,000, a larger one keeps them and adds ordinary children.
** Counts are exact: the plan says how many of each kind, and the generator
** deals them out in a random order.
**
** Use:
**     DemoGen g;
**     demo_init(&g, seed, today, villages, n, institution_area, minors);
**     while (demo_next(&g, &child, arena)) { ... arena_reset(arena); }
**     demo_free(&g);
*/
#ifndef SHOUHU_DEMO_H
#define SHOUHU_DEMO_H

#include <stdbool.h>
#include <stdint.h>
#include "domain/child.h"
#include "domain/date.h"
#include "util/arena.h"

/* The kinds of child the demo makes; each kind has a fixed set of categories
   and parents whose situations justify them. */
typedef enum DemoProfile {
    DEMO_ORDINARY,             /* no category, both parents "normal" */
    DEMO_ORPHAN_INSTITUTION,   /* in the city welfare centre */
    DEMO_ORPHAN_SCATTERED,     /* with a relative or a foster family */
    DEMO_DE_FACTO,             /* 事实无人抚养 */
    DEMO_DE_FACTO_TEKUN,       /* 事实无人抚养 and 特困供养, under 16 */
    DEMO_DE_FACTO_DIBAO,       /* 事实无人抚养 in a 低保 family */
    DEMO_HIV,
    DEMO_POVERTY,              /* 困境(家庭贫困) */
    DEMO_POVERTY_DIBAO,        /* 困境(家庭贫困) and 低保 */
    DEMO_DISABILITY,           /* 困境(自身残疾) */
    DEMO_DISABILITY_DIBAO,     /* 困境(自身残疾) and 低保 */
    DEMO_GUARDIANSHIP,         /* 困境(监护缺失或不当) */
    DEMO_DIBAO,                /* 低保 only */
    DEMO_LEFT_BEHIND,          /* under 16, rural hukou, parents away */
    DEMO_MIGRANT,              /* under 16, hukou in another province */
    DEMO_NON_REGISTERED,       /* no Dongguan hukou (some no hukou at all) */
    DEMO_STREET,               /* taken in by the rescue centre, identity unknown */
    DEMO_PROFILES
} DemoProfile;

/* How many children of each kind a demo of MINORS children makes. */
typedef struct DemoPlan {
    long minors;
    long count[DEMO_PROFILES];   /* sums to minors; count[DEMO_ORDINARY] is the rest */
} DemoPlan;

void demo_plan(long minors, DemoPlan *out);
/* A count of the city's (at 60,000 minors and more) for a demo of MINORS:
   the same for a larger demo, scaled down by MINORS/60,000 (rounded) for a
   smaller one. The other parts of the demo (activities, aid...) scale so. */
long demo_scale(long city_count, long minors);
/* The next number of the small generator the demo's other parts share
   (splitmix64: the same on every machine), advancing *STATE. */
uint64_t demo_splitmix(uint64_t *state);
/* How many children of PLAN hold the category CODE (a child may hold several). */
long demo_plan_category(const DemoPlan *plan, const char *code);
/* The categories of a profile, as a "|"-separated list of codes ("" for none). */
const char *demo_profile_categories(DemoProfile p);

/* A village children may live in, as the store lists it. */
typedef struct DemoVillage {
    const char *code;   /* 12 digits */
    const char *name;   /* 岗贝社区居民委员会 */
    const char *town;   /* the town-level unit's name, for addresses and schools: 东城街道 */
    const char *kind;   /* community / village / other */
    const char *mark;   /* NULL, "living_area" (few residents) or "virtual" (none: never used) */
} DemoVillage;

/* The generator's state. Read plan and made; the rest is private. */
typedef struct DemoGen {
    DemoPlan plan;
    long made;                      /* children generated so far */
    /* private */
    uint64_t rng[4];
    Date today;
    long today_days;
    const DemoVillage *villages;    /* borrowed: must outlive the generator */
    int n_villages;
    int institution;                /* index of the welfare centre's village */
    uint64_t *weight_all;           /* cumulative residence weights, n_villages each */
    uint64_t *weight_rural;         /* the same over rural villages only */
    long remaining[DEMO_PROFILES];  /* of the plan, still to deal out */
    uint16_t *id_used;              /* per ID prefix, birth day and sex: sequence numbers taken */
    long id_days;                   /* birth days covered by id_used */
    uint32_t id_salt;               /* where each day's sequence numbers start */
    int surname_total, origin_total;/* sums of the weights of the constant tables */
    DemoProfile last;
    struct DemoPlace *places;       /* names derived from each village */
    Arena *arena;                   /* holds places and the weights */
} DemoGen;

/* Prepares G to make MINORS children (at most 100 million) living in
   VILLAGES (borrowed, not copied; "virtual" ones are skipped, "living_area"
   ones get few children). INSTITUTION_AREA is the code of the village where
   the city welfare centre and rescue centre stand; NULL or unknown = the
   first usable village. TODAY is the date the records are made on: every
   date generated is on or before it, and every child is under 18 on it.
   Returns false (and G needs no demo_free) when no village is usable.
   Otherwise G holds memory until demo_free(G). */
bool demo_init(DemoGen *g, uint64_t seed, Date today, const DemoVillage *villages, int n_villages,
               const char *institution_area, long minors);

/* Fills OUT with the next child (a new record: id 0, version 0) and returns
   true, or returns false when all the plan's children have been made.
   Strings are string literals or come from A; the caller may reset A once
   it is done with OUT. */
bool demo_next(DemoGen *g, Child *out, Arena *a);

/* The profile of the child demo_next() made last (for counts and tests). */
DemoProfile demo_last_profile(const DemoGen *g);

void demo_free(DemoGen *g);

#endif
