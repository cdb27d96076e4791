#!/usr/bin/env bash
# The children's API end to end: create, read with ETag, change with
# If-Match (428, 412), history, search and pages, ledger import (dry run,
# all-or-nothing, skip invalid) and export (an export re-imports unchanged),
# and an audit entry for each kind of request, which cannot be changed.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
setup_world
start_server
login t.town
login t.auditor
U=t.town

# ---- create ----
call_json $U POST /children "{\"name\":\"赵小宝\",\"id_number\":\"$ID5\",\"area\":\"$VILLAGE_A2\",\"guardian\":{\"name\":\"赵大\",\"relation\":\"grandfather\",\"phone\":\"13511112222\"},\"categories\":[{\"code\":\"left_behind\",\"from\":\"2023-09-01\"}]}"
status_is "a new child: 201" 201
json_ok "the answer holds its id and version" '.id == 5 and .version == 1'
header_has "Location names it" '^location: /api/v1/children/5'
header_has "ETag gives the version" '^etag: W/"1"'
call_json $U POST /children "{\"name\":\"赵小宝\",\"id_number\":\"$ID5\",\"area\":\"$VILLAGE_A2\"}"
json_ok "the same ID number twice: 422 naming the record" '.status == 422 and .errors[0].code == "duplicate_id"'
call_json $U POST /children '{"name":"无证儿童","area":"441900003002"}'
json_ok "without ID number, birth date and sex are required" '.status == 422 and ([.errors[].field] | sort) == ["birth_date","sex"]'
call_json $U POST /children '{"name":"无证儿童","area":"441900003002","birth_date":"2019-05-01","sex":"female"}'
status_is "a child of unknown identity can be recorded" 201
call_json $U POST /children '{"name":"镇上","area":"441900003000","birth_date":"2019-05-01","sex":"female"}'
json_ok "a child is recorded in a village, not a town" '.status == 422 and .errors[0].code == "not_village"'

# ---- read and change ----
call $U GET /children/5
status_is "read it back" 200
json_ok "as it was sent" '.name == "赵小宝" and .guardian.phone == "13511112222" and .categories[0].code == "left_behind" and .area_name == "花园新村社区居民委员会"'
call_json $U PATCH /children/5 '{"reason":"监护人电话变更","guardian":{"phone":"13600001111"}}' -H 'If-Match: W/"1"'
status_is "a change with If-Match: 200" 200
json_ok "it merged into the record" '.version == 2 and .guardian.phone == "13600001111" and .guardian.name == "赵大" and .categories[0].code == "left_behind"'
header_has "the new ETag" '^etag: W/"2"'
call_json $U PATCH /children/5 '{"reason":"再改","address":"东城某路1号"}' -H 'If-Match: "1"'
problem_is "a change from a stale version: 412" 412 stale_version
header_has "412 gives the current ETag" '^etag: W/"2"'
call_json $U PATCH /children/5 '{"reason":"删除住址外的电话","guardian":{"phone":null}}' -H 'If-Match: "2"'
json_ok "null deletes a member" '.version == 3 and (.guardian.phone == null) and .guardian.name == "赵大"'
call_json $U PATCH /children/5 '{"reason":"没有变化","name":"赵小宝"}' -H 'If-Match: "3"'
json_ok "a change that changes nothing keeps the version" '.version == 3'
call_json $U PATCH /children/5 '{"reason":"搬到南城","area":"441900004003"}' -H 'If-Match: "3"'
json_ok "a move out of the caller's area is refused" '.status == 422 and .errors[0].code == "out_of_scope"'
call_json $U PATCH /children/5 '{"reason":"搬家","area":"441900003001"}' -H 'If-Match: "3"'
json_ok "a move within it is allowed" '.version == 4 and .area == "441900003001"'
call_json $U PATCH /children/5 '{"reason":"类别结束","categories":[{"code":"left_behind","from":"2023-09-01","to":"2024-01-31","status":"ended"}]}' -H 'If-Match: "4"'
json_ok "categories are replaced as a whole" '.version == 5 and .categories[0].status == "ended"'
call $U GET /children/5/history
json_ok "the history holds every version with its reason and author" '(.items | length) == 5 and .items[1].reason == "监护人电话变更" and .items[1].changed_by == "t.town" and .items[1].changes["guardian.phone"] == ["13511112222","13600001111"]'

# ---- search and pages ----
call $U GET "/children?q=小"
json_ok "q matches part of a name" '.total == 4'
call $U GET "/children?q=$ID3"
json_ok "q matches an ID number" '.total == 1 and .items[0].id == 3'
call $U GET "/children?q=${ID1:0:10}"
json_ok "q matches the start of an ID number" '.total == 1 and .items[0].id == 1'
call $U GET "/children?category=de_facto_unsupported"
json_ok "category filters" '.total == 1 and .items[0].id == 1'
call $U GET "/children?age_min=10&age_max=12"
json_ok "ages filter (10 to 12 on 2024-06-01)" '[.items[].id] | sort == [1,5]'
call $U GET "/children?limit=2"
json_ok "a page of 2 with a cursor" '(.items | length) == 2 and .total == 5 and .next_cursor == "2"'
call $U GET "/children?limit=2&cursor=2"
json_ok "the next page continues in order" '[.items[].id] == [3,5] and .next_cursor == "5"'
call $U GET "/children?limit=2&cursor=5"
json_ok "the last page has no cursor" '[.items[].id] == [6] and .next_cursor == null'

