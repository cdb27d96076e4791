/*
** Whole-or-absent files (see file.h): temporary names, fsync, rename.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/file.h"

/* The directory part of PATH ("." for a bare name), malloc'ed. */
static char *dir_of(const char *path)
{
    char *copy = strdup(path);
    if (!copy) abort();
    char *dir = strdup(dirname(copy));   /* dirname() may return static storage or modify COPY */
    free(copy);
    if (!dir) abort();
    return dir;
}

char *file_temp_beside(const char *path, const char *tag)
{
    char *copy = strdup(path);
    if (!copy) abort();
    char *dir = dir_of(path);
    const char *base = basename(copy);
    size_t n = strlen(dir) + strlen(base) + strlen(tag) + 40;   /* and the punctuation, the pid, XXXXXX */
    char *name = malloc(n);
    if (!name) abort();
    /* the pid in the name lets file_clean_stale() tell a dead run's file from a live one's */
    snprintf(name, n, "%s/.%s.%s-%ld-XXXXXX", dir, base, tag, (long)getpid());
    free(dir);
    free(copy);
    int fd = mkstemp(name);
    if (fd < 0) {
        int e = errno;
        free(name);
        errno = e;
        return NULL;
    }
    close(fd);
    return name;
}

/* Whether process PID is running. A zombie is not: the kill that ended a
   run leaves one until its parent reaps it, and in a container whose first
   process never reaps, that can be for ever. */
static bool pid_running(long pid)
{
    if (kill((pid_t)pid, 0) != 0 && errno == ESRCH) return false;
    char stat_path[64], buf[512];
    snprintf(stat_path, sizeof stat_path, "/proc/%ld/stat", pid);
    FILE *f = fopen(stat_path, "r");
    if (!f) return true;   /* no /proc: trust kill() */
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    const char *paren = strrchr(buf, ')');   /* "PID (name) STATE ...": the name may hold spaces */
    return !(paren && paren[1] == ' ' && paren[2] == 'Z');
}

void file_clean_stale(const char *path, const char *tag)
{
    char *copy = strdup(path);
    if (!copy) abort();
    char *dir = dir_of(path);
    char prefix[512];
    snprintf(prefix, sizeof prefix, ".%s.%s-", basename(copy), tag);
    size_t plen = strlen(prefix);
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        if (strncmp(e->d_name, prefix, plen) != 0) continue;
        char *end;
        long pid = strtol(e->d_name + plen, &end, 10);
        if (end == e->d_name + plen || *end != '-' || pid <= 0) continue;
        if (pid_running(pid)) continue;   /* a live run's file, or not ours to judge */
        char stale[4096];
        snprintf(stale, sizeof stale, "%s/%s", dir, e->d_name);
        unlink(stale);
    }
    if (d) closedir(d);
    free(dir);
    free(copy);
}

/* fsync() of PATH opened with FLAGS (a directory can only be opened read-only). */
static bool sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = fsync(fd) == 0;
    int e = errno;
    close(fd);
    errno = e;
    return ok;
}

bool file_sync(const char *path)
{
    return sync_path(path, O_RDONLY);
}

bool file_replace(const char *from, const char *to)
{
    if (rename(from, to) != 0) return false;
    char *dir = dir_of(to);
    bool ok = sync_path(dir, O_RDONLY | O_DIRECTORY);
    int e = errno;
    free(dir);
    errno = e;
    return ok;
}

bool file_remove(const char *path)
{
    return unlink(path) == 0 || errno == ENOENT;
}
