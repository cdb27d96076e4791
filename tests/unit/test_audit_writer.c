/*
** The server's audit writer (api/audit_writer.h): every entry queued by
** concurrent threads is in the trail after a flush, none twice, with its
** fields; what is queued when it stops is written; the touches of tokens
** go through it; after the stop, nothing more is taken; and its commits
** leave the ledger's file unchanged (the trail is a file of its own).
*/
#include <pthread.h>
#include <sqlite3.h>
#include <unistd.h>
#include "testutil.h"
#include "api/audit_writer.h"
#include "store/store_accounts.h"

enum { THREADS = 4, PER_THREAD = 3000 };

static void *submit_many(void *arg)
{
    long t = (long)arg;
    for (int i = 0; i < PER_THREAD; i++) {
        char records[32];
        snprintf(records, sizeof records, "%ld,%d", t, i);
        AuditEntry e = {.account = "w.test", .role = "city_staff", .area = "441900003000",
                        .address = "127.0.0.1", .action = "child.read", .records = records, .success = i % 7 != 0};
        if (audit_writer_submit(&e) != STORE_OK) return (void *)1;
    }
    return NULL;
}

typedef struct Tally {
    int n, failed;
    bool fields_ok;
} Tally;

static int tally(void *ctx, const AuditEntry *e)
{
    Tally *t = ctx;
    t->n++;
    t->failed += !e->success;
    t->fields_ok &= e->at && strcmp(e->account, "w.test") == 0 && strcmp(e->address, "127.0.0.1") == 0 && e->records;
    return 0;
}

static long long count_entries(Store *s, const char *record, Tally *t)
{
    Arena *a = arena_new();
    AuditFilter f = {.scope = SCOPE_ALL, .unscoped_too = true, .record = record, .limit = -1};
    *t = (Tally){.fields_ok = true};
    long long total = -1;
    assert_int_equal(store_audit_list(s, &f, tally, t, &total, a), STORE_OK);
    arena_free(a);
    return total;
}

static void test_concurrent_entries_all_written(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    Store *s = test_store(dir, "w");
    char path[256], *err = NULL;
    snprintf(path, sizeof path, "%s/w.db", dir);
    assert_true(audit_writer_start(path, &err));
    assert_true(audit_writer_running());

    pthread_t th[THREADS];
    for (long t = 0; t < THREADS; t++) assert_int_equal(pthread_create(&th[t], NULL, submit_many, (void *)t), 0);
    for (int t = 0; t < THREADS; t++) {
        void *rc;
        pthread_join(th[t], &rc);
        assert_null(rc);
    }
    audit_writer_flush();
    Tally t;
    assert_int_equal(count_entries(s, NULL, &t), THREADS * PER_THREAD);
    assert_true(t.fields_ok);
    int failed_per_thread = (PER_THREAD + 6) / 7;
    assert_int_equal(t.failed, THREADS * failed_per_thread);
    assert_int_equal(count_entries(s, "2999", &t), THREADS);   /* each thread's last, once */

    /* what is queued at the stop is written by it */
    for (int i = 0; i < 100; i++) {
        AuditEntry e = {.account = "w.test", .address = "127.0.0.1", .action = "child.list", .records = "last",
                        .success = true};
        assert_int_equal(audit_writer_submit(&e), STORE_OK);
    }
    audit_writer_stop();
    assert_false(audit_writer_running());
    assert_int_equal(count_entries(s, "last", &t), 100);
    AuditEntry late = {.account = "w.test", .action = "child.read", .records = "late", .success = true};
    assert_int_equal(audit_writer_submit(&late), STORE_ERROR);   /* not running: the caller writes it itself */
    assert_int_equal(count_entries(s, "late", &t), 0);
    store_close(s);
    test_rmdir(dir);
}

static void test_token_touch_goes_through_the_writer(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    Store *s = test_store(dir, "w");
    char path[256], *err = NULL;
    snprintf(path, sizeof path, "%s/w.db", dir);
    Account acc = {.username = "w.touch", .role = "city_staff", .area = "441900000000", .password_hash = "x",
                   .password_changed_at = "2026-11-29", .created_at = "2026-11-29", .created_by = "test"};
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_account_insert(s, &acc), STORE_OK);
    ApiToken tok = {.account_id = acc.id, .label = "bench", .created_at = 1000};
    assert_int_equal(store_token_insert(s, &tok, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                     STORE_OK);
    long long token_id = tok.id;
    assert_int_equal(store_commit(s), STORE_OK);

    assert_true(audit_writer_start(path, &err));
    assert_true(audit_writer_touch_token(token_id, 5000));
    audit_writer_flush();
    Arena *a = arena_new();
    ApiToken t;
    assert_int_equal(store_token_get(s, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", &t, a),
                     STORE_OK);
    assert_int_equal(t.last_used, 5000);
    arena_free(a);
    audit_writer_stop();
    store_close(s);
    test_rmdir(dir);
}

/* The writer's commits go to the trail's own file: a reader of the ledger
   sees no change (its generation, on which the answer cache and SQLite's
   page cache depend, stays), while the entries are there to read. */
static void test_entries_leave_the_ledger_unchanged(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    Store *s = test_store(dir, "w");
    char path[256], trail[300], *err = NULL;
    snprintf(path, sizeof path, "%s/w.db", dir);
    assert_true(store_audit_path(path, trail, sizeof trail));
    assert_int_equal(access(trail, F_OK), 0);
    StoreGeneration before, after;
    assert_int_equal(store_generation(s, &before), STORE_OK);
    assert_true(audit_writer_start(path, &err));
    for (int batch = 0; batch < 3; batch++) {
        AuditEntry e = {.account = "w.test", .address = "127.0.0.1", .action = "child.read", .records = "7",
                        .success = true};
        assert_int_equal(audit_writer_submit(&e), STORE_OK);
        audit_writer_flush();
    }
    Tally t;
    assert_int_equal(count_entries(s, "7", &t), 3);
    assert_int_equal(store_generation(s, &after), STORE_OK);
    assert_int_equal(after.others, before.others);
    assert_int_equal(after.own, before.own);
    audit_writer_stop();

    /* and the ledger's file holds no audit table of its own */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "SELECT count(*) FROM audit", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    store_close(s);
    test_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_entries_all_written),
        cmocka_unit_test(test_token_touch_goes_through_the_writer),
        cmocka_unit_test(test_entries_leave_the_ledger_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
