/*
** The rules of protection work (see protection.h): code lists in the style of
** codes.c, case numbers, the case workflow as one table of allowed steps,
** referral due dates and escalation, the recipients of a mandatory report,
** and the visit frequency per category.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/account.h"   /* MEMBER_UNITS: the units a case is referred to */
#include "domain/protection.h"
#include "util/arena.h"

#define END {NULL, NULL, NULL, NULL}

static const CodeEntry sector_entries[] = {
    {"village_committee", "村（居）委会", "Village or residents' committee", "村委会|居委会"},
    {"school", "学校", "School", "中小学"},
    {"kindergarten", "幼儿园", "Kindergarten", NULL},
    {"tutoring", "校外培训机构", "Tutoring centre", "培训机构"},
    {"school_bus", "校车服务提供者", "School-bus provider", "校车"},
    {"childcare", "托育机构", "Childcare", "托育"},
    {"hospital", "医院、诊所", "Hospital or clinic", "医院|诊所|医疗机构"},
    {"welfare", "儿童福利机构", "Welfare institution", "福利机构"},
    {"rescue", "救助管理机构", "Rescue institution", "救助机构"},
    {"social_work", "社会工作服务机构", "Social-work organisation", "社工机构"},
    {"hotel", "旅店、宾馆", "Hotel", "宾馆|酒店"},
    {"other", "其他", "Other", NULL},
    END};
const CodeTable CODES_SECTOR = {"sector", sector_entries};

static const CodeEntry trigger_entries[] = {
    {"genital_injury", "生殖器官或隐私部位遭受或疑似遭受非正常损伤", "Injury to genitals or private parts", NULL},
    {"girl_under14_sexual", "不满十四周岁的女性未成年人遭受或疑似遭受性侵害、怀孕、流产",
     "A girl under 14 sexually assaulted, pregnant or aborting", NULL},
    {"girl14_pregnant_assault", "十四周岁以上女性未成年人疑似因遭受性侵害怀孕、流产",
     "A girl 14 or older pregnant or aborting through sexual assault", NULL},
    {"multiple_injuries", "身体存在多处损伤、严重营养不良、意识不清，存在或疑似存在受到家庭暴力、欺凌、虐待、殴打或者被人麻醉等情形",
     "Multiple injuries, severe malnutrition or unconsciousness with suspected violence, bullying or abuse", NULL},
    {"abnormal_death_disability", "因自杀、自残、工伤、中毒、被人麻醉、殴打等非正常原因导致伤残、死亡情形",
     "Disability or death by suicide, self-harm, poisoning, beating or another abnormal cause", NULL},
    {"abandoned", "被遗弃或长期处于无人照料状态", "Abandoned or long without care", NULL},
    {"unknown_origin_missing", "发现来源不明、失踪或者被拐卖、收买", "Of unknown origin, missing, trafficked or bought", NULL},
    {"organised_begging", "被组织乞讨", "Organised begging", NULL},
    {"other_serious", "其他严重侵害未成年人身心健康的情形或未成年人正在面临不法侵害危险",
     "Other serious harm or danger", NULL},
    END};
const CodeTable CODES_TRIGGER = {"trigger", trigger_entries};

static const CodeEntry inquiry_entries[] = {
    {"temporary_care", "临时照料", "Temporary care", NULL},
    {"material_help", "物质帮助", "Material help", NULL},
    {"counselling", "心理咨询", "Counselling", NULL},
    {"emotional_support", "情感支持", "Emotional support", NULL},
    {"report_harm", "报告侵害", "Reporting harm", NULL},
    {"policy_question", "政策咨询", "Policy question", NULL},
    END};
const CodeTable CODES_INQUIRY = {"inquiry", inquiry_entries};

/* A case is referred to a member unit: the one list of domain/account.c. */
const CodeTable CODES_REFERRAL_UNIT = {"referral_unit", MEMBER_UNITS};

static const CodeEntry case_status_entries[] = {
    {"reported", "已报告", "Reported", NULL},
    {"assessed", "已评估", "Assessed", NULL},
    {"planned", "已制定方案", "Planned", NULL},
    {"in_service", "服务转介中", "In service", NULL},
    {"review", "评估回访", "Under review", NULL},
    {"closed", "已结案", "Closed", NULL},
    END};
