/*
** The code tables (see codes.h). Ethnicity and province rows mirror the CSV
** files in data/; tests/unit/test_codes.c checks that they agree.
*/
#include <string.h>
#include <strings.h>
#include "domain/codes.h"
#include "util/buf.h"

#define END {NULL, NULL, NULL, NULL}

static const CodeEntry category_entries[] = {
    {"orphan_institution", "机构集中养育孤儿", "Orphan in an institution", "集中供养孤儿|集中养育孤儿|机构孤儿"},
    {"orphan_scattered", "社会散居孤儿", "Scattered orphan", "散居孤儿"},
    {"de_facto_unsupported", "事实无人抚养儿童", "De facto unsupported child", "事实无人抚养"},
    {"hiv", "艾滋病病毒感染儿童", "HIV-infected child", "艾滋病儿童|感染艾滋病病毒儿童"},
    {"difficulty_poverty", "困境儿童(家庭贫困)", "Child in difficulty (family poverty)", "困境儿童（家庭贫困）|家庭贫困儿童"},
    {"difficulty_disability", "困境儿童(自身残疾)", "Child in difficulty (own disability)", "困境儿童（自身残疾）|残疾儿童"},
    {"difficulty_guardianship", "困境儿童(监护缺失或不当)", "Child in difficulty (missing or improper guardianship)",
     "困境儿童（监护缺失或不当）|监护缺失儿童|监护不当儿童"},
    {"left_behind", "农村留守儿童", "Rural left-behind child", "留守儿童"},
    {"migrant", "流动儿童", "Migrant child", NULL},
    {"dibao", "低保家庭儿童", "Child of a minimum-living-allowance family", "低保儿童|低保"},
    {"tekun", "特困供养儿童", "Extremely poor child (tekun)", "特困儿童|特困"},
    {"street", "流浪未成年人", "Street child", "流浪儿童"},
    {"non_registered", "非户籍儿童", "Non-registered child", NULL},
    END};
const CodeTable CODES_CATEGORY = {"category", category_entries};

static const CodeEntry category_status_entries[] = {
    {"applied", "已申请", "Applied", "申请中|待审核"},
    {"approved", "已确认", "Approved", "已审批|已认定|确认"},
    {"ended", "已终止", "Ended", "终止|已退出"},
    END};
const CodeTable CODES_CATEGORY_STATUS = {"category_status", category_status_entries};

static const CodeEntry situation_entries[] = {
    {"normal", "正常", "Normal", "健在|在家"},
    {"working_away", "外出务工", "Working away", "外出打工|务工"},
    {"dead", "死亡", "Dead", "已故|去世"},
    {"declared_missing", "宣告失踪", "Declared missing", NULL},
    {"imprisoned", "服刑在押", "Imprisoned", "服刑|在押|服刑在押人员"},
    {"drug_rehab", "强制隔离戒毒", "In compulsory drug rehabilitation", "戒毒"},
    {"detained_other", "其他限制人身自由", "Otherwise deprived of liberty", "被执行其他限制人身自由的措施"},
    {"lost_contact", "失联", "Lost contact", "失去联系"},
    {"guardianship_revoked", "被撤销监护资格", "Guardianship revoked", "撤销监护资格"},
    {"deported", "被遣送(驱逐)出境", "Deported", "被遣送出境|被驱逐出境|遣送出境"},
    {"severe_illness", "重病", "Severe illness", "重大疾病"},
    {"severe_disability", "重残", "Severe disability", "重度残疾"},
    {"unknown", "不详", "Unknown", "不明|未知"},
    END};
const CodeTable CODES_SITUATION = {"situation", situation_entries};

static const CodeEntry hukou_entries[] = {
    {"rural", "农业户口", "Rural", "农村|农业|农村户口"},
    {"urban", "非农业户口", "Urban", "城镇|非农业|城镇户口|居民户口"},
    END};
const CodeTable CODES_HUKOU_TYPE = {"hukou_type", hukou_entries};

