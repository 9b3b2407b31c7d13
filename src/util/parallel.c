#include "parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <unistd.h>

#include "alloc.h"
#include "folio/common.h"
#include "banned.h"

typedef struct {
	atomic_size_t next;
	size_t n;
	void (*fn)(size_t i, void *payload);
	void *payload;
} work;

static void *worker(void *arg)
{
	work *w = arg;
	size_t i;
	while ((i = atomic_fetch_add(&w->next, 1)) < w->n)
		w->fn(i, w->payload);
	return NULL;
}

int folio_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

void folio_parallel_for(size_t n, int jobs, void (*fn)(size_t i, void *payload), void *payload)
{
	work w = { .n = n, .fn = fn, .payload = payload };
	atomic_init(&w.next, 0);
	if (jobs <= 0)
		jobs = folio_cpu_count();
	if ((size_t)jobs > n)
		jobs = (int)n;
	if (jobs <= 1) {
		worker(&w);
		return;
	}
	pthread_t *threads = folio_xcalloc((size_t)jobs, sizeof(*threads));
	int started = 0;
	for (int t = 1; t < jobs; t++)
		if (pthread_create(&threads[t], NULL, worker, &w) == 0)
			started = t;
		else
			break;
	worker(&w); /* the calling thread works too; if a thread could not start, it does more */
	for (int t = 1; t <= started; t++)
		pthread_join(threads[t], NULL);
	free(threads);
}

static void *task_run(void *arg)
{
	folio_task *t = arg;
	t->rc = t->fn(t->arg);
	if (t->rc < 0)
		t->error = folio_xstrdup(folio_error_last());
	return NULL;
}

void folio_task_start(folio_task *t, int (*fn)(void *arg), void *arg, bool here)
{
	t->fn = fn;
	t->arg = arg;
	t->error = NULL;
	t->running = false;
	atomic_init(&t->done, false);
	pthread_mutex_init(&t->lock, NULL);
	if (!here && pthread_create(&t->thread, NULL, task_run, t) == 0) {
		t->running = true;
		return;
	}
	task_run(t);
	atomic_store(&t->done, true);
}

int folio_task_wait(folio_task *t)
{
	if (!atomic_load(&t->done)) {
		pthread_mutex_lock(&t->lock);
		if (t->running) {
			pthread_join(t->thread, NULL);
			t->running = false;
		}
		atomic_store(&t->done, true);
		pthread_mutex_unlock(&t->lock);
	}
	if (t->rc < 0 && t->error)
		folio_error_set("%s", t->error);
	return t->rc;
}

void folio_task_dispose(folio_task *t)
{
	folio_task_wait(t);
	pthread_mutex_destroy(&t->lock);
	free(t->error);
	t->error = NULL;
}
