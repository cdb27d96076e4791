-- Protection (issue #6, without the rescue centre): mandatory reports and
-- the cases they open, the hotline's call log, home visits, referrals to
-- member units with due dates, guardianship interventions, and every step
-- of a case as an append-only timeline.
--
-- Times are ISO 8601 in Asia/Shanghai, days 'YYYY-MM-DD'. A case belongs to
-- an area (the child's village, or the village where it happened): reads are
-- scoped by its prefix like the children's. Partners see a case only through
-- a referral to their unit. The timeline cannot be changed or deleted.

INSERT INTO permission(name, description) VALUES
    ('protect:report',   'take a mandatory report (强制报告) of the area'),
    ('hotline:read',     'read the hotline''s call log of the area'),
    ('hotline:write',    'log hotline calls, and open a case from one'),
    ('visit:read',       'read home visits and the visits due in the area'),
    ('visit:write',      'record home visits of the area''s children, and open a case from one'),
    ('case:read',        'read protection cases of the area (partners: only those referred to their unit)'),
    ('case:write',       'work on cases: assess, plan, refer, intervene, review, close, reopen'),
    ('referral:respond', 'accept or decline a referral to one''s unit, record what was done'),
    ('reporter:read',    'see who made a report (name, unit, phone) in full');

INSERT INTO role_permission(role, permission) VALUES
    ('city_staff', 'protect:report'), ('city_staff', 'hotline:read'), ('city_staff', 'hotline:write'),
    ('city_staff', 'visit:read'), ('city_staff', 'visit:write'), ('city_staff', 'case:read'),
    ('city_staff', 'case:write'), ('city_staff', 'reporter:read'),
    ('town_supervisor', 'protect:report'), ('town_supervisor', 'hotline:read'), ('town_supervisor', 'visit:read'),
    ('town_supervisor', 'visit:write'), ('town_supervisor', 'case:read'), ('town_supervisor', 'case:write'),
    ('village_director', 'protect:report'), ('village_director', 'visit:read'), ('village_director', 'visit:write'),
    ('village_director', 'case:read'),
    ('rescue_staff', 'protect:report'), ('rescue_staff', 'visit:read'), ('rescue_staff', 'case:read'),
    ('rescue_staff', 'case:write'),
    ('hotline', 'protect:report'), ('hotline', 'hotline:read'), ('hotline', 'hotline:write'),
    ('hotline', 'case:read'), ('hotline', 'reporter:read'),
    ('partner', 'protect:report'), ('partner', 'case:read'), ('partner', 'referral:respond');

CREATE TABLE protect_case (
    id                    INTEGER PRIMARY KEY,
    year                  INTEGER NOT NULL,              -- of receipt: numbers restart each year
    seq                   INTEGER NOT NULL,
    number                TEXT NOT NULL UNIQUE,          -- DG-2026-000123
    source                TEXT NOT NULL CHECK (source IN ('report', 'hotline', 'visit')),
    status                TEXT NOT NULL CHECK (status IN ('reported', 'assessed', 'planned', 'in_service', 'review', 'closed')),
    area                  TEXT NOT NULL REFERENCES area(code),
    child_id              INTEGER REFERENCES child(id),
    child_desc            TEXT,                          -- JSON {name, sex, apparent_age, description} of an unknown child
    triggers              TEXT NOT NULL DEFAULT '[]',    -- JSON array of trigger codes
    seen                  TEXT,
    place                 TEXT,
    occurred_at           TEXT,
    reporter_name         TEXT,
    reporter_unit         TEXT,
    reporter_sector       TEXT,
    reporter_phone        TEXT,
    via                   TEXT,
    risk                  TEXT,
    guardianship          TEXT,
    outcome               TEXT,
    owner                 TEXT,                          -- the account working on it
    received_at           TEXT NOT NULL,
    received_unix         INTEGER NOT NULL,
    first_action_at       TEXT,
    first_action_seconds  INTEGER,
    reporter_notified_at  TEXT,
    reporter_notified_by  TEXT,
    created_at            TEXT NOT NULL,
    created_by            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX protect_case_area ON protect_case(area, id);
CREATE INDEX protect_case_status ON protect_case(status, area, id);
CREATE INDEX protect_case_owner ON protect_case(owner, id);
CREATE INDEX protect_case_child ON protect_case(child_id);

CREATE TABLE case_referral (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES protect_case(id),
    kind          TEXT NOT NULL CHECK (kind IN ('referral', 'notice')),
    unit          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'done')),
    sent_at       TEXT NOT NULL,
    sent_by       TEXT NOT NULL,
    due           TEXT,                                  -- NULL for a notice
    note          TEXT,
    reason        TEXT,                                  -- why it was declined
    action        TEXT,                                  -- what the unit did
    responded_at  TEXT,
    responded_by  TEXT
);
CREATE INDEX case_referral_case ON case_referral(case_id, id);
CREATE INDEX case_referral_unit ON case_referral(unit, id);
CREATE INDEX case_referral_open ON case_referral(due) WHERE status IN ('pending', 'accepted') AND kind = 'referral';

CREATE TABLE case_intervention (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES protect_case(id),
    kind          TEXT NOT NULL,
    on_date       TEXT NOT NULL,
    target        TEXT,                                  -- the guardian or family concerned
    note          TEXT,
    court_result  TEXT,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL
);
CREATE INDEX case_intervention_case ON case_intervention(case_id, id);

-- The timeline: every step of a case with its time, author and note.
CREATE TABLE case_step (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES protect_case(id),
    at           TEXT NOT NULL,
    author       TEXT NOT NULL,
    step         TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT,
    note         TEXT,
    detail       TEXT,                                   -- JSON: risk, outcome, unit, due...
    unit         TEXT                                    -- the unit a referral step concerns: its partners see it
);
CREATE INDEX case_step_case ON case_step(case_id, id);
CREATE TRIGGER case_step_no_update BEFORE UPDATE ON case_step
BEGIN SELECT RAISE(ABORT, 'a case''s timeline cannot be changed'); END;
CREATE TRIGGER case_step_no_delete BEFORE DELETE ON case_step
BEGIN SELECT RAISE(ABORT, 'a case''s timeline cannot be deleted'); END;

CREATE TABLE hotline_call (
    id                    INTEGER PRIMARY KEY,
    received_at           TEXT NOT NULL,
    recorded_at           TEXT NOT NULL,
    first_action_seconds  INTEGER NOT NULL,
    caller_name           TEXT,
    caller_phone          TEXT,
    area                  TEXT NOT NULL REFERENCES area(code),   -- where the caller is, or the operator's area
    asks                  TEXT NOT NULL,
    question              TEXT NOT NULL,
    answer                TEXT,
    child_id              INTEGER REFERENCES child(id),
    case_id               INTEGER REFERENCES protect_case(id),
    taken_by              TEXT NOT NULL
);
CREATE INDEX hotline_call_area ON hotline_call(area, id);

CREATE TABLE visit (
    id           INTEGER PRIMARY KEY,
    child_id     INTEGER NOT NULL REFERENCES child(id),
    area         TEXT NOT NULL,                          -- the child's village at the visit
    visited_on   TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('home', 'phone', 'school')),
    seen         TEXT,
    care         TEXT NOT NULL CHECK (care IN ('good', 'fair', 'poor')),
    findings     TEXT NOT NULL,
    risk         TEXT,
    needs        TEXT,
    follow_up    TEXT,
    case_id      INTEGER REFERENCES protect_case(id),
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);
CREATE INDEX visit_child ON visit(child_id, visited_on);
