/*
** The SQL of the monthly reports' figure sources and roll-up (sqlite_monthly.c),
** in a header of its own so that tests/unit/test_query_plans.c can run
** EXPLAIN QUERY PLAN on the very statements the store prepares. Only
** sqlite_monthly.c and that test include it.
*/
#ifndef SHOUHU_STORE_SQLITE_MONTHLY_SQL_H
#define SHOUHU_STORE_SQLITE_MONTHLY_SQL_H

/* A child c recorded at the month's end: created before the next month began,
   and active, or its status last changed after the month (it ended later). */
#define MONTHLY_RECORDED_AT_END                                                                          \
    " c.created_at < :next AND (c.status = 'active' OR coalesce((SELECT max(v.changed_at) FROM child_version v " \
    "WHERE v.child_id = c.id AND json_extract(v.changes, '$.status') IS NOT NULL), '') >= :next) "

/* The age in whole years on the month's last day, from 'YYYY-MM-DD' strings. */
#define MONTHLY_AGE_AT_END                                                                     \
    " (CAST(substr(:last, 1, 4) AS INTEGER) - CAST(substr(c.birth_date, 1, 4) AS INTEGER) - " \
    "(substr(c.birth_date, 6, 5) > substr(:last, 6, 5))) "

/* The key of a row's area in a pass (sqlite_monthly.c): the first :klen
   digits of COL, an area below the span's or the span's own prefix. Every
   figure query is grouped by it, so that one query computes one area (the
   key is its prefix) or every area below one (their prefixes, all of the
   same length) with the same SQL. */
#define MONTHLY_KEY(col) " substr(" col ", 1, :klen) AS k "

/* children: recorded at the month's end, by sex and age; the area range drives it (child_area) */
#define MONTHLY_CHILDREN_SQL                                                                  \
    "SELECT" MONTHLY_KEY("c.area") ", c.sex, " MONTHLY_AGE_AT_END " AS age, count(*) FROM child c "   \
    "WHERE c.area >= :lo AND c.area < :hi AND" MONTHLY_RECORDED_AT_END "GROUP BY k, c.sex, age"

/* The child c of a child_category row cc, found in child_month by (area, id)
   (a child's categories carry its area): what the figures read of a child
   is in that index, so its record is not read. */
#define MONTHLY_JOIN_CHILD " JOIN child c INDEXED BY child_month ON c.area = cc.area AND c.id = cc.child_id "

/* categories: one category's children (child_category's (code, area) index) */
#define MONTHLY_CATEGORY_SQL                                                                                 \
    "SELECT" MONTHLY_KEY("cc.area") ", count(DISTINCT cc.child_id) FROM child_category cc "                   \
    MONTHLY_JOIN_CHILD                                                                                       \
    "WHERE cc.code = :code AND cc.area >= :lo AND cc.area < :hi "                                            \
    "AND (cc.status = 'approved' OR (cc.status = 'ended' AND cc.date_to >= :last)) "                         \
    "AND (cc.date_from IS NULL OR cc.date_from <= :last) AND (cc.date_to IS NULL OR cc.date_to >= :last) "   \
    "AND" MONTHLY_RECORDED_AT_END "GROUP BY k"

/* records: added in the month (child_area), changed and ended (the versions of the month, child_version_changed) */
#define MONTHLY_NEW_SQL                                                      \
    "SELECT" MONTHLY_KEY("c.area") ", count(*) FROM child c WHERE c.area >= :lo AND c.area < :hi " \
    "AND c.created_at >= :first AND c.created_at < :next GROUP BY k"
#define MONTHLY_CHANGED_SQL                                                                            \
    "SELECT" MONTHLY_KEY("c.area") ", count(DISTINCT v.child_id) FROM child_version v "                   \
    "JOIN child c ON c.id = v.child_id "                                                               \
    "WHERE v.changed_at >= :first AND v.changed_at < :next AND v.version > 1 "                          \
    "AND c.area >= :lo AND c.area < :hi GROUP BY k"
/* a status that turned from active (or from nothing, for a record made ended) to another */
#define MONTHLY_ENDED_SQL                                                                              \
    "SELECT" MONTHLY_KEY("c.area") ", count(DISTINCT v.child_id) FROM child_version v "                   \
    "JOIN child c ON c.id = v.child_id "                                                               \
    "WHERE v.changed_at >= :first AND v.changed_at < :next AND c.area >= :lo AND c.area < :hi "         \
    "AND coalesce(json_extract(v.changes, '$.status[1]'), 'active') <> 'active' "                       \
    "AND coalesce(json_extract(v.changes, '$.status[0]'), 'active') = 'active' GROUP BY k"

