/*
** Building the response of a request: JSON, files, and errors as
** application/problem+json (RFC 9457) with a title and a detail in the
** reader's language, and for invalid input an "errors" list of
** {field, code, message}. Everything is kept in the Request and sent by the
** server once the handler returns.
*/
#ifndef SHOUHU_RESPONSE_H
#define SHOUHU_RESPONSE_H

#include <jansson.h>
#include "http/request.h"

/* Adds a header to the response; NAME and VALUE are copied into the arena. */
void res_header(Request *req, const char *name, const char *value);

/* Answers STATUS with J as the body; takes J's reference. */
void res_json(Request *req, int status, json_t *j);

/* Answers STATUS with the LEN bytes at DATA (copied) of CONTENT_TYPE. */
void res_bytes(Request *req, int status, const char *content_type, const void *data, size_t len);

/* Answers STATUS with a problem: DETAIL gives the type (its code) and the
   detail text; ERRORS (or NULL) the invalid fields. */
void res_problem(Request *req, int status, const Problem *detail, const Problems *errors);

/* A scratch problem list in the request's arena, for details. */
Problems *req_scratch(Request *req);

/* res_fail(req, 404, "not_found", id): a problem whose detail is the catalog
   message CODE formatted with the arguments. */
#define res_fail(req, status, ...) res_problem((req), (status), problems_add(req_scratch(req), NULL, __VA_ARGS__), NULL)

/* Answers for a store failure: 503 when busy or the disk is full, else 500;
   the store's message goes to the log, not to the client. */
void res_store_error(Request *req, StoreRc r);

/* Sends the open file FD of SIZE bytes (the server closes it) as an attachment FILENAME. */
void res_file(Request *req, int fd, long long size, const char *content_type, const char *filename);
/* Sends the file at PATH, just written for this response, as an attachment
   FILENAME, and removes it: the open file outlives its name, so nothing is
   left behind. Answers 500 if it cannot be opened. */
void res_file_path(Request *req, const char *path, const char *content_type, const char *filename);

#endif
