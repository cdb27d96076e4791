/*
** The .xlsx backend of sheets (see sheet.h).
**
** Reading opens the workbook with libzip, finds the first worksheet through
** xl/workbook.xml and its relationships, loads the shared strings and the
** cell styles' number formats (to tell dates from numbers), then streams the
** worksheet's XML through expat one row at a time: the parser is suspended
** at each </row> and resumed by the next sheet_next(), so memory does not
** grow with the number of rows. Only the shared string table is kept whole,
** and it is bounded.
**
** Workbooks come from anyone, so every part is read within limits: declared
** and actually inflated sizes, compression ratio, the longest XML token,
** shared strings, and cells and bytes per row. No part may have a DOCTYPE,
** which shuts out entity expansion (billion laughs) and external entities:
** Excel never writes one.
**
** Writing uses libxlsxwriter in constant-memory mode: one worksheet, every
** cell a string, so that ID numbers and codes like "01" stay as typed; the
** header row bold and frozen, each column as wide as its widest text, and
** set up to print on A4 (print_setup()).
*/
#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>
#include <zip.h>
#include "domain/date.h"
#include "io/sheet.h"
#include "util/arena.h"
#include "util/buf.h"

enum {
    READ_CHUNK = 64 * 1024,      /* bytes inflated and fed to expat at a time */
    RATIO_MAX = 1000,            /* inflated:compressed beyond this is a zip bomb ... */
    RATIO_FLOOR = 1 << 20,       /* ... once a part is past 1 MiB (tiny parts compress oddly) */
    XML_PENDING_MAX = 1 << 20,   /* bytes expat may hold for one tag, comment or the like */
    SST_MAX_COUNT = 1000000,     /* shared strings */
    SST_MAX_BYTES = 256 << 20,   /* their text */
    BOOK_MAX_ITEMS = 10000,      /* sheets listed, relationships, number formats */
    XF_MAX = 65536,              /* cell styles (Excel allows 64000) */
    COL_LIMIT = 16384,           /* Excel's columns: A..XFD */
    SERIAL_MAX = 2958466,        /* day 9999-12-31 + 1 in Excel's count */
};

/* How many bytes a part may inflate to; the text names the limit in messages. */
typedef struct Limit {
    zip_uint64_t bytes;
    const char *text;
} Limit;

static const Limit LIMIT_SHEET = {(zip_uint64_t)2 << 30, "2 GiB"};
static const Limit LIMIT_STRINGS = {(zip_uint64_t)256 << 20, "256 MiB"};
static const Limit LIMIT_OTHER = {(zip_uint64_t)64 << 20, "64 MiB"};   /* workbook, relationships, styles */

/* What a number in a cell is, by its style's number format. */
typedef enum NumKind { NUM_PLAIN, NUM_DATE, NUM_TIME } NumKind;

typedef enum CellType { CELL_NUMBER, CELL_SHARED, CELL_TEXT, CELL_BOOL, CELL_DATE } CellType;

/* One part (file) of the archive being inflated. */
typedef struct Part {
    zip_file_t *f;
    const char *name;        /* static or in the reader's arena */
    Limit limit;
    zip_uint64_t declared;   /* uncompressed size the archive states (libzip does not hold it to it) */
    zip_uint64_t comp;       /* compressed size, for the ratio */
    zip_uint64_t inflated;   /* bytes read so far (all of them fed to expat) */
} Part;

typedef struct XlsxReader XlsxReader;

/* What every parse's user data starts with. A handler that finds the part
   unacceptable stops the parse and leaves the reason (static texts) here. */
typedef struct Handlers {
    XML_StartElementHandler start;
    XML_EndElementHandler end;
    XML_CharacterDataHandler chars;
} Handlers;

typedef struct XmlCtx {
    XlsxReader *r;
    XML_Parser xml;
    const char *why_zh, *why_en;
    const Handlers *h;        /* the part's own handlers, called within the depth limit */
    int depth;                /* elements open */
} XmlCtx;

struct XlsxReader {
    SheetReader base;         /* first: sheet.h dispatches on it */
    Problems *p;              /* not owned */
    Arena *a;                 /* part names, relationships; freed by close */
    zip_t *zip;
    bool failed;              /* a problem was added: sheet_next() returns -1 from now on */
    bool date1904;            /* serial day 0 is 1904-01-01 (old Mac workbooks) */

    /* Shared strings, NUL-terminated one after another; sst_at[i] is where the i-th starts. */
    Buf sst_text;
    uint32_t *sst_at;
    size_t sst_n, sst_cap;

    unsigned char *xf_kind;   /* NumKind of each cell style */
    size_t xf_n;

    /* The worksheet being streamed. */
    XmlCtx sx;
    Part part;
    bool fed_last, suspended, done;
    bool in_data, in_row, in_cell, in_v, in_is, in_t;
    int rph;                  /* depth of <rPh> (phonetic runs, not the text) */

    /* The row being read. */
    long number;
    Buf text;                 /* its cell texts, each NUL-terminated; offset 0 is "" */
    size_t at[SHEET_MAX_CELLS];   /* where column i's text is in TEXT */
    char *cells[SHEET_MAX_CELLS];
    int hi;                   /* at[0..hi) are set */
    int n;                    /* columns up to the last non-empty cell */
    const char *problem;
    bool ready;               /* a row is complete and the parser suspended on it */

    /* The cell being read. */
    int col, next_col, style;
    CellType type;
    Buf val;
};

