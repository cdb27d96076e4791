#!/usr/bin/env bash
# Statistics and supervision over HTTP (issue #7), against the real server:
# the summary's counts equal the children's list totals (the city, each
# town, each category) and follow a status change; a town sees its own
# figures only, a village director its village's, other roles none; the
# overdue list names a child turning 18 and an application the town has not
# verified in time, ranked by town; the coverage gaps find an orphan whose
# facts qualify but who holds no category, until an application is made;
# the data-quality list finds a suspected duplicate (one record without an
# ID number), an active adult and missing fields; the audit trail records
# the children the lists named.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"

setup_world
# 孤儿甲: both parents dead, no category (uncovered); 成年乙: 18 on 2024-06-15;
# 重复丙 twice, the second without an ID number (same name, birth date, parents).
ORPHAN=$(idnum 441900 20140202 211); ADULT=$(idnum 441900 20060615 221); DUP=$(idnum 441900 20160303 231)
cat > more.csv <<CSV
姓名,公民身份号码,性别,出生日期,居住村(社区)代码,住址,父亲姓名,父亲状况,父亲状况起始日期,母亲姓名,母亲状况,母亲状况起始日期,监护人姓名,监护人关系,监护人电话
孤儿甲,$ORPHAN,,,$VILLAGE_A,岗贝路1号,孤父,死亡,2020-01-01,孤母,死亡,2021-03-01,孤奶奶,祖母,13800000011
成年乙,$ADULT,,,$VILLAGE_A,岗贝路2号,成父,正常,,成母,正常,,成父,父亲,13800000012
重复丙,$DUP,,,$VILLAGE_A2,花园路3号,重父,正常,,重母,正常,,重父,父亲,13800000013
重复丙,,女,2016-03-03,$VILLAGE_A2,花园路3号,重父,正常,,重母,正常,,重父,父亲,13800000013
CSV
"$SHOUHU" --db "$DB" import children more.csv >> init.log 2>&1 || { cat init.log; exit 1; }
export SHOUHU_TODAY=2024-07-01   # a month later: 成年乙 is 18
start_server
login_all t.city t.town t.village t.other t.hotline t.partner t.auditor

# ---- the summary: counts equal the list's totals ----
total_of() { call "$1" GET "/children?limit=1&status=active$2"; printf '%s' "$BODY" | jq -r '.total'; }

call t.city GET "/stats/summary"
status_is "the city reads its summary" 200
SUMMARY=$BODY
json_ok "the summary is of the city, as of today" '.area == "441900000000" and .as_of == "2024-07-01" and .level == 1'
json_ok "eight active children in the city" '.children == 8'
json_ok "by sex and by age add up" '(.by_sex.male + .by_sex.female) == .children and ([.by_age[]] | add) == .children'
json_ok "one active child is 18 or more" '.by_age["18+"] == 1'
json_ok "two towns, adding up to the city" '(.by_town | length) == 2 and ([.by_town[].children] | add) == .children'
json_ok "the towns are named" '.by_town[0].name == "东城街道" and .by_town[1].name == "南城街道"'
json_ok "twelve months of trends, this month last" '(.months | length) == 12 and .months[-1].month == "2024-07"'
CITY_LIST=$(total_of t.city "")
[ "$(printf '%s' "$SUMMARY" | jq '.children')" = "$CITY_LIST" ] && pass "the city's count equals the list's total ($CITY_LIST)" \
    || fail "the city's count equals the list's total" "summary $(printf '%s' "$SUMMARY" | jq '.children'), list $CITY_LIST"
ALL_LIST=$(call t.city GET "/children?limit=1"; printf '%s' "$BODY" | jq '.total')
[ "$(printf '%s' "$SUMMARY" | jq '.records')" = "$ALL_LIST" ] && pass "records of any status: $ALL_LIST, as the list says" \
    || fail "records of any status" "summary $(printf '%s' "$SUMMARY" | jq '.records'), list $ALL_LIST"
for town in $(printf '%s' "$SUMMARY" | jq -r '.by_town[].code'); do
    want=$(printf '%s' "$SUMMARY" | jq --arg t "$town" '.by_town[] | select(.code == $t) | .children')
    got=$(total_of t.city "&area=$town")
    [ "$want" = "$got" ] && pass "town $town: $want children, as the list says" || fail "town $town: summary $want, list $got"
done
for cat in de_facto_unsupported orphan_scattered; do
    want=$(printf '%s' "$SUMMARY" | jq --arg c "$cat" '.by_category[$c]')
    got=$(total_of t.city "&category=$cat")
    [ "$want" = "$got" ] && pass "category $cat: $want, as the list says" || fail "category $cat: summary $want, list $got"
done

# a record that moves away leaves the counts at once
call t.city GET "/children/4"
VERSION=$(printf '%s' "$BODY" | jq -r '.version')
call_json t.city PATCH "/children/4" '{"status":"moved_away","status_reason":"迁往外市","reason":"迁出"}' -H "If-Match: \"$VERSION\""
status_is "a record moves away" 200
call t.city GET "/stats/summary?area=$TOWN_B"
json_ok "南城街道 has one child fewer, one record moved away" '.children == 0 and .records == 1 and .by_status.moved_away == 1 and .months[-1].ended == 1'
[ "$(total_of t.city "&area=$TOWN_B")" = 0 ] && pass "and so says the list" || fail "the list of 南城街道 after the move"

