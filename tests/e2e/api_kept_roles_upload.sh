#!/usr/bin/env bash
# A role kept by a serving thread (issue #8, page2) and a request that waits
# for its body (issue #8, caller): a PATCH's headers come in, its body later;
# meanwhile its thread serves another request, which reads the caller's role
# again after a change by another process and frees the thread's copy. The
# PATCH's handler, run when the body is in, masks its answer by the role:
# it must read its own copy (an ASan build of shouhu reported the old one's
# use: heap-use-after-free in role_has(), before role_cache_detach()).
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"

setup_world
start_server --threads 1
TOKEN=$("$SHOUHU" --db "$WORK/$DB" user token t.town 2> /dev/null)
PORT=${BASE#http://127.0.0.1:}; PORT=${PORT%%/*}

call "token:$TOKEN" GET "/children?limit=5"
status_is "the town supervisor reads the list: the role is kept" 200
body='{"reason":"电话变更","guardian":{"phone":"13900002222"}}'
exec 3<> "/dev/tcp/127.0.0.1/$PORT"
printf 'PATCH /api/v1/children/2 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nIf-Match: "1"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n' \
    "$TOKEN" "$(printf '%s' "$body" | wc -c)" >&3
sleep 0.3
check "the supervisor's role changed by another process while the PATCH waits for its body" \
    db "UPDATE role SET title_en = title_en || ' (changed)' WHERE name = 'town_supervisor'"
call "token:$TOKEN" GET "/me"
json_ok "a request served meanwhile by the same thread reads the role again" '.role.title_en | endswith("(changed)")'
printf '%s' "$body" >&3
answer=$(timeout 10 cat <&3 | tr -d '\r')
exec 3<&-
case "$answer" in "HTTP/1.1 200"*) pass "the PATCH is answered when its body is in" ;; *) fail "the PATCH is answered" "$answer" ;; esac
printf '%s' "$answer" | sed '1,/^$/d' > "$WORK/patched.json"
check "its answer is shown by the role it was admitted with (child:read_full: in full)" \
    jq -e '.version == 2 and .guardian.phone == "13900002222" and .id_number == "'"$ID2"'"' "$WORK/patched.json"
stop_server
finish
