/*
** The store: the narrow interface between Shouhu and its database. Commands
** and API handlers speak only this; the SQLite backend (store/sqlite_*.c) is
** one implementation, and a PostgreSQL one can implement the same functions.
**
** Rules of use:
** - One Store is one connection, used by one thread at a time.
** - Functions that change data must run inside a transaction that the caller
**   opened with store_begin() and ends with store_commit() or
**   store_rollback(): the caller owns it, so a command or a request decides
**   what is all-or-nothing. They return STORE_ERROR if no transaction is open.
** - Reads take a Scope: the area prefix the caller may see ("" = everything,
**   for the administrator's command line). Scope is applied in the queries.
** - Strings handed out come from the Arena passed in.
*/
#ifndef SHOUHU_STORE_H
#define SHOUHU_STORE_H

#include <stdbool.h>
#include <jansson.h>
#include "domain/child.h"
#include "domain/message.h"
#include "util/arena.h"

typedef struct Store Store;

typedef enum StoreRc {
    STORE_OK = 0,
    STORE_NOTFOUND,   /* no such record, or not in the caller's scope */
    STORE_CONFLICT,   /* stale version, or a unique value taken */
    STORE_INVALID,    /* problems were added to the Problems list */
    STORE_BUSY,       /* the database is locked by another writer for too long */
    STORE_FULL,       /* the disk is full */
    STORE_ERROR       /* anything else: store_errmsg() says what */
} StoreRc;

typedef enum StoreOpen {
    STORE_OPEN_EXISTING,   /* the database must exist and be initialised */
    STORE_OPEN_CREATE      /* create the file if needed (for init) */
} StoreOpen;

/* Opens PATH, and the audit trail's file beside it (store_audit_path()),
   attached as "trail" (created with PATH by STORE_OPEN_CREATE). A backup,
   which holds the trail's table itself, opens as it is. On failure
   returns non-OK and, if ERR, sets *ERR to a message the caller frees with
   free(). On success the caller closes with store_close(). */
StoreRc store_open(const char *path, StoreOpen mode, Store **out, char **err);
/* The audit trail's file of the database at PATH: PATH ".audit", written into
   OUT (SIZE bytes); false if it does not fit. The trail is a database of its
   own so that the audit writer's commits, one every few milliseconds under
   load, leave the ledger's file unchanged: in WAL mode every commit to a file
   empties the page cache of each connection reading it (issue #8). */
bool store_audit_path(const char *path, char *out, size_t size);
void store_close(Store *s);
/* What becomes of an audit entry of a committed transaction that could not
   be written after it (store_audit_add()): FN is called with it and the
   reason; the entry is then forgotten (copy what you keep). Without FN, a
   warning on stderr names it. */
struct AuditEntry;   /* store_accounts.h */
typedef void (*StoreAuditUnwritten)(void *ctx, const struct AuditEntry *e, const char *why);
void store_on_audit_unwritten(Store *s, StoreAuditUnwritten fn, void *ctx);
const char *store_errmsg(Store *s);   /* the last error, owned by the store */

/* ---- schema ---- */
int store_schema_version(Store *s);          /* migrations applied; 0 = empty database */
int store_schema_latest(void);               /* migrations this binary knows */
/* Applies pending migrations, each in its own transaction; refuses a database
   newer than this binary. Prints nothing; *APPLIED gets the count. */
StoreRc store_migrate(Store *s, int *applied);

/* ---- transactions ---- */
StoreRc store_begin(Store *s);     /* a write transaction (BEGIN IMMEDIATE) */
StoreRc store_commit(Store *s);
void store_rollback(Store *s);     /* safe to call when nothing is open */
bool store_in_transaction(Store *s);

/* ---- settings (key/value, e.g. the site's name, policy switches) ---- */
const char *store_setting_get(Store *s, const char *key, Arena *a);   /* NULL if unset */
StoreRc store_setting_set(Store *s, const char *key, const char *value);

/* ---- the area tree ---- */
typedef struct Area {
    const char *code, *name, *parent, *kind, *mark, *prefix;
    int level;             /* 1 city, 2 town-level, 3 village-level */
    int vintage;
} Area;

typedef struct Scope {
    const char *prefix;    /* "" = all; else the area prefix of the caller's area */
} Scope;

extern const Scope SCOPE_ALL;
extern const Scope SCOPE_NONE;   /* sees nothing: e.g. a partner's children before referrals exist */