static void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size);
    if (!p) {
        fputs("shouhu: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* ---- problems ---- */

/* Adds "bad_xlsx" with a detail in each language: problems_add() would put
   one detail into both the Chinese and the English sentence. The catalog's
   sentence is made twice in a scratch list so its wording stays in message.c. */
static void fail_texts(XlsxReader *r, const char *zh, const char *en)
{
    if (r->failed) return;   /* the first reason is the one worth reading */
    r->failed = true;
    Problems scratch;
    problems_init(&scratch, r->p->arena);
    const Problem *z = problems_add(&scratch, NULL, "bad_xlsx", zh);
    const Problem *e = problems_add(&scratch, NULL, "bad_xlsx", en);
    problems_add_texts(r->p, NULL, "bad_xlsx", problem_text(z, LANG_ZH), problem_text(e, LANG_EN));
}

/* fail_texts() with both details formatted from the same arguments. */
static void fail(XlsxReader *r, const char *zh, const char *en, ...)
{
    if (r->failed) return;
    va_list ap;
    va_start(ap, en);
    char *z = arena_vprintf(r->p->arena, zh, ap);
    va_end(ap);
    va_start(ap, en);
    char *e = arena_vprintf(r->p->arena, en, ap);
    va_end(ap);
    fail_texts(r, z, e);
}

/* ---- the archive's parts ---- */

/* Opens part NAME within LIMIT: 1 = opened, 0 = no such part, -1 = refused
   (a problem was added). The caller closes PT->f with zip_fclose(). */
static int part_open(XlsxReader *r, Part *pt, const char *name, Limit limit)
{
    *pt = (Part){.name = name, .limit = limit};
    zip_int64_t idx = zip_name_locate(r->zip, name, ZIP_FL_NOCASE);
    if (idx < 0) return 0;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(r->zip, (zip_uint64_t)idx, 0, &st) != 0) {
        fail(r, "无法读取%s：%s", "cannot read %s: %s", name, zip_strerror(r->zip));
        return -1;
    }
    pt->comp = st.valid & ZIP_STAT_COMP_SIZE ? st.comp_size : 0;
    pt->declared = st.valid & ZIP_STAT_SIZE ? st.size : limit.bytes;
    /* The declared sizes may lie; part_read() counts what really comes out. */
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limit.bytes) {
        fail(r, "%s解压后超过%s", "%s is larger than %s unpacked", name, limit.text);
        return -1;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > RATIO_FLOOR && st.size / RATIO_MAX > pt->comp) {
        fail(r, "%s的压缩比异常（疑为压缩炸弹）", "%s is compressed beyond 1000:1 (a zip bomb?)", name);
        return -1;
    }
    pt->f = zip_fopen_index(r->zip, (zip_uint64_t)idx, 0);
    if (!pt->f) {
        fail(r, "无法打开%s：%s", "cannot open %s: %s", name, zip_strerror(r->zip));
        return -1;
    }
    return 1;
}

/* Reads up to N bytes of PT into BUF, holding it to its limits. Returns the
   count (0 at its end), or -1 after adding a problem. */
static zip_int64_t part_read(XlsxReader *r, Part *pt, void *buf, zip_uint64_t n)
{
    zip_int64_t got = zip_fread(pt->f, buf, n);
    if (got < 0) {
        fail(r, "读取%s出错：%s", "cannot read %s: %s", pt->name, zip_file_strerror(pt->f));
        return -1;
    }
    pt->inflated += (zip_uint64_t)got;
    if (pt->inflated > pt->declared) {   /* a header made to pass the checks in part_open() */
        fail(r, "%s比声明的大小更大（文件已损坏或被篡改）", "%s is larger than the archive says", pt->name);
        return -1;
    }
    if (pt->inflated > pt->limit.bytes) {
        fail(r, "%s解压后超过%s", "%s is larger than %s unpacked", pt->name, pt->limit.text);
        return -1;
    }
    if (pt->inflated > RATIO_FLOOR && pt->inflated / RATIO_MAX > pt->comp) {
        fail(r, "%s的压缩比异常（疑为压缩炸弹）", "%s is compressed beyond 1000:1 (a zip bomb?)", pt->name);
        return -1;
    }
    return got;
}

/* ---- expat, made safe ---- */

static const char *local_name(const char *name)   /* "x:row" -> "row": some writers prefix */
{
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

static const char *attr(const XML_Char **atts, const char *name)
{
    for (; atts[0]; atts += 2)
        if (strcmp(atts[0], name) == 0) return atts[1];
    return NULL;
}

/* The r:id of a <sheet>, whatever the prefix of the relationships namespace. */
static const char *attr_rel_id(const XML_Char **atts)
{
    for (; atts[0]; atts += 2) {
        const char *colon = strchr(atts[0], ':');
        if (colon && strcmp(colon + 1, "id") == 0) return atts[1];
    }
    return NULL;
}

/* Stops the parse for good; the reason becomes the problem. */
static void xml_abort(XmlCtx *c, const char *zh, const char *en)
{
    if (!c->why_en) {
        c->why_zh = zh;
        c->why_en = en;
    }
    XML_StopParser(c->xml, XML_FALSE);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal_subset)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    xml_abort(ud, "含有DOCTYPE声明，Excel文件不会有（可能是恶意文件）", "it has a DOCTYPE, which Excel never writes");
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_parameter, const XML_Char *value, int len,
                              const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid,
                              const XML_Char *notation)
{
    (void)name, (void)is_parameter, (void)value, (void)len, (void)base, (void)sysid, (void)pubid, (void)notation;
    xml_abort(ud, "含有实体声明（可能是恶意文件）", "it declares entities");
}

/* Elements open at once: Excel's deepest parts nest about ten; expat keeps
   every open element, so nesting without end would eat memory without end. */
enum { XML_DEPTH_MAX = 256 };

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    XmlCtx *c = ud;
    if (++c->depth > XML_DEPTH_MAX) xml_abort(c, "XML元素嵌套过深（可能是恶意文件）", "its XML nests deeper than 256 elements");
    else c->h->start(ud, name, atts);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    XmlCtx *c = ud;
    c->depth--;
    c->h->end(ud, name);
}

/* Creates C's parser with H. A DOCTYPE stops it before any entity is
   declared, so no entity can expand; expat itself never fetches external ones. */
