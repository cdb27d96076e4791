#!/usr/bin/env bash
# Answers kept between requests (issue #8, figure c), against the real server
# with one serving thread (so that every request meets the same thread's
# entries): a repeated list or summary is the same text as the first answer;
# the key holds the caller's scope (a village director and a partner asking
# the city's URL get their own answers); a change through the server itself
# (its own connection) and a change by another process (the CLI's import)
# are in the next answer; after them the kept answers equal those of a newly
# started server, which has none; each repeated read is still audited.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"

setup_world
start_server --threads 1
login_all t.city t.village t.partner t.auditor

LIST="/children?area=$TOWN_A&limit=20"
SUMMARY="/stats/summary?area=$TOWN_A"

# ---- a repeated read: the same text ----
call t.city GET "$LIST"
status_is "the town's list" 200
L1=$BODY
call t.city GET "$LIST"
same "the town's list again: the same answer" "$BODY" "$L1"
json_ok "three children in the town" '.total == 3'
call t.city GET "$SUMMARY"
status_is "the town's summary" 200
S1=$BODY
call t.city GET "$SUMMARY"
same "the town's summary again: the same answer" "$BODY" "$S1"
json_ok "the summary counts three children" '.children == 3'

# ---- the caller's scope is in the key ----
call t.city GET "/children?limit=20"
json_ok "the city sees its four children" '.total == 4'
call t.village GET "/children?limit=20"
json_ok "the same URL for a village director: its village's two" \
    ".total == 2 and ([.items[].area] | all(. == \"$VILLAGE_A\"))"
call t.partner GET "/children?limit=20"
json_ok "the same URL for a partner without referrals: none" '.total == 0'
call t.village GET "/children?limit=20"
json_ok "the village director again: still its two" '.total == 2'

# ---- a change through the server's own connection ----
call_json t.city PATCH /children/1 '{"reason":"更名","name":"张小亮"}' -H 'If-Match: "1"'
status_is "a child renamed through the server" 200
call t.city GET "$LIST"
json_ok "the list shows the new name" '[.items[].name] | index("张小亮") != null and index("张小明") == null'
call_json t.city PATCH /children/2 "{\"reason\":\"搬到南城\",\"area\":\"$VILLAGE_B\"}" -H 'If-Match: "1"'
status_is "a child moved to another town through the server" 200
call t.city GET "$SUMMARY"
json_ok "the town's summary counts two children" '.children == 2'
call t.city GET "$LIST"
json_ok "the town's list has two" '.total == 2'

# ---- a change by another process ----
ID9=$(idnum 441900 20160101 009)
cat > one.csv <<CSV
姓名,公民身份号码,居住村(社区)代码,监护人姓名,监护人电话
新来的,$ID9,$VILLAGE_A,新监护,13800009999
CSV
"$SHOUHU" --db "$DB" import children one.csv >> init.log 2>&1 || { cat init.log; exit 1; }
call t.city GET "$SUMMARY"
json_ok "a child imported by the CLI is in the summary" '.children == 3'
S2=$BODY
call t.city GET "$LIST"
json_ok "and in the list" '.total == 3 and ([.items[].name] | index("新来的") != null)'
L2=$BODY

# ---- every repeated read is audited, with the records it showed ----
AUDIT=$(curl -sk -b "$WORK/t.auditor.jar" "$BASE/audit?limit=500&action=child.list&user=t.village")
same "each of the village director's two lists has its audit entry with its records" \
    "$(printf '%s' "$AUDIT" | jq -c '[.items[] | .records | sort]')" '[["1","2"],["1","2"]]'

# ---- the kept answers are those a new server gives ----
stop_server
start_server --threads 1
login_all t.city
call t.city GET "$SUMMARY"
same "the summary equals a new server's" "$BODY" "$S2"
call t.city GET "$LIST"
same "the list equals a new server's" "$BODY" "$L2"
stop_server

finish
