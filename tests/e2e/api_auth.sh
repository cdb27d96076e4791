#!/usr/bin/env bash
# The API's doors: logging in and out, one answer for every failed login,
# lock-out after 5 failures, the CSRF token on cookie requests that change
# state, idle sessions ending, temporary passwords, API tokens and their
# revocation, and accounts managed by an administrator.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
setup_world
# short times, so that expiry and lock-out can be watched
start_server --session-idle 2 --lock-seconds 3

# ---- nothing without an account ----
call - GET /children
problem_is "no login: 401 problem" 401 login_required
call - GET /me
status_is "no login: /me is 401 too" 401

# ---- logging in ----
check "a right password logs in" login t.village
call t.village GET /me
status_is "the session cookie works" 200
json_ok "/me names the account, role and area" '.user.username == "t.village" and .user.role == "village_director" and .user.area == "441900003001"'
json_ok "/me lists the permissions" '.permissions | index("child:read_full") != null'
header=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "{\"username\":\"t.town\",\"password\":\"$PASSWORD\"}" "$BASE/session" | tr -d '\r' | grep -i '^set-cookie')
case "$header" in
    *HttpOnly*SameSite=Strict*) pass "the cookie is HttpOnly and SameSite=Strict" ;;
    *) fail "the cookie is HttpOnly and SameSite=Strict" "$header" ;;
esac
case "$header" in *Secure*) fail "no Secure flag over plain HTTP" "$header" ;; *) pass "no Secure flag over plain HTTP" ;; esac

call_json - POST /session '{"username":"t.village","password":"Wrong-Pass-9"}'
problem_is "a wrong password: 401" 401 login_failed
wrong=$BODY
call_json - POST /session '{"username":"nobody.here","password":"Wrong-Pass-9"}'
problem_is "an unknown user: 401" 401 login_failed
same "an unknown user and a wrong password get the very same answer" "$wrong" "$BODY"
call_json - POST /session '{"username":"t.village"}'
problem_is "a login without password: 422" 422 bad_fields
json_ok "the missing field is named" '.errors[0].field == "password" and .errors[0].code == "required"'

# ---- lock-out ----
for i in 1 2 3 4 5; do call_json - POST /session '{"username":"t.hotline","password":"Wrong-Pass-9"}'; done
status_is "the fifth failure is still 401" 401
call_json - POST /session "{\"username\":\"t.hotline\",\"password\":\"$PASSWORD\"}"
problem_is "after 5 failures even the right password is refused" 401 login_failed
same "a locked account gets the same answer as a wrong password" "$wrong" "$BODY"
check "the administrator logs in" login admin
call admin GET /accounts/t.hotline
json_ok "the administrator sees the account locked" '.locked == true'
sleep 4   # sessions idle for 2 s end meanwhile: the sections below log in afresh
check "after the lock time the right password works again" login t.hotline

# ---- CSRF ----
login t.village
NEW='{"name":"赵小宝","id_number":"'$ID5'","area":"441900003001"}'
curl -s -o "$WORK/body" -w '%{http_code}' -b "$WORK/t.village.jar" -H 'Content-Type: application/json' \
    --data-binary "$NEW" "$BASE/children" > "$WORK/status"
same "a cookie write without X-CSRF-Token: 403" "403" "$(cat "$WORK/status")"
BODY=$(cat "$WORK/body")
json_ok "it says why" '.type == "urn:shouhu:problem:csrf_failed"'
curl -s -o "$WORK/body" -w '%{http_code}' -b "$WORK/t.village.jar" -H 'Content-Type: application/json' \
    -H 'X-CSRF-Token: forged' --data-binary "$NEW" "$BASE/children" > "$WORK/status"
same "a cookie write with a wrong X-CSRF-Token: 403" "403" "$(cat "$WORK/status")"
call_json t.village POST /children "$NEW"
status_is "a cookie write with the right X-CSRF-Token: 201" 201

# ---- idle sessions end ----
login t.town
sleep 4
call t.town GET /me
problem_is "a session idle longer than --session-idle ends: 401" 401 session_expired
check "logging in again works" login t.town
call t.town GET /me
status_is "the new session works" 200

# ---- logging out ----
call t.town DELETE /session
status_is "logout: 204" 204
call t.town GET /me
status_is "after logout the cookie is refused" 401

# ---- API tokens ----
TOKEN=$("$SHOUHU" --db "$WORK/$DB" user token t.city --label e2e 2> /dev/null)
case "$TOKEN" in shk_*) pass "user token prints a token" ;; *) fail "user token prints a token" "$TOKEN" ;; esac
call "token:$TOKEN" GET /me
status_is "a Bearer token authenticates" 200
json_ok "the token acts as its account" '.user.username == "t.city" and (.csrf_token == null)'
call "token:$TOKEN" PATCH /children/2 -H 'Content-Type: application/json' -H 'If-Match: "1"' --data-binary '{"reason":"电话变更","guardian":{"phone":"13900002222"}}'
status_is "a token needs no CSRF token to write" 200
call "token:shk_not-a-real-token" GET /me
problem_is "an unknown token: 401" 401 bad_token
call - GET /me -H 'Authorization: Basic dXNlcjpwYXNz'
problem_is "another scheme than Bearer: 401" 401 bad_token
"$SHOUHU" --db "$WORK/$DB" user revoke-token t.city > /dev/null
call "token:$TOKEN" GET /me
problem_is "a revoked token: 401" 401 bad_token
expect "user tokens shows it revoked" "revoked" "$SHOUHU" --db "$WORK/$DB" user tokens t.city

