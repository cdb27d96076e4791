/*
** SQLite backend of store_protection.h: cases and their timeline, referrals,
** interventions, hotline calls, visits and the visit schedule, and the
** overdue sources of visits and referrals. Lists and sources take their SQL
** from sqlite_protection_sql.h (checked by tests/unit/test_query_plans.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "store/sqlite_protection_sql.h"
#include "store/store_protection.h"

/* ---- small helpers ---- */

static const char *col_str(sqlite3_stmt *st, int col, Arena *a) { return db_text_dup(st, col, a); }
static long long col_int(sqlite3_stmt *st, int col) { return sqlite3_column_int64(st, col); }

static void bind_scope(sqlite3_stmt *st, const Scope *scope)
{
    char lo[16], hi[16];
    db_scope_bounds(scope ? scope->prefix : NULL, lo, hi);
    db_bind_text(st, ":lo", lo);
    db_bind_text(st, ":hi", hi);
}

/* Finishes a loop over ST: resets it and maps the last step's code. */
static StoreRc loop_end(Store *s, sqlite3_stmt *st, int rc)
{
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- settings ---- */

StoreRc store_protection_rules(Store *s, ProtectionRules *out)
{
    protection_rules_default(out);
    sqlite3_stmt *st = db_prepare(s, "SELECT key, value FROM setting WHERE key >= 'protection.' AND key < 'protection/' "
                                     "OR key >= 'visit.months.' AND key < 'visit.months/'");
    if (!st) return STORE_ERROR;
    Arena *a = arena_new();
    Problems p;
    problems_init(&p, a);
    int rc;
    StoreRc r = STORE_OK;
    while ((rc = db_step(s, st)) == SQLITE_ROW)
        if (!protection_rules_set(out, db_text(st, 0), db_text(st, 1), &p)) {
            snprintf(s->errmsg, sizeof s->errmsg, "the setting %s holds \"%s\", which is not valid: set it again",
                     db_text(st, 0), db_text(st, 1));
            r = STORE_ERROR;
            break;
        }
    arena_free(a);
    StoreRc lr = loop_end(s, st, rc);
    return r != STORE_OK ? r : lr;
}

StoreRc store_protection_setting_set(Store *s, const char *key, const char *value, Problems *p)
{
    ProtectionRules check;
    protection_rules_default(&check);
    if (!protection_rules_set(&check, key, value, p)) return STORE_INVALID;
    return store_setting_set(s, key, value);
}

/* ---- cases ---- */

StoreRc store_case_insert(Store *s, CaseRecord *c, Arena *a)
{
    if (!db_require_tx(s, "store_case_insert")) return STORE_ERROR;
    int year = atoi(c->received_at);
    sqlite3_stmt *st = db_prepare(s, "SELECT coalesce(max(seq), 0) + 1 FROM protect_case WHERE year = :year");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":year", year);
    long long seq = first_int(s, st);
    char number[CASE_NUMBER_BUF];
    case_number_format(year, seq, number);
    st = db_prepare(s,
                    "INSERT INTO protect_case(year, seq, number, source, status, area, child_id, child_desc, triggers, "
                    "seen, place, occurred_at, reporter_name, reporter_unit, reporter_sector, reporter_phone, via, "
                    "risk, guardianship, owner, received_at, received_unix, created_at, created_by, updated_at) "
                    "VALUES (:year, :seq, :number, :source, :status, :area, :child, :desc, :triggers, :seen, :place, "
                    ":occurred, :rname, :runit, :rsector, :rphone, :via, :risk, :guardianship, :owner, :received, "
                    ":unix, :at, :by, :at)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":year", year);
    db_bind_int64(st, ":seq", seq);
    db_bind_text(st, ":number", number);
    db_bind_text(st, ":source", c->source);
    db_bind_text(st, ":status", c->status);
    db_bind_text(st, ":area", c->area);
    if (c->child_id) db_bind_int64(st, ":child", c->child_id);
    db_bind_text(st, ":desc", c->child_desc);
    db_bind_text(st, ":triggers", c->triggers ? c->triggers : "[]");
    db_bind_text(st, ":seen", c->seen);
    db_bind_text(st, ":place", c->place);
    db_bind_text(st, ":occurred", c->occurred_at);
    db_bind_text(st, ":rname", c->reporter_name);
    db_bind_text(st, ":runit", c->reporter_unit);
    db_bind_text(st, ":rsector", c->reporter_sector);
    db_bind_text(st, ":rphone", c->reporter_phone);
    db_bind_text(st, ":via", c->via);
    db_bind_text(st, ":risk", c->risk);
    db_bind_text(st, ":guardianship", c->guardianship);
    db_bind_text(st, ":owner", c->owner);
    db_bind_text(st, ":received", c->received_at);
    db_bind_int64(st, ":unix", c->received_unix);
    db_bind_text(st, ":at", c->created_at);
    db_bind_text(st, ":by", c->created_by);
    StoreRc r = step_done(s, st);
    if (r != STORE_OK) return r;
    c->id = sqlite3_last_insert_rowid(s->db);
    c->number = arena_strdup(a, number);
    return STORE_OK;
}

StoreRc store_case_save(Store *s, const CaseRecord *c)
{
    if (!db_require_tx(s, "store_case_save")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "UPDATE protect_case SET status = :status, risk = :risk, guardianship = :g, "
                                     "outcome = :outcome, owner = :owner, first_action_at = :fa, "
                                     "first_action_seconds = :fas, reporter_notified_at = :rn, "
                                     "reporter_notified_by = :rnb, updated_at = :at WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":status", c->status);
    db_bind_text(st, ":risk", c->risk);
    db_bind_text(st, ":g", c->guardianship);
    db_bind_text(st, ":outcome", c->outcome);
    db_bind_text(st, ":owner", c->owner);
    db_bind_text(st, ":fa", c->first_action_at);
    if (c->first_action_seconds >= 0) db_bind_int64(st, ":fas", c->first_action_seconds);
    db_bind_text(st, ":rn", c->reporter_notified_at);
    db_bind_text(st, ":rnb", c->reporter_notified_by);
    db_bind_text(st, ":at", c->updated_at);
    db_bind_int64(st, ":id", c->id);
    StoreRc r = step_done(s, st);
    return r == STORE_OK && sqlite3_changes(s->db) == 0 ? STORE_NOTFOUND : r;
}

StoreRc store_case_id_by_number(Store *s, const char *number, long long *id)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT id FROM protect_case WHERE number = :number");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":number", number);
    *id = first_int(s, st);
    return *id ? STORE_OK : STORE_NOTFOUND;
}

/* The CaseRecord of the current row of a CASE_SELECT statement. */
static void case_row(sqlite3_stmt *st, CaseRecord *c, Arena *a)
{
    int i = 0;
    c->id = col_int(st, i++);
    c->number = col_str(st, i++, a);
    c->source = col_str(st, i++, a);
    c->status = col_str(st, i++, a);
    c->area = col_str(st, i++, a);
    c->area_name = col_str(st, i++, a);
    c->child_id = col_int(st, i++);
    c->child_name = col_str(st, i++, a);
    c->child_desc = col_str(st, i++, a);
    c->triggers = col_str(st, i++, a);
    c->seen = col_str(st, i++, a);
    c->place = col_str(st, i++, a);
    c->occurred_at = col_str(st, i++, a);
    c->reporter_name = col_str(st, i++, a);
    c->reporter_unit = col_str(st, i++, a);
    c->reporter_sector = col_str(st, i++, a);
    c->reporter_phone = col_str(st, i++, a);
    c->via = col_str(st, i++, a);
    c->risk = col_str(st, i++, a);
    c->guardianship = col_str(st, i++, a);
    c->outcome = col_str(st, i++, a);
    c->owner = col_str(st, i++, a);
    c->received_at = col_str(st, i++, a);
    c->received_unix = col_int(st, i++);
    c->first_action_at = col_str(st, i++, a);
    c->first_action_seconds = sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : col_int(st, i);
    i++;
    c->reporter_notified_at = col_str(st, i++, a);
    c->reporter_notified_by = col_str(st, i++, a);
    c->created_at = col_str(st, i++, a);
    c->created_by = col_str(st, i++, a);
    c->updated_at = col_str(st, i++, a);
    c->overdue_referrals = (int)col_int(st, i++);
}

static void bind_today(sqlite3_stmt *st, Date today) { db_bind_date(st, ":today", today); }

StoreRc store_case_get(Store *s, const Scope *scope, const char *unit, long long id, Date today, CaseRecord *out,
                       Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, CASE_SELECT "WHERE c.id = :id AND c.area >= :lo AND c.area < :hi AND "
                                                 CASE_UNIT_CLAUSE);
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    bind_scope(st, scope);
    db_bind_text(st, ":unit", unit);
    bind_today(st, today);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) case_row(st, out, a);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

