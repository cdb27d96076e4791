/*
** The workforce and activities' rules (see workforce.h).
*/
#include <string.h>
#include "domain/monthly.h"
#include "domain/workforce.h"

const char *const WORKER_ROLES[] = {"supervisor", "director", NULL};
const char *const ACTIVITY_KINDS[] = {"publicity", "training", "care", "other", NULL};
const char *const ACTIVITY_LEVELS[] = {"city", "town", "village", NULL};
const char *const SERVICE_EVALUATIONS[] = {"excellent", "good", "fair", "poor", NULL};

const char *workforce_word(const char *code)
{
    static const char *const words[][2] = {
        {"supervisor", "儿童督导员"}, {"director", "儿童主任"}, {"publicity", "宣传"},  {"training", "培训"},
        {"care", "关爱服务"},         {"other", "其他"},         {"city", "市级"},       {"town", "镇街级"},
        {"village", "村（社区）级"},  {"excellent", "优秀"},     {"good", "良好"},       {"fair", "合格"},
        {"poor", "不合格"}};
    for (size_t i = 0; code && i < sizeof words / sizeof *words; i++)
        if (strcmp(words[i][0], code) == 0) return words[i][1];
    return code;
}

static bool one_of(const char *const *list, const char *code)
{
    for (int i = 0; code && list[i]; i++)
        if (strcmp(list[i], code) == 0) return true;
    return false;
}

const char *workforce_level_of(const char *area)
{
    switch (monthly_area_level(area)) {
    case 1: return "city";
    case 2: return "town";
    case 3: return "village";
    default: return NULL;
    }
}

static void check_day(const char *field, Date d, Date today, Problems *p)
{
    char buf[11];
    if (date_is_set(d) && date_cmp(d, today) > 0) problems_add(p, field, "future_date", date_format(d, buf));
}

bool workforce_check_worker(const char *role, const char *area, Date appointed_on, Date today, Problems *p)
{
    size_t before = p->count;
    const char *level = workforce_level_of(area);
    if (!one_of(WORKER_ROLES, role)) problems_add(p, "role", "workforce_bad_code", role ? role : "", "supervisor, director");
    else if (strcmp(role, "supervisor") == 0 && (!level || strcmp(level, "town") != 0))
        problems_add(p, "area", "workforce_supervisor_town", area ? area : "");
    else if (strcmp(role, "director") == 0 && (!level || strcmp(level, "village") != 0))
        problems_add(p, "area", "workforce_director_village", area ? area : "");
    check_day("appointed_on", appointed_on, today, p);
    return p->count == before;
}

bool workforce_check_training(Date trained_on, long long hours, Date today, Problems *p)
{
    size_t before = p->count;
    check_day("trained_on", trained_on, today, p);
    if (hours <= 0 || hours > 1000) problems_add(p, "hours", "workforce_bad_number", hours, 1LL, 1000LL);
    return p->count == before;
}

bool workforce_check_activity(const char *level, const char *area, const char *kind, long long participants,
                              Date held_on, Date today, Problems *p)
{
    size_t before = p->count;
    const char *of_area = workforce_level_of(area);
    if (level && !one_of(ACTIVITY_LEVELS, level)) problems_add(p, "level", "workforce_bad_code", level, "city, town, village");
    else if (level && of_area && strcmp(level, of_area) != 0)
        problems_add_texts(p, "level", "workforce_level_area",
                           arena_printf(p->arena, "活动级别为%s，但%s是%s", workforce_word(level), area, workforce_word(of_area)),
                           arena_printf(p->arena, "the activity's level is %s, but %s is a %s", level, area, of_area));
    if (!one_of(ACTIVITY_KINDS, kind)) problems_add(p, "kind", "workforce_bad_code", kind ? kind : "", "publicity, training, care, other");
    if (participants < 0 || participants > 1000000)
        problems_add(p, "participants", "workforce_bad_number", participants, 0LL, 1000000LL);
    check_day("held_on", held_on, today, p);
    return p->count == before;
}

bool workforce_check_service(Date started_on, long long children_served, Date today, Problems *p)
{
    size_t before = p->count;
    check_day("started_on", started_on, today, p);
    if (children_served < 0 || children_served > 1000000)
        problems_add(p, "children_served", "workforce_bad_number", children_served, 0LL, 1000000LL);
    return p->count == before;
}

bool workforce_check_evaluation(const char *evaluation, Problems *p)
{
    if (one_of(SERVICE_EVALUATIONS, evaluation)) return true;
    problems_add(p, "evaluation", "workforce_bad_code", evaluation ? evaluation : "", "excellent, good, fair, poor");
    return false;
}
