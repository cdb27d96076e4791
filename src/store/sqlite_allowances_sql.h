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

/* ---- payrolls (sqlite_payroll.c): the list, a payroll's lines, the children
   a payroll is generated for ---- */

#define PAYROLL_COLUMNS                                                                                                \
    "p.id, p.month, p.area, a.name, p.status, p.created_at, p.created_by, p.generated_at, p.approved_at, "             \
    "p.approved_by, p.locked_at, p.locked_by, p.paid_on, "                                                             \
    "(SELECT count(*) FROM payroll_line l WHERE l.payroll_id = p.id AND l.village >= :lo AND l.village < :hi), "       \
    "(SELECT count(*) FROM payroll_line l WHERE l.payroll_id = p.id AND l.kind = 'regular' "                           \
    "AND l.village >= :lo AND l.village < :hi), "                                                                      \
    "(SELECT coalesce(sum(l.amount_fen), 0) FROM payroll_line l WHERE l.payroll_id = p.id "                            \
    "AND l.village >= :lo AND l.village < :hi)"

/* A payroll is visible to a scope it lies within, or that lies within it (a
   town sees the city's payroll, and only its own lines of it). */
#define PAYROLL_VISIBLE " ((p.area >= :lo AND p.area < :hi) OR substr(:prefix, 1, length(a.prefix)) = a.prefix)"

/* the payrolls of a month (or all) visible to the scope: a few a month, read
   in the month's order, each one's lines counted by its key */
#define PAYROLLS_LIST_SQL                                                                             \
    "SELECT " PAYROLL_COLUMNS " FROM payroll p JOIN area a ON a.code = p.area "                        \
    "WHERE (:month IS NULL OR p.month = :month) AND" PAYROLL_VISIBLE " ORDER BY p.month DESC, p.id DESC"

/* a payroll's lines in the scope (payroll_line_payroll), in the sheet's order */
#define PAYROLL_LINES_SQL                                                                           \
    "SELECT l.id, l.payroll_id, l.child_id, l.town, t.name, l.village, v.name, l.kind, "             \
    "l.category, l.standard_fen, l.months, l.back_months, l.first_month, l.last_month, "             \
    "l.for_month, l.amount_fen, l.reason, l.child_name, l.child_id_number, "                         \
    "l.holder_name, l.holder_relation, l.holder_id_number, l.holder_phone "                          \
    "FROM payroll_line l JOIN area t ON t.code = l.town JOIN area v ON v.code = l.village "           \
    "WHERE l.payroll_id = :id AND l.village >= :lo AND l.village < :hi "                             \
    "AND (:town IS NULL OR l.town = :town) "                                                         \
    "ORDER BY l.town, l.village, l.child_id, l.kind DESC, l.id"

/* the children holding a basic-living category in the area, by village:
   child_category_code searched by each code and the area's range */
#define PAYROLL_CHILDREN_SQL                                                          \
    "SELECT DISTINCT child_id FROM child_category WHERE code IN "                     \
    "('orphan_institution', 'orphan_scattered', 'de_facto_unsupported', 'hiv') "     \
    "AND status IN ('approved', 'ended') AND area >= :lo AND area < :hi "             \
    "ORDER BY area, child_id"

/* the orphans raised by the institution who are 18 on a day and not yet
   settled (sqlite_allowances.c): the children born by then (child_birth),
   each one's category and settlement by the child */
#define ADULT_ORPHAN_CANDIDATES_SQL                                                   \
    "SELECT c.id FROM child c WHERE c.birth_date <= :born AND c.status = 'active' "   \
    "AND EXISTS (SELECT 1 FROM child_category cc WHERE cc.child_id = c.id "          \
    "AND cc.code = 'orphan_institution' AND cc.status <> 'applied') "                \
    "AND NOT EXISTS (SELECT 1 FROM settlement x WHERE x.child_id = c.id) "           \
    "ORDER BY c.birth_date, c.id"

#endif
