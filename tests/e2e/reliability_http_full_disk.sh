#!/usr/bin/env bash
# A full disk over HTTP (issue #9): the server's database lives on a small
# tmpfs (in a private mount namespace, so it needs root: without it the test
# prints "skipped") that fills up while clients write through the API, and
# again under an import sent over HTTP. Each write that meets the full disk
# is answered 507 with a problem+json that says the disk is full and that
# nothing was saved (an import also when its upload does not fit in the
# server's temporary directory), and indeed nothing of it is there; everything
# acknowledged before is; and when space returns the same server, not
# restarted, takes writes and the same import again.
set -u
if [ "$(id -u)" = 0 ] && [ -z "${SHOUHU_IN_MOUNT_NS:-}" ] && unshare -m --propagation private true 2> /dev/null; then
    SHOUHU_IN_MOUNT_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
. "$(dirname "$0")/reliability.bash"
. "$(dirname "$0")/reliability_http.bash"
if [ -z "${SHOUHU_IN_MOUNT_NS:-}" ]; then
    skipped "full-disk tests over HTTP: they mount a small tmpfs, which needs root (and unshare)"
    finish
    exit
fi
trap 'stop_server quiet; umount "$WORK/disk" 2> /dev/null; rm -rf "$WORK"' EXIT

WRITES=$(scale 60 400)         # writes sent while the disk is full
IMPORTED=$(scale 3000 30000)   # children in the ledger imported over HTTP

cd "$WORK" || exit 1
mkdir disk
check "a small tmpfs for the database" mount -t tmpfs -o size=128m tmpfs disk
DB=disk/api.db
setup_world
TOKEN=$(http_token t.town)
CITY_TOKEN=$(http_token t.city)
check "a ledger of $IMPORTED children to import" make_ledger "$IMPORTED" big.csv
mkdir disk/tmp
TMPDIR=$WORK/disk/tmp start_server   # an import's upload is kept in a temporary file: on the small disk too
PID=$SERVER_PID

# fill_disk ROOM_KB: fills the tmpfs but ROOM_KB
fill_disk() {
    dd if=/dev/zero of=disk/filler bs=64k > /dev/null 2>&1
    truncate -s "-$1K" disk/filler
}
# total TOKEN: how many children the caller sees
total() { curl -s -H "Authorization: Bearer $1" "$BASE/children?limit=1" | jq -r .total; }

# ---- writes while the disk fills up ----
: > acks.before
http_writer before "$TOKEN" acks.before 20
same "with room, every write is acknowledged" "$(acknowledged_count acks.before)" 20
fill_disk 192
: > first.log
refused=
for i in $(seq 1 300); do
    call "token:$TOKEN" POST /children -H 'Content-Type: application/json' \
        --data-binary "{\"name\":\"满盘儿童\",\"area\":\"$VILLAGE_A\",\"birth_date\":\"2017-01-01\",\"sex\":\"female\",\"address\":\"fill-$i\"}"
    if [ "$STATUS" = 201 ]; then
        echo "create $(printf '%s' "$HEADERS" | tr -d '\r' | sed -n 's|^[Ll]ocation: /api/v1/children/||p') fill-$i" >> first.log
    else
        refused=fill-$i
        echo "error $STATUS POST /children $refused" >> first.log
        break
    fi
done
problem_is "a write that meets the full disk: 507 disk_full" 507 disk_full
json_ok "which says the disk is full and nothing was saved" '.detail | test("磁盘已满") and test("未保存")'
call "token:$TOKEN" POST /children -H 'Content-Type: application/json' -H 'Accept-Language: en' \
    --data-binary "{\"name\":\"满盘儿童\",\"area\":\"$VILLAGE_A\",\"birth_date\":\"2017-01-01\",\"sex\":\"female\",\"address\":\"fill-en\"}"
if [ "$STATUS" = 507 ]; then
    echo "error 507 POST /children fill-en" >> first.log
    json_ok "in English too" '.title == "Insufficient storage" and (.detail | test("disk is full"))'
fi
: > acks.full
http_writer full "$TOKEN" acks.full "$WRITES"
others=$(errors_in acks.full first.log | grep -v '^error 507 ' | head -3)
same "every write on the full disk is acknowledged or answered 507, nothing else" "$others" ""
if [ "$(errors_in acks.full first.log | wc -l)" -gt 0 ]; then pass "writes were refused"; else fail "writes were refused"; fi
check "the server's log says why" grep -q "the disk is full" serve.log
# a read of children's records is audited, and a read whose entry cannot be written is not answered
call "token:$TOKEN" GET "/children?limit=5"
case $STATUS in
    200|507) pass "a read on the full disk is answered, or refused with 507 when its audit entry cannot be written" ;;
    *) fail "a read on the full disk is answered or refused with 507: $STATUS" "$BODY" ;;
esac

# ---- space returns: the same server goes on ----
rm disk/filler
# reads come back once the audit writer's retry (every 200 ms) commits the batch the full disk refused
recovered() {
    local i
    for i in $(seq 1 50); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/children?limit=1")" = 200 ] && return 0
        sleep 0.1
    done
    return 1
}
check "reads are answered again within 5 s of space returning" recovered
same "nothing of a refused write is there" "$(refused_present "$TOKEN" first.log acks.full)" ""
same "everything acknowledged is there, with its history" "$(acknowledged_missing "$TOKEN" acks.before first.log acks.full)" ""
# the check itself sees a refused write that is there (it is not vacuous)
mark=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/children?area=$VILLAGE_A&limit=500" |
    jq -r '[.items[].address | select(. != null and startswith("before-"))][0]')
echo "error 507 POST /children $mark" > control.log
expect "a refused write that is there is reported" "a refused creation is there: $mark" refused_present "$TOKEN" control.log
: > acks.after
http_writer after "$TOKEN" acks.after 12
same "with space again, the same server acknowledges every write" "$(acknowledged_count acks.after)/$(errors_in acks.after | wc -l)" "12/0"
same "it was not restarted" "$SERVER_PID" "$PID"
same "everything acknowledged is there" "$(acknowledged_missing "$TOKEN" acks.before first.log acks.full acks.after)" ""
check "check passes" "$SHOUHU" --db "$WORK/$DB" check

# ---- an import over HTTP that fills the disk ----
before=$(total "$CITY_TOKEN")
fill_disk 1024
call "token:$CITY_TOKEN" POST /imports/children -H 'Content-Type: text/csv' --data-binary @big.csv
problem_is "an import that fills the disk: 507 disk_full" 507 disk_full
check "check passes on the full disk" "$SHOUHU" --db "$WORK/$DB" check
fill_disk 0
call "token:$CITY_TOKEN" POST /imports/children -H 'Content-Type: text/csv' --data-binary @big.csv
problem_is "an import whose upload does not even fit: 507 disk_full" 507 disk_full
same "and it leaves no temporary file" "$(find disk/tmp -type f | wc -l)" 0
check "the server's log says the upload did not fit" grep -q "temporary file for an import: No space left" serve.log
rm disk/filler
same "not a child of it is there" "$(total "$CITY_TOKEN")" "$before"
call "token:$CITY_TOKEN" POST /imports/children -H 'Content-Type: text/csv' --data-binary @big.csv
status_is "with space again the same import succeeds" 200
json_ok "wholly" ".inserted == $IMPORTED and .written == true"
same "every child of it is there" "$(total "$CITY_TOKEN")" "$((before + IMPORTED))"
same "still the same server" "$SERVER_PID" "$PID"
stop_server
check "check passes at the end" "$SHOUHU" --db "$WORK/$DB" check
finish
