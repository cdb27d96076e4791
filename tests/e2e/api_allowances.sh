#!/usr/bin/env bash
# Allowances over HTTP (issue #5), the CLI scenario of allowances_cli.sh
# through the real server: a small ledger of orphans, de facto unsupported
# and HIV-infected children with known dates is imported; the city generates
# February's payroll (exact total in yuan as a string); each town sees and
# submits its own part; the city approves and locks it; a locked payroll
# refuses changes; generating again pays nobody twice; a village director
# and another town are refused or see nothing; the Excel exports download;
# eligibility explains itself in the request's language; a city standard
# below the provincial minimum is refused naming the minimum; a category
# is applied for, verified, confirmed or refused by accounts of each level.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
export SHOUHU_TODAY=2023-01-20   # the ledger's dates are those of allowances_cli.sh
cd "$WORK" || exit 1

echo "$PASSWORD" > pw
"$SHOUHU" --db "$DB" init --admin-password-file pw > init.log 2>&1 || { cat init.log; exit 1; }
CITY=441900000000 DONGCHENG=441900003000 DALINGSHAN=441900118000
add_accounts "city city_staff $CITY" "dongcheng town_supervisor $DONGCHENG" \
    "dalingshan town_supervisor $DALINGSHAN" "gangbei village_director 441900003001" "t.auditor auditor $CITY"
A=$(idnum 441900 20120301 011); B=$(idnum 441900 20130405 022); C=$(idnum 441900 20100606 033)
D=$(idnum 441900 20120402 044); E=$(idnum 441900 20140808 055); F=$(idnum 441900 20150101 066)
G=$(idnum 441900 20110303 077); H=$(idnum 441900 20050701 088)
cat > ledger.csv <<CSV
姓名,身份证号,户籍类型,居住村(社区)代码,就学状态,儿童类别,类别起始日期,父亲状况,父亲状况起始日期,父亲期限(月),母亲状况,母亲状况起始日期,监护人姓名,监护人关系,监护人电话
机构甲,$A,农业户口,441900003001,在校,机构集中养育孤儿,2022-10-01,宣告失踪,2012-03-20,,宣告失踪,2012-03-20,东莞市社会福利中心,福利机构,
机构乙,$B,农业户口,441900003001,在校,机构集中养育孤儿,2022-11-15,死亡,2018-01-01,,死亡,2019-01-01,东莞市社会福利中心,福利机构,
散居丙,$C,农业户口,441900118002,在校,社会散居孤儿,2022-06-01,死亡,2017-05-01,,死亡,2021-02-01,王奶奶,祖母,13800000001
事实丁,$D,农业户口,441900118002,在校,事实无人抚养儿童,2022-12-20,服刑在押,2022-03-01,36,失联,2022-05-10,李爷爷,祖父,13800000002
艾滋戊,$E,农业户口,441900118002,在校,艾滋病病毒感染儿童,2022-09-01,死亡,2020-01-01,,重病,2020-06-01,赵外婆,外祖母,13800000003
普通己,$F,农业户口,441900003001,在校,,,正常,,,正常,,,,
待认定庚,$G,农业户口,441900003001,在校,,,服刑在押,2022-06-01,24,死亡,2021-04-01,陈姑姑,伯叔姑舅姨,13800000004
福利院辛,$H,农业户口,441900003001,在校,机构集中养育孤儿,2015-01-01,死亡,2010-01-01,,死亡,2011-01-01,东莞市社会福利中心,福利机构,
CSV
"$SHOUHU" --db "$DB" import children ledger.csv >> init.log 2>&1 || { cat init.log; exit 1; }
id_of() { "$SHOUHU" --db "$DB" child show "$1" --json | grep '"id":' | head -1 | tr -dc 0-9; }
ID_D=$(id_of "$D"); ID_F=$(id_of "$F"); ID_G=$(id_of "$G")

start_server
login_all city dongcheng dalingshan gangbei t.auditor

# ---- generate, as the city ----
call_json city POST /payrolls '{"month":"2023-02"}'
status_is "the city generates February: 201" 201
json_ok "6 lines, the exact total as a string of yuan" '.id == 1 and .status == "draft" and .month == "2023-02" and .lines == 6 and .total == "10128.00"'
header_has "Location names it" '^location: /api/v1/payrolls/1'
call_json city POST /payrolls '{"month":"2023-13"}'
json_ok "a bad month is refused before the handler" '.status == 422 and .errors[0].field == "month"'
call_json city POST /payrolls '{"month":"2023-02","extra":1}'
json_ok "an unknown member is refused" '.status == 422 and .errors[0].code == "unknown_field"'

