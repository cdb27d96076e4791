/*
** The store: migrations and the version guard, area lookups and scope,
** record versioning (history, stale edits, no deletion), unique ID numbers,
** the list filters, check and backup; the audit entries of a transaction.
*/
#include <sqlite3.h>
#include "testutil.h"
#include "domain/codes.h"
#include "store/db.h"   /* to make the audit trail refuse entries, as a full disk would */
#include "store/store_accounts.h"

static const Date TODAY = {2023, 6, 1};

TEST_DB_FIXTURE("store")

static const Change CHANGE = {"test", "登记", "2023-06-01T09:00:00+08:00"};

/* Inserts a child born BIRTH8 with sequence SEQ3 in AREA; returns its id. */
static long long add_child(const char *name, const char *birth8, const char *seq3, const char *area, const char *category)
{
    Child c = test_child(a, name, birth8, seq3, area, category);
    return test_child_add(s, a, &c, TODAY, &CHANGE);
}

static void areas(void **state)
{
    (void)state;
    Area ar;
    assert_int_equal(store_area_get(s, "441900003001", &ar, a), STORE_OK);
    assert_string_equal(ar.name, "岗贝社区居民委员会");
    assert_int_equal(ar.level, 3);
    assert_string_equal(ar.parent, "441900003000");
    assert_string_equal(ar.prefix, "441900003001");
    assert_int_equal(store_area_get(s, "441900003000", &ar, a), STORE_OK);
    assert_string_equal(ar.name, "东城街道");
    assert_string_equal(ar.prefix, "441900003");
    assert_int_equal(store_area_get(s, "441900401498", &ar, a), STORE_OK);
    assert_string_equal(ar.mark, "virtual");
    assert_int_equal(store_area_by_name(s, "松山湖虚拟社区", 3, &ar, a), STORE_OK);
    assert_int_equal(store_area_get(s, "441900999999", &ar, a), STORE_NOTFOUND);
    assert_int_equal(store_area_count(s, 2), 36);
    assert_int_equal(store_area_count(s, 3), 609);
    assert_string_equal(area_prefix_of(a, "441900000000"), "4419");
}

static void versions_and_history(void **state)
{
    (void)state;
    long long id = add_child("李四", "20150301", "135", "441900003001", NULL);
    Child c;
    assert_int_equal(store_child_get(s, &SCOPE_ALL, id, &c, a), STORE_OK);
    assert_int_equal(c.version, 1);
    c.address = "岗贝路1号";
    Problems p;
    problems_init(&p, a);
    bool changed = false;
    Change ch = {"director", "搬家", "2023-06-02T09:00:00+08:00"};
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_child_update(s, &c, 1, &ch, &p, &changed, NULL), STORE_OK);
    assert_true(changed);
    assert_int_equal(c.version, 2);
    /* the same content again: no new version */
    assert_int_equal(store_child_update(s, &c, 2, &ch, &p, &changed, NULL), STORE_OK);
    assert_false(changed);
    /* an edit based on version 1 is refused */
    c.address = "别处";
    int current = 0;
    assert_int_equal(store_child_update(s, &c, 1, &ch, &p, &changed, &current), STORE_CONFLICT);
    assert_int_equal(current, 2);
    assert_string_equal(p.head->code, "stale_version");
    /* a change needs a reason */
    Problems p2;
    problems_init(&p2, a);
    Change no_reason = {"director", "", "2023-06-02T09:00:00+08:00"};
    assert_int_equal(store_child_update(s, &c, 2, &no_reason, &p2, &changed, NULL), STORE_INVALID);
    assert_string_equal(p2.head->code, "reason_required");
    assert_int_equal(store_commit(s), STORE_OK);
}

static int collect_history(void *ctx, const HistoryEntry *e)
{
    json_t *list = ctx;
    json_array_append_new(list, json_pack("{s:i, s:s, s:s, s:O}", "version", e->version, "by", e->changed_by, "reason",
                                          e->reason, "changes", e->changes));
    return 0;
}

static void history_lists_fields(void **state)
{
    (void)state;
    long long id = add_child("王五", "20150302", "137", "441900003001", NULL);
    Child c;
    assert_int_equal(store_child_get(s, &SCOPE_ALL, id, &c, a), STORE_OK);
    c.school = "东城小学";
    c.enrolment = "in_school";
    Problems p;
    problems_init(&p, a);
    bool changed;
    Change ch = {"director", "入学", "2023-06-02T09:00:00+08:00"};
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_child_update(s, &c, 1, &ch, &p, &changed, NULL), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    json_t *list = json_array();
    assert_int_equal(store_child_history(s, &SCOPE_ALL, id, collect_history, list), STORE_OK);
    assert_int_equal(json_array_size(list), 2);
    json_t *v2 = json_array_get(list, 1);
    assert_string_equal(json_string_value(json_object_get(v2, "reason")), "入学");
    json_t *changes = json_object_get(v2, "changes");
    assert_int_equal(json_object_size(changes), 2);
    assert_string_equal(json_string_value(json_array_get(json_object_get(changes, "school"), 1)), "东城小学");
    assert_true(json_is_null(json_array_get(json_object_get(changes, "school"), 0)));
    json_decref(list);
}

