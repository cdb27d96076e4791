-- The audit trail's second step (see the migration before): whatever the
-- first step's copy lost to a crash between the two files' commits is copied
-- again, then the ledger's old table goes (its indexes and triggers with it;
-- dropping a table fires no DELETE trigger). Statements that name `audit`
-- now find the trail's.
INSERT OR IGNORE INTO trail.audit(id, at, account, role, area, address, action, records, success, detail)
    SELECT id, at, account, role, area, address, action, records, success, detail FROM main.audit;
DROP TABLE main.audit;