StoreRc store_cases_list(Store *s, const CaseFilter *f, CaseFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = f->child_id ? db_prepare(s, CASES_LIST_SQL(CASES_OF_CHILD))
                                   : db_prepare(s, CASES_LIST_SQL(CASES_OF_SCOPE));
    if (!st) return STORE_ERROR;
    if (f->child_id) db_bind_int64(st, ":child", f->child_id);
    bind_scope(st, &f->scope);
    db_bind_text(st, ":status", f->status);
    db_bind_text(st, ":risk", f->risk);
    db_bind_text(st, ":owner", f->owner);
    db_bind_int64(st, ":before", f->before_id);
    db_bind_text(st, ":unit", f->unit);
    db_bind_int64(st, ":overdue", f->overdue);
    bind_today(st, f->today);
    db_bind_int64(st, ":limit", f->limit > 0 ? f->limit : -1);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        CaseRecord c;
        case_row(st, &c, a);
        if (fn(ctx, &c)) break;
    }
    return loop_end(s, st, rc);
}

/* ---- the timeline ---- */

StoreRc store_case_step_add(Store *s, const CaseStep *cs)
{
    if (!db_require_tx(s, "store_case_step_add")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO case_step(case_id, at, author, step, from_status, to_status, note, "
                                     "detail, unit) VALUES (:case, :at, :author, :step, :from, :to, :note, :detail, "
                                     ":unit)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":case", cs->case_id);
    db_bind_text(st, ":at", cs->at);
    db_bind_text(st, ":author", cs->author);
    db_bind_text(st, ":step", cs->step);
    db_bind_text(st, ":from", cs->from_status);
    db_bind_text(st, ":to", cs->to_status);
    db_bind_text(st, ":note", cs->note);
    db_bind_text(st, ":detail", cs->detail);
    db_bind_text(st, ":unit", cs->unit);
    return step_done(s, st);
}

StoreRc store_case_steps(Store *s, long long case_id, const char *unit, CaseStepFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, CASE_STEPS_SQL);
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":case", case_id);
    db_bind_text(st, ":unit", unit);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        CaseStep cs = {col_int(st, 0),      col_int(st, 1),      col_str(st, 2, a), col_str(st, 3, a),
                       col_str(st, 4, a),   col_str(st, 5, a),   col_str(st, 6, a), col_str(st, 7, a),
                       col_str(st, 8, a),   col_str(st, 9, a)};
        if (fn(ctx, &cs)) break;
    }
    return loop_end(s, st, rc);
}

