/*
 * The bytes a sink keeps once written (output.h, folio__kept): shared by
 * the directory sink (build.c, writer.c) and the S3 one (remote.c), so
 * that neither calls into the other.
 */
#include "publish/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/fdwrite.h"
#include "util/banned.h"

void folio__keep_or_free(folio__kept *k, folio_output *o, size_t i)
{
	if (k && k->want && i < k->count && k->want[i] && !o->scratch) {
		/* each sink call has its own i: no two threads write one slot */
		k->data[i] = o->data;
		k->len[i] = o->len;
		o->data = NULL;
	} else {
		folio_output_release(o);
	}
}

void folio__kept_dispose(folio__kept *k)
{
	for (size_t i = 0; k->data && i < k->count; i++)
		free(k->data[i]);
	free(k->want);
	free(k->data);
	free(k->len);
	memset(k, 0, sizeof(*k));
}

static int write_chunk(const void *chunk, size_t len, void *payload)
{
	return folio_write_all(*(int *)payload, chunk, len) < 0 ? 1 : 0; /* 1: errno says why */
}

int folio__output_fill(int fd, void *o)
{
	int rc = folio_output_each(o, write_chunk, &fd);
	if (rc < 0)
		errno = EIO; /* the scratch file could not be read back */
	return rc ? -1 : 0;
}

static int digest_chunk(const void *chunk, size_t len, void *payload)
{
	folio_digest_add(payload, chunk, len);
	return 0;
}

static int output_digest(char *out, folio_digest *d, const folio_output *o)
{
	int rc = folio_output_each(o, digest_chunk, d);
	folio_digest_end(d, out);
	return rc;
}

int folio__output_sha256(char out[FOLIO_SHA256_HEX], const folio_output *o)
{
	if (!o->scratch) { /* the common case, at once */
		folio_sha256_hex(out, o->data, o->len);
		return 0;
	}
	return output_digest(out, folio_digest_sha256(), o);
}

int folio__output_md5(char out[FOLIO_MD5_HEX], const folio_output *o)
{
	if (!o->scratch) {
		folio_md5_hex(out, o->data, o->len);
		return 0;
	}
	return output_digest(out, folio_digest_md5(), o);
}
