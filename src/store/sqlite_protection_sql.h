/*
** The SQL of the protection side's lists and overdue sources
** (sqlite_protection.c), in a header of its own so that
** tests/unit/test_query_plans.c can check each one's plan uses an index.
** Scope is the half-open range [:lo, :hi) of area codes (db_scope_bounds).
*/
#ifndef SHOUHU_SQLITE_PROTECTION_SQL_H
#define SHOUHU_SQLITE_PROTECTION_SQL_H

/* The columns of a CaseRecord, in its order; :today counts overdue referrals. */
#define CASE_SELECT                                                                                            \
    "SELECT c.id, c.number, c.source, c.status, c.area, a.name, c.child_id, "                                   \
    "coalesce(ch.name, json_extract(c.child_desc, '$.name')), c.child_desc, c.triggers, c.seen, c.place, "      \
    "c.occurred_at, c.reporter_name, c.reporter_unit, c.reporter_sector, c.reporter_phone, c.via, c.risk, "     \
    "c.guardianship, c.outcome, c.owner, c.received_at, c.received_unix, c.first_action_at, "                   \
    "c.first_action_seconds, c.reporter_notified_at, c.reporter_notified_by, c.created_at, c.created_by, "      \
    "c.updated_at, (SELECT count(*) FROM case_referral r WHERE r.case_id = c.id AND r.kind = 'referral' "       \
    "AND r.status IN ('pending', 'accepted') AND r.due < :today) "                                              \
    "FROM protect_case c LEFT JOIN area a ON a.code = c.area LEFT JOIN child ch ON ch.id = c.child_id "

/* A partner sees a case through a referral (or notice) to its unit. */
#define CASE_UNIT_CLAUSE \
    "(:unit IS NULL OR EXISTS (SELECT 1 FROM case_referral u WHERE u.case_id = c.id AND u.unit = :unit)) "

#define CASE_OVERDUE_CLAUSE                                                                                   \
    "(:overdue = 0 OR EXISTS (SELECT 1 FROM case_referral o WHERE o.case_id = c.id AND o.kind = 'referral' "  \
    "AND o.status IN ('pending', 'accepted') AND o.due < :today)) "

/* The list of cases in the scope, newest first, WHERE the condition: the
   scope's area range, or one child's cases (through its own index, then
   still within the scope). */
#define CASES_LIST_SQL(where)                                                                                   \
    CASE_SELECT "WHERE " where " AND c.area >= :lo AND c.area < :hi AND (:status IS NULL OR c.status = :status) " \
                "AND (:risk IS NULL OR c.risk = :risk) "                                                        \
                "AND (:owner IS NULL OR c.owner = :owner) AND (:before = 0 OR c.id < :before) "                 \
                "AND " CASE_UNIT_CLAUSE "AND " CASE_OVERDUE_CLAUSE "ORDER BY c.id DESC LIMIT :limit"
#define CASES_OF_SCOPE "1"
#define CASES_OF_CHILD "c.child_id = :child"

/* The columns of a Referral with its case. */
#define REFERRAL_SELECT                                                                                          \
    "SELECT r.id, r.case_id, r.kind, r.unit, r.status, r.sent_at, r.sent_by, r.due, r.note, r.reason, r.action, " \
    "r.responded_at, r.responded_by, c.number, c.area, c.status "                                                \
    "FROM case_referral r JOIN protect_case c ON c.id = r.case_id "

/* Referrals newest first, WHERE the condition: a unit's inbox, or every referral of the scope. */
#define REFERRALS_LIST_SQL(where)                                                                                \
    REFERRAL_SELECT "WHERE " where " AND c.area >= :lo AND c.area < :hi "                                        \
                    "AND (:status IS NULL OR r.status = :status) AND (:overdue = 0 OR (r.kind = 'referral' "    \
                    "AND r.status IN ('pending', 'accepted') AND r.due < :today)) ORDER BY r.id DESC LIMIT :limit"
