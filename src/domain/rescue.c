/*
** The rescue centre's rules (see rescue.h): the law's code lists, the
** deadlines of an unidentified child, stays and the month's figures.
*/
#include <stdio.h>
#include <string.h>
#include "domain/rescue.h"
#include "util/text.h"

#define END {NULL, NULL, NULL, NULL}

static const CodeEntry ground_entries[] = {
    {"homeless_unidentified", "流浪乞讨或身份不明，暂时查找不到父母或其他监护人",
     "Homeless, begging or of unknown identity, parents or guardian not yet found", "流浪乞讨|身份不明"},
    {"guardian_missing", "监护人下落不明且无其他人可以担任监护人", "Guardian's whereabouts unknown, no one else to act",
     "监护人下落不明"},
    {"guardian_emergency", "监护人因自身客观原因或突发事件不能履行监护职责",
     "Guardian unable to care through own circumstances or an emergency", "突发事件"},
    {"guardian_refuses", "监护人拒绝或怠于履行监护职责，未成年人无人照料", "Guardian refuses or neglects care, child left alone",
     "拒绝监护|怠于监护"},
    {"guardian_crime", "监护人教唆、利用未成年人实施违法犯罪行为，需带离安置",
     "Guardian uses the child for crime, child must be taken away", "教唆犯罪"},
    {"guardian_harm", "遭受监护人严重伤害或面临人身安全威胁，需紧急安置",
     "Seriously harmed or threatened by the guardian, urgent placement", "监护侵害|严重伤害"},
    {"other", "法律规定的其他情形", "Other cases the law provides for", "其他"},
    END};
const CodeTable CODES_RESCUE_GROUND = {"rescue_ground", ground_entries};

static const CodeEntry placement_entries[] = {
    {"relatives", "委托亲属抚养", "Raised by relatives", "亲属"},
    {"foster_family", "家庭寄养", "Foster family", "寄养"},
    {"rescue_centre", "交由未成年人救助保护机构抚养", "Rescue and protection centre", "救助保护机构|救助站"},
    {"welfare_institution", "交由儿童福利机构抚养", "Child welfare institution", "儿童福利机构|福利院"},
    END};
const CodeTable CODES_PLACEMENT = {"placement", placement_entries};

static const CodeEntry long_term_entries[] = {
    {"parents_not_found", "查找不到未成年人的父母或其他监护人", "Parents or other guardians cannot be found", "查找不到父母"},
    {"guardian_dead", "监护人死亡或被宣告死亡且无其他人可以担任监护人", "Guardian dead or declared dead, no one else to act",
     "监护人死亡"},
    {"guardian_incapable", "监护人丧失监护能力且无其他人可以担任监护人", "Guardian incapable, no one else to act",
     "丧失监护能力"},
    {"court_revoked", "人民法院判决撤销监护人资格并指定由民政部门担任监护人",
     "Court revoked the guardianship and appointed civil affairs", "撤销监护资格"},
    {"other", "法律规定的其他情形", "Other cases the law provides for", "其他"},
    END};
const CodeTable CODES_LONG_TERM_GROUND = {"long_term_ground", long_term_entries};

static const CodeEntry discharge_entries[] = {
    {"family_collected", "家属接领", "Collected by family", "接领"},
    {"escorted_home", "护送返乡", "Escorted home", "护送|机构护送"},
    {"transferred", "转送其他机构", "Transferred", "转送|移交"},
    {"foster_care", "家庭寄养", "Placed in foster care", "寄养"},
    {"adopted", "被收养", "Adopted", "收养"},
    END};
const CodeTable CODES_DISCHARGE = {"discharge", discharge_entries};

static const CodeEntry step_entries[] = {
    {"admitted", "入站", "Admitted", NULL},
    {"family_search_notice", "发布寻亲公告", "Family-search notice published", "寻亲公告"},
    {"dna_sample", "采集DNA样本", "DNA sample taken", "DNA"},
    {"long_term", "临时监护转为长期监护", "Temporary guardianship made long-term", "长期监护"},
    {"guardianship_ended", "临时监护终止", "Temporary guardianship ended", "监护终止"},
    {"identified", "查明身份", "Identified", "身份查明"},
    {"discharged", "离站", "Discharged", "出站"},
    END};
const CodeTable CODES_RESCUE_STEP = {"rescue_step", step_entries};

