-- How many times an API token, a session or an account has changed in a way
-- that can change who a request's caller is, or whether it may ask at all
-- (issue #8, caller): a serving thread keeps the tokens and sessions it has
-- checked and their accounts while this number is unchanged
-- (api/caller_cache.c), instead of reading their rows on every request.
-- A token's use (last_used) does not count: it is only bookkeeping. Every
-- change of an account counts (its logins too: rare, and the next request
-- of each thread reads its caller again).
CREATE TABLE caller_version (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
);
INSERT INTO caller_version(id, n) VALUES (1, 0);
CREATE TRIGGER caller_version_token_update AFTER UPDATE OF token_hash, account_id, expires_at, revoked_at ON api_token
BEGIN
    UPDATE caller_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER caller_version_token_delete AFTER DELETE ON api_token
BEGIN
    UPDATE caller_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER caller_version_account_update AFTER UPDATE ON account
BEGIN
    UPDATE caller_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER caller_version_account_delete AFTER DELETE ON account
BEGIN
    UPDATE caller_version SET n = n + 1 WHERE id = 1;
END;
-- A session ended (logout, a new password, idle, the login's sweep) counts
-- too; a session begun or used (last_seen) does not.
CREATE TRIGGER caller_version_session_delete AFTER DELETE ON session
BEGIN
    UPDATE caller_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER caller_version_session_update AFTER UPDATE OF token_hash, account_id, csrf_token ON session
BEGIN
    UPDATE caller_version SET n = n + 1 WHERE id = 1;
END;
