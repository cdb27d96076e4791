/*
** The rescue centre's rules (domain/rescue.h), with the clock passed in:
** the law's code lists, an unidentified child's deadlines (notice in 24
** hours, DNA in a month, stranded at 3 months) as days go by, what
** identification and discharge do to them, the length of a stay, and the
** month's figures with the retention rate on a hand-made set of stays;
** and the overdue source the supervision list reads (store_overdue_rescue).
*/
#include "testutil.h"
#include "domain/rescue.h"
#include "store/store_rescue.h"

static Date D(int y, int m, int d) { return (Date){y, m, d}; }

static void code_lists_follow_the_law(void **state)
{
    (void)state;
    int n = 0;
    for (const CodeEntry *e = CODES_RESCUE_GROUND.entries; e->code; e++) n++;
    assert_int_equal(n, 7);   /* Art. 92 */
    n = 0;
    for (const CodeEntry *e = CODES_LONG_TERM_GROUND.entries; e->code; e++) n++;
    assert_int_equal(n, 5);   /* Art. 94 */
    n = 0;
    for (const CodeEntry *e = CODES_PLACEMENT.entries; e->code; e++) n++;
    assert_int_equal(n, 4);   /* Art. 93 */
    assert_non_null(code_find(&CODES_DISCHARGE, "家属接领"));
    assert_string_equal(code_find(&CODES_DISCHARGE, "护送返乡")->code, "escorted_home");
    assert_true(rescue_discharge_ends_guardianship("adopted"));
    assert_false(rescue_discharge_ends_guardianship("transferred"));
}

static void a_known_child_has_no_deadlines(void **state)
{
    (void)state;
    StayFacts f = {.arrived_unidentified = false, .admitted = D(2026, 11, 1)};
    Deadline d[DEADLINE_KINDS];
    assert_int_equal(rescue_deadlines(&f, D(2027, 6, 1), d), 0);
}

static void deadlines_of_an_unidentified_child_move_with_today(void **state)
{
    (void)state;
    StayFacts f = {.arrived_unidentified = true, .admitted = D(2026, 1, 31)};
    Deadline d[DEADLINE_KINDS];
    char buf[11];
    assert_int_equal(rescue_deadlines(&f, D(2026, 1, 31), d), 3);
    assert_string_equal(date_format(d[DEADLINE_NOTICE].due, buf), "2026-02-01");
    assert_string_equal(date_format(d[DEADLINE_DNA].due, buf), "2026-02-28");   /* a month, clamped */
    assert_string_equal(date_format(d[DEADLINE_STRANDED].due, buf), "2026-04-30");
    for (int k = 0; k < DEADLINE_KINDS; k++) assert_int_equal(d[k].state, DEADLINE_PENDING);

    rescue_deadlines(&f, D(2026, 2, 1), d);   /* the last day of the 24 hours */
    assert_int_equal(d[DEADLINE_NOTICE].state, DEADLINE_PENDING);
    rescue_deadlines(&f, D(2026, 2, 2), d);
    assert_int_equal(d[DEADLINE_NOTICE].state, DEADLINE_OVERDUE);
    assert_int_equal(d[DEADLINE_DNA].state, DEADLINE_PENDING);
    rescue_deadlines(&f, D(2026, 3, 1), d);
    assert_int_equal(d[DEADLINE_DNA].state, DEADLINE_OVERDUE);
    assert_int_equal(d[DEADLINE_STRANDED].state, DEADLINE_PENDING);
    rescue_deadlines(&f, D(2026, 4, 30), d);
    assert_int_equal(d[DEADLINE_STRANDED].state, DEADLINE_OVERDUE);   /* stranded from that day */

    /* done steps are done, on time or late */
    f.notice = D(2026, 2, 5);
    f.dna = D(2026, 2, 10);
    rescue_deadlines(&f, D(2026, 4, 1), d);
    assert_int_equal(d[DEADLINE_NOTICE].state, DEADLINE_DONE);
    assert_int_equal(date_cmp(d[DEADLINE_NOTICE].done, D(2026, 2, 5)), 0);
    assert_int_equal(d[DEADLINE_DNA].state, DEADLINE_DONE);
}

