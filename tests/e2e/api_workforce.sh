#!/usr/bin/env bash
# The workforce and activities over HTTP (issue #7): the town's supervisor
# and a village's director are registered (a director only in a village, a
# supervisor only in a town, only within one's own area) with a training;
# the gaps list the villages without a director and the towns without a
# supervisor; activities of each level are counted like the seed's "541
# events, about 10,000 participants", and a town's own ones count in its
# monthly report; a social organisation of the city gives a service in a
# town, which the town evaluates.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
export SHOUHU_TODAY=2024-06-20
setup_world
start_server
login_all t.village t.other t.town t.city t.hotline t.auditor

# ---- supervisors and directors ----
call_json t.town POST /workers "{\"name\":\"王督导\",\"role\":\"supervisor\",\"area\":\"$TOWN_A\",\"phone\":\"13800000010\",\"appointed_on\":\"2023-03-01\"}"
status_is "the town registers its supervisor: 201" 201
SUP=$(printf '%s' "$BODY" | jq -r .id)
header_has "Location names it" "^location: /api/v1/workers/$SUP"
call_json t.village POST /workers '{"name":"李主任","role":"director","appointed_on":"2023-05-01"}'
status_is "a director registers in the own village by default" 201
call_json t.town POST /workers "{\"name\":\"错级\",\"role\":\"director\",\"area\":\"$TOWN_A\",\"appointed_on\":\"2023-05-01\"}"
problem_is "a director is recorded in a village, not a town" 422 workforce_director_village
call_json t.town POST /workers "{\"name\":\"外镇\",\"role\":\"supervisor\",\"area\":\"$TOWN_B\",\"appointed_on\":\"2023-05-01\"}"
problem_is "another town is out of scope" 404 no_such_area
call_json t.town POST /workers "{\"name\":\"未来\",\"role\":\"supervisor\",\"area\":\"$TOWN_A\",\"appointed_on\":\"2025-01-01\"}"
json_ok "an appointment after today is refused" '.status == 422 and .errors[0].field == "appointed_on"'
call_json t.town POST "/workers/$SUP/trainings" '{"trained_on":"2024-05-10","title":"儿童督导员业务培训","hours":16}'
status_is "a training is recorded" 201
call_json t.town POST "/workers/$SUP/trainings" '{"trained_on":"2024-05-10","title":"x","hours":0}'
json_ok "hours must be positive" '.status == 422 and .errors[0].field == "hours"'
call_json t.other POST "/workers/$SUP/trainings" '{"trained_on":"2024-05-10","title":"x","hours":2}'
problem_is "another area's worker is 404" 404 workforce_not_found
call t.town GET "/workers?current=1"
json_ok "the town's register: both, with the training" '(.items | length) == 2 and
    ([.items[] | select(.role == "supervisor")][0] | .trainings == 1 and .training_hours == 16 and .last_training == "2024-05-10")'
