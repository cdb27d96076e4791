#!/usr/bin/env bash
# The web UI's browser tests (make ui-test, part of make test), or with
# "screenshots" as the second argument the pictures of docs/screenshots/.
# Builds nothing: it takes the binary BIN, makes a temporary database with
# the demo data (3,000 children, one account per role), starts the real
# `shouhu serve` on a free port, and drives Debian's chromium with
# playwright-core (tests/ui/*.mjs). Prints "ui: N passed, N failed".
#
# Usage: tests/ui/run.sh BIN [screenshots]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-build/shouhu}")
MODE=${2:-test}
WORK=$(mktemp -d /tmp/shouhu-ui-XXXXXX)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2> /dev/null; wait "$p" 2> /dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ] || [ ! -d node_modules/playwright-core ]; then
    echo "ui: chromium ($CHROMIUM) or node_modules/playwright-core is missing: run make deps and make"
    echo "ui: 0 passed, 1 failed"
    exit 1
fi

# The demo database: the administrator, the demo accounts of every role, 3,000 children.
echo "Test-Pass-1" > "$WORK/pw"
# the screenshots show the demo dated to today, as the server sees it (its overdue work, last month's reports)
[ "$MODE" = screenshots ] && export SHOUHU_TODAY=${SHOUHU_TODAY:-$(TZ=Asia/Shanghai date +%F)}
export SHOUHU_TODAY=${SHOUHU_TODAY:-2024-06-01}
{
    "$BIN" --db "$WORK/ui.db" init --admin-password-file "$WORK/pw" &&
    "$BIN" --db "$WORK/ui.db" demo --minors 3000
} > "$WORK/init.log" 2>&1 || { cat "$WORK/init.log"; echo "ui: 0 passed, 1 failed"; exit 1; }
unset SHOUHU_TODAY   # the server runs on today's date, as the browser does

# start_server NAME [ARGS]: serves ui.db on a free port; sets URL_<NAME>
start_server() {
    local name=$1 port="" i
    shift
    "$BIN" --db "$WORK/ui.db" serve --listen 127.0.0.1:0 "$@" > "$WORK/$name.out" 2> "$WORK/$name.log" &
    PIDS+=($!)
    for i in $(seq 1 100); do
        port=$(sed -n 's|^shouhu: serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/$name.out")
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { echo "the server did not start:"; cat "$WORK/$name.log"; echo "ui: 0 passed, 1 failed"; exit 1; }
    printf -v "URL_$name" 'http://127.0.0.1:%s' "$port"
}
start_server main
start_server idle --session-idle 8   # a short idle time-out, for the test of logging out by itself

export SHOUHU_UI_URL=$URL_main SHOUHU_UI_IDLE_URL=$URL_idle SHOUHU_UI_WORK=$WORK CHROMIUM
if [ "$MODE" = screenshots ]; then
    node tests/ui/screenshots.mjs "${SHOUHU_SCREENSHOTS:-docs/screenshots}"
else
    node tests/ui/scenarios.mjs
fi
