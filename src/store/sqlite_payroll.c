/*
** SQLite backend of payrolls (store_allowances.h): generation, reading,
** the town/city workflow and adjustment lines. What a child is due is
** domain/allowance.c's allowance_due(); who may act is domain/payroll.c's.
**
** Nobody is paid twice: every month a regular line pays is a row of
** payroll_paid, whose primary key is (child, month). Generation skips the
** months already there, whichever payroll paid them, and a draft made again
** first gives its own months back.
*/
#include <stdio.h>
#include <string.h>
#include "domain/codes.h"
#include "store/db.h"
#include "store/store_allowances.h"
#include "store/sqlite_allowances_sql.h"
#include "util/text.h"

/* The town-level code of a village code: its first 9 digits and "000", in BUF. */
static const char *town_of(const char *village, char buf[16])
{
    snprintf(buf, 16, "%.9s000", village ? village : "");
    return buf;
}

/* ---- reading ---- */

static void read_payroll(sqlite3_stmt *st, Payroll *out, Arena *a)
{
    out->id = sqlite3_column_int64(st, 0);
    out->month = col_month(st, 1);
    out->area = db_text_dup(st, 2, a);
    out->area_name = db_text_dup(st, 3, a);
    out->status = db_text_dup(st, 4, a);
    out->created_at = db_text_dup(st, 5, a);
    out->created_by = db_text_dup(st, 6, a);
    out->generated_at = db_text_dup(st, 7, a);
    out->approved_at = db_text_dup(st, 8, a);
    out->approved_by = db_text_dup(st, 9, a);
    out->locked_at = db_text_dup(st, 10, a);
    out->locked_by = db_text_dup(st, 11, a);
    out->paid_on = col_date(st, 12);
    out->lines = (long)sqlite3_column_int64(st, 13);
    out->children = (long)sqlite3_column_int64(st, 14);
    out->total = sqlite3_column_int64(st, 15);
}

static void bind_scope(sqlite3_stmt *st, const Scope *scope, bool with_prefix)
{
    db_bind_scope(st, scope->prefix);
    if (with_prefix) db_bind_text(st, ":prefix", scope->prefix ? scope->prefix : "");
}

StoreRc store_payroll_get(Store *s, const Scope *scope, long long id, Payroll *out, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT " PAYROLL_COLUMNS " FROM payroll p JOIN area a ON a.code = p.area "
                                     "WHERE p.id = :id AND" PAYROLL_VISIBLE);
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    bind_scope(st, scope, true);
    int rc = db_step(s, st);
    if (rc == SQLITE_ROW) read_payroll(st, out, a);
    db_done(st);
    return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOTFOUND : db_rc(s, rc);
}

