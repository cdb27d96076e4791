-- The audit trail moves to a database file of its own (issue #8), attached
-- to every connection as "trail" (store_audit_path(): the database's path
-- with ".audit"). Under load the audit writer commits a batch of reads'
-- entries every few milliseconds; in WAL mode each commit to the ledger's
-- file emptied the page cache of every connection reading it, and a list
-- page that was not a repeat read its pages from the file again: a third of
-- its cost. The table, its indexes and its refusals are as they were.
--
-- Two steps, two transactions: this one copies the entries, the next drops
-- the old table after copying whatever is missing once more. A transaction
-- across two WAL files is atomic in each file but not across them, so a
-- crash between the two files' commits of one step must not lose entries.
-- The old table may be missing when a restore has already moved it.
CREATE TABLE IF NOT EXISTS main.audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    account  TEXT,
    role     TEXT,
    area     TEXT,
    address  TEXT,
    action   TEXT NOT NULL,
    records  TEXT,
    success  INTEGER NOT NULL CHECK (success IN (0, 1)),
    detail   TEXT
);

CREATE TABLE IF NOT EXISTS trail.audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,                -- ISO 8601, Asia/Shanghai
    account  TEXT,                         -- the account name, "cli:USER", or the name tried at a failed login
    role     TEXT,
    area     TEXT,                         -- the account's area: auditors see entries of their area
    address  TEXT,                         -- the client's address
    action   TEXT NOT NULL,                -- session.login, child.read, child.view_full, account.create...
    records  TEXT,                         -- the records concerned, comma-separated (child ids, account names)
    success  INTEGER NOT NULL CHECK (success IN (0, 1)),
    detail   TEXT
);
INSERT OR IGNORE INTO trail.audit(id, at, account, role, area, address, action, records, success, detail)
    SELECT id, at, account, role, area, address, action, records, success, detail FROM main.audit;
CREATE INDEX IF NOT EXISTS trail.audit_at ON audit(at);
CREATE INDEX IF NOT EXISTS trail.audit_account ON audit(account, id);
CREATE INDEX IF NOT EXISTS trail.audit_action ON audit(action, id);

CREATE TRIGGER IF NOT EXISTS trail.audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS trail.audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be deleted'); END;