/* ---- opening a case, and its steps ---- */

StoreRc store_case_open(Store *s, CaseRecord *c, int age, const char *enrolment, const ProtectionRules *r, Date today,
                        int (*fn)(void *ctx, const Referral *ref), void *ctx, Arena *a)
{
    c->status = "reported";
    c->updated_at = c->created_at;
    c->received_unix = 0;
    iso_time_parse(c->received_at, &c->received_unix);
    StoreRc rc = store_case_insert(s, c, a);
    if (rc != STORE_OK) return rc;
    CaseStep first = {0, c->id, c->created_at, c->created_by, "report", NULL, "reported", c->seen, NULL, NULL};
    first.detail = arena_printf(a, "{\"source\":\"%s\"}", c->source);
    rc = store_case_step_add(s, &first);
    ReportNotice notices[3];
    int n = report_notices(c->reporter_sector, age, enrolment, notices);
    for (int i = 0; i < n && rc == STORE_OK; i++) {
        Referral ref = {0};
        ref.case_id = c->id;
        ref.kind = notices[i].referral ? "referral" : "notice";
        ref.unit = notices[i].unit;
        ref.status = "pending";
        ref.sent_at = c->created_at;
        ref.sent_by = c->created_by;
        ref.due = notices[i].referral ? referral_due(today, ref.unit, true, r) : DATE_NONE;
        ref.case_number = c->number;
        ref.case_area = c->area;
        ref.case_status = c->status;
        rc = store_referral_insert(s, &ref);
        CaseStep st = {0, c->id, c->created_at, c->created_by, ref.kind, "reported", "reported", NULL, NULL, ref.unit};
        st.detail = arena_printf(a, "{\"referral_id\":%lld}", ref.id);
        if (rc == STORE_OK) rc = store_case_step_add(s, &st);
        if (rc == STORE_OK && fn) fn(ctx, &ref);
    }
    return rc;
}

