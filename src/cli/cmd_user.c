/*
** `shouhu user ...`: accounts from the command line, for the administrator
** at the server: add, list, passwd, disable, enable, token, tokens,
** revoke-token. The command line sees every area. Passwords never appear on
** the command line (where `ps` shows them): they come from a file, or a
** temporary one is made and printed. Every change is recorded in the audit
** trail as the terminal's user ("cli:root").
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "auth/auth.h"
#include "cli/cli.h"
#include "domain/account.h"
#include "util/clock.h"

/* The first line of PATH ("-": standard input), without its line end, in
   cli->arena; NULL with a message if it cannot be read. */
static const char *read_password_file(Cli *cli, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        cli_fail("cannot read %s", path);
        return NULL;
    }
    char line[1024];
    bool got = fgets(line, sizeof line, f) != NULL;
    if (f != stdin) fclose(f);
    if (!got) {
        cli_fail("%s is empty: it should hold the password on its first line", path);
        return NULL;
    }
    line[strcspn(line, "\r\n")] = 0;
    return arena_strdup(cli->arena, line);
}

/* The password to set: from --password-file, or made up (then always
   temporary, and printed). *TEMPORARY says which. NULL on a read error. */
static const char *choose_password(Cli *cli, const char *file, bool *temporary, bool *generated)
{
    *generated = !file;
    if (file) return read_password_file(cli, file);
    char pw[20];
    auth_generate_password(pw);
    *temporary = true;
    return arena_strdup(cli->arena, pw);
}