# ---- scope ----
call t.town GET "/stats/summary"
status_is "a town reads its own summary" 200
json_ok "the town's, with its villages" '.area == "441900003000" and .children == 7 and (.by_village | length) == 2 and .by_town[0].children == 7'
call t.town GET "/stats/summary?area=$TOWN_B"
problem_is "another town's figures are not found" 404 no_such_area_path
call t.town GET "/stats/summary?area=$CITY"
problem_is "nor the city's" 404 no_such_area_path
call t.village GET "/stats/summary"
json_ok "a village director reads the village's figures" '.area == "441900003001" and .children == 4 and .by_category.de_facto_unsupported == 1'
call t.other GET "/stats/summary?area=$VILLAGE_A"
problem_is "but not another village's" 404 no_such_area_path
call t.partner GET "/stats/summary"
problem_is "a member unit has no statistics" 403 no_permission
call t.hotline GET "/stats/summary"
json_ok "the hotline reads the city's counts for its home page" '.children == 7 and .records == 8'
call t.city GET "/stats/summary?as_of=2024-06-14"
json_ok "as of the day before 成年乙's birthday no one is 18" '.by_age["18+"] == 0 and .by_age["15-17"] == 1'
call t.city GET "/stats/summary?as_of=2024-13-01"
problem_is "a date that does not exist is refused" 400 bad_params

# ---- overdue work ----
ORPHAN_ID=$(sqlite3 "$DB" "SELECT id FROM child WHERE name = '孤儿甲'")
ADULT_ID=$(sqlite3 "$DB" "SELECT id FROM child WHERE name = '成年乙'")
call t.town GET "/supervision/coverage-gaps"
status_is "the town reads its coverage gaps" 200
json_ok "孤儿甲 qualifies as a scattered orphan but holds no category" \
    '.scanned and (.items[] | select(.kind == "uncovered" and .child_id == '"$ORPHAN_ID"' and .category == "orphan_scattered" and .since == "2021-03-01"))'
json_ok "the gap is counted against its village" '.by_village[0].code == "441900003001" and .by_village[0].count == 1'
call_json t.village POST "/children/$ORPHAN_ID/categories/orphan_scattered/apply" '{"on":"2024-06-03","applicant":"guardian"}'
status_is "the village applies for the orphan" 201
call t.city GET "/supervision/overdue?horizon=30"
status_is "the city reads the overdue list" 200
json_ok "成年乙's 18th birthday is overdue, for the village director" \
    '.items[] | select(.kind == "age_out" and .child_id == '"$ADULT_ID"' and .due == "2024-06-15" and .overdue and .actor == "village_director" and .record == "child:'"$ADULT_ID"'")'
json_ok "the town has not verified the application in 15 working days" \
    '.items[] | select(.kind == "category_step" and .child_id == '"$ORPHAN_ID"' and .overdue and .actor == "town_supervisor")'
json_ok "the de facto unsupported 张小明's home visit is overdue (the protection module's source)" \
    '.items[] | select(.kind == "visit" and .child_id == 1 and .overdue and .actor == "village_director")'
json_ok "counted by kind, and 东城街道 ranks first" '.by_kind.age_out == 1 and .by_kind.category_step == 1 and .by_kind.visit == 1 and .by_town[0].code == "441900003000" and .by_town[0].overdue == 3'
call t.city GET "/supervision/overdue?kind=age_out"
json_ok "one kind only" '.total == 1 and (.by_kind | keys) == ["age_out"]'
call t.other GET "/supervision/overdue"
json_ok "another village has nothing overdue" '.total == 0 and .items == []'
call t.hotline GET "/supervision/overdue"
problem_is "the hotline has no supervision lists" 403 no_permission
# records unchanged for 20 days are stale once the setting says so (they were imported on 2024-06-01)
"$SHOUHU" --db "$DB" overdue --stale-days 20 > /dev/null 2>&1 && pass "the stale time is set from the command line" || fail "overdue --stale-days"
call t.town GET "/supervision/overdue?kind=record_stale"
json_ok "the town's six records unchanged since the import are stale since 2024-06-21, for the village directors" \
    '.stale_days == 20 and .overdue == 6 and ([.items[] | select(.due == "2024-06-21" and .overdue and .actor == "village_director")] | length) == 6'
json_ok "孤儿甲, changed by its application on 2024-07-01, is due on 2024-07-21 (within the horizon)" \
    '.total == 7 and (.items[] | select(.child_id == '"$ORPHAN_ID"' and .due == "2024-07-21" and (.overdue | not)))'
out=$("$SHOUHU" --db "$DB" overdue --area "$TOWN_A" --kind age_out 2> /dev/null)
[ "$(printf '%s\n' "$out" | cut -f1-4)" = "$(printf '2024-06-15\toverdue\tage_out\tchild:%s' "$ADULT_ID")" ] \
    && pass "shouhu overdue lists the same item" || fail "shouhu overdue lists the same item" "$out"

