/*
** Shared helpers for the unit tests (cmocka): a fresh initialised database
** in a temporary directory, and files written from strings.
*/
#ifndef SHOUHU_TESTUTIL_H
#define SHOUHU_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/areas.h"
#include "store/store.h"
#include "util/embedded.h"

/* A new temporary directory; the caller removes it with test_rmdir(). Static storage. */
static inline const char *test_tmpdir(void)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "/tmp/shouhu-test-XXXXXX");
    if (!mkdtemp(dir)) abort();
    return dir;
}

static inline void test_rmdir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

/* A store at DIR/name.db with the schema and Dongguan's areas; the caller closes it. */
static inline Store *test_store(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s.db", dir, name);
    Store *s = NULL;
    char *err = NULL;
    assert_int_equal(store_open(path, STORE_OPEN_CREATE, &s, &err), STORE_OK);
    int applied = 0;
    assert_int_equal(store_migrate(s, &applied), STORE_OK);
    const EmbeddedFile *t = embedded_find("data/dongguan-towns.csv"), *v = embedded_find("data/dongguan-villages.csv");
    AreaCounts counts;
    assert_int_equal(store_begin(s), STORE_OK);
    assert_true(areas_load(s, (const char *)t->data, (size_t)t->size, (const char *)v->data, (size_t)v->size, "东莞市",
                           2023, &counts, &err));
    assert_int_equal(store_commit(s), STORE_OK);
    return s;
}

/* Writes LEN bytes of DATA to DIR/NAME; returns the path (static storage, overwritten by the next call). */
static inline const char *test_file(const char *dir, const char *name, const void *data, size_t len)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

/* An 18-character ID number for AREA6 + BIRTH8 + SEQ3 with its check character, in OUT. */
char idcard_check_char(const char digits17[17]);
static inline char *test_id(char out[19], const char *area6, const char *birth8, const char *seq3)
{
    snprintf(out, 19, "%.6s%.8s%.3s", area6, birth8, seq3);
    out[17] = idcard_check_char(out);
    out[18] = 0;
    return out;
}

#endif
