/*
** SQLite backend of store_allowances.h, part one: settings, the working-day
** calendar, actors, standards, other help and adult orphans. The category
** procedure is in sqlite_category_flow.c, payrolls in sqlite_payroll.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/codes.h"
#include "store/db.h"
#include "store/store_allowances.h"
#include "store/sqlite_allowances_sql.h"
#include "store/store_accounts.h"
#include "util/text.h"

/* ---- settings ---- */

StoreRc store_allowance_rules(Store *s, AllowanceRules *out)
{
    *out = ALLOWANCE_RULES_DEFAULT;
    Arena *a = arena_new();
    StoreRc r = STORE_OK;
    for (const SettingInfo *i = ALLOWANCE_SETTINGS; i->key && r == STORE_OK; i++) {
        const char *v = store_setting_get(s, i->key, a);
        if (!v) continue;
        Problems p;
        problems_init(&p, a);
        if (!allowance_rules_set(out, i->key, v, &p)) {
            snprintf(s->errmsg, sizeof s->errmsg, "the setting %s holds \"%s\", which is not valid: set it again",
                     i->key, v);
            r = STORE_ERROR;
        }
    }
    arena_free(a);
    return r;
}

StoreRc store_allowance_setting_set(Store *s, const char *key, const char *value, Problems *p)
{
    AllowanceRules check = ALLOWANCE_RULES_DEFAULT;
    if (!allowance_rules_set(&check, key, value, p)) return STORE_INVALID;
    return store_setting_set(s, key, value);
}

/* ---- the working-day calendar ---- */

/* The days of KIND, sorted, as days since 1970, in A. */
static StoreRc load_days(Store *s, const char *kind, const long **days, int *n, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT count(*) FROM holiday WHERE kind = :kind");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":kind", kind);
    long long count = first_int(s, st);
    long *out = arena_alloc(a, (size_t)(count + 1) * sizeof *out);
    st = db_prepare(s, "SELECT day FROM holiday WHERE kind = :kind ORDER BY day");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":kind", kind);
    int i = 0, rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW && i < count) {
        Date d = col_date(st, 0);
        if (date_is_set(d)) out[i++] = date_to_days(d);
    }
    db_done(st);
    *days = out;
    *n = i;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_work_calendar(Store *s, WorkCalendar *out, Arena *a)
{
    *out = WORK_CALENDAR_PLAIN;
    StoreRc r = load_days(s, "holiday", &out->holidays, &out->n_holidays, a);
    return r == STORE_OK ? load_days(s, "workday", &out->workdays, &out->n_workdays, a) : r;
}

StoreRc store_holiday_put(Store *s, Date day, const char *kind, const char *name)
{
    if (!db_require_tx(s, "store_holiday_put")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO holiday(day, kind, name) VALUES (:day, :kind, :name) "
                                     "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name");
    if (!st) return STORE_ERROR;
    db_bind_date(st, ":day", day);
    db_bind_text(st, ":kind", kind);
    db_bind_text(st, ":name", name);
    return step_done(s, st);
}

StoreRc store_holiday_remove(Store *s, Date day)
{
    if (!db_require_tx(s, "store_holiday_remove")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "DELETE FROM holiday WHERE day = :day");
    if (!st) return STORE_ERROR;
    db_bind_date(st, ":day", day);
    StoreRc r = step_done(s, st);
    return r == STORE_OK && sqlite3_changes(s->db) == 0 ? STORE_NOTFOUND : r;
}

StoreRc store_holidays_list(Store *s, int year, HolidayFn fn, void *ctx)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT day, kind, name FROM holiday "
                                     "WHERE :year = 0 OR substr(day, 1, 4) = printf('%04d', :year) ORDER BY day");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":year", year);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW)
        if (fn(ctx, col_date(st, 0), db_text(st, 1), db_text(st, 2))) break;
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- who acts ---- */

