/*
** A serving thread's callers (see caller_cache.h): Bearer tokens and
** session cookies with their accounts. Each serving thread has its own
** entries (a pthread key's value, freed when the thread ends): no lock. An
** entry holds one token's or session's row read under one change count of
** one store, its text in an arena of its own; an entry of another count is
** read again. A request gets copies in its own arena: an entry may be
** replaced while a request of the same thread (an upload) still runs.
*/
#include <stdlib.h>
#include <string.h>
#include "api/caller_cache.h"
#include "api/change_counts.h"
#include "util/thread_slot.h"

enum { SECRET_MAX = 128 };   /* longer tokens and cookies are refused before they get here */

typedef struct Entry {
    const Store *store;
    long long version;
    bool session;                  /* a cookie's session, else a Bearer token */
    char secret[SECRET_MAX + 1];   /* the token or cookie as sent; "" = free entry */
    char hash[AUTH_HASH_HEX + 1];  /* its hash, the tables' key */
    ApiToken token;                /* a token's row, label NULL */
    Session row;                   /* a session's row, its text in ARENA */
    Account account;               /* its text in ARENA */
    Arena *arena;
} Entry;

typedef struct Callers {
    Entry entries[CALLER_CACHE_ENTRIES];
    int next_slot;                 /* the entry a new caller takes when none is free */
} Callers;

static void callers_free(void *p)
{
    Callers *t = p;
    for (int i = 0; i < CALLER_CACHE_ENTRIES; i++) arena_free(t->entries[i].arena);
    free(t);
}

static ThreadSlot callers = THREAD_SLOT(sizeof(Callers), callers_free);

/* Copies ACC's text from wherever it is into A. */
static Account account_copy(const Account *acc, Arena *a)
{
    Account c = *acc;
    c.username = arena_strdup(a, acc->username);
    c.role = arena_strdup(a, acc->role);
    c.area = arena_strdup(a, acc->area);
    c.unit = arena_strdup(a, acc->unit);
    c.password_hash = arena_strdup(a, acc->password_hash);
    c.password_changed_at = arena_strdup(a, acc->password_changed_at);
    c.last_login_at = arena_strdup(a, acc->last_login_at);
    c.created_at = arena_strdup(a, acc->created_at);
    c.created_by = arena_strdup(a, acc->created_by);
    return c;
}

/* Reads E's row (by E->hash) and its account from store S into E, their text in A. */
static StoreRc read_entry(Store *s, Entry *e, Arena *a)
{
    StoreRc rc;
    long long account_id;
    if (e->session) {
        rc = store_session_get(s, e->hash, &e->row, a);
        account_id = e->row.account_id;
    } else {
        rc = store_token_get(s, e->hash, &e->token, a);
        e->token.label = NULL;
        account_id = e->token.account_id;
    }
    return rc == STORE_OK ? store_account_by_id(s, account_id, &e->account, a) : rc;
}

/* This thread's entry for SECRET (a session's if SESSION) in store S, or
   NULL. The secret is compared in constant time, as every secret is
   (auth_secret_equal()). */
static Entry *find(Callers *t, const Store *s, bool session, const char *secret)
{
    for (int i = 0; i < CALLER_CACHE_ENTRIES; i++) {
        Entry *e = &t->entries[i];
        if (e->secret[0] && e->store == s && e->session == session && auth_secret_equal(e->secret, secret)) return e;
    }
    return NULL;
}

/* The entry of SECRET as the tables hold it now: this thread's, read again
   if the callers' count moved; else a new one. NULL (and *RC) when there is
   no such row or account. Without a count (a transaction, an error), E is
   TMP, read into REQ's arena and kept nowhere. */
static Entry *entry_for(Request *req, bool session, const char *secret, Entry *tmp, StoreRc *rc)
{
    const ChangeCounts *counts = req_change_counts(req);
    Callers *c = counts && strlen(secret) <= SECRET_MAX ? thread_slot_get(&callers) : NULL;
    Entry *e = c ? find(c, req->store, session, secret) : NULL;
    if (e && e->version == counts->callers) return e;
    if (!c) {
        *tmp = (Entry){.session = session};
        auth_token_hash(secret, tmp->hash);
        *rc = read_entry(req->store, tmp, req->arena);
        return *rc == STORE_OK ? tmp : NULL;
    }
    if (!e) {
        e = &c->entries[c->next_slot];
        c->next_slot = (c->next_slot + 1) % CALLER_CACHE_ENTRIES;
    }
    arena_free(e->arena);
    *e = (Entry){.store = req->store, .version = counts->callers, .session = session, .arena = arena_new()};
    auth_token_hash(secret, e->hash);
    *rc = read_entry(req->store, e, e->arena);
    if (*rc != STORE_OK) {   /* an unknown secret or an error is not kept: read again next time */
        arena_free(e->arena);
        memset(e, 0, sizeof *e);
        return NULL;
    }
    strcpy(e->secret, secret);
    return e;
}

StoreRc caller_cache_token(Request *req, const char *token, ApiToken *t, Account *acc)
{
    Entry tmp;
    StoreRc rc;
    const Entry *e = entry_for(req, false, token, &tmp, &rc);
    if (!e) return rc;
    *t = e->token;
    *acc = account_copy(&e->account, req->arena);
    return STORE_OK;
}

StoreRc caller_cache_session(Request *req, const char *cookie, char hash[AUTH_HASH_HEX + 1], Session *s, Account *acc)
{
    Entry tmp;
    StoreRc rc;
    const Entry *e = entry_for(req, true, cookie, &tmp, &rc);
    if (!e) return rc;
    memcpy(hash, e->hash, sizeof e->hash);
    *s = e->row;
    s->csrf_token = arena_strdup(req->arena, e->row.csrf_token);
    *acc = account_copy(&e->account, req->arena);
    return STORE_OK;
}

void caller_cache_touched(Request *req, long long token_id, long long now)
{
    Callers *c = thread_slot_get(&callers);
    for (int i = 0; c && i < CALLER_CACHE_ENTRIES; i++) {
        Entry *e = &c->entries[i];
        if (e->secret[0] && !e->session && e->store == req->store && e->token.id == token_id) e->token.last_used = now;
    }
}

void caller_cache_session_seen(Request *req, const char *hash, long long last_seen)
{
    Callers *c = thread_slot_get(&callers);
    for (int i = 0; c && i < CALLER_CACHE_ENTRIES; i++) {
        Entry *e = &c->entries[i];
        if (e->secret[0] && e->session && e->store == req->store && strcmp(e->hash, hash) == 0)
            e->row.last_seen = last_seen;
    }
}
