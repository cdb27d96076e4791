/*
** The eligibility rules (see eligibility.h for the policy and how it is
** read). Each parent's situation becomes a ParentFact: what kind of fact it
** is (gone, unable, away, other, unknown), the interval in which it counts,
** and its words. A category's rule says which pairs of facts qualify; the
** judgement is the meeting of the parents' intervals with the age interval.
*/
#include <string.h>
#include "domain/codes.h"
#include "domain/eligibility.h"

const EligibilityRules ELIGIBILITY_RULES_DEFAULT = {.adults_in_school_keep = true, .threshold_months = 6};

/* ---- two-language text, built piece by piece in the arena ---- */

typedef struct Text2 {
    Arena *a;
    char *s[2]; /* [LANG_ZH], [LANG_EN] */
} Text2;

static Text2 text2(Arena *a) { return (Text2){a, {arena_strdup(a, ""), arena_strdup(a, "")}}; }

/* Appends ZH and EN (each already formatted, so the compiler checks both). */
static void t2_put(Text2 *t, const char *zh, const char *en)
{
    t->s[0] = arena_printf(t->a, "%s%s", t->s[0], zh);
    t->s[1] = arena_printf(t->a, "%s%s", t->s[1], en);
}

/* Appends a pair of texts, after a separator when T is not empty. */
static void t2_join(Text2 *t, const char *const s[2])
{
    if (*t->s[0]) t2_put(t, "；", "; ");
    t2_put(t, s[0], s[1]);
}

static const char *fmt_date(Arena *a, Date d)
{
    char buf[11];
    return arena_strdup(a, date_format(d, buf));
}

static Date day_before(Date d) { return date_from_days(date_to_days(d) - 1); }

/* ---- intervals [from, until): unset from = since ever, unset until = open ---- */

typedef struct Span {
    Date from, until;
    const char *why[2]; /* what ends it at UNTIL */
} Span;

static Span span_open(void) { return (Span){DATE_NONE, DATE_NONE, {NULL, NULL}}; }

static Span span_meet(Span a, Span b)
{
    Span r = a;
    if (!date_is_set(r.from) || (date_is_set(b.from) && date_cmp(b.from, r.from) > 0)) r.from = b.from;
    if (date_is_set(b.until) && (!date_is_set(r.until) || date_cmp(b.until, r.until) < 0)) {
        r.until = b.until;
        r.why[0] = b.why[0];
        r.why[1] = b.why[1];
    }
    return r;
}

static bool span_empty(Span s) { return date_is_set(s.from) && date_is_set(s.until) && date_cmp(s.from, s.until) >= 0; }

static bool span_has(Span s, Date d)
{
    return (!date_is_set(s.from) || date_cmp(s.from, d) <= 0) && (!date_is_set(s.until) || date_cmp(d, s.until) < 0);
}

/* ---- ages ---- */

Date birthday_reached(Date birth, int years)
{
    Date d = date_add_months(birth, 12 * years);
    if (date_age_on(birth, d) < years) d = date_from_days(date_to_days(d) + 1); /* 29 February */
    return d;
}

static bool in_school(const Child *c) { return c->enrolment && strcmp(c->enrolment, "in_school") == 0; }

Date eligibility_age_until(const Child *c, const char *category, Date on, const EligibilityRules *rules)
{
    if (!date_is_set(c->birth_date)) return DATE_NONE;
    int limit = category_age_limit(category);
    Date until = birthday_reached(c->birth_date, limit);
    if (limit == 18 && rules->adults_in_school_keep && category_continues_after_18(category) && in_school(c) &&
        date_cmp(on, until) >= 0)
        return DATE_NONE; /* an adult in full-time schooling: until graduation, which the record does not know */
    return until;
}

static Span age_span(const Child *c, const char *category, Date on, const EligibilityRules *rules)
{
    Span s = {c->birth_date, eligibility_age_until(c, category, on, rules), {NULL, NULL}};
    int limit = category_age_limit(category);
    s.why[0] = limit == 16 ? "年满16周岁" : "年满18周岁";
    s.why[1] = limit == 16 ? "turns 16" : "turns 18";
    return s;
}

