-- A child's categories found by the child, whatever else the query asks
-- (issue #8: every list and statistics query's plan checked by a test).
-- Queries ask "does this child hold code X" as a correlated subquery:
--     EXISTS (SELECT 1 FROM child_category cc
--             WHERE cc.child_id = child.id AND cc.code = :category ...)
-- in the children's list with a search text and a category, and in the
-- adult orphans' candidates (orphan_institution). child_category_code
-- (code, area, child_id, status) covers such a test and child_category_child
-- (child_id) did not, so SQLite's planner (the product runs no ANALYZE)
-- searched child_category_code by the code alone: every row of the code in
-- the city read again for each candidate child (the trap the counters'
-- triggers fell into, fixed there with "+o.code"). With the code and the
-- status in child_category_child after the child, the same test is one
-- covering search by (child_id, code): the child's one to three rows.
-- Every query that searched child_category_child by the child still does,
-- now without reading the table. tests/unit/test_query_plans.c checks it.

DROP INDEX child_category_child;
CREATE INDEX child_category_child ON child_category(child_id, code, status);
