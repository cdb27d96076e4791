/*
** A serving thread's Bearer tokens and their accounts (see caller_cache.h).
** Each serving thread has its own entries (a pthread key's value, freed when
** the thread ends): no lock. An entry holds one token read under one change
** count of one store, its account's text in an arena of its own; an entry
** of another count is read again. A request gets copies in its own arena:
** an entry may be replaced while a request of the same thread (an upload)
** still runs.
*/
#include <stdlib.h>
#include <string.h>
#include "api/caller_cache.h"
#include "api/change_counts.h"
#include "auth/auth.h"
#include "util/thread_slot.h"

enum { TOKEN_MAX = 128 };   /* longer Bearer tokens are refused before they get here */

typedef struct Entry {
    const Store *store;
    long long version;
    char token[TOKEN_MAX + 1];     /* the text as sent; "" = free entry */
    ApiToken row;                  /* label NULL */
    Account account;               /* its text in ARENA */
    Arena *arena;
} Entry;

typedef struct Callers {
    Entry entries[CALLER_CACHE_ENTRIES];
    int next_slot;                 /* the entry a new token takes when none is free */
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

/* The token's row and account read from the store into A. */
static StoreRc read_caller(Store *s, const char *token, ApiToken *t, Account *acc, Arena *a)
{
    char hash[AUTH_HASH_HEX + 1];
    auth_token_hash(token, hash);
    StoreRc rc = store_token_get(s, hash, t, a);
    if (rc == STORE_OK) rc = store_account_by_id(s, t->account_id, acc, a);
    t->label = NULL;
    return rc;
}

/* This thread's entry for TOKEN in store S, or NULL. The token is compared
   in constant time, as every secret is (auth_secret_equal()). */
static Entry *find(Callers *t, const Store *s, const char *token)
{
    for (int i = 0; i < CALLER_CACHE_ENTRIES; i++) {
        Entry *e = &t->entries[i];
        if (e->token[0] && e->store == s && auth_secret_equal(e->token, token)) return e;
    }
    return NULL;
}

StoreRc caller_cache_token(Request *req, const char *token, ApiToken *t, Account *acc)
{
    const ChangeCounts *counts = req_change_counts(req);
    Callers *c = counts && strlen(token) <= TOKEN_MAX ? thread_slot_get(&callers) : NULL;
    if (!c) return read_caller(req->store, token, t, acc, req->arena);
    long long version = counts->callers;
    Entry *e = find(c, req->store, token);
    if (!e || e->version != version) {
        if (!e) {
            e = &c->entries[c->next_slot];
            c->next_slot = (c->next_slot + 1) % CALLER_CACHE_ENTRIES;
        }
        arena_free(e->arena);
        memset(e, 0, sizeof *e);
        Arena *a = arena_new();
        ApiToken row;
        Account account;
        StoreRc rc = read_caller(req->store, token, &row, &account, a);
        if (rc != STORE_OK) {   /* an unknown token or an error is not kept: read again next time */
            arena_free(a);
            return rc;
        }
        *e = (Entry){.store = req->store, .version = version, .row = row, .account = account, .arena = a};
        strcpy(e->token, token);
    }
    *t = e->row;
    *acc = account_copy(&e->account, req->arena);
    return STORE_OK;
}

void caller_cache_touched(Request *req, long long token_id, long long now)
{
    Callers *c = thread_slot_get(&callers);
    for (int i = 0; c && i < CALLER_CACHE_ENTRIES; i++) {
        Entry *e = &c->entries[i];
        if (e->token[0] && e->store == req->store && e->row.id == token_id) e->row.last_used = now;
    }
}
