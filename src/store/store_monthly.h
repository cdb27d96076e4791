/*
** Monthly reports in the store (issue #7, 总结上报): the figures of a month
** and an area computed from the ledger, and the reports with their workflow
** (a village generates and submits, its town checks and submits the sum of
** its villages, the city accepts). What the figures mean, the cross-checks
** and who may act are domain/monthly.c's; this applies them to the data.
**
** The computation is a table of figure-group sources (sqlite_monthly.c,
** MONTHLY_SOURCES[]), one MonthlySource per group of MONTHLY_GROUPS: visits,
** cases, referrals and the rescue centre add a row each.
**
** Strings handed out come from the Arena passed in.
*/
#ifndef SHOUHU_STORE_MONTHLY_H
#define SHOUHU_STORE_MONTHLY_H

#include "domain/month.h"
#include "domain/monthly.h"
#include "store/store.h"

/* A month and an area, as the sources need them. */
typedef struct MonthlySpan {
    Month month;
    const char *prefix;              /* the area's prefix ("441900003") */
    char first[11], last[11], next[11];   /* the month's first and last day, the next month's first */
    char month_text[8];              /* "2024-06" */
} MonthlySpan;

/* One pass of the sources over SPAN's area: the figures of N areas at
   once, each query grouped by the first KLEN digits of a row's area (its
   key). One area is a pass with its own prefix as the only key; the areas
   directly below one (a town's villages, the city's towns) are a pass over
   their parent with their prefixes as the keys, so that a roll-up reads
   the ledger once, not once per area. */
typedef struct MonthlyPass {
    const MonthlySpan *span;
    int klen;                        /* the keys' length */
    int n;
    const char *const *keys;         /* the areas' prefixes */
    MonthlyValues *out;              /* OUT[i]: KEYS[i]'s figures */
    int last;                        /* the area found last (rows come in area order) */
    MonthlyValues *total;            /* NULL, or the parent's own figures: every row in its range */
} MonthlyPass;

/* Sets the figures of one group for each area of pass P, from the ledger. */
typedef StoreRc (*MonthlySource)(Store *s, MonthlyPass *p);

/* Every figure of MONTH for area CODE (any level) and everything below it,
   from the ledger as it is now. */
StoreRc store_monthly_compute(Store *s, const char *code, Month month, MonthlyValues *out);
/* The same for the groups GROUPS only (codes of MONTHLY_GROUPS, NULL-ended;
   the others stay 0), and, when UPTO is set and falls before the month's
   last day, the month up to the end of UPTO (a dashboard's "as of"; the
   rescue centre's figures stay the whole month's): the dashboards read a
   few groups, not the children's (whose counters the statistics keep). */
StoreRc store_monthly_compute_groups(Store *s, const char *code, Month month, Date upto, const char *const *groups,
                                     MonthlyValues *out);

/* The figures of MONTH for each of the N areas AREAS (codes) directly
   below area CODE, from the ledger as it is now: OUT[i] is AREAS[i]'s, the
   same as store_monthly_compute(AREAS[i]), computed in one pass over CODE
   (each figure's query grouped by area) when the areas' prefixes are of one
   length within CODE's, else area by area. SELF, when not NULL, gets CODE's
   own figures (store_monthly_compute(CODE)) from the same pass. */
StoreRc store_monthly_compute_below(Store *s, const char *code, Month month, int n, const char *const *areas,
                                    MonthlyValues *out, MonthlyValues *self);

typedef struct MonthlyReport {
    long long id;
    Month month;
    const char *area, *area_name;
    int level;                       /* 1 city, 2 town, 3 village */
    const char *status;              /* draft, submitted, returned, accepted */
    MonthlyValues figures;           /* frozen once submitted */
    const char *generated_at, *generated_by, *submitted_at, *submitted_by;
    const char *returned_at, *returned_by, *returned_reason, *accepted_at, *accepted_by;
} MonthlyReport;

typedef int (*MonthlyReportFn)(void *ctx, const MonthlyReport *r);   /* non-zero stops */

/* Makes the draft report of MONTH for AREA (within SCOPE), or refreshes the
   figures of a draft or returned one; a submitted or accepted one is
   refused (monthly_state). TODAY: a month not begun is refused. *CREATED
   says whether the report is new. */
StoreRc store_monthly_generate(Store *s, const Scope *scope, Month month, const char *area, Date today,
                               const Change *ch, MonthlyReport *out, bool *created, Problems *p, Arena *a);
StoreRc store_monthly_get(Store *s, const Scope *scope, long long id, MonthlyReport *out, Arena *a);
/* The report of MONTH for AREA (the command line: any area); STORE_NOTFOUND if none. */
StoreRc store_monthly_find(Store *s, Month month, const char *area, MonthlyReport *out, Arena *a);
/* The reports within SCOPE, of MONTH (MONTH_NONE: any), of areas under
   AREA_PREFIX (NULL: any), with STATUS (NULL: any); newest month first, then by area. */
StoreRc store_monthly_list(Store *s, const Scope *scope, Month month, const char *area_prefix, const char *status,
                           MonthlyReportFn fn, void *ctx, Arena *a);

/* The areas directly below report R's area that must report for its month
   (those with children recorded by the month's end, or with a report), each
   with its report if there is one (id 0 and status NULL if not). */
StoreRc store_monthly_below(Store *s, const MonthlyReport *r, MonthlyReportFn fn, void *ctx, Arena *a);
/* The same, those without a report (status NULL) with their figures from
   the ledger now, all computed in one pass (store_monthly_compute_below);
   SELF, when not NULL, gets R's area's own figures from that pass. */
StoreRc store_monthly_below_figures(Store *s, const MonthlyReport *r, MonthlyReportFn fn, void *ctx,
                                    MonthlyValues *self, Arena *a);

typedef struct MonthlyStep {
    long long id;
    const char *actor, *actor_area;  /* the account and its area */
    const char *reason;              /* a return's */
    const char *at;
} MonthlyStep;

/* Submits: recomputes the figures (a village from the ledger, a town or the
   city as the sum of the reports below it), checks that every area below
   has submitted and has not been corrected since, runs the cross-checks,
   and freezes them. Refusals are problems (STORE_INVALID). */
StoreRc store_monthly_submit(Store *s, const MonthlyStep *step, Problems *p);
/* The level above sends a submitted report back, with a reason; or accepts it. */
StoreRc store_monthly_return(Store *s, const MonthlyStep *step, Problems *p);
StoreRc store_monthly_accept(Store *s, const MonthlyStep *step, Problems *p);

#endif
