/*
** SQLite backend: the children's ledger (see store.h). The current record is
** child.doc; child_category mirrors its categories for filters; each change
** appends a child_version row with the fields it changed.
*/
#include <stdio.h>
#include <string.h>
#include "domain/codes.h"
#include "store/db.h"
#include "store/sqlite_child_sql.h"
#include "util/buf.h"
#include "util/json_text.h"
#include "util/text.h"

/* Checks the village of C exists and is village-level. */
static void check_area(Store *s, const Child *c, Problems *p, Arena *a)
{
    Area area;
    StoreRc r = store_area_get(s, c->area, &area, a);
    if (r == STORE_NOTFOUND) problems_add(p, "area", "unknown_area", c->area);
    else if (r == STORE_OK && area.level != 3)
        problems_add(p, "area", "not_village", arena_printf(a, "%s（%s）", area.name, area.code));
}

/* The id of the record holding ID_NUMBER, or 0. */
static long long id_number_owner(Store *s, const char *id_number)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT id FROM child WHERE id_number = :n");
    if (!st) return 0;
    db_bind_text(st, ":n", id_number);
    long long id = db_step(s, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    db_done(st);
    return id;
}

/* Writes C's categories; a FRESH record has none to delete first (the
   DELETE, an index search per imported row, found nothing). */
static StoreRc put_categories(Store *s, const Child *c, bool fresh)
{
    int rc;
    if (!fresh) {
        sqlite3_stmt *del = db_prepare(s, "DELETE FROM child_category WHERE child_id = :id");
        if (!del) return STORE_ERROR;
        db_bind_int64(del, ":id", c->id);
        rc = db_step(s, del);
        db_done(del);
        if (rc != SQLITE_DONE) return db_rc(s, rc);
    }
    for (int i = 0; i < c->n_categories; i++) {
        const Category *cat = &c->categories[i];
        sqlite3_stmt *st = db_prepare(s, "INSERT INTO child_category(child_id, code, date_from, date_to, status, area) "
                                         "VALUES (:id, :code, :from, :to, :status, :area)");
        if (!st) return STORE_ERROR;
        db_bind_int64(st, ":id", c->id);
        db_bind_text(st, ":code", cat->code);
        db_bind_date(st, ":from", cat->from);
        db_bind_date(st, ":to", cat->to);
        db_bind_text(st, ":status", cat->status);
        db_bind_text(st, ":area", c->area);
        rc = db_step(s, st);
        db_done(st);
        if (rc != SQLITE_DONE) return db_rc(s, rc);
    }
    return STORE_OK;
}

/* Appends C's version with CHANGES, or with CHANGES_TEXT (already written; taken and freed) when CHANGES is NULL. */
static StoreRc put_version(Store *s, const Child *c, const Change *ch, json_t *changes, char *changes_text)
{
    char *text = changes_text;
    if (changes) {
        text = json_text_compact(changes);
        if (!text) text = json_dumps(changes, JSON_COMPACT);
    }
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO child_version(child_id, version, changed_at, changed_by, reason, changes) "
                                     "VALUES (:id, :version, :at, :by, :reason, :changes)");
    if (!st || !text) {
        free(text);
        return STORE_ERROR;
    }
    db_bind_int64(st, ":id", c->id);
    db_bind_int64(st, ":version", c->version);
    db_bind_text(st, ":at", ch->at);
    db_bind_text(st, ":by", ch->author);
    db_bind_text(st, ":reason", ch->reason);
    db_bind_text(st, ":changes", text);
    int rc = db_step(s, st);
    db_done(st);
    free(text);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* The changes of a record's first version, {"field":[null,"value"],...}, as
   json_dumps(fields_diff(NULL, FIELDS), JSON_COMPACT) writes them, without
   building that object: for an import this was a fifth of the time (an array
   per field, each checked for loops by jansson). NULL when a value is not a
   string (child_fields() writes none), and the caller takes the long way. */
static char *first_version_text(const json_t *fields)
{
    Buf b = BUF_INIT;
    const char *key;
    json_t *v;
    buf_addc(&b, '{');
    bool first = true;
    json_object_foreach((json_t *)fields, key, v) {
        if (!json_is_string(v)) {
            buf_free(&b);
            return NULL;
        }
        if (!first) buf_addc(&b, ',');
        first = false;
        json_text_string(&b, key);
        buf_adds(&b, ":[null,");
        json_text_string(&b, json_string_value(v));
        buf_addc(&b, ']');
    }
    buf_addc(&b, '}');
    return buf_take(&b);   /* caller frees */
}

/* B's text when it is valid UTF-8, else NULL (B freed either way). The
   writers without jansson copy strings as they are, where json_string()
   refuses invalid UTF-8 and its field is left out: a record that reaches the
   store has been validated, but should one not be, jansson's way decides. */
static char *utf8_text(Buf *b)
{
    if (utf8_valid(buf_str(b), b->len)) return buf_take(b);   /* caller frees */
    buf_free(b);
    return NULL;
}

/* C's document, child_to_json(C, false) as json_dumps() writes it: written
   straight from C (issue #8: building and freeing jansson's objects for it
   was a tenth of an import's instructions), jansson's way as the fallback. */
static char *doc_text(const Child *c)
{
    Buf b = BUF_INIT;
    buf_addc(&b, '{');
    child_json_members(&b, c, false, NULL);
    buf_addc(&b, '}');
    char *text = utf8_text(&b);
    if (text) return text;   /* caller frees */
    json_t *doc = child_to_json(c, false);
    text = json_text_compact(doc);
    if (!text) text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    return text;   /* caller frees */
}

