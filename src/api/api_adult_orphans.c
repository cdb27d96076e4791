/*
** Adult orphans settled by the towns in turn over HTTP (issue #5): orphans
** of the welfare institution who are 18 and can live independently are
** settled by the towns in turn with a one-time subsidy:
**   GET  /api/v1/adult-orphans/rotation        the towns in order, their settlements, whose turn it is
**   GET  /api/v1/adult-orphans/candidates?on=  the institution's orphans who are 18 and not settled
**   GET  /api/v1/adult-orphans/settlements     the settlements of the caller's towns, ID numbers masked
**   POST /api/v1/adult-orphans/settlements     {"child_id","on","town","reason","amount","paid_on","note"}
**   POST /api/v1/adult-orphans/settlements/{id}/pay   {"on"}: the subsidy was paid
** The store proposes the town (store_settlement_add) and refuses another
** one without a reason, as on the command line.
*/
#include <string.h>
#include "api/handlers.h"
#include "domain/privacy.h"
#include "domain/rotation.h"
#include "http/response.h"
#include "store/store_allowances.h"
#include "util/clock.h"

void validate_settlement_body(Request *req, Problems *p)
{
    static const char *const dates[] = {"on", "paid_on", NULL};
    for (int i = 0; dates[i]; i++) {
        const char *v = api_body_string(req, dates[i]);
        Date d;
        if (v && !date_parse_iso(v, &d)) problems_add(p, dates[i], "bad_date", v);
    }
    const char *amount = api_body_string(req, "amount");
    const char *town = api_body_string(req, "town");
    Fen fen;
    if (amount && !money_parse(amount, &fen)) problems_add(p, "amount", "bad_money", amount);
    if (town && (strlen(town) != 12 || strspn(town, "0123456789") != 12)) problems_add(p, "town", "bad_area_code");
}

void api_rotation_get(Request *req)
{
    RotationTown *towns;
    int n;
    const char *last;
    AllowanceRules rules;
    StoreRc r = store_rotation(req->store, &towns, &n, &last, req->arena);
    if (r == STORE_OK) r = store_allowance_rules(req->store, &rules);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    int next = rotation_next(towns, n, last);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:i, s:s, s:s, s:i, s:b}", "order", i + 1, "code", towns[i].code,
                                               "name", towns[i].name, "settled", towns[i].settled, "next",
                                               i == next));
    res_json(req, 200, json_pack("{s:o, s:o, s:o, s:o}", "towns", items, "next", api_text(next >= 0 ? towns[next].code : NULL),
                                 "last", api_text(last), "subsidy",
                                 api_yuan(rules.adult_orphan_subsidy)));
}

typedef struct Candidates {
    Request *req;
    json_t *items;
} Candidates;

static int add_candidate(void *ctx, const Child *c)
{
    Candidates *x = ctx;
    const char *prefix = x->req->scope.prefix;   /* the caller's children only */
    if (!prefix || strncmp(c->area, prefix, strlen(prefix)) != 0) return 0;
    json_array_append_new(x->items, json_pack("{s:I, s:s, s:o, s:s}", "child_id", (json_int_t)c->id, "name", c->name,
                                              "birth_date", api_day(c->birth_date), "area", c->area));
    req_audit_id(x->req, c->id);
    return 0;
}

void api_adult_orphan_candidates(Request *req)
{
    Date on = req_param_date(req, "on");
    if (!date_is_set(on)) on = clock_today();
    Candidates x = {req, json_array()};
    StoreRc r = store_adult_orphan_candidates(req->store, on, add_candidate, &x, req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", x.items));
}

static json_t *settlement_json(Request *req, const Settlement *st)
{
    const char *idn = st->id_number ? field_mask(req->arena, "id_number", st->id_number) : NULL;
    json_t *j = json_pack("{s:I, s:o, s:s, s:o, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)st->id, "child_id",
                          st->child_id ? json_integer(st->child_id) : json_null(), "name", st->name, "id_number",
                          api_text(idn), "town", st->town, "town_name", api_text(st->town_name), "settled_on",
                          api_day(st->settled_on), "paid_on", api_day(st->paid_on), "amount", api_yuan(st->amount));
    json_object_set_new(j, "proposed_town", api_text(st->proposed_town));
    json_object_set_new(j, "out_of_turn_reason", api_text(st->out_of_turn_reason));
    json_object_set_new(j, "history", json_boolean(st->history));
    json_object_set_new(j, "demo", json_boolean(st->demo));
    json_object_set_new(j, "note", api_text(st->note));
    return j;
}

typedef struct Settlements {
    Request *req;
    json_t *items;
} Settlements;

static int add_settlement(void *ctx, const Settlement *st)
{
    Settlements *x = ctx;
    json_array_append_new(x->items, settlement_json(x->req, st));
    if (st->child_id) req_audit_id(x->req, st->child_id);
    return 0;
}

void api_settlements_list(Request *req)
{
    Settlements x = {req, json_array()};
    StoreRc r = store_settlements_list(req->store, &req->area_scope, add_settlement, &x, req->arena);
    if (r != STORE_OK) {
        json_decref(x.items);
        res_store_error(req, r);
        return;
    }
    res_json(req, 200, json_pack("{s:o}", "items", x.items));
}

void api_settlement_create(Request *req)
{
    Child c;
    AllowanceRules rules;
    if (!api_body_child(req, &c)) return;
    StoreRc r = store_allowance_rules(req->store, &rules);
    if (r != STORE_OK) {
        res_store_error(req, r);
        return;
    }
    char at[26];
    Settlement st = {0};
    st.child_id = c.id;
    st.settled_on = api_body_day(req, "on", clock_today());
    st.paid_on = api_body_day(req, "paid_on", DATE_NONE);
    st.town = api_body_string(req, "town");
    st.out_of_turn_reason = api_body_string(req, "reason");
    st.note = api_body_string(req, "note");
    const char *amount = api_body_string(req, "amount");
    if (amount) money_parse(amount, &st.amount);
    st.recorded_at = clock_now_iso(at);
    st.recorded_by = req->caller->account.username;
    Problems *p = req_scratch(req);
    r = store_settlement_add(req->store, &st, &rules, p);
    if (r != STORE_OK) {
        api_answer_refused(req, r, p);
        return;
    }
    req_audit_record(req, arena_printf(req->arena, "settlement:%lld", st.id));
    req->audit.detail = st.town;
    res_json(req, 201, settlement_json(req, &st));
}

typedef struct FindSettlement {
    long long id;
    Settlement found;
} FindSettlement;

static int take_settlement(void *ctx, const Settlement *st)
{
    FindSettlement *x = ctx;
    if (st->id != x->id) return 0;
    x->found = *st;
    return 1;
}

void api_settlement_pay(Request *req)
{
    long long id = req_param_int(req, "id", 0);
    req_audit_record(req, arena_printf(req->arena, "settlement:%lld", id));
    /* only a settlement of the caller's towns (a few hundred at most: the list serves) */
    FindSettlement x = {id, {0}};
    StoreRc r = store_settlements_list(req->store, &req->area_scope, take_settlement, &x, req->arena);
    if (r == STORE_OK && !x.found.id) {
        res_fail(req, 404, "settle_not_found", id);
        return;
    }
    Problems *p = req_scratch(req);
    if (r == STORE_OK) r = store_settlement_pay(req->store, id, api_body_day(req, "on", clock_today()), p);
    if (r != STORE_OK) {
        api_answer_refused(req, r, p);
        return;
    }
    x.found.paid_on = api_body_day(req, "on", clock_today());
    res_json(req, 200, settlement_json(req, &x.found));
}
