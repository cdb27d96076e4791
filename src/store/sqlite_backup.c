/*
** SQLite backend: backup and restore of the whole database file (store.h).
**
** Both write the new file under a temporary name beside its final one, sync
** it and rename it over the final name (util/file.h), so that a crash, a
** kill or a full disk leaves either the old file or the new one whole.
**
** A database file never travels alone: SQLite may keep a -wal, -shm or
** -journal file beside it, and one left from an old database would be
** applied to the new file that takes its name, corrupting it. Both remove
** them before the rename. Neither replaces a database another process has
** open (a running server would go on writing to the replaced file, and its
** writes would be lost): SQLite in WAL mode holds a read lock on the
** database file for as long as a connection is open, which F_GETLK sees.
**
** A backup is one file, as it was before the audit trail had a file of its
** own: the copy of the ledger gets the trail's table `audit` (its rows,
** indexes and triggers) added. A restore takes that table out again into
** the new trail file beside the database, and renames the trail first, then
** the ledger; a kill between the two renames leaves two whole files, the
** new trail beside the old ledger.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "store/db.h"
#include "util/file.h"

static const char *const SIDECARS[] = {"-wal", "-shm", "-journal", NULL};

static StoreRc fail(Store *s, StoreRc r, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static StoreRc fail(Store *s, StoreRc r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
    return r;
}

static StoreRc errno_rc(int e)
{
    return e == ENOSPC || e == EDQUOT ? STORE_FULL : STORE_ERROR;
}

static StoreRc sqlite_rc(int rc)
{
    return (rc & 0xff) == SQLITE_FULL ? STORE_FULL : (rc & 0xff) == SQLITE_BUSY ? STORE_BUSY : STORE_ERROR;
}

/* Whether A and B name the same file. */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The process holding a lock on PATH, or 0 (also when PATH does not exist). */
static pid_t lock_holder(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    pid_t pid = fcntl(fd, F_GETLK, &l) == 0 && l.l_type != F_UNLCK ? l.l_pid : 0;
    close(fd);
    return pid;
}

/* Removes the -wal, -shm and -journal files of PATH; false (naming the file
   in S's message) if one stays. */
static bool remove_sidecars(Store *s, const char *path)
{
    for (int i = 0; SIDECARS[i]; i++) {
        char name[4096];
        snprintf(name, sizeof name, "%s%s", path, SIDECARS[i]);
        if (!file_remove(name)) {
            fail(s, STORE_ERROR, "cannot remove %s: %s", name, strerror(errno));
            return false;
        }
    }
    return true;
}

/* Copies the database of S into the existing file TMP with SQLite's online
   backup. SHOWN is the name messages give (the final one, not TMP). */
static StoreRc copy_into(Store *s, const char *tmp, const char *shown)
{
    sqlite3 *dest = NULL;
    int rc = sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        StoreRc r = fail(s, STORE_ERROR, "cannot write %s: %s", shown, dest ? sqlite3_errmsg(dest) : "out of memory");
        sqlite3_close(dest);
        return r;
    }
    /* One step copies every page under one read transaction: a consistent snapshot
       even while the server writes (WAL readers do not block writers). */
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", s->db, "main");
    if (!b) {
        StoreRc r = fail(s, STORE_ERROR, "backup failed: %s", sqlite3_errmsg(dest));
        sqlite3_close(dest);
        return r;
    }
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    StoreRc r = STORE_OK;
    if (rc != SQLITE_DONE) {
        r = fail(s, sqlite_rc(rc), "copying to %s failed: %s", shown,
                 (rc & 0xff) == SQLITE_FULL ? "the disk is full" : sqlite3_errstr(rc));
    } else if ((rc = sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL)) != SQLITE_OK) {
        /* the copy stands alone: one file, readable without a -wal beside it */
        r = fail(s, sqlite_rc(rc), "copying to %s failed: %s", shown, sqlite3_errmsg(dest));
    }
    if (sqlite3_close(dest) != SQLITE_OK && r == STORE_OK) r = fail(s, STORE_ERROR, "copying to %s failed on close", shown);
    return r;
}

