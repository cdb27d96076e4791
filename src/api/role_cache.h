/*
** Roles kept by a serving thread between requests (issue #8, page2): every
** request read its caller's role and ~34 permission rows (~0.05 M
** instructions). A role is kept only while the roles' change count
** (the roles' of store_change_counts()) is the one it was read under, so a role or
** permission changed by anyone is seen by the next request.
*/
#ifndef SHOUHU_API_ROLE_CACHE_H
#define SHOUHU_API_ROLE_CACHE_H

#include "http/request.h"
#include "store/store_accounts.h"

enum { ROLE_CACHE_ENTRIES = 16 };

/* store_role_get() for REQ's store: *OUT's text is the thread's (valid
   until the thread's next call: the rest of a request without a body; one
   that waits for its body takes role_cache_detach()) or REQ's arena's. Inside a transaction, or when the count cannot be read, it reads
   the role and keeps nothing. */
StoreRc role_cache_get(Request *req, const char *name, Role *out);

/* Copies ROLE's text into A (issue #8, caller): for a request that waits
   for its body, during which its thread serves other requests, one of which
   may read the role again and free the entry's text. */
Role role_cache_detach(const Role *role, Arena *a);

#endif
