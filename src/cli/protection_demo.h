/*
** The protection part of `shouhu demo` (issue #6): visits, reports and the
** cases they opened at every stage, referrals in every state, hotline calls.
** Run after the demo children are stored; it writes in a transaction of its own.
*/
#ifndef SHOUHU_PROTECTION_DEMO_H
#define SHOUHU_PROTECTION_DEMO_H

#include <stdbool.h>
#include <stdint.h>
#include "domain/date.h"
#include "store/store.h"

/* Adds the demo's protection work for SEED, dated before TODAY; prints a
   summary line (in Chinese when ZH). False (with a message) if it failed. */
bool protection_demo(Store *s, uint64_t seed, Date today, bool zh);

#endif
