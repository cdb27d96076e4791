/*
** Whose turn it is (see rotation.h).
*/
#include <string.h>
#include "domain/rotation.h"

bool rotation_takes_turns(const char *kind)
{
    return kind && (strcmp(kind, "town") == 0 || strcmp(kind, "street") == 0);
}

int rotation_next(const RotationTown *towns, int n, const char *last_town)
{
    if (n <= 0) return -1;
    int last = -1;
    for (int i = 0; last_town && i < n; i++)
        if (strcmp(towns[i].code, last_town) == 0) last = i;
    int fewest = towns[0].settled;
    for (int i = 1; i < n; i++)
        if (towns[i].settled < fewest) fewest = towns[i].settled;
    for (int k = 1; k <= n; k++) { /* from the one after LAST, round the circle */
        int i = (last + k) % n;
        if (towns[i].settled == fewest) return i;
    }
    return 0; /* not reached: some town has the fewest */
}
