#!/usr/bin/env bash
# The rescue centre over HTTP (issue #6, rescue): an unidentified child is
# admitted and gets its deadlines; as the server's "today" moves (the server
# restarted with another SHOUHU_TODAY) the family-search notice and the DNA
# sample fall overdue and the child becomes long-term stranded; the child is
# identified later and linked to its ledger record, then discharged; a
# known child is admitted once; the month's figures follow. Scope: a
# village director has no access, a town supervisor sees only the
# admissions of the town's children (never an unidentified child's), and
# another town gets 404. Bad input answers 422 or 409 and changes nothing.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
export SHOUHU_TODAY=2024-06-01
setup_world
add_accounts "t.townb town_supervisor $TOWN_B"
start_server
login_all t.rescue t.city t.town t.townb t.village t.auditor

# ---- institutions ----
call t.rescue GET /institutions
status_is "the institutions are listed" 200
json_ok "the welfare centre has its 900 child beds, all free" \
    '.items[] | select(.kind == "welfare_centre") | .beds == 900 and .present == 0 and .free == 900'
json_ok "the rescue centre is there" '[.items[] | select(.kind == "rescue_centre")] | length == 1'

# ---- an unidentified child ----
UNKNOWN='{"apparent_age":8,"sex":"male","found_place":"东莞火车站候车室","found_on":"2024-05-31",
  "description":"男童，约8岁，身穿蓝色外套，说普通话","ground":"homeless_unidentified","placement":"rescue_centre",
  "admitted_on":"2024-06-01","case_ref":"DG-2024-000001"}'
call_json t.rescue POST /admissions "$UNKNOWN"
status_is "an unidentified child is admitted: 201" 201
header_has "Location names the admission" '^location: /api/v1/admissions/1'
json_ok "at the centre's level, unidentified, under temporary guardianship" \
    '.id == 1 and .child_id == null and .arrived_unidentified and .area == "441900000000" and .guardianship == "temporary" and .status == "present"'
json_ok "its three deadlines: notice the next day, DNA in a month, stranded at 3 months" \
    '[.deadlines[] | [.kind, .due, .state]] == [["family_search_notice","2024-06-02","pending"],["dna_sample","2024-07-01","pending"],["long_term_stranded","2024-09-01","pending"]]'
json_ok "nothing is overdue yet" '.overdue == false and .stay_days == 0'
json_ok "the timeline starts with the admission" '.timeline[0].kind == "admitted" and .timeline[0].on == "2024-06-01" and .timeline[0].recorded_by == "t.rescue"'

call t.rescue GET /institutions
json_ok "the rescue centre counts the child" '.items[] | select(.kind == "rescue_centre") | .present == 1'

# ---- bad input changes nothing ----
call_json t.rescue POST /admissions '{"apparent_age":8,"sex":"male","found_place":"x","found_on":"2024-05-31","description":"x","placement":"rescue_centre"}'
json_ok "without a ground: 422 naming it" '.status == 422 and ([.errors[].field] | index("ground"))'
call_json t.rescue POST /admissions '{"child_id":1,"description":"x","ground":"other","placement":"rescue_centre"}'
json_ok "a known child and a description: 422" '.status == 422 and .errors[0].code == "rescue_known_or_unknown"'
call_json t.rescue POST /admissions '{"apparent_age":30,"sex":"dog","found_place":"x","found_on":"2024-06-09","description":"x","ground":"begging","placement":"hotel","admitted_on":"2024-06-09"}'
json_ok "every wrong field is named" \
    '.status == 422 and ([.errors[].field] | sort) == (["admitted_on","apparent_age","found_on","ground","placement","sex"] | sort)'
call_json t.rescue POST /admissions '{"child_id":999,"ground":"other","placement":"rescue_centre"}'
json_ok "no such child: 422" '.status == 422 and .errors[0].field == "child_id"'
call_json t.rescue POST /admissions '{"ground":"other"'
status_is "broken JSON: 400" 400
call t.rescue GET '/admissions?status=all'
json_ok "still one admission" '.total == 1'

