#!/usr/bin/env bash
# End to end on the command line, allowances (issue #5): a small ledger of
# orphans, de facto unsupported and HIV-infected children with known dates is
# imported; eligibility explains itself; standards refuse a city standard
# below the minimum; a child goes through application, verification and
# confirmation with accounts of each level; the payroll of February is
# generated (exact fen), submitted by each town, approved and locked;
# generating it again pays nobody twice; March pays the late confirmation's
# February as back pay; a category ended afterwards is corrected by an
# adjustment line; the Excel exports are read back from their XML; other
# help and the adult orphans' rotation are recorded.
set -u
. "$(dirname "$0")/lib.sh"
cd "$WORK"
DB=allowances.db
sh() { "$SHOUHU" --db "$DB" "$@"; }
on() { local day=$1; shift; SHOUHU_TODAY=$day "$SHOUHU" --db "$DB" "$@"; }
# the value of COLUMN (1-based) in the line of OUTPUT whose first field is KEY
field() { echo "$1" | awk -F'\t' -v k="$2" -v c="$3" '$1 == k { print $c; exit }'; }

echo 'Shouhu-2023!' > pw
check "init" sh init --admin-password-file pw
for u in "city city_staff 441900000000" "dongcheng town_supervisor 441900003000" \
         "dalingshan town_supervisor 441900118000" "gangbei village_director 441900003001"; do
    set -- $u
    check "account $1" sh user add "$1" --role "$2" --area "$3" --password-file pw
done

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
expect "the ledger is imported" "新增8" on 2023-01-20 import children ledger.csv
id_of() { sh child show "$1" --json | grep '"id":' | head -1 | tr -dc 0-9; }
ID_C=$(id_of "$C"); ID_D=$(id_of "$D"); ID_G=$(id_of "$G"); ID_H=$(id_of "$H")

# ---- eligibility, explained ----
OUT=$(on 2023-01-20 eligibility "$D")
expect "the de facto rule names the sentence" "父亲服刑在押，刑期36个月，自2022-03-01起（至2025-02-28止）" echo "$OUT"
expect "and the lost contact from the police's acceptance" "母亲失联满6个月（公安受理2022-05-10）" echo "$OUT"
expect "and says when it ends" "2025-03-01起不再符合（父亲刑期满）" echo "$OUT"
expect "six months less a day is not yet" "暂不符合，将于2022-11-10起符合" on 2022-11-09 eligibility "$D" --on 2022-11-09
expect "JSON for programs" '"state": "yes"' on 2023-01-20 eligibility "$D" --json
expect "the scan finds who qualifies but is not recorded" "应保未保	$ID_G	待认定庚" on 2023-01-20 eligibility scan
expect "and who will turn 18 soon" "即将到期	$ID_H	福利院辛" on 2023-06-01 eligibility scan --ahead 60

# ---- standards ----
expect "Guangdong's minimum for institution orphans in 2023" "机构集中养育孤儿	2017.00	2017.00" sh standards list --month 2023-02
expect "de facto unsupported children follow scattered orphans" "1359.00	1359.00	省最低标准（参照社会散居孤儿）" sh standards list --month 2023-02
expect "a city standard below the minimum is refused, with the minimum" "不低于2017.00元" sh standards set orphan_institution 2023-03 2000.00 --reason 测试
check_fails "and refused with an error status" sh standards set orphan_institution 2023-03 2000.00 --reason 测试
expect "settings have their defaults" "allowance.first_month = after_confirmation" sh allowance settings
expect "a bad setting is refused" "应为" sh allowance settings allowance.difference maybe

# ---- the category procedure ----
expect "the village director takes the application" "已登记申请1" on 2023-01-25 category apply "$G" de_facto_unsupported --by gangbei --on 2023-01-10
expect "the city cannot verify" "查验须由镇街一级的账号办理" on 2023-01-25 category verify 1 --by city --on 2023-01-16
expect "another town cannot verify" "不在您的管辖范围内" on 2023-01-25 category verify 1 --by dalingshan --on 2023-01-16
expect "the town verifies" "查验通过" on 2023-01-25 category verify 1 --by dongcheng --on 2023-01-16
expect "the late steps report is empty so far" "申请编号" on 2023-01-25 category late
expect "a refusal needs a reason" "不予通过须写明理由" on 2023-02-01 category confirm 1 --by city --on 2023-01-31 --refuse " "

# ---- February: generated before G's confirmation ----
OUT=$(on 2023-01-20 payroll generate 2023-02)
expect "the first payroll fixes the start month" "首次生成名册" echo "$OUT"
expect "February: 6 children, exact total" "6人，6行，合计10128.00元" echo "$OUT"
OUT=$(sh payroll show 1)
expect "totals by town: 东城街道 pays its three orphans" "东城街道	3	3/0	0	0	6051.00" echo "$OUT"
expect "totals by category" "艾滋病病毒感染儿童	1	1359.00" echo "$OUT"
expect "the institution is the account holder" "东莞市社会福利中心" sh payroll show 1 --lines
expect "generating again makes the same draft" "发放名册1：" on 2023-01-20 payroll generate 2023-02
expect "a village director cannot submit" "没有“payroll:submit”权限" sh payroll submit 1 --town 441900003000 --by gangbei
check "东城 submits its part" sh payroll submit 1 --town 441900003000 --by dongcheng
expect "approval waits for every town" "不能办理这一步" sh payroll approve 1 --by city
check "大岭山 submits its part" sh payroll submit 1 --town 441900118000 --by dalingshan
expect "a town cannot approve" "审批、退回和锁定须由市一级的账号办理" sh payroll approve 1 --by dongcheng
check "the city approves" sh payroll approve 1 --by city
expect "and locks it once paid" "已发放（已锁定）" sh payroll lock 1 --by city --paid-on 2023-02-10
expect "a locked payroll is never changed" "名册已锁定" sh payroll adjust 1 "$C" -1.00 --month 2023-02 --reason x
expect "generating February again pays nobody twice" "不会重复发放" on 2023-01-25 payroll generate 2023-02
same "and makes no payroll" "$(sh payroll list --month 2023-02 | wc -l)" 2

