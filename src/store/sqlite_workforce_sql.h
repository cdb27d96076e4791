/*
** The SQL of the workforce's lists and counts (sqlite_workforce.c), in a
** header of its own so that tests/unit/test_query_plans.c can run EXPLAIN
** QUERY PLAN on the very statements the store prepares.
*/
#ifndef SHOUHU_STORE_SQLITE_WORKFORCE_SQL_H
#define SHOUHU_STORE_SQLITE_WORKFORCE_SQL_H

/* the register of an area (worker_area), each worker's training by its key (worker_training_worker) */
#define WORKERS_LIST_SQL                                                                                      \
    "SELECT w.id, w.name, w.role, w.area, a.name, w.phone, w.appointed_on, w.left_on, "                       \
    "(SELECT count(*) FROM worker_training t WHERE t.worker_id = w.id), "                                     \
    "(SELECT coalesce(sum(t.hours), 0) FROM worker_training t WHERE t.worker_id = w.id), "                    \
    "(SELECT max(t.trained_on) FROM worker_training t WHERE t.worker_id = w.id) "                             \
    "FROM worker w JOIN area a ON a.code = w.area "                                                           \
    "WHERE w.area >= :lo AND w.area < :hi AND (:current = 0 OR w.left_on IS NULL) ORDER BY w.area, w.role, w.id"

/* towns and villages of an area (the area's key range) with no worker of theirs serving (worker_area) */
#define WORKFORCE_GAPS_SQL                                                                                    \
    "SELECT a.code, a.name, CASE a.level WHEN 2 THEN 'supervisor' ELSE 'director' END FROM area a "           \
    "WHERE a.level IN (2, 3) AND a.code >= :lo AND a.code < :hi AND a.mark IS NULL "                          \
    "AND NOT EXISTS (SELECT 1 FROM worker w WHERE w.area = a.code AND w.left_on IS NULL "                     \
    "AND w.role = CASE a.level WHEN 2 THEN 'supervisor' ELSE 'director' END) ORDER BY a.code"

/* the activities of an area (activity_area) */
#define ACTIVITIES_LIST_SQL                                                                                     \
    "SELECT v.id, v.level, v.area, a.name, v.title, v.kind, v.held_on, v.participants "                         \
    "FROM activity v JOIN area a ON a.code = v.area "                                                           \
    "WHERE v.area >= :lo AND v.area < :hi AND (:from IS NULL OR v.held_on >= :from) "                          \
    "AND (:to IS NULL OR v.held_on <= :to) ORDER BY v.held_on DESC, v.id DESC"

/* the services given in an area (social_service_area), of one organisation or all */
#define SERVICES_LIST_SQL                                                                                       \
    "SELECT v.id, v.org_id, v.area, a.name, v.title, v.evaluation, v.evaluation_note, v.evaluated_by, "         \
    "v.started_on, v.evaluated_on, v.children_served FROM social_service v JOIN area a ON a.code = v.area "     \
    "WHERE v.area >= :lo AND v.area < :hi AND (:org = 0 OR v.org_id = :org) ORDER BY v.started_on DESC, v.id DESC"

/* An organisation is visible in its area and below it, and to the areas above it. */
#define ORG_VISIBLE " ((o.area >= :lo AND o.area < :hi) OR substr(:prefix, 1, length(a.prefix)) = a.prefix) "
/* the social organisations visible to a scope: a few hundred in the city,
   read in their names' order, each one's area by its key */
#define ORGS_LIST_SQL                                                                           \
    "SELECT o.id, o.name, o.area, a.name, o.contact, o.phone FROM social_org o "                \
    "JOIN area a ON a.code = o.area WHERE" ORG_VISIBLE "ORDER BY o.name"

#endif
