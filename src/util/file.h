/*
** Files that must be whole or absent: a backup, a restored database. Each is
** written under a temporary name in the directory where it will live, synced,
** then renamed over its final name, and the directory synced, so that a crash
** or a full disk at any moment leaves the old file or the new one, never half
** of one, and a reader never sees a name that points at an unfinished file.
*/
#ifndef SHOUHU_FILE_H
#define SHOUHU_FILE_H

#include <stdbool.h>

/* A new empty file beside PATH, named ".NAME.TAG-PID-XXXXXX" in PATH's
   directory (so a rename to PATH stays within one filesystem). Returns its
   name, which the caller frees with free(), or NULL with errno set. */
char *file_temp_beside(const char *path, const char *tag);

/* Removes the temporary files of file_temp_beside(PATH, TAG), and anything
   SQLite left beside them ("-journal"), whose process is gone: what a kill
   or a power cut left behind. Files of running processes stay. */
void file_clean_stale(const char *path, const char *tag);

/* fsync() of the file at PATH: false with errno set if it failed. */
bool file_sync(const char *path);

/* Renames FROM over TO and syncs their directory, so the rename itself is on
   disk when this returns true; false with errno set otherwise. */
bool file_replace(const char *from, const char *to);

/* Removes PATH if it exists; true if it is gone (false with errno otherwise). */
bool file_remove(const char *path);

#endif
