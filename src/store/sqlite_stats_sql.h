/*
** The SQL of the statistics and supervision queries that could scan the
** children's table, in a header of their own so that
** tests/unit/test_query_plans.c runs EXPLAIN QUERY PLAN on the very
** statements the store prepares. Only sqlite_overdue.c, sqlite_stats.c and
** that test include it.
*/
#ifndef SHOUHU_STORE_SQLITE_STATS_SQL_H
#define SHOUHU_STORE_SQLITE_STATS_SQL_H

/* Children reaching 18 by a day: few, found by their birth dates (child_birth);
   "+area" keeps the planner from reading a whole town's (or the city's)
   children through child_area instead. */
#define OVERDUE_AGE_OUT_SQL                                                                \
    "SELECT id, name, area, birth_date FROM child WHERE birth_date <= :by AND status = 'active'" \
    " AND +area >= :lo AND +area < :hi ORDER BY birth_date"

/* Active records unchanged since a day: the partial index child_stale. */
#define OVERDUE_STALE_SQL                                                                  \
    "SELECT id, name, area, updated_at FROM child WHERE status = 'active' AND updated_at < :before" \
    " AND +area >= :lo AND +area < :hi ORDER BY updated_at"

/* The children of a boundary month of an age band: child_birth covers it. */
#define STATS_BORN_IN_MONTH_SQL                                                            \
    "SELECT count(*) FROM child WHERE birth_date >= :from AND birth_date <= :to"            \
    " AND status = 'active' AND +area >= :lo AND +area < :hi"

/* The counters of a town or the city. */
#define STATS_SEX_SQL                                                                            \
    "SELECT substr(area, 1, :len), status, sex, sum(n) FROM stat_area WHERE area >= :lo AND area < :hi" \
    " GROUP BY 1, 2, 3"
#define STATS_CATEGORY_SQL \
    "SELECT substr(area, 1, :len), code, sum(n) FROM stat_category WHERE area >= :lo AND area < :hi GROUP BY 1, 2"
#define STATS_BIRTH_SQL \
    "SELECT birth_month, sum(n) FROM stat_birth WHERE town >= :lo AND town < :hi GROUP BY birth_month"

#endif
