# What the benchmarks share (sourced by scale.sh and dashboard.sh): the
# rows of their one table and its printing, ratios and comparisons, and a
# `shouhu serve` started on a database with a city account's token.
# The caller sets $bin (the binary) and $CITY, and works in its own
# directory, which holds the password file `pw`.

rows=()   # figure|size|value|baseline|ratio|target|verdict
# row FIGURE SIZE VALUE BASELINE RATIO TARGET VERDICT: one row of the table, printed as it comes too
row() { rows+=("$1|$2|$3|$4|$5|$6|$7"); echo "   $1: $3 (baseline $4, ratio $5, target $6) $7"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START=$(load)

# serve_city DB [SERVE OPTIONS...]: adds the account bench.city (city staff)
# to DB and starts `shouhu serve` on a free port of 127.0.0.1 in the
# background; sets TOKEN (a bearer token of bench.city), port and spid.
serve_city() {
    local db=$1; shift
    "$bin" --db "$db" user add bench.city --role city_staff --area "$CITY" --password-file pw > /dev/null || exit 1
    TOKEN=$("$bin" --db "$db" user token bench.city 2> /dev/null)
    "$bin" --db "$db" serve --listen 127.0.0.1:0 "$@" > serve.out 2> serve.log &
    spid=$!
    port=""
    for _ in $(seq 1 100); do
        port=$(sed -n 's|^shouhu: serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.out)
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { echo "the server did not start"; cat serve.log; exit 1; }
}

# print_table: the machine, the load at the start and now, and every row in columns.
print_table() {
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(free -h | awk '/Mem:/ {print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(load)"
    {
        echo "figure|children|value|baseline|ratio|target|verdict"
        printf '%s\n' "${rows[@]}"
    } | column -t -s '|'
    printf '%s\n' "${rows[@]}" | grep -q MISSED && echo "Some targets are MISSED (see above)."
    return 0
}