/* The changes of C's first version written straight from C, or NULL when
   child_first_version_write() leaves it to the long way. Caller frees. */
static char *first_version_direct(const Child *c)
{
    Buf b = BUF_INIT;
    if (!child_first_version_write(&b, c)) {
        buf_free(&b);
        return NULL;
    }
    return utf8_text(&b);
}

/* Adds a problem when C's ID number belongs to another record. */
static void check_id_number(Store *s, const Child *c, Problems *p, Arena *a)
{
    if (c->id_number) {
        long long owner = id_number_owner(s, c->id_number);
        Child other;
        const Scope writer = {s->write_scope};
        bool elsewhere = owner && owner != c->id && s->write_scope[0] &&
                         store_child_get(s, &writer, owner, &other, a) == STORE_NOTFOUND;
        if (elsewhere) problems_add(p, "id_number", "duplicate_id_elsewhere", c->id_number);   /* no record number */
        else if (owner && owner != c->id) problems_add(p, "id_number", "duplicate_id", c->id_number, owner);
    }
}

/* Checks the change C: its reason, area and ID number. With ID_BY_INDEX
   (an insert) and no other problem, the ID number is left to child's UNIQUE
   index, and the caller runs check_id_number() only when the INSERT breaks
   it: a search of the index per imported row saved. With another problem
   the ID number is checked here, so that every problem is reported at once. */
static bool check_change(Store *s, const Child *c, const Change *ch, Problems *p, Arena *a, bool id_by_index)
{
    size_t before = p->count;
    if (!ch->reason || text_blank(ch->reason)) problems_add(p, "reason", "reason_required");
    if (s->write_scope[0] && !db_in_scope(s->write_scope, c->area)) problems_add(p, "area", "out_of_scope", c->area);
    else check_area(s, c, p, a);
    if (!id_by_index || p->count != before) check_id_number(s, c, p, a);
    return p->count == before;
}

/* Binds the columns an insert and an update of a record both write: the
   projections of C, its document TEXT, and who changed it when. */
static void bind_record(sqlite3_stmt *st, const Child *c, const char *text, const Change *ch)
{
    db_bind_text(st, ":area", c->area);
    db_bind_text(st, ":name", c->name);
    db_bind_text(st, ":idn", c->id_number);
    db_bind_text(st, ":sex", c->sex);
    db_bind_date(st, ":birth", c->birth_date);
    db_bind_text(st, ":status", c->status);
    db_bind_text(st, ":doc", text);
    db_bind_text(st, ":at", ch->at);
    db_bind_text(st, ":by", ch->author);
}

StoreRc store_child_insert(Store *s, Child *c, const Change *ch, Problems *p)
{
    if (!db_require_tx(s, "store_child_insert")) return STORE_ERROR;
    Arena *a = arena_new();
    c->id = 0;
    bool ok = check_change(s, c, ch, p, a, true);
    if (!ok) {
        arena_free(a);
        return STORE_INVALID;
    }

    char *text = doc_text(c);
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO child(version, area, name, id_number, sex, birth_date, status, doc, "
                                     "created_at, updated_at, updated_by) "
                                     "VALUES (1, :area, :name, :idn, :sex, :birth, :status, :doc, :at, :at, :by)");
    if (!st || !text) {
        free(text);
        arena_free(a);
        return STORE_ERROR;
    }
    bind_record(st, c, text, ch);
    int rc = db_step(s, st);
    int xrc = sqlite3_extended_errcode(s->db);
    db_done(st);
    free(text);
    if ((rc & 0xff) == SQLITE_CONSTRAINT && xrc == SQLITE_CONSTRAINT_UNIQUE) {
        /* id_number is child's only UNIQUE column: say whose it is */
        size_t before = p->count;
        check_id_number(s, c, p, a);
        arena_free(a);
        return p->count != before ? STORE_INVALID : db_rc(s, rc);
    }
    arena_free(a);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    c->id = sqlite3_last_insert_rowid(s->db);
    c->version = 1;

    StoreRc r = put_categories(s, c, true);
    if (r != STORE_OK) return r;
    char *text1 = first_version_direct(c);
    json_t *fields = text1 ? NULL : child_fields(c);
    if (!text1) text1 = first_version_text(fields);
    json_t *changes = text1 ? NULL : fields_diff(NULL, fields);
    r = put_version(s, c, ch, changes, text1);
    json_decref(fields);
    json_decref(changes);
    return r;
}

