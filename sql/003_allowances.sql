-- 003: allowances (issue #5): the category procedure with its steps, the
-- working-day calendar, allowance standards per category and month, monthly
-- payrolls with their approval by town and city, other help given to
-- children, and the rotation of adult orphans' settlements.
--
-- Money is integer fen. Months are 'YYYY-MM', days 'YYYY-MM-DD', times ISO
-- 8601 in Asia/Shanghai. What is history cannot be changed: the steps of the
-- procedure, the standards (a new row supersedes an old one), a locked
-- payroll and the months it paid; the triggers below refuse it.

-- ---- permissions: who may do each step (roles stay data, as in 002) ----

INSERT INTO permission(name, description) VALUES
    ('allowance:read',     'read eligibility, category applications, standards and payrolls of the area'),
    ('allowance:apply',    'apply for a category for a child of the area (on behalf of the guardian)'),
    ('allowance:verify',   'verify applications as the town (查验)'),
    ('allowance:confirm',  'confirm or refuse applications as the city (确认)'),
    ('standard:write',     'set the city''s allowance standards and allowance settings'),
    ('payroll:write',      'generate payrolls of the area and add adjustment lines'),
    ('payroll:submit',     'submit the town''s part of a payroll'),
    ('payroll:approve',    'approve a payroll, send a town''s part back, lock a paid payroll'),
    ('aid:write',          'record other help given to a child (education, temporary, medical)'),
    ('adult_orphan:write', 'record the settlement of adult orphans and its payment');

INSERT INTO role_permission(role, permission) VALUES
    ('city_staff', 'allowance:read'), ('city_staff', 'allowance:apply'), ('city_staff', 'allowance:confirm'),
    ('city_staff', 'standard:write'), ('city_staff', 'payroll:write'), ('city_staff', 'payroll:approve'),
    ('city_staff', 'aid:write'), ('city_staff', 'adult_orphan:write'),
    ('town_supervisor', 'allowance:read'), ('town_supervisor', 'allowance:apply'), ('town_supervisor', 'allowance:verify'),
    ('town_supervisor', 'payroll:write'), ('town_supervisor', 'payroll:submit'), ('town_supervisor', 'aid:write'),
    ('village_director', 'allowance:read'), ('village_director', 'allowance:apply');

-- ---- working days: public holidays on weekdays and worked weekend days ----
-- From the State Council's yearly notices (国办发明电〔2022〕16号 for 2023,
-- 国办发明电〔2023〕7号 for 2024). Only what changes a count is listed: a
-- holiday on a weekday, or a weekend day that is worked (调休). Later years
-- are added with `shouhu holiday add` when the notice comes out.
CREATE TABLE holiday (
    day   TEXT PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name  TEXT
) WITHOUT ROWID;

INSERT INTO holiday(day, kind, name) VALUES
    ('2023-01-02', 'holiday', '元旦'),
    ('2023-01-23', 'holiday', '春节'), ('2023-01-24', 'holiday', '春节'), ('2023-01-25', 'holiday', '春节'),
    ('2023-01-26', 'holiday', '春节'), ('2023-01-27', 'holiday', '春节'),
    ('2023-01-28', 'workday', '春节调休'), ('2023-01-29', 'workday', '春节调休'),
    ('2023-04-05', 'holiday', '清明节'),
    ('2023-04-23', 'workday', '劳动节调休'),
    ('2023-05-01', 'holiday', '劳动节'), ('2023-05-02', 'holiday', '劳动节'), ('2023-05-03', 'holiday', '劳动节'),
    ('2023-05-06', 'workday', '劳动节调休'),
    ('2023-06-22', 'holiday', '端午节'), ('2023-06-23', 'holiday', '端午节'),
    ('2023-06-25', 'workday', '端午节调休'),
    ('2023-09-29', 'holiday', '中秋节'),
    ('2023-10-02', 'holiday', '国庆节'), ('2023-10-03', 'holiday', '国庆节'), ('2023-10-04', 'holiday', '国庆节'),
    ('2023-10-05', 'holiday', '国庆节'), ('2023-10-06', 'holiday', '国庆节'),
    ('2023-10-07', 'workday', '国庆节调休'), ('2023-10-08', 'workday', '国庆节调休'),
    ('2024-01-01', 'holiday', '元旦'),
    ('2024-02-04', 'workday', '春节调休'),
    ('2024-02-12', 'holiday', '春节'), ('2024-02-13', 'holiday', '春节'), ('2024-02-14', 'holiday', '春节'),
    ('2024-02-15', 'holiday', '春节'), ('2024-02-16', 'holiday', '春节'),
    ('2024-02-18', 'workday', '春节调休'),
    ('2024-04-04', 'holiday', '清明节'), ('2024-04-05', 'holiday', '清明节'),
    ('2024-04-07', 'workday', '清明节调休'),
    ('2024-04-28', 'workday', '劳动节调休'),
    ('2024-05-01', 'holiday', '劳动节'), ('2024-05-02', 'holiday', '劳动节'), ('2024-05-03', 'holiday', '劳动节'),
    ('2024-05-11', 'workday', '劳动节调休'),
    ('2024-06-10', 'holiday', '端午节'),
    ('2024-09-14', 'workday', '中秋节调休'),
    ('2024-09-16', 'holiday', '中秋节'), ('2024-09-17', 'holiday', '中秋节'),
    ('2024-09-29', 'workday', '国庆节调休'),
    ('2024-10-01', 'holiday', '国庆节'), ('2024-10-02', 'holiday', '国庆节'), ('2024-10-03', 'holiday', '国庆节'),
    ('2024-10-04', 'holiday', '国庆节'), ('2024-10-07', 'holiday', '国庆节'),
    ('2024-10-12', 'workday', '国庆节调休');

