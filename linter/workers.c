#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"
#include "workers.h"

struct workers {
	pthread_mutex_t lock;
	pthread_cond_t changed;      /* an item finished, or the caller moved on */
	work_fn fn;
	void *ctx;
	size_t n;
	size_t next;                 /* the next item a thread (or the caller) starts */
	size_t waited;               /* the item the caller waits for, or waited for last */
	size_t ahead;
	unsigned char *done;
	pthread_t *threads;
	int nr_threads;
};

/* Takes the next item to run, or returns 0 when none may start now and none will. */
static int take(struct workers *w, size_t *i, int caller)
{
	for (;;) {
		if (w->next >= w->n)
			return 0;
		if (caller || w->next < w->waited + w->ahead) {
			*i = w->next++;
			return 1;
		}
		pthread_cond_wait(&w->changed, &w->lock);
	}
}

static void run_one(struct workers *w, size_t i)
{
	pthread_mutex_unlock(&w->lock);
	w->fn(w->ctx, i);
	pthread_mutex_lock(&w->lock);
	w->done[i] = 1;
	pthread_cond_broadcast(&w->changed);
}

static void *thread_main(void *arg)
{
	struct workers *w = arg;
	size_t i;

	pthread_mutex_lock(&w->lock);
	while (take(w, &i, 0))
		run_one(w, i);
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Starts exactly `threads` threads (fewer if creating one fails). */
static struct workers *start(size_t n, int threads, size_t ahead, work_fn fn, void *ctx)
{
	struct workers *w = xcalloc(1, sizeof(*w));

	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->changed, NULL);
	w->fn = fn;
	w->ctx = ctx;
	w->n = n;
	w->ahead = ahead ? ahead : 1;
	w->done = xcalloc(n ? n : 1, 1);
	if (threads < 1 || n <= 1)
		return w;
	w->threads = xcalloc((size_t)threads, sizeof(*w->threads));
	for (int t = 0; t < threads && (size_t)t < n; t++) {
		if (pthread_create(&w->threads[w->nr_threads], NULL, thread_main, w))
			break;   /* fewer threads; the caller runs what is left */
		w->nr_threads++;
	}
	return w;
}

struct workers *workers_start(size_t n, int jobs, size_t ahead, work_fn fn, void *ctx)
{
	return start(n, jobs > 1 ? jobs : 0, ahead, fn, ctx);
}

void workers_wait(struct workers *w, size_t i)
{
	size_t j;

	if (i >= w->n)
		BUG("workers_wait: no such item");
	pthread_mutex_lock(&w->lock);
	if (i > w->waited) {
		w->waited = i;
		pthread_cond_broadcast(&w->changed);
	}
	/* without threads, or while the threads are busy elsewhere, run items here */
	while (!w->done[i]) {
		if (!w->nr_threads && take(w, &j, 1))
			run_one(w, j);
		else
			pthread_cond_wait(&w->changed, &w->lock);
	}
	pthread_mutex_unlock(&w->lock);
}

void workers_finish(struct workers *w)
{
	size_t j;

	pthread_mutex_lock(&w->lock);
	w->waited = w->n;        /* nothing holds the threads back any more */
	pthread_cond_broadcast(&w->changed);
	while (take(w, &j, 1))
		run_one(w, j);
	pthread_mutex_unlock(&w->lock);
	for (int t = 0; t < w->nr_threads; t++)
		pthread_join(w->threads[t], NULL);
	pthread_cond_destroy(&w->changed);
	pthread_mutex_destroy(&w->lock);
	free(w->threads);
	free(w->done);
	free(w);
}

/* The caller runs items too (in workers_finish), so it is one of the jobs. */
void workers_run(size_t n, int jobs, work_fn fn, void *ctx)
{
	workers_finish(start(n, jobs - 1, n, fn, ctx));
}

int workers_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}
