#!/usr/bin/env bash
# Payroll at city scale (issue #5): a ledger of N children paid a basic-living
# allowance (default 20,000, several times Dongguan's few thousand), spread
# over every village, is imported; then the month's payroll is generated in
# one transaction, made again, the next month generated (a second pass over
# what was paid), and both Excel sheets written. Prints each step's time and
# checks the line count and the exact total. PAYROLL_CHILDREN=N changes N.
set -u
bin=$(realpath "${1:-build/shouhu}")
n=${PAYROLL_CHILDREN:-20000}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/shouhu-bench-payroll-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
db=bench.db
export SHOUHU_TODAY=2023-01-20 SHOUHU_LANG=zh
sh() { "$bin" --db "$db" "$@"; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }'; }

echo 'Bench-Payroll-1!' > pw
sh init --admin-password-file pw > /dev/null || exit 1

# N children: a quarter each institution orphans, scattered orphans, de facto
# unsupported and HIV-infected, confirmed in 2022, born 2006-2019, in the
# villages of data/ (ID numbers with their GB 11643 check character).
awk -F, -v n="$n" '
    NR > 1 && ($4 == "community" || $4 == "village") { v[nv++] = $1 }
    END {
        split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
        split("1 0 X 9 8 7 6 5 4 3 2", chk, " ")
        split("机构集中养育孤儿 社会散居孤儿 事实无人抚养儿童 艾滋病病毒感染儿童", cat, " ")
        print "姓名,身份证号,居住村(社区)代码,儿童类别,类别起始日期,父亲状况,母亲状况,监护人姓名,监护人关系"
        for (i = 0; i < n; i++) {
            b = i % 84
            born = sprintf("%04d%02d%02d", 2006 + b % 14, 1 + b % 12, 1 + b % 28)
            d = sprintf("441900%s%03d", born, int(i / 84) % 1000)
            s = 0
            for (k = 1; k <= 17; k++) s += substr(d, k, 1) * w[k]
            c = i % 4 + 1
            printf "儿童%d,%s%s,%s,%s,2022-%02d-15,死亡,死亡,%s,%s\n", i, d, chk[s % 11 + 1], v[i % nv], cat[c],
                   1 + i % 12, c == 1 ? "东莞市社会福利中心" : "监护人" i, c == 1 ? "福利机构" : "祖母"
        }
    }' "$here/data/dongguan-villages.csv" > ledger.csv
# ID numbers do not repeat: 84 birth days (i % 84) times 1,000 sequence
# numbers (i / 84) make 84,000 distinct ones
if [ "$n" -gt 84000 ]; then echo "PAYROLL_CHILDREN is at most 84000"; exit 1; fi
t=$(now)
sh import children ledger.csv > import.log || { tail -5 import.log; exit 1; }
echo "import of $n paid children: $(took "$t")"

t=$(now)
out=$(sh payroll generate 2023-02) || { echo "$out"; exit 1; }
echo "generate 2023-02 for the city: $(took "$t")  ($(echo "$out" | tail -1))"
t=$(now)
sh payroll generate 2023-02 > /dev/null || exit 1
echo "generate 2023-02 again (the draft made again): $(took "$t")"
t=$(now)
SHOUHU_TODAY=2023-02-20 sh payroll generate 2023-03 > /dev/null || exit 1
echo "generate 2023-03 (every child has a paid month to skip): $(took "$t")"
t=$(now)
sh payroll export 1 --sheet bank -o bank.xlsx > /dev/null || exit 1
echo "bank payment list ($(du -k bank.xlsx | cut -f1) KiB): $(took "$t")"
t=$(now)
sh payroll export 1 --sheet fund -o fund.xlsx > /dev/null || exit 1
echo "fund table: $(took "$t")"

# the exact total: a quarter at 2,017 yuan, the rest at 1,359 (2023's minimums)
q=$(( (n + 3) / 4 ))
want_fen=$(( q * 201700 + (n - q) * 135900 ))
want=$(printf '%d.%02d' $((want_fen / 100)) $((want_fen % 100)))
if echo "$out" | grep -q "${n}人，${n}行，合计${want}元"; then
    echo "ok: $n lines, total $want yuan"
else
    echo "FAIL: expected $n lines and $want yuan"
    exit 1
fi
