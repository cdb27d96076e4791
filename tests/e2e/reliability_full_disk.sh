#!/usr/bin/env bash
# Full disks and I/O errors (issue #9). The database lives on a small tmpfs,
# mounted in a private mount namespace (so it needs root: without it those
# parts print "skipped"), that fills up during an import, during a backup,
# a restore and an export; and the filesystem is made read-only under it.
# Each time the command says so plainly, nothing is half-written (the ledger
# is exactly as before, check passes, no partial file is left), and once
# space returns the same import succeeds. Write errors that are not ENOSPC
# come from a file-size limit (ulimit -f, with SIGXFSZ ignored: the write
# fails with EFBIG), which needs no root.
set -u
# Re-run inside a private mount namespace, where a tmpfs can be mounted
# without touching the machine's mounts; it vanishes with the namespace.
if [ "$(id -u)" = 0 ] && [ -z "${SHOUHU_IN_MOUNT_NS:-}" ] && unshare -m --propagation private true 2> /dev/null; then
    SHOUHU_IN_MOUNT_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/reliability.bash"
cd "$WORK"
trap 'umount "$WORK/disk" 2> /dev/null; rm -rf "$WORK"' EXIT

N=$(scale 8000 60000)
BASE=$(scale 2000 15000)
check "a ledger of $N children" make_ledger "$N" full.csv
rows full.csv 1 "$BASE" > base.csv
check "a database with $BASE of them" sh_db base.db init
expect "imported" "新增$BASE" sh_db base.db import children base.csv
db_copy base.db ref.db
expect "the whole ledger imports where there is room" "新增$((N - BASE))" sh_db ref.db import children full.csv
before=$(state base.db)
after=$(state ref.db)

# unchanged DB: passes check and holds what it held before
unchanged() { sh_db "$1" check > /dev/null 2>&1 && [ "$(state "$1")" = "$before" ]; }

# ---- write errors other than a full disk: a file-size limit ----
db_copy base.db limited.db
limit_kb=$(($(stat -c %s base.db) / 1024 + 256))
expect "an import that hits a write error says so" "I/O error" \
    bash -c 'trap "" XFSZ; ulimit -f "$1"; shift; exec "$@"' - "$limit_kb" "$SHOUHU" --db limited.db import children full.csv
check "and nothing of it was written" unchanged limited.db
expect "without the limit the same import succeeds" "新增$((N - BASE))" sh_db limited.db import children full.csv
same "and the ledger is as the reference import left it" "$(state limited.db)" "$after"

if [ -z "${SHOUHU_IN_MOUNT_NS:-}" ]; then
    skipped "full-disk tests: they mount a small tmpfs, which needs root (and unshare)"
    finish
    exit
fi

# ---- a disk that fills up during an import ----
mkdir disk
base_kb=$(($(stat -c %s base.db) / 1024))
full_kb=$(($(stat -c %s ref.db) / 1024))
small_kb=$(((base_kb + full_kb) / 2))   # room for the database, not for the import's log and growth
check "a small tmpfs (${small_kb} KiB)" mount -t tmpfs -o size="${small_kb}k" tmpfs disk
db_copy base.db disk/live.db
out=$(sh_db disk/live.db import children full.csv 2>&1)
status=$?
case "$status:$out" in
    1:*"disk is full"*) pass "an import that fills the disk fails with a clear message" ;;
    *) fail "an import that fills the disk fails with a clear message (status $status)" "$out" ;;
esac
check "nothing of it was written, and check passes" unchanged disk/live.db
check "space returns" mount -o remount,size=$((full_kb * 3))k disk
expect "the same import now succeeds" "新增$((N - BASE))" sh_db disk/live.db import children full.csv
same "and the ledger is as the reference import left it" "$(state disk/live.db)" "$after"
check "check passes" sh_db disk/live.db check

# ---- a disk already full: every command that writes says so, and leaves no part-file ----
sh_db ref.db backup big-backup.db > /dev/null
db_copy base.db disk/small.db
check "an old backup on the disk" sh_db disk/small.db backup disk/old-backup.db
mkdir disk/dated && cp disk/old-backup.db disk/dated/shouhu-20200101-000000.db
printf '姓名,性别,出生日期,居住村(社区)代码\n满盘,男,2015-01-01,441900003001\n' > one.csv
fingerprint=$(md5sum < disk/small.db)
dd if=/dev/zero of=disk/filler bs=1M > /dev/null 2>&1
expect "an import of one row on a full disk says the disk is full" "disk is full" sh_db disk/small.db import children one.csv
expect "a backup to a full disk says so" "disk is full" sh_db ref.db backup disk/new-backup.db
check "and leaves no file" test ! -e disk/new-backup.db
expect "a backup --force over an old one says so" "disk is full" sh_db ref.db backup disk/old-backup.db --force
expect "a dated backup with --keep 1 says so" "disk is full" sh_db ref.db backup --dir disk/dated --keep 1
check "and deletes no older copy" test -f disk/dated/shouhu-20200101-000000.db
expect "a restore onto a full disk says so" "disk is full" sh_db disk/small.db restore big-backup.db --force
same "and leaves the database file as it was" "$(md5sum < disk/small.db)" "$fingerprint"
check_fails "an export to a full disk fails" sh_db ref.db export children -o disk/out.csv
check "and leaves no half ledger" test ! -e disk/out.csv
same "no temporary files are left on the disk" "$(find disk -name '.*' | wc -l)" 0
rm disk/filler
# what was there before the disk filled is all there, and only that
check "with space again, the database passes check" sh_db disk/small.db check
same "it holds what it held before" "$(state disk/small.db)" "$before"
same "the old backup is still whole" "$(state disk/old-backup.db)" "$before"
expect "and the import succeeds" "新增1" sh_db disk/small.db import children one.csv

# ---- a filesystem that turns read-only under the database ----
db_copy base.db disk/ro.db
check "the filesystem turns read-only" mount -o remount,ro disk
out=$(sh_db disk/ro.db import children full.csv 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -qi "read-only\|readonly\|unable to open"; then
    pass "an import on a read-only filesystem fails with a clear message"
else
    fail "an import on a read-only filesystem fails with a clear message" "$out"
fi
check "it becomes writable again" mount -o remount,rw disk
check "nothing was written, and check passes" unchanged disk/ro.db
expect "the import succeeds" "新增$((N - BASE))" sh_db disk/ro.db import children full.csv
finish
