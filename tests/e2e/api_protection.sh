#!/usr/bin/env bash
# Protection over HTTP (issue #6, without the rescue centre), against the
# real server: a school's mandatory report taken by the hotline, from intake
# to closure, with the police's response and the reporter told; bad input
# changes nothing; an overdue referral escalating to the town's supervisor
# and then to the city (the server restarted with later SHOUHU_TODAY); a
# home visit that opens a case and moves the next visit's due date; the
# hotline's call log; and the scope rules: a partner sees only what was
# referred to its unit, a village director only its village, the reporter
# masked for roles that do not need to know who reported. Then the review's
# follow-ups: ?child= and ?risk=, a report made from a hotline call linked
# back to it, and a partner's answer counting as a case's first action.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
export SHOUHU_TODAY=2024-06-01
# SHOUHU_TODAY fixes the date, not the time of day (the clock's own): a time
# on "today" given below is the day's first second or so, never later than the
# real time of day. At 08:00 it was in the future from 00:00 to 08:00 in
# Shanghai, and a CI run at 00:10 refused the first report.
setup_world
add_accounts "t.edu partner $CITY education" "t.court partner $CITY court" "t.civil partner $CITY civil_affairs" \
    "t.sw partner $CITY social_work"
start_server
login_all t.city t.town t.village t.other t.hotline t.partner t.edu t.court t.civil t.sw t.auditor

# ---- intake: a school's report about 张小明 (record 1, 岗贝社区, aged 12) ----
REPORT='{"reporter":{"name":"王老师","unit":"东城第一小学","sector":"school","phone":"13800001111"},
 "child_id":1,"place":"岗贝社区","occurred_at":"2024-05-31","triggers":["multiple_injuries"],
 "seen":"手臂多处淤青，自述被父亲殴打","received_at":"2024-06-01T00:00:00+08:00","via":"phone"}'
call_json t.hotline POST /reports "$REPORT"
status_is "the hotline takes a school's report: 201" 201
json_ok "it answers the case's id and number" '.case.id == 1 and .case.number == "DG-2024-000001" and .case.status == "reported"'
header_has "Location names the case" '^location: /api/v1/cases/1'
json_ok "the police get a referral at once, due the next day" \
    '[.referrals[] | select(.unit == "police")][0] | .kind == "referral" and .due == "2024-06-02" and (.sent_at | startswith("2024-06-01T"))'
json_ok "civil affairs and education are told" \
    '([.referrals[] | select(.kind == "notice") | .unit] | sort) == ["civil_affairs", "education"]'

call_json t.hotline POST /reports '{"reporter":{"name":"某人","sector":"spaceship"},"child_id":1,"triggers":[],"seen":"x"}'
json_ok "a bad report is 422 naming each field" \
    '.status == 422 and ([.errors[].field] | index("reporter.sector") != null and index("triggers") != null)'
call_json t.hotline POST /reports '{"reporter":{"name":"某人","sector":"hotel"},"child_id":1,"triggers":"abandoned","seen":"x"}' -H 'Accept-Language: en'
json_ok "triggers are a list, in English when asked" '.status == 422 and .errors[0].field == "triggers" and (.errors[0].message | contains("array"))'
call_json t.hotline POST /reports '{"reporter":{"name":"某人","sector":"hotel"},"child_id":1,"triggers":["abandoned"],"seen":"x","occurred_at":"2024-06-02"}'
json_ok "what happened is not in the future" '.status == 422 and .errors[0].field == "occurred_at"'
call_json t.hotline POST /reports '{"reporter":{"name":"某人","sector":"hotel"},"triggers":["abandoned"],"seen":"x"}'
json_ok "a report names a child or a place" '.status == 422 and .errors[0].code == "child_or_area"'
call_json t.village POST /reports "{\"reporter\":{\"name\":\"某人\",\"sector\":\"hotel\"},\"child\":{\"apparent_age\":5},\"area\":\"$VILLAGE_B\",\"triggers\":[\"abandoned\"],\"seen\":\"x\"}"
json_ok "a village director cannot report a place outside its village" '.status == 422 and .errors[0].code == "not_village_area"'
call t.city GET /cases
json_ok "bad reports changed nothing" '(.items | length) == 1'

