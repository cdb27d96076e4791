# Helpers for the API's end-to-end tests (tests/e2e/api_*.sh), on top of
# lib.sh: a database with one account per role and a few children in two
# towns, the real server started on a free port, and HTTP requests with curl
# whose status and body are checked. Not a test itself (run.sh runs *.sh).
#
#   setup_world            database, accounts and children (see below)
#   add_accounts "NAME ROLE AREA [UNIT]"...   more accounts, with $PASSWORD
#   start_server [ARGS]    `shouhu serve` on 127.0.0.1, any free port; sets BASE
#   stop_server            SIGTERM, and waits for it to stop
#   login USER [PASSWORD]  a cookie session: USER's jar and CSRF token kept in $WORK
#   login_all USER...      logs each in; the test stops if one cannot
#   restart_on DAY         the server again with "today" on DAY (sessions are kept)
#   call USER METHOD PATH [CURL ARGS]   as USER (a login, "token:TOKEN", or "-" for
#                          nobody); sets STATUS, BODY and HEADERS
#   db SQL...             the sqlite3 shell on the server's database (another process)
#   status_is NAME CODE    passes when the last call answered CODE
#   json_ok NAME JQ        passes when jq -e JQ holds of the last body
#   problem_is NAME CODE TYPE   CODE, application/problem+json, and type urn:shouhu:problem:TYPE

PASSWORD=Test-Pass-1
export SHOUHU_TODAY=2024-06-01   # ages and dates do not move with the calendar
DB=api.db
SERVER_PID=
trap 'stop_server quiet; rm -rf "$WORK"' EXIT

# Children: C1, C2 in 岗贝社区 (东城街道), C3 in 花园新村社区 (东城街道), C4 in
# 鸿福社区 (南城街道). Their record numbers are 1 to 4.
VILLAGE_A=441900003001
VILLAGE_A2=441900003002
TOWN_A=441900003000
VILLAGE_B=441900004003
TOWN_B=441900004000
CITY=441900000000
ID1=$(idnum 441900 20120305 001)
ID2=$(idnum 441900 20150612 002)
ID3=$(idnum 441900 20100101 003)
ID4=$(idnum 441900 20180808 004)
ID5=$(idnum 441900 20130909 005)

# The accounts, one per role (NAME ROLE AREA [UNIT]); admin comes from init.
ACCOUNTS="t.city city_staff $CITY
t.town town_supervisor $TOWN_A
t.village village_director $VILLAGE_A
t.other village_director $VILLAGE_B
t.rescue rescue_staff $CITY
t.hotline hotline $CITY
t.partner partner $CITY police
t.auditor auditor $CITY
t.security security_admin $CITY
t.townadmin admin $TOWN_A"

setup_world() {
    cd "$WORK" || exit 1
    echo "$PASSWORD" > pw
    "$SHOUHU" --db "$DB" init --admin-password-file pw > init.log 2>&1 || { cat init.log; exit 1; }
    local accounts
    mapfile -t accounts <<< "$ACCOUNTS"
    add_accounts "${accounts[@]}"
    cat > kids.csv <<CSV
姓名,公民身份号码,居住村(社区)代码,儿童类别,类别起始日期,监护人姓名,监护人电话
张小明,$ID1,$VILLAGE_A,事实无人抚养儿童,2022-01-01,张大山,13812348000
李小红,$ID2,$VILLAGE_A,,,李四,13900001111
王小刚,$ID3,$VILLAGE_A2,,,王五,13700002222
陈小华,$ID4,$VILLAGE_B,,,陈六,13600003333
CSV
    "$SHOUHU" --db "$DB" import children kids.csv >> init.log 2>&1 || { cat init.log; exit 1; }
}

# add_accounts "NAME ROLE AREA [UNIT]"...: in $WORK, after init (pw holds
# $PASSWORD); the test stops, showing init.log, if one cannot be added.
add_accounts() {
    local line name role area unit
    for line in "$@"; do
        read -r name role area unit <<< "$line"
        "$SHOUHU" --db "$DB" user add "$name" --role "$role" --area "$area" ${unit:+--unit "$unit"} \
            --password-file pw > /dev/null 2>> init.log || { cat init.log; exit 1; }
    done
}

