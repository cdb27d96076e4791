#!/usr/bin/env bash
# Issue #8 for issue #7's figures (m2): the city's dashboard and a month's
# roll-up over the whole city, in the style of scale.sh (a table of figure,
# size, value, baseline, ratio, target, verdict), on the demo's ledger with
# its protection work (cases, referrals, visits) and rescue centre.
#
#   h  the city's dashboard: GET /stats/protection (visit coverage, case
#      timeliness, rescue occupancy: the monthly report's own queries up to
#      today) and GET /stats/summary (the counters), each the best of 5
#      requests, against the raw category x town query of the sqlite3 shell
#      (scale.sh's figure d). Target: under 1 s for the protection figures
#      at 1.63 M children, extrapolated linearly (they read the children
#      holding a category, not counters: the visits due need each one's
#      last visit), the summary under 50 ms.
#   i  the month's roll-up over the whole city: `shouhu report monthly
#      MONTH --area CITY` (the city's figures from the ledger, then each of
#      its towns': every group, every figure), wall and CPU time (the
#      machine is shared: the CPU time is the steadier), peak RSS; and its
#      CPU time against the same grouped SQL run in the sqlite3 shell
#      (monthly_sql.c prints the store's own statements for one pass over
#      the city's towns): the roll-up is the city's pass and its towns' pass
#      with C around them, so about 2x that is what one pass per level costs.
#
# Usage: bench/dashboard.sh BINARY
#   BENCH_SIZES   sizes ("5000 25000"); BENCH_KEEP=DIR keeps the work directory
set -u
bin=$(realpath "${1:-build/shouhu}")
here=$(cd "$(dirname "$0")" && pwd)
SIZES=${BENCH_SIZES:-"5000 25000"}
CITY=441900000000 PW=Bench-Pass-1
MONTH=$(date -u +%Y-%m)
work=${BENCH_KEEP:-$(mktemp -d /tmp/shouhu-dash-XXXXXX)}
mkdir -p "$work"
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
echo "$PW" > pw
cc -std=c11 -O2 -Wall -Wextra -Werror -I"$here/../src" -o monthly_sql "$here/monthly_sql.c" || exit 1
for t in sqlite3 curl /usr/bin/time; do
    command -v "$t" > /dev/null || { echo "dashboard.sh: $t is missing (make deps)"; exit 1; }
done

. "$here/lib.bash"
# best URL: the shortest of 5 requests' times (s)
best() {
    for _ in 1 2 3 4 5; do
        curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$1"
    done | sort -n | head -1
}

for n in $SIZES; do
    echo "== $n children"
    rm -f d.db* serve.out serve.log
    "$bin" --db d.db init --admin-password-file pw > /dev/null 2>&1 || { echo "init failed"; exit 1; }
    "$bin" --db d.db demo --minors "$n" > demo.log 2>&1 || { echo "demo failed"; tail -5 demo.log; exit 1; }
    cases=$(sqlite3 d.db "SELECT count(*) FROM protect_case")
    visits=$(sqlite3 d.db "SELECT count(*) FROM visit")

    # the raw category x town counts (scale.sh's d) as the baseline
    /usr/bin/time -f "%e" -o time.agg sqlite3 d.db "SELECT substr(c.area, 1, 9) AS town, cc.code, count(*) FROM child_category cc
        JOIN child c ON c.id = cc.child_id WHERE cc.status <> 'ended' GROUP BY town, cc.code;" > /dev/null
    agg=$(cat time.agg)

    # i: the month's roll-up over the whole city
    /usr/bin/time -f "%e %M %U %S" -o time.roll "$bin" --db d.db report monthly "$MONTH" --area "$CITY" > roll.out 2>&1 ||
        { echo "report monthly failed"; tail -5 roll.out; exit 1; }
    read -r secs kb cpu _ < time.roll
    row "i month's roll-up, city (s; cpu; RSS)" "$n" "${secs}s ${cpu}s $((kb / 1024))MB" "${agg}s" "$(ratio "$secs" "$agg")" "(no target)" "-"
    # i against its own grouped SQL, one pass over the towns, in the shell (CPU: user + system)
    roll_cpu=$(awk -v u="$cpu" -v s="$(cut -d' ' -f4 time.roll)" 'BEGIN { printf "%.2f", u + s }')
    ./monthly_sql "$MONTH" $(sqlite3 d.db "SELECT DISTINCT code FROM child_category") > pass.sql
    if /usr/bin/time -f "%U %S" -o time.pass sqlite3 -bail d.db < pass.sql > /dev/null 2> pass.err; then
        pass_cpu=$(awk '{ printf "%.2f", $1 + $2 }' time.pass)
        v="ok"; le "$roll_cpu" "$pass_cpu" || v="MISSED"
        row "i roll-up vs its grouped SQL (cpu s)" "$n" "${roll_cpu}s" "${pass_cpu}s" "$(ratio "$roll_cpu" "$pass_cpu")" "<=1x raw" "$v"
    else   # a binary older than the SQL (a "before" run): its database lacks the indexes the SQL names
        row "i roll-up vs its grouped SQL (cpu s)" "$n" "${roll_cpu}s" "- ($(head -c 60 pass.err))" "-" "<=1x raw" "-"
    fi

    # h: the city's dashboard over HTTP
    serve_city d.db
    code=$(curl -s -o prot.json -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/v1/stats/protection")
    [ "$code" = 200 ] || { echo "GET /stats/protection: $code"; cat prot.json; kill -TERM "$spid"; exit 1; }
    p=$(best /api/v1/stats/protection)
    est=$(awk -v p="$p" -v n="$n" 'BEGIN { printf "%.1f", p * 1630000 / n }')   # it grows with the children
    v="ok"; le "$est" 1 || v="MISSED"
    row "h city dashboard: protection (s)" "$n ($cases cases, $visits visits)" "${p}s (1.63M est ${est}s)" "${agg}s" "$(ratio "$p" "$agg")" "<1s at 1.63M" "$v"
    q=$(best /api/v1/stats/summary)
    v="ok"; le "$q" 0.05 || v="MISSED"
    row "h city dashboard: summary (s)" "$n" "${q}s" "${agg}s" "$(ratio "$q" "$agg")" "<50ms" "$v"
    kill -TERM "$spid"
    wait "$spid" 2> /dev/null
done

print_table
exit 0
