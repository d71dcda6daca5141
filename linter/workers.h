#ifndef WORKERS_H
#define WORKERS_H

#include <stddef.h>

/*
 * A few threads for independent work items: the files of a snapshot,
 * the certificates of a big dump, the hosts of a fleet.  fn(ctx, i) is
 * called once for every i in 0..n-1, on some thread; item i must write
 * only its own result slot, so what the caller reads afterwards does not
 * depend on the order the items ran in (output is the same for any
 * --jobs).  With jobs <= 1 there are no threads: items run on the
 * caller's thread, in order, when it waits for them.
 */
typedef void (*work_fn)(void *ctx, size_t i);

struct workers;

/*
 * Starts running items in the background on up to jobs threads.  A
 * thread starts item i only while i < (the item the caller last waited
 * for) + ahead, which bounds how many finished results wait in memory.
 * When no thread can be created the items run as with jobs <= 1.
 */
struct workers *workers_start(size_t n, int jobs, size_t ahead, work_fn fn, void *ctx);

/* Returns when item i has run.  Call it with i = 0, 1, 2... in order. */
void workers_wait(struct workers *w, size_t i);

/* Runs what has not run yet, joins the threads and frees w. */
void workers_finish(struct workers *w);

/* Runs every item on up to jobs threads and returns when all have run. */
void workers_run(size_t n, int jobs, work_fn fn, void *ctx);

/* The default --jobs: the number of online processors, at least 1. */
int workers_default_jobs(void);

#endif
