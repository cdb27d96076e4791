/*
** The child record's rules and forms (see child.h). One table of fields per
** object (child, person, category) drives JSON in and out, the flat fields
** and the code checks, so a new field is one line in a table.
*/
#include <stddef.h>
#include <string.h>
#include "domain/child.h"
#include "domain/codes.h"
#include "domain/idcard.h"
#include "domain/privacy.h"
#include "util/buf.h"
#include "util/json_text.h"
#include "util/text.h"

const LedgerRules LEDGER_RULES_DEFAULT = {.adults_in_school_keep = true};

typedef enum { F_STR, F_DATE, F_INT } FieldKind;

typedef struct FieldDesc {
    const char *key;
    FieldKind kind;
    size_t offset;
    int max;                  /* F_STR: most characters; F_INT: largest value */
    const CodeTable *codes;   /* F_STR whose value is a code */
    const char *zh, *en;      /* labels; ledger column headings */
} FieldDesc;

#define S(k, f, max, codes, zh, en) {k, F_STR, offsetof(Child, f), max, codes, zh, en}
static const FieldDesc child_desc[] = {
    S("name", name, 50, NULL, "姓名", "Name"),
    S("id_number", id_number, 40, NULL, "公民身份号码", "ID number"),
    S("sex", sex, 0, &CODES_SEX, "性别", "Sex"),
    {"birth_date", F_DATE, offsetof(Child, birth_date), 0, NULL, "出生日期", "Birth date"},
    S("ethnicity", ethnicity, 0, &CODES_ETHNICITY, "民族", "Ethnicity"),
    S("hukou_type", hukou_type, 0, &CODES_HUKOU_TYPE, "户籍类型", "Hukou type"),
    S("hukou_place", hukou_place, 100, NULL, "户籍地址", "Hukou place"),
    S("area", area, 12, NULL, "居住村(社区)代码", "Village code"),
    S("address", address, 200, NULL, "家庭住址", "Address"),
    S("school", school, 100, NULL, "就读学校", "School"),
    S("enrolment", enrolment, 0, &CODES_ENROLMENT, "就学状态", "Enrolment"),
    S("health", health, 200, NULL, "健康状况", "Health"),
    S("disability_type", disability_type, 0, &CODES_DISABILITY, "残疾类别", "Disability type"),
    {"disability_level", F_INT, offsetof(Child, disability_level), 4, NULL, "残疾等级", "Disability level"},
    S("status", status, 0, &CODES_RECORD_STATUS, "档案状态", "Record status"),
    S("status_reason", status_reason, 200, NULL, "状态原因", "Status reason"),
};
#undef S

#define P(k, f, max, codes, zh, en) {k, F_STR, offsetof(Person, f), max, codes, zh, en}
static const FieldDesc person_desc[] = {
    P("name", name, 50, NULL, "姓名", "name"),
    P("id_number", id_number, 40, NULL, "身份证号", "ID number"),
    P("phone", phone, 30, NULL, "电话", "phone"),
    P("relation", relation, 0, &CODES_RELATION, "关系", "relation"),
    P("situation", situation, 0, &CODES_SITUATION, "状况", "situation"),
    {"situation_since", F_DATE, offsetof(Person, situation_since), 0, NULL, "状况起始日期", "situation since"},
    {"term_months", F_INT, offsetof(Person, term_months), 600, NULL, "期限(月)", "term (months)"},
    P("note", note, 200, NULL, "备注", "note"),
};
#undef P

static const FieldDesc category_desc[] = {
    {"code", F_STR, offsetof(Category, code), 0, &CODES_CATEGORY, "类别", "category"},
    {"from", F_DATE, offsetof(Category, from), 0, NULL, "起始日期", "from"},
    {"to", F_DATE, offsetof(Category, to), 0, NULL, "终止日期", "to"},
    {"status", F_STR, offsetof(Category, status), 0, &CODES_CATEGORY_STATUS, "状态", "status"},
    {"evidence", F_STR, offsetof(Category, evidence), 500, NULL, "证明材料", "evidence"},
};

#define NFIELDS(d) (sizeof(d) / sizeof *(d))

static const struct {
    const char *key, *zh, *en;
    size_t offset;
} persons[] = {
    {"father", "父亲", "Father's ", offsetof(Child, father)},
    {"mother", "母亲", "Mother's ", offsetof(Child, mother)},
    {"guardian", "监护人", "Guardian's ", offsetof(Child, guardian)},
};

/* ---- field access through the tables ---- */

static const char **str_at(void *obj, const FieldDesc *f) { return (const char **)((char *)obj + f->offset); }
static Date *date_at(void *obj, const FieldDesc *f) { return (Date *)((char *)obj + f->offset); }
static int *int_at(void *obj, const FieldDesc *f) { return (int *)((char *)obj + f->offset); }

/* The value of F in OBJ as a JSON value, or NULL when unset. */
static json_t *field_json(const void *obj, const FieldDesc *f)
{
    void *o = (void *)obj;
    switch (f->kind) {
    case F_STR: {
        const char *s = *str_at(o, f);
        return s && *s ? json_string(s) : NULL;
    }
    case F_DATE: {
        char buf[11];
        Date d = *date_at(o, f);
        return date_is_set(d) ? json_string(date_format(d, buf)) : NULL;
    }
    case F_INT: {
        int v = *int_at(o, f);
        return v ? json_integer(v) : NULL;
    }
    }
    return NULL;
}

static void object_to_json(json_t *out, const void *obj, const FieldDesc *desc, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        json_t *v = field_json(obj, &desc[i]);
        if (v) json_object_set_new(out, desc[i].key, v);
    }
}

