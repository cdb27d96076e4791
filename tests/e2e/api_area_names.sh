#!/usr/bin/env bash
# Village names kept by a serving thread between list pages (issue #8,
# page2), against the real server with one serving thread (so that every
# request meets the same thread's names): a page names each item's village
# as the record's own page does; an area renamed by another process (the
# area table's change count moves) is named anew by the next page, and by a
# page the thread had not served; the kept names then equal those of a newly
# started server.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"

setup_world
start_server --threads 1
login_all t.city

LIST="/children?area=$TOWN_A&limit=20"
name_of_village() { jq -r --arg v "$VILLAGE_A" '[.items[] | select(.area == $v) | .area_name] | unique | join(",")' <<< "$BODY"; }

call t.city GET /children/1
status_is "a record of village A" 200
OWN=$(jq -r .area_name <<< "$BODY")
check "the record names its village" test -n "$OWN" -a "$OWN" != null
call t.city GET "$LIST"
status_is "the town's page" 200
same "the page names village A as the record does" "$(name_of_village)" "$OWN"
call t.city GET "/children?area=$TOWN_A&limit=10"
same "a second page from the kept names: the same name" "$(name_of_village)" "$OWN"

V0=$(db "SELECT n FROM area_version")
check "a rename by another process" db "UPDATE area SET name = '新名社区' WHERE code = '$VILLAGE_A'"
V1=$(db "SELECT n FROM area_version")
check "the area table's change count moved" test "$V1" -gt "$V0"
call t.city GET "$LIST"
same "the next page names the new name" "$(name_of_village)" "新名社区"
call t.city GET "/children?area=$TOWN_A&limit=5"
same "a page the thread had not served: the new name" "$(name_of_village)" "新名社区"
KEPT=$BODY

check "renamed back" db "UPDATE area SET name = '$OWN' WHERE code = '$VILLAGE_A'"
call t.city GET "$LIST"
same "renamed back: the old name again" "$(name_of_village)" "$OWN"
check "and once more" db "UPDATE area SET name = '新名社区' WHERE code = '$VILLAGE_A'"
call t.city GET "/children?area=$TOWN_A&limit=5"
same "a kept page after two renames: the latest name" "$BODY" "$KEPT"

stop_server
start_server --threads 1
login_all t.city
call t.city GET "/children?area=$TOWN_A&limit=5"
same "a newly started server, which keeps nothing, answers the same" "$BODY" "$KEPT"
stop_server
finish
