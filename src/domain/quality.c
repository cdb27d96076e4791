/*
** The data-quality rules of a child's record (see quality.h).
*/
#include <stddef.h>
#include <string.h>
#include "domain/codes.h"
#include "domain/idcard.h"
#include "domain/quality.h"

typedef struct Required {
    const char *field;
    size_t offset;   /* of a const char * within Child */
    const char *label;
} Required;

#define FIELD(path, member, label) {path, offsetof(Child, member), label}
static const Required QUALITY_REQUIRED[] = {
    FIELD("id_number", id_number, "公民身份号码"),
    FIELD("address", address, "住址"),
    FIELD("father.situation", father.situation, "父亲状况"),
    FIELD("mother.situation", mother.situation, "母亲状况"),
    FIELD("guardian.name", guardian.name, "监护人姓名"),
    FIELD("guardian.phone", guardian.phone, "监护人电话"),
};

static bool blank(const char *s) { return !s || !*s; }

/* Whether C keeps its record after 18: a continuing category, in school. */
static bool keeps_after_18(const Child *c)
{
    if (!LEDGER_RULES_DEFAULT.adults_in_school_keep || !c->enrolment || strcmp(c->enrolment, "in_school") != 0)
        return false;
    for (int i = 0; i < c->n_categories; i++)
        if (category_continues_after_18(c->categories[i].code) && c->categories[i].status &&
            strcmp(c->categories[i].status, "ended") != 0)
            return true;
    return false;
}

void quality_check(const Child *c, Date today, QualityFn fn, void *ctx, Arena *a)
{
    for (size_t i = 0; i < sizeof QUALITY_REQUIRED / sizeof *QUALITY_REQUIRED; i++) {
        const char *v = *(const char *const *)((const char *)c + QUALITY_REQUIRED[i].offset);
        if (!blank(v)) continue;
        QualityFinding f = {"missing", QUALITY_REQUIRED[i].field, arena_printf(a, "缺少%s，请补录", QUALITY_REQUIRED[i].label)};
        if (fn(ctx, &f)) return;
    }
    const struct {
        const char *field, *number;
    } ids[] = {{"id_number", c->id_number}, {"father.id_number", c->father.id_number},
               {"mother.id_number", c->mother.id_number}, {"guardian.id_number", c->guardian.id_number}};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        if (blank(ids[i].number)) continue;
        Problems p;
        problems_init(&p, a);
        IdInfo info;
        if (idcard_parse(ids[i].number, today, &info, &p, ids[i].field)) continue;
        QualityFinding f = {"id_invalid", ids[i].field, arena_printf(a, "身份证号有误：%s", problem_text(p.head, LANG_ZH))};
        if (fn(ctx, &f)) return;
    }
    if (c->status && strcmp(c->status, "active") == 0 && date_is_set(c->birth_date)) {
        int age = date_age_on(c->birth_date, today);
        if (age >= 18 && !keeps_after_18(c)) {
            QualityFinding f = {"adult_active", "birth_date",
                                arena_printf(a, "已满18周岁（%d岁）仍在册，请终止档案或补录在校情况", age)};
            if (fn(ctx, &f)) return;
        }
    }
}

char *quality_duplicate_key(const Child *c, Arena *a)
{
    char birth[11];
    return arena_printf(a, "%s|%s|%s|%s", c->name ? c->name : "", date_format(c->birth_date, birth),
                        c->father.name ? c->father.name : "", c->mother.name ? c->mother.name : "");
}
