/*
 * Deadlines for an HTTP server's connections (libmicrohttpd's own timeout
 * counts silence only, so a client trickling a header line every few
 * seconds kept a connection for ever, and enough of them shut every other
 * client out): a connection lives at most header_s seconds before its
 * headers end and request_s seconds per request in all. The server notes
 * each connection's start, its headers' end and its request's end by fd;
 * a sweep, once a second from a thread of the caller's, cuts those past
 * their deadline with shutdown(), so that the server sees the stream end
 * and closes the fd itself. Shared by folio receive and the daemon.
 */
#ifndef FOLIO_UTIL_CONN_CLOCK_H
#define FOLIO_UTIL_CONN_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct folio_conn_clocks folio_conn_clocks;

/* The soft open-file limit (at most 1,048,576; 1024 when unknown): every
 * fd is below it. */
size_t folio_conn_clocks_fd_limit(void);
/* Clocks for every fd below that limit, read now. Caller frees. */
folio_conn_clocks *folio_conn_clocks_new(int header_s, int request_s);
void folio_conn_clocks_free(folio_conn_clocks *k);
/* A connection on fd began (started) or ended (!started). */
void folio_conn_clocks_connection(folio_conn_clocks *k, int fd, bool started);
/* The headers of fd's request have ended. */
void folio_conn_clocks_headers_done(folio_conn_clocks *k, int fd);
/* fd's request has ended: a kept-alive connection starts its next one's clock. */
void folio_conn_clocks_request_done(folio_conn_clocks *k, int fd);
/* Cut the connections past their deadline; under the lock the end of a
 * connection takes before its fd is closed, so no reused fd is cut. */
void folio_conn_clocks_sweep(folio_conn_clocks *k);

#endif
