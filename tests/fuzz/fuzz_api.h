/*
** Shared by the API's fuzz targets (fuzz_api_body.c, fuzz_api_query.c): a
** Request made as the server makes one (an arena of its own, no file to
** send, Chinese or English by the input), released as the server releases
** it, and the promise every refusal keeps: a problem+json body that is
** valid JSON, whose status is the response's, with a title and a detail a
** person can read, and for each listed error a field, a code and a message.
*/
#ifndef SHOUHU_FUZZ_API_H
#define SHOUHU_FUZZ_API_H

#include <jansson.h>
#include "fuzz.h"
#include "api/dispatch.h"
#include "api/routes.h"
#include "http/request.h"

/* The route an input is for, among those for which ACCEPT(route) holds:
   named by a first line "METHOD /api/v1/path/{param}" when the input has
   one (so that the corpus kept in the repository names its routes and
   goes on meaning the same as rows are added to the table), else picked by
   the first byte. *REST and *REST_SIZE get the input after that line or
   byte. NULL when no route is accepted at all. */
static inline const Route *fuzz_pick_route(const uint8_t *data, size_t size, bool (*accept)(const Route *),
                                           const uint8_t **rest, size_t *rest_size)
{
    const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
    const Route *candidates[256];
    int n = 0;
    for (const Route *r = api_routes; r->method && n < 256; r++) {
        if (!accept(r)) continue;
        candidates[n++] = r;
        size_t len = strlen(r->method) + 1 + strlen(r->path);
        if (nl && (size_t)(nl - data) == len && memcmp(data, r->method, strlen(r->method)) == 0 &&
            data[strlen(r->method)] == ' ' && memcmp(data + strlen(r->method) + 1, r->path, strlen(r->path)) == 0) {
            *rest = nl + 1;
            *rest_size = size - (size_t)(nl + 1 - data);
            return r;
        }
    }
    if (n == 0 || size == 0) return NULL;
    *rest = data + 1;
    *rest_size = size - 1;
    return candidates[data[0] % n];
}

/* A fresh Request in ARENA for METHOD, as the server would make it. */
static inline void fuzz_request_init(Request *req, Arena *arena, const char *method, Lang lang)
{
    memset(req, 0, sizeof *req);
    req->arena = arena;
    req->method = method;
    req->lang = lang;
    req->res.fd = -1;
}

/* Releases what the Request owns, as the server's request_free() does. */
static inline void fuzz_request_free(Request *req)
{
    json_decref(req->body);
    buf_free(&req->raw_body);
    buf_free(&req->res.body);
    buf_free(&req->audit.records);
}

/* Checks the answer of a refused request: one of the STATUSES (0-ended)
   and a well-formed problem+json body. Returns the parsed body (the caller
   decrefs it). */
static inline json_t *fuzz_check_problem(const Request *req, const int *statuses)
{
    bool known = false;
    for (const int *s = statuses; *s; s++) known = known || req->res.status == *s;
    FUZZ_CHECK(known);
    FUZZ_CHECK(req->res.content_type && strncmp(req->res.content_type, "application/problem+json", 24) == 0);
    json_error_t err;
    json_t *j = json_loadb(req->res.body.data, req->res.body.len, 0, &err);
    FUZZ_CHECK(json_is_object(j));
    FUZZ_CHECK(json_integer_value(json_object_get(j, "status")) == req->res.status);
    FUZZ_CHECK(json_string_length(json_object_get(j, "title")) > 0);
    FUZZ_CHECK(json_string_length(json_object_get(j, "detail")) > 0);
    FUZZ_CHECK(strncmp(json_string_value(json_object_get(j, "type")), "urn:shouhu:problem:", 19) == 0);
    json_t *errors = json_object_get(j, "errors");
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e) {
        FUZZ_CHECK(json_is_string(json_object_get(e, "field")));
        FUZZ_CHECK(json_string_length(json_object_get(e, "code")) > 0);
        FUZZ_CHECK(json_string_length(json_object_get(e, "message")) > 0);
    }
    return j;
}

#endif