static void nothing_is_deleted(void **state)
{
    (void)state;
    add_child("赵六", "20150303", "139", "441900003001", NULL);
    sqlite3 *db;
    char path[256];
    snprintf(path, sizeof path, "%s/store.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM child", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM child_version", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE child_version SET reason = 'x'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void unique_id_numbers(void **state)
{
    (void)state;
    long long first = add_child("钱七", "20150304", "151", "441900003001", NULL);
    char id[19];
    Child c = {0};
    c.name = "钱七二";
    c.id_number = test_id(id, "441900", "20150304", "151");
    c.area = "441900003002";
    Problems p;
    problems_init(&p, a);
    assert_true(child_validate(&c, a, TODAY, &LEDGER_RULES_DEFAULT, true, &p));
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_child_insert(s, &c, &CHANGE, &p), STORE_INVALID);
    store_rollback(s);
    assert_string_equal(p.head->code, "duplicate_id");
    assert_non_null(strstr(p.head->text[LANG_EN], "record"));
    (void)first;
    /* a town is not a village */
    Child t = {0};
    t.name = "孙八";
    t.id_number = test_id(id, "441900", "20150305", "153");
    t.area = "441900003000";
    Problems p2;
    problems_init(&p2, a);
    assert_true(child_validate(&t, a, TODAY, &LEDGER_RULES_DEFAULT, true, &p2));
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_child_insert(s, &t, &CHANGE, &p2), STORE_INVALID);
    store_rollback(s);
    assert_string_equal(p2.head->code, "not_village");
}

static int count_one(void *ctx, const Child *c)
{
    (void)c;
    (*(int *)ctx)++;
    return 0;
}

static long long count(const ChildFilter *f)
{
    int n = 0;
    long long total = -1;
    assert_int_equal(store_children_list(s, f, count_one, &n, &total, a), STORE_OK);
    if (f->limit == 0) assert_int_equal(n, total);
    return total;
}

static void scope_and_filters(void **state)
{
    (void)state;
    /* 大岭山镇 441900118xxx is another town */
    long long far = add_child("周九", "20120101", "171", "441900118002", "dibao");
    add_child("周十", "20120102", "173", "441900003005", "left_behind");
    ChildFilter f = {.scope = {"441900003"}};
    long long in_town = count(&f);
    assert_true(in_town >= 2);
    f.scope.prefix = "441900118";
    assert_int_equal(count(&f), 1);
    Child c;
    Scope dongcheng = {"441900003"};
    assert_int_equal(store_child_get(s, &dongcheng, far, &c, a), STORE_NOTFOUND);
    Scope houjie = {"441900118"};
    assert_int_equal(store_child_get(s, &houjie, far, &c, a), STORE_OK);
    ChildFilter cat = {.scope = SCOPE_ALL, .category = "left_behind"};
    assert_int_equal(count(&cat), 1);
    ChildFilter q = {.scope = SCOPE_ALL, .q = "周"};
    assert_int_equal(count(&q), 2);
    ChildFilter like = {.scope = SCOPE_ALL, .q = "%"};
    assert_int_equal(count(&like), 0);   /* wildcards are matched literally */
    ChildFilter inject = {.scope = SCOPE_ALL, .q = "' OR 1=1 --"};
    assert_int_equal(count(&inject), 0);
    char id[19];
    ChildFilter byid = {.scope = SCOPE_ALL, .q = test_id(id, "441900", "20120101", "171")};
    assert_int_equal(count(&byid), 1);
    ChildFilter born = {.scope = SCOPE_ALL, .born_from = {2012, 1, 1}, .born_to = {2012, 1, 1}};
    assert_int_equal(count(&born), 1);
    ChildFilter area = {.scope = SCOPE_ALL, .area = "441900118000"};
    assert_int_equal(count(&area), 1);
    ChildFilter page = {.scope = SCOPE_ALL, .limit = 1};
    int n = 0;
    assert_int_equal(store_children_list(s, &page, count_one, &n, NULL, a), STORE_OK);
    assert_int_equal(n, 1);
}

