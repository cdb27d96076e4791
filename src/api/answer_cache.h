/*
** A serving thread's answers to repeated reads (issue #8, figure c): the
** JSON text and audit records of an answer, kept under a key that names
** everything the answer depends on besides the database, and served again
** only while the database is unchanged (store_generation()).
*/
#ifndef SHOUHU_API_ANSWER_CACHE_H
#define SHOUHU_API_ANSWER_CACHE_H

#include "http/request.h"
#include "store/store.h"

enum { ANSWER_CACHE_ENTRIES = 16, ANSWER_CACHE_MAX_BODY = 64 * 1024 };

/* Looks KEY up for REQ's thread: on a hit, puts the kept body (status 200)
   and audit records into REQ and returns true. Either way *GEN is the
   database's generation now, read before the caller computes its answer
   (others = -1 when it cannot be read: then nothing is kept). */
bool answer_cache_get(Request *req, const char *key, StoreGeneration *gen);
/* Keeps REQ's answer under KEY for GEN if it is a 200 with a JSON body of at
   most ANSWER_CACHE_MAX_BODY bytes (the oldest entry gives way). Copies what
   it keeps: REQ is untouched. Only the body and the audit records are kept:
   a handler that sets headers (an ETag...) must not use it. */
void answer_cache_put(Request *req, const char *key, const StoreGeneration *gen);

#endif
