-- Name search by index (issue #8, perf). The children's list searched
-- names with LIKE '%q%', which reads every child in the caller's scope (the
-- whole city for city staff): ~250 ms a request at 100,000 children. FTS5's
-- trigram tokenizer cannot serve the commonest search, a two-character
-- name such as 刘菲, so the index is of two-character pieces ("grams"):
-- every pair of neighbouring characters of a name, and its last character
-- alone. A name containing the search text contains the text's first two
-- characters as one of its grams (or, for one character, a gram beginning
-- with it), so the grams' index finds a superset of the matches, which the
-- LIKE of the list's filter then checks: the same results as the scan.
-- Grams are lower-cased as LIKE folds case (ASCII only).
-- Kept in step with every write of a name by the triggers below, whichever
-- code path writes (import, API, command line); children are never deleted.

-- 1..256: the positions of a name's characters (names are at most 50, checked by child.c).
CREATE TABLE name_position (n INTEGER PRIMARY KEY);
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 256)
INSERT INTO name_position(n) SELECT n FROM k;

CREATE TABLE child_name_gram (
    gram     TEXT NOT NULL,      -- lower(substr(name, n, 2)) for n = 1 .. length(name)
    child_id INTEGER NOT NULL,   -- child.id
    PRIMARY KEY (gram, child_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO child_name_gram(gram, child_id)
    SELECT lower(substr(c.name, p.n, 2)), c.id FROM child c JOIN name_position p ON p.n <= length(c.name);

-- An import defers the grams of the children it adds (store_names_defer()):
-- inserted in gram order at the end of each 100,000 rows, rather than one
-- child at a time in random order, they cost a third as much. The one row
-- here, written and removed within the import's transaction, says from which
-- child id the grams are pending; no one else ever sees it.
CREATE TABLE name_gram_deferred (after_id INTEGER NOT NULL);

CREATE TRIGGER child_name_gram_insert AFTER INSERT ON child
WHEN NOT EXISTS (SELECT 1 FROM name_gram_deferred) BEGIN
    INSERT OR IGNORE INTO child_name_gram(gram, child_id)
        SELECT lower(substr(NEW.name, n, 2)), NEW.id FROM name_position WHERE n <= length(NEW.name);
END;

CREATE TRIGGER child_name_gram_update AFTER UPDATE OF name ON child WHEN NEW.name IS NOT OLD.name BEGIN
    DELETE FROM child_name_gram WHERE child_id = OLD.id
        AND gram IN (SELECT lower(substr(OLD.name, n, 2)) FROM name_position WHERE n <= length(OLD.name));
    INSERT OR IGNORE INTO child_name_gram(gram, child_id)
        SELECT lower(substr(NEW.name, n, 2)), NEW.id FROM name_position WHERE n <= length(NEW.name);
END;

-- The categories' index covers the status too: a town's children of a
-- category (the list's first page and its count, the category x town
-- counts) are found in the index alone, without reading each
-- child_category row for its status (measured: the town + category count
-- 3-4x faster from a cold page cache). Same name, so plans read the same.
DROP INDEX child_category_code;
CREATE INDEX child_category_code ON child_category(code, area, child_id, status);