const CodeTable CODES_CASE_STATUS = {"case_status", case_status_entries};

static const CodeEntry case_step_entries[] = {
    {"assess", "评估", "Assess", NULL},
    {"plan", "制定方案", "Plan", NULL},
    {"review", "回访评估", "Review", NULL},
    {"close", "结案", "Close", NULL},
    {"reopen", "重新开案", "Reopen", NULL},
    END};
const CodeTable CODES_CASE_STEP = {"case_step", case_step_entries};

static const CodeEntry case_outcome_entries[] = {
    {"resolved", "问题已解决", "Resolved", NULL},
    {"unfounded", "经核实不属实", "Unfounded", NULL},
    {"transferred", "移交其他地区或部门", "Transferred", NULL},
    {"state_guardianship", "转为国家监护", "State guardianship", NULL},
    {"other", "其他", "Other", NULL},
    END};
const CodeTable CODES_CASE_OUTCOME = {"case_outcome", case_outcome_entries};

static const CodeEntry risk_entries[] = {
    {"low", "低", "Low", NULL},
    {"medium", "中", "Medium", NULL},
    {"high", "高", "High", NULL},
    {"critical", "紧急", "Critical", NULL},
    END};
const CodeTable CODES_RISK = {"risk", risk_entries};

static const CodeEntry guardianship_entries[] = {
    {"adequate", "监护到位", "Adequate", NULL},
    {"unwilling", "有能力但不履行监护职责", "Able but unwilling", NULL},
    {"unable", "因困难无力监护", "Unable through difficulty", NULL},
    {"absent", "无人监护", "No one to care", NULL},
    END};
const CodeTable CODES_GUARDIANSHIP = {"guardianship", guardianship_entries};

static const CodeEntry care_entries[] = {
    {"good", "好", "Good", NULL},
    {"fair", "一般", "Fair", NULL},
    {"poor", "差", "Poor", NULL},
    END};
const CodeTable CODES_CARE = {"care", care_entries};

static const CodeEntry visit_kind_entries[] = {
    {"home", "入户探访", "Home visit", "入户"},
    {"phone", "电话探访", "Phone call", "电话"},
    {"school", "到校探访", "School visit", "到校"},
    END};
const CodeTable CODES_VISIT_KIND = {"visit_kind", visit_kind_entries};

static const CodeEntry intervention_entries[] = {
    {"criticism", "批评教育", "Criticism", NULL},
    {"admonition", "训诫", "Admonition", NULL},
    {"legal_action", "依法追究责任", "Legal action", NULL},
    {"family_support", "家庭帮扶", "Family support", NULL},
    {"state_guardianship", "国家监护", "State guardianship", NULL},
    {"revocation", "申请撤销监护资格", "Application to revoke guardianship", NULL},
    END};
const CodeTable CODES_INTERVENTION = {"intervention", intervention_entries};

static const CodeEntry court_result_entries[] = {
    {"pending", "审理中", "Pending", NULL},
    {"revoked", "已撤销监护资格", "Guardianship revoked", NULL},
    {"rejected", "驳回申请", "Rejected", NULL},
    END};
const CodeTable CODES_COURT_RESULT = {"court_result", court_result_entries};

static const CodeEntry referral_status_entries[] = {
    {"pending", "待接收", "Pending", NULL},
    {"accepted", "已接收", "Accepted", NULL},
    {"declined", "已拒绝", "Declined", NULL},
    {"done", "已办结", "Done", NULL},
    END};
const CodeTable CODES_REFERRAL_STATUS = {"referral_status", referral_status_entries};

static const CodeEntry case_source_entries[] = {
    {"report", "强制报告", "Mandatory report", NULL},
    {"hotline", "热线", "Hotline", NULL},
    {"visit", "探访发现", "Home visit", NULL},
    END};
const CodeTable CODES_CASE_SOURCE = {"case_source", case_source_entries};

static const CodeEntry referral_decision_entries[] = {
    {"accept", "接收", "Accept", NULL},
    {"decline", "拒绝", "Decline", NULL},
    {"done", "办结", "Done", NULL},
    END};
