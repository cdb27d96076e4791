/*
** The children's ledger as a spreadsheet (see ledger.h).
**
** Import streams the file row by row inside one transaction: each row is
** read into a Child, checked by the domain rules (child_validate) and the
** store, and inserted, merged into the record it matches (by ID number, or
** by name + birth date + village for a child without one), or recognised as
** unchanged. Any problem rolls everything back unless --skip-invalid, which
** writes the rejected rows, with a 错误原因 column, to a file of the same
** format for the user to fix and re-import.
**
** Blank cells mean "not given": they never clear what the ledger holds, so a
** partial ledger can be imported over a fuller one. Categories are added,
** never dropped: a category ends through an edit with a reason.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/codes.h"
#include "domain/idcard.h"
#include "io/ledger.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/text.h"

typedef enum ColKind {
    COL_TEXT,          /* a string field */
    COL_CODE,          /* a coded field: code, label or alias accepted */
    COL_DATE,
    COL_INT,
    COL_AREA,          /* the residence village: 12-digit code or exact name */
    COL_CATEGORIES,    /* several categories, separated by 、 ; , */
    COL_CATEGORY_FROM, /* their start date(s) */
    COL_INFO           /* written on export for people, ignored on import */
} ColKind;

typedef struct LedgerColumn {
    const char *key;         /* the field key (child_field_slot), or a name for the special kinds */
    ColKind kind;
    const CodeTable *codes;  /* COL_CODE */
    const char *heading;     /* written on export */
    const char *aliases;     /* other headings accepted on import, "|"-separated */
} LedgerColumn;

static const LedgerColumn columns[] = {
    {"name", COL_TEXT, NULL, "姓名", "儿童姓名|name"},
    {"id_number", COL_TEXT, NULL, "公民身份号码", "身份证号|身份证号码|身份证|证件号码|id_number|ID number"},
    {"sex", COL_CODE, &CODES_SEX, "性别", "sex"},
    {"birth_date", COL_DATE, NULL, "出生日期", "出生年月日|出生年月|birth_date|birth date"},
    {"ethnicity", COL_CODE, &CODES_ETHNICITY, "民族", "ethnicity"},
    {"hukou_type", COL_CODE, &CODES_HUKOU_TYPE, "户籍类型", "户口性质|户口类型|hukou_type|hukou type"},
    {"hukou_place", COL_TEXT, NULL, "户籍地址", "户籍地|户口所在地|hukou_place|hukou place"},
    {"area", COL_AREA, NULL, "居住村(社区)代码",
     "居住村（社区）代码|村(社区)代码|村（社区）代码|区划代码|居住村(社区)|居住村（社区）|所在村(社区)|所在村（社区）|area|village|village code"},
    {"town_name", COL_INFO, NULL, "镇街", "镇(街道)|镇（街道）|所在镇街"},
    {"village_name", COL_INFO, NULL, "村(社区)名称", "村（社区）名称"},
    {"address", COL_TEXT, NULL, "家庭住址", "现住址|居住地址|住址|address"},
    {"school", COL_TEXT, NULL, "就读学校", "学校|school"},
    {"enrolment", COL_CODE, &CODES_ENROLMENT, "就学状态", "就学情况|在校情况|enrolment"},
    {"health", COL_TEXT, NULL, "健康状况", "health"},
    {"disability_type", COL_CODE, &CODES_DISABILITY, "残疾类别", "残疾类型|disability_type|disability type"},
    {"disability_level", COL_INT, NULL, "残疾等级", "disability_level|disability level"},
    {"categories", COL_CATEGORIES, NULL, "儿童类别", "类别|儿童类型|categories|category"},
    {"categories_from", COL_CATEGORY_FROM, NULL, "类别起始日期", "类别开始日期|纳入日期|认定日期|category_from|category start date"},
    {"father.name", COL_TEXT, NULL, "父亲姓名", "father_name|father's name"},
    {"father.id_number", COL_TEXT, NULL, "父亲身份证号", "父亲公民身份号码|father_id_number"},
    {"father.situation", COL_CODE, &CODES_SITUATION, "父亲状况", "父亲情况|father_situation|father's situation"},
    {"father.situation_since", COL_DATE, NULL, "父亲状况起始日期", "father_situation_since"},
    {"father.term_months", COL_INT, NULL, "父亲期限(月)", "父亲刑期(月)|父亲刑期（月）|father_term_months"},
    {"mother.name", COL_TEXT, NULL, "母亲姓名", "mother_name|mother's name"},
    {"mother.id_number", COL_TEXT, NULL, "母亲身份证号", "母亲公民身份号码|mother_id_number"},
    {"mother.situation", COL_CODE, &CODES_SITUATION, "母亲状况", "母亲情况|mother_situation|mother's situation"},
    {"mother.situation_since", COL_DATE, NULL, "母亲状况起始日期", "mother_situation_since"},
    {"mother.term_months", COL_INT, NULL, "母亲期限(月)", "母亲刑期(月)|母亲刑期（月）|mother_term_months"},
    {"guardian.name", COL_TEXT, NULL, "监护人姓名", "实际监护人|实际监护人姓名|guardian_name|guardian's name"},
    {"guardian.relation", COL_CODE, &CODES_RELATION, "监护人关系", "与儿童关系|监护人与儿童关系|guardian_relation"},
    {"guardian.phone", COL_TEXT, NULL, "监护人电话", "联系电话|监护人联系电话|guardian_phone|guardian's phone"},
    {"status", COL_CODE, &CODES_RECORD_STATUS, "档案状态", "状态|status"},
    {"status_reason", COL_TEXT, NULL, "状态原因", "status_reason"},
};
enum { NCOLUMNS = sizeof columns / sizeof *columns };
/* Rows between two writes of the deferred name-search index in an import:
   its sort holds three grams a row (some 6 MB for 100,000). */
