/*
 * A growable byte buffer.
 *
 *     folio_buf b = FOLIO_BUF_INIT;
 *     folio_buf_puts(&b, "hello");
 *     folio_buf_printf(&b, " %d", 42);
 *     puts(b.ptr);
 *     folio_buf_dispose(&b);
 *
 * After FOLIO_BUF_INIT, ptr is never NULL and always NUL-terminated; the
 * content may itself hold NUL bytes (size counts them). folio_buf_detach()
 * is the only way to take the memory; the caller then frees it with free().
 */
#ifndef FOLIO_BUF_H
#define FOLIO_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
	char *ptr;
	size_t size;  /* bytes used, not counting the final NUL */
	size_t asize; /* bytes allocated; 0 while ptr is the shared empty string */
} folio_buf;

extern char folio_buf__empty[];
#define FOLIO_BUF_INIT { folio_buf__empty, 0, 0 }

void folio_buf_init(folio_buf *buf);
/* Free what buf holds and reset it to FOLIO_BUF_INIT. */
void folio_buf_dispose(folio_buf *buf);
/* Make room for at least extra more bytes. */
void folio_buf_grow(folio_buf *buf, size_t extra);
void folio_buf_put(folio_buf *buf, const void *data, size_t len);
void folio_buf_puts(folio_buf *buf, const char *s);
/* Inline: it is called per byte in the Markdown and JSON paths. */
static inline void folio_buf_putc(folio_buf *buf, char c)
{
	if (buf->size + 2 > buf->asize)
		folio_buf_grow(buf, 1);
	buf->ptr[buf->size++] = c;
	buf->ptr[buf->size] = '\0';
}
void folio_buf_printf(folio_buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void folio_buf_vprintf(folio_buf *buf, const char *fmt, va_list ap);
void folio_buf_clear(folio_buf *buf);
void folio_buf_truncate(folio_buf *buf, size_t len);
/* Append s with HTML escaping of & < > " '. */
void folio_buf_put_html(folio_buf *buf, const char *s, size_t len);
/* Append s made one line for a message that quotes user text: newlines,
 * tabs and control characters escaped, at most max_chars characters, then "...". */
void folio_buf_put_one_line(folio_buf *buf, const char *s, size_t max_chars);
/* Take the memory (caller frees with free()); buf is reset to empty. */
char *folio_buf_detach(folio_buf *buf, size_t *len_out);

#endif
