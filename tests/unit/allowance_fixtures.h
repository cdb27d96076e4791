/*
** Fixtures shared by the allowance tests that use a database
** (test_payroll.c, test_category_flow.c): accounts of each level and
** children with given categories and parents.
*/
#ifndef SHOUHU_ALLOWANCE_FIXTURES_H
#define SHOUHU_ALLOWANCE_FIXTURES_H

#include "testutil.h"
#include "domain/child.h"
#include "store/store_accounts.h"
#include "store/store_allowances.h"

static const Change FIX_CHANGE = {"test", "登记", "2023-06-01T09:00:00+08:00"};

/* Adds an account NAME with ROLE over AREA (in its own transaction). */
static inline void fix_account(Store *s, const char *name, const char *role, const char *area)
{
    Account acc = {0};
    acc.username = name;
    acc.role = role;
    acc.area = area;
    acc.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$test$test";
    acc.password_changed_at = acc.created_at = "2023-01-01T00:00:00+08:00";
    acc.created_by = "test";
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_account_insert(s, &acc), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
}

/* The usual cast: the city, 东城街道's supervisor, 大岭山镇's, and 岗贝社区's director. */
static inline void fix_accounts(Store *s)
{
    fix_account(s, "city", "city_staff", "441900000000");
    fix_account(s, "dongcheng", "town_supervisor", "441900003000");
    fix_account(s, "dalingshan", "town_supervisor", "441900118000");
    fix_account(s, "gangbei", "village_director", "441900003001");
}

typedef struct FixChild {
    const char *name;
    const char *birth8; /* for the ID number */
    const char *seq3;
    const char *area;     /* village */
    const char *category; /* NULL for none */
    Date from;            /* the category's confirmation */
    const char *guardian_relation;
} FixChild;

/* Inserts F (parents dead, a grandmother or the institution as guardian); returns its id. */
static inline long long fix_child(Store *s, Arena *a, const FixChild *f)
{
    char *id = arena_alloc(a, 19);
    test_id(id, "441900", f->birth8, f->seq3);
    Child c = {0};
    c.name = f->name;
    c.id_number = id;
    c.area = f->area;
    c.hukou_type = "rural";
    c.father = (Person){.name = "父", .situation = "dead", .situation_since = {2015, 1, 1}};
    c.mother = (Person){.name = "母", .situation = "dead", .situation_since = {2016, 1, 1}};
    bool inst = f->guardian_relation && strcmp(f->guardian_relation, "institution") == 0;
    c.guardian = (Person){.name = inst ? "东莞市社会福利中心" : "王奶奶",
                          .relation = f->guardian_relation ? f->guardian_relation : "grandmother",
                          .phone = inst ? NULL : "13800138000",
                          .situation = "normal"};
    if (f->category) {
        c.categories = arena_alloc(a, sizeof *c.categories);
        c.categories[0] = (Category){f->category, f->from, DATE_NONE, "approved", "证明材料"};
        c.n_categories = 1;
    }
    return test_child_add(s, a, &c, (Date){2023, 6, 1}, &FIX_CHANGE);
}

/* The codes of P's problems joined by spaces ("" when none), in A. */
static inline const char *fix_codes(const Problems *p, Arena *a)
{
    char *out = arena_strdup(a, "");
    for (const Problem *pr = p->head; pr; pr = pr->next)
        out = arena_printf(a, "%s%s%s", out, *out ? " " : "", pr->code);
    return out;
}

#endif
