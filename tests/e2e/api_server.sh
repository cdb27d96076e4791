#!/usr/bin/env bash
# The server itself: the access log (one line a request, no query values),
# the OpenAPI description it serves, a clean stop on SIGTERM that lets a
# request in flight finish, Secure cookies and client addresses behind a
# TLS proxy, and HTTPS served directly.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
setup_world
start_server

# ---- the OpenAPI description ----
call - GET /openapi.json
status_is "the OpenAPI description is public" 200
json_ok "it is OpenAPI 3 and describes the children" '(.openapi | startswith("3.")) and .paths["/api/v1/children/{id}"].patch != null'

# ---- the access log ----
login t.city
call t.city GET "/children?q=张小明&limit=5"
line=$(grep 'path=/api/v1/children?' "$WORK/serve.log" | tail -1)
case "$line" in
    *"method=GET path=/api/v1/children?q=&limit= status=200 duration_ms="*" user=t.city addr=127.0.0.1"*) pass "one structured line per request" ;;
    *) fail "one structured line per request" "$line" ;;
esac
case "$line" in *5*张*|*%E5%BC%A0*) fail "query values stay out of the log" "$line" ;; *) pass "query values stay out of the log" ;; esac
case "$line" in time=*+08:00\ *) pass "the log line starts with the time in Asia/Shanghai" ;; *) fail "the log line starts with the time" "$line" ;; esac
call - GET "/children/%0Aforged%20line"
if grep -q '^forged' "$WORK/serve.log"; then fail "a path cannot forge a log line"; else pass "a path cannot forge a log line"; fi
call - HEAD /openapi.json -I
status_is "HEAD answers like GET" 200

# ---- a clean stop: the request in flight finishes ----
{
    echo "姓名,公民身份号码,居住村(社区)代码"
    for i in $(seq 1 400); do echo "慢导入$i,,$VILLAGE_A"; done
} > "$WORK/slow.csv"
curl -s -o "$WORK/slow.out" -w '%{http_code}' --limit-rate 8k -b "$WORK/t.city.jar" \
    -H "X-CSRF-Token: $(cat "$WORK/t.city.csrf")" -H 'Content-Type: text/csv' \
    --data-binary @"$WORK/slow.csv" "$BASE/imports/children?dry_run=1" > "$WORK/slow.status" &
slow=$!
sleep 0.7
kill -TERM "$SERVER_PID"
wait "$slow"
same "a request in flight at SIGTERM still gets its answer" 200 "$(cat "$WORK/slow.status")"
BODY=$(cat "$WORK/slow.out")
json_ok "and the whole of it" '.rows == 400'
wait "$SERVER_PID"
same "the server exits 0 after a clean stop" 0 "$?"
SERVER_PID=
sanitizers_quiet
expect "it says it stopped" "stopped" cat "$WORK/serve.log"
if curl -s -o /dev/null --max-time 2 "$BASE/openapi.json"; then fail "nothing listens after the stop"; else pass "nothing listens after the stop"; fi

# ---- slow clients are cut off ----
start_server --timeout 1
port=${BASE#http://127.0.0.1:}; port=${port%%/*}
exec 3<> "/dev/tcp/127.0.0.1/$port"
printf 'GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n' >&3   # and then nothing
sleep 2.5
timeout 2 cat <&3 > /dev/null   # returns at once (0) when the server has closed; 124 if it still waits
same "a client that stalls is disconnected after --timeout" 0 "$?"
exec 3>&-
stop_server

# ---- behind a TLS proxy ----
start_server --behind-tls-proxy
header=$(curl -s -D - -o /dev/null -H 'X-Forwarded-For: 203.0.113.7' -H 'Content-Type: application/json' \
    -d "{\"username\":\"t.town\",\"password\":\"$PASSWORD\"}" "$BASE/session" | tr -d '\r' | grep -i '^set-cookie')
case "$header" in *Secure*) pass "behind a TLS proxy the cookie is Secure" ;; *) fail "behind a TLS proxy the cookie is Secure" "$header" ;; esac
login t.auditor
audit_has "the client's address comes from X-Forwarded-For" '.action == "session.login" and .account == "t.town" and .address == "203.0.113.7"'
stop_server

# ---- HTTPS ----
if openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 1 \
    -subj "/CN=127.0.0.1" > /dev/null 2>&1; then
    start_server --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem"
    case "$BASE" in https://*) pass "served over HTTPS" ;; *) fail "served over HTTPS" "$BASE" ;; esac
    header=$(curl -sk -D - -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"username\":\"t.town\",\"password\":\"$PASSWORD\"}" "$BASE/session" | tr -d '\r' | grep -i '^set-cookie')
    case "$header" in *Secure*) pass "over TLS the cookie is Secure" ;; *) fail "over TLS the cookie is Secure" "$header" ;; esac
    if curl -s -o /dev/null --max-time 3 "http://${BASE#https://}/openapi.json"; then
        fail "plain HTTP is not answered on the TLS port"
    else
        pass "plain HTTP is not answered on the TLS port"
    fi
    stop_server
else
    pass "HTTPS (skipped: no openssl)"
fi

# ---- refusals before serving ----
expect "a bad --listen is explained" "--listen takes HOST:PORT" "$SHOUHU" --db "$WORK/$DB" serve --listen nowhere
expect "a missing database is explained" "shouhu init" "$SHOUHU" --db "$WORK/none.db" serve --listen 127.0.0.1:0
expect "serve --help documents the options" "--session-idle" "$SHOUHU" help serve

finish