start_server() {
    : > "$WORK/serve.out"
    # SERVE_WRAPPER: a command to run the server under, such as valgrind (bench/api-load.sh)
    ${SERVE_WRAPPER:-} "$SHOUHU" --db "$WORK/$DB" serve --listen 127.0.0.1:0 "$@" > "$WORK/serve.out" 2> "$WORK/serve.log" &
    SERVER_PID=$!
    local port="" i
    for i in $(seq 1 300); do
        port=$(sed -n 's|^shouhu: serving https\{0,1\}://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/serve.out")
        [ -n "$port" ] && break
        kill -0 "$SERVER_PID" 2> /dev/null || break
        sleep 0.1
    done
    if [ -z "$port" ]; then
        echo "the server did not start:"; cat "$WORK/serve.log"; exit 1
    fi
    SCHEME=$(sed -n 's|^shouhu: serving \(https\{0,1\}\)://.*|\1|p' "$WORK/serve.out")
    BASE=$SCHEME://127.0.0.1:$port/api/v1
    ROOT=$SCHEME://127.0.0.1:$port
}

# stop_server [quiet]: also fails a test if a sanitizer (an ASan or UBSan
# build of shouhu) reported anything while the server ran.
stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill -TERM "$SERVER_PID" 2> /dev/null
    wait "$SERVER_PID" 2> /dev/null
    SERVER_PID=
    [ "${1:-}" = quiet ] && return 0
    sanitizers_quiet
}

sanitizers_quiet() {
    if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$WORK/serve.log"; then
        fail "the server ran without sanitizer reports" "$(grep -E -A12 'Sanitizer|runtime error:' "$WORK/serve.log")"
    fi
}

# call USER METHOD PATH [CURL ARGS]: PATH is under $BASE unless it starts with "http".
call() {
    local who=$1 method=$2 path=$3; shift 3
    local url=$path auth=()
    case "$path" in http*) ;; *) url=$BASE$path ;; esac
    case "$who" in
        -) ;;
        token:*) auth=(-H "Authorization: Bearer ${who#token:}") ;;
        *) auth=(-b "$WORK/$who.jar" -c "$WORK/$who.jar" -H "X-CSRF-Token: $(cat "$WORK/$who.csrf" 2> /dev/null)") ;;
    esac
    STATUS=$(curl -sk -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" "${auth[@]}" "$@" "$url")
    BODY=$(tr -d '\0' < "$WORK/body")
    HEADERS=$(cat "$WORK/headers")
}

# call_json USER METHOD PATH JSON [CURL ARGS]
call_json() {
    local who=$1 method=$2 path=$3 data=$4; shift 4
    call "$who" "$method" "$path" -H 'Content-Type: application/json' --data-binary "$data" "$@"
}

login() {
    local user=$1 pw=${2:-$PASSWORD}
    curl -sk -c "$WORK/$user.jar" -o "$WORK/$user.login" -H 'Content-Type: application/json' \
        --data-binary "{\"username\":\"$user\",\"password\":\"$pw\"}" "$BASE/session"
    jq -r '.csrf_token // empty' "$WORK/$user.login" > "$WORK/$user.csrf"
    [ -s "$WORK/$user.csrf" ]
}

login_all() {
    local u
    for u in "$@"; do login "$u" || { echo "cannot log in as $u"; exit 1; }; done
}

# restart_on DAY: stops the server and starts it again with SHOUHU_TODAY=DAY
# (exported: later commands see the same day).
restart_on() {
    stop_server
    export SHOUHU_TODAY=$1
    start_server
}

# db SQL...: the sqlite3 shell on the running server's database, waiting while
# the audit writer holds the lock (another process changing what the server keeps)
db() { sqlite3 -cmd ".timeout 5000" "$WORK/$DB" "$@"; }

status_is() {
    if [ "$STATUS" = "$2" ]; then pass "$1"; else fail "$1: status $STATUS, expected $2" "$BODY"; fi
}

json_ok() {
    if printf '%s' "$BODY" | jq -e "$2" > /dev/null 2>&1; then pass "$1"; else fail "$1: jq '$2' does not hold" "$BODY"; fi
}

header_has() {
    if printf '%s' "$HEADERS" | tr -d '\r' | grep -qi -- "$2"; then pass "$1"; else fail "$1: no header '$2'" "$HEADERS"; fi
}

problem_is() {
    local name=$1 code=$2 type=$3
    if [ "$STATUS" = "$code" ] && printf '%s' "$HEADERS" | grep -qi '^content-type: application/problem+json' &&
        printf '%s' "$BODY" | jq -e --arg t "urn:shouhu:problem:$type" --argjson s "$code" \
            '.type == $t and .status == $s and (.title | length > 0) and (.detail | length > 0)' > /dev/null 2>&1; then
        pass "$name"
    else
        fail "$name: expected $code $type, got $STATUS" "$BODY"
    fi
}

# audit_has NAME JQ-FILTER: passes when the audit trail, read through the API
# by t.auditor (who must be logged in), has an entry the filter selects.
audit_has() {
    local name=$1 filter=$2
    local body
    body=$(curl -sk -b "$WORK/t.auditor.jar" "$BASE/audit?limit=500")
    if printf '%s' "$body" | jq -e "[.items[] | select($filter)] | length > 0" > /dev/null 2>&1; then
        pass "$name"
    else
        fail "$name: no audit entry with $filter" "$(printf '%s' "$body" | jq -c '.items[:5][]' 2>&1 | head -5)"
    fi
}
