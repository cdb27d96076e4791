#!/usr/bin/env bash
# A load check of the HTTP server, not a timed test: many concurrent clients
# (curl --parallel, keep-alive connections) read lists, records, histories
# and areas and create records against a demo ledger, and every answer must
# be 200/201. It prints the requests per second it saw, for comparison
# between runs on the same machine only.
#
# Usage: bench/api-load.sh BINARY
#   BENCH_CLIENTS   concurrent connections (64)
#   BENCH_REQUESTS  requests in all (10000)
#   BENCH_MINORS    children in the demo ledger (20000)
#   BENCH_KEEP=DIR  keep the work directory (server log, answers) in DIR
#   BENCH_VALGRIND=1  run the server under valgrind (memcheck): no errors and
#                   nothing definitely lost, or the check fails. Use fewer
#                   requests: it is some 50 times slower.
# An ASan build (make unit-asan's flags) is checked the same way: any
# sanitizer report in the server's log fails the check.
set -u
. "$(dirname "$0")/../tests/e2e/lib.sh"
. "$(dirname "$0")/../tests/e2e/api.bash"
CLIENTS=${BENCH_CLIENTS:-64}
REQUESTS=${BENCH_REQUESTS:-10000}
MINORS=${BENCH_MINORS:-20000}

cd "$WORK" || exit 1
echo "$PASSWORD" > pw
"$SHOUHU" --db "$DB" init --admin-password-file pw > init.log 2>&1 || { cat init.log; exit 1; }
"$SHOUHU" --db "$DB" demo --minors "$MINORS" >> init.log 2>&1 || { cat init.log; exit 1; }
"$SHOUHU" --db "$DB" user add bench.city --role city_staff --area "$CITY" --password-file pw > /dev/null

if [ "${BENCH_VALGRIND:-0}" = 1 ]; then
    SERVE_WRAPPER="valgrind --quiet --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=99 --log-file=$WORK/valgrind.log"
fi
start_server --threads 8 --max-connections 512
TOKEN=$("$SHOUHU" --db "$WORK/$DB" user token bench.city 2> /dev/null)

# The requests: a mix of what staff do all day, about 2 % of them writes.
{
    for i in $(seq 1 "$REQUESTS"); do
        # options hold for one request: each repeats them (and no "next" may end the file)
        [ "$i" -gt 1 ] && echo "next"
        echo "silent"
        echo "header = \"Authorization: Bearer $TOKEN\""
        case $((i % 50)) in
            0)  echo "url = \"$BASE/children\""
                echo "header = \"Content-Type: application/json\""
                echo "data = \"{\\\"name\\\":\\\"压测$i\\\",\\\"area\\\":\\\"$VILLAGE_A\\\",\\\"birth_date\\\":\\\"2015-01-01\\\",\\\"sex\\\":\\\"male\\\"}\"" ;;
            1|2|3|4|5|6|7|8|9|10) echo "url = \"$BASE/children?limit=50&cursor=$((RANDOM % MINORS))\"" ;;
            11|12|13|14) echo "url = \"$BASE/children?q=%E5%B0%8F&limit=20\"" ;;
            15|16|17) echo "url = \"$BASE/children?category=left_behind&age_max=10&limit=20\"" ;;
            18|19|20|21) echo "url = \"$BASE/children/$((RANDOM % MINORS + 1))/history\"" ;;
            22|23|24) echo "url = \"$BASE/areas?parent=$TOWN_A\"" ;;
            25) echo "url = \"$BASE/me\"" ;;
            *)  echo "url = \"$BASE/children/$((RANDOM % MINORS + 1))\"" ;;
        esac
        echo "output = \"/dev/null\""
        echo "write-out = \"%{http_code} %{errormsg} %{url}\\n\""
    done
} > load.curl

echo "load: $REQUESTS requests, $CLIENTS concurrent clients, $MINORS children"
start=$(date +%s.%N)
curl -s --parallel --parallel-immediate --parallel-max "$CLIENTS" -K load.curl > codes.txt 2> curl.err
end=$(date +%s.%N)
stop_server
[ -n "${BENCH_KEEP:-}" ] && cp -r "$WORK" "$BENCH_KEEP"

total=$(wc -l < codes.txt)
good=$(grep -cE '^(200|201) ' codes.txt)
same "every request was answered" "$REQUESTS" "$total"
same "every answer was 200 or 201" "$total" "$good"
[ "$good" != "$total" ] && sort codes.txt | uniq -c
awk -v n="$total" -v s="$start" -v e="$end" 'BEGIN { printf "%d requests in %.1f s: %.0f requests/s\n", n, e - s, n / (e - s) }'
if [ -n "${SERVE_WRAPPER:-}" ]; then
    if [ -s "$WORK/valgrind.log" ]; then fail "valgrind: no errors, nothing definitely lost" "$(head -40 "$WORK/valgrind.log")"
    else pass "valgrind: no errors, nothing definitely lost"; fi
fi
grep -q ' status=5' "$WORK/serve.log" && fail "no 5xx in the access log" "$(grep ' status=5' "$WORK/serve.log" | head -5)"
finish