StoreRc store_case_record(Store *s, CaseRecord *c, CaseStep *st)
{
    st->case_id = c->id;
    c->updated_at = st->at;
    StoreRc r = store_case_save(s, c);
    return r == STORE_OK ? store_case_step_add(s, st) : r;
}

/* ---- referrals ---- */

StoreRc store_referral_insert(Store *s, Referral *r)
{
    if (!db_require_tx(s, "store_referral_insert")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO case_referral(case_id, kind, unit, status, sent_at, sent_by, due, note) "
                                     "VALUES (:case, :kind, :unit, :status, :at, :by, :due, :note)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":case", r->case_id);
    db_bind_text(st, ":kind", r->kind);
    db_bind_text(st, ":unit", r->unit);
    db_bind_text(st, ":status", r->status);
    db_bind_text(st, ":at", r->sent_at);
    db_bind_text(st, ":by", r->sent_by);
    db_bind_date(st, ":due", r->due);
    db_bind_text(st, ":note", r->note);
    StoreRc rc = step_done(s, st);
    if (rc == STORE_OK) r->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

StoreRc store_referral_save(Store *s, const Referral *r)
{
    if (!db_require_tx(s, "store_referral_save")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "UPDATE case_referral SET status = :status, reason = :reason, action = :action, "
                                     "responded_at = :at, responded_by = :by WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":status", r->status);
    db_bind_text(st, ":reason", r->reason);
    db_bind_text(st, ":action", r->action);
    db_bind_text(st, ":at", r->responded_at);
    db_bind_text(st, ":by", r->responded_by);
    db_bind_int64(st, ":id", r->id);
    StoreRc rc = step_done(s, st);
    return rc == STORE_OK && sqlite3_changes(s->db) == 0 ? STORE_NOTFOUND : rc;
}

/* The Referral of the current row of a REFERRAL_SELECT statement. */
static void referral_row(sqlite3_stmt *st, Referral *r, Arena *a)
{
    r->id = col_int(st, 0);
    r->case_id = col_int(st, 1);
    r->kind = col_str(st, 2, a);
    r->unit = col_str(st, 3, a);
    r->status = col_str(st, 4, a);
    r->sent_at = col_str(st, 5, a);
    r->sent_by = col_str(st, 6, a);
    r->due = col_date(st, 7);
    r->note = col_str(st, 8, a);
    r->reason = col_str(st, 9, a);
    r->action = col_str(st, 10, a);
    r->responded_at = col_str(st, 11, a);
    r->responded_by = col_str(st, 12, a);
    r->case_number = col_str(st, 13, a);
    r->case_area = col_str(st, 14, a);
    r->case_status = col_str(st, 15, a);
}

StoreRc store_referral_get(Store *s, const Scope *scope, const char *unit, long long id, Referral *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, REFERRAL_SELECT "WHERE r.id = :id AND c.area >= :lo AND c.area < :hi "
                                                     "AND (:unit IS NULL OR r.unit = :unit)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    bind_scope(st, scope);
    db_bind_text(st, ":unit", unit);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) referral_row(st, out, a);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

StoreRc store_referrals_list(Store *s, const ReferralFilter *f, ReferralFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st;
    if (f->case_id) {
        st = db_prepare(s, REFERRALS_OF_CASE_SQL);
        if (!st) return STORE_ERROR;
        db_bind_int64(st, ":case", f->case_id);
        db_bind_text(st, ":unit", f->unit);
    } else {
        st = f->unit ? db_prepare(s, REFERRALS_LIST_SQL(REFERRALS_OF_UNIT)) : db_prepare(s, REFERRALS_LIST_SQL(REFERRALS_ALL));
        if (!st) return STORE_ERROR;
        if (f->unit) db_bind_text(st, ":unit", f->unit);
        bind_scope(st, &f->scope);
        db_bind_text(st, ":status", f->status);
        db_bind_int64(st, ":overdue", f->overdue);
        bind_today(st, f->today);
        db_bind_int64(st, ":limit", f->limit > 0 ? f->limit : -1);
    }
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Referral r;
        referral_row(st, &r, a);
        if (fn(ctx, &r)) break;
    }
    return loop_end(s, st, rc);
}

/* ---- interventions ---- */

StoreRc store_intervention_insert(Store *s, Intervention *i)
{
    if (!db_require_tx(s, "store_intervention_insert")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO case_intervention(case_id, kind, on_date, target, note, court_result, "
                                     "recorded_at, recorded_by) VALUES (:case, :kind, :on, :target, :note, :court, "
                                     ":at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":case", i->case_id);
    db_bind_text(st, ":kind", i->kind);
    db_bind_date(st, ":on", i->on);
    db_bind_text(st, ":target", i->target);
    db_bind_text(st, ":note", i->note);
    db_bind_text(st, ":court", i->court_result);
    db_bind_text(st, ":at", i->recorded_at);
    db_bind_text(st, ":by", i->recorded_by);
    StoreRc r = step_done(s, st);
    if (r == STORE_OK) i->id = sqlite3_last_insert_rowid(s->db);
    return r;
}

StoreRc store_interventions(Store *s, long long case_id, InterventionFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, CASE_INTERVENTIONS_SQL);
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":case", case_id);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Intervention i = {col_int(st, 0),    col_int(st, 1),    col_str(st, 2, a), col_date(st, 3), col_str(st, 4, a),
                          col_str(st, 5, a), col_str(st, 6, a), col_str(st, 7, a), col_str(st, 8, a)};
        if (fn(ctx, &i)) break;
    }
    return loop_end(s, st, rc);
}

/* ---- the hotline ---- */

StoreRc store_hotline_insert(Store *s, HotlineCall *c)
{
    if (!db_require_tx(s, "store_hotline_insert")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO hotline_call(received_at, recorded_at, first_action_seconds, "
                                     "caller_name, caller_phone, area, asks, question, answer, child_id, case_id, "
                                     "taken_by) VALUES (:received, :recorded, :fas, :name, :phone, :area, :asks, "
                                     ":question, :answer, :child, :case, :by)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":received", c->received_at);
    db_bind_text(st, ":recorded", c->recorded_at);
    db_bind_int64(st, ":fas", c->first_action_seconds);
    db_bind_text(st, ":name", c->caller_name);
    db_bind_text(st, ":phone", c->caller_phone);
    db_bind_text(st, ":area", c->area);
    db_bind_text(st, ":asks", c->asks);
    db_bind_text(st, ":question", c->question);
    db_bind_text(st, ":answer", c->answer);
    if (c->child_id) db_bind_int64(st, ":child", c->child_id);
    if (c->case_id) db_bind_int64(st, ":case", c->case_id);
    db_bind_text(st, ":by", c->taken_by);
    StoreRc r = step_done(s, st);
    if (r == STORE_OK) c->id = sqlite3_last_insert_rowid(s->db);
    return r;
}

/* The HotlineCall of the current row of a HOTLINE_SELECT statement. */
static HotlineCall hotline_row(sqlite3_stmt *st, Arena *a)
{
    return (HotlineCall){col_int(st, 0),     col_str(st, 1, a), col_str(st, 2, a), col_int(st, 3),
                         col_str(st, 4, a),  col_str(st, 5, a), col_str(st, 6, a), col_str(st, 7, a),
                         col_str(st, 8, a),  col_str(st, 9, a), col_int(st, 10),   col_int(st, 11),
                         col_str(st, 12, a), col_str(st, 13, a)};
}

StoreRc store_hotline_list(Store *s, const HotlineFilter *f, HotlineFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, HOTLINE_LIST_SQL);
    if (!st) return STORE_ERROR;
    bind_scope(st, &f->scope);
    db_bind_text(st, ":asks", f->asks);
    db_bind_date(st, ":from", f->from);
    db_bind_date(st, ":to", f->to);
    db_bind_int64(st, ":before", f->before_id);
    db_bind_int64(st, ":limit", f->limit > 0 ? f->limit : -1);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        HotlineCall c = hotline_row(st, a);
        if (fn(ctx, &c)) break;
    }
    return loop_end(s, st, rc);
}

StoreRc store_hotline_get(Store *s, const Scope *scope, long long id, HotlineCall *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, HOTLINE_SELECT "WHERE h.id = :id AND h.area >= :lo AND h.area < :hi");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    bind_scope(st, scope);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) *out = hotline_row(st, a);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