static const CodeEntry enrolment_entries[] = {
    {"in_school", "在校", "In school", "在读|在学|就读"},
    {"dropped_out", "辍学", "Dropped out", "失学"},
    {"not_school_age", "未到学龄", "Not of school age", "学龄前|未入学"},
    END};
const CodeTable CODES_ENROLMENT = {"enrolment", enrolment_entries};

static const CodeEntry sex_entries[] = {
    {"male", "男", "Male", "1|m|男性"},
    {"female", "女", "Female", "2|f|女性"},
    END};
const CodeTable CODES_SEX = {"sex", sex_entries};

static const CodeEntry record_status_entries[] = {
    {"active", "在册", "Active", "正常"},
    {"aged_out", "已满18周岁", "Aged out", "年满18周岁|成年"},
    {"deceased", "死亡", "Deceased", "已故"},
    {"adopted", "被收养", "Adopted", "收养"},
    {"moved_away", "迁出", "Moved away", "已迁出|外迁"},
    END};
const CodeTable CODES_RECORD_STATUS = {"record_status", record_status_entries};

static const CodeEntry disability_entries[] = {
    {"visual", "视力残疾", "Visual", "视力"},
    {"hearing", "听力残疾", "Hearing", "听力"},
    {"speech", "言语残疾", "Speech", "言语"},
    {"physical", "肢体残疾", "Physical", "肢体"},
    {"intellectual", "智力残疾", "Intellectual", "智力"},
    {"mental", "精神残疾", "Mental", "精神"},
    {"multiple", "多重残疾", "Multiple", "多重"},
    END};
const CodeTable CODES_DISABILITY = {"disability", disability_entries};

static const CodeEntry relation_entries[] = {
    {"father", "父亲", "Father", "父"},
    {"mother", "母亲", "Mother", "母"},
    {"grandfather", "祖父", "Grandfather", "爷爷"},
    {"grandmother", "祖母", "Grandmother", "奶奶"},
    {"maternal_grandfather", "外祖父", "Maternal grandfather", "外公"},
    {"maternal_grandmother", "外祖母", "Maternal grandmother", "外婆"},
    {"sibling", "兄弟姐妹", "Sibling", "哥哥|姐姐|兄|姐"},
    {"uncle_aunt", "伯叔姑舅姨", "Uncle or aunt", "叔叔|伯伯|姑姑|舅舅|阿姨|姨妈"},
    {"other_relative", "其他亲属", "Other relative", "亲属"},
    {"foster", "寄养家庭", "Foster family", "寄养"},
    {"institution", "福利机构", "Welfare institution", "机构|福利院"},
    {"other", "其他", "Other", NULL},
    END};
const CodeTable CODES_RELATION = {"relation", relation_entries};