call city GET /payrolls/1/lines
json_ok "the city sees every line" '(.items | length) == 6'
json_ok "amounts are strings of yuan" '[.items[] | select(.child_name == "机构甲")][0].amount == "2017.00"'
json_ok "ID numbers are masked" "[.items[].id_number] | index(\"$A\") == null"
json_ok "the lines sum to the total" '[.items[].amount | tonumber * 100 | round] | add == 1012800'
call city GET /payrolls/1
json_ok "totals by town" '[.by_town[] | select(.town == "441900003000")][0].total == "6051.00"'
json_ok "totals by category" '.totals.by_category.hiv.total == "1359.00" and .totals.total == "10128.00"'
call city GET "/payrolls?month=2023-02"
json_ok "the list holds it" '(.items | length) == 1 and .items[0].total == "10128.00"'

# ---- scope ----
call dongcheng GET /payrolls/1/lines
json_ok "a town sees only its own lines" '(.items | length) == 3 and ([.items[].town] | unique) == ["441900003000"]'
call dongcheng GET /payrolls/1
json_ok "and totals of its own lines" '.totals.total == "6051.00"'
call dongcheng GET /payrolls/999
problem_is "an unknown payroll is 404" 404 payroll_not_found
call_json dongcheng POST /payrolls "{\"month\":\"2023-02\",\"area\":\"$DALINGSHAN\"}"
status_is "a town cannot generate another town's payroll: 404" 404
call gangbei POST /payrolls/1/submit
status_is "a village director cannot submit: 403" 403
call gangbei GET /payrolls/1/lines
json_ok "and sees only its village's lines" '(.items | length) == 3 and ([.items[].village] | unique) == ["441900003001"]'

# ---- the workflow ----
call dongcheng POST /payrolls/1/submit
json_ok "东城 submits its part" '.status == "draft"'
call city POST /payrolls/1/approve
problem_is "approval waits for every town: 409" 409 payroll_state
call dalingshan POST /payrolls/1/submit
json_ok "大岭山 submits: the payroll is submitted" '.status == "submitted"'
call dongcheng POST /payrolls/1/approve
status_is "a town cannot approve: 403" 403
call city POST /payrolls/1/approve
json_ok "the city approves" '.status == "approved" and .approved_by == "city"'
call_json city POST /payrolls/1/lock '{"paid_on":"2023-02-10"}'
json_ok "and locks it once paid" '.status == "locked" and .paid_on == "2023-02-10"'
call city POST /payrolls/1/approve
problem_is "a locked payroll refuses changes: 409" 409 payroll_locked
call dongcheng POST /payrolls/1/submit
problem_is "a town's step too" 409 payroll_locked
call_json city POST /payrolls '{"month":"2023-02"}'
json_ok "generating February again pays nobody twice" '.id == null and .lines == 0'
call city GET "/payrolls?month=2023-02"
json_ok "and makes no payroll" '(.items | length) == 1'

# ---- Excel ----
call city GET "/payrolls/1/export?layout=bank"
status_is "the bank list downloads" 200
header_has "as a workbook" '^content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
cp "$WORK/body" bank.xlsx
expect "its title, read from the workbook" "2023年2月" sh -c 'unzip -p bank.xlsx xl/sharedStrings.xml'
expect "its total is a number" "<v>10128</v>" sh -c 'unzip -p bank.xlsx xl/worksheets/sheet1.xml'
call city GET "/payrolls/1/export?layout=fund"
cp "$WORK/body" fund.xlsx
expect "the fund table" "实发人数" sh -c 'unzip -p fund.xlsx xl/sharedStrings.xml'
call dongcheng GET "/payrolls/1/export"
cp "$WORK/body" town.xlsx
expect "a town's export holds its own total" "<v>6051</v>" sh -c 'unzip -p town.xlsx xl/worksheets/sheet1.xml'
call city GET "/payrolls/1/export?layout=pdf"
json_ok "an unknown layout is refused" '.status == 400 and .errors[0].field == "layout"'

