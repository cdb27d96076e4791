/*
** Credentials and accounts (see auth.h).
**
** Why the login takes the same time for every failure: an answer that came
** back faster for an unknown name would tell an attacker which names exist.
** So an unknown name is checked against a dummy hash, and a locked or
** disabled account still has its password hashed.
*/
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "auth/auth.h"
#include "domain/account.h"
#include "domain/password.h"
#include "util/clock.h"

const AuthPolicy AUTH_POLICY_DEFAULT = {.idle_seconds = 1800, .max_failures = 5, .lock_seconds = 900};

static void sodium_ready(void)
{
    if (sodium_init() < 0) {
        fputs("shouhu: libsodium cannot start\n", stderr);
        abort();
    }
}

/* An integer setting KEY within [LO, HI], else DEF. */
static int setting_int(Store *s, const char *key, int def, int lo, int hi, Arena *a)
{
    const char *v = store_setting_get(s, key, a);
    if (!v) return def;
    char *end;
    long n = strtol(v, &end, 10);
    return *end == 0 && n >= lo && n <= hi ? (int)n : def;
}

void auth_policy_load(Store *s, AuthPolicy *out)
{
    Arena *a = arena_new();
    *out = AUTH_POLICY_DEFAULT;
    out->idle_seconds = setting_int(s, "session.idle_seconds", out->idle_seconds, 1, 86400, a);
    out->max_failures = setting_int(s, "login.max_failures", out->max_failures, 1, 100, a);
    out->lock_seconds = setting_int(s, "login.lock_seconds", out->lock_seconds, 1, 86400, a);
    arena_free(a);
}

/* ---- hashing ---- */

/* Each Argon2id hash takes 64 MiB: a burst of logins must not take the
   server's memory, so hashes wait their turn beyond this many. */
enum { MAX_CONCURRENT_HASHES = 4 };
static pthread_mutex_t hash_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_cond = PTHREAD_COND_INITIALIZER;
static int hashes_running;

static void hash_slot_take(void)
{
    pthread_mutex_lock(&hash_mutex);
    while (hashes_running >= MAX_CONCURRENT_HASHES) pthread_cond_wait(&hash_cond, &hash_mutex);
    hashes_running++;
    pthread_mutex_unlock(&hash_mutex);
}

static void hash_slot_give(void)
{
    pthread_mutex_lock(&hash_mutex);
    hashes_running--;
    pthread_cond_signal(&hash_cond);
    pthread_mutex_unlock(&hash_mutex);
}

bool auth_hash_password(const char *password, char out[AUTH_PASSWORD_HASH_MAX])
{
    sodium_ready();
    hash_slot_take();
    int rc = crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                   crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
    hash_slot_give();
    return rc == 0;
}

bool auth_verify_password(const char *hash, const char *password)
{
    sodium_ready();
    hash_slot_take();
    bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    hash_slot_give();
    return ok;
}

void auth_random_token(char out[AUTH_TOKEN_CHARS + 1])
{
    sodium_ready();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    sodium_bin2base64(out, AUTH_TOKEN_CHARS + 1, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bytes, sizeof bytes);
}

void auth_token_hash(const char *token, char out[AUTH_HASH_HEX + 1])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, AUTH_HASH_HEX + 1, h, sizeof h);
}

void auth_generate_password(char out[20])
{
    sodium_ready();
    /* no 0/O, 1/l/I: temporary passwords are read aloud and typed by hand */
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    do {
        for (int i = 0; i < 19; i++)
            out[i] = i % 5 == 4 ? '-' : alphabet[randombytes_uniform(sizeof alphabet - 1)];
        out[19] = 0;
    } while (password_kinds(out) < 4);   /* lower, upper, digit and the dashes */
}

bool auth_secret_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

/* ---- accounts ---- */

