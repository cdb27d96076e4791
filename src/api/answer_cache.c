/*
** A serving thread's answers to repeated reads (see answer_cache.h). Each
** serving thread has its own connection and its own entries (a pthread
** key's value, freed when the thread ends): no lock. The rule that keeps an answer exact: it is served again only if
** the database's generation read before it was computed equals the one read
** now, and the key holds all else it depends on (the route, the caller's
** scope, the query, today's date). Entries own their text (malloc'd, freed
** when replaced or when their thread ends).
*/
#include <stdlib.h>
#include <string.h>
#include "api/answer_cache.h"
#include "http/response.h"
#include "util/thread_slot.h"

typedef struct Entry {
    const Store *store;
    StoreGeneration gen;
    char *key, *body, *records;
    size_t body_len;
} Entry;

/* A thread's entries: allocated on its first use, freed when it ends (the
   key's destructor: the server's pool threads end at its stop). */
typedef struct Cache {
    Entry entries[ANSWER_CACHE_ENTRIES];
    int next_slot;
} Cache;


static void entry_free(Entry *e)
{
    free(e->key);
    free(e->body);
    free(e->records);
    memset(e, 0, sizeof *e);
}

static void cache_free(void *p)
{
    Cache *c = p;
    for (int i = 0; i < ANSWER_CACHE_ENTRIES; i++) entry_free(&c->entries[i]);
    free(c);
}

static ThreadSlot caches = THREAD_SLOT(sizeof(Cache), cache_free);

/* This thread's entries; NULL when out of memory (nothing is kept then). */
static Cache *thread_cache(void)
{
    return thread_slot_get(&caches);
}

static Entry *find(Cache *c, const Store *s, const char *key)
{
    for (int i = 0; i < ANSWER_CACHE_ENTRIES; i++)
        if (c->entries[i].key && c->entries[i].store == s && strcmp(c->entries[i].key, key) == 0) return &c->entries[i];
    return NULL;
}

bool answer_cache_get(Request *req, const char *key, StoreGeneration *gen)
{
    if (store_generation(req->store, gen) != STORE_OK) {
        gen->others = -1;
        return false;
    }
    Cache *c = thread_cache();
    Entry *e = c ? find(c, req->store, key) : NULL;
    if (!e) return false;
    if (e->gen.others != gen->others || e->gen.own != gen->own) {
        entry_free(e);   /* the database changed since: never served again */
        return false;
    }
    res_bytes(req, 200, "application/json; charset=utf-8", e->body, e->body_len);
    buf_clear(&req->audit.records);
    buf_adds(&req->audit.records, e->records);
    return true;
}

static char *copy(const char *p, size_t n)
{
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, p, n);
        c[n] = '\0';
    }
    return c;
}

void answer_cache_put(Request *req, const char *key, const StoreGeneration *gen)
{
    const Buf *b = &req->res.body;
    if (gen->others < 0 || req->res.status != 200 || req->res.fd >= 0 || b->len > ANSWER_CACHE_MAX_BODY) return;
    Cache *c = thread_cache();
    if (!c) return;
    Entry *e = find(c, req->store, key);
    if (!e) {
        e = &c->entries[c->next_slot];
        c->next_slot = (c->next_slot + 1) % ANSWER_CACHE_ENTRIES;
    }
    entry_free(e);
    e->key = copy(key, strlen(key));
    e->body = copy(b->data ? b->data : "", b->len);
    e->records = copy(buf_str(&req->audit.records), req->audit.records.len);
    if (!e->key || !e->body || !e->records) {
        entry_free(e);
        return;
    }
    e->store = req->store;
    e->gen = *gen;
    e->body_len = b->len;
}