# ---- eligibility ----
call city GET "/children/$ID_D/eligibility?on=2023-01-20"
status_is "eligibility explains itself" 200
expect "naming the sentence, in Chinese by default" "父亲服刑在押" printf '%s' "$BODY"
call city GET "/children/$ID_D/eligibility?on=2023-01-20" -H 'Accept-Language: en'
expect "and in English when asked" "prison" printf '%s' "$BODY"
call dalingshan GET /children/1/eligibility
status_is "a child outside the caller's area: 404" 404

# ---- standards ----
call city GET /standards
json_ok "the provincial minimums are listed" '[.items[] | select(.category == "orphan_institution" and .from == "2023-01")][0].amount == "2017.00"'
call_json city POST /standards '{"category":"orphan_institution","from":"2023-03","amount":"2000.00","note":"测试"}'
json_ok "a city standard below the minimum: 422" '.status == 422'
expect "naming the minimum" "2017.00" printf '%s' "$BODY"
call_json city POST /standards '{"category":"orphan_institution","from":"2023-03","amount":"2100.00","note":"市标准"}'
json_ok "above it: 201" '.level == "city" and .amount == "2100.00"'
call_json city POST /standards '{"category":"orphan_institution","from":"2023-03","amount":2100,"note":"x"}'
json_ok "money as a number is refused" '.status == 422 and .errors[0].field == "amount"'
call_json gangbei POST /standards '{"category":"orphan_institution","from":"2023-03","amount":"2100.00","note":"x"}'
status_is "a village director cannot set one: 403" 403

# ---- the category procedure ----
DF=de_facto_unsupported
call_json gangbei POST "/children/$ID_G/categories/$DF/apply" '{"on":"2023-01-10"}'
status_is "the village director takes the application: 201" 201
json_ok "the application is open" ".status == \"applied\" and .child_id == $ID_G and .category == \"$DF\""
call_json gangbei POST "/children/$ID_G/categories/$DF/apply" '{"on":"2023-01-10"}'
problem_is "a second application while one is open: 409" 409 category_held
call_json city POST "/children/$ID_G/categories/$DF/verify" '{"on":"2023-01-16"}'
status_is "the city cannot verify: 403" 403
call_json dalingshan POST "/children/$ID_G/categories/$DF/verify" '{"on":"2023-01-16"}'
status_is "another town does not see the child: 404" 404
call_json dongcheng POST "/children/$ID_G/categories/nonsense/verify" '{}'
status_is "an unknown category is refused before the handler" 400
call_json dongcheng POST "/children/$ID_G/categories/$DF/verify" '{"on":"2023-01-16"}'
json_ok "the town verifies" '.status == "verified" and .verified_on == "2023-01-16"'
call_json gangbei POST "/children/$ID_G/categories/$DF/refuse" '{"reason":"x"}'
status_is "a village director cannot refuse a verified application: 403" 403
call_json city POST "/children/$ID_G/categories/$DF/confirm" '{"on":"2023-01-19"}'
json_ok "the city confirms" '.status == "confirmed"'
call_json city POST "/children/$ID_G/categories/$DF/confirm" '{"on":"2023-01-19"}'
problem_is "confirming twice: 409" 409 flow_bad_state
call city GET "/children/$ID_G"
json_ok "the record holds the category, approved" "[.categories[] | select(.code == \"$DF\")][0].status == \"approved\""
call_json gangbei POST "/children/$ID_F/categories/hiv/apply" '{"on":"2023-01-10","applicant":"guardian"}'
status_is "an application the rules advise against can still be made" 201
call_json dongcheng POST "/children/$ID_F/categories/hiv/refuse" '{"on":"2023-01-16"}'
json_ok "a refusal needs a reason" '.status == 422 and .errors[0].code == "refusal_reason"'
call_json dongcheng POST "/children/$ID_F/categories/hiv/refuse" '{"on":"2023-01-16","reason":"无感染证明"}'
json_ok "the town refuses with a reason" '.status == "refused"'
call_json dongcheng POST "/children/$ID_F/categories/hiv/verify" '{}'
problem_is "a refused application is closed" 409 flow_bad_state

# ---- the rest of issue #5 over HTTP (allow) ----
ID_A=$(id_of "$A"); ID_C=$(id_of "$C"); ID_E=$(id_of "$E"); ID_H=$(id_of "$H")

