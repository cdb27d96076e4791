/*
** Credentials and accounts, shared by the command line and the API:
** passwords hashed with Argon2id (libsodium), random session and API tokens
** kept only as BLAKE2b hashes, the login rule (lock-out after repeated
** failures; one answer for every kind of failure, in about the same time),
** and the creation of accounts with every check in one place.
**
** Built on the store (store/store_accounts.h); no HTTP here.
*/
#ifndef SHOUHU_AUTH_H
#define SHOUHU_AUTH_H

#include <stdbool.h>
#include "store/store_accounts.h"

enum {
    AUTH_TOKEN_CHARS = 43,           /* 32 random bytes, base64url without padding */
    AUTH_HASH_HEX = 64,              /* BLAKE2b-256 in hex */
    AUTH_PASSWORD_HASH_MAX = 128,    /* crypto_pwhash_STRBYTES */
};

#define AUTH_API_TOKEN_PREFIX "shk_"   /* API tokens start with it, so leaked ones are easy to find */
#define AUTH_DEMO_PASSWORD "Shouhu-Demo-1"

/* The configurable rules of logging in (settings of the same names override
   the defaults: session.idle_seconds, login.max_failures, login.lock_seconds). */
typedef struct AuthPolicy {
    int idle_seconds;                /* a session ends after this long without a request: 1800 */
    int max_failures;                /* failed logins in a row that lock the account: 5 */
    int lock_seconds;                /* how long it stays locked: 900 */
} AuthPolicy;

extern const AuthPolicy AUTH_POLICY_DEFAULT;
void auth_policy_load(Store *s, AuthPolicy *out);

/* Argon2id of PASSWORD into OUT; false if memory for hashing ran out. At
   most a few hashes run at once, whatever the number of threads, because
   each takes 64 MiB. */
bool auth_hash_password(const char *password, char out[AUTH_PASSWORD_HASH_MAX]);
bool auth_verify_password(const char *hash, const char *password);

/* 32 random bytes as base64url into OUT. */
void auth_random_token(char out[AUTH_TOKEN_CHARS + 1]);
/* The hex BLAKE2b-256 of TOKEN into OUT: what the database keeps. */
void auth_token_hash(const char *token, char out[AUTH_HASH_HEX + 1]);
/* A random password that meets the policy ("Abcd-efgh-2jkm-npqr"), for
   temporary passwords. */
void auth_generate_password(char out[20]);
/* Compares two secrets in time that does not depend on where they differ. */
bool auth_secret_equal(const char *a, const char *b);

/* ---- accounts ---- */
typedef struct NewAccount {
    const char *username, *role, *area, *unit;
    const char *password;
    bool temporary;                  /* must be changed at the first login */
    const char *author;              /* who creates it: an account name or "cli:USER" */
} NewAccount;

/* Checks N (name free and well formed, role known, area known and within
   SCOPE, a unit for partners, the password policy) and adds the account
   inside the caller's transaction. Problems go to P (STORE_INVALID); OUT
   gets the account, its strings in A. */
StoreRc auth_create_account(Store *s, const Scope *scope, const NewAccount *n, Account *out, Problems *p, Arena *a);

/* Sets a new PASSWORD on ACC (checked against the policy: problems in P),
   temporary or not, ends its sessions and clears a lock, inside the
   caller's transaction. */
StoreRc auth_set_password(Store *s, Account *acc, const char *password, bool temporary, Problems *p);

typedef enum LoginResult {
    LOGIN_OK,
    LOGIN_UNKNOWN,                   /* no such account */
    LOGIN_WRONG_PASSWORD,
    LOGIN_LOCKED,                    /* too many failures: locked for a while */
    LOGIN_DISABLED
} LoginResult;

const char *login_result_name(LoginResult r);   /* for the audit trail: "ok", "wrong_password"... */

/* Checks USERNAME and PASSWORD. On success opens a session: TOKEN gets the
   cookie's value and CSRF the token the browser sends back with changes.
   A failure is counted against the account and may lock it. Runs its own
   short transactions (the slow hash runs outside them); *RESULT says what
   happened, ACC (when the account exists) who it was. */
StoreRc auth_login(Store *s, const AuthPolicy *pol, const char *username, const char *password, const char *address,
                   Account *acc, char token[AUTH_TOKEN_CHARS + 1], char csrf[AUTH_TOKEN_CHARS + 1],
                   LoginResult *result, Arena *a);

/* A new API token for ACCOUNT_ID, valid EXPIRES_DAYS days (0 = until
   revoked), inside the caller's transaction. OUT gets the token to show
   once ("shk_..."); *ID its number, for revoking it. */
StoreRc auth_create_token(Store *s, long long account_id, const char *label, int expires_days,
                          char out[AUTH_TOKEN_CHARS + 8], long long *id);

/* ---- the demo ---- */
typedef struct DemoAccount {
    const char *username, *role;
    int level;                       /* 1: the city; 2: its first town; 3: that town's first village */
    const char *unit;
} DemoAccount;

extern const DemoAccount AUTH_DEMO_ACCOUNTS[];   /* one per built-in role; ends with { NULL } */

/* Creates the demo accounts that do not exist yet, all with PASSWORD (not
   temporary: for the demo database only), inside the caller's transaction.
   *CREATED gets how many were made. */
StoreRc auth_create_demo_accounts(Store *s, const char *password, const char *author, int *created);

#endif