/* Whether field F of OBJ is set: field_json() gives a value for it. */
static bool field_is_set(const void *obj, const FieldDesc *f)
{
    void *o = (void *)obj;
    switch (f->kind) {
    case F_STR: return *str_at(o, f) && **str_at(o, f);
    case F_DATE: return date_is_set(*date_at(o, f));
    case F_INT: return *int_at(o, f) != 0;
    }
    return false;
}

static bool person_is_empty(const Person *p)
{
    for (size_t i = 0; i < NFIELDS(person_desc); i++)
        if (field_is_set(p, &person_desc[i])) return false;
    return true;
}

json_t *child_to_json(const Child *c, bool with_meta)
{
    json_t *o = json_object();
    if (with_meta) {
        json_object_set_new(o, "id", json_integer(c->id));
        json_object_set_new(o, "version", json_integer(c->version));
    }
    object_to_json(o, c, child_desc, NFIELDS(child_desc));
    for (size_t i = 0; i < NFIELDS(persons); i++) {
        const Person *p = (const Person *)((const char *)c + persons[i].offset);
        if (person_is_empty(p)) continue;
        json_t *po = json_object();
        object_to_json(po, p, person_desc, NFIELDS(person_desc));
        json_object_set_new(o, persons[i].key, po);
    }
    json_t *cats = json_array();
    for (int i = 0; i < c->n_categories; i++) {
        json_t *co = json_object();
        object_to_json(co, &c->categories[i], category_desc, NFIELDS(category_desc));
        json_array_append_new(cats, co);
    }
    json_object_set_new(o, "categories", cats);
    if (with_meta) {
        if (c->created_at) json_object_set_new(o, "created_at", json_string(c->created_at));
        if (c->updated_at) json_object_set_new(o, "updated_at", json_string(c->updated_at));
        if (c->updated_by) json_object_set_new(o, "updated_by", json_string(c->updated_by));
    }
    return o;
}

/* ---- JSON out without jansson (issue #8: a list's items) ---- */

/* Writes field F of OBJ as a member, "key":value, as field_json() and
   json_dumps() would: nothing when unset. A comma goes before it unless
   *FIRST. With MASK (an arena), sensitive strings are written masked, as
   child_json_mask() masks them. */
/* Writes [,]"KEY": in one piece: the keys are the descriptors' own names
   (letters and underscores), which json_dumps() writes as they are, so
   they need no escaping scan (a list page writes ~1,000 of them). */
static void key_write(Buf *b, const char *key, bool comma)
{
    char t[64];
    size_t n = strlen(key), o = 0;
    if (n + 4 > sizeof t) {   /* no key is this long; written the long way should one be */
        if (comma) buf_addc(b, ',');
        json_text_string(b, key);
        buf_addc(b, ':');
        return;
    }
    if (comma) t[o++] = ',';
    t[o++] = '"';
    memcpy(t + o, key, n);
    o += n;
    t[o++] = '"';
    t[o++] = ':';
    buf_add(b, t, o);
}

static void field_write(Buf *b, const void *obj, const FieldDesc *f, bool *first, Arena *mask)
{
    if (!field_is_set(obj, f)) return;
    void *o = (void *)obj;
    key_write(b, f->key, !*first);
    *first = false;
    char day[12];
    switch (f->kind) {
    case F_STR: json_text_string(b, mask ? field_mask(mask, f->key, *str_at(o, f)) : *str_at(o, f)); break;
    case F_DATE:   /* digits and dashes: quoted as they are */
        day[0] = '"';
        date_format(*date_at(o, f), day + 1);
        size_t n = strlen(day);
        day[n] = '"';
        buf_add(b, day, n + 1);
        break;
    case F_INT: buf_add_int(b, *int_at(o, f)); break;
    }
}

static void fields_write(Buf *b, const void *obj, const FieldDesc *desc, size_t n, bool *first, Arena *mask)
{
    for (size_t i = 0; i < n; i++) field_write(b, obj, &desc[i], first, mask);
}

/* A member "KEY":"S" after the others, when S is set (child_to_json's meta). */
static void meta_write(Buf *b, const char *key, const char *s)
{
    if (!s) return;
    key_write(b, key, true);
    json_text_string(b, s);
}

void child_json_members(Buf *b, const Child *c, bool with_meta, Arena *mask)
{
    bool first = true;
    if (with_meta) {
        buf_adds(b, "\"id\":");
        buf_add_int(b, c->id);
        buf_adds(b, ",\"version\":");
        buf_add_int(b, c->version);
        first = false;
    }
    fields_write(b, c, child_desc, NFIELDS(child_desc), &first, mask);
    for (size_t i = 0; i < NFIELDS(persons); i++) {
        const Person *p = (const Person *)((const char *)c + persons[i].offset);
        if (person_is_empty(p)) continue;
        key_write(b, persons[i].key, !first);
        first = false;
        buf_addc(b, '{');
        bool pfirst = true;
        fields_write(b, p, person_desc, NFIELDS(person_desc), &pfirst, mask);
        buf_addc(b, '}');
    }
    buf_adds(b, first ? "\"categories\":[" : ",\"categories\":[");
    for (int i = 0; i < c->n_categories; i++) {
        buf_adds(b, i ? ",{" : "{");
        bool cfirst = true;
        fields_write(b, &c->categories[i], category_desc, NFIELDS(category_desc), &cfirst, NULL);
        buf_addc(b, '}');
    }
    buf_addc(b, ']');
    if (with_meta) {
        meta_write(b, "created_at", c->created_at);
        meta_write(b, "updated_at", c->updated_at);
        meta_write(b, "updated_by", c->updated_by);
    }
}

/* ---- JSON in ---- */

static const char *path_of(Arena *a, const char *prefix, const char *key)
{
    return prefix ? arena_printf(a, "%s.%s", prefix, key) : key;
}

