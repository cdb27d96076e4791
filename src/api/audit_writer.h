/*
** The audit writer of `shouhu serve`: one thread that writes the audit
** entries of requests that change nothing (reads, refusals) in batches, one
** transaction and one fsync per batch instead of one per request.
**
** Why: with WAL and synchronous=FULL, a commit per read costs an fsync of
** the WAL and makes every other connection drop its page cache at its next
** read; under load that was most of a read's time (bench/README.md).
** Requests that write hand their entry to their own transaction, which
** writes it just after its commit (store_audit_add(), dispatch.c).
** The writer also does a read's other small write, the touch of a session's
** or a token's last use, so that reads never wait for the write lock.
**
** The rule that every access is recorded holds: an entry is queued before
** its answer is sent, the queue is bounded (a full queue makes requests wait,
** it never drops), a failing writer makes reads answer 503 as a failed
** synchronous write did, and the queue is written out when the server stops.
** The trade-off (docs/operations.md): a power cut or kill -9 can lose the
** entries of the last batch, a few milliseconds of reads.
*/
#ifndef SHOUHU_API_AUDIT_WRITER_H
#define SHOUHU_API_AUDIT_WRITER_H

#include <stdbool.h>
#include "store/store_accounts.h"

/* Opens its own connection to DB_PATH and starts the thread. False (with
   *ERR, freed by the caller) if the database cannot be opened. */
bool audit_writer_start(const char *db_path, char **err);
/* Whether the writer runs (between start and stop). */
bool audit_writer_running(void);
/* Queues a copy of E (its time set now when E->at is NULL); waits while the
   queue is full. STORE_OK, or why not: STORE_ERROR if the writer is not
   running, else the failure of its last batch (STORE_FULL on a full disk),
   which the caller answers as it would a failed write of its own. */
StoreRc audit_writer_submit(const AuditEntry *e);
/* Queues a copy of E even while the writer fails (it retries until written):
   for the entry of a change already committed, whose own write failed.
   STORE_ERROR when the writer does not run or its queue is full. */
StoreRc audit_writer_keep(const AuditEntry *e);
/* The bookkeeping of a read, done in the same batches: the time of a
   token's or a session's last use. False as for audit_writer_submit(). */
bool audit_writer_touch_token(long long token_id, long long now);
bool audit_writer_touch_session(const char *token_hash, long long now);
/* Waits until every entry queued before this call is committed (or the
   writer fails): so that whoever reads the trail sees their own requests. */
void audit_writer_flush(void);
/* Writes out what is queued, stops the thread and closes its connection. */
void audit_writer_stop(void);

#endif
