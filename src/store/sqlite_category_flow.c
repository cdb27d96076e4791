/*
** SQLite backend of the category procedure (store_allowances.h):
** applications and their steps, kept in step with the child's record, and
** the report of late steps. The rules (who may act, the time limits) are
** domain/category_flow.c's; this file applies them and keeps the result.
*/
#include <stdio.h>
#include <string.h>
#include "domain/codes.h"
#include "store/db.h"
#include "store/store_allowances.h"
#include "store/sqlite_allowances_sql.h"
#include "util/text.h"

static void read_application(sqlite3_stmt *st, Application *out, Arena *a)
{
    out->id = sqlite3_column_int64(st, 0);
    out->child_id = sqlite3_column_int64(st, 1);
    out->category = db_text_dup(st, 2, a);
    out->area = db_text_dup(st, 3, a);
    out->applicant = db_text_dup(st, 4, a);
    out->status = db_text_dup(st, 5, a);
    out->applied_on = col_date(st, 6);
    out->verified_on = col_date(st, 7);
    out->decided_on = col_date(st, 8);
    out->advice = db_text_dup(st, 9, a);
    out->note = db_text_dup(st, 10, a);
    out->child_name = db_text_dup(st, 11, a);
}

StoreRc store_application_get(Store *s, const Scope *scope, long long id, Application *out, Arena *a)
{
    sqlite3_stmt *st =
        db_prepare(s, "SELECT " APPLICATION_COLUMNS " FROM category_application a "
                      "JOIN child c ON c.id = a.child_id WHERE a.id = :id AND a.area >= :lo AND a.area < :hi");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    db_bind_scope(st, scope->prefix);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) read_application(st, out, a);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

/* The statement of a list: by status (the queue) or by child through their
   indexes, else every application in the scope. */
static sqlite3_stmt *applications_statement(Store *s, const char *status, long long child_id)
{
    if (status) return db_prepare(s, APPLICATIONS_BY_STATUS_SQL);
    if (child_id) return db_prepare(s, APPLICATIONS_BY_CHILD_SQL);
    return db_prepare(s, APPLICATIONS_IN_SCOPE_SQL);
}

