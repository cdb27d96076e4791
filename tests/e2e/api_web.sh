#!/usr/bin/env bash
# What the web UI needs from the server, end to end (the browser tests are
# tests/ui/): the UI's files at / with a strict Content-Security-Policy,
# gzip and long caching of hashed assets, the single-page fallback; and the
# API's parts that the UI relies on: the code tables, the idle time in
# GET /me, pages by offset in any sort order, and an import's rejected rows
# as a file.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
setup_world
start_server --session-idle 600
login t.town
U=t.town

# ---- the UI's files ----
call - GET "$ROOT/"
status_is "/ is the UI's page" 200
header_has "as HTML" '^content-type: text/html'
header_has "with a CSP allowing no inline script and no eval" "^content-security-policy: default-src 'self'; script-src 'self';"
header_has "that no site may frame" "frame-ancestors 'none'"
header_has "not sniffed" '^x-content-type-options: nosniff'
asset=$(printf '%s' "$BODY" | sed -n 's|.*src="\(/assets/[^"]*\.js\)".*|\1|p' | head -1)
[ -n "$asset" ] && pass "the page names its script" || fail "the page names its script" "$BODY"
call - GET "$ROOT$asset" -H 'Accept-Encoding: gzip'
status_is "the script is served" 200
header_has "gzipped for a browser that takes it" '^content-encoding: gzip'
header_has "and cached for a year (its name holds its hash)" '^cache-control: public, max-age=31536000, immutable'
header_has "as JavaScript" '^content-type: text/javascript'
call - GET "$ROOT$asset"
if printf '%s' "$HEADERS" | grep -qi '^content-encoding'; then fail "plain for a client without gzip" "$HEADERS"; else pass "plain for a client without gzip"; fi
call - GET "$ROOT/children/4/edit"
status_is "a route of the UI is its page too (a reload works)" 200
header_has "with no caching of the page itself" '^cache-control: no-cache'
call - POST "$ROOT/children"
status_is "the UI's paths take GET only" 405
call - GET "$ROOT/assets/nothing-here.js"
status_is "a missing asset is 404, not the page" 404
call - GET /nothing
problem_is "an unknown API path is still problem+json" 404 no_such_path

# ---- the code tables and the idle time ----
call $U GET /codes
json_ok "the code tables, labelled in both languages" '(.category | length) == 13 and .category[0].zh == "机构集中养育孤儿" and (.record_status | map(.code)) == ["active","aged_out","deceased","adopted","moved_away"] and (.unit | length) > 5'
call - GET /codes
problem_is "the code tables need a login" 401 login_required
call $U GET /me
json_ok "GET /me tells the session's idle time" '.idle_seconds == 600 and (.csrf_token | length) > 10'

# ---- pages by offset, in any order ----
call $U GET '/children?sort=name'
json_ok "sorted by name" '[.items[].name] == ([.items[].name] | sort) and .total == 3'
call $U GET '/children?sort=-birth_date'
json_ok "by birth date, newest first" '[.items[].birth_date] == ([.items[].birth_date] | sort | reverse)'
json_ok "another order has no cursor (pages go by offset)" '.next_cursor == null'
call $U GET '/children?sort=name&limit=1&offset=1'
second=$(printf '%s' "$BODY" | jq -r '.items[0].name')
call $U GET '/children?sort=name'
[ "$(printf '%s' "$BODY" | jq -r '.items[1].name')" = "$second" ] && pass "offset 1 is the second in that order" || fail "offset 1 is the second in that order" "$second / $BODY"
call $U GET '/children?limit=1&offset=2'
json_ok "the id order by offset too" '.items[0].id == 3 and .total == 3'
call $U GET '/children?sort=age'
problem_is "an unknown order is refused" 400 bad_params
call $U GET '/children?offset=-1'
problem_is "a negative offset is refused" 400 bad_params

# ---- an import's rejected rows, as a file ----
cat > "$WORK/bad.csv" <<CSV
姓名,公民身份号码,居住村(社区)代码
好孩子,$(idnum 441900 20160101 071),$VILLAGE_A
,$(idnum 441900 20160101 072),$VILLAGE_A
错码,$(idnum 441900 20160101 073 | sed 's/.$/0/'),$VILLAGE_A
CSV
call $U POST '/imports/children?rejected=1' -H 'Content-Type: text/csv' --data-binary @"$WORK/bad.csv"
status_is "rejected=1 answers with a file" 200
header_has "in the input's format" '^content-type: text/csv'
header_has "as an attachment" '^content-disposition: attachment; filename="rejected-'
case "$BODY" in
    *错误原因*) pass "with the reasons in a column" ;;
    *) fail "with the reasons in a column" "$BODY" ;;
esac
[ "$(printf '%s\n' "$BODY" | grep -c .)" = 3 ] && pass "the heading and the two rejected rows" || fail "the heading and the two rejected rows" "$BODY"
call $U GET '/children?q=好孩子'
json_ok "and nothing was written" '.total == 0'
head -2 "$WORK/bad.csv" > "$WORK/good.csv"
call $U POST '/imports/children?rejected=1' -H 'Content-Type: text/csv' --data-binary @"$WORK/good.csv"
status_is "no rejected rows: 204" 204

stop_server
finish