-- ---- the category procedure: application -> verification -> confirmation ----

CREATE TABLE category_application (
    id           INTEGER PRIMARY KEY,
    child_id     INTEGER NOT NULL REFERENCES child(id),
    category     TEXT NOT NULL,
    area         TEXT NOT NULL REFERENCES area(code),   -- the child's village when it applied
    applicant    TEXT NOT NULL CHECK (applicant IN ('guardian', 'village')),  -- or the village committee for it
    status       TEXT NOT NULL CHECK (status IN ('applied', 'verified', 'confirmed', 'refused')),
    applied_on   TEXT NOT NULL,
    verified_on  TEXT,
    decided_on   TEXT,                                 -- confirmed or refused
    advice       TEXT,                                 -- what the eligibility rules said when it was made
    note         TEXT
);
-- one open application per child and category
CREATE UNIQUE INDEX category_application_open ON category_application(child_id, category)
    WHERE status IN ('applied', 'verified');
CREATE INDEX category_application_status ON category_application(status, area);
CREATE INDEX category_application_child ON category_application(child_id);

CREATE TABLE category_step (
    application_id  INTEGER NOT NULL REFERENCES category_application(id),
    step            TEXT NOT NULL CHECK (step IN ('apply', 'verify', 'confirm')),
    outcome         TEXT NOT NULL CHECK (outcome IN ('done', 'approved', 'refused')),
    done_on         TEXT NOT NULL,     -- the day on the papers
    due_on          TEXT,              -- the last day it was on time (none for the application)
    account         TEXT NOT NULL,     -- who did it, with the role and area it had then
    role            TEXT NOT NULL,
    account_area    TEXT NOT NULL,
    reason          TEXT,
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,     -- who entered it: the account, or cli:USER for it
    PRIMARY KEY (application_id, step),
    CHECK (outcome <> 'refused' OR length(trim(coalesce(reason, ''))) > 0)
) WITHOUT ROWID;

CREATE TRIGGER category_step_no_update BEFORE UPDATE ON category_step
BEGIN SELECT RAISE(ABORT, 'a step of the category procedure is history and cannot be changed'); END;
CREATE TRIGGER category_step_no_delete BEFORE DELETE ON category_step
BEGIN SELECT RAISE(ABORT, 'a step of the category procedure is history and cannot be deleted'); END;
CREATE TRIGGER category_application_no_delete BEFORE DELETE ON category_application
BEGIN SELECT RAISE(ABORT, 'an application is never deleted: refuse it with a reason'); END;

-- ---- allowance standards, per category and month, in fen ----