enum { NAMES_BATCH = 100000 };

static const char REJECT_HEADING[] = "错误原因";

/* ---- headings ---- */

static bool heading_is(const LedgerColumn *c, const char *h)
{
    if (strcmp(h, c->heading) == 0 || strcmp(h, c->key) == 0) return true;
    size_t n = strlen(h);
    for (const char *p = c->aliases; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncasecmp(p, h, n) == 0) return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

static const LedgerColumn *column_for_heading(const char *h)
{
    for (int i = 0; i < NCOLUMNS; i++)
        if (heading_is(&columns[i], h)) return &columns[i];
    return NULL;
}

typedef struct Layout {
    const LedgerColumn **by_cell;   /* the column of each cell of the file, or NULL */
    const char **heading;           /* the file's own heading of each cell */
    long *slot;                     /* where in a Child each cell's field is kept (child_field_slot), or -1:
                                       found once per file, not per cell (3 % of an import, issue #8) */
    int n;
} Layout;

/* Maps the header row; adds a problem for a missing or repeated column. */
static bool read_layout(const SheetRow *row, Layout *l, Problems *p, Problems *warnings, Arena *a)
{
    size_t before = p->count;
    l->n = row->n;
    l->by_cell = arena_alloc(a, (size_t)(row->n + 1) * sizeof *l->by_cell);
    l->heading = arena_alloc(a, (size_t)(row->n + 1) * sizeof *l->heading);
    l->slot = arena_alloc(a, (size_t)(row->n + 1) * sizeof *l->slot);
    bool seen[NCOLUMNS] = {false};
    for (int i = 0; i < row->n; i++) {
        char *h = text_fold(a, row->cells[i]);
        l->heading[i] = h;
        if (!*h || strcmp(h, REJECT_HEADING) == 0) continue;
        const LedgerColumn *c = column_for_heading(h);
        if (!c) {
            Problem *w = problems_add(warnings, NULL, "unknown_column", h);
            if (w) w->column = h;
            continue;
        }
        if (seen[c - columns]) {
            problems_add(p, NULL, "duplicate_column", h);
            continue;
        }
        seen[c - columns] = true;
        l->by_cell[i] = c;
        Child probe;
        ChildFieldKind kind;
        void *slot = child_field_slot(&probe, c->key, &kind);
        l->slot[i] = slot ? (long)((char *)slot - (char *)&probe) : -1;
    }
    if (!seen[0]) problems_add(p, NULL, "missing_column", columns[0].heading);
    for (int i = 0; i < NCOLUMNS; i++)
        if (strcmp(columns[i].key, "area") == 0 && !seen[i]) problems_add(p, NULL, "missing_column", columns[i].heading);
    return p->count == before;
}

/* The file's heading for a problem about FIELD ("categories[1].from" -> 类别起始日期). */
static const char *heading_for_field(const Layout *l, const char *field)
{
    if (!field) return NULL;
    const char *key = field;
    if (strncmp(field, "categories", 10) == 0) key = strstr(field, ".from") ? "categories_from" : "categories";
    for (int i = 0; i < l->n; i++)
        if (l->by_cell[i] && strcmp(l->by_cell[i]->key, key) == 0) return l->heading[i];
    return NULL;
}

/* ---- a row into a Child ---- */

static bool blank_row(const SheetRow *row)
{
    for (int i = 0; i < row->n; i++)
        if (!text_blank(row->cells[i])) return false;
    return true;
}

/* Splits a cell of several values ("孤儿、困境儿童"), in A; returns the count. */
static int split_list(Arena *a, const char *cell, char ***out)
{
    static const char *const seps[] = {"、", "；", "，", ";", ",", "/", "\n", NULL};
    char *s = arena_strdup(a, cell);
    for (int i = 0; seps[i]; i++) {
        size_t n = strlen(seps[i]);
        for (char *p = strstr(s, seps[i]); p; p = strstr(p, seps[i])) {
            memset(p, '\x1f', n);
        }
    }
    int count = 0, cap = 4;
    char **items = arena_alloc(a, (size_t)cap * sizeof *items);
    for (char *tok = strtok(s, "\x1f"); tok; tok = strtok(NULL, "\x1f")) {
        char *t = text_trim(a, tok);
        if (!*t) continue;
        if (count == cap) {
            char **more = arena_alloc(a, (size_t)cap * 2 * sizeof *more);
            memcpy(more, items, (size_t)count * sizeof *items);
            items = more;
            cap *= 2;
        }
        items[count++] = t;
    }
    *out = items;
    return count;
}

/* A category named without its sub-type: which codes it could mean. */
static const char *ambiguous_category(const char *name, Lang lang)
{
    if (strcmp(name, "孤儿") == 0)
        return lang == LANG_ZH ? "机构集中养育孤儿、社会散居孤儿" : "orphan_institution, orphan_scattered";
    if (strcmp(name, "困境儿童") == 0)
        return lang == LANG_ZH ? "困境儿童(家庭贫困)、困境儿童(自身残疾)、困境儿童(监护缺失或不当)"
                               : "difficulty_poverty, difficulty_disability, difficulty_guardianship";
    return NULL;
}

typedef struct RowCategories {
    char **names, **froms;
    int n, nfrom;
} RowCategories;

static void read_categories(Child *c, const RowCategories *rc, Arena *a, Problems *p)
{
    if (rc->n == 0) return;
    if (rc->nfrom > 1 && rc->nfrom != rc->n) {
        problems_add_texts(p, "categories_from", "category_dates_count", "起始日期的个数与儿童类别的个数不一致",
                           "give one start date, or one for each category");
        return;
    }
    c->categories = arena_alloc(a, (size_t)rc->n * sizeof *c->categories);
    for (int i = 0; i < rc->n; i++) {
        const char *name = rc->names[i];
        const char *which = ambiguous_category(name, LANG_ZH);
        if (which) {
            problems_add_texts(p, "categories", "ambiguous_category",
                               arena_printf(a, "“%s”不够具体，请写明：%s", name, which),
                               arena_printf(a, "\"%s\" is not specific enough; write one of: %s", name,
                                            ambiguous_category(name, LANG_EN)));
            continue;
        }
        const CodeEntry *e = code_find(&CODES_CATEGORY, name);
        if (!e) {
            code_problem(p, "categories", name, &CODES_CATEGORY);
            continue;
        }
        Category *cat = &c->categories[c->n_categories++];
        cat->code = e->code;
        const char *from = rc->nfrom == 0 ? NULL : rc->froms[rc->nfrom == 1 ? 0 : i];
        if (from) {
            Date d;
            if (!date_parse_loose(text_fold(a, from), &d)) problems_add(p, "categories[0].from", "bad_date", from);
            cat->from = d;
            cat->status = "approved";   /* an existing beneficiary: confirmed from that date */
        } else {
            cat->status = "applied";
        }
    }
}

/* Sets one cell's value into C; SLOT is where C keeps the column's field (NULL for the special kinds). */
static void read_cell(Store *s, Child *c, const LedgerColumn *col, void *slot, const char *raw, RowCategories *rc,
                      Arena *a, Problems *p)
{
    char *v = text_fold(a, raw);
    if (!*v) return;
    switch (col->kind) {
    case COL_TEXT:
        *(const char **)slot = col == &columns[0] ? text_trim(a, raw) : v;   /* names keep full-width text */
        return;
    case COL_CODE: {
        const CodeEntry *e = code_find(col->codes, v);
        if (e) *(const char **)slot = e->code;
        else code_problem(p, col->key, v, col->codes);
        return;
    }
    case COL_DATE: {
        Date d;
        if (date_parse_loose(v, &d)) *(Date *)slot = d;
        else problems_add(p, col->key, "bad_date", v);
        return;
    }
    case COL_INT: {
        char *end;
        long n = strtol(v, &end, 10);
        if (*end == 0 && n >= 0 && n <= 600) *(int *)slot = (int)n;
        else problems_add_texts(p, col->key, "not_a_number", arena_printf(a, "“%s”不是整数", v),
                                arena_printf(a, "\"%s\" is not a whole number", v));
        return;
    }
    case COL_AREA: {
        if (strlen(v) == 12 && strspn(v, "0123456789") == 12) {
            c->area = v;
            return;
        }
        Area area;
        StoreRc r = store_area_by_name(s, v, 3, &area, a);
        if (r == STORE_OK) c->area = area.code;
        else if (r == STORE_CONFLICT) problems_add(p, "area", "ambiguous_area", v);
        else problems_add(p, "area", "unknown_area", v);
        return;
    }
    case COL_CATEGORIES:
        rc->n = split_list(a, v, &rc->names);
        return;
    case COL_CATEGORY_FROM:
        rc->nfrom = split_list(a, v, &rc->froms);
        return;
    case COL_INFO:
        return;
    }
}

static void read_row(Store *s, const Layout *l, const SheetRow *row, Child *c, Arena *a, Problems *p)
{
    RowCategories rc = {0};
    memset(c, 0, sizeof *c);
    for (int i = 0; i < row->n && i < l->n; i++)
        if (l->by_cell[i])
            read_cell(s, c, l->by_cell[i], l->slot[i] >= 0 ? (char *)c + l->slot[i] : NULL, row->cells[i], &rc, a, p);
    read_categories(c, &rc, a, p);
}

/* ---- merging into an existing record ---- */

/* Puts what the row gives (NEW) over the existing record (OLD), in OLD. */
static void merge_into(Child *old, const Child *new, Arena *a)
{
    for (int i = 0; i < NCOLUMNS; i++) {
        ChildFieldKind kind;
        void *to = child_field_slot(old, columns[i].key, &kind);
        const void *from = child_field_slot((Child *)new, columns[i].key, &kind);
        if (!to) continue;
        if (kind == CHILD_FIELD_STR && *(const char *const *)from) *(const char **)to = *(const char *const *)from;
        if (kind == CHILD_FIELD_DATE && date_is_set(*(const Date *)from)) *(Date *)to = *(const Date *)from;
        if (kind == CHILD_FIELD_INT && *(const int *)from) *(int *)to = *(const int *)from;
    }
    if (new->area) old->area = new->area;
    if (new->n_categories == 0) return;
    Category *cats = arena_alloc(a, (size_t)(old->n_categories + new->n_categories) * sizeof *cats);
    memcpy(cats, old->categories, (size_t)old->n_categories * sizeof *cats);
    int n = old->n_categories;
    for (int i = 0; i < new->n_categories; i++) {
        const Category *nc = &new->categories[i];
        Category *match = NULL;
        for (int k = 0; k < n; k++)
            if (strcmp(cats[k].code, nc->code) == 0 && strcmp(cats[k].status, "ended") != 0) match = &cats[k];
        if (!match) cats[n++] = *nc;
        else if (strcmp(match->status, "applied") == 0 && date_is_set(nc->from)) *match = *nc;   /* now confirmed */
    }
    old->categories = cats;
    old->n_categories = n;
}

/* ---- ID numbers seen in this file ---- */

/* Open addressing: an 18-character ID packed into 64 bits, with its row.
   12 bytes a slot, filled up to 4/5 before it doubles: for the city's 1.63 M
   rows 2 M slots (25 MB) rather than 4 M of 16 bytes (64 MB, and 96 MB while
   doubling: the import's peak memory, issue #8). */
typedef struct IdSeen {
    unsigned long long *keys;
    uint32_t *rows;
    size_t cap, n;
} IdSeen;

static unsigned long long pack_id(const char *id)
{
    unsigned long long v = 0;
    for (int i = 0; i < 17; i++) v = v * 10 + (unsigned)(id[i] - '0');
    return (v << 4 | (id[17] == 'X' ? 10u : (unsigned)(id[17] - '0'))) + 1;   /* never 0: 0 marks empty */
}

/* The row where ID was seen before, or 0 after remembering it at ROW. */
static long idseen_check(IdSeen *s, const char *id, long row)
{
    if (s->n * 5 >= s->cap * 4) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        unsigned long long *keys = calloc(cap, sizeof *keys);
        uint32_t *rows = calloc(cap, sizeof *rows);
        if (!keys || !rows) abort();
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->keys[i]) continue;
            size_t k = (size_t)(s->keys[i] * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1);
            while (keys[k]) k = (k + 1) & (cap - 1);
            keys[k] = s->keys[i];
            rows[k] = s->rows[i];
        }
        free(s->keys);
        free(s->rows);
        s->keys = keys;
        s->rows = rows;
        s->cap = cap;
    }
    unsigned long long key = pack_id(id);
    size_t k = (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & (s->cap - 1);
    while (s->keys[k]) {
        if (s->keys[k] == key) return s->rows[k];
        k = (k + 1) & (s->cap - 1);
    }
    s->keys[k] = key;
    s->rows[k] = (uint32_t)row;   /* row numbers: the whole city is 1.63 M rows, far below 4 G */
    s->n++;
    return 0;
}

