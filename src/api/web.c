/*
** Serving the web UI (see web.h). The UI is a single-page application that
** uses only the public JSON API, so this file knows nothing of accounts or
** children: it hands out the embedded files, public like the login page.
**
**   /                  web/index.html
**   /assets/NAME       web/assets/NAME: names carry a content hash, so they
**                      are cached for a year; a missing one is 404
**   /NAME.EXT          web/NAME.EXT (the icon), else 404
**   anything else      web/index.html: the UI's own routes (/children/17)
**                      are resolved in the browser, so a reload works
**
** Files that the build also compressed (NAME.gz beside NAME) go out
** gzipped to browsers that accept it: old office PCs on slow networks load
** a third of the bytes. Every answer carries a Content-Security-Policy
** that allows scripts, styles and connections to this server only, no
** inline script and no eval: a script slipped into a child's record could
** not run.
*/
#include <string.h>
#include "api/web.h"
#include "http/response.h"
#include "util/embedded.h"

/* The UI's policy. Scripts are strict (this server's files only, no inline
   script, no eval). Inline styles are allowed: Element Plus's cascader,
   date picker and tables write style attributes, which a strict style-src
   blocks (tried: the browser tests then log violations). */
#define WEB_CSP                                                                                       \
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " \
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "                \
    "form-action 'self'; frame-ancestors 'none'"

static const struct {
    const char *ext, *type;
} TYPES[] = {
    {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},    {".svg", "image/svg+xml"},
    {".png", "image/png"},                  {".ico", "image/x-icon"},
    {".json", "application/json"},          {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
};

static const char *content_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof TYPES / sizeof *TYPES; i++)
        if (strcmp(dot, TYPES[i].ext) == 0) return TYPES[i].type;
    return "application/octet-stream";
}

/* Whether the client takes gzip (a plain "gzip" token, not "gzip;q=0"). */
static bool accepts_gzip(const Request *req)
{
    const char *ae = req_header(req, "Accept-Encoding");
    const char *g = ae ? strstr(ae, "gzip") : NULL;
    return g && strncmp(g + 4, ";q=0", 4) != 0;
}

/* Answers with the embedded file NAME ("web/..."), gzipped when we can. */
static void send_file(Request *req, const EmbeddedFile *f, const char *name, bool immutable)
{
    const EmbeddedFile *gz = accepts_gzip(req) ? embedded_find(arena_printf(req->arena, "%s.gz", name)) : NULL;
    res_bytes(req, 200, content_type(name), gz ? gz->data : f->data, (size_t)(gz ? gz->size : f->size));
    if (gz) res_header(req, "Content-Encoding", "gzip");
    res_header(req, "Vary", "Accept-Encoding");
    res_header(req, "Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    res_header(req, "Content-Security-Policy", WEB_CSP);
}

static void not_found(Request *req)
{
    static const char text[] = "404 not found\n";
    res_bytes(req, 404, "text/plain; charset=utf-8", text, sizeof text - 1);
    res_header(req, "Content-Security-Policy", WEB_CSP);
}

bool web_begin(Request *req)
{
    const char *path = req->path;
    if (strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0) return false;
    req->body_limit = 0;
    if (strcmp(req->method, "GET") != 0) {
        static const char text[] = "405 method not allowed\n";
        res_header(req, "Allow", "GET, HEAD");
        res_bytes(req, 405, "text/plain; charset=utf-8", text, sizeof text - 1);
        return true;
    }
    /* embedded names never hold "..", so no path can reach outside web/ */
    const char *name = arena_printf(req->arena, "web%s", strcmp(path, "/") == 0 ? "/index.html" : path);
    const EmbeddedFile *f = embedded_find(name);
    bool asset = strncmp(path, "/assets/", 8) == 0;
    const char *last = strrchr(path, '/');
    if (f && strcmp(name + strlen(name) - 3, ".gz") != 0) {
        send_file(req, f, name, asset);
    } else if (asset || strchr(last, '.')) {
        not_found(req);   /* a file that is not there, not a page of the UI */
    } else if ((f = embedded_find("web/index.html"))) {
        send_file(req, f, "web/index.html", false);
    } else {
        not_found(req);   /* a binary built without its UI */
    }
    return true;
}