#define REFERRALS_OF_UNIT "r.unit = :unit"
#define REFERRALS_ALL "1"

/* The referrals of one case, oldest first (with a unit: only its own). */
#define REFERRALS_OF_CASE_SQL \
    REFERRAL_SELECT "WHERE r.case_id = :case AND (:unit IS NULL OR r.unit = :unit) ORDER BY r.id"

/* The open referrals due by a day, in the scope: the overdue source and ?overdue=1 without a unit. */
#define REFERRALS_DUE_SQL                                                                                         \
    REFERRAL_SELECT "WHERE r.kind = 'referral' AND r.status IN ('pending', 'accepted') AND r.due <= :by "       \
                    "AND c.area >= :lo AND c.area < :hi ORDER BY r.due, r.id"

/* The columns of a HotlineCall with its case's number. */
#define HOTLINE_SELECT                                                                                             \
    "SELECT h.id, h.received_at, h.recorded_at, h.first_action_seconds, h.caller_name, h.caller_phone, h.area, "   \
    "h.asks, h.question, h.answer, h.child_id, h.case_id, c.number, h.taken_by "                                 \
    "FROM hotline_call h LEFT JOIN protect_case c ON c.id = h.case_id "

/* The hotline's calls in the scope, newest first. */
#define HOTLINE_LIST_SQL                                                                                           \
    HOTLINE_SELECT "WHERE h.area >= :lo AND h.area < :hi AND (:asks IS NULL OR h.asks = :asks) "               \
    "AND (:from IS NULL OR substr(h.received_at, 1, 10) >= :from) "                                            \
    "AND (:to IS NULL OR substr(h.received_at, 1, 10) <= :to) AND (:before = 0 OR h.id < :before) "            \
    "ORDER BY h.id DESC LIMIT :limit"

/* Children holding a category now, WHERE the condition (the scope, or one
   child), with when care began and their last visit. */
#define VISIT_SCHEDULE_SQL(where)                                                                                 \
    "SELECT c.id, c.name, c.area, a.name, group_concat(cc.code), min(cc.date_from), "                            \
    "(SELECT max(v.visited_on) FROM visit v WHERE v.child_id = c.id) "                                           \
    "FROM child c JOIN child_category cc ON cc.child_id = c.id LEFT JOIN area a ON a.code = c.area "             \
    "WHERE " where " AND c.status = 'active' AND cc.status <> 'ended' "                                          \
    "AND (cc.date_to IS NULL OR cc.date_to >= :today) GROUP BY c.area, c.id"   /* child_area's order: no scan */
#define SCHEDULE_OF_SCOPE "c.area >= :lo AND c.area < :hi"
#define SCHEDULE_OF_CHILD "c.id = :child AND c.area >= :lo AND c.area < :hi"

/* A case's timeline and interventions, by the case (case_step_case,
   case_intervention_case); a child's visits, by the child (visit_child). */
#define CASE_STEPS_SQL                                                                      \
    "SELECT id, case_id, at, author, step, from_status, to_status, note, detail, unit "    \
    "FROM case_step WHERE case_id = :case AND (:unit IS NULL OR unit = :unit) ORDER BY id"
#define CASE_INTERVENTIONS_SQL                                                               \
    "SELECT id, case_id, kind, on_date, target, note, court_result, recorded_at, "          \
    "recorded_by FROM case_intervention WHERE case_id = :case ORDER BY id"
#define VISITS_OF_CHILD_SQL                                                                  \
    "SELECT v.id, v.child_id, v.area, v.visited_on, v.kind, v.seen, v.care, "               \
    "v.findings, v.risk, v.needs, v.follow_up, v.case_id, c.number, v.recorded_at, "        \
    "v.recorded_by FROM visit v LEFT JOIN protect_case c ON c.id = v.case_id "              \
    "WHERE v.child_id = :child ORDER BY v.visited_on DESC, v.id DESC"

#endif
