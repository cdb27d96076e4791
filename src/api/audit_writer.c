/*
** The audit writer of `shouhu serve` (see audit_writer.h): a bounded queue
** of entries, filled by the serving threads, emptied by one thread that
** writes whatever has gathered in one transaction. A batch gathers for up
** to GATHER_MS after the previous commit (wait_for_batch()), so that under
** load many reads share one commit and the serving threads' page caches last
** between commits; a read after a quiet spell is written at once.
**
** The writer's own commits do not checkpoint: a checkpoint writes and syncs
** the database file, which on a busy disk took up to a second, long enough
** to fill the queue and stall every request. A second thread, on its own
** connection, runs a passive checkpoint every CHECKPOINT_MS instead, beside
** the writer's commits (WAL lets them run at once).
**
** Memory: each queued entry is one malloc'd block (the entry and its
** strings), freed by the writer thread once its batch is committed.
*/
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "api/audit_writer.h"
#include "util/clock.h"

enum {
    QUEUE_CAP = 16384,    /* entries waiting at most (a second of reads, some 4 MB): then requests wait */
    RETRY_MS = 200,       /* after a failed commit, the same batch again */
    CHECKPOINT_MS = 250,  /* how often the checkpointer copies the WAL into the database */
    GATHER_MS = 50        /* a batch gathers at most this long after the last commit */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t has_work = PTHREAD_COND_INITIALIZER;    /* queue not empty, or stopping */
static pthread_cond_t has_room = PTHREAD_COND_INITIALIZER;    /* queue not full, or failing */
static pthread_cond_t committed = PTHREAD_COND_INITIALIZER;   /* n_committed grew, or failing */
static pthread_cond_t stop_ticking = PTHREAD_COND_INITIALIZER;   /* stopping: the checkpointer's */
/* What the writer does for a request: an audit entry, or the touch of a
   session's or a token's last use (a read's bookkeeping: if it waited for
   the write lock beside the writer's back-to-back commits, it waited seconds). */
typedef enum JobKind { JOB_AUDIT, JOB_TOUCH_TOKEN, JOB_TOUCH_SESSION } JobKind;
typedef struct Job {
    JobKind kind;
    AuditEntry e;          /* JOB_AUDIT: its strings follow the Job */
    long long token_id;    /* JOB_TOUCH_TOKEN */
    long long now;         /* the touches' time */
    char hash[80];         /* JOB_TOUCH_SESSION: the session's token hash */
} Job;

static Job *queue[QUEUE_CAP];
static int head, count;
static unsigned long long n_queued, n_committed;
static bool running, stopping, failing, checkpointing;
static StoreRc fail_rc;         /* while failing: why the last batch was not committed */
static int flushers;            /* threads in audit_writer_flush(): they do not wait for a batch to gather */
static Store *store, *checkpoint_store;
static pthread_t thread, checkpointer;

/* A job for a copy of E and its strings in one block, freed with free(); its time set now if unset. */
static Job *entry_copy(const AuditEntry *e)
{
    char now[26];
    const char *src[] = {e->at ? e->at : clock_now_iso(now), e->account, e->role, e->area,
                         e->address, e->action, e->records, e->detail};
    enum { N = sizeof src / sizeof *src };
    size_t len[N], total = sizeof(Job);
    for (int i = 0; i < N; i++) total += src[i] ? (len[i] = strlen(src[i]) + 1) : 0;
    Job *c = calloc(1, total);
    if (!c) abort();
    char *p = (char *)(c + 1);
    const char *dst[N];
    for (int i = 0; i < N; i++) {
        dst[i] = NULL;
        if (!src[i]) continue;
        memcpy(p, src[i], len[i]);
        dst[i] = p;
        p += len[i];
    }
    c->kind = JOB_AUDIT;
    c->e = (AuditEntry){.at = dst[0], .account = dst[1], .role = dst[2], .area = dst[3], .address = dst[4],
                      .action = dst[5], .records = dst[6], .success = e->success, .detail = dst[7]};
    return c;
}

static StoreRc run_job(const Job *j)
{
    switch (j->kind) {
    case JOB_AUDIT: return store_audit_append(store, &j->e);
    case JOB_TOUCH_TOKEN: return store_token_touch(store, j->token_id, j->now);
    case JOB_TOUCH_SESSION: return store_session_touch(store, j->hash, j->now);
    }
    return STORE_ERROR;
}

/* Runs the jobs of BATCH that are audit entries (ENTRIES), or the others,
   in one transaction. */
static StoreRc write_jobs(Job **batch, int n, bool entries)
{
    StoreRc r = store_begin(store);
    for (int i = 0; i < n && r == STORE_OK; i++)
        if ((batch[i]->kind == JOB_AUDIT) == entries) r = run_job(batch[i]);
    if (r == STORE_OK) return store_commit(store);
    store_rollback(store);
    return r;
}

/* Writes the N jobs of BATCH: the entries in one transaction of the audit
   trail's file, then the touches in one of the ledger's. One transaction
   across the two files would commit file by file, and the retry of a batch
   half committed could write its entries twice. *ENTRIES_DONE (false for a
   new batch) is set once the entries are committed. */
static StoreRc write_batch(Job **batch, int n, bool *entries_done)
{
    if (!*entries_done) {
        StoreRc r = write_jobs(batch, n, true);
        if (r != STORE_OK) return r;
        *entries_done = true;
    }
    return write_jobs(batch, n, false);
}

static void sleep_ms(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* ABS plus MS milliseconds, for pthread_cond_timedwait(). */
static struct timespec after_ms(struct timespec abs, long ms)
{
    abs.tv_nsec += ms * 1000000L;
    abs.tv_sec += abs.tv_nsec / 1000000000L;
    abs.tv_nsec %= 1000000000L;
    return abs;
}

/* With LOCK held: waits until there is work, then lets the batch gather
   until GATHER_MS after the last commit (LAST), unless someone waits for
   it, the queue is half full or the writer stops. Every commit makes the
   serving threads' connections drop their page caches at their next read
   (WAL), so commits back to back kept them reading from the file. */
static void wait_for_batch(struct timespec last)
{
    while (count == 0 && !stopping) pthread_cond_wait(&has_work, &lock);
    struct timespec until = after_ms(last, GATHER_MS);
    while (!stopping && flushers == 0 && count < QUEUE_CAP / 2 &&
           pthread_cond_timedwait(&has_work, &lock, &until) == 0) {}
}

static void *writer_main(void *arg)
{
    (void)arg;
    sigset_t all;   /* signals are the main thread's (server.c's sigwait) */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    static Job *batch[QUEUE_CAP];
    struct timespec last;
    clock_gettime(CLOCK_REALTIME, &last);
    pthread_mutex_lock(&lock);
    for (;;) {
        wait_for_batch(last);
        if (count == 0) break;   /* stopping, and all written */
        int n = count;
        for (int i = 0; i < n; i++) batch[i] = queue[(head + i) % QUEUE_CAP];
        pthread_mutex_unlock(&lock);

        bool entries_done = false;
        StoreRc r = write_batch(batch, n, &entries_done);
        clock_gettime(CLOCK_REALTIME, &last);
        for (int tries = 1; r != STORE_OK; tries++) {
            pthread_mutex_lock(&lock);
            if (!failing) fprintf(stderr, "shouhu serve: audit entries cannot be written (%s): reads answer 503 "
                                          "until they can\n", store_errmsg(store));
            failing = true;
            fail_rc = r;
            bool give_up = stopping && tries >= 5;
            pthread_cond_broadcast(&has_room);
            pthread_cond_broadcast(&committed);
            pthread_mutex_unlock(&lock);
            if (give_up) {
                fprintf(stderr, "shouhu serve: stopping: %d audit entries were not written\n", n);
                break;
            }
            sleep_ms(RETRY_MS);
            r = write_batch(batch, n, &entries_done);
        }
        for (int i = 0; i < n; i++) free(batch[i]);

        pthread_mutex_lock(&lock);
        if (failing && r == STORE_OK) fprintf(stderr, "shouhu serve: audit entries are written again\n");
        failing = r != STORE_OK;
        head = (head + n) % QUEUE_CAP;
        count -= n;
        n_committed += (unsigned long long)n;
        pthread_cond_broadcast(&has_room);
        pthread_cond_broadcast(&committed);
        if (r != STORE_OK) break;   /* only when stopping */
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

/* Until stopping: a passive checkpoint every CHECKPOINT_MS. */
static void *checkpointer_main(void *arg)
{
    (void)arg;
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    pthread_mutex_lock(&lock);
    while (!stopping) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        struct timespec until = after_ms(now, CHECKPOINT_MS);
        pthread_cond_timedwait(&stop_ticking, &lock, &until);
        if (stopping) break;
        pthread_mutex_unlock(&lock);
        store_checkpoint(checkpoint_store);   /* busy (another checkpoint runs) or failing: the next one tries again */
        pthread_mutex_lock(&lock);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

bool audit_writer_start(const char *db_path, char **err)
{
    if (store_open(db_path, STORE_OPEN_EXISTING, &store, err) != STORE_OK) return false;
    if (store_open(db_path, STORE_OPEN_EXISTING, &checkpoint_store, err) != STORE_OK) {
        store_close(store);
        return false;
    }
    store_autocheckpoint(store, false);
    store_cache_limit(store, 2048);   /* it appends: the tail of the audit table and its index */
    store_cache_limit(checkpoint_store, 1024);
    head = count = 0;
    n_queued = n_committed = 0;
    stopping = failing = false;
    if (pthread_create(&thread, NULL, writer_main, NULL) != 0) {
        store_close(store);
        store_close(checkpoint_store);
        *err = strdup("cannot start the audit writer's thread");
        return false;
    }
    checkpointing = pthread_create(&checkpointer, NULL, checkpointer_main, NULL) == 0;
    if (!checkpointing) store_autocheckpoint(store, true);   /* then the writer checkpoints, as before */
    running = true;
    return true;
}

bool audit_writer_running(void)
{
    pthread_mutex_lock(&lock);
    bool r = running && !stopping;
    pthread_mutex_unlock(&lock);
    return r;
}

/* Queues C (taking it), waiting while the queue is full; if it cannot be, C
   is freed and the reason returned. While the writer fails, C is refused,
   unless EVEN_FAILING (and there is room): the writer retries its batch. */
static StoreRc submit(Job *c, bool even_failing)
{
    pthread_mutex_lock(&lock);
    while (count == QUEUE_CAP && !failing && running && !stopping) pthread_cond_wait(&has_room, &lock);
    bool ok = running && !stopping && (!failing || even_failing) && count < QUEUE_CAP;
    StoreRc why = !running || stopping ? STORE_ERROR : failing ? fail_rc : STORE_OK;
    if (ok) {
        /* the writer is woken only when it waits for work (the queue was empty) or must stop
           gathering (half full); else it wakes at the batch's time: a wake-up per request was a
           context switch per request on a busy machine (issue #8, caller) */
        bool wake = count == 0 || count + 1 >= QUEUE_CAP / 2;
        queue[(head + count) % QUEUE_CAP] = c;
        count++;
        n_queued++;
        if (wake) pthread_cond_signal(&has_work);
    }
    pthread_mutex_unlock(&lock);
    if (!ok) free(c);
    return ok ? STORE_OK : why == STORE_OK ? STORE_BUSY : why;
}

StoreRc audit_writer_submit(const AuditEntry *e) { return submit(entry_copy(e), false); }

StoreRc audit_writer_keep(const AuditEntry *e) { return submit(entry_copy(e), true); }

bool audit_writer_touch_token(long long token_id, long long now)
{
    Job *j = calloc(1, sizeof *j);
    if (!j) abort();
    *j = (Job){.kind = JOB_TOUCH_TOKEN, .token_id = token_id, .now = now};
    return submit(j, false) == STORE_OK;
}

bool audit_writer_touch_session(const char *token_hash, long long now)
{
    if (strlen(token_hash) >= sizeof ((Job *)0)->hash) return false;
    Job *j = calloc(1, sizeof *j);
    if (!j) abort();
    *j = (Job){.kind = JOB_TOUCH_SESSION, .now = now};
    strcpy(j->hash, token_hash);
    return submit(j, false) == STORE_OK;
}

void audit_writer_flush(void)
{
    pthread_mutex_lock(&lock);
    unsigned long long target = n_queued;
    flushers++;
    pthread_cond_signal(&has_work);   /* a gathering batch is written now */
    while (running && n_committed < target && !failing) pthread_cond_wait(&committed, &lock);
    flushers--;
    pthread_mutex_unlock(&lock);
}

void audit_writer_stop(void)
{
    pthread_mutex_lock(&lock);
    if (!running) {
        pthread_mutex_unlock(&lock);
        return;
    }
    stopping = true;
    pthread_cond_signal(&has_work);
    pthread_cond_signal(&stop_ticking);
    pthread_cond_broadcast(&has_room);
    pthread_mutex_unlock(&lock);
    pthread_join(thread, NULL);
    if (checkpointing) pthread_join(checkpointer, NULL);
    pthread_mutex_lock(&lock);
    running = false;
    for (; count > 0; count--, head = (head + 1) % QUEUE_CAP) free(queue[head]);   /* only after a give-up */
    pthread_cond_broadcast(&committed);
    pthread_mutex_unlock(&lock);
    store_close(store);
    store_close(checkpoint_store);
    store = checkpoint_store = NULL;
}