# ---- import ----
cat > "$WORK/new.csv" <<CSV
姓名,公民身份号码,居住村(社区)代码,监护人姓名
钱小一,$(idnum 441900 20160303 011),$VILLAGE_A,钱父
孙小二,$(idnum 441900 20170404 022),$VILLAGE_A2,孙母
CSV
call $U POST "/imports/children?dry_run=1" -H 'Content-Type: text/csv' --data-binary @"$WORK/new.csv"
json_ok "a dry run reports and writes nothing" '.rows == 2 and .inserted == 2 and .written == false and .dry_run == true'
call $U GET /children
json_ok "nothing was written" '.total == 5'
cat > "$WORK/mixed.csv" <<CSV
姓名,公民身份号码,居住村(社区)代码
好行,$(idnum 441900 20160505 033),$VILLAGE_A
错行,${ID1:0:17}0,$VILLAGE_A
CSV
call $U POST "/imports/children" -H 'Content-Type: text/csv' --data-binary @"$WORK/mixed.csv"
json_ok "all or nothing: one bad row, nothing written" '.written == false and .rejected == 1 and .problems[0].row == 3 and .problems[0].column == "公民身份号码" and .problems[0].code == "id_checksum"'
call $U POST "/imports/children?skip_invalid=1" -H 'Content-Type: text/csv' --data-binary @"$WORK/mixed.csv"
json_ok "skip_invalid writes the good rows" '.written == true and .inserted == 1 and .rejected == 1'
call $U POST "/imports/children" -H 'Content-Type: text/csv' --data-binary @"$WORK/new.csv"
json_ok "an import writes" '.written == true and .inserted == 2'
call $U POST "/imports/children" -H 'Content-Type: text/csv' --data-binary 'not,a,ledger'
json_ok "a file that is not a ledger is explained" '.written == false and .problems[0].code == "missing_column"'

# ---- export, and it re-imports unchanged ----
call $U GET /exports/children
cp "$WORK/body" "$WORK/export.csv"
status_is "export as CSV: 200" 200
header_has "as an attachment" '^content-disposition: attachment; filename="children-'
header_has "as text/csv" '^content-type: text/csv'
rows=$(($(wc -l < "$WORK/export.csv") - 1))
same "the export holds the town's children" 8 "$rows"
call $U POST "/imports/children?dry_run=1" -H 'Content-Type: text/csv' --data-binary @"$WORK/export.csv"
json_ok "the export re-imports unchanged" '.rows == 8 and .unchanged == 8 and .inserted == 0 and .updated == 0 and .rejected == 0'
call $U GET "/exports/children?format=xlsx"
cp "$WORK/body" "$WORK/export.xlsx"
if [ "$STATUS" = 200 ] && [ "$(head -c 2 "$WORK/export.xlsx")" = PK ]; then pass "export as .xlsx"; else fail "export as .xlsx" "$STATUS"; fi
call $U POST "/imports/children?dry_run=1" --data-binary @"$WORK/export.xlsx"
json_ok "the .xlsx export re-imports unchanged" '.rows == 8 and .unchanged == 8'
call $U GET "/exports/children?area=441900003002"
same "an export takes the list's filters" 3 "$(($(printf '%s\n' "$BODY" | wc -l) - 1))"

# ---- the audit trail: one entry for each kind ----
audit_has "login" '.action == "session.login" and .account == "t.town" and .success'
audit_has "list" '.action == "child.list" and .account == "t.town"'
audit_has "create" '.action == "child.create" and .records == ["5"] and .success'
audit_has "failed create" '.action == "child.create" and (.success | not) and .detail == "status 422"'
audit_has "full view" '.action == "child.view_full" and .records == ["5"]'
audit_has "update" '.action == "child.update" and .records == ["5"] and .success'
audit_has "stale update" '.action == "child.update" and (.success | not) and .detail == "status 412"'
audit_has "history" '.action == "child.history" and .records == ["5"]'
audit_has "import, with its counts" '.action == "child.import" and (.detail | test("inserted=2"))'
audit_has "dry run import" '.action == "child.import" and (.detail | test("dry_run"))'
audit_has "export, with its count" '.action == "child.export" and (.detail | test("count=8"))'
audit_has "the source address" '.action == "child.export" and .address == "127.0.0.1"'
call t.auditor GET "/audit?from=2000-01-01&to=2199-12-31&limit=1"
json_ok "the audit trail pages" '(.items | length) == 1 and .next_cursor != null and .total > 10'
call t.auditor GET "/audit?to=2000-01-01"
json_ok "a date range before any entry is empty" '.total == 0'
expect "shouhu audit lists the trail" "child.view_full" "$SHOUHU" --db "$WORK/$DB" audit --action child.view_full
check_fails "an audit entry cannot be changed" sqlite3 "$WORK/$DB.audit" "UPDATE audit SET success = 1"
check_fails "an audit entry cannot be deleted" sqlite3 "$WORK/$DB.audit" "DELETE FROM audit"
expect "the refusal says why" "cannot be deleted" sqlite3 "$WORK/$DB.audit" "DELETE FROM audit WHERE id = 1"

stop_server
finish
