/*
** The SQL of the area tree's statements that tests/unit/test_query_plans.c
** checks, in a header of its own so that the test runs EXPLAIN QUERY PLAN on
** the very statements sqlite_area.c prepares.
*/
#ifndef SHOUHU_STORE_SQLITE_AREA_SQL_H
#define SHOUHU_STORE_SQLITE_AREA_SQL_H

/* (issue #8, page2) the area table's change count: one row, by its key */
#define STORE_AREA_VERSION_SQL "SELECT n FROM area_version WHERE id = 1"

#endif