StoreRc store_hotline_link_case(Store *s, long long id, long long case_id)
{
    if (!db_require_tx(s, "store_hotline_link_case")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "UPDATE hotline_call SET case_id = :case WHERE id = :id AND case_id IS NULL");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":case", case_id);
    db_bind_int64(st, ":id", id);
    StoreRc r = step_done(s, st);
    return r == STORE_OK && sqlite3_changes(s->db) == 0 ? STORE_CONFLICT : r;
}

/* ---- visits ---- */

StoreRc store_visit_insert(Store *s, Visit *v)
{
    if (!db_require_tx(s, "store_visit_insert")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO visit(child_id, area, visited_on, kind, seen, care, findings, risk, "
                                     "needs, follow_up, case_id, recorded_at, recorded_by) VALUES (:child, :area, "
                                     ":on, :kind, :seen, :care, :findings, :risk, :needs, :follow, :case, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":child", v->child_id);
    db_bind_text(st, ":area", v->area);
    db_bind_date(st, ":on", v->visited_on);
    db_bind_text(st, ":kind", v->kind);
    db_bind_text(st, ":seen", v->seen);
    db_bind_text(st, ":care", v->care);
    db_bind_text(st, ":findings", v->findings);
    db_bind_text(st, ":risk", v->risk);
    db_bind_text(st, ":needs", v->needs);
    db_bind_text(st, ":follow", v->follow_up);
    if (v->case_id) db_bind_int64(st, ":case", v->case_id);
    db_bind_text(st, ":at", v->recorded_at);
    db_bind_text(st, ":by", v->recorded_by);
    StoreRc r = step_done(s, st);
    if (r == STORE_OK) v->id = sqlite3_last_insert_rowid(s->db);
    return r;
}

StoreRc store_visits_of_child(Store *s, long long child_id, VisitFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, VISITS_OF_CHILD_SQL);
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":child", child_id);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Visit v = {col_int(st, 0),     col_int(st, 1),     col_str(st, 2, a),  col_date(st, 3),   col_str(st, 4, a),
                   col_str(st, 5, a),  col_str(st, 6, a),  col_str(st, 7, a),  col_str(st, 8, a), col_str(st, 9, a),
                   col_str(st, 10, a), col_int(st, 11),    col_str(st, 12, a), col_str(st, 13, a), col_str(st, 14, a)};
        if (fn(ctx, &v)) break;
    }
    return loop_end(s, st, rc);
}

