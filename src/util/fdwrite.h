/*
 * Writing bytes into an open descriptor, shared by util/beneath.c and
 * util/fs.c (which sits above it) and the output's fillers: one write
 * loop, and the filler of a plain buffer for their *_with() writers.
 *
 *     folio_plain_bytes b = { data, len };
 *     folio_beneath_write_new_with(root, rel, folio_write_plain, &b);
 */
#ifndef FOLIO_UTIL_FDWRITE_H
#define FOLIO_UTIL_FDWRITE_H

#include <stddef.h>

/* Write all len bytes of data to fd, again after EINTR: 0, or -1 with errno. */
int folio_write_all(int fd, const void *data, size_t len);

/* A buffer for folio_write_plain (borrowed). */
typedef struct {
	const void *data;
	size_t len;
} folio_plain_bytes;

/* A filler (payload: a folio_plain_bytes) that writes the buffer whole. */
int folio_write_plain(int fd, void *payload);

#endif
