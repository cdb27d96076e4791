#!/usr/bin/env bash
# Time (issue #9): the real binary, its clock set by faketime to moments a
# second either side of midnight in Shanghai, in a process whose zone is Los
# Angeles, UTC (where that midnight is 08:00 or 16:00 the day before) or
# Kiritimati (UTC+14, where it is 06:00 the same day: there the second
# before it is already the next day).
# The city's date decides: a child turns 18 at midnight Shanghai time on a
# leap day's morrow, a birth date "today" stops being in the future at that
# midnight, and the times recorded in a record's history are Shanghai's.
# (tests/unit/test_clock.c checks the conversion itself for every day of
# 1992-2037.) Without faketime (mk/deps.sh installs it) this prints "skipped".
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/reliability.bash"
cd "$WORK"
unset SHOUHU_TODAY

if ! command -v faketime > /dev/null; then
    skipped "time-zone tests: faketime is not installed (make deps installs it)"
    finish
    exit
fi

# at EPOCH ZONE CMD...: CMD in the zone ZONE with its clock stopped at the
# moment EPOCH (UTC seconds): stopped, so that a slow start on a busy machine
# cannot carry 23:59:59 past midnight. faketime reads the moment in ZONE.
at() {
    local t=$1 zone=$2; shift 2
    TZ=$zone FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$(TZ=$zone date -d "@$t" '+%Y-%m-%d %H:%M:%S')" "$@"
}
# 2024-02-29 23:59:59 and 2024-03-01 00:00:01 in Shanghai
BEFORE=$(date -u -d '2024-02-29 15:59:59' +%s)
AFTER=$((BEFORE + 2))
same "the clock can be set, and stays set" "$(at "$BEFORE" UTC bash -c "sleep 1.2; date '+%F %T'")" "2024-02-29 15:59:59"

check "a database" sh_db t.db init
printf '姓名,公民身份号码,居住村(社区)代码\n将满十八,%s,441900003001\n' "$(idnum 441900 20060301 123)" > adult.csv
printf '姓名,性别,出生日期,居住村(社区)代码\n今日生,女,2024-03-01,441900003001\n' > born.csv
for zone in America/Los_Angeles UTC Pacific/Kiritimati; do
    expect "$zone, 23:59:59 in Shanghai: born 2006-03-01 is still 17" "新增1" at "$BEFORE" "$zone" "$SHOUHU" --db t.db import children adult.csv --dry-run
    expect "$zone, 00:00:01 in Shanghai: now 18, refused" "已满18周岁" at "$AFTER" "$zone" "$SHOUHU" --db t.db import children adult.csv --dry-run
    expect "$zone, 23:59:59 in Shanghai: born 2024-03-01 is in the future" "晚于今天" at "$BEFORE" "$zone" "$SHOUHU" --db t.db import children born.csv --dry-run
    expect "$zone, 00:00:01 in Shanghai: born today is accepted" "新增1" at "$AFTER" "$zone" "$SHOUHU" --db t.db import children born.csv --dry-run
done
expect "the import at 00:00:01 in Shanghai, from Los Angeles" "新增1" at "$AFTER" America/Los_Angeles "$SHOUHU" --db t.db import children born.csv
expect "history records Shanghai's date and time" "2024-03-01T00:00:0" sh_db t.db child history 1
expect "backups are named by Shanghai's time" "shouhu-20240301-00000" at "$AFTER" America/Los_Angeles "$SHOUHU" --db t.db backup --dir dated
finish