/* Reads V into field F of OBJ. */
static void field_from_json(const json_t *v, void *obj, const FieldDesc *f, const char *path, Arena *a,
                            Problems *p)
{
    if (json_is_null(v)) return;   /* null = unset */
    switch (f->kind) {
    case F_STR:
        if (!json_is_string(v)) {
            problems_add(p, path, "wrong_type", "string");
            return;
        }
        *str_at(obj, f) = arena_strndup(a, json_string_value(v), json_string_length(v));
        return;
    case F_DATE: {
        Date d;
        if (!json_is_string(v)) {
            problems_add(p, path, "wrong_type", "YYYY-MM-DD");
            return;
        }
        if (!date_parse_iso(json_string_value(v), &d)) {
            problems_add(p, path, "bad_date", json_string_value(v));
            return;
        }
        *date_at(obj, f) = d;
        return;
    }
    case F_INT:
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > f->max) {
            problems_add(p, path, "wrong_type", arena_printf(a, "0..%d", f->max));
            return;
        }
        *int_at(obj, f) = (int)json_integer_value(v);
        return;
    }
}

static const FieldDesc *desc_find(const FieldDesc *desc, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(desc[i].key, key) == 0) return &desc[i];
    return NULL;
}

static void object_from_json(const json_t *o, void *obj, const FieldDesc *desc, size_t n, const char *prefix,
                             Arena *a, Problems *p)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        const FieldDesc *f = desc_find(desc, n, key);
        const char *path = path_of(a, prefix, key);
        if (!f) problems_add(p, arena_strdup(a, path), "unknown_field");
        else field_from_json(v, obj, f, path, a, p);
    }
}

static bool is_meta_key(const char *key)
{
    return strcmp(key, "id") == 0 || strcmp(key, "version") == 0 || strcmp(key, "created_at") == 0 ||
           strcmp(key, "updated_at") == 0 || strcmp(key, "updated_by") == 0;
}

bool child_from_json(const json_t *doc, Child *c, Arena *a, bool allow_meta, Problems *p)
{
    size_t before = p->count;
    if (!json_is_object(doc)) {
        problems_add(p, "", "wrong_type", "object");
        return false;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)doc, key, v) {
        const FieldDesc *f = desc_find(child_desc, NFIELDS(child_desc), key);
        if (f) {
            field_from_json(v, c, f, f->key, a, p);
            continue;
        }
        size_t i;
        for (i = 0; i < NFIELDS(persons); i++)
            if (strcmp(key, persons[i].key) == 0) break;
        if (i < NFIELDS(persons)) {
            Person *person = (Person *)((char *)c + persons[i].offset);
            if (json_is_null(v)) continue;
            if (!json_is_object(v)) problems_add(p, persons[i].key, "wrong_type", "object");
            else object_from_json(v, person, person_desc, NFIELDS(person_desc), persons[i].key, a, p);
            continue;
        }
        if (strcmp(key, "categories") == 0) {
            if (!json_is_array(v)) {
                problems_add(p, "categories", "wrong_type", "array");
                continue;
            }
            size_t n = json_array_size(v);
            if (n > 64) {
                problems_add(p, "categories", "too_long", 64);
                continue;
            }
            c->categories = arena_alloc(a, (n ? n : 1) * sizeof *c->categories);
            c->n_categories = (int)n;
            for (size_t k = 0; k < n; k++) {
                json_t *co = json_array_get(v, k);
                const char *path = arena_printf(a, "categories[%zu]", k);
                if (!json_is_object(co)) problems_add(p, path, "wrong_type", "object");
                else object_from_json(co, &c->categories[k], category_desc, NFIELDS(category_desc), path, a, p);
            }
            continue;
        }
        if (is_meta_key(key) && allow_meta) {
            if (strcmp(key, "id") == 0 && json_is_integer(v)) c->id = json_integer_value(v);
            else if (strcmp(key, "version") == 0 && json_is_integer(v)) c->version = (int)json_integer_value(v);
            else if (json_is_string(v) && strcmp(key, "created_at") == 0) c->created_at = arena_strdup(a, json_string_value(v));
            else if (json_is_string(v) && strcmp(key, "updated_at") == 0) c->updated_at = arena_strdup(a, json_string_value(v));
            else if (json_is_string(v) && strcmp(key, "updated_by") == 0) c->updated_by = arena_strdup(a, json_string_value(v));
            continue;
        }
        problems_add(p, arena_strdup(a, key), "unknown_field");
    }
    return p->count == before;
}

/* ---- the stored document read without jansson (issue #8, api2) ---- */

/* A reader of the JSON text json_dumps() writes, for child_from_text(). It
   knows only what a child's document holds; anything else makes it give up
   (false), and the caller reads the text with jansson, which says what is
   wrong with it. */
typedef struct TextReader {
    const char *p;
    Arena *a;
} TextReader;

static void text_space(TextReader *r)
{
    while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r') r->p++;
}

/* Whether the next character (after white space) is C; if so, passes it. */
static bool text_take(TextReader *r, char c)
{
    text_space(r);
    if (*r->p != c) return false;
    r->p++;
    return true;
}

/* Whether the next value is null; if so, passes it. */
static bool text_null(TextReader *r)
{
    text_space(r);
    if (r->p[0] != 'n' || strncmp(r->p, "null", 4) != 0) return false;   /* most values are not: no call */
    r->p += 4;
    return true;
}

/* A string into *OUT (in the arena; *LEN bytes). The escapes jansson writes
   for text (\" \\ \/ \b \f \n \r \t) are read; a \u escape or a raw control
   character gives up. */
