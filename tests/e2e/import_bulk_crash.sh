#!/usr/bin/env bash
# An import into an empty ledger runs in bulk (issue #8, import): for its one
# transaction the ledger's secondary indexes and the counters' insert
# triggers are dropped, and rebuilt at its end. Killed with SIGKILL at random
# moments, it must leave the database exactly as it was: no child, the
# counters empty, and every index and trigger in place (the schema as a new
# database has it), with `shouhu check` passing. Then the same import, run to
# its end, gives the schema back whole, counters that agree with the ledger
# (`stats --check`), and the same records as a row-by-row import would (the
# unit test test_import_bulk.c compares those two ways in detail).
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/reliability.bash"
cd "$WORK"

N=$(scale 20000 100000)
ROUNDS=$(scale 6 30)
schema() { sqlite3 "$1" "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name" | md5sum | cut -d' ' -f1; }
counters() { sqlite3 "$1" "SELECT (SELECT count(*) FROM stat_area) + (SELECT count(*) FROM stat_birth) + (SELECT count(*) FROM stat_category) + (SELECT count(*) FROM stat_flow)"; }

check "a ledger of $N children" make_ledger "$N" full.csv
check "an empty database" sh_db empty.db init
fresh=$(schema empty.db)
db_copy empty.db ref.db
duration=$(seconds ref.out sh_db ref.db import children full.csv)
expect "the whole import into the empty ledger" "新增$N" cat ref.out
same "after it every index and trigger is back" "$(schema ref.db)" "$fresh"
expect "and the counters agree with the ledger" "计数与台账一致" sh_db ref.db stats --check
check "check passes" sh_db ref.db check
after=$(state ref.db)
echo "     the import takes ${duration}s; kills land in [0, $(awk -v d="$duration" 'BEGIN { print d * 1.1 }'))s"

absent=0 whole=0 broken=0 unchecked=0
for round in $(seq 1 "$ROUNDS"); do
    db_copy empty.db round.db
    kill_after "$(random_delay "$(awk -v d="$duration" 'BEGIN { print d * 1.1 }')")" sh_db round.db import children full.csv
    if ! out=$(sh_db round.db check 2>&1); then
        unchecked=$((unchecked + 1))
        echo "     round $round: check failed: $out" | head -5
        continue
    fi
    n=$(children round.db)
    if [ "$(schema round.db)" != "$fresh" ]; then
        broken=$((broken + 1)); echo "     round $round: the schema is not whole"
    elif [ "$n" = 0 ] && [ "$(counters round.db)" = 0 ]; then
        absent=$((absent + 1))
    elif [ "$(state round.db)" = "$after" ]; then
        whole=$((whole + 1))
    else
        broken=$((broken + 1)); echo "     round $round: $n children, neither before nor after"
    fi
done
echo "     $ROUNDS rounds: $absent killed before the commit, $whole after it"
same "check passes after every kill" "$unchecked" 0
same "every kill leaves the empty ledger, indexes and triggers whole, or the whole import" "$broken" 0
if [ "$absent" -gt 0 ]; then pass "some kills landed inside the import"; else fail "some kills landed inside the import"; fi

# the last round's database goes on working: the import runs to its end
expect "after the kills the import runs again" "行：" sh_db round.db import children full.csv
same "and leaves the ledger as the uninterrupted import did" "$(state round.db)" "$after"
same "with the schema whole" "$(schema round.db)" "$fresh"
expect "and the counters right" "计数与台账一致" sh_db round.db stats --check
finish
