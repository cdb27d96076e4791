/*
** The HTTP server on libmicrohttpd (see server.h).
**
** A request's life, and where its memory goes:
**   on_uri()       MHD has read the request line: the Request and its Arena
**                  are made here, and MHD keeps them as the request's context;
**   on_access()    first call: the headers are in, the handlers' begin()
**                  routes, authenticates and may answer at once; later calls
**                  bring the body, kept up to the route's limit; the last
**                  call runs finish() and queues the response;
**   on_completed() the response is sent (or the client went away): one
**                  access-log line, then request_free() releases everything
**                  the request holds. This is the one place it is freed.
*/
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "http/response.h"
#include "http/server.h"
#include "util/clock.h"

static const ServerConfig *config;
static atomic_int in_flight;      /* requests begun and not yet completed */

/* ---- one Store per serving thread ---- */

static __thread Store *thread_store;
static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;
static Store **stores;            /* every thread's, closed at the stop */
static int n_stores, cap_stores;

/* This thread's Store, opened on first use; NULL (and a log line) if the
   database cannot be opened. */
static Store *store_for_thread(void)
{
    if (thread_store) return thread_store;
    char *err = NULL;
    Store *s = NULL;
    if (store_open(config->db_path, STORE_OPEN_EXISTING, &s, &err) != STORE_OK) {
        fprintf(stderr, "shouhu serve: %s\n", err ? err : "cannot open the database");
        free(err);
        return NULL;
    }
    /* 12 MiB of pages a serving connection (store_open() gives 16): four of
       them and the audit writer's stay within the 100 MB issue #8 sets for
       serve after a load (93 MB measured with 16), at the same rate on the
       varied pages (bench/README.md) */
    store_cache_limit(s, 12288);
    pthread_mutex_lock(&stores_lock);
    if (n_stores == cap_stores) {
        cap_stores = cap_stores ? cap_stores * 2 : 16;
        stores = realloc(stores, (size_t)cap_stores * sizeof *stores);
        if (!stores) abort();
    }
    stores[n_stores++] = s;
    pthread_mutex_unlock(&stores_lock);
    thread_store = s;
    return s;
}

static void close_stores(void)
{
    for (int i = 0; i < n_stores; i++) store_close(stores[i]);
    free(stores);
    stores = NULL;
    n_stores = cap_stores = 0;
}

/* ---- requests ---- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    Arena *a = arena_new();
    Request *req = arena_alloc(a, sizeof *req);
    req->arena = a;
    req->connection = conn;
    req->raw_uri = arena_strdup(a, uri);
    const char *q = strchr(req->raw_uri, '?');
    req->path = q ? arena_strndup(a, req->raw_uri, (size_t)(q - req->raw_uri)) : req->raw_uri;
    req->query = q ? q + 1 : NULL;
    req->started = clock_monotonic();
    req->now = clock_unix();
    req->res.fd = -1;
    atomic_fetch_add(&in_flight, 1);
    return req;
}

/* Releases everything REQ holds; the arena last, as REQ lives in it. */
static void request_free(Request *req)
{
    json_decref(req->body);
    buf_free(&req->raw_body);
    buf_free(&req->res.body);
    buf_free(&req->audit.records);
    if (req->res.fd >= 0) close(req->res.fd);   /* a file that was never handed to MHD */
    if (req->store) {
        if (store_in_transaction(req->store)) {   /* a handler's bug must not hold the write lock */
            fprintf(stderr, "shouhu serve: %s %s left a transaction open: rolled back\n", req->method, req->path);
            store_rollback(req->store);
        }
        store_limit_writes(req->store, NULL);
    }
    arena_free(req->arena);
}

const char *req_header(const Request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, name);
}

const char *req_cookie(const Request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_COOKIE_KIND, name);
}

/* The client's address, or with a trusted proxy the last X-Forwarded-For entry. In A. */
static const char *client_address(Request *req)
{
    if (config->behind_tls_proxy) {
        const char *xff = req_header(req, "X-Forwarded-For");
        if (xff && *xff) {
            const char *last = strrchr(xff, ',');
            last = last ? last + 1 : xff;
            while (*last == ' ') last++;
            if (strlen(last) < 64) return arena_strdup(req->arena, last);
        }
    }
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "?";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, sizeof buf);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, sizeof buf);
    }
    return arena_strdup(req->arena, buf);
}