/* Whether the area CODE lies within SCOPE (the rule the queries apply). */
bool store_scope_contains(const Scope *scope, const char *code);

/* Limits every change to children's records made through S to SCOPE (NULL
   or SCOPE_ALL: no limit) until called again: a record outside it, or a
   change that would move one outside it, is refused with the problem
   "out_of_scope" (STORE_INVALID). The API sets it to the caller's scope for
   each request, so that imports and edits obey the same rule as reads. */
void store_limit_writes(Store *s, const Scope *scope);

/* The prefix that names an area and everything below it: the code without
   its trailing zero groups ("441900003000" -> "441900003"). In A. */
char *area_prefix_of(Arena *a, const char *code);

StoreRc store_area_put(Store *s, const Area *area);
StoreRc store_area_get(Store *s, const char *code, Area *out, Arena *a);
/* How many times the area table has changed (triggers of the page2
   migration): names read while it is equal are still the table's (issue #8). */
StoreRc store_area_version(Store *s, long long *out);
/* By exact name; STORE_CONFLICT if several areas have it. LEVEL 0 = any. */
StoreRc store_area_by_name(Store *s, const char *name, int level, Area *out, Arena *a);
typedef int (*AreaFn)(void *ctx, const Area *area);   /* non-zero stops */
StoreRc store_area_children(Store *s, const char *parent, AreaFn fn, void *ctx, Arena *a);
int store_area_count(Store *s, int level);

/* ---- the children's ledger ---- */
typedef struct Change {
    const char *author;    /* account name, or "cli:USER" */
    const char *reason;    /* 变更原因: required */
    const char *at;        /* ISO 8601 time with offset */
} Change;

/* Adds a validated child as version 1. Checks what needs the database (the
   village exists and is village-level; the ID number is not recorded yet)
   and adds problems for what fails (STORE_INVALID). Sets c->id, c->version. */
StoreRc store_child_insert(Store *s, Child *c, const Change *ch, Problems *p);

/* Stores C as the next version of record c->id, if its current version is
   BASE_VERSION (else STORE_CONFLICT, with the current one in *CURRENT_VERSION).
   A change that changes nothing is STORE_OK with *CHANGED false and no new
   version. Sets c->version. */
StoreRc store_child_update(Store *s, Child *c, int base_version, const Change *ch, Problems *p, bool *changed,
                           int *current_version);

StoreRc store_child_get(Store *s, const Scope *scope, long long id, Child *out, Arena *a);
StoreRc store_child_by_id_number(Store *s, const Scope *scope, const char *id_number, Child *out, Arena *a);
/* A record without an ID number matched by name, birth date and village;
   STORE_CONFLICT if more than one matches. */
StoreRc store_child_by_identity(Store *s, const char *name, Date birth, const char *area, Child *out, Arena *a);

typedef struct HistoryEntry {
    int version;
    const char *changed_at, *changed_by, *reason;
    json_t *changes;       /* {"field": [old, new]}, borrowed for the callback */
} HistoryEntry;
typedef int (*HistoryFn)(void *ctx, const HistoryEntry *e);
StoreRc store_child_history(Store *s, const Scope *scope, long long id, HistoryFn fn, void *ctx);

typedef struct ChildFilter {
    Scope scope;            /* what the caller may see */
    const char *area;       /* a further area filter (any level), or NULL */
    const char *category;   /* a category code held now (not ended), or NULL */
    const char *status;     /* record status, or NULL */
    const char *q;          /* name, part of a name, or ID number, or NULL */
    Date born_from, born_to;/* inclusive bounds on the birth date (ages are turned into these) */
    long long after_id;     /* cursor: ids greater than this */
    int limit;              /* 0 = no limit */
    long long offset;       /* matches to skip first (page numbers), 0 = none */
    const char *sort;       /* "name", "birth_date", "area", "updated_at"; NULL or "id": id order */
    bool sort_desc;         /* the order above, descending */
} ChildFilter;
typedef int (*ChildFn)(void *ctx, const Child *c);
/* Calls FN for each matching child in id order (or F->sort's, ties by id); the Child lives only during
   the call (copy what you keep). *TOTAL (if given) gets the count of all
   matches; FN may be NULL when only the count is wanted. A is for the
   filter's own strings. */
StoreRc store_children_list(Store *s, const ChildFilter *f, ChildFn fn, void *ctx, long long *total, Arena *a);
/* (issue #8, item) A page of the same matches as store_children_list()'s,
   each given to FN as its row's text (domain/child.h's ChildText, valid
   during the call; ROW is an arena emptied after it, for the callback's
   scratch), without reading it into a Child: at most F->limit rows (> 0),
   and *MORE says whether another match follows, found without reading its
   document. FN returns non-zero to stop. */
