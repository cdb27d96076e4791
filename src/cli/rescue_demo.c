/*
** The rescue centre's part of `shouhu demo` (demo_parts.h): about thirty
** admissions over the last year of children of the ledger (those in
** difficulty for want of guardianship, street children, de facto
** unsupported ones), most of them discharged in each of the ways the law
** allows, a dozen still there, and two children who arrived unidentified:
** one just found, whose DNA sample is not due yet, and one whose DNA sample
** is overdue. Through the store functions the API uses, after the same
** checks (rescue_admission_check).
*/
#include <string.h>
#include "cli/demo_parts.h"
#include "store/store_rescue.h"

enum { DISCHARGED = 18, PRESENT = 10, KIDS_PER_CATEGORY = 20 };

typedef struct Rescue {
    DemoPart *d;
    DemoTally *t;
} Rescue;

/* Adds the admission IN (checked first); *ID gets its id. */
static StoreRc admit(Rescue *x, AdmissionInput *in, long long *id)
{
    DemoPart *d = x->d;
    if (!rescue_admission_check(in, d->today, &d->p)) return STORE_INVALID;
    NewAdmission n = {0, *in, NULL, &d->change};
    StoreRc r = store_admission_add(d->s, &SCOPE_ALL, &n, id, &d->p);
    if (r == STORE_OK) x->t->admissions++;
    return r;
}

/* The children to admit: street children (the first *STREET), then those whose guardians failed them. */
static StoreRc rescue_kids(Rescue *x, DemoKid **out, int *n, int *street)
{
    static const char *const categories[] = {"street", "difficulty_guardianship", "de_facto_unsupported"};
    DemoKid *all = arena_alloc(x->d->a, 3 * KIDS_PER_CATEGORY * sizeof *all);
    int k = 0;
    StoreRc r = STORE_OK;
    for (int c = 0; c < 3 && r == STORE_OK; c++) {
        ChildFilter f = {.scope = SCOPE_ALL, .category = categories[c]};
        DemoKid *kids;
        int got;
        r = demo_kids(x->d, &f, KIDS_PER_CATEGORY, &kids, &got);
        for (int i = 0; i < got; i++) all[k++] = kids[i];
        if (c == 0) *street = k;
    }
    *out = all;
    *n = k;
    return r;
}

/* Who took a child discharged in the way KIND. */
static const char *taken_by(DemoPart *d, const char *kind)
{
    if (strcmp(kind, "family_collected") == 0) return demo_chance(d, 50) ? "祖母" : "父亲";
    if (strcmp(kind, "escorted_home") == 0) return "护送返回户籍地，交叔父";
    if (strcmp(kind, "transferred") == 0) return "东莞市社会福利中心";
    if (strcmp(kind, "foster_care") == 0) return "寄养家庭";
    return "收养人（已办理收养登记）";
}

/* A known child's stay (a street child's when STREET): admitted AGO days ago, discharged after a while when DISCHARGE names how. */
static StoreRc known_stay(Rescue *x, const DemoKid *kid, bool street, int ago, const char *discharge)
{
    static const char *const grounds[] = {"guardian_emergency", "guardian_refuses", "guardian_harm", "guardian_missing"};
    DemoPart *d = x->d;
    AdmissionInput in = {.child_id = kid->id, .apparent_age = -1, .placement = "rescue_centre"};
    in.admitted_on = demo_days_ago(d, ago);
    if (date_cmp(in.admitted_on, kid->birth) < 0) in.admitted_on = kid->birth;
    in.ground = street ? "homeless_unidentified" : grounds[demo_pick(d, 4)];
    long long id;
    StoreRc r = admit(x, &in, &id);
    if (r != STORE_OK) return r;
    if (!discharge) {
        x->t->present++;
        return STORE_OK;
    }
    Date out = date_from_days(date_to_days(in.admitted_on) + 3 + demo_pick(d, 60));
    if (date_cmp(out, d->today) > 0) out = d->today;
    AdmissionAct act = {.id = id, .kind = discharge, .on = out, .today = d->today, .taken_by = taken_by(d, discharge),
                        .note = "已做好交接", .change = &d->change};
    return store_admission_discharge(d->s, &SCOPE_ALL, &act, &d->p);
}

/* A child who arrived unidentified AGO days ago; the DNA sample taken when DNA. */
static StoreRc unidentified(Rescue *x, int ago, int age, const char *sex, const char *place, const char *looks)
{
    DemoPart *d = x->d;
    AdmissionInput in = {.apparent_age = age, .sex = sex, .found_place = place, .description = looks,
                         .ground = "homeless_unidentified", .placement = "rescue_centre"};
    in.found_on = in.admitted_on = demo_days_ago(d, ago);
    long long id;
    StoreRc r = admit(x, &in, &id);
    if (r != STORE_OK) return r;
    x->t->unidentified++;
    x->t->present++;
    /* the family-search notice the day after: on time; the DNA sample never taken for the one found long ago */
    AdmissionAct act = {.id = id, .kind = "family_search_notice", .on = demo_days_ago(d, ago - 1), .today = d->today,
                        .note = "已在民政部门网站及全国寻亲平台发布寻亲公告", .change = &d->change};
    return store_admission_step(d->s, &SCOPE_ALL, &act, &d->p);
}

bool rescue_demo(Store *s, uint64_t seed, Date today, long minors, DemoTally *t)
{
    static const char *const discharges[] = {"family_collected", "escorted_home", "transferred", "foster_care",
                                             "family_collected", "adopted"};
    DemoPart d;
    if (!demo_part_begin(&d, s, seed, 0x5245534355450005ULL, today, minors)) return false;
    Rescue x = {&d, t};
    DemoKid *kids;
    int n, street = 0;
    StoreRc r = rescue_kids(&x, &kids, &n, &street);
    /* the discharged over the year, then the ones here now, the latest admitted two days ago */
    for (int i = 0; i < n && i < DISCHARGED + PRESENT && r == STORE_OK; i++) {
        bool here = i >= DISCHARGED;
        int ago = here ? 2 + (DISCHARGED + PRESENT - 1 - i) * 9 : 355 - i * 15;
        r = known_stay(&x, &kids[i], i < street, ago, here ? NULL : discharges[i % 6]);
    }
    if (r == STORE_OK)
        r = unidentified(&x, 3, 6, "male", "东莞火车站候车室", "男孩，约6岁，身穿红色外套，说粤语，自称“阿明”");
    if (r == STORE_OK)
        r = unidentified(&x, 40, 11, "female", "南城街道鸿福路天桥下",
                         "女孩，约11岁，短发，左手腕有烫伤疤痕，不愿说话");
    return demo_part_end(&d, r, "rescue");
}
