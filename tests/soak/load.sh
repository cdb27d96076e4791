#!/usr/bin/env bash
# The server under load (issue #9): mixed reads and writes from concurrent
# clients against the real `shouhu serve` for SOAK_SECONDS (an hour by
# default, for `make soak`; `make test` runs 60 s of it on an ASan+UBSan
# build), sampling the server's memory (VmRSS) and open file descriptors.
# Usage: load.sh SHOUHU   (SOAK_SECONDS, SOAK_WRITERS, SOAK_READERS)
#
# Writers record up to 5 children each and then change them in turn, so
# the data read stays the same size and only history and the audit trail
# grow (append-only); readers list, search and read records and histories.
# First a warm-up (a tenth of the time, at least 10 s) with the same load,
# then a pause in which the idle server is measured, then the run. Rules:
#   - no request fails: every answer is 2xx (the clients log any other);
#   - descriptors: the database's are at most 6 per serving thread (the
#     ledger's file, its -wal and -shm, and the same three of the audit
#     trail beside it: each thread opens its connection on first use); of
#     the others, with the clients stopped, the server holds
#     exactly as many as after the warm-up (a leak of one per request would
#     show as thousands), and during the run never more than those plus one
#     per client plus 2;
#   - memory: the largest RSS sampled in the second half of the run is at
#     most 10 % (plus 2 MiB of allocator noise) above the largest of the
#     first half: after the warm-up, memory does not grow with the work;
#   - every acknowledged write is there with its history, `shouhu check`
#     passes, and (an ASan build) the sanitizers report nothing, leaks at
#     the server's exit included.
set -u
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/../e2e/api.bash"
. "$(dirname "$0")/../e2e/reliability.bash"
. "$(dirname "$0")/../e2e/reliability_http.bash"
# ASan keeps freed memory in a quarantine (256 MiB by default) before reuse:
# a smaller one fills during the warm-up, so that it does not read as growth
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16}

SECONDS_RUN=${SOAK_SECONDS:-3600}
WRITERS=${SOAK_WRITERS:-3}
READERS=${SOAK_READERS:-3}
WARM=$((SECONDS_RUN / 10 < 10 ? 10 : SECONDS_RUN / 10))
EVERY=$((SECONDS_RUN / 300 < 1 ? 1 : SECONDS_RUN / 300))   # seconds between samples

setup_world
tokens=()
for c in $(seq 1 $((WRITERS + READERS))); do tokens+=("$(http_token t.town)"); done
THREADS=4
start_server --threads "$THREADS"

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status" 2> /dev/null; }
# the server's descriptors but the database's (which depend on how many threads have served yet)
fds() { find "/proc/$SERVER_PID/fd" -mindepth 1 ! -lname "$WORK/$DB*" 2> /dev/null | wc -l; }
db_fds() { find "/proc/$SERVER_PID/fd" -mindepth 1 -lname "$WORK/$DB*" 2> /dev/null | wc -l; }

# clients PHASE: starts every client in the background; PIDS gets their ids
clients() {
    rm -f "$WORK/stop"
    pids=()
    local c
    for c in $(seq 1 "$WRITERS"); do
        http_writer "$1.w$c" "${tokens[$((c - 1))]}" "$WORK/$1.w$c.log" 0 5 & pids+=($!)
    done
    for c in $(seq 1 "$READERS"); do
        http_reader "${tokens[$((WRITERS + c - 1))]}" "$WORK/$1.r$c.log" & pids+=($!)
    done
}
stop_clients() { touch "$WORK/stop"; wait "${pids[@]}"; sleep 1; }

echo "     warm-up ${WARM}s, then ${SECONDS_RUN}s with $WRITERS writers and $READERS readers, a sample every ${EVERY}s"
clients warm
sleep "$WARM"
stop_clients
idle_fds=$(fds)
idle_rss=$(rss)

clients run
: > "$WORK/samples"
end=$(($(date +%s) + SECONDS_RUN))
while [ "$(date +%s)" -lt "$end" ] && kill -0 "$SERVER_PID" 2> /dev/null; do
    echo "$(date +%s) $(rss) $(fds) $(db_fds)" >> "$WORK/samples"
    sleep "$EVERY"
done
alive=$(kill -0 "$SERVER_PID" 2> /dev/null && echo yes || echo no)
stop_clients
after_fds=$(fds)

writes=$(acknowledged_count "$WORK"/run.w*.log)
reads=$(cat "$WORK"/run.r*.log | awk '$1 == "reads" { s += $2 } END { print s + 0 }')
echo "     $writes writes and $reads reads in ${SECONDS_RUN}s; idle after the warm-up: ${idle_rss} KiB, $idle_fds descriptors besides the database's"
n=$(wc -l < "$WORK/samples")
half=$((n / 2))
first_max=$(head -n "$half" "$WORK/samples" | awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }')
second_max=$(tail -n +"$((half + 1))" "$WORK/samples" | awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }')
fd_max=$(awk 'BEGIN { m = 0 } $3 > m { m = $3 } END { print m }' "$WORK/samples")
db_fd_max=$(awk 'BEGIN { m = 0 } $4 > m { m = $4 } END { print m }' "$WORK/samples")
echo "     RSS: largest $first_max KiB in the first half, $second_max KiB in the second; descriptors at most $fd_max and $db_fd_max of the database"

same "the server ran the whole time" "$alive" yes
same "no request failed" "$(errors_in "$WORK"/*.log | head -5)" ""
if [ "$writes" -gt 0 ] && [ "$reads" -gt 0 ]; then pass "the clients wrote and read"; else fail "the clients wrote and read ($writes, $reads)"; fi
if [ "$n" -ge 4 ]; then pass "$n samples"; else fail "$n samples: too few to judge"; fi
same "no descriptor leaked: as many as before the run once the clients stop" "$after_fds" "$idle_fds"
# a connection holds the ledger's file, its -wal and its -shm, and the audit trail's three: one
# connection per serving thread, plus the audit writer's and the checkpointer's (src/api/audit_writer.c)
DB_CONNECTIONS=$((THREADS + 2))
if [ "$db_fd_max" -le $((6 * DB_CONNECTIONS)) ]; then pass "the database's descriptors: at most 6 per connection"; else fail "the database's descriptors: $db_fd_max > 6 × $DB_CONNECTIONS"; fi
if [ "$fd_max" -le $((idle_fds + WRITERS + READERS + 2)) ]; then
    pass "descriptors stay within the idle count plus one per client"
else
    fail "descriptors stay within the idle count plus one per client: $fd_max > $idle_fds + $((WRITERS + READERS + 2))"
fi
if awk -v a="$first_max" -v b="$second_max" 'BEGIN { exit !(b <= a * 1.10 + 2048) }'; then
    pass "memory does not grow: the second half's largest RSS within 10 % (+2 MiB) of the first's"
else
    fail "memory does not grow: $second_max KiB in the second half > 1.10 × $first_max KiB + 2 MiB" "$(cat "$WORK/samples")"
fi
same "every acknowledged write is there, with its history" \
    "$(acknowledged_missing "${tokens[0]}" "$WORK"/warm.w*.log "$WORK"/run.w*.log | head -5)" ""
stop_server   # fails a test if a sanitizer reported anything, leaks at exit included
check "check passes" "$SHOUHU" --db "$WORK/$DB" check
finish
