/*
** SQLite backend of store_rescue.h: the rescue centre's institutions,
** admissions and their timelines, the stays of a month's figures and the
** overdue work of unidentified children. Scope is applied in every read by
** the admission's area (the child's village, or the institution's area
** while the child is unidentified).
*/
#include <stdio.h>
#include <string.h>
#include "store/db.h"
#include "store/sqlite_rescue_sql.h"
#include "store/store_rescue.h"
#include "util/text.h"

/* ---- institutions ---- */

StoreRc store_institutions(Store *s, InstitutionFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, INSTITUTIONS_SQL);
    if (!st) return STORE_ERROR;
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Institution i = {
            .id = sqlite3_column_int64(st, 0),
            .name_zh = db_text_dup(st, 1, a),
            .name_en = db_text_dup(st, 2, a),
            .kind = db_text_dup(st, 3, a),
            .area = db_text_dup(st, 4, a),
            .beds = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 5),
            .present = (long)sqlite3_column_int64(st, 6),
        };
        if (fn(ctx, &i)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

typedef struct WantedInstitution {
    long long id;
    Institution *out;
    bool found;
} WantedInstitution;

static int take_institution(void *ctx, const Institution *i)
{
    WantedInstitution *w = ctx;
    if (i->id != w->id) return 0;
    *w->out = *i;
    w->found = true;
    return 1;
}

StoreRc store_institution_get(Store *s, long long id, Institution *out, Arena *a)
{
    WantedInstitution w = {id, out, false};
    StoreRc r = store_institutions(s, take_institution, &w, a);
    return r == STORE_OK && !w.found ? STORE_NOTFOUND : r;
}

StoreRc store_institution_set_beds(Store *s, long long id, int beds, Problems *p)
{
    if (!db_require_tx(s, "store_institution_set_beds")) return STORE_ERROR;
    Institution inst;
    StoreRc r = store_institution_get(s, id, &inst, p->arena);
    if (r != STORE_OK) return r;
    if (beds < inst.present) {
        problems_add(p, "beds", "rescue_state_beds", inst.present);
        return STORE_INVALID;
    }
    sqlite3_stmt *st = db_prepare(s, "UPDATE institution SET child_beds = :beds WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":beds", beds);
    db_bind_int64(st, ":id", id);
    return step_done(s, st);
}

/* ---- admissions: reading ---- */

static void read_admission(sqlite3_stmt *st, Admission *ad, Arena *a)
{
    *ad = (Admission){
        .id = sqlite3_column_int64(st, 0),
        .institution_id = sqlite3_column_int64(st, 1),
        .child_id = sqlite3_column_int64(st, 2),
        .institution_name = db_text_dup(st, 3, a),
        .area = db_text_dup(st, 4, a),
        .arrived_unidentified = sqlite3_column_int(st, 5) != 0,
        .name = db_text_dup(st, 6, a),
        .apparent_age = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 7),
        .sex = db_text_dup(st, 8, a),
        .found_place = db_text_dup(st, 9, a),
        .found_on = col_date(st, 10),
        .description = db_text_dup(st, 11, a),
        .child_birth = col_date(st, 12),
        .ground = db_text_dup(st, 13, a),
        .placement = db_text_dup(st, 14, a),
        .guardianship = db_text_dup(st, 15, a),
        .long_term_ground = db_text_dup(st, 16, a),
        .case_ref = db_text_dup(st, 17, a),
        .admitted_on = col_date(st, 18),
        .notice_on = col_date(st, 19),
        .dna_on = col_date(st, 20),
        .identified_on = col_date(st, 21),
        .discharged_on = col_date(st, 22),
        .discharge_kind = db_text_dup(st, 23, a),
        .taken_by = db_text_dup(st, 24, a),
        .recorded_at = db_text_dup(st, 25, a),
        .recorded_by = db_text_dup(st, 26, a),
        .institution_name_en = db_text_dup(st, 27, a),
    };
}

StayFacts admission_stay_facts(const Admission *ad)
{
    return (StayFacts){ad->arrived_unidentified, ad->admitted_on, ad->identified_on, ad->notice_on, ad->dna_on,
                       ad->discharged_on};
}

StoreRc store_admission_get(Store *s, const Scope *scope, long long id, Admission *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, ADMISSION_SELECT "WHERE ad.id = :id AND ad.area >= :lo AND ad.area < :hi");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    db_bind_scope(st, scope->prefix);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) read_admission(st, out, a);
    db_done(st);
    if (rc == SQLITE_DONE) return STORE_NOTFOUND;
    return rc == SQLITE_ROW ? STORE_OK : db_rc(s, rc);
}

