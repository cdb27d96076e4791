/*
** The routing table of the JSON API (/api/v1): one row per endpoint, in
** routes.c, naming its method, its path with {parameters}, the permission
** it needs, the parameters it takes with their types and bounds, the body
** it accepts, whether it writes, what it records in the audit trail, and
** the handler. The dispatcher (dispatch.c) applies all of it before the
** handler runs, so no handler sees input that was not checked, and the
** OpenAPI description (api/openapi.json) is tested against this table.
*/
#ifndef SHOUHU_ROUTES_H
#define SHOUHU_ROUTES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "domain/codes.h"
#include "http/request.h"

typedef enum ParamIn { IN_PATH, IN_QUERY } ParamIn;

typedef enum ParamType {
    PARAM_STRING,     /* text of at most MAX characters */
    PARAM_INT,        /* a whole number from MIN to MAX */
    PARAM_DATE,       /* YYYY-MM-DD */
    PARAM_CODE,       /* a code of the table CODES */
    PARAM_CHOICE,     /* one of CHOICES, "csv|xlsx" */
    PARAM_AREA,       /* a 12-digit area code */
    PARAM_BOOL,       /* 1/0/true/false; i is 1 or 0 */
    PARAM_MONTH       /* YYYY-MM; i is the Month (domain/month.h) */
} ParamType;

typedef struct ParamSpec {
    const char *name;                 /* NULL ends a list */
    ParamIn in;
    ParamType type;
    bool required;                    /* path parameters always are */
    long long min, max;
    const CodeTable *codes;
    const char *choices;
} ParamSpec;

/* A member of a JSON body. */
typedef struct FieldSpec {
    const char *name;                 /* NULL ends a list */
    json_type type;                   /* JSON_STRING, JSON_TRUE (any boolean), JSON_INTEGER */
    bool required;
    int max;                          /* strings: the most characters */
} FieldSpec;

typedef enum BodyKind {
    BODY_JSON,                        /* a JSON object (Content-Type: application/json) */
    BODY_FILE                         /* a file as it is (a ledger to import) */
} BodyKind;

typedef struct BodySpec {
    BodyKind kind;
    size_t limit;                     /* the most bytes accepted (413 past it) */
    const FieldSpec *fields;          /* the members a JSON body may have, or NULL */
    /* further checks that need more than types: may fill req->child; adds
       problems to P (422) */
    void (*validate)(Request *req, Problems *p);
} BodySpec;

enum {
    ROUTE_PENDING_OK = 1,             /* allowed while the account must still change its password */
};

typedef struct Route {
    const char *method;               /* NULL ends the table */
    const char *path;                 /* "/api/v1/children/{id}" */
    const char *permission;           /* NULL: public; "": any signed-in account; else a permission */
    unsigned flags;
    const ParamSpec *params;          /* path and query parameters, or NULL for none */
    const BodySpec *body;             /* NULL: no body */
    bool writes;                      /* the dispatcher runs the handler in a write transaction */
    const char *audit;                /* the action recorded for each request, or NULL */
    void (*handler)(Request *req);
} Route;

extern const Route api_routes[];

#endif
