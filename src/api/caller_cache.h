/*
** Bearer tokens kept by a serving thread between requests (issue #8,
** caller): every request read its token's row and its account's (~0.04 M
** instructions of a ~0.3 M record). A token and its account are kept only
** while the callers' change count (store_change_counts()) is the one they
** were read under, so a token revoked or expired early, or an account
** disabled, moved to another area or role, or deleted, by anyone, is seen
** by the next request. Sessions (the cookie) are not kept: their idle limit
** counts from a last_seen that other threads move.
*/
#ifndef SHOUHU_API_CALLER_CACHE_H
#define SHOUHU_API_CALLER_CACHE_H

#include "http/request.h"
#include "store/store_accounts.h"

enum { CALLER_CACHE_ENTRIES = 16 };

/* The row of the Bearer token TOKEN (its text as sent) into *T and its
   account into *ACC, as store_token_get() and store_account_by_id() would
   read them; their text is in REQ's arena (T->label is NULL). STORE_NOTFOUND
   when there is no such token or account (never kept). Inside a
   transaction, or when the count cannot be read, it reads and keeps nothing.
   The caller checks revocation, expiry and the account's state. */
StoreRc caller_cache_token(Request *req, const char *token, ApiToken *t, Account *acc);

/* Notes in this thread's entry of token TOKEN_ID that it was used at NOW
   (a touch was queued): the next touch is due from there. */
void caller_cache_touched(Request *req, long long token_id, long long now);

#endif
