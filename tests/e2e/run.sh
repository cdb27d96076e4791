#!/usr/bin/env bash
# Runs every end-to-end test script (tests/e2e/*.sh but lib.sh and this one)
# against the binary given as $1, and prints the total as "N passed, N failed".
set -u
bin=$(realpath "${1:-build/shouhu}")
here=$(dirname "$0")
total_passed=0
total_failed=0
for t in "$here"/*.sh; do
    case "$(basename "$t")" in lib.sh|run.sh) continue ;; esac
    echo "== $(basename "$t")"
    out=$(bash "$t" "$bin" 2>&1)
    status=$?
    echo "$out"
    line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
    p=${line%% passed*}
    f=${line#*, }; f=${f%% failed*}
    if [ -z "$line" ]; then p=0; f=1; echo "FAIL $(basename "$t") printed no result line"; fi
    [ "$status" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + f))
done
echo "e2e: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
