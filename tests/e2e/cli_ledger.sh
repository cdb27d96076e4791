#!/usr/bin/env bash
# End to end on the command line: a database is created, a messy ledger is
# imported, fixed and re-imported, exported (CSV and Excel) and re-imported
# unchanged, a record's history is read, a backup is taken and checked, and
# bad files are refused with messages that name the row and the column.
set -u
. "$(dirname "$0")/lib.sh"
cd "$WORK"
DB=ledger.db
sh() { "$SHOUHU" --db "$DB" "$@"; }

check "init creates the database" sh init
expect "init loads Dongguan's towns and villages" "36 town-level units, 609 villages" sh --db other.db init
expect "init again is safe" "is current" sh init
expect "version names the schema" "schema" "$SHOUHU" version
expect "help lists the commands" "import children" "$SHOUHU" help
expect "help explains a command" "--skip-invalid" "$SHOUHU" help import children
expect "an unknown command is refused" "unknown command" "$SHOUHU" frobnicate
expect "an unknown option is refused" "unknown option" sh check --frobnicate
expect "a missing database is explained" "shouhu init" "$SHOUHU" --db missing.db check
SHOUHU_DB=$DB check "SHOUHU_DB names the database" "$SHOUHU" check

A=$(idnum 441900 20150301 121)
B=$(idnum 441900 20120708 224)
C=$(idnum 430521 20100115 331)
ADULT=$(idnum 441900 20000101 111)
BAD=${A:0:17}$([ "${A:17}" = 0 ] && echo 1 || echo 0)
cat > messy.csv <<CSV
姓名,身份证号,性别,出生日期,民族,户籍类型,居住村(社区)代码,家庭住址,就学状态,儿童类别,类别起始日期,父亲姓名,父亲状况,母亲姓名,母亲状况,监护人姓名,监护人关系,监护人电话
张小明,$A,男,,汉族,农业户口,441900003001,岗贝社区1号,在校,社会散居孤儿,2020-01-01,张大,死亡,李花,死亡,张爷爷,祖父,13800138000
王小红,$B,女,2012/7/8,1,农村,岗贝社区居民委员会,,在读,农村留守儿童,2021-03-01,王强,外出务工,刘芳,外出务工,王奶奶,奶奶,
李错号,$BAD,男,,汉族,,441900003001,,,,,,,,,,,
重复,$A,男,,,,441900003001,,,,,,,,,,,
未来,,女,2099-01-01,,,441900003001,,,,,,,,,,,
成年人,$ADULT,,,,,441900003001,,,,,,,,,,,
外省,$C,男,,苗族,农业户口,大岭山社区居民委员会,,在校,流动儿童,2022-09-01,,,,,,,
CSV
expect "a messy ledger: the checksum is reported by row and column" "第4行 身份证号：身份证号校验码不对" sh import children messy.csv
expect "a messy ledger: the repeated ID number names the first row" "第5行 身份证号：身份证号与第2行重复" sh import children messy.csv
expect "a messy ledger: a future birth date" "第6行 出生日期：2099-01-01晚于今天" sh import children messy.csv
expect "a messy ledger: an adult" "第7行 出生日期：该人员已满18周岁" sh import children messy.csv
check_fails "a ledger with problems is refused whole" sh import children messy.csv
same "and nothing was written" "$(sh export children | wc -l)" 1
expect "--dry-run says it wrote nothing" "试导入" sh import children messy.csv --dry-run
expect "--skip-invalid imports the valid rows" "新增3" sh import children messy.csv --skip-invalid
check "the rejected rows are beside the input" test -f messy.rejected.csv
same "with a header and one line per rejected row" "$(wc -l < messy.rejected.csv)" 5
expect "each with its reason" "校验码不对" cat messy.rejected.csv
sed -i "s/^李错号,$BAD,/李错号,$(idnum 441900 20150302 133),/" messy.rejected.csv
sed -i '/^重复\|^未来\|^成年人/d' messy.rejected.csv
expect "the fixed rejected rows re-import (the 错误原因 column is ignored)" "新增1" sh import children messy.rejected.csv
expect "re-importing the same ledger changes nothing" "未变3" sh import children messy.csv --skip-invalid --rejected again.csv

sh export children -o ledger.csv > /dev/null
same "export writes a header and every child" "$(wc -l < ledger.csv)" 5
expect "the export has Chinese headings" "姓名,公民身份号码,性别,出生日期" head -1 ledger.csv
expect "the export re-imports unchanged" "未变4" sh import children ledger.csv
expect "export by town" "大岭山社区居民委员会" sh export children --area 441900118000
same "export by town holds only that town" "$(sh export children --area 441900118000 | wc -l)" 2
same "export by category" "$(sh export children --category orphan_scattered | wc -l)" 2
check "export to Excel" sh export children -o ledger.xlsx
expect "the Excel export re-imports unchanged" "未变4" sh import children ledger.xlsx

# a record's history: an import that changes a cell makes version 2
sed "s/,岗贝社区1号,/,岗贝社区2号,/" ledger.csv > moved.csv
expect "a changed address updates the record" "更新1" sh import children moved.csv
expect "show finds a record by ID number" "岗贝社区2号" sh child show "$A"
expect "show --json gives the document" "\"version\": 2" sh child show "$A" --json
expect "history lists the change field by field" "岗贝社区1号 -> 岗贝社区2号" sh child history "$A"
expect "history names the reason" "导入台账" sh child history "$A"
expect "an unknown record" "no child record" sh child show 99999

check "backup while idle" sh backup backup.db
check "the backup passes check" "$SHOUHU" --db backup.db check
same "the backup holds every child" "$("$SHOUHU" --db backup.db export children | md5sum)" "$(sh export children | md5sum)"
check_fails "backup does not overwrite without --force" sh backup backup.db
check "backup --force replaces it" sh backup backup.db --force
check "check passes" sh check

# files that are not ledgers
: > empty.csv
expect "an empty file" "文件是空的" sh import children empty.csv
printf 'foo,bar\n1,2\n' > wrong.csv
expect "wrong headers" "缺少必需的列“姓名”" sh import children wrong.csv
{ printf '姓名,身份证号,居住村(社区)代码\n'; head -c 10485760 /dev/zero | tr '\0' x; printf ',,441900003001\n'; } > long.csv
expect "a 10 MB line" "第2行：该行超过1048576字节" sh import children long.csv
printf '姓名,身份证号,居住村(社区)代码\n甲乙丙丁戊己庚辛壬癸,,441900003001\n\xe5\xbc,,441900003001\n' > badutf8.csv
expect "invalid UTF-8 in a row" "第3行：含有无法识别的字符" sh import children badutf8.csv
head -c 3000 /dev/urandom > random.csv
expect "random bytes are refused" "未写入任何数据" sh import children random.csv
printf 'PK\003\004not really a zip' > fake.xlsx
expect "a file that claims to be Excel but is not" "Excel" sh import children fake.xlsx
check_fails "a missing file" sh import children nothing-here.csv
printf '姓名,身份证号,居住村(社区)代码\n' | iconv -f UTF-8 -t GB18030 > gb.csv
printf '陈大文,%s,441900003001\n' "$(idnum 441900 20130301 131)" | iconv -f UTF-8 -t GB18030 >> gb.csv
expect "a GB18030 ledger from Excel on Chinese Windows" "新增1" sh import children gb.csv
check "check still passes" sh check

# a newer database is refused by this binary
cp "$DB" newer.db
sqlite3 newer.db "PRAGMA user_version = 999"
expect "a newer database is refused" "newer Shouhu" "$SHOUHU" --db newer.db check
finish
