/*
** The store's change counts, read once a request (see change_counts.h).
** Reading them early is safe: what a thread reads after a count was read,
** and keeps under it, is at least as new as the count says, and is read
** again as soon as the count moves.
*/
#include "api/change_counts.h"

const ChangeCounts *req_change_counts(Request *req)
{
    if (store_in_transaction(req->store)) return NULL;
    if (!req->counts.read) {
        req->counts.read = true;
        req->counts.ok = store_change_counts(req->store, &req->counts.n) == STORE_OK;
    }
    return req->counts.ok ? &req->counts.n : NULL;
}