/* Headers every response carries: children's data is never cached, sniffed or framed. */
static void add_standard_headers(struct MHD_Response *r, const Response *res)
{
    bool own_cache = false;   /* the web UI's hashed files may be cached: they say so themselves */
    for (const HeaderLine *h = res->headers; h; h = h->next) own_cache |= strcasecmp(h->name, "Cache-Control") == 0;
    if (!own_cache) MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    if (!res->content_type || strncmp(res->content_type, "text/html", 9) != 0)
        MHD_add_response_header(r, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (res->content_type) MHD_add_response_header(r, "Content-Type", res->content_type);
}

static enum MHD_Result queue_response(Request *req)
{
    Response *res = &req->res;
    if (!res->status) res_fail(req, 500, "internal_error");
    struct MHD_Response *r;
    if (res->fd >= 0) {
        r = MHD_create_response_from_fd64((uint64_t)res->fd_size, res->fd);
        if (r) res->fd = -1;   /* MHD closes it now */
    } else {
        size_t n = res->body.len;
        r = MHD_create_response_from_buffer(n, buf_take(&res->body), MHD_RESPMEM_MUST_FREE);
    }
    if (!r) return MHD_NO;
    add_standard_headers(r, res);
    for (const HeaderLine *h = res->headers; h; h = h->next) MHD_add_response_header(r, h->name, h->value);
    enum MHD_Result ok = MHD_queue_response(req->connection, (unsigned)res->status, r);
    MHD_destroy_response(r);
    return ok;
}

/* The request's declared body size, or -1 when it did not say (chunked). */
static long long content_length(const Request *req)
{
    const char *v = req_header(req, "Content-Length");
    if (!v) return -1;
    char *end;
    long long n = strtoll(v, &end, 10);
    return *end == 0 && n >= 0 ? n : -1;
}

/* The first call: the headers are in. Returns whether REQ is answered. */
static bool begin_request(Request *req, const char *method)
{
    req->method = arena_strdup(req->arena, strcmp(method, "HEAD") == 0 ? "GET" : method);
    req->address = client_address(req);
    req->secure = config->behind_tls_proxy || config->tls_cert_pem;
    req->lang = lang_from_accept(req_header(req, "Accept-Language"));
    req->store = store_for_thread();
    if (!req->store) {
        res_store_error(req, STORE_ERROR);
        return true;
    }
    if (config->handlers.begin(req)) return true;
    long long declared = content_length(req);
    if (declared > (long long)req->body_limit) {
        /* refused before reading it: the client learns at once, without sending it all */
        res_fail(req, 413, "body_too_large", req->body_limit);
        return true;
    }
    return false;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                 const char *version, const char *upload_data, size_t *upload_data_size,
                                 void **req_cls)
{
    (void)cls, (void)conn, (void)url, (void)version;
    Request *req = *req_cls;
    if (!req->method) {
        if (begin_request(req, method)) return queue_response(req);
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (req->body_too_large) {
            req->dropped += n;   /* far past the limit: a client that will not stop is cut off */
            return req->dropped > 4 * req->body_limit + (1u << 20) ? MHD_NO : MHD_YES;
        }
        if (req->raw_body.len + n > req->body_limit) {
            /* a body without Content-Length that outgrew the limit: MHD takes no
               answer in mid-upload, so the rest is dropped as it comes, then 413 */
            req->body_too_large = true;
            buf_free(&req->raw_body);
            return MHD_YES;
        }
        buf_add(&req->raw_body, upload_data, n);
        return MHD_YES;
    }
    if (req->body_too_large) res_fail(req, 413, "body_too_large", req->body_limit);
    else config->handlers.finish(req);
    return queue_response(req);
}

/* Adds the N bytes at S to B with anything that could break the line or
   the field (controls, spaces, quotes, non-ASCII) as %XX. */
static void log_token_n(Buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *c = (const unsigned char *)s; c < (const unsigned char *)s + n; c++) {
        if (*c <= ' ' || *c >= 0x7f || *c == '"' || *c == '\\') {
            char esc[3] = {'%', hex[*c >> 4], hex[*c & 15]};
            buf_add(b, esc, 3);
        } else {
            buf_addc(b, (char)*c);
        }
    }
}

static void log_token(Buf *b, const char *s) { log_token_n(b, s, strlen(s)); }

/* The path with each query value left out: "/api/v1/children?q=&limit=". */
static void log_path(Buf *b, const Request *req)
{
    log_token(b, req->path ? req->path : "-");
    if (!req->query) return;
    buf_addc(b, '?');
    for (const char *p = req->query; *p;) {
        size_t key = strcspn(p, "=&");
        log_token_n(b, p, key);
        p += key;
        if (*p == '=') {
            buf_addc(b, '=');
            p += strcspn(p, "&");
        }
        if (*p == '&') {
            buf_addc(b, '&');
            p++;
        }
    }
}

/* One line per request, made whole first and written with one call: stderr
   is unbuffered, and a write per character was a third of a read's time. */