static bool xml_new(XmlCtx *c, XlsxReader *r, const Handlers *h)
{
    *c = (XmlCtx){.r = r, .xml = XML_ParserCreate(NULL), .h = h};
    if (!c->xml) {
        fail(r, "内存不足", "out of memory");
        return false;
    }
    XML_SetUserData(c->xml, c);
    XML_SetStartDoctypeDeclHandler(c->xml, on_doctype);
    XML_SetEntityDeclHandler(c->xml, on_entity);
    XML_SetParamEntityParsing(c->xml, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetElementHandler(c->xml, on_start, on_end);
    if (h->chars) XML_SetCharacterDataHandler(c->xml, h->chars);
    return true;
}

/* Whether the parse of PT may go on after a feed that returned ST; if not, a
   problem was added. */
static bool xml_ok(XlsxReader *r, XmlCtx *c, const Part *pt, enum XML_Status st)
{
    if (r->failed) return false;   /* a handler failed the reader itself */
    if (st == XML_STATUS_ERROR) {
        if (c->why_en)
            fail_texts(r, arena_printf(r->p->arena, "%s：%s", pt->name, c->why_zh),
                       arena_printf(r->p->arena, "%s: %s", pt->name, c->why_en));
        else
            fail(r, "%s第%lu行XML格式错误：%s", "%s: XML error at line %lu: %s", pt->name,
                 (unsigned long)XML_GetCurrentLineNumber(c->xml), XML_ErrorString(XML_GetErrorCode(c->xml)));
        return false;
    }
    /* expat keeps an unfinished token (a tag, a comment) whole in memory: an
       endless one would eat it all. Character data is handed over as it comes. */
    XML_Index done = XML_GetCurrentByteIndex(c->xml);
    zip_uint64_t pending = pt->inflated - (done > 0 ? (zip_uint64_t)done : 0);
    if (st == XML_STATUS_OK && pending > XML_PENDING_MAX) {
        fail(r, "%s中有过长的XML标记", "%s has an XML tag over 1 MiB long", pt->name);
        return false;
    }
    return true;
}

/* Streams part NAME through a new parser with H and context C.
   Returns 1 when parsed, 0 when there is no such part, -1 after adding a problem. */
static int parse_part(XlsxReader *r, XmlCtx *c, const Handlers *h, const char *name, Limit limit)
{
    Part pt;
    int rc = part_open(r, &pt, name, limit);
    if (rc <= 0) return rc;
    if (xml_new(c, r, h)) {
        for (;;) {
            void *buf = XML_GetBuffer(c->xml, READ_CHUNK);
            if (!buf) {
                fail(r, "%s：%s", "%s: %s", name, XML_ErrorString(XML_GetErrorCode(c->xml)));
                break;
            }
            zip_int64_t got = part_read(r, &pt, buf, READ_CHUNK);
            if (got < 0) break;
            if (!xml_ok(r, c, &pt, XML_ParseBuffer(c->xml, (int)got, got == 0))) break;
            if (got == 0) break;
        }
        XML_ParserFree(c->xml);
        c->xml = NULL;
    }
    zip_fclose(pt.f);
    return r->failed ? -1 : 1;
}

/* ---- text ---- */

/* The length of the longest prefix of S no longer than N that ends on a
   character boundary. S has more than N bytes. */
static size_t utf8_cut(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The code point of an "_xHHHH_" escape at S, or -1 if S does not start one. */
static long xstring_escape(const char *s, size_t n)
{
    if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_') return -1;
    long c = 0;
    for (int i = 2; i < 6; i++) {
        int v = hex_value(s[i]);
        if (v < 0) return -1;
        c = c * 16 + v;
    }
    return c;
}

/* Decodes in place the "_xHHHH_" escapes Excel writes for characters XML
   cannot hold (a cell's line breaks come as _x000D_) and for a literal
   "_x" (_x005F_). Returns the new length; never longer than N. */
static size_t xstring_decode(char *s, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < n;) {
        long c = xstring_escape(s + i, n - i);
        if (c <= 0 || (c >= 0xD800 && c <= 0xDFFF)) {   /* not an escape, or NUL or a lone surrogate: keep as is */
            s[out++] = s[i++];
            continue;
        }
        if (c < 0x80) {
            s[out++] = (char)c;
        } else if (c < 0x800) {
            s[out++] = (char)(0xC0 | (c >> 6));
            s[out++] = (char)(0x80 | (c & 0x3F));
        } else {
            s[out++] = (char)(0xE0 | (c >> 12));
            s[out++] = (char)(0x80 | ((c >> 6) & 0x3F));
            s[out++] = (char)(0x80 | (c & 0x3F));
        }
        i += 7;
    }
    s[out] = 0;
    return out;
}

/* A decimal number no greater than LIMIT, or -1 if S is not one. */
static long parse_count(const char *s, long limit)
{
    if (!s || !*s) return -1;
    long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        v = v * 10 + (*s - '0');
        if (v > limit) return -1;
    }
    return v;
}

/* ---- workbook.xml and its relationships ---- */

typedef struct BookSheet {
    struct BookSheet *next;
    const char *rid;
    bool hidden;
} BookSheet;

typedef struct BookParse {
    XmlCtx x;
    BookSheet *head, **tail;
    int n;
} BookParse;

static void XMLCALL book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    BookParse *b = ud;
    XlsxReader *r = b->x.r;
    const char *el = local_name(name);
    if (strcmp(el, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        r->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(el, "sheet") == 0 && b->n < BOOK_MAX_ITEMS) {
        const char *rid = attr_rel_id(atts), *state = attr(atts, "state");
        if (!rid) return;
        BookSheet *s = arena_alloc(r->a, sizeof *s);
        s->rid = arena_strdup(r->a, rid);
        s->hidden = state && strcmp(state, "visible") != 0;   /* "hidden" or "veryHidden" */
        *b->tail = s;
        b->tail = &s->next;
        b->n++;
    }
}

static void XMLCALL ignore_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

typedef struct Rel {
    struct Rel *next;
    const char *id, *type, *target;
} Rel;

typedef struct RelsParse {
    XmlCtx x;
    Rel *head, **tail;
    int n;
} RelsParse;

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    RelsParse *p = ud;
    Arena *a = p->x.r->a;
    if (strcmp(local_name(name), "Relationship") != 0 || p->n >= BOOK_MAX_ITEMS) return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    const char *mode = attr(atts, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0)) return;
    Rel *rel = arena_alloc(a, sizeof *rel);
    *rel = (Rel){NULL, arena_strdup(a, id), arena_strdup(a, type), arena_strdup(a, target)};
    *p->tail = rel;
    p->tail = &rel->next;
    p->n++;
}

/* Whether REL's type is KIND ("worksheet", "sharedStrings", ...), in either
   the transitional or the strict namespace: both end "/KIND". */
static bool rel_is(const Rel *rel, const char *kind)
{
    size_t n = strlen(rel->type), k = strlen(kind);
    return n > k && rel->type[n - k - 1] == '/' && strcmp(rel->type + n - k, kind) == 0;
}

