#!/usr/bin/env bash
# Bad input of every kind gets a problem+json answer (400, 413, 415, 422),
# never a crash and never data: malformed JSON, wrong types, unknown fields
# and parameters, oversize numbers, invalid UTF-8, SQL injection, path
# traversal, oversized bodies; messages in Chinese or English as
# Accept-Language asks.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"
setup_world
start_server
login t.city
U=t.city
post() { call_json "$U" POST /children "$1"; }

# ---- JSON bodies ----
post '{"name": "x", '
problem_is "malformed JSON: 400" 400 bad_json
json_ok "the message says where" '.detail | test("第1行")'
post '[1, 2, 3]'
problem_is "a JSON array instead of an object: 400" 400 body_not_object
post '"just a string"'
problem_is "a JSON string instead of an object: 400" 400 bad_json
post '{"name": "a", "name": "b"}'
problem_is "a repeated member: 400" 400 bad_json
post '{"name":"x","area":"441900003001","colour":"blue"}'
problem_is "an unknown field: 422" 422 bad_fields
json_ok "the unknown field is named" '.errors == [{"field":"colour","code":"unknown_field","message":.errors[0].message}]'
post '{"name":"x","area":"441900003001","guardian":{"name":"y","shoe_size":42}}'
json_ok "an unknown nested field is named with its path" '.errors[0].field == "guardian.shoe_size"'
post '{"name":123,"area":"441900003001","categories":"orphan"}'
problem_is "wrong types: 422" 422 bad_fields
json_ok "each wrong type is named" '([.errors[].field] | sort) == ["categories","name"] and ([.errors[].code] | unique) == ["wrong_type"]'
post '{"name":"x","area":"441900003001","disability_type":"physical","disability_level":99999999999}'
problem_is "a number out of its range: 422" 422 bad_fields
json_ok "the range is given" '.errors[0].field == "disability_level"'
post '{"name":"x","disability_level":123456789012345678901234567890}'
problem_is "an integer too large for any type: 400" 400 bad_json
post '{"name":"x","disability_level":1e999}'
problem_is "a real number too large: 400" 400 bad_json
printf '{"name":"\xff\xfe\xfd","area":"441900003001"}' > "$WORK/bad.json"
call "$U" POST /children -H 'Content-Type: application/json' --data-binary @"$WORK/bad.json"
problem_is "invalid UTF-8 in the body: 400" 400 body_utf8
post '{"name":"x\u0000y","area":"441900003001"}'
status_is "a NUL character in a string: 400" 400
post '{"id_number":"441900201203050012","area":"441900003001"}'
problem_is "a rule broken: 422" 422 bad_fields
json_ok "a missing name is required" '[.errors[] | select(.field == "name" and .code == "required")] | length == 1'
json_ok "a bad check digit is explained in Chinese" '[.errors[] | select(.field == "id_number" and .code == "id_checksum")][0].message | test("校验码")'
call "$U" POST /children -H 'Content-Type: application/json' -H 'Accept-Language: en-GB,en;q=0.9' \
    --data-binary '{"id_number":"441900201203050012","area":"441900003001"}'
json_ok "in English when Accept-Language prefers it" '(.title == "The request has invalid fields") and ([.errors[].message] | join(" ") | test("check character"))'
call "$U" POST /children -H 'Content-Type: text/plain' --data-binary '{"name":"x"}'
problem_is "a JSON body sent as text/plain: 415" 415 need_json
call "$U" POST /children -H 'Content-Type: application/x-www-form-urlencoded' --data-binary 'name=x'
problem_is "a form post: 415" 415 need_json
call "$U" POST /children -H 'Content-Type: application/json'
problem_is "no body where one is needed: 400" 400 body_required
call "$U" GET /children -H 'Content-Type: application/json' --data-binary '{"a":1}'
problem_is "a body where none is taken: 400" 400 body_unexpected

# ---- sizes ----
head -c 300000 /dev/zero | tr '\0' 'a' > "$WORK/big.json"
call "$U" POST /children -H 'Content-Type: application/json' --data-binary @"$WORK/big.json"
problem_is "a body over the limit: 413" 413 body_too_large
call "$U" POST /children -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/big.json"
problem_is "a chunked body over the limit: 413" 413 body_too_large
call_json - POST /session "{\"username\":\"$(head -c 5000 /dev/zero | tr '\0' 'u')\",\"password\":\"x\"}"
problem_is "a login body over its small limit: 413" 413 body_too_large

