#!/usr/bin/env bash
# Monthly reports over HTTP (issue #7, 总结上报): June's report rolled up
# from three villages of two towns to the city, through the real server.
# 岗贝社区 (two children) and 花园新村社区 (one) of 东城街道, 鸿福社区 (one) of
# 南城街道. Each village's director generates and submits; 东城街道 cannot
# submit before all its villages have; a child added to 岗贝社区 after it
# submitted is listed as a correction against its frozen report and stops
# the town's submission until the town returns 岗贝社区's report (with a
# reason) and it is submitted again; the towns submit the sums of their
# villages; the city accepts them and submits its own. The Excel and PDF
# exports read back (the PDF's Chinese through pdftotext), and
# `shouhu report monthly` prints and writes the same.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
export SHOUHU_TODAY=2024-06-20
setup_world
add_accounts "t.a2 village_director $VILLAGE_A2" "t.townb town_supervisor $TOWN_B"
start_server
login_all t.village t.a2 t.other t.town t.townb t.city t.auditor t.hotline
M=2024-06

# generate: $1 user, $2 area; sets RID to the report's id
generate() {
    call_json "$1" POST /monthly-reports "{\"month\":\"$M\",\"area\":\"$2\"}"
    RID=$(printf '%s' "$BODY" | jq -r '.id // empty')
}

# ---- June's protection work in 岗贝社区: a home visit of 张小明 (visited
# monthly as de facto unsupported, never visited before: due) and a case
# opened by a mandatory report; both show in its report and roll up ----
call_json t.village POST /children/1/visits '{"visited_on":"2024-06-05","kind":"home","care":"good","findings":"生活正常"}'
status_is "the director records a home visit" 201
call_json t.village POST /reports '{"reporter":{"name":"王老师","unit":"岗贝小学","sector":"school"},"child_id":1,"triggers":["abandoned"],"seen":"连续三天无人接送","received_at":"2024-06-03T08:00:00+08:00"}'
status_is "and takes a mandatory report: a case" 201

# ---- a village generates and submits ----
generate t.village "$VILLAGE_A"; RA=$RID
status_is "the village generates its June report: 201" 201
header_has "Location names it" "^location: /api/v1/monthly-reports/$RA"
json_ok "a draft with the ledger's figures" '.status == "draft" and .level == 3 and .figures["children.total"] == 2
    and .figures["children.male"] == 1 and .figures["children.female"] == 1 and .figures["records.new"] == 2
    and .figures["category.de_facto_unsupported"] == 1 and .figures["children.age_12_14"] == 1
    and .figures["children.age_6_11"] == 1
    and .figures["allowances.amount"] == "0.00"
    and .figures["visits.due"] == 1 and .figures["visits.covered"] == 1 and .figures["visits.done"] == 1
    and .figures["cases.opened"] == 1 and .figures["cases.open_end"] == 1 and .figures["referrals.sent"] >= 1'
generate t.village "$VILLAGE_A"
status_is "generating again refreshes the draft: 200" 200
call_json t.village POST /monthly-reports "{\"month\":\"2024-07\",\"area\":\"$VILLAGE_A\"}"
problem_is "a month not begun is refused" 422 monthly_future
call_json t.village POST /monthly-reports '{"month":"2024-6"}'
json_ok "a bad month is refused before the handler" '.status == 422 and .errors[0].field == "month"'
generate t.village "$VILLAGE_B"
status_is "another village's report is out of scope: 404" 404
call t.village POST "/monthly-reports/$RA/submit"
status_is "the director submits" 200
json_ok "it is submitted, by the director" '.status == "submitted" and .submitted_by == "t.village" and .figures["children.total"] == 2'
call t.village POST "/monthly-reports/$RA/submit"
problem_is "a submitted report cannot be submitted again" 409 monthly_state
generate t.village "$VILLAGE_A"
problem_is "nor generated again: it is frozen" 409 monthly_state

# ---- the town cannot submit before all its villages ----
generate t.town "$TOWN_A"; RTA=$RID
status_is "the town generates its report" 201
call t.town POST "/monthly-reports/$RTA/submit"
problem_is "花园新村社区 has not submitted: 422" 422 monthly_children_pending
json_ok "the problem names the village" ".errors[0].field == \"below.$VILLAGE_A2\" and (.detail | contains(\"花园新村社区\"))"
generate t.a2 "$VILLAGE_A2"; RA2=$RID
call t.town POST "/monthly-reports/$RA2/submit"
problem_is "the town cannot submit a village's report" 403 monthly_own_area_only
call t.a2 POST "/monthly-reports/$RA2/submit"
json_ok "花园新村社区 submits" '.status == "submitted" and .figures["children.total"] == 1'