/* allowances: the lines of the month's locked payrolls (payroll_month, payroll_line_payroll) */
#define MONTHLY_ALLOWANCES_SQL                                                                  \
    "SELECT" MONTHLY_KEY("l.village") ", count(DISTINCT l.child_id), coalesce(sum(l.amount_fen), 0) "   \
    "FROM payroll p JOIN payroll_line l ON l.payroll_id = p.id "                                \
    "WHERE p.month = :month AND p.status = 'locked' AND l.village >= :lo AND l.village < :hi GROUP BY k"

/* activities: held in the month in the area range (activity_area) */
#define MONTHLY_ACTIVITIES_SQL                                                              \
    "SELECT" MONTHLY_KEY("v.area") ", count(*), coalesce(sum(v.participants), 0) FROM activity v "   \
    "WHERE v.area >= :lo AND v.area < :hi AND v.held_on >= :first AND v.held_on <= :last GROUP BY k"

/* visits: the children recorded at the month's end holding, on its last day,
   a category (as the protection module's schedule counts one: not ended),
   with when the first began, the last visit before the month and whether
   one was made in it: read from child_category_month in (area, child)
   order (a child's categories carry its area), then the child and
   visit_child by key */
#define MONTHLY_VISIT_CHILDREN_SQL                                                                              \
    "SELECT" MONTHLY_KEY("cc.area") ", c.id, group_concat(cc.code), min(cc.date_from), "                        \
    "(SELECT max(v.visited_on) FROM visit v WHERE v.child_id = c.id AND v.visited_on < :first), "              \
    "EXISTS (SELECT 1 FROM visit v WHERE v.child_id = c.id AND v.visited_on >= :first AND v.visited_on <= :last) " \
    "FROM child_category cc" MONTHLY_JOIN_CHILD                                                                 \
    "WHERE cc.area >= :lo AND cc.area < :hi AND c.area >= :lo AND c.area < :hi "                                \
    "AND (cc.status <> 'ended' OR cc.date_to >= :last) "                                                        \
    "AND (cc.date_from IS NULL OR cc.date_from <= :last) AND (cc.date_to IS NULL OR cc.date_to >= :last) "      \
    "AND" MONTHLY_RECORDED_AT_END "GROUP BY cc.area, cc.child_id"
/* the visits made in the month to the area's children (child_area, visit_child) */
#define MONTHLY_VISITS_DONE_SQL                                                                 \
    "SELECT" MONTHLY_KEY("c.area") ", count(*) FROM child c JOIN visit v ON v.child_id = c.id "  \
    "WHERE c.area >= :lo AND c.area < :hi AND v.visited_on >= :first AND v.visited_on <= :last GROUP BY k"

/* A case c open at AT (a parameter): received before it, and its last status step before it not "closed". */
#define MONTHLY_CASE_OPEN_AT(at)                                                                              \
    " c.received_at < " at " AND coalesce((SELECT s.to_status FROM case_step s WHERE s.case_id = c.id "       \
    "AND s.to_status IS NOT NULL AND s.at < " at " ORDER BY s.id DESC LIMIT 1), '') <> 'closed' "
/* cases: open at a time (protect_case_area, case_step_case) */
#define MONTHLY_CASES_OPEN_SQL \
    "SELECT" MONTHLY_KEY("c.area") ", count(*) FROM protect_case c WHERE c.area >= :lo AND c.area < :hi AND" \
    MONTHLY_CASE_OPEN_AT(":at") "GROUP BY k"
/* cases: received in the month */
#define MONTHLY_CASES_OPENED_SQL                                                     \
    "SELECT" MONTHLY_KEY("c.area") ", count(*) FROM protect_case c WHERE c.area >= :lo AND c.area < :hi " \
    "AND c.received_at >= :first AND c.received_at < :next GROUP BY k"
/* cases: the month's closing and reopening steps */
#define MONTHLY_CASES_STEPS_SQL                                                                              \
    "SELECT" MONTHLY_KEY("c.area") ", coalesce(sum(s.to_status = 'closed'), 0), "                            \
    "coalesce(sum(s.from_status = 'closed'), 0) "                                                            \
    "FROM protect_case c JOIN case_step s ON s.case_id = c.id WHERE c.area >= :lo AND c.area < :hi "          \
    "AND s.at >= :first AND s.at < :next AND s.to_status IS NOT NULL "                                       \
    "AND s.to_status IS NOT coalesce(s.from_status, '') GROUP BY k"

/* A referral r open at the month's end past its due day: sent before the
   next month, and pending or accepted still, or answered (last) only after it. */