static void identification_ends_what_was_not_yet_due(void **state)
{
    (void)state;
    StayFacts f = {.arrived_unidentified = true, .admitted = D(2026, 11, 1), .notice = D(2026, 11, 1),
                   .identified = D(2026, 11, 20)};
    Deadline d[DEADLINE_KINDS];
    rescue_deadlines(&f, D(2027, 6, 1), d);
    assert_int_equal(d[DEADLINE_NOTICE].state, DEADLINE_DONE);
    assert_int_equal(d[DEADLINE_DNA].state, DEADLINE_MOOT);       /* identified before the month was out */
    assert_int_equal(d[DEADLINE_STRANDED].state, DEADLINE_MOOT);
    /* identified only after the notice was late: the lateness stays on record */
    StayFacts g = {.arrived_unidentified = true, .admitted = D(2026, 11, 1), .identified = D(2026, 11, 5)};
    rescue_deadlines(&g, D(2026, 11, 6), d);
    assert_int_equal(d[DEADLINE_NOTICE].state, DEADLINE_OVERDUE);
    assert_int_equal(d[DEADLINE_DNA].state, DEADLINE_MOOT);
    /* a child discharged unidentified after 3 months was stranded */
    StayFacts h = {.arrived_unidentified = true, .admitted = D(2026, 1, 10), .notice = D(2026, 1, 10),
                   .dna = D(2026, 1, 20), .discharged = D(2026, 5, 1)};
    rescue_deadlines(&h, D(2026, 11, 1), d);
    assert_int_equal(d[DEADLINE_STRANDED].state, DEADLINE_OVERDUE);
}

static void length_of_stay(void **state)
{
    (void)state;
    assert_int_equal(rescue_stay_days(D(2026, 11, 1), DATE_NONE, D(2026, 11, 29)), 28);
    assert_int_equal(rescue_stay_days(D(2026, 11, 1), D(2026, 11, 1), D(2026, 11, 29)), 0);
    assert_int_equal(rescue_stay_days(D(2024, 2, 1), D(2024, 3, 1), D(2026, 11, 29)), 29);   /* leap year */
}

/* Six stays and the figures of March 2026, counted by hand:
   A 2025-11-15, here          -> present, stranded (02-15 <= 03-31)
   B 2025-12-31, here          -> present, stranded (03-31 <= 03-31)
   C 2026-01-01, here          -> present, not stranded (04-01 > 03-31)
   D 2026-03-05 - 2026-03-20   -> admitted and discharged in March, 15 days
   E 2026-02-01 - 2026-03-31   -> discharged on the last day: not present, 58 days
   F 2026-04-01, here          -> not yet admitted
   admissions 1, discharges 2, present 3, stranded 2, rate 2/3 = 66.7%. */
static void month_figures_and_retention_rate(void **state)
{
    (void)state;
    const Stay s[] = {
        {D(2025, 11, 15), DATE_NONE},      {D(2025, 12, 31), DATE_NONE},      {D(2026, 1, 1), DATE_NONE},
        {D(2026, 3, 5), D(2026, 3, 20)},   {D(2026, 2, 1), D(2026, 3, 31)},   {D(2026, 4, 1), DATE_NONE},
    };
    RescueMonth m;
    rescue_month_figures(s, 6, month_make(2026, 3), &m);
    assert_int_equal(m.admissions, 1);
    assert_int_equal(m.discharges, 2);
    assert_int_equal(m.present, 3);
    assert_int_equal(m.stranded, 2);
    assert_int_equal(m.stay_days_total, 15 + 58);
    assert_int_equal(m.retention_permille, 667);
    char buf[8];
    assert_string_equal(rescue_permille_format(m.retention_permille, buf), "66.7");

    rescue_month_figures(s, 6, month_make(2025, 10), &m);   /* before anyone came */
    assert_int_equal(m.present, 0);
    assert_int_equal(m.retention_permille, -1);
    assert_string_equal(rescue_permille_format(m.retention_permille, buf), "");
}

