/*
** One HTTP request and its response, as the API sees them. The server
** (http/server.c) makes a Request when a request starts, with an Arena of
** its own, and frees both in one place when the response has been sent;
** everything a handler allocates comes from req->arena, or is owned by the
** Request (body, res.body, res.fd) and released with it.
**
** By the time a handler runs, the dispatcher (api/dispatch.c) has checked
** everything the client sent: the path and query parameters are typed and
** within bounds (req_param*), the body is parsed and validated (req->body,
** req->child), the caller is authenticated and holds the route's permission
** (req->caller), and req->scope says which records it may see.
*/
#ifndef SHOUHU_REQUEST_H
#define SHOUHU_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include "domain/child.h"
#include "domain/message.h"
#include "store/store_accounts.h"
#include "util/arena.h"
#include "util/buf.h"

/* Who is asking: an account, its role and permissions. */
typedef struct Caller {
    Account account;
    Role role;
    bool by_token;                   /* Authorization: Bearer; else the session cookie */
    const char *session_hash;        /* the session's key, for logging out */
    const char *csrf_token;          /* what X-CSRF-Token must hold (sessions only) */
} Caller;

/* A validated parameter, from the path or the query. */
typedef struct ParamValue {
    const char *name;
    const char *text;                /* decoded, valid UTF-8, no control characters */
    long long i;                     /* for integers and booleans */
    Date date;                       /* for dates */
} ParamValue;

typedef struct HeaderLine {
    struct HeaderLine *next;
    const char *name, *value;
} HeaderLine;

typedef struct Response {
    int status;                      /* 0 = nothing answered yet */
    const char *content_type;
    Buf body;                        /* released by the server */
    int fd;                          /* or a file to send (-1 = none); the server closes it */
    long long fd_size;
    HeaderLine *headers;             /* in the request's arena */
} Response;

typedef struct Request {
    Arena *arena;                    /* freed with the request, by the server only */
    Store *store;                    /* the serving thread's connection */
    void *connection;                /* the server's handle, for headers */
    const char *method;              /* HEAD is served as GET, without the body */
    const char *raw_uri;             /* as received, still %-encoded */
    const char *path;                /* the raw path, up to '?' */
    const char *query;               /* the raw query after '?', or NULL */
    const char *address;             /* the client's address */
    bool secure;                     /* served over TLS, or behind a TLS proxy we were told of */
    Lang lang;                       /* from Accept-Language: zh unless English comes first */
    double started;                  /* clock_monotonic() at the start */
    long long now;                   /* clock_unix() at the start */

    /* set by the dispatcher before the handler runs */
    const void *route;               /* the api's Route */
    ParamValue *params;
    int n_params;
    Buf raw_body;                    /* the body as received; released by the server */
    size_t body_limit;               /* the most the route accepts */
    bool body_too_large;
    size_t dropped;                  /* bytes of a too large body thrown away */
    json_t *body;                    /* the parsed JSON body; released by the server */
    Child *child;                    /* a child's document, read and validated */
    const Caller *caller;            /* NULL for public routes */
    Scope scope;                     /* the children's records the caller may see */
    Scope area_scope;                /* the areas, accounts and audit entries it may see */
    /* (issue #8, caller) the store's change counts, read at most once a request (api/change_counts.h) */
    struct {
        bool read, ok;
        ChangeCounts n;
    } counts;

    /* the audit entry of this request: the dispatcher fills it from the
       route and the caller, the handler adds records and may refine it */
    struct {
        const char *action;          /* overrides the route's (child.view_full for child.read) */
        const char *account, *role, *area;   /* for a login, who it was or the name tried */
        Buf records;                 /* comma-separated; released by the server */
        const char *detail;
        bool written;
    } audit;

    Response res;
} Request;

/* A request header's value, or NULL. */
const char *req_header(const Request *req, const char *name);
/* A cookie's value, or NULL. */
const char *req_cookie(const Request *req, const char *name);

/* The validated parameter NAME: its text (NULL if absent), integer (DEF if
   absent), or date (unset if absent). */
const char *req_param(const Request *req, const char *name);
long long req_param_int(const Request *req, const char *name, long long def);
Date req_param_date(const Request *req, const char *name);

/* Adds a record to the request's audit entry ("12", "alice"). */
void req_audit_record(Request *req, const char *record);
void req_audit_id(Request *req, long long id);

#endif