/* ---- the import ---- */

typedef struct Import {
    Store *s;
    const ImportOptions *o;
    ImportReport *rep;
    Arena *a;              /* the report's */
    Arena *row_arena;      /* reset for each row */
    Layout layout;
    SheetRow header;
    SheetFormat format;
    SheetWriter *rejected;
    const char *input;
    IdSeen seen;
    StoreBulk *bulk;       /* an import into an empty ledger, until its first update (store_bulk_begin()) */
    char at[26];
} Import;

/* Writes ROW, with its problems as the 错误原因 cell, to the rejected-rows file. */
static void reject_row(Import *im, const SheetRow *row, size_t first_problem)
{
    im->rep->rejected++;
    if (!im->o->skip_invalid && !im->o->rejected_path) return;
    if (!im->rejected) {
        char *err = NULL;
        const char *path = im->o->rejected_path ? im->o->rejected_path : ledger_rejected_path(im->a, im->input);
        im->rejected = sheet_create(path, im->format, &err);
        if (!im->rejected) {
            im->rep->error = arena_printf(im->a, "cannot write the rejected rows to %s: %s", path, err ? err : "");
            free(err);
            return;
        }
        im->rep->rejected_path = path;
        const char **cells = arena_alloc(im->row_arena, (size_t)(im->header.n + 1) * sizeof *cells);
        for (int i = 0; i < im->header.n; i++) cells[i] = im->layout.heading[i];
        cells[im->header.n] = REJECT_HEADING;
        sheet_write(im->rejected, cells, im->header.n + 1);
    }
    Buf why = BUF_INIT;
    size_t i = 0;
    for (const Problem *p = im->rep->problems.head; p; p = p->next, i++)
        if (i >= first_problem) {
            const char *col = p->column ? p->column : "";
            buf_printf(&why, "%s%s%s%s", why.len ? "；" : "", col, *col ? "：" : "", p->text[LANG_ZH]);
        }
    if (im->rep->problems.count > i) buf_adds(&why, why.len ? "；……" : "……");
    int n = row->n > im->header.n ? row->n : im->header.n;
    const char **cells = arena_alloc(im->row_arena, (size_t)(n + 1) * sizeof *cells);
    for (int k = 0; k < n; k++) cells[k] = k < row->n ? row->cells[k] : "";
    cells[im->header.n] = buf_str(&why);
    sheet_write(im->rejected, cells, (n > im->header.n ? n : im->header.n) + 1);
    buf_free(&why);
}

