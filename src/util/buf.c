/*
 * folio_buf: invariant after every operation: ptr != NULL, ptr[size] == 0,
 * and asize == 0 exactly when ptr is the shared empty string.
 */
#include "folio/buf.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "banned.h"

char folio_buf__empty[1];

void folio_buf_init(folio_buf *buf)
{
	buf->ptr = folio_buf__empty;
	buf->size = 0;
	buf->asize = 0;
}

void folio_buf_dispose(folio_buf *buf)
{
	if (buf->asize)
		free(buf->ptr);
	folio_buf_init(buf);
}

void folio_buf_grow(folio_buf *buf, size_t extra)
{
	size_t need = buf->size + extra + 1;
	if (need < buf->size)
		abort(); /* overflow */
	if (need <= buf->asize)
		return;
	size_t n = buf->asize ? buf->asize : 64;
	while (n < need)
		n += n / 2 + 64;
	if (buf->asize) {
		buf->ptr = folio_xrealloc(buf->ptr, n);
	} else {
		buf->ptr = folio_xmalloc(n);
		buf->ptr[0] = '\0';
	}
	buf->asize = n;
}

void folio_buf_put(folio_buf *buf, const void *data, size_t len)
{
	if (!len)
		return;
	folio_buf_grow(buf, len);
	memmove(buf->ptr + buf->size, data, len);
	buf->size += len;
	buf->ptr[buf->size] = '\0';
}

void folio_buf_puts(folio_buf *buf, const char *s)
{
	folio_buf_put(buf, s, strlen(s));
}

void folio_buf_vprintf(folio_buf *buf, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	folio_buf_grow(buf, (size_t)n);
	vsnprintf(buf->ptr + buf->size, (size_t)n + 1, fmt, ap);
	buf->size += (size_t)n;
}

void folio_buf_printf(folio_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	folio_buf_vprintf(buf, fmt, ap);
	va_end(ap);
}

void folio_buf_clear(folio_buf *buf)
{
	folio_buf_truncate(buf, 0);
}

void folio_buf_truncate(folio_buf *buf, size_t len)
{
	if (len >= buf->size)
		return;
	buf->size = len;
	buf->ptr[len] = '\0'; /* asize > 0 here: size was > 0 */
}

void folio_buf_shrink(folio_buf *buf)
{
	if (!buf->asize || buf->asize <= buf->size + 1)
		return;
	buf->ptr = folio_xrealloc(buf->ptr, buf->size + 1);
	buf->asize = buf->size + 1;
}

void folio_buf_put_html(folio_buf *buf, const char *s, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		folio_buf_put(buf, s + start, i - start);
		folio_buf_puts(buf, rep);
		start = i + 1;
	}
	folio_buf_put(buf, s + start, len - start);
}

/* Whether code point cp, valid UTF-8, would act on a terminal or a log
 * viewer rather than show: C1 controls (U+009B is CSI, as ESC [ is, in
 * xterm; a branch name may hold it, git refuses only bytes below 0x20 and
 * 0x7f) and the line and paragraph separators, a new line to some viewers. */
static bool acting_code_point(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029;
}

void folio_buf_put_one_line(folio_buf *buf, const char *s, size_t max_chars)
{
	size_t chars = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		/* a run of printable ASCII is copied at once: every finding passes
		 * here, 2 million of them in a check of 20,000 small pages, and a
		 * byte at a time was a quarter of its CPU */
		size_t run = 0;
		while (i + run < len && chars + run < max_chars && (unsigned char)s[i + run] >= 0x20 &&
		       (unsigned char)s[i + run] < 0x7f)
			run++;
		folio_buf_put(buf, s + i, run);
		i += run;
		chars += run;
		if (i == len)
			return;
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		size_t n = folio_utf8_char(&cp, s + i, len - i);
		if (chars++ == max_chars) {
			folio_buf_puts(buf, "...");
			return;
		}
		if (c == '\n')
			folio_buf_puts(buf, "\\n");
		else if (c == '\t')
			folio_buf_puts(buf, "\\t");
		else if (n == 0 || c < 0x20 || c == 0x7f) /* a lone 0x9b is CSI to an 8-bit terminal */
			folio_buf_printf(buf, "\\x%02x", c);
		else if (acting_code_point(cp))
			folio_buf_printf(buf, "\\u%04x", cp);
		else
			folio_buf_put(buf, s + i, n);
		i += n ? n : 1;
	}
}

char *folio_buf_detach(folio_buf *buf, size_t *len_out)
{
	char *p;
	if (len_out)
		*len_out = buf->size;
	if (buf->asize)
		p = buf->ptr;
	else
		p = folio_xstrdup("");
	folio_buf_init(buf);
	return p;
}

size_t folio_utf8_char(unsigned *cp_out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp, min;
	size_t n;

	*cp_out = 0;
	if (p[0] < 0x80) {
		*cp_out = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0) {
		cp = p[0] & 0x1F, n = 2, min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		cp = p[0] & 0x0F, n = 3, min = 0x800;
	} else if ((p[0] & 0xF8) == 0xF0) {
		cp = p[0] & 0x07, n = 4, min = 0x10000;
	} else {
		return 0; /* a continuation byte, or 0xF8-0xFF */
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*cp_out = cp;
	return n;
}

/* Whether byte c, at a place where it is a character of its own, needs an
 * escape in a quoted name. */
static bool needs_escape(unsigned char c)
{
	return c < 0x20 || c == 0x7f || c == '"' || c == '\\';
}

static bool needs_quotes(const char *s, size_t len)
{
	unsigned cp;
	for (size_t i = 0; i < len;) {
		size_t n = folio_utf8_char(&cp, s + i, len - i);
		if (!n || (n == 1 && needs_escape((unsigned char)s[i])))
			return true;
		i += n;
	}
	return false;
}

void folio_buf_put_quoted(folio_buf *buf, const char *s, size_t len)
{
	static const char letters[] = "abtnvfr"; /* \a (7) to \r (13), as C and git write them */
	unsigned cp;

	if (!needs_quotes(s, len)) {
		folio_buf_put(buf, s, len);
		return;
	}
	folio_buf_putc(buf, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t n = folio_utf8_char(&cp, s + i, len - i);
		if (n > 1) {
			folio_buf_put(buf, s + i, n);
			i += n;
			continue;
		}
		if (c == '"' || c == '\\') {
			folio_buf_putc(buf, '\\');
			folio_buf_putc(buf, (char)c);
		} else if (c >= 7 && c <= 13) {
			folio_buf_putc(buf, '\\');
			folio_buf_putc(buf, letters[c - 7]);
		} else if (n == 0 || needs_escape(c)) {
			folio_buf_printf(buf, "\\%03o", c);
		} else {
			folio_buf_putc(buf, (char)c);
		}
		i++;
	}
	folio_buf_putc(buf, '"');
}