# a hospital's report about 陈小华 (record 4, 鸿福社区 of 南城, aged 5): no education
call_json t.city POST /reports '{"reporter":{"name":"李医生","unit":"市人民医院","sector":"hospital"},"child_id":4,"triggers":["abandoned"],"seen":"独自在医院门口"}'
status_is "the city takes a hospital's report: 201" 201
json_ok "the second case of the year" '.case.number == "DG-2024-000002"'
json_ok "a 5-year-old's report from a hospital tells no school" '([.referrals[].unit] | sort) == ["civil_affairs", "police"]'

# ---- scope ----
call t.city GET /cases/1
json_ok "civil affairs sees who reported" '.reporter.name == "王老师" and .reporter.phone == "13800001111" and .reporter.masked == false'
call t.town GET /cases/1
json_ok "the town's supervisor sees the reporter masked" '.reporter.name == "王**" and .reporter.unit == null and .reporter.phone == "138****1111" and .reporter.sector == "school"'
call t.village GET /cases/1
status_is "the village director sees its village's case" 200
call t.other GET /cases/1
problem_is "another village's director does not" 404 case_not_found
call t.other GET /cases
json_ok "and lists only its own" '(.items | length) == 1 and .items[0].number == "DG-2024-000002"'
call t.partner GET /referrals
json_ok "the police's inbox holds both police referrals" '(.items | length) == 2 and ([.items[].unit] | unique) == ["police"]'
json_ok "each with what the unit needs to act" '[.items[] | select(.case_id == 1)][0].case.seen == "手臂多处淤青，自述被父亲殴打"'
call t.edu GET /referrals
json_ok "education sees only the notice about the schoolchild" '(.items | length) == 1 and .items[0].case_id == 1 and .items[0].kind == "notice"'
call t.edu GET /cases/2
problem_is "education cannot open the hospital's case" 404 case_not_found
call t.court GET /cases/1
problem_is "a unit nothing was referred to sees nothing" 404 case_not_found
call t.court GET /cases
json_ok "and lists nothing" '(.items | length) == 0'
call t.edu GET /cases/1
json_ok "education sees only its own referral and timeline entries" \
    '([.referrals[].unit] | unique) == ["education"] and ([.timeline[].unit] | unique) == ["education"] and .interventions == [] and .reporter.masked'
call t.village GET /hotline-calls
status_is "a village director has no hotline log: 403" 403

# ---- from intake to closure ----
call_json t.city POST /cases/1/steps '{"step":"close","outcome":"resolved"}'
problem_is "closing a reported case is refused" 409 case_bad_step
json_ok "saying why in Chinese" '.detail | contains("已报告")'
call_json t.city POST /cases/1/steps '{"step":"assess","note":"x"}'
json_ok "an assessment needs the risk and the guardianship" '.status == 422 and ([.errors[].field] | sort) == ["guardianship", "risk"]'
call_json t.town POST /cases/1/steps '{"step":"assess","risk":"high","guardianship":"unwilling","note":"入户核实"}'
status_is "the town assesses" 200
json_ok "assessed, with its assessor as owner and the time to first action" \
    '.status == "assessed" and .risk == "high" and .guardianship == "unwilling" and .owner == "t.town" and .first_action_seconds > 0'
