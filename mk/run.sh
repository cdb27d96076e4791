#!/bin/sh
# `make run`: creates the demo database if it is not there yet, then serves it.
# Usage: mk/run.sh BINARY DATABASE
set -eu
bin=$1
db=$2
if [ ! -f "$db" ]; then
    "$bin" --db "$db" init
    "$bin" --db "$db" demo
else
    echo "$db exists: serving it as it is (delete it for a fresh demo)"
fi
"$bin" --db "$db" check
if "$bin" help serve >/dev/null 2>&1; then
    exec "$bin" --db "$db" serve --listen 127.0.0.1:8080
fi
echo "The demo ledger is in $db. Try: $bin --db $db export children | head"
