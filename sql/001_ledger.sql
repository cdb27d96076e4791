-- 001: the area tree and the children's ledger.
--
-- A child's current record is the JSON document in child.doc (the form of
-- src/domain/child.h); the columns beside it are projections kept for
-- queries and constraints. Every change adds a row to child_version with its
-- author, time, reason and the fields it changed. Nothing is deleted: the
-- triggers below refuse it.

CREATE TABLE area (
    code       TEXT PRIMARY KEY,          -- NBS 12-digit statistical code
    name       TEXT NOT NULL,
    level      INTEGER NOT NULL CHECK (level IN (1, 2, 3)),  -- city, town-level unit, village-level unit
    parent     TEXT REFERENCES area(code),
    kind       TEXT NOT NULL,             -- city | street | town | zone | community | village | other
    mark       TEXT CHECK (mark IN ('virtual', 'living_area')),  -- NBS placeholders and 生活区, kept but marked
    prefix     TEXT NOT NULL UNIQUE,      -- the code without its trailing zero groups: the scope of the area
    vintage    INTEGER NOT NULL           -- the NBS edition the code comes from
) WITHOUT ROWID;
CREATE INDEX area_parent ON area(parent, code);
CREATE INDEX area_name ON area(name);

CREATE TABLE child (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version >= 1),
    area        TEXT NOT NULL REFERENCES area(code),
    name        TEXT NOT NULL,
    id_number   TEXT UNIQUE,              -- NULL for a child of unknown identity
    sex         TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date  TEXT NOT NULL,
    status      TEXT NOT NULL,
    doc         TEXT NOT NULL,            -- the whole record, JSON
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX child_area ON child(area, id);
CREATE INDEX child_name ON child(name, id);
CREATE INDEX child_birth ON child(birth_date);

-- The categories of each child's current version, for filters and counts.
CREATE TABLE child_category (
    child_id   INTEGER NOT NULL REFERENCES child(id),
    code       TEXT NOT NULL,
    date_from  TEXT,
    date_to    TEXT,
    status     TEXT NOT NULL,
    area       TEXT NOT NULL
);
CREATE INDEX child_category_code ON child_category(code, area, child_id);
CREATE INDEX child_category_child ON child_category(child_id);

CREATE TABLE child_version (
    child_id    INTEGER NOT NULL REFERENCES child(id),
    version     INTEGER NOT NULL,
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (length(reason) > 0),
    changes     TEXT NOT NULL,            -- {"field": [old, new], ...}
    PRIMARY KEY (child_id, version)
) WITHOUT ROWID;

CREATE TRIGGER child_no_delete BEFORE DELETE ON child
BEGIN SELECT RAISE(ABORT, 'a child record is never deleted: end it with a status and a reason'); END;
CREATE TRIGGER child_version_no_update BEFORE UPDATE ON child_version
BEGIN SELECT RAISE(ABORT, 'the history of a record cannot be changed'); END;
CREATE TRIGGER child_version_no_delete BEFORE DELETE ON child_version
BEGIN SELECT RAISE(ABORT, 'the history of a record cannot be deleted'); END;

CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
