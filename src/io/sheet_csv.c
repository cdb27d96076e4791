/*
** CSV sheets (see sheet.h), through libcsv. Reading streams the file in
** 64 KiB chunks; the rows libcsv completes in a chunk wait in a small queue.
** The encoding is decided once from the first chunk: a UTF-8 BOM or valid
** UTF-8 means UTF-8, else GB18030 if the sample converts, else the file is
** refused. In GB18030 mode each cell is converted on its own, so a character
** is never split between chunks.
**
** Formula injection: a spreadsheet that opens a CSV runs a cell beginning
** with = + - @ (or a tab or carriage return before them) as a formula, so a
** child's name like "=HYPERLINK(...)" typed into the ledger would run on the
** worker's machine. The writer puts an apostrophe before such a cell (what
** spreadsheets themselves use to mark text) and the reader takes exactly one
** away again, so that an export re-imports unchanged (cell_is_formula_like).
*/
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "io/sheet.h"
#include "util/buf.h"
#include "util/text.h"

enum { CHUNK = 64 * 1024 };

typedef struct QueuedRow {
    struct QueuedRow *next;
    SheetRow row;
} QueuedRow;

typedef struct CsvReader {
    SheetReader base;
    FILE *f;
    Problems *problems;
    struct csv_parser parser;
    bool gb18030;
    bool eof;
    Arena *rows;                 /* the queue's rows; reset when the queue is empty */
    QueuedRow *head, *tail;
    /* the row being parsed: its cells, each NUL-terminated, one after another;
       on the heap, since a row can span chunks while the queue's arena is reset */
    Buf cellbuf;
    int ncells;
    size_t row_bytes;
    const char *row_problem;
    long line;                   /* rows ended so far */
    int last_end;                /* the character that ended the last row ('\r', '\n', -1 at the end) */
    char *pending;               /* the first chunk, read for detection, parsed first */
    size_t pending_len;
} CsvReader;

/* Whether a spreadsheet could take C as a formula: after any apostrophes,
   it begins with one of = + - @, a tab or a carriage return. The apostrophes
   count so that writing and reading stay each other's inverse: the writer
   adds one to every such cell, the reader removes one only from a cell that
   is still formula-like without it. */
static bool cell_is_formula_like(const char *c, size_t len)
{
    size_t i = 0;
    while (i < len && c[i] == '\'') i++;
    return i < len && c[i] != 0 && strchr("=+-@\t\r", c[i]) != NULL;
}

/* Adds one read cell to the row being parsed, less the apostrophe the writer
   put before a formula-like cell. */
static void add_cell_text(CsvReader *r, const char *s, size_t len)
{
    if (len > 1 && s[0] == '\'' && cell_is_formula_like(s + 1, len - 1)) {
        s++;
        len--;
    }
    buf_add(&r->cellbuf, s, len);
}

static void on_field(void *data, size_t len, void *ctx)
{
    CsvReader *r = ctx;
    r->row_bytes += len;
    if (r->row_bytes > SHEET_MAX_ROW_BYTES) {
        r->row_problem = "line_too_long";
        return;
    }
    if (r->ncells >= SHEET_MAX_CELLS) {
        if (!r->row_problem) r->row_problem = "extra_cells";
        return;
    }
    const char *s = data ? data : "";
    r->ncells++;
    if (r->gb18030) {
        Arena *tmp = arena_new();
        size_t n = 0;
        char *cell = text_from_gb18030(tmp, s, len, &n);
        if (cell) add_cell_text(r, cell, n);
        else r->row_problem = "bad_encoding";
        arena_free(tmp);
    } else if (!utf8_valid(s, len)) {
        if (!r->row_problem) r->row_problem = "bad_utf8";
    } else {
        add_cell_text(r, s, len);
    }
    buf_addc(&r->cellbuf, 0);
}

