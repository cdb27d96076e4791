/*
** The web UI's files (built from web/ by Vite into build/web/ and compiled
** into the binary as "web/..."): every path outside /api/ is the UI's.
*/
#ifndef SHOUHU_WEB_H
#define SHOUHU_WEB_H

#include <stdbool.h>
#include "http/request.h"

/* Answers REQ when its path is the UI's (anything but /api/...) and returns
   true; returns false, answering nothing, for the API's paths. */
bool web_begin(Request *req);

#endif
