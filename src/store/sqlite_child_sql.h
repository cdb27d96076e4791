/*
** The SQL of the children's list (store_children_list in sqlite_child.c),
** in a header of its own so that tests/unit/test_query_plans.c can run
** EXPLAIN QUERY PLAN on the very statements the store prepares. Only
** sqlite_child.c and that test include it.
*/
#ifndef SHOUHU_STORE_SQLITE_CHILD_SQL_H
#define SHOUHU_STORE_SQLITE_CHILD_SQL_H

#define CHILD_COLUMNS "id, version, doc, created_at, updated_at, updated_by"

/* The filter of store_children_list, shared by the page and the count, in
   pieces that the statements below share. */
#define CHILD_FILTER_AREA(col) " WHERE " col " >= :lo AND " col " < :hi AND " col " >= :alo AND " col " < :ahi"
#define CHILD_FILTER_REST                                                      \
    " AND (:status IS NULL OR status = :status)"                               \
    " AND (:born_from IS NULL OR birth_date >= :born_from) AND (:born_to IS NULL OR birth_date <= :born_to)"
#define CHILD_Q_MATCH "(name LIKE :q_like ESCAPE '\\' OR id_number = :q_id OR id_number LIKE :q_prefix)"
#define CHILD_FILTER CHILD_FILTER_AREA("area") CHILD_FILTER_REST " AND (:q IS NULL OR " CHILD_Q_MATCH ")"
#define CHILD_IN_CATEGORY                                                                          \
    " AND (:category IS NULL OR EXISTS (SELECT 1 FROM child_category cc"                           \
    " WHERE cc.child_id = child.id AND cc.code = :category AND cc.status <> 'ended'))"
/* Without a category (:category NULL), the area range drives the search
   through child_area. */
#define CHILD_WHERE CHILD_FILTER CHILD_IN_CATEGORY
/* With a category, its children in the area range come from child_category's
   index (code, area, child_id), which put_categories() keeps in step with
   child.area: a town's orphans are found without reading the town's other
   children. The same matches as CHILD_WHERE (the bench's town + category
   page went from ~100 to ~390 requests a second, with the bounds of
   bind_filter()). */
#define CHILD_WHERE_CATEGORY                                                                             \
    CHILD_FILTER " AND id IN (SELECT cc.child_id FROM child_category cc WHERE cc.code = :category"     \
                 " AND cc.area >= :lo AND cc.area < :hi AND cc.area >= :alo AND cc.area < :ahi"         \
                 " AND cc.status <> 'ended')"

/* The count of CHILD_WHERE_CATEGORY when no other filter is set (status,
   birth dates, search text): from the categories' covering index alone,
   without reading each child (their area is the same, kept by
   put_categories()). A town's migrant children counted this way did not
   read 1,000 records on each first page. */
/* (issue #8, api) The distinct pairs (area, child_id) come in the index's
   order, so SQLite counts them by comparing each with the one before,
   where count(DISTINCT child_id) filled a temporary B-tree with the town's
   ids on every request; a child's rows share its area, so the count is the
   same (test_name_search compares it with the count that reads each child). */
#define CHILD_COUNT_BY_CATEGORY                                                                       \
    "SELECT count(*) FROM (SELECT DISTINCT cc.area, cc.child_id FROM child_category cc"              \
    " WHERE cc.code = :category AND cc.area >= :lo AND cc.area < :hi AND cc.area >= :alo AND cc.area < :ahi" \
    " AND cc.status <> 'ended')"

/* (issue #8, api2) The same count from the statistics counters, which the
   triggers keep exactly (sql: the statistics migration): stat_category
   counts the *active* children holding a code (not ended) by village, the
   list counts every record, so the counters serve only where the range
   holds no record of another status (stat_area counts records by village
   and status). NULL otherwise: then CHILD_COUNT_BY_CATEGORY counts. About
   30 villages' counter rows instead of a town's 1,000 index entries
   (test_list_count compares the two on demo data, with other statuses). */
#define CHILD_COUNT_BY_COUNTERS                                                                          \
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM stat_area WHERE area >= :lo AND area < :hi"                  \
    " AND area >= :alo AND area < :ahi AND status <> 'active' AND n > 0) THEN NULL"                      \
    " ELSE (SELECT coalesce(sum(n), 0) FROM stat_category WHERE area >= :lo AND area < :hi"              \
    " AND area >= :alo AND area < :ahi AND code = :category) END"

/* With a search text (:q), the candidates come from two indexes: children
   with a name gram in [:g_lo, :g_hi) (child_name_gram: the text's first
   two characters, or grams beginning with its one character), and children
   whose ID number lies in [:id_lo, :id_hi) (the text itself, or every ID it
   begins with). CHILD_FILTER's LIKE then checks each candidate, so the
   matches are those of the scan this replaced (issue #8, perf). "+area"
   keeps the planner from reading the whole scope through child_area. */
#define CHILD_WHERE_SEARCH                                                                               \
    CHILD_FILTER_AREA("+area") CHILD_FILTER_REST " AND " CHILD_Q_MATCH CHILD_IN_CATEGORY                 \
    " AND id IN (SELECT g.child_id FROM child_name_gram g WHERE g.gram >= :g_lo AND g.gram < :g_hi"      \
    " UNION SELECT i.id FROM child i WHERE i.id_number >= :id_lo AND i.id_number < :id_hi)"

/* A page in another order than the id's: the sort runs over the matches'
   (key, id) only, and the page's whole records are read after it, so that
   sorting a town of 50,000 children does not carry their documents along. */
