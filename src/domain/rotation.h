/*
** The rotation of adult orphans (成年孤儿轮流安置): orphans raised in the city
** welfare centre who reach 18 and can live independently are settled by the
** towns in turn, each settlement with a one-time subsidy (130,000 yuan by
** default). The seed says 32 towns settle: Dongguan's 28 towns and 4
** streets; the 4 functional zones (松山湖, 东莞港, 生态园, 滨海湾新区) have no
** settled population of their own and take no turn.
**
** The next town is the one with the fewest settlements so far, and among
** those the first after the town that settled last, in the rotation order
** (by default the official code order: the streets, then the towns). In a
** rotation kept without exceptions this is simply the next town; after an
** exception (a town settled out of turn) the towns that missed a turn come
** first.
*/
#ifndef SHOUHU_ROTATION_H
#define SHOUHU_ROTATION_H

#include <stdbool.h>

typedef struct RotationTown {
    const char *code, *name;
    int settled; /* settlements so far, history included */
} RotationTown;

/* Whether a town-level unit of KIND (street, town, zone) takes turns. */
bool rotation_takes_turns(const char *kind);

/* The index in TOWNS (the rotation order) of the town that settles next,
   given the town that settled last (NULL for none); -1 if N is 0. */
int rotation_next(const RotationTown *towns, int n, const char *last_town);

#endif
