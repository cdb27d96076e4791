/*
** Accounts, logins, sessions, tokens and the audit trail through the store
** (store/store_accounts.h) and auth/auth.h: the checks of a new account,
** the lock-out, scopes in account queries, token revocation, the demo
** accounts, and an audit trail that refuses changes.
*/
#include "testutil.h"
#include "auth/auth.h"
#include "store/db.h"   /* to try what Shouhu itself never does: change the audit trail */
#include "util/clock.h"


TEST_DB_FIXTURE("auth")

/* Creates NAME (a village director in 岗贝社区 unless ROLE and AREA say
   otherwise); returns the first problem's code, or NULL when it was created. */
static const char *create(const char *name, const char *role, const char *area, const char *unit, const char *password)
{
    NewAccount n = {name, role ? role : "village_director", area ? area : "441900003001", unit, password, false, "test"};
    Problems p;
    problems_init(&p, a);
    Account acc;
    assert_int_equal(store_begin(s), STORE_OK);
    StoreRc r = auth_create_account(s, &SCOPE_ALL, &n, &acc, &p, a);
    if (r == STORE_OK) assert_int_equal(store_commit(s), STORE_OK);
    else store_rollback(s);
    return r == STORE_OK ? NULL : p.head ? p.head->code : "store error";
}

static void new_accounts_are_checked(void **state)
{
    (void)state;
    assert_null(create("li.si", NULL, NULL, NULL, "Good-Pass-1"));
    assert_string_equal(create("li.si", NULL, NULL, NULL, "Good-Pass-1"), "username_taken");
    assert_string_equal(create("Li Si", NULL, NULL, NULL, "Good-Pass-1"), "bad_username");
    assert_string_equal(create("wang.wu", "emperor", NULL, NULL, "Good-Pass-1"), "unknown_role");
    assert_string_equal(create("wang.wu", NULL, "441900999999", NULL, "Good-Pass-1"), "no_such_area");
    assert_string_equal(create("wang.wu", NULL, NULL, NULL, "password"), "password_kinds");
    assert_string_equal(create("wang.wu", NULL, NULL, NULL, "Wang.Wu-2024"), "password_has_username");
    assert_string_equal(create("wang.wu", "partner", "441900000000", NULL, "Good-Pass-1"), "unit_required");
    assert_string_equal(create("wang.wu", "partner", "441900000000", "navy", "Good-Pass-1"), "bad_code");
    assert_null(create("wang.wu", "partner", "441900000000", "police", "Good-Pass-1"));

    /* an administrator of a town creates only in its town */
    NewAccount n = {"zhao.liu", "village_director", "441900004003", NULL, "Good-Pass-1", true, "test"};
    Problems p;
    problems_init(&p, a);
    Account acc;
    Scope town = {"441900003"};
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(auth_create_account(s, &town, &n, &acc, &p, a), STORE_INVALID);
    store_rollback(s);
    assert_string_equal(p.head->code, "out_of_scope");

    /* account queries keep to their scope */
    assert_int_equal(store_account_get(s, &town, "li.si", &acc, a), STORE_OK);
    assert_int_equal(store_account_get(s, &town, "wang.wu", &acc, a), STORE_NOTFOUND);
    assert_int_equal(store_account_get(s, &SCOPE_NONE, "li.si", &acc, a), STORE_NOTFOUND);
    Role r;
    assert_int_equal(store_role_get(s, "village_director", &r, a), STORE_OK);
    assert_true(role_has(&r, "child:read_full"));
    assert_false(role_has(&r, "audit:read"));
    assert_int_equal(store_role_get(s, "admin", &r, a), STORE_OK);
    assert_false(role_has(&r, "child:read"));   /* three-way separation: no children's data */
}

