/*
** Backup and restore of the whole database (store_backup, store_restore)
** and the whole-or-absent files under them (util/file.h), at the level of
** the store, so that they also run under ASan+UBSan. The command-line
** behaviour, with kills, full disks and concurrent writers, is tested end
** to end in tests/e2e/reliability_backup.sh and reliability_full_disk.sh.
*/
#include <dirent.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include "testutil.h"
#include "io/ledger.h"
#include "store/store_accounts.h"
#include "util/embedded.h"
#include "util/file.h"


TEST_DIR_FIXTURE

static const char *path_in(const char *name)
{
    return arena_printf(a, "%s/%s", dir, name);
}

/* A database NAME.db with Dongguan's areas and three children; its path. */
static const char *make_db(const char *name)
{
    Store *s = test_store(dir, name);
    char id1[19], id2[19];
    char *csv = arena_printf(a, "姓名,身份证号,居住村(社区)代码\n甲,%s,441900003001\n乙,%s,441900003001\n"
                                "丙,%s,441900003001\n",
                             test_id(id1, "441900", "20150301", "121"), test_id(id2, "441900", "20120708", "224"),
                             test_id((char[19]){0}, "441900", "20100115", "331"));
    const char *in = arena_strdup(a, test_file(dir, "in.csv", csv, strlen(csv)));
    ImportOptions o = {.author = "test", .today = {2023, 6, 1}, .rules = LEDGER_RULES_DEFAULT};
    ImportReport rep;
    assert_int_equal(ledger_import(s, in, &o, &rep, a), STORE_OK);
    assert_int_equal(rep.inserted, 3);
    store_close(s);
    return path_in(arena_printf(a, "%s.db", name));
}

/* Adds N audit entries to the database at PATH. */
static void add_entries(const char *path, int n)
{
    Store *s = NULL;
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &s, NULL), STORE_OK);
    for (int i = 0; i < n; i++) {
        AuditEntry e = {.account = "b.test", .action = "child.read", .records = "1", .success = true};
        assert_int_equal(store_audit_add(s, &e), STORE_OK);
    }
    store_close(s);
}

/* The one number SQL gives on the file at PATH as it is (no trail attached); -1 on an error. */
static long long scalar(const char *path, const char *query)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, query, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static long long entries_in(const char *path)
{
    return scalar(path, "SELECT count(*) FROM audit");
}

static long long children_in(const char *path)
{
    Store *s = NULL;
    char *err = NULL;
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &s, &err), STORE_OK);
    ChildFilter all = {.scope = SCOPE_ALL};
    long long n = -1;
    assert_int_equal(store_children_list(s, &all, NULL, NULL, &n, a), STORE_OK);
    store_close(s);
    return n;
}

static void sql(const char *path, const char *statements)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, statements, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* How many entries of DIR start with PREFIX. */
static int entries(const char *prefix)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

static StoreRc restore(const char *from, const char *to, Problems *p, int *schema, char **err)
{
    *err = NULL;
    problems_init(p, a);
    return store_restore(from, to, p, schema, err);
}

static void backup_and_restore(void **state)
{
    (void)state;
    const char *live = make_db("live");
    Store *s = NULL;
    assert_int_equal(store_open(live, STORE_OPEN_EXISTING, &s, NULL), STORE_OK);
    add_entries(live, 5);
    const char *copy = path_in("copy.db");
    test_file(dir, "copy.db", "an older file of that name", 26);
    assert_int_equal(store_backup(s, copy), STORE_OK);   /* replaces it */
    assert_int_equal(store_backup(s, live), STORE_ERROR);
    assert_non_null(strstr(store_errmsg(s), "the database itself"));
    store_close(s);
    assert_int_equal(entries(".copy.db.partial-"), 0);
    assert_int_equal(access(arena_printf(a, "%s-wal", copy), F_OK), -1);   /* one file, complete in itself */

    Problems p;
    int schema = 0;
    char *err;
    const char *restored = path_in("restored.db");
    assert_int_equal(restore(copy, restored, &p, &schema, &err), STORE_OK);
    assert_null(err);
    assert_int_equal(schema, store_schema_latest());
    assert_int_equal(children_in(restored), 3);
    assert_int_equal(entries(".restored.db.restore-"), 0);
    /* the backup holds the trail in its one file; the restore puts it back into a file of its own */
    const char *live_trail = arena_printf(a, "%s.audit", live);
    assert_true(entries_in(live_trail) >= 5);
    assert_int_equal(entries_in(copy), entries_in(live_trail));
    assert_int_equal(entries_in(arena_printf(a, "%s.audit", restored)), entries_in(live_trail));
    assert_int_equal(entries_in(restored), -1);   /* no such table in the ledger's file */
    assert_int_equal(entries(".restored.db.audit.restore-"), 0);
    /* a backup opened as it is (its trail inside) is backed up whole too */
    Store *b = NULL;
    assert_int_equal(store_open(copy, STORE_OPEN_EXISTING, &b, NULL), STORE_OK);
    const char *again = path_in("again.db");
    assert_int_equal(store_backup(b, again), STORE_OK);
    store_close(b);
    assert_int_equal(entries_in(again), entries_in(copy));
    /* restoring over an existing database, here the one just restored */
    assert_int_equal(restore(copy, restored, &p, &schema, &err), STORE_OK);
    assert_int_equal(restore(restored, restored, &p, &schema, &err), STORE_ERROR);
    assert_non_null(strstr(err, "the database itself"));
    free(err);
}