call_json t.city POST /cases/1/steps '{"step":"plan","note":"训诫监护人，转介妇联家庭教育指导"}'
json_ok "a plan" '.status == "planned" and (.allowed_steps | index("review") != null)'
call_json t.city POST /cases/1/referrals '{"unit":"women_federation","due":"2024-06-20","note":"家庭教育指导"}'
status_is "a referral to the women's federation: 201" 201
json_ok "with its due date" '.unit == "women_federation" and .due == "2024-06-20" and .status == "pending"'
call_json t.city POST /cases/1/referrals '{"unit":"women_federation","due":"2024-05-01"}'
json_ok "a due date in the past is refused" '.status == 422 and .errors[0].code == "due_past"'
call_json t.city POST /cases/1/interventions '{"kind":"admonition","target":"张大山（父）","note":"公安训诫"}'
status_is "an admonition (训诫) is recorded: 201" 201
call_json t.city POST /cases/1/interventions '{"kind":"admonition","court_result":"revoked"}'
json_ok "only a revocation has a court result" '.status == 422 and .errors[0].code == "court_result_only"'
call_json t.city POST /cases/1/interventions '{"kind":"revocation","court_result":"pending","note":"向法院申请撤销监护资格"}'
status_is "an application to revoke guardianship, pending" 201
POLICE=$(curl -sk -b "$WORK/t.partner.jar" "$BASE/referrals" | jq '[.items[] | select(.case_id == 1)][0].id')
call_json t.partner POST "/referrals/$POLICE/response" '{"decision":"accept","note":"已派民警出警"}'
json_ok "the police accept" '.status == "accepted" and .responded_by == "t.partner"'
call_json t.partner POST "/referrals/$POLICE/response" '{"decision":"decline","reason":"x"}'
problem_is "an accepted referral cannot be declined" 409 referral_bad_state
call_json t.partner POST "/referrals/$POLICE/response" '{"decision":"done"}'
json_ok "closing a referral says what was done" '.status == 422 and .errors[0].field == "action"'
call_json t.partner POST "/referrals/$POLICE/response" '{"decision":"done","action":"已对监护人训诫并出具告诫书"}'
json_ok "the police record what they did" '.status == "done" and .action == "已对监护人训诫并出具告诫书"'
EDU=$(curl -sk -b "$WORK/t.edu.jar" "$BASE/referrals" | jq '.items[0].id')
call_json t.partner POST "/referrals/$EDU/response" '{"decision":"accept"}'
problem_is "the police cannot answer education's notice" 404 referral_not_found
call_json t.edu POST "/referrals/$EDU/response" '{"decision":"decline","reason":"x"}'
problem_is "a notice is only read" 409 notice_accept_only
call_json t.city POST /cases/1/reporter-notified '{"note":"x"}'
problem_is "the reporter is told once the case is closed" 409 case_not_closed
call_json t.city POST /cases/1/steps '{"step":"review","note":"回访：孩子已返校，伤情好转"}'
json_ok "a review" '.status == "review"'
call_json t.city POST /cases/1/steps '{"step":"close","outcome":"resolved","note":"监护人已改正"}'
json_ok "closed with its outcome" '.status == "closed" and .outcome == "resolved"'
call_json t.city POST /cases/1/referrals '{"unit":"health"}'
problem_is "a closed case takes no referral" 409 case_closed
call_json t.city POST /cases/1/reporter-notified '{"note":"电话告知王老师处理结果"}'
json_ok "the reporter was told, and that is recorded" '.reporter_notified_by == "t.city" and (.reporter_notified_at | startswith("2024-06-01"))'
call t.city GET /cases/1
json_ok "the timeline has every step in order" \
    '[.timeline[].step] == ["report","referral","notice","notice","assess","plan","referral","intervention","intervention","response","response","review","close","reporter_notified"]'
json_ok "each with its time and author" '[.timeline[] | select(.at == null or .author == null)] == []'
json_ok "the police's response is in the case" '[.referrals[] | select(.unit == "police")][0].status == "done"'
json_ok "and the interventions, the court's result with them" '[.interventions[].kind] == ["admonition","revocation"] and .interventions[1].court_result == "pending"'
call_json t.city POST /cases/1/steps '{"step":"reopen","note":"再次发现伤情"}'
json_ok "a closed case is reopened" '.status == "reported" and .outcome == null'
audit_has "reading a case is audited with the case and the child" '.action == "case.read" and (.records | index("case:1") != null and index("1") != null) and .account == "t.edu"'
audit_has "a partner's answer is audited" '.action == "referral.respond" and .account == "t.partner" and .success'