int basic_living_rank(const char *category)
{
    static const char *const order[] = {"orphan_institution", "orphan_scattered", "de_facto_unsupported", "hiv"};
    for (int i = 0; i < 4; i++)
        if (category && strcmp(order[i], category) == 0) return i;
    return -1;
}

bool eligibility_watched(const EligibilityResult *r, const Judgement *j)
{
    return (r->basic_living && strcmp(j->category, r->basic_living) == 0) || strcmp(j->category, "left_behind") == 0;
}

bool eligibility_uncovered(const EligibilityResult *r, const Judgement *j)
{
    bool current = j->recorded && strcmp(j->recorded, "ended") != 0;
    return j->state == ELIG_YES && eligibility_watched(r, j) && !current;
}

bool eligibility_starting(const EligibilityResult *r, const Judgement *j, Date horizon)
{
    bool ahead = date_is_set(j->from) && date_cmp(j->from, r->on) > 0 && date_cmp(j->from, horizon) <= 0;
    return j->state == ELIG_NO && j->by_facts && ahead &&
           (eligibility_watched(r, j) || basic_living_rank(j->category) >= 0);
}

/* ---- a parent's facts ---- */

typedef enum ParentKind { PF_UNKNOWN, PF_OTHER, PF_GONE, PF_UNABLE, PF_AWAY } ParentKind;

#define KIND_BIT(k) (1u << (k))

typedef struct ParentFact {
    ParentKind kind;
    Span span; /* when it counts */
    const char *text[2];
} ParentFact;

static const char *const WHO[2][2] = {{"父亲", "father"}, {"母亲", "mother"}};

/* Deprivation of liberty: a term of TERM months from SINCE (either may be missing). */
static void term_fact(ParentFact *f, const Person *p, int who, Date on, const EligibilityRules *r, Text2 *t)
{
    Arena *a = t->a;
    bool prison = strcmp(p->situation, "imprisoned") == 0;
    const char *zh = WHO[who][0], *en = WHO[who][1];
    const char *what_zh = code_label(&CODES_SITUATION, p->situation, LANG_ZH);
    const char *what_en = prison                                    ? "imprisoned"
                          : strcmp(p->situation, "drug_rehab") == 0 ? "in compulsory drug rehabilitation"
                                                                    : "otherwise deprived of liberty";
    const char *term_zh = prison ? "刑期" : "期限";
    int thr = r->threshold_months, term = p->term_months;
    bool dated = date_is_set(p->situation_since);
    const char *since = dated ? fmt_date(a, p->situation_since) : "";
    t2_put(t, arena_printf(a, "%s%s，", zh, what_zh), arena_printf(a, "%s %s, ", en, what_en));
    f->kind = PF_UNABLE;
    if (term > 0 && term < thr) {
        f->kind = PF_OTHER; /* a short term never counts */
        t2_put(t, arena_printf(a, "%s%d个月，不足%d个月", term_zh, term, thr),
               arena_printf(a, "term %d months, less than %d", term, thr));
    } else if (term >= thr && dated) {
        f->span.from = p->situation_since;
        f->span.until = date_add_months(p->situation_since, term);
        f->span.why[0] = arena_printf(a, "%s%s期满", zh, prison ? "刑" : "");
        f->span.why[1] = arena_printf(a, "the %s's term ends", en);
        const char *last = fmt_date(a, day_before(f->span.until));
        t2_put(t, arena_printf(a, "%s%d个月，自%s起（至%s止）", term_zh, term, since, last),
               arena_printf(a, "term %d months, from %s (until %s)", term, since, last));
    } else if (term >= thr) {
        t2_put(t, arena_printf(a, "%s%d个月，起始日期未填写（无法推算期满日期）", term_zh, term),
               arena_printf(a, "term %d months, start not recorded (its end cannot be known)", term));
    } else if (dated) {
        /* no term recorded: it counts once it has lasted the threshold */
        f->span.from = date_add_months(p->situation_since, thr);
        const char *reached = fmt_date(a, f->span.from);
        if (date_cmp(on, f->span.from) >= 0)
            t2_put(t, arena_printf(a, "%s未填写，自%s起，已满%d个月", term_zh, since, thr),
                   arena_printf(a, "term not recorded, from %s, %d months reached on %s", since, thr, reached));
        else
            t2_put(t, arena_printf(a, "%s未填写，自%s起，%s满%d个月", term_zh, since, reached, thr),
                   arena_printf(a, "term not recorded, from %s, %d months on %s", since, thr, reached));
    } else {
        f->kind = PF_UNKNOWN;
        t2_put(t, arena_printf(a, "%s和起始日期未填写", term_zh), "neither term nor start recorded");
    }
}