/* Adds problems for what N gets wrong that needs the database. */
static void check_new_account(Store *s, const Scope *scope, const NewAccount *n, Problems *p, Arena *a)
{
    Account existing;
    if (username_valid(n->username, p, "username") &&
        store_account_get(s, &SCOPE_ALL, n->username, &existing, a) == STORE_OK)
        problems_add(p, "username", "username_taken", n->username);
    Role role;
    if (store_role_get(s, n->role, &role, a) != STORE_OK) problems_add(p, "role", "unknown_role", n->role);
    Area area;
    if (store_area_get(s, n->area, &area, a) != STORE_OK) problems_add(p, "area", "no_such_area", n->area);
    else if (!store_scope_contains(scope, n->area)) problems_add(p, "area", "out_of_scope", n->area);
    if (n->unit && !code_get(&CODES_UNIT, n->unit)) code_problem(p, "unit", n->unit, &CODES_UNIT);
    else if (!n->unit && role.child_scope && strcmp(role.child_scope, "referred") == 0)
        problems_add(p, "unit", "unit_required");
    password_acceptable(n->password, n->username, p, "password");
}

StoreRc auth_create_account(Store *s, const Scope *scope, const NewAccount *n, Account *out, Problems *p, Arena *a)
{
    size_t before = p->count;
    check_new_account(s, scope, n, p, a);
    if (p->count > before) return STORE_INVALID;
    char hash[AUTH_PASSWORD_HASH_MAX], now[26];
    if (!auth_hash_password(n->password, hash)) return STORE_ERROR;
    clock_now_iso(now);
    *out = (Account){.username = arena_strdup(a, n->username),
                     .role = arena_strdup(a, n->role),
                     .area = arena_strdup(a, n->area),
                     .unit = arena_strdup(a, n->unit),
                     .password_hash = arena_strdup(a, hash),
                     .must_change_password = n->temporary,
                     .password_changed_at = arena_strdup(a, now),
                     .created_at = arena_strdup(a, now),
                     .created_by = arena_strdup(a, n->author)};
    StoreRc r = store_account_insert(s, out);
    if (r == STORE_CONFLICT) {   /* taken between the check and the insert */
        problems_add(p, "username", "username_taken", n->username);
        return STORE_INVALID;
    }
    return r;
}

StoreRc auth_set_password(Store *s, Account *acc, const char *password, bool temporary, Problems *p)
{
    if (!password_acceptable(password, acc->username, p, "password")) return STORE_INVALID;
    char hash[AUTH_PASSWORD_HASH_MAX];
    if (!auth_hash_password(password, hash)) return STORE_ERROR;
    char now[26];
    Account updated = *acc;
    updated.password_hash = hash;
    updated.must_change_password = temporary;
    updated.password_changed_at = clock_now_iso(now);
    updated.failed_logins = 0;
    updated.locked_until = 0;
    StoreRc r = store_account_update(s, &updated);
    if (r == STORE_OK) r = store_sessions_delete_account(s, acc->id);   /* a new password ends old sessions */
    if (r == STORE_OK) acc->must_change_password = temporary;
    return r;
}

const char *login_result_name(LoginResult r)
{
    static const char *const names[] = {"ok", "unknown_user", "wrong_password", "locked", "disabled"};
    return names[r];
}

/* A hash no password matches, for names that have no account. */
static char dummy_hash[AUTH_PASSWORD_HASH_MAX];
static void make_dummy_hash(void)
{
    char pw[AUTH_TOKEN_CHARS + 1];
    auth_random_token(pw);
    if (!auth_hash_password(pw, dummy_hash)) abort();
}

/* Opens a session for ACC: fills TOKEN and CSRF. Own transaction. */
static StoreRc open_session(Store *s, const AuthPolicy *pol, const Account *acc, const char *address, long long now,
                            char token[AUTH_TOKEN_CHARS + 1], char csrf[AUTH_TOKEN_CHARS + 1])
{
    char hash[AUTH_HASH_HEX + 1], at[26];
    auth_random_token(token);
    auth_random_token(csrf);
    auth_token_hash(token, hash);
    StoreRc r = store_begin(s);
    if (r != STORE_OK) return r;
    int expired;
    r = store_sessions_expire(s, now - pol->idle_seconds, &expired);   /* tidy up while writing anyway */
    if (r == STORE_OK) r = store_account_login_ok(s, acc->id, clock_now_iso(at));
    if (r == STORE_OK) r = store_session_insert(s, hash, acc->id, csrf, now, address);
    if (r == STORE_OK) return store_commit(s);
    store_rollback(s);
    return r;
}