StoreRc store_actor(Store *s, const char *username, const char *permission, FlowActor *out, Problems *p, Arena *a)
{
    memset(out, 0, sizeof *out);
    Account acc;
    StoreRc r = username ? store_account_get(s, &SCOPE_ALL, username, &acc, a) : STORE_NOTFOUND;
    if (r == STORE_NOTFOUND) problems_add(p, "by", "no_such_account", username ? username : "");
    if (r != STORE_OK) return r;
    Role role;
    r = store_role_get(s, acc.role, &role, a);
    if (r != STORE_OK) return r;
    Area area;
    r = store_area_get(s, acc.area, &area, a);
    if (r != STORE_OK) return r;
    out->account = acc.username;
    out->role = acc.role;
    out->has_permission = role_has(&role, permission);
    out->disabled = acc.disabled;
    out->area = area.code;
    out->area_name = area.name;
    out->area_level = area.level;
    out->scope = area.prefix;
    return STORE_OK;
}

/* ---- standards ---- */

StoreRc store_standards(Store *s, Standards *out, Arena *a)
{
    out->rows = NULL;
    out->n = 0;
    sqlite3_stmt *st = db_prepare(s, "SELECT count(*) FROM allowance_standard");
    if (!st) return STORE_ERROR;
    long long count = first_int(s, st);
    StandardRow *rows = arena_alloc(a, (size_t)(count + 1) * sizeof *rows);
    st = db_prepare(s, "SELECT id, category, valid_from, level, amount_fen, pegged_to, note, set_at, set_by "
                       "FROM allowance_standard ORDER BY id");
    if (!st) return STORE_ERROR;
    int n = 0, rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW && n < count) {
        StandardRow *r = &rows[n++];
        r->id = sqlite3_column_int64(st, 0);
        r->category = db_text_dup(st, 1, a);
        r->from = col_month(st, 2);
        r->level = strcmp(db_text(st, 3), "city") == 0 ? STANDARD_CITY : STANDARD_PROVINCE;
        r->amount = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 4);
        r->pegged_to = db_text_dup(st, 5, a);
        r->note = db_text_dup(st, 6, a);
        r->set_at = db_text_dup(st, 7, a);
        r->set_by = db_text_dup(st, 8, a);
    }
    db_done(st);
    out->rows = rows;
    out->n = n;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_standard_add(Store *s, StandardRow *row, Problems *p)
{
    if (!db_require_tx(s, "store_standard_add")) return STORE_ERROR;
    Arena *a = arena_new();
    Standards all;
    StoreRc r = store_standards(s, &all, a);
    if (r == STORE_OK && !standard_check(&all, row, p, p->arena)) r = STORE_INVALID;
    arena_free(a);
    if (r != STORE_OK) return r;
    sqlite3_stmt *st =
        db_prepare(s, "INSERT INTO allowance_standard(category, valid_from, level, amount_fen, pegged_to, "
                      "note, set_at, set_by) VALUES (:cat, :from, :level, :amount, :peg, :note, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":cat", row->category);
    bind_month(st, ":from", row->from);
    db_bind_text(st, ":level", row->level == STANDARD_CITY ? "city" : "province");
    if (row->pegged_to) db_bind_text(st, ":amount", NULL);
    else db_bind_int64(st, ":amount", row->amount);
    db_bind_text(st, ":peg", row->pegged_to);
    db_bind_text(st, ":note", row->note);
    db_bind_text(st, ":at", row->set_at);
    db_bind_text(st, ":by", row->set_by);
    r = step_insert(s, st, &row->id);
    return r;
}

/* ---- other help ---- */

/* The child ID, or a "not_found" problem. */
static StoreRc child_for(Store *s, long long id, Child *c, Problems *p, Arena *a)
{
    StoreRc r = store_child_get(s, &SCOPE_ALL, id, c, a);
    if (r == STORE_NOTFOUND) problems_add(p, "child_id", "not_found", id);
    return r == STORE_NOTFOUND ? STORE_INVALID : r;
}

StoreRc store_aid_add(Store *s, Aid *aid, const AllowanceRules *rules, Problems *p)
{
    if (!db_require_tx(s, "store_aid_add")) return STORE_ERROR;
    Child c;
    StoreRc r = child_for(s, aid->child_id, &c, p, p->arena);
    if (r != STORE_OK) return r;
    long long earlier = 0;
    if (aid->kind && strcmp(aid->kind, "study_grant") == 0 && aid->school_year) {
        sqlite3_stmt *st = db_prepare(s, "SELECT id FROM aid WHERE child_id = :child AND kind = 'study_grant' "
                                         "AND school_year = :year AND voided_at IS NULL");
        if (!st) return STORE_ERROR;
        db_bind_int64(st, ":child", aid->child_id);
        db_bind_int64(st, ":year", aid->school_year);
        earlier = first_int(s, st);
    }
    if (!aid_check(aid, &c, rules, earlier, p)) return STORE_INVALID;
    aid->area = c.area;
    sqlite3_stmt *st =
        db_prepare(s, "INSERT INTO aid(child_id, kind, given_on, amount_fen, school_year, expense_fen, "
                      "deductible_fen, note, area, recorded_at, recorded_by) VALUES (:child, :kind, :on, "
                      ":amount, :year, :expense, :deductible, :note, :area, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":child", aid->child_id);
    db_bind_text(st, ":kind", aid->kind);
    db_bind_date(st, ":on", aid->given_on);
    db_bind_int64(st, ":amount", aid->amount);
    if (aid->school_year) db_bind_int64(st, ":year", aid->school_year);
    else db_bind_text(st, ":year", NULL);
    if (aid->expense) db_bind_int64(st, ":expense", aid->expense);
    else db_bind_text(st, ":expense", NULL);
    if (aid->deductible) db_bind_int64(st, ":deductible", aid->deductible);
    else db_bind_text(st, ":deductible", NULL);
    db_bind_text(st, ":note", aid->note);
    db_bind_text(st, ":area", aid->area);
    db_bind_text(st, ":at", aid->recorded_at);
    db_bind_text(st, ":by", aid->recorded_by);
    r = step_insert(s, st, &aid->id);
    return r;
}

StoreRc store_aid_void(Store *s, long long id, const char *reason, const Change *change, Problems *p)
{
    if (!db_require_tx(s, "store_aid_void")) return STORE_ERROR;
    if (text_blank(reason)) {
        problems_add(p, "reason", "reason_required");
        return STORE_INVALID;
    }
    sqlite3_stmt *st = db_prepare(s, "SELECT voided_at IS NOT NULL FROM aid WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    int rc = db_step(s, st);
    bool voided = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    db_done(st);
    if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE) return db_rc(s, rc);
        problems_add(p, "id", "aid_not_found", id);
        return STORE_NOTFOUND;
    }
    if (voided) {
        problems_add(p, "id", "aid_voided");
        return STORE_INVALID;
    }
    st = db_prepare(s, "UPDATE aid SET voided_at = :at, voided_by = :by, void_reason = :reason WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":at", change->at);
    db_bind_text(st, ":by", change->author);
    db_bind_text(st, ":reason", reason);
    db_bind_int64(st, ":id", id);
    return step_done(s, st);
}

static void bind_aid_filter(sqlite3_stmt *st, const AidFilter *f)
{
    db_bind_scope(st, f->scope.prefix);
    db_bind_int64(st, ":child", f->child_id);
    db_bind_int64(st, ":id", f->id);
    db_bind_text(st, ":kind", f->kind);
    db_bind_date(st, ":from", f->from);
    db_bind_date(st, ":to", f->to);
}

StoreRc store_aid_list(Store *s, const AidFilter *f, AidFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, AID_LIST_SQL);
    if (!st) return STORE_ERROR;
    bind_aid_filter(st, f);
    db_bind_int64(st, ":void", f->with_void);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Aid x = {
            .id = sqlite3_column_int64(st, 0),
            .child_id = sqlite3_column_int64(st, 1),
            .kind = db_text_dup(st, 2, a),
            .given_on = col_date(st, 3),
            .amount = sqlite3_column_int64(st, 4),
            .school_year = sqlite3_column_int(st, 5),
            .expense = sqlite3_column_int64(st, 6),
            .deductible = sqlite3_column_int64(st, 7),
            .note = db_text_dup(st, 8, a),
            .area = db_text_dup(st, 9, a),
            .recorded_at = db_text_dup(st, 10, a),
            .recorded_by = db_text_dup(st, 11, a),
            .voided_at = db_text_dup(st, 12, a),
            .void_reason = db_text_dup(st, 13, a),
        };
        if (fn(ctx, &x, db_text(st, 14))) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_aid_totals(Store *s, const AidFilter *f, AidTotalFn fn, void *ctx)
{
    sqlite3_stmt *st = db_prepare(s, AID_TOTALS_SQL);
    if (!st) return STORE_ERROR;
    bind_aid_filter(st, f);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        AidTotal t = {db_text(st, 0), (long)sqlite3_column_int64(st, 1), (long)sqlite3_column_int64(st, 2),
                      sqlite3_column_int64(st, 3)};
        if (fn(ctx, &t)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- adult orphans ---- */

StoreRc store_rotation(Store *s, RotationTown **towns, int *n, const char **last, Arena *a)
{
    *towns = NULL;
    *n = 0;
    *last = NULL;
    sqlite3_stmt *st = db_prepare(s, "SELECT count(*) FROM rotation_town");
    if (!st) return STORE_ERROR;
    bool custom = first_int(s, st) > 0;
    /* the set order, or the default: the streets and towns in code order */
    st = custom ? db_prepare(s, "SELECT r.town, a.name, (SELECT count(*) FROM settlement x WHERE x.town = r.town) "
                                "FROM rotation_town r JOIN area a ON a.code = r.town ORDER BY r.position")
                : db_prepare(s, "SELECT a.code, a.name, (SELECT count(*) FROM settlement x WHERE x.town = a.code) "
                                "FROM area a WHERE a.level = 2 AND a.kind IN ('street', 'town') ORDER BY a.code");
    if (!st) return STORE_ERROR;
    int cap = 64, count = 0, rc;
    RotationTown *out = arena_alloc(a, (size_t)cap * sizeof *out);
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        if (count == cap) {
            RotationTown *more = arena_alloc(a, (size_t)cap * 2 * sizeof *more);
            memcpy(more, out, (size_t)cap * sizeof *out);
            out = more;
            cap *= 2;
        }
        out[count++] = (RotationTown){db_text_dup(st, 0, a), db_text_dup(st, 1, a), sqlite3_column_int(st, 2)};
    }
    db_done(st);
    if (rc != SQLITE_DONE) return db_rc(s, rc);
    st = db_prepare(s, "SELECT town FROM settlement ORDER BY settled_on DESC, id DESC LIMIT 1");
    if (!st) return STORE_ERROR;
    if (db_step(s, st) == SQLITE_ROW) *last = db_text_dup(st, 0, a);
    db_done(st);
    *towns = out;
    *n = count;
    return STORE_OK;
}

StoreRc store_rotation_set(Store *s, const char *const *codes, int n, Problems *p)
{
    if (!db_require_tx(s, "store_rotation_set")) return STORE_ERROR;
    Arena *a = arena_new();
    size_t before = p->count;
    for (int i = 0; i < n; i++) {
        Area area;
        StoreRc r = store_area_get(s, codes[i], &area, a);
        if (r != STORE_OK || area.level != 2 || !rotation_takes_turns(area.kind))
            problems_add(p, "towns", "settle_not_town", codes[i]);
        for (int k = 0; k < i; k++)
            if (strcmp(codes[k], codes[i]) == 0) problems_add(p, "towns", "duplicate_param");
    }
    arena_free(a);
    if (p->count != before) return STORE_INVALID;
    StoreRc r = db_exec(s, "DELETE FROM rotation_town");
    for (int i = 0; i < n && r == STORE_OK; i++) {
        sqlite3_stmt *st = db_prepare(s, "INSERT INTO rotation_town(town, position) VALUES (:town, :pos)");
        if (!st) return STORE_ERROR;
        db_bind_text(st, ":town", codes[i]);
        db_bind_int64(st, ":pos", i + 1);
        r = step_done(s, st);
    }
    return r;
}

/* The settlement of CHILD_ID, or 0. */
static long long settlement_of(Store *s, long long child_id)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT id FROM settlement WHERE child_id = :child");
    if (!st) return 0;
    db_bind_int64(st, ":child", child_id);
    return first_int(s, st);
}

static bool raised_in_institution(const Child *c)
{
    for (int i = 0; i < c->n_categories; i++)
        if (c->categories[i].code && strcmp(c->categories[i].code, "orphan_institution") == 0 &&
            c->categories[i].status && strcmp(c->categories[i].status, "applied") != 0)
            return true;
    return false;
}

/* Fills name and ID number from the child's record and checks that it may be settled. */
static StoreRc settlement_person(Store *s, Settlement *st, Problems *p)
{
    Child c;
    StoreRc r = child_for(s, st->child_id, &c, p, p->arena);
    if (r != STORE_OK) return r;
    st->name = c.name;
    st->id_number = c.id_number;
    if (!raised_in_institution(&c)) problems_add(p, "child_id", "settle_not_orphan");
    if (date_is_set(c.birth_date) && date_age_on(c.birth_date, st->settled_on) < 18)
        problems_add(p, "settled_on", "settle_not_adult", date_age_on(c.birth_date, st->settled_on));
    long long earlier = settlement_of(s, st->child_id);
    if (earlier) problems_add(p, "child_id", "settle_twice", earlier);
    return STORE_OK;
}

/* Checks the town against the rotation and fills the proposal. */
static StoreRc settlement_town(Store *s, Settlement *st, Problems *p)
{
    RotationTown *towns;
    int n;
    const char *last;
    StoreRc r = store_rotation(s, &towns, &n, &last, p->arena);
    if (r != STORE_OK) return r;
    int next = rotation_next(towns, n, last);
    if (!st->history && next >= 0) st->proposed_town = towns[next].code;
    if (!st->town) st->town = st->proposed_town;
    int found = -1;
    for (int i = 0; st->town && i < n; i++)
        if (strcmp(towns[i].code, st->town) == 0) found = i;
    if (found < 0) problems_add(p, "town", "settle_not_town", st->town ? st->town : "");
    else st->town_name = towns[found].name;
    if (found >= 0 && st->proposed_town && strcmp(st->town, st->proposed_town) != 0 &&
        text_blank(st->out_of_turn_reason))
        problems_add(p, "out_of_turn_reason", "settle_out_of_turn", towns[next].name);
    return STORE_OK;
}

StoreRc store_settlement_add(Store *s, Settlement *st, const AllowanceRules *rules, Problems *p)
{
    if (!db_require_tx(s, "store_settlement_add")) return STORE_ERROR;
    size_t before = p->count;
    StoreRc r = STORE_OK;
    if (!date_is_set(st->settled_on)) problems_add(p, "settled_on", "required");
    if (st->child_id && date_is_set(st->settled_on)) r = settlement_person(s, st, p);
    else if (!st->child_id && text_blank(st->name)) problems_add(p, "name", "settle_needs_person");
    if (r == STORE_OK) r = settlement_town(s, st, p);
    if (r != STORE_OK) return r;
    if (p->count != before) return STORE_INVALID;
    if (!st->amount) st->amount = rules->adult_orphan_subsidy;
    sqlite3_stmt *q = db_prepare(s, "INSERT INTO settlement(child_id, name, id_number, town, settled_on, amount_fen, "
                                    "paid_on, proposed_town, out_of_turn_reason, history, demo, note, recorded_at, "
                                    "recorded_by) VALUES (:child, :name, :idn, :town, :on, :amount, :paid, :proposed, "
                                    ":why, :history, :demo, :note, :at, :by)");
    if (!q) return STORE_ERROR;
    if (st->child_id) db_bind_int64(q, ":child", st->child_id);
    else db_bind_text(q, ":child", NULL);
    db_bind_text(q, ":name", st->name);
    db_bind_text(q, ":idn", st->id_number);
    db_bind_text(q, ":town", st->town);
    db_bind_date(q, ":on", st->settled_on);
    db_bind_int64(q, ":amount", st->amount);
    db_bind_date(q, ":paid", st->paid_on);
    db_bind_text(q, ":proposed", st->proposed_town);
    db_bind_text(q, ":why",
                 st->proposed_town && strcmp(st->town, st->proposed_town) != 0 ? st->out_of_turn_reason : NULL);
    db_bind_int64(q, ":history", st->history);
    db_bind_int64(q, ":demo", st->demo);
    db_bind_text(q, ":note", st->note);
    db_bind_text(q, ":at", st->recorded_at);
    db_bind_text(q, ":by", st->recorded_by);
    r = step_insert(s, q, &st->id);
    return r;
}

StoreRc store_settlement_pay(Store *s, long long id, Date paid_on, Problems *p)
{
    if (!db_require_tx(s, "store_settlement_pay")) return STORE_ERROR;
    sqlite3_stmt *st = db_prepare(s, "SELECT paid_on FROM settlement WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    int rc = db_step(s, st);
    Date paid = rc == SQLITE_ROW ? col_date(st, 0) : DATE_NONE;
    db_done(st);
    if (rc == SQLITE_DONE) {
        problems_add(p, "id", "settle_not_found", id);
        return STORE_NOTFOUND;
    }
    if (rc != SQLITE_ROW) return db_rc(s, rc);
    if (date_is_set(paid)) {
        char buf[11];
        problems_add(p, "paid_on", "settle_paid", date_format(paid, buf));
        return STORE_INVALID;
    }
    st = db_prepare(s, "UPDATE settlement SET paid_on = :paid WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_date(st, ":paid", paid_on);
    db_bind_int64(st, ":id", id);
    return step_done(s, st);
}

StoreRc store_settlements_list(Store *s, const Scope *scope, SettlementFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, SETTLEMENTS_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, scope->prefix);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Settlement x = {
            .id = sqlite3_column_int64(st, 0),
            .child_id = sqlite3_column_int64(st, 1),
            .name = db_text_dup(st, 2, a),
            .id_number = db_text_dup(st, 3, a),
            .town = db_text_dup(st, 4, a),
            .town_name = db_text_dup(st, 5, a),
            .settled_on = col_date(st, 6),
            .paid_on = col_date(st, 7),
            .amount = sqlite3_column_int64(st, 8),
            .proposed_town = db_text_dup(st, 9, a),
            .out_of_turn_reason = db_text_dup(st, 10, a),
            .history = sqlite3_column_int(st, 11) != 0,
            .demo = sqlite3_column_int(st, 12) != 0,
            .note = db_text_dup(st, 13, a),
            .recorded_at = db_text_dup(st, 14, a),
            .recorded_by = db_text_dup(st, 15, a),
        };
        if (fn(ctx, &x)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_adult_orphan_candidates(Store *s, Date on, ChildFn fn, void *ctx, Arena *a)
{
    /* 18 on ON means born on or before ON less 216 months (date_age_on counts a 29 February birthday on 1 March) */
    Date latest_birth = date_add_months(on, -216);
    sqlite3_stmt *st = db_prepare(s, ADULT_ORPHAN_CANDIDATES_SQL);
    if (!st) return STORE_ERROR;
    db_bind_date(st, ":born", latest_birth);
    /* the ids first: reading each record uses the connection too */
    IdList l = {0};
    StoreRc r = id_list_fill(s, st, &l, a);
    if (r != STORE_OK) return r;
    for (int i = 0; i < l.n; i++) {
        Child c;
        r = store_child_get(s, &SCOPE_ALL, l.ids[i], &c, a);
        if (r != STORE_OK) return r;
        if (fn(ctx, &c)) break;
    }
    return STORE_OK;
}
