/*
** The store's change counts, read once a request (issue #8, caller): the
** roles kept by a thread (role_cache.c), its tokens and their accounts
** (caller_cache.c) and its area names (area_names.c) each need their own
** count, and reading each by a statement of its own cost ~4,500
** instructions apiece. One statement reads the three, on first use.
*/
#ifndef SHOUHU_API_CHANGE_COUNTS_H
#define SHOUHU_API_CHANGE_COUNTS_H

#include "http/request.h"

/* REQ's store's change counts (store_change_counts()), read by the first
   call of the request, the same for the later ones (kept in REQ). NULL
   inside a transaction (a thread keeps nothing read there: it may see the
   transaction's own changes) or when they cannot be read. */
const ChangeCounts *req_change_counts(Request *req);

#endif