const CodeTable CODES_REFERRAL_DECISION = {"referral_decision", referral_decision_entries};

static const CodeEntry report_via_entries[] = {
    {"phone", "电话", "Phone", NULL},
    {"form", "表单", "Form", NULL},
    {"visit", "当面", "In person", NULL},
    END};
const CodeTable CODES_REPORT_VIA = {"report_via", report_via_entries};

const CodeTable *const PROTECTION_CODE_TABLES[] = {
    &CODES_SECTOR, &CODES_TRIGGER,      &CODES_INQUIRY,       &CODES_REFERRAL_UNIT,   &CODES_CASE_STATUS,
    &CODES_CASE_STEP, &CODES_CASE_OUTCOME, &CODES_RISK,       &CODES_GUARDIANSHIP,    &CODES_CARE,
    &CODES_VISIT_KIND, &CODES_INTERVENTION, &CODES_COURT_RESULT, &CODES_REFERRAL_STATUS, &CODES_CASE_SOURCE,
    &CODES_REPORT_VIA, &CODES_REFERRAL_DECISION, NULL};

/* ---- case numbers ---- */

char *case_number_format(int year, long long seq, char out[CASE_NUMBER_BUF])
{
    snprintf(out, CASE_NUMBER_BUF, "DG-%04d-%06lld", year, seq);
    return out;
}

bool case_number_parse(const char *s, int *year, long long *seq)
{
    if (strncmp(s, "DG-", 3) != 0 || strspn(s + 3, "0123456789") != 4 || s[7] != '-') return false;
    size_t digits = strspn(s + 8, "0123456789");
    if (digits < 6 || digits > 12 || s[8 + digits]) return false;
    *year = atoi(s + 3);
    *seq = atoll(s + 8);
    return *seq > 0;
}

/* ---- problems that name a state ---- */

void state_problem(Problems *p, const char *field, const char *code, const CodeTable *states, const char *state,
                   const CodeTable *actions, const char *action)
{
    /* the labels differ by language, so the two texts are made here (as code_problem does) */
    static const struct {
        const char *code, *zh, *en;
    } texts[] = {
        {"case_bad_step", "案件状态为“%s”，不能办理“%s”；请按 报告→评估→方案→服务转介→回访→结案 的顺序办理",
         "the case is %s: the step \"%s\" cannot be done now (reported, assessed, planned, in service, review, closed)"},
        {"referral_bad_state", "该转介状态为“%s”，不能“%s”", "the referral is %s: it cannot be %s"},
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        if (strcmp(texts[i].code, code) != 0) continue;
        char zh[512], en[512];
        snprintf(zh, sizeof zh, texts[i].zh, code_label(states, state, LANG_ZH), code_label(actions, action, LANG_ZH));
        snprintf(en, sizeof en, texts[i].en, code_label(states, state, LANG_EN), code_label(actions, action, LANG_EN));
        problems_add_texts(p, field, code, zh, en);
        return;
    }
    abort();   /* a programming error: every code has its texts */
}

/* ---- the workflow ---- */

/* Each step, the statuses it may be taken from ('|'-separated) and the status it leads to. */
static const struct {
    const char *step, *from, *to;
} workflow[] = {
    {"assess", "|reported|assessed|", "assessed"},
    {"plan", "|assessed|review|", "planned"},
    {"review", "|planned|in_service|", "review"},
    {"close", "|review|", "closed"},
    {"reopen", "|closed|", "reported"},
};

static bool in_list(const char *list, const char *status)
{
    char word[40];
    snprintf(word, sizeof word, "|%s|", status);
    return strstr(list, word) != NULL;
}

const char *case_step_next(const char *status, const char *step, Problems *p)
{
    for (size_t i = 0; i < sizeof workflow / sizeof *workflow; i++)
        if (strcmp(workflow[i].step, step) == 0 && in_list(workflow[i].from, status)) return workflow[i].to;
    state_problem(p, "step", "case_bad_step", &CODES_CASE_STATUS, status, &CODES_CASE_STEP, step);
    return NULL;
}

const char *case_after_service(const char *status, Problems *p)
{
    if (!case_is_open(status)) {
        problems_add(p, NULL, "case_closed");
        return NULL;
    }
    return strcmp(status, "planned") == 0 ? "in_service" : status;
}