# ---- coverage gaps ----
call t.town GET "/supervision/coverage-gaps"
json_ok "once applied for, the application is stuck, not missing" '.scanned and ([.items[] | select(.kind == "uncovered")] | length) == 0 and ([.items[] | select(.kind == "stuck" and .child_id == '"$ORPHAN_ID"')] | length) == 1'
call t.city GET "/supervision/coverage-gaps"
json_ok "the city's reads no record one by one, but lists stuck applications" '.scanned == false and .by_kind.stuck == 1'
call t.other GET "/supervision/coverage-gaps?area=$TOWN_A"
problem_is "another village cannot read the town's" 404 no_such_area_path

# ---- data quality ----
call t.town GET "/supervision/data-quality"
status_is "the town reads its data quality" 200
json_ok "the two 重复丙 are suspected duplicates" '([.items[] | select(.code == "duplicate" and .name == "重复丙")] | length) == 2'
json_ok "成年乙 is 18 and still active" '.items[] | select(.code == "adult_active" and .child_id == '"$ADULT_ID"')'
json_ok "the record without an ID number misses it" '.items[] | select(.code == "missing" and .field == "id_number" and .name == "重复丙")'
json_ok "C2 has no address" '.items[] | select(.code == "missing" and .field == "address" and .child_id == 2)'
json_ok "every active record of the town was checked" '.checked == 7'
call t.city GET "/supervision/data-quality"
problem_is "the city is asked to choose a town" 422 quality_needs_town

# ---- the audit trail ----
audit_has "the overdue list records the children it named" '.action == "supervision.overdue" and (.records | tostring | contains("'"$ADULT_ID"'"))'
audit_has "the summary records the area it counted" '.action == "stats.summary" and (.records | tostring | contains("area:441900003000"))'

stop_server

# ---- the command line: the same figures, and the counters checked against the ledger ----
out=$("$SHOUHU" --db "$DB" stats --area "$TOWN_A" 2>&1)
printf '%s' "$out" | grep -q "^441900003001	" && printf '%s' "$out" | grep -q "东城街道" && pass "shouhu stats prints a town's villages" \
    || fail "shouhu stats prints a town's villages" "$out"
out=$("$SHOUHU" --db "$DB" stats --check 2>&1) && printf '%s' "$out" | grep -Eq "agree with the ledger: 7 active|在册儿童7人" \
    && pass "after every change above, the counters agree with the ledger" || fail "stats --check" "$out"

# ---- bulk writes (issue #8, perf): a demo and the import of its export keep
# every counter and the name-search index exactly right (the demo defers the
# grams to each batch's end, as the import does) ----
grams_missing() {   # the grams a full recount gives that the index lacks
    sqlite3 "$1" "SELECT count(*) FROM (SELECT lower(substr(c.name, p.n, 2)), c.id FROM child c
                  JOIN name_position p ON p.n <= length(c.name) EXCEPT SELECT gram, child_id FROM child_name_gram)"
}
"$SHOUHU" --db bulk.db init > /dev/null 2>&1 && "$SHOUHU" --db bulk.db demo --minors 3000 > /dev/null 2>&1 \
    || fail "a demo of 3000 children"
out=$("$SHOUHU" --db bulk.db stats --check 2>&1) && printf '%s' "$out" | grep -Eq "agree with the ledger: 3000 active|在册儿童3000人" \
    && pass "after a demo, the counters agree with the ledger" || fail "stats --check after a demo" "$out"
check "and every name of the demo is in the search index" test "$(grams_missing bulk.db)" = 0
check "with grams for all its children" test "$(sqlite3 bulk.db "SELECT count(DISTINCT child_id) FROM child_name_gram")" = 3000
"$SHOUHU" --db bulk.db export children -o bulk.csv > /dev/null 2>&1
"$SHOUHU" --db bulk2.db init > /dev/null 2>&1 && "$SHOUHU" --db bulk2.db import children bulk.csv > /dev/null 2>&1 \
    || fail "the demo's export imported"
out=$("$SHOUHU" --db bulk2.db stats --check 2>&1) && printf '%s' "$out" | grep -Eq "agree with the ledger: 3000 active|在册儿童3000人" \
    && pass "after an import, the counters agree with the ledger" || fail "stats --check after an import" "$out"
same "and the imported category counts are the demo's" \
    "$(sqlite3 bulk.db "SELECT group_concat(code || n) FROM (SELECT code, sum(n) n FROM stat_category GROUP BY code ORDER BY code)")" \
    "$(sqlite3 bulk2.db "SELECT group_concat(code || n) FROM (SELECT code, sum(n) n FROM stat_category GROUP BY code ORDER BY code)")"

sqlite3 "$DB" "UPDATE stat_category SET n = n + 1 WHERE code = 'de_facto_unsupported'"
if out=$("$SHOUHU" --db "$DB" stats --check 2>&1); then fail "a wrong counter is found" "$out"
else printf '%s' "$out" | grep -q "de_facto_unsupported" && pass "a wrong counter is found, by name" || fail "a wrong counter is named" "$out"; fi
finish
