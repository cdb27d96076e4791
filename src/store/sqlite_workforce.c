/*
** SQLite backend of the workforce and activities (store_workforce.h).
** Reads are scoped by the area range of the caller's prefix; a social
** organisation is also visible below the area it is registered in (a
** city-wide organisation serves every town).
*/
#include <string.h>
#include "store/db.h"
#include "store/sqlite_workforce_sql.h"
#include "store/store_workforce.h"

static void bind_change(sqlite3_stmt *st, const Change *ch)
{
    db_bind_text(st, ":at", ch->at);
    db_bind_text(st, ":by", ch->author);
}

/* ---- supervisors and directors ---- */

StoreRc store_worker_add(Store *s, const Worker *w, const Change *ch, long long *id)
{
    if (!db_require_tx(s, "store_worker_add")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO worker(name, role, area, phone, appointed_on, recorded_at, recorded_by) "
                                     "VALUES (:name, :role, :area, :phone, :on, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":name", w->name);
    db_bind_text(st, ":role", w->role);
    db_bind_text(st, ":area", w->area);
    db_bind_text(st, ":phone", w->phone);
    db_bind_date(st, ":on", w->appointed_on);
    bind_change(st, ch);
    return step_insert(s, st, id);
}

StoreRc store_workers_list(Store *s, const Scope *scope, bool current, WorkerFn fn, void *ctx)
{
    sqlite3_stmt *st = db_prepare(s, WORKERS_LIST_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, scope->prefix);
    db_bind_int64(st, ":current", current);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Worker w = {sqlite3_column_int64(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3), db_text(st, 4),
                    db_text(st, 5), col_date(st, 6), col_date(st, 7), (long)sqlite3_column_int64(st, 8),
                    (long)sqlite3_column_int64(st, 9), db_text(st, 10)};
        if (fn(ctx, &w)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_training_add(Store *s, const Scope *scope, long long worker_id, Date on, const char *title, long long hours,
                           const Change *ch, long long *id)
{
    if (!db_require_tx(s, "store_training_add")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "SELECT 1 FROM worker WHERE id = :id AND area >= :lo AND area < :hi");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", worker_id);
    db_bind_scope(st, scope->prefix);
    if (!first_int(s, st)) return STORE_NOTFOUND;
    st = db_prepare(s, "INSERT INTO worker_training(worker_id, trained_on, title, hours, recorded_at, recorded_by) "
                       "VALUES (:id, :on, :title, :hours, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", worker_id);
    db_bind_date(st, ":on", on);
    db_bind_text(st, ":title", title);
    db_bind_int64(st, ":hours", hours);
    bind_change(st, ch);
    return step_insert(s, st, id);
}

StoreRc store_workforce_gaps(Store *s, const Scope *scope, GapFn fn, void *ctx)
{
    /* towns (level 2) and villages (level 3) of the scope, not NBS placeholders, with no worker of theirs serving */
    sqlite3_stmt *st = db_prepare(s, WORKFORCE_GAPS_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, scope->prefix);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW)
        if (fn(ctx, db_text(st, 0), db_text(st, 1), db_text(st, 2))) break;
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- activities ---- */

StoreRc store_activity_add(Store *s, const Activity *a, const Change *ch, long long *id)
{
    if (!db_require_tx(s, "store_activity_add")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO activity(level, area, held_on, title, kind, participants, recorded_at, "
                                     "recorded_by) VALUES (:level, :area, :on, :title, :kind, :n, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":level", a->level);
    db_bind_text(st, ":area", a->area);
    db_bind_date(st, ":on", a->held_on);
    db_bind_text(st, ":title", a->title);
    db_bind_text(st, ":kind", a->kind);
    db_bind_int64(st, ":n", a->participants);
    bind_change(st, ch);
    return step_insert(s, st, id);
}

StoreRc store_activities_list(Store *s, const Scope *scope, Date from, Date to, ActivityFn fn, void *ctx,
                              long long *events, long long *participants)
{
    sqlite3_stmt *st = db_prepare(s, ACTIVITIES_LIST_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, scope->prefix);
    db_bind_date(st, ":from", from);
    db_bind_date(st, ":to", to);
    *events = *participants = 0;
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Activity v = {sqlite3_column_int64(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3), db_text(st, 4),
                      db_text(st, 5), col_date(st, 6), sqlite3_column_int64(st, 7)};
        (*events)++;
        *participants += v.participants;
        if (fn && fn(ctx, &v)) fn = NULL;   /* the totals still count every one */
    }
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- social organisations and their services ---- */

StoreRc store_org_add(Store *s, const SocialOrg *o, const Change *ch, long long *id)
{
    if (!db_require_tx(s, "store_org_add")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "SELECT 1 FROM social_org WHERE name = :name");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":name", o->name);
    if (first_int(s, st)) return STORE_CONFLICT;
    st = db_prepare(s, "INSERT INTO social_org(name, area, contact, phone, recorded_at, recorded_by) "
                       "VALUES (:name, :area, :contact, :phone, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":name", o->name);
    db_bind_text(st, ":area", o->area);
    db_bind_text(st, ":contact", o->contact);
    db_bind_text(st, ":phone", o->phone);
    bind_change(st, ch);
    return step_insert(s, st, id);
}

StoreRc store_orgs_list(Store *s, const Scope *scope, SocialOrgFn fn, void *ctx)
{
    sqlite3_stmt *st = db_prepare(s, ORGS_LIST_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, scope->prefix);
    db_bind_text(st, ":prefix", scope->prefix ? scope->prefix : "");
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        SocialOrg o = {sqlite3_column_int64(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3), db_text(st, 4),
                       db_text(st, 5)};
        if (fn(ctx, &o)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_services_list(Store *s, const Scope *scope, long long org_id, SocialServiceFn fn, void *ctx)
{
    sqlite3_stmt *st = db_prepare(s, SERVICES_LIST_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, scope->prefix);
    db_bind_int64(st, ":org", org_id);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        SocialService v = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), db_text(st, 2), db_text(st, 3),
                           db_text(st, 4), db_text(st, 5), db_text(st, 6), db_text(st, 7), col_date(st, 8),
                           col_date(st, 9), sqlite3_column_int64(st, 10)};
        if (fn(ctx, &v)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_service_add(Store *s, const Scope *scope, const SocialService *sv, const Change *ch, long long *id)
{
    if (!db_require_tx(s, "store_service_add")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "SELECT 1 FROM social_org o JOIN area a ON a.code = o.area WHERE o.id = :id AND"
                                     ORG_VISIBLE);
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", sv->org_id);
    db_bind_scope(st, scope->prefix);
    db_bind_text(st, ":prefix", scope->prefix ? scope->prefix : "");
    if (!first_int(s, st) || !store_scope_contains(scope, sv->area)) return STORE_NOTFOUND;
    st = db_prepare(s, "INSERT INTO social_service(org_id, area, title, started_on, children_served, recorded_at, "
                       "recorded_by) VALUES (:org, :area, :title, :on, :n, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":org", sv->org_id);
    db_bind_text(st, ":area", sv->area);
    db_bind_text(st, ":title", sv->title);
    db_bind_date(st, ":on", sv->started_on);
    db_bind_int64(st, ":n", sv->children_served);
    bind_change(st, ch);
    return step_insert(s, st, id);
}

StoreRc store_service_evaluate(Store *s, const Scope *scope, long long id, const char *evaluation, const char *note,
                               Date on, const Change *ch)
{
    if (!db_require_tx(s, "store_service_evaluate")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "UPDATE social_service SET evaluation = :evaluation, evaluation_note = :note, "
                                     "evaluated_on = :on, evaluated_by = :by "
                                     "WHERE id = :id AND area >= :lo AND area < :hi");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":evaluation", evaluation);
    db_bind_text(st, ":note", note);
    db_bind_date(st, ":on", on);
    db_bind_text(st, ":by", ch->author);
    db_bind_int64(st, ":id", id);
    db_bind_scope(st, scope->prefix);
    StoreRc r = step_done(s, st);
    if (r == STORE_OK && sqlite3_changes(s->db) == 0) return STORE_NOTFOUND;
    return r;
}
