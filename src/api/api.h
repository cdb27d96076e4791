/*
** The JSON API under /api/v1, as the two handlers the HTTP server calls
** (http/server.h): api_begin() when a request's headers are in, api_finish()
** when its body is. Between them lies the dispatcher (dispatch.c), which
** applies the routing table (routes.h) before any handler runs.
*/
#ifndef SHOUHU_API_H
#define SHOUHU_API_H

#include <stdbool.h>
#include "auth/auth.h"
#include "http/request.h"

typedef struct ApiConfig {
    AuthPolicy policy;               /* session idle time, lock-out */
} ApiConfig;

/* Sets the configuration, once, before serving. */
void api_configure(const ApiConfig *cfg);
const ApiConfig *api_config(void);

bool api_begin(Request *req);
void api_finish(Request *req);

#define API_SESSION_COOKIE "shouhu_session"

#endif
