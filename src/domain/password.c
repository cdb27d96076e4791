/*
** The password policy (see password.h).
*/
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "domain/password.h"
#include "util/text.h"

int password_kinds(const char *password)
{
    bool lower = false, upper = false, digit = false, other = false;
    for (const unsigned char *c = (const unsigned char *)password; *c; c++) {
        if (*c >= 'a' && *c <= 'z') lower = true;
        else if (*c >= 'A' && *c <= 'Z') upper = true;
        else if (*c >= '0' && *c <= '9') digit = true;
        else other = true;   /* punctuation, spaces, and any non-ASCII character */
    }
    return lower + upper + digit + other;
}

/* Whether NEEDLE occurs in HAYSTACK, ignoring ASCII case. */
static bool contains_nocase(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *h = haystack; *h; h++)
        if (strncasecmp(h, needle, n) == 0) return true;
    return false;
}

bool password_acceptable(const char *password, const char *username, Problems *p, const char *field)
{
    size_t before = p->count;
    size_t bytes = strlen(password);
    if (!utf8_valid(password, bytes)) {
        problems_add(p, field, "bad_utf8");
        return false;
    }
    if (bytes > PASSWORD_MAX_BYTES) problems_add(p, field, "password_long", PASSWORD_MAX_BYTES);
    if (utf8_chars(password) < PASSWORD_MIN_CHARS) problems_add(p, field, "password_short", PASSWORD_MIN_CHARS);
    if (password_kinds(password) < PASSWORD_MIN_KINDS) problems_add(p, field, "password_kinds", PASSWORD_MIN_KINDS);
    if (username && strlen(username) >= 3 && contains_nocase(password, username))
        problems_add(p, field, "password_has_username");
    return p->count == before;
}