# ---- a home visit that finds a problem ----
call t.village GET /visits/due
json_ok "张小明 (de facto unsupported, never visited) is due" '[.items[] | select(.child_id == 1)][0] | .months == 1 and .due == "2022-01-01"'
json_ok "children without a category are not" '[.items[] | select(.child_id == 2)] == []'
call t.other GET /visits/due
json_ok "another village's director does not see him" '[.items[] | select(.child_id == 1)] == []'
call_json t.village POST /children/4/visits '{"visited_on":"2024-06-01","kind":"home","care":"good","findings":"x"}'
problem_is "no visits to another village's child" 404 child_not_found
call_json t.village POST /children/1/visits '{"visited_on":"2024-06-02","kind":"home","care":"good","findings":"x"}'
json_ok "a visit is not in the future" '.status == 422 and .errors[0].code == "future_date"'
call_json t.village POST /children/1/visits '{"visited_on":"2024-06-01","kind":"home","seen":"孩子和祖母","care":"poor","findings":"孩子独自在家两天，无人做饭","risk":"high","needs":"临时照料","open_case":true,"triggers":["abandoned"]}'
status_is "the village director records a visit: 201" 201
json_ok "which opens a case in one step" '.case.number == "DG-2024-000003" and .care == "poor"'
json_ok "and moves the next visit a month on" '.next_due == "2024-07-01"'
call t.city GET /cases/3
json_ok "the visit's case is the child's, from a visit, with the police told" \
    '.source == "visit" and .child_id == 1 and .seen == "孩子独自在家两天，无人做饭" and ([.referrals[].unit] | index("police") != null)'
call t.village GET /children/1/visits
json_ok "the child's visits" '(.items | length) == 1 and .items[0].case.number == "DG-2024-000003" and .next_due == "2024-07-01" and .months == 1'
call t.village GET /visits/due
json_ok "no longer due today" '[.items[] | select(.child_id == 1)] == []'
call t.village GET "/visits/due?days=30"
json_ok "but within 30 days" '[.items[] | select(.child_id == 1)][0].due == "2024-07-01"'

# ---- the hotline ----
call_json t.hotline POST /hotline-calls '{"received_at":"2024-06-01T00:00:00+08:00","caller_name":"李女士","caller_phone":"13900002222","area":"441900003001","asks":"policy_question","question":"事实无人抚养儿童怎么申请","answer":"向村（居）委会提出申请"}'
status_is "a call is logged: 201" 201
json_ok "with the time from the call to its answer" '.first_action_seconds > 0 and .case == null'
call_json t.hotline POST /hotline-calls "{\"received_at\":\"2024-06-01T00:00:01+08:00\",\"caller_name\":\"张先生\",\"asks\":\"report_harm\",\"question\":\"邻居家孩子常被关在门外\",\"area\":\"$VILLAGE_A2\",\"open_case\":true,\"triggers\":[\"abandoned\"]}"
json_ok "a call becomes a case" '.case.number == "DG-2024-000004"'
call_json t.hotline POST /hotline-calls '{"received_at":"2024-06-01T00:00:01+08:00","asks":"report_harm","question":"x","open_case":true}'
json_ok "a call that opens a case needs its triggers" '.status == 422 and .errors[0].field == "triggers"'
call t.hotline GET /hotline-calls
json_ok "the call log, newest first" '(.items | length) == 2 and .items[0].case.number == "DG-2024-000004" and .items[1].caller_phone == "13900002222"'
call t.town GET /hotline-calls
json_ok "the town sees callers masked" '[.items[] | select(.caller_phone != null)][0].caller_phone == "139****2222"'

# ---- a partner's plain form, and the code lists ----
call_json t.edu POST /reports "{\"reporter\":{\"name\":\"赵校长\",\"unit\":\"南城中心小学\",\"sector\":\"school\"},\"child\":{\"sex\":\"male\",\"apparent_age\":9,\"description\":\"三年级男孩\"},\"area\":\"$VILLAGE_B\",\"triggers\":[\"abandoned\"],\"seen\":\"连续一周无人接送\"}"
json_ok "a partner unit reports through the plain form" '.case.number == "DG-2024-000005"'
call t.edu GET /cases/5
json_ok "and follows it through its own notice, the child described" '.child.apparent_age == 9 and ([.referrals[].unit] == ["education"])'
call t.hotline GET /protection/codes
json_ok "the code lists name the nine triggers, in Chinese and English" '(.trigger | length) == 9 and .intervention[1].zh == "训诫" and (.sector | map(.code) | index("school") != null)'

