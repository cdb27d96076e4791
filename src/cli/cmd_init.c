/*
** `shouhu init`: creates the database or upgrades it to this binary's
** schema, and loads the area tree (Dongguan's, embedded, unless --areas DIR
** names another city's files).
*/
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "io/areas.h"
#include "util/buf.h"
#include "util/embedded.h"

/* Reads the whole file at PATH into A; NULL on error. */
static char *slurp(Arena *a, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    Buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(&b, chunk, n);
    bool ok = !ferror(f);
    fclose(f);
    char *out = ok ? arena_strndup(a, buf_str(&b), b.len) : NULL;
    *len = b.len;
    buf_free(&b);
    return out;
}

/* The one file in DIR matching *SUFFIX, in A; NULL (with a message) otherwise. */
static const char *find_one(Arena *a, const char *dir, const char *suffix)
{
    glob_t g;
    char *pattern = arena_printf(a, "%s/*%s", dir, suffix);
    int rc = glob(pattern, 0, NULL, &g);
    const char *found = NULL;
    if (rc == 0 && g.gl_pathc == 1) found = arena_strdup(a, g.gl_pathv[0]);
    else cli_fail("--areas %s: expected exactly one file named *%s there", dir, suffix);
    if (rc == 0) globfree(&g);
    return found;
}

static int load_areas(Cli *cli, Store *s, const char *dir, const char *city_name, int vintage)
{
    const char *towns, *villages;
    size_t towns_len, villages_len;
    if (dir) {
        const char *tp = find_one(cli->arena, dir, "towns.csv"), *vp = tp ? find_one(cli->arena, dir, "villages.csv") : NULL;
        if (!vp) return 1;
        towns = slurp(cli->arena, tp, &towns_len);
        villages = slurp(cli->arena, vp, &villages_len);
        if (!towns || !villages) return cli_fail("cannot read the area files in %s", dir);
    } else {
        const EmbeddedFile *t = embedded_find("data/dongguan-towns.csv"), *v = embedded_find("data/dongguan-villages.csv");
        towns = (const char *)t->data;
        towns_len = (size_t)t->size;
        villages = (const char *)v->data;
        villages_len = (size_t)v->size;
    }
    char *err = NULL;
    AreaCounts counts;
    if (store_begin(s) != STORE_OK) return cli_fail("%s", store_errmsg(s));
    if (!areas_load(s, towns, towns_len, villages, villages_len, city_name, vintage, &counts, &err)) {
        store_rollback(s);
        int rc = cli_fail("areas not loaded: %s", err);
        free(err);
        return rc;
    }
    if (store_commit(s) != STORE_OK) return cli_fail("%s", store_errmsg(s));
    printf("areas: %s, %d town-level units, %d villages and communities (%d marked virtual or 生活区), vintage %d\n",
           city_name, counts.towns, counts.villages, counts.marked, vintage);
    return 0;
}

static int run_init(Cli *cli)
{
    const char *dir = cli_option(cli, "areas");
    const char *city = cli_option(cli, "city-name");
    const char *vintage_s = cli_option(cli, "vintage");
    const char *admin_password_file = cli_option(cli, "admin-password-file");
    if (!cli_args(cli, 0, 0)) return 2;
    int vintage = vintage_s ? atoi(vintage_s) : 2023;
    if (vintage < 1980 || vintage > 2200) return cli_fail("--vintage is a year, such as 2023");
    if (!city) city = dir ? NULL : "东莞市";
    if (!city) return cli_fail("--areas needs --city-name, e.g. --city-name 佛山市");

    Store *s = NULL;
    char *err = NULL;
    if (store_open(cli->db_path, STORE_OPEN_CREATE, &s, &err) != STORE_OK) {
        cli_fail("%s", err);
        free(err);
        return 1;
    }
    int before = store_schema_version(s), applied = 0;
    if (store_migrate(s, &applied) != STORE_OK) {
        int rc = cli_fail("%s", store_errmsg(s));
        store_close(s);
        return rc;
    }
    if (applied) printf("%s: schema %d -> %d\n", cli->db_path, before, store_schema_version(s));
    else printf("%s: schema %d is current\n", cli->db_path, before);
    int rc = 0;
    if (dir || store_area_count(s, 0) == 0) rc = load_areas(cli, s, dir, city, vintage);
    if (rc == 0) rc = cli_first_admin(cli, s, admin_password_file);
    store_close(s);
    return rc;
}

const Command cmd_init = {
    "init", "[--areas DIR --city-name NAME] [--vintage YEAR] [--admin-password-file FILE]",
    "create the database, or upgrade it to this version",
    "Creates the database (--db FILE, $SHOUHU_DB or ./shouhu.db) or upgrades an\n"
    "older one to this binary's schema; an older binary refuses a newer database.\n"
    "On a new database it loads Dongguan's area tree (NBS 2023 codes, embedded).\n"
    "--areas DIR loads another city's tree from DIR/*towns.csv and\n"
    "DIR/*villages.csv (the format of data/README-areas.md), named --city-name.\n"
    "On a database without accounts it creates the first administrator, admin,\n"
    "with the password on the first line of --admin-password-file FILE, or else\n"
    "with a one-time password that it prints and that must be changed at the\n"
    "first login. Running it again is safe.",
    run_init};
