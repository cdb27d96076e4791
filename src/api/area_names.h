/*
** Area names kept by a serving thread between requests (issue #8, page2):
** a list page names each item's village, and looking the villages up again
** on every page was ~0.10 M instructions of a 1.5 M page. The names are kept
** only while the area table's change count (the areas' of store_change_counts()) is the
** one they were read under, so a renamed area is seen by the next request.
** (The database's generation would not do: every audit batch moves it.)
*/
#ifndef SHOUHU_API_AREA_NAMES_H
#define SHOUHU_API_AREA_NAMES_H

#include "http/request.h"
#include "store/store.h"

enum { AREA_NAMES_KEPT = 2048, AREA_NAME_MAX = 128 };

/* The area table's change count for area_names_get(), read once a request
   before its reads; -1 when it cannot be read or REQ is inside a transaction
   (its changes may yet be rolled back): then nothing is kept. */
long long area_names_version(Request *req);
/* The name of area CODE as REQ's store holds it, NULL when there is no such
   area (or it cannot be read). VERSION is area_names_version()'s (-1: a
   plain look-up). The name is the thread's (or REQ's arena's): valid until
   the thread's next call with another version, i.e. for the rest of the request. */
const char *area_names_get(Request *req, long long version, const char *code);

#endif
