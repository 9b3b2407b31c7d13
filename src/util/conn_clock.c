#include "util/conn_clock.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "util/banned.h"

/* When a connection's request began, and whether its headers have ended. */
typedef struct {
	long long started_ms; /* 0: no connection on this fd */
	bool headers_done;
} conn_clock;

struct folio_conn_clocks {
	pthread_mutex_t lock; /* the server's thread sets, the caller's sweeps */
	conn_clock *clocks;
	size_t n;
	int header_s, request_s;
};

size_t folio_conn_clocks_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 1024;
	return rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 1048576 ? 1048576 : (size_t)rl.rlim_cur;
}

folio_conn_clocks *folio_conn_clocks_new(int header_s, int request_s)
{
	size_t nfds = folio_conn_clocks_fd_limit();
	folio_conn_clocks *k = folio_xcalloc(1, sizeof(*k));
	pthread_mutex_init(&k->lock, NULL);
	k->clocks = folio_xcalloc(nfds ? nfds : 1, sizeof(*k->clocks));
	k->n = nfds;
	k->header_s = header_s;
	k->request_s = request_s;
	return k;
}

void folio_conn_clocks_free(folio_conn_clocks *k)
{
	if (!k)
		return;
	pthread_mutex_destroy(&k->lock);
	free(k->clocks);
	free(k);
}

static void set(folio_conn_clocks *k, int fd, bool only_open, long long started_ms, bool headers_done)
{
	if (!k || fd < 0 || (size_t)fd >= k->n)
		return;
	pthread_mutex_lock(&k->lock);
	conn_clock *c = &k->clocks[fd];
	if (!only_open || c->started_ms) {
		c->started_ms = started_ms;
		c->headers_done = headers_done;
	}
	pthread_mutex_unlock(&k->lock);
}

void folio_conn_clocks_connection(folio_conn_clocks *k, int fd, bool started)
{
	set(k, fd, false, started ? folio_clock_ms() : 0, false);
}

void folio_conn_clocks_headers_done(folio_conn_clocks *k, int fd)
{
	if (!k || fd < 0 || (size_t)fd >= k->n)
		return;
	pthread_mutex_lock(&k->lock);
	k->clocks[fd].headers_done = true;
	pthread_mutex_unlock(&k->lock);
}

void folio_conn_clocks_request_done(folio_conn_clocks *k, int fd)
{
	set(k, fd, true, folio_clock_ms(), false);
}

void folio_conn_clocks_sweep(folio_conn_clocks *k)
{
	long long now = folio_clock_ms();
	pthread_mutex_lock(&k->lock);
	for (size_t fd = 0; fd < k->n; fd++) {
		conn_clock *c = &k->clocks[fd];
		if (!c->started_ms)
			continue;
		long long age = now - c->started_ms;
		if ((!c->headers_done && age > k->header_s * 1000LL) || age > k->request_s * 1000LL) {
			shutdown((int)fd, SHUT_RDWR);
			c->started_ms = 0;
		}
	}
	pthread_mutex_unlock(&k->lock);
}
