/*
** `shouhu audit`: the audit trail on the command line, newest first, with
** the filters of GET /api/v1/audit. Reading it is itself recorded.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "store/store_accounts.h"

/* Prints S with control characters as '?': entries hold what clients sent. */
static void print_clean(const char *s, int width)
{
    int n = 0;
    for (const unsigned char *c = (const unsigned char *)(s ? s : "-"); *c; c++, n++)
        putchar(*c < 0x20 || *c == 0x7f ? '?' : *c);
    for (; n < width; n++) putchar(' ');
}

static int print_entry(void *ctx, const AuditEntry *e)
{
    (void)ctx;
    print_clean(e->at, 26);
    print_clean(e->account, 18);
    putchar(' ');
    print_clean(e->role, 17);
    putchar(' ');
    print_clean(e->address, 16);
    putchar(' ');
    print_clean(e->action, 20);
    printf(" %-6s ", e->success ? "ok" : "FAILED");
    print_clean(e->records, 0);
    if (e->detail) {
        fputs("  ", stdout);
        print_clean(e->detail, 0);
    }
    putchar('\n');
    return 0;
}

/* A date option: YYYY-MM-DD, or a message. */
static bool date_option(Cli *cli, const char *name, const char **out)
{
    *out = cli_option(cli, name);
    Date d;
    if (*out && !date_parse_iso(*out, &d)) {
        cli_fail("--%s is a date: YYYY-MM-DD", name);
        return false;
    }
    return true;
}

static int run_audit(Cli *cli)
{
    AuditFilter f = {.scope = SCOPE_ALL,
                     .unscoped_too = true,
                     .account = cli_option(cli, "user"),
                     .record = cli_option(cli, "record"),
                     .action = cli_option(cli, "action"),
                     .limit = 50};
    const char *limit = cli_option(cli, "limit");
    if (!date_option(cli, "from", &f.from) || !date_option(cli, "to", &f.to)) return 2;
    if (!cli_args(cli, 0, 0)) return 2;
    if (limit) {
        char *end;
        long n = strtol(limit, &end, 10);
        if (*end || n < 0) return cli_fail("--limit is a number (0: every entry)");
        f.limit = (int)n;
    }
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    long long total = 0;
    StoreRc r = store_audit_list(s, &f, print_entry, NULL, &total, cli->arena);
    int rc = 0;
    if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    else {
        if (f.limit && total > f.limit) fprintf(stderr, "(%d of %lld entries; --limit 0 shows all)\n", f.limit, total);
        cli_audit(cli, s, "audit.read", NULL, true, NULL);
    }
    store_close(s);
    return rc;
}

const Command cmd_audit = {
    "audit", "[--user NAME] [--record ID] [--action ACTION] [--from DATE] [--to DATE] [--limit N]",
    "read the audit trail",
    "Lists the audit trail, newest first: time, account, role, address, action,\n"
    "success, records and details. Every login, every reading or change of a\n"
    "child's record, every import and export and every change of an account is\n"
    "there. Entries cannot be changed or deleted through Shouhu.\n"
    "  --user NAME      one account's entries (also names tried at failed logins)\n"
    "  --record ID      entries about one record (a child's number, an account name)\n"
    "  --action ACTION  one action: session.login, child.read, child.view_full,\n"
    "                   child.update, child.export, account.create, ...\n"
    "  --from, --to     dates, inclusive\n"
    "  --limit N        the newest N entries: 50 (0 = all)",
    run_audit};