bool case_is_open(const char *status) { return strcmp(status, "closed") != 0; }

bool case_step_allowed(const char *status, const char *step)
{
    for (size_t i = 0; i < sizeof workflow / sizeof *workflow; i++)
        if (strcmp(workflow[i].step, step) == 0 && in_list(workflow[i].from, status)) return true;
    return false;
}

const char *referral_next(const char *kind, const char *status, const char *decision, Problems *p)
{
    bool notice = strcmp(kind, "notice") == 0;
    if (notice && strcmp(decision, "accept") != 0) {
        problems_add(p, "decision", "notice_accept_only");
        return NULL;
    }
    bool pending = strcmp(status, "pending") == 0, accepted = strcmp(status, "accepted") == 0;
    if (strcmp(decision, "accept") == 0 && pending) return "accepted";
    if (strcmp(decision, "decline") == 0 && pending) return "declined";
    if (strcmp(decision, "done") == 0 && (pending || accepted)) return "done";
    state_problem(p, "decision", "referral_bad_state", &CODES_REFERRAL_STATUS, status, &CODES_REFERRAL_DECISION,
                  decision);
    return NULL;
}

char *person_name_mask(Arena *a, const char *name)
{
    if (!name || !*name) return NULL;
    size_t first = 1;   /* the first character, whole: one to four bytes of UTF-8 */
    while (name[first] && ((unsigned char)name[first] & 0xC0) == 0x80) first++;
    return arena_printf(a, "%.*s**", (int)first, name);
}

static bool blank(const char *s) { return !s || !*s || strspn(s, " \t\r\n") == strlen(s); }

bool case_step_fields_ok(const char *step, const char *risk, const char *guardianship, const char *outcome,
                         const char *note, Problems *p)
{
    size_t before = p->count;
    if (strcmp(step, "assess") == 0) {
        if (!risk) problems_add(p, "risk", "required");
        if (!guardianship) problems_add(p, "guardianship", "required");
    } else if (strcmp(step, "close") == 0) {
        if (!outcome) problems_add(p, "outcome", "required");
    } else if (blank(note)) {
        problems_add(p, "note", "required");
    }
    return p->count == before;
}

/* ---- configurable rules ---- */

/* The index of category CODE in CODES_CATEGORY, or -1. */
static int category_index(const char *code)
{
    int i = 0;
    for (const CodeEntry *e = CODES_CATEGORY.entries; e->code; e++, i++)
        if (strcmp(e->code, code) == 0) return i < 16 ? i : -1;
    return -1;
}

void protection_rules_default(ProtectionRules *r)
{
    static const char *const monthly[] = {"orphan_institution", "orphan_scattered", "de_facto_unsupported", "hiv",
                                          "difficulty_poverty", "difficulty_disability", "difficulty_guardianship"};
    memset(r, 0, sizeof *r);
    r->referral_days = 7;
    r->police_days = 1;
    r->escalate_city_days = 5;
    for (size_t i = 0; i < sizeof monthly / sizeof *monthly; i++) r->visit_months[category_index(monthly[i])] = 1;
    r->visit_months[category_index("left_behind")] = 3;
}

/* The number setting KEY holds in R, with its bounds; NULL for an unknown key. */
static int *setting_slot(ProtectionRules *r, const char *key, int *lo, int *hi)
{
    static const char visit_prefix[] = "visit.months.";
    *lo = 1;
    *hi = 365;
    if (strcmp(key, "protection.referral_days") == 0) return &r->referral_days;
    if (strcmp(key, "protection.police_days") == 0) return &r->police_days;
    if (strcmp(key, "protection.escalate_city_days") == 0) return &r->escalate_city_days;
    if (strncmp(key, visit_prefix, sizeof visit_prefix - 1) != 0) return NULL;
    int i = category_index(key + sizeof visit_prefix - 1);
    *lo = 0;
    *hi = 120;
    return i >= 0 ? &r->visit_months[i] : NULL;
}