# the queue of category steps: a town's (verification) and the city's (confirmation), late ones marked
call_json gangbei POST "/children/$ID_F/categories/orphan_scattered/apply" '{"on":"2022-12-01"}'
APP=$(printf '%s' "$BODY" | jq -r .id)
status_is "an application made in December: 201" 201
call dongcheng GET "/applications?waiting=verify"
json_ok "東城's queue holds it, late" "[.items[] | select(.id == $APP)][0] | .waiting_for == \"verify\" and .late_by > 0 and .due_on < \"2023-01-20\""
json_ok "and nothing decided" '[.items[].waiting_for] | all(. == "verify")'
call dalingshan GET "/applications?waiting=verify"
json_ok "another town's queue does not" "[.items[] | select(.id == $APP)] | length == 0"
call_json dongcheng POST "/children/$ID_F/categories/orphan_scattered/verify" '{"on":"2023-01-20"}'
call city GET "/applications?waiting=confirm"
json_ok "verified, it waits in the city's queue, on time" "[.items[] | select(.id == $APP)][0] | .waiting_for == \"confirm\" and .late_by == 0"
call city GET "/applications/$APP"
json_ok "one application with its steps and the rules' advice" '(.steps | length) == 2 and .steps[0].step == "apply" and (.advice | length > 0)'
call city GET /applications/999
problem_is "an unknown application is 404" 404 application_not_found
call city GET "/applications/late?on=2023-01-20"
json_ok "the late list names the town's late verification" "[.items[] | select(.application_id == $APP and .step == \"verify\")][0].late_by > 0"
call city GET "/applications?waiting=later"
status_is "an unknown step is refused before the handler" 400
call_json city POST "/children/$ID_F/categories/orphan_scattered/refuse" '{"reason":"父母健在"}'
json_ok "the city refuses it" '.status == "refused"'

# ending a category
call_json gangbei POST "/children/$ID_A/categories/orphan_institution/end" '{"on":"2023-05-01","reason":"收养"}'
status_is "a village director cannot end a category: 403" 403
call_json city POST "/children/$ID_E/categories/hiv/end" '{"on":"2023-05-01"}'
json_ok "ending needs a reason" '.status == 422 and .errors[0].field == "reason"'

# settings and holidays
call city GET /allowance-settings
json_ok "the settings, with their meaning" '[.items[] | select(.key == "allowance.difference")][0] | .value == "off" and (.zh | length > 0)'
call_json city PUT /allowance-settings/allowance.difference '{"value":"maybe"}'
json_ok "a wrong value is refused, naming it" '.status == 422 and .errors[0].field == "value"'
call_json city PUT /allowance-settings/allowance.nothing '{"value":"1"}'
problem_is "an unknown setting is 404" 404 unknown_setting
call_json dongcheng PUT /allowance-settings/allowance.verify_workdays '{"value":"20"}'
status_is "a town cannot change settings: 403" 403
call_json city PUT /allowance-settings/allowance.verify_workdays '{"value":"20"}'
json_ok "the city changes a time limit" '.value == "20"'
call city GET "/holidays?year=2023"
json_ok "the holidays of 2023" '[.items[] | select(.day == "2023-01-23")][0].kind == "holiday"'
call_json city PUT /holidays/2023-02-06 '{"kind":"holiday","name":"测试"}'
json_ok "a day is added" '.day == "2023-02-06" and .kind == "holiday"'
call_json city PUT /holidays/2023-02-07 '{"kind":"rest"}'
json_ok "a wrong kind is refused" '.status == 422 and .errors[0].field == "kind"'
call city DELETE /holidays/2023-02-06
status_is "and removed" 204
call city DELETE /holidays/2023-02-06
problem_is "removing it twice: 404" 404 holiday_not_found

# other help
call_json city POST /aid "{\"child_id\":$ID_C,\"kind\":\"temporary\",\"amount\":\"500.00\",\"on\":\"2023-01-15\",\"note\":\"火灾\"}"
json_ok "temporary assistance is recorded" '.kind == "temporary" and .amount == "500.00" and .on == "2023-01-15"'
AID=$(printf '%s' "$BODY" | jq -r .id)
call_json city POST /aid "{\"child_id\":$ID_C,\"kind\":\"study_grant\",\"school_year\":2022}"
json_ok "the study grant is for orphans 18 or older" '.status == 422 and .errors[0].code == "aid_needs_adult"'
call_json city POST /aid "{\"child_id\":$ID_C,\"kind\":\"temporary\",\"amount\":500}"
json_ok "money as a number is refused" '.status == 422 and .errors[0].field == "amount"'
call dalingshan GET "/aid?child=$ID_C"
json_ok "the child's town lists it" '(.items | length) == 1 and .items[0].note == "火灾"'
call dongcheng GET /aid
json_ok "another town does not" '(.items | length) == 0'
call city GET "/aid/totals?year=2023"
json_ok "counted by kind" '.records == 1 and .amount == "500.00" and .items[0].kind == "temporary" and .items[0].children == 1'
call_json dongcheng POST "/aid/$AID/void" '{"reason":"录错"}'
problem_is "another town cannot void it: 404" 404 aid_not_found
call_json city POST "/aid/$AID/void" '{"reason":"录错"}'
json_ok "the city voids it" '.status == "void"'
call_json city POST "/aid/$AID/void" '{"reason":"录错"}'
problem_is "voiding twice: 409" 409 aid_voided
call city GET "/aid/totals?year=2023"
json_ok "a void record is not counted" '.records == 0'
call city GET "/aid?all=1"
json_ok "but stays in the list" '(.items | length) == 1 and .items[0].void_reason == "录错"'

