# Helpers shared by the reliability tests (tests/e2e/reliability_*.sh, issue
# #9), sourced after lib.sh. Not a test itself: run.sh runs only *.sh.
#
# Each reliability test has a short form, run by `make test`, and a long one
# for `make soak` (SHOUHU_SOAK=1): `scale SHORT LONG` picks the number, so
# the long run is the same test with more rounds and bigger files, not a
# second copy of it. The HTTP reliability tests are meant to use the same
# helpers.

SOAK=${SHOUHU_SOAK:-0}

# scale SHORT LONG: SHORT normally, LONG under `make soak`.
scale() { if [ "$SOAK" = 1 ]; then echo "$2"; else echo "$1"; fi; }

# sh_db DB ARGS...: runs shouhu on the database DB.
sh_db() { local db=$1; shift; "$SHOUHU" --db "$db" "$@"; }

# make_ledger N FILE: writes a ledger of N synthetic children (shouhu demo,
# then export) to FILE, .csv or .xlsx by its name.
make_ledger() {
    local n=$1 out=$2 scratch
    scratch=$(mktemp -d "$WORK/ledger-XXXXXX")
    sh_db "$scratch/demo.db" init > /dev/null &&
        sh_db "$scratch/demo.db" demo --minors "$n" > /dev/null 2>&1 &&
        sh_db "$scratch/demo.db" export children -o "$out" > /dev/null
    local status=$?
    rm -rf "$scratch"
    return $status
}

# rows FILE FROM TO: a ledger of FILE's header and its data rows FROM..TO (1-based).
rows() { sed -n "1p;$(($2 + 1)),$(($3 + 1))p" "$1"; }

# state DB: a fingerprint of everything the ledger holds, record by record
# (the export holds every field of every child; history is checked apart).
state() { sh_db "$1" export children | md5sum | cut -d' ' -f1; }

# children DB: how many children DB holds.
children() { sh_db "$1" export children | tail -n +2 | wc -l; }

# random_delay MAX: a random number of seconds in [0, MAX), to 3 decimals, for sleep.
random_delay() {
    awk -v max="$1" -v seed="$RANDOM$RANDOM" 'BEGIN { srand(seed); printf "%.3f\n", rand() * max }'
}

# seconds OUT CMD...: runs CMD with its output into the file OUT and prints
# how long it took, in seconds.
seconds() {
    local out=$1 t0 t1; shift
    t0=$(date +%s.%N)
    "$@" > "$out" 2>&1
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# kill_after DELAY CMD...: runs CMD in the background, sends it SIGKILL after
# DELAY seconds unless it ended first; returns its exit status (137 if killed).
kill_after() {
    local delay=$1; shift
    # The command runs in a process group of its own (job control on), so that
    # the kill reaches shouhu itself and not only the subshell that runs a
    # shell function such as sh_db: a shouhu left running would race the
    # checks that follow.
    set -m
    "$@" > /dev/null 2>&1 &
    local pid=$!
    set +m
    sleep "$delay"
    kill -KILL -- "-$pid" 2> /dev/null
    { wait "$pid"; } 2> /dev/null   # without bash's "Killed" notice
}

# skipped REASON: says why a test (or the whole script) did not run, in the
# form run.sh's output shows plainly.
skipped() { echo "skipped: $1"; }
