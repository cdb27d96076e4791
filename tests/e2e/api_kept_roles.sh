#!/usr/bin/env bash
# Roles kept by a serving thread between requests (issue #8, page2), against
# the real server with one serving thread (so that every request meets the
# same thread's roles): a permission taken from a role by another process is
# refused on the next request, and given back, allowed again; a role's scope
# changed is applied on the next request; each change moves the roles'
# change count.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/api.bash"

setup_world
start_server --threads 1
login_all t.city

count() { db "SELECT n FROM role_version"; }

call t.city GET "/children?limit=5"
status_is "city staff read the list" 200
call t.city GET "/children?limit=5"
status_is "and again, from the kept role" 200

V0=$(count)
check "child:read taken from city staff by another process" \
    db "DELETE FROM role_permission WHERE role = 'city_staff' AND permission = 'child:read'"
check "the roles' change count moved" test "$(count)" -gt "$V0"
call t.city GET "/children?limit=5"
status_is "the next request is refused" 403
problem_is "it says which permission is missing" 403 no_permission

V1=$(count)
check "child:read given back" \
    db "INSERT INTO role_permission(role, permission) VALUES ('city_staff', 'child:read')"
check "the count moved again" test "$(count)" -gt "$V1"
call t.city GET "/children?limit=5"
status_is "the next request is allowed" 200
json_ok "the city's four children" '.total == 4'

check "city staff see only referred children" \
    db "UPDATE role SET child_scope = 'referred' WHERE name = 'city_staff'"
call t.city GET "/children?limit=5"
json_ok "the next list holds none" '.total == 0'
check "and their area again" db "UPDATE role SET child_scope = 'area' WHERE name = 'city_staff'"
call t.city GET "/children?limit=5"
json_ok "the next list holds the four" '.total == 4'
stop_server
finish
