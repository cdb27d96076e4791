#!/usr/bin/env bash
# Roles and area scope: every role against every endpoint, for records
# inside and outside its area (a table of role x endpoint -> status), and
# what each sees of ID and phone numbers. Children 1-3 live in 东城街道 (1 and
# 2 in 岗贝社区), child 4 in 南城街道. t.village is 岗贝's director, t.other
# the director of a 南城 village, t.town 东城's supervisor.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
setup_world
start_server

ROLES="t.city t.town t.village t.other t.rescue t.hotline t.partner t.auditor t.security admin"
for r in $ROLES; do login "$r" || fail "login $r"; done

# version ID: the record's current version, for If-Match
version() { "$SHOUHU" --db "$WORK/$DB" child show "$1" --json | jq -r .version; }

# row METHOD PATH [-f FUNC] EXPECTED...: one status per role, in the order of
# $ROLES; FUNC (called before each request) sets DATA, the body to send.
row() {
    local method=$1 path=$2 make=""; shift 2
    if [ "$1" = "-f" ]; then make=$2; shift 2; fi
    local r got=() want=()
    for r in $ROLES; do
        local extra=()
        if [ -n "$make" ]; then
            $make
            extra=(-H 'Content-Type: application/json' --data-binary "$DATA")
        fi
        [ "$method" = PATCH ] && extra+=(-H "If-Match: \"$(version "${path##*/}")\"")
        call "$r" "$method" "$path" "${extra[@]}"
        got+=("$r=$STATUS")
        want+=("$r=${1:-?}")
        shift
    done
    same "$method $path by role" "${want[*]}" "${got[*]}"
}

SEQ=100
# a new child in 花园新村社区 (东城街道), with a fresh ID number each time
new_child() { SEQ=$((SEQ + 2)); DATA="{\"name\":\"新儿童\",\"id_number\":\"$(idnum 441900 20140101 $SEQ)\",\"area\":\"$VILLAGE_A2\"}"; }
an_edit() { DATA="{\"reason\":\"核实\",\"address\":\"$RANDOM号\"}"; }
a_header_only_ledger() { DATA="姓名,公民身份号码,居住村(社区)代码"; }

#                                          city town vill other rescue hotl partner audit secur admin
row GET  /children                          200  200  200  200   200    200  200     403   403   403
row GET  /children/1                        200  200  200  404   200    200  404     403   403   403
row GET  /children/4                        200  404  404  200   200    200  404     403   403   403
row GET  /children/3                        200  200  404  404   200    200  404     403   403   403
row GET  /children/1/history                200  200  200  404   200    200  404     403   403   403
row GET  /children/4/history                200  404  404  200   200    200  404     403   403   403
row GET  /children/999                      404  404  404  404   404    404  404     403   403   403
row GET  /exports/children                  200  200  200  200   403    403  403     403   403   403
row GET  /areas/441900003001                200  200  200  404   200    200  200     200   200   200
row GET  /areas/441900004000                200  404  404  200   200    200  200     200   200   200
row GET  /areas/441900003000                200  200  200  404   200    200  200     200   200   200
row GET  /accounts                          403  403  403  403   403    403  403     403   200   200
row GET  /roles                             403  403  403  403   403    403  403     403   200   200
row GET  /audit                             403  403  403  403   403    403  403     200   200   403
row GET  /me                                200  200  200  200   200    200  200     200   200   200
row PATCH /children/1 -f an_edit \
                                            200  200  200  404   200    403  403     403   403   403
row PATCH /children/4 -f an_edit \
                                            200  404  404  200   200    403  403     403   403   403
row POST /children -f new_child            201  201  422  422   201    403  403     403   403   403
row POST "/imports/children?dry_run=1" -f a_header_only_ledger \
                                            200  200  200  200   403    403  403     403   403   403

# ---- how many each sees: the scope is in the query ----
count() { call "$1" GET "/children?limit=500"; printf '%s' "$BODY" | jq -r '.total'; }
same "the city sees every child" "$(count t.city)" "$(count t.rescue)"
same "岗贝's director sees its 2 children" 2 "$(count t.village)"
same "the 南城 director sees its 1 child" 1 "$(count t.other)"
same "a partner sees no children until referrals exist" 0 "$(count t.partner)"
call t.town GET "/children?area=441900004003"
json_ok "an area filter outside the caller's area finds nothing" '.total == 0'
call t.city GET "/children?area=441900004003"
json_ok "an area filter within it finds the child" '.total == 1 and .items[0].id == 4'

# ---- an import outside one's area ----
cat > "$WORK/other.csv" <<CSV
姓名,公民身份号码,居住村(社区)代码
南城儿童,$(idnum 441900 20160101 301),$VILLAGE_B
改到南城,$ID1,$VILLAGE_B
CSV
call t.village POST "/imports/children" -H 'Content-Type: text/csv' --data-binary @"$WORK/other.csv"
json_ok "an import into another area is refused row by row" '.written == false and ([.problems[].code] | map(select(. == "out_of_scope")) | length) == 2'

call_json t.other POST /children "{\"name\":\"重复\",\"id_number\":\"$ID1\",\"area\":\"$VILLAGE_B\"}"
json_ok "an ID number recorded in another area is refused without naming the record" '.errors[0].code == "duplicate_id_elsewhere" and (.errors[0].message | test("编号") | not)'
call_json t.village POST /children "{\"name\":\"重复\",\"id_number\":\"$ID2\",\"area\":\"$VILLAGE_A\"}"
json_ok "one recorded in one's own area names the record" '.errors[0].code == "duplicate_id" and (.errors[0].message | test("编号2"))'

# ---- masking ----
call t.city GET "/children?q=张小明"
json_ok "lists mask ID numbers" '.items[0].id_number | test("^4419\\*{10}[0-9X]{4}$")'
json_ok "lists mask phone numbers" '.items[0].guardian.phone == "138****8000"'
call t.village GET /children/1
json_ok "a director sees the full ID number on the record's page" ".id_number == \"$ID1\""
json_ok "and the full phone number" '.guardian.phone == "13812348000"'
header_has "the record has an ETag" '^etag: W/"[0-9]*"'
call t.hotline GET /children/1
json_ok "the hotline sees the ID number masked" '.id_number | test("^4419\\*+")'
json_ok "and the phone number masked" '.guardian.phone == "138****8000"'
call t.hotline GET /children/1/history
json_ok "the hotline's history masks them too" '.items[0].changes["guardian.phone"][1] == "138****8000" and (.items[0].changes.id_number[1] | test("\\*"))'
call t.city GET /children/1/history
json_ok "the city's history shows them" '.items[0].changes["guardian.phone"][1] == "13812348000"'
call t.city GET /exports/children
case "$BODY" in *"$ID1"*) pass "an export holds full ID numbers (it re-imports)" ;; *) fail "an export holds full ID numbers" "$BODY" ;; esac
call t.village GET /exports/children
case "$BODY" in *"$ID4"*) fail "an export holds only the caller's area" "$BODY" ;; *"$ID1"*) pass "an export holds only the caller's area" ;; *) fail "an export holds the caller's children" "$BODY" ;; esac

# ---- what the audit trail says ----
audit_has "a full viewing is recorded as child.view_full" '.action == "child.view_full" and .account == "t.village" and .records == ["1"]'
audit_has "a masked reading is recorded as child.read" '.action == "child.read" and .account == "t.hotline" and .records == ["1"]'
audit_has "a reading outside one's area is recorded as failed" '.action == "child.read" and .account == "t.other" and .records == ["1"] and (.success | not)'
audit_has "a list records the records it returned" '.action == "child.list" and .account == "t.village" and (.records | index("1") != null and index("2") != null)'
audit_has "a refused role is recorded" '.action == "child.list" and .account == "t.auditor" and (.success | not)'
audit_has "an export is recorded" '.action == "child.export" and .account == "t.city" and .success'
audit_has "a history reading is recorded" '.action == "child.history" and .account == "t.hotline"'
call t.auditor GET "/audit?user=t.village&action=child.view_full"
json_ok "the audit trail filters by user and action" '.total >= 1 and ([.items[] | select(.account != "t.village" or .action != "child.view_full")] | length == 0)'
call t.auditor GET "/audit?record=4"
json_ok "the audit trail filters by record" '.total >= 1 and ([.items[] | select(.records | index("4") | not)] | length == 0)'

stop_server
finish
