/*
 * The TOML parser's lexical layer (see toml.c): positions in lines and
 * columns, the first error as a finding, the budgets, the text's UTF-8 and
 * control-character check, blanks, comments, line ends, and the four kinds
 * of strings with their escapes.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "model/toml_parser.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"
/* ---- positions and errors ---- */

mark folio_toml__here(parser *p)
{
	if (p->col_off < p->line_start || p->col_off > p->i) {
		p->col_off = p->line_start;
		p->col_chars = 0;
	}
	for (; p->col_off < p->i; p->col_off++)
		if (((unsigned char)p->s[p->col_off] & 0xC0) != 0x80)
			p->col_chars++;
	return (mark){ p->line + p->first_line, p->col_chars + 1 };
}

bool folio_toml__fail_at(parser *p, mark m, const char *hint, const char *fmt, ...)
{
	if (p->failed)
		return false;
	p->failed = true;
	folio_buf msg = FOLIO_BUF_INIT, clean = FOLIO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	folio_buf_vprintf(&msg, folio_i18n_finding(fmt), ap);
	va_end(ap);
	folio_buf_put_one_line(&clean, msg.ptr, MAX_MESSAGE);
	folio_diags_add(p->diags, p->rule, p->path, m.line, m.column, hint, "%s", clean.ptr);
	folio_buf_dispose(&clean);
	folio_buf_dispose(&msg);
	return false;
}

/* Text of s[i] for a message: the character, or a name for the invisible ones. */
static const char *what_is_here(parser *p, char *buf, size_t size)
{
	if (p->i >= p->len)
		return "the end of the front matter";
	unsigned char c = (unsigned char)p->s[p->i];
	if (c == '\n' || c == '\r')
		return "the end of the line";
	size_t n = 1;
	while (p->i + n < p->len && ((unsigned char)p->s[p->i + n] & 0xC0) == 0x80)
		n++;
	snprintf(buf, size, "\"%.*s\"", (int)n, p->s + p->i);
	return buf;
}

bool folio_toml__fail_expected(parser *p, const char *expected)
{
	char buf[16];
	return FAIL(p, NULL, "expected %s, found %s", expected, what_is_here(p, buf, sizeof(buf)));
}

/* Charge one node of n bytes of text to the budgets. */
bool folio_toml__charge(parser *p, size_t n, mark m)
{
	p->bytes += n;
	if (++p->nodes > FOLIO_TOML_MAX_NODES)
		return folio_toml__fail_at(p, m, NULL, "too many values (more than %d)", FOLIO_TOML_MAX_NODES);
	if (p->bytes > p->max_bytes) {
		p->rule = FOLIO_RULE_BUDGET_FRONT_MATTER;
		return folio_toml__fail_at(p, m, "use shorter values, or raise the front-matter limit",
		               "front matter reaches at least %zu bytes here, more than the "
		               "front-matter limit of %zu", p->bytes, p->max_bytes);
	}
	return true;
}

/* ---- the text: UTF-8 and control characters ---- */

/* Move to offset to (forward only), keeping the line count. */
static void seek(parser *p, size_t to)
{
	for (; p->i < to; p->i++)
		if (p->s[p->i] == '\n') {
			p->line++;
			p->line_start = p->i + 1;
		}
}

bool folio_toml__check_text(parser *p)
{
	const unsigned char *s = (const unsigned char *)p->s;
	for (size_t i = 0; i < p->len;) {
		unsigned char c = s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && !(c == '\r' && i + 1 < p->len && s[i + 1] == '\n')) ||
		    c == 0x7F) {
			seek(p, i);
			return FAIL(p, "remove it, or write it as an escape such as \\u0007 in a \"string\"",
			            "control character U+%04X is not allowed", c);
		}
		size_t n = folio_utf8_len(s + i, p->len - i);
		if (!n) {
			seek(p, i);
			return FAIL(p, "save the file as UTF-8", "invalid UTF-8 (byte 0x%02X)", c);
		}
		i += n;
	}
	return true;
}

void folio_toml__skip_blanks(parser *p)
{
	while (peek(p, 0) == ' ' || peek(p, 0) == '\t')
		p->i++;
}

static void skip_comment(parser *p)
{
	if (peek(p, 0) != '#')
		return;
	while (p->i < p->len && !at_newline(p))
		p->i++;
}

/* Blanks, comments and newlines (inside arrays, between lines). */
void folio_toml__skip_space(parser *p)
{
	for (;;) {
		folio_toml__skip_blanks(p);
		skip_comment(p);
		if (!at_newline(p))
			return;
		seek(p, p->i + (peek(p, 0) == '\r' ? 2 : 1));
	}
}

/* After a key/value pair or a header: blanks, a comment, then a newline or the end. */
bool folio_toml__end_of_line(parser *p)
{
	folio_toml__skip_blanks(p);
	skip_comment(p);
	if (p->i >= p->len)
		return true;
	if (!at_newline(p))
		return folio_toml__fail_expected(p, "the end of the line");
	seek(p, p->i + (peek(p, 0) == '\r' ? 2 : 1));
	return true;
}

/* ---- strings ---- */