/* A situation counted from a threshold after SINCE: working away, lost contact. */
static void threshold_fact(ParentFact *f, ParentKind kind, Date since, Date on, int thr, const char *done[2],
                           const char *ahead[2], Text2 *t)
{
    f->kind = kind;
    f->span.from = date_add_months(since, thr);
    const char *const *words = date_cmp(on, f->span.from) >= 0 ? done : ahead;
    t2_put(t, words[0], words[1]);
}

static ParentFact parent_fact(const Person *p, int who, Date on, const EligibilityRules *r, Arena *a)
{
    ParentFact f = {PF_UNKNOWN, span_open(), {NULL, NULL}};
    Text2 t = text2(a);
    const char *sit = p->situation;
    int thr = r->threshold_months;
    bool dated = date_is_set(p->situation_since);
    const char *since = dated ? fmt_date(a, p->situation_since) : "";
    const char *reached = dated ? fmt_date(a, date_add_months(p->situation_since, thr)) : "";
    const char *zh = WHO[who][0], *en = WHO[who][1];
    if (!sit) {
        t2_put(&t, arena_printf(a, "%s状况未填写", zh), arena_printf(a, "the %s's situation is not recorded", en));
    } else if (strcmp(sit, "unknown") == 0) {
        t2_put(&t, arena_printf(a, "%s状况不详", zh), arena_printf(a, "the %s's situation is unknown", en));
    } else if (strcmp(sit, "normal") == 0) {
        f.kind = PF_OTHER;
        t2_put(&t, arena_printf(a, "%s状况正常", zh), arena_printf(a, "the %s's situation is normal", en));
    } else if (strcmp(sit, "working_away") == 0 && !dated) {
        t2_put(&t, arena_printf(a, "%s外出务工，起始日期未填写", zh),
               arena_printf(a, "%s working away, since a day not recorded", en));
    } else if (strcmp(sit, "working_away") == 0) {
        const char *done[2] = {arena_printf(a, "%s外出务工满%d个月（自%s起）", zh, thr, since),
                               arena_printf(a, "%s working away for %d months (since %s)", en, thr, since)};
        const char *ahead[2] = {
            arena_printf(a, "%s外出务工未满%d个月（自%s起，%s满%d个月）", zh, thr, since, reached, thr),
            arena_printf(a, "%s working away less than %d months (since %s; %d months on %s)", en, thr, since, thr,
                         reached)};
        threshold_fact(&f, PF_AWAY, p->situation_since, on, thr, done, ahead, &t);
    } else if (situation_is_gone(sit)) {
        f.kind = PF_GONE;
        f.span.from = p->situation_since;
        const char *what = code_label(&CODES_SITUATION, sit, LANG_ZH);
        const char *what_en = strcmp(sit, "dead") == 0 ? "dead" : "declared missing";
        t2_put(&t, arena_printf(a, "%s%s（%s）", zh, what, dated ? since : "日期未填写"),
               arena_printf(a, "%s %s (%s)", en, what_en, dated ? since : "date not recorded"));
    } else if (situation_has_term(sit)) {
        term_fact(&f, p, who, on, r, &t);
    } else if (strcmp(sit, "lost_contact") == 0 && !dated) {
        t2_put(&t, arena_printf(a, "%s失联，公安机关受理报案日期未填写", zh),
               arena_printf(a, "%s lost contact; the day the police accepted the report is not recorded", en));
    } else if (strcmp(sit, "lost_contact") == 0) {
        const char *done[2] = {
            arena_printf(a, "%s失联满%d个月（公安受理%s）", zh, thr, since),
            arena_printf(a, "%s lost contact for %d months (police accepted the report on %s)", en, thr, since)};
        const char *ahead[2] = {
            arena_printf(a, "%s失联未满%d个月（公安受理%s，%s满%d个月）", zh, thr, since, reached, thr),
            arena_printf(a,
                         "%s lost contact less than %d months ago (police accepted the report on %s; %d months on %s)",
                         en, thr, since, thr, reached)};
        threshold_fact(&f, PF_UNABLE, p->situation_since, on, thr, done, ahead, &t);
    } else if (situation_is_incapable(sit)) {
        f.kind = PF_UNABLE;
        f.span.from = p->situation_since;
        const char *what = code_label(&CODES_SITUATION, sit, LANG_ZH);
        const char *what_en = code_label(&CODES_SITUATION, sit, LANG_EN);
        if (dated)
            t2_put(&t, arena_printf(a, "%s%s（自%s起）", zh, what, since),
                   arena_printf(a, "%s: %s (since %s)", en, what_en, since));
        else t2_put(&t, arena_printf(a, "%s%s", zh, what), arena_printf(a, "%s: %s", en, what_en));
    } else {
        t2_put(&t, arena_printf(a, "%s状况“%s”无法判断", zh, sit),
               arena_printf(a, "the %s's situation \"%s\" cannot be judged", en, sit));
    }
    f.text[0] = t.s[0];
    f.text[1] = t.s[1];
    return f;
}

