#!/usr/bin/env bash
# `make bench`: runs every load check (bench/*.sh but this one) against the
# binary given as $1. These are checks under load (no errors, no leaks), not
# timed tests: the rates they print compare runs on one machine only.
set -u
bin=$(realpath "${1:-build/shouhu}")
here=$(dirname "$0")
status=0
for b in "$here"/*.sh; do
    [ "$(basename "$b")" = run.sh ] && continue
    echo "== $(basename "$b")"
    bash "$b" "$bin" || status=1
done
exit $status
