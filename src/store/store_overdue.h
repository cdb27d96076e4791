/*
** Overdue work (督查督办): the narrow interface between the parts of Shouhu
** that create work with a due date (category steps, home visits, referrals,
** the rescue centre's deadlines, stale records, children about to age out)
** and the supervision list that shows it.
**
** Each part provides one OverdueSource function that reports, through the
** sink, every item of its work in SCOPE whose due date is on or before
** TODAY + HORIZON_DAYS and that is not done. The supervision module keeps
** the one table of sources (src/store/sqlite_overdue.c, OVERDUE_SOURCES[]),
** so that adding a kind of work touches its own file and one row there.
**
** The strings of an item belong to the arena A given to the source (or to
** the source's statement until the sink returns, if the sink copies them).
*/
#ifndef SHOUHU_STORE_OVERDUE_H
#define SHOUHU_STORE_OVERDUE_H

#include "store/store.h"
#include "util/arena.h"

typedef struct OverdueItem {
    const char *kind;       /* a stable code: "category_step", "visit", "referral",
                               "rescue.family_search", "record_stale", "age_out", ... */
    const char *record;     /* what to open: "child:123", "case:45", "referral:7", "admission:3" */
    long long child_id;     /* the child concerned, 0 when none is known */
    const char *area;       /* the code of the village (or town) the item belongs to */
    const char *due;        /* the ISO date the work is or was due */
    const char *title;      /* what is late, in the caller's language ("家访: 张三") */
    const char *actor;      /* who should act: a role ("village_director") or a unit ("police") */
} OverdueItem;

/* Non-zero stops the source. */
typedef int (*OverdueSink)(void *ctx, const OverdueItem *item);

typedef StoreRc (*OverdueSource)(Store *s, const Scope *scope, const char *today,
                                 int horizon_days, OverdueSink sink, void *ctx, Arena *a);

/* ---- supervision (issue #7): the table of sources and its runner ---- */

typedef struct OverdueSourceRow {
    const char *kind;        /* the kind of its items, for filters and counts */
    OverdueSource fn;
} OverdueSourceRow;

/* The sources, ending with {NULL, NULL}: src/store/sqlite_overdue.c. */
extern const OverdueSourceRow OVERDUE_SOURCES[];

/* Runs every source (or only KIND's, when KIND is not NULL) in turn. */
StoreRc store_overdue_collect(Store *s, const Scope *scope, const char *kind, const char *today, int horizon_days,
                              OverdueSink sink, void *ctx, Arena *a);

/* The days without any change after which an active record is stale: the
   setting "supervision.stale_days", 365 when unset. */
int store_overdue_stale_days(Store *s);

#endif