static void admission_input_is_checked(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    Date today = D(2026, 11, 29);
    AdmissionInput ok = {.apparent_age = 8, .sex = "male", .found_place = "东莞火车站", .found_on = D(2026, 11, 28),
                         .description = "穿蓝色外套", .ground = "homeless_unidentified", .placement = "rescue_centre",
                         .admitted_on = D(2026, 11, 28)};
    assert_true(rescue_admission_check(&ok, today, &p));
    AdmissionInput known = {.child_id = 3, .apparent_age = -1, .ground = "guardian_harm", .placement = "rescue_centre",
                            .admitted_on = today};
    assert_true(rescue_admission_check(&known, today, &p));
    assert_int_equal(p.count, 0);

    AdmissionInput both = ok;
    both.child_id = 3;
    assert_false(rescue_admission_check(&both, today, &p));
    assert_string_equal(p.head->code, "rescue_known_or_unknown");

    problems_init(&p, a);
    AdmissionInput bad = {.apparent_age = 19, .sex = "x", .found_on = D(2026, 11, 30), .ground = "begging",
                          .placement = "hotel", .admitted_on = D(2026, 11, 30)};
    assert_false(rescue_admission_check(&bad, today, &p));
    const char *want[] = {"apparent_age", "sex", "found_place", "description", "found_on", "ground", "placement",
                          "admitted_on"};
    Problem *pr = p.head;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++, pr = pr->next) {
        assert_non_null(pr);
        assert_string_equal(pr->field, want[i]);
    }
    arena_free(a);
}

static void steps_and_discharges_are_checked(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    Date in = D(2026, 11, 1), today = D(2026, 11, 29);
    assert_true(rescue_step_check("long_term", today, "parents_not_found", in, today, "temporary", true, true, &p));
    assert_false(rescue_step_check("long_term", today, NULL, in, today, "temporary", true, true, &p));
    assert_string_equal(p.tail->field, "ground");
    assert_false(rescue_step_check("long_term", today, "parents_not_found", in, today, "long_term", true, true, &p));
    assert_string_equal(p.tail->code, "rescue_state_guardianship");
    assert_false(rescue_step_check("dna_sample", today, NULL, in, today, "temporary", false, true, &p));
    assert_string_equal(p.tail->code, "rescue_state_done");
    assert_false(rescue_step_check("dna_sample", D(2026, 10, 31), NULL, in, today, "temporary", false, false, &p));
    assert_string_equal(p.tail->code, "rescue_before_admission");
    assert_false(rescue_step_check("family_search_notice", today, "other", in, today, "temporary", false, false, &p));
    assert_string_equal(p.tail->code, "rescue_ground_only_long_term");

    problems_init(&p, a);
    assert_true(rescue_discharge_check("family_collected", today, "父亲 张某", in, today, &p));
    assert_false(rescue_discharge_check("escaped", D(2026, 12, 1), "  ", in, today, &p));
    assert_int_equal(p.count, 3);
    arena_free(a);
}

static void the_api_description_lists_the_codes(void **state)
{
    (void)state;
    const EmbeddedFile *f = embedded_find("api/openapi.json");
    assert_non_null(f);
    json_t *spec = json_loadb((const char *)f->data, (size_t)f->size, 0, NULL);
    assert_non_null(spec);
    test_enum_is_table(spec, "AdmissionNew", "ground", &CODES_RESCUE_GROUND);
    test_enum_is_table(spec, "AdmissionNew", "placement", &CODES_PLACEMENT);
    test_enum_is_table(spec, "AdmissionStepNew", "ground", &CODES_LONG_TERM_GROUND);
    test_enum_is_table(spec, "AdmissionDischarge", "kind", &CODES_DISCHARGE);
    test_enum_is_table(spec, "Admission", "guardianship", &CODES_RESCUE_GUARDIANSHIP);
    json_decref(spec);
}

/* ---- the overdue source, with a database ---- */

typedef struct Seen {
    int n;
    char kinds[4][32], due[4][11], record[4][32], area[4][16];
} Seen;