# ---- scope ----
call t.village GET /admissions
problem_is "a village director cannot read admissions" 403 no_permission
call t.village GET /admissions/1
status_is "nor one admission" 403
call t.town GET /admissions
json_ok "a town supervisor does not see an unidentified child (the centre's)" '.total == 0'
call t.town GET /admissions/1
problem_is "and gets 404 for it" 404 admission_not_found
call_json t.town POST /admissions "$UNKNOWN"
status_is "a town supervisor cannot admit" 403

# ---- two days later: the notice is overdue ----
restart_on 2024-06-03
call t.rescue GET /admissions/1
json_ok "the family-search notice is overdue" '(.deadlines[0].state == "overdue") and .overdue and .stay_days == 2'
call t.rescue GET /admissions
json_ok "the board flags it" '.items[0].id == 1 and .items[0].overdue'
call_json t.rescue POST /admissions/1/steps '{"kind":"family_search_notice","note":"东莞市民政局网站、全国救助寻亲网发布"}'
status_is "the notice is recorded" 200
json_ok "done today, nothing overdue" '.deadlines[0].state == "done" and .deadlines[0].done == "2024-06-03" and (.overdue | not)'
call_json t.rescue POST /admissions/1/steps '{"kind":"family_search_notice"}'
problem_is "a second notice is a conflict" 409 rescue_state_done
call_json t.rescue POST /admissions/1/steps '{"kind":"long_term"}'
json_ok "long-term guardianship needs its Art. 94 ground" '.status == 422 and .errors[0].field == "ground"'
call_json t.rescue POST /admissions/1/steps '{"kind":"dna_sample","on":"2024-05-01"}'
json_ok "a step before the admission is refused" '.status == 422 and .errors[0].code == "rescue_before_admission"'
call_json t.rescue POST /admissions/1/steps '{"kind":"fly"}'
json_ok "an unknown step is refused" '.status == 422 and .errors[0].field == "kind"'
call t.rescue GET /admissions/1
json_ok "refused steps left nothing on the timeline" '[.timeline[].kind] == ["admitted","family_search_notice"]'

# ---- three months later: DNA overdue, stranded ----
restart_on 2024-09-02
call t.rescue GET /admissions/1
json_ok "the DNA sample is overdue and the child is long-term stranded" \
    '.deadlines[1].state == "overdue" and .deadlines[2].state == "overdue" and .stay_days == 93'
call t.rescue GET '/rescue/stats?month=2024-09'
json_ok "the figures before identification: one here, stranded" '.present == 1 and .stranded == 1 and .retention_rate == "100.0"'
# the city's supervision list carries the centre's deadlines, and filters by one kind of them
call t.city GET '/supervision/overdue?kind=rescue'
json_ok "the overdue list has the centre's DNA sample and stranded child, for the rescue centre" \
    '([.items[] | select(.record == "admission:1") | .kind] | sort) == ["rescue.dna_sample","rescue.stranded"]'
call t.city GET '/supervision/overdue?kind=rescue.dna_sample'
json_ok "a filter by one kind of the centre's deadlines lists only that kind" \
    '.total >= 1 and ([.items[].kind] | unique) == ["rescue.dna_sample"] and (.by_kind | keys) == ["rescue.dna_sample"]'

# ---- identified: linked to the ledger record of child 1 (东城, 岗贝) ----
call_json t.rescue POST /admissions/1/identify '{"child_id":999}'
json_ok "identifying as a record that does not exist: 422" '.status == 422 and .errors[0].field == "child_id"'
call_json t.rescue POST /admissions/1/identify '{"child_id":1,"note":"经DNA比对，家属前来认领"}'
status_is "the child is identified" 200
json_ok "linked to the record, now in the child's village" \
    '.child_id == 1 and .name == "张小明" and .area == "441900003001" and .identified_on == "2024-09-02" and (.overdue | not)'
json_ok "the timeline records it" '.timeline[-1].kind == "identified" and .timeline[-1].detail == "child:1"'
call_json t.rescue POST /admissions/1/identify '{"child_id":2}'
problem_is "identifying twice is a conflict" 409 rescue_state_identified
call t.town GET /admissions/1
status_is "the supervisor of the child's town now reads it" 200
call t.townb GET /admissions/1
problem_is "another town's supervisor gets 404" 404 admission_not_found
call t.townb GET /admissions
json_ok "and does not list it" '.total == 0'