static bool text_string(TextReader *r, const char **out, size_t *len)
{
    if (!text_take(r, '"')) return false;
    const char *start = r->p;
    bool escaped = false;
    for (; *r->p != '"'; r->p++) {
        unsigned char ch = (unsigned char)*r->p;
        if (ch < 0x20) return false;   /* the end of the text too */
        if (ch == '\\') {
            if (!strchr("\"\\/bfnrt", r->p[1]) || !r->p[1]) return false;
            escaped = true;
            r->p++;
        }
    }
    size_t n = (size_t)(r->p - start);
    r->p++;
    char *s = arena_strndup(r->a, start, n), *o = s;
    if (escaped) {
        for (const char *i = start; i < start + n; i++) {
            if (*i != '\\') {
                *o++ = *i;
                continue;
            }
            char e = *++i;
            *o++ = e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
        }
        *o = 0;
        n = (size_t)(o - s);
    }
    *out = s;
    *len = n;
    return true;
}

/* A member's key, in place (*KEY, *LEN bytes, not NUL-ended): no copy, as
   it is only compared. A key with an escape gives up (no key of a child's
   document has a character that json_dumps escapes). */
static bool text_key(TextReader *r, const char **key, size_t *len)
{
    if (!text_take(r, '"')) return false;
    const char *start = r->p;
    while (!json_text_escaped[(unsigned char)*r->p]) r->p++;
    if (*r->p != '"') return false;
    *key = start;
    *len = (size_t)(r->p++ - start);
    return true;
}

/* Whether the NUL-ended NAME is the key KEY of LEN bytes. */
static bool key_is(const char *name, const char *key, size_t len)
{
    /* by hand: the first byte differs for most names tried, and a call to strncmp costs more */
    for (size_t i = 0; i < len; i++)
        if (name[i] != key[i]) return false;   /* also at NAME's end: KEY holds no NUL */
    return name[len] == 0;
}

/* The field of DESC (N of them) named KEY, looked for from *NEXT on (then
   from the start): a document's keys come in DESC's order, so the first
   look finds them (a linear search from the start cost ~130 strcmp a
   record). *NEXT becomes the entry after the one found. */
static const FieldDesc *desc_find_next(const FieldDesc *desc, size_t n, const char *key, size_t len, size_t *next)
{
    for (size_t k = 0; k < n; k++) {
        size_t i = (*next + k) % n;
        if (key_is(desc[i].key, key, len)) {
            *next = i + 1;
            return &desc[i];
        }
    }
    return NULL;
}

/* The value of field F of OBJ, as field_from_json() reads it when it has no problem. */
static bool text_field(TextReader *r, void *obj, const FieldDesc *f)
{
    if (text_null(r)) {   /* unset, also when a key came twice (jansson keeps the last) */
        if (f->kind == F_STR) *str_at(obj, f) = NULL;
        else if (f->kind == F_DATE) *date_at(obj, f) = (Date){0};
        else *int_at(obj, f) = 0;
        return true;
    }
    const char *v;
    size_t n;
    if (f->kind == F_STR) {
        if (!text_string(r, &v, &n)) return false;
        *str_at(obj, f) = v;
        return true;
    }
    if (f->kind == F_DATE) return text_string(r, &v, &n) && date_parse_iso(v, date_at(obj, f));
    text_space(r);   /* F_INT: 0..max, digits only (jansson's integers; a real or a sign gives up) */
    long long x = 0;
    const char *start = r->p;
    while (*r->p >= '0' && *r->p <= '9' && r->p - start < 10) x = x * 10 + (*r->p++ - '0');
    if (r->p == start || (*r->p >= '0' && *r->p <= '9') || *r->p == '.' || *r->p == 'e' || *r->p == 'E' ||
        x > f->max || (r->p - start > 1 && *start == '0'))
        return false;
    *int_at(obj, f) = (int)x;
    return true;
}

/* An object of the fields DESC into OBJ; an unknown key gives up. */
static bool text_object(TextReader *r, void *obj, const FieldDesc *desc, size_t n)
{
    if (!text_take(r, '{')) return false;
    if (text_take(r, '}')) return true;
    size_t next = 0;
    do {
        const char *key;
        size_t len;
        if (!text_key(r, &key, &len) || !text_take(r, ':')) return false;
        const FieldDesc *f = desc_find_next(desc, n, key, len, &next);
        if (!f || !text_field(r, obj, f)) return false;
    } while (text_take(r, ','));
    return text_take(r, '}');
}

/* The categories array: at most 64, as child_from_json() allows. */
static bool text_categories(TextReader *r, Child *c)
{
    Category cats[64];
    int n = 0;
    if (!text_take(r, '[')) return false;
    if (!text_take(r, ']')) {
        do {
            if (n == 64) return false;
            memset(&cats[n], 0, sizeof cats[n]);
            if (!text_object(r, &cats[n++], category_desc, NFIELDS(category_desc))) return false;
        } while (text_take(r, ','));
        if (!text_take(r, ']')) return false;
    }
    c->categories = arena_alloc(r->a, (n ? (size_t)n : 1) * sizeof *c->categories);
    memcpy(c->categories, cats, (size_t)n * sizeof *cats);
    c->n_categories = n;
    return true;
}

/* One member of the child's object, KEY (LEN bytes) already read; *NEXT as desc_find_next()'s. */
static bool text_member(TextReader *r, Child *c, const char *key, size_t len, size_t *next)
{
    const FieldDesc *f = desc_find_next(child_desc, NFIELDS(child_desc), key, len, next);
    if (f) return text_field(r, c, f);
    for (size_t i = 0; i < NFIELDS(persons); i++) {
        if (!key_is(persons[i].key, key, len)) continue;
        Person *p = (Person *)((char *)c + persons[i].offset);
        *p = (Person){0};   /* a key twice: the last object alone, as jansson keeps it */
        return text_null(r) || text_object(r, p, person_desc, NFIELDS(person_desc));
    }
    return key_is("categories", key, len) && text_categories(r, c);
}