static const Rel *rel_of_type(const Rel *rels, const char *kind)
{
    for (; rels; rels = rels->next)
        if (rel_is(rels, kind)) return rels;
    return NULL;
}

static const Rel *rel_with_id(const Rel *rels, const char *id)
{
    for (; rels; rels = rels->next)
        if (strcmp(rels->id, id) == 0) return rels;
    return NULL;
}

/* The archive name of a workbook relationship's TARGET: relative to xl/,
   or from the archive's root when it starts with '/'; "." and ".." resolved. In A. */
static char *resolve_target(Arena *a, const char *target)
{
    const char *joined = target[0] == '/' ? target + 1 : arena_printf(a, "xl/%s", target);
    char *out = arena_alloc(a, strlen(joined) + 2);
    size_t n = 0;   /* OUT holds whole segments, each followed by '/' */
    for (const char *seg = joined; *seg;) {
        size_t len = strcspn(seg, "/");
        if (len == 2 && memcmp(seg, "..", 2) == 0) {
            if (n > 0) n--;
            while (n > 0 && out[n - 1] != '/') n--;
        } else if (len > 0 && !(len == 1 && seg[0] == '.')) {
            memcpy(out + n, seg, len);
            n += len;
            out[n++] = '/';
        }
        seg += len;
        if (*seg == '/') seg++;
    }
    if (n > 0) n--;
    out[n] = 0;
    return out;
}

/* The part to read: the first visible worksheet the workbook lists, else its
   first worksheet of any kind (all hidden); NULL if it lists none. */
static const char *choose_sheet(XlsxReader *r, const BookSheet *sheets, const Rel *rels)
{
    const Rel *hidden = NULL;
    for (const BookSheet *s = sheets; s; s = s->next) {
        const Rel *rel = rel_with_id(rels, s->rid);
        if (!rel || !rel_is(rel, "worksheet")) continue;   /* e.g. a chart sheet */
        if (!s->hidden) return resolve_target(r->a, rel->target);
        if (!hidden) hidden = rel;
    }
    return hidden ? resolve_target(r->a, hidden->target) : NULL;
}

/* ---- styles.xml: which cell styles show numbers as dates ---- */

typedef struct NumFmt {
    long id;
    NumKind kind;
} NumFmt;

typedef struct StyleParse {
    XmlCtx x;
    int depth, fmts_depth, xfs_depth;   /* depth of <numFmts> and <cellXfs>, 0 outside */
    NumFmt *fmts;                       /* custom formats */
    size_t nfmts;
    long *xf_fmt;                       /* number format of each cell style */
    size_t nxf;
} StyleParse;

/* Excel's built-in formats (ECMA-376 18.8.30, with the zh-CN ones 27-36 and 50-58). */
static NumKind builtin_kind(long id)
{
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
        id == 57 || id == 58)
        return NUM_DATE;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
        return NUM_TIME;
    return NUM_PLAIN;
}

/* What a custom format CODE shows: a date if it has a year or day, a time if
   an hour or second; a lone "m" could be month or minute, so it decides
   nothing. Quoted text, escaped characters and [colour]/[$-804] sections do
   not count; [h], [mm], [ss] (elapsed time) do. */
static NumKind format_kind(const char *code)
{
    bool date = false, time = false;
    for (size_t i = 0; code[i]; i++) {
        char c = code[i];
        if (c == '"') {
            const char *q = strchr(code + i + 1, '"');
            if (!q) break;
            i = (size_t)(q - code);
        } else if ((c == '\\' || c == '_' || c == '*') && code[i + 1]) {
            i++;
        } else if (c == '[') {
            size_t len = strcspn(code + i + 1, "]");
            if (len > 0 && strspn(code + i + 1, "hHmMsS") == len) time = true;
            i += len;
        } else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
            date = true;
        } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
            time = true;
        }
    }
    return date ? NUM_DATE : time ? NUM_TIME : NUM_PLAIN;
}

static void XMLCALL style_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    StyleParse *s = ud;
    const char *el = local_name(name);
    s->depth++;
    if (strcmp(el, "numFmts") == 0) {
        s->fmts_depth = s->depth;
    } else if (strcmp(el, "cellXfs") == 0) {
        s->xfs_depth = s->depth;
    } else if (strcmp(el, "numFmt") == 0 && s->fmts_depth && s->depth == s->fmts_depth + 1) {
        /* <numFmt> also appears in <dxfs> (conditional formats): only these count */
        long id = parse_count(attr(atts, "numFmtId"), 1L << 20);
        const char *code = attr(atts, "formatCode");
        if (id < 0 || !code || s->nfmts >= BOOK_MAX_ITEMS) return;
        s->fmts = xrealloc(s->fmts, (s->nfmts + 1) * sizeof *s->fmts);
        s->fmts[s->nfmts++] = (NumFmt){id, format_kind(code)};
    } else if (strcmp(el, "xf") == 0 && s->xfs_depth && s->depth == s->xfs_depth + 1 && s->nxf < XF_MAX) {
        long id = parse_count(attr(atts, "numFmtId"), 1L << 20);
        if (s->nxf % 256 == 0) s->xf_fmt = xrealloc(s->xf_fmt, (s->nxf + 256) * sizeof *s->xf_fmt);
        s->xf_fmt[s->nxf++] = id < 0 ? 0 : id;
    }
}

static void XMLCALL style_end(void *ud, const XML_Char *name)
{
    StyleParse *s = ud;
    (void)name;
    if (s->depth == s->fmts_depth) s->fmts_depth = 0;
    if (s->depth == s->xfs_depth) s->xfs_depth = 0;
    s->depth--;
}

static NumKind fmt_kind(const StyleParse *s, long id)
{
    for (size_t i = s->nfmts; i-- > 0;)   /* a custom definition, even of a built-in id, wins; the last one */
        if (s->fmts[i].id == id) return s->fmts[i].kind;
    return builtin_kind(id);
}

/* Reads the styles part NAME into r->xf_kind. Without one, all numbers are plain. */
static bool read_styles(XlsxReader *r, const char *name)
{
    static const Handlers h = {style_start, style_end, NULL};
    StyleParse s = {0};
    bool ok = parse_part(r, &s.x, &h, name, LIMIT_OTHER) >= 0;
    if (ok && s.nxf > 0) {
        r->xf_kind = xrealloc(NULL, s.nxf);
        for (size_t i = 0; i < s.nxf; i++) r->xf_kind[i] = (unsigned char)fmt_kind(&s, s.xf_fmt[i]);
        r->xf_n = s.nxf;
    }
    free(s.fmts);
    free(s.xf_fmt);
    return ok;
}

