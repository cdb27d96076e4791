/*
** Fuzz target: ID numbers (domain/idcard.h). Any text is either refused
** with exactly one problem, or accepted as an 18-character number whose
** check character is right, whose birth date is a real day not after
** today, and which parses again to itself (normalising is idempotent).
*/
#include "fuzz.h"
#include "domain/idcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    const Date today = {2024, 2, 29};
    IdInfo info;
    if (idcard_parse(text, today, &info, &p, "id_number")) {
        FUZZ_CHECK(p.count == 0);
        FUZZ_CHECK(strlen(info.number) == 18);
        FUZZ_CHECK(strspn(info.number, "0123456789") >= 17);
        FUZZ_CHECK(idcard_check_char(info.number) == info.number[17]);
        FUZZ_CHECK(date_valid(info.birth.y, info.birth.m, info.birth.d));
        FUZZ_CHECK(date_cmp(info.birth, today) <= 0);
        FUZZ_CHECK(strcmp(info.sex, "male") == 0 || strcmp(info.sex, "female") == 0);
        FUZZ_CHECK(strncmp(info.province, info.number, 2) == 0);
        IdInfo again;
        FUZZ_CHECK(idcard_parse(info.number, today, &again, &p, "id_number"));
        FUZZ_CHECK(strcmp(again.number, info.number) == 0);
        char masked[19];
        idcard_mask(info.number, masked);
        FUZZ_CHECK(strlen(masked) == 18 && strncmp(masked, info.number, 4) == 0);
    } else {
        FUZZ_CHECK(p.count == 1);
        FUZZ_CHECK(problem_text(p.head, LANG_ZH) && problem_text(p.head, LANG_EN));
    }
    arena_free(a);
    free(text);
    return 0;
}
