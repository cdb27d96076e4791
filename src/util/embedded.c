/*
** Lookup in the table of files compiled into the binary (see embedded.h).
*/
#include <string.h>
#include "util/embedded.h"

const EmbeddedFile *embedded_find(const char *path)
{
    for (const EmbeddedFile *f = embedded_files; f->path; f++)
        if (strcmp(f->path, path) == 0) return f;
    return NULL;
}