# ---- the city confirms G on 31 January; C was adopted on 20 January, recorded late ----
expect "the city confirms" "已确认" on 2023-02-01 category confirm 1 --by city --on 2023-01-31
expect "the record now holds the category" "已确认" sh child show "$G"
expect "the child's history names the step" "事实无人抚养儿童：确认通过（申请编号1）" sh child history "$G"
expect "the application shows its steps" "查验	2023-01-16	通过	dongcheng" sh category show 1
check "C's category ends with the adoption" on 2023-02-20 category end "$C" orphan_scattered --on 2023-01-20 --reason 被收养

# ---- March: G's February is back pay; C is not paid and February is taken back ----
OUT=$(on 2023-02-25 payroll generate 2023-03)
expect "March: G with back pay, without C" "6人，6行，合计11487.00元" echo "$OUT"
LINES=$(sh payroll show 2 --lines)
same "G is paid two months, one of them back pay" "$(echo "$LINES" | awk -F'\t' '$5 == "待认定庚" { print $9 "/" $10 "/" $11 "/" $12 }')" "2/1/2023-02~2023-03/2718.00"
expect "an adjustment takes C's February back" "调整行" sh payroll adjust 2 "$C" -1359.00 --month 2023-02 --reason "1月20日被收养，2月已发放，追回"
expect "the draft made again keeps the adjustment" "6人，7行，合计10128.00元" on 2023-02-25 payroll generate 2023-03
same "the adjustment line has its reason" "$(sh payroll show 2 --lines | awk -F'\t' '$7 == "调整" { print $12 " " $13 }')" "-1359.00 1月20日被收养，2月已发放，追回"

# ---- Excel, read back from the workbook's XML ----
expect "the bank list is written" "合计11487.00元；另1人调整后不代发" sh payroll export 2 --sheet bank -o bank.xlsx
unzip -p bank.xlsx xl/sharedStrings.xml > bank.strings
unzip -p bank.xlsx xl/worksheets/sheet1.xml > bank.sheet
expect "its title" "2023年3月东莞市孤儿、事实无人抚养儿童、艾滋病病毒感染儿童基本生活费银行代发清单" cat bank.strings
expect "the children and their account holders" "陈姑姑" cat bank.strings
expect "the back pay is noted" "含补发1个月（自2023-02起）" cat bank.strings
expect "the adjusted child is listed apart" "以下人员调整后应发金额不大于零" cat bank.strings
expect "the total is a number" "<v>11487</v>" cat bank.sheet
expect "A4 landscape" 'orientation="landscape"' cat bank.sheet
expect "the fund table is written" "合计10128.00元" sh payroll export 2 --sheet fund -o fund.xlsx
unzip -p fund.xlsx xl/sharedStrings.xml > fund.strings
unzip -p fund.xlsx xl/worksheets/sheet1.xml > fund.sheet
for h in 实发人数 孤儿数 机构 散居 事实无人抚养儿童数 艾滋病病毒感染儿童数 "实发资金（元）"; do
    expect "the fund table has $h" "$h" cat fund.strings
done
expect "its total" "<v>10128</v>" cat fund.sheet
expect "a town's export holds its own lines" "written to town.xlsx: 4 children, total 8769.00 yuan" env SHOUHU_LANG=en "$SHOUHU" --db "$DB" payroll export 2 --sheet bank --town 441900003000 -o town.xlsx
check_fails "an unknown sheet is refused" sh payroll export 2 --sheet nope -o x.xlsx

# ---- other help ----
expect "a medical assistance" "已登记1" on 2023-03-01 aid add "$D" medical 2500.00 --expense 9000.00
expect "the study grant needs an adult orphan" "孤儿助学发给年满18周岁的孤儿" on 2023-03-01 aid add "$C" study_grant --school-year 2022
expect "temporary assistance" "已登记2" on 2023-03-02 aid add "$G" temporary 500
expect "counted by kind" "医疗救助	1	1	2500.00" sh aid totals --year 2023
expect "with a total" "合计	2		3000.00" sh aid totals --year 2023

# ---- adult orphans ----
expect "32 towns take turns" "32	441900129000	高埗镇	0" sh adult-orphans towns
expect "a demo history is marked as such" "已录入53条演示安置记录" sh adult-orphans demo-history
same "53 settlements" "$(sh adult-orphans list | grep -c 演示数据)" 53
expect "the next town is the 22nd" "22	441900118000	大岭山镇	1	← 下一个" sh adult-orphans towns
expect "辛 is 18 and not settled" "$ID_H	福利院辛" on 2023-07-01 adult-orphans candidates
expect "out of turn needs a reason" "按轮流顺序应由大岭山镇安置" on 2023-07-03 adult-orphans settle "$H" --town 441900003000
expect "辛 is settled by the town in turn" "大岭山镇安置，一次性补助130000.00元" on 2023-07-03 adult-orphans settle "$H"
check "and the subsidy paid" on 2023-07-20 adult-orphans pay 54
expect "paid once" "该安置补助已于2023-07-20发放" on 2023-07-21 adult-orphans pay 54

expect "the audit trail has the payroll's steps" "payroll.lock" sh audit
check "the database is consistent" sh check
finish
