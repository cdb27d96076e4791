#!/usr/bin/env bash
# `make test`: the unit tests, the same under AddressSanitizer and
# UndefinedBehaviorSanitizer, then the end-to-end tests against the real
# binary, the server under load for a minute (an ASan+UBSan build of it),
# then each fuzz target for a few seconds on its corpus (which
# replays every input that ever crashed one), then the web UI in chromium.
# Prints each suite's output and, last, the total as "N passed, N failed";
# exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

run() {
    echo "==== $1"
    shift
    "$@" 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
}

run "unit tests" make --no-print-directory unit
run "unit tests under ASan+UBSan" make --no-print-directory unit-asan
run "end-to-end tests" make --no-print-directory e2e
run "the server under load for a minute, built with ASan+UBSan" make --no-print-directory soak-asan
run "fuzz targets, a few seconds each" make --no-print-directory fuzz-smoke
run "the web UI in a browser" make --no-print-directory ui-test

# cmocka ends each suite with "[  PASSED  ] N test(s)." and, if any failed,
# "[  FAILED  ] N test(s), listed below:"; the e2e runner ends with "e2e: N passed, N failed",
# the fuzz runner with "fuzz: N passed, N failed" (one per target).
unit_passed=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$log" | awk '{s += $4} END {print s + 0}')
unit_failed=$(grep -E '^\[  FAILED  \] [0-9]+ test\(s\), listed' "$log" | awk '{s += $4} END {print s + 0}')
e2e_line=$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
e2e_passed=$(echo "$e2e_line" | awk '{print $2 + 0}')
e2e_failed=$(echo "$e2e_line" | awk '{print $4 + 0}')
[ -z "$e2e_line" ] && e2e_failed=1
fuzz_line=$(grep -E '^fuzz: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
fuzz_passed=$(echo "$fuzz_line" | awk '{print $2 + 0}')
fuzz_failed=$(echo "$fuzz_line" | awk '{print $4 + 0}')
[ -z "$fuzz_line" ] && fuzz_failed=1
# the load test under ASan ends with "soak: N passed, N failed"
soak_line=$(grep -E '^soak: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
soak_passed=$(echo "$soak_line" | awk '{print $2 + 0}')
soak_failed=$(echo "$soak_line" | awk '{print $4 + 0}')
[ -z "$soak_line" ] && soak_failed=1
# the browser tests end with "ui: N passed, N failed"
ui_line=$(grep -E '^ui: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
ui_passed=$(echo "$ui_line" | awk '{print $2 + 0}')
ui_failed=$(echo "$ui_line" | awk '{print $4 + 0}')
[ -z "$ui_line" ] && ui_failed=1
passed=$((unit_passed + e2e_passed + soak_passed + fuzz_passed + ui_passed))
failed=$((unit_failed + e2e_failed + soak_failed + fuzz_failed + ui_failed))
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo
echo "$passed passed, $failed failed"
exit $status