CREATE TABLE allowance_standard (
    id          INTEGER PRIMARY KEY,
    category    TEXT NOT NULL,
    valid_from  TEXT NOT NULL,                         -- 'YYYY-MM'
    level       TEXT NOT NULL CHECK (level IN ('province', 'city')),
    amount_fen  INTEGER CHECK (amount_fen > 0),        -- per person per month
    pegged_to   TEXT,                                  -- or the category it follows (参照)
    note        TEXT,
    set_at      TEXT NOT NULL,
    set_by      TEXT NOT NULL,
    CHECK ((amount_fen IS NULL) <> (pegged_to IS NULL))
);
CREATE INDEX allowance_standard_category ON allowance_standard(category, level, valid_from);

CREATE TRIGGER allowance_standard_no_update BEFORE UPDATE ON allowance_standard
BEGIN SELECT RAISE(ABORT, 'a standard is never changed: set a new one, which supersedes it'); END;
CREATE TRIGGER allowance_standard_no_delete BEFORE DELETE ON allowance_standard
BEGIN SELECT RAISE(ABORT, 'a standard is never deleted: set a new one, which supersedes it'); END;

-- Guangdong's provincial minimums (DOMAIN.md §3), yuan per person per month:
-- institution orphans 1,820 / 1,883 / 1,949 / 2,017 (the seed's 1,949 in
-- 2022 and 2,017 in 2023), scattered orphans 1,110 / 1,227 / 1,313 / 1,359
-- for 2020-2023. HIV-infected children are paid at the scattered-orphan rate;
-- de facto unsupported children follow it from 2021 (no minimum for 2020).
INSERT INTO allowance_standard(category, valid_from, level, amount_fen, pegged_to, note, set_at, set_by) VALUES
    ('orphan_institution', '2020-01', 'province', 182000, NULL, '广东省最低标准', '2023-01-01T00:00:00+08:00', 'sql/003_allowances.sql'),
    ('orphan_institution', '2021-01', 'province', 188300, NULL, '广东省最低标准', '2023-01-01T00:00:00+08:00', 'sql/003_allowances.sql'),
    ('orphan_institution', '2022-01', 'province', 194900, NULL, '广东省最低标准', '2023-01-01T00:00:00+08:00', 'sql/003_allowances.sql'),
    ('orphan_institution', '2023-01', 'province', 201700, NULL, '广东省最低标准', '2023-01-01T00:00:00+08:00', 'sql/003_allowances.sql'),
    ('orphan_scattered',   '2020-01', 'province', 111000, NULL, '广东省最低标准', '2023-01-01T00:00:00+08:00', 'sql/003_allowances.sql'),
    ('orphan_scattered',   '2021-01', 'province', 122700, NULL, '广东省最低标准', '2023-01-01T00:00:00+08:00', 'sql/003_allowances.sql'),
    ('orphan_scattered',   '2022-01', 'province', 131300, NULL, '广东省最低标准', '2023-01-01T00:00:00+08:00', 'sql/003_allowances.sql'),
    ('orphan_scattered',   '2023-01', 'province', 135900, NULL, '广东省最低标准', '2023-01-01T00:00:00+08:00', 'sql/003_allowances.sql'),
    ('hiv',                '2020-01', 'province', NULL, 'orphan_scattered', '参照散居孤儿标准', '2023-01-01T00:00:00+08:00', 'sql/003_allowances.sql'),
    ('de_facto_unsupported', '2021-01', 'province', NULL, 'orphan_scattered', '参照散居孤儿标准（民发〔2020〕125号）', '2023-01-01T00:00:00+08:00', 'sql/003_allowances.sql');

-- ---- payrolls (发放名册) ----

CREATE TABLE payroll (
    id            INTEGER PRIMARY KEY,
    month         TEXT NOT NULL,                       -- 'YYYY-MM'
    area          TEXT NOT NULL REFERENCES area(code), -- the city, or one town
    status        TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'locked', 'discarded')),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    generated_at  TEXT NOT NULL,                       -- the last (re)generation of its lines
    approved_at   TEXT,
    approved_by   TEXT,
    locked_at     TEXT,
    locked_by     TEXT,
    paid_on       TEXT,
    note          TEXT
);
CREATE INDEX payroll_month ON payroll(month, area);

-- each town's part, submitted by the town
CREATE TABLE payroll_town (
    payroll_id       INTEGER NOT NULL REFERENCES payroll(id),
    town             TEXT NOT NULL REFERENCES area(code),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    submitted_at     TEXT,
    submitted_by     TEXT,
    returned_reason  TEXT,                             -- why the city sent it back, last time
    PRIMARY KEY (payroll_id, town)
) WITHOUT ROWID;

