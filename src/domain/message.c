/*
** The message catalog and problem lists (see message.h). Chinese is the
** first language of the people who use Shouhu; English follows the same
** arguments in the same order.
*/
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "domain/message.h"
#include "domain/child.h"

typedef struct Message {
    const char *code, *zh, *en;
} Message;

static const Message catalog[] = {
    /* ID numbers (GB 11643) */
    {"id_length", "身份证号应为18位（或15位旧号），现为%d位", "an ID number has 18 characters (or 15 for an old one); this one has %d"},
    {"id_chars", "身份证号只能含数字，第18位可为X", "an ID number holds only digits, and X as its last character"},
    {"id_checksum", "身份证号校验码不对：按前17位应为%s，请核对是否抄错", "the ID number's check character should be %s for its first 17 digits: check for a typing error"},
    {"id_date", "身份证号中的出生日期%s不存在", "the birth date %s in the ID number does not exist"},
    {"id_future", "身份证号中的出生日期%s晚于今天", "the birth date %s in the ID number is after today"},
    {"id_province", "身份证号前两位%s不是有效的省级代码", "the first two digits %s of the ID number are not a province code"},
    /* a child's record */
    {"required", "不能为空", "is required"},
    {"too_long", "过长（最多%d个字）", "is too long (at most %d characters)"},
    {"bad_utf8", "含有无法识别的字符（不是UTF-8编码）", "holds bytes that are not UTF-8 text"},
    {"bad_date", "“%s”不是有效日期，请写成2023-01-31", "\"%s\" is not a date: write it as 2023-01-31"},
    {"future_date", "%s晚于今天", "%s is after today"},
    {"sex_conflict", "性别与身份证号不符：身份证号表明为%s", "the sex does not match the ID number, which says %s"},
    {"birth_conflict", "出生日期与身份证号不符：身份证号表明为%s", "the birth date does not match the ID number, which says %s"},
    {"adult", "该人员已满18周岁（%d岁），不能作为未成年人新建档案；孤儿、事实无人抚养儿童在校就读的除外",
     "this person is %d, 18 or older, and cannot be recorded as a minor (except orphans and de facto unsupported children in full-time schooling)"},
    {"age_limit", "该类别只适用于未满%d周岁的儿童", "this category applies only to children under %d"},
    {"unknown_area", "居住村（社区）“%s”不存在，请填写12位统计用区划代码或村（社区）名称", "the residence village \"%s\" does not exist: give its 12-digit code or its name"},
    {"ambiguous_area", "“%s”有多个同名村（社区），请填写12位代码", "there are several villages named \"%s\": give the 12-digit code"},
    {"not_village", "%s不是村（社区）一级：儿童须登记到村（社区）", "%s is not a village or community: a child is recorded in a village or community"},
    {"duplicate_id", "身份证号%s已有档案（编号%lld）", "the ID number %s is already recorded (record %lld)"},
    {"duplicate_in_file", "身份证号与第%ld行重复", "the ID number repeats row %ld"},
    {"disability_level", "残疾等级应为1至4级", "the disability level is 1 to 4"},
    {"level_without_type", "填写了残疾等级，请同时填写残疾类别", "a disability level needs a disability type"},
    {"category_dates", "终止日期早于起始日期", "the end date is before the start date"},
    {"category_repeat", "同一类别的期间重叠", "the same category is given twice for overlapping periods"},
    {"term_months", "期限（月）应为1到600之间的整数", "the term is a whole number of months from 1 to 600"},
    {"status_reason", "档案状态不是“在册”时须填写原因", "a record status other than active needs a reason"},
    {"reason_required", "请填写变更原因", "give the reason for the change"},
    {"stale_version", "档案已被他人修改（当前为第%d版，您编辑的是第%d版），请刷新后重新修改",
     "the record was changed by someone else (now version %d, you edited version %d): reload it and edit again"},
    {"no_change", "没有任何修改", "nothing was changed"},
    {"not_found", "找不到编号为%lld的儿童档案", "there is no child record %lld"},
    {"unknown_field", "不认识的字段", "unknown field"},
    {"wrong_type", "类型不对：应为%s", "wrong type: must be %s"},
    {"bad_area_code", "区划代码应为12位数字", "an area code has 12 digits"},
    {"no_birth_date", "没有身份证号时须填写出生日期（可估计）", "without an ID number, give the birth date (an estimate will do)"},
    {"no_sex", "没有身份证号时须填写性别", "without an ID number, give the sex"},
    /* files */
    {"empty_file", "文件是空的", "the file is empty"},
    {"no_header", "找不到表头：第一行应为列名，如姓名、身份证号、性别……", "no header row: the first row names the columns, such as 姓名, 身份证号, 性别"},
    {"missing_column", "缺少必需的列“%s”", "the required column \"%s\" is missing"},
    {"unknown_column", "不认识的列“%s”，已忽略", "the column \"%s\" is not known and was ignored"},
    {"duplicate_column", "列“%s”出现了两次", "the column \"%s\" appears twice"},
    {"line_too_long", "该行超过%d字节，不像是台账数据", "the row is longer than %d bytes and does not look like ledger data"},
    {"bad_encoding", "文件不是UTF-8或GB18030编码的文本", "the file is neither UTF-8 nor GB18030 text"},
    {"bad_csv", "CSV格式错误：%s", "the CSV is malformed: %s"},
    {"bad_xlsx", "不是有效的Excel（.xlsx）文件：%s", "this is not a valid Excel (.xlsx) file: %s"},
    {"unknown_format", "无法识别的文件类型，请使用.csv或.xlsx", "unknown file type: use .csv or .xlsx"},
    {"too_many_rows", "文件超过%ld行，请分批导入", "the file has more than %ld rows: import it in parts"},
    {"extra_cells", "该行的列数多于表头", "the row has more cells than the header"},
    {NULL, NULL, NULL}};

