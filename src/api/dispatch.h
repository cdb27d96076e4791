/*
** Two steps of the dispatcher (dispatch.c) on their own: reading a
** request's path and query parameters, and reading its body, exactly as
** api_begin() and api_finish() apply them before any handler runs. They are
** public for the fuzz targets (tests/fuzz/fuzz_api_query.c and
** fuzz_api_body.c), which drive every route's declared parameters and body
** through this same code without a server, a database or a caller.
*/
#ifndef SHOUHU_DISPATCH_H
#define SHOUHU_DISPATCH_H

#include <stdbool.h>
#include "api/routes.h"

/* Finds the route of REQ's method and path (req->method, req->path) and
   reads its path and query parameters (req->query) by the route's
   ParamSpecs into req->params. Returns the route; or answers REQ (400 for
   a bad path or bad parameters, 404, 405) and returns NULL. Everything it
   allocates is in req->arena. Does not check the caller (api_begin does,
   between the two). */
const Route *api_read_params(Request *req);

/* Reads req->raw_body as route R's body: UTF-8, JSON, an object of R's
   fields, then R's own validator (which may fill req->child). True when it
   passes (req->body holds the parsed object, released with the request);
   else answers REQ with 400 or 422 and returns false. */
bool api_read_body(Request *req, const Route *r);

#endif
