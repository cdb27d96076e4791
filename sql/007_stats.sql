-- Statistics (issue #7): counters of the active children kept exactly right
-- by triggers on every write to the ledger, so that the city's dashboard
-- (category x town, sex, age band, new and ended records by month) reads a
-- few thousand counter rows instead of scanning 1.63 M records
-- (bench/README.md has the measurements). Whatever writes a child (an
-- import, an edit, a status change, the demo) keeps them in step, because
-- the triggers live beside the tables they count; tests/unit/test_stats.c
-- compares them with a full count after each kind of write.
--
-- "Active" is child.status = 'active'. A category is held while its row's
-- status is not 'ended' (the list's filter), and a child holding the same
-- code twice (two periods, neither ended) counts once.

-- Records by village, status and sex (the active ones are the children counted).
CREATE TABLE stat_area (
    area    TEXT NOT NULL,
    status  TEXT NOT NULL,
    sex     TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (area, status, sex)
) WITHOUT ROWID;

-- Active children by town (the area code's first 9 digits) and month of
-- birth: age bands at any date come from these plus the children born in
-- the band's boundary month (child_birth below).
CREATE TABLE stat_birth (
    town         TEXT NOT NULL,
    birth_month  TEXT NOT NULL,              -- 'YYYY-MM'
    n            INTEGER NOT NULL,
    PRIMARY KEY (town, birth_month)
) WITHOUT ROWID;

-- Active children holding each category, by village.
CREATE TABLE stat_category (
    area  TEXT NOT NULL,
    code  TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (area, code)
) WITHOUT ROWID;

-- Records created, and records that left the active status, by month and
-- village (the dashboard's trends). Events, never decremented.
CREATE TABLE stat_flow (
    month  TEXT NOT NULL,                    -- 'YYYY-MM' of created_at, or of the change
    area   TEXT NOT NULL,
    new    INTEGER NOT NULL DEFAULT 0,
    ended  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, area)
) WITHOUT ROWID;

-- The boundary month of an age band is counted from the ledger: this index
-- covers it (birth date range, status, area), and still serves the list's
-- age filters as the narrower one it replaces did.
DROP INDEX child_birth;
CREATE INDEX child_birth ON child(birth_date, status, area);

-- ---- the child's own counters ----

CREATE TRIGGER stat_child_insert AFTER INSERT ON child
BEGIN
    INSERT INTO stat_flow(month, area, new) VALUES (substr(NEW.created_at, 1, 7), NEW.area, 1)
        ON CONFLICT(month, area) DO UPDATE SET new = new + 1;
    INSERT INTO stat_area(area, status, sex, n) VALUES (NEW.area, NEW.status, NEW.sex, 1)
        ON CONFLICT(area, status, sex) DO UPDATE SET n = n + 1;
    INSERT INTO stat_birth(town, birth_month, n)
        SELECT substr(NEW.area, 1, 9), substr(NEW.birth_date, 1, 7), 1 WHERE NEW.status = 'active'
        ON CONFLICT(town, birth_month) DO UPDATE SET n = n + 1;
END;

-- An update takes the old values out and puts the new ones in.
CREATE TRIGGER stat_child_update AFTER UPDATE OF area, sex, birth_date, status ON child
BEGIN
    UPDATE stat_area SET n = n - 1 WHERE area = OLD.area AND status = OLD.status AND sex = OLD.sex;
    UPDATE stat_birth SET n = n - 1
        WHERE OLD.status = 'active' AND town = substr(OLD.area, 1, 9) AND birth_month = substr(OLD.birth_date, 1, 7);
    INSERT INTO stat_area(area, status, sex, n) VALUES (NEW.area, NEW.status, NEW.sex, 1)
        ON CONFLICT(area, status, sex) DO UPDATE SET n = n + 1;
    INSERT INTO stat_birth(town, birth_month, n)
        SELECT substr(NEW.area, 1, 9), substr(NEW.birth_date, 1, 7), 1 WHERE NEW.status = 'active'
        ON CONFLICT(town, birth_month) DO UPDATE SET n = n + 1;
    INSERT INTO stat_flow(month, area, ended)
        SELECT substr(NEW.updated_at, 1, 7), NEW.area, 1 WHERE OLD.status = 'active' AND NEW.status <> 'active'
        ON CONFLICT(month, area) DO UPDATE SET ended = ended + 1;
END;

-- A child leaving (or coming back to) the active status takes its held
-- categories out of (or into) the counts; the rows of child_category keep
-- their own area, so the counters balance whatever the order of the writes.
CREATE TRIGGER stat_child_status AFTER UPDATE OF status ON child
WHEN (OLD.status = 'active') <> (NEW.status = 'active')
BEGIN
    INSERT INTO stat_category(area, code, n)
        SELECT area, code, CASE WHEN NEW.status = 'active' THEN 1 ELSE -1 END
        FROM (SELECT DISTINCT area, code FROM child_category WHERE child_id = NEW.id AND status <> 'ended') WHERE true
        ON CONFLICT(area, code) DO UPDATE SET n = n + excluded.n;
END;

-- ---- categories ----

-- Counted when the child is active and this is its only held row of the code.
CREATE TRIGGER stat_category_insert AFTER INSERT ON child_category
WHEN NEW.status <> 'ended'
 AND (SELECT status FROM child WHERE id = NEW.child_id) = 'active'
 AND NOT EXISTS (SELECT 1 FROM child_category o WHERE o.child_id = NEW.child_id AND o.code = NEW.code
                 AND o.status <> 'ended' AND o.rowid <> NEW.rowid)
BEGIN
    INSERT INTO stat_category(area, code, n) VALUES (NEW.area, NEW.code, 1)
        ON CONFLICT(area, code) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER stat_category_delete AFTER DELETE ON child_category
WHEN OLD.status <> 'ended'
 AND (SELECT status FROM child WHERE id = OLD.child_id) = 'active'
 AND NOT EXISTS (SELECT 1 FROM child_category o WHERE o.child_id = OLD.child_id AND o.code = OLD.code
                 AND o.status <> 'ended')
BEGIN
    UPDATE stat_category SET n = n - 1 WHERE area = OLD.area AND code = OLD.code;
END;

-- The store rewrites a child's categories by DELETE and INSERT; an UPDATE
-- is counted as both, should anything write one.
CREATE TRIGGER stat_category_update AFTER UPDATE OF child_id, code, status, area ON child_category
BEGIN
    UPDATE stat_category SET n = n - 1
        WHERE OLD.status <> 'ended' AND (SELECT status FROM child WHERE id = OLD.child_id) = 'active'
          AND NOT EXISTS (SELECT 1 FROM child_category o WHERE o.child_id = OLD.child_id AND o.code = OLD.code
                          AND o.status <> 'ended' AND o.rowid <> NEW.rowid)
          AND area = OLD.area AND code = OLD.code;
    INSERT INTO stat_category(area, code, n)
        SELECT NEW.area, NEW.code, 1
        WHERE NEW.status <> 'ended' AND (SELECT status FROM child WHERE id = NEW.child_id) = 'active'
          AND NOT EXISTS (SELECT 1 FROM child_category o WHERE o.child_id = NEW.child_id AND o.code = NEW.code
                          AND o.status <> 'ended' AND o.rowid <> NEW.rowid)
        ON CONFLICT(area, code) DO UPDATE SET n = n + 1;
END;

-- ---- the counts of the records already there ----

INSERT INTO stat_area(area, status, sex, n)
    SELECT area, status, sex, count(*) FROM child GROUP BY area, status, sex;
INSERT INTO stat_birth(town, birth_month, n)
    SELECT substr(area, 1, 9), substr(birth_date, 1, 7), count(*) FROM child WHERE status = 'active' GROUP BY 1, 2;
INSERT INTO stat_category(area, code, n)
    SELECT area, code, count(*) FROM (SELECT DISTINCT cc.area, cc.code, cc.child_id FROM child_category cc
                                      JOIN child c ON c.id = cc.child_id
                                      WHERE c.status = 'active' AND cc.status <> 'ended')
    GROUP BY area, code;
INSERT INTO stat_flow(month, area, new)
    SELECT substr(created_at, 1, 7), area, count(*) FROM child GROUP BY 1, 2;

-- ---- supervision (督查督办) ----

-- Records not changed for a long time, found without reading the others.
CREATE INDEX child_stale ON child(updated_at) WHERE status = 'active';

INSERT INTO permission(name, description) VALUES
    ('supervision:read', 'read the supervision lists of the area: overdue work, coverage gaps, data quality');

INSERT INTO role_permission(role, permission) VALUES
    ('city_staff', 'supervision:read'), ('town_supervisor', 'supervision:read'),
    ('village_director', 'supervision:read'),
    -- a village's own figures on its home page
    ('village_director', 'stats:read');
-- the home page's counts of the area, for the roles that read records there
INSERT INTO role_permission(role, permission) VALUES
    ('rescue_staff', 'stats:read'), ('hotline', 'stats:read');