/* Stores one valid row; adds problems for what the store finds. */
static StoreRc store_row(Import *im, Child *c)
{
    Arena *a = im->row_arena;
    Problems *p = &im->rep->problems;
    Child old;
    StoreRc r = STORE_NOTFOUND;
    if (c->id_number) r = store_child_by_id_number(im->s, &SCOPE_ALL, c->id_number, &old, a);
    else if (c->name && date_is_set(c->birth_date) && c->area)
        r = store_child_by_identity(im->s, c->name, c->birth_date, c->area, &old, a);
    if (r == STORE_CONFLICT) r = STORE_NOTFOUND;   /* several unnamed matches: record it as new */
    if (r != STORE_OK && r != STORE_NOTFOUND) return r;
    if (r == STORE_OK && im->bulk) {
        /* a row matching one imported before it: bulk mode allows inserts only */
        StoreRc e = store_bulk_end(im->s, im->bulk);
        im->bulk = NULL;
        if (e != STORE_OK) return e;
    }
    const char *reason = arena_printf(a, "导入台账 %s", im->input);
    Change ch = {im->o->author, reason, im->at};
    if (r == STORE_NOTFOUND) {
        if (!child_validate(c, a, im->o->today, &im->o->rules, true, p)) return STORE_INVALID;
        r = store_child_insert(im->s, c, &ch, p);
        if (r == STORE_OK) im->rep->inserted++;
        return r;
    }
    merge_into(&old, c, a);
    if (!child_validate(&old, a, im->o->today, &im->o->rules, false, p)) return STORE_INVALID;
    bool changed = false;
    r = store_child_update(im->s, &old, old.version, &ch, p, &changed, NULL);
    if (r == STORE_OK) {
        if (changed) im->rep->updated++;
        else im->rep->unchanged++;
    }
    return r;
}

