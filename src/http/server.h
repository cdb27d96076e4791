/*
** The built-in HTTP server, on libmicrohttpd: a pool of threads with a
** bounded number of connections, time-outs for slow clients, a size limit
** on request bodies (413 past it), one access-log line per request on
** stderr, and a clean stop on SIGTERM or SIGINT that lets requests in flight
** finish. What a request means is not its business: it hands each Request
** to the two handlers of its configuration (the API's, api/api.h).
**
** Each serving thread opens its own Store on first use (SQLite connections
** are not shared between threads); the server closes them all when it stops.
*/
#ifndef SHOUHU_SERVER_H
#define SHOUHU_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include "http/request.h"

typedef struct ServerHandlers {
    /* The headers are in. Returns true if it answered REQ already (an
       unknown path, no login, ...); else sets req->body_limit and the
       server reads the body, answering 413 past the limit. */
    bool (*begin)(Request *req);
    /* The body is in req->raw_body: answers REQ. */
    void (*finish)(Request *req);
} ServerHandlers;

typedef struct ServerConfig {
    const char *host;                /* an IPv4 or IPv6 address to listen on */
    unsigned short port;             /* 0 = any free port (the ready line says which) */
    const char *db_path;
    int threads;                     /* the pool */
    int max_connections;             /* in all; more wait in the kernel's queue */
    int per_ip_connections;          /* from one address; 0 = no limit of its own */
    int timeout_seconds;             /* a connection idle this long is closed */
    int grace_seconds;               /* on SIGTERM: how long requests in flight may take */
    bool behind_tls_proxy;           /* a TLS proxy is in front: cookies are Secure, X-Forwarded-For is trusted */
    const char *tls_cert_pem;        /* serve HTTPS with this certificate and key (PEM text), or NULL */
    const char *tls_key_pem;
    ServerHandlers handlers;
    void (*ready)(const char *url);  /* called once, when the server listens */
} ServerConfig;

/* Serves until SIGTERM or SIGINT. Returns 0 after a clean stop, or 1 with
   *ERR (the caller frees) when the server could not start. */
int server_run(const ServerConfig *cfg, char **err);

#endif
