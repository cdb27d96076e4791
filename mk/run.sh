#!/bin/sh
# `make run`: creates the demo database if it is not there yet, then serves it.
# Usage: mk/run.sh BINARY DATABASE
set -eu
bin=$1
db=$2
if [ ! -f "$db" ]; then
    pw=$(mktemp)
    echo "Shouhu-Root-1" > "$pw"    # the demo database's administrator: admin / Shouhu-Root-1 (a password may not hold the user name)
    "$bin" --db "$db" init --admin-password-file "$pw"
    rm -f "$pw"
    "$bin" --db "$db" demo
else
    echo "$db exists: serving it as it is (delete it for a fresh demo)"
fi
"$bin" --db "$db" check
echo
echo "Shouhu is at http://127.0.0.1:8080/ (Ctrl-C stops it)."
echo "Demo accounts, all with the password Shouhu-Demo-1: demo.village (岗贝社区), demo.town (东城街道),"
echo "demo.city, demo.rescue, demo.hotline, demo.partner, demo.auditor, demo.security, demo.admin."
exec "$bin" --db "$db" serve --listen 127.0.0.1:8080
