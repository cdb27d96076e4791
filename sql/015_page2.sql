-- A category's counters by code, then village (issue #8, page2).
-- A town's page of a category counts its matches from stat_category
-- (CHILD_COUNT_BY_COUNTERS: the area range and the code). Its key
-- (area, code) made that count walk the town's ~150 (village, code) rows to
-- keep its ~30 of the code, as many VM steps as the page itself. Keyed by
-- (code, area), the count reads only the code's villages of the range; n
-- makes it covering. The dashboard's statements read by area and keep the
-- primary key.
CREATE INDEX stat_category_code ON stat_category(code, area, n);

-- How many times the area table has changed (issue #8, page2). A list page
-- names each item's village; a serving thread keeps the names it has read
-- while this number is unchanged (api/area_names.c). The database's own
-- generation (PRAGMA data_version) moves with every audit batch, so it
-- would throw the names away on nearly every request.
CREATE TABLE area_version (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
);
INSERT INTO area_version(id, n) VALUES (1, 0);
CREATE TRIGGER area_version_insert AFTER INSERT ON area
BEGIN
    UPDATE area_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER area_version_update AFTER UPDATE ON area
BEGIN
    UPDATE area_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER area_version_delete AFTER DELETE ON area
BEGIN
    UPDATE area_version SET n = n + 1 WHERE id = 1;
END;

-- How many times the roles or their permissions have changed (issue #8,
-- page2): a serving thread keeps the roles it has read while this number is
-- unchanged (api/role_cache.c), instead of reading a role's ~34 permission
-- rows on every request.
CREATE TABLE role_version (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
);
INSERT INTO role_version(id, n) VALUES (1, 0);
CREATE TRIGGER role_version_insert AFTER INSERT ON role
BEGIN
    UPDATE role_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER role_version_update AFTER UPDATE ON role
BEGIN
    UPDATE role_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER role_version_delete AFTER DELETE ON role
BEGIN
    UPDATE role_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER role_permission_version_insert AFTER INSERT ON role_permission
BEGIN
    UPDATE role_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER role_permission_version_update AFTER UPDATE ON role_permission
BEGIN
    UPDATE role_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER role_permission_version_delete AFTER DELETE ON role_permission
BEGIN
    UPDATE role_version SET n = n + 1 WHERE id = 1;
END;
