-- The category counters' triggers find a child's rows again (issue #8, perf).
-- stat_category_insert/_delete/_update (the statistics migration) ask
-- whether the child already holds the code in another row:
--     NOT EXISTS (SELECT 1 FROM child_category o
--                 WHERE o.child_id = NEW.child_id AND o.code = NEW.code ...)
-- Since the perf migration made child_category_code(code, area, child_id,
-- status) a covering index, SQLite's planner prefers it for that test and
-- searches it by code alone: every row of the code (26,000 migrant children
-- at 60,000) read for each row written, so a demo or an import grew with the
-- square of the children (20,000: 3.4 s of CPU; 100,000: 27 s), and every
-- edit of a child's categories read the whole city's rows of the code.
-- The same triggers, with the code's term kept out of the index choice
-- ("+o.code"), search child_category_child by the child: its one to three
-- rows. Nothing else changes: the counts they keep are the same.
-- tests/unit/test_query_plans.c checks the plan of every subquery of the
-- counters' triggers.

DROP TRIGGER stat_category_insert;
DROP TRIGGER stat_category_delete;
DROP TRIGGER stat_category_update;

CREATE TRIGGER stat_category_insert AFTER INSERT ON child_category
WHEN NEW.status <> 'ended'
 AND (SELECT status FROM child WHERE id = NEW.child_id) = 'active'
 AND NOT EXISTS (SELECT 1 FROM child_category o WHERE o.child_id = NEW.child_id AND +o.code = NEW.code
                 AND o.status <> 'ended' AND o.rowid <> NEW.rowid)
BEGIN
    INSERT INTO stat_category(area, code, n) VALUES (NEW.area, NEW.code, 1)
        ON CONFLICT(area, code) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER stat_category_delete AFTER DELETE ON child_category
WHEN OLD.status <> 'ended'
 AND (SELECT status FROM child WHERE id = OLD.child_id) = 'active'
 AND NOT EXISTS (SELECT 1 FROM child_category o WHERE o.child_id = OLD.child_id AND +o.code = OLD.code
                 AND o.status <> 'ended')
BEGIN
    UPDATE stat_category SET n = n - 1 WHERE area = OLD.area AND code = OLD.code;
END;
CREATE TRIGGER stat_category_update AFTER UPDATE OF child_id, code, status, area ON child_category
BEGIN
    UPDATE stat_category SET n = n - 1
        WHERE OLD.status <> 'ended' AND (SELECT status FROM child WHERE id = OLD.child_id) = 'active'
          AND NOT EXISTS (SELECT 1 FROM child_category o WHERE o.child_id = OLD.child_id AND +o.code = OLD.code
                          AND o.status <> 'ended' AND o.rowid <> NEW.rowid)
          AND area = OLD.area AND code = OLD.code;
    INSERT INTO stat_category(area, code, n)
        SELECT NEW.area, NEW.code, 1
        WHERE NEW.status <> 'ended' AND (SELECT status FROM child WHERE id = NEW.child_id) = 'active'
          AND NOT EXISTS (SELECT 1 FROM child_category o WHERE o.child_id = NEW.child_id AND +o.code = NEW.code
                          AND o.status <> 'ended' AND o.rowid <> NEW.rowid)
        ON CONFLICT(area, code) DO UPDATE SET n = n + 1;
END;