/* ---- which pairs of facts a category accepts ---- */

typedef enum Match { MATCH_NO, MATCH_YES, MATCH_UNKNOWN } Match;

typedef struct PairRule {
    unsigned allowed;       /* KIND_BITs each parent may have */
    bool need_away;         /* at least one parent working away (left-behind) */
    bool not_both_gone;     /* both dead or missing is an orphan instead (de facto) */
    const char *why_not[2]; /* the rule, for a pair that does not match */
} PairRule;

static const PairRule RULE_ORPHAN = {
    .allowed = KIND_BIT(PF_GONE),
    .need_away = false,
    .not_both_gone = false,
    .why_not = {"孤儿须父母均已死亡或被宣告失踪", "an orphan's parents are both dead or declared missing"}};
static const PairRule RULE_DE_FACTO = {
    .allowed = KIND_BIT(PF_GONE) | KIND_BIT(PF_UNABLE),
    .need_away = false,
    .not_both_gone = true,
    .why_not = {"须父母双方均属重残、重病、服刑在押或被限制人身自由满6个月、失联满6个月、被撤销监护资格、被遣送出境等情形，"
     "或一方死亡或被宣告失踪、另一方属于上述情形",
     "both parents must be severely disabled or ill, deprived of liberty or out of contact for 6 months or more, "
     "stripped of guardianship or deported, or one dead or declared missing and the other in one of these situations"}};
static const PairRule RULE_LEFT_BEHIND = {
    .allowed = KIND_BIT(PF_AWAY) | KIND_BIT(PF_UNABLE) | KIND_BIT(PF_GONE),
    .need_away = true,
    .not_both_gone = false,
    .why_not = {"须父母双方外出务工满6个月，或一方外出务工、另一方无监护能力",
     "both parents must have worked away for 6 months or more, or one away and the other unable to look after the child"}};
static const PairRule RULE_TEKUN = {
    .allowed = KIND_BIT(PF_GONE) | KIND_BIT(PF_UNABLE),
    .need_away = false,
    .not_both_gone = false,
    .why_not = {"须父母均死亡、失踪或无抚养能力", "both parents must be dead, missing or unable to support the child"}};

static const char *const BOTH_GONE[2] = {"父母均已死亡或被宣告失踪，应认定为孤儿",
                                         "both parents are dead or declared missing: the child is an orphan instead"};
static const char *const NO_BIRTH[2] = {"出生日期未填写", "the birth date is not recorded"};
static const char *const FACTS_MISSING[2] = {"父母状况未完整记录", "the parents' situations are not fully recorded"};