bool child_from_text(const char *text, Child *c, Arena *a)
{
    TextReader r = {text, a};
    if (!text_take(&r, '{')) return false;
    if (!text_take(&r, '}')) {
        size_t next = 0;
        do {
            const char *key;
            size_t len;
            if (!text_key(&r, &key, &len) || !text_take(&r, ':') || !text_member(&r, c, key, len, &next)) return false;
        } while (text_take(&r, ','));
        if (!text_take(&r, '}')) return false;
    }
    text_space(&r);
    return *r.p == 0;
}

/* ---- a list item copied from the stored text (issue #8, item) ---- */

/* Cuts B back to its first LEN bytes (it stays NUL-ended, as Buf promises). */
static void buf_cut(Buf *b, size_t len)
{
    b->len = len;
    if (b->data) b->data[len] = 0;
}

/* The plain string at R, if the next value is one: not empty, without an
   escape or a control character, so that json_text_string() writes its
   bytes unchanged. *S and *N (bytes, without the quotes) point into the
   text; R is not moved. */
static bool text_plain(TextReader *r, const char **s, size_t *n)
{
    text_space(r);
    if (*r->p != '"') return false;
    const char *e = r->p + 1;
    while (!json_text_escaped[(unsigned char)*e]) e++;
    if (*e != '"' || e == r->p + 1) return false;
    *s = r->p + 1;
    *n = (size_t)(e - *s);
    return true;
}

/* Copies the value of field F from R to B as field_write() writes the value
   text_field() reads into SCRATCH (an object of F's table), masked when
   MASK and F is SENSITIVE. A plain string (text_plain()) is copied as it
   is, or masked from a copy; a plain date as date_format() would write it
   again (date_parse_iso() reads exactly that form); anything else is read
   into SCRATCH and written from it. KEY (LEN bytes) is F's key in the text:
   where the text has "key":"value" as the writer writes it, the member is
   copied in one piece, with the comma before it. *KEEP (if given) gets the
   string read. */
static bool text_field_copy(TextReader *r, Buf *b, void *scratch, const FieldDesc *f, const char *key, size_t len,
                            bool sensitive, bool *first, Arena *mask, const char **keep)
{
    const char *s;
    size_t n;
    char copy[64];
    if (f->kind != F_INT && text_plain(r, &s, &n)) {
        bool masked = f->kind == F_STR && sensitive && mask;
        bool copied = (masked || f->kind == F_DATE) && n < sizeof copy;   /* NUL-ended, for field_mask() and date_parse_iso() */
        if (copied) {
            memcpy(copy, s, n);
            copy[n] = 0;
        }
        Date d;
        if (f->kind == F_STR ? copied || !masked : copied && date_parse_iso(copy, &d)) {
            if (!masked && s == key + len + 3) {   /* nothing between the key, the colon and the value */
                const char *from = key - 1;
                if (!*first && key[-2] == ',') from--;
                else if (!*first) buf_addc(b, ',');
                buf_add(b, from, (size_t)(s + n + 1 - from));
            } else {
                key_write(b, f->key, !*first);
                if (masked) json_text_string(b, field_mask(mask, f->key, copy));
                else buf_add(b, s - 1, n + 2);   /* with its quotes */
            }
            *first = false;
            if (keep) *keep = arena_strndup(r->a, s, n);
            r->p = s + n + 1;
            return true;
        }
    }
    if (!text_field(r, scratch, f)) return false;
    field_write(b, scratch, f, first, mask);
    if (keep) *keep = *str_at(scratch, f);
    return true;
}

/* Copies an object of the fields DESC (N of them) from R to B, its members
   after *FIRST's comma, as fields_write() writes what text_object() reads:
   the keys in DESC's order, each once, or false. Sensitive strings are
   masked when MASK. */
static bool text_object_copy(TextReader *r, Buf *b, void *scratch, const FieldDesc *desc, size_t n, bool *first,
                             Arena *mask)
{
    if (!text_take(r, '{')) return false;
    if (text_take(r, '}')) return true;
    size_t next = 0;
    const FieldDesc *last = NULL;
    do {
        const char *key;
        size_t len;
        if (!text_key(r, &key, &len) || !text_take(r, ':')) return false;
        const FieldDesc *f = desc_find_next(desc, n, key, len, &next);
        if (!f || (last && f <= last)) return false;
        last = f;
        bool sensitive = mask && f->kind == F_STR && field_is_sensitive(f->key);
        if (!text_field_copy(r, b, scratch, f, key, len, sensitive, first, mask, NULL)) return false;
    } while (text_take(r, ','));
    return text_take(r, '}');
}

/* Copies the person KEY from R, as child_json_members() writes the person
   text_member() reads: nothing for null or an object with nothing set. */
static bool text_person_copy(TextReader *r, Buf *b, const char *key, bool *first, Arena *mask)
{
    if (text_null(r)) return true;
    size_t mark = b->len;
    key_write(b, key, !*first);
    buf_addc(b, '{');
    Person scratch = {0};
    bool pfirst = true;
    if (!text_object_copy(r, b, &scratch, person_desc, NFIELDS(person_desc), &pfirst, mask)) return false;
    if (pfirst) {   /* empty: left out */
        buf_cut(b, mark);
        return true;
    }
    buf_addc(b, '}');
    *first = false;
    return true;
}

/* Copies the categories array from R, as child_json_members() writes what
   text_categories() reads: at most 64, unmasked. */
static bool text_categories_copy(TextReader *r, Buf *b, bool *first)
{
    if (!text_take(r, '[')) return false;
    key_write(b, "categories", !*first);
    *first = false;
    buf_addc(b, '[');
    Category scratch = {0};
    int n = 0;
    if (!text_take(r, ']')) {
        do {
            if (n == 64) return false;
            buf_adds(b, n++ ? ",{" : "{");
            bool cfirst = true;
            if (!text_object_copy(r, b, &scratch, category_desc, NFIELDS(category_desc), &cfirst, NULL)) return false;
            buf_addc(b, '}');
        } while (text_take(r, ','));
        if (!text_take(r, ']')) return false;
    }
    buf_addc(b, ']');
    return true;
}