/* ---- sharedStrings.xml ---- */

typedef struct SstParse {
    XmlCtx x;
    bool in_si, in_t;
    int rph;
    size_t start;   /* where the current string starts in sst_text */
} SstParse;

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    SstParse *s = ud;
    XlsxReader *r = s->x.r;
    const char *el = local_name(name);
    (void)atts;
    if (strcmp(el, "si") == 0) {
        if (r->sst_n >= SST_MAX_COUNT) {
            xml_abort(&s->x, "共享字符串超过100万个", "it has more than 1,000,000 shared strings");
            return;
        }
        s->in_si = true;
        s->start = r->sst_text.len;
    } else if (strcmp(el, "rPh") == 0) {
        s->rph++;
    } else if (strcmp(el, "t") == 0 && s->in_si) {
        s->in_t = true;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    SstParse *s = ud;
    XlsxReader *r = s->x.r;
    const char *el = local_name(name);
    if (strcmp(el, "t") == 0) {
        s->in_t = false;
    } else if (strcmp(el, "rPh") == 0) {
        if (s->rph > 0) s->rph--;
    } else if (strcmp(el, "si") == 0 && s->in_si && !s->x.why_en) {
        Buf *b = &r->sst_text;
        if (b->len > s->start) b->len = s->start + xstring_decode(b->data + s->start, b->len - s->start);
        buf_addc(b, '\0');
        if (r->sst_n == r->sst_cap) {
            r->sst_cap = r->sst_cap ? r->sst_cap * 2 : 1024;
            r->sst_at = xrealloc(r->sst_at, r->sst_cap * sizeof *r->sst_at);
        }
        r->sst_at[r->sst_n++] = (uint32_t)s->start;   /* the text is under 256 MiB */
        s->in_si = false;
    }
}

static void XMLCALL sst_chars(void *ud, const XML_Char *text, int len)
{
    SstParse *s = ud;
    XlsxReader *r = s->x.r;
    if (!s->in_si || !s->in_t || s->rph > 0 || s->x.why_en) return;
    if (r->sst_text.len + (size_t)len > SST_MAX_BYTES) {
        xml_abort(&s->x, "共享字符串超过256 MiB", "its shared strings exceed 256 MiB");
        return;
    }
    buf_add(&r->sst_text, text, (size_t)len);
}

static bool read_shared_strings(XlsxReader *r, const char *name)
{
    static const Handlers h = {sst_start, sst_end, sst_chars};
    SstParse s = {0};
    return parse_part(r, &s.x, &h, name, LIMIT_STRINGS) >= 0;
}

/* ---- cell values ---- */

/* Excel's serial day number X as "YYYY-MM-DD", with " HH:MM:SS" when it has
   a time of day. Day 60 is 1900-02-29, which never was, but Excel (after
   Lotus 1-2-3) counts it, and shows it. */
static const char *serial_date(double x, bool date1904, char *out, size_t size)
{
    long long secs = (long long)(x * 86400.0 + 0.5);
    long days = (long)(secs / 86400);
    long sod = (long)(secs % 86400);
    if (date1904) days += 1462;   /* 1904-01-01 is day 1462 of the 1900 system */
    Date d = days == 60 ? (Date){1900, 2, 29} : date_from_days(days - (days < 60 ? 25568 : 25569));
    int n = snprintf(out, size, "%04d-%02d-%02d", d.y, d.m, d.d);
    if (sod && n > 0 && (size_t)n < size)
        snprintf(out + n, size - (size_t)n, " %02ld:%02ld:%02ld", sod / 3600, sod / 60 % 60, sod % 60);
    return out;
}

static const char *serial_time(double x, char *out, size_t size)
{
    long long secs = (long long)(x * 86400.0 + 0.5);
    snprintf(out, size, "%02lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
    return out;
}

/* A number cell's text V as people see it in Excel, for a number format of KIND:
   - a date or time format: the date ("2024-01-31") or time;
   - an integer, written "12" or "12.0" or "4.41900200101011E+14" (an old
     15-digit ID number stored as a number): its digits, when the double holds
     it exactly (below 2^53);
   - an integer beyond that in E notation (an 18-digit ID number, already
     rounded by Excel to 15 digits): as written, so the validator rejects it
     instead of accepting wrong digits;
   - other decimals: to 15 significant digits, as Excel shows 0.1+0.2.
   Anything that is not a number stays as written. May use OUT. */
static const char *number_text(const char *v, NumKind kind, bool date1904, char *out, size_t size)
{
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(x)) return v;
    if (kind == NUM_DATE && x >= 0 && x < SERIAL_MAX) return serial_date(x, date1904, out, size);
    if (kind == NUM_TIME && x >= 0 && x < 1) return serial_time(x, out, size);
    bool exp = strpbrk(v, "eE") != NULL;
    if (!exp && !strchr(v, '.')) return v;   /* an integer as written, whatever its length */
    const double exact = 9007199254740992.0;   /* 2^53 */
    if (x > -exact && x < exact && x == (double)(long long)x) {
        snprintf(out, size, "%lld", (long long)x);
        return out;
    }
    if (exp) return v;
    snprintf(out, size, "%.15g", x);
    return strpbrk(out, "eE") ? v : out;
}

/* A t="d" cell (ISO 8601, "2024-01-31T00:00:00") as its date when it has no
   time of day; else as written. May use OUT. */
static const char *iso_date_text(const char *v, char *out, size_t size)
{
    size_t n = strlen(v);
    if (n > 10 && size > 10 && v[10] == 'T' && strspn(v + 11, "0:.Z") == n - 11) {
        memcpy(out, v, 10);
        out[10] = 0;
        return out;
    }
    return v;
}

static NumKind style_kind(const XlsxReader *r, int style)
{
    return style >= 0 && (size_t)style < r->xf_n ? (NumKind)r->xf_kind[style] : NUM_PLAIN;
}

/* ---- the worksheet, a row at a time ---- */