# ---- a known child, child 4 (南城) ----
call_json t.rescue POST /admissions '{"child_id":4,"ground":"guardian_harm","placement":"rescue_centre"}'
status_is "a known child is admitted" 201
json_ok "no deadlines for a known child; today by default" '.id == 2 and .deadlines == [] and .admitted_on == "2024-09-02" and .name == "陈小华"'
call_json t.rescue POST /admissions '{"child_id":4,"ground":"guardian_harm","placement":"rescue_centre"}'
problem_is "admitting a child who is here already is a conflict" 409 rescue_state_present
call t.townb GET /admissions
json_ok "南城's supervisor sees that one" '.total == 1 and .items[0].child_id == 4'
call t.town GET /admissions/2
status_is "东城's supervisor gets 404 for it" 404

# ---- beds: the city sets them, and a full centre admits no one ----
call_json t.rescue PATCH /institutions/2 '{"beds":2}'
status_is "the centre's staff do not set beds" 403
call_json t.city PATCH /institutions/2 '{"beds":1}'
problem_is "fewer beds than children here: 409" 409 rescue_state_beds
call_json t.city PATCH /institutions/2 '{"beds":-3}'
status_is "negative beds: 422" 422
call_json t.city PATCH /institutions/2 '{"beds":2}'
json_ok "the city sets the rescue centre's beds: 2, both taken" '.beds == 2 and .present == 2 and .free == 0'
call_json t.rescue POST /admissions "$UNKNOWN"
problem_is "a full centre admits no one" 409 rescue_state_full
call t.rescue GET '/admissions?status=all'
json_ok "and nothing was recorded" '.total == 2'

# ---- discharge ----
call_json t.rescue POST /admissions/1/discharge '{"kind":"escaped","taken_by":""}'
json_ok "a wrong discharge names its fields" '.status == 422 and ([.errors[].field] | sort) == ["kind","taken_by"]'
call_json t.rescue POST /admissions/1/discharge '{"kind":"family_collected","taken_by":"父亲 张大山（身份证已核验）"}'
status_is "collected by family" 200
json_ok "discharged, guardianship ended, stay kept" \
    '.status == "discharged" and .discharge_kind == "family_collected" and .guardianship == "ended" and .stay_days == 93 and .timeline[-1].kind == "discharged"'
call_json t.rescue POST /admissions/1/discharge '{"kind":"adopted","taken_by":"x"}'
problem_is "a second discharge is a conflict" 409 rescue_state_discharged
call_json t.rescue POST /admissions/1/steps '{"kind":"dna_sample"}'
status_is "no step after discharge" 409
call t.rescue GET /admissions
json_ok "the board lists who is here: child 4 only" '.total == 1 and .items[0].id == 2'
call t.rescue GET /institutions
json_ok "a bed is free again" '.items[] | select(.id == 2) | .present == 1 and .free == 1'
call t.rescue GET '/admissions?status=discharged'
json_ok "the discharged are listed apart" '.total == 1 and .items[0].id == 1'

# ---- the month's figures ----
call t.rescue GET '/rescue/stats?month=2024-09'
json_ok "September: one admitted, one discharged after 93 days, one here, none stranded" \
    '.admissions == 1 and .discharges == 1 and .present == 1 and .stranded == 0 and .retention_rate == "0.0" and .average_stay_days == "93.0"'
call t.rescue GET '/rescue/stats?month=2024-06'
json_ok "June: the unidentified child's admission" '.admissions == 1 and .present == 1 and .discharges == 0 and .average_stay_days == null'
call t.townb GET '/rescue/stats?month=2024-09'
json_ok "a town's figures are its children's" '.admissions == 1 and .discharges == 0 and .present == 1'
call t.rescue GET '/rescue/stats?month=2024-13'
problem_is "a bad month is a bad parameter" 400 bad_params

# ---- the audit trail ----
audit_has "the admission is audited" '.action == "admission.create" and (.records | index("admission:1"))'
audit_has "reading it is audited with its child" '.action == "admission.read" and (.records | index("admission:1")) and (.records | index("1"))'
audit_has "identification is audited" '.action == "admission.identify"'
audit_has "the discharge is audited" '.action == "admission.discharge"'
audit_has "setting beds is audited" '.action == "institution.update" and (.records | index("institution:2"))'

stop_server
finish
