#!/bin/sh
# Runs each unit-test binary given; cmocka prints each test and its summary.
# Exits non-zero if any binary fails.
status=0
for t in "$@"; do
    "$t" || status=1
done
exit $status