static void on_row(int c, void *ctx)
{
    CsvReader *r = ctx;
    /* CSV_REPALL_NL reports the '\n' of a "\r\n" (Excel's line end) as an
       empty row of its own: it is no row, and must not shift row numbers */
    bool crlf = c == '\n' && r->last_end == '\r' && r->ncells == 0;
    r->last_end = c;
    if (crlf) return;
    QueuedRow *q = arena_alloc(r->rows, sizeof *q);
    q->row.number = ++r->line;
    q->row.cells = arena_alloc(r->rows, (size_t)(r->ncells ? r->ncells : 1) * sizeof *q->row.cells);
    q->row.n = r->ncells;
    q->row.problem = r->row_problem;
    char *text = arena_strndup(r->rows, buf_str(&r->cellbuf), r->cellbuf.len);
    for (int i = 0; i < r->ncells; i++) {
        q->row.cells[i] = text;
        text += strlen(text) + 1;
    }
    if (r->tail) r->tail->next = q;
    else r->head = q;
    r->tail = q;
    buf_clear(&r->cellbuf);
    r->ncells = 0;
    r->row_bytes = 0;
    r->row_problem = NULL;
}

/* Feeds LEN bytes at DATA to libcsv; false (with a problem) on a parse error. */
static bool feed(CsvReader *r, const char *data, size_t len)
{
    if (csv_parse(&r->parser, data, len, on_field, on_row, r) != len) {
        problems_add(r->problems, NULL, "bad_csv", csv_strerror(csv_error(&r->parser)));
        return false;
    }
    return true;
}

static int csv_next(SheetReader *base, SheetRow *row)
{
    CsvReader *r = (CsvReader *)base;
    if (!r->head) {
        arena_reset(r->rows);   /* the row handed out last time is no longer needed */
        r->tail = NULL;
    }
    while (!r->head && !r->eof) {
        if (r->pending) {
            bool ok = feed(r, r->pending, r->pending_len);
            free(r->pending);
            r->pending = NULL;
            if (!ok) return -1;
            continue;
        }
        char chunk[CHUNK];
        size_t n = fread(chunk, 1, sizeof chunk, r->f);
        if (n > 0 && !feed(r, chunk, n)) return -1;
        if (n < sizeof chunk) {
            if (ferror(r->f)) {
                problems_add(r->problems, NULL, "bad_csv", strerror(errno));
                return -1;
            }
            csv_fini(&r->parser, on_field, on_row, r);
            r->eof = true;
        }
    }
    if (!r->head) return 0;
    QueuedRow *q = r->head;
    r->head = q->next;
    if (!r->head) r->tail = NULL;
    *row = q->row;
    return 1;
}

static void csv_close(SheetReader *base)
{
    CsvReader *r = (CsvReader *)base;
    csv_free(&r->parser);
    if (r->f) fclose(r->f);
    free(r->pending);
    buf_free(&r->cellbuf);
    arena_free(r->rows);
    free(r);
}

/* Whether the sample is UTF-8, forgiving a character cut off at its end. */
static bool sample_is_utf8(const char *s, size_t n, bool whole_file)
{
    if (utf8_valid(s, n)) return true;
    if (whole_file) return false;
    for (size_t cut = 1; cut <= 3 && cut < n; cut++)
        if (utf8_valid(s, n - cut)) return true;
    return false;
}

/* Whether S holds well-formed multi-byte UTF-8 characters (at least a few). */
static bool has_utf8_sequences(const char *s, size_t n)
{
    int found = 0;
    for (size_t i = 0; i + 2 < n && found < 4; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xF0) == 0xE0 && utf8_valid(s + i, 3)) {
            found++;
            i += 2;
        }
    }
    return found >= 4;
}

static const SheetOps csv_reader_ops = {csv_next, csv_close, NULL, NULL};

