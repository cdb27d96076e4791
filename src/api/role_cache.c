/*
** A serving thread's roles (see role_cache.h). Each serving thread has its
** own entries (a pthread key's value, freed when the thread ends): no lock.
** An entry holds one role read under one change count of one store, in an
** arena of its own; an entry of another count is read again.
*/
#include <stdlib.h>
#include <string.h>
#include "api/change_counts.h"
#include "api/role_cache.h"
#include "util/thread_slot.h"

typedef struct Entry {
    const Store *store;
    long long version;
    Arena *arena;                  /* the role's text; NULL = free entry */
    Role role;
} Entry;

typedef struct Roles {
    Entry entries[ROLE_CACHE_ENTRIES];
    int next_slot;                 /* the entry a new role takes when none is free */
} Roles;


static void roles_free(void *p)
{
    Roles *t = p;
    for (int i = 0; i < ROLE_CACHE_ENTRIES; i++)
        if (t->entries[i].arena) arena_free(t->entries[i].arena);
    free(t);
}

static ThreadSlot roles = THREAD_SLOT(sizeof(Roles), roles_free);

/* This thread's entries; NULL when out of memory (nothing is kept then). */
static Roles *thread_roles(void)
{
    return thread_slot_get(&roles);
}

Role role_cache_detach(const Role *role, Arena *a)
{
    Role r = *role;
    r.name = arena_strdup(a, role->name);
    r.title_zh = arena_strdup(a, role->title_zh);
    r.title_en = arena_strdup(a, role->title_en);
    r.child_scope = arena_strdup(a, role->child_scope);
    r.permissions = arena_alloc(a, (size_t)(role->n_permissions ? role->n_permissions : 1) * sizeof *r.permissions);
    for (int i = 0; i < role->n_permissions; i++) r.permissions[i] = arena_strdup(a, role->permissions[i]);
    return r;
}

StoreRc role_cache_get(Request *req, const char *name, Role *out)
{
    const ChangeCounts *counts = req_change_counts(req);   /* read with the others' (issue #8, caller) */
    Roles *t = counts ? thread_roles() : NULL;
    if (!t) return store_role_get(req->store, name, out, req->arena);
    long long version = counts->roles;
    Entry *e = NULL;
    for (int i = 0; i < ROLE_CACHE_ENTRIES && !e; i++)
        if (t->entries[i].arena && t->entries[i].store == req->store && strcmp(t->entries[i].role.name, name) == 0)
            e = &t->entries[i];
    if (e && e->version == version) {
        *out = e->role;
        return STORE_OK;
    }
    if (!e) {
        e = &t->entries[t->next_slot];
        t->next_slot = (t->next_slot + 1) % ROLE_CACHE_ENTRIES;
    }
    if (e->arena) arena_free(e->arena);
    memset(e, 0, sizeof *e);
    Arena *a = arena_new();
    StoreRc rc = store_role_get(req->store, name, out, a);
    if (rc != STORE_OK) {   /* an unknown role or an error is not kept: read again next time */
        arena_free(a);
        memset(out, 0, sizeof *out);
        return rc;
    }
    *e = (Entry){.store = req->store, .version = version, .arena = a, .role = *out};
    return STORE_OK;
}
