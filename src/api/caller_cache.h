/*
** Callers kept by a serving thread between requests (issue #8, caller):
** every request read its Bearer token's or session's row and its account's
** (~0.04 M instructions of a ~0.3 M record). A token or session and its
** account are kept only while the callers' change count
** (store_change_counts()) is the one they were read under, so a token
** revoked or expired early, a session ended (logout, a new password, idle),
** an account disabled, moved to another area or role, or deleted, by
** anyone, is seen by the next request. The uses (a token's last_used, a
** session's last_seen) move no count: the thread keeps its own, which may
** be older than the table's (another thread's use), never newer; a session
** that looks idle by it is read again before it is ended.
*/
#ifndef SHOUHU_API_CALLER_CACHE_H
#define SHOUHU_API_CALLER_CACHE_H

#include "auth/auth.h"
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

/* The session of the cookie COOKIE as store_session_get() would read it
   into *S (its csrf_token in REQ's arena), its hash into HASH and its
   account into *ACC, as caller_cache_token(). The caller checks idleness
   (reading the session again when it looks idle) and the account's state. */
StoreRc caller_cache_session(Request *req, const char *cookie, char hash[AUTH_HASH_HEX + 1], Session *s, Account *acc);

/* Notes in this thread's entry of the session HASH its LAST_SEEN (a touch
   queued, or the table read again). */
void caller_cache_session_seen(Request *req, const char *hash, long long last_seen);

/* Notes in this thread's entry of token TOKEN_ID that it was used at NOW
   (a touch was queued): the next touch is due from there. */
void caller_cache_touched(Request *req, long long token_id, long long now);

#endif
