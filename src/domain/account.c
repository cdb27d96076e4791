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

/* One list serves partner accounts (CODES_UNIT) and referrals
   (CODES_REFERRAL_UNIT in protection.c): a case is referred to a member
   unit, and that unit's partner accounts answer it. */
const CodeEntry MEMBER_UNITS[] = {
    {"police", "公安机关", "Police", "公安"},
    {"procuratorate", "检察院", "Procuratorate", "检察"},
    {"court", "法院", "Court", NULL},
    {"education", "教育部门", "Education", "教育局|教育"},
    {"health", "卫生健康部门", "Health", "卫健|卫健局"},
    {"women_federation", "妇联", "Women's federation", NULL},
    {"civil_affairs", "民政部门", "Civil affairs", "民政|民政局"},
    {"social_work", "社会工作服务机构", "Social-work organisation", "社工机构|社工"},
    {"youth_league", "共青团", "Communist Youth League", "团委"},
    {"disabled_federation", "残联", "Disabled persons' federation", NULL},
    {"justice", "司法行政部门", "Justice", "司法局"},
    {"human_resources", "人力资源社会保障部门", "Human resources and social security", "人社|人社局"},
    {"other", "其他成员单位", "Other member unit", NULL},
    {NULL, NULL, NULL, NULL}};

const CodeTable CODES_UNIT = {"unit", MEMBER_UNITS};
