/*
 * Tree paths through folio_path_check and names through folio_buf_put_quoted.
 * Invariants: an accepted path, joined under a root and normalised as the
 * kernel would ("." and ".." resolved), names a file strictly under the
 * root, every name of it plain (no ".git" in any case, no control byte,
 * UTF-8, at most 255 bytes); a path is accepted exactly when each of its
 * names is; a quoted name is one line of printable text that unquotes to
 * the original bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "folio/path.h"

#define ROOT "/srv/out"

/* Normalise ROOT "/" path lexically, as the kernel resolves it: -1 when
 * it leaves ROOT at any step (even to come back) or names ROOT itself. */
static int under_root(const char *path, size_t len)
{
	const size_t root_depth = 2; /* "srv", "out" */
	size_t depth = root_depth;
	for (size_t i = 0; i <= len;) {
		const char *slash = memchr(path + i, '/', len - i);
		size_t j = slash ? (size_t)(slash - path) : len, n = j - i;
		if (n == 2 && path[i] == '.' && path[i + 1] == '.') {
			if (depth-- == root_depth)
				return -1;
		} else if (n && !(n == 1 && path[i] == '.')) {
			depth++;
		}
		i = j + 1;
	}
	return depth > root_depth ? 0 : -1;
}

static int is_dot_git_ci(const char *s, size_t n)
{
	return n == 4 && s[0] == '.' && (s[1] | 32) == 'g' && (s[2] | 32) == 'i' && (s[3] | 32) == 't';
}

static void check_accepted(const char *p, size_t len)
{
	if (under_root(p, len) < 0)
		abort();
	for (size_t i = 0; i <= len;) {
		size_t j = i;
		while (j < len && p[j] != '/')
			j++;
		if (j == i || j - i > FOLIO_PATH_MAX_NAME || is_dot_git_ci(p + i, j - i))
			abort();
		for (size_t k = i; k < j;) {
			unsigned char c = (unsigned char)p[k];
			unsigned cp;
			size_t n = folio_utf8_char(&cp, p + k, j - k);
			if (c < 0x20 || c == 0x7f || c == '\\' || !n)
				abort();
			k += n;
		}
		i = j + 1;
	}
}

/* Undo the quoting; the unquoted bytes in out. */
static void unquote(folio_buf *out, const char *q, size_t len)
{
	if (len < 2 || q[0] != '"' || q[len - 1] != '"') {
		folio_buf_put(out, q, len);
		return;
	}
	for (size_t i = 1; i < len - 1; i++) {
		if (q[i] != '\\') {
			folio_buf_putc(out, q[i]);
			continue;
		}
		char c = q[++i];
		const char *letters = "abtnvfr", *l = strchr(letters, c);
		if (c >= '0' && c <= '7') {
			int v = (c - '0') * 64 + (q[i + 1] - '0') * 8 + (q[i + 2] - '0');
			folio_buf_putc(out, (char)v);
			i += 2;
		} else if (l && c) {
			folio_buf_putc(out, (char)(7 + (l - letters)));
		} else {
			folio_buf_putc(out, c); /* \" and \\ */
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;

	/* a path is accepted exactly when each of its names is */
	const char *why = folio_path_check(p, size);
	int names_ok = size <= FOLIO_PATH_MAX;
	for (size_t i = 0; names_ok && i <= size;) {
		const char *slash = memchr(p + i, '/', size - i);
		size_t j = slash ? (size_t)(slash - p) : size;
		names_ok = !folio_path_check_name(p + i, j - i);
		i = j + 1;
	}
	if ((why == NULL) != names_ok)
		abort();
	if (!why)
		check_accepted(p, size);

	/* quoting: one printable line that unquotes to the bytes */
	folio_buf q = FOLIO_BUF_INIT, back = FOLIO_BUF_INIT;
	folio_buf_put_quoted(&q, p, size);
	for (size_t i = 0; i < q.size; i++)
		if ((unsigned char)q.ptr[i] < 0x20 || q.ptr[i] == 0x7f)
			abort();
	unquote(&back, q.ptr, q.size);
	if (back.size != size || memcmp(back.ptr, p, size))
		abort();
	folio_buf_dispose(&q);
	folio_buf_dispose(&back);
	return 0;
}