CREATE TABLE payroll_line (
    id                INTEGER PRIMARY KEY,
    payroll_id        INTEGER NOT NULL REFERENCES payroll(id),
    child_id          INTEGER NOT NULL REFERENCES child(id),
    town              TEXT NOT NULL,
    village           TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('regular', 'adjustment')),
    category          TEXT NOT NULL,
    standard_fen      INTEGER NOT NULL,                -- the standard of the line's last month
    months            INTEGER NOT NULL,                -- months this line pays (the month and back pay)
    back_months       INTEGER NOT NULL,                -- of which before the payroll's month
    first_month       TEXT NOT NULL,
    last_month        TEXT NOT NULL,
    amount_fen        INTEGER NOT NULL,
    for_month         TEXT,                            -- an adjustment: the month it corrects
    reason            TEXT,                            -- an adjustment: why
    -- what the bank and the town need, as it was when the line was made:
    -- a payroll is a document, and a locked one never changes
    child_name        TEXT NOT NULL,
    child_id_number   TEXT,
    holder_name       TEXT,                            -- the account holder: the guardian
    holder_relation   TEXT,
    holder_id_number  TEXT,
    holder_phone      TEXT,
    created_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    CHECK (kind = 'regular' OR length(trim(coalesce(reason, ''))) > 0)
);
CREATE INDEX payroll_line_payroll ON payroll_line(payroll_id, town, child_id);
CREATE INDEX payroll_line_child ON payroll_line(child_id);

-- The months paid, one row per child and month: the primary key is why
-- generating the same month twice, or a town's and the city's payroll of the
-- same month, never pays anyone twice.
CREATE TABLE payroll_paid (
    child_id    INTEGER NOT NULL REFERENCES child(id),
    month       TEXT NOT NULL,
    payroll_id  INTEGER NOT NULL REFERENCES payroll(id),
    line_id     INTEGER NOT NULL REFERENCES payroll_line(id),
    category    TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL,
    PRIMARY KEY (child_id, month)
) WITHOUT ROWID;
CREATE INDEX payroll_paid_payroll ON payroll_paid(payroll_id);

CREATE TRIGGER payroll_locked_no_update BEFORE UPDATE ON payroll WHEN OLD.status = 'locked'
BEGIN SELECT RAISE(ABORT, 'a locked payroll never changes: correct it with an adjustment line in a later month'); END;
CREATE TRIGGER payroll_no_delete BEFORE DELETE ON payroll
BEGIN SELECT RAISE(ABORT, 'a payroll is never deleted: a draft is discarded'); END;
CREATE TRIGGER payroll_town_locked_update BEFORE UPDATE ON payroll_town
WHEN (SELECT status FROM payroll WHERE id = OLD.payroll_id) = 'locked'
BEGIN SELECT RAISE(ABORT, 'a locked payroll never changes'); END;
CREATE TRIGGER payroll_town_locked_delete BEFORE DELETE ON payroll_town
WHEN (SELECT status FROM payroll WHERE id = OLD.payroll_id) = 'locked'
BEGIN SELECT RAISE(ABORT, 'a locked payroll never changes'); END;
CREATE TRIGGER payroll_line_locked_insert BEFORE INSERT ON payroll_line
WHEN (SELECT status FROM payroll WHERE id = NEW.payroll_id) IN ('submitted', 'approved', 'locked', 'discarded')
BEGIN SELECT RAISE(ABORT, 'lines are added only to a draft payroll'); END;
CREATE TRIGGER payroll_line_no_update BEFORE UPDATE ON payroll_line
BEGIN SELECT RAISE(ABORT, 'a payroll line is never changed: generate the draft again, or add an adjustment'); END;
CREATE TRIGGER payroll_line_locked_delete BEFORE DELETE ON payroll_line
WHEN (SELECT status FROM payroll WHERE id = OLD.payroll_id) IN ('approved', 'locked')
BEGIN SELECT RAISE(ABORT, 'a locked payroll never changes'); END;
CREATE TRIGGER payroll_paid_no_update BEFORE UPDATE ON payroll_paid
BEGIN SELECT RAISE(ABORT, 'a paid month is never changed'); END;
CREATE TRIGGER payroll_paid_locked_delete BEFORE DELETE ON payroll_paid
WHEN (SELECT status FROM payroll WHERE id = OLD.payroll_id) IN ('approved', 'locked')
BEGIN SELECT RAISE(ABORT, 'a month paid by a locked payroll stays paid'); END;

