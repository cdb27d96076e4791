/*
** Masking of ID and phone numbers (see privacy.h).
*/
#include <string.h>
#include "domain/idcard.h"
#include "domain/privacy.h"
#include "util/text.h"

char *phone_mask(Arena *a, const char *phone)
{
    size_t n = strlen(phone);
    bool ascii = true;
    for (const unsigned char *c = (const unsigned char *)phone; *c; c++)
        if (*c >= 0x80) ascii = false;
    size_t keep_front = n >= 11 ? 3 : 2, keep_back = n >= 11 ? 4 : 2;
    if (!ascii || n < 7) {
        size_t chars = ascii ? n : utf8_chars(phone);
        char *out = arena_alloc(a, chars + 1);
        memset(out, '*', chars);
        return out;
    }
    char *out = arena_strdup(a, phone);
    memset(out + keep_front, '*', n - keep_front - keep_back);
    return out;
}

/* The last part of a dotted key: "guardian.phone" -> "phone". */
static const char *last_part(const char *key)
{
    const char *dot = strrchr(key, '.');
    return dot ? dot + 1 : key;
}

bool field_is_sensitive(const char *key)
{
    const char *k = last_part(key);
    /* the first letter first: a list item asks this of ~20 keys, most of them neither */
    return (k[0] == 'i' && strcmp(k, "id_number") == 0) || (k[0] == 'p' && strcmp(k, "phone") == 0);
}

const char *field_mask(Arena *a, const char *key, const char *value)
{
    if (!value || !field_is_sensitive(key)) return value;
    if (strcmp(last_part(key), "phone") == 0) return phone_mask(a, value);
    char out[19];
    return arena_strdup(a, idcard_mask(value, out));
}

/* Masks the sensitive string members of the object O. */
static void mask_object(json_t *o, Arena *a)
{
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (json_is_string(v) && field_is_sensitive(key))
            json_string_set(v, field_mask(a, key, json_string_value(v)));
    }
}

void child_json_mask(json_t *doc, Arena *a)
{
    mask_object(doc, a);
    static const char *const persons[] = {"father", "mother", "guardian"};
    for (size_t i = 0; i < sizeof persons / sizeof *persons; i++) {
        json_t *p = json_object_get(doc, persons[i]);
        if (json_is_object(p)) mask_object(p, a);
    }
}

void changes_json_mask(json_t *changes, Arena *a)
{
    const char *key;
    json_t *pair;
    json_object_foreach(changes, key, pair) {
        if (!field_is_sensitive(key) || !json_is_array(pair)) continue;
        for (size_t i = 0; i < json_array_size(pair); i++) {
            json_t *v = json_array_get(pair, i);
            if (json_is_string(v)) json_string_set(v, field_mask(a, key, json_string_value(v)));
        }
    }
}
