/*
 * folio_buf: invariant after every operation: ptr != NULL, ptr[size] == 0,
 * and asize == 0 exactly when ptr is the shared empty string.
 */
#include "folio/buf.h"

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

void folio_buf_put_one_line(folio_buf *buf, const char *s, size_t max_chars)
{
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) != 0x80 && chars++ == max_chars) {
			folio_buf_puts(buf, "...");
			return;
		}
		if (*p == '\n')
			folio_buf_puts(buf, "\\n");
		else if (*p == '\t')
			folio_buf_puts(buf, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			folio_buf_printf(buf, "\\x%02x", *p);
		else
			folio_buf_putc(buf, (char)*p);
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