bool protection_rules_set(ProtectionRules *r, const char *key, const char *value, Problems *p)
{
    int lo, hi;
    int *slot = setting_slot(r, key, &lo, &hi);
    if (!slot) {
        problems_add(p, key, "unknown_setting", key);
        return false;
    }
    char *end;
    long n = strtol(value, &end, 10);
    if (!*value || *end || n < lo || n > hi) {
        char range[16];
        snprintf(range, sizeof range, "%d-%d", lo, hi);
        problems_add(p, key, "bad_setting", value, range);
        return false;
    }
    *slot = (int)n;
    return true;
}

bool protection_setting_known(const char *key)
{
    ProtectionRules scratch;
    int lo, hi;
    return setting_slot(&scratch, key, &lo, &hi) != NULL;
}

/* ---- referrals ---- */

Date referral_due(Date sent, const char *unit, bool from_report, const ProtectionRules *r)
{
    int days = from_report && strcmp(unit, "police") == 0 ? r->police_days : r->referral_days;
    return date_from_days(date_to_days(sent) + days);
}

Escalation referral_escalation(Date due, Date today, const ProtectionRules *r, int *days_late)
{
    long late = date_is_set(due) ? date_to_days(today) - date_to_days(due) : 0;
    if (late < 0) late = 0;
    if (days_late) *days_late = (int)late;
    if (late == 0) return ESCALATION_NONE;
    return late > r->escalate_city_days ? ESCALATION_CITY : ESCALATION_TOWN;
}

const char *escalation_actor(Escalation e)
{
    return e == ESCALATION_TOWN ? "town_supervisor" : e == ESCALATION_CITY ? "city_staff" : NULL;
}

/* ---- who is told of a mandatory report ---- */

bool sector_is_school(const char *sector)
{
    return sector && (strcmp(sector, "school") == 0 || strcmp(sector, "kindergarten") == 0 ||
                      strcmp(sector, "tutoring") == 0 || strcmp(sector, "school_bus") == 0);
}

bool child_of_school_age(int age, const char *enrolment)
{
    if (enrolment && strcmp(enrolment, "in_school") == 0) return true;
    return age >= 6 && age < 18;
}

int report_notices(const char *sector, int age, const char *enrolment, ReportNotice out[3])
{
    int n = 0;
    out[n++] = (ReportNotice){"police", true};
    out[n++] = (ReportNotice){"civil_affairs", false};
    if (sector_is_school(sector) || child_of_school_age(age, enrolment)) out[n++] = (ReportNotice){"education", false};
    return n;
}

/* ---- visits ---- */

int visit_interval_months(const char *const *codes, int n, const ProtectionRules *r)
{
    int best = 0;
    for (int i = 0; i < n; i++) {
        int k = category_index(codes[i]);
        int m = k >= 0 ? r->visit_months[k] : 0;
        if (m > 0 && (best == 0 || m < best)) best = m;
    }
    return best;
}

Date visit_next_due(Date last, Date since, int months)
{
    if (months <= 0) return DATE_NONE;
    return date_is_set(last) ? date_add_months(last, months) : since;
}

/* ---- times ---- */

bool iso_time_parse(const char *s, long long *out)
{
    int y, mo, d, h, mi, sec = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || n != 16) return false;
    const char *rest = s + n;
    if (*rest == ':') {
        int m2 = 0;
        if (sscanf(rest, ":%2d%n", &sec, &m2) != 1 || m2 != 3) return false;
        rest += m2;
        if (*rest == '.') rest += 1 + strspn(rest + 1, "0123456789");
    }
    int offset = 8 * 3600;   /* Asia/Shanghai unless the text says otherwise */
    if (*rest == 'Z') {
        offset = 0;
        rest++;
    } else if (*rest == '+' || *rest == '-') {
        int oh, om, m3 = 0;
        if (sscanf(rest + 1, "%2d:%2d%n", &oh, &om, &m3) != 2 || m3 != 5 || oh > 14 || om > 59) return false;
        offset = (oh * 3600 + om * 60) * (*rest == '-' ? -1 : 1);
        rest += 1 + m3;
    }
    if (*rest || !date_valid(y, mo, d) || h > 23 || mi > 59 || sec > 59) return false;
    Date day = {y, mo, d};
    *out = (long long)date_to_days(day) * 86400 + h * 3600 + mi * 60 + sec - offset;
    return true;
}