static StoreRc import_row(Import *im, const SheetRow *row)
{
    Problems *p = &im->rep->problems;
    size_t mark = p->count;
    Arena *a = im->row_arena;
    im->rep->rows++;
    StoreRc r = STORE_OK;
    if (row->problem) {
        if (strcmp(row->problem, "line_too_long") == 0) problems_add(p, NULL, "line_too_long", SHEET_MAX_ROW_BYTES);
        else problems_add(p, NULL, row->problem);
    } else {
        Child c;
        read_row(im->s, &im->layout, row, &c, a, p);
        if (p->count == mark && c.id_number) {
            /* the same person twice in one file is an error, not an update */
            Problems tmp;
            problems_init(&tmp, a);
            IdInfo info;
            if (idcard_parse(c.id_number, DATE_NONE, &info, &tmp, "id_number")) {
                long first = idseen_check(&im->seen, info.number, row->number);
                if (first) problems_add(p, "id_number", "duplicate_in_file", first);
            }
        }
        if (p->count == mark) r = store_row(im, &c);
        if (r == STORE_INVALID) r = STORE_OK;
    }
    /* locate this row's problems: the row number and the file's own heading */
    size_t i = 0;
    for (Problem *pr = p->head; pr; pr = pr->next, i++)
        if (i >= mark) {
            pr->row = row->number;
            if (!pr->column) pr->column = heading_for_field(&im->layout, pr->field);
        }
    if (p->count > mark) reject_row(im, row, mark);
    return r;
}

