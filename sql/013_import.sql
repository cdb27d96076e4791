-- The import's match of a child without an ID number (issue #8, import).
-- A ledger row without an ID number is matched to the record with the same
-- name, birth date and village and no ID number (store_child_by_identity()).
-- SQLite's planner answered that through the ID numbers' UNIQUE index, by
-- "id_number IS NULL": every child without an ID number read for each such
-- row, so an import grew with the square of them (6,600 at 400,000 children,
-- some 27,000 in the whole city). This index finds the one match directly;
-- it holds only the children without an ID number, so it stays small.
CREATE INDEX child_identity ON child(name, birth_date, area) WHERE id_number IS NULL;
