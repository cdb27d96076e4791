#!/usr/bin/env bash
# Every workbook Shouhu writes opens cleanly in LibreOffice (issues #5, #7).
# A ledger of the known children of allowances_cli.sh, 600 more orphans in
# 大岭山镇 and an orphan in every other town is imported; through the real
# server the city generates February's payroll, the towns submit, the city
# approves and locks it; 东城街道 and the city make their monthly reports.
# The workbooks are downloaded as a user would (the ledger export of a town,
# the rows an import rejected, the bank payment list of the city and of a
# town, the monthly fund table, the town's and the city's monthly report) and
# opened with LibreOffice headless: each converts without a word on stderr,
# every sheet to CSV "as shown", so the test reads what a person sees: the
# Chinese headers, the counts and money (yuan, two decimals) equal to the
# API's, ID numbers as 18 characters (not 4.419E+17), dates as text. One
# workbook of each kind is printed to PDF: A4 in the orientation meant, the
# pages expected, each with its headers, no "###" cell.
# (Excel itself is not available here; LibreOffice stands in for it.)
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
export SHOUHU_TODAY=2023-02-20   # February has begun: its payroll is locked and reported
VILLAGES=$(realpath "$(dirname "$0")/../../data/dongguan-villages.csv")
cd "$WORK" || exit 1

if ! command -v soffice > /dev/null 2>&1; then
    echo "soffice is missing: apt-get install libreoffice-calc-nogui (mk/deps.sh)"
    exit 1
fi

echo "$PASSWORD" > pw
"$SHOUHU" --db "$DB" init --admin-password-file pw > init.log 2>&1 || { cat init.log; exit 1; }
CITY=441900000000 DONGCHENG=441900003000 DALINGSHAN=441900118000
for u in "city city_staff $CITY" "dongcheng town_supervisor $DONGCHENG" "dalingshan town_supervisor $DALINGSHAN"; do
    set -- $u
    "$SHOUHU" --db "$DB" user add "$1" --role "$2" --area "$3" --password-file pw >> init.log 2>&1 || { cat init.log; exit 1; }