static void logins_and_lock_out(void **state)
{
    (void)state;
    assert_null(create("zhou.ba", NULL, NULL, NULL, "Good-Pass-1"));
    AuthPolicy pol = {.idle_seconds = 60, .max_failures = 3, .lock_seconds = 600};
    char token[AUTH_TOKEN_CHARS + 1], csrf[AUTH_TOKEN_CHARS + 1];
    Account acc;
    LoginResult res;
    assert_int_equal(auth_login(s, &pol, "zhou.ba", "Good-Pass-1", "1.2.3.4", &acc, token, csrf, &res, a), STORE_OK);
    assert_int_equal(res, LOGIN_OK);
    assert_int_equal(strlen(token), AUTH_TOKEN_CHARS);
    char hash[AUTH_HASH_HEX + 1];
    auth_token_hash(token, hash);
    Session sess;
    assert_int_equal(store_session_get(s, hash, &sess, a), STORE_OK);
    assert_int_equal(sess.account_id, acc.id);
    assert_string_equal(sess.csrf_token, csrf);
    assert_int_equal(store_session_get(s, token, &sess, a), STORE_NOTFOUND);   /* the token itself is not stored */

    assert_int_equal(auth_login(s, &pol, "nobody", "x", NULL, &acc, token, csrf, &res, a), STORE_OK);
    assert_int_equal(res, LOGIN_UNKNOWN);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(auth_login(s, &pol, "zhou.ba", "Wrong-1", NULL, &acc, token, csrf, &res, a), STORE_OK);
        assert_int_equal(res, LOGIN_WRONG_PASSWORD);
    }
    assert_int_equal(auth_login(s, &pol, "zhou.ba", "Good-Pass-1", NULL, &acc, token, csrf, &res, a), STORE_OK);
    assert_int_equal(res, LOGIN_LOCKED);
    assert_int_equal(store_account_get(s, &SCOPE_ALL, "zhou.ba", &acc, a), STORE_OK);
    assert_true(acc.locked_until > clock_unix());

    /* a new password lifts the lock and ends the sessions */
    Problems p;
    problems_init(&p, a);
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(auth_set_password(s, &acc, "weak", false, &p), STORE_INVALID);
    assert_int_equal(auth_set_password(s, &acc, "Newer-Pass-2", true, &p), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(store_session_get(s, hash, &sess, a), STORE_NOTFOUND);
    assert_int_equal(auth_login(s, &pol, "zhou.ba", "Newer-Pass-2", NULL, &acc, token, csrf, &res, a), STORE_OK);
    assert_int_equal(res, LOGIN_OK);
    assert_true(acc.must_change_password);
}

