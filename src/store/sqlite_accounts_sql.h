/*
** The SQL of the accounts' list (sqlite_account.c) and of the audit trail's
** list (sqlite_audit.c), in a header of their own so that
** tests/unit/test_query_plans.c runs EXPLAIN QUERY PLAN on the very
** statements the store prepares. Only those two files and that test include it.
*/
#ifndef SHOUHU_STORE_SQLITE_ACCOUNTS_SQL_H
#define SHOUHU_STORE_SQLITE_ACCOUNTS_SQL_H

#define ACCOUNT_COLUMNS                                                                                   \
    "id, username, role, area, unit, password_hash, must_change_password, disabled, failed_logins, "     \
    "locked_until, password_changed_at, last_login_at, created_at, created_by"

/* the accounts of a scope in the order of their names: a few thousand at
   most (the city's staff, a director per village, the partners' units),
   read in the username index's order */
#define ACCOUNTS_LIST_SQL "SELECT " ACCOUNT_COLUMNS " FROM account WHERE area >= :lo AND area < :hi ORDER BY username"

/* The filter of store_audit_list, shared by the page and the count. A
   record matches as a whole item of the comma-separated list. A date
   without a time in :to covers that whole day ("2024-01-31" sorts before
   "2024-01-31T..."; the '~' sorts after every time of the day). */
#define AUDIT_WHERE                                                                                     \
    " WHERE ((area >= :lo AND area < :hi) OR (:unscoped AND area IS NULL))"                             \
    " AND (:account IS NULL OR account = :account) AND (:action IS NULL OR action = :action)"          \
    " AND (:record IS NULL OR ',' || records || ',' LIKE '%,' || :record || ',%' ESCAPE '\\')"         \
    " AND (:from IS NULL OR at >= :from) AND (:to IS NULL OR at <= :to || '~')"

#define AUDIT_COUNT_SQL "SELECT count(*) FROM audit" AUDIT_WHERE
/* a page of the trail, newest first: read backwards in id order from the
   cursor :before (the largest id when none) until the page is full. A plain
   range, not "(:before = 0 OR id < :before)": with the OR, every page read
   the trail down from its newest entry (a deep page of 1,000,000 entries:
   0.06 s of CPU, 0.0001 s as a range). */
#define AUDIT_PAGE_SQL                                                                       \
    "SELECT id, at, account, role, area, address, action, records, success, detail "         \
    "FROM audit" AUDIT_WHERE " AND id < :before ORDER BY id DESC LIMIT :limit"

/* (issue #8, page2) the roles' change count: one row, by its key */
#define STORE_ROLE_VERSION_SQL "SELECT n FROM role_version WHERE id = 1"

/* (issue #8, caller) the change counts of the roles, the callers (tokens and
   accounts) and the areas in one statement: each a row by its key */
#define STORE_CHANGE_COUNTS_SQL                                                  \
    "SELECT (SELECT n FROM role_version WHERE id = 1), "                         \
    "(SELECT n FROM caller_version WHERE id = 1), (SELECT n FROM area_version WHERE id = 1)"

#endif
