/*
 * Run fn(i) for i in [0, n) on up to jobs threads (0: one per core).
 * Items are handed out one at a time from a shared counter, so uneven work
 * balances itself. fn must only touch item i's own data, or data that is
 * read-only for the duration.
 */
#ifndef FOLIO_UTIL_PARALLEL_H
#define FOLIO_UTIL_PARALLEL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

void folio_parallel_for(size_t n, int jobs, void (*fn)(size_t i, void *payload), void *payload);

/*
 * fn(arg) on a thread of its own while the caller goes on: a state commit's
 * fsync beside the rendering that waits for it. Joined once, by whichever
 * thread waits first; run at once on the caller's thread when here is true
 * (or no thread can start). A failure's message (errors are per thread)
 * is each waiter's folio_error_last().
 *
 *     folio_task t;
 *     folio_task_start(&t, commit_journal, p, false);
 *     ...                               // other work
 *     int rc = folio_task_wait(&t);     // fn's result, from any thread
 *     folio_task_dispose(&t);           // after the last wait
 */
typedef struct {
	pthread_t thread;
	pthread_mutex_t lock;
	atomic_bool done;
	bool running;
	int rc;
	char *error; /* fn's folio_error_last() when it failed */
	int (*fn)(void *arg);
	void *arg;
} folio_task;
void folio_task_start(folio_task *t, int (*fn)(void *arg), void *arg, bool here);
int folio_task_wait(folio_task *t);
void folio_task_dispose(folio_task *t);
/* Number of online cores (at least 1). */
int folio_cpu_count(void);

#endif