static void check_and_backup(void **state)
{
    (void)state;
    add_child("吴一", "20100101", "191", "441900003001", NULL);
    Problems p;
    problems_init(&p, a);
    assert_int_equal(store_check(s, &p), STORE_OK);
    assert_int_equal(p.count, 0);
    char path[256];
    snprintf(path, sizeof path, "%s/backup.db", dir);
    assert_int_equal(store_backup(s, path), STORE_OK);
    Store *b = NULL;
    char *err = NULL;
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &b, &err), STORE_OK);
    ChildFilter all = {.scope = SCOPE_ALL};
    long long n1 = 0, n2 = 0;
    int k = 0;
    assert_int_equal(store_children_list(s, &all, count_one, &k, &n1, a), STORE_OK);
    assert_int_equal(store_children_list(b, &all, count_one, &k, &n2, a), STORE_OK);
    assert_int_equal(n1, n2);
    Problems pb;
    problems_init(&pb, a);
    assert_int_equal(store_check(b, &pb), STORE_OK);
    assert_int_equal(pb.count, 0);
    store_close(b);
    /* a damaged document is found by check */
    sqlite3 *db;
    snprintf(path, sizeof path, "%s/store.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE child SET name = 'changed behind our back' WHERE id = 1", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    Problems p3;
    problems_init(&p3, a);
    assert_int_equal(store_check(s, &p3), STORE_OK);
    assert_int_equal(p3.count, 1);
}

static void schema_versions(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "%s/newer.db", dir);
    Store *n = NULL;
    char *err = NULL;
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &n, &err), STORE_OK);
    int applied;
    assert_int_equal(store_migrate(n, &applied), STORE_OK);
    assert_int_equal(applied, store_schema_latest());
    assert_int_equal(store_migrate(n, &applied), STORE_OK);
    assert_int_equal(applied, 0);
    store_close(n);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &n, &err), STORE_ERROR);
    assert_non_null(strstr(err, "newer"));
    free(err);
    err = NULL;
    snprintf(path, sizeof path, "%s/empty.db", dir);
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &n, &err), STORE_ERROR);
    free(err);
}

static int count_entry(void *ctx, const AuditEntry *e)
{
    (void)e;
    ++*(long long *)ctx;
    return 0;
}

static long long entries_of(const char *action)
{
    AuditFilter f = {.scope = SCOPE_ALL, .unscoped_too = true, .action = action, .limit = -1};
    long long n = 0, total = -1;
    assert_int_equal(store_audit_list(s, &f, count_entry, &n, &total, a), STORE_OK);
    assert_int_equal(n, total);
    return n;
}

typedef struct Unwritten {
    int n;
    char action[32], why[128];
} Unwritten;

static void note_unwritten(void *ctx, const AuditEntry *e, const char *why)
{
    Unwritten *u = ctx;
    u->n++;
    snprintf(u->action, sizeof u->action, "%s", e->action);
    snprintf(u->why, sizeof u->why, "%s", why);
}

/* An entry added inside a transaction is written just after its commit, in
   a transaction of the trail's own (a transaction across the two files
   would commit file by file), dropped by a rollback; when it cannot be
   written, the change stands and the store's owner is told. */
static void audit_entries_follow_their_commit(void **state)
{
    (void)state;
    AuditEntry e = {.account = "t", .action = "test.kept", .records = "1", .success = true};
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_setting_set(s, "test.a", "1"), STORE_OK);
    assert_int_equal(store_audit_add(s, &e), STORE_OK);
    assert_int_equal(entries_of("test.kept"), 0);   /* not before the commit */
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(entries_of("test.kept"), 1);

    e.action = "test.dropped";
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_audit_add(s, &e), STORE_OK);
    store_rollback(s);
    assert_int_equal(entries_of("test.dropped"), 0);

    /* the trail refuses (as a full disk would): the change is committed, the owner hears of the entry */
    Unwritten u = {0};
    store_on_audit_unwritten(s, note_unwritten, &u);
    assert_int_equal(sqlite3_exec(s->db, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON trail.audit "
                                         "BEGIN SELECT RAISE(ABORT, 'no room for it'); END",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    e.action = "test.unwritten";
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_setting_set(s, "test.b", "2"), STORE_OK);
    assert_int_equal(store_audit_add(s, &e), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_string_equal(store_setting_get(s, "test.b", a), "2");
    assert_int_equal(u.n, 1);
    assert_string_equal(u.action, "test.unwritten");
    assert_non_null(strstr(u.why, "no room for it"));
    assert_int_equal(sqlite3_exec(s->db, "DROP TRIGGER temp.refuse", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(entries_of("test.unwritten"), 0);
    store_on_audit_unwritten(s, NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(areas),
        cmocka_unit_test(versions_and_history),
        cmocka_unit_test(history_lists_fields),
        cmocka_unit_test(nothing_is_deleted),
        cmocka_unit_test(unique_id_numbers),
        cmocka_unit_test(scope_and_filters),
        cmocka_unit_test(check_and_backup),
        cmocka_unit_test(schema_versions),
        cmocka_unit_test(audit_entries_follow_their_commit),
    };
    return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
