#include <pthread.h>
#include <stdlib.h>

#include "unit.h"
#include "workers.h"

void suite_workers(void);

#define N 2000

struct squares {
	unsigned long out[N];
	int calls[N];
};

static void square(void *ctx, size_t i)
{
	struct squares *s = ctx;
	s->out[i] = (unsigned long)i * i;
	__atomic_add_fetch(&s->calls[i], 1, __ATOMIC_RELAXED);
}

/* Every item runs exactly once, whatever the number of jobs. */
static void test_run_all(void)
{
	static const int jobs[] = { 0, 1, 2, 3, 8 };
	for (size_t j = 0; j < sizeof(jobs) / sizeof(*jobs); j++) {
		struct squares *s = calloc(1, sizeof(*s));
		workers_run(N, jobs[j], square, s);
		size_t bad = 0;
		for (size_t i = 0; i < N; i++)
			bad += s->out[i] != (unsigned long)i * i || s->calls[i] != 1;
		CU_ASSERT_EQUAL(bad, 0);
		free(s);
	}
}

static void test_run_none(void)
{
	struct squares s = { { 0 }, { 0 } };
	workers_run(0, 4, square, &s);
	CU_ASSERT_EQUAL(s.calls[0], 0);
}

/* The window: while the caller waits for item i, no item past i + ahead - 1 starts. */
struct window {
	pthread_mutex_t lock;
	size_t waited, ahead, too_far, started;
};

static void note_start(void *ctx, size_t i)
{
	struct window *w = ctx;
	pthread_mutex_lock(&w->lock);
	w->too_far += i >= w->waited + w->ahead;
	w->started++;
	pthread_mutex_unlock(&w->lock);
}

static void test_window(void)
{
	static const int jobs[] = { 1, 2, 4 };
	for (size_t j = 0; j < sizeof(jobs) / sizeof(*jobs); j++) {
		struct window win = { PTHREAD_MUTEX_INITIALIZER, 0, 3, 0, 0 };
		struct workers *w = workers_start(200, jobs[j], win.ahead, note_start, &win);
		for (size_t i = 0; i < 200; i++) {
			pthread_mutex_lock(&win.lock);
			win.waited = i;
			pthread_mutex_unlock(&win.lock);
			workers_wait(w, i);
		}
		workers_finish(w);
		CU_ASSERT_EQUAL(win.too_far, 0);
		CU_ASSERT_EQUAL(win.started, 200);
	}
}

/* Finishing early runs what the caller never waited for. */
static void test_finish_early(void)
{
	struct squares *s = calloc(1, sizeof(*s));
	struct workers *w = workers_start(N, 2, 4, square, s);
	workers_wait(w, 10);
	workers_finish(w);
	size_t ran = 0;
	for (size_t i = 0; i < N; i++)
		ran += s->calls[i] == 1;
	CU_ASSERT_EQUAL(ran, N);
	free(s);
}

static void test_default_jobs(void)
{
	int n = workers_default_jobs();
	CU_ASSERT(n >= 1 && n <= 64);
}

void suite_workers(void)
{
	ADD_SUITE("workers",
		  { "every item once, any jobs", test_run_all },
		  { "no items", test_run_none },
		  { "bounded look-ahead", test_window },
		  { "finish before the end", test_finish_early },
		  { "default jobs", test_default_jobs });
}