/* The 0-based column of a reference such as "C5"; COL_LIMIT when past
   Excel's last column (such a cell is dropped); -1 without letters. */
static int parse_col(const char *ref)
{
    if (!ref) return -1;
    int col = 0;
    const char *s = ref;
    for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++) {
        col = col * 26 + ((*s | 0x20) - 'a' + 1);
        if (col > COL_LIMIT) return COL_LIMIT;
    }
    return s == ref ? -1 : col - 1;
}

static CellType cell_type(const char *t)
{
    if (!t || strcmp(t, "n") == 0) return CELL_NUMBER;
    if (strcmp(t, "s") == 0) return CELL_SHARED;
    if (strcmp(t, "b") == 0) return CELL_BOOL;
    if (strcmp(t, "d") == 0) return CELL_DATE;
    return CELL_TEXT;   /* "inlineStr", "str" (a formula's text), "e" (an error such as #N/A) */
}

static void row_start(XlsxReader *r, const XML_Char **atts)
{
    long number = parse_count(attr(atts, "r"), 2000000000L);
    r->number = number > 0 ? number : r->number + 1;
    r->in_row = true;
    r->next_col = 0;
    buf_clear(&r->text);
    buf_addc(&r->text, '\0');   /* offset 0: the empty cell */
    r->hi = r->n = 0;
    r->problem = NULL;
}

/* A row with no text is not returned (Excel writes rows that only carry a
   format); a row is returned when it has text or a problem. */
static void row_end(XlsxReader *r)
{
    r->in_row = false;
    if (r->n == 0 && !r->problem) return;
    for (int i = 0; i < r->n; i++) r->cells[i] = r->text.data + r->at[i];
    r->ready = true;
    /* suspended: sheet_next() hands the row over, and the next call resumes */
    if (XML_StopParser(r->sx.xml, XML_TRUE) != XML_STATUS_OK)
        xml_abort(&r->sx, "无法暂停解析", "its parse could not be suspended");   /* rows would be lost */
}

static void cell_start(XlsxReader *r, const XML_Char **atts)
{
    int col = parse_col(attr(atts, "r"));
    r->col = col >= 0 ? col : r->next_col;
    r->next_col = r->col < COL_LIMIT ? r->col + 1 : COL_LIMIT;
    r->type = cell_type(attr(atts, "t"));
    const char *style = attr(atts, "s");
    r->style = style ? (int)parse_count(style, XF_MAX) : 0;   /* none: style 0; a bad one: -1 */
    r->in_cell = true;
    r->in_v = r->in_is = r->in_t = false;
    r->rph = 0;
    buf_clear(&r->val);
}

/* Appends S to the cell's value as far as the row's byte limit allows; past
   it the row is marked too long and the value cut at a character boundary. */
static void value_add(XlsxReader *r, const char *s, size_t len)
{
    size_t used = r->text.len + r->val.len;
    size_t room = used < SHEET_MAX_ROW_BYTES ? SHEET_MAX_ROW_BYTES - used : 0;
    if (len > room) {
        len = utf8_cut(s, room);
        r->problem = "line_too_long";
    }
    if (len) buf_add(&r->val, s, len);
}

/* Puts S as the text of column COL of the row (empty text needs nothing). */
static void cell_put(XlsxReader *r, int col, const char *s)
{
    size_t len = strlen(s);
    if (len == 0) return;
    if (col >= SHEET_MAX_CELLS) {
        if (!r->problem) r->problem = "extra_cells";
        return;
    }
    size_t room = r->text.len < SHEET_MAX_ROW_BYTES ? SHEET_MAX_ROW_BYTES - r->text.len : 0;
    if (len > room) {   /* a long shared string */
        len = utf8_cut(s, room);
        r->problem = "line_too_long";
        if (len == 0) return;
    }
    while (r->hi <= col) r->at[r->hi++] = 0;
    r->at[col] = r->text.len;
    buf_add(&r->text, s, len);
    buf_addc(&r->text, '\0');
    if (col + 1 > r->n) r->n = col + 1;
}

/* The text of the cell just read, by its type; NULL if the cell is broken
   (the parse was stopped). May point into OUT or the shared strings. */
static const char *cell_text(XlsxReader *r, char *out, size_t size)
{
    char *v = r->val.data;   /* never NULL: allocated at open */
    switch (r->type) {
    case CELL_SHARED: {
        long i = parse_count(v, SST_MAX_COUNT);
        if (i < 0 || (size_t)i >= r->sst_n) {
            xml_abort(&r->sx, "有单元格引用了不存在的共享字符串", "a cell refers to a shared string that does not exist");
            return NULL;
        }
        return r->sst_text.data + r->sst_at[i];
    }
    case CELL_TEXT:
        xstring_decode(v, r->val.len);
        return v;
    case CELL_BOOL:
        return strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : v;
    case CELL_DATE:
        return iso_date_text(v, out, size);
    case CELL_NUMBER:
        return number_text(v, style_kind(r, r->style), r->date1904, out, size);
    }
    return v;
}

static void cell_end(XlsxReader *r)
{
    char out[64];
    r->in_cell = false;
    const char *s = cell_text(r, out, sizeof out);
    if (s) cell_put(r, r->col, s);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    XlsxReader *r = ((XmlCtx *)ud)->r;
    const char *el = local_name(name);
    if (!r->in_data) {
        if (strcmp(el, "sheetData") == 0) r->in_data = true;
    } else if (strcmp(el, "row") == 0) {
        row_start(r, atts);
    } else if (!r->in_row) {
        return;
    } else if (strcmp(el, "c") == 0) {
        cell_start(r, atts);
    } else if (!r->in_cell) {
        return;
    } else if (strcmp(el, "v") == 0) {
        r->in_v = true;
    } else if (strcmp(el, "is") == 0) {
        r->in_is = true;
    } else if (strcmp(el, "rPh") == 0) {
        r->rph++;
    } else if (strcmp(el, "t") == 0 && r->in_is) {
        r->in_t = true;
    }
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    XlsxReader *r = ((XmlCtx *)ud)->r;
    const char *el = local_name(name);
    if (!r->in_data || r->sx.why_en) return;
    if (strcmp(el, "sheetData") == 0) r->in_data = false;
    else if (strcmp(el, "row") == 0 && r->in_row) row_end(r);
    else if (strcmp(el, "c") == 0 && r->in_cell) cell_end(r);
    else if (strcmp(el, "v") == 0) r->in_v = false;
    else if (strcmp(el, "is") == 0) r->in_is = false;
    else if (strcmp(el, "rPh") == 0 && r->rph > 0) r->rph--;
    else if (strcmp(el, "t") == 0) r->in_t = false;
}

