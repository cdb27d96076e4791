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

/* The children of a boundary month of an age band (:month, 'YYYY-MM'), from
   its first day to day :days: child_birth (birth_date, status, area) is
   sought day by day, each seek reading that day's children of the area
   only. A range on the birth date read the whole city's births of the
   month for a town's summary (five months a request, ~7,500 entries each
   at 1.63 M; issue #8, api). */
#define STATS_BORN_IN_MONTH_SQL                                                                     \
    "WITH RECURSIVE day(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM day WHERE n < :days)"           \
    " SELECT count(*) FROM day JOIN child"                                                           \
    " ON child.birth_date = :month || CASE WHEN day.n < 10 THEN '-0' ELSE '-' END || day.n"         \
    " AND child.status = 'active' AND child.area >= :lo AND child.area < :hi"

/* The counters of a town or the city, row by row: count_units() adds them
   up by unit (a GROUP BY's sorter cost more than the rows; issue #8, api). */
#define STATS_SEX_SQL "SELECT area, status, sex, n FROM stat_area WHERE area >= :lo AND area < :hi"
#define STATS_CATEGORY_SQL "SELECT area, code, n FROM stat_category WHERE area >= :lo AND area < :hi"
/* Row by row: count_ages() adds each month to the bands it is before
   (a GROUP BY's sorter cost more than the rows; issue #8, api). */
#define STATS_BIRTH_SQL "SELECT birth_month, n FROM stat_birth WHERE town >= :lo AND town < :hi"

/* The allowances of the locked payrolls of months [:from, :to], paid to
   the villages in [:lo, :hi): the lines of each payroll are sought by
   their town range [:tlo, :thi) (the town of those villages), so that a
   town's summary does not read the city's lines (issue #8, api). */
#define STATS_PAID_SQL                                                                                 \
    "SELECT pr.month, sum(pl.amount_fen), count(DISTINCT pl.child_id) FROM payroll pr"                 \
    " JOIN payroll_line pl ON pl.payroll_id = pr.id"                                                   \
    " WHERE pr.status = 'locked' AND pr.month >= :from AND pr.month <= :to"                            \
    " AND pl.town >= :tlo AND pl.town < :thi AND pl.village >= :lo AND pl.village < :hi GROUP BY pr.month"

/* New and ended records of the summary's twelve months in the area range:
   one seek of the primary key (month, area) a month, reading the area's
   rows only (a month range read every area's rows of the year; issue #8, api). */
#define STATS_FLOW_SQL                                                                               \
    "SELECT month, sum(new), sum(ended) FROM stat_flow"                                              \
    " WHERE month IN (:m0, :m1, :m2, :m3, :m4, :m5, :m6, :m7, :m8, :m9, :m10, :m11)"                 \
    " AND area >= :lo AND area < :hi GROUP BY month"

#endif
