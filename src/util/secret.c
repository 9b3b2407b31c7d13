#include "secret.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "folio/common.h"
#include "banned.h"

/* The bytes of fd, up to EOF, into out without a reallocation that would
 * leave a copy behind; a file that grows meanwhile is read in full anyway. */
static int read_all(folio_buf *out, int fd, size_t hint, const char *path, const char *what)
{
	folio_buf_grow(out, hint + 1);
	for (;;) {
		if (out->size + 1 >= out->asize) { /* grew since fstat: move the bytes by hand */
			folio_buf bigger = FOLIO_BUF_INIT;
			folio_buf_grow(&bigger, out->asize * 2);
			folio_buf_put(&bigger, out->ptr, out->size);
			folio_secret_dispose(out);
			*out = bigger;
		}
		ssize_t n = read(fd, out->ptr + out->size, out->asize - out->size - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return folio_error_set("cannot read %s '%s': %s", what, path, strerror(errno));
		if (n == 0)
			return 0;
		out->size += (size_t)n;
		out->ptr[out->size] = '\0';
	}
}

int folio_secret_read(folio_buf *out, unsigned *mode, const char *path, const char *what)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int err = errno;
		folio_error_set("cannot read %s '%s': %s", what, path, strerror(err));
		return err == ENOENT ? FOLIO_ENOTFOUND : FOLIO_ERROR;
	}
	struct stat sb;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return folio_error_set("%s '%s' is not a regular file", what, path);
	}
	*mode = (unsigned)(sb.st_mode & 07777);
	int rc = read_all(out, fd, (size_t)sb.st_size, path, what);
	close(fd);
	return rc;
}

int folio_secret_read_private(folio_buf *out, const char *path, const char *what)
{
	unsigned mode = 0;
	int rc = folio_secret_read(out, &mode, path, what);
	if (rc == 0 && (mode & 077)) {
		folio_secret_dispose(out);
		folio_error_set("%s '%s' may be read by group or others (mode %04o); run 'chmod 600 %s'",
		                what, path, mode, path);
		return FOLIO_EINVALID;
	}
	return rc;
}

void folio_secret_trim(folio_buf *s)
{
	size_t start = 0, end = s->size;
	while (start < end && isspace((unsigned char)s->ptr[start]))
		start++;
	while (end > start && isspace((unsigned char)s->ptr[end - 1]))
		end--;
	if (!s->asize)
		return; /* the shared empty string */
	memmove(s->ptr, s->ptr + start, end - start);
	OPENSSL_cleanse(s->ptr + (end - start), s->size - (end - start));
	s->size = end - start;
	s->ptr[s->size] = '\0';
}

void folio_secret_dispose(folio_buf *b)
{
	if (b->asize)
		OPENSSL_cleanse(b->ptr, b->asize);
	folio_buf_dispose(b);
}