char *ledger_rejected_path(Arena *a, const char *input)
{
    const char *dot = strrchr(input, '.'), *slash = strrchr(input, '/');
    if (!dot || (slash && dot < slash)) return arena_printf(a, "%s.rejected.csv", input);
    return arena_printf(a, "%.*s.rejected%s", (int)(dot - input), input, dot);
}

StoreRc ledger_import(Store *s, const char *path, const ImportOptions *o, ImportReport *rep, Arena *a)
{
    memset(rep, 0, sizeof *rep);
    problems_init(&rep->problems, a);
    problems_init(&rep->warnings, a);
    rep->problems.kept_max = 10000;
    Import im = {.s = s, .o = o, .rep = rep, .a = a, .input = path, .format = sheet_format_of(path)};
    clock_now_iso(im.at);
    SheetReader *r = sheet_open(path, &rep->problems);
    if (!r) return STORE_OK;

    /* the header: the first row that is not blank */
    SheetRow row;
    int got;
    while ((got = sheet_next(r, &row)) == 1 && blank_row(&row)) {}
    if (got != 1) {
        if (got == 0) problems_add(&rep->problems, NULL, "empty_file");
        sheet_close(r);
        return STORE_OK;
    }
    im.header = row;
    im.header.cells = arena_alloc(a, (size_t)(row.n + 1) * sizeof *row.cells);
    for (int i = 0; i < row.n; i++) im.header.cells[i] = arena_strdup(a, row.cells[i]);
    if (!read_layout(&im.header, &im.layout, &rep->problems, &rep->warnings, a)) {
        for (Problem *pr = rep->problems.head; pr; pr = pr->next) pr->row = row.number;
        sheet_close(r);
        return STORE_OK;
    }

    StoreRc sr = store_begin(s);
    if (sr != STORE_OK) {
        sheet_close(r);
        return sr;
    }
    im.row_arena = arena_new();
    sr = store_names_defer(s);   /* the name-search index in bulk, every NAMES_BATCH rows (store.h) */
    /* into an empty ledger: the other indexes built once at the end, the counters added once */
    if (sr == STORE_OK && !o->row_by_row) sr = store_bulk_begin(s, &im.bulk, a);
    while (sr == STORE_OK && (got = sheet_next(r, &row)) == 1) {
        if (blank_row(&row) && !row.problem) continue;
        arena_reset(im.row_arena);
        sr = import_row(&im, &row);
        if (o->progress && rep->rows % 10000 == 0) o->progress(o->progress_ctx, rep->rows);
        if (sr == STORE_OK && rep->rows % NAMES_BATCH == 0) sr = store_names_catch_up(s, true);
    }
    if (sr == STORE_OK) sr = store_names_catch_up(s, false);
    /* the ID numbers seen are no longer needed: their memory is not kept while the indexes are built */
    free(im.seen.keys);
    free(im.seen.rows);
    im.seen = (IdSeen){0};
    if (sr == STORE_OK) sr = store_bulk_end(s, im.bulk);
    if (got < 0 && sr == STORE_OK) rep->error = arena_strdup(a, problem_text(rep->problems.tail, LANG_ZH));
    bool commit = sr == STORE_OK && got == 0 && !o->dry_run && !rep->error &&
                  (rep->problems.count == 0 || o->skip_invalid);
    if (commit) {
        sr = store_commit(s);
        rep->written = sr == STORE_OK;
    } else {
        store_rollback(s);
    }
    if (im.rejected) {
        char *err = NULL;
        if (!sheet_finish(im.rejected, &err) && !rep->error)
            rep->error = arena_printf(a, "the rejected rows could not be written whole: %s", err ? err : "");
        free(err);
    }
    /* nothing of it stayed; a dry run reports what it would have done */
    if (!rep->written && !o->dry_run) rep->inserted = rep->updated = 0;
    arena_free(im.row_arena);
    free(im.seen.keys);
    free(im.seen.rows);
    sheet_close(r);
    return sr;
}

