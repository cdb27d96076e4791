/*
** Responses: JSON bodies, files and problem+json (see response.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "http/response.h"
#include "util/text.h"

void res_header(Request *req, const char *name, const char *value)
{
    HeaderLine *h = arena_alloc(req->arena, sizeof *h);
    h->name = arena_strdup(req->arena, name);
    h->value = arena_strdup(req->arena, value);
    h->next = req->res.headers;
    req->res.headers = h;
}

Problems *req_scratch(Request *req)
{
    Problems *p = arena_alloc(req->arena, sizeof *p);
    problems_init(p, req->arena);
    return p;
}

/* Puts J, compact, as the body with CONTENT_TYPE. */
static void set_json_body(Request *req, int status, json_t *j, const char *content_type)
{
    buf_free(&req->res.body);
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    if (!text) {   /* only when out of memory */
        req->res.status = 500;
        req->res.content_type = "text/plain";
        buf_adds(&req->res.body, "internal error\n");
        return;
    }
    buf_adds(&req->res.body, text);
    buf_addc(&req->res.body, '\n');
    free(text);
    req->res.status = status;
    req->res.content_type = content_type;
}

void res_json(Request *req, int status, json_t *j)
{
    set_json_body(req, status, j, "application/json; charset=utf-8");
}

void res_bytes(Request *req, int status, const char *content_type, const void *data, size_t len)
{
    buf_free(&req->res.body);
    buf_add(&req->res.body, data, len);
    req->res.status = status;
    req->res.content_type = content_type;
}

/* S as a JSON string. A message may quote what a client sent, cut inside a
   character (jansson's "near '...'" in bad_json): bytes that are not UTF-8
   become U+FFFD, where json_string() would give NULL and the text would
   silently go missing from the answer. */
static json_t *json_text(const char *s)
{
    json_t *j = json_string(s);
    if (j) return j;
    Buf b = BUF_INIT;
    for (const char *p = s; *p;) {
        unsigned char c = (unsigned char)*p;
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len && strnlen(p, len) == len && utf8_valid(p, len)) {
            buf_add(&b, p, len);
            p += len;
        } else {
            buf_adds(&b, "\xEF\xBF\xBD");
            p++;
        }
    }
    j = json_string(buf_str(&b));
    buf_free(&b);
    return j;
}

void res_problem(Request *req, int status, const Problem *detail, const Problems *errors)
{
    json_t *j = json_object();
    const char *code = detail ? detail->code : "internal_error";
    Problems *titles = req_scratch(req);
    char title_code[16];
    snprintf(title_code, sizeof title_code, "http_%d", status);
    json_object_set_new(j, "type", json_sprintf("urn:shouhu:problem:%s", code));
    json_object_set_new(j, "title", json_text(problem_text(problems_add(titles, NULL, title_code), req->lang)));
    json_object_set_new(j, "status", json_integer(status));
    if (detail) json_object_set_new(j, "detail", json_text(problem_text(detail, req->lang)));
    if (errors && errors->count) {
        json_t *list = json_array();
        for (const Problem *p = errors->head; p; p = p->next)
            json_array_append_new(list, json_pack("{s:o, s:s, s:o}", "field", json_text(p->field ? p->field : ""),
                                                  "code", p->code, "message",
                                                  json_text(problem_describe(req->arena, p, req->lang))));
        json_object_set_new(j, "errors", list);
    }
    set_json_body(req, status, j, "application/problem+json; charset=utf-8");
}

void res_store_error(Request *req, StoreRc r)
{
    fprintf(stderr, "shouhu serve: %s %s: %s\n", req->method, req->path,
            req->store ? store_errmsg(req->store) : "no database");
    /* the one place a store's failure becomes an HTTP status: a full disk
       (SQLITE_FULL, or an I/O error whose errno is ENOSPC/EDQUOT: see db_rc)
       is 507, which says what is wrong and that nothing was saved (every
       write runs in a transaction that was rolled back) */
    if (r == STORE_FULL) res_fail(req, 507, "disk_full");
    else if (r == STORE_BUSY) res_fail(req, 503, "busy");
    else res_fail(req, 500, "internal_error");
}

void res_file(Request *req, int fd, long long size, const char *content_type, const char *filename)
{
    buf_free(&req->res.body);
    req->res.status = 200;
    req->res.content_type = content_type;
    req->res.fd = fd;
    req->res.fd_size = size;
    res_header(req, "Content-Disposition", arena_printf(req->arena, "attachment; filename=\"%s\"", filename));
}

void res_file_path(Request *req, const char *path, const char *content_type, const char *filename)
{
    FILE *f = fopen(path, "rb");
    struct stat sb;
    int fd = f ? dup(fileno(f)) : -1;
    if (f) fclose(f);
    unlink(path);
    if (fd < 0 || fstat(fd, &sb) != 0) {
        if (fd >= 0) close(fd);
        res_store_error(req, STORE_ERROR);
        return;
    }
    res_file(req, fd, (long long)sb.st_size, content_type, filename);
}
