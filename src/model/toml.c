/*
 * TOML v1.0 front matter to a positioned jansson tree (include/folio/toml.h).
 *
 * A recursive-descent parser over the whole text. The text is checked for
 * UTF-8 and control characters first, so the grammar below sees only valid
 * characters and "\r" only before "\n". Recursion is bounded by
 * FOLIO_TOML_MAX_DEPTH (arrays and inline tables count on top of the table
 * they sit in), work by FOLIO_TOML_MAX_NODES and the byte budget.
 *
 * TOML's "defined once" rules need to know how each table came to be, so
 * every table (and every array of tables) has an info record, found by the
 * address of its jansson value:
 *   EXPLICIT  defined by a [header]: a second [header] is an error
 *   IMPLICIT  created as the parent in a [header]: one [header] may define it
 *   DOTTED    created by a dotted key: only more dotted keys of the same
 *             section extend it, never a [header]
 *   FROZEN    an inline table, closed once written
 *   TABLES    an array made by [[header]] (other arrays are static values)
 * The first error stops the parse; every function returns false then.
 */
#include "folio/toml.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "yaml_doc.h"
#include "util/alloc.h"
#include "util/banned.h"

#define MAX_MESSAGE 200
#define MAX_KEYS FOLIO_TOML_MAX_DEPTH

enum { EXPLICIT = 1, IMPLICIT = 2, DOTTED = 4, FROZEN = 8, TABLES = 16 };

typedef struct {
	unsigned line, column;
} mark;

typedef struct {
	unsigned flags;
	size_t pos;     /* its position record */
	unsigned depth; /* containers above it; the root is 0 */
} info;

typedef struct {
	char *text;     /* owned */
	size_t len;
	mark at;
} key_seg;

typedef struct {
	key_seg seg[MAX_KEYS];
	size_t n;
} key_path;

typedef struct {
	const char *s;
	size_t len, i;
	unsigned first_line;
	unsigned line;       /* 0-based line of s[i] */
	size_t line_start;   /* offset of that line's first byte */
	size_t col_off;      /* column cache: s[col_off] is at column col_chars (0-based) */
	unsigned col_chars;
	const char *path;
	folio_rule rule;
	folio_diags *diags;
	bool failed;
	folio_yaml_doc *doc;
	json_t *index;       /* "%p" of a table or array of tables -> index into infos */
	info *infos;
	size_t ninfos, ainfos;
	size_t nodes, bytes, max_bytes;
} parser;

/* ---- positions and errors ---- */

static mark here(parser *p)
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

static bool fail_at(parser *p, mark m, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static bool fail_at(parser *p, mark m, const char *hint, const char *fmt, ...)
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

#define FAIL(p, hint, ...) fail_at((p), here(p), (hint), __VA_ARGS__)

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

static bool fail_expected(parser *p, const char *expected)
{
	char buf[16];
	return FAIL(p, NULL, "expected %s, found %s", expected, what_is_here(p, buf, sizeof(buf)));
}

/* Charge one node of n bytes of text to the budgets. */
static bool charge(parser *p, size_t n, mark m)
{
	p->bytes += n;
	if (++p->nodes > FOLIO_TOML_MAX_NODES)
		return fail_at(p, m, NULL, "too many values (more than %d)", FOLIO_TOML_MAX_NODES);
	if (p->bytes > p->max_bytes) {
		p->rule = FOLIO_RULE_BUDGET_FRONT_MATTER;
		return fail_at(p, m, "use shorter values, or raise the front-matter limit",
		               "front matter reaches at least %zu bytes here, more than the "
		               "front-matter limit of %zu", p->bytes, p->max_bytes);
	}
	return true;
}

/* ---- the text: UTF-8 and control characters ---- */

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (n < need + 1 || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k <= need; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	return need + 1;
}

/* Move to offset to (forward only), keeping the line count. */
static void seek(parser *p, size_t to)
{
	for (; p->i < to; p->i++)
		if (p->s[p->i] == '\n') {
			p->line++;
			p->line_start = p->i + 1;
		}
}

static bool check_text(parser *p)
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
		size_t n = utf8_len(s + i, p->len - i);
		if (!n) {
			seek(p, i);
			return FAIL(p, "save the file as UTF-8", "invalid UTF-8 (byte 0x%02X)", c);
		}
		i += n;
	}
	return true;
}