/* The members of the child's object at R copied to B (after id and
   version), in child_json_members()'s order: child_desc's fields, the
   persons, the categories; a member out of that order or twice gives up.
   C (zeroed) gets the fields read the long way, the area among them. */
static bool text_members_copy(TextReader *r, Buf *b, Child *c)
{
    enum { PERSONS = NFIELDS(child_desc), CATEGORIES = PERSONS + NFIELDS(persons) };
    const FieldDesc *area = desc_find(child_desc, NFIELDS(child_desc), "area");
    bool first = false;
    size_t last = 0, next = 0;   /* last: one past the place of the member before */
    if (!text_take(r, '{')) return false;
    if (!text_take(r, '}')) {
        do {
            const char *key;
            size_t len;
            if (!text_key(r, &key, &len) || !text_take(r, ':')) return false;
            const FieldDesc *f = desc_find_next(child_desc, NFIELDS(child_desc), key, len, &next);
            size_t at = f ? (size_t)(f - child_desc) : CATEGORIES;
            for (size_t i = 0; !f && i < NFIELDS(persons); i++)
                if (key_is(persons[i].key, key, len)) at = PERSONS + i;
            if (at < last || (at == CATEGORIES && !key_is("categories", key, len))) return false;
            last = at + 1;
            bool ok = f            ? text_field_copy(r, b, c, f, key, len, f->kind == F_STR && field_is_sensitive(f->key),
                                                     &first, r->a, f == area ? &c->area : NULL)
                      : at < CATEGORIES ? text_person_copy(r, b, persons[at - PERSONS].key, &first, r->a)
                                        : text_categories_copy(r, b, &first);
            if (!ok) return false;
        } while (text_take(r, ','));
        if (!text_take(r, '}')) return false;
    }
    text_space(r);
    if (*r->p) return false;
    if (last <= CATEGORIES) buf_adds(b, ",\"categories\":[]");   /* none in the text: child_from_text() reads none */
    return true;
}

bool child_item_from_text(Buf *b, const ChildText *t, Arena *a, const char **area)
{
    size_t mark = b->len;
    Child c = {0};
    TextReader r = {t->doc, a};
    buf_adds(b, "\"id\":");
    buf_add_int(b, t->id);
    buf_adds(b, ",\"version\":");
    buf_add_int(b, t->version);
    if (!t->doc || !text_members_copy(&r, b, &c)) {
        buf_cut(b, mark);
        return false;
    }
    meta_write(b, "created_at", t->created_at);
    meta_write(b, "updated_at", t->updated_at);
    meta_write(b, "updated_by", t->updated_by);
    *area = c.area;
    return true;
}

/* ---- flat fields ---- */

static void flat_add(json_t *out, const char *key, json_t *v)
{
    if (!v) return;
    if (json_is_integer(v)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        json_decref(v);
        v = json_string(buf);
    }
    json_object_set_new(out, key, v);
}

/* KEY = A "." B, cut to SIZE like snprintf would (field keys are short). */
static void key_join(char *key, size_t size, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na + 1 + nb >= size) {
        snprintf(key, size, "%s.%s", a, b);
        return;
    }
    memcpy(key, a, na);
    key[na] = '.';
    memcpy(key + na + 1, b, nb + 1);
}

/* KEY = "categories." CODE "@" FROM "." FIELD, as snprintf would write it
   (snprintf per key was ~1,500 instructions, six times a row in an import). */
static void category_key(char *key, size_t size, const char *code, const char *from, const char *field)
{
    size_t nc = strlen(code), nf = strlen(from), nk = strlen(field);
    if (11 + nc + 1 + nf + 1 + nk >= size) {
        snprintf(key, size, "categories.%s@%s.%s", code, from, field);
        return;
    }
    char *p = key;
    memcpy(p, "categories.", 11);
    p += 11;
    memcpy(p, code, nc);
    p += nc;
    *p++ = '@';
    memcpy(p, from, nf);
    p += nf;
    *p++ = '.';
    memcpy(p, field, nk + 1);
}

/* [A, B] as a new array, taking new references to both (json_pack("[OO]")
   without parsing a format for each of a record's fields). */
static json_t *pair_of(json_t *a, json_t *b)
{
    json_t *arr = json_array();
    json_array_append(arr, a);
    json_array_append(arr, b);
    return arr;
}

json_t *child_fields(const Child *c)
{
    json_t *o = json_object();
    char key[96];
    for (size_t i = 0; i < NFIELDS(child_desc); i++)
        flat_add(o, child_desc[i].key, field_json(c, &child_desc[i]));
    for (size_t i = 0; i < NFIELDS(persons); i++) {
        const Person *p = (const Person *)((const char *)c + persons[i].offset);
        for (size_t k = 0; k < NFIELDS(person_desc); k++) {
            json_t *v = field_json(p, &person_desc[k]);
            if (!v) continue;   /* unset: no key to build (snprintf per field was costly in imports) */
            key_join(key, sizeof key, persons[i].key, person_desc[k].key);
            flat_add(o, key, v);
        }
    }
    for (int i = 0; i < c->n_categories; i++) {
        const Category *cat = &c->categories[i];
        char from[11];
        date_format(cat->from, from);
        for (size_t k = 1; k < NFIELDS(category_desc); k++) {
            /* a category is named by its code and start date: the same code may recur in another period */
            category_key(key, sizeof key, cat->code ? cat->code : "", from, category_desc[k].key);
            flat_add(o, key, field_json(cat, &category_desc[k]));
        }
    }
    return o;
}

/* Writes "KEY":[null,"value"] for field F of OBJ, the value as flat_add()
   makes it a string, and nothing when F is unset (child_fields leaves it out). */