static Match pair_match(const ParentFact f[2], const PairRule *r, const char *const **why)
{
    int unknown = 0;
    *why = r->why_not;
    for (int i = 0; i < 2; i++) {
        if (f[i].kind == PF_UNKNOWN) unknown++;
        else if (!(r->allowed & KIND_BIT(f[i].kind))) return MATCH_NO;
    }
    if (r->not_both_gone && f[0].kind == PF_GONE && f[1].kind == PF_GONE) {
        *why = BOTH_GONE;
        return MATCH_NO;
    }
    if (unknown) {
        *why = FACTS_MISSING;
        return MATCH_UNKNOWN;
    }
    if (r->need_away && f[0].kind != PF_AWAY && f[1].kind != PF_AWAY) return MATCH_NO;
    return MATCH_YES;
}

/* ---- judgements ---- */

/* The record's category CODE: a current one (not ended) before an ended one,
   and the later start among equals. */
static bool is_ended(const Category *cat) { return cat->status && strcmp(cat->status, "ended") == 0; }

static const Category *recorded_category(const Child *c, const char *code)
{
    const Category *found = NULL;
    for (int i = 0; i < c->n_categories; i++) {
        const Category *cat = &c->categories[i];
        if (!cat->code || strcmp(cat->code, code) != 0) continue;
        if (!found || (is_ended(found) && !is_ended(cat)) ||
            (is_ended(found) == is_ended(cat) && date_cmp(cat->from, found->from) > 0))
            found = cat;
    }
    return found;
}

static bool holds_current(const Child *c, const char *code)
{
    const Category *cat = recorded_category(c, code);
    return cat && !is_ended(cat);
}

typedef struct Ctx {
    const Child *c;
    Date on;
    const EligibilityRules *rules;
    Arena *a;
    ParentFact parents[2];
    Text2 parent_text; /* both parents' facts, joined */
} Ctx;

static Judgement *new_item(EligibilityResult *out, const char *code, const Child *c)
{
    Judgement *j = &out->items[out->n++];
    memset(j, 0, sizeof *j);
    j->category = code;
    j->by_facts = true;
    const Category *rec = recorded_category(c, code);
    j->recorded = rec ? rec->status : NULL;
    return j;
}

/* Writes J's conclusion from MATCH and the interval S, after the facts FACTS. */
static void conclude(Ctx *x, Judgement *j, Match m, Span s, const char *const why[2], const Text2 *facts)
{
    Arena *a = x->a;
    Text2 t = text2(a);
    t2_put(&t, facts->s[0], facts->s[1]);
    if (*t.s[0]) t2_put(&t, "。", ". ");
    const char *from = date_is_set(s.from) ? fmt_date(a, s.from) : NULL;
    const char *until = date_is_set(s.until) ? fmt_date(a, s.until) : NULL;
    if (m == MATCH_UNKNOWN) {
        j->state = ELIG_UNKNOWN;
        t2_put(&t, arena_printf(a, "无法判断：%s", why[0]), arena_printf(a, "Cannot judge: %s", why[1]));
    } else if (m == MATCH_NO) {
        j->state = ELIG_NO;
        t2_put(&t, arena_printf(a, "不符合：%s", why[0]), arena_printf(a, "Does not qualify: %s", why[1]));
    } else if (span_empty(s)) {
        j->state = ELIG_NO;
        t2_put(&t, "不符合：各项条件从未同时成立", "Does not qualify: the conditions never held at the same time");
    } else {
        j->from = s.from;
        j->until = s.until;
        if (span_has(s, x->on)) {
            j->state = ELIG_YES;
            t2_put(&t, from ? arena_printf(a, "符合，自%s起", from) : "符合",
                   from ? arena_printf(a, "Qualifies from %s", from) : "Qualifies");
            if (until) {
                j->note[0] = arena_printf(a, "%s起不再符合（%s）", until, s.why[0]);
                j->note[1] = arena_printf(a, "no longer qualifies from %s (%s)", until, s.why[1]);
            }
        } else if (from && date_cmp(x->on, s.from) < 0) {
            j->state = ELIG_NO;
            t2_put(&t, arena_printf(a, "暂不符合，将于%s起符合", from),
                   arena_printf(a, "Does not qualify yet: will from %s", from));
            j->note[0] = arena_printf(a, "将于%s起符合", from);
            j->note[1] = arena_printf(a, "will qualify from %s", from);
        } else {
            j->state = ELIG_NO;
            t2_put(&t, arena_printf(a, "已不符合，自%s起（%s）", until, s.why[0]),
                   arena_printf(a, "No longer qualifies since %s (%s)", until, s.why[1]));
        }
    }
    j->reason[0] = t.s[0];
    j->reason[1] = t.s[1];
}