/* The VisitDue of the current row of a VISIT_SCHEDULE_SQL statement. */
static void schedule_row(sqlite3_stmt *st, const ProtectionRules *r, VisitDue *d, Arena *a)
{
    d->child_id = col_int(st, 0);
    d->name = col_str(st, 1, a);
    d->area = col_str(st, 2, a);
    d->area_name = col_str(st, 3, a);
    const char *codes = db_text(st, 4);
    int n = 1;
    for (const char *c = codes; c && *c; c++) n += *c == ',';
    d->categories = arena_alloc(a, (size_t)n * sizeof *d->categories);
    d->n_categories = 0;
    for (const char *c = codes; c && *c;) {
        size_t len = strcspn(c, ",");
        d->categories[d->n_categories++] = arena_strndup(a, c, len);
        c += len + (c[len] == ',');
    }
    d->months = visit_interval_months(d->categories, d->n_categories, r);
    d->since = col_date(st, 5);
    d->last = col_date(st, 6);
    d->due = visit_next_due(d->last, d->since, d->months);
}

StoreRc store_visit_schedule(Store *s, const Scope *scope, long long child_id, Date today, const ProtectionRules *r,
                             VisitDue *out, Arena *a)
{
    memset(out, 0, sizeof *out);
    out->child_id = child_id;
    sqlite3_stmt *st = db_prepare(s, VISIT_SCHEDULE_SQL(SCHEDULE_OF_CHILD));
    if (!st) return STORE_ERROR;
    bind_scope(st, scope);
    db_bind_int64(st, ":child", child_id);
    bind_today(st, today);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) schedule_row(st, r, out, a);
    return loop_end(s, st, rc);   /* no row: no category held now, no regular visit */
}