typedef int (*ChildTextFn)(void *ctx, const ChildText *t, Arena *row);
StoreRc store_children_texts(Store *s, const ChildFilter *f, ChildTextFn fn, void *ctx, bool *more, long long *total,
                             Arena *a);
/* A row's text read into OUT (strings in A) as store_children_list() reads
   it: the document without jansson, or with it when the fast reader gives
   up; STORE_ERROR, with a message, for a document that does not read. */
StoreRc store_child_from_text(Store *s, const ChildText *t, Child *out, Arena *a);

/* ---- maintenance ---- */
/* Checks the database's integrity and the ledger's own consistency; adds one
   problem per finding. */
StoreRc store_check(Store *s, Problems *p);
/* A consistent copy of the database at PATH, safe while others write: one
   file, the audit trail's table `audit` included. PATH is written whole or
   not at all: an existing file there stays until the new copy is complete
   and synced, then is replaced in one rename. */
StoreRc store_backup(Store *s, const char *path);
/* Replaces the database file DEST (or creates it) with the backup SOURCE.
   SOURCE is copied beside DEST and the copy checked first: SQLite's
   integrity, the ledger's consistency as store_check() sees it (problems go
   to P: STORE_INVALID), and a schema this binary knows (*SCHEMA gets it; an
   older one is restored, for 'shouhu init' to upgrade). The copy's audit
   trail goes into DEST's trail file (a database's own pair of files, whose
   trail is beside it, restores too). Then the old files' -wal, -shm and
   -journal are removed and the synced copies renamed over DEST's trail,
   then over DEST. Refuses (STORE_BUSY) while another process has DEST open. On
   failure DEST is untouched and *ERR (caller frees) says why. */
StoreRc store_restore(const char *source, const char *dest, Problems *p, int *schema, char **err);

/* ---- bulk inserts of children (issue #8, perf) ---- */
/* Within S's transaction: the name-search index of the children inserted
   from now on is written by store_names_catch_up(), in its own order, not
   per insert. The transaction must call store_names_catch_up() before its
   commit. */
StoreRc store_names_defer(Store *s);
/* Writes the deferred name-search index of the children inserted since
   store_names_defer(); with AGAIN, defers the next ones, else ends it. */
StoreRc store_names_catch_up(Store *s, bool again);
/* An import into an empty ledger (issue #8): within S's transaction, when
   the ledger holds no child, drops the secondary indexes of the ledger's
   tables and the counters' insert triggers, so that each row is written to
   its tables alone; *OUT (in A) remembers what to rebuild. When the ledger is
   not empty nothing changes and *OUT is NULL. Until store_bulk_end() only
   inserts of children may follow: before anything else (an update, a
   commit), store_bulk_end() adds the inserted children to the counters and
   builds the indexes again, each in one sorted pass (as CREATE INDEX does). */
typedef struct StoreBulk StoreBulk;
StoreRc store_bulk_begin(Store *s, StoreBulk **out, Arena *a);
StoreRc store_bulk_end(Store *s, StoreBulk *b);   /* B may be NULL: nothing to do */

/* ---- write-ahead log checkpoints (issue #8, perf) ---- */
/* Whether S's own commits copy the WAL into the database when it has grown
   (SQLite's automatic checkpoint, on by default). A connection that commits
   often and must not stall (the server's audit writer) turns it off, and
   another connection runs store_checkpoint() beside it. */
void store_autocheckpoint(Store *s, bool on);
/* Copies what it can of the WAL into the database without waiting for or
   blocking readers and writers (a passive checkpoint). */
StoreRc store_checkpoint(Store *s);
/* Limits S's page cache to KIB kibibytes (store_open() gives 16 MiB): for
   connections that only append or checkpoint, and the server's readers, so
   that a server's resident memory stays bounded. */
void store_cache_limit(Store *s, int kib);

/* ---- answers kept between requests (issue #8, figure c: api) ---- */
/* What S's database holds has a generation: two equal values read through S
   mean nothing was committed in between, by S (its own change count) or by
   any other connection or process (PRAGMA data_version). An answer computed
   after a reading of the generation may be served again while it is equal. */
typedef struct StoreGeneration {
    long long others, own;
} StoreGeneration;
StoreRc store_generation(Store *s, StoreGeneration *g);

#endif