/* The age part of a judgement's facts: "12周岁（2011-04-02出生）". */
static void age_words(Ctx *x, Text2 *t)
{
    if (!date_is_set(x->c->birth_date)) {
        t2_join(t, (const char *const[]){"出生日期未填写", "birth date not recorded"});
        return;
    }
    int age = date_age_on(x->c->birth_date, x->on);
    const char *born = fmt_date(x->a, x->c->birth_date);
    t2_join(t, (const char *const[]){arena_printf(x->a, "%d周岁（%s出生）", age, born),
                                     arena_printf(x->a, "aged %d (born %s)", age, born)});
}

/* Orphans, de facto unsupported, tekun: the parents' pair, then the age. */
static Judgement *judge_parents(Ctx *x, EligibilityResult *out, const char *code, const PairRule *rule, Match extra,
                                const char *const extra_why[2], const Text2 *extra_facts)
{
    Judgement *j = new_item(out, code, x->c);
    const char *const *why;
    Match m = pair_match(x->parents, rule, &why);
    if (m != MATCH_NO && extra != MATCH_YES) {
        m = extra;
        why = extra_why;
    }
    if (m != MATCH_NO && !date_is_set(x->c->birth_date)) {
        m = MATCH_UNKNOWN;
        why = NO_BIRTH;
    }
    Span s = span_meet(span_meet(x->parents[0].span, x->parents[1].span), age_span(x->c, code, x->on, x->rules));
    Text2 facts = text2(x->a);
    t2_put(&facts, x->parent_text.s[0], x->parent_text.s[1]);
    if (extra_facts && *extra_facts->s[0]) t2_join(&facts, (const char *const[]){extra_facts->s[0], extra_facts->s[1]});
    age_words(x, &facts);
    conclude(x, j, m, s, why, &facts);
    return j;
}

/* An orphan or de facto unsupported child in school who will turn 18 may keep
   the category after 18: say so beside the end date. */
static void add_school_note(Ctx *x, Judgement *j)
{
    if (j->state != ELIG_YES || !date_is_set(j->until) || !j->note[0] || !in_school(x->c) ||
        !x->rules->adults_in_school_keep || !category_continues_after_18(j->category) ||
        date_cmp(j->until, birthday_reached(x->c->birth_date, 18)) != 0)
        return;
    j->note[0] = arena_printf(x->a, "%s；届时仍在全日制学校就读的，可继续保障至毕业", j->note[0]);
    j->note[1] =
        arena_printf(x->a, "%s; if still in full-time schooling then, it continues until graduation", j->note[1]);
}

static void judge_orphans(Ctx *x, EligibilityResult *out)
{
    const Person *g = &x->c->guardian;
    bool institution = g->relation && strcmp(g->relation, "institution") == 0;
    Text2 place = text2(x->a);
    if (institution)
        t2_put(&place, arena_printf(x->a, "由福利机构养育（%s）", g->name ? g->name : "监护人关系为福利机构"),
               arena_printf(x->a, "raised in a welfare institution (%s)", g->name ? g->name : "guardian: institution"));
    else
        t2_put(&place, "不在福利机构（由亲属或寄养家庭照料）",
               "not in an institution (with relatives or a foster family)");
    static const char *const not_inst[2] = {"未在福利机构养育，属社会散居孤儿",
                                            "not raised in an institution: a scattered orphan"};
    static const char *const inst[2] = {"在福利机构养育，属机构集中养育孤儿",
                                        "raised in an institution: an orphan in an institution"};
    Judgement *ji =
        judge_parents(x, out, "orphan_institution", &RULE_ORPHAN, institution ? MATCH_YES : MATCH_NO, not_inst, &place);
    Judgement *js =
        judge_parents(x, out, "orphan_scattered", &RULE_ORPHAN, institution ? MATCH_NO : MATCH_YES, inst, &place);
    add_school_note(x, ji);
    add_school_note(x, js);
}