/* Runs one statement of DB, or fails with its message. */
static StoreRc run(Store *msg, sqlite3 *db, const char *sql, const char *shown)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK) return STORE_OK;
    return fail(msg, sqlite_rc(rc), "copying the audit trail to %s failed: %s", shown,
                (rc & 0xff) == SQLITE_FULL ? "the disk is full" : sqlite3_errmsg(db));
}

/* Runs, on DB, the statements that made the table `audit` of the database
   attached as "src" (TABLE), or its indexes and triggers (!TABLE): they make
   the same in DB's main database.
   The text is SQLite's own record of our schema, not anyone's input. */
static StoreRc copy_schema(Store *msg, sqlite3 *db, bool table, const char *shown)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, table ? "SELECT sql FROM src.sqlite_schema WHERE tbl_name = 'audit' AND type = 'table'"
                                          : "SELECT sql FROM src.sqlite_schema WHERE tbl_name = 'audit' "
                                            "AND type IN ('index', 'trigger') AND sql IS NOT NULL",
                                -1, &st, NULL);
    StoreRc r = STORE_OK;
    int made = 0;
    if (rc == SQLITE_OK)
        while (r == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            r = run(msg, db, (const char *)sqlite3_column_text(st, 0), shown);
            made++;
        }
    if (r == STORE_OK && rc != SQLITE_DONE) r = fail(msg, sqlite_rc(rc), "reading the audit trail failed: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (r == STORE_OK && table && made == 0) r = fail(msg, STORE_NOTFOUND, "there is no audit trail to copy to %s", shown);
    return r;
}

/* Copies the table `audit` of the database at FROM (its rows, indexes and
   triggers) into the database at TO, in one transaction; then, if DROP,
   drops it from FROM in the same transaction. STORE_NOTFOUND when FROM has
   no such table (TO is left empty). */
