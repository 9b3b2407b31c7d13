/*
 * The bytes a sink keeps once written (output.h, folio__kept): shared by
 * the directory sink (build.c, writer.c) and the S3 one (remote.c), so
 * that neither calls into the other.
 */
#include "publish/output.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

void folio__keep_or_free(folio__kept *k, folio_output *o, size_t i)
{
	if (k && k->want && i < k->count && k->want[i]) {
		/* each sink call has its own i: no two threads write one slot */
		k->data[i] = o->data;
		k->len[i] = o->len;
	} else {
		free(o->data);
	}
	o->data = NULL;
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