static void judge_de_facto(Ctx *x, EligibilityResult *out)
{
    add_school_note(x, judge_parents(x, out, "de_facto_unsupported", &RULE_DE_FACTO, MATCH_YES, NULL, NULL));
}

static void judge_left_behind(Ctx *x, EligibilityResult *out)
{
    const char *hukou = x->c->hukou_type;
    Text2 facts = text2(x->a);
    Match extra = MATCH_YES;
    const char *const *why = NULL;
    static const char *const no_hukou[2] = {"户籍类型未填写", "the hukou type is not recorded"};
    static const char *const urban[2] = {"农村留守儿童须为农业户口", "a rural left-behind child has a rural hukou"};
    static const char *const migrant[2] = {"已登记为流动儿童，不在户籍地居住",
                                           "recorded as a migrant child: not living at its hukou place"};
    if (!hukou) {
        extra = MATCH_UNKNOWN;
        why = no_hukou;
    } else {
        t2_put(&facts, code_label(&CODES_HUKOU_TYPE, hukou, LANG_ZH),
               strcmp(hukou, "rural") == 0 ? "rural hukou" : "urban hukou");
        if (strcmp(hukou, "rural") != 0) {
            extra = MATCH_NO;
            why = urban;
        } else if (holds_current(x->c, "migrant")) {
            extra = MATCH_NO;
            why = migrant;
        }
    }
    judge_parents(x, out, "left_behind", &RULE_LEFT_BEHIND, extra, why, &facts);
}

static void judge_tekun(Ctx *x, EligibilityResult *out)
{
    Judgement *j = judge_parents(x, out, "tekun", &RULE_TEKUN, MATCH_YES, NULL, NULL);
    if (j->state != ELIG_YES) return;
    const char *check[2] = {"须核实：没有其他法定抚养义务人，或其无履行义务能力",
                            "check that no other person is legally bound and able to support the child"};
    j->note[0] = j->note[0] ? arena_printf(x->a, "%s；%s", j->note[0], check[0]) : check[0];
    j->note[1] = j->note[1] ? arena_printf(x->a, "%s; %s", j->note[1], check[1]) : check[1];
}

static bool mentions_hiv(const char *s) { return s && (strcasestr(s, "hiv") || strstr(s, "艾滋")); }

static void judge_hiv(Ctx *x, EligibilityResult *out)
{
    Judgement *j = new_item(out, "hiv", x->c);
    const Category *rec = recorded_category(x->c, "hiv");
    bool current = rec && rec->status && strcmp(rec->status, "ended") != 0;
    Text2 facts = text2(x->a);
    Match m;
    const char *const *why = NULL;
    Span s = age_span(x->c, "hiv", x->on, x->rules);
    static const char *const none[2] = {"未记录艾滋病病毒感染的确诊情况", "no confirmed HIV infection is recorded"};
    static const char *const need_report[2] = {"须有疾病预防控制机构的确诊报告", "needs the CDC's confirmation report"};
    if (current && rec->evidence) {
        m = MATCH_YES;
        t2_put(&facts, arena_printf(x->a, "已登记艾滋病病毒感染（证明材料：%s）", rec->evidence),
               arena_printf(x->a, "HIV infection recorded (evidence: %s)", rec->evidence));
        if (date_is_set(rec->from)) s = span_meet(s, (Span){rec->from, DATE_NONE, {NULL, NULL}});
    } else if (current || mentions_hiv(x->c->health)) {
        m = MATCH_UNKNOWN;
        why = need_report;
        if (current) t2_put(&facts, "已登记艾滋病病毒感染，但没有证明材料", "HIV infection recorded without evidence");
        else
            t2_put(&facts, arena_printf(x->a, "健康状况：%s", x->c->health),
                   arena_printf(x->a, "health: %s", x->c->health));
    } else {
        m = MATCH_NO;
        why = none;
    }
    if (m != MATCH_NO && !date_is_set(x->c->birth_date)) {
        m = MATCH_UNKNOWN;
        why = NO_BIRTH;
    }
    age_words(x, &facts);
    conclude(x, j, m, s, why, &facts);
}