StoreRc store_payrolls_list(Store *s, const Scope *scope, Month month, PayrollFn fn, void *ctx, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, PAYROLLS_LIST_SQL);
    if (!st) return STORE_ERROR;
    bind_month(st, ":month", month);
    bind_scope(st, scope, true);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Payroll pr;
        read_payroll(st, &pr, a);
        if (fn(ctx, &pr)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_payroll_lines(Store *s, const Scope *scope, long long id, const char *town, PayrollLineFn fn, void *ctx)
{
    sqlite3_stmt *st = db_prepare(s, PAYROLL_LINES_SQL);
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    bind_scope(st, scope, false);
    db_bind_text(st, ":town", town);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        PayrollLine l = {
            .id = sqlite3_column_int64(st, 0),
            .payroll_id = sqlite3_column_int64(st, 1),
            .child_id = sqlite3_column_int64(st, 2),
            .town = db_text(st, 3),
            .town_name = db_text(st, 4),
            .village = db_text(st, 5),
            .village_name = db_text(st, 6),
            .kind = db_text(st, 7),
            .category = db_text(st, 8),
            .standard = sqlite3_column_int64(st, 9),
            .months = sqlite3_column_int(st, 10),
            .back_months = sqlite3_column_int(st, 11),
            .first_month = col_month(st, 12),
            .last_month = col_month(st, 13),
            .for_month = col_month(st, 14),
            .amount = sqlite3_column_int64(st, 15),
            .reason = db_text(st, 16),
            .child_name = db_text(st, 17),
            .child_id_number = db_text(st, 18),
            .holder_name = db_text(st, 19),
            .holder_relation = db_text(st, 20),
            .holder_id_number = db_text(st, 21),
            .holder_phone = db_text(st, 22),
        };
        if (fn(ctx, &l)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

StoreRc store_payroll_towns(Store *s, const Scope *scope, long long id, PayrollTownFn fn, void *ctx, Arena *a)
{
    /* a town's part is seen from the town, from the city, and from a village of the town */
    sqlite3_stmt *st = db_prepare(s, PAYROLL_TOWNS_SQL);
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    bind_scope(st, scope, true);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        PayrollTown t = {db_text_dup(st, 0, a),
                         db_text_dup(st, 1, a),
                         db_text_dup(st, 2, a),
                         db_text_dup(st, 3, a),
                         db_text_dup(st, 4, a),
                         db_text_dup(st, 5, a),
                         (long)sqlite3_column_int64(st, 6),
                         sqlite3_column_int64(st, 7)};
        if (fn(ctx, &t)) break;
    }
    db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

/* ---- generation ---- */

typedef struct Gen {
    Store *s;
    const PayrollGenerate *g;
    AllowanceRules rules; /* g->rules, with payroll_start settled */
    long long id;         /* the payroll; 0 until the first line needs it */
    bool refresh;         /* a draft made again */
    Problems *p;
} Gen;

/* The payroll row, made when the first line needs it. */
static StoreRc ensure_payroll(Gen *x)
{
    if (x->id) return STORE_OK;
    sqlite3_stmt *st =
        db_prepare(x->s, "INSERT INTO payroll(month, area, status, created_at, created_by, generated_at) "
                         "VALUES (:month, :area, 'draft', :at, :by, :at)");
    if (!st) return STORE_ERROR;
    bind_month(st, ":month", x->g->month);
    db_bind_text(st, ":area", x->g->area);
    db_bind_text(st, ":at", x->g->change->at);
    db_bind_text(st, ":by", x->g->change->author);
    StoreRc r = step_insert(x->s, st, &x->id);
    return r;
}

static int issue(Gen *x, const Child *c, const char *code, const char *category, Month m)
{
    if (!x->g->on_issue) return 0;
    PayrollIssue i = {c->id, c->name, code, category, m};
    return x->g->on_issue(x->g->ctx, &i);
}

/* Marks in PAID[m - start] the months since START that some payroll paid C. */
static StoreRc paid_months(Store *s, long long child, Month start, int span, bool *paid)
{
    memset(paid, 0, (size_t)span * sizeof *paid);
    sqlite3_stmt *st = db_prepare(s, "SELECT month FROM payroll_paid WHERE child_id = :child AND month >= :start");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":child", child);
    bind_month(st, ":start", start);
    int rc;
    while ((rc = db_step(s, st)) == SQLITE_ROW) {
        Month m = col_month(st, 0);
        if (m >= start && m - start < span) paid[m - start] = true;
    }
    db_done(st);
    return rc == SQLITE_DONE ? STORE_OK : db_rc(s, rc);
}

typedef struct ChildMonths {
    int n, back;
    Month first, last;
    Fen total;
    MonthDue last_due;
    MonthDue *due; /* per month since start; category NULL when not paid in this line */
} ChildMonths;

static StoreRc insert_line(Gen *x, const Child *c, const ChildMonths *cm, long long *line_id)
{
    char town[16];
    const Person *g = &c->guardian;
    sqlite3_stmt *st =
        db_prepare(x->s, "INSERT INTO payroll_line(payroll_id, child_id, town, village, kind, category, "
                         "standard_fen, months, back_months, first_month, last_month, amount_fen, "
                         "child_name, child_id_number, holder_name, holder_relation, holder_id_number, "
                         "holder_phone, created_at, created_by) VALUES (:payroll, :child, :town, :village, "
                         "'regular', :cat, :standard, :months, :back, :first, :last, :amount, :name, :idn, "
                         ":holder, :relation, :holder_idn, :phone, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":payroll", x->id);
    db_bind_int64(st, ":child", c->id);
    db_bind_text(st, ":town", town_of(c->area, town));
    db_bind_text(st, ":village", c->area);
    db_bind_text(st, ":cat", cm->last_due.category);
    db_bind_int64(st, ":standard", cm->last_due.standard);
    db_bind_int64(st, ":months", cm->n);
    db_bind_int64(st, ":back", cm->back);
    bind_month(st, ":first", cm->first);
    bind_month(st, ":last", cm->last);
    db_bind_int64(st, ":amount", cm->total);
    db_bind_text(st, ":name", c->name);
    db_bind_text(st, ":idn", c->id_number);
    db_bind_text(st, ":holder", g->name);
    db_bind_text(st, ":relation", g->relation);
    db_bind_text(st, ":holder_idn", g->id_number);
    db_bind_text(st, ":phone", g->phone);
    db_bind_text(st, ":at", x->g->change->at);
    db_bind_text(st, ":by", x->g->change->author);
    StoreRc r = step_insert(x->s, st, line_id);
    return r;
}

static StoreRc insert_paid(Gen *x, long long child, long long line, Month m, const MonthDue *due)
{
    sqlite3_stmt *st =
        db_prepare(x->s, "INSERT INTO payroll_paid(child_id, month, payroll_id, line_id, category, amount_fen) "
                         "VALUES (:child, :month, :payroll, :line, :cat, :amount)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":child", child);
    bind_month(st, ":month", m);
    db_bind_int64(st, ":payroll", x->id);
    db_bind_int64(st, ":line", line);
    db_bind_text(st, ":cat", due->category);
    db_bind_int64(st, ":amount", due->amount);
    return step_done(x->s, st);
}

/* What C is due and not yet paid, month by month from the start to the
   payroll's month; issues are reported once per child and kind. */
static StoreRc child_months(Gen *x, const Child *c, ChildMonths *cm, bool *paid, int span)
{
    Month start = x->rules.payroll_start, month = x->g->month;
    StoreRc r = paid_months(x->s, c->id, start, span, paid);
    if (r != STORE_OK) return r;
    bool told[4] = {false, false, false, false};
    for (Month m = start; m <= month; m++) {
        MonthDue *due = &cm->due[m - start];
        due->category = NULL;
        if (paid[m - start]) continue;
        DueRc rc = allowance_due(c, m, &x->rules, x->g->standards, due);
        if (rc != DUE_YES) {
            if (rc != DUE_NO && !told[rc]) {
                told[rc] = true;
                issue(x, c, rc == DUE_NO_STANDARD ? "no_standard" : "no_difference_amount", due->category, m);
            }
            due->category = NULL;
            continue;
        }
        if (!cm->n++) cm->first = m;
        cm->last = m;
        cm->back += m < month;
        cm->total += due->amount;
        cm->last_due = *due;
    }
    return STORE_OK;
}

/* One child: its line and its paid months, if anything is due. */
static StoreRc generate_child(Gen *x, long long id, Arena *a)
{
    Child c;
    StoreRc r = store_child_get(x->s, &SCOPE_ALL, id, &c, a);
    if (r == STORE_NOTFOUND) return STORE_OK; /* moved out of scope meanwhile: nothing to pay here */
    if (r != STORE_OK) return r;
    int span = x->g->month - x->rules.payroll_start + 1;
    ChildMonths cm = {0, 0, MONTH_NONE, MONTH_NONE, 0, {0}, arena_alloc(a, (size_t)span * sizeof(MonthDue))};
    bool *paid = arena_alloc(a, (size_t)span * sizeof *paid);
    r = child_months(x, &c, &cm, paid, span);
    if (r != STORE_OK || cm.n == 0) return r;
    if (!c.guardian.name) issue(x, &c, "no_holder", cm.last_due.category, x->g->month);
    long long line;
    r = ensure_payroll(x);
    if (r == STORE_OK) r = insert_line(x, &c, &cm, &line);
    for (int i = 0; i < span && r == STORE_OK; i++)
        if (cm.due[i].category) r = insert_paid(x, c.id, line, x->rules.payroll_start + i, &cm.due[i]);
    return r;
}

/* Settles which payroll the lines go to: a draft of the same month and area
   is made again; one under approval is refused; otherwise a new one. */
static StoreRc find_existing(Gen *x)
{
    sqlite3_stmt *st =
        db_prepare(x->s, "SELECT p.id, p.status, EXISTS (SELECT 1 FROM payroll_town t WHERE t.payroll_id = "
                         "p.id AND t.status = 'submitted') FROM payroll p WHERE p.month = :month AND "
                         "p.area = :area AND p.status <> 'discarded' ORDER BY p.id DESC LIMIT 1");
    if (!st) return STORE_ERROR;
    bind_month(st, ":month", x->g->month);
    db_bind_text(st, ":area", x->g->area);
    int rc = db_step(x->s, st);
    long long id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    char status[16] = "";
    if (rc == SQLITE_ROW) snprintf(status, sizeof status, "%s", db_text(st, 1));
    bool part_submitted = rc == SQLITE_ROW && sqlite3_column_int(st, 2);
    db_done(st);
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? STORE_OK : db_rc(x->s, rc);
    if (strcmp(status, "locked") == 0) return STORE_OK; /* a supplementary payroll pays what is still due */
    if (strcmp(status, "draft") != 0 || part_submitted) {
        char m[MONTH_BUF];
        problems_add(x->p, "month", "payroll_in_approval", month_format(x->g->month, m), id);
        return STORE_INVALID;
    }
    x->id = id;
    x->refresh = true;
    /* give back the draft's months and drop its regular lines; adjustments stay */
    static const char *const clear[] = {
        "DELETE FROM payroll_paid WHERE payroll_id = :id",
        "DELETE FROM payroll_line WHERE payroll_id = :id AND kind = 'regular'",
        "UPDATE payroll SET generated_at = :at WHERE id = :id",
    };
    for (size_t i = 0; i < sizeof clear / sizeof *clear; i++) {
        st = db_prepare(x->s, clear[i]);
        if (!st) return STORE_ERROR;
        db_bind_int64(st, ":id", id);
        if (i == 2) db_bind_text(st, ":at", x->g->change->at);
        StoreRc r = step_done(x->s, st);
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

/* Checks the area and month, and settles payroll.start_month on the first payroll. */
static StoreRc check_request(Gen *x, Area *area, Arena *a)
{
    const PayrollGenerate *g = x->g;
    char m[MONTH_BUF], start[MONTH_BUF];
    StoreRc r = g->area ? store_area_get(x->s, g->area, area, a) : STORE_NOTFOUND;
    if (r == STORE_NOTFOUND) problems_add(x->p, "area", "no_such_area", g->area ? g->area : "");
    else if (r != STORE_OK) return r;
    else if (area->level > 2) problems_add(x->p, "area", "payroll_area", area->name);
    if (g->month > month_of(g->today) + 1) problems_add(x->p, "month", "payroll_too_early", month_format(g->month, m));
    if (x->rules.payroll_start != MONTH_NONE && g->month < x->rules.payroll_start)
        problems_add(x->p, "month", "payroll_before_start", month_format(g->month, m),
                     month_format(x->rules.payroll_start, start));
    if (x->p->count) return STORE_INVALID;
    if (x->rules.payroll_start == MONTH_NONE) {
        /* the first payroll: earlier months were paid outside Shouhu and are not paid back */
        x->rules.payroll_start = g->month;
        r = store_setting_set(x->s, "payroll.start_month", month_format(g->month, m));
    }
    return r;
}

/* Each town with lines gets its part; parts left without lines go. */
static StoreRc sync_town_parts(Gen *x)
{
    static const char *const sync[] = {
        "DELETE FROM payroll_town WHERE payroll_id = :id AND town NOT IN "
        "(SELECT town FROM payroll_line WHERE payroll_id = :id)",
        "INSERT OR IGNORE INTO payroll_town(payroll_id, town, status) "
        "SELECT DISTINCT :id, town, 'draft' FROM payroll_line WHERE payroll_id = :id",
    };
    for (size_t i = 0; i < sizeof sync / sizeof *sync; i++) {
        sqlite3_stmt *st = db_prepare(x->s, sync[i]);
        if (!st) return STORE_ERROR;
        db_bind_int64(st, ":id", x->id);
        StoreRc r = step_done(x->s, st);
        if (r != STORE_OK) return r;
    }
    return STORE_OK;
}

StoreRc store_payroll_generate(Store *s, const PayrollGenerate *g, Payroll *out, Problems *p, Arena *a)
{
    memset(out, 0, sizeof *out);
    if (!db_require_tx(s, "store_payroll_generate")) return STORE_ERROR;
    Gen x = {s, g, *g->rules, 0, false, p};
    size_t before = p->count;
    Area area;
    StoreRc r = check_request(&x, &area, a);
    if (r == STORE_INVALID || p->count != before) return STORE_INVALID;
    if (r == STORE_OK) r = find_existing(&x);
    if (r != STORE_OK) return r;

    /* the children holding a basic-living category in the area, by village */
    sqlite3_stmt *st = db_prepare(s, PAYROLL_CHILDREN_SQL);
    if (!st) return STORE_ERROR;
    db_bind_scope(st, area.prefix);
    IdList ids = {0};
    r = id_list_fill(s, st, &ids, a);
    Arena *row = arena_new(); /* one child at a time: the whole city stays small */
    for (int i = 0; i < ids.n && r == STORE_OK; i++) {
        arena_reset(row);
        r = generate_child(&x, ids.ids[i], row);
    }
    arena_free(row);
    if (r == STORE_OK && x.id) r = sync_town_parts(&x);
    if (r == STORE_OK && x.id) r = store_payroll_get(s, &SCOPE_ALL, x.id, out, a);
    return r;
}

/* ---- the workflow ---- */

typedef struct Loaded {
    Payroll pr;
    const char *scope; /* the payroll area's prefix */
    FlowActor actor;
} Loaded;

/* Loads the payroll and the actor, and checks that the actor may do ACTION. */
static StoreRc load_for(Store *s, const PayrollStepArgs *args, PayrollAction action, Loaded *l, Problems *p, Arena *a)
{
    StoreRc r = store_payroll_get(s, &SCOPE_ALL, args->id, &l->pr, a);
    if (r == STORE_NOTFOUND) {
        problems_add(p, "id", "payroll_not_found", args->id);
        return STORE_NOTFOUND;
    }
    if (r != STORE_OK) return r;
    l->scope = area_prefix_of(a, l->pr.area);
    r = store_actor(s, args->account, payroll_action_permission(action), &l->actor, p, a);
    if (r == STORE_NOTFOUND) return STORE_INVALID;
    if (r != STORE_OK) return r;
    if (!payroll_may_act(action, &l->actor, l->scope, args->town, p)) return STORE_INVALID;
    if (strcmp(l->pr.status, "locked") == 0) {
        problems_add(p, "id", "payroll_locked");
        return STORE_INVALID;
    }
    return STORE_OK;
}

static bool status_is(const Loaded *l, const char *want, Problems *p)
{
    if (strcmp(l->pr.status, want) == 0) return true;
    problems_add(p, "id", "payroll_state", code_label(&CODES_PAYROLL_STATUS, l->pr.status, LANG_ZH));
    return false;
}

/* The status of TOWN's part of payroll ID in BUF; false (with a problem) if it has none. */
static bool town_part(Store *s, long long id, const char *town, char buf[16], Problems *p)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT status FROM payroll_town WHERE payroll_id = :id AND town = :town");
    if (!st) return false;
    db_bind_int64(st, ":id", id);
    db_bind_text(st, ":town", town);
    bool found = db_step(s, st) == SQLITE_ROW;
    if (found) snprintf(buf, 16, "%s", db_text(st, 0));
    db_done(st);
    if (!found) problems_add(p, "town", "payroll_no_town", town ? town : "");
    return found;
}

/* Sets the payroll's status to "submitted" when no part is a draft any more, else "draft". */
static StoreRc settle_status(Store *s, long long id)
{
    sqlite3_stmt *st =
        db_prepare(s, "UPDATE payroll SET status = CASE WHEN EXISTS (SELECT 1 FROM payroll_town t "
                      "WHERE t.payroll_id = :id AND t.status = 'draft') THEN 'draft' ELSE 'submitted' END "
                      "WHERE id = :id");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", id);
    return step_done(s, st);
}

static StoreRc set_part(Store *s, const PayrollStepArgs *args, const char *status, const char *reason)
{
    sqlite3_stmt *st = db_prepare(s, "UPDATE payroll_town SET status = :status, "
                                     "submitted_at = CASE WHEN :status = 'submitted' THEN :at ELSE NULL END, "
                                     "submitted_by = CASE WHEN :status = 'submitted' THEN :by ELSE NULL END, "
                                     "returned_reason = coalesce(:reason, returned_reason) "
                                     "WHERE payroll_id = :id AND town = :town");
    if (!st) return STORE_ERROR;
    db_bind_text(st, ":status", status);
    db_bind_text(st, ":at", args->at);
    db_bind_text(st, ":by", args->account);
    db_bind_text(st, ":reason", reason);
    db_bind_int64(st, ":id", args->id);
    db_bind_text(st, ":town", args->town);
    StoreRc r = step_done(s, st);
    return r == STORE_OK ? settle_status(s, args->id) : r;
}

/* The steps share their shape: load and check, then check the state, then change it. */
static StoreRc payroll_step(Store *s, const PayrollStepArgs *args, PayrollAction action, Problems *p)
{
    if (!db_require_tx(s, "payroll step")) return STORE_ERROR;
    Arena *a = p->arena;
    Loaded l;
    StoreRc r = load_for(s, args, action, &l, p, a);
    if (r != STORE_OK) return r;
    char part[16];
    switch (action) {
    case PAYROLL_SUBMIT:
        if (!status_is(&l, "draft", p) || !town_part(s, args->id, args->town, part, p)) return STORE_INVALID;
        if (strcmp(part, "draft") != 0) {
            problems_add(p, "town", "payroll_town_state", args->town, code_label(&CODES_PAYROLL_STATUS, part, LANG_ZH));
            return STORE_INVALID;
        }
        return set_part(s, args, "submitted", NULL);
    case PAYROLL_RETURN:
        /* a part is sent back before the city approves: from a draft (others still to come) or a submitted payroll */
        if (text_blank(args->reason)) problems_add(p, "reason", "reason_required");
        if (strcmp(l.pr.status, "draft") != 0 && !status_is(&l, "submitted", p)) return STORE_INVALID;
        if (p->count || !town_part(s, args->id, args->town, part, p)) return STORE_INVALID;
        if (strcmp(part, "submitted") != 0) {
            problems_add(p, "town", "payroll_town_state", args->town, code_label(&CODES_PAYROLL_STATUS, part, LANG_ZH));
            return STORE_INVALID;
        }
        return set_part(s, args, "draft", args->reason);
    case PAYROLL_APPROVE:
    case PAYROLL_LOCK: {
        bool approve = action == PAYROLL_APPROVE;
        if (!approve && !date_is_set(args->paid_on)) problems_add(p, "paid_on", "required");
        if (!status_is(&l, approve ? "submitted" : "approved", p) || p->count) return STORE_INVALID;
        sqlite3_stmt *st =
            approve
                ? db_prepare(
                      s, "UPDATE payroll SET status = 'approved', approved_at = :at, approved_by = :by WHERE id = :id")
                : db_prepare(s, "UPDATE payroll SET status = 'locked', locked_at = :at, locked_by = :by, "
                                "paid_on = :paid WHERE id = :id");
        if (!st) return STORE_ERROR;
        db_bind_text(st, ":at", args->at);
        db_bind_text(st, ":by", l.actor.account);
        if (!approve) db_bind_date(st, ":paid", args->paid_on);
        db_bind_int64(st, ":id", args->id);
        return step_done(s, st);
    }
    case PAYROLL_DISCARD: {
        if (!status_is(&l, "draft", p)) return STORE_INVALID;
        static const char *const discard[] = {
            "DELETE FROM payroll_paid WHERE payroll_id = :id",
            "DELETE FROM payroll_line WHERE payroll_id = :id",
            "DELETE FROM payroll_town WHERE payroll_id = :id",
            "UPDATE payroll SET status = 'discarded' WHERE id = :id",
        };
        for (size_t i = 0; i < sizeof discard / sizeof *discard; i++) {
            sqlite3_stmt *st = db_prepare(s, discard[i]);
            if (!st) return STORE_ERROR;
            db_bind_int64(st, ":id", args->id);
            r = step_done(s, st);
            if (r != STORE_OK) return r;
        }
        return STORE_OK;
    }
    }
    return STORE_ERROR;
}

StoreRc store_payroll_submit(Store *s, const PayrollStepArgs *args, Problems *p)
{
    return payroll_step(s, args, PAYROLL_SUBMIT, p);
}
StoreRc store_payroll_return(Store *s, const PayrollStepArgs *args, Problems *p)
{
    return payroll_step(s, args, PAYROLL_RETURN, p);
}
StoreRc store_payroll_approve(Store *s, const PayrollStepArgs *args, Problems *p)
{
    return payroll_step(s, args, PAYROLL_APPROVE, p);
}
StoreRc store_payroll_lock(Store *s, const PayrollStepArgs *args, Problems *p)
{
    return payroll_step(s, args, PAYROLL_LOCK, p);
}
StoreRc store_payroll_discard(Store *s, const PayrollStepArgs *args, Problems *p)
{
    return payroll_step(s, args, PAYROLL_DISCARD, p);
}

/* ---- adjustments ---- */

/* The category paid for C in month M by some payroll, in A; NULL if none. */
static const char *paid_category(Store *s, long long child, Month m, Arena *a)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT category FROM payroll_paid WHERE child_id = :child AND month = :month");
    if (!st) return NULL;
    db_bind_int64(st, ":child", child);
    bind_month(st, ":month", m);
    const char *cat = db_step(s, st) == SQLITE_ROW ? db_text_dup(st, 0, a) : NULL;
    db_done(st);
    return cat;
}

/* The child's best-ranked basic-living category that is not merely applied, or NULL. */
static const char *basic_living_of(const Child *c)
{
    const char *best = NULL;
    for (int i = 0; i < c->n_categories; i++) {
        const Category *cat = &c->categories[i];
        int rank = basic_living_rank(cat->code);
        if (rank >= 0 && cat->status && strcmp(cat->status, "applied") != 0 &&
            (!best || rank < basic_living_rank(best)))
            best = cat->code;
    }
    return best;
}

StoreRc store_payroll_adjust(Store *s, const PayrollAdjustment *adj, long long *line_id, Problems *p)
{
    if (!db_require_tx(s, "store_payroll_adjust")) return STORE_ERROR;
    Arena *a = p->arena;
    Payroll pr;
    StoreRc r = store_payroll_get(s, &SCOPE_ALL, adj->payroll_id, &pr, a);
    if (r == STORE_NOTFOUND) problems_add(p, "id", "payroll_not_found", adj->payroll_id);
    if (r != STORE_OK) return r;
    if (strcmp(pr.status, "draft") != 0) {
        problems_add(p, "id", strcmp(pr.status, "locked") == 0 ? "payroll_locked" : "payroll_state",
                     code_label(&CODES_PAYROLL_STATUS, pr.status, LANG_ZH));
        return STORE_INVALID;
    }
    Child c;
    r = store_child_get(s, &SCOPE_ALL, adj->child_id, &c, a);
    if (r == STORE_NOTFOUND) problems_add(p, "child_id", "not_found", adj->child_id);
    if (r != STORE_OK) return r == STORE_NOTFOUND ? STORE_INVALID : r;
    size_t before = p->count;
    char town[16], part[16];
    town_of(c.area, town);
    if (!db_in_scope(area_prefix_of(a, pr.area), c.area)) problems_add(p, "child_id", "payroll_not_line_child");
    if (!adj->amount) problems_add(p, "amount", "adjustment_zero");
    if (text_blank(adj->reason)) problems_add(p, "reason", "reason_required");
    if (adj->for_month == MONTH_NONE) problems_add(p, "for_month", "required");
    const char *cat = adj->category ? adj->category : paid_category(s, c.id, adj->for_month, a);
    if (!cat) cat = basic_living_of(&c);
    if (!cat || basic_living_rank(cat) < 0) problems_add(p, "category", "not_basic_living", cat ? cat : "");
    Problems quiet; /* a town without a part yet is fine: it gets one */
    problems_init(&quiet, a);
    if (town_part(s, pr.id, town, part, &quiet) && strcmp(part, "draft") != 0)
        problems_add(p, "child_id", "payroll_town_state", town, code_label(&CODES_PAYROLL_STATUS, part, LANG_ZH));
    if (p->count != before) return STORE_INVALID;

    sqlite3_stmt *st =
        db_prepare(s, "INSERT INTO payroll_line(payroll_id, child_id, town, village, kind, category, "
                      "standard_fen, months, back_months, first_month, last_month, amount_fen, for_month, "
                      "reason, child_name, child_id_number, holder_name, holder_relation, "
                      "holder_id_number, holder_phone, created_at, created_by) VALUES (:payroll, :child, "
                      ":town, :village, 'adjustment', :cat, 0, 0, 0, :for, :for, :amount, :for, :reason, "
                      ":name, :idn, :holder, :relation, :holder_idn, :phone, :at, :by)");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":payroll", pr.id);
    db_bind_int64(st, ":child", c.id);
    db_bind_text(st, ":town", town);
    db_bind_text(st, ":village", c.area);
    db_bind_text(st, ":cat", cat);
    bind_month(st, ":for", adj->for_month);
    db_bind_int64(st, ":amount", adj->amount);
    db_bind_text(st, ":reason", adj->reason);
    db_bind_text(st, ":name", c.name);
    db_bind_text(st, ":idn", c.id_number);
    db_bind_text(st, ":holder", c.guardian.name);
    db_bind_text(st, ":relation", c.guardian.relation);
    db_bind_text(st, ":holder_idn", c.guardian.id_number);
    db_bind_text(st, ":phone", c.guardian.phone);
    db_bind_text(st, ":at", adj->change->at);
    db_bind_text(st, ":by", adj->change->author);
    r = step_insert(s, st, line_id);
    if (r != STORE_OK) return r;
    st = db_prepare(s, "INSERT OR IGNORE INTO payroll_town(payroll_id, town, status) VALUES (:id, :town, 'draft')");
    if (!st) return STORE_ERROR;
    db_bind_int64(st, ":id", pr.id);
    db_bind_text(st, ":town", town);
    return step_done(s, st);
}