/* ---- export ---- */

typedef struct Export {
    Store *s;
    SheetWriter *w;
    long count;
    bool failed;
    Arena *names;                            /* the cached names below; reset on each miss */
    const char *village_code, *town_name, *village_name;   /* the last village looked up */
} Export;

static const char *label_of(const LedgerColumn *col, const char *value)
{
    return col->kind == COL_CODE ? code_label(col->codes, value, LANG_ZH) : value;
}

/* Names of the village AREA and its town, cached while consecutive rows share
   the village. The cache's memory is reset on each miss, so an export of the
   whole city stays as small as one of a village. */
static void area_names(Export *e, const char *area, const char **town, const char **village)
{
    if (!e->village_code || strcmp(e->village_code, area) != 0) {
        Area v, t;
        arena_reset(e->names);
        e->village_code = arena_strdup(e->names, area);
        e->village_name = e->town_name = "";
        if (store_area_get(e->s, area, &v, e->names) == STORE_OK) {
            e->village_name = v.name;
            if (v.parent && store_area_get(e->s, v.parent, &t, e->names) == STORE_OK) e->town_name = t.name;
        }
    }
    *town = e->town_name;
    *village = e->village_name;
}

static int export_child(void *ctx, const Child *c)
{
    Export *e = ctx;
    Arena *a = arena_new();
    const char *cells[NCOLUMNS];
    json_t *fields = child_fields(c);
    for (int i = 0; i < NCOLUMNS; i++) {
        const LedgerColumn *col = &columns[i];
        const char *v = json_string_value(json_object_get(fields, col->key));
        cells[i] = v ? label_of(col, v) : "";
    }
    /* the categories held now, and their start dates in the same order */
    Buf cats = BUF_INIT, froms = BUF_INIT;
    int listed = 0;
    for (int k = 0; k < c->n_categories; k++) {
        const Category *cat = &c->categories[k];
        if (strcmp(cat->status, "ended") == 0) continue;
        char d[11];
        const char *sep = listed++ ? "、" : "";
        buf_printf(&cats, "%s%s", sep, code_label(&CODES_CATEGORY, cat->code, LANG_ZH));
        buf_printf(&froms, "%s%s", sep, date_format(cat->from, d));
    }
    const char *town, *village;
    area_names(e, c->area, &town, &village);
    for (int i = 0; i < NCOLUMNS; i++) {
        if (columns[i].kind == COL_CATEGORIES) cells[i] = arena_strdup(a, buf_str(&cats));
        if (columns[i].kind == COL_CATEGORY_FROM) cells[i] = arena_strdup(a, buf_str(&froms));
        if (strcmp(columns[i].key, "town_name") == 0) cells[i] = town;
        if (strcmp(columns[i].key, "village_name") == 0) cells[i] = village;
    }
    if (!sheet_write(e->w, cells, NCOLUMNS)) e->failed = true;
    e->count++;
    buf_free(&cats);
    buf_free(&froms);
    json_decref(fields);
    arena_free(a);
    return e->failed;
}

StoreRc ledger_export(Store *s, const ChildFilter *f, SheetWriter *w, long *count, Arena *a)
{
    const char *headings[NCOLUMNS];
    for (int i = 0; i < NCOLUMNS; i++) headings[i] = columns[i].heading;
    *count = 0;
    if (!sheet_write(w, headings, NCOLUMNS)) return STORE_ERROR;
    Export e = {.s = s, .w = w, .names = arena_new()};
    StoreRc r = store_children_list(s, f, export_child, &e, NULL, a);
    arena_free(e.names);
    *count = e.count;
    return e.failed ? STORE_ERROR : r;
}
