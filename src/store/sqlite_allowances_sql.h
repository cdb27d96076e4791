/*
** The SQL of the allowances' lists (other help, the category applications,
** the parts of a payroll, the settlements), in a header of its own so that
** tests/unit/test_query_plans.c runs EXPLAIN QUERY PLAN on the very
** statements the store prepares. Only the allowances' SQLite files and
** that test include it. Each list reads its rows through an index: the
** caller's area range (aid_area), the status and area (the confirmation
** queue), the child, or the payroll's key.
*/
#ifndef SHOUHU_STORE_SQLITE_ALLOWANCES_SQL_H
#define SHOUHU_STORE_SQLITE_ALLOWANCES_SQL_H

/* ---- other help: the filter of the list and the totals ---- */

#define AID_WHERE                                                                                 \
    " WHERE aid.area >= :lo AND aid.area < :hi AND (:child = 0 OR aid.child_id = :child)"         \
    " AND (:id = 0 OR aid.id = :id)"                                                              \
    " AND (:kind IS NULL OR aid.kind = :kind) AND (:from IS NULL OR aid.given_on >= :from)"       \
    " AND (:to IS NULL OR aid.given_on <= :to)"

#define AID_LIST_SQL                                                                                         \
    "SELECT aid.id, aid.child_id, aid.kind, aid.given_on, aid.amount_fen, "                                  \
    "aid.school_year, aid.expense_fen, aid.deductible_fen, aid.note, aid.area, "                             \
    "aid.recorded_at, aid.recorded_by, aid.voided_at, aid.void_reason, child.name "                          \
    "FROM aid JOIN child ON child.id = aid.child_id" AID_WHERE                                               \
    " AND (:void OR aid.voided_at IS NULL) ORDER BY aid.given_on, aid.id"

#define AID_TOTALS_SQL                                                                       \
    "SELECT aid.kind, count(*), count(DISTINCT aid.child_id), sum(aid.amount_fen) "          \
    "FROM aid" AID_WHERE " AND aid.voided_at IS NULL GROUP BY aid.kind ORDER BY aid.kind"

/* ---- the category applications, newest first ---- */

#define APPLICATION_COLUMNS                                                                                            \
    "a.id, a.child_id, a.category, a.area, a.applicant, a.status, a.applied_on, a.verified_on, a.decided_on, "         \
    "a.advice, a.note, c.name"
#define APPLICATION_FROM " FROM category_application a JOIN child c ON c.id = a.child_id"
#define APPLICATION_SCOPE " a.area >= :lo AND a.area < :hi"

/* The queue (applications of one status: those waiting for the town or the
   city) through category_application_status (status, area). */
#define APPLICATIONS_BY_STATUS_SQL                                                                   \
    "SELECT " APPLICATION_COLUMNS APPLICATION_FROM " WHERE a.status = :status AND" APPLICATION_SCOPE \
    " AND (:child = 0 OR a.child_id = :child) ORDER BY a.id DESC"
/* One child's (its page) through category_application_child. */
#define APPLICATIONS_BY_CHILD_SQL                                                                    \
    "SELECT " APPLICATION_COLUMNS APPLICATION_FROM " WHERE a.child_id = :child AND" APPLICATION_SCOPE \
    " ORDER BY a.id DESC"
/* Every application in the scope (the late steps' report), through
   category_application_area (the allowances' second migration). */
#define APPLICATIONS_IN_SCOPE_SQL "SELECT " APPLICATION_COLUMNS APPLICATION_FROM " WHERE" APPLICATION_SCOPE " ORDER BY a.id DESC"

/* ---- the towns' parts of a payroll, within or covering the scope ---- */

#define PAYROLL_TOWNS_SQL                                                                                  \
    "SELECT pt.town, a.name, pt.status, pt.submitted_at, pt.submitted_by, "                                \
    "pt.returned_reason, (SELECT count(*) FROM payroll_line l WHERE l.payroll_id = "                       \
    "pt.payroll_id AND l.town = pt.town), (SELECT coalesce(sum(l.amount_fen), 0) FROM "                    \
    "payroll_line l WHERE l.payroll_id = pt.payroll_id AND l.town = pt.town) "                             \
    "FROM payroll_town pt JOIN area a ON a.code = pt.town WHERE pt.payroll_id = :id "                      \
    "AND ((pt.town >= :lo AND pt.town < :hi) OR substr(:prefix, 1, length(a.prefix)) = a.prefix) "         \
    "ORDER BY pt.town"

/* ---- the settlements of adult orphans, made by the towns of the scope ---- */

#define SETTLEMENTS_SQL                                                                   \
    "SELECT x.id, x.child_id, x.name, x.id_number, x.town, a.name, x.settled_on, "        \
    "x.paid_on, x.amount_fen, x.proposed_town, x.out_of_turn_reason, x.history, x.demo, " \
    "x.note, x.recorded_at, x.recorded_by FROM settlement x "                             \
    "JOIN area a ON a.code = x.town WHERE x.town >= :lo AND x.town < :hi "                \
    "ORDER BY x.settled_on, x.id"

#endif