#define MONTHLY_REFERRAL_OVERDUE_AT_END                                                                  \
    " r.kind = 'referral' AND r.sent_at < :next AND r.due < :next AND (r.status IN ('pending', 'accepted') " \
    "OR r.responded_at >= :next) "
/* cases open at the month's end with such a referral */
#define MONTHLY_CASES_OVERDUE_SQL                                                                             \
    "SELECT" MONTHLY_KEY("c.area") ", count(*) FROM protect_case c WHERE c.area >= :lo AND c.area < :hi AND"  \
    MONTHLY_CASE_OPEN_AT(":next") "AND EXISTS (SELECT 1 FROM case_referral r WHERE r.case_id = c.id AND"               \
    MONTHLY_REFERRAL_OVERDUE_AT_END ") GROUP BY k"
/* referrals of the area's cases: sent in the month, answered in it (day
   and due day, for their timeliness), and overdue at its end */
#define MONTHLY_REFERRALS_SQL                                                                                   \
    "SELECT" MONTHLY_KEY("c.area") ", coalesce(sum(r.sent_at >= :first AND r.sent_at < :next), 0), "             \
    "coalesce(sum(r.status <> 'pending' AND r.responded_at >= :first AND r.responded_at < :next), 0), "          \
    "coalesce(sum(" MONTHLY_REFERRAL_OVERDUE_AT_END "), 0) "                                                    \
    "FROM protect_case c JOIN case_referral r ON r.case_id = c.id "                                             \
    "WHERE c.area >= :lo AND c.area < :hi AND r.kind = 'referral' GROUP BY k"
/* referrals of the area's cases sent in the month, one row (key, unit, 1) each: counted
   by the caller, since a GROUP BY unit makes the planner read every referral
   in the order of case_referral_unit */
#define MONTHLY_REFERRALS_BY_UNIT_SQL                                                                          \
    "SELECT" MONTHLY_KEY("c.area") ", r.unit, 1 FROM protect_case c JOIN case_referral r ON r.case_id = c.id "                           \
    "WHERE c.area >= :lo AND c.area < :hi AND r.kind = 'referral' AND r.sent_at >= :first AND r.sent_at < :next"
#define MONTHLY_REFERRALS_ANSWERED_SQL                                                                         \
    "SELECT" MONTHLY_KEY("c.area") ", substr(r.responded_at, 1, 10), r.due FROM protect_case c "            \
    "JOIN case_referral r ON r.case_id = c.id "                                                              \
    "WHERE c.area >= :lo AND c.area < :hi AND r.kind = 'referral' AND r.status <> 'pending' "                 \
    "AND r.responded_at >= :first AND r.responded_at < :next"

/* rescue: the month's discharges by kind (admission_area); the stays are RESCUE_STAYS_SQL's */
#define MONTHLY_RESCUE_DISCHARGES_SQL                                                                           \
    "SELECT" MONTHLY_KEY("area") ", discharge_kind, count(*) FROM admission WHERE area >= :lo AND area < :hi "  \
    "AND discharged_on >= :first AND discharged_on <= :last GROUP BY k, discharge_kind"

/* the areas directly below one (area_parent) with children recorded by the
   month's end (child_area) or with a report of the month */
#define MONTHLY_BELOW_SQL                                                                         \
    "SELECT b.code, b.name, b.level, r.id FROM area b "                                           \
    "LEFT JOIN monthly_report r ON r.area = b.code AND r.month = :month "                         \
    "WHERE b.parent = :parent AND (r.id IS NOT NULL OR EXISTS (SELECT 1 FROM child c "            \
    "WHERE c.area >= b.prefix AND c.area < b.prefix || ':' AND c.created_at < :next)) "           \
    "ORDER BY b.code"

#define MONTHLY_REPORT_COLUMNS                                                                          \
    "r.id, r.month, r.area, a.name, r.level, r.status, r.figures, r.generated_at, r.generated_by, "     \
    "r.submitted_at, r.submitted_by, r.returned_at, r.returned_by, r.returned_reason, r.accepted_at, " \
    "r.accepted_by"

/* the reports within a scope and an area (monthly_report_area), of a month and a status */
#define MONTHLY_LIST_SQL                                                                                        \
    "SELECT " MONTHLY_REPORT_COLUMNS " FROM monthly_report r JOIN area a ON a.code = r.area "                  \
    "WHERE r.area >= :lo AND r.area < :hi AND r.area >= :alo AND r.area < :ahi "                               \
    "AND (:month IS NULL OR r.month = :month) AND (:status IS NULL OR r.status = :status) "                    \
    "ORDER BY r.month DESC, r.area"

#endif