StoreRc store_child_from_text(Store *s, const ChildText *t, Child *out, Arena *a)
{
    memset(out, 0, sizeof *out);
    /* the text json_dumps() wrote is read without jansson; anything else, or a
       damaged document, is read the long way (issue #8, api2) */
    bool ok = t->doc && child_from_text(t->doc, out, a);
    if (!ok) {
        memset(out, 0, sizeof *out);
        json_error_t jerr;
        json_t *j = t->doc ? json_loads(t->doc, 0, &jerr) : NULL;
        Problems p;
        problems_init(&p, a);
        ok = j && child_from_json(j, out, a, false, &p);
        json_decref(j);
    }
    out->id = t->id;
    out->version = t->version;
    out->created_at = t->created_at ? arena_strdup(a, t->created_at) : NULL;
    out->updated_at = t->updated_at ? arena_strdup(a, t->updated_at) : NULL;
    out->updated_by = t->updated_by ? arena_strdup(a, t->updated_by) : NULL;
    if (!ok) {
        snprintf(s->errmsg, sizeof s->errmsg, "record %lld is damaged: its document does not read back (run 'shouhu check')",
                 out->id);
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* The text of the row at ST (CHILD_COLUMNS: id, version, doc, created_at,
   updated_at, updated_by), valid until the next step. */
static ChildText row_text(sqlite3_stmt *st)
{
    return (ChildText){sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1), db_text(st, 2),
                       db_text(st, 3), db_text(st, 4), db_text(st, 5)};
}

/* Reads the row at ST into OUT. */
static StoreRc read_child(Store *s, sqlite3_stmt *st, Child *out, Arena *a)
{
    ChildText t = row_text(st);
    return store_child_from_text(s, &t, out, a);
}

StoreRc store_child_get(Store *s, const Scope *scope, long long id, Child *out, Arena *a)
{
    char lo[16], hi[16];
    db_scope_bounds(scope->prefix, lo, hi);
    sqlite3_stmt *st = db_prepare(s, "SELECT " CHILD_COLUMNS " FROM child WHERE id = :id AND area >= :lo AND area < :hi");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    int rc = db_step(s, st);
    StoreRc r = rc == SQLITE_ROW ? read_child(s, st, out, a) : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
    db_done(st);
    return r;
}

StoreRc store_child_by_id_number(Store *s, const Scope *scope, const char *id_number, Child *out, Arena *a)
{
    char lo[16], hi[16];
    db_scope_bounds(scope->prefix, lo, hi);
    sqlite3_stmt *st = db_prepare(s, "SELECT " CHILD_COLUMNS " FROM child WHERE id_number = :n "
                                     "AND area >= :lo AND area < :hi");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":n", id_number);
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    int rc = db_step(s, st);
    StoreRc r = rc == SQLITE_ROW ? read_child(s, st, out, a) : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
    db_done(st);
    return r;
}

StoreRc store_child_by_identity(Store *s, const char *name, Date birth, const char *area, Child *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, CHILD_BY_IDENTITY_SQL);
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":name", name);
    db_bind_date(st, ":birth", birth);
    db_bind_text(st, ":area", area);
    int rc = db_step(s, st);
    StoreRc r;
    if (rc == SQLITE_ROW) {
        r = read_child(s, st, out, a);
        if (r == STORE_OK && db_step(s, st) == SQLITE_ROW) r = STORE_CONFLICT;
    } else {
        r = rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
    }
    db_done(st);
    return r;
}

StoreRc store_child_update(Store *s, Child *c, int base_version, const Change *ch, Problems *p, bool *changed,
                           int *current_version)
{
    *changed = false;
    if (!db_require_tx(s, "store_child_update")) return STORE_ERROR;
    Arena *a = arena_new();
    Child old;
    StoreRc r = store_child_get(s, &SCOPE_ALL, c->id, &old, a);
    if (r != STORE_OK) {
        arena_free(a);
        return r;
    }
    if (current_version) *current_version = old.version;
    if (s->write_scope[0] && !db_in_scope(s->write_scope, old.area)) {
        /* a record the writer may not change, found by an import's ID number */
        problems_add(p, "area", "out_of_scope", old.area);
        arena_free(a);
        return STORE_INVALID;
    }
    if (old.version != base_version) {
        problems_add(p, "version", "stale_version", old.version, base_version);
        arena_free(a);
        return STORE_CONFLICT;
    }
    bool ok = check_change(s, c, ch, p, a, false);
    json_t *old_fields = child_fields(&old), *new_fields = child_fields(c);
    json_t *changes = fields_diff(old_fields, new_fields);
    json_decref(old_fields);
    json_decref(new_fields);
    arena_free(a);
    if (!ok) {
        json_decref(changes);
        return STORE_INVALID;
    }
    if (json_object_size(changes) == 0) {
        json_decref(changes);
        c->version = base_version;
        return STORE_OK;
    }
    char *text = doc_text(c);
    sqlite3_stmt *st = db_prepare(s, "UPDATE child SET version = version + 1, area = :area, name = :name, "
                                     "id_number = :idn, sex = :sex, birth_date = :birth, status = :status, doc = :doc, "
                                     "updated_at = :at, updated_by = :by WHERE id = :id AND version = :base");
    if (!st || !text) {
        free(text);
        json_decref(changes);
        return STORE_ERROR;
    }
    bind_record(st, c, text, ch);
    db_bind_int64(st, ":id", c->id);
    db_bind_int64(st, ":base", base_version);
    int rc = db_step(s, st);
    db_done(st);
    free(text);
    if (rc != SQLITE_DONE) {
        json_decref(changes);
        return db_rc(s, rc);
    }
    c->version = base_version + 1;
    r = put_categories(s, c, false);
    if (r == STORE_OK) r = put_version(s, c, ch, changes, NULL);
    json_decref(changes);
    if (r == STORE_OK) *changed = true;
    return r;
}

