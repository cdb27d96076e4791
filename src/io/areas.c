/*
** Area tree loading (see areas.h). Rows are checked before anything is
** written: a 9-digit town code, a 12-digit village code under a known town,
** a known kind. The whole load is in the caller's transaction, so a bad file
** changes nothing.
*/
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/areas.h"
#include "util/buf.h"

typedef struct Rows {
    Arena *a;
    char *fields[8];
    int nfields;
    char **cells;      /* all rows, nfields_per_row each; grown as needed */
    int per_row;
    long nrows, cap;
    bool bad_width;
} Rows;

static void on_field(void *data, size_t len, void *ctx)
{
    Rows *r = ctx;
    if (r->nfields < 8) r->fields[r->nfields] = arena_strndup(r->a, data ? data : "", data ? len : 0);
    r->nfields++;
}

static void on_row(int c, void *ctx)
{
    (void)c;
    Rows *r = ctx;
    if (r->nfields == 1 && r->fields[0][0] == 0) {   /* a blank line */
        r->nfields = 0;
        return;
    }
    if (r->nfields != r->per_row) r->bad_width = true;
    if (r->nrows == r->cap) {
        long cap = r->cap ? r->cap * 2 : 256;
        char **cells = arena_alloc(r->a, (size_t)cap * (size_t)r->per_row * sizeof *cells);
        if (r->cells) memcpy(cells, r->cells, (size_t)r->nrows * (size_t)r->per_row * sizeof *cells);
        r->cells = cells;
        r->cap = cap;
    }
    for (int i = 0; i < r->per_row; i++)
        r->cells[r->nrows * r->per_row + i] = i < r->nfields && i < 8 ? r->fields[i] : "";
    r->nrows++;
    r->nfields = 0;
}

/* Parses TEXT into R (header included as row 0). */
static bool parse_csv(const char *text, size_t len, Rows *r, const char *what, char **err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) return false;
    size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    bool ok = csv_parse(&p, text + skip, len - skip, on_field, on_row, r) == len - skip;
    ok = ok && csv_fini(&p, on_field, on_row, r) == 0;
    csv_free(&p);
    if (!ok || r->bad_width || r->nrows < 1) {
        char buf[200];
        snprintf(buf, sizeof buf, "the %s file is not a CSV of %d columns", what, r->per_row);
        *err = strdup(buf);
        return false;
    }
    return true;
}

static bool all_digits(const char *s, size_t n)
{
    return strlen(s) == n && strspn(s, "0123456789") == n;
}

static const char *town_kinds[] = {"street", "town", "zone", NULL};
static const char *village_kinds[] = {"community", "village", "other", NULL};

static bool kind_ok(const char *kind, const char **kinds)
{
    for (int i = 0; kinds[i]; i++)
        if (strcmp(kind, kinds[i]) == 0) return true;
    return false;
}

static bool fail(char **err, const char *what, long row, const char *detail)
{
    char buf[300];
    snprintf(buf, sizeof buf, "the %s file, row %ld: %s", what, row + 1, detail);
    *err = strdup(buf);
    return false;
}

/* Virtual communities are NBS placeholders; 生活区 are kept but not real committees. */
static const char *village_mark(const char *name, const char *kind)
{
    if (strstr(name, "虚拟社区")) return "virtual";
    if (strcmp(kind, "other") == 0 || strstr(name, "生活区")) return "living_area";
    return NULL;
}

bool areas_load(Store *s, const char *towns_csv, size_t towns_len, const char *villages_csv, size_t villages_len,
                const char *city_name, int vintage, AreaCounts *counts, char **err)
{
    Arena *a = arena_new();
    Rows towns = {.a = a, .per_row = 3}, villages = {.a = a, .per_row = 4};
    bool ok = parse_csv(towns_csv, towns_len, &towns, "towns", err) &&
              parse_csv(villages_csv, villages_len, &villages, "villages", err);
    memset(counts, 0, sizeof *counts);
    if (ok && towns.nrows < 2) ok = fail(err, "towns", 0, "no towns");
    char city[13] = "";
    for (long i = 1; ok && i < towns.nrows; i++) {
        char **row = &towns.cells[i * 3];
        if (!all_digits(row[0], 9)) ok = fail(err, "towns", i, "the code is not 9 digits");
        else if (!kind_ok(row[2], town_kinds)) ok = fail(err, "towns", i, "the kind is not street, town or zone");
        else if (!city[0]) snprintf(city, sizeof city, "%.6s000000", row[0]);
        else if (strncmp(city, row[0], 6) != 0) ok = fail(err, "towns", i, "the towns are not all of one city");
    }
    if (ok) {
        Area c = {.code = city, .name = city_name, .level = 1, .kind = "city", .vintage = vintage};
        ok = store_area_put(s, &c) == STORE_OK || fail(err, "towns", 0, store_errmsg(s));
    }
    for (long i = 1; ok && i < towns.nrows; i++) {
        char **row = &towns.cells[i * 3];
        Area t = {.code = arena_printf(a, "%s000", row[0]), .name = row[1], .level = 2, .parent = city,
                  .kind = row[2], .vintage = vintage};
        ok = store_area_put(s, &t) == STORE_OK || fail(err, "towns", i, store_errmsg(s));
        counts->towns++;
    }
    for (long i = 1; ok && i < villages.nrows; i++) {
        char **row = &villages.cells[i * 4];
        if (!all_digits(row[0], 12) || !all_digits(row[2], 9) || strncmp(row[0], row[2], 9) != 0) {
            ok = fail(err, "villages", i, "the code is not 12 digits under its 9-digit town code");
            break;
        }
        if (!kind_ok(row[3], village_kinds)) {
            ok = fail(err, "villages", i, "the kind is not community, village or other");
            break;
        }
        Area parent;
        const char *town = arena_printf(a, "%s000", row[2]);
        if (store_area_get(s, town, &parent, a) != STORE_OK) {
            ok = fail(err, "villages", i, "its town is not in the towns file");
            break;
        }
        Area v = {.code = row[0], .name = row[1], .level = 3, .parent = town, .kind = row[3],
                  .mark = village_mark(row[1], row[3]), .vintage = vintage};
        ok = store_area_put(s, &v) == STORE_OK || fail(err, "villages", i, store_errmsg(s));
        counts->villages++;
        if (v.mark) counts->marked++;
    }
    arena_free(a);
    return ok;
}