static const CodeEntry ethnicity_entries[] = {
    {"01", "汉族", "Han", "汉"},
    {"02", "蒙古族", "Mongol", "蒙古"},
    {"03", "回族", "Hui", "回"},
    {"04", "藏族", "Tibetan", "藏"},
    {"05", "维吾尔族", "Uyghur", "维吾尔"},
    {"06", "苗族", "Miao", "苗"},
    {"07", "彝族", "Yi", "彝"},
    {"08", "壮族", "Zhuang", "壮"},
    {"09", "布依族", "Buyei", "布依"},
    {"10", "朝鲜族", "Korean", "朝鲜"},
    {"11", "满族", "Manchu", "满"},
    {"12", "侗族", "Dong", "侗"},
    {"13", "瑶族", "Yao", "瑶"},
    {"14", "白族", "Bai", "白"},
    {"15", "土家族", "Tujia", "土家"},
    {"16", "哈尼族", "Hani", "哈尼"},
    {"17", "哈萨克族", "Kazakh", "哈萨克"},
    {"18", "傣族", "Dai", "傣"},
    {"19", "黎族", "Li", "黎"},
    {"20", "傈僳族", "Lisu", "傈僳"},
    {"21", "佤族", "Va", "佤"},
    {"22", "畲族", "She", "畲"},
    {"23", "高山族", "Gaoshan", "高山"},
    {"24", "拉祜族", "Lahu", "拉祜"},
    {"25", "水族", "Shui", "水"},
    {"26", "东乡族", "Dongxiang", "东乡"},
    {"27", "纳西族", "Naxi", "纳西"},
    {"28", "景颇族", "Jingpo", "景颇"},
    {"29", "柯尔克孜族", "Kyrgyz", "柯尔克孜"},
    {"30", "土族", "Tu", "土"},
    {"31", "达斡尔族", "Daur", "达斡尔"},
    {"32", "仫佬族", "Mulao", "仫佬"},
    {"33", "羌族", "Qiang", "羌"},
    {"34", "布朗族", "Blang", "布朗"},
    {"35", "撒拉族", "Salar", "撒拉"},
    {"36", "毛南族", "Maonan", "毛南"},
    {"37", "仡佬族", "Gelao", "仡佬"},
    {"38", "锡伯族", "Xibe", "锡伯"},
    {"39", "阿昌族", "Achang", "阿昌"},
    {"40", "普米族", "Pumi", "普米"},
    {"41", "塔吉克族", "Tajik", "塔吉克"},
    {"42", "怒族", "Nu", "怒"},
    {"43", "乌孜别克族", "Uzbek", "乌孜别克"},
    {"44", "俄罗斯族", "Russian", "俄罗斯"},
    {"45", "鄂温克族", "Ewenki", "鄂温克"},
    {"46", "德昂族", "De'ang", "德昂"},
    {"47", "保安族", "Bonan", "保安"},
    {"48", "裕固族", "Yugur", "裕固"},
    {"49", "京族", "Gin", "京"},
    {"50", "塔塔尔族", "Tatar", "塔塔尔"},
    {"51", "独龙族", "Derung", "独龙"},
    {"52", "鄂伦春族", "Oroqen", "鄂伦春"},
    {"53", "赫哲族", "Hezhen", "赫哲"},
    {"54", "门巴族", "Monba", "门巴"},
    {"55", "珞巴族", "Lhoba", "珞巴"},
    {"56", "基诺族", "Jino", "基诺"},
    {"97", "其他", "Other", ""},
    {"98", "外国血统中国籍人士", "Foreign-born Chinese citizen", ""},    END};
const CodeTable CODES_ETHNICITY = {"ethnicity", ethnicity_entries};

static const CodeEntry province_entries[] = {
    {"11", "北京市", NULL, NULL},
    {"12", "天津市", NULL, NULL},
    {"13", "河北省", NULL, NULL},
    {"14", "山西省", NULL, NULL},
    {"15", "内蒙古自治区", NULL, NULL},
    {"21", "辽宁省", NULL, NULL},
    {"22", "吉林省", NULL, NULL},
    {"23", "黑龙江省", NULL, NULL},
    {"31", "上海市", NULL, NULL},
    {"32", "江苏省", NULL, NULL},
    {"33", "浙江省", NULL, NULL},
    {"34", "安徽省", NULL, NULL},
    {"35", "福建省", NULL, NULL},
    {"36", "江西省", NULL, NULL},
    {"37", "山东省", NULL, NULL},
    {"41", "河南省", NULL, NULL},
    {"42", "湖北省", NULL, NULL},
    {"43", "湖南省", NULL, NULL},
    {"44", "广东省", NULL, NULL},
    {"45", "广西壮族自治区", NULL, NULL},
    {"46", "海南省", NULL, NULL},
    {"50", "重庆市", NULL, NULL},
    {"51", "四川省", NULL, NULL},
    {"52", "贵州省", NULL, NULL},
    {"53", "云南省", NULL, NULL},
    {"54", "西藏自治区", NULL, NULL},
    {"61", "陕西省", NULL, NULL},
    {"62", "甘肃省", NULL, NULL},
    {"63", "青海省", NULL, NULL},
    {"64", "宁夏回族自治区", NULL, NULL},
    {"65", "新疆维吾尔自治区", NULL, NULL},
    {"71", "台湾省", NULL, NULL},
    {"81", "香港特别行政区", NULL, NULL},
    {"82", "澳门特别行政区", NULL, NULL},    END};
