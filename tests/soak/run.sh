#!/usr/bin/env bash
# `make soak`: the reliability tests (tests/e2e/reliability_*.sh) in their
# long form, SHOUHU_SOAK=1: a hundred kills in a ledger of 100,000 children
# instead of ten in 12,000, bigger bombs, more backups under load. Each
# script is the same one `make test` runs short, so the two cannot drift
# apart; a new reliability_*.sh (the HTTP server's, for one) is picked up
# here as it is there. Then the server under load for $SOAK_SECONDS
# (tests/soak/load.sh). Prints each script's output and, last,
# "soak: N passed, N failed".
# Usage: run.sh SHOUHU [SCRIPT...]   (the scripts: all of the above by default;
# `make soak-asan` runs load.sh alone)
set -u
bin=$(realpath "${1:-build/shouhu}")
shift
here=$(dirname "$0")/../e2e
scripts=("$@")
[ ${#scripts[@]} -eq 0 ] && scripts=("$here"/reliability_*.sh "$(dirname "$0")/load.sh")
export SHOUHU_SOAK=1
total_passed=0
total_failed=0
for t in "${scripts[@]}"; do
    echo "== $(basename "$t") (long)"
    start=$(date +%s)
    out=$(bash "$t" "$bin" 2>&1)
    status=$?
    echo "$out"
    echo "   ($(($(date +%s) - start)) s)"
    line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
    p=${line%% passed*}
    f=${line#*, }; f=${f%% failed*}
    if [ -z "$line" ]; then p=0; f=1; echo "FAIL $(basename "$t") printed no result line"; fi
    [ "$status" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + f))
done
echo "soak: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
