/*
** Account rules (see account.h).
*/
#include <string.h>
#include "domain/account.h"

bool username_valid(const char *name, Problems *p, const char *field)
{
    size_t n = strlen(name);
    bool ok = n >= USERNAME_MIN && n <= USERNAME_MAX && name[0] >= 'a' && name[0] <= 'z' &&
              strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
    if (!ok) problems_add(p, field, "bad_username", USERNAME_MIN, USERNAME_MAX);
    return ok;
}

static const CodeEntry units[] = {
    {"police", "公安机关", "police", "公安"},
    {"procuratorate", "检察院", "procuratorate", "检察"},
    {"court", "法院", "court", NULL},
    {"education", "教育部门", "education", "教育局|教育"},
    {"health", "卫生健康部门", "health", "卫健|卫健局"},
    {"women_federation", "妇联", "women's federation", NULL},
    {"youth_league", "共青团", "Communist Youth League", "团委"},
    {"disabled_federation", "残联", "disabled persons' federation", NULL},
    {"justice", "司法行政部门", "justice", "司法局"},
    {"human_resources", "人力资源社会保障部门", "human resources and social security", "人社|人社局"},
    {"other", "其他成员单位", "other member unit", NULL},
    {NULL, NULL, NULL, NULL}};

const CodeTable CODES_UNIT = {"unit", units};
