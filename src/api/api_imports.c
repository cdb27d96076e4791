/*
** Ledgers in and out over HTTP, with the same code as the command line
** (io/ledger.h):
**   POST /api/v1/imports/children?dry_run=1&skip_invalid=1   the file as the body
**   POST /api/v1/imports/children?rejected=1   the same checks, answered with the rejected rows as a file
**   GET  /api/v1/exports/children?format=csv|xlsx&area=&category=&status=&q=&age_min=&age_max=
** Both go through temporary files (the ledger code reads and writes paths),
** removed before the request ends. The import answers with the report the
** command line prints; its rows are limited to the caller's area by the
** store (store_limit_writes). An export holds full ID numbers, so it needs
** child:read_full as well as child:export.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "api/handlers.h"
#include "http/response.h"
#include "io/ledger.h"
#include "util/clock.h"

/* A new empty temporary file ending in SUFFIX; its path in A, or NULL. The caller removes it. */
static char *temp_file(Arena *a, const char *suffix)
{
    const char *dir = getenv("TMPDIR");
    char *path = arena_printf(a, "%s/shouhu-XXXXXX%s", dir && *dir ? dir : "/tmp", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0) return NULL;
    close(fd);
    return path;
}

static json_t *problems_json(const Problems *ps, Lang lang)
{
    json_t *list = json_array();
    for (const Problem *p = ps->head; p; p = p->next) {
        json_t *o = json_pack("{s:s, s:s}", "code", p->code, "message", problem_text(p, lang));
        if (p->row) json_object_set_new(o, "row", json_integer(p->row));
        if (p->column) json_object_set_new(o, "column", json_string(p->column));
        if (p->field) json_object_set_new(o, "field", json_string(p->field));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *report_json(const ImportReport *rep, const ImportOptions *o, Lang lang)
{
    json_t *j = json_pack("{s:I, s:I, s:I, s:I, s:I, s:b, s:b, s:I, s:o, s:o}", "rows", (json_int_t)rep->rows,
                          "inserted", (json_int_t)rep->inserted, "updated", (json_int_t)rep->updated, "unchanged",
                          (json_int_t)rep->unchanged, "rejected", (json_int_t)rep->rejected, "written", rep->written,
                          "dry_run", o->dry_run, "problem_count", (json_int_t)rep->problems.count, "problems",
                          problems_json(&rep->problems, lang), "warnings", problems_json(&rep->warnings, lang));
    if (rep->error) json_object_set_new(j, "error", json_string(rep->error));
    return j;
}

/* Answers with the rejected-rows file at PATH (the input's format plus a
   错误原因 column), or 204 when no row was rejected. */
static void send_rejected(Request *req, const char *path, bool xlsx)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size == 0) {
        if (fd >= 0) close(fd);
        res_bytes(req, 204, NULL, "", 0);
        return;
    }
    char day[11];
    req->audit.detail = "rejected rows";
    res_file(req, fd, (long long)st.st_size,
             xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
             arena_printf(req->arena, "rejected-%s.%s", date_format(clock_today(), day), xlsx ? "xlsx" : "csv"));
}

void api_import_children(Request *req)
{
    const Caller *me = req->caller;
    const Buf *body = &req->raw_body;
    bool xlsx = body->len >= 4 && memcmp(body->data, "PK\3\4", 4) == 0;
    char *path = temp_file(req->arena, xlsx ? ".xlsx" : ".csv");
    char *rejected = temp_file(req->arena, xlsx ? ".xlsx" : ".csv");
    FILE *f = path ? fopen(path, "wb") : NULL;
    bool written = f && fwrite(body->data, 1, body->len, f) == body->len;
    if (f && fclose(f) != 0) written = false;
    int why = errno;
    if (!written || !rejected) {
        fprintf(stderr, "shouhu serve: cannot write a temporary file for an import: %s\n", strerror(why));
        /* the upload itself did not fit: the same answer as the database's full disk */
        if (why == ENOSPC || why == EDQUOT) res_fail(req, 507, "disk_full");
        else res_fail(req, 500, "internal_error");
    } else {
        bool want_rejected = req_param_int(req, "rejected", 0) != 0;   /* the rejected rows as a file; writes nothing */
        ImportOptions o = {.dry_run = want_rejected || req_param_int(req, "dry_run", 0) != 0,
                           .skip_invalid = req_param_int(req, "skip_invalid", 0) != 0,
                           .rejected_path = rejected,   /* not sent back: the report names each row's problems */
                           .author = me->account.username,
                           .today = clock_today(),
                           .rules = LEDGER_RULES_DEFAULT};
        ImportReport rep;
        StoreRc r = ledger_import(req->store, path, &o, &rep, req->arena);
        if (r != STORE_OK) {
            res_store_error(req, r);
        } else if (want_rejected && !rep.error) {
            send_rejected(req, rejected, xlsx);
        } else {
            req->audit.detail = arena_printf(req->arena, "rows=%ld inserted=%ld updated=%ld unchanged=%ld rejected=%ld%s%s",
                                             rep.rows, rep.inserted, rep.updated, rep.unchanged, rep.rejected,
                                             o.dry_run ? " dry_run" : "", rep.written ? " written" : " not_written");
            res_json(req, 200, report_json(&rep, &o, req->lang));
        }
    }
    if (path) remove(path);
    if (rejected) remove(rejected);
}

void api_export_children(Request *req)
{
    const Caller *me = req->caller;
    if (!role_has(&me->role, "child:read_full")) {
        res_fail(req, 403, "no_permission", me->account.role, "child:read_full");
        return;
    }
    const char *format = req_param(req, "format");
    bool xlsx = format && strcmp(format, "xlsx") == 0;
    ChildFilter f;
    child_filter_from_request(req, &f);
    char *path = temp_file(req->arena, xlsx ? ".xlsx" : ".csv");
    char *err = NULL;
    SheetWriter *w = path ? sheet_create(path, xlsx ? SHEET_XLSX : SHEET_CSV, &err) : NULL;
    long count = 0;
    StoreRc r = w ? ledger_export(req->store, &f, w, &count, req->arena) : STORE_ERROR;
    bool finished = w && sheet_finish(w, &err);
    int fd = r == STORE_OK && finished ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) != 0) {
        close(fd);
        fd = -1;
    }
    if (path) remove(path);   /* the open descriptor keeps the bytes until they are sent */
    if (fd < 0) {
        fprintf(stderr, "shouhu serve: export failed: %s\n", err ? err : store_errmsg(req->store));
        free(err);
        res_store_error(req, r == STORE_OK ? STORE_ERROR : r);
        return;
    }
    free(err);
    char day[11];
    req->audit.detail = arena_printf(req->arena, "count=%ld format=%s area=%s category=%s status=%s", count,
                                     xlsx ? "xlsx" : "csv", f.area ? f.area : "-", f.category ? f.category : "-",
                                     f.status ? f.status : "-");
    res_file(req, fd, (long long)st.st_size,
             xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
             arena_printf(req->arena, "children-%s.%s", date_format(clock_today(), day), xlsx ? "xlsx" : "csv"));
}