StoreRc auth_login(Store *s, const AuthPolicy *pol, const char *username, const char *password, const char *address,
                   Account *acc, char token[AUTH_TOKEN_CHARS + 1], char csrf[AUTH_TOKEN_CHARS + 1],
                   LoginResult *result, Arena *a)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_dummy_hash);
    long long now = clock_unix();
    StoreRc r = store_account_get(s, &SCOPE_ALL, username, acc, a);
    if (r == STORE_NOTFOUND) {
        auth_verify_password(dummy_hash, password);
        *result = LOGIN_UNKNOWN;
        return STORE_OK;
    }
    if (r != STORE_OK) return r;
    bool right = auth_verify_password(acc->password_hash, password);   /* always, for equal timing */
    if (acc->disabled) *result = LOGIN_DISABLED;
    else if (acc->locked_until > now) *result = LOGIN_LOCKED;   /* even the right password waits */
    else if (right) *result = LOGIN_OK;
    else *result = LOGIN_WRONG_PASSWORD;
    if (*result == LOGIN_OK) return open_session(s, pol, acc, address, now, token, csrf);
    if (*result != LOGIN_WRONG_PASSWORD) return STORE_OK;
    r = store_begin(s);
    if (r != STORE_OK) return r;
    bool locked;
    r = store_account_login_failed(s, acc->id, now, pol->max_failures, pol->lock_seconds, &locked);
    if (r == STORE_OK) return store_commit(s);
    store_rollback(s);
    return r;
}

StoreRc auth_create_token(Store *s, long long account_id, const char *label, int expires_days,
                          char out[AUTH_TOKEN_CHARS + 8], long long *id)
{
    char random[AUTH_TOKEN_CHARS + 1], hash[AUTH_HASH_HEX + 1];
    auth_random_token(random);
    snprintf(out, AUTH_TOKEN_CHARS + 8, "%s%s", AUTH_API_TOKEN_PREFIX, random);
    auth_token_hash(out, hash);
    long long now = clock_unix();
    ApiToken t = {.account_id = account_id,
                  .label = label,
                  .created_at = now,
                  .expires_at = expires_days > 0 ? now + (long long)expires_days * 86400 : 0};
    StoreRc r = store_token_insert(s, &t, hash);
    *id = t.id;
    return r;
}

/* ---- the demo ---- */

const DemoAccount AUTH_DEMO_ACCOUNTS[] = {
    {"demo.admin", "admin", 1, NULL},
    {"demo.security", "security_admin", 1, NULL},
    {"demo.auditor", "auditor", 1, NULL},
    {"demo.city", "city_staff", 1, NULL},
    {"demo.town", "town_supervisor", 2, NULL},
    {"demo.village", "village_director", 3, NULL},
    {"demo.rescue", "rescue_staff", 1, NULL},
    {"demo.hotline", "hotline", 1, NULL},
    {"demo.partner", "partner", 1, "police"},
    {NULL, NULL, 0, NULL}};

static int first_area(void *ctx, const Area *area)
{
    *(const char **)ctx = area->code;
    return 1;
}

/* The code of the first area under PARENT (NULL: the root), in A; NULL if none. */
static const char *first_child(Store *s, const char *parent, Arena *a)
{
    const char *code = NULL;
    store_area_children(s, parent, first_area, &code, a);
    return code;
}

StoreRc auth_create_demo_accounts(Store *s, const char *password, const char *author, int *created)
{
    *created = 0;
    Arena *a = arena_new();
    const char *levels[4] = {NULL};
    levels[1] = first_child(s, NULL, a);
    levels[2] = levels[1] ? first_child(s, levels[1], a) : NULL;
    levels[3] = levels[2] ? first_child(s, levels[2], a) : NULL;
    StoreRc r = levels[3] ? STORE_OK : STORE_NOTFOUND;
    for (const DemoAccount *d = AUTH_DEMO_ACCOUNTS; r == STORE_OK && d->username; d++) {
        Account acc;
        if (store_account_get(s, &SCOPE_ALL, d->username, &acc, a) == STORE_OK) continue;
        NewAccount n = {d->username, d->role, levels[d->level], d->unit, password, false, author};
        Problems p;
        problems_init(&p, a);
        r = auth_create_account(s, &SCOPE_ALL, &n, &acc, &p, a);
        if (r == STORE_OK) (*created)++;
    }
    arena_free(a);
    return r;
}