# ---- query parameters ----
call "$U" GET "/children?colour=blue"
problem_is "an unknown query parameter: 400" 400 bad_params
json_ok "it is named" '.errors[0].field == "colour" and .errors[0].code == "unknown_param"'
call "$U" GET "/children?limit=10&limit=20"
json_ok "a repeated parameter: 400" '.status == 400 and .errors[0].code == "duplicate_param"'
call "$U" GET "/children?limit=501"
json_ok "limit past 500: 400" '.status == 400 and .errors[0].field == "limit" and .errors[0].code == "bad_int"'
call "$U" GET "/children?limit=ten"
json_ok "a word for a number: 400" '.status == 400 and .errors[0].code == "bad_int"'
call "$U" GET "/children?limit=99999999999999999999999"
json_ok "an oversize number: 400" '.status == 400 and .errors[0].code == "bad_int"'
call "$U" GET "/children?age_min=-1"
json_ok "a negative age: 400" '.status == 400 and .errors[0].field == "age_min"'
call "$U" GET "/children?category=nonsense"
json_ok "an unknown category: 400, with the allowed ones" '.status == 400 and .errors[0].field == "category" and (.errors[0].message | test("孤儿"))'
call "$U" GET "/children?category=%E4%BA%8B%E5%AE%9E%E6%97%A0%E4%BA%BA%E6%8A%9A%E5%85%BB%E5%84%BF%E7%AB%A5"
json_ok "a category by its Chinese name works" '.total == 1 and .items[0].id == 1'
call "$U" GET "/children?area=4419"
json_ok "a short area code: 400" '.status == 400 and .errors[0].code == "bad_area_code"'
call "$U" GET "/children?q=%FF%FE"
json_ok "invalid UTF-8 in a parameter: 400" '.status == 400 and .errors[0].code == "control_chars"'
call "$U" GET "/children?q=a%0Ab"
json_ok "a control character in a parameter: 400" '.status == 400'
call "$U" GET "/children?q=%zz"
json_ok "a broken escape: 400" '.status == 400 and .errors[0].code == "bad_escape"'
call "$U" GET "/children?q="
status_is "an empty parameter counts as absent" 200
call "$U" GET "/audit?from=2024-02-30"
status_is "an impossible date (for an auditor's route, refused first by role)" 403
login t.auditor
call t.auditor GET "/audit?from=2024-02-30"
json_ok "an impossible date: 400" '.status == 400 and .errors[0].code == "bad_date"'
call "$U" GET "/exports/children?format=pdf"
json_ok "an unknown export format: 400" '.status == 400 and .errors[0].code == "bad_choice"'

# ---- SQL injection: values are bound, never part of the SQL ----
for q in "' OR '1'='1" "%' OR 1=1 --" "\"; DROP TABLE child; --" "1; DELETE FROM audit" "_" "%"; do
    call "$U" GET "/children" --get --data-urlencode "q=$q"
    if [ "$STATUS" = 200 ] && printf '%s' "$BODY" | jq -e '.total == 0' > /dev/null; then
        pass "q=$q finds nothing"
    else
        fail "q=$q finds nothing" "$BODY"
    fi
done
call "$U" GET "/children/1%20OR%201=1"
json_ok "SQL in a path parameter: 400" '.status == 400 and .errors[0].field == "id"'
call "$U" GET "/children/1;DROP%20TABLE%20child"
status_is "SQL in a path: 400" 400
call "$U" GET "/areas/441900003001'%20OR%20'1'='1"
status_is "SQL in an area code: 400" 400
login t.auditor
call t.auditor GET "/audit" --get --data-urlencode "user=x' OR '1'='1"
json_ok "SQL in an audit filter finds nothing" '.total == 0'
call t.city GET /children
json_ok "the ledger is intact after all that" '.total == 4'
expect "the database checks clean" "" "$SHOUHU" --db "$WORK/$DB" check

# ---- paths ----
for p in "/api/v1/../../etc/passwd" "/api/v1/%2e%2e/%2e%2e/etc/passwd" "/api/v1/children/..%2F..%2Fetc%2Fpasswd" \
         "/api/v1//children" "/api/v1/children/%00" "/api/v1/./children" "/api/v1/%2Fetc%2Fpasswd"; do
    call "$U" GET "$ROOT$p" --path-as-is
    if [ "$STATUS" = 400 ] || [ "$STATUS" = 404 ]; then
        case "$BODY" in *root:*) fail "$p does not leak a file" "$BODY" ;; *) pass "$p is refused ($STATUS)" ;; esac
    else
        fail "$p is refused" "$STATUS $BODY"
    fi
done
# a path outside the API is the web UI's: its page (the single-page app's
# routes are resolved in the browser), never a file of the server's disk
call "$U" GET "$ROOT/etc/passwd"
case "$STATUS $BODY" in
    *root:*) fail "a path outside the API leaks no file" "$BODY" ;;
    "200 "*'<div id="app">'*) pass "a path outside the API gets the web UI's page" ;;
    *) fail "a path outside the API gets the web UI's page" "$STATUS $BODY" ;;
esac
call "$U" GET "$ROOT/etc/passwd.txt"
status_is "a file outside the API that is not the UI's: 404" 404
call "$U" GET /nothing/here
problem_is "an unknown endpoint: 404" 404 no_such_path
call "$U" DELETE /children/1
problem_is "a method the endpoint does not take: 405" 405 method_not_allowed
header_has "405 names the allowed methods" '^allow: GET, PATCH'

# ---- If-Match ----
call_json "$U" PATCH /children/1 '{"reason":"x","address":"a"}'
problem_is "a change without If-Match: 428" 428 if_match_required
call_json "$U" PATCH /children/1 '{"reason":"x","address":"a"}' -H 'If-Match: banana'
problem_is "a malformed If-Match: 400" 400 bad_if_match
call_json "$U" PATCH /children/1 '{"address":"a"}' -H 'If-Match: "1"'
json_ok "a change without a reason: 422" '.status == 422 and .errors[0].field == "reason"'
call_json "$U" PATCH /children/1 '{"reason":"x","id":99}' -H 'If-Match: "1"'
json_ok "a change of the record number: 422" '.status == 422 and .errors[0].code == "unknown_field"'
call_json "$U" PATCH /children/1 '{"reason":"x","birth_date":"2012-13-45"}' -H 'If-Match: "1"'
json_ok "a change to an impossible date: 422" '.status == 422 and .errors[0].field == "birth_date"'

stop_server
finish