const CodeTable CODES_PROVINCE = {"province", province_entries};

const CodeEntry *code_get(const CodeTable *t, const char *code)
{
    if (!code) return NULL;
    for (const CodeEntry *e = t->entries; e->code; e++)
        if (strcmp(e->code, code) == 0) return e;
    return NULL;
}

/* Whether TEXT is one of the "|"-separated words in LIST. */
static bool in_alias_list(const char *list, const char *text)
{
    size_t n = strlen(text);
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncasecmp(p, text, n) == 0) return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

const CodeEntry *code_find(const CodeTable *t, const char *text)
{
    if (!text) return NULL;
    while (*text == ' ') text++;
    size_t n = strlen(text);
    while (n && text[n - 1] == ' ') n--;
    char word[128];
    if (n == 0 || n >= sizeof word) return NULL;
    memcpy(word, text, n);
    word[n] = 0;
    for (const CodeEntry *e = t->entries; e->code; e++)
        if (strcmp(e->code, word) == 0 || strcmp(e->zh, word) == 0 ||
            (e->en && strcasecmp(e->en, word) == 0) || in_alias_list(e->aliases, word))
            return e;
    /* Excel turns the ethnicity "01" into 1: a short number is read with its leading zero */
    if (t == &CODES_ETHNICITY && n == 1 && word[0] >= '1' && word[0] <= '9') {
        char padded[3] = {'0', word[0], 0};
        return code_get(t, padded);
    }
    return NULL;
}

const char *code_label(const CodeTable *t, const char *code, Lang lang)
{
    const CodeEntry *e = code_get(t, code);
    if (!e) return code;
    return lang == LANG_ZH || !e->en ? e->zh : e->en;
}

void code_problem(Problems *p, const char *field, const char *value, const CodeTable *t)
{
    Buf zh = BUF_INIT, en = BUF_INIT;
    buf_printf(&zh, "“%s”无法识别，可填：", value);
    buf_printf(&en, "\"%s\" is not known; use one of: ", value);
    int n = 0;
    for (const CodeEntry *e = t->entries; e->code; e++, n++) {
        if (n == 20) {   /* long tables (ethnicity) are not listed whole */
            buf_adds(&zh, "……");
            buf_adds(&en, ", ...");
            break;
        }
        buf_printf(&zh, "%s%s", n ? "、" : "", e->zh);
        buf_printf(&en, "%s%s", n ? ", " : "", e->code);
    }
    problems_add_texts(p, field, "bad_code", buf_str(&zh), buf_str(&en));
    buf_free(&zh);
    buf_free(&en);
}

bool category_continues_after_18(const char *code)
{
    return strcmp(code, "orphan_institution") == 0 || strcmp(code, "orphan_scattered") == 0 ||
           strcmp(code, "de_facto_unsupported") == 0;
}

int category_age_limit(const char *code)
{
    return strcmp(code, "left_behind") == 0 || strcmp(code, "migrant") == 0 ||
                   strcmp(code, "tekun") == 0
               ? 16
               : 18;
}

bool situation_is_incapable(const char *code)
{
    static const char *const set[] = {"severe_disability", "severe_illness", "imprisoned", "drug_rehab",
                                      "detained_other", "lost_contact", "guardianship_revoked",
                                      "deported", NULL};
    for (int i = 0; set[i]; i++)
        if (strcmp(code, set[i]) == 0) return true;
    return false;
}

bool situation_is_gone(const char *code)
{
    return strcmp(code, "dead") == 0 || strcmp(code, "declared_missing") == 0;
}

bool situation_has_term(const char *code)
{
    return strcmp(code, "imprisoned") == 0 || strcmp(code, "drug_rehab") == 0 ||
           strcmp(code, "detained_other") == 0;
}
