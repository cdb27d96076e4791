#!/usr/bin/env bash
# Backups that restore (issue #9). `shouhu backup` taken while another
# process imports gives consistent copies (each one a state between two
# imports, never inside one); `shouhu restore` puts one back and the ledger
# compares equal record by record, history included; restore refuses what it
# must (an existing database without --force, a damaged or inconsistent
# backup, one from a newer Shouhu, a database in use) and changes nothing
# then; the old database's -wal cannot leak into the restored one; a kill
# during a backup or a restore leaves whole files; and `backup --dir --keep`
# keeps the newest N dated copies and touches nothing else.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/reliability.bash"
cd "$WORK"

BASE=$(scale 2000 40000)     # children before the writer starts
CHUNK=40                     # children per import of the writer
CHUNKS=$(scale 60 500)
KILLS=$(scale 4 30)          # kills during backup and during restore, each

check "a ledger" make_ledger $((BASE + CHUNK * CHUNKS)) full.csv
check "a database" sh_db live.db init
rows full.csv 1 "$BASE" > base.csv
expect "holding $BASE children" "新增$BASE" sh_db live.db import children base.csv
for i in $(seq 1 "$CHUNKS"); do
    rows full.csv $((BASE + (i - 1) * CHUNK + 1)) $((BASE + i * CHUNK)) > "chunk$i.csv"
done

# ---- backups while another process writes ----
writer() {
    for i in $(seq 1 "$CHUNKS"); do sh_db live.db import children "chunk$i.csv" > /dev/null || return 1; done
}
writer &
writer_pid=$!
taken=0
while kill -0 "$writer_pid" 2> /dev/null; do
    taken=$((taken + 1))
    sh_db live.db backup "during$taken.db" > /dev/null 2>&1 || echo "     backup $taken failed"
done
wait "$writer_pid"
same "the writer imported every chunk" "$(children live.db)" $((BASE + CHUNK * CHUNKS))
sh_db live.db export children > final.csv
consistent=0 inside=0 damaged=0 between=0
for i in $(seq 1 "$taken"); do
    f=during$i.db
    [ -f "$f" ] || continue
    if ! sh_db "$f" check > /dev/null 2>&1; then damaged=$((damaged + 1)); continue; fi
    sh_db "$f" export children > copy.csv
    n=$(($(wc -l < copy.csv) - 1))
    # a consistent copy holds a whole number of imports, and exactly the
    # records the live ledger had then: the first n rows of its final export
    if [ $(((n - BASE) % CHUNK)) -ne 0 ]; then inside=$((inside + 1))
    elif head -n $((n + 1)) final.csv | cmp -s - copy.csv; then consistent=$((consistent + 1))
    else inside=$((inside + 1)); fi
    [ "$n" -gt "$BASE" ] && [ "$n" -lt $((BASE + CHUNK * CHUNKS)) ] && between=$((between + 1))
done
echo "     $taken backups during $CHUNKS imports: $consistent consistent, $between of them taken between the first and the last"
same "every backup taken during the imports passes check" "$damaged" 0
same "every backup holds whole imports, as the ledger was then" "$inside" 0
if [ "$between" -gt 0 ]; then pass "backups were taken while the imports ran"; else fail "backups were taken while the imports ran" "none fell between the first import and the last"; fi

# ---- restore, compared record by record ----
check "a backup of the finished ledger" sh_db live.db backup final.db
check "restore into a new database" sh_db restored.db restore final.db
check "the restored database passes check" sh_db restored.db check
same "it holds every record as the original does" "$(state restored.db)" "$(state live.db)"
ids=$(tail -n +2 final.csv | cut -d, -f2 | grep -E '^[0-9]{17}[0-9X]$' | awk 'NR % 997 == 1' | head -5)
differ=0
for id in $ids; do
    [ "$(sh_db restored.db child history "$id")" = "$(sh_db live.db child history "$id")" ] || differ=$((differ + 1))
done
same "the history of sampled records is the same ($(echo "$ids" | wc -w) records)" "$differ" 0
printf '姓名,性别,出生日期,居住村(社区)代码\n新来,男,2015-01-01,441900003001\n' > one.csv
expect "the restored database takes new imports" "新增1" sh_db restored.db import children one.csv

# ---- what restore refuses, changing nothing ----
fingerprint=$(md5sum < restored.db)
expect "an existing database is not replaced without --force" "--force" sh_db restored.db restore final.db
printf 'not a database at all' > junk.db
expect "a file that is not a database is refused" "not a SQLite database" sh_db restored.db restore junk.db --force
head -c $(($(stat -c %s final.db) / 2)) final.db > half.db
check_fails "half a backup is refused" sh_db restored.db restore half.db --force
cp final.db corrupt.db
# damage one page in the middle of the file, past the schema
printf 'ruined%.0s' $(seq 1 600) | dd of=corrupt.db bs=4096 seek=$(($(stat -c %s corrupt.db) / 8192)) conv=notrunc status=none
check_fails "a backup with a damaged page is refused" sh_db restored.db restore corrupt.db --force
cp final.db tampered.db
sqlite3 tampered.db "UPDATE child SET name = '篡改' WHERE id = 7"
expect "a backup whose ledger disagrees with itself is refused, the problem named" "record 7: column name disagrees" sh_db restored.db restore tampered.db --force
cp final.db broken.db
sqlite3 broken.db "PRAGMA foreign_keys = OFF; DROP TABLE child_category"
check_fails "check finds a table missing" sh_db broken.db check
expect "a backup missing a table is refused" "no such table" sh_db restored.db restore broken.db --force
cp final.db newer.db
sqlite3 newer.db "PRAGMA user_version = 999"
expect "a backup from a newer Shouhu is refused" "newer Shouhu" sh_db restored.db restore newer.db --force
(exec sqlite3 restored.db "BEGIN; SELECT count(*) FROM child;" ".shell sleep 3" > /dev/null) &
holder=$!
sleep 0.5
expect "a database in use is not replaced" "in use" sh_db restored.db restore final.db --force
wait "$holder"
expect "a backup is not written over the database itself" "the database itself" sh_db restored.db backup restored.db --force
(exec sqlite3 final.db "BEGIN; SELECT count(*) FROM child;" ".shell sleep 3" > /dev/null) &
holder=$!
sleep 0.5
expect "nor over another database in use" "in use" sh_db restored.db backup final.db --force
wait "$holder"
same "and after all of that the database is untouched" "$(md5sum < restored.db)" "$fingerprint"
same "no temporary file is left beside it" "$(ls -A | grep -c '^\.restored\.db\.restore-')" 0