# ---- overdue referrals escalate: first to the town, then to the city ----
restart_on 2024-06-04
call t.town GET "/cases?overdue=1"
json_ok "东城's supervisor has its own late cases (the visit's and the call's)" '([.items[].id] | sort) == [3, 4]'
json_ok "and not 南城's" '[.items[] | select(.id == 2)] == []'
call t.town GET /cases/3
json_ok "escalated to the town's supervisor" '[.referrals[] | select(.unit == "police")][0].escalation == "town_supervisor"'
call t.city GET "/cases?overdue=1"
json_ok "the city's overdue list has case 2, not the closed-out police referral of case 1" \
    '([.items[].id] | index(2) != null) and ([.items[].id] | index(1) == null)'
call t.city GET /cases/2
json_ok "late by 2 days: the town's supervisor is told" \
    '[.referrals[] | select(.unit == "police")][0] | .overdue and .days_late == 2 and .escalation == "town_supervisor"'
call t.partner GET "/referrals?overdue=1"
json_ok "the police see it overdue in their inbox" '[.items[].case_id] | index(2) != null'
restart_on 2024-06-10
call t.city GET /cases/2
json_ok "late by 8 days: escalated to the city" \
    '[.referrals[] | select(.unit == "police")][0] | .days_late == 8 and .escalation == "city_staff"'
json_ok "notices are never overdue" '[.referrals[] | select(.kind == "notice")][0].overdue == false'
call t.city GET "/cases?overdue=1&mine=1"
json_ok "the city's own overdue cases" '[.items[].number] | index("DG-2024-000002") != null'

# ---- follow-ups from review: a child's cases, the risk filter, a report from a call, a partner's first action ----
call t.city GET "/cases?child=1"
json_ok "?child= lists exactly that child's cases (the report and the visit)" '([.items[].id] | sort) == [1, 3] and ([.items[].child_id] | unique) == [1]'
call t.city GET "/cases?child=4"
json_ok "and another child's only its own" '[.items[].id] == [2]'
call t.other GET "/cases?child=1"
json_ok "a child outside the caller's village: nothing" '.items == []'
call t.city GET "/cases?risk=high"
json_ok "?risk= lists the cases assessed at that risk" '(.items | length) >= 1 and ([.items[].risk] | unique) == ["high"] and ([.items[].id] | index(2) == null)'
call t.city GET "/cases?risk=critical&child=1"
json_ok "the filters combine" '.items == []'
call t.city GET "/cases?risk=severe"
json_ok "an unknown risk is 400 naming the parameter" '.status == 400 and .errors[0].field == "risk"'

call_json t.hotline POST /hotline-calls "{\"received_at\":\"2024-06-10T00:00:00+08:00\",\"caller_name\":\"周女士\",\"asks\":\"report_harm\",\"question\":\"楼下孩子深夜哭喊\",\"area\":\"$VILLAGE_A2\"}"
CALL=$(printf '%s' "$BODY" | jq '.id')
json_ok "a call that is not yet a case" '.case == null'
FROM_CALL="{\"reporter\":{\"name\":\"周女士\",\"sector\":\"other\"},\"child\":{\"apparent_age\":6},\"area\":\"$VILLAGE_A2\",\"triggers\":[\"multiple_injuries\"],\"seen\":\"楼下孩子深夜哭喊\",\"via\":\"phone\",\"hotline_call\":$CALL}"
call_json t.other POST /reports "${FROM_CALL/$VILLAGE_A2/$VILLAGE_B}"
problem_is "a call outside the caller's area cannot be named" 404 hotline_call_not_found
json_ok "the problem names the field" '.errors[0].field == "hotline_call"'
call_json t.partner POST /reports "$FROM_CALL"
problem_is "a role without the call log cannot name a call" 404 hotline_call_not_found
call t.city GET /cases
CASES_BEFORE=$(printf '%s' "$BODY" | jq '.items | length')
call_json t.hotline POST /reports "$FROM_CALL"
status_is "the hotline turns the call into a mandatory report: 201" 201
FROM_CALL_CASE=$(printf '%s' "$BODY" | jq '.case.id')
call t.hotline GET /hotline-calls
json_ok "the call now shows its case" "[.items[] | select(.id == $CALL)][0].case.id == $FROM_CALL_CASE"
call_json t.hotline POST /reports "$FROM_CALL"
problem_is "a call becomes one case only" 409 hotline_call_has_case
call t.city GET /cases
json_ok "and the refused report opened nothing" "(.items | length) == $CASES_BEFORE + 1"

