/*
** The workforce and activities (issue #7): the rules of what is recorded
** (a supervisor in a town, a director in a village, an activity at its
** area's level, no day after today, counts in range), and the store's gaps
** (towns without a supervisor, villages without a director) and totals.
*/
#include "testutil.h"
#include "domain/workforce.h"
#include "store/store_workforce.h"

static const Date TODAY = {2024, 6, 20};
static const Date DAY = {2024, 6, 1};
static const Date LATER = {2024, 7, 1};

TEST_DB_FIXTURE("workforce")

/* The first problem's code of a check, or "" when it passed. */
#define FIRST(p) ((p).head ? (p).head->code : "")
#define FRESH(p) problems_init(&(p), a)

static void worker_rules(void **state)
{
    (void)state;
    Problems p;
    FRESH(p);
    assert_true(workforce_check_worker("supervisor", "441900003000", DAY, TODAY, &p));
    assert_true(workforce_check_worker("director", "441900003001", DAY, TODAY, &p));
    assert_false(workforce_check_worker("director", "441900003000", DAY, TODAY, &p));
    assert_string_equal(FIRST(p), "workforce_director_village");
    FRESH(p);
    assert_false(workforce_check_worker("supervisor", "441900003001", DAY, TODAY, &p));
    assert_string_equal(FIRST(p), "workforce_supervisor_town");
    FRESH(p);
    assert_false(workforce_check_worker("chief", "441900003000", DAY, TODAY, &p));
    assert_string_equal(p.head->field, "role");
    FRESH(p);
    assert_false(workforce_check_worker("supervisor", "441900003000", LATER, TODAY, &p));
    assert_string_equal(FIRST(p), "future_date");
    FRESH(p);
    assert_true(workforce_check_training(DAY, 8, TODAY, &p));
    assert_false(workforce_check_training(DAY, 0, TODAY, &p));
    assert_string_equal(p.head->field, "hours");
}

static void activity_rules(void **state)
{
    (void)state;
    Problems p;
    FRESH(p);
    assert_string_equal(workforce_level_of("441900000000"), "city");
    assert_string_equal(workforce_level_of("441900003000"), "town");
    assert_string_equal(workforce_level_of("441900003001"), "village");
    assert_true(workforce_check_activity("town", "441900003000", "publicity", 100, DAY, TODAY, &p));
    assert_false(workforce_check_activity("village", "441900003000", "publicity", 100, DAY, TODAY, &p));
    assert_string_equal(FIRST(p), "workforce_level_area");
    assert_non_null(strstr(p.head->text[LANG_ZH], "镇街级"));
    FRESH(p);
    assert_false(workforce_check_activity("town", "441900003000", "party", 1, DAY, TODAY, &p));
    assert_string_equal(p.head->field, "kind");
    FRESH(p);
    assert_false(workforce_check_activity("town", "441900003000", "care", -1, DAY, TODAY, &p));
    assert_string_equal(p.head->field, "participants");
    FRESH(p);
    assert_false(workforce_check_activity("town", "441900003000", "care", 1, LATER, TODAY, &p));
    assert_string_equal(p.head->field, "held_on");
    FRESH(p);
    assert_true(workforce_check_service(DAY, 0, TODAY, &p));
    assert_true(workforce_check_evaluation("excellent", &p));
    assert_false(workforce_check_evaluation("great", &p));
    assert_string_equal(p.head->field, "evaluation");
}

typedef struct Gaps {
    int towns, villages;
    bool town_a, village_a;
} Gaps;

static int count_gap(void *ctx, const char *code, const char *name, const char *missing)
{
    (void)name;
    Gaps *g = ctx;
    if (strcmp(missing, "supervisor") == 0) g->towns++;
    else g->villages++;
    if (strcmp(code, "441900003000") == 0) g->town_a = true;
    if (strcmp(code, "441900003001") == 0) g->village_a = true;
    return 0;
}

static int count_activity(void *ctx, const Activity *v)
{
    (void)v;
    (*(int *)ctx)++;
    return 0;
}

static void gaps_and_totals(void **state)
{
    (void)state;
    Change ch = {"test", "登记", "2024-06-20T09:00:00+08:00"};
    Scope town = {"441900003"};
    Gaps before = {0};
    assert_int_equal(store_workforce_gaps(s, &town, count_gap, &before), STORE_OK);
    assert_int_equal(before.towns, 1);
    assert_true(before.town_a && before.village_a && before.villages > 1);

    long long id;
    assert_int_equal(store_begin(s), STORE_OK);
    Worker sup = {.name = "王督导", .role = "supervisor", .area = "441900003000", .appointed_on = DAY};
    Worker dir_a = {.name = "李主任", .role = "director", .area = "441900003001", .appointed_on = DAY};
    assert_int_equal(store_worker_add(s, &sup, &ch, &id), STORE_OK);
    assert_int_equal(store_worker_add(s, &dir_a, &ch, &id), STORE_OK);
    Activity v1 = {.level = "village", .area = "441900003001", .title = "六一", .kind = "care", .held_on = DAY, .participants = 30};
    Activity v2 = {.level = "town", .area = "441900003000", .title = "宣传", .kind = "publicity", .held_on = DAY, .participants = 100};
    Activity other = {.level = "town", .area = "441900004000", .title = "宣传", .kind = "publicity", .held_on = DAY, .participants = 7};
    assert_int_equal(store_activity_add(s, &v1, &ch, &id), STORE_OK);
    assert_int_equal(store_activity_add(s, &v2, &ch, &id), STORE_OK);
    assert_int_equal(store_activity_add(s, &other, &ch, &id), STORE_OK);
    assert_int_equal(store_commit(s), STORE_OK);

    Gaps after = {0};
    assert_int_equal(store_workforce_gaps(s, &town, count_gap, &after), STORE_OK);
    assert_int_equal(after.towns, 0);
    assert_int_equal(after.villages, before.villages - 1);
    assert_false(after.village_a);

    long long events, participants;
    int listed = 0;
    assert_int_equal(store_activities_list(s, &town, DATE_NONE, DATE_NONE, count_activity, &listed, &events, &participants),
                     STORE_OK);
    assert_int_equal(listed, 2);
    assert_int_equal(events, 2);
    assert_int_equal(participants, 130);
    assert_int_equal(store_activities_list(s, &SCOPE_ALL, LATER, DATE_NONE, NULL, NULL, &events, &participants), STORE_OK);
    assert_int_equal(events, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worker_rules),
        cmocka_unit_test(activity_rules),
        cmocka_unit_test(gaps_and_totals),
    };
    return cmocka_run_group_tests_name("workforce", tests, setup, teardown);
}
