-- 002: accounts, roles and permissions, sessions, API tokens and the audit trail.
--
-- Roles are data: each is a set of permissions (role_permission), so a city
-- can add its own role with an INSERT and no new code. The permissions the
-- code checks are the rows of `permission`; the routing table of the API
-- (src/api/routes.c) names one per route.
--
-- Secrets are never stored: passwords as Argon2id strings (libsodium),
-- session and API tokens as BLAKE2b hashes. Times used for expiry and
-- lock-out are Unix seconds; times shown to people are ISO 8601 in
-- Asia/Shanghai.
--
-- The audit trail cannot be changed or deleted through Shouhu: the triggers
-- below refuse it (Cybersecurity Law Art. 21: kept at least 6 months).

CREATE TABLE permission (
    name         TEXT PRIMARY KEY,
    description  TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO permission(name, description) VALUES
    ('area:read',       'read the area tree'),
    ('child:read',      'read children''s records in the area (ID and phone numbers masked)'),
    ('child:read_full', 'see ID and phone numbers in full on a record''s own page (each viewing is audited)'),
    ('child:write',     'create and change children''s records in the area'),
    ('child:import',    'import a ledger file into the area'),
    ('child:export',    'export the area''s ledger'),
    ('account:read',    'list accounts and roles in the area'),
    ('account:write',   'create and change accounts in the area, reset passwords'),
    ('audit:read',      'read the audit trail'),
    ('stats:read',      'read statistics');

CREATE TABLE role (
    name         TEXT PRIMARY KEY,
    title_zh     TEXT NOT NULL,
    title_en     TEXT NOT NULL,
    -- which children the role sees: those of its area ('area'), or only those
    -- referred to its unit ('referred': none until referrals exist)
    child_scope  TEXT NOT NULL CHECK (child_scope IN ('area', 'referred'))
) WITHOUT ROWID;

INSERT INTO role(name, title_zh, title_en, child_scope) VALUES
    ('admin',            '系统管理员',        'system administrator',              'area'),
    ('security_admin',   '安全管理员',        'security administrator',            'area'),
    ('auditor',          '审计管理员',        'auditor',                           'area'),
    ('city_staff',       '市民政（福利中心）', 'city civil affairs staff',          'area'),
    ('town_supervisor',  '儿童督导员',        'town child supervisor',             'area'),
    ('village_director', '儿童主任',          'village child director',            'area'),
    ('rescue_staff',     '救助保护中心',      'rescue and protection centre staff','area'),
    ('hotline',          '热线接线员',        'hotline operator',                  'area'),
    ('partner',          '成员单位',          'member unit',                       'referred');

CREATE TABLE role_permission (
    role        TEXT NOT NULL REFERENCES role(name),
    permission  TEXT NOT NULL REFERENCES permission(name),
    PRIMARY KEY (role, permission)
) WITHOUT ROWID;

-- MLPS three-way separation: the administrator manages accounts but reads no
-- children's data; the security administrator and the auditor read the audit
-- trail; only the ledger's own staff read and change records.
INSERT INTO role_permission(role, permission) VALUES
    ('admin', 'area:read'), ('admin', 'account:read'), ('admin', 'account:write'),
    ('security_admin', 'area:read'), ('security_admin', 'account:read'), ('security_admin', 'audit:read'),
    ('auditor', 'area:read'), ('auditor', 'audit:read'), ('auditor', 'stats:read'),
    ('city_staff', 'area:read'), ('city_staff', 'child:read'), ('city_staff', 'child:read_full'),
    ('city_staff', 'child:write'), ('city_staff', 'child:import'), ('city_staff', 'child:export'),
    ('city_staff', 'stats:read'),
    ('town_supervisor', 'area:read'), ('town_supervisor', 'child:read'), ('town_supervisor', 'child:read_full'),
    ('town_supervisor', 'child:write'), ('town_supervisor', 'child:import'), ('town_supervisor', 'child:export'),
    ('town_supervisor', 'stats:read'),
    ('village_director', 'area:read'), ('village_director', 'child:read'), ('village_director', 'child:read_full'),
    ('village_director', 'child:write'), ('village_director', 'child:import'), ('village_director', 'child:export'),
    ('rescue_staff', 'area:read'), ('rescue_staff', 'child:read'), ('rescue_staff', 'child:read_full'),
    ('rescue_staff', 'child:write'),
    ('hotline', 'area:read'), ('hotline', 'child:read'),
    ('partner', 'area:read'), ('partner', 'child:read');

CREATE TABLE account (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    role                 TEXT NOT NULL REFERENCES role(name),
    area                 TEXT NOT NULL REFERENCES area(code),   -- limits what the account sees and changes
    unit                 TEXT,                                  -- a partner's member unit: police, education...
    password_hash        TEXT NOT NULL,                         -- Argon2id, libsodium's string form
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_logins        INTEGER NOT NULL DEFAULT 0,            -- in a row, since the last success
    locked_until         INTEGER NOT NULL DEFAULT 0,            -- Unix seconds; 0 = not locked
    password_changed_at  TEXT NOT NULL,
    last_login_at        TEXT,
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL
);

CREATE TABLE session (
    token_hash  TEXT PRIMARY KEY,          -- hex BLAKE2b of the cookie's token
    account_id  INTEGER NOT NULL REFERENCES account(id),
    csrf_token  TEXT NOT NULL,             -- sent back in X-CSRF-Token; useless without the cookie
    created_at  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,          -- Unix seconds: idle expiry counts from here
    address     TEXT
) WITHOUT ROWID;
CREATE INDEX session_account ON session(account_id);

CREATE TABLE api_token (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,      -- hex BLAKE2b of the token
    account_id  INTEGER NOT NULL REFERENCES account(id),
    label       TEXT,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,                   -- Unix seconds; NULL = until revoked
    revoked_at  INTEGER,
    last_used   INTEGER
);
CREATE INDEX api_token_account ON api_token(account_id);

CREATE TABLE audit (
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
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_account ON audit(account, id);
CREATE INDEX audit_action ON audit(action, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be deleted'); END;
