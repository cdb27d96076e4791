/*
** ID number validation (see idcard.h): ISO 7064 MOD 11-2 check character,
** a real birth date not in the future, a known province (GB/T 2260 and the
** residence permits of Hong Kong, Macao and Taiwan residents, 81/82/83).
*/
#include <string.h>
#include "domain/codes.h"
#include "domain/idcard.h"
#include "util/arena.h"

static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

char idcard_check_char(const char digits17[17])
{
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += (digits17[i] - '0') * weights[i];
    return "10X98765432"[sum % 11];
}

/* Folds full-width digits and X, drops spaces; false if anything else is there
   or the result does not fit. */
static bool fold_id(const char *text, char *out, size_t cap, size_t *len)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        char c;
        if (*p == ' ' || *p == '\t' || *p == '-') { p++; continue; }
        if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { p += 3; continue; }
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {   /* ０..９ */
            c = (char)('0' + (p[2] - 0x90));
            p += 3;
        } else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0xB8) {            /* Ｘ */
            c = 'X';
            p += 3;
        } else if (p[0] == 0xEF && p[1] == 0xBD && p[2] == 0x98) {            /* ｘ */
            c = 'X';
            p += 3;
        } else if (*p == 'x' || *p == 'X') {
            c = 'X';
            p++;
        } else if (*p >= '0' && *p <= '9') {
            c = (char)*p++;
        } else {
            return false;
        }
        if (n + 1 >= cap) { n++; break; }
        out[n++] = c;
    }
    out[n < cap ? n : cap - 1] = 0;
    *len = n;
    return true;
}

static int digits_value(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

bool idcard_parse(const char *text, Date today, IdInfo *out, Problems *p, const char *field)
{
    char id[40];
    size_t len = 0;
    if (!fold_id(text, id, sizeof id, &len)) {
        problems_add(p, field, "id_chars");
        return false;
    }
    if (len != 18 && len != 15) {
        problems_add(p, field, "id_length", (int)len);
        return false;
    }
    /* only the 18th character may be X */
    for (size_t i = 0; i < len; i++)
        if (id[i] == 'X' && i != 17) {
            problems_add(p, field, "id_chars");
            return false;
        }
    if (len == 15) {
        /* legacy numbers: 6-digit area, 6-digit birth date (19yy), 3-digit sequence */
        char up[19];
        memcpy(up, id, 6);
        memcpy(up + 6, "19", 2);
        memcpy(up + 8, id + 6, 9);
        up[17] = idcard_check_char(up);
        up[18] = 0;
        memcpy(id, up, 19);
    } else {
        char want = idcard_check_char(id);
        if (id[17] != want) {
            char w[2] = {want, 0};
            problems_add(p, field, "id_checksum", w);
            return false;
        }
    }
    char prov[3] = {id[0], id[1], 0};
    /* 83 is not a province of GB/T 2260 but begins the residence permits of Taiwan residents */
    if (!code_get(&CODES_PROVINCE, prov) && strcmp(prov, "83") != 0) {
        problems_add(p, field, "id_province", prov);
        return false;
    }
    int y = digits_value(id + 6, 4), m = digits_value(id + 10, 2), d = digits_value(id + 12, 2);
    char shown[11];
    memcpy(shown, id + 6, 4);
    shown[4] = '-';
    memcpy(shown + 5, id + 10, 2);
    shown[7] = '-';
    memcpy(shown + 8, id + 12, 2);
    shown[10] = 0;
    if (!date_valid(y, m, d)) {
        problems_add(p, field, "id_date", shown);
        return false;
    }
    Date birth = {y, m, d};
    if (date_is_set(today) && date_cmp(birth, today) > 0) {
        problems_add(p, field, "id_future", shown);
        return false;
    }
    memcpy(out->number, id, 19);
    out->birth = birth;
    out->sex = ((id[16] - '0') % 2) ? "male" : "female";
    memcpy(out->province, prov, 3);
    return true;
}

char *idcard_mask(const char *number, char out[19])
{
    size_t n = number ? strlen(number) : 0;
    if (n < 8) {
        memset(out, '*', n);
        out[n] = 0;
        return out;
    }
    if (n > 18) n = 18;
    memcpy(out, number, 4);
    memset(out + 4, '*', n - 8);
    memcpy(out + n - 4, number + n - 4, 4);
    out[n] = 0;
    return out;
}