/* Each refusal leaves the database as it was and no temporary file. */
static void restore_refuses(void **state)
{
    (void)state;
    const char *good = make_db("good");
    const char *dest = make_db("dest");
    Problems p;
    int schema;
    char *err;

    const char *junk = test_file(dir, "junk.db", "not a database, not at all, no", 30);
    assert_int_equal(restore(junk, dest, &p, &schema, &err), STORE_ERROR);
    assert_non_null(strstr(err, "not a SQLite database"));
    free(err);

    const char *newer = path_in("newer.db");
    assert_int_equal(system(arena_printf(a, "cp '%s' '%s'", good, newer)), 0);
    sql(newer, "PRAGMA user_version = 999");
    assert_int_equal(restore(newer, dest, &p, &schema, &err), STORE_ERROR);
    assert_non_null(strstr(err, "newer Shouhu"));
    free(err);

    const char *tampered = path_in("tampered.db");
    assert_int_equal(system(arena_printf(a, "cp '%s' '%s'", good, tampered)), 0);
    sql(tampered, "UPDATE child SET name = '篡改' WHERE id = 2");
    assert_int_equal(restore(tampered, dest, &p, &schema, &err), STORE_INVALID);
    assert_true(p.count >= 1);
    assert_non_null(strstr(problem_text(p.head, LANG_EN), "record 2"));
    free(err);

    /* a table missing: the check cannot even run, which is a finding too */
    const char *broken = path_in("broken.db");
    assert_int_equal(system(arena_printf(a, "cp '%s' '%s'", good, broken)), 0);
    sql(broken, "PRAGMA foreign_keys = OFF; DROP TABLE child_category");
    assert_int_equal(restore(broken, dest, &p, &schema, &err), STORE_INVALID);
    assert_non_null(strstr(problem_text(p.head, LANG_EN), "no such table"));
    free(err);

    assert_int_equal(restore(path_in("missing.db"), dest, &p, &schema, &err), STORE_ERROR);
    free(err);

    /* in use by another connection, here of this very process */
    Store *user = NULL;
    assert_int_equal(store_open(dest, STORE_OPEN_EXISTING, &user, NULL), STORE_OK);
    assert_int_equal(restore(good, dest, &p, &schema, &err), STORE_BUSY);
    assert_non_null(strstr(err, "in use"));
    free(err);
    store_close(user);

    assert_int_equal(children_in(dest), 3);
    assert_int_equal(entries(".dest.db.restore-"), 0);
}

/* A -wal with committed changes, left by a process that died, belongs to
   the old database: none of it may reach the restored one. */
static void stale_wal_not_applied(void **state)
{
    (void)state;
    const char *good = make_db("walgood");
    const char *old = make_db("walold");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *db = NULL;
        if (sqlite3_open(old, &db) != SQLITE_OK ||
            sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
                             "INSERT INTO setting VALUES ('stale', 'yes'); UPDATE child SET name = '旧';",
                         NULL, NULL, NULL) != SQLITE_OK)
            _exit(1);
        _exit(0);   /* without closing: the changes stay in the -wal */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(access(arena_printf(a, "%s-wal", old), F_OK), 0);

    Problems p;
    int schema;
    char *err;
    assert_int_equal(restore(good, old, &p, &schema, &err), STORE_OK);
    Store *s = NULL;
    assert_int_equal(store_open(old, STORE_OPEN_EXISTING, &s, NULL), STORE_OK);
    assert_null(store_setting_get(s, "stale", a));
    Problems found;
    problems_init(&found, a);
    assert_int_equal(store_check(s, &found), STORE_OK);
    assert_int_equal(found.count, 0);
    store_close(s);
}

static void stale_temporary_files(void **state)
{
    (void)state;
    const char *target = path_in("t.db");
    pid_t pid = fork();   /* a process that is surely gone: this one's child, reaped */
    assert_true(pid >= 0);
    if (pid == 0) _exit(0);
    waitpid(pid, NULL, 0);
    const char *dead = arena_printf(a, ".t.db.partial-%ld-abcdef", (long)pid);
    const char *alive = arena_printf(a, ".t.db.partial-%ld-ghijkl", (long)getpid());
    test_file(dir, dead, "x", 1);
    test_file(dir, arena_printf(a, "%s-journal", dead), "x", 1);
    test_file(dir, alive, "x", 1);
    test_file(dir, ".t.db.restore-1-abcdef", "x", 1);   /* another tag: not this one's */
    file_clean_stale(target, "partial");
    assert_int_equal(access(path_in(dead), F_OK), -1);
    assert_int_equal(access(path_in(arena_printf(a, "%s-journal", dead)), F_OK), -1);
    assert_int_equal(access(path_in(alive), F_OK), 0);
    assert_int_equal(access(path_in(".t.db.restore-1-abcdef"), F_OK), 0);

    char *tmp = file_temp_beside(target, "partial");
    assert_non_null(tmp);
    assert_true(file_sync(tmp));
    assert_true(file_replace(tmp, target));
    assert_int_equal(access(target, F_OK), 0);
    assert_true(file_remove(target));
    assert_true(file_remove(target));   /* already gone is fine */
    free(tmp);
}

