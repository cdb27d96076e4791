/*
** Loading an area tree from the NBS-style CSV files of data/ (towns:
** code,name,kind with 9-digit codes; villages: code,name,town_code,kind with
** 12-digit codes; see data/README-areas.md). The city is made from the towns'
** common 6-digit prefix.
*/
#ifndef SHOUHU_AREAS_H
#define SHOUHU_AREAS_H

#include <stddef.h>
#include "store/store.h"

typedef struct AreaCounts {
    int towns, villages, marked;
} AreaCounts;

/* Loads (or updates) the tree into S, inside the caller's transaction. The
   texts are whole CSV files. On failure returns false with *ERR (caller frees). */
bool areas_load(Store *s, const char *towns_csv, size_t towns_len, const char *villages_csv, size_t villages_len,
                const char *city_name, int vintage, AreaCounts *counts, char **err);

#endif