#define SORT_KEY \
    "CASE :key WHEN 'name' THEN name WHEN 'birth_date' THEN birth_date WHEN 'area' THEN area" \
    " WHEN 'updated_at' THEN updated_at ELSE id END"
#define SORTED_PAGE(dir, where)                                                             \
    "SELECT " CHILD_COLUMNS " FROM (SELECT id AS pid, " SORT_KEY " AS k FROM child" where \
    " ORDER BY k " dir ", id " dir " LIMIT :limit OFFSET :offset) AS page"                      \
    " JOIN child ON child.id = page.pid ORDER BY page.k " dir ", page.pid " dir

/* The count of a filter's matches, and a page of them in id order. The
   page's ids are found and sorted first, and the records read after, so
   that a sort holds ids, not documents: an export of a town is a page
   without a limit, and sorting its whole records took ~1.5 KB a child
   (150 MB for 100,000; issue #8, perf). */
#define CHILD_COUNT_SQL(where) "SELECT count(*) FROM child" where
#define CHILD_PAGE_SQL(where)                                                                             \
    "SELECT " CHILD_COLUMNS " FROM child WHERE id IN (SELECT id FROM child" where " AND id > :after"     \
    " ORDER BY id LIMIT :limit OFFSET :offset) ORDER BY id"
/* (issue #8, page) A page of one town's children holding a category, in id
   order, read straight from child_category_town (code, town, child_id,
   status, area; the page migration): the index gives the town's rows of the
   code in id order, so the page stops after its LIMIT + OFFSET rows, where
   CHILD_PAGE_SQL(CHILD_WHERE_CATEGORY) copied the town's ~1,000 rows into a
   temporary table to sort them. :town is the range [:lo, :hi) as a town's
   nine digits (town_of_range() in sqlite_child.c), so "substr(area, 1, 9) =
   :town" and "area in [:lo, :hi)" hold for the same rows. A child with two
   such rows of the code counts once: at its first (NOT EXISTS an earlier
   one, searched by the child). The rest of CHILD_FILTER is tested on the
   child as CHILD_WHERE_CATEGORY does; the subquery is flattened, so its
   names are the child's. Same rows, same order (test_list_count). */
#define CHILD_PAGE_TOWN_CATEGORY_SQL                                                                          \
    "SELECT " CHILD_COLUMNS " FROM (SELECT cc.child_id AS cid FROM child_category cc"                         \
    " WHERE cc.code = :category AND substr(cc.area, 1, 9) = :town AND cc.status <> 'ended' AND cc.child_id > :after" \
    " AND NOT EXISTS (SELECT 1 FROM child_category d INDEXED BY child_category_child WHERE d.child_id = cc.child_id" \
    " AND d.code = cc.code AND d.rowid < cc.rowid AND d.status <> 'ended' AND d.area >= :lo AND d.area < :hi))"   \
    " AS ids CROSS JOIN child ON child.id = ids.cid" CHILD_FILTER " ORDER BY ids.cid LIMIT :limit OFFSET :offset"

/* (issue #8) The same page when no other filter is set (status, birth
   dates, search text): the page's ids are counted off in the index alone,
   LIMIT and OFFSET inside, and only the page's records are read, where
   CHILD_PAGE_TOWN_CATEGORY_SQL read and tested every record it skipped (the
   third page of a town read 40 records for nothing). The ranges are the
   town's (:town, and the pairs :lo/:hi, :alo/:ahi bound alike), tested on
   the category's area, which put_categories() keeps equal to its child's.
   The ids' list is sorted, so the records come in id order unsorted. */
#define CHILD_PAGE_TOWN_CATEGORY_IDS_SQL                                                                      \
    "SELECT " CHILD_COLUMNS " FROM child WHERE id IN (SELECT cc.child_id FROM child_category cc"              \
    " WHERE cc.code = :category AND substr(cc.area, 1, 9) = :town AND cc.area >= :alo AND cc.area < :ahi"        \
    " AND cc.status <> 'ended' AND cc.child_id > :after"                                                        \
    " AND NOT EXISTS (SELECT 1 FROM child_category d INDEXED BY child_category_child WHERE d.child_id = cc.child_id" \
    " AND d.code = cc.code AND d.rowid < cc.rowid AND d.status <> 'ended' AND d.area >= :lo AND d.area < :hi)"   \
    " ORDER BY cc.child_id LIMIT :limit OFFSET :offset) ORDER BY id"

/* Over more than one town (covers_towns() in sqlite_child.c), the records are
   read in id order through the table itself and none is sorted: the export
   of the whole city streams in constant memory, and the city's first page
   stops at its last row. "+area" keeps child_area out of it. */
#define CHILD_WHERE_WIDE \
    CHILD_FILTER_AREA("+area") CHILD_FILTER_REST " AND (:q IS NULL OR " CHILD_Q_MATCH ")" CHILD_IN_CATEGORY
#define CHILD_PAGE_STREAM_SQL(where) \
    "SELECT " CHILD_COLUMNS " FROM child" where " AND id > :after ORDER BY id LIMIT :limit OFFSET :offset"

/* ---- the import's match of a child without an ID number (issue #8, import) ---- */
/* By name, birth date and village among the children without an ID number,
   through their own small index: left to itself, the planner took the ID
   numbers' UNIQUE index for "id_number IS NULL" and read every such child
   for each row (an import grew with the square of them). INDEXED BY makes
   the choice a fact that fails loudly should the index go. */
#define CHILD_BY_IDENTITY_SQL                                                                          \
    "SELECT " CHILD_COLUMNS " FROM child INDEXED BY child_identity WHERE name = :name AND birth_date = :birth " \
    "AND area = :area AND id_number IS NULL LIMIT 2"

#endif
