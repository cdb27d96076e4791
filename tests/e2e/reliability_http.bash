# Helpers shared by the HTTP reliability tests (reliability_http_*.sh and
# tests/soak/load.sh, issue #9), sourced after lib.sh, api.bash and
# reliability.bash. Not a test itself: run.sh runs only *.sh.
#
# The clients are curl in bash loops, each with an API token of its own
# (Bearer: no login, no CSRF token), writing to the real server. Each keeps
# a client-side log of what the server acknowledged, one line per write
# answered 2xx:
#   create ID TAG          a child recorded as record ID, its address TAG
#   patch ID VERSION TAG   record ID changed to VERSION, with reason and address TAG
#   error STATUS WHAT      an answer that was neither 2xx nor "no server"
# so that, whatever happens to the server afterwards, the test knows exactly
# which writes must be there (every acknowledged one) and which may not.

# http_token USER: prints a new API token for USER (the server need not run).
http_token() { "$SHOUHU" --db "$WORK/$DB" user token "$1" --label reliability 2> /dev/null; }

# http_write TOKEN METHOD PATH JSON [CURL ARGS]: one write; sets HS (the
# status, 000 when no server answered), HV (the ETag's version) and HID (the
# record number of a Location header).
http_write() {
    local token=$1 method=$2 path=$3 data=$4; shift 4
    local hdr=$WORK/hdr.$BASHPID
    HS=$(curl -s -o /dev/null -D "$hdr" -w '%{http_code}' --max-time 30 -X "$method" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary "$data" "$@" "$BASE$path")
    local h
    h=$(tr -d '\r' < "$hdr" 2> /dev/null)
    HV='' HID=''
    [[ $h =~ [Ee][Tt][Aa][Gg]:\ W/\"([0-9]+)\" ]] && HV=${BASH_REMATCH[1]}
    [[ $h =~ [Ll]ocation:\ /api/v1/children/([0-9]+) ]] && HID=${BASH_REMATCH[1]}
    rm -f "$hdr"
}

# http_writer TAG TOKEN LOG [COUNT [KEEP]]: a client that records children
# in $VILLAGE_A (first, then one request in four) and changes the ones it
# recorded in turn (a new address, with a reason of its own), logging each
# acknowledged write to LOG (see above). With KEEP it records no more than
# KEEP children and then only changes them (a load test's data stays the
# same size but for the history). It stops after COUNT writes (0: no
# limit), when $WORK/stop exists, or when no server answers (000: killed);
# a full disk's 507 is logged as an error like any other refusal, for the
# test to judge.
http_writer() {
    local tag=$1 token=$2 log=$3 count=${4:-0} keep=${5:-0}
    local n=0 mark k ids=() versions=()
    while [ ! -e "$WORK/stop" ] && { [ "$count" -eq 0 ] || [ "$n" -lt "$count" ]; }; do
        n=$((n + 1))
        mark=$tag-$n
        if [ ${#ids[@]} -eq 0 ] || { [ $((n % 4)) -eq 0 ] && { [ "$keep" -eq 0 ] || [ ${#ids[@]} -lt "$keep" ]; }; }; then
            http_write "$token" POST /children \
                "{\"name\":\"压测儿童\",\"area\":\"$VILLAGE_A\",\"birth_date\":\"2016-03-01\",\"sex\":\"male\",\"address\":\"$mark\"}"
            case $HS in
                201) ids+=("$HID") versions+=("$HV"); echo "create $HID $mark" >> "$log" ;;
                000) return 0 ;;
                *) echo "error $HS POST /children $mark" >> "$log" ;;
            esac
        else
            k=$((n % ${#ids[@]}))
            http_write "$token" PATCH "/children/${ids[$k]}" "{\"reason\":\"$mark\",\"address\":\"$mark\"}" \
                -H "If-Match: \"${versions[$k]}\""
            case $HS in
                200) versions[$k]=$HV; echo "patch ${ids[$k]} $HV $mark" >> "$log" ;;
                000) return 0 ;;
                *) echo "error $HS PATCH /children/${ids[$k]} $mark" >> "$log" ;;
            esac
        fi
    done
}

# http_reader TOKEN LOG: a client that reads until $WORK/stop exists or no
# server answers: lists, searches, records and histories of the children of
# $TOWN_A (records 1 to 3 of setup_world); any answer but 200 (or 000)
# goes to LOG as an error, and at the end "reads N", the requests it sent.
http_reader() {
    local token=$1 log=$2 n=0 status path
    while [ ! -e "$WORK/stop" ]; do
        n=$((n + 1))
        case $((n % 5)) in
            0) path="/children?limit=50&area=$VILLAGE_A" ;;
            1) path="/children/$((n % 3 + 1))" ;;
            2) path="/children/$((n % 3 + 1))/history" ;;
            3) path="/children?q=%E5%8E%8B%E6%B5%8B&sort=-updated_at&limit=20" ;;
            4) path="/children?limit=5&offset=$((n % 50))&sort=name" ;;
        esac
        status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $token" "$BASE$path")
        case $status in
            200) ;;
            000) break ;;
            *) echo "error $status GET $path" >> "$log" ;;
        esac
    done
    echo "reads $n" >> "$log"
}