static void first_change_write(Buf *b, const char *key, const void *obj, const FieldDesc *f, bool *first)
{
    if (!field_is_set(obj, f)) return;
    char text[32];
    const char *v = text;
    void *o = (void *)obj;
    switch (f->kind) {
    case F_STR: v = *str_at(o, f); break;
    case F_DATE: date_format(*date_at(o, f), text); break;
    case F_INT: snprintf(text, sizeof text, "%d", *int_at(o, f)); break;
    }
    if (!*first) buf_addc(b, ',');
    *first = false;
    json_text_string(b, key);
    buf_adds(b, ":[null,");
    json_text_string(b, v);
    buf_addc(b, ']');
}

/* Whether two of C's categories would share child_fields' keys (one code and
   start date twice: jansson keeps the later value at the earlier's place), or
   a code is long enough for snprintf to cut a key. */
static bool category_keys_clash(const Child *c)
{
    for (int i = 0; i < c->n_categories; i++) {
        const char *ci = c->categories[i].code ? c->categories[i].code : "";
        if (strlen(ci) > 40) return true;
        for (int j = 0; j < i; j++) {
            const char *cj = c->categories[j].code ? c->categories[j].code : "";
            if (strcmp(ci, cj) == 0 && date_cmp(c->categories[i].from, c->categories[j].from) == 0) return true;
        }
    }
    return false;
}

bool child_first_version_write(Buf *b, const Child *c)
{
    if (category_keys_clash(c)) return false;
    char key[96];
    bool first = true;
    buf_addc(b, '{');
    for (size_t i = 0; i < NFIELDS(child_desc); i++) first_change_write(b, child_desc[i].key, c, &child_desc[i], &first);
    for (size_t i = 0; i < NFIELDS(persons); i++) {
        const Person *p = (const Person *)((const char *)c + persons[i].offset);
        for (size_t k = 0; k < NFIELDS(person_desc); k++) {
            if (!field_is_set(p, &person_desc[k])) continue;
            key_join(key, sizeof key, persons[i].key, person_desc[k].key);
            first_change_write(b, key, p, &person_desc[k], &first);
        }
    }
    for (int i = 0; i < c->n_categories; i++) {
        const Category *cat = &c->categories[i];
        char from[11];
        date_format(cat->from, from);
        for (size_t k = 1; k < NFIELDS(category_desc); k++) {
            if (!field_is_set(cat, &category_desc[k])) continue;
            category_key(key, sizeof key, cat->code ? cat->code : "", from, category_desc[k].key);
            first_change_write(b, key, cat, &category_desc[k], &first);
        }
    }
    buf_addc(b, '}');
    return true;
}

json_t *fields_diff(const json_t *old_fields, const json_t *new_fields)
{
    json_t *diff = json_object();
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)old_fields, key, v) {
        json_t *nv = new_fields ? json_object_get(new_fields, key) : NULL;
        if (!nv || !json_equal(v, nv))
            json_object_set_new(diff, key, pair_of(v, nv ? nv : json_null()));
    }
    if (new_fields) {
        json_object_foreach((json_t *)new_fields, key, v) {
            if (!old_fields || !json_object_get(old_fields, key))
                json_object_set_new(diff, key, pair_of(json_null(), v));
        }
    }
    return diff;
}

void *child_field_slot(Child *c, const char *key, ChildFieldKind *kind)
{
    void *obj = c;
    const FieldDesc *f = desc_find(child_desc, NFIELDS(child_desc), key);
    for (size_t i = 0; !f && i < NFIELDS(persons); i++) {
        size_t n = strlen(persons[i].key);
        if (strncmp(key, persons[i].key, n) == 0 && key[n] == '.') {
            obj = (char *)c + persons[i].offset;
            f = desc_find(person_desc, NFIELDS(person_desc), key + n + 1);
        }
    }
    if (!f) return NULL;
    *kind = f->kind == F_STR ? CHILD_FIELD_STR : f->kind == F_DATE ? CHILD_FIELD_DATE : CHILD_FIELD_INT;
    return (char *)obj + f->offset;
}

const char *field_label(const char *key, Lang lang)
{
    static __thread char buf[160];
    const FieldDesc *f = desc_find(child_desc, NFIELDS(child_desc), key);
    if (f) return lang == LANG_ZH ? f->zh : f->en;
    if (strcmp(key, "categories") == 0) return lang == LANG_ZH ? "儿童类别" : "Categories";
    for (size_t i = 0; i < NFIELDS(persons); i++) {
        size_t n = strlen(persons[i].key);
        if (strncmp(key, persons[i].key, n) == 0 && key[n] == '.') {
            const FieldDesc *pf = desc_find(person_desc, NFIELDS(person_desc), key + n + 1);
            if (!pf) break;
            snprintf(buf, sizeof buf, "%s%s", lang == LANG_ZH ? persons[i].zh : persons[i].en,
                     lang == LANG_ZH ? pf->zh : pf->en);
            return buf;
        }
    }
    return key;
}

/* ---- rules ---- */

/* Checks the strings and codes of one object against its table. */
static void check_fields(void *obj, const FieldDesc *desc, size_t n, const char *prefix, Arena *a, Problems *p,
                         Date today)
{
    for (size_t i = 0; i < n; i++) {
        const FieldDesc *f = &desc[i];
        /* the path is printed only for a problem: most fields have none, and
           printing it for every field of every row was a tenth of an import */
#define PATH path_of(a, prefix, f->key)
        if (f->kind == F_DATE) {
            Date d = *date_at(obj, f);
            char buf[11];
            if (date_is_set(d) && date_cmp(d, today) > 0 && strcmp(f->key, "to") != 0)
                problems_add(p, PATH, "future_date", date_format(d, buf));
            continue;
        }
        if (f->kind != F_STR) continue;
        const char **s = str_at(obj, f);
        if (!*s) continue;
        *s = text_trim(a, *s);
        if (!**s) {
            *s = NULL;
            continue;
        }
        if (!utf8_valid(*s, strlen(*s))) {
            problems_add(p, PATH, "bad_utf8");
            *s = NULL;
            continue;
        }
        if (f->codes && !code_get(f->codes, *s)) code_problem(p, PATH, *s, f->codes);
        else if (f->max && utf8_chars(*s) > (size_t)f->max) problems_add(p, PATH, "too_long", f->max);
    }
#undef PATH
}