# ---- a correction after submission ----
call_json t.village POST /children "{\"name\":\"赵小宝\",\"id_number\":\"$ID5\",\"area\":\"$VILLAGE_A\",\"guardian\":{\"name\":\"赵大\",\"relation\":\"grandfather\",\"phone\":\"13511112222\"}}"
status_is "a child is added to 岗贝社区 after it submitted" 201
call t.village GET "/monthly-reports/$RA"
json_ok "the frozen report keeps its figures" '.figures["children.total"] == 2 and .status == "submitted"'
call t.village GET "/monthly-reports/$RA/corrections"
json_ok "the correction is listed against it" '.frozen == true and
    ([.items[] | select(.code == "children.total")][0] | .reported == 2 and .now == 3 and .difference == 1) and
    ([.items[] | select(.code == "records.new")][0].now == 3)'
call t.town POST "/monthly-reports/$RTA/submit"
problem_is "the town's cross-check finds it" 422 monthly_child_changed
json_ok "naming the village and the figure" ".errors[0].field == \"below.$VILLAGE_A\" and (.detail | contains(\"岗贝社区\"))"
call t.village POST "/monthly-reports/$RA/return" -H 'Content-Type: application/json' --data-binary '{"reason":"x"}'
status_is "a village director cannot return: 403" 403
call_json t.town POST "/monthly-reports/$RA/return" '{}'
json_ok "a return needs its reason" '.status == 422 and .errors[0].field == "reason"'
call_json t.town POST "/monthly-reports/$RA/return" '{"reason":"新增赵小宝，请重新上报"}'
json_ok "the town returns it with the reason" '.status == "returned" and .returned_reason == "新增赵小宝，请重新上报" and .returned_by == "t.town"'
call t.village POST "/monthly-reports/$RA/submit"
json_ok "the village submits again, with the correction" '.status == "submitted" and .figures["children.total"] == 3 and .figures["records.new"] == 3'
call t.village GET "/monthly-reports/$RA/corrections"
json_ok "and nothing is left to correct" '.items == []'

# ---- the towns submit the sums of their villages ----
call t.town POST "/monthly-reports/$RTA/submit"
json_ok "东城街道 submits the sum of its two villages" '.status == "submitted" and .level == 2 and .figures["children.total"] == 4
    and .figures["children.male"] + .figures["children.female"] == 4
    and .figures["visits.done"] == 1 and .figures["visits.covered"] == 1 and .figures["cases.opened"] == 1'
call t.town GET "/monthly-reports/$RTA"
json_ok "its report lists its villages with their figures" '(.below | length) == 2 and ([.below[].status] | unique) == ["submitted"]
    and ([.below[].figures["children.total"]] | add) == .figures["children.total"]'
json_ok "and the figures' definitions" '(.definitions.figures | length) > 20 and .definitions.figures[0].title == "在册儿童"'
call_json t.town POST "/monthly-reports/$RA/return" '{"reason":"晚了"}'
problem_is "a village cannot be returned once its town submitted" 409 monthly_parent_submitted
generate t.other "$VILLAGE_B"
call t.other POST "/monthly-reports/$RID/submit"
json_ok "鸿福社区 submits" '.status == "submitted" and .figures["children.total"] == 1'
generate t.townb "$TOWN_B"; RTB=$RID
call t.townb POST "/monthly-reports/$RTB/submit"
json_ok "南城街道 submits" '.status == "submitted" and .figures["children.total"] == 1'

# ---- the city ----
generate t.city "$CITY"; RC=$RID
call t.city POST "/monthly-reports/$RC/submit"
json_ok "the city submits the sum of its two towns" '.status == "submitted" and .figures["children.total"] == 5
    and .figures["visits.done"] == 1 and .figures["cases.opened"] == 1 and .figures["cases.open_end"] == 1'
call t.city POST "/monthly-reports/$RTA/accept"
json_ok "the city accepts 东城街道" '.status == "accepted" and .accepted_by == "t.city"'
call t.town POST "/monthly-reports/$RTB/accept"
problem_is "a town does not even see another town's report" 404 monthly_not_found
call t.city POST "/monthly-reports/$RA2/accept"
problem_is "the city does not accept a village's report: its town does" 403 monthly_review_only
call t.town POST "/monthly-reports/$RA2/accept"
json_ok "the town does" '.status == "accepted" and .accepted_by == "t.town"'
call t.city GET "/monthly-reports?month=$M"
json_ok "the city lists the month's six reports" '(.items | length) == 6'
call t.city GET "/monthly-reports?month=$M&area=$TOWN_A&status=submitted"
json_ok "filtered by area and status" '(.items | length) == 1 and .items[0].area == "441900003001"'
call t.other GET "/monthly-reports/$RTA"
problem_is "another town's report is 404 to a village" 404 monthly_not_found
call t.hotline GET "/monthly-reports"
status_is "the hotline has no monthly reports: 403" 403