/* ---- characters ---- */

static int peek(const parser *p, size_t ahead)
{
	return p->i + ahead < p->len ? (unsigned char)p->s[p->i + ahead] : -1;
}

static bool at_newline(const parser *p)
{
	return peek(p, 0) == '\n' || (peek(p, 0) == '\r' && peek(p, 1) == '\n');
}

static void skip_blanks(parser *p)
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
static void skip_space(parser *p)
{
	for (;;) {
		skip_blanks(p);
		skip_comment(p);
		if (!at_newline(p))
			return;
		seek(p, p->i + (peek(p, 0) == '\r' ? 2 : 1));
	}
}

/* After a key/value pair or a header: blanks, a comment, then a newline or the end. */
static bool end_of_line(parser *p)
{
	skip_blanks(p);
	skip_comment(p);
	if (p->i >= p->len)
		return true;
	if (!at_newline(p))
		return fail_expected(p, "the end of the line");
	seek(p, p->i + (peek(p, 0) == '\r' ? 2 : 1));
	return true;
}

static bool is_bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
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
		int h = hex_value(peek(p, (size_t)k));
		if (h < 0)
			return fail_at(p, at, "write \\u and 4 or \\U and 8 hexadecimal digits",
			               "\\%c escape needs %d hexadecimal digits", peek(p, 0), digits);
		cp = cp * 16 + (uint32_t)h;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return fail_at(p, at, "write the character itself, or its code point",
		               "escape \\%c%0*X is not a Unicode scalar value", peek(p, 0), digits,
		               (unsigned)cp);
	put_utf8(out, cp);
	p->i += (size_t)digits + 1;
	return true;
}

/* One escape, at the backslash, inside a basic string. */
static bool escape(parser *p, folio_buf *out, bool multiline)
{
	mark at = here(p);
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
		skip_blanks(p);
		if (!at_newline(p))
			return fail_at(p, at, "end the line after the backslash, or write \\\\",
			               "a line-ending backslash must be the last thing on its line");
		while (peek(p, 0) == ' ' || peek(p, 0) == '\t' || at_newline(p))
			seek(p, p->i + (peek(p, 0) == '\r' ? 2 : 1));
		return true;
	}
	if (c > ' ' && c < 0x7F)
		return fail_at(p, at, "write \\\\ for a backslash", "invalid escape \"\\%c\"", c);
	return fail_at(p, at, "write \\\\ for a backslash", "invalid escape: a backslash before %s",
	               c < 0 ? "the end" : at_newline(p) ? "the end of the line" : "a space");
}

/*
 * A string at its opening quote; quote is '"' (basic) or '\'' (literal).
 * Multi-line forms may end with up to two quotes before the closing three.
 */