# ---- temporary passwords ----
login admin
call_json admin POST /accounts '{"username":"new.director","role":"village_director","area":"441900003001","password":"Temp-Pass-77"}'
status_is "an administrator creates an account: 201" 201
json_ok "an administrator's password is temporary" '.must_change_password == true'
header_has "the new account's Location" '^location: /api/v1/accounts/new.director'
check "the new account logs in with its temporary password" login new.director Temp-Pass-77
BODY=$(cat "$WORK/new.director.login")
json_ok "the login says the password must change" '.user.must_change_password == true'
call new.director GET /children
problem_is "before changing it, the children are out of reach" 403 password_change_required
call_json new.director PUT /me/password '{"current_password":"Wrong-Pass-1","new_password":"Fresh-Pass-88"}'
problem_is "a wrong current password: 422" 422 bad_fields
json_ok "the wrong field is current_password" '.errors[0].field == "current_password"'
call_json new.director PUT /me/password '{"current_password":"Temp-Pass-77","new_password":"weakweakweak"}'
problem_is "a weak new password: 422" 422 bad_fields
json_ok "the policy is explained" '[.errors[].code] | index("password_kinds") != null'
call_json new.director PUT /me/password '{"current_password":"Temp-Pass-77","new_password":"Fresh-Pass-88"}'
status_is "a good new password: 200" 200
jq -r .csrf_token "$WORK/body" > "$WORK/new.director.csrf"   # the change ended the session; its answer began a new one
call new.director GET /children
status_is "after the change the children are within reach" 200
check "the new password logs in" login new.director Fresh-Pass-88

# ---- accounts by administrators ----
login admin
call_json admin POST /accounts '{"username":"x","role":"nosuchrole","area":"123","password":"short","extra":1}'
problem_is "a bad account: 422" 422 bad_fields
json_ok "an unknown member is an error" '[.errors[].code] | index("unknown_field") != null'
call_json admin POST /accounts '{"username":"Bad Name","role":"nosuchrole","area":"441900003001","password":"short"}'
json_ok "bad name, unknown role and weak password are each named" '[.errors[].field] | (index("username") != null and index("role") != null and index("password") != null)'
call_json admin POST /accounts '{"username":"t.city","role":"hotline","area":"441900003001","password":"Good-Pass-12"}'
json_ok "a taken name is refused" '[.errors[].code] | index("username_taken") != null'
call_json admin POST /accounts '{"username":"p.x","role":"partner","area":"441900000000","password":"Good-Pass-12"}'
json_ok "a partner needs its unit" '[.errors[].code] | index("unit_required") != null'
login t.townadmin
call_json t.townadmin POST /accounts '{"username":"n.other","role":"village_director","area":"441900004003","password":"Good-Pass-12"}'
json_ok "a town's administrator cannot create accounts in another town" '[.errors[].code] | index("out_of_scope") != null'
call t.townadmin GET /accounts/t.other
status_is "a town's administrator does not see another town's accounts: 404" 404
call t.townadmin GET /accounts
json_ok "a town's administrator lists only its town's accounts" '[.items[].username] | (index("t.village") != null and index("t.other") == null)'
login admin
call_json admin PATCH /accounts/t.other '{"disabled":true}'
status_is "an administrator disables an account" 200
json_ok "it is disabled" '.disabled == true'
check_fails "a disabled account cannot log in" login t.other
call_json admin PATCH /accounts/t.other '{"disabled":false,"password":"Reset-Pass-99"}'
json_ok "re-enabled, with a temporary password" '.disabled == false and .must_change_password == true'
call_json admin PATCH /accounts/admin '{"role":"hotline"}'
json_ok "an administrator cannot change its own role" '[.errors[].code] | index("self_change") != null'
call admin GET /roles
json_ok "the roles are listed with their permissions" '[.items[] | select(.name == "partner")][0].children == "referred"'
call admin GET /children
problem_is "the administrator reads no children's data" 403 no_permission

# ---- the audit trail of all this ----
login t.auditor
audit_has "a successful login is recorded" '.action == "session.login" and .success and .account == "t.village"'
audit_has "a failed login is recorded with its reason" '.action == "session.login" and (.success | not) and .detail == "wrong_password"'
audit_has "a login of an unknown name is recorded" '.action == "session.login" and .account == "nobody.here" and .detail == "unknown_user"'
audit_has "a login while locked is recorded" '.action == "session.login" and .account == "t.hotline" and .detail == "locked"'
audit_has "a logout is recorded" '.action == "session.logout" and .account == "t.town"'
audit_has "a password change is recorded" '.action == "account.password" and .account == "new.director"'
audit_has "an account created through the API is recorded" '.action == "account.create" and .account == "admin" and (.records | index("new.director"))'
audit_has "an account created on the command line is recorded" '.action == "account.create" and .account != null and (.account | startswith("cli:"))'
audit_has "an account change is recorded" '.action == "account.update" and (.records | index("t.other"))'
audit_has "a token made on the command line is recorded" '.action == "account.token" and (.records | index("t.city"))'
audit_has "a refused permission is recorded" '.action == "child.list" and .account == "admin" and (.success | not)'

stop_server
finish