call t.other GET /workers
json_ok "another village sees none of them" '.items == []'
call t.town GET /workers/gaps
json_ok "the gaps of the town: no town without its supervisor, the villages without a director" ".towns_without_supervisor == 0 and
    .villages_without_director == (.villages | length) and .villages_without_director > 1 and
    ([.villages[].area] | index(\"$VILLAGE_A\") == null) and ([.villages[].area] | index(\"$VILLAGE_A2\") != null)"
call t.city GET /workers/gaps
json_ok "the city: every other town lacks its supervisor" ".towns_without_supervisor > 30 and ([.towns[].area] | index(\"$TOWN_A\") == null)"
call t.hotline GET /workers
status_is "the hotline has no register: 403" 403

# ---- activities ----
call_json t.village POST /activities '{"held_on":"2024-06-01","title":"六一儿童节游园","kind":"care","participants":30}'
status_is "a village's activity" 201
call_json t.town POST /activities "{\"area\":\"$TOWN_A\",\"held_on\":\"2024-06-12\",\"title\":\"未成年人保护法宣传\",\"kind\":\"publicity\",\"participants\":100}"
status_is "the town's own activity" 201
call_json t.city POST /activities "{\"area\":\"$CITY\",\"level\":\"town\",\"held_on\":\"2024-06-12\",\"title\":\"x\",\"kind\":\"publicity\",\"participants\":1}"
problem_is "the level must be the area's" 422 workforce_level_area
call_json t.city POST /activities "{\"area\":\"$CITY\",\"held_on\":\"2024-06-12\",\"title\":\"x\",\"kind\":\"party\",\"participants\":1}"
json_ok "an unknown kind is refused, naming the kinds" '.status == 422 and .errors[0].field == "kind" and (.errors[0].message | contains("publicity"))'
call_json t.city POST /activities "{\"area\":\"$CITY\",\"held_on\":\"2024-06-12\",\"title\":\"x\",\"kind\":\"care\",\"participants\":\"many\"}"
json_ok "participants are a whole number" '.status == 422 and .errors[0].field == "participants"'
call t.town GET "/activities?from=2024-06-01&to=2024-06-30"
json_ok "counted: 2 events, 130 participants" '.events == 2 and .participants == 130 and (.items | length) == 2'
call t.village GET /activities
json_ok "the village counts its own" '.events == 1 and .participants == 30'
call_json t.town POST /monthly-reports "{\"month\":\"2024-06\",\"area\":\"$TOWN_A\"}"
json_ok "the town's monthly report counts its villages' and its own activities" '.figures["activities.events"] == 2 and .figures["activities.participants"] == 130'

# ---- social organisations ----
call_json t.city POST /social-orgs "{\"name\":\"东莞市阳光社会工作服务中心\",\"area\":\"$CITY\",\"contact\":\"陈社工\",\"phone\":\"0769-22220000\"}"
status_is "the city registers a social organisation" 201
ORG=$(printf '%s' "$BODY" | jq -r .id)
call_json t.city POST /social-orgs "{\"name\":\"东莞市阳光社会工作服务中心\"}"
problem_is "a name is registered once" 409 workforce_org_exists
call_json t.town POST "/social-orgs/$ORG/services" "{\"title\":\"困境儿童个案服务\",\"started_on\":\"2024-03-01\",\"children_served\":15}"
status_is "the town records its service in the town" 201
SVC=$(printf '%s' "$BODY" | jq -r .id)
call_json t.town POST "/social-services/$SVC/evaluation" '{"evaluation":"great"}'
json_ok "an unknown evaluation is refused" '.status == 422 and .errors[0].field == "evaluation"'
call_json t.other POST "/social-services/$SVC/evaluation" '{"evaluation":"poor"}'
problem_is "another area cannot evaluate it" 404 workforce_not_found
call_json t.town POST "/social-services/$SVC/evaluation" '{"evaluation":"good","note":"按期完成走访"}'
json_ok "the town evaluates it" '.evaluation == "good"'
call t.town GET /social-orgs
json_ok "the town sees the organisation and its service, evaluated" '(.items | length) == 1 and
    (.items[0].services[0] | .evaluation == "good" and .children_served == 15 and .evaluated_on == "2024-06-20")'
call t.other GET /social-orgs
json_ok "another town's village sees the organisation, not the town's service" '(.items | length) == 1 and .items[0].services == []'
audit_has "evaluations are audited" "(.action == \"social_service.evaluate\" and (.records | tostring | contains(\"social_service:$SVC\")))"

# ---- the command line ----
stop_server
expect "report activities counts like the seed" "共开展活动2场，参与130人次" "$SHOUHU" --db "$DB" report activities --area "$TOWN_A" --from 2024-06-01 --to 2024-06-30
expect "and lists them with --list" "未成年人保护法宣传" "$SHOUHU" --db "$DB" report activities --list
check_fails "a bad day is refused" "$SHOUHU" --db "$DB" report activities --from 2024-13-01
expect "report workforce lists the gaps of a town" "0个镇街未配备儿童督导员" "$SHOUHU" --db "$DB" report workforce --area "$TOWN_A"
expect "naming a village without its director" "花园新村社区" "$SHOUHU" --db "$DB" report workforce --area "$TOWN_A"
finish