static const CodeEntry guardianship_entries[] = {
    {"temporary", "临时监护", "Temporary guardianship", NULL},
    {"long_term", "长期监护", "Long-term guardianship", NULL},
    {"ended", "监护已终止", "Guardianship ended", NULL},
    END};
const CodeTable CODES_RESCUE_GUARDIANSHIP = {"rescue_guardianship", guardianship_entries};

/* ---- deadlines ---- */

/* The state of a task due on DUE and done on DONE, which stops mattering on
   MOOT_FROM (identification or discharge, whichever came first; unset: never). */
static DeadlineState task_state(Date due, Date done, Date moot_from, Date today)
{
    if (date_is_set(done)) return DEADLINE_DONE;
    if (date_is_set(moot_from) && date_cmp(moot_from, due) <= 0) return DEADLINE_MOOT;
    if (date_is_set(moot_from)) return DEADLINE_OVERDUE;   /* it was late before it stopped mattering */
    return date_cmp(today, due) > 0 ? DEADLINE_OVERDUE : DEADLINE_PENDING;
}

/* The earlier of two days, either of which may be unset. */
static Date earlier(Date a, Date b)
{
    if (!date_is_set(a)) return b;
    if (!date_is_set(b)) return a;
    return date_cmp(a, b) <= 0 ? a : b;
}

int rescue_deadlines(const StayFacts *f, Date today, Deadline out[DEADLINE_KINDS])
{
    if (!f->arrived_unidentified) return 0;
    Date ends = earlier(f->identified, f->discharged);
    out[DEADLINE_NOTICE] = (Deadline){DEADLINE_NOTICE, "family_search_notice",
                                      date_from_days(date_to_days(f->admitted) + RESCUE_NOTICE_DAYS), f->notice, 0};
    out[DEADLINE_DNA] = (Deadline){DEADLINE_DNA, "dna_sample", date_add_months(f->admitted, RESCUE_DNA_MONTHS), f->dna, 0};
    for (int k = DEADLINE_NOTICE; k <= DEADLINE_DNA; k++)
        out[k].state = task_state(out[k].due, out[k].done, ends, today);
    /* stranded is not a task: it begins on its day unless the child was identified or left before */
    Deadline *st = &out[DEADLINE_STRANDED];
    *st = (Deadline){DEADLINE_STRANDED, "long_term_stranded", date_add_months(f->admitted, RESCUE_STRANDED_MONTHS),
                     DATE_NONE, DEADLINE_PENDING};
    if (date_is_set(ends) && date_cmp(ends, st->due) <= 0) st->state = DEADLINE_MOOT;
    else if (date_cmp(today, st->due) >= 0) st->state = DEADLINE_OVERDUE;
    return DEADLINE_KINDS;
}

long rescue_stay_days(Date admitted, Date discharged, Date today)
{
    Date end = date_is_set(discharged) ? discharged : today;
    long days = date_to_days(end) - date_to_days(admitted);
    return days < 0 ? 0 : days;
}

bool rescue_discharge_ends_guardianship(const char *kind)
{
    return strcmp(kind, "family_collected") == 0 || strcmp(kind, "escorted_home") == 0 || strcmp(kind, "adopted") == 0;
}

/* ---- the month's figures ---- */

void rescue_month_figures(const Stay *s, long n, Month m, RescueMonth *out)
{
    *out = (RescueMonth){.month = m, .retention_permille = -1};
    Date first = month_first_day(m), last = month_last_day(m);
    for (long i = 0; i < n; i++) {
        Date in = s[i].admitted, gone = s[i].discharged;
        if (date_cmp(in, first) >= 0 && date_cmp(in, last) <= 0) out->admissions++;
        if (date_is_set(gone) && date_cmp(gone, first) >= 0 && date_cmp(gone, last) <= 0) {
            out->discharges++;
            out->stay_days_total += rescue_stay_days(in, gone, gone);
        }
        bool present = date_cmp(in, last) <= 0 && (!date_is_set(gone) || date_cmp(gone, last) > 0);
        if (!present) continue;
        out->present++;
        if (date_cmp(date_add_months(in, RESCUE_STRANDED_MONTHS), last) <= 0) out->stranded++;
    }
    if (out->present > 0) out->retention_permille = (int)((out->stranded * 1000 + out->present / 2) / out->present);
}

char *rescue_permille_format(int permille, char out[8])
{
    if (permille < 0 || permille > 1000) out[0] = 0;   /* a rate is at most 100.0 */
    else snprintf(out, 8, "%d.%d", (permille / 10) % 1000, permille % 10);
    return out;
}