static void XMLCALL sheet_chars(void *ud, const XML_Char *s, int len)
{
    XlsxReader *r = ((XmlCtx *)ud)->r;
    if (r->in_cell && (r->in_v || (r->in_t && r->rph == 0))) value_add(r, s, (size_t)len);
}

/* Feeds the worksheet to expat until a row is complete (1), the sheet ends (0)
   or it fails (-1). A suspended parse resumes where it stopped. */
static int xlsx_next(SheetReader *base, SheetRow *row)
{
    XlsxReader *r = (XlsxReader *)base;
    while (!r->failed && !r->done) {
        enum XML_Status st;
        r->ready = false;
        if (r->suspended) {
            r->suspended = false;
            st = XML_ResumeParser(r->sx.xml);
        } else {
            void *buf = XML_GetBuffer(r->sx.xml, READ_CHUNK);
            if (!buf) {
                fail(r, "%s：%s", "%s: %s", r->part.name, XML_ErrorString(XML_GetErrorCode(r->sx.xml)));
                break;
            }
            zip_int64_t got = part_read(r, &r->part, buf, READ_CHUNK);
            if (got < 0) break;
            r->fed_last = got == 0;
            st = XML_ParseBuffer(r->sx.xml, (int)got, r->fed_last);
        }
        if (!xml_ok(r, &r->sx, &r->part, st)) break;
        if (st == XML_STATUS_SUSPENDED) r->suspended = true;
        else if (r->fed_last) r->done = true;
        if (r->ready) {
            *row = (SheetRow){.number = r->number, .cells = r->cells, .n = r->n, .problem = r->problem};
            return 1;
        }
    }
    return r->failed ? -1 : 0;
}

static void xlsx_close(SheetReader *base)
{
    XlsxReader *r = (XlsxReader *)base;
    if (r->sx.xml) XML_ParserFree(r->sx.xml);
    if (r->part.f) zip_fclose(r->part.f);
    if (r->zip) zip_discard(r->zip);
    buf_free(&r->sst_text);
    buf_free(&r->text);
    buf_free(&r->val);
    free(r->sst_at);
    free(r->xf_kind);
    arena_free(r->a);
    free(r);
}

static const SheetOps xlsx_reader_ops = {.next = xlsx_next, .close = xlsx_close};

/* ---- opening ---- */

static bool open_zip(XlsxReader *r, const char *path)
{
    int code = 0;
    r->zip = zip_open(path, ZIP_RDONLY, &code);
    if (r->zip) return true;
    int sys = errno;
    if (code == ZIP_ER_NOZIP) {
        fail(r, "不是zip压缩包（旧版.xls或加密的工作簿请先另存为.xlsx）",
             "it is not a zip archive (save an old .xls or an encrypted workbook as .xlsx first)");
    } else if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ) {
        fail(r, "无法打开：%s", "cannot open it: %s", strerror(sys));
    } else {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        fail(r, "zip压缩包已损坏：%s", "the zip archive is damaged: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
    }
    return false;
}

/* Finds the worksheet to read and the shared strings and styles parts, from
   xl/workbook.xml and its relationships, with the usual names as fallback. */
static bool find_parts(XlsxReader *r, const char **sheet, const char **strings, const char **styles)
{
    static const Handlers book_h = {book_start, ignore_end, NULL};
    static const Handlers rels_h = {rels_start, ignore_end, NULL};
    BookParse book = {0};
    RelsParse rels = {0};
    book.tail = &book.head;
    rels.tail = &rels.head;
    int has_book = parse_part(r, &book.x, &book_h, "xl/workbook.xml", LIMIT_OTHER);
    if (has_book < 0 || parse_part(r, &rels.x, &rels_h, "xl/_rels/workbook.xml.rels", LIMIT_OTHER) < 0) return false;
    const Rel *rel;
    *sheet = choose_sheet(r, book.head, rels.head);
    if (!*sheet) *sheet = "xl/worksheets/sheet1.xml";
    *strings = (rel = rel_of_type(rels.head, "sharedStrings")) ? resolve_target(r->a, rel->target)
                                                                 : "xl/sharedStrings.xml";
    *styles = (rel = rel_of_type(rels.head, "styles")) ? resolve_target(r->a, rel->target) : "xl/styles.xml";
    if (has_book == 0 && zip_name_locate(r->zip, *sheet, ZIP_FL_NOCASE) < 0) {
        fail(r, "缺少xl/workbook.xml，不像是Excel工作簿", "xl/workbook.xml is missing: this is not an Excel workbook");
        return false;
    }
    return true;
}

/* Opens the worksheet part NAME for sheet_next() to stream. */
static bool open_sheet(XlsxReader *r, const char *name)
{
    static const Handlers h = {sheet_start, sheet_end, sheet_chars};
    int rc = part_open(r, &r->part, name, LIMIT_SHEET);
    if (rc == 0) fail(r, "找不到工作表%s", "the worksheet %s is missing", name);
    return rc > 0 && xml_new(&r->sx, r, &h);
}

SheetReader *sheet_xlsx_open(const char *path, Problems *p)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0) {
        problems_add(p, NULL, "empty_file");   /* libzip would take it for an empty archive */
        return NULL;
    }
    XlsxReader *r = xrealloc(NULL, sizeof *r);
    memset(r, 0, sizeof *r);
    r->base.ops = &xlsx_reader_ops;
    r->p = p;
    r->a = arena_new();
    buf_add(&r->val, "", 0);   /* so that the value is never NULL, and may be written in place */
    const char *sheet, *strings, *styles;
    /* the worksheet is opened (and its sizes checked) before the strings are loaded */
    bool ok = open_zip(r, path) && find_parts(r, &sheet, &strings, &styles) && open_sheet(r, sheet) &&
              read_styles(r, styles) && read_shared_strings(r, strings);
    if (!ok) {
        xlsx_close(&r->base);
        return NULL;
    }
    return &r->base;
}

/* ---- writing ---- */