static void tokens(void **state)
{
    (void)state;
    assert_null(create("wu.jiu", NULL, NULL, NULL, "Good-Pass-1"));
    Account acc;
    assert_int_equal(store_account_get(s, &SCOPE_ALL, "wu.jiu", &acc, a), STORE_OK);
    char token[AUTH_TOKEN_CHARS + 8], hash[AUTH_HASH_HEX + 1];
    long long id;
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(auth_create_token(s, acc.id, "script", 30, token, &id), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(strncmp(token, AUTH_API_TOKEN_PREFIX, 4), 0);
    auth_token_hash(token, hash);
    ApiToken t;
    assert_int_equal(store_token_get(s, hash, &t, a), STORE_OK);
    assert_int_equal(t.id, id);
    assert_true(t.expires_at > clock_unix() + 29 * 86400);
    assert_int_equal(t.revoked_at, 0);
    int n;
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_token_revoke(s, acc.id, 0, clock_unix(), &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_token_revoke(s, acc.id, 0, clock_unix(), &n), STORE_NOTFOUND);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(store_token_get(s, hash, &t, a), STORE_OK);
    assert_true(t.revoked_at > 0);
}

static void demo_accounts(void **state)
{
    (void)state;
    int created;
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(auth_create_demo_accounts(s, AUTH_DEMO_PASSWORD, "demo", &created), STORE_OK);
    assert_int_equal(auth_create_demo_accounts(s, AUTH_DEMO_PASSWORD, "demo", &created), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    assert_int_equal(created, 0);   /* the second time: all there already */
    int roles = 0;
    for (const DemoAccount *d = AUTH_DEMO_ACCOUNTS; d->username; d++, roles++) {
        Account acc;
        assert_int_equal(store_account_get(s, &SCOPE_ALL, d->username, &acc, a), STORE_OK);
        assert_string_equal(acc.role, d->role);
        assert_false(acc.must_change_password);
    }
    assert_int_equal(roles, 9);
    Account v;
    assert_int_equal(store_account_get(s, &SCOPE_ALL, "demo.village", &v, a), STORE_OK);
    assert_string_equal(v.area, "441900003001");
    assert_int_equal(store_account_get(s, &SCOPE_ALL, "demo.town", &v, a), STORE_OK);
    assert_string_equal(v.area, "441900003000");
}

static int count_entry(void *ctx, const AuditEntry *e)
{
    (void)e;
    (*(int *)ctx)++;
    return 0;
}

/* The number of entries F selects, checking that the total agrees. */
static int audit_count(AuditFilter f)
{
    int n = 0;
    long long total = -1;
    assert_int_equal(store_audit_list(s, &f, count_entry, &n, &total, a), STORE_OK);
    assert_int_equal(total, n);
    return n;
}

static void audit_trail(void **state)
{
    (void)state;
    AuditEntry e = {.account = "li.si", .role = "village_director", .area = "441900003001", .address = "10.0.0.1",
                    .action = "child.view_full", .records = "12", .success = true};
    assert_int_equal(store_audit_add(s, &e), STORE_OK);   /* outside a transaction too */
    e.area = "441900004003", e.records = "7,120", e.account = "qian.shi";
    assert_int_equal(store_audit_add(s, &e), STORE_OK);
    AuditEntry anon = {.account = "who?", .action = "session.login", .success = false, .detail = "unknown_user"};
    assert_int_equal(store_audit_add(s, &anon), STORE_OK);

    assert_int_equal(audit_count((AuditFilter){.scope = {"441900003"}, .action = "child.view_full"}), 1);
    assert_int_equal(audit_count((AuditFilter){.scope = {""}, .action = "child.view_full"}), 2);
    assert_int_equal(audit_count((AuditFilter){.scope = {"441900"}, .action = "session.login"}), 0);
    assert_int_equal(audit_count((AuditFilter){.scope = {"441900"}, .unscoped_too = true, .action = "session.login"}), 1);
    assert_int_equal(audit_count((AuditFilter){.scope = {""}, .record = "12"}), 1);
    assert_int_equal(audit_count((AuditFilter){.scope = {""}, .record = "120"}), 1);
    assert_int_equal(audit_count((AuditFilter){.scope = {""}, .record = "2"}), 0);    /* whole items, not parts */
    assert_int_equal(audit_count((AuditFilter){.scope = {""}, .record = "%"}), 0);    /* wildcards are literal */
    assert_int_equal(audit_count((AuditFilter){.scope = {""}, .account = "qian.shi"}), 1);
    assert_int_equal(audit_count((AuditFilter){.scope = {""}, .unscoped_too = true, .to = "2000-01-01"}), 0);

    /* not even SQL run on the connection can change or delete an entry */
    assert_int_not_equal(sqlite3_exec(s->db, "UPDATE audit SET success = 1", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(s->db, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(audit_count((AuditFilter){.scope = {""}, .unscoped_too = true}) >= 3, 1);
}

/* The audit trail's pages (issue #8, plans: the cursor is a range of ids):
   paging with before_id visits every entry once, newest first, as the
   first page without a limit does. */
typedef struct IdTrail {
    long long ids[64];
    int n;
} IdTrail;

static int keep_id(void *ctx, const AuditEntry *e)
{
    IdTrail *t = ctx;
    if (t->n < 64) t->ids[t->n++] = e->id;
    return 0;
}

static void audit_pages_follow_the_cursor(void **state)
{
    (void)state;
    for (int i = 0; i < 20; i++) {
        AuditEntry e = {.account = "zhou.wu", .area = "441900005001", .action = "child.read", .success = true};
        assert_int_equal(store_audit_add(s, &e), STORE_OK);
    }
    IdTrail all = {0}, paged = {0};
    AuditFilter f = {.scope = {""}, .unscoped_too = true};
    assert_int_equal(store_audit_list(s, &f, keep_id, &all, NULL, a), STORE_OK);
    assert_true(all.n >= 20);
    for (int i = 1; i < all.n; i++) assert_true(all.ids[i] < all.ids[i - 1]);
    f.limit = 7;
    for (;;) {
        int had = paged.n;
        assert_int_equal(store_audit_list(s, &f, keep_id, &paged, NULL, a), STORE_OK);
        if (paged.n == had) break;
        assert_true(paged.n - had <= 7);
        f.before_id = paged.ids[paged.n - 1];
    }
    assert_int_equal(paged.n, all.n);
    assert_memory_equal(paged.ids, all.ids, sizeof(long long) * (size_t)all.n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_accounts_are_checked),
        cmocka_unit_test(logins_and_lock_out),
        cmocka_unit_test(tokens),
        cmocka_unit_test(demo_accounts),
        cmocka_unit_test(audit_trail),
        cmocka_unit_test(audit_pages_follow_the_cursor),   /* issue #8, plans */
    };
    return cmocka_run_group_tests_name("auth", tests, setup, teardown);
}