static bool string(parser *p, folio_buf *out, bool allow_multiline)
{
	char q = p->s[p->i];
	mark open = here(p);
	bool multi = peek(p, 1) == q && peek(p, 2) == q;
	if (multi && !allow_multiline)
		return fail_at(p, open, "write the key on one line", "a key cannot be a multi-line string");
	p->i += multi ? 3 : 1;
	if (multi && at_newline(p)) /* a newline right after the opening is trimmed */
		seek(p, p->i + (peek(p, 0) == '\r' ? 2 : 1));
	for (;;) {
		if (p->i >= p->len)
			return fail_at(p, open, multi ? "close it with three quotes" : "close it on its line",
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
				return fail_at(p, open, "close it on its line, or use \"\"\" for several lines",
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

/* ---- keys ---- */

static void key_path_dispose(key_path *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->seg[i].text);
	k->n = 0;
}

/* A simple or dotted key, blanks around the dots allowed. */
static bool parse_key(parser *p, key_path *k)
{
	for (;;) {
		if (k->n == MAX_KEYS)
			return FAIL(p, NULL, "key has more than %d parts", MAX_KEYS);
		key_seg *seg = &k->seg[k->n];
		seg->at = here(p);
		folio_buf b = FOLIO_BUF_INIT;
		int c = peek(p, 0);
		if (c == '"' || c == '\'') {
			if (!string(p, &b, false)) {
				folio_buf_dispose(&b);
				return false;
			}
		} else if (is_bare(c)) {
			size_t start = p->i;
			while (is_bare(peek(p, 0)))
				p->i++;
			folio_buf_put(&b, p->s + start, p->i - start);
		} else {
			folio_buf_dispose(&b);
			return fail_expected(p, "a key (letters, digits, \"_\", \"-\" or a quoted name)");
		}
		seg->len = b.size;
		seg->text = folio_buf_detach(&b, NULL);
		k->n++;
		if (!charge(p, seg->len, seg->at))
			return false;
		skip_blanks(p);
		if (peek(p, 0) != '.')
			return true;
		p->i++;
		skip_blanks(p);
	}
}

/* "a.b.c" for messages: parts [0, n) of k. */
static char *key_name(const key_path *k, size_t n)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			folio_buf_putc(&b, '.');
		bool bare = k->seg[i].len > 0;
		for (size_t j = 0; j < k->seg[i].len; j++)
			bare &= is_bare((unsigned char)k->seg[i].text[j]);
		if (bare) {
			folio_buf_put(&b, k->seg[i].text, k->seg[i].len);
		} else {
			folio_buf_putc(&b, '\'');
			folio_buf_put(&b, k->seg[i].text, k->seg[i].len);
			folio_buf_putc(&b, '\'');
		}
	}
	return folio_buf_detach(&b, NULL);
}

/* ---- tables ---- */

static info *info_of(parser *p, const json_t *v)
{
	char name[32];
	snprintf(name, sizeof(name), "%p", (const void *)v);
	json_t *idx = json_object_get(p->index, name);
	return idx ? &p->infos[json_integer_value(idx)] : NULL;
}

static info *add_info(parser *p, const json_t *v, unsigned flags, size_t pos, unsigned depth)
{
	char name[32];
	snprintf(name, sizeof(name), "%p", (const void *)v);
	FOLIO_ARRAY_GROW(p->infos, p->ninfos, p->ainfos, p->ninfos + 1);
	p->infos[p->ninfos] = (info){ flags, pos, depth };
	json_object_set_new(p->index, name, json_integer((json_int_t)p->ninfos));
	return &p->infos[p->ninfos++];
}

static bool deep_enough(parser *p, unsigned depth, mark at)
{
	if (depth <= FOLIO_TOML_MAX_DEPTH)
		return true;
	return fail_at(p, at, NULL, "nesting deeper than %d levels", FOLIO_TOML_MAX_DEPTH);
}

/* A new table as member seg of parent (at seg's position); returns it, borrowed. */
static json_t *new_table(parser *p, json_t *parent, const key_seg *seg, unsigned flags, mark at)
{
	info pi = *info_of(p, parent);
	if (!deep_enough(p, pi.depth + 1, seg->at) || !charge(p, 0, seg->at))
		return NULL;
	json_t *t = json_object();
	size_t pos = folio_yaml__pos_add(p->doc, at.line, at.column, 'o');
	json_object_setn_new(parent, seg->text, seg->len, t);
	folio_yaml__pos_link(p->doc, pi.pos, seg->text, seg->len, pos, seg->at.line, seg->at.column);
	add_info(p, t, flags, pos, pi.depth + 1);
	return t;
}

/* ---- values ---- */

static bool value(parser *p, json_t **out, size_t *pos_out, unsigned depth);

static bool is_date_at(const char *s, size_t len)
{
	return len >= 10 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
	       s[4] == '-' && is_digit(s[5]) && is_digit(s[6]) && s[7] == '-' && is_digit(s[8]) &&
	       is_digit(s[9]);
}

static bool is_time_at(const char *s, size_t len)
{
	return len >= 8 && is_digit(s[0]) && is_digit(s[1]) && s[2] == ':' && is_digit(s[3]) &&
	       is_digit(s[4]) && s[5] == ':' && is_digit(s[6]) && is_digit(s[7]);
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static bool valid_date(const char *s)
{
	int y = two(s) * 100 + two(s + 2), m = two(s + 5), d = two(s + 8);
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

/*
 * A date, time or date-time token as an ISO 8601 string: "T" between date
 * and time, "Z" for UTC. NULL when the token is not one.
 */
static json_t *datetime(const char *s, size_t len)
{
	folio_buf b = FOLIO_BUF_INIT;
	size_t i = 0;
	json_t *v = NULL;
	bool date = is_date_at(s, len);
	if (date) {
		if (!valid_date(s))
			goto done;
		folio_buf_put(&b, s, 10);
		i = 10;
		if (i == len)
			goto ok;
		if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
			goto done;
		folio_buf_putc(&b, 'T');
		i++;
	}
	if (!is_time_at(s + i, len - i) || two(s + i) > 23 || two(s + i + 3) > 59 ||
	    two(s + i + 6) > 60)
		goto done;
	folio_buf_put(&b, s + i, 8);
	i += 8;
	if (i < len && s[i] == '.') {
		size_t j = i + 1;
		while (j < len && is_digit(s[j]))
			j++;
		if (j == i + 1)
			goto done;
		folio_buf_put(&b, s + i, j - i);
		i = j;
	}
	if (i < len && date) {
		if (s[i] == 'Z' || s[i] == 'z') {
			folio_buf_putc(&b, 'Z');
			i++;
		} else if ((s[i] == '+' || s[i] == '-') && len - i == 6 && is_digit(s[i + 1]) &&
		           is_digit(s[i + 2]) && s[i + 3] == ':' && is_digit(s[i + 4]) &&
		           is_digit(s[i + 5]) && two(s + i + 1) <= 23 && two(s + i + 4) <= 59) {
			folio_buf_put(&b, s + i, 6);
			i += 6;
		}
	}
	if (i != len)
		goto done;
ok:
	v = json_stringn(b.ptr, b.size);
done:
	folio_buf_dispose(&b);
	return v;
}

/* Digits of base with single underscores between digits; appends them to out. */
static bool digits(const char *s, size_t len, size_t *i, int base, folio_buf *out)
{
	size_t start = *i;
	bool prev_digit = false;
	for (; *i < len; (*i)++) {
		int c = (unsigned char)s[*i];
		int h = hex_value(c);
		if (c == '_') {
			if (!prev_digit || *i + 1 >= len || hex_value((unsigned char)s[*i + 1]) < 0 ||
			    hex_value((unsigned char)s[*i + 1]) >= base)
				return false;
			prev_digit = false;
			continue;
		}
		if (h < 0 || h >= base)
			break;
		folio_buf_putc(out, (char)c);
		prev_digit = true;
	}
	return *i > start;
}

/* strtod in the C locale: TOML's decimal point is "." whatever LC_NUMERIC says. */
static double c_strtod(const char *s)
{
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c == (locale_t)0)
		return strtod(s, NULL);
	double d = strtod_l(s, NULL, c);
	freelocale(c);
	return d;
}

/* An integer or float token; NULL (and a finding) when it is neither. */
static json_t *number(parser *p, const char *s, size_t len, mark at)
{
	folio_buf b = FOLIO_BUF_INIT;
	json_t *v = NULL;
	size_t i = 0;
	bool sign = len && (s[0] == '+' || s[0] == '-');
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		i = 2;
		if (!digits(s, len, &i, base, &b) || i != len)
			goto bad;
		unsigned long long n = 0;
		for (size_t k = 0; k < b.size; k++) {
			unsigned d = (unsigned)hex_value((unsigned char)b.ptr[k]);
			if (n > ((unsigned long long)INT64_MAX - d) / (unsigned)base) {
				fail_at(p, at, "use a float, or a string", "integer \"%.*s\" does not fit in 64 bits",
				        (int)len, s);
				goto done;
			}
			n = n * (unsigned)base + d;
		}
		v = json_integer((json_int_t)n);
		goto done;
	}
	if (sign)
		folio_buf_putc(&b, s[i++]);
	size_t int_start = i;
	if (!digits(s, len, &i, 10, &b))
		goto bad;
	if (s[int_start] == '0' && i - int_start > 1) {
		fail_at(p, at, "remove the leading zeros (0o17 is octal)",
		        "leading zeros are not allowed in \"%.*s\"", (int)len, s);
		goto done;
	}
	bool is_float = false;
	if (i < len && s[i] == '.') {
		folio_buf_putc(&b, s[i++]);
		if (i >= len || !is_digit(s[i]) || !digits(s, len, &i, 10, &b))
			goto bad;
		is_float = true;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		folio_buf_putc(&b, s[i++]);
		if (i < len && (s[i] == '+' || s[i] == '-'))
			folio_buf_putc(&b, s[i++]);
		if (i >= len || !is_digit(s[i]) || !digits(s, len, &i, 10, &b))
			goto bad;
		is_float = true;
	}
	if (i != len)
		goto bad;
	if (is_float) {
		double d = c_strtod(b.ptr);
		/* beyond double: the text, as YAML keeps what JSON cannot hold */
		v = isfinite(d) ? json_real(d) : json_stringn(s, len);
		goto done;
	}
	errno = 0;
	long long n = strtoll(b.ptr, NULL, 10);
	if (errno == ERANGE) {
		fail_at(p, at, "use a float, or a string", "integer \"%.*s\" does not fit in 64 bits",
		        (int)len, s);
		goto done;
	}
	v = json_integer(n);
	goto done;
bad:
	fail_at(p, at, "quote text; numbers are 42, -1_000, 0x2A, 3.14, 1e6; dates 2024-05-01",
	        "invalid value \"%.*s\"", (int)len, s);
done:
	folio_buf_dispose(&b);
	return v;
}

static bool is_token_char(int c)
{
	return is_bare(c) || c == '+' || c == '.' || c == ':';
}

/* A bare value: boolean, number, inf/nan, date or time. */
static json_t *bare_value(parser *p, mark at)
{
	size_t start = p->i;
	while (is_token_char(peek(p, 0)))
		p->i++;
	/* a date-time may separate date and time with one space */
	if (p->i - start == 10 && is_date_at(p->s + start, 10) && peek(p, 0) == ' ' &&
	    p->i + 9 <= p->len && is_time_at(p->s + p->i + 1, 8)) {
		p->i++;
		while (is_token_char(peek(p, 0)))
			p->i++;
	}
	const char *s = p->s + start;
	size_t len = p->i - start;
	if (!len) {
		fail_expected(p, "a value");
		return NULL;
	}
	if (!charge(p, len, at))
		return NULL;
	if (len == 4 && !memcmp(s, "true", 4))
		return json_true();
	if (len == 5 && !memcmp(s, "false", 5))
		return json_false();
	const char *word = s + (s[0] == '+' || s[0] == '-');
	size_t wlen = len - (size_t)(word - s);
	if (wlen == 3 && (!memcmp(word, "inf", 3) || !memcmp(word, "nan", 3)))
		return json_stringn(s, len); /* JSON has no inf or nan: the text, as YAML's .inf */
	if (memchr(s, ':', len) || is_date_at(s, len)) {
		json_t *v = datetime(s, len);
		if (!v)
			fail_at(p, at, "write 1979-05-27, 07:32:00, 1979-05-27T07:32:00 or "
			               "1979-05-27T07:32:00Z (or +02:00)",
			        "invalid date or time \"%.*s\"", (int)len, s);
		return v;
	}
	return number(p, s, len, at);
}

static bool array(parser *p, json_t **out, size_t *pos_out, unsigned depth)
{
	mark at = here(p);
	if (!deep_enough(p, depth + 1, at) || !charge(p, 0, at))
		return false;
	json_t *a = json_array();
	size_t pos = folio_yaml__pos_add(p->doc, at.line, at.column, 'a');
	p->i++;
	for (;;) {
		skip_space(p);
		if (peek(p, 0) == ']')
			break;
		json_t *v;
		size_t vpos;
		if (!value(p, &v, &vpos, depth + 1)) {
			json_decref(a);
			return false;
		}
		json_array_append_new(a, v);
		folio_yaml__pos_link(p->doc, pos, NULL, 0, vpos, 0, 0);
		skip_space(p);
		if (peek(p, 0) == ',') {
			p->i++;
			continue;
		}
		if (peek(p, 0) != ']') {
			json_decref(a);
			return fail_expected(p, "\",\" or \"]\"");
		}
		break;
	}
	p->i++;
	*out = a;
	*pos_out = pos;
	return true;
}

static bool key_value(parser *p, json_t *table);

static bool inline_table(parser *p, json_t **out, size_t *pos_out, unsigned depth)
{
	mark at = here(p);
	if (!deep_enough(p, depth + 1, at) || !charge(p, 0, at))
		return false;
	json_t *t = json_object();
	size_t pos = folio_yaml__pos_add(p->doc, at.line, at.column, 'o');
	info *in = add_info(p, t, DOTTED, pos, depth + 1);
	size_t self = (size_t)(in - p->infos);
	p->i++;
	skip_blanks(p);
	if (peek(p, 0) != '}') {
		for (;;) {
			if (!key_value(p, t)) {
				json_decref(t);
				return false;
			}
			skip_blanks(p);
			if (peek(p, 0) == '}')
				break;
			if (peek(p, 0) != ',') {
				json_decref(t);
				return fail_expected(p, at_newline(p) ? "\"}\" on the same line" : "\",\" or \"}\"");
			}
			p->i++;
			skip_blanks(p);
		}
	}
	p->i++;
	p->infos[self].flags = FROZEN; /* nothing may add to it afterwards */
	*out = t;
	*pos_out = pos;
	return true;
}

static bool value(parser *p, json_t **out, size_t *pos_out, unsigned depth)
{
	mark at = here(p);
	int c = peek(p, 0);
	if (c == '[')
		return array(p, out, pos_out, depth);
	if (c == '{')
		return inline_table(p, out, pos_out, depth);
	json_t *v = NULL;
	if (c == '"' || c == '\'') {
		folio_buf b = FOLIO_BUF_INIT;
		if (string(p, &b, true) && charge(p, b.size, at))
			v = json_stringn(b.ptr, b.size);
		folio_buf_dispose(&b);
	} else {
		v = bare_value(p, at);
	}
	if (!v)
		return false;
	*out = v;
	*pos_out = folio_yaml__pos_add(p->doc, at.line, at.column, 's');
	return true;
}

/* ---- key/value pairs and headers ---- */

/* key = value into table (a section's table or an inline table being written). */
static bool key_value(parser *p, json_t *table)
{
	key_path k = { .n = 0 };
	bool ok = false;
	char *name = NULL;
	if (!parse_key(p, &k))
		goto done;
	if (peek(p, 0) != '=') {
		fail_expected(p, "\"=\" after the key");
		goto done;
	}
	p->i++;
	skip_blanks(p);
	for (size_t i = 0; i + 1 < k.n; i++) {
		const key_seg *seg = &k.seg[i];
		json_t *next = json_object_getn(table, seg->text, seg->len);
		if (!next) {
			table = new_table(p, table, seg, DOTTED, seg->at);
			if (!table)
				goto done;
			continue;
		}
		info *in = json_is_object(next) ? info_of(p, next) : NULL;
		if (!in || in->flags != DOTTED) {
			name = key_name(&k, i + 1);
			fail_at(p, seg->at, "set it where it is defined",
			        "cannot add to \"%s\" with a dotted key: it is %s", name,
			        !in ? "already a value" : in->flags == FROZEN ? "an inline table"
			        : "a table defined by a header");
			goto done;
		}
		table = next;
	}
	const key_seg *last = &k.seg[k.n - 1];
	if (json_object_getn(table, last->text, last->len)) {
		name = key_name(&k, k.n);
		fail_at(p, last->at, "keep one of them", "duplicate key \"%s\"", name);
		goto done;
	}
	json_t *v;
	size_t vpos;
	if (!value(p, &v, &vpos, info_of(p, table)->depth))
		goto done;
	json_object_setn_new(table, last->text, last->len, v);
	folio_yaml__pos_link(p->doc, info_of(p, table)->pos, last->text, last->len, vpos,
	                     last->at.line, last->at.column);
	ok = true;
done:
	free(name);
	key_path_dispose(&k);
	return ok;
}

/* The table that [a.b] or [[a.b]] names a part of: walks parts [0, n-1). */
static json_t *walk_header(parser *p, const key_path *k)
{
	json_t *t = folio_yaml_root(p->doc);
	for (size_t i = 0; i + 1 < k->n; i++) {
		const key_seg *seg = &k->seg[i];
		json_t *next = json_object_getn(t, seg->text, seg->len);
		if (!next) {
			t = new_table(p, t, seg, IMPLICIT, seg->at);
			if (!t)
				return NULL;
			continue;
		}
		info *in = info_of(p, next);
		if (json_is_array(next) && in && (in->flags & TABLES)) {
			t = json_array_get(next, json_array_size(next) - 1);
			continue;
		}
		if (!json_is_object(next) || (in && in->flags == FROZEN)) {
			char *name = key_name(k, i + 1);
			fail_at(p, seg->at, "write its fields where it is defined",
			        "cannot add to \"%s\" in a header: it is %s", name,
			        json_is_object(next) ? "an inline table" : "already a value");
			free(name);
			return NULL;
		}
		t = next;
	}
	return t;
}

/* [a.b] or [[a.b]] at the first '['; *table becomes the section's table. */
static bool header(parser *p, json_t **table)
{
	mark at = here(p);
	bool aot = peek(p, 1) == '[';
	p->i += aot ? 2 : 1;
	skip_blanks(p);
	key_path k = { .n = 0 };
	bool ok = false;
	char *name = NULL;
	if (!parse_key(p, &k))
		goto done;
	if (peek(p, 0) != ']' || (aot && peek(p, 1) != ']')) {
		fail_expected(p, aot ? "\"]]\" to close the header" : "\"]\" to close the header");
		goto done;
	}
	p->i += aot ? 2 : 1;
	json_t *parent = walk_header(p, &k);
	if (!parent)
		goto done;
	const key_seg *last = &k.seg[k.n - 1];
	json_t *t = json_object_getn(parent, last->text, last->len);
	info *in = t ? info_of(p, t) : NULL;
	name = key_name(&k, k.n);
	if (!aot) {
		if (!t) {
			t = new_table(p, parent, last, EXPLICIT, at);
		} else if (json_is_object(t) && in && in->flags == IMPLICIT) {
			in->flags = EXPLICIT;
			folio_yaml__pos_move(p->doc, in->pos, at.line, at.column);
		} else if (!json_is_object(t) || (in && in->flags == FROZEN)) {
			fail_at(p, last->at, "use another name for the table",
			        "\"%s\" is already defined as a value", name);
			goto done;
		} else {
			fail_at(p, last->at, "merge the two into one table",
			        "table \"%s\" is defined twice", name);
			goto done;
		}
		*table = t;
		ok = t != NULL;
		goto done;
	}
	if (!t) {
		info pi = *info_of(p, parent);
		if (!deep_enough(p, pi.depth + 2, last->at) || !charge(p, 0, at))
			goto done;
		t = json_array();
		size_t pos = folio_yaml__pos_add(p->doc, at.line, at.column, 'a');
		json_object_setn_new(parent, last->text, last->len, t);
		folio_yaml__pos_link(p->doc, pi.pos, last->text, last->len, pos, last->at.line,
		                     last->at.column);
		in = add_info(p, t, TABLES, pos, pi.depth + 1);
	} else if (!json_is_array(t) || !in || !(in->flags & TABLES)) {
		fail_at(p, last->at, "use another name, or write every element as [[...]]",
		        "\"%s\" is already defined, not as an array of tables", name);
		goto done;
	}
	if (!charge(p, 0, at))
		goto done;
	json_t *elem = json_object();
	size_t epos = folio_yaml__pos_add(p->doc, at.line, at.column, 'o');
	size_t apos = in->pos;
	unsigned depth = in->depth + 1;
	json_array_append_new(t, elem);
	folio_yaml__pos_link(p->doc, apos, NULL, 0, epos, 0, 0);
	add_info(p, elem, EXPLICIT, epos, depth);
	*table = elem;
	ok = true;
done:
	free(name);
	key_path_dispose(&k);
	return ok;
}

static bool document(parser *p)
{
	json_t *table = folio_yaml_root(p->doc);
	for (;;) {
		skip_space(p);
		if (p->i >= p->len)
			return true;
		bool ok = peek(p, 0) == '[' ? header(p, &table) : key_value(p, table);
		if (!ok || !end_of_line(p))
			return false;
	}
}

int folio_toml_parse(folio_yaml_doc **out, const char *data, size_t len, const char *path,
                     unsigned first_line, folio_rule rule, size_t max_bytes,
                     folio_diags *diags)
{
	*out = NULL;
	parser p;
	memset(&p, 0, sizeof(p));
	p.s = data;
	p.len = len;
	p.first_line = first_line ? first_line : 1;
	p.path = path;
	p.rule = rule;
	p.diags = diags;
	p.max_bytes = max_bytes;
	p.index = json_object();
	p.doc = folio_yaml__doc_new();
	json_t *root = json_object();
	folio_yaml__doc_set_root(p.doc, root);
	add_info(&p, root, EXPLICIT, folio_yaml__pos_add(p.doc, p.first_line, 1, 'o'), 0);

	bool ok = check_text(&p);
	if (ok) {
		p.i = p.line = 0;
		p.line_start = p.col_off = 0;
		p.col_chars = 0;
		ok = document(&p);
	}
	json_decref(p.index);
	free(p.infos);
	if (!ok) {
		folio_yaml_free(p.doc);
		return 0;
	}
	*out = p.doc;
	return 0;
}
