#!/usr/bin/env bash
# Runs the libFuzzer targets built in $FUZZ_BIN (build/fuzz/tests/fuzz) for
# SECONDS each: `make fuzz-smoke` (part of `make test`) a few seconds,
# `make fuzz` FUZZ_SECONDS (300 by default). Usage: run.sh SECONDS [TARGET...]
#
# Each run starts from the corpus kept in the repository
# (tests/fuzz/corpus/TARGET: seeds, and every input that ever crashed a
# target, kept as a regression test), so every run replays those first. New
# inputs the fuzzer finds go to a working corpus, never into the repository:
# a temporary one, or $FUZZ_CORPUS_DIR/TARGET when set (`make fuzz` keeps
# build/fuzz/corpus, so that long runs build on each other; a long run's
# finds are merged in by hand, see tests/fuzz/README.md). A crash leaves its
# input in build/fuzz/crashes.
#
# Prints, per target, its executions and its result, then
# "fuzz: N passed, N failed" (a target passes when it ran its time without
# a crash, a leak, a timeout or running out of memory).
set -u
cd "$(dirname "$0")/../.."
seconds=${1:?usage: run.sh SECONDS [TARGET...]}
shift
bin=${FUZZ_BIN:-build/fuzz/tests/fuzz}
work=${FUZZ_WORK:-build/fuzz}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in tests/fuzz/fuzz_*.c; do targets+=("$(basename "$f" .c)"); done
fi

# Per-target options: the longest input worth trying (workbooks are zip
# archives: a few kilobytes say little), from tests/fuzz/TARGET.options if any.
max_len() {
    local opt=tests/fuzz/$1.options
    if [ -f "$opt" ]; then sed -n 's/^max_len *= *//p' "$opt"; else echo 4096; fi
}

passed=0
failed=0
mkdir -p "$work/crashes"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
    corpus=${FUZZ_CORPUS_DIR:-$scratch}/$t
    mkdir -p "$corpus"
    log=$work/$t.log
    # -timeout: one input running 10 s is a hang; -rss_limit_mb: memory is bounded
    "$bin/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len="$(max_len "$t")" \
        -print_final_stats=1 -artifact_prefix="$work/crashes/$t-" "$corpus" "tests/fuzz/corpus/$t" > "$log" 2>&1
    status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ "$status" -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok   $t: ${execs:-0} executions in ${seconds}s"
    else
        failed=$((failed + 1))
        echo "FAIL $t (status $status): see $log"
        grep -E 'ERROR|broken promise|SUMMARY|Test unit written' "$log" | head -10 | sed 's/^/     /'
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