# adult orphans: the welfare centre's 辛 is 18 on 2023-07-01
call city GET /adult-orphans/rotation
NEXT=$(printf '%s' "$BODY" | jq -r .next)
json_ok "the rotation proposes a town" '(.towns | length) == 32 and ([.towns[] | select(.next)] | length) == 1 and .subsidy == "130000.00"'
call city GET "/adult-orphans/candidates?on=2023-07-02"
json_ok "辛 is a candidate once 18" "[.items[].child_id] | index($ID_H) != null"
call city GET "/adult-orphans/candidates?on=2023-06-30"
json_ok "not before" "[.items[].child_id] | index($ID_H) == null"
OTHER=$( [ "$NEXT" = "$DALINGSHAN" ] && echo "$DONGCHENG" || echo "$DALINGSHAN" )
call_json city POST /adult-orphans/settlements "{\"child_id\":$ID_H,\"on\":\"2023-07-02\",\"town\":\"$OTHER\"}"
json_ok "another town than the proposed one needs a reason" '.status == 422 and .errors[0].code == "settle_out_of_turn"'
call_json dongcheng POST /adult-orphans/settlements "{\"child_id\":$ID_H,\"on\":\"2023-07-02\"}"
status_is "a town cannot record a settlement: 403" 403
call_json city POST /adult-orphans/settlements "{\"child_id\":$ID_H,\"on\":\"2023-07-02\"}"
json_ok "the proposed town settles 辛 with the subsidy" ".town == \"$NEXT\" and .amount == \"130000.00\" and .paid_on == null"
SETTLE=$(printf '%s' "$BODY" | jq -r .id)
call_json city POST "/adult-orphans/settlements/$SETTLE/pay" '{"on":"2023-07-20"}'
json_ok "its payment is recorded" '.paid_on == "2023-07-20"'
call_json city POST "/adult-orphans/settlements/$SETTLE/pay" '{"on":"2023-07-21"}'
problem_is "once" 409 settle_paid
call city GET /adult-orphans/settlements
json_ok "the list masks ID numbers" "(.items | length) == 1 and .items[0].id_number != \"$H\""
call city GET /adult-orphans/rotation
json_ok "the town counts it" "[.towns[] | select(.code == \"$NEXT\")][0].settled == 1"