static const Message *catalog_find(const char *code)
{
    for (const Message *m = catalog; m->code; m++)
        if (strcmp(m->code, code) == 0) return m;
    return NULL;
}

void problems_init(Problems *p, Arena *a)
{
    memset(p, 0, sizeof *p);
    p->arena = a;
}

/* Links PR in, or counts it only when past kept_max (then returns NULL). */
static Problem *problems_new(Problems *p, const char *field, const char *code)
{
    p->count++;
    if (p->kept_max && p->count > p->kept_max) return NULL;
    Problem *pr = arena_alloc(p->arena, sizeof *pr);
    pr->field = field;
    pr->code = code;
    if (p->tail) p->tail->next = pr;
    else p->head = pr;
    p->tail = pr;
    return pr;
}

Problem *problems_add_texts(Problems *p, const char *field, const char *code, const char *zh, const char *en)
{
    Problem *pr = problems_new(p, field, code);
    if (pr) {
        pr->text[LANG_ZH] = arena_strdup(p->arena, zh);
        pr->text[LANG_EN] = arena_strdup(p->arena, en);
    }
    return pr;
}

Problem *problems_add(Problems *p, const char *field, const char *code, ...)
{
    const Message *m = catalog_find(code);
    if (!m) {
        fprintf(stderr, "shouhu: no message for code %s\n", code);
        abort();   /* a programming error: every code is in the catalog */
    }
    Problem *pr = problems_new(p, field, m->code);
    if (!pr) return NULL;
    va_list ap;
    va_start(ap, code);
    pr->text[LANG_ZH] = arena_vprintf(p->arena, m->zh, ap);
    va_end(ap);
    va_start(ap, code);
    pr->text[LANG_EN] = arena_vprintf(p->arena, m->en, ap);
    va_end(ap);
    return pr;
}

void problems_locate(Problems *p, size_t mark, long row, const char *column)
{
    size_t i = 0;
    for (Problem *pr = p->head; pr; pr = pr->next, i++) {
        if (i < mark) continue;
        pr->row = row;
        if (column && !pr->column) pr->column = column;
    }
}

const char *problem_text(const Problem *p, Lang lang)
{
    return p->text[lang];
}

char *problem_describe(Arena *a, const Problem *p, Lang lang)
{
    const char *col = p->column ? p->column : p->field ? field_label(p->field, lang) : NULL;
    if (lang == LANG_ZH) {
        if (p->row && col) return arena_printf(a, "第%ld行 %s：%s", p->row, col, p->text[lang]);
        if (p->row) return arena_printf(a, "第%ld行：%s", p->row, p->text[lang]);
        if (col) return arena_printf(a, "%s：%s", col, p->text[lang]);
    } else {
        if (p->row && col) return arena_printf(a, "row %ld, %s: %s", p->row, col, p->text[lang]);
        if (p->row) return arena_printf(a, "row %ld: %s", p->row, p->text[lang]);
        if (col) return arena_printf(a, "%s: %s", col, p->text[lang]);
    }
    return arena_strdup(a, p->text[lang]);
}

Lang lang_from_env(void)
{
    const char *vars[] = {"SHOUHU_LANG", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) return strncasecmp(v, "en", 2) == 0 || strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 ||
                                    strcmp(v, "POSIX") == 0
                                ? LANG_EN
                                : LANG_ZH;
    }
    return LANG_ZH;
}

Lang lang_from_accept(const char *h)
{
    if (!h || !*h) return LANG_ZH;
    /* the first language listed wins; browsers list the preferred one first */
    while (*h == ' ') h++;
    if (strncasecmp(h, "en", 2) == 0) return LANG_EN;
    return LANG_ZH;
}
