/*
** The SQL of the rescue centre's reads (sqlite_rescue.c), in a header of its
** own so that tests/unit/test_query_plans.c runs EXPLAIN QUERY PLAN on the
** very statements the store prepares. Only sqlite_rescue.c and that test
** include it.
*/
#ifndef SHOUHU_STORE_SQLITE_RESCUE_SQL_H
#define SHOUHU_STORE_SQLITE_RESCUE_SQL_H

/* Institutions with their occupancy (admission_present counts the children here). */
#define INSTITUTIONS_SQL                                                                                               \
    "SELECT i.id, i.name_zh, i.name_en, i.kind, i.area, i.child_beds, "                                              \
    "(SELECT count(*) FROM admission ad WHERE ad.discharged_on IS NULL "                                              \
    "AND ad.institution_id = i.id) FROM institution i ORDER BY i.id"

/* The columns read_admission() reads, from admission ad, institution i and child c (LEFT JOIN). */
#define ADMISSION_SELECT                                                                                               \
    "SELECT ad.id, ad.institution_id, ad.child_id, i.name_zh, ad.area, ad.arrived_unidentified, "                     \
    "coalesce(c.name, ad.name), ad.apparent_age, coalesce(c.sex, ad.sex), ad.found_place, ad.found_on, "               \
    "ad.description, c.birth_date, ad.ground, ad.placement, ad.guardianship, ad.long_term_ground, ad.case_ref, "        \
    "ad.admitted_on, ad.notice_on, ad.dna_on, ad.identified_on, ad.discharged_on, ad.discharge_kind, ad.taken_by, "    \
    "ad.recorded_at, ad.recorded_by, i.name_en FROM admission ad JOIN institution i ON i.id = ad.institution_id "                 \
    "LEFT JOIN child c ON c.id = ad.child_id "

/* The board and the admissions list: the caller's area range drives it through admission_area. */
#define ADMISSIONS_LIST_SQL                                                                                            \
    ADMISSION_SELECT "WHERE ad.area >= :lo AND ad.area < :hi "                                                        \
                     "AND (:status IS NULL OR (:status = 'present') = (ad.discharged_on IS NULL)) "                   \
                     "AND (:inst = 0 OR ad.institution_id = :inst) ORDER BY ad.admitted_on, ad.id"

/* The stays that concern a month: admitted by its end, not gone before it began. */
#define RESCUE_STAYS_SQL                                                                                               \
    "SELECT admitted_on, discharged_on FROM admission WHERE area >= :lo AND area < :hi AND admitted_on <= :last "      \
    "AND (discharged_on IS NULL OR discharged_on >= :first)"

/* The admissions whose deadlines can still be due: unidentified children here now. */
#define UNIDENTIFIED_PRESENT_SQL                                                                                       \
    ADMISSION_SELECT "WHERE ad.area >= :lo AND ad.area < :hi AND ad.discharged_on IS NULL "                           \
                     "AND ad.arrived_unidentified = 1 AND ad.identified_on IS NULL ORDER BY ad.admitted_on, ad.id"

/* Whether a child is here already. */
#define CHILD_PRESENT_SQL "SELECT id FROM admission WHERE child_id = :child AND discharged_on IS NULL"

/* An admission's timeline. */
#define ADMISSION_STEPS_SQL                                                                                            \
    "SELECT kind, on_day, detail, note, recorded_at, recorded_by FROM admission_step WHERE admission_id = :id "       \
    "ORDER BY id"

#endif