# March, a month later: a payroll returned, discarded, made again with an
# adjustment of locked February, and taken to the lock and the bank list
restart_on 2023-02-20
login_all city dongcheng dalingshan gangbei t.auditor
call_json city POST /payrolls '{"month":"2023-03"}'
json_ok "March: 7 children, 庚 (confirmed 19 January) with February back pay" '.status == "draft" and .lines == 7'
P2=$(printf '%s' "$BODY" | jq -r .id)
call city GET "/payrolls/$P2/lines"
json_ok "庚's line pays two months, one of them back" "[.items[] | select(.child_id == $ID_G)][0] | .months == 2 and .back_months == 1"
call dongcheng POST "/payrolls/$P2/submit"
call city GET "/payrolls/$P2/totals"
json_ok "the totals show 东城's part submitted" "[.parts[] | select(.town == \"$DONGCHENG\")][0].status == \"submitted\" and (.parts | length) == 2"
call_json city POST "/payrolls/$P2/return" "{\"town\":\"$DONGCHENG\"}"
json_ok "a return needs a reason" '.status == 422 and .errors[0].field == "reason"'
call_json dongcheng POST "/payrolls/$P2/return" "{\"town\":\"$DONGCHENG\",\"reason\":\"x\"}"
status_is "a town cannot return: 403" 403
call_json city POST "/payrolls/$P2/return" "{\"town\":\"$DONGCHENG\",\"reason\":\"监护人账号有误\"}"
json_ok "the city returns 东城's part" '.status == "draft"'
call dongcheng GET "/payrolls/$P2/totals"
json_ok "东城 reads why, and only its own part" "(.parts | length) == 1 and .parts[0].status == \"draft\" and .parts[0].returned_reason == \"监护人账号有误\""
call dongcheng POST "/payrolls/$P2/discard"
status_is "a town supervisor cannot discard the city's draft: 403" 403
call city POST "/payrolls/$P2/discard"
json_ok "the city discards the draft" '.status == "discarded"'
call_json city POST /payrolls '{"month":"2023-03"}'
json_ok "its months are free: March is made again" ".id != $P2 and .lines == 7"
P3=$(printf '%s' "$BODY" | jq -r .id)
call_json city POST "/payrolls/1/adjustments" "{\"child_id\":$ID_D,\"for_month\":\"2023-02\",\"amount\":\"-100.00\",\"reason\":\"二月多发\"}"
problem_is "a locked payroll takes no adjustment" 409 payroll_locked
call_json city POST "/payrolls/$P3/adjustments" "{\"child_id\":$ID_D,\"for_month\":\"2023-02\",\"amount\":-100,\"reason\":\"x\"}"
json_ok "an amount as a number is refused" '.status == 422 and .errors[0].field == "amount"'
call_json city POST "/payrolls/$P3/adjustments" "{\"child_id\":$ID_D,\"for_month\":\"2023-02\",\"amount\":\"-100.00\",\"reason\":\"二月多发\"}"
json_ok "February is corrected in March, with its reason" '.amount == "-100.00" and .for_month == "2023-02"'
status_is "201" 201
call city GET "/payrolls/$P3/lines"
json_ok "the adjustment line is in March" "[.items[] | select(.kind == \"adjustment\")][0] | .child_id == $ID_D and .amount == \"-100.00\" and .for_month == \"2023-02\" and .reason == \"二月多发\""
LINES_FEN=$(printf '%s' "$BODY" | jq '[.items[].amount | tonumber * 100 | round] | add')
call city GET "/payrolls/$P3/lines?limit=3&offset=6"
json_ok "a page of lines, and how many there are" '(.items | length) == 2 and .total == 8'
call city GET "/payrolls/$P3/totals"
json_ok "the totals include it" "(.total | tonumber * 100 | round) == $LINES_FEN and .children == 7"
json_ok "by category" '[.by_category[] | select(.category == "de_facto_unsupported")][0].children == 2'
TOTAL=$(printf '%s' "$BODY" | jq -r .total)
call dongcheng POST "/payrolls/$P3/submit"
call dalingshan POST "/payrolls/$P3/submit"
json_ok "both towns submit" '.status == "submitted"'
call city POST "/payrolls/$P3/approve"
call_json city POST "/payrolls/$P3/lock" '{"paid_on":"2023-03-10"}'
json_ok "March is approved and locked" '.status == "locked"'
call city GET "/payrolls/$P3/export?layout=bank"
cp "$WORK/body" march.xlsx
expect "the bank list reads back the adjustment's reason" "二月多发" sh -c 'unzip -p march.xlsx xl/sharedStrings.xml'
expect "and the total" "<v>${TOTAL%.00}</v>" sh -c 'unzip -p march.xlsx xl/worksheets/sheet1.xml'

# ---- the audit trail ----
audit_has "generation is audited" '.action == "payroll.generate"'
audit_has "the lock is audited" '.action == "payroll.lock"'
audit_has "the export is audited" '.action == "payroll.export"'
audit_has "reading lines records the children" '.action == "payroll.lines"'
audit_has "a standard is audited" '.action == "standard.set"'
audit_has "a confirmation is audited" '.action == "allowance.confirm"'
audit_has "a return is audited" '.action == "payroll.return"'
audit_has "an adjustment is audited with the child" '.action == "payroll.adjust"'
audit_has "reading the queue records the children" '.action == "application.list"'
audit_has "other help is audited" '.action == "aid.add"'
audit_has "a settlement is audited" '.action == "adult_orphan.settle"'
audit_has "a setting is audited" '.action == "allowance.setting"'

stop_server
finish