enum {
    PAPER_A4 = 9,      /* libxlsxwriter's paper codes are Excel's */
    WIDTH_MIN = 8,     /* column widths, in Excel's units (about one digit each) */
    WIDTH_MAX = 50,
};

static const char SHEET_NAME[] = "儿童台账";

typedef struct XlsxWriter {
    SheetWriter base;        /* first: sheet.h dispatches on it */
    lxw_workbook *book;      /* freed by workbook_close() in sheet_finish() */
    lxw_worksheet *sheet;
    lxw_format *bold;        /* the header row's */
    char *path;              /* removed when it could not be written whole */
    lxw_row_t row;           /* the next row to write */
    unsigned char width[SHEET_MAX_CELLS];   /* widest text seen in each column */
    char *error;             /* the first error, for sheet_finish(); malloc'd */
} XlsxWriter;

/* Keeps the first error for sheet_finish(); returns false for sheet_write(). */
static bool writer_error(XlsxWriter *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool writer_error(XlsxWriter *w, const char *fmt, ...)
{
    if (w->error) return false;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&w->error, fmt, ap) < 0) abort();   /* out of memory */
    va_end(ap);
    return false;
}

/* How wide S shows: Chinese characters take two digits' width. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80) w++;
        else if (*p >= 0xE0) w += 2;   /* the lead byte of a 3- or 4-byte character: CJK and the like */
        else if (*p >= 0xC0) w++;
    }
    return w;
}

static void note_width(XlsxWriter *w, int col, const char *s)
{
    if (col >= SHEET_MAX_CELLS) return;
    size_t width = text_width(s) + 2;
    if (width > WIDTH_MAX) width = WIDTH_MAX;
    if (width > w->width[col]) w->width[col] = (unsigned char)width;
}

/* Writes the row's non-empty cells as strings; the first row (the header) bold. */
static bool xlsx_write(SheetWriter *base, const char *const *cells, int n)
{
    XlsxWriter *w = (XlsxWriter *)base;
    if (w->error) return false;
    if (w->row >= LXW_ROW_MAX)
        return writer_error(w, "too many rows: an .xlsx worksheet holds at most %d rows", LXW_ROW_MAX);
    if (n > LXW_COL_MAX)
        return writer_error(w, "row %u has %d cells: an .xlsx worksheet holds at most %d columns",
                            (unsigned)w->row + 1, n, LXW_COL_MAX);
    for (int i = 0; i < n; i++) {
        if (!cells[i] || !cells[i][0]) continue;
        lxw_error e = worksheet_write_string(w->sheet, w->row, (lxw_col_t)i, cells[i], w->row == 0 ? w->bold : NULL);
        if (e != LXW_NO_ERROR)
            return writer_error(w, "row %u, column %d: %s", (unsigned)w->row + 1, i + 1, lxw_strerror(e));
        note_width(w, i, cells[i]);
    }
    w->row++;
    return true;
}

/* Sets each column as wide as its widest text (within bounds). libxlsxwriter
   writes the column widths when it closes the workbook, even in its
   constant-memory mode, so they can be known only now. */
static void set_widths(XlsxWriter *w)
{
    for (int i = 0; i < SHEET_MAX_CELLS; i++)
        if (w->width[i])
            worksheet_set_column(w->sheet, (lxw_col_t)i, (lxw_col_t)i, w->width[i] < WIDTH_MIN ? WIDTH_MIN : w->width[i],
                                 NULL);
}

static bool xlsx_finish(SheetWriter *base, char **err)
{
    XlsxWriter *w = (XlsxWriter *)base;
    set_widths(w);
    lxw_error e = workbook_close(w->book);   /* frees the workbook whatever happens */
    if (e != LXW_NO_ERROR) writer_error(w, "cannot write %s: %s", w->path, lxw_strerror(e));
    bool ok = !w->error;
    if (!ok) remove(w->path);   /* a partial workbook is worse than none */
    if (err) *err = w->error;
    else free(w->error);
    free(w->path);
    free(w);
    return ok;
}

static const SheetOps xlsx_writer_ops = {.write = xlsx_write, .finish = xlsx_finish};

/* How a ledger prints: too wide for any page, so A4 landscape at 80% (text
   of about 9 points, a row's 33 columns on four or five pages rather than
   six), page after page across then down, each page with the header row and
   the name and ID number columns, so that every piece of a row says whose it
   is; with the grid, since the cells have no borders, and numbered pages. */
static void print_setup(lxw_worksheet *sheet)
{
    worksheet_set_landscape(sheet);
    worksheet_set_print_scale(sheet, 80);
    worksheet_set_paper(sheet, PAPER_A4);
    worksheet_set_margins(sheet, 0.4, 0.4, 0.6, 0.6);
    worksheet_repeat_rows(sheet, 0, 0);
    worksheet_repeat_columns(sheet, 0, 1);
    worksheet_print_across(sheet);
    worksheet_gridlines(sheet, LXW_SHOW_PRINT_GRIDLINES);
    worksheet_set_footer(sheet, "&C第 &P 页，共 &N 页");
}

SheetWriter *sheet_xlsx_create(const char *path, char **err)
{
    /* libxlsxwriter opens PATH only when the workbook is closed: try it now, so
       that a wrong directory is reported before any row is written. */
    FILE *f = fopen(path, "wb");
    if (!f) {
        if (asprintf(err, "cannot create %s: %s", path, strerror(errno)) < 0) abort();
        return NULL;
    }
    fclose(f);
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *book = workbook_new_opt(path, &opt);
    lxw_worksheet *sheet = book ? workbook_add_worksheet(book, SHEET_NAME) : NULL;
    if (!sheet) {
        if (book) lxw_workbook_free(book);
        remove(path);
        if (asprintf(err, "cannot create %s: no memory or no temporary file", path) < 0) abort();
        return NULL;
    }
    XlsxWriter *w = xrealloc(NULL, sizeof *w);
    memset(w, 0, sizeof *w);
    w->base.ops = &xlsx_writer_ops;
    w->book = book;
    w->sheet = sheet;
    w->bold = workbook_add_format(book);
    format_set_bold(w->bold);
    worksheet_freeze_panes(sheet, 1, 0);
    print_setup(sheet);
    w->path = strdup(path);
    if (!w->path) abort();
    return &w->base;
}
