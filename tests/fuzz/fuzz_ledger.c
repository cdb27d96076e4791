/*
** Fuzz target: a whole ledger import (io/ledger.c), fed any bytes as the
** file, into a database with Dongguan's areas made once per process. Each
** import is a dry run with --skip-invalid, so every row goes through the
** domain rules and the store (inserts and updates inside the transaction)
** and the rejected rows are written out, and then everything is rolled
** back: the database is the same for every input. Afterwards no
** transaction is open, and every row read was counted once: new, updated,
** unchanged or rejected.
*/
#include "fuzz.h"
#include "io/areas.h"
#include "io/ledger.h"
#include "util/embedded.h"

static Store *store;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[128], *err = NULL;
    snprintf(path, sizeof path, "%s/ledger.db", fuzz_dir());
    int applied;
    AreaCounts counts;
    const EmbeddedFile *t = embedded_find("data/dongguan-towns.csv"), *v = embedded_find("data/dongguan-villages.csv");
    if (store_open(path, STORE_OPEN_CREATE, &store, &err) != STORE_OK || store_migrate(store, &applied) != STORE_OK ||
        store_begin(store) != STORE_OK ||
        !areas_load(store, (const char *)t->data, (size_t)t->size, (const char *)v->data, (size_t)v->size, "东莞市", 2023,
                    &counts, &err) ||
        store_commit(store) != STORE_OK) {
        fprintf(stderr, "fuzz_ledger: cannot make the database: %s\n", err ? err : store_errmsg(store));
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("ledger.csv", data, size);
    char rejected[128];
    snprintf(rejected, sizeof rejected, "%s/rejected.csv", fuzz_dir());
    ImportOptions o = {.dry_run = true,
                       .skip_invalid = true,
                       .rejected_path = rejected,
                       .author = "fuzz",
                       .today = {2024, 2, 29},
                       .rules = LEDGER_RULES_DEFAULT};
    Arena *a = arena_new();
    ImportReport rep;
    StoreRc r = ledger_import(store, path, &o, &rep, a);
    FUZZ_CHECK(!store_in_transaction(store));
    FUZZ_CHECK(!rep.written);
    if (r == STORE_OK && !rep.error) FUZZ_CHECK(rep.inserted + rep.updated + rep.unchanged + rep.rejected == rep.rows);
    arena_free(a);
    return 0;
}