-- ---- other help: education, boarding, study grant, temporary and medical assistance ----

CREATE TABLE aid (
    id              INTEGER PRIMARY KEY,
    child_id        INTEGER NOT NULL REFERENCES child(id),
    kind            TEXT NOT NULL,
    given_on        TEXT NOT NULL,
    amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
    school_year     INTEGER,                           -- 2023 = 2023-2024
    expense_fen     INTEGER,                           -- medical: the cost it helped with
    deductible_fen  INTEGER,                           -- medical: the 低保 serious-illness deductible that applied
    note            TEXT,
    area            TEXT NOT NULL REFERENCES area(code),  -- the child's village when recorded
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    voided_at       TEXT,
    voided_by       TEXT,
    void_reason     TEXT,
    CHECK (voided_at IS NULL OR length(trim(coalesce(void_reason, ''))) > 0)
);
CREATE INDEX aid_child ON aid(child_id);
CREATE INDEX aid_area ON aid(area, given_on);
CREATE UNIQUE INDEX aid_study_grant_once ON aid(child_id, school_year) WHERE kind = 'study_grant' AND voided_at IS NULL;

CREATE TRIGGER aid_no_delete BEFORE DELETE ON aid
BEGIN SELECT RAISE(ABORT, 'help given is never deleted: void the record with a reason'); END;
CREATE TRIGGER aid_only_void BEFORE UPDATE ON aid
WHEN OLD.voided_at IS NOT NULL OR NEW.child_id IS NOT OLD.child_id OR NEW.kind IS NOT OLD.kind
  OR NEW.given_on IS NOT OLD.given_on OR NEW.amount_fen IS NOT OLD.amount_fen OR NEW.school_year IS NOT OLD.school_year
  OR NEW.expense_fen IS NOT OLD.expense_fen OR NEW.deductible_fen IS NOT OLD.deductible_fen OR NEW.note IS NOT OLD.note
  OR NEW.area IS NOT OLD.area OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN SELECT RAISE(ABORT, 'a help record is only ever voided, with a reason'); END;

-- ---- adult orphans settled by the towns in turn ----

-- The rotation order; empty means the default (the streets and towns in code order).
CREATE TABLE rotation_town (
    town      TEXT PRIMARY KEY REFERENCES area(code),
    position  INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;

CREATE TABLE settlement (
    id                  INTEGER PRIMARY KEY,
    child_id            INTEGER REFERENCES child(id),  -- NULL for history without a record in Shouhu
    name                TEXT NOT NULL,
    id_number           TEXT,
    town                TEXT NOT NULL REFERENCES area(code),
    settled_on          TEXT NOT NULL,
    amount_fen          INTEGER NOT NULL CHECK (amount_fen >= 0),
    paid_on             TEXT,
    proposed_town       TEXT,                          -- whose turn it was
    out_of_turn_reason  TEXT,
    history             INTEGER NOT NULL DEFAULT 0 CHECK (history IN (0, 1)),  -- entered later from the paper files
    demo                INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),     -- made up for a demonstration
    note                TEXT,
    recorded_at         TEXT NOT NULL,
    recorded_by         TEXT NOT NULL,
    CHECK (proposed_town IS NULL OR town = proposed_town OR length(trim(coalesce(out_of_turn_reason, ''))) > 0)
);
CREATE UNIQUE INDEX settlement_child ON settlement(child_id) WHERE child_id IS NOT NULL;
CREATE INDEX settlement_order ON settlement(settled_on, id);

CREATE TRIGGER settlement_no_delete BEFORE DELETE ON settlement
BEGIN SELECT RAISE(ABORT, 'a settlement is never deleted'); END;
CREATE TRIGGER settlement_only_paid BEFORE UPDATE ON settlement
WHEN OLD.paid_on IS NOT NULL OR NEW.child_id IS NOT OLD.child_id OR NEW.name IS NOT OLD.name
  OR NEW.town IS NOT OLD.town OR NEW.settled_on IS NOT OLD.settled_on OR NEW.amount_fen IS NOT OLD.amount_fen
  OR NEW.history IS NOT OLD.history OR NEW.demo IS NOT OLD.demo
BEGIN SELECT RAISE(ABORT, 'a settlement only gets its payment day, once'); END;
