/*
** A serving thread's area names (see area_names.h). Each serving thread has
** its own table (a pthread key's value, freed when the thread ends): no lock.
** The table is emptied whenever a call brings another version of the area
** table or another store, so a name is served only while the area table is
** the one it was read from. Codes of more than 15 bytes and names of more than AREA_NAME_MAX - 1
** bytes are not kept (looked up each time); a full table keeps no more.
*/
#include <stdlib.h>
#include <string.h>
#include "api/area_names.h"
#include "api/change_counts.h"
#include "util/thread_slot.h"

typedef struct Kept {
    char code[16];                /* "" = free slot */
    bool found;
    char name[AREA_NAME_MAX];
} Kept;

/* A thread's names, for one store and one version of its area table. */
typedef struct Names {
    const Store *store;
    long long version;
    int count;
    Kept slot[AREA_NAMES_KEPT];
} Names;

static ThreadSlot tables = THREAD_SLOT(sizeof(Names), free);

/* This thread's table, emptied unless it holds STORE's names for VERSION; NULL when out of memory. */
static Names *thread_names(const Store *store, long long version)
{
    Names *t = thread_slot_get(&tables);
    if (t && (t->store != store || t->version != version)) {
        if (t->count) memset(t->slot, 0, sizeof t->slot);
        t->store = store;
        t->version = version;
        t->count = 0;
    }
    return t;
}

/* FNV-1a of an area code, for the slot the search starts at. */
static unsigned slot_of(const char *code)
{
    unsigned h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)code; *p; p++) h = (h ^ *p) * 16777619u;
    return h % AREA_NAMES_KEPT;
}

/* Reads CODE's name from REQ's store (a copy in REQ's arena); *RC says whether it was found. */
static const char *look_up(Request *req, const char *code, StoreRc *rc)
{
    Area a;
    *rc = store_area_get(req->store, code, &a, req->arena);
    return *rc == STORE_OK ? a.name : NULL;
}

long long area_names_version(Request *req)
{
    const ChangeCounts *counts = req_change_counts(req);   /* read with the others' (issue #8, caller) */
    return counts ? counts->areas : -1;
}

const char *area_names_get(Request *req, long long version, const char *code)
{
    StoreRc rc;
    size_t n = strlen(code);
    Names *t = version >= 0 && n < sizeof t->slot[0].code ? thread_names(req->store, version) : NULL;
    if (!t) return look_up(req, code, &rc);
    unsigned i = slot_of(code);
    for (int probes = 0; probes < AREA_NAMES_KEPT && t->slot[i].code[0]; probes++, i = (i + 1) % AREA_NAMES_KEPT)
        if (strcmp(t->slot[i].code, code) == 0) return t->slot[i].found ? t->slot[i].name : NULL;
    const char *name = look_up(req, code, &rc);
    /* a store error is not kept: the next request tries again */
    bool keep = t->count < AREA_NAMES_KEPT * 3 / 4 && !t->slot[i].code[0] && (rc == STORE_OK || rc == STORE_NOTFOUND) &&
                (!name || strlen(name) < AREA_NAME_MAX);
    if (keep) {
        Kept *k = &t->slot[i];
        memcpy(k->code, code, n + 1);
        k->found = rc == STORE_OK;
        if (name) memcpy(k->name, name, strlen(name) + 1);
        t->count++;
    }
    return name;
}