/* The number NNN of the embedded migration "sql/NNN_<NAME>.sql". */
static int migration_named(const char *name)
{
    for (const EmbeddedFile *f = embedded_files; f->path; f++) {
        const char *under = strchr(f->path, '_');
        if (strncmp(f->path, "sql/", 4) == 0 && under && strcmp(under + 1, name) == 0) return atoi(f->path + 4);
    }
    fail_msg("no migration %s", name);
    return 0;
}

/* Makes the database PATH with the migrations before number UPTO only, as an older Shouhu left it. */
static void make_old_db(const char *path, int upto)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    for (int n = 1; n < upto; n++) {
        const EmbeddedFile *f = NULL;
        for (const EmbeddedFile *e = embedded_files; e->path && !f; e++)
            if (strncmp(e->path, "sql/", 4) == 0 && atoi(e->path + 4) == n) f = e;
        assert_non_null(f);
        assert_int_equal(sqlite3_exec(db, (const char *)f->data, NULL, NULL, NULL), SQLITE_OK);
    }
    char *v = sqlite3_mprintf("PRAGMA user_version = %d", upto - 1);
    assert_int_equal(sqlite3_exec(db, v, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_free(v);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO audit(at, account, action, success) VALUES "
                                      "('2026-01-01T08:00:00+08:00', 'old', 'child.read', 1), "
                                      "('2026-01-01T08:00:01+08:00', 'old', 'child.list', 1), "
                                      "('2026-01-01T08:00:02+08:00', 'old', 'session.login', 0)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
}

static int upgrade(const char *path)
{
    Store *s = NULL;
    char *err = NULL;
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), STORE_OK);
    int applied = -1;
    assert_int_equal(store_migrate(s, &applied), STORE_OK);
    store_close(s);
    return applied;
}

/* The audit trail's own file: needed to open a database, made and filled by
   the upgrade from the one-file layout, with no entry lost or doubled when
   the upgrade's first step was cut short between its two files' commits. */
static void trail_beside_the_ledger(void **state)
{
    (void)state;
    const char *db = make_db("pair");
    const char *trail = arena_printf(a, "%s.audit", db);
    assert_int_equal(access(trail, F_OK), 0);
    assert_true(file_remove(trail));
    Store *s = NULL;
    char *err = NULL;
    assert_int_not_equal(store_open(db, STORE_OPEN_EXISTING, &s, &err), STORE_OK);
    assert_non_null(strstr(err, "cannot open the audit trail"));
    assert_non_null(strstr(err, "pair.db.audit"));
    free(err);

    int first = migration_named("audit_file.sql");
    const char *old = path_in("old.db");
    make_old_db(old, first);
    assert_int_equal(upgrade(old), store_schema_latest() - (first - 1));
    assert_int_equal(entries_in(arena_printf(a, "%s.audit", old)), 3);
    assert_int_equal(entries_in(old), -1);
    assert_int_equal(scalar(arena_printf(a, "%s.audit", old), "SELECT count(*) FROM audit WHERE account = 'old' "
                                                                 "AND action = 'session.login' AND success = 0"), 1);

    /* the first step committed in the ledger's file only: its copy is made again by the second */
    const char *cut = path_in("cut.db");
    make_old_db(cut, first);
    sqlite3 *raw = NULL;
    assert_int_equal(sqlite3_open(cut, &raw), SQLITE_OK);
    char *step = sqlite3_mprintf("ATTACH DATABASE '%q.audit' AS trail; BEGIN; %s; PRAGMA main.user_version = %d; COMMIT;"
                                 "INSERT INTO main.audit(at, account, action, success) "
                                 "VALUES ('2026-01-01T08:00:03+08:00', 'lost', 'child.read', 1);",
                                 cut, (const char *)embedded_find(arena_printf(a, "sql/%03d_audit_file.sql", first))->data, first);
    assert_int_equal(sqlite3_exec(raw, step, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_free(step);
    sqlite3_close(raw);
    assert_int_equal(entries_in(arena_printf(a, "%s.audit", cut)), 3);   /* the fourth is in the ledger's file only */
    upgrade(cut);
    assert_int_equal(entries_in(arena_printf(a, "%s.audit", cut)), 4);
    assert_int_equal(entries_in(cut), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(backup_and_restore),
        cmocka_unit_test(restore_refuses),
        cmocka_unit_test(stale_wal_not_applied),
        cmocka_unit_test(stale_temporary_files),
        cmocka_unit_test(trail_beside_the_ledger),
    };
    return cmocka_run_group_tests_name("backup", tests, setup, teardown);
}