/* ---- checks ---- */

/* A problem unless VALUE is a code of T. */
static void check_code(Problems *p, const char *field, const char *value, const CodeTable *t)
{
    if (!value) problems_add(p, field, "required");
    else if (!code_get(t, value)) code_problem(p, field, value, t);
}

/* A problem if DAY is after TODAY or before ADMITTED. */
static void check_day(Problems *p, const char *field, Date day, Date admitted, Date today)
{
    char a[11], b[11];
    if (date_cmp(day, today) > 0) problems_add(p, field, "future_date", date_format(day, a));
    else if (date_is_set(admitted) && date_cmp(day, admitted) < 0)
        problems_add(p, field, "rescue_before_admission", date_format(day, a), date_format(admitted, b));
}

bool rescue_admission_check(const AdmissionInput *in, Date today, Problems *p)
{
    size_t before = p->count;
    bool described = in->apparent_age >= 0 || in->sex || in->found_place || date_is_set(in->found_on) ||
                     in->description || in->name;
    if (in->child_id && described) problems_add(p, "child_id", "rescue_known_or_unknown");
    if (!in->child_id) {
        if (in->apparent_age < 0) problems_add(p, "apparent_age", "required");
        else if (in->apparent_age > 17) problems_add(p, "apparent_age", "rescue_age");
        check_code(p, "sex", in->sex, &CODES_SEX);
        if (text_blank(in->found_place)) problems_add(p, "found_place", "required");
        if (text_blank(in->description)) problems_add(p, "description", "required");
        if (!date_is_set(in->found_on)) problems_add(p, "found_on", "required");
        else if (date_cmp(in->found_on, today) > 0) {
            char d[11];
            problems_add(p, "found_on", "future_date", date_format(in->found_on, d));
        } else if (date_cmp(in->found_on, in->admitted_on) > 0) {
            char a[11], b[11];
            problems_add(p, "found_on", "rescue_found_after", date_format(in->found_on, a),
                         date_format(in->admitted_on, b));
        }
    }
    check_code(p, "ground", in->ground, &CODES_RESCUE_GROUND);
    check_code(p, "placement", in->placement, &CODES_PLACEMENT);
    check_day(p, "admitted_on", in->admitted_on, DATE_NONE, today);
    return p->count == before;
}

bool rescue_step_kind(const char *kind)
{
    static const char *const kinds[] = {"family_search_notice", "dna_sample", "long_term", "guardianship_ended"};
    for (size_t i = 0; kind && i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(kind, kinds[i]) == 0) return true;
    return false;
}

bool rescue_step_check(const char *kind, Date day, const char *ground, Date admitted, Date today,
                       const char *guardianship, bool has_notice, bool has_dna, Problems *p)
{
    size_t before = p->count;
    if (!rescue_step_kind(kind)) {
        problems_add(p, "kind", "bad_choice", "family_search_notice, dna_sample, long_term, guardianship_ended");
        return false;
    }
    check_day(p, "on", day, admitted, today);
    if (strcmp(kind, "long_term") == 0) check_code(p, "ground", ground, &CODES_LONG_TERM_GROUND);
    else if (ground) problems_add(p, "ground", "rescue_ground_only_long_term");
    if (p->count != before) return false;
    /* the state the stay is in */
    if (strcmp(kind, "family_search_notice") == 0 && has_notice) problems_add(p, "kind", "rescue_state_done", kind);
    if (strcmp(kind, "dna_sample") == 0 && has_dna) problems_add(p, "kind", "rescue_state_done", kind);
    if (strcmp(kind, "long_term") == 0 && strcmp(guardianship, "temporary") != 0)
        problems_add(p, "kind", "rescue_state_guardianship", guardianship);
    if (strcmp(kind, "guardianship_ended") == 0 && strcmp(guardianship, "temporary") != 0)
        problems_add(p, "kind", "rescue_state_guardianship", guardianship);
    return p->count == before;
}

bool rescue_discharge_check(const char *kind, Date day, const char *taken_by, Date admitted, Date today, Problems *p)
{
    size_t before = p->count;
    check_code(p, "kind", kind, &CODES_DISCHARGE);
    check_day(p, "on", day, admitted, today);
    if (text_blank(taken_by)) problems_add(p, "taken_by", "required");
    return p->count == before;
}
