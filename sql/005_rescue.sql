-- The rescue centre (issue #6, its rescue-centre part): institutions with
-- their child beds, admissions of known or unidentified children under
-- temporary guardianship (Minors Protection Law Art. 92-95), each with a
-- timeline of steps that cannot be changed or deleted.
--
-- Scope: an admission's `area` is the child's village for a known child,
-- and the institution's own area (the city) while the child is
-- unidentified, so that reads apply the caller's area range as everywhere
-- else: a town supervisor sees the admissions of the town's children, and
-- an unidentified child is the centre's (city level) until identified.

INSERT INTO permission(name, description) VALUES
    ('rescue:read',  'read the rescue centre''s admissions of children in the area, beds and figures'),
    ('rescue:write', 'admit children to the rescue centre, record their steps, identification and discharge'),
    ('institution:write', 'set the child beds of the city''s institutions');

INSERT INTO role_permission(role, permission) VALUES
    ('rescue_staff', 'rescue:read'), ('rescue_staff', 'rescue:write'),
    ('city_staff', 'rescue:read'), ('city_staff', 'rescue:write'), ('city_staff', 'institution:write'),
    ('town_supervisor', 'rescue:read');

CREATE TABLE institution (
    id          INTEGER PRIMARY KEY,
    name_zh     TEXT NOT NULL UNIQUE,
    name_en     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('welfare_centre', 'rescue_centre')),
    area        TEXT NOT NULL,             -- the area it serves and the scope of its unidentified children
    child_beds  INTEGER CHECK (child_beds IS NULL OR child_beds >= 0)   -- NULL: not recorded
);

-- The city's two institutions (FACTS: the welfare centre's child beds were
-- raised to 900 in 2016; the rescue centre is part of it since 2021, its
-- beds are set by the city when known).
INSERT INTO institution(id, name_zh, name_en, kind, area, child_beds) VALUES
    (1, '东莞市社会福利中心', 'Dongguan Social Welfare Centre', 'welfare_centre', '441900000000', 900),
    (2, '东莞市未成年人救助保护中心', 'Dongguan Minors Rescue and Protection Centre', 'rescue_centre', '441900000000', NULL);

CREATE TABLE admission (
    id                    INTEGER PRIMARY KEY,
    institution_id        INTEGER NOT NULL REFERENCES institution(id),
    child_id              INTEGER REFERENCES child(id),     -- NULL while unidentified
    area                  TEXT NOT NULL,                    -- see the scope note above
    arrived_unidentified  INTEGER NOT NULL CHECK (arrived_unidentified IN (0, 1)),
    -- an unidentified child as found
    name                  TEXT,                             -- a name given on arrival, if any
    apparent_age          INTEGER CHECK (apparent_age IS NULL OR apparent_age BETWEEN 0 AND 17),
    sex                   TEXT,
    found_place           TEXT,
    found_on              TEXT,
    description           TEXT,
    -- the law
    ground                TEXT NOT NULL,                    -- Art. 92
    placement             TEXT NOT NULL,                    -- Art. 93
    guardianship          TEXT NOT NULL DEFAULT 'temporary' CHECK (guardianship IN ('temporary', 'long_term', 'ended')),
    long_term_ground      TEXT,                             -- Art. 94
    case_ref              TEXT,                             -- a case number, free text
    admitted_on           TEXT NOT NULL,
    notice_on             TEXT,                             -- family-search notice published
    dna_on                TEXT,                             -- DNA sample taken
    identified_on         TEXT,
    discharged_on         TEXT,
    discharge_kind        TEXT,
    taken_by              TEXT,                             -- who took the child
    recorded_at           TEXT NOT NULL,
    recorded_by           TEXT NOT NULL,
    CHECK (arrived_unidentified = 1 OR child_id IS NOT NULL),
    CHECK (arrived_unidentified = 0 OR (child_id IS NULL) = (identified_on IS NULL)),
    CHECK ((discharged_on IS NULL) = (discharge_kind IS NULL))
);
-- reads by area range (the caller's scope) and day of admission
CREATE INDEX admission_area ON admission(area, admitted_on);
-- the children here now, per institution (board, occupancy, overdue work)
CREATE INDEX admission_present ON admission(discharged_on, institution_id);
CREATE INDEX admission_child ON admission(child_id) WHERE child_id IS NOT NULL;

CREATE TABLE admission_step (
    id            INTEGER PRIMARY KEY,
    admission_id  INTEGER NOT NULL REFERENCES admission(id),
    kind          TEXT NOT NULL,       -- admitted, family_search_notice, dna_sample, long_term, guardianship_ended, identified, discharged
    on_day        TEXT NOT NULL,
    detail        TEXT,                -- admitted: the Art. 92 ground; long_term: the Art. 94 ground;
                                       -- identified: "child:ID"; discharged: "KIND: who took the child"
    note          TEXT,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL
);
CREATE INDEX admission_step_admission ON admission_step(admission_id, id);

CREATE TRIGGER admission_step_no_update BEFORE UPDATE ON admission_step
BEGIN SELECT RAISE(ABORT, 'an admission''s steps cannot be changed'); END;
CREATE TRIGGER admission_step_no_delete BEFORE DELETE ON admission_step
BEGIN SELECT RAISE(ABORT, 'an admission''s steps cannot be deleted'); END;
CREATE TRIGGER admission_no_delete BEFORE DELETE ON admission
BEGIN SELECT RAISE(ABORT, 'an admission cannot be deleted'); END;