done
A=$(idnum 441900 20120301 011); B=$(idnum 441900 20130405 022); C=$(idnum 441900 20100606 033)
D=$(idnum 441900 20120402 044); E=$(idnum 441900 20140808 055); F=$(idnum 441900 20150101 066)
H=$(idnum 441900 20050701 088)
cat > ledger.csv <<CSV
姓名,身份证号,户籍类型,居住村(社区)代码,就学状态,儿童类别,类别起始日期,父亲状况,父亲状况起始日期,父亲期限(月),母亲状况,母亲状况起始日期,监护人姓名,监护人关系,监护人电话
机构甲,$A,农业户口,441900003001,在校,机构集中养育孤儿,2022-10-01,宣告失踪,2012-03-20,,宣告失踪,2012-03-20,东莞市社会福利中心,福利机构,
机构乙,$B,农业户口,441900003001,在校,机构集中养育孤儿,2022-11-15,死亡,2018-01-01,,死亡,2019-01-01,东莞市社会福利中心,福利机构,
散居丙,$C,农业户口,441900118002,在校,社会散居孤儿,2022-06-01,死亡,2017-05-01,,死亡,2021-02-01,王奶奶,祖母,13800000001
事实丁,$D,农业户口,441900118002,在校,事实无人抚养儿童,2022-12-20,服刑在押,2022-03-01,36,失联,2022-05-10,李爷爷,祖父,13800000002
艾滋戊,$E,农业户口,441900118002,在校,艾滋病病毒感染儿童,2022-09-01,死亡,2020-01-01,,重病,2020-06-01,赵外婆,外祖母,13800000003
普通己,$F,农业户口,441900003002,在校,,,正常,,,正常,,,,
福利院辛,$H,农业户口,441900003001,在校,机构集中养育孤儿,2015-01-01,死亡,2010-01-01,,死亡,2011-01-01,东莞市社会福利中心,福利机构,
CSV
# and a city's worth of institution orphans in 大岭山镇, so that the totals are
# millions of yuan and the bank list runs to many pages; and a scattered
# orphan in the first village of every other town, so that the fund table
# and the city's report have a row or a column for each of its 32 towns
MANY=600
awk -F, -v n=$MANY '
    function id(seq, birth,   d, sum, j) {
        d = "441900" birth sprintf("%03d", seq); sum = 0
        for (j = 1; j <= 17; j++) sum += substr(d, j, 1) * w[j]
        return d substr("10X98765432", sum % 11 + 1, 1)
    }
    NR == 1 { split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ") }
    NR > 1 && ($4 == "community" || $4 == "village") && $2 !~ /虚拟|生活区/ && $3 !~ /^441900(003|118)$/ && !seen[$3]++ {
        k++
        printf "散居%d,%s,农业户口,%s,在校,社会散居孤儿,2022-06-01,死亡,2017-05-01,,死亡,2021-02-01,王奶奶,祖母,\n",
            k, id(k, "20160606"), $1
        print $3 "000" > "towns.txt"
    }
    END {
        for (i = 0; i < n; i++)
            printf "孤儿%d,%s,农业户口,441900118002,在校,机构集中养育孤儿,2022-01-01,死亡,2018-01-01,,死亡,2019-01-01,东莞市社会福利中心,福利机构,\n",
                i + 1, id(100 + i, "20110101")
    }' "$VILLAGES" >> ledger.csv
"$SHOUHU" --db "$DB" import children ledger.csv >> init.log 2>&1 || { cat init.log; exit 1; }
for t in $(cat towns.txt); do   # each town submits its part of the payroll
    "$SHOUHU" --db "$DB" user add "town.$t" --role town_supervisor --area "$t" --password-file pw >> init.log 2>&1 ||
        { cat init.log; exit 1; }
done

start_server
for u in city dongcheng dalingshan; do login $u || { echo "cannot log in as $u"; exit 1; }; done

# ---- the figures, from the API ----
call_json city POST /payrolls '{"month":"2023-02"}'
PR=$(printf '%s' "$BODY" | jq -r '.id // empty')
status_is "the city generates February's payroll" 201
call dongcheng POST "/payrolls/$PR/submit"
call dalingshan POST "/payrolls/$PR/submit"
for t in $(cat towns.txt); do   # the other towns' supervisors, on the command line (no logins: quicker)
    "$SHOUHU" --db "$DB" payroll submit "$PR" --town "$t" --by "town.$t" >> init.log 2>&1 || fail "town $t submits" "$(tail -3 init.log)"
done
call city POST "/payrolls/$PR/approve"
call_json city POST "/payrolls/$PR/lock" '{"paid_on":"2023-02-10"}'
json_ok "it is approved and locked" '.status == "locked"'
call city GET "/payrolls/$PR"
cp body payroll.json
call city GET "/payrolls/$PR/lines?limit=500"
cp body lines.json
call city GET "/children?area=$DONGCHENG&limit=500"
cp body town_children.json
call_json dongcheng POST /monthly-reports "{\"month\":\"2023-02\",\"area\":\"$DONGCHENG\"}"
RT=$(printf '%s' "$BODY" | jq -r '.id // empty')
status_is "东城街道 makes its February report" 201
cp body monthly.json
call_json city POST /monthly-reports "{\"month\":\"2023-02\",\"area\":\"$CITY\"}"
RC=$(printf '%s' "$BODY" | jq -r '.id // empty')
status_is "the city makes its February report" 201
call city GET "/monthly-reports/$RC"
cp body citymonthly.json

# ---- the workbooks, as downloaded ----
mkdir -p books
download() {   # download NAME USER PATH: the workbook at PATH to books/NAME.xlsx
    call "$2" GET "$3"
    if [ "$STATUS" = 200 ] && printf '%s' "$HEADERS" | grep -qi '^content-type: application/vnd.openxmlformats'; then
        cp body "books/$1.xlsx"
        pass "$1.xlsx downloads"
    else
        fail "$1.xlsx downloads: status $STATUS" "$BODY"
    fi
}
download ledger dongcheng "/exports/children?format=xlsx&area=$DONGCHENG"
download bank city "/payrolls/$PR/export?layout=bank"
download fund city "/payrolls/$PR/export?layout=fund"
download townbank dongcheng "/payrolls/$PR/export?layout=bank"
download monthly dongcheng "/monthly-reports/$RT/export?format=xlsx"
download citymonthly city "/monthly-reports/$RC/export?format=xlsx"
# the rows an import rejects, as a workbook when the upload was one: the
# town's export with 机构甲's ID number given a wrong check digit
BAD=${A:0:17}$([ "${A:17}" = 0 ] && echo 1 || echo 0)
mkdir -p edit && (cd edit && unzip -q ../books/ledger.xlsx && sed -i "s/$A/$BAD/" xl/worksheets/sheet1.xml &&
    zip -q -X -r ../bad.xlsx '[Content_Types].xml' _rels docProps xl)
call city POST '/imports/children?rejected=1' -H 'Content-Type: application/octet-stream' --data-binary @bad.xlsx
if [ "$STATUS" = 200 ] && printf '%s' "$HEADERS" | grep -qi '^content-disposition: attachment; filename="rejected-.*\.xlsx"'; then
    cp body books/rejected.xlsx
    pass "rejected.xlsx downloads"
else
    fail "rejected.xlsx downloads: status $STATUS" "$BODY"
fi
stop_server

# ---- LibreOffice opens them ----
# soffice ARGS...: headless, with its profile in $WORK so that parallel runs
# do not share one; its output in lo.out and lo.err.
lo() {
    timeout 120 soffice -env:UserInstallation="file://$WORK/lo-profile" --headless "$@" > lo.out 2> lo.err
}
# Every sheet "as shown" (number formats applied), tab-separated, UTF-8:
# separator, quote, charset, first line, cell formats, language, quote all
# text, detect numbers, save as shown, formulas, remove spaces, sheet -1 (all).
CSV_FILTER='csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,true,false,false,-1'
# what LibreOffice says on stderr, less the one warning that is about Java, not the files
lo_errors() { grep -v 'javaldx' lo.err; }

lo --convert-to "$CSV_FILTER" --outdir csv books/*.xlsx
check "LibreOffice converts every workbook" test -s lo.out
same "and says nothing on stderr (no error, no repair)" "$(lo_errors)" ""
for b in ledger bank fund townbank monthly citymonthly rejected; do
    check "$b.xlsx: its sheets open" sh -c "grep -q 'books/$b.xlsx' lo.out && ls csv/$b-*.csv > /dev/null"
done

# cell FILE ROW COL: the text a person sees in row ROW, column COL (1-based)
cell() { awk -F'\t' -v r="$2" -v c="$3" 'NR == r { v = $c; gsub(/^"|"$/, "", v); print v; exit }' "$1"; }
# row_of FILE COL TEXT: the number of the first row whose column COL reads TEXT
row_of() { awk -F'\t' -v c="$2" -v t="$3" '{ v = $c; gsub(/^"|"$/, "", v) } v == t { print NR; exit }' "$1"; }
# at FILE KEY_COL KEY COL: column COL of the row whose column KEY_COL reads KEY
at() { local r; r=$(row_of "$1" "$2" "$3"); [ -n "$r" ] && cell "$1" "$r" "$4"; }
# yuan "10128.00" as shown with thousands separators: "10,128.00"
grouped() { printf '%s' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\([,.]\)/\1,\2\3/' -e 'ta'; }
# no_exponent NAME FILE: no number was turned into 4.41900201203010E+17
no_exponent() {
    if grep -qE '[0-9][.,]?[0-9]*E\+[0-9]+' "$2"; then fail "$1" "$(grep -E 'E\+' "$2" | head -3)"; else pass "$1"; fi
}

# ---- the ledger export of a town ----
L=$(ls csv/ledger-*.csv)
same "the ledger's sheet is 儿童台账" "$L" "csv/ledger-儿童台账.csv"
same "its headers are Chinese" "$(cell "$L" 1 1) $(cell "$L" 1 2) $(cell "$L" 1 4)" "姓名 公民身份号码 出生日期"
same "one row per child of the town, as the API counts them" "$(awk 'END { print NR - 1 }' "$L")" \
    "$(jq '.total // (.items | length)' town_children.json)"
same "ID numbers stay 18 characters" "$(at "$L" 1 机构甲 2)" "$A"
same "an ID number ending in X too" "$(at "$L" 1 普通己 2)" "$F"
same "dates read as written" "$(at "$L" 1 机构甲 4) $(at "$L" 1 机构甲 18)" "2012-03-01 2022-10-01"
no_exponent "no number in exponent form" "$L"

# ---- the rows an import rejected ----
R=$(ls csv/rejected-*.csv)
same "the rejected rows: the header and 机构甲's row" "$(awk 'END { print NR }' "$R")" 2
same "its wrong ID number as typed, 18 characters" "$(at "$R" 1 机构甲 2)" "$BAD"
ERR=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "错误原因") print i }' "$R")
expect "and the reason in the 错误原因 column" "校验码" cell "$R" 2 "${ERR:-99}"

# ---- the bank payment list ----
K=$(ls csv/bank-*.csv)
same "the bank list's sheet is 银行代发清单" "$K" "csv/bank-银行代发清单.csv"
expect "its title names the month" "2023年2月东莞市孤儿、事实无人抚养儿童、艾滋病病毒感染儿童基本生活费银行代发清单" cell "$K" 1 1
HEAD=$(row_of "$K" 1 序号)
same "its headers are Chinese" "$(cell "$K" "$HEAD" 2) $(cell "$K" "$HEAD" 5) $(cell "$K" "$HEAD" 14)" "镇街 儿童身份证号 金额（元）"
TOTAL=$(jq -r .total payroll.json)
CHILDREN=$(jq -r .children payroll.json)
same "the total row counts the API's children" "$(cell "$K" "$(row_of "$K" 1 "合计（${CHILDREN}人）")" 1)" "合计（${CHILDREN}人）"
same "and its money is the API's total, in yuan with two decimals" \
    "$(at "$K" 1 "合计（${CHILDREN}人）" 14)" "$(grouped "$TOTAL")"
same "one row per child" "$(awk -F'\t' -v h="$HEAD" 'NR > h && $1 ~ /^[0-9]+$/' "$K" | wc -l)" "$CHILDREN"
for who in 机构甲 散居丙 艾滋戊; do
    api=$(jq -r --arg n "$who" '[.items[] | select(.child_name == $n)][0].amount' lines.json)
    same "$who's amount is the API's ($api)" "$(at "$K" 4 "$who" 14)" "$(grouped "$api")"
done
same "a child's ID number stays 18 characters" "$(at "$K" 4 事实丁 5)" "$D"
same "and the guardian's phone a phone number" "$(at "$K" 4 事实丁 10)" "13800000002"
same "a month count is a count" "$(at "$K" 4 事实丁 11)" "1"
no_exponent "no number in exponent form" "$K"
T=$(ls csv/townbank-*.csv)
TOWN_TOTAL=$(jq -r --arg t "$DONGCHENG" '[.by_town[] | select(.town == $t)][0].total' payroll.json)
TOWN_N=$(jq -r --arg t "$DONGCHENG" '[.by_town[] | select(.town == $t)][0].children' payroll.json)
same "a town's list totals its own part, as the API says" "$(at "$T" 1 "合计（${TOWN_N}人）" 14)" "$(grouped "$TOWN_TOTAL")"

# ---- the monthly fund table ----
U=$(ls csv/fund-*.csv)
same "the fund table's sheet is 发放情况表" "$U" "csv/fund-发放情况表.csv"
HEAD=$(row_of "$U" 1 序号)
same "its headers, as Guangdong's table has them" \
    "$(for c in 3 4 7 8 9; do printf '%s|' "$(cell "$U" "$HEAD" $c)"; done)" \
    "实发人数|孤儿数|事实无人抚养儿童数|艾滋病病毒感染儿童数|实发资金（元）|"
same "孤儿数 is split into 机构 and 散居" "$(cell "$U" $((HEAD + 1)) 5) $(cell "$U" $((HEAD + 1)) 6)" "机构 散居"
cat_n() { jq -r --arg c "$1" '.totals.by_category[$c].children' payroll.json; }
TOT=$(row_of "$U" 1 合计)
same "the total row: 实发人数 is the API's children" "$(cell "$U" "$TOT" 3)" "$CHILDREN"
same "孤儿数 (机构/散居)" "$(cell "$U" "$TOT" 5)/$(cell "$U" "$TOT" 6)" "$(cat_n orphan_institution)/$(cat_n orphan_scattered)"
same "事实无人抚养儿童数" "$(cell "$U" "$TOT" 7)" "$(cat_n de_facto_unsupported)"
same "艾滋病病毒感染儿童数" "$(cell "$U" "$TOT" 8)" "$(cat_n hiv)"
same "实发资金 is the API's total" "$(cell "$U" "$TOT" 9)" "$(grouped "$TOTAL")"
same "东城街道's row: its children and money" "$(at "$U" 2 东城街道 3) $(at "$U" 2 东城街道 9)" "$TOWN_N $(grouped "$TOWN_TOTAL")"

# ---- the town's monthly report ----
M=$(ls csv/monthly-*.csv)
same "the report's sheet is 月报" "$M" "csv/monthly-月报.csv"
expect "its title names the month and the town" "2023年2月东城街道" cell "$M" 1 1
HEAD=$(row_of "$M" 1 序号)
same "its headers are Chinese" "$(cell "$M" "$HEAD" 3) $(cell "$M" "$HEAD" 4)" "指标 本级合计"
same "在册儿童 is the API's figure" "$(at "$M" 3 在册儿童 4)" "$(jq -r '.figures["children.total"]' monthly.json)"
same "本月发放人数 is the API's figure" "$(at "$M" 3 本月发放人数 4)" "$(jq -r '.figures["allowances.children"]' monthly.json)"
same "本月发放金额 is the API's, in yuan with two decimals" "$(at "$M" 3 本月发放金额（元） 4)" \
    "$(grouped "$(jq -r '.figures["allowances.amount"]' monthly.json)")"
same "and the town's part of the payroll" "$(jq -r '.figures["allowances.amount"]' monthly.json)" "$TOWN_TOTAL"
no_exponent "no number in exponent form" "$M"
C=$(ls csv/citymonthly-*.csv)
HEAD=$(row_of "$C" 1 序号)
TOWNS=$(jq '.below | length' citymonthly.json)
check "the city's report has a column for each of its $TOWNS towns" test "$(awk -F'\t' -v h="$HEAD" 'NR == h { print NF }' "$C")" = $((TOWNS + 4))
same "在册儿童 is the API's figure" "$(at "$C" 3 在册儿童 4)" "$(jq -r '.figures["children.total"]' citymonthly.json)"
same "东城街道's column is the town's" "$(awk -F'\t' -v h="$HEAD" -v r="$(row_of "$C" 3 在册儿童)" '
    NR == h { for (i = 1; i <= NF; i++) if ($i == "东城街道") c = i } NR == r { print $c }' "$C")" "$(jq -r '.figures["children.total"]' monthly.json)"
same "本月发放金额 is the API's, millions in yuan" "$(at "$C" 3 本月发放金额（元） 4)" \
    "$(grouped "$(jq -r '.figures["allowances.amount"]' citymonthly.json)")"

# ---- printed ----
# pdf_text NAME [PAGE]: the text of books' NAME.pdf (one page, or all), laid out
pdf_text() { pdftotext -layout ${2:+-f "$2" -l "$2"} "pdf/$1.pdf" - 2> /dev/null; }
pages() { pdfinfo "pdf/$1.pdf" 2> /dev/null | awk '/^Pages:/ { print $2 }'; }
size() { pdfinfo "pdf/$1.pdf" 2> /dev/null | awk '/^Page size:/ { printf "%.0fx%.0f %s\n", $3, $5, $7 }'; }
LANDSCAPE="842x595 (A4)" PORTRAIT="595x842 (A4)"
lo --convert-to pdf --outdir pdf books/bank.xlsx books/fund.xlsx books/monthly.xlsx books/citymonthly.xlsx books/ledger.xlsx
same "LibreOffice prints them without a word on stderr" "$(lo_errors)" ""
same "the bank list is A4 landscape" "$(size bank)" "$LANDSCAPE"
same "the fund table is A4 landscape" "$(size fund)" "$LANDSCAPE"
same "the report of a town with two villages is A4 portrait" "$(size monthly)" "$PORTRAIT"
same "the ledger is A4 landscape" "$(size ledger)" "$LANDSCAPE"
same "the city's report, with its towns, is A4 landscape" "$(size citymonthly)" "$LANDSCAPE"
same "the fund table is one page" "$(pages fund)" 1
# a town's report is one page wide; its groups (children, allowances, visits, cases, referrals,
# the rescue centre) run to a second page down
N=$(pages monthly)
check "the monthly report of a town is one page wide, at most two long ($N)" test "${N:-0}" -ge 1 -a "${N:-0}" -le 2
N=$(pages bank)
check "the bank list of $((CHILDREN)) children runs to several pages" test "${N:-0}" -gt 1
expect "its footer counts them" "第 $N 页，共 $N 页" pdf_text bank "$N"
for p in $(seq 1 "${N:-1}"); do
    out=$(pdf_text bank "$p")
    case "$out" in
        *序号*儿童身份证号*金额（元）*备注*) pass "page $p of the bank list has every column's header" ;;
        *) fail "page $p of the bank list has every column's header" "$out" ;;
    esac
done
expect "the last page has the total" "$(grouped "$TOTAL")" pdf_text bank "$N"
# the city's 32 towns do not fit one readable page: a few pages across (8 towns each), as many
# down as its groups need; each page repeats the header and the figures' names
N=$(pages citymonthly)
check "the city's report runs to a few pages across ($N)" test "${N:-0}" -gt 1 -a $((N % 4)) -eq 0 -a "${N:-0}" -le 12
expect "its first page has the children's figures" "在册儿童" pdf_text citymonthly 1
for p in $(seq 1 "${N:-1}"); do
    out=$(pdf_text citymonthly "$p")
    case "$out" in
        *序号*指标*本级合计*) pass "page $p of the city's report names the figures" ;;
        *) fail "page $p of the city's report names the figures" "$out" ;;
    esac
done
missing=$(pdf_text citymonthly > city.txt; jq -r '.below[].area_name' citymonthly.json | while read -r t; do grep -q "$t" city.txt || echo "$t"; done)
same "and every town's column is printed" "$missing" ""
for b in bank fund monthly citymonthly ledger; do
    if pdf_text "$b" | grep -q '###'; then
        fail "$b: no cell too narrow for its number (###)" "$(pdf_text "$b" | grep '###' | head -3)"
    else
        pass "$b: no cell too narrow for its number (###)"
    fi
done
expect "the fund table's millions print whole" "$(grouped "$TOTAL")" pdf_text fund
expect "the ledger's first page names the children" "$A" pdf_text ledger 1
LP=$(pages ledger)
expect "and every page of it does (姓名 and 公民身份号码 repeat)" "$A" pdf_text ledger "$LP"

finish
