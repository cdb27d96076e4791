#!/usr/bin/env bash
# Bearer tokens, sessions and their accounts kept by a serving thread between
# requests (issue #8, caller), against the real server with one serving
# thread (so that every request meets the same thread's entries): a token
# revoked, an account disabled, moved to another area or role, a token
# expired or deleted, a session ended, each by another process or by the
# server, is seen by the next request; a token's or a session's use does
# not move the callers' change count. (Idle sessions: api_auth.sh.)
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"

setup_world
start_server --threads 1

count() { db "SELECT n FROM caller_version"; }
token_of() { "$SHOUHU" --db "$WORK/$DB" user token "$1" 2> /dev/null; }

CITY_T=$(token_of t.city)
TOWN_T=$(token_of t.town)

call "token:$CITY_T" GET "/children?limit=5"
status_is "city staff read the list with a token" 200
V0=$(count)
call "token:$CITY_T" GET "/children?limit=5"
status_is "and again, from the kept token" 200
check "a token's use does not move the callers' change count" test "$(count)" = "$V0"
check "its use is still recorded (last_used)" \
    test "$(db "SELECT last_used IS NOT NULL FROM api_token WHERE account_id = (SELECT id FROM account WHERE username = 't.city')")" = 1

# revoked by another process: the command line
"$SHOUHU" --db "$WORK/$DB" user revoke-token t.city > /dev/null 2>&1
check "the revocation moved the count" test "$(count)" -gt "$V0"
call "token:$CITY_T" GET "/children?limit=5"
problem_is "the revoked token is refused on the next request" 401 bad_token

# an account disabled and enabled by another process
CITY_T=$(token_of t.city)
call "token:$CITY_T" GET "/children?limit=5"
status_is "a new token of t.city is allowed" 200
"$SHOUHU" --db "$WORK/$DB" user disable t.city > /dev/null 2>&1
call "token:$CITY_T" GET "/children?limit=5"
problem_is "t.city disabled: its token is refused on the next request" 401 bad_token
"$SHOUHU" --db "$WORK/$DB" user enable t.city > /dev/null 2>&1
call "token:$CITY_T" GET "/children?limit=5"
status_is "enabled again: allowed on the next request" 200

# an account's area and role changed by another process
call "token:$TOWN_T" GET "/children?limit=5"
json_ok "the town supervisor sees town A's three children" '.total == 3'
check "t.town moved to town B" db "UPDATE account SET area = '$TOWN_B' WHERE username = 't.town'"
call "token:$TOWN_T" GET "/children?limit=5"
json_ok "the next list holds town B's one child" '.total == 1 and .items[0].area == "'"$VILLAGE_B"'"'
check "t.town made an auditor" db "UPDATE account SET role = 'auditor' WHERE username = 't.town'"
call "token:$TOWN_T" GET "/children?limit=5"
problem_is "the next list is refused: an auditor has no child:read" 403 no_permission
check "and a town supervisor of town A again" \
    db "UPDATE account SET role = 'town_supervisor', area = '$TOWN_A' WHERE username = 't.town'"
call "token:$TOWN_T" GET "/children?limit=5"
json_ok "the next list holds town A's three" '.total == 3'

# a token expired early, then deleted, by another process
call "token:$CITY_T" GET "/children?limit=5"
status_is "t.city's token is kept again" 200
check "t.city's token expired an hour ago" \
    db "UPDATE api_token SET expires_at = strftime('%s', 'now') - 3600 WHERE revoked_at IS NULL AND account_id = (SELECT id FROM account WHERE username = 't.city')"
call "token:$CITY_T" GET "/children?limit=5"
problem_is "the expired token is refused on the next request" 401 bad_token
check "and given a day more" \
    db "UPDATE api_token SET expires_at = strftime('%s', 'now') + 86400 WHERE revoked_at IS NULL AND account_id = (SELECT id FROM account WHERE username = 't.city')"
call "token:$CITY_T" GET "/children?limit=5"
status_is "allowed again" 200
check "t.town's token deleted" db "DELETE FROM api_token WHERE account_id = (SELECT id FROM account WHERE username = 't.town')"
call "token:$TOWN_T" GET "/children?limit=5"
problem_is "the deleted token is refused on the next request" 401 bad_token
call "token:$CITY_T" GET "/children?limit=5"
status_is "t.city's token is still allowed" 200

# sessions (the cookie)
login_all t.village
call t.village GET "/children?limit=5"
status_is "the village director reads the list with a session" 200
V2=$(count)
call t.village GET "/children?limit=5"
json_ok "and again, from the kept session" '.total == 2'
check "a session's use does not move the count" test "$(count)" = "$V2"
check "the session deleted by another process" \
    db "DELETE FROM session WHERE account_id = (SELECT id FROM account WHERE username = 't.village')"
call t.village GET "/children?limit=5"
problem_is "the next request is refused" 401 session_expired
login_all t.village
call t.village GET "/children?limit=5"
status_is "a new session is allowed" 200
"$SHOUHU" --db "$WORK/$DB" user disable t.village > /dev/null 2>&1
call t.village GET "/children?limit=5"
problem_is "t.village disabled: its session is refused on the next request" 401 session_expired
"$SHOUHU" --db "$WORK/$DB" user enable t.village > /dev/null 2>&1
login_all t.village
call t.village GET "/children?limit=5"
status_is "enabled again and logged in: allowed" 200
check "t.village moved to the other village" db "UPDATE account SET area = '$VILLAGE_B' WHERE username = 't.village'"
call t.village GET "/children?limit=5"
json_ok "the next list holds that village's one child" '.total == 1 and .items[0].area == "'"$VILLAGE_B"'"'
cp "$WORK/t.village.jar" "$WORK/old.jar"; cp "$WORK/t.village.csrf" "$WORK/old.csrf"
call t.village DELETE /session
status_is "a logout" 204
call old GET "/children?limit=5"
problem_is "the logged-out cookie is refused on the next request" 401 session_expired
stop_server
finish
