/*
** `shouhu backup FILE` and `shouhu backup --dir DIR --keep N`: a consistent
** copy of the database through SQLite's online backup, safe while the server
** is writing, written whole or not at all (store_backup). The --dir form is
** for a timer or cron: each copy is named by the time in Shanghai,
** shouhu-YYYYmmdd-HHMMSS.db, so that names sort by age and --keep deletes the
** oldest beyond N, and only after the new copy is whole. The copy is a plain
** SQLite file: keep one off site with rsync or object storage
** (docs/operations.md).
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "util/clock.h"

enum { NAME_LEN = 25 };   /* strlen("shouhu-20240229-235959.db") */

/* Whether NAME is one of the timestamped copies --dir writes (and --keep may delete). */
static bool is_dated_copy(const char *name)
{
    static const char pattern[] = "shouhu-99999999-999999.db";   /* 9: any digit */
    if (strlen(name) != NAME_LEN) return false;
    for (int i = 0; i < NAME_LEN; i++)
        if (pattern[i] == '9' ? (name[i] < '0' || name[i] > '9') : name[i] != pattern[i]) return false;
    return true;
}

static int newest_first(const void *a, const void *b)
{
    return strcmp(*(char *const *)b, *(char *const *)a);
}

/* Deletes the dated copies in DIR beyond the newest KEEP. Returns 1 if one could not be deleted. */
static int prune(Cli *cli, const char *dir, long keep)
{
    DIR *d = opendir(dir);
    if (!d) return cli_fail("cannot list %s: %s", dir, strerror(errno));
    size_t n = 0, cap = 16;
    char **names = arena_alloc(cli->arena, cap * sizeof *names);
    for (struct dirent *e; (e = readdir(d));) {
        if (!is_dated_copy(e->d_name)) continue;
        if (n == cap) {
            char **more = arena_alloc(cli->arena, 2 * cap * sizeof *more);
            memcpy(more, names, n * sizeof *names);
            names = more;
            cap *= 2;
        }
        names[n++] = arena_strdup(cli->arena, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, newest_first);
    int rc = 0;
    for (size_t i = (size_t)keep; i < n; i++) {
        char *path = arena_printf(cli->arena, "%s/%s", dir, names[i]);
        if (unlink(path) == 0) printf("removed the old backup %s\n", path);
        else rc = cli_fail("cannot remove the old backup %s: %s", path, strerror(errno));
    }
    return rc;
}

/* The path of a new dated copy in DIR, named by the time now in Shanghai. In the arena. */
static const char *dated_path(Cli *cli, const char *dir)
{
    char iso[26];   /* 2024-02-29T23:59:59+08:00 */
    clock_iso_at(clock_unix(), iso);
    return arena_printf(cli->arena, "%s/shouhu-%.4s%.2s%.2s-%.2s%.2s%.2s.db", dir, iso, iso + 5, iso + 8, iso + 11,
                        iso + 14, iso + 17);
}

static int run_backup(Cli *cli)
{
    bool force = cli_flag(cli, "force");
    const char *dir = cli_option(cli, "dir");
    const char *keep_s = cli_option(cli, "keep");
    if (!cli_args(cli, dir ? 0 : 1, dir ? 0 : 1)) return 2;
    long keep = 0;
    if (keep_s) {
        char *end;
        keep = strtol(keep_s, &end, 10);
        if (!dir || *end || keep < 1 || keep > 100000) return cli_fail("--keep N needs --dir DIR and a count from 1");
    }
    const char *dest = dir ? dated_path(cli, dir) : cli->argv[0];
    if (dir && mkdir(dir, 0700) != 0 && errno != EEXIST) return cli_fail("cannot create %s: %s", dir, strerror(errno));
    if (access(dest, F_OK) == 0 && (dir || !force))
        return cli_fail("%s exists: %s", dest, dir ? "another backup was written this second" : "choose another name, or --force to replace it");
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    int rc = 0;
    if (store_backup(s, dest) != STORE_OK) rc = cli_fail("no backup written: %s", store_errmsg(s));   /* an older FILE stays as it was */
    else printf("backup written to %s\n", dest);
    store_close(s);
    if (rc == 0 && keep) rc = prune(cli, dir, keep);
    return rc;
}

const Command cmd_backup = {
    "backup", "FILE [--force] | --dir DIR [--keep N]", "copy the database consistently, even while serving",
    "Writes a consistent copy of the database to FILE with SQLite's online\n"
    "backup; it is safe while the server is writing. The copy is written beside\n"
    "FILE and renamed once it is whole, so FILE is never half a backup. An\n"
    "existing FILE is kept unless --force.\n\n"
    "--dir DIR writes DIR/shouhu-YYYYmmdd-HHMMSS.db (Shanghai time), for a\n"
    "systemd timer or cron; --keep N then deletes the oldest of those copies\n"
    "beyond the newest N (other files in DIR are never touched).\n\n"
    "Check a copy with 'shouhu restore' into a scratch database, and keep one off\n"
    "site: it is a plain SQLite file (see docs/operations.md).",
    run_backup};
