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
/* Give back the memory past its bytes (after a truncate of much of it). */
void folio_buf_shrink(folio_buf *buf);
/* Append s with HTML escaping of & < > " '. */
void folio_buf_put_html(folio_buf *buf, const char *s, size_t len);
/* Append s made one line for a message that quotes user text: newlines,
 * tabs, control characters (C1 too) and bytes that are not UTF-8 escaped,
 * U+2028 and U+2029 too, at most max_chars characters, then "...". */
void folio_buf_put_one_line(folio_buf *buf, const char *s, size_t max_chars);
/*
 * Length (1 to 4) of the UTF-8 sequence at s, len bytes available, with its
 * code point in *cp_out; 0 when the bytes there are not valid UTF-8
 * (overlong forms, surrogates, code points above U+10FFFF, a sequence cut
 * short). len must be at least 1.
 */
size_t folio_utf8_char(unsigned *cp_out, const char *s, size_t len);
/*
 * Append the name s (len bytes) for a line of text output or a log line,
 * quoted as git quotes paths: unchanged when it holds no control character,
 * '"', '\\' or byte that is not UTF-8; otherwise in double quotes with C
 * escapes (\n, \t, \", \\, ...; other bytes as \ooo octal). UTF-8
 * text stays readable, and the result is always one line.
 */
void folio_buf_put_quoted(folio_buf *buf, const char *s, size_t len);
/* Take the memory (caller frees with free()); buf is reset to empty. */
char *folio_buf_detach(folio_buf *buf, size_t *len_out);

#endif
