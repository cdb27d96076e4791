#!/usr/bin/env bash
# Crash safety (issue #9): `shouhu import` is killed with SIGKILL at random
# moments, again and again, while it imports a large ledger that both adds
# children and changes existing ones. After every kill `shouhu check` must
# pass and the ledger must be exactly as before the import or exactly as
# after it, record by record: an import is all there or not there at all.
# The kill moments are spread over the whole import, including its commit
# (when the write-ahead log is written and synced) and the checkpoint after
# it. A kill can only show what the process leaves behind; what survives a
# power cut rests on synchronous=FULL, argued in docs/operations.md.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/reliability.bash"
cd "$WORK"

N=$(scale 12000 100000)        # children in the ledger imported
BASE=$(scale 3000 25000)       # of them already recorded before, a different address each
ROUNDS=$(scale 10 100)

check "a ledger of $N children" make_ledger "$N" full.csv
rows full.csv 1 "$BASE" | sed '2,$ s/号/号之一/' > base.csv
check "a database holding $BASE of them, some with other addresses" sh_db base.db init
expect "the base import" "新增$BASE" sh_db base.db import children base.csv

# the reference: the same import, run to its end, measured twice (the
# faster run sets the window of kill moments: a first run on a cold cache or
# a busy machine would put most kills after the end)
db_copy base.db ref.db
duration=$(seconds ref.out sh_db ref.db import children full.csv)
db_copy base.db again.db
again=$(seconds again.out sh_db again.db import children full.csv)
duration=$(awk -v a="$duration" -v b="$again" 'BEGIN { print (a < b ? a : b) }')
rm -f again.db again.db.audit again.out
expect "the import, uninterrupted, adds the rest and updates the changed" "新增$((N - BASE))，更新" cat ref.out
expect "a dry run reports the same counts" "$(grep -o '新增.*未变[0-9]*' ref.out)" sh_db base.db import children full.csv --dry-run
before=$(state base.db)
after=$(state ref.db)
if [ "$before" = "$after" ]; then fail "the import changes the ledger"; else pass "the import changes the ledger"; fi
echo "     the import takes ${duration}s; kills land in [0, $(awk -v d="$duration" 'BEGIN { print d * 1.2 }'))s"

# Each round starts from a copy of the base database, closed cleanly.
whole=0 absent=0 broken=0 unchecked=0 finished=0
for round in $(seq 1 "$ROUNDS"); do
    db_copy base.db round.db
    kill_after "$(random_delay "$(awk -v d="$duration" 'BEGIN { print d * 1.2 }')")" \
        sh_db round.db import children full.csv
    [ $? -eq 0 ] && finished=$((finished + 1))
    if ! out=$(sh_db round.db check 2>&1); then
        unchecked=$((unchecked + 1))
        echo "     round $round: check failed: $out" | head -5
        continue
    fi
    case $(state round.db) in
        "$before") absent=$((absent + 1)) ;;
        "$after") whole=$((whole + 1)) ;;
        *) broken=$((broken + 1)); echo "     round $round: the ledger is neither before nor after" ;;
    esac
done
echo "     $ROUNDS rounds: $absent killed before the commit, $((whole - finished)) after it but before the end (the checkpoint), $finished finished first"
same "check passes after every kill" "$unchecked" 0
same "every import is wholly present or wholly absent" "$broken" 0
if [ "$absent" -gt 0 ]; then pass "some kills landed inside the import"; else fail "some kills landed inside the import" "all $ROUNDS rounds finished first"; fi

# the last round's database goes on working: the import runs to its end
expect "after the kills the import runs again" "行：" sh_db round.db import children full.csv
same "and leaves the ledger as the uninterrupted import did" "$(state round.db)" "$after"
check "check passes" sh_db round.db check
finish