cp final.db older.db
sqlite3 older.db "PRAGMA user_version = 1"
expect "a backup from an older Shouhu is restored, for 'shouhu init' to upgrade" "run 'shouhu init'" sh_db from-older.db restore older.db

# ---- the old database's write-ahead log must not reach the restored one ----
cp final.db stale.db
sqlite3 stale.db "PRAGMA journal_mode=WAL" > /dev/null
# a process that commits, with checkpoints off, then dies: its changes are only in stale.db-wal
{ sqlite3 stale.db "PRAGMA wal_autocheckpoint=0;" "INSERT INTO setting VALUES ('stale', 'from the old wal');" \
    "UPDATE child SET name = '旧日志' WHERE id <= 50;" ".shell kill -KILL \$PPID"; } > /dev/null 2>&1
if [ -s stale.db-wal ]; then pass "the old database has committed changes in its -wal"; else fail "the old database has committed changes in its -wal"; fi
check "restore replaces it" sh_db stale.db restore final.db --force
check "the restored database passes check" sh_db stale.db check
same "none of the old log's changes are in it" "$(sqlite3 stale.db "SELECT count(*) FROM setting WHERE key = 'stale'")" 0
same "it holds the backup's records" "$(state stale.db)" "$(state final.db)"

if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1; then
    cp final.db owned.db
    chown nobody owned.db && chmod 640 owned.db
    sh_db owned.db restore final.db --force > /dev/null
    same "a restore as root keeps the database's owner and mode" "$(stat -c '%U %a' owned.db)" "nobody 640"
else
    skipped "the owner and mode of a restored database (needs root and the user nobody)"
fi

# ---- kills during backup and during restore leave whole files ----
cp final.db old-backup.db
printf '姓名,性别,出生日期,居住村(社区)代码\n后来者,女,2016-02-29,441900003001\n' > two.csv
expect "one more child in the live database" "新增1" sh_db live.db import children two.csv
whole=0
for i in $(seq 1 "$KILLS"); do
    kill_after "$(random_delay 0.15)" sh_db live.db backup old-backup.db --force
    if sh_db old-backup.db check > /dev/null 2>&1 && { n=$(children old-backup.db); [ "$n" = "$(children final.db)" ] || [ "$n" = "$(children live.db)" ]; }; then
        whole=$((whole + 1))
    fi
done
same "a backup killed at any moment leaves the old copy or the new one, whole" "$whole" "$KILLS"
check "the next backup succeeds" sh_db live.db backup old-backup.db --force
same "and clears what the killed ones left" "$(ls -A | grep -c '^\.old-backup\.db\.partial-')" 0
whole=0
for i in $(seq 1 "$KILLS"); do
    kill_after "$(random_delay 0.15)" sh_db restored.db restore live.db --force
    if sh_db restored.db check > /dev/null 2>&1 && { n=$(children restored.db); [ "$n" = $(($(children final.db) + 1)) ] || [ "$n" = "$(children live.db)" ]; }; then
        whole=$((whole + 1))
    fi
done
same "a restore killed at any moment leaves the old database or the new one, whole" "$whole" "$KILLS"
check "the next restore succeeds" sh_db restored.db restore live.db --force
same "and clears what the killed ones left" "$(ls -A | grep -c '^\.restored\.db\.restore-')" 0

# ---- scheduled backups: dated copies, the newest N kept ----
mkdir kept
for stamp in 20200101-000000 20210101-000000 20220101-000000 20230101-000000; do : > "kept/shouhu-$stamp.db"; done
: > kept/notes.txt
: > kept/shouhu-latest.db
out=$(sh_db live.db backup --dir kept --keep 3 2>&1)
copy=$(echo "$out" | sed -n 's/^backup written to //p')
case $copy in kept/shouhu-[0-9]*-[0-9]*.db) pass "--dir writes a dated copy ($copy)" ;; *) fail "--dir writes a dated copy" "$out" ;; esac
check "the dated copy passes check" sh_db "$copy" check
same "--keep 3 keeps the newest three dated copies" "$(cd kept && ls shouhu-2*.db | tr '\n' ' ')" \
    "shouhu-20220101-000000.db shouhu-20230101-000000.db $(basename "$copy") "
check "and leaves other files alone" test -f kept/notes.txt -a -f kept/shouhu-latest.db
expect "--keep without --dir is refused" "--dir" sh_db live.db backup x.db --keep 2
expect "--keep 0 is refused" "--dir" sh_db live.db backup --dir kept --keep 0
finish
