/*
** Helpers every command uses: options, argument checks, opening the store,
** printing problems (see cli.h).
*/
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "domain/idcard.h"
#include "store/store_accounts.h"

static void remove_args(Cli *cli, int at, int count)
{
    for (int i = at; i + count <= cli->argc; i++) cli->argv[i] = cli->argv[i + count];
    cli->argc -= count;
}

const char *cli_option(Cli *cli, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < cli->argc; i++) {
        const char *a = cli->argv[i];
        if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, name, n) != 0) continue;
        if (a[2 + n] == '=') {
            const char *v = a + 3 + n;
            remove_args(cli, i, 1);
            return v;
        }
        if (a[2 + n] == 0) {
            if (i + 1 >= cli->argc) {
                fprintf(stderr, "shouhu: --%s needs a value\n", name);
                exit(2);
            }
            const char *v = cli->argv[i + 1];
            remove_args(cli, i, 2);
            return v;
        }
    }
    return NULL;
}

const char *cli_short_option(Cli *cli, const char *flag)
{
    for (int i = 0; i < cli->argc; i++)
        if (strcmp(cli->argv[i], flag) == 0) {
            if (i + 1 >= cli->argc) {
                fprintf(stderr, "shouhu: %s needs a value\n", flag);
                exit(2);
            }
            const char *v = cli->argv[i + 1];
            remove_args(cli, i, 2);
            return v;
        }
    return NULL;
}

bool cli_flag(Cli *cli, const char *name)
{
    for (int i = 0; i < cli->argc; i++) {
        const char *a = cli->argv[i];
        if (strncmp(a, "--", 2) == 0 && strcmp(a + 2, name) == 0) {
            remove_args(cli, i, 1);
            return true;
        }
    }
    return false;
}

bool cli_args(Cli *cli, int min, int max)
{
    for (int i = 0; i < cli->argc; i++)
        if (cli->argv[i][0] == '-' && cli->argv[i][1] != 0) {
            fprintf(stderr, "shouhu %s: unknown option %s\nusage: shouhu %s %s\n", cli->command->name, cli->argv[i],
                    cli->command->name, cli->command->usage);
            return false;
        }
    if (cli->argc < min || cli->argc > max) {
        fprintf(stderr, "usage: shouhu %s %s\n(see 'shouhu help %s')\n", cli->command->name, cli->command->usage,
                cli->command->name);
        return false;
    }
    return true;
}

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("shouhu: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

Store *cli_open_store(Cli *cli)
{
    Store *s = NULL;
    char *err = NULL;
    if (store_open(cli->db_path, STORE_OPEN_EXISTING, &s, &err) != STORE_OK) {
        cli_fail("%s", err ? err : "cannot open the database");
        free(err);
        return NULL;
    }
    return s;
}

const char *cli_author(Cli *cli)
{
    const char *user = getenv("SUDO_USER");
    if (!user || !*user) {
        struct passwd *pw = getpwuid(getuid());
        user = pw ? pw->pw_name : "unknown";
    }
    return arena_printf(cli->arena, "cli:%s", user);
}

StoreRc cli_find_child(Cli *cli, Store *s, const char *which, Child *c)
{
    char *end;
    long long id = strtoll(which, &end, 10);
    if (*end == 0 && id > 0 && strlen(which) < 15) return store_child_get(s, &SCOPE_ALL, id, c, cli->arena);
    Problems p;
    problems_init(&p, cli->arena);
    IdInfo info;
    if (!idcard_parse(which, DATE_NONE, &info, &p, "id_number")) return STORE_NOTFOUND;
    return store_child_by_id_number(s, &SCOPE_ALL, info.number, c, cli->arena);
}

void cli_print_problems(Cli *cli, const Problems *p, size_t max)
{
    size_t i = 0;
    for (const Problem *pr = p->head; pr && (max == 0 || i < max); pr = pr->next, i++)
        fprintf(stderr, "  %s\n", problem_describe(cli->arena, pr, cli->lang));
    if (p->count > i)
        fprintf(stderr, cli->lang == LANG_ZH ? "  ……另有%zu个问题\n" : "  ... and %zu more problems\n", p->count - i);
}

void cli_audit(Cli *cli, Store *s, const char *action, const char *records, bool success, const char *detail)
{
    AuditEntry e = {.account = cli_author(cli), .address = "local", .action = action, .records = records,
                    .success = success, .detail = detail};
    if (store_audit_add(s, &e) != STORE_OK)
        fprintf(stderr, "shouhu: warning: not recorded in the audit trail: %s\n", store_errmsg(s));
}