static StoreRc copy_trail(Store *msg, const char *from, const char *to, bool drop, const char *shown)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(to, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    StoreRc r = rc == SQLITE_OK ? STORE_OK : fail(msg, STORE_ERROR, "cannot write %s: %s", shown, db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_stmt *st = NULL;
    if (r == STORE_OK && (rc = sqlite3_prepare_v2(db, "ATTACH DATABASE ?1 AS src", -1, &st, NULL)) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
    }
    sqlite3_finalize(st);
    if (r == STORE_OK && rc != SQLITE_OK) r = fail(msg, STORE_ERROR, "cannot read the audit trail %s: %s", from, sqlite3_errmsg(db));
    if (r == STORE_OK) r = run(msg, db, "BEGIN", shown);
    if (r == STORE_OK) r = copy_schema(msg, db, true, shown);
    if (r == STORE_OK) r = run(msg, db, "INSERT INTO main.audit SELECT * FROM src.audit", shown);
    if (r == STORE_OK) r = copy_schema(msg, db, false, shown);
    if (r == STORE_OK && drop) r = run(msg, db, "DROP TABLE src.audit", shown);
    if (r == STORE_OK) r = run(msg, db, "COMMIT", shown);
    if (db && sqlite3_close(db) != SQLITE_OK && r == STORE_OK) r = fail(msg, STORE_ERROR, "copying to %s failed on close", shown);
    return r;
}

/* Removes the unfinished file TMP and whatever SQLite made beside it. */
static void discard(const char *tmp)
{
    unlink(tmp);
    for (int i = 0; SIDECARS[i]; i++) {
        char name[4096];
        snprintf(name, sizeof name, "%s%s", tmp, SIDECARS[i]);
        unlink(name);
    }
}

/* Syncs the finished file TMP and renames it over PATH, its stale sidecars removed first. */
static StoreRc install(Store *s, const char *tmp, const char *path)
{
    if (!file_sync(tmp)) return fail(s, errno_rc(errno), "cannot sync %s: %s", tmp, strerror(errno));
    if (!remove_sidecars(s, path)) return STORE_ERROR;
    if (!file_replace(tmp, path)) return fail(s, errno_rc(errno), "cannot rename %s to %s: %s", tmp, path, strerror(errno));
    return STORE_OK;
}

/* Makes a new temporary file beside PATH into *TMP (caller frees). */
static StoreRc temp_beside(Store *s, const char *path, const char *tag, char **tmp)
{
    file_clean_stale(path, tag);   /* what killed runs left */
    *tmp = file_temp_beside(path, tag);
    if (!*tmp) return fail(s, errno_rc(errno), "cannot create a file beside %s: %s", path, strerror(errno));
    return STORE_OK;
}

StoreRc store_backup(Store *s, const char *path)
{
    /* replacing a database in use would pull it from under its users */
    const char *self = sqlite3_db_filename(s->db, "main");
    if (self && *self && same_file(path, self)) return fail(s, STORE_ERROR, "%s is the database itself", path);
    pid_t pid = lock_holder(path);
    if (pid) return fail(s, STORE_BUSY, "%s is a database in use by process %ld", path, (long)pid);
    char *tmp;
    StoreRc r = temp_beside(s, path, "partial", &tmp);
    if (r != STORE_OK) return r;
    r = copy_into(s, tmp, path);
    const char *trail = sqlite3_db_filename(s->db, "trail");   /* NULL: a backup opened as it is, its trail inside */
    if (r == STORE_OK && trail) r = copy_trail(s, trail, tmp, false, path);
    if (r == STORE_OK) r = install(s, tmp, path);
    if (r != STORE_OK) discard(tmp);
    free(tmp);
    return r;
}

/* ---- restore ---- */

/* A connection without Shouhu's settings, for reading a file as it is:
   store_open() would turn a backup into WAL mode and check its schema. */
static Store *open_plain(const char *path, int flags, Store *msg)
{
    Store *s = calloc(1, sizeof *s);
    if (!s) abort();
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (rc != SQLITE_OK) {
        fail(msg, STORE_ERROR, "cannot open %s: %s", path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return NULL;
    }
    sqlite3_extended_result_codes(s->db, 1);
    return s;
}

/* Takes the old database at PATH out of use before it is replaced: refuses
   (STORE_BUSY) while another process has it open; else folds its WAL into
   it and holds an exclusive lock in *HELD (to close after the rename), so
   that nobody opens it meanwhile. A file SQLite cannot read is simply
   replaced (*HELD NULL): that is what restoring is for. */
static StoreRc claim_old(Store *msg, const char *path, Store **held)
{
    *held = NULL;
    if (access(path, F_OK) != 0) return STORE_OK;
    char shm[4096];
    snprintf(shm, sizeof shm, "%s-shm", path);
    pid_t pid = lock_holder(path);
    if (!pid) pid = lock_holder(shm);
    if (pid)
        return fail(msg, STORE_BUSY, "%s is in use by process %ld (a running 'shouhu serve'?): stop it, then restore", path,
                    (long)pid);
    Store *old = open_plain(path, SQLITE_OPEN_READWRITE, msg);
    if (!old) return STORE_OK;
    /* Leaving WAL mode checkpoints and deletes the WAL, and needs the only
       connection: SQLite answers with the mode it is left in. The open
       BEGIN EXCLUSIVE then keeps everyone out without writing a journal. */
    sqlite3_stmt *st = db_prepare(old, "PRAGMA journal_mode=DELETE");
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    bool left_wal = rc == SQLITE_ROW && strcmp(db_text(st, 0), "delete") == 0;
    db_done(st);
    if (rc == SQLITE_ROW && !left_wal) rc = SQLITE_BUSY;
    if (left_wal) rc = sqlite3_exec(old->db, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        store_close(old);
        return fail(msg, STORE_BUSY, "%s is in use by another process: stop it, then restore", path);
    }
    if (rc != SQLITE_OK) {   /* not a database, or a damaged one: nothing to keep */
        store_close(old);
        return STORE_OK;
    }
    *held = old;
    return STORE_OK;
}

/* Gives TMP the owner and mode of the database it replaces, so that a restore
   run as root leaves a file the service's user can still open. */
static StoreRc same_owner(Store *msg, const char *tmp, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) return STORE_OK;
    if (chmod(tmp, st.st_mode & 07777) != 0)
        return fail(msg, STORE_ERROR, "cannot set the mode of %s: %s", tmp, strerror(errno));
    if (geteuid() == 0 && chown(tmp, st.st_uid, st.st_gid) != 0)
        return fail(msg, STORE_ERROR, "cannot set the owner of %s: %s", tmp, strerror(errno));
    return STORE_OK;
}

/* Checks the copy at TMP (made from SOURCE) as store_check() checks a
   database, and its schema. */
static StoreRc check_copy(Store *msg, const char *tmp, const char *source, Problems *p, int *schema)
{
    Store *c = open_plain(tmp, SQLITE_OPEN_READONLY, msg);
    if (!c) return STORE_ERROR;
    *schema = store_schema_version(c);
    StoreRc r = STORE_OK;
    if (*schema <= 0)
        r = fail(msg, STORE_ERROR, "%s is not a Shouhu database: %s", source,
                 *schema < 0 ? store_errmsg(c) : "it has no Shouhu schema");
    else if (*schema > store_schema_latest())
        r = fail(msg, STORE_ERROR, "%s was made by a newer Shouhu (schema %d; this binary knows up to %d): upgrade shouhu first",
                 source, *schema, store_schema_latest());
    else {
        size_t before = p->count;
        r = store_check(c, p);
        if (r != STORE_OK) fail(msg, r, "%s cannot be checked: %s", source, store_errmsg(c));
        else if (p->count > before)
            r = fail(msg, STORE_INVALID, "%s fails the check (%zu problems): it was not restored", source, p->count - before);
    }
    store_close(c);
    return r;
}

StoreRc store_restore(const char *source, const char *dest, Problems *p, int *schema, char **err)
{
    *schema = 0;
    Store *msg = calloc(1, sizeof *msg);   /* holds the message only */
    if (!msg) abort();
    char *tmp = NULL, *trail_tmp = NULL, trail[4096];
    Store *src = NULL, *held = NULL, *trail_held = NULL;
    StoreRc r = STORE_OK;
    if (!store_audit_path(dest, trail, sizeof trail)) r = fail(msg, STORE_ERROR, "the path is too long: %s", dest);
    else if (access(source, R_OK) != 0) r = fail(msg, STORE_ERROR, "cannot read %s: %s", source, strerror(errno));
    else if (same_file(source, dest)) r = fail(msg, STORE_ERROR, "%s is the database itself", source);
    else if (!(src = open_plain(source, SQLITE_OPEN_READONLY, msg))) r = STORE_ERROR;
    if (r == STORE_OK) r = temp_beside(msg, dest, "restore", &tmp);
    if (r == STORE_OK) {
        r = copy_into(src, tmp, dest);
        if (r != STORE_OK) {
            const char *why = store_errmsg(src);
            fail(msg, r, "%s", strstr(why, "not a database") ? "the backup is not a SQLite database" : why);
        }
    }
    store_close(src);
    if (r == STORE_OK) r = check_copy(msg, tmp, source, p, schema);
    if (r == STORE_OK) r = claim_old(msg, dest, &held);
    if (r == STORE_OK) r = claim_old(msg, trail, &trail_held);
    /* the backup's audit trail goes into a file of its own beside DEST */
    if (r == STORE_OK) r = temp_beside(msg, trail, "restore", &trail_tmp);
    if (r == STORE_OK) r = copy_trail(msg, tmp, trail_tmp, true, trail);
    if (r == STORE_NOTFOUND) {   /* not a backup but a database's own two files, copied while it was stopped */
        char beside[4096] = "";
        if (store_audit_path(source, beside, sizeof beside) && access(beside, R_OK) == 0)
            r = copy_trail(msg, beside, trail_tmp, false, trail);
        if (r == STORE_NOTFOUND)
            r = fail(msg, STORE_ERROR, "%s holds no audit trail, and none is beside it (%s): it is not a Shouhu backup",
                     source, beside);
    }
    if (r == STORE_OK) r = same_owner(msg, tmp, dest);
    if (r == STORE_OK) r = same_owner(msg, trail_tmp, access(trail, F_OK) == 0 ? trail : dest);
    if (r == STORE_OK) r = install(msg, trail_tmp, trail);
    if (r == STORE_OK) r = install(msg, tmp, dest);
    store_close(trail_held);
    store_close(held);   /* after the renames: the old files' locks kept others out until then */
    if (r != STORE_OK && tmp) discard(tmp);
    if (r != STORE_OK && trail_tmp) discard(trail_tmp);
    if (r != STORE_OK && err) *err = strdup(msg->errmsg);
    free(tmp);
    free(trail_tmp);
    store_close(msg);
    return r;
}