typedef struct DueList {
    VisitDue *items;
    int n;
    long cap;
} DueList;

static int due_cmp(const void *x, const void *y)
{
    const VisitDue *a = x, *b = y;
    int c = date_cmp(a->due, b->due);
    return c ? c : (a->child_id > b->child_id) - (a->child_id < b->child_id);
}

StoreRc store_visits_due(Store *s, const Scope *scope, Date today, int horizon_days, const ProtectionRules *r,
                         VisitDueFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, VISIT_SCHEDULE_SQL(SCHEDULE_OF_SCOPE));
    if (!st) return STORE_ERROR;
    bind_scope(st, scope);
    bind_today(st, today);
    Date by = date_from_days(date_to_days(today) + horizon_days);
    DueList list = {0};
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        VisitDue d;
        schedule_row(st, r, &d, a);
        if (!d.months || !date_is_set(d.due) || date_cmp(d.due, by) > 0) continue;
        list.items = arena_grow(a, list.items, list.n, &list.cap, sizeof *list.items, 64);
        list.items[list.n++] = d;
    }
    StoreRc res = loop_end(s, st, rc);
    if (res != STORE_OK) return res;
    if (list.n) qsort(list.items, (size_t)list.n, sizeof *list.items, due_cmp);   /* soonest (latest) first */
    for (int i = 0; i < list.n; i++)
        if (fn(ctx, &list.items[i])) break;
    return STORE_OK;
}

/* ---- overdue work ---- */

typedef struct VisitSink {
    OverdueSink sink;
    void *ctx;
    Arena *a;
} VisitSink;

static int visit_to_overdue(void *ctx, const VisitDue *d)
{
    VisitSink *x = ctx;
    char due[11];
    OverdueItem item = {"visit",
                        arena_printf(x->a, "child:%lld", d->child_id),
                        d->child_id,
                        d->area,
                        arena_strdup(x->a, date_format(d->due, due)),
                        arena_printf(x->a, "家访: %s", d->name),
                        "village_director"};
    return x->sink(x->ctx, &item);
}

StoreRc store_overdue_visits(Store *s, const Scope *scope, const char *today, int horizon_days, OverdueSink sink,
                             void *ctx, Arena *a)
{
    Date day;
    if (!date_parse_iso(today, &day)) return STORE_ERROR;
    ProtectionRules r;
    StoreRc rc = store_protection_rules(s, &r);
    if (rc != STORE_OK) return rc;
    VisitSink x = {sink, ctx, a};
    return store_visits_due(s, scope, day, horizon_days, &r, visit_to_overdue, &x, a);
}

StoreRc store_overdue_referrals(Store *s, const Scope *scope, const char *today, int horizon_days, OverdueSink sink,
                                void *ctx, Arena *a)
{
    Date day;
    if (!date_parse_iso(today, &day)) return STORE_ERROR;
    ProtectionRules r;
    StoreRc res = store_protection_rules(s, &r);
    if (res != STORE_OK) return res;
    sqlite3_stmt *st = db_prepare(s, REFERRALS_DUE_SQL);
    if (!st) return STORE_ERROR;
    db_bind_date(st, ":by", date_from_days(date_to_days(day) + horizon_days));
    bind_scope(st, scope);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Referral ref;
        referral_row(st, &ref, a);
        const char *actor = escalation_actor(referral_escalation(ref.due, day, &r, NULL));
        char due[11];
        OverdueItem item = {"referral",
                            arena_printf(a, "case:%lld", ref.case_id),
                            0,
                            ref.case_area,
                            arena_strdup(a, date_format(ref.due, due)),
                            arena_printf(a, "转介: %s %s", ref.case_number, code_label(&CODES_REFERRAL_UNIT, ref.unit, LANG_ZH)),
                            actor ? actor : ref.unit};
        if (sink(ctx, &item)) break;
    }
    return loop_end(s, st, rc);
}
