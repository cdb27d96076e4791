/*
** Files compiled into the binary (migrations in sql/, code tables in data/,
** the web UI in web/, the OpenAPI description in api/). The table is made at
** build time by tools/embed.c; this header is how the rest of the code reads it.
*/
#ifndef SHOUHU_EMBEDDED_H
#define SHOUHU_EMBEDDED_H

#include <stddef.h>

typedef struct EmbeddedFile {
    const char *path;           /* as in the source tree, e.g. "sql/001_ledger.sql" */
    const unsigned char *data;  /* NUL-terminated, the NUL not counted in size */
    long size;
} EmbeddedFile;

extern const EmbeddedFile embedded_files[];   /* ends with a { 0 } entry */

/* The embedded file at PATH, or NULL. */
const EmbeddedFile *embedded_find(const char *path);

#endif
