#include "util/spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "folio/common.h"
#include "util/alloc.h"
#include "util/banned.h"

struct folio_spill {
	int fd;
	uint64_t cap;         /* bytes it may hold */
	_Atomic uint64_t end; /* appends reserve their range here, then pwrite it */
};

/* An unnamed file in dir (O_TMPFILE), or a named one unlinked at once
 * where the file system has no O_TMPFILE. -1 on failure, errno set. */
static int scratch_in(const char *dir)
{
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
	char *name = folio_xasprintf("%s/.folio-spill-XXXXXX", dir);
	fd = mkostemp(name, O_CLOEXEC);
	if (fd >= 0)
		unlink(name);
	free(name);
	return fd;
}

folio_spill *folio_spill_open(const char *dir, uint64_t cap)
{
	const char *tmp = getenv("TMPDIR");
	const char *dirs[] = { dir, tmp && *tmp ? tmp : "/tmp" }; /* a TMPDIR set is obeyed */
	int fd = -1, err = 0;
	const char *last = dirs[1];
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]) && fd < 0; i++) {
		if (!dirs[i])
			continue;
		fd = scratch_in(dirs[i]);
		if (fd < 0) {
			err = errno;
			last = dirs[i];
		}
	}
	if (fd < 0) {
		folio_error_set("cannot make a scratch file in '%s': %s", last, strerror(err));
		return NULL;
	}
	folio_spill *s = folio_xmalloc(sizeof(*s));
	s->fd = fd;
	s->cap = cap;
	atomic_init(&s->end, 0);
	return s;
}

void folio_spill_free(folio_spill *s)
{
	if (!s)
		return;
	close(s->fd);
	free(s);
}

bool folio_spill_put(folio_spill *s, const char *data, size_t len, uint64_t *at)
{
	uint64_t off = atomic_load(&s->end);
	do {
		if (len > s->cap || off > s->cap - len)
			return false; /* past the cap: nothing reserved */
	} while (!atomic_compare_exchange_weak(&s->end, &off, off + len));
	*at = off;
	for (size_t done = 0; done < len;) {
		ssize_t n = pwrite(s->fd, data + done, len - done, (off_t)(off + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false; /* the range stays a hole nobody reads */
		done += (size_t)n;
	}
	return true;
}

char *folio_spill_get(folio_spill *s, uint64_t at, size_t len)
{
	char *data = folio_xmalloc(len + 1);
	for (size_t done = 0; done < len;) {
		ssize_t n = pread(s->fd, data + done, len - done, (off_t)(at + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			folio_error_set("cannot read back the scratch file: %s",
			                n < 0 ? strerror(errno) : "it is shorter than written");
			free(data);
			return NULL;
		}
		done += (size_t)n;
	}
	data[len] = '\0';
	return data;
}

uint64_t folio_spill_size(const folio_spill *s)
{
	return atomic_load(&((folio_spill *)s)->end);
}