# acknowledged_missing TOKEN LOG...: checks every acknowledged write of the
# LOGs through the API (each record's history, fetched by one curl): prints
# one line per write that is not there (a record missing, a version missing
# or with another reason, a record's first version without its address), so
# that nothing printed means every acknowledged write is present with its
# history.
acknowledged_missing() {
    local token=$1; shift
    local idfile=$WORK/ack-ids hist=$WORK/ack-histories
    cat "$@" | awk '$1 == "create" || $1 == "patch" { print $2 }' | sort -un > "$idfile"
    rm -rf "$hist" && mkdir "$hist"
    # one curl for all of them: a config file of url/output pairs
    awk -v base="$BASE" -v dir="$hist" '{ printf "url = \"%s/children/%s/history\"\noutput = \"%s/%s.json\"\n", base, $1, dir, $1 }' "$idfile" |
        curl -s -H "Authorization: Bearer $token" -K - > /dev/null
    cat "$@" | awk '$1 == "create" { printf "{\"id\":%s,\"v\":1,\"r\":\"新建档案\",\"a\":\"%s\"}\n", $2, $3 }
                    $1 == "patch" { printf "{\"id\":%s,\"v\":%s,\"r\":\"%s\",\"a\":\"%s\"}\n", $2, $3, $4, $4 }' > "$WORK/acks.json"
    local files
    files=$(find "$hist" -name '*.json' | sort)
    # shellcheck disable=SC2086
    jq -rn --slurpfile acks "$WORK/acks.json" '
        ([inputs | select(type == "object" and has("items")) | {key: (.id | tostring), value: .items}] | from_entries) as $h
        | $acks[]
        | . as $a
        | ($h[$a.id | tostring]) as $items
        | if $items == null then "record \($a.id) is missing (acknowledged \($a.r))"
          elif ([$items[] | select(.version == $a.v and .reason == $a.r and ((.changes.address // [null, null])[1] == $a.a))] | length) == 0
          then "record \($a.id) has no version \($a.v) \($a.r) with address \($a.a)"
          else empty end' $files < /dev/null
}

# acknowledged_count LOG...: how many writes the LOGs say were acknowledged.
acknowledged_count() { cat "$@" | grep -cE '^(create|patch) '; }

# errors_in LOG...: the lines of the LOGs that record an error.
errors_in() { cat "$@" | grep '^error ' || true; }

# refused_present TOKEN LOG...: checks that no write the LOGs record as
# refused with 507 left anything behind: no child has the address of a
# refused creation (the children of $VILLAGE_A listed through the API), no
# history a version with the reason of a refused change. Prints one line per
# trace found; nothing printed means nothing was half-written.
refused_present() {
    local token=$1; shift
    local list=$WORK/refused-list.json hist=$WORK/refused-histories
    curl -s -H "Authorization: Bearer $token" "$BASE/children?area=$VILLAGE_A&limit=500" > "$list"
    if ! jq -e '.items' "$list" > /dev/null 2>&1; then
        echo "the children could not be listed: $(head -c 300 "$list")"
        return 0
    fi
    rm -rf "$hist" && mkdir "$hist"
    local config
    config=$(cat "$@" | awk '$1 == "error" && $2 == "507" && $3 == "PATCH" { sub("/children/", "", $4); print $4 }' | sort -un |
        awk -v base="$BASE" -v dir="$hist" '{ printf "url = \"%s/children/%s/history\"\noutput = \"%s/%s.json\"\n", base, $1, dir, $1 }')
    [ -n "$config" ] && echo "$config" | curl -s -H "Authorization: Bearer $token" -K - > /dev/null
    cat "$@" | awk '$1 == "error" && $2 == "507" && $3 == "POST" { print "created " $5 }
                    $1 == "error" && $2 == "507" && $3 == "PATCH" { print "changed " $5 }' |
        while read -r kind mark; do
            if [ "$kind" = created ]; then
                jq -e --arg m "$mark" '[.items[] | select(.address == $m)] | length > 0' "$list" > /dev/null &&
                    echo "a refused creation is there: $mark"
            else
                cat "$hist"/*.json 2> /dev/null | jq -e --arg m "$mark" 'select(.items) | [.items[] | select(.reason == $m)] | length > 0' > /dev/null &&
                    echo "a refused change is there: $mark"
            fi
        done
    return 0
}