/* Recorded categories the facts cannot decide: only the age limit. */
static void judge_age_only(Ctx *x, EligibilityResult *out, const char *code)
{
    Judgement *j = new_item(out, code, x->c);
    j->by_facts = false;
    Text2 facts = text2(x->a);
    age_words(x, &facts);
    int limit = category_age_limit(code);
    t2_join(&facts,
            (const char *const[]){
                arena_printf(x->a, "只核对年龄（未满%d周岁），其他条件以证明材料为准", limit),
                arena_printf(x->a, "only the age limit (under %d) is checked; the rest is in the evidence", limit)});
    Match m = date_is_set(x->c->birth_date) ? MATCH_YES : MATCH_UNKNOWN;
    conclude(x, j, m, age_span(x->c, code, x->on, x->rules), NO_BIRTH, &facts);
}

static const char *const JUDGED[] = {
    "orphan_institution", "orphan_scattered", "de_facto_unsupported", "hiv", "left_behind", "tekun"};
enum { N_JUDGED = sizeof JUDGED / sizeof *JUDGED };

static bool is_judged(const char *code)
{
    for (int i = 0; i < N_JUDGED; i++)
        if (strcmp(JUDGED[i], code) == 0) return true;
    return false;
}

void eligibility_evaluate(const Child *c, Date on, const EligibilityRules *rules, EligibilityResult *out, Arena *a)
{
    memset(out, 0, sizeof *out);
    out->on = on;
    out->age = date_is_set(c->birth_date) ? date_age_on(c->birth_date, on) : -1;
    out->items = arena_alloc(a, (size_t)(N_JUDGED + c->n_categories) * sizeof *out->items);
    Ctx x = {c, on, rules, a, {{0}}, text2(a)};
    x.parents[0] = parent_fact(&c->father, 0, on, rules, a);
    x.parents[1] = parent_fact(&c->mother, 1, on, rules, a);
    t2_join(&x.parent_text, x.parents[0].text);
    t2_join(&x.parent_text, x.parents[1].text);

    judge_orphans(&x, out);
    judge_de_facto(&x, out);
    judge_hiv(&x, out);
    judge_left_behind(&x, out);
    judge_tekun(&x, out);
    for (int i = 0; i < c->n_categories; i++) {
        const char *code = c->categories[i].code;
        if (!code || is_judged(code) || eligibility_find(out, code)) continue;
        judge_age_only(&x, out, code);
    }
    for (int rank = 0; rank < 4 && !out->basic_living; rank++)
        for (int i = 0; i < out->n; i++)
            if (basic_living_rank(out->items[i].category) == rank && out->items[i].state == ELIG_YES)
                out->basic_living = out->items[i].category;
}

const Judgement *eligibility_find(const EligibilityResult *r, const char *category)
{
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->items[i].category, category) == 0) return &r->items[i];
    return NULL;
}

const char *elig_state_code(EligState state) { return state == ELIG_YES ? "yes" : state == ELIG_NO ? "no" : "unknown"; }

static json_t *date_json(Date d)
{
    char buf[11];
    return date_is_set(d) ? json_string(date_format(d, buf)) : json_null();
}

static json_t *texts_json(const char *const t[2])
{
    return t[0] ? json_pack("{s:s, s:s}", "zh", t[0], "en", t[1]) : json_null();
}

json_t *eligibility_to_json(const EligibilityResult *r)
{
    json_t *items = json_array();
    for (int i = 0; i < r->n; i++) {
        const Judgement *j = &r->items[i];
        json_array_append_new(items, json_pack("{s:s, s:s, s:o, s:o, s:b, s:o, s:o, s:o}", "category", j->category,
                                               "state", elig_state_code(j->state), "from", date_json(j->from), "until",
                                               date_json(j->until), "by_facts", j->by_facts, "recorded",
                                               j->recorded ? json_string(j->recorded) : json_null(), "reason",
                                               texts_json(j->reason), "note", texts_json(j->note)));
    }
    return json_pack("{s:o, s:o, s:o, s:o}", "on", date_json(r->on), "age",
                     r->age >= 0 ? json_integer(r->age) : json_null(), "basic_living",
                     r->basic_living ? json_string(r->basic_living) : json_null(), "items", items);
}
