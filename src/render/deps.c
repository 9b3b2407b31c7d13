/*
 * Dependency records, both ways (deps.h says the format and why its bytes
 * never change). Parsing borrows the line: no allocation, bounded by its
 * length, any bytes accepted.
 */
#include "render/deps.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "folio/site.h"
#include "util/alloc.h"
#include "util/hash.h"
#include "util/banned.h"

#define META_SUFFIX "#meta"
#define PLACED_PREFIX "file:"
#define MISSING_PREFIX "missing:"

void folio_dep_format(folio_buf *out, const folio_dep *d)
{
	switch (d->kind) {
	case FOLIO_DEP_PLACED:
		folio_buf_puts(out, PLACED_PREFIX);
		break;
	case FOLIO_DEP_MISSING:
		folio_buf_puts(out, MISSING_PREFIX);
		break;
	case FOLIO_DEP_INPUT:
	case FOLIO_DEP_META:
		break;
	}
	folio_buf_put(out, d->key, d->key_len);
	if (d->kind == FOLIO_DEP_META)
		folio_buf_puts(out, META_SUFFIX);
	if (d->kind == FOLIO_DEP_INPUT || d->kind == FOLIO_DEP_META) {
		folio_buf_putc(out, '=');
		folio_buf_put(out, d->value, d->value_len);
	}
	folio_buf_putc(out, '\n');
}

void folio_dep_put(folio_buf *out, folio_dep_kind kind, const char *key, const char *value)
{
	folio_dep d = { .kind = kind, .key = key, .key_len = strlen(key),
	                .value = value ? value : "", .value_len = value ? strlen(value) : 0 };
	folio_dep_format(out, &d);
}

void folio_dep_putf(folio_buf *out, folio_dep_kind kind, const char *key, const char *fmt, ...)
{
	folio_buf v = FOLIO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	folio_buf_vprintf(&v, fmt, ap);
	va_end(ap);
	folio_dep d = { .kind = kind, .key = key, .key_len = strlen(key),
	                .value = v.ptr, .value_len = v.size };
	folio_dep_format(out, &d);
	folio_buf_dispose(&v);
}

char *folio_dep_line(folio_dep_kind kind, const char *key, const char *value)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_dep_put(&b, kind, key, value);
	folio_buf_truncate(&b, b.size - 1); /* its newline */
	return folio_buf_detach(&b, NULL);
}

static bool starts(const char *line, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && !memcmp(line, prefix, n);
}

int folio_dep_parse(folio_dep *out, const char *line, size_t len)
{
	memset(out, 0, sizeof(*out));
	out->value = "";
	if (starts(line, len, PLACED_PREFIX) || starts(line, len, MISSING_PREFIX)) {
		size_t skip = starts(line, len, PLACED_PREFIX) ? strlen(PLACED_PREFIX) : strlen(MISSING_PREFIX);
		out->kind = skip == strlen(PLACED_PREFIX) ? FOLIO_DEP_PLACED : FOLIO_DEP_MISSING;
		out->key = line + skip;
		out->key_len = len - skip;
		return out->key_len ? 0 : -1;
	}
	const char *eq = memchr(line, '=', len);
	if (!eq || eq == line)
		return -1;
	out->kind = FOLIO_DEP_INPUT;
	out->key = line;
	out->key_len = (size_t)(eq - line);
	out->value = eq + 1;
	out->value_len = len - out->key_len - 1;
	size_t sl = strlen(META_SUFFIX);
	if (out->key_len > sl && !memcmp(eq - sl, META_SUFFIX, sl)) {
		out->kind = FOLIO_DEP_META;
		out->key_len -= sl;
	}
	return 0;
}

bool folio_deps_next(const char **cursor, const char **line, size_t *len)
{
	if (!*cursor || !**cursor)
		return false;
	*line = *cursor;
	*len = strcspn(*cursor, "\n");
	*cursor += *len + ((*cursor)[*len] == '\n');
	return true;
}

bool folio_dep_is(const folio_dep *d, folio_dep_kind kind, const char *key, const char *value)
{
	return d->kind == kind && d->key_len == strlen(key) && !memcmp(d->key, key, d->key_len) &&
	       (!value || (d->value_len == strlen(value) && !memcmp(d->value, value, d->value_len)));
}

static bool key_starts(const folio_dep *d, const char *prefix)
{
	size_t n = strlen(prefix);
	return d->key_len > n && !memcmp(d->key, prefix, n);
}

bool folio_dep_names_page(const folio_dep *d)
{
	return folio_site_page_ext(d->key, d->key_len) && !key_starts(d, "templates/") && !key_starts(d, "schemas/") && !key_starts(d, "static/");
}

void folio_dep_digest(folio_buf *out, const char *key, size_t count, const folio_buf *all)
{
	char digest[FOLIO_SHA256_HEX];
	folio_sha256_hex(digest, all->ptr ? all->ptr : "", all->size);
	folio_dep_putf(out, FOLIO_DEP_INPUT, key, "%zu %s", count, digest);
}