SheetReader *sheet_csv_open(const char *path, Problems *p)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        problems_add(p, NULL, "bad_csv", strerror(errno));
        return NULL;
    }
    char *sample = malloc(CHUNK);
    if (!sample) abort();
    size_t n = fread(sample, 1, CHUNK, f);
    bool whole = n < CHUNK;
    size_t skip = n >= 3 && memcmp(sample, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    Arena *scratch = arena_new();
    bool empty = text_blank(arena_strndup(scratch, sample + skip, n - skip));
    bool utf8 = skip || sample_is_utf8(sample, n, whole);
    bool gb = !utf8 && text_from_gb18030(scratch, sample, whole ? n : n - (n > 4 ? 4 : 0), NULL) != NULL;
    /* UTF-8 text with a damaged cell is still UTF-8: that row is reported, not the file */
    if (!utf8 && !gb && has_utf8_sequences(sample, n)) utf8 = true;
    arena_free(scratch);
    if (empty || (!utf8 && !gb)) {
        problems_add(p, NULL, empty ? "empty_file" : "bad_encoding");
        free(sample);
        fclose(f);
        return NULL;
    }
    CsvReader *r = calloc(1, sizeof *r);
    if (!r) abort();
    r->base.ops = &csv_reader_ops;
    r->f = f;
    r->problems = p;
    r->gb18030 = gb;
    r->rows = arena_new();
    csv_init(&r->parser, CSV_APPEND_NULL | CSV_REPALL_NL);
    /* libcsv grows a field's buffer by this many bytes at a time (128 by
       default): an overlong line then costs one realloc per 128 bytes, a
       quadratic copy that took minutes under ASan for the 10 MB line of the
       tests; by 256 KiB, a handful of reallocs. */
    csv_set_blk_size(&r->parser, 256 * 1024);
    memmove(sample, sample + skip, n - skip);
    r->pending = sample;
    r->pending_len = n - skip;
    return &r->base;
}

/* ---- writing ---- */

typedef struct CsvWriter {
    SheetWriter base;
    FILE *f;
    bool failed;
} CsvWriter;

/* Writes one cell, quoted only where CSV needs it, so the file stays
   readable in a text editor. */
static void csv_write_cell(CsvWriter *w, const char *c)
{
    if (strpbrk(c, ",\"\r\n") || c[0] == ' ') {
        if (csv_fwrite(w->f, c, strlen(c)) != 0) w->failed = true;
    } else if (fputs(c, w->f) == EOF) {
        w->failed = true;
    }
}

static bool csv_write_row(SheetWriter *base, const char *const *cells, int n)
{
    CsvWriter *w = (CsvWriter *)base;
    for (int i = 0; i < n && !w->failed; i++) {
        const char *c = cells[i] ? cells[i] : "";
        if (i && fputc(',', w->f) == EOF) w->failed = true;
        size_t len = strlen(c);
        if (!cell_is_formula_like(c, len)) {
            csv_write_cell(w, c);
            continue;
        }
        /* the apostrophe goes inside the quotes a cell may need */
        char *marked = malloc(len + 2);
        if (!marked) abort();
        marked[0] = '\'';
        memcpy(marked + 1, c, len + 1);
        csv_write_cell(w, marked);
        free(marked);
    }
    if (fputs("\r\n", w->f) == EOF) w->failed = true;
    return !w->failed;
}

static bool csv_finish(SheetWriter *base, char **err)
{
    CsvWriter *w = (CsvWriter *)base;
    bool ok = !w->failed && fflush(w->f) == 0;
    /* a file is synced so that "written" means on disk; a pipe or terminal cannot be */
    struct stat st;
    if (ok && fstat(fileno(w->f), &st) == 0 && S_ISREG(st.st_mode)) ok = fsync(fileno(w->f)) == 0;
    int e = errno;
    if (fclose(w->f) != 0) ok = false;
    if (!ok && err) *err = strdup(strerror(e ? e : EIO));
    free(w);
    return ok;
}

static const SheetOps csv_writer_ops = {NULL, NULL, csv_write_row, csv_finish};

SheetWriter *sheet_csv_create(const char *path, char **err)
{
    FILE *f = strcmp(path, "-") == 0 ? fdopen(dup(1), "wb") : fopen(path, "wb");
    if (!f) {
        if (err) *err = strdup(strerror(errno));
        return NULL;
    }
    CsvWriter *w = calloc(1, sizeof *w);
    if (!w) abort();
    w->base.ops = &csv_writer_ops;
    w->f = f;
    if (fputs("\xEF\xBB\xBF", f) == EOF) w->failed = true;   /* a BOM, so that Excel reads UTF-8 */
    return &w->base;
}