/* Runs FN inside a transaction on a store of its own; prints problems of P. */
static int with_store(Cli *cli, int (*fn)(Cli *, Store *, void *), void *ctx)
{
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    int rc;
    if (store_begin(s) != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    else {
        rc = fn(cli, s, ctx);
        if (rc == 0 && store_commit(s) != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
        else if (rc != 0) store_rollback(s);
    }
    store_close(s);
    return rc;
}

static int fail_with_problems(Cli *cli, const Problems *p, const char *what)
{
    cli_fail("%s:", what);
    cli_print_problems(cli, p, 0);
    return 1;
}

/* The account NAME, or a message; STORE_OK when found. */
static StoreRc find_account(Cli *cli, Store *s, const char *name, Account *a)
{
    StoreRc r = store_account_get(s, &SCOPE_ALL, name, a, cli->arena);
    if (r == STORE_NOTFOUND) cli_fail("no account %s", name);
    else if (r != STORE_OK) cli_fail("%s", store_errmsg(s));
    return r;
}

/* ---- user add ---- */

typedef struct AddArgs {
    NewAccount n;
    bool generated;
} AddArgs;

static int add_in_store(Cli *cli, Store *s, void *ctx)
{
    AddArgs *args = ctx;
    Account a;
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = auth_create_account(s, &SCOPE_ALL, &args->n, &a, &p, cli->arena);
    if (r == STORE_INVALID) return fail_with_problems(cli, &p, "the account was not created");
    if (r != STORE_OK) return cli_fail("%s", store_errmsg(s));
    cli_audit(cli, s, "account.create", a.username, true, arena_printf(cli->arena, "role=%s area=%s", a.role, a.area));
    printf("account %s created: %s in %s%s\n", a.username, a.role, a.area,
           a.must_change_password ? " (the password must be changed at the first login)" : "");
    if (args->generated) printf("one-time password: %s\n", args->n.password);
    return 0;
}

static int run_add(Cli *cli)
{
    AddArgs args = {.n = {.role = cli_option(cli, "role"),
                          .area = cli_option(cli, "area"),
                          .unit = cli_option(cli, "unit"),
                          .temporary = cli_flag(cli, "temporary"),
                          .author = cli_author(cli)}};
    const char *file = cli_option(cli, "password-file");
    if (!cli_args(cli, 1, 1)) return 2;
    if (!args.n.role || !args.n.area) return cli_fail("user add needs --role ROLE and --area CODE");
    args.n.username = cli->argv[0];
    args.n.password = choose_password(cli, file, &args.n.temporary, &args.generated);
    if (!args.n.password) return 1;
    return with_store(cli, add_in_store, &args);
}

/* ---- user list ---- */

static int print_account(void *ctx, const Account *a)
{
    long long now = *(long long *)ctx;
    printf("%-20s %-17s %-12s %-14s %s%s%s\n", a->username, a->role, a->area, a->unit ? a->unit : "-",
           a->disabled ? "disabled " : "", a->locked_until > now ? "locked " : "",
           a->must_change_password ? "must-change-password" : "");
    return 0;
}

static int run_list(Cli *cli)
{
    if (!cli_args(cli, 0, 0)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    long long now = clock_unix();
    printf("%-20s %-17s %-12s %-14s %s\n", "USERNAME", "ROLE", "AREA", "UNIT", "STATE");
    StoreRc r = store_accounts_list(s, &SCOPE_ALL, print_account, &now, cli->arena);
    int rc = r == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    store_close(s);
    return rc;
}

/* ---- user passwd ---- */

typedef struct PasswdArgs {
    const char *name, *password;
    bool temporary, generated;
} PasswdArgs;

static int passwd_in_store(Cli *cli, Store *s, void *ctx)
{
    PasswdArgs *args = ctx;
    Account a;
    if (find_account(cli, s, args->name, &a) != STORE_OK) return 1;
    Problems p;
    problems_init(&p, cli->arena);
    StoreRc r = auth_set_password(s, &a, args->password, args->temporary, &p);
    if (r == STORE_INVALID) return fail_with_problems(cli, &p, "the password was not changed");
    if (r != STORE_OK) return cli_fail("%s", store_errmsg(s));
    cli_audit(cli, s, "account.password", a.username, true, args->temporary ? "temporary" : NULL);
    printf("password of %s changed%s; its sessions ended\n", a.username,
           args->temporary ? " (to be changed at the next login)" : "");
    if (args->generated) printf("one-time password: %s\n", args->password);
    return 0;
}

static int run_passwd(Cli *cli)
{
    PasswdArgs args = {.temporary = cli_flag(cli, "temporary")};
    const char *file = cli_option(cli, "password-file");
    if (!cli_args(cli, 1, 1)) return 2;
    args.name = cli->argv[0];
    args.password = choose_password(cli, file, &args.temporary, &args.generated);
    if (!args.password) return 1;
    return with_store(cli, passwd_in_store, &args);
}

/* ---- user disable / enable ---- */

static int set_disabled(Cli *cli, Store *s, void *ctx)
{
    bool disable = *(bool *)ctx;
    Account a;
    if (find_account(cli, s, cli->argv[0], &a) != STORE_OK) return 1;
    a.disabled = disable;
    if (!disable) a.failed_logins = 0, a.locked_until = 0;   /* enabling also lifts a lock-out */
    StoreRc r = store_account_update(s, &a);
    if (r == STORE_OK && disable) r = store_sessions_delete_account(s, a.id);
    if (r != STORE_OK) return cli_fail("%s", store_errmsg(s));
    cli_audit(cli, s, "account.update", a.username, true, disable ? "disabled" : "enabled");
    printf("account %s %s\n", a.username, disable ? "disabled; its sessions ended" : "enabled and unlocked");
    return 0;
}

static int run_disable(Cli *cli)
{
    bool disable = true;
    return cli_args(cli, 1, 1) ? with_store(cli, set_disabled, &disable) : 2;
}

static int run_enable(Cli *cli)
{
    bool disable = false;
    return cli_args(cli, 1, 1) ? with_store(cli, set_disabled, &disable) : 2;
}

/* ---- API tokens ---- */

typedef struct TokenArgs {
    const char *label;
    int days;
} TokenArgs;

static int token_in_store(Cli *cli, Store *s, void *ctx)
{
    TokenArgs *args = ctx;
    Account a;
    if (find_account(cli, s, cli->argv[0], &a) != STORE_OK) return 1;
    char token[AUTH_TOKEN_CHARS + 8];
    long long id;
    StoreRc r = auth_create_token(s, a.id, args->label, args->days, token, &id);
    if (r != STORE_OK) return cli_fail("%s", store_errmsg(s));
    cli_audit(cli, s, "account.token", a.username, true,
              arena_printf(cli->arena, "token=%lld expires_days=%d", id, args->days));
    fprintf(stderr, "API token %lld for %s%s; it is shown once: keep it like a password\n", id, a.username,
            args->days ? arena_printf(cli->arena, ", valid %d days", args->days) : ", valid until revoked");
    printf("%s\n", token);   /* alone on standard output, for scripts */
    return 0;
}

static int run_token(Cli *cli)
{
    TokenArgs args = {.label = cli_option(cli, "label")};
    const char *days = cli_option(cli, "expires");
    if (!cli_args(cli, 1, 1)) return 2;
    if (days) {
        char *end;
        long n = strtol(days, &end, 10);
        if (*end || n < 1 || n > 3650) return cli_fail("--expires is a number of days from 1 to 3650");
        args.days = (int)n;
    }
    return with_store(cli, token_in_store, &args);
}

static int print_token(void *ctx, const ApiToken *t)
{
    long long now = *(long long *)ctx;
    const char *state = t->revoked_at ? "revoked" : t->expires_at && t->expires_at <= now ? "expired" : "valid";
    printf("%-6lld %-8s %-24s %s\n", t->id, state, t->label ? t->label : "-",
           t->expires_at ? "expires" : "no expiry");
    return 0;
}

static int run_tokens(Cli *cli)
{
    if (!cli_args(cli, 1, 1)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Account a;
    int rc = 1;
    if (find_account(cli, s, cli->argv[0], &a) == STORE_OK) {
        long long now = clock_unix();
        printf("%-6s %-8s %-24s %s\n", "ID", "STATE", "LABEL", "EXPIRY");
        rc = store_tokens_list(s, a.id, print_token, &now, cli->arena) == STORE_OK ? 0 : cli_fail("%s", store_errmsg(s));
    }
    store_close(s);
    return rc;
}

static int revoke_in_store(Cli *cli, Store *s, void *ctx)
{
    long long id = *(long long *)ctx;
    Account a;
    if (find_account(cli, s, cli->argv[0], &a) != STORE_OK) return 1;
    int n;
    StoreRc r = store_token_revoke(s, a.id, id, clock_unix(), &n);
    if (r == STORE_NOTFOUND) return cli_fail(id ? "%s has no valid token %lld" : "%s has no valid tokens", a.username, id);
    if (r != STORE_OK) return cli_fail("%s", store_errmsg(s));
    cli_audit(cli, s, "account.revoke_token", a.username, true, arena_printf(cli->arena, "token=%lld revoked=%d", id, n));
    printf("%d token%s of %s revoked\n", n, n == 1 ? "" : "s", a.username);
    return 0;
}

static int run_revoke(Cli *cli)
{
    if (!cli_args(cli, 1, 2)) return 2;
    long long id = 0;
    if (cli->argc == 2) {
        char *end;
        id = strtoll(cli->argv[1], &end, 10);
        if (*end || id < 1) return cli_fail("the token ID is the number 'shouhu user tokens' lists");
    }
    return with_store(cli, revoke_in_store, &id);
}

/* ---- the first administrator (shouhu init) ---- */

static int first_child(void *ctx, const Area *a)
{
    *(const char **)ctx = a->code;
    return 1;
}

int cli_first_admin(Cli *cli, Store *s, const char *password_file)
{
    if (store_account_count(s) != 0) return 0;
    const char *city = NULL;
    store_area_children(s, NULL, first_child, &city, cli->arena);
    if (!city) return cli_fail("no area tree: the first administrator needs one");
    AddArgs args = {.n = {.username = "admin", .role = "admin", .area = city, .author = cli_author(cli)}};
    args.n.password = choose_password(cli, password_file, &args.n.temporary, &args.generated);
    if (!args.n.password) return 1;
    if (store_begin(s) != STORE_OK) return cli_fail("%s", store_errmsg(s));
    int rc = add_in_store(cli, s, &args);
    if (rc == 0 && store_commit(s) != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    else if (rc != 0) store_rollback(s);
    return rc;
}

/* ---- the commands ---- */

const Command cmd_user_add = {
    "user add", "NAME --role ROLE --area CODE [--unit UNIT] [--password-file FILE] [--temporary]",
    "create an account",
    "Creates the account NAME (3-32 characters: a-z, 0-9, . _ -) with ROLE over\n"
    "the area CODE and everything below it. The roles: admin, security_admin,\n"
    "auditor, city_staff, town_supervisor, village_director, rescue_staff,\n"
    "hotline, partner (with --unit police|procuratorate|court|education|health|\n"
    "women_federation|youth_league|disabled_federation|justice|human_resources|other).\n"
    "The password is the first line of FILE ('-' = standard input): at least 8\n"
    "characters of 3 kinds (lower, upper, digits, others). --temporary makes\n"
    "the owner change it at the first login. Without --password-file a\n"
    "one-time password is made, printed, and must be changed at the first login.",
    run_add};

const Command cmd_user_list = {"user list", "", "list the accounts",
                               "Lists every account with its role, area, unit and state.", run_list};

const Command cmd_user_passwd = {
    "user passwd", "NAME [--password-file FILE] [--temporary]", "set an account's password",
    "Sets the password of NAME from FILE, or to a printed one-time password that\n"
    "must be changed at the next login. Ends the account's sessions and lifts a\n"
    "lock-out.",
    run_passwd};

const Command cmd_user_disable = {"user disable", "NAME", "disable an account",
                                  "Disables NAME: it can no longer log in or use its tokens; its sessions end.",
                                  run_disable};

const Command cmd_user_enable = {"user enable", "NAME", "enable an account, lifting a lock-out",
                                 "Enables NAME again and lifts a lock-out after failed logins.", run_enable};

const Command cmd_user_token = {
    "user token", "NAME [--expires DAYS] [--label TEXT]", "make an API token for scripts",
    "Prints a new API token for NAME, for scripts and integrations:\n"
    "    curl -H 'Authorization: Bearer TOKEN' http://127.0.0.1:8080/api/v1/me\n"
    "The token acts as NAME with NAME's role and area. It is printed once and\n"
    "kept only as a hash; --expires DAYS limits its life (default: until\n"
    "revoked with 'shouhu user revoke-token').",
    run_token};

const Command cmd_user_tokens = {"user tokens", "NAME", "list an account's API tokens",
                                 "Lists the API tokens of NAME: number, state, label, expiry.", run_tokens};

const Command cmd_user_revoke_token = {"user revoke-token", "NAME [ID]", "revoke API tokens",
                                       "Revokes the API token ID of NAME, or all of NAME's tokens without ID.",
                                       run_revoke};