static void check_person(Person *person, const char *key, Arena *a, Date today, Problems *p)
{
    check_fields(person, person_desc, NFIELDS(person_desc), key, a, p, today);
    if (person->id_number) {
        IdInfo info;
        if (idcard_parse(person->id_number, today, &info, p, path_of(a, key, "id_number")))
            person->id_number = arena_strdup(a, info.number);
    }
    if (person->situation && !situation_has_term(person->situation) && person->term_months)
        person->term_months = 0;   /* a term only means something for deprivation of liberty */
}

static void check_categories(Child *c, Arena *a, Date today, Problems *p)
{
    for (int i = 0; i < c->n_categories; i++) {
        Category *cat = &c->categories[i];
        const char *path = arena_printf(a, "categories[%d]", i);
        check_fields(cat, category_desc, NFIELDS(category_desc), path, a, p, today);
        if (!cat->code) {
            problems_add(p, path_of(a, path, "code"), "required");
            continue;
        }
        if (!cat->status) cat->status = date_is_set(cat->to) && date_cmp(cat->to, today) < 0 ? "ended" : "approved";
        if (!date_is_set(cat->from) && strcmp(cat->status, "applied") != 0)
            problems_add(p, path_of(a, path, "from"), "required");
        if (date_is_set(cat->from) && date_is_set(cat->to) && date_cmp(cat->to, cat->from) < 0)
            problems_add(p, path_of(a, path, "to"), "category_dates");
        int limit = category_age_limit(cat->code);
        if (date_is_set(c->birth_date) && date_is_set(cat->from) && date_age_on(c->birth_date, cat->from) >= limit &&
            !(limit == 18 && category_continues_after_18(cat->code)))
            problems_add(p, path_of(a, path, "code"), "age_limit", limit);
        for (int k = 0; k < i; k++) {
            const Category *o = &c->categories[k];
            if (!o->code || strcmp(o->code, cat->code) != 0) continue;
            /* periods [from, to] overlap unless one ends before the other starts */
            bool apart = (date_is_set(o->to) && date_cmp(o->to, cat->from) < 0) ||
                         (date_is_set(cat->to) && date_cmp(cat->to, o->from) < 0);
            if (!apart) problems_add(p, path, "category_repeat");
        }
    }
}

bool child_validate(Child *c, Arena *a, Date today, const LedgerRules *rules, bool is_new, Problems *p)
{
    size_t before = p->count;
    check_fields(c, child_desc, NFIELDS(child_desc), NULL, a, p, today);
    if (!c->name) problems_add(p, "name", "required");
    if (!c->area) problems_add(p, "area", "required");
    else if (strlen(c->area) != 12 || strspn(c->area, "0123456789") != 12) problems_add(p, "area", "bad_area_code");

    if (c->id_number) {
        IdInfo info;
        if (idcard_parse(c->id_number, today, &info, p, "id_number")) {
            c->id_number = arena_strdup(a, info.number);
            char buf[11];
            if (c->sex && strcmp(c->sex, info.sex) != 0)
                problems_add_texts(p, "sex", "sex_conflict",
                                   arena_printf(a, "性别与身份证号不符：身份证号表明为%s", code_label(&CODES_SEX, info.sex, LANG_ZH)),
                                   arena_printf(a, "the sex does not match the ID number, which says %s", info.sex));
            if (date_is_set(c->birth_date) && date_cmp(c->birth_date, info.birth) != 0)
                problems_add(p, "birth_date", "birth_conflict", date_format(info.birth, buf));
            c->sex = info.sex;
            c->birth_date = info.birth;
        }
    } else {
        if (!date_is_set(c->birth_date)) problems_add(p, "birth_date", "no_birth_date");
        if (!c->sex) problems_add(p, "sex", "no_sex");
    }

    if (c->disability_level && !c->disability_type) problems_add(p, "disability_level", "level_without_type");
    check_person(&c->father, "father", a, today, p);
    check_person(&c->mother, "mother", a, today, p);
    check_person(&c->guardian, "guardian", a, today, p);
    check_categories(c, a, today, p);

    if (!c->status) c->status = "active";
    if (strcmp(c->status, "active") != 0 && !c->status_reason) problems_add(p, "status_reason", "status_reason");

    if (is_new && date_is_set(c->birth_date) && p->count == before) {
        int age = date_age_on(c->birth_date, today);
        bool keeps = false;
        if (rules->adults_in_school_keep && c->enrolment && strcmp(c->enrolment, "in_school") == 0)
            for (int i = 0; i < c->n_categories; i++)
                if (category_continues_after_18(c->categories[i].code) &&
                    strcmp(c->categories[i].status, "ended") != 0)
                    keeps = true;
        if (age >= 18 && !keeps) problems_add(p, "birth_date", "adult", age);
    }
    return p->count == before;
}

bool child_has_category(const Child *c, const char *code, Date today)
{
    for (int i = 0; i < c->n_categories; i++) {
        const Category *cat = &c->categories[i];
        if (!cat->code || strcmp(cat->code, code) != 0 || strcmp(cat->status, "ended") == 0) continue;
        if (date_is_set(cat->from) && date_cmp(cat->from, today) > 0) continue;
        if (date_is_set(cat->to) && date_cmp(cat->to, today) < 0) continue;
        return true;
    }
    return false;
}
