/*
** `shouhu serve`: the built-in HTTP server with the JSON API under /api/v1
** (http/server.h, api/api.h). Runs until SIGTERM or SIGINT, then finishes
** the requests in flight and stops.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/audit_writer.h"
#include "cli/cli.h"
#include "http/server.h"
#include "util/buf.h"

/* Reads the integer option NAME into *OUT within [LO, HI]; false (with a message) if it is not one. */
static bool int_option(Cli *cli, const char *name, int lo, int hi, int *out)
{
    const char *v = cli_option(cli, name);
    if (!v) return true;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || end == v || n < lo || n > hi) {
        cli_fail("--%s is a whole number from %d to %d", name, lo, hi);
        return false;
    }
    *out = (int)n;
    return true;
}

/* Splits "HOST:PORT" or "[V6]:PORT" into CFG; false if it is neither. */
static bool parse_listen(Cli *cli, const char *listen, ServerConfig *cfg)
{
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen) return false;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || end == colon + 1 || port < 0 || port > 65535) return false;
    const char *host = listen;
    size_t n = (size_t)(colon - listen);
    if (host[0] == '[' && host[n - 1] == ']') {
        host++;
        n -= 2;
    }
    cfg->host = arena_strndup(cli->arena, host, n);
    cfg->port = (unsigned short)port;
    return true;
}

/* The whole file at PATH, in A; NULL (with a message) if it cannot be read. */
static const char *read_pem(Cli *cli, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_fail("cannot read %s", path);
        return NULL;
    }
    Buf b = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(&b, chunk, n);
    fclose(f);
    const char *text = arena_strdup(cli->arena, buf_str(&b));
    buf_free(&b);
    return text;
}

static void print_ready(const char *url)
{
    printf("shouhu: serving %s (API at %sapi/v1/); stop with Ctrl-C or SIGTERM\n", url, url);
    fflush(stdout);
}

/* Checks the database, reads the login policy from its settings and warns
   when nobody could log in. */
static bool prepare(Cli *cli, ApiConfig *api)
{
    Store *s = cli_open_store(cli);
    if (!s) return false;
    auth_policy_load(s, &api->policy);
    if (store_account_count(s) == 0)
        fprintf(stderr, "shouhu serve: warning: no accounts yet: create one with 'shouhu user add'\n");
    store_close(s);
    return true;
}

static int run_serve(Cli *cli)
{
    ServerConfig cfg = {.host = "127.0.0.1",
                        .port = 8080,
                        .db_path = cli->db_path,
                        .threads = 4,
                        .max_connections = 256,
                        .per_ip_connections = 0,
                        .timeout_seconds = 30,
                        .grace_seconds = 30,
                        .handlers = {api_begin, api_finish},
                        .ready = print_ready};
    ApiConfig api;
    int idle = 0, failures = 0, lock = 0;
    const char *listen = cli_option(cli, "listen");
    const char *cert = cli_option(cli, "tls-cert"), *key = cli_option(cli, "tls-key");
    cfg.behind_tls_proxy = cli_flag(cli, "behind-tls-proxy");
    if (!int_option(cli, "threads", 1, 256, &cfg.threads) ||
        !int_option(cli, "max-connections", 1, 100000, &cfg.max_connections) ||
        !int_option(cli, "per-ip-connections", 0, 100000, &cfg.per_ip_connections) ||
        !int_option(cli, "timeout", 1, 3600, &cfg.timeout_seconds) ||
        !int_option(cli, "grace", 0, 3600, &cfg.grace_seconds) || !int_option(cli, "session-idle", 1, 86400, &idle) ||
        !int_option(cli, "max-failures", 1, 100, &failures) || !int_option(cli, "lock-seconds", 1, 86400, &lock))
        return 2;
    if (!cli_args(cli, 0, 0)) return 2;
    if (listen && !parse_listen(cli, listen, &cfg))
        return cli_fail("--listen takes HOST:PORT, such as 127.0.0.1:8080 or [::1]:8080 (port 0: any free port)");
    if (!cert != !key) return cli_fail("--tls-cert and --tls-key go together");
    if (cert && (!(cfg.tls_cert_pem = read_pem(cli, cert)) || !(cfg.tls_key_pem = read_pem(cli, key)))) return 1;
    if (!prepare(cli, &api)) return 1;
    if (idle) api.policy.idle_seconds = idle;
    if (failures) api.policy.max_failures = failures;
    if (lock) api.policy.lock_seconds = lock;
    api_configure(&api);
    char *err = NULL;
    if (!audit_writer_start(cli->db_path, &err)) {
        cli_fail("%s", err ? err : "cannot start the audit writer");
        free(err);
        return 1;
    }
    int rc = server_run(&cfg, &err);
    audit_writer_stop();   /* after the last request: what is queued is written */
    if (rc) {
        cli_fail("%s", err);
        free(err);
    }
    return rc;
}

const Command cmd_serve = {
    "serve",
    "[--listen HOST:PORT] [--threads N] [--session-idle SECONDS] [--behind-tls-proxy] [--tls-cert FILE --tls-key FILE]",
    "serve the JSON API over HTTP",
    "Serves the database (--db FILE) over HTTP until SIGTERM or Ctrl-C, then\n"
    "finishes the requests in flight and stops. Nothing is reachable without an\n"
    "account ('shouhu user add'); see docs/api.md. One line per request is\n"
    "logged on standard error.\n"
    "  --listen HOST:PORT      where to listen: 127.0.0.1:8080 (port 0: any free\n"
    "                          port; the first line printed says which)\n"
    "  --threads N             threads serving requests: 4\n"
    "  --max-connections N     open connections at most: 256\n"
    "  --per-ip-connections N  from one address at most: no limit of its own\n"
    "  --timeout SECONDS       close a connection idle this long: 30\n"
    "  --grace SECONDS         on SIGTERM, how long requests may still take: 30\n"
    "  --session-idle SECONDS  log out after this long without a request: 1800\n"
    "  --max-failures N        failed logins in a row that lock an account: 5\n"
    "  --lock-seconds SECONDS  how long it stays locked: 900\n"
    "  --behind-tls-proxy      a TLS proxy is in front: cookies are Secure and\n"
    "                          the client's address is taken from X-Forwarded-For\n"
    "  --tls-cert FILE --tls-key FILE   serve HTTPS with this PEM certificate and key\n"
    "The last three policies can also be set in the database as the settings\n"
    "session.idle_seconds, login.max_failures and login.lock_seconds.",
    run_serve};
