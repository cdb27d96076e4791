/*
** The store's accounts side: roles and their permissions, accounts,
** sessions, API tokens and the audit trail (sql/002_accounts.sql). The same
** rules as store.h apply: one Store per thread, changes inside the caller's
** transaction, strings handed out from the Arena passed in. The one
** exception is store_audit_add(), which also writes outside a transaction,
** because the failure of a request must be recorded after its changes were
** rolled back; inside one, it writes its entry just after the commit.
**
** Secrets never reach this layer: passwords arrive hashed and tokens as
** their hashes (see auth/auth.h).
*/
#ifndef SHOUHU_STORE_ACCOUNTS_H
#define SHOUHU_STORE_ACCOUNTS_H

#include <stdbool.h>
#include "store/store.h"

/* ---- roles ---- */
typedef struct Role {
    const char *name, *title_zh, *title_en;
    const char *child_scope;          /* "area" or "referred" */
    const char **permissions;         /* sorted */
    int n_permissions;
} Role;

StoreRc store_role_get(Store *s, const char *name, Role *out, Arena *a);
/* How many times the roles or their permissions have changed (triggers of
   the page2 migration): roles read while it is equal are still the tables' (issue #8). */
StoreRc store_role_version(Store *s, long long *out);
/* The change counts a serving thread keeps things under, read in one
   statement (issue #8, caller): the roles' (store_role_version()), the
   callers' (how many times a token's validity or owner, or an account, has
   changed: triggers of the caller migration) and the areas'
   (store_area_version()). What was read while a count is equal is still the tables'. */
typedef struct ChangeCounts {
    long long roles, callers, areas;
} ChangeCounts;
StoreRc store_change_counts(Store *s, ChangeCounts *out);
typedef int (*RoleFn)(void *ctx, const Role *r);   /* non-zero stops */
StoreRc store_roles_list(Store *s, RoleFn fn, void *ctx, Arena *a);
bool role_has(const Role *r, const char *permission);
/* Whether PERMISSION is a row of the permission table (for tests of the routing table). */
bool store_permission_exists(Store *s, const char *permission);

/* ---- accounts ---- */
typedef struct Account {
    long long id;
    const char *username, *role, *area, *unit;
    const char *password_hash;
    bool must_change_password, disabled;
    int failed_logins;
    long long locked_until;           /* Unix seconds; 0 = not locked */
    const char *password_changed_at, *last_login_at, *created_at, *created_by;
} Account;

/* Adds A (id is set); STORE_CONFLICT if the name is taken. */
StoreRc store_account_insert(Store *s, Account *a);
/* By name or id; accounts whose area is outside SCOPE are STORE_NOTFOUND. */
StoreRc store_account_get(Store *s, const Scope *scope, const char *username, Account *out, Arena *a);
StoreRc store_account_by_id(Store *s, long long id, Account *out, Arena *a);
/* Writes role, area, unit, password_hash, must_change_password, disabled,
   password_changed_at of A (by a->id). */
StoreRc store_account_update(Store *s, const Account *a);
typedef int (*AccountFn)(void *ctx, const Account *a);
/* Accounts whose area is within SCOPE, by name. */
StoreRc store_accounts_list(Store *s, const Scope *scope, AccountFn fn, void *ctx, Arena *a);
long long store_account_count(Store *s);
/* Counts a failed login; at MAX_FAILURES in a row locks the account until
   NOW + LOCK_SECONDS (and starts counting again). *LOCKED tells if this
   failure locked it. */
StoreRc store_account_login_failed(Store *s, long long id, long long now, int max_failures, int lock_seconds,
                                   bool *locked);
/* A successful login: clears the count of failures, records the time AT. */
StoreRc store_account_login_ok(Store *s, long long id, const char *at);

/* ---- sessions (browser logins) ---- */
typedef struct Session {
    long long account_id;
    const char *csrf_token;
    long long created_at, last_seen;
} Session;

StoreRc store_session_insert(Store *s, const char *token_hash, long long account_id, const char *csrf_token,
                             long long now, const char *address);
StoreRc store_session_get(Store *s, const char *token_hash, Session *out, Arena *a);
StoreRc store_session_touch(Store *s, const char *token_hash, long long now);
StoreRc store_session_delete(Store *s, const char *token_hash);
/* Ends every session of ACCOUNT_ID (password changed, account disabled). */
StoreRc store_sessions_delete_account(Store *s, long long account_id);
/* Deletes sessions idle since before IDLE_BEFORE; *N gets how many. */
StoreRc store_sessions_expire(Store *s, long long idle_before, int *n);

/* ---- API tokens ---- */
typedef struct ApiToken {
    long long id, account_id;
    const char *label;
    long long created_at, expires_at, revoked_at, last_used;   /* 0 = none */
} ApiToken;

StoreRc store_token_insert(Store *s, ApiToken *t, const char *token_hash);   /* sets t->id */
/* The token with this hash, revoked or not (the caller checks). */
StoreRc store_token_get(Store *s, const char *token_hash, ApiToken *out, Arena *a);
StoreRc store_token_touch(Store *s, long long id, long long now);
/* Revokes token TOKEN_ID of ACCOUNT_ID, or all its tokens when TOKEN_ID is 0.
   *N gets how many were revoked (STORE_NOTFOUND when none). */
StoreRc store_token_revoke(Store *s, long long account_id, long long token_id, long long now, int *n);
typedef int (*TokenFn)(void *ctx, const ApiToken *t);
StoreRc store_tokens_list(Store *s, long long account_id, TokenFn fn, void *ctx, Arena *a);

/* ---- the audit trail ---- */
typedef struct AuditEntry {
    long long id;
    const char *at;                   /* set by store_audit_add when NULL */
    const char *account, *role, *area, *address;
    const char *action;
    const char *records;              /* comma-separated, or NULL */
    bool success;
    const char *detail;
} AuditEntry;

/* Appends E to the audit trail. Outside a transaction, at once. Inside one,
   E is kept (copied, its time set now if unset) and written in a transaction
   of its own once the caller's commits, or dropped with its rollback: the
   trail is a file of its own, and one transaction across two files commits
   file by file, so on a full disk the ledger's changes could be kept while
   their entries were not, under an error that said nothing was written.
   If writing it then fails, store_on_audit_unwritten() says what happens. */
StoreRc store_audit_add(Store *s, const AuditEntry *e);
/* Appends E at once, inside the caller's transaction if one is open: for
   transactions that write the audit trail alone (the server's audit writer). */
StoreRc store_audit_append(Store *s, const AuditEntry *e);

typedef struct AuditFilter {
    Scope scope;                      /* entries of accounts whose area is within it */
    bool unscoped_too;                /* also entries with no area (failed logins of unknown names, the command line) */
    const char *account, *record, *action;   /* exact matches, or NULL */
    const char *from, *to;            /* ISO dates or times, inclusive; NULL = open */
    long long before_id;              /* cursor: entries older than this id; 0 = newest first */
    int limit;
} AuditFilter;
typedef int (*AuditFn)(void *ctx, const AuditEntry *e);
/* Newest first. *TOTAL (if given) gets the count of all matches. */
StoreRc store_audit_list(Store *s, const AuditFilter *f, AuditFn fn, void *ctx, long long *total, Arena *a);

#endif
