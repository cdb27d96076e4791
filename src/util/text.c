/*
** Text helpers (see text.h). Full-width folding matters because IDs and dates
** typed with a Chinese input method arrive as "４４１９…" or "２０２３－０１－０５".
*/
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include "util/text.h"

bool utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        uint64_t w;   /* eight ASCII bytes at once: the keys and digits of a record's JSON (issue #8) */
        if (i + 8 <= n && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0)) {
            i += 8;
            continue;
        }
        unsigned c = s[i];
        size_t len;
        unsigned min;
        if (c < 0x80) { i++; continue; }
        if ((c & 0xF0) == 0xE0 && i + 3 <= n) {   /* three bytes, as Chinese is: unrolled */
            unsigned c1 = s[i + 1], c2 = s[i + 2];
            if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return false;
            unsigned cp = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
            i += 3;
            continue;
        }
        else if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; c &= 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; c &= 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; c &= 0x07; }
        else return false;
        if (i + len > n) return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static bool is_space_at(const unsigned char *p, size_t *len)
{
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f') {
        *len = 1;
        return true;
    }
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {   /* U+3000 ideographic space */
        *len = 3;
        return true;
    }
    if (p[0] == 0xC2 && p[1] == 0xA0) {                     /* U+00A0 no-break space */
        *len = 2;
        return true;
    }
    return false;
}

char *text_trim(Arena *a, const char *s)
{
    if (!s) return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t len;
    while (*p && is_space_at(p, &len)) p += len;
    const unsigned char *end = p, *q = p;
    while (*q) {
        if (*q > ' ' && *q != 0xE3 && *q != 0xC2) end = ++q;   /* most bytes: not the start of a space */
        else if (is_space_at(q, &len)) q += len;
        else end = ++q;   /* continuation bytes are never spaces */
    }
    return arena_strndup(a, (const char *)p, (size_t)(end - p));
}

char *text_fold(Arena *a, const char *s)
{
    if (!s) return NULL;
    /* nothing to fold without EF (full-width forms) or E3 (the ideographic space): most cells of a ledger,
       trimmed at once instead of copied byte by byte first (5 % of an import, issue #8) */
    if (!strpbrk(s, "\xEF\xE3")) return text_trim(a, s);
    size_t n = strlen(s);
    char *out = arena_alloc(a, n + 1);
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    while (*p) {
        /* U+FF01..U+FF5E are EF BC 81..EF BD 9E and map to 0x21..0x7E */
        if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2] >= 0x80 && p[2] <= 0xBF) {
            unsigned cp = 0xF000u | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out[o++] = (char)(cp - 0xFF01 + 0x21);
                p += 3;
                continue;
            }
        }
        if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
            out[o++] = ' ';
            p += 3;
            continue;
        }
        out[o++] = (char)*p++;
    }
    out[o] = 0;
    return text_trim(a, out);
}

bool text_blank(const char *s)
{
    if (!s) return true;
    size_t len;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += len)
        if (!is_space_at(p, &len)) return false;
    return true;
}

char *text_from_gb18030(Arena *a, const char *s, size_t n, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) return NULL;
    size_t cap = n * 2 + 4;   /* a GB18030 character of 1, 2 or 4 bytes is at most 4 UTF-8 bytes */
    char *out = arena_alloc(a, cap + 1);
    char *in = (char *)s, *o = out;
    size_t inleft = n, outleft = cap;
    size_t r = iconv(cd, &in, &inleft, &o, &outleft);
    iconv_close(cd);
    if (r == (size_t)-1) return NULL;
    *o = 0;
    if (out_len) *out_len = (size_t)(o - out);
    return out;
}
