-- Monthly reports (总结上报, issue #7): each month a village's report is
-- generated from the ledger and submitted by its child director; the town's
-- child supervisor checks its villages and submits the town's (the sum of
-- its villages); the city accepts the towns'. A submitted report is frozen:
-- its figures stay as submitted, and later corrections of the ledger are
-- listed against it (computed, not stored). The figures themselves are
-- defined once, in src/domain/monthly.c; the report keeps them as JSON
-- {"code": value} (counts, and money in fen).

INSERT INTO permission(name, description) VALUES
    ('monthly:read',   'read the monthly reports of the area and their corrections'),
    ('monthly:submit', 'generate the monthly reports of the area and submit the own area''s'),
    ('monthly:review', 'return or accept the submitted monthly reports of the areas directly below');

INSERT INTO role_permission(role, permission) VALUES
    ('city_staff', 'monthly:read'), ('city_staff', 'monthly:submit'), ('city_staff', 'monthly:review'),
    ('town_supervisor', 'monthly:read'), ('town_supervisor', 'monthly:submit'), ('town_supervisor', 'monthly:review'),
    ('village_director', 'monthly:read'), ('village_director', 'monthly:submit'),
    ('auditor', 'monthly:read');

CREATE TABLE monthly_report (
    id               INTEGER PRIMARY KEY,
    month            TEXT NOT NULL,                        -- 'YYYY-MM'
    area             TEXT NOT NULL REFERENCES area(code),  -- a village, a town or the city
    level            INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    figures          TEXT NOT NULL,                        -- JSON {code: value}: frozen once submitted
    generated_at     TEXT NOT NULL,
    generated_by     TEXT NOT NULL,
    submitted_at     TEXT,
    submitted_by     TEXT,
    returned_at      TEXT,
    returned_by      TEXT,
    returned_reason  TEXT,                                 -- why the level above sent it back, last time
    accepted_at      TEXT,
    accepted_by      TEXT,
    UNIQUE (month, area),
    CHECK (status <> 'returned' OR length(trim(coalesce(returned_reason, ''))) > 0)
);
CREATE INDEX monthly_report_area ON monthly_report(area, month);

-- every step, for the report's own history (the audit trail has them too)
CREATE TABLE monthly_report_step (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES monthly_report(id),
    action     TEXT NOT NULL CHECK (action IN ('generate', 'submit', 'return', 'accept')),
    at         TEXT NOT NULL,
    account    TEXT NOT NULL,
    reason     TEXT
);
CREATE INDEX monthly_report_step_report ON monthly_report_step(report_id, id);

CREATE TRIGGER monthly_report_no_delete BEFORE DELETE ON monthly_report
BEGIN SELECT RAISE(ABORT, 'a monthly report is never deleted'); END;
CREATE TRIGGER monthly_report_frozen BEFORE UPDATE OF figures, month, area ON monthly_report
WHEN OLD.status IN ('submitted', 'accepted') AND (NEW.figures IS NOT OLD.figures OR NEW.month IS NOT OLD.month OR NEW.area IS NOT OLD.area)
BEGIN SELECT RAISE(ABORT, 'a submitted monthly report is frozen: return it before it changes'); END;
CREATE TRIGGER monthly_report_step_no_update BEFORE UPDATE ON monthly_report_step
BEGIN SELECT RAISE(ABORT, 'the steps of a monthly report are history'); END;
CREATE TRIGGER monthly_report_step_no_delete BEFORE DELETE ON monthly_report_step
BEGIN SELECT RAISE(ABORT, 'the steps of a monthly report are history'); END;

-- The month's changes of the ledger (new, changed and ended records) are
-- found by the time of the version, not by reading every child's history.
CREATE INDEX child_version_changed ON child_version(changed_at);

-- ---- workforce and activities (issue #7) ----
-- The register of the town child supervisors (儿童督导员) and the village
-- child directors (儿童主任) with their training; the activities and
-- publicity (宣传活动) of each level; the social organisations that serve
-- children, each service with its evaluation. Nothing is deleted: a worker
-- who leaves gets the day, a service its end.

INSERT INTO permission(name, description) VALUES
    ('workforce:read',  'read the register of supervisors and directors, activities and social organisations of the area'),
    ('workforce:write', 'record supervisors and directors, their training, activities, social organisations and their services');

INSERT INTO role_permission(role, permission) VALUES
    ('city_staff', 'workforce:read'), ('city_staff', 'workforce:write'),
    ('town_supervisor', 'workforce:read'), ('town_supervisor', 'workforce:write'),
    ('village_director', 'workforce:read'), ('village_director', 'workforce:write'),
    ('auditor', 'workforce:read');

CREATE TABLE worker (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,                          -- the real name
    role          TEXT NOT NULL CHECK (role IN ('supervisor', 'director')),  -- a town's / a village's
    area          TEXT NOT NULL REFERENCES area(code),
    phone         TEXT,
    appointed_on  TEXT NOT NULL,
    left_on       TEXT,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    CHECK (left_on IS NULL OR left_on >= appointed_on)
);
CREATE INDEX worker_area ON worker(area, role);

CREATE TABLE worker_training (
    id           INTEGER PRIMARY KEY,
    worker_id    INTEGER NOT NULL REFERENCES worker(id),
    trained_on   TEXT NOT NULL,
    title        TEXT NOT NULL,
    hours        INTEGER NOT NULL CHECK (hours > 0),
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);
CREATE INDEX worker_training_worker ON worker_training(worker_id, trained_on);

CREATE TABLE activity (
    id            INTEGER PRIMARY KEY,
    level         TEXT NOT NULL CHECK (level IN ('city', 'town', 'village')),
    area          TEXT NOT NULL REFERENCES area(code),   -- of that level
    held_on       TEXT NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('publicity', 'training', 'care', 'other')),
    participants  INTEGER NOT NULL CHECK (participants >= 0),
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL
);
CREATE INDEX activity_area ON activity(area, held_on);

CREATE TABLE social_org (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    area         TEXT NOT NULL REFERENCES area(code),    -- where it is registered to work
    contact      TEXT,
    phone        TEXT,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);
CREATE INDEX social_org_area ON social_org(area);

CREATE TABLE social_service (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES social_org(id),
    area             TEXT NOT NULL REFERENCES area(code),  -- where the service is given
    title            TEXT NOT NULL,
    started_on       TEXT NOT NULL,
    children_served  INTEGER NOT NULL CHECK (children_served >= 0),
    evaluation       TEXT CHECK (evaluation IN ('excellent', 'good', 'fair', 'poor')),
    evaluated_on     TEXT,
    evaluation_note  TEXT,
    evaluated_by     TEXT,
    recorded_at      TEXT NOT NULL,
    recorded_by      TEXT NOT NULL,
    CHECK ((evaluation IS NULL) = (evaluated_on IS NULL))
);
CREATE INDEX social_service_org ON social_service(org_id);
CREATE INDEX social_service_area ON social_service(area);

CREATE TRIGGER worker_no_delete BEFORE DELETE ON worker
BEGIN SELECT RAISE(ABORT, 'a worker is never deleted: record the day they left'); END;
CREATE TRIGGER worker_training_no_delete BEFORE DELETE ON worker_training
BEGIN SELECT RAISE(ABORT, 'a training record is never deleted'); END;
CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
BEGIN SELECT RAISE(ABORT, 'an activity is never deleted'); END;
CREATE TRIGGER social_service_no_delete BEFORE DELETE ON social_service
BEGIN SELECT RAISE(ABORT, 'a service is never deleted'); END;
