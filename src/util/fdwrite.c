#include "fdwrite.h"

#include <errno.h>
#include <unistd.h>

#include "banned.h"

int folio_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int folio_write_plain(int fd, void *payload)
{
	const folio_plain_bytes *b = payload;
	return folio_write_all(fd, b->data, b->len);
}