StoreRc store_child_history(Store *s, const Scope *scope, long long id, HistoryFn fn, void *ctx)
{
    Arena *a = arena_new();
    Child c;
    StoreRc r = store_child_get(s, scope, id, &c, a);
    arena_free(a);
    if (r != STORE_OK) return r;
    sqlite3_stmt *st = db_prepare(s, "SELECT version, changed_at, changed_by, reason, changes FROM child_version "
                                     "WHERE child_id = :id ORDER BY version");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        HistoryEntry e = {sqlite3_column_int(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3), NULL};
        json_error_t jerr;
        e.changes = json_loads(db_text(st, 4), 0, &jerr);
        if (!e.changes) e.changes = json_object();
        int stop = fn(ctx, &e);
        json_decref(e.changes);
        if (stop) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* The search text of F, folded as the list compares it; NULL for none. In A. */
static const char *search_text(const ChildFilter *f, Arena *a)
{
    const char *q = f->q && *f->q ? text_fold(a, f->q) : NULL;
    return q && *q ? q : NULL;
}

/* A copy of the first N bytes of S with its last byte one higher: the end of
   the range of strings that begin with them (as db_scope_bounds()). In A. */
static char *prefix_end(Arena *a, const char *s, size_t n)
{
    char *e = arena_strndup(a, s, n);
    e[n - 1] = (char)((unsigned char)e[n - 1] + 1);
    return e;
}

/* Binds CHILD_WHERE_SEARCH's candidate ranges for the search text Q (the
   ID number forms UPPER and PREFIX as the filter's :q_id and :q_prefix). */
static void bind_search_ranges(sqlite3_stmt *st, const char *q, const char *upper, bool prefix, Arena *a)
{
    /* the grams: the first two characters of Q (one if it has one), lower-cased as the grams are */
    size_t n = 0;
    for (int chars = 0; q[n] && chars < 2; chars++)
        do n++;
        while (((unsigned char)q[n] & 0xC0) == 0x80);
    char *g = arena_strndup(a, q, n);
    for (char *p = g; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    db_bind_text(st, ":g_lo", g);
    db_bind_text(st, ":g_hi", prefix_end(a, g, n));
    /* the ID numbers: those beginning with UPPER, or UPPER alone ("\x01" sorts right after it) */
    db_bind_text(st, ":id_lo", upper);
    db_bind_text(st, ":id_hi", prefix ? prefix_end(a, upper, strlen(upper)) : arena_printf(a, "%s\x01", upper));
}

/* The range [LO, HI) of area codes F covers: the intersection of its scope
   and its area filter. */
static void area_range(const ChildFilter *f, Arena *a, char lo[16], char hi[16])
{
    char alo[16], ahi[16];
    db_scope_bounds(f->scope.prefix, lo, hi);
    db_scope_bounds(f->area ? area_prefix_of(a, f->area) : "", alo, ahi);
    if (strcmp(alo, lo) > 0) strcpy(lo, alo);
    if (strcmp(ahi, hi) < 0) strcpy(hi, ahi);
}

/* Whether F covers more than one town: then a page in id order is read in
   id order (CHILD_PAGE_STREAM_SQL), not found by area and sorted. */
static bool covers_towns(const ChildFilter *f, Arena *a)
{
    char lo[16], hi[16];
    area_range(f, a, lo, hi);
    return strlen(lo) < 9 && strcmp(lo, hi) < 0;   /* a town's prefix has 9 digits */
}

/* (issue #8, page) The town whose children F's area range holds exactly
   (its nine digits, in TOWN), or false: a village's range, a wider one, or
   an empty one. Then a page of a category may come from
   child_category_town (CHILD_PAGE_TOWN_CATEGORY_SQL). */
static bool town_of_range(const ChildFilter *f, Arena *a, char town[16])
{
    char lo[16], hi[16], end[16];
    area_range(f, a, lo, hi);
    if (strlen(lo) != 9) return false;
    db_scope_bounds(lo, town, end);   /* the range of the town LO: is it [LO, HI)? */
    return strcmp(end, hi) == 0;
}

/* Binds F's area ranges and category (every statement of sqlite_child_sql.h has them). */
static void bind_area_category(sqlite3_stmt *st, const ChildFilter *f, Arena *a)
{
    /* Both pairs are bound to the ranges' intersection (the same matches):
       an index searches one range only, and the planner may pick the scope's
       (the whole city for city staff) rather than the town asked for. */
    char lo[16], hi[16];
    area_range(f, a, lo, hi);
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
    db_bind_text(st, ":alo", lo);
    db_bind_text(st, ":ahi", hi);
    db_bind_text(st, ":category", f->category);
}

/* Binds F to a statement of sqlite_child_sql.h: CHILD_WHERE_SEARCH when SEARCH, else the others. */
static void bind_filter(sqlite3_stmt *st, const ChildFilter *f, bool search, Arena *a)
{
    bind_area_category(st, f, a);
    db_bind_text(st, ":status", f->status);
    db_bind_date(st, ":born_from", f->born_from);
    db_bind_date(st, ":born_to", f->born_to);
    const char *q = search_text(f, a);
    if (!search) db_bind_text(st, ":q", q);
    if (q) {
        /* LIKE wildcards typed by the user are matched literally */
        size_t n = strlen(q);
        char *like = arena_alloc(a, 2 * n + 3), *o = like;
        *o++ = '%';
        for (const char *p = q; *p; p++) {
            if (*p == '%' || *p == '_' || *p == '\\') *o++ = '\\';
            *o++ = *p;
        }
        *o++ = '%';
        *o = 0;
        db_bind_text(st, ":q_like", like);
        char *upper = arena_strdup(a, q);
        for (char *p = upper; *p; p++)
            if (*p == 'x') *p = 'X';
        db_bind_text(st, ":q_id", upper);
        bool prefix = strlen(upper) >= 6 && strspn(upper, "0123456789X") == strlen(upper);
        db_bind_text(st, ":q_prefix", prefix ? arena_printf(a, "%s%%", upper) : NULL);
        if (search) bind_search_ranges(st, q, upper, prefix, a);
    } else {
        db_bind_text(st, ":q_like", NULL);
        db_bind_text(st, ":q_id", NULL);
        db_bind_text(st, ":q_prefix", NULL);
    }
}

/* The count of a category in F's area range from the counters
   (CHILD_COUNT_BY_COUNTERS) into *TOTAL; STORE_NOTFOUND where they cannot
   give it (records of another status in the range). */
static StoreRc count_by_counters(Store *s, const ChildFilter *f, long long *total, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, CHILD_COUNT_BY_COUNTERS);
    if (!st) return STORE_ERROR;
    bind_area_category(st, f, a);
    int rc = db_step(s, st);
    StoreRc r = rc != SQLITE_ROW                               ? db_rc(s, rc)
                : sqlite3_column_type(st, 0) == SQLITE_NULL ? STORE_NOTFOUND
                                                             : STORE_OK;
    if (r == STORE_OK) *total = sqlite3_column_int64(st, 0);
    db_done(st);
    return r;
}

/* ---- a category's totals kept while the database is unchanged (issue #8) ---- */

/* Every page of a town's list of a category shows the same total, and
   summing the counters for it was a twelfth of a page that is not a repeat.
   A connection keeps its last COUNT_MEMO such totals, each with the
   generation it was counted at (store_generation(): other connections'
   commits and its own changes), and gives one again only while that is
   unchanged: never stale. Allocated at the first, freed by store_close(). */
enum { COUNT_MEMO = 64 };
typedef struct CountKept {
    char lo[16], hi[16], code[24];
    long long total;
    StoreGeneration gen;
} CountKept;
struct CountMemo {
    CountKept kept[COUNT_MEMO];
    int n, next;
};

/* The total kept for the range [LO, HI) and CODE at generation G, or NULL. */
static CountKept *count_kept(Store *s, const char *lo, const char *hi, const char *code, const StoreGeneration *g)
{
    if (!s->counts) return NULL;
    for (int i = 0; i < s->counts->n; i++) {
        CountKept *k = &s->counts->kept[i];
        if (k->gen.others == g->others && k->gen.own == g->own && strcmp(k->code, code) == 0 && strcmp(k->lo, lo) == 0 &&
            strcmp(k->hi, hi) == 0)
            return k;
    }
    return NULL;
}

static void count_keep(Store *s, const char *lo, const char *hi, const char *code, const StoreGeneration *g,
                       long long total)
{
    if (strlen(code) >= sizeof ((CountKept *)0)->code) return;   /* no code is this long; not kept should one be */
    if (!s->counts && !(s->counts = calloc(1, sizeof *s->counts))) abort();
    struct CountMemo *m = s->counts;
    CountKept *k = &m->kept[m->next];
    m->next = (m->next + 1) % COUNT_MEMO;
    if (m->n < COUNT_MEMO) m->n++;
    strcpy(k->lo, lo);
    strcpy(k->hi, hi);
    strcpy(k->code, code);
    k->gen = *g;
    k->total = total;
}

/* The count of a category alone in F's range into *TOTAL: kept, else from
   the counters, else from its index (CHILD_COUNT_BY_CATEGORY). */
static StoreRc count_category(Store *s, const ChildFilter *f, long long *total, Arena *a)
{
    char lo[16], hi[16];
    area_range(f, a, lo, hi);
    StoreGeneration g;
    StoreRc r = store_generation(s, &g);
    if (r != STORE_OK) return r;
    const CountKept *k = count_kept(s, lo, hi, f->category, &g);
    if (k) {
        *total = k->total;
        return STORE_OK;
    }
    r = count_by_counters(s, f, total, a);
    if (r == STORE_NOTFOUND) {
        sqlite3_stmt *st = db_prepare(s, CHILD_COUNT_BY_CATEGORY);
        if (!st) return STORE_ERROR;
        bind_area_category(st, f, a);
        int rc = db_step(s, st);
        *total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        db_done(st);
        r = rc == SQLITE_ROW ? STORE_OK : db_rc(s, rc);
    }
    if (r == STORE_OK) count_keep(s, lo, hi, f->category, &g, *total);
    return r;
}

/* The count of F's matches into *TOTAL (nothing when TOTAL is NULL). */
static StoreRc list_count(Store *s, const ChildFilter *f, long long *total, Arena *a)
{
    /* a search text: its candidates come from the name grams and the ID numbers' index */
    bool search = search_text(f, a) != NULL;
    /* a category alone: counted in its index */
    bool category_only = f->category && !search && !f->status && !date_is_set(f->born_from) && !date_is_set(f->born_to);
    if (total && category_only) return count_category(s, f, total, a);
    if (total) {
        sqlite3_stmt *st = search        ? db_prepare(s, CHILD_COUNT_SQL(CHILD_WHERE_SEARCH))
                           : f->category ? db_prepare(s, CHILD_COUNT_SQL(CHILD_WHERE_CATEGORY))
                                         : db_prepare(s, CHILD_COUNT_SQL(CHILD_WHERE));
        if (!st) return STORE_ERROR;
        bind_filter(st, f, search, a);
        int rc = db_step(s, st);
        *total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        db_done(st);
        if (rc != SQLITE_ROW) return db_rc(s, rc);
    }
    return STORE_OK;
}

/* The statement of a page of F's matches, LIMIT rows at most (0: all), bound;
   NULL on an error. */
static sqlite3_stmt *list_page(Store *s, const ChildFilter *f, long long limit, Arena *a)
{
    bool search = search_text(f, a) != NULL;
    bool by_id = !f->sort || strcmp(f->sort, "id") == 0;
    char town[16];
    bool by_town = by_id && !f->sort_desc && f->category && !search && town_of_range(f, a, town);
    bool ids_first = by_town && !f->status && !date_is_set(f->born_from) && !date_is_set(f->born_to);
    sqlite3_stmt *st;
    if (ids_first) st = db_prepare(s, CHILD_PAGE_TOWN_CATEGORY_IDS_SQL);
    else if (by_town) st = db_prepare(s, CHILD_PAGE_TOWN_CATEGORY_SQL);
    else if (by_id && !f->sort_desc)
        st = search                   ? db_prepare(s, CHILD_PAGE_SQL(CHILD_WHERE_SEARCH))
             : f->category            ? db_prepare(s, CHILD_PAGE_SQL(CHILD_WHERE_CATEGORY))
             : covers_towns(f, a)     ? db_prepare(s, CHILD_PAGE_STREAM_SQL(CHILD_WHERE_WIDE))
                                      : db_prepare(s, CHILD_PAGE_SQL(CHILD_WHERE));
    else if (!f->sort_desc)
        st = search        ? db_prepare(s, SORTED_PAGE("ASC", CHILD_WHERE_SEARCH))
             : f->category ? db_prepare(s, SORTED_PAGE("ASC", CHILD_WHERE_CATEGORY))
                           : db_prepare(s, SORTED_PAGE("ASC", CHILD_WHERE));
    else
        st = search        ? db_prepare(s, SORTED_PAGE("DESC", CHILD_WHERE_SEARCH))
             : f->category ? db_prepare(s, SORTED_PAGE("DESC", CHILD_WHERE_CATEGORY))
                           : db_prepare(s, SORTED_PAGE("DESC", CHILD_WHERE));
    if (!st) return NULL;
    if (ids_first) bind_area_category(st, f, a);   /* it has no other filter */
    else bind_filter(st, f, search, a);
    if (by_town) db_bind_text(st, ":town", town);
    if (by_id && !f->sort_desc) db_bind_int64(st, ":after", f->after_id);
    else db_bind_text(st, ":key", by_id ? "id" : f->sort);
    db_bind_int64(st, ":limit", limit > 0 ? limit : -1);
    db_bind_int64(st, ":offset", f->offset > 0 ? f->offset : 0);
    return st;
}

StoreRc store_children_list(Store *s, const ChildFilter *f, ChildFn fn, void *ctx, long long *total, Arena *a)
{
    StoreRc r = list_count(s, f, total, a);
    if (r != STORE_OK || !fn) return r;   /* FN NULL: only the count was wanted */
    sqlite3_stmt *st = list_page(s, f, f->limit, a);
    if (!st) return STORE_ERROR;
    int rc;
    Arena *row = arena_new();   /* one row at a time: an export of the whole city stays small */
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Child c;
        arena_reset(row);
        r = read_child(s, st, &c, row);
        if (r != STORE_OK || fn(ctx, &c)) break;
    }
    arena_free(row);
    db_done(st);
    if (r != STORE_OK) return r;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_children_texts(Store *s, const ChildFilter *f, ChildTextFn fn, void *ctx, bool *more, long long *total,
                             Arena *a)
{
    *more = false;
    StoreRc r = list_count(s, f, total, a);
    if (r != STORE_OK) return r;
    /* one row past the page, to know whether another follows: stepped to, its columns not read */
    sqlite3_stmt *st = list_page(s, f, f->limit + 1LL, a);
    if (!st) return STORE_ERROR;
    int rc, n = 0;
    Arena *row = arena_new();
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        if (n++ == f->limit) {
            *more = true;
            break;
        }
        arena_reset(row);
        ChildText t = row_text(st);
        if (fn(ctx, &t, row)) break;
    }
    arena_free(row);
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- bulk inserts: the name grams deferred (issue #8, perf) ---- */

StoreRc store_names_defer(Store *s)
{
    if (!db_require_tx(s, "store_names_defer")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO name_gram_deferred(after_id) "
                                     "SELECT coalesce(max(id), 0) FROM child WHERE NOT EXISTS (SELECT 1 FROM name_gram_deferred)");
    if (!st) return STORE_ERROR;
    int rc = db_step(s, st);
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_names_catch_up(Store *s, bool again)
{
    if (!db_require_tx(s, "store_names_catch_up")) return STORE_ERROR;
    /* the grams of the children added since, sorted as the index is: its pages are filled in order */
    sqlite3_stmt *st = db_prepare(s, "INSERT OR IGNORE INTO child_name_gram(gram, child_id) "
                                     "SELECT lower(substr(c.name, p.n, 2)) AS g, c.id FROM child c "
                                     "JOIN name_position p ON p.n <= length(c.name) "
                                     "WHERE c.id > (SELECT after_id FROM name_gram_deferred) ORDER BY g, c.id");
    if (!st) return STORE_ERROR;
    int rc = db_step(s, st);
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    st = again ? db_prepare(s, "UPDATE name_gram_deferred SET after_id = (SELECT coalesce(max(id), 0) FROM child)")
               : db_prepare(s, "DELETE FROM name_gram_deferred");
    if (!st) return STORE_ERROR;
    rc = db_step(s, st);
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- bulk import into an empty ledger: indexes built once, counters added once (issue #8) ---- */

/* The counters' triggers that fire on inserting a child or a category
   (the statistics migration). Their work is done in one statement each by
   bulk_add_counters(); the update and delete triggers stay: only inserts
   happen in bulk mode. A trigger added later and not named here stays too. */
static const char *const BULK_TRIGGERS[] = {"stat_child_insert", "stat_category_insert"};
enum { BULK_NTRIGGERS = sizeof BULK_TRIGGERS / sizeof *BULK_TRIGGERS };

struct StoreBulk {
    long long after_id;   /* the children inserted in bulk mode are those with a greater id */
    int n;                /* schema objects dropped, and their CREATE statements to run again */
    char **sql;
};

/* Drops the index or trigger NAME (a name from sqlite_master, never input). */
static StoreRc drop_object(Store *s, const char *type, const char *name)
{
    char *sql = sqlite3_mprintf("DROP %s \"%w\"", type, name);
    if (!sql) return STORE_ERROR;
    StoreRc r = db_exec(s, sql);
    sqlite3_free(sql);
    return r;
}

/* The secondary indexes of the ledger's tables, and the triggers of
   BULK_TRIGGERS: kept with their CREATE text (in A) in B, and dropped. The
   UNIQUE indexes stay (they check the rows as they come), and so does
   child_identity, which finds a child without an ID number (the import's
   match, CHILD_BY_IDENTITY_SQL); any other index, a later migration's
   included, is rebuilt. */
static StoreRc bulk_drop(Store *s, StoreBulk *b, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT type, name, sql FROM sqlite_master "
                                     "WHERE (type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' "
                                     "       AND tbl_name IN ('child', 'child_category', 'child_version') "
                                     "       AND name <> 'child_identity') "
                                     "   OR (type = 'trigger' AND name IN (:t0, :t1)) "
                                     "ORDER BY type, name");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":t0", BULK_TRIGGERS[0]);
    db_bind_text(st, ":t1", BULK_TRIGGERS[1]);
    _Static_assert(BULK_NTRIGGERS == 2, "bind every trigger of BULK_TRIGGERS");
    int cap = 16, rc;
    char **types = arena_alloc(a, (size_t)cap * sizeof *types), **names = arena_alloc(a, (size_t)cap * sizeof *names);
    b->sql = arena_alloc(a, (size_t)cap * sizeof *b->sql);
    b->n = 0;
    while ((rc = db_step(s, st)) == SQLITE_ROW && b->n < cap) {
        types[b->n] = db_text_dup(st, 0, a);
        names[b->n] = db_text_dup(st, 1, a);
        b->sql[b->n++] = db_text_dup(st, 2, a);
    }
    db_done(st);
    if (rc == SQLITE_ROW) {
        snprintf(s->errmsg, sizeof s->errmsg, "more than %d indexes on the ledger's tables", cap);
        return STORE_ERROR;
    }
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    for (int i = 0; i < b->n; i++) {
        StoreRc r = drop_object(s, types[i], names[i]);
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

StoreRc store_bulk_begin(Store *s, StoreBulk **out, Arena *a)
{
    *out = NULL;
    if (!db_require_tx(s, "store_bulk_begin")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "SELECT EXISTS (SELECT 1 FROM child)");
    if (!st) return STORE_ERROR;
    int rc = db_step(s, st);
    bool empty = rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
    db_done(st);
    if (rc != SQLITE_ROW) return db_rc(s, rc);
    if (!empty) return STORE_OK;
    StoreBulk *b = arena_alloc(a, sizeof *b);
    b->after_id = 0;
    StoreRc r = bulk_drop(s, b, a);
    if (r == STORE_OK) *out = b;
    return r;
}

/* Counts grouped by up to three texts: the counters of the children inserted
   in bulk, gathered in one read of their rows (each read of the child table
   reads its wide rows whole: three grouped statements took a fifth of a
   100k import). Open addressing; the texts live in the arena given. */
typedef struct Group {
    const char *k[3];
    long long n;
} Group;
typedef struct Groups {
    Group *g;
    size_t cap, count;
} Groups;

static size_t group_hash(const char *const k[3])
{
    size_t h = 1469598103934665603u;
    for (int i = 0; i < 3; i++)
        for (const char *p = k[i] ? k[i] : ""; ; p++) {
            h = (h ^ (unsigned char)*p) * 1099511628211u;
            if (!*p) break;
        }
    return h;
}

static bool group_same(const Group *g, const char *const k[3])
{
    for (int i = 0; i < 3; i++)
        if (strcmp(g->k[i] ? g->k[i] : "", k[i] ? k[i] : "") != 0) return false;
    return true;
}

/* Adds one to the group of K0, K1, K2 (K2 may be NULL). */
static void group_add(Groups *gs, const char *k0, const char *k1, const char *k2, Arena *a)
{
    if (gs->count * 2 >= gs->cap) {
        size_t cap = gs->cap ? gs->cap * 2 : 1024;
        Group *g = arena_alloc(a, cap * sizeof *g);
        memset(g, 0, cap * sizeof *g);
        for (size_t i = 0; i < gs->cap; i++) {
            if (!gs->g[i].k[0]) continue;
            size_t j = group_hash(gs->g[i].k) & (cap - 1);
            while (g[j].k[0]) j = (j + 1) & (cap - 1);
            g[j] = gs->g[i];
        }
        gs->g = g;
        gs->cap = cap;
    }
    const char *k[3] = {k0, k1, k2};
    size_t j = group_hash(k) & (gs->cap - 1);
    while (gs->g[j].k[0] && !group_same(&gs->g[j], k)) j = (j + 1) & (gs->cap - 1);
    Group *g = &gs->g[j];
    if (!g->k[0]) {
        for (int i = 0; i < 3; i++) g->k[i] = k[i] ? arena_strdup(a, k[i]) : NULL;
        gs->count++;
    }
    g->n++;
}

/* Runs the upsert ST (its :k0, :k1, :k2 and :n) for each group of GS. */
static StoreRc groups_write(Store *s, sqlite3_stmt *st, const Groups *gs)
{
    if (!st) return STORE_ERROR;
    for (size_t i = 0; i < gs->cap; i++) {
        const Group *g = &gs->g[i];
        if (!g->k[0]) continue;
        db_bind_text(st, ":k0", g->k[0]);
        db_bind_text(st, ":k1", g->k[1]);
        if (g->k[2]) db_bind_text(st, ":k2", g->k[2]);
        db_bind_int64(st, ":n", g->n);
        int rc = db_step(s, st);
        db_done(st);
        if (rc != SQLITE_DONE) return db_rc(s, rc);
    }
    return STORE_OK;
}

/* Adds the children inserted since B began (ids above B->after_id) to the
   counters, as stat_child_insert and stat_category_insert would have one by
   one: the same counts, grouped. Only inserts happened since, so each such
   child counts with its values of now, and each of its held codes once. */
static StoreRc bulk_add_counters(Store *s, const StoreBulk *b)
{
    Arena *a = arena_new();
    Groups flow = {0}, area = {0}, birth = {0};
    sqlite3_stmt *st = db_prepare(s, "SELECT substr(created_at, 1, 7), area, status, sex, substr(area, 1, 9), "
                                     "substr(birth_date, 1, 7) FROM child WHERE id > :after");
    if (!st) {
        arena_free(a);
        return STORE_ERROR;
    }
    db_bind_int64(st, ":after", b->after_id);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        const char *village = db_text(st, 1), *status = db_text(st, 2);
        group_add(&flow, db_text(st, 0), village, NULL, a);
        group_add(&area, village, status, db_text(st, 3), a);
        if (strcmp(status, "active") == 0) group_add(&birth, db_text(st, 4), db_text(st, 5), NULL, a);
    }
    db_done(st);
    StoreRc r = rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
    if (r == STORE_OK)
        r = groups_write(s, db_prepare(s, "INSERT INTO stat_flow(month, area, new) VALUES (:k0, :k1, :n) "
                                          "ON CONFLICT(month, area) DO UPDATE SET new = new + excluded.new"), &flow);
    if (r == STORE_OK)
        r = groups_write(s, db_prepare(s, "INSERT INTO stat_area(area, status, sex, n) VALUES (:k0, :k1, :k2, :n) "
                                          "ON CONFLICT(area, status, sex) DO UPDATE SET n = n + excluded.n"), &area);
    if (r == STORE_OK)
        r = groups_write(s, db_prepare(s, "INSERT INTO stat_birth(town, birth_month, n) VALUES (:k0, :k1, :n) "
                                          "ON CONFLICT(town, birth_month) DO UPDATE SET n = n + excluded.n"), &birth);
    arena_free(a);
    if (r != STORE_OK) return r;
    /* the categories: child_category is narrow, and each child is found by its key */
    st = db_prepare(s, "INSERT INTO stat_category(area, code, n) "
                       "SELECT area, code, count(*) FROM (SELECT DISTINCT cc.area, cc.code, cc.child_id FROM child_category cc "
                       "                                 JOIN child c ON c.id = cc.child_id "
                       "                                 WHERE cc.child_id > :after AND c.status = 'active' AND cc.status <> 'ended') "
                       "GROUP BY 1, 2 "
                       "ON CONFLICT(area, code) DO UPDATE SET n = n + excluded.n");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":after", b->after_id);
    rc = db_step(s, st);
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_bulk_end(Store *s, StoreBulk *b)
{
    if (!b) return STORE_OK;
    if (!db_require_tx(s, "store_bulk_end")) return STORE_ERROR;
    /* the counters first, while their triggers are still off */
    StoreRc r = bulk_add_counters(s, b);
    /* each CREATE as its migration wrote it (sqlite_master's text, not input): an index is built sorted.
       The sorts spill to temporary files: with temp_store=MEMORY SQLite sorts all in memory, some 80 MB
       for the versions' index of the city's 1.63 M children (issue #8: an import stays under 200 MB). */
    if (r == STORE_OK) r = db_exec(s, "PRAGMA temp_store=FILE");
    for (int i = 0; r == STORE_OK && i < b->n; i++) r = db_exec(s, b->sql[i]);
    StoreRc back = db_exec(s, "PRAGMA temp_store=MEMORY");   /* as store_open() left it */
    return r != STORE_OK ? r : back;
}