static void put_utf8(folio_buf *out, uint32_t cp)
{
	if (cp < 0x80) {
		folio_buf_putc(out, (char)cp);
	} else if (cp < 0x800) {
		folio_buf_putc(out, (char)(0xC0 | (cp >> 6)));
		folio_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		folio_buf_putc(out, (char)(0xE0 | (cp >> 12)));
		folio_buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
		folio_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
	} else {
		folio_buf_putc(out, (char)(0xF0 | (cp >> 18)));
		folio_buf_putc(out, (char)(0x80 | ((cp >> 12) & 0x3F)));
		folio_buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
		folio_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
	}
}

/* \uXXXX or \UXXXXXXXX, at the 'u' or 'U'. */
static bool unicode_escape(parser *p, folio_buf *out, mark at)
{
	int digits = peek(p, 0) == 'u' ? 4 : 8;
	uint32_t cp = 0;
	for (int k = 1; k <= digits; k++) {
		int h = folio_hex_value(peek(p, (size_t)k));
		if (h < 0)
			return folio_toml__fail_at(p, at, "write \\u and 4 or \\U and 8 hexadecimal digits",
			               "\\%c escape needs %d hexadecimal digits", peek(p, 0), digits);
		cp = cp * 16 + (uint32_t)h;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return folio_toml__fail_at(p, at, "write the character itself, or its code point",
		               "escape \\%c%0*X is not a Unicode scalar value", peek(p, 0), digits,
		               (unsigned)cp);
	if (!cp) /* every reader of the value would stop there */
		return folio_toml__fail_at(p, at, "remove it", "a value holds a NUL character (\\u0000)");
	put_utf8(out, cp);
	p->i += (size_t)digits + 1;
	return true;
}

/* One escape, at the backslash, inside a basic string. */
static bool escape(parser *p, folio_buf *out, bool multiline)
{
	mark at = folio_toml__here(p);
	p->i++;
	int c = peek(p, 0);
	const char *simple = strchr("btnfr\"\\", c > 0 ? c : 'x');
	if (c > 0 && simple) {
		static const char map[] = "\b\t\n\f\r\"\\";
		folio_buf_putc(out, map[simple - "btnfr\"\\"]);
		p->i++;
		return true;
	}
	if (c == 'u' || c == 'U')
		return unicode_escape(p, out, at);
	if (multiline && (c == ' ' || c == '\t' || at_newline(p))) {
		/* line-ending backslash: trims the newline and blanks after it */
		folio_toml__skip_blanks(p);
		if (!at_newline(p))
			return folio_toml__fail_at(p, at, "end the line after the backslash, or write \\\\",
			               "a line-ending backslash must be the last thing on its line");
		while (peek(p, 0) == ' ' || peek(p, 0) == '\t' || at_newline(p))
			seek(p, p->i + (peek(p, 0) == '\r' ? 2 : 1));
		return true;
	}
	if (c > ' ' && c < 0x7F)
		return folio_toml__fail_at(p, at, "write \\\\ for a backslash", "invalid escape \"\\%c\"", c);
	return folio_toml__fail_at(p, at, "write \\\\ for a backslash", "invalid escape: a backslash before %s",
	               c < 0 ? "the end" : at_newline(p) ? "the end of the line" : "a space");
}

/*
 * A string at its opening quote; quote is '"' (basic) or '\'' (literal).
 * Multi-line forms may end with up to two quotes before the closing three.
 */
bool folio_toml__string(parser *p, folio_buf *out, bool allow_multiline)
{
	char q = p->s[p->i];
	mark open = folio_toml__here(p);
	bool multi = peek(p, 1) == q && peek(p, 2) == q;
	if (multi && !allow_multiline)
		return folio_toml__fail_at(p, open, "write the key on one line", "a key cannot be a multi-line string");
	p->i += multi ? 3 : 1;
	if (multi && at_newline(p)) /* a newline right after the opening is trimmed */
		seek(p, p->i + (peek(p, 0) == '\r' ? 2 : 1));
	for (;;) {
		if (p->i >= p->len)
			return folio_toml__fail_at(p, open, multi ? "close it with three quotes" : "close it on its line",
			               "string opened here is not closed");
		int c = peek(p, 0);
		if (c == q) {
			if (!multi) {
				p->i++;
				return true;
			}
			size_t n = 0;
			while (n < 5 && peek(p, n) == q)
				n++;
			if (n >= 3) {
				for (size_t k = 3; k < n; k++)
					folio_buf_putc(out, q);
				p->i += n;
				return true;
			}
			folio_buf_put(out, p->s + p->i, n);
			p->i += n;
			continue;
		}
		if (at_newline(p)) {
			if (!multi)
				return folio_toml__fail_at(p, open, "close it on its line, or use \"\"\" for several lines",
				               "string opened here is not closed on its line");
			folio_buf_putc(out, '\n'); /* CRLF in the file is "\n" in the value, as in YAML */
			seek(p, p->i + (c == '\r' ? 2 : 1));
			continue;
		}
		if (c == '\\' && q == '"') {
			if (!escape(p, out, multi))
				return false;
			continue;
		}
		folio_buf_putc(out, (char)c);
		p->i++;
	}
}