StoreRc store_applications_list(Store *s, const Scope *scope, const char *status, long long child_id, ApplicationFn fn,
                                void *ctx, Arena *a)
{
    sqlite3_stmt *st = applications_statement(s, status, child_id);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, scope->prefix);
    if (status) db_bind_text(st, ":status", status);
    if (status || child_id) db_bind_int64(st, ":child", child_id);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Application app;
        read_application(st, &app, a);
        if (fn(ctx, &app)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_application_steps(Store *s, long long id, ApplicationStepFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT step, outcome, done_on, due_on, account, role, account_area, reason, "
                                     "recorded_at, recorded_by FROM category_step WHERE application_id = :id "
                                     "ORDER BY CASE step WHEN 'apply' THEN 0 WHEN 'verify' THEN 1 ELSE 2 END");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        ApplicationStep x = {db_text_dup(st, 0, a), db_text_dup(st, 1, a), col_date(st, 2),       col_date(st, 3),
                             db_text_dup(st, 4, a), db_text_dup(st, 5, a), db_text_dup(st, 6, a), db_text_dup(st, 7, a),
                             db_text_dup(st, 8, a), db_text_dup(st, 9, a)};
        if (fn(ctx, &x)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- doing a step ---- */

static StoreRc insert_step(Store *s, long long app_id, const FlowAction *act, const FlowActor *actor,
                           const char *outcome, Date due)
{
    sqlite3_stmt *st =
        db_prepare(s, "INSERT INTO category_step(application_id, step, outcome, done_on, due_on, account, "
                      "role, account_area, reason, recorded_at, recorded_by) VALUES (:app, :step, "
                      ":outcome, :on, :due, :account, :role, :area, :reason, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":app", app_id);
    db_bind_text(st, ":step", flow_step_code(act->step));
    db_bind_text(st, ":outcome", outcome);
    db_bind_date(st, ":on", act->on);
    db_bind_date(st, ":due", due);
    db_bind_text(st, ":account", actor->account);
    db_bind_text(st, ":role", actor->role);
    db_bind_text(st, ":area", actor->area);
    db_bind_text(st, ":reason", text_blank(act->reason) ? NULL : act->reason);
    db_bind_text(st, ":at", act->change->at);
    db_bind_text(st, ":by", act->change->author);
    return step_done(s, st);
}

typedef enum ChildChange { CHILD_ADD_APPLIED, CHILD_APPROVE, CHILD_REMOVE_APPLIED } ChildChange;

/* Changes the child's category CODE as WHAT says, as a new version of the
   record with REASON; checks the record as a change to it. */
static StoreRc update_child(Store *s, Child *c, const char *code, ChildChange what, Date on, const FlowAction *act,
                            const AllowanceRules *rules, const char *reason, Problems *p, Arena *a)
{
    int applied = -1;
    for (int i = 0; i < c->n_categories; i++)
        if (c->categories[i].code && strcmp(c->categories[i].code, code) == 0 && c->categories[i].status &&
            strcmp(c->categories[i].status, "applied") == 0)
            applied = i;
    Category *cats = arena_alloc(a, (size_t)(c->n_categories + 1) * sizeof *cats);
    int n = 0;
    for (int i = 0; i < c->n_categories; i++)
        if (!(i == applied && what == CHILD_REMOVE_APPLIED)) cats[n++] = c->categories[i];
    if (what == CHILD_ADD_APPLIED || (what == CHILD_APPROVE && applied < 0))
        cats[n++] = (Category){code, DATE_NONE, DATE_NONE, "applied", NULL};
    if (what == CHILD_APPROVE) {
        Category *cat = &cats[applied < 0 ? n - 1 : applied];
        cat->status = "approved";
        cat->from = on; /* recorded as confirmed from the day of confirmation: the payroll counts from it */
    }
    if (what == CHILD_REMOVE_APPLIED && applied < 0) return STORE_OK; /* someone removed it already */
    c->categories = cats;
    c->n_categories = n;
    LedgerRules ledger = {.adults_in_school_keep = rules->eligibility.adults_in_school_keep};
    if (!child_validate(c, a, act->today, &ledger, false, p)) return STORE_INVALID;
    Change ch = {act->change->author, reason, act->change->at};
    bool changed;
    return store_child_update(s, c, c->version, &ch, p, &changed, NULL);
}

static StoreRc load_child(Store *s, long long id, Child *c, Problems *p, Arena *a)
{
    StoreRc r = store_child_get(s, &SCOPE_ALL, id, c, a);
    if (r == STORE_NOTFOUND) {
        problems_add(p, "child_id", "not_found", id);
        return STORE_INVALID;
    }
    return r;
}

/* The child's current (not ended) category CODE's status, or NULL. */
static const char *current_status(const Child *c, const char *code)
{
    for (int i = 0; i < c->n_categories; i++)
        if (c->categories[i].code && strcmp(c->categories[i].code, code) == 0 && c->categories[i].status &&
            strcmp(c->categories[i].status, "ended") != 0)
            return c->categories[i].status;
    return NULL;
}

static void check_day(const FlowAction *act, Date previous, Problems *p)
{
    char a[11], b[11];
    if (!date_is_set(act->on)) problems_add(p, "on", "required");
    else if (date_cmp(act->on, act->today) > 0) problems_add(p, "on", "future_date", date_format(act->on, a));
    else if (date_is_set(previous) && date_cmp(act->on, previous) < 0)
        problems_add(p, "on", "step_date_order", date_format(act->on, a), date_format(previous, b));
}

static StoreRc apply(Store *s, const FlowAction *act, const FlowActor *actor, const AllowanceRules *rules,
                     long long *id, Problems *p, Arena *a)
{
    size_t before = p->count;
    Child c;
    StoreRc r = load_child(s, act->child_id, &c, p, a);
    if (r != STORE_OK) return r;
    if (!act->category || !code_get(&CODES_CATEGORY, act->category))
        code_problem(p, "category", act->category ? act->category : "", &CODES_CATEGORY);
    if (!act->applicant || (strcmp(act->applicant, "guardian") != 0 && strcmp(act->applicant, "village") != 0))
        problems_add(p, "applicant", "bad_choice", "guardian, village");
    flow_may_act(FLOW_APPLY, actor, c.area, p);
    check_day(act, DATE_NONE, p);
    if (p->count != before) return STORE_INVALID;
    const char *held = current_status(&c, act->category);
    if (held) problems_add(p, "category", "category_held", code_label(&CODES_CATEGORY_STATUS, held, LANG_ZH));
    sqlite3_stmt *st = db_prepare(s, "SELECT id FROM category_application WHERE child_id = :child AND category = :cat "
                                     "AND status IN ('applied', 'verified')");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":child", c.id);
    db_bind_text(st, ":cat", act->category);
    long long open = first_int(s, st);
    if (open) problems_add(p, "category", "flow_open_exists", open);
    if (p->count != before) return STORE_INVALID;

    st = db_prepare(s,
                    "INSERT INTO category_application(child_id, category, area, applicant, status, applied_on, advice, "
                    "note) VALUES (:child, :cat, :area, :applicant, 'applied', :on, :advice, :note)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":child", c.id);
    db_bind_text(st, ":cat", act->category);
    db_bind_text(st, ":area", c.area);
    db_bind_text(st, ":applicant", act->applicant);
    db_bind_date(st, ":on", act->on);
    db_bind_text(st, ":advice", act->advice);
    db_bind_text(st, ":note", text_blank(act->reason) ? NULL : act->reason);
    r = step_insert(s, st, id);
    if (r != STORE_OK) return r;
    r = insert_step(s, *id, act, actor, "done", DATE_NONE);
    if (r != STORE_OK) return r;
    const char *reason =
        arena_printf(a, "申请认定%s（申请编号%lld，%s申请）", code_label(&CODES_CATEGORY, act->category, LANG_ZH), *id,
                     strcmp(act->applicant, "village") == 0 ? "村（居）委会代为" : "监护人");
    return update_child(s, &c, act->category, CHILD_ADD_APPLIED, act->on, act, rules, reason, p, a);
}

/* Verification or confirmation of application ACT->application_id. */
static StoreRc decide(Store *s, const FlowAction *act, const FlowActor *actor, const AllowanceRules *rules,
                      const WorkCalendar *cal, Problems *p, Arena *a)
{
    Application app;
    StoreRc r = store_application_get(s, &SCOPE_ALL, act->application_id, &app, a);
    if (r == STORE_NOTFOUND) {
        problems_add(p, "application", "no_application", act->application_id);
        return STORE_INVALID;
    }
    if (r != STORE_OK) return r;
    size_t before = p->count;
    if (strcmp(app.status, flow_status_before(act->step)) != 0) {
        problems_add(p, "application", "flow_bad_state", code_label(&CODES_FLOW_STATUS, app.status, LANG_ZH));
        return STORE_INVALID;
    }
    Date previous = act->step == FLOW_VERIFY ? app.applied_on : app.verified_on;
    Child c;
    r = load_child(s, app.child_id, &c, p, a);
    if (r != STORE_OK) return r;
    flow_may_act(act->step, actor, c.area, p);
    check_day(act, previous, p);
    if (!act->approve && text_blank(act->reason)) problems_add(p, "reason", "refusal_reason");
    if (p->count != before) return STORE_INVALID;

    r = insert_step(s, app.id, act, actor, act->approve ? "approved" : "refused",
                    flow_due(act->step, previous, rules, cal));
    if (r != STORE_OK) return r;
    const char *status = flow_status_after(act->step, act->approve);
    sqlite3_stmt *st =
        db_prepare(s, "UPDATE category_application SET status = :status, "
                      "verified_on = CASE WHEN :verify AND :approved THEN :on ELSE verified_on END, "
                      "decided_on = CASE WHEN :verify AND :approved THEN NULL ELSE :on END WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":status", status);
    db_bind_int64(st, ":verify", act->step == FLOW_VERIFY);
    db_bind_int64(st, ":approved", act->approve);
    db_bind_date(st, ":on", act->on);
    db_bind_int64(st, ":id", app.id);
    r = step_done(s, st);
    if (r != STORE_OK || (act->step == FLOW_VERIFY && act->approve)) return r; /* verified: the record waits */

    const char *label = code_label(&CODES_CATEGORY, app.category, LANG_ZH);
    const char *step = code_label(&CODES_FLOW_STEP, flow_step_code(act->step), LANG_ZH);
    const char *reason = act->approve
                             ? arena_printf(a, "%s：%s通过（申请编号%lld）", label, step, app.id)
                             : arena_printf(a, "%s：%s不予通过（申请编号%lld）：%s", label, step, app.id, act->reason);
    return update_child(s, &c, app.category, act->approve ? CHILD_APPROVE : CHILD_REMOVE_APPLIED, act->on, act, rules,
                        reason, p, a);
}

StoreRc store_flow_act(Store *s, const FlowAction *act, const AllowanceRules *rules, const WorkCalendar *cal,
                       long long *application_id, Problems *p)
{
    if (!db_require_tx(s, "store_flow_act")) return STORE_ERROR;
    Arena *a = p->arena; /* the record's strings live as long as the problems that may name them */
    FlowActor actor;
    StoreRc r = store_actor(s, act->account, flow_step_permission(act->step), &actor, p, a);
    if (r == STORE_NOTFOUND) return STORE_INVALID;
    if (r != STORE_OK) return r;
    if (act->step == FLOW_APPLY) return apply(s, act, &actor, rules, application_id, p, a);
    *application_id = act->application_id;
    return decide(s, act, &actor, rules, cal, p, a);
}

StoreRc store_category_end(Store *s, long long child_id, const char *code, Date ends, Date today, const Change *change,
                           Problems *p)
{
    if (!db_require_tx(s, "store_category_end")) return STORE_ERROR;
    Arena *a = p->arena;
    Child c;
    StoreRc r = load_child(s, child_id, &c, p, a);
    if (r != STORE_OK) return r;
    if (text_blank(change->reason)) problems_add(p, "reason", "reason_required");
    if (!date_is_set(ends)) problems_add(p, "to", "required");
    Category *cat = NULL;
    for (int i = 0; i < c.n_categories; i++)
        if (c.categories[i].code && code && strcmp(c.categories[i].code, code) == 0 && c.categories[i].status &&
            strcmp(c.categories[i].status, "approved") == 0)
            cat = &c.categories[i];
    if (!cat) problems_add(p, "category", "not_held", code ? code : "");
    if (p->count) return STORE_INVALID;
    cat->to = ends;
    cat->status = "ended";
    if (!child_validate(&c, a, today, &LEDGER_RULES_DEFAULT, false, p)) return STORE_INVALID;
    bool changed;
    return store_child_update(s, &c, c.version, change, p, &changed, NULL);
}

/* ---- late steps ---- */

typedef struct LateCtx {
    Store *s;
    Date today;
    const AllowanceRules *rules;
    const WorkCalendar *cal;
    LateFn fn;
    void *ctx;
    Arena *a;
    Date due[3]; /* the due day each step had when it was done, by FlowStep */
    int stop;
    StoreRc rc;
} LateCtx;

static int note_due(void *ctx, const ApplicationStep *step)
{
    LateCtx *x = ctx;
    for (int k = FLOW_VERIFY; k <= FLOW_CONFIRM; k++)
        if (strcmp(step->step, flow_step_code((FlowStep)k)) == 0) x->due[k] = step->due_on;
    return 0;
}

/* Reports STEP of APP if it is late: done after DUE, or still pending after it. */
static int report_if_late(LateCtx *x, const Application *app, FlowStep step, Date due, Date done)
{
    int late = flow_late_by(x->cal, due, date_is_set(done) ? done : x->today);
    if (late <= 0) return 0;
    LateStep l = {app, step, due, done, late};
    return x->fn(x->ctx, &l);
}

static int check_application(void *ctx, const Application *app)
{
    LateCtx *x = ctx;
    x->due[FLOW_VERIFY] = x->due[FLOW_CONFIRM] = DATE_NONE;
    x->rc = store_application_steps(x->s, app->id, note_due, x, x->a);
    if (x->rc != STORE_OK) return 1;
    bool refused_at_verify = strcmp(app->status, "refused") == 0 && !date_is_set(app->verified_on);
    /* the step's own due day when it was done; computed now for a pending one */
    Date verify_due = date_is_set(x->due[FLOW_VERIFY]) ? x->due[FLOW_VERIFY]
                                                       : flow_due(FLOW_VERIFY, app->applied_on, x->rules, x->cal);
    Date verify_done = date_is_set(app->verified_on) ? app->verified_on
                       : refused_at_verify           ? app->decided_on
                                                     : DATE_NONE;
    if (report_if_late(x, app, FLOW_VERIFY, verify_due, verify_done)) return x->stop = 1;
    if (!date_is_set(app->verified_on)) return 0;
    Date confirm_due = date_is_set(x->due[FLOW_CONFIRM]) ? x->due[FLOW_CONFIRM]
                                                         : flow_due(FLOW_CONFIRM, app->verified_on, x->rules, x->cal);
    if (report_if_late(x, app, FLOW_CONFIRM, confirm_due, app->decided_on)) return x->stop = 1;
    return 0;
}

StoreRc store_flow_late(Store *s, const Scope *scope, Date today, const AllowanceRules *rules, const WorkCalendar *cal,
                        LateFn fn, void *ctx, Arena *a)
{
    LateCtx x = {s, today, rules, cal, fn, ctx, a, {DATE_NONE, DATE_NONE, DATE_NONE}, 0, STORE_OK};
    StoreRc r = store_applications_list(s, scope, NULL, 0, check_application, &x, a);
    return r != STORE_OK ? r : x.rc;
}

/* ---- overdue work (store_overdue.h): steps waiting past or near their due day ---- */

typedef struct OverdueCtx {
    Store *s;
    Date until; /* today + horizon: steps due on or before it are reported */
    const AllowanceRules *rules;
    const WorkCalendar *cal;
    OverdueSink sink;
    void *ctx;
    Arena *a;
    int stopped;
} OverdueCtx;

static int report_pending(void *ctx, const Application *app)
{
    OverdueCtx *x = ctx;
    bool verify = strcmp(app->status, "applied") == 0;
    FlowStep step = verify ? FLOW_VERIFY : FLOW_CONFIRM;
    Date due = flow_due(step, verify ? app->applied_on : app->verified_on, x->rules, x->cal);
    if (date_to_days(due) > date_to_days(x->until)) return 0;
    char day[11];
    OverdueItem item = {
        .kind = "category_step",
        .record = arena_printf(x->a, "application:%lld", app->id),
        .child_id = app->child_id,
        .area = app->area,
        .due = arena_strdup(x->a, date_format(due, day)),
        .title = arena_printf(x->a, "%s: %s（%s）", code_label(&CODES_FLOW_STEP, flow_step_code(step), LANG_ZH),
                              app->child_name ? app->child_name : "", code_label(&CODES_CATEGORY, app->category, LANG_ZH)),
        .actor = verify ? "town_supervisor" : "city_staff",
    };
    return x->stopped = x->sink(x->ctx, &item);
}

StoreRc store_overdue_category_steps(Store *s, const Scope *scope, const char *today, int horizon_days, OverdueSink sink,
                                     void *ctx, Arena *a)
{
    Date day;
    if (!today || !date_parse_iso(today, &day)) return STORE_INVALID;
    AllowanceRules rules;
    WorkCalendar cal;
    StoreRc r = store_allowance_rules(s, &rules);
    if (r == STORE_OK) r = store_work_calendar(s, &cal, a);
    OverdueCtx x = {s, date_from_days(date_to_days(day) + horizon_days), &rules, &cal, sink, ctx, a, 0};
    /* what waits for the town, then what waits for the city: each through the status index */
    if (r == STORE_OK) r = store_applications_list(s, scope, flow_status_before(FLOW_VERIFY), 0, report_pending, &x, a);
    if (r == STORE_OK && !x.stopped)
        r = store_applications_list(s, scope, flow_status_before(FLOW_CONFIRM), 0, report_pending, &x, a);
    return r;
}
