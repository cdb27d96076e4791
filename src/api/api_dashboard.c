/*
** The dashboards' protection and rescue-centre figures (issue #7, m2):
**   GET /api/v1/stats/protection?area=&as_of=
** visit coverage (children due a visit by the month's end against those
** visited), case timeliness (open, overdue, referrals late) and the rescue
** centre's occupancy (beds, present, stranded, retention rate) of an area
** and below it, for the month of as_of (default today). They are the
** monthly report's figures (domain/monthly.c, store_monthly_compute_groups),
** so the dashboard and the report never disagree, counted from the month's
** first day to the end of as_of (the rescue centre's: the whole month's).
**
** Each section is there only for a caller who may read what it counts:
** visits (visit:read), cases and referrals (case:read, not a partner, who
** sees only the cases referred to its unit), the rescue centre
** (rescue:read). The figures are counts: the audit entry names the area.
*/
#include <string.h>
#include "api/handlers.h"
#include "domain/monthly.h"
#include "http/response.h"
#include "store/store_monthly.h"
#include "store/store_rescue.h"
#include "util/clock.h"

/* "66.7" for NUM of DEN (a percent with one decimal), null when DEN is 0. */
static json_t *percent_json(long long num, long long den)
{
    if (den <= 0) return json_null();
    char buf[8];
    long long permille = (num * 1000 + den / 2) / den;
    return json_string(rescue_permille_format((int)(permille > 1000 ? 1000 : permille), buf));
}

static json_t *figure(const MonthlyValues *v, const char *code) { return json_integer(monthly_get(v, code)); }

typedef struct Beds {
    long long beds;   /* -1 while no institution has its beds recorded */
} Beds;

static int add_beds(void *ctx, const Institution *i)
{
    Beds *b = ctx;
    if (i->beds >= 0) b->beds = (b->beds < 0 ? 0 : b->beds) + i->beds;
    return 0;
}

static json_t *visits_json(const MonthlyValues *v)
{
    return json_pack("{s:o, s:o, s:o, s:o}", "due", figure(v, "visits.due"), "covered", figure(v, "visits.covered"),
                     "done", figure(v, "visits.done"), "coverage",
                     percent_json(monthly_get(v, "visits.covered"), monthly_get(v, "visits.due")));
}

static json_t *cases_json(const MonthlyValues *v)
{
    return json_pack("{s:o, s:o, s:o, s:o}", "open", figure(v, "cases.open_end"), "overdue", figure(v, "cases.overdue"),
                     "opened", figure(v, "cases.opened"), "closed", figure(v, "cases.closed"));
}

static json_t *referrals_json(const MonthlyValues *v)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "sent", figure(v, "referrals.sent"), "answered",
                     figure(v, "referrals.answered"), "on_time", figure(v, "referrals.on_time"), "late",
                     figure(v, "referrals.late"), "overdue", figure(v, "referrals.overdue"));
}

/* The rescue section; BEDS < 0: not the city's dashboard, or none recorded. */
static json_t *rescue_json(const MonthlyValues *v, long long beds)
{
    char rate[8];
    long long present = monthly_get(v, "rescue.present");
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "beds", beds >= 0 ? json_integer(beds) : json_null(),
                     "present", figure(v, "rescue.present"), "stranded", figure(v, "rescue.stranded"), "retention",
                     present ? json_string(rescue_permille_format((int)monthly_get(v, "rescue.retention"), rate))
                             : json_null(),
                     "admissions", figure(v, "rescue.admissions"), "discharges", figure(v, "rescue.discharges"));
}

void api_stats_protection(Request *req)
{
    Area area;
    if (!stats_requested_area(req, &area)) return;
    Date as_of = req_param_date(req, "as_of");
    if (!date_is_set(as_of)) as_of = clock_today();
    const Role *role = &req->caller->role;
    bool visits = role_has(role, "visit:read");
    bool cases = role_has(role, "case:read") && strcmp(role->child_scope, "referred") != 0;
    bool rescue = role_has(role, "rescue:read");
    const char *groups[5];
    int n = 0;
    if (visits) groups[n++] = "visits";
    if (cases) groups[n++] = "cases", groups[n++] = "referrals";
    if (rescue) groups[n++] = "rescue";
    groups[n] = NULL;
    MonthlyValues v;
    Beds beds = {-1};
    StoreRc r = n ? store_monthly_compute_groups(req->store, area.code, month_of(as_of), as_of, groups, &v) : STORE_OK;
    /* the institutions' beds are the city's: a town's dashboard has its children there, not beds */
    if (r == STORE_OK && rescue && area.level == 1) r = store_institutions(req->store, add_beds, &beds, req->arena);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    char month[MONTH_BUF], day[11];
    json_t *j = json_pack("{s:s, s:s, s:i, s:s, s:s}", "area", area.code, "area_name", area.name, "level", area.level,
                          "as_of", date_format(as_of, day), "month", month_format(month_of(as_of), month));
    if (visits) json_object_set_new(j, "visits", visits_json(&v));
    if (cases) {
        json_object_set_new(j, "cases", cases_json(&v));
        json_object_set_new(j, "referrals", referrals_json(&v));
    }
    if (rescue) json_object_set_new(j, "rescue", rescue_json(&v, beds.beds));
    req_audit_record(req, arena_printf(req->arena, "area:%s", area.code));
    res_json(req, 200, j);
}