static void access_log(const Request *req, enum MHD_RequestTerminationCode toe)
{
    static const char *const ends[] = {"ok", "error", "timeout", "shutdown", "read_error", "client_abort"};
    char at[26];
    const Caller *c = req->caller;
    Buf b = BUF_INIT;
    /* written piece by piece, not by buf_printf(): its formats were a third of the line's cost (issue #8, caller) */
    buf_adds(&b, "time=");
    buf_adds(&b, clock_now_iso(at));
    buf_adds(&b, " method=");
    log_token(&b, req->method ? req->method : "-");
    buf_adds(&b, " path=");
    log_path(&b, req);
    buf_adds(&b, " status=");
    buf_add_int(&b, req->res.status);
    buf_adds(&b, " duration_ms=");
    double ms = (clock_monotonic() - req->started) * 1000.0;
    long long tenths = ms > 0 ? (long long)(ms * 10.0 + 0.5) : 0;   /* "%.1f" of a time, never negative */
    buf_add_int(&b, tenths / 10);
    buf_addc(&b, '.');
    buf_addc(&b, (char)('0' + tenths % 10));
    buf_adds(&b, " user=");
    log_token(&b, c ? c->account.username : "-");
    buf_adds(&b, " addr=");
    log_token(&b, req->address ? req->address : "-");
    if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK && (unsigned)toe < sizeof ends / sizeof *ends)
        buf_printf(&b, " end=%s", ends[toe]);
    buf_addc(&b, '\n');
    fwrite(b.data, 1, b.len, stderr);
    buf_free(&b);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn;
    Request *req = *req_cls;
    if (!req) return;
    access_log(req, toe);
    request_free(req);
    *req_cls = NULL;
    atomic_fetch_sub(&in_flight, 1);
}

/* ---- starting and stopping ---- */

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("shouhu serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

/* Fills SA from host and port; false if HOST is not an address. */
static bool listen_address(const ServerConfig *cfg, struct sockaddr_storage *sa)
{
    memset(sa, 0, sizeof *sa);
    struct sockaddr_in *in4 = (struct sockaddr_in *)sa;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)sa;
    if (inet_pton(AF_INET, cfg->host, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons(cfg->port);
        return true;
    }
    if (inet_pton(AF_INET6, cfg->host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(cfg->port);
        return true;
    }
    return false;
}

static struct MHD_Daemon *start_daemon(const ServerConfig *cfg, struct sockaddr_storage *sa)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (sa->ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    if (cfg->tls_cert_pem) flags |= MHD_USE_TLS;
    struct MHD_OptionItem tls[] = {
        {cfg->tls_cert_pem ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, (void *)cfg->tls_cert_pem},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)cfg->tls_key_pem},
        {MHD_OPTION_END, 0, NULL}};
    return MHD_start_daemon(
        flags, 0, NULL, NULL, on_access, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,   /* first, so that MHD logs nothing on its own */
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->per_ip_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout_seconds,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
        MHD_OPTION_ARRAY, tls,
        MHD_OPTION_END);
}

/* Waits until the requests in flight are done, GRACE seconds pass, or a
   second signal in SET says not to wait. */
static void drain(const sigset_t *set, int grace)
{
    double until = clock_monotonic() + grace;
    struct timespec tick = {0, 50 * 1000 * 1000};
    while (atomic_load(&in_flight) > 0 && clock_monotonic() < until) {
        if (sigtimedwait(set, NULL, &tick) > 0) {
            fputs("shouhu serve: second signal: stopping now\n", stderr);
            return;
        }
    }
    if (atomic_load(&in_flight) > 0)
        fprintf(stderr, "shouhu serve: %d requests still running after %d s: stopping\n", atomic_load(&in_flight),
                grace);
}

int server_run(const ServerConfig *cfg, char **err)
{
    config = cfg;
    struct sockaddr_storage sa;
    if (!listen_address(cfg, &sa)) {
        *err = strdup("--listen: give an IP address and port, such as 127.0.0.1:8080 or [::1]:8080");
        return 1;
    }
    /* the signals are taken by this thread alone: the pool's threads inherit the mask */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = start_daemon(cfg, &sa);
    if (!d) {
        char buf[256];
        snprintf(buf, sizeof buf, "cannot listen on %s port %u: %s", cfg->host, cfg->port, strerror(errno));
        *err = strdup(buf);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char url[128];
    snprintf(url, sizeof url, "%s://%s%s%s:%u/", cfg->tls_cert_pem ? "https" : "http", sa.ss_family == AF_INET6 ? "[" : "",
             cfg->host, sa.ss_family == AF_INET6 ? "]" : "", info ? info->port : cfg->port);
    if (cfg->ready) cfg->ready(url);

    int sig = 0;
    while (sigwait(&set, &sig) != 0) {}
    fprintf(stderr, "shouhu serve: %s: no new connections; finishing the requests in flight\n",
            sig == SIGTERM ? "SIGTERM" : "SIGINT");
    MHD_socket ls = MHD_quiesce_daemon(d);
    if (ls != MHD_INVALID_SOCKET) close(ls);
    drain(&set, cfg->grace_seconds);
    MHD_stop_daemon(d);
    close_stores();
    fputs("shouhu serve: stopped\n", stderr);
    return 0;
}
