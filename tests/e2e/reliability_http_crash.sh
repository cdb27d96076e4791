#!/usr/bin/env bash
# Crash safety over HTTP (issue #9): a stream of API writes from concurrent
# clients (children recorded and changed, each client with its own API
# token) while `shouhu serve` is killed with SIGKILL at a random moment,
# round after round, and started again on the same database. Each client
# keeps a log of the writes the server acknowledged (2xx). After every kill
# `shouhu check` must pass; at the end every acknowledged write must be
# there, through the API, with its history: the record, each version the
# client was told of, with its reason and its address. A write that was in
# flight at the kill may be there or not: nobody was told it was saved.
# Readers run beside the writers, so kills also land among reads.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
. "$(dirname "$0")/reliability.bash"
. "$(dirname "$0")/reliability_http.bash"

ROUNDS=$(scale 8 80)
WRITERS=$(scale 3 6)
MAX_DELAY=$(scale 2.5 6)      # seconds of writing before the kill, at most

setup_world
READER=$(http_token t.town)
tokens=()
for w in $(seq 1 "$WRITERS"); do tokens+=("$(http_token t.town)"); done

unchecked=0 rounds_with_writes=0
for round in $(seq 1 "$ROUNDS"); do
    rm -f "$WORK/stop"
    start_server
    pids=()
    for w in $(seq 1 "$WRITERS"); do
        http_writer "r$round.w$w" "${tokens[$((w - 1))]}" "$WORK/acks.$round.$w" & pids+=($!)
    done
    http_reader "$READER" "$WORK/reads.$round" & pids+=($!)
    sleep "$(awk -v d="$(random_delay "$MAX_DELAY")" 'BEGIN { print d + 0.3 }')"
    kill -KILL "$SERVER_PID"
    wait "$SERVER_PID" 2> /dev/null
    SERVER_PID=
    wait "${pids[@]}"
    touch "$WORK/acks.$round.0" "$WORK/reads.$round"
    [ "$(acknowledged_count "$WORK"/acks."$round".*)" -gt 0 ] && rounds_with_writes=$((rounds_with_writes + 1))
    if ! out=$("$SHOUHU" --db "$WORK/$DB" check 2>&1); then
        unchecked=$((unchecked + 1))
        echo "     round $round: check failed: $out" | head -5
    fi
done
echo "     $ROUNDS kills; $(acknowledged_count "$WORK"/acks.*) writes acknowledged in all"
same "check passes after every kill" "$unchecked" 0
# a kill soon after the start may come before a client's first answer: most rounds, not all
if [ $((rounds_with_writes * 2)) -ge "$ROUNDS" ]; then
    pass "writes were acknowledged before the kill in most rounds ($rounds_with_writes of $ROUNDS)"
else
    fail "writes were acknowledged before the kill in most rounds: $rounds_with_writes of $ROUNDS"
fi
same "no request failed but by the kill" "$(errors_in "$WORK"/acks.* "$WORK"/reads.* | head -5)" ""

# after the last kill the server starts on the same database and shows every acknowledged write
start_server
missing=$(acknowledged_missing "$READER" "$WORK"/acks.*)
same "every acknowledged write is there, with its history" "$missing" ""
# the check itself sees a write that is not there (it is not vacuous)
echo "patch 1 99 never-made" > "$WORK/acks.control"
expect "a write that was never made is reported missing" "record 1 has no version 99" acknowledged_missing "$READER" "$WORK/acks.control"
rm -f "$WORK/acks.control"
: > "$WORK/acks.after"
http_writer after "${tokens[0]}" "$WORK/acks.after" 6
same "and takes new writes" "$(acknowledged_count "$WORK/acks.after")" 6
stop_server
check "check passes at the end" "$SHOUHU" --db "$WORK/$DB" check
finish