static int seen_item(void *ctx, const OverdueItem *it)
{
    Seen *x = ctx;
    if (x->n < 4) {
        snprintf(x->kinds[x->n], 32, "%s", it->kind);
        snprintf(x->due[x->n], 11, "%s", it->due);
        snprintf(x->record[x->n], 32, "%s", it->record);
        snprintf(x->area[x->n], 16, "%s", it->area);
    }
    x->n++;
    return 0;
}

static Seen overdue_on(Store *s, const char *prefix, const char *today, int horizon)
{
    Seen x = {0};
    Scope scope = {prefix};
    Arena *a = arena_new();
    OverdueSource source = store_overdue_rescue;   /* it implements store_overdue.h */
    assert_int_equal(source(s, &scope, today, horizon, seen_item, &x, a), STORE_OK);
    arena_free(a);
    return x;
}

static void overdue_work_of_an_unidentified_child(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    Store *s = test_store(dir, "rescue");
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    Change ch = {"tester", NULL, "2026-11-01T09:00:00+08:00"};
    NewAdmission n = {.change = &ch,
                      .in = {.apparent_age = 6, .sex = "female", .found_place = "东城汽车站", .found_on = D(2026, 11, 1),
                             .description = "女童", .ground = "homeless_unidentified", .placement = "rescue_centre",
                             .admitted_on = D(2026, 11, 1)}};
    long long id = 0;
    assert_int_equal(store_admission_add(s, &SCOPE_ALL, &n, &id, &p), STORE_ERROR);   /* writes need a transaction */
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_admission_add(s, &SCOPE_ALL, &n, &id, &p), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);

    Seen x = overdue_on(s, "", "2026-11-01", 0);
    assert_int_equal(x.n, 0);                           /* nothing due yet */
    x = overdue_on(s, "", "2026-11-03", 0);
    assert_int_equal(x.n, 1);
    assert_string_equal(x.kinds[0], "rescue.family_search");
    assert_string_equal(x.due[0], "2026-11-02");
    assert_string_equal(x.record[0], "admission:1");
    assert_string_equal(x.area[0], "441900000000");     /* the centre's, at city level */
    x = overdue_on(s, "", "2026-11-01", 30);            /* what falls due within 30 days */
    assert_int_equal(x.n, 2);
    assert_string_equal(x.kinds[1], "rescue.dna_sample");
    assert_string_equal(x.due[1], "2026-12-01");
    x = overdue_on(s, "441900003", "2027-03-01", 0);    /* a town does not see the centre's child */
    assert_int_equal(x.n, 0);

    /* the notice done, then the child identified: nothing is due any more */
    AdmissionAct act = {.id = id, .kind = "family_search_notice", .on = D(2026, 11, 2), .today = D(2026, 11, 3),
                        .change = &ch};
    assert_int_equal(store_begin(s), STORE_OK);
    assert_int_equal(store_admission_step(s, &SCOPE_ALL, &act, &p), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);
    x = overdue_on(s, "", "2027-03-01", 0);
    assert_int_equal(x.n, 2);                           /* DNA late, and stranded */
    assert_string_equal(x.kinds[0], "rescue.dna_sample");
    assert_string_equal(x.kinds[1], "rescue.stranded");
    assert_string_equal(x.due[1], "2027-02-01");
    store_close(s);
    arena_free(a);
    test_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(code_lists_follow_the_law),
        cmocka_unit_test(a_known_child_has_no_deadlines),
        cmocka_unit_test(deadlines_of_an_unidentified_child_move_with_today),
        cmocka_unit_test(identification_ends_what_was_not_yet_due),
        cmocka_unit_test(length_of_stay),
        cmocka_unit_test(month_figures_and_retention_rate),
        cmocka_unit_test(admission_input_is_checked),
        cmocka_unit_test(steps_and_discharges_are_checked),
        cmocka_unit_test(the_api_description_lists_the_codes),
        cmocka_unit_test(overdue_work_of_an_unidentified_child),
    };
    return cmocka_run_group_tests_name("rescue", tests, NULL, NULL);
}