call t.civil GET /referrals
json_ok "civil affairs has partner accounts: its inbox holds the reports' notices" \
    '(.items | length) >= 5 and ([.items[].unit] | unique) == ["civil_affairs"] and ([.items[].kind] | unique) == ["notice"]'
call_json t.city POST /cases/4/referrals '{"unit":"social_work","note":"社工入户陪伴"}'
status_is "a case is referred to a social-work organisation" 201
call t.sw GET /referrals
json_ok "whose partner account sees exactly that referral" '(.items | length) == 1 and .items[0].case_id == 4 and .items[0].unit == "social_work"'

call t.city GET /cases/2
json_ok "case 2 has had no first action yet" '.first_action_seconds == null and (.updated_at | startswith("2024-06-01"))'
POLICE2=$(curl -sk -b "$WORK/t.partner.jar" "$BASE/referrals" | jq '[.items[] | select(.case_id == 2 and .unit == "police")][0].id')
call_json t.partner POST "/referrals/$POLICE2/response" '{"decision":"accept","note":"已派民警核实"}'
status_is "the police accept case 2's referral" 200
call t.city GET /cases/2
json_ok "a partner's answer is the case's first action" '.first_action_seconds > 0 and (.first_action_at | startswith("2024-06-10"))'
json_ok "and updates the case" '(.updated_at | startswith("2024-06-10")) and .timeline[-1].step == "response" and .timeline[-1].author == "t.partner"'
call t.city GET /cases/1
json_ok "where a person acted first, a partner's later answer leaves the first action as it was" \
    '.first_action_at == ([.timeline[] | select(.step == "assess")][0].at)'

stop_server

# ---- the command line: the administrator's view, and the settings ----
sh() { SHOUHU_TODAY=2024-06-10 "$SHOUHU" --db "$WORK/$DB" "$@"; }
expect "case show names the reporter in full" "王老师" sh case show DG-2024-000001
expect "with the timeline" "reporter_notified" sh case show 1
expect "case list --overdue has the late case" "DG-2024-000002" sh case list --overdue
expect "case show says where a late referral went" "city_staff" sh case show 2
check_fails "an unknown case is refused" sh case show DG-2024-999999
expect "a setting out of range is refused with the range" "1-365" sh case settings protection.escalate_city_days 0
check "a setting is set" sh case settings protection.escalate_city_days 10
expect "and shown" "protection.escalate_city_days = 10" sh case settings
expect "with the city 10 days away, 8 days late is again the town's" "town_supervisor" sh case show 2
audit_db() { sqlite3 "$WORK/$DB.audit" "SELECT count(*) FROM audit WHERE action = '$1' AND account LIKE 'cli:%'"; }
check "the command line's readings are audited" test "$(audit_db case.read)" -ge 2

# ---- the demo: protection work at every stage ----
"$SHOUHU" --db demo.db init --admin-password-file pw > /dev/null 2>&1
expect "the demo adds visits, cases and calls" "次探访" env SHOUHU_TODAY=2024-06-01 "$SHOUHU" --db demo.db demo --minors 2000
check "with cases closed, in service and overdue" test "$(sqlite3 demo.db "SELECT count(DISTINCT status) FROM protect_case")" -ge 5
check "and referrals past due" test "$(sqlite3 demo.db "SELECT count(*) FROM case_referral WHERE status = 'pending' AND kind = 'referral' AND due < '2024-06-01'")" -ge 1
finish
