/*
** JSON text as jansson's json_dumps(JSON_COMPACT) writes it (see json_text.h).
** tests/unit/test_json_text.c compares the two on documents of every kind.
*/
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "util/json_text.h"

/* 1 for the bytes json_dumps() escapes (and NUL, which ends the string):
   one load a byte in the loop below (the loop was 4 % of an import). */
const unsigned char json_text_escaped[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1,
    ['"'] = 1, ['\\'] = 1,
};

void json_text_string(Buf *b, const char *s)
{
    buf_addc(b, '"');
    const char *run = s;
    for (;; s++) {
        while (!json_text_escaped[(unsigned char)*s]) s++;
        unsigned char ch = (unsigned char)*s;
        if (!ch) break;
        buf_add(b, run, (size_t)(s - run));
        run = s + 1;
        switch (ch) {
        case '"': buf_adds(b, "\\\""); break;
        case '\\': buf_adds(b, "\\\\"); break;
        case '\b': buf_adds(b, "\\b"); break;
        case '\f': buf_adds(b, "\\f"); break;
        case '\n': buf_adds(b, "\\n"); break;
        case '\r': buf_adds(b, "\\r"); break;
        case '\t': buf_adds(b, "\\t"); break;
        default: buf_printf(b, "\\u%04X", ch);
        }
    }
    buf_add(b, run, (size_t)(s - run));
    buf_addc(b, '"');
}

/* Adds J to B; false for a real number (left to jansson). */
static bool add_value(Buf *b, const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *v;
        bool first = true;
        buf_addc(b, '{');
        json_object_foreach((json_t *)j, key, v) {
            if (!first) buf_addc(b, ',');
            first = false;
            json_text_string(b, key);
            buf_addc(b, ':');
            if (!add_value(b, v)) return false;
        }
        buf_addc(b, '}');
        return true;
    }
    case JSON_ARRAY: {
        buf_addc(b, '[');
        for (size_t i = 0; i < json_array_size(j); i++) {
            if (i) buf_addc(b, ',');
            if (!add_value(b, json_array_get(j, i))) return false;
        }
        buf_addc(b, ']');
        return true;
    }
    case JSON_STRING:
        /* jansson's strings hold no NUL unless made with json_stringn(): such a one is left to jansson */
        if (strlen(json_string_value(j)) != json_string_length(j)) return false;
        json_text_string(b, json_string_value(j));
        return true;
    case JSON_INTEGER: buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(j)); return true;
    case JSON_TRUE: buf_adds(b, "true"); return true;
    case JSON_FALSE: buf_adds(b, "false"); return true;
    case JSON_NULL: buf_adds(b, "null"); return true;
    case JSON_REAL: return false;
    }
    return false;
}

char *json_text_compact(const json_t *j)
{
    Buf b = BUF_INIT;
    /* like json_dumps() without JSON_ENCODE_ANY: an object or an array only */
    if (!j || !(json_is_object(j) || json_is_array(j)) || !add_value(&b, j)) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);   /* caller frees */
}
