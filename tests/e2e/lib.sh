# Helpers for the end-to-end tests: each test script sources this, calls
# `check NAME COMMAND...` / `expect_output`, and ends with `finish`, which
# prints "N passed, N failed" and sets the exit status.
#
# SHOUHU is the binary under test (the first argument of the script);
# WORK is a fresh temporary directory removed at exit.

SHOUHU=$(realpath "${1:-build/shouhu}")
WORK=$(mktemp -d /tmp/shouhu-e2e-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export SHOUHU_LANG=zh
PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); echo "ok   $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && echo "$2" | head -20 | sed 's/^/     /'; }

# check NAME CMD...: passes when CMD exits 0.
check() {
    local name=$1; shift
    local out
    if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}

# check_fails NAME CMD...: passes when CMD exits non-zero.
check_fails() {
    local name=$1; shift
    local out
    if out=$("$@" 2>&1); then fail "$name (it succeeded)" "$out"; else pass "$name"; fi
}

# expect NAME TEXT CMD...: passes when CMD's output (stdout and stderr) contains TEXT, whatever its status.
expect() {
    local name=$1 text=$2; shift 2
    local out
    out=$("$@" 2>&1)
    case "$out" in
        *"$text"*) pass "$name" ;;
        *) fail "$name: no '$text' in the output" "$out" ;;
    esac
}

# same NAME A B: passes when the strings are equal.
same() {
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: '$2' != '$3'"; fi
}

# db_copy FROM TO: copies a closed database, its two files (the ledger and
# its audit trail, FROM.audit), over TO, whose old -wal and -shm go first.
db_copy() {
    rm -f "$2" "$2-wal" "$2-shm" "$2.audit" "$2.audit-wal" "$2.audit-shm"
    cp "$1" "$2" && cp "$1.audit" "$2.audit"
}

# An 18-character ID number for AREA6 BIRTH8 SEQ3.
idnum() {
    local d="$1$2$3" w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) sum=0 i
    for i in $(seq 0 16); do sum=$((sum + ${d:$i:1} * ${w[$i]})); done
    local checks=10X98765432
    echo "$d${checks:$((sum % 11)):1}"
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