# ---- exports ----
call t.town GET "/monthly-reports/$RTA/export?format=xlsx"
status_is "the Excel downloads" 200
cp "$WORK/body" "$WORK/town.xlsx"
check "it is a workbook whose strings read back" sh -c "unzip -p '$WORK/town.xlsx' xl/sharedStrings.xml | grep -q '东城街道' && unzip -p '$WORK/town.xlsx' xl/sharedStrings.xml | grep -q '岗贝社区'"
call t.town GET "/monthly-reports/$RTA/export?format=pdf"
status_is "the PDF downloads" 200
cp "$WORK/body" "$WORK/town.pdf"
header_has "as a PDF" '^content-type: application/pdf'
check "it is a valid A4 PDF of three pages (the figures take two)" sh -c "pdfinfo '$WORK/town.pdf' | grep -q 'Pages: *3' && pdfinfo '$WORK/town.pdf' | grep -q 'A4'"
PDFTEXT=$(pdftotext -layout "$WORK/town.pdf" - 2>&1)
expect "its Chinese text extracts" "2024年6月东城街道儿童福利和未成年人保护工作月报" echo "$PDFTEXT"
expect "with the figures" "事实无人抚养儿童" echo "$PDFTEXT"
expect "and the chart of villages" "花园新村社区" echo "$PDFTEXT"
expect "with the protection groups" "本月应访儿童" echo "$PDFTEXT"
expect "and the rescue centre's" "滞留率" echo "$PDFTEXT"
check "the Excel has the new groups too" sh -c "unzip -p '$WORK/town.xlsx' xl/sharedStrings.xml | grep -q '个案办理' && unzip -p '$WORK/town.xlsx' xl/sharedStrings.xml | grep -q '救助保护中心'"
call t.town GET "/monthly-reports/$RTA/export?format=doc"
json_ok "an unknown format is refused" '.status == 400 and .errors[0].field == "format"'
audit_has "submissions are audited" "(.action == \"monthly.submit\" and (.records | tostring | contains(\"monthly_report:$RTA\")))"

# ---- the dashboards' protection figures: the same definitions, to a day ----
call t.town GET "/stats/protection?area=$TOWN_A&as_of=2024-06-20"
json_ok "东城街道's dashboard: the visit covered, the case open, no beds of its own" '.month == "2024-06"
    and .visits.due == 1 and .visits.covered == 1 and .visits.done == 1 and .visits.coverage == "100.0"
    and .cases.open == 1 and .cases.opened == 1 and .referrals.sent >= 1
    and .rescue.beds == null and .rescue.present == 0 and .rescue.retention == null'
call t.town GET "/stats/protection?area=$TOWN_A&as_of=2024-06-04"
json_ok "as of June 4 the visit is not made yet" '.visits.done == 0 and .visits.covered == 0 and .cases.open == 1'
call t.city GET "/stats/protection?as_of=2024-06-20"
json_ok "the city's has the institutions' beds" '.area == "441900000000" and .rescue.beds == 900 and .visits.done == 1'
call t.hotline GET "/stats/protection?as_of=2024-06-20"
json_ok "the hotline reads cases, not visits nor the rescue centre" '.cases != null and .visits == null and .rescue == null'
call t.village GET "/stats/protection?area=$VILLAGE_B"
problem_is "another village's figures are 404" 404 no_such_area_path
call t.town GET "/stats/protection?as_of=2024-6-1"
json_ok "a bad day is refused before the handler" '.status == 400 or .status == 422'
audit_has "the dashboard's figures are audited" '(.action == "stats.protection" and (.records | tostring | contains("area:441900003000")))'

# ---- the command line ----
stop_server
expect "report monthly prints the town's frozen figures" "在册儿童" "$SHOUHU" --db "$DB" report monthly $M --area "$TOWN_A" --xlsx "$WORK/cli.xlsx" --pdf "$WORK/cli.pdf"
OUT=$("$SHOUHU" --db "$DB" report monthly $M --area "$TOWN_A" 2>&1)
check "with the status and the total" sh -c "printf '%s' \"\$1\" | grep -q '已接收' && printf '%s' \"\$1\" | grep -qE '在册儿童 +4'" _ "$OUT"
check "and writes the PDF" sh -c "pdftotext '$WORK/cli.pdf' - | grep -q '东城街道'"
check "and the workbook" sh -c "unzip -p '$WORK/cli.xlsx' xl/sharedStrings.xml | grep -q '在册儿童'"
expect "a month without a report is computed from the ledger" "台账实时数" "$SHOUHU" --db "$DB" report monthly 2024-05 --area "$VILLAGE_A"
check_fails "a bad month is refused" "$SHOUHU" --db "$DB" report monthly 2024-13
finish