StoreRc store_admissions_list(Store *s, const AdmissionFilter *f, AdmissionFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, ADMISSIONS_LIST_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, f->scope.prefix);
    db_bind_text(st, ":status", f->status);
    db_bind_int64(st, ":inst", f->institution_id);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Admission ad;
        read_admission(st, &ad, a);
        if (fn(ctx, &ad)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_admission_steps(Store *s, long long id, AdmissionStepFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, ADMISSION_STEPS_SQL);
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        AdmissionStep x = {db_text_dup(st, 0, a), col_date(st, 1), db_text_dup(st, 2, a),
                           db_text_dup(st, 3, a), db_text_dup(st, 4, a), db_text_dup(st, 5, a)};
        if (fn(ctx, &x)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- admissions: writing ---- */

/* Appends a step of KIND on ON to admission ID's timeline. */
static StoreRc add_step(Store *s, long long id, const char *kind, Date on, const char *detail, const char *note,
                        const Change *ch)
{
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO admission_step(admission_id, kind, on_day, detail, note, "
                                     "recorded_at, recorded_by) VALUES (:id, :kind, :on, :detail, :note, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    db_bind_text(st, ":kind", kind);
    db_bind_date(st, ":on", on);
    db_bind_text(st, ":detail", detail);
    db_bind_text(st, ":note", text_blank(note) ? NULL : note);
    db_bind_text(st, ":at", ch->at);
    db_bind_text(st, ":by", ch->author);
    return step_done(s, st);
}

/* The admission where CHILD_ID is here now, or 0. */
static long long present_admission_of(Store *s, long long child_id)
{
    sqlite3_stmt *st = db_prepare(s, CHILD_PRESENT_SQL);
    if (!st) return 0;
    db_bind_int64(st, ":child", child_id);
    return first_int(s, st);
}

/* Problems for a known child C_ID that is outside SCOPE or here already;
   sets *AREA to its village. */
static StoreRc check_child(Store *s, const Scope *scope, long long c_id, const char **area, Problems *p)
{
    Child c;
    StoreRc r = store_child_get(s, scope, c_id, &c, p->arena);
    if (r == STORE_NOTFOUND) {
        problems_add(p, "child_id", "not_found", c_id);
        return STORE_INVALID;
    }
    if (r != STORE_OK) return r;
    long long here = present_admission_of(s, c_id);
    if (here) {
        problems_add(p, "child_id", "rescue_state_present", here);
        return STORE_INVALID;
    }
    *area = c.area;
    return STORE_OK;
}

StoreRc store_admission_add(Store *s, const Scope *scope, const NewAdmission *n, long long *id, Problems *p)
{
    if (!db_require_tx(s, "store_admission_add")) return STORE_ERROR;
    long long inst_id = n->institution_id;
    if (!inst_id) {   /* the rescue centre */
        sqlite3_stmt *st = db_prepare(s, "SELECT min(id) FROM institution WHERE kind = 'rescue_centre'");
        if (!st) return STORE_ERROR;
        inst_id = first_int(s, st);
    }
    Institution inst;
    StoreRc r = store_institution_get(s, inst_id, &inst, p->arena);
    if (r == STORE_NOTFOUND) {
        problems_add(p, "institution_id", "no_institution", inst_id);
        return STORE_INVALID;
    }
    if (r != STORE_OK) return r;
    const AdmissionInput *in = &n->in;
    const char *area = inst.area;   /* an unidentified child is the institution's */
    if (in->child_id && (r = check_child(s, scope, in->child_id, &area, p)) != STORE_OK) return r;
    if (inst.beds >= 0 && inst.present >= inst.beds) {
        problems_add(p, "institution_id", "rescue_state_full", inst.name_zh, inst.beds);
        return STORE_INVALID;
    }
    sqlite3_stmt *st = db_prepare(
        s, "INSERT INTO admission(institution_id, child_id, area, arrived_unidentified, name, apparent_age, sex, "
           "found_place, found_on, description, ground, placement, case_ref, admitted_on, recorded_at, recorded_by) "
           "VALUES (:inst, :child, :area, :unid, :name, :age, :sex, :place, :found, :desc, :ground, :placement, "
           ":ref, :on, :at, :by)");
    if (!st) return STORE_ERROR;
    bool unid = in->child_id == 0;
    db_bind_int64(st, ":inst", inst_id);
    if (unid) db_bind_text(st, ":child", NULL);
    else db_bind_int64(st, ":child", in->child_id);
    db_bind_text(st, ":area", area);
    db_bind_int64(st, ":unid", unid);
    db_bind_text(st, ":name", unid && !text_blank(in->name) ? in->name : NULL);
    if (unid) db_bind_int64(st, ":age", in->apparent_age);
    else db_bind_text(st, ":age", NULL);
    db_bind_text(st, ":sex", unid ? in->sex : NULL);
    db_bind_text(st, ":place", unid ? in->found_place : NULL);
    db_bind_date(st, ":found", unid ? in->found_on : DATE_NONE);
    db_bind_text(st, ":desc", unid ? in->description : NULL);
    db_bind_text(st, ":ground", in->ground);
    db_bind_text(st, ":placement", in->placement);
    db_bind_text(st, ":ref", text_blank(n->case_ref) ? NULL : n->case_ref);
    db_bind_date(st, ":on", in->admitted_on);
    db_bind_text(st, ":at", n->change->at);
    db_bind_text(st, ":by", n->change->author);
    r = step_done(s, st);
    if (r != STORE_OK) return r;
    *id = sqlite3_last_insert_rowid(s->db);
    return add_step(s, *id, "admitted", in->admitted_on, in->ground, NULL, n->change);
}

/* Loads the admission of ACT within SCOPE for a change: STORE_NOTFOUND
   outside it, a "rescue_state_discharged" problem once the child has left. */
static StoreRc admission_for_change(Store *s, const Scope *scope, const AdmissionAct *act, Admission *ad, Problems *p)
{
    if (!db_require_tx(s, "admission change")) return STORE_ERROR;
    StoreRc r = store_admission_get(s, scope, act->id, ad, p->arena);
    if (r != STORE_OK) return r;
    if (date_is_set(ad->discharged_on)) {
        char d[11];
        problems_add(p, "id", "rescue_state_discharged", date_format(ad->discharged_on, d));
        return STORE_INVALID;
    }
    return STORE_OK;
}

/* Runs the prepared UPDATE ST of admission ID and appends the step. */
static StoreRc update_and_step(Store *s, sqlite3_stmt *st, const AdmissionAct *act, const char *kind,
                               const char *detail)
{
    db_bind_int64(st, ":id", act->id);
    StoreRc r = step_done(s, st);
    return r == STORE_OK ? add_step(s, act->id, kind, act->on, detail, act->note, act->change) : r;
}

StoreRc store_admission_step(Store *s, const Scope *scope, const AdmissionAct *act, Problems *p)
{
    Admission ad;
    StoreRc r = admission_for_change(s, scope, act, &ad, p);
    if (r != STORE_OK) return r;
    if (!rescue_step_check(act->kind, act->on, act->ground, ad.admitted_on, act->today, ad.guardianship,
                           date_is_set(ad.notice_on), date_is_set(ad.dna_on), p))
        return STORE_INVALID;
    sqlite3_stmt *st = db_prepare(
        s, "UPDATE admission SET notice_on = CASE WHEN :kind = 'family_search_notice' THEN :on ELSE notice_on END, "
           "dna_on = CASE WHEN :kind = 'dna_sample' THEN :on ELSE dna_on END, "
           "guardianship = CASE :kind WHEN 'long_term' THEN 'long_term' WHEN 'guardianship_ended' THEN 'ended' "
           "ELSE guardianship END, "
           "long_term_ground = CASE WHEN :kind = 'long_term' THEN :ground ELSE long_term_ground END WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":kind", act->kind);
    db_bind_date(st, ":on", act->on);
    db_bind_text(st, ":ground", act->ground);
    return update_and_step(s, st, act, act->kind, act->ground);
}

StoreRc store_admission_discharge(Store *s, const Scope *scope, const AdmissionAct *act, Problems *p)
{
    Admission ad;
    StoreRc r = admission_for_change(s, scope, act, &ad, p);
    if (r != STORE_OK) return r;
    if (!rescue_discharge_check(act->kind, act->on, act->taken_by, ad.admitted_on, act->today, p)) return STORE_INVALID;
    sqlite3_stmt *st = db_prepare(s, "UPDATE admission SET discharged_on = :on, discharge_kind = :kind, "
                                     "taken_by = :by, guardianship = CASE WHEN :ends THEN 'ended' ELSE guardianship "
                                     "END WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_date(st, ":on", act->on);
    db_bind_text(st, ":kind", act->kind);
    db_bind_text(st, ":by", act->taken_by);
    db_bind_int64(st, ":ends", rescue_discharge_ends_guardianship(act->kind));
    char *detail = arena_printf(p->arena, "%s: %s", act->kind, act->taken_by);
    return update_and_step(s, st, act, "discharged", detail);
}

StoreRc store_admission_identify(Store *s, const Scope *scope, const AdmissionAct *act, Problems *p)
{
    Admission ad;
    StoreRc r = admission_for_change(s, scope, act, &ad, p);
    if (r != STORE_OK) return r;
    if (ad.child_id) {
        problems_add(p, "child_id", "rescue_state_identified", ad.child_id);
        return STORE_INVALID;
    }
    char d[11];
    if (date_cmp(act->on, act->today) > 0) problems_add(p, "on", "future_date", date_format(act->on, d));
    else if (date_cmp(act->on, ad.admitted_on) < 0) {
        char b[11];
        problems_add(p, "on", "rescue_before_admission", date_format(act->on, d), date_format(ad.admitted_on, b));
    }
    if (p->head) return STORE_INVALID;
    const char *area = NULL;
    if ((r = check_child(s, scope, act->child_id, &area, p)) != STORE_OK) return r;
    sqlite3_stmt *st = db_prepare(s, "UPDATE admission SET child_id = :child, area = :area, identified_on = :on "
                                     "WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":child", act->child_id);
    db_bind_text(st, ":area", area);
    db_bind_date(st, ":on", act->on);
    return update_and_step(s, st, act, "identified", arena_printf(p->arena, "child:%lld", act->child_id));
}

/* ---- figures and overdue work ---- */

StoreRc store_rescue_stays(Store *s, const Scope *scope, Month m, Stay **out, long *n, Arena *a)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(s, RESCUE_STAYS_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, scope->prefix);
    db_bind_date(st, ":first", month_first_day(m));
    db_bind_date(st, ":last", month_last_day(m));
    long cap = 0;
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out, 64);
        (*out)[(*n)++] = (Stay){col_date(st, 0), col_date(st, 1)};
    }
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_overdue_rescue(Store *s, const Scope *scope, const char *today, int horizon_days, OverdueSink sink,
                             void *ctx, Arena *a)
{
    static const char *const kinds[DEADLINE_KINDS] = {"rescue.family_search", "rescue.dna_sample", "rescue.stranded"};
    static const char *const titles[DEADLINE_KINDS] = {"寻亲公告", "DNA采样", "长期滞留"};
    Date now;
    if (!date_parse_iso(today, &now)) return STORE_ERROR;
    Date horizon = date_from_days(date_to_days(now) + horizon_days);
    sqlite3_stmt *st = db_prepare(s, UNIDENTIFIED_PRESENT_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, scope->prefix);
    int rc, stop = 0;
    while (!stop && (rc = db_step(s, st)) == SQLITE_ROW) {
        Admission ad;
        read_admission(st, &ad, a);
        StayFacts f = admission_stay_facts(&ad);
        Deadline d[DEADLINE_KINDS];
        int n = rescue_deadlines(&f, now, d);
        for (int k = 0; k < n && !stop; k++) {
            if (d[k].state == DEADLINE_DONE || d[k].state == DEADLINE_MOOT || date_cmp(d[k].due, horizon) > 0) continue;
            char due[11];
            const char *who = ad.name ? ad.name : arena_printf(a, "身份不明儿童（约%d岁）", ad.apparent_age);
            OverdueItem item = {kinds[k], arena_printf(a, "admission:%lld", ad.id), 0, ad.area,
                                arena_strdup(a, date_format(d[k].due, due)), arena_printf(a, "%s: %s", titles[k], who),
                                "rescue_staff"};
            stop = sink(ctx, &item);
        }
    }
    if (stop) rc = SQLITE_DONE;
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}
