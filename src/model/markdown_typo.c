/*
 * kramdown's typographic conversion of a page's text, for a site Jekyll
 * built (smart_quotes: in folio.yaml): "--" an en dash, "---" an em dash,
 * "..." an ellipsis, "<<" and ">>" guillemets, and straight quotes made
 * curly by kramdown's own rules (its smart_quotes parser, SmartyPants'
 * heuristics), each written as the site's smart_quotes option says; a
 * symbol is the site's own text where typographic_symbols: gives one.
 *
 * It runs on the tree before the walk, so summaries, heading text and the
 * HTML all see the converted text. Only text nodes change: code spans,
 * code blocks, raw HTML, an autolink's text and an image's alt stay as
 * written, as kramdown leaves them.
 *
 * kramdown reads a quote with the character before it when that one is
 * still unread text: right after an emphasis, a code span or a link the
 * quote has none, which its rules use ("*a*'s" vs "a's"). So the text
 * nodes next to each other are read as one run, a run after a line break
 * starts after a "\n", and the node after a run is seen through the
 * characters its markup starts with ("*", "`", "[", "<").
 *
 * Hugo's Goldmark has its own typographer (typographer: goldmark), below.
 */
#include <cmark-gfm.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "folio/buf.h"
#include "model/markdown_walk.h"
#include "util/alloc.h"
#include "util/banned.h"

enum { LSQUO, RSQUO, LDQUO, RDQUO };

/* Ruby's \s, \w and \d as kramdown's regular expressions read them:
 * ASCII only (a letter beyond ASCII is no \w there). */
static bool rb_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool rb_word(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool rb_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_quote(int c)
{
	return c == '"' || c == '\'';
}

/* SQ_PUNCT: ASCII punctuation */
static bool sq_punct(int c)
{
	return c > 0 && c < 0x80 && strchr("!\"#$%'()*+,-./:;<=>?@[\\]^_`{|}~", c);
}

/* SQ_CLOSE: a character a closing quote may follow */
static bool sq_close(int c)
{
	return c && !strchr(" \\\t\r\n[{(-", c);
}

/* Bytes of the UTF-8 character at s[i] (1 for a stray byte). */
static size_t char_len(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	size_t k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	return i + k <= n ? k : n - i;
}

typedef struct {
	const char *s; /* the run, then lookahead beyond end */
	size_t n;      /* bytes of s */
	size_t end;    /* bytes of the run itself */
	const char *const *quotes;
	folio_buf *out;
	const bool *kept; /* kept[i]: s[i] was written as an entity or an escape */
	const char *const *symbols; /* the site's text for a symbol, or NULL */
} run;

/* Byte at i, or 0 past the text (an end, to the rules' lookahead). */
static int at(const run *r, size_t i)
{
	return i < r->n ? (unsigned char)r->s[i] : 0;
}

static void put_quote(run *r, int q, bool open)
{
	folio_buf_puts(r->out, r->quotes[q == '"' ? (open ? LDQUO : RDQUO) : (open ? LSQUO : RSQUO)]);
}

/*
 * kramdown's SQ_RULES at j, the first that matches in their order: j is
 * a quote, or the character before one, which kramdown reads with it when
 * that one is still unread. Returns the bytes read (always some).
 */
static size_t smart_quote(run *r, size_t j)
{
	size_t k = char_len(r->s, r->n, j); /* the first character's bytes */
	int c0 = at(r, j), c1 = at(r, j + 1), c2 = at(r, j + 2);
	if (is_quote(c0)) {
		/* 1: an opening quote before emphasis ("*a*") */
		if ((c1 == '_' || c1 == '*') && c2 && !rb_space(c2)) {
			put_quote(r, c0, true);
			return 1;
		}
		/* 2: a closing one before punctuation (not ".."), no word
		 * boundary after that */
		if (sq_punct(c1) && !(c2 == '.' && at(r, j + 3) == '.') && rb_word(c1) == rb_word(c2)) {
			put_quote(r, c0, false);
			return 1;
		}
	}
	/* 3, 4: "'word or '"word, a blank or nothing before; 5: the '80s */
	size_t b = rb_space(c0) ? 1 : 0;
	int q1 = at(r, j + b), q2 = at(r, j + b + 1);
	if (is_quote(q1) && is_quote(q2) && q1 != q2 && rb_word(at(r, j + b + 2))) {
		folio_buf_put(r->out, r->s + j, b);
		folio_buf_puts(r->out, r->quotes[q1 == '"' ? LDQUO : LSQUO]);
		folio_buf_puts(r->out, r->quotes[q2 == '"' ? LDQUO : LSQUO]);
		return b + 2;
	}
	if (q1 == '\'' && rb_digit(q2) && rb_digit(at(r, j + b + 2)) && at(r, j + b + 3) == 's') {
		folio_buf_put(r->out, r->s + j, b);
		folio_buf_puts(r->out, r->quotes[RSQUO]);
		return b + 1;
	}
	/* 6: an opening quote after a blank, before a word */
	if (b && is_quote(c1) && rb_word(c2)) {
		folio_buf_putc(r->out, (char)c0);
		put_quote(r, c1, true);
		return 2;
	}
	/* 7: a closing one after anything but a blank, a '-' or an opening bracket */
	int q = at(r, j + k);
	if (sq_close(c0) && is_quote(q)) {
		folio_buf_put(r->out, r->s + j, k);
		put_quote(r, q, false);
		return k + 1;
	}
	/* 8: a closing one before a blank, an "s" ending a word, or the end */
	if (is_quote(c0) && (!c1 || rb_space(c1) || (c1 == 's' && !rb_word(c2)))) {
		put_quote(r, c0, false);
		return 1;
	}
	/* 9, 10: any other opens, "'" looked for first, the character before
	 * it kept */
	if (q == '\'' || (q == '"' && c0 != '\'')) {
		folio_buf_put(r->out, r->s + j, k);
		put_quote(r, q, true);
		return k + 1;
	}
	put_quote(r, c0, true);
	return 1;
}

/* kramdown's typographic symbols, numbered as its names for them */
static const char *const symbol_names[FOLIO_TYPOGRAPHIC_SYMBOLS] = { "mdash", "ndash", "hellip", "laquo",
	                                                              "raquo", "laquo_space", "raquo_space" };

int folio_markdown_typographic_symbol(const char *name)
{
	for (int i = 0; i < FOLIO_TYPOGRAPHIC_SYMBOLS; i++)
		if (!strcmp(name, symbol_names[i]))
			return i;
	return -1;
}

/* kramdown's TYPOGRAPHIC_SYMS at i, in their order: the bytes read, 0 for none. */
static size_t typographic_symbol(run *r, size_t i)
{
	static const struct {
		const char *in, *out;
		int symbol; /* its number, -1 for an escaped pair */
	} syms[] = {
		{ "---", "\xE2\x80\x94", 0 },         { "--", "\xE2\x80\x93", 1 },          { "...", "\xE2\x80\xA6", 2 },
		{ "\\<<", "<<", -1 },                   { "\\>>", ">>", -1 },                   { "<< ", "\xC2\xAB\xC2\xA0", 5 },
		{ " >>", "\xC2\xA0\xC2\xBB", 6 },      { "<<", "\xC2\xAB", 3 },               { ">>", "\xC2\xBB", 4 },
	};
	for (size_t k = 0; k < sizeof(syms) / sizeof(syms[0]); k++) {
		size_t len = strlen(syms[k].in);
		if (i + len <= r->end && !memcmp(r->s + i, syms[k].in, len)) {
			const char *own = syms[k].symbol >= 0 && r->symbols ? r->symbols[syms[k].symbol] : NULL;
			folio_buf_puts(r->out, own ? own : syms[k].out);
			return len;
		}
	}
	return 0;
}

/* The run r->s[0, end) converted into r->out. */
static void convert(run *r)
{
	size_t i = 0;
	while (i < r->end) {
		size_t len = char_len(r->s, r->n, i);
		if (r->kept[i]) { /* kramdown reads an entity or an escape on its own */
			folio_buf_put(r->out, r->s + i, len);
			i += len;
			continue;
		}
		/* where kramdown's smart quote starts: at a quote, or at the
		 * character before one that is not a backslash */
		bool quote = is_quote(at(r, i)) ||
		             (r->s[i] != '\\' && i + len < r->end && !r->kept[i + len] && is_quote(at(r, i + len)));
		size_t used = quote ? smart_quote(r, i) : typographic_symbol(r, i);
		if (used) {
			i += used;
			continue;
		}
		folio_buf_put(r->out, r->s + i, len);
		i += len;
	}
}

/* The first characters of node's text, for the lookahead: a code span's
 * or a link's first letter matters to the rules. */
static void put_first_text(folio_buf *b, cmark_node *node)
{
	for (cmark_node *n = node; n; n = cmark_node_first_child(n)) {
		const char *lit = cmark_node_get_type(n) == CMARK_NODE_TEXT || cmark_node_get_type(n) == CMARK_NODE_CODE
		                          ? cmark_node_get_literal(n)
		                          : NULL;
		if (lit && *lit) {
			folio_buf_put(b, lit, 1);
			return;
		}
	}
}

/* What kramdown reads after a run of text, as far as its rules look:
 * the markup the next node starts with, a closing one at the end of an
 * emphasis or a link, or nothing at a block's end. */
static void put_lookahead(folio_buf *b, cmark_node *next, cmark_node *parent)
{
	if (!next) {
		cmark_node_type t = cmark_node_get_type(parent);
		folio_buf_puts(b, t == CMARK_NODE_EMPH ? "*" : t == CMARK_NODE_STRONG ? "**" : t == CMARK_NODE_LINK ? "]" : "");
		return;
	}
	switch (cmark_node_get_type(next)) {
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		folio_buf_putc(b, '\n');
		break;
	case CMARK_NODE_EMPH:
		folio_buf_putc(b, '*');
		put_first_text(b, next);
		break;
	case CMARK_NODE_STRONG:
		folio_buf_puts(b, "**");
		put_first_text(b, next);
		break;
	case CMARK_NODE_CODE:
		folio_buf_putc(b, '`');
		put_first_text(b, next);
		break;
	case CMARK_NODE_LINK:
		folio_buf_putc(b, '[');
		put_first_text(b, next);
		break;
	case CMARK_NODE_IMAGE:
		folio_buf_puts(b, "![");
		break;
	case CMARK_NODE_HTML_INLINE:
		folio_buf_putc(b, '<');
		break;
	default:
		break;
	}
}

/* A link whose text is its address (<https://x.org/a--b>): kramdown's
 * autolink, whose text it leaves as written. */
static bool autolink(cmark_node *link)
{
	cmark_node *t = cmark_node_first_child(link);
	const char *url = cmark_node_get_url(link), *lit = t ? cmark_node_get_literal(t) : NULL;
	if (!t || cmark_node_next(t) || cmark_node_get_type(t) != CMARK_NODE_TEXT || !url || !lit)
		return false;
	return !strcmp(url, lit) || (!strncmp(url, "mailto:", 7) && !strcmp(url + 7, lit));
}

/* Bytes of the entity at s (n bytes), "&name;" or "&#...;", 0 for none. */
static size_t entity_len(const char *s, size_t n)
{
	size_t i = 1;
	if (i < n && s[i] == '#')
		i++;
	while (i < n && i < 40 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || rb_digit(s[i])))
		i++;
	return i > 1 && i < n && s[i] == ';' ? i + 1 : 0;
}

/* Marks in kept the characters of lit (n bytes) that src[i, stop) wrote
 * as an entity or an escape; false, nothing marked, where the two part. */
static bool match_written(bool *kept, const char *lit, size_t n, const char *src, size_t i, size_t stop)
{
	size_t k = 0;
	while (k < n && i < stop) {
		size_t e = src[i] == '&' ? entity_len(src + i, stop - i) : 0;
		if (src[i] == '\\' && i + 1 < stop && sq_punct((unsigned char)src[i + 1]) && lit[k] == src[i + 1]) {
			kept[k++] = true;
			i += 2;
		} else if (e && (k + e > n || memcmp(lit + k, src + i, e))) { /* decoded: one character */
			size_t c = char_len(lit, n, k);
			memset(kept + k, 1, c);
			k += c;
			i += e;
		} else if (src[i] == lit[k]) {
			i++;
			k++;
		} else {
			break;
		}
	}
	if (k == n)
		return true;
	memset(kept, 0, n);
	return false;
}

/*
 * Marks in kept the characters of t's literal lit that its source line
 * wrote as an entity ("&quot;") or an escape ("\-"), which kramdown reads
 * on their own and never converts: cmark has decoded them into the text.
 * The source is read beside the literal; where they part, nothing is
 * marked. A list item's lazy continuation line ("* a" then "c l&#39;x",
 * not indented) has columns counted as if it were indented to the item's
 * text: the literal is looked for up to 8 columns before.
 */
static void mark_written(bool *kept, cmark_node *t, const char *lit, const line_index *lines)
{
	int line = cmark_node_get_start_line(t), from = cmark_node_get_start_column(t);
	int to = cmark_node_get_end_column(t);
	if (!lines || line < 1 || line != cmark_node_get_end_line(t) || from < 1 || to < from)
		return;
	size_t first = folio_markdown__lines_start(lines, (unsigned)line);
	size_t end = folio_markdown__lines_end(lines, (unsigned)line);
	size_t start = first + (size_t)from - 1, stop = first + (size_t)to;
	if (!memchr(lines->text + first, '&', end - first) && !memchr(lines->text + first, '\\', end - first))
		return;
	size_t n = strlen(lit);
	for (size_t back = 0; back <= 8 && start >= first + back; back++)
		if (stop - back <= end && match_written(kept, lit, n, lines->text, start - back, stop - back))
			return;
}

/*
 * "<<oui>>": kramdown reads "<<" as a guillemet before any tag could
 * start, where cmark reads a '<' then a tag <oui>. An inline tag right
 * after a text ending in '<' (written so: not "\<" nor "&lt;") is text,
 * joined to that text.
 */
static void untag_after_guillemet(cmark_node *parent, const line_index *lines)
{
	cmark_node *n = cmark_node_first_child(parent);
	while (n) {
		cmark_node *next = cmark_node_next(n), *prev = cmark_node_previous(n);
		const char *lit = prev && cmark_node_get_type(prev) == CMARK_NODE_TEXT ? cmark_node_get_literal(prev) : NULL;
		size_t len = lit ? strlen(lit) : 0;
		int line = prev ? cmark_node_get_end_line(prev) : 0, col = prev ? cmark_node_get_end_column(prev) : 0;
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE && len && lit[len - 1] == '<' && lines && line >= 1 &&
		    col >= 1) {
			size_t at = folio_markdown__lines_start(lines, (unsigned)line) + (size_t)col - 1;
			if (at < lines->len && lines->text[at] == '<' && (col == 1 || lines->text[at - 1] != '\\')) {
				folio_buf b = FOLIO_BUF_INIT;
				folio_buf_puts(&b, lit);
				folio_buf_puts(&b, cmark_node_get_literal(n));
				cmark_node_set_literal(prev, b.ptr);
				folio_buf_dispose(&b);
				cmark_node_free(n);
			}
		}
		n = next;
	}
}

/* Each run of text nodes among parent's children, converted and made one node. */
static void convert_children(cmark_node *parent, const folio_markdown_options *opts, const line_index *lines)
{
	folio_buf in = FOLIO_BUF_INIT, out = FOLIO_BUF_INIT, kept = FOLIO_BUF_INIT;
	untag_after_guillemet(parent, lines);
	cmark_node *n = cmark_node_first_child(parent);
	while (n) {
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT) {
			n = cmark_node_next(n);
			continue;
		}
		cmark_node *prev = cmark_node_previous(n);
		cmark_node_type pt = prev ? cmark_node_get_type(prev) : CMARK_NODE_NONE;
		/* after a line break, kramdown reads the "\n" before the quote */
		bool lead = pt == CMARK_NODE_SOFTBREAK || pt == CMARK_NODE_LINEBREAK;
		folio_buf_truncate(&in, 0);
		folio_buf_truncate(&out, 0);
		if (lead)
			folio_buf_putc(&in, '\n');
		cmark_node *last = n;
		kept.size = 0;
		for (cmark_node *t = n; t && cmark_node_get_type(t) == CMARK_NODE_TEXT; t = cmark_node_next(t)) {
			const char *lit = cmark_node_get_literal(t);
			size_t from = in.size;
			folio_buf_puts(&in, lit);
			folio_buf_grow(&kept, in.size + 8);
			memset(kept.ptr + from, 0, in.size - from);
			mark_written((bool *)kept.ptr + from, t, lit, lines);
			last = t;
		}
		size_t end = in.size;
		put_lookahead(&in, cmark_node_next(last), parent);
		folio_buf_grow(&kept, in.size + 8);
		memset(kept.ptr + end, 0, in.size - end + 1);
		if (lead)
			kept.ptr[0] = 0;
		run r = { in.ptr, in.size, end, opts->smart_quotes, &out, (const bool *)kept.ptr, opts->typographic_symbols };
		convert(&r);
		while (cmark_node_next(n) != cmark_node_next(last)) /* one node for the run */
			cmark_node_free(cmark_node_next(n));
		cmark_node_set_literal(n, out.ptr + lead);
		n = cmark_node_next(n);
	}
	folio_buf_dispose(&in);
	folio_buf_dispose(&out);
	folio_buf_dispose(&kept);
}

void folio_markdown__kramdown_typography(cmark_node *doc, const folio_markdown_options *opts, const line_index *lines)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_IMAGE || (t == CMARK_NODE_LINK && autolink(n)))) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* an alt, an address: as written */
			continue;
		}
		/* at its exit a node's children are done with: they may change */
		if (ev == CMARK_EVENT_EXIT && t != CMARK_NODE_IMAGE && !(t == CMARK_NODE_LINK && autolink(n)))
			convert_children(n, opts, lines);
	}
	cmark_iter_free(it);
}

char *folio_markdown_smartify(const char *text, const char *const *smart_quotes,
                              const char *const *typographic_symbols)
{
	folio_buf out = FOLIO_BUF_INIT;
	size_t n = strlen(text);
	bool *kept = folio_xcalloc(n + 1, sizeof(*kept));
	run r = { text, n, n, smart_quotes, &out, kept, typographic_symbols };
	convert(&r);
	free(kept);
	return folio_buf_detach(&out, NULL);
}

/* ---- Goldmark's typographer (Hugo) ---- */

/*
 * Hugo's Goldmark runs its typographer extension unless the site turns
 * it off: "--" an en dash, "---" an em dash, "..." an ellipsis, "<<" and
 * ">>" guillemets, and quotes made curly by its own rules, which differ
 * from kramdown's: a quote is read with the character before it and the
 * rest of its line, as CommonMark reads a delimiter (left- or
 * right-flanking), and the quotes opened in a block are counted so that
 * only an open one closes. Each text node is read with its line's next
 * characters (put_lookahead); the character before it is the markup that
 * ends before it, or the text's own.
 */

typedef struct {
	uint32_t before; /* the character before the one read */
	int single, dbl; /* quotes opened in this block, not closed yet */
} gm_state;

static uint32_t gm_rune(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return ' ';
	utf8proc_int32_t cp = 0;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
	return k > 0 && cp >= 0 ? (uint32_t)cp : (unsigned char)s[i];
}

/* Go's unicode.IsPunct, IsSymbol, IsLetter, IsDigit and IsSpace */
static bool gm_is_punct(uint32_t c)
{
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
	return k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO;
}

static bool gm_is_punct_or_symbol(uint32_t c)
{
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
	return (k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO) ||
	       (k >= UTF8PROC_CATEGORY_SM && k <= UTF8PROC_CATEGORY_SO);
}

static bool gm_is_letter(uint32_t c)
{
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static bool gm_is_digit(uint32_t c)
{
	return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_ND;
}

static bool gm_is_space(uint32_t c)
{
	if (c < 0x80)
		return rb_space((int)c);
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
	return c == 0x85 || c == 0xA0 || (k >= UTF8PROC_CATEGORY_ZS && k <= UTF8PROC_CATEGORY_ZP);
}

/* Goldmark's util.IsPunct and util.IsSpace: of one byte, ASCII only */
static bool gm_byte_punct(int c)
{
	return sq_punct(c);
}

static bool gm_byte_space(int c)
{
	return c && rb_space(c);
}

/* Goldmark's ScanDelimiter for the quote run at s[0], span bytes long:
 * may it open, close? */
static void gm_flanking(const char *s, size_t n, size_t span, uint32_t before, bool *open, bool *close)
{
	uint32_t after = gm_rune(s, n, span);
	bool bp = gm_is_punct_or_symbol(before), bs = gm_is_space(before);
	bool ap = gm_is_punct_or_symbol(after), as = gm_is_space(after);
	*open = !as && (!ap || bs || bp);
	*close = !bs && (!bp || as || ap);
}

/* The typographer at s[0] (n bytes: the text, then its line's next
 * characters; span: the bytes of the run of its character there); the
 * bytes it replaced, 0 for none. */
static size_t gm_convert_at(gm_state *st, const char *s, size_t n, size_t span, folio_buf *out)
{
	static const char *const lsquo = "\xE2\x80\x98", *const rsquo = "\xE2\x80\x99";
	static const char *const ldquo = "\xE2\x80\x9C", *const rdquo = "\xE2\x80\x9D";
	int c = (unsigned char)s[0], l1 = n > 1 ? (unsigned char)s[1] : 0, l2 = n > 2 ? (unsigned char)s[2] : 0;
	int l3 = n > 3 ? (unsigned char)s[3] : 0;
	if (n > 2 && c == '-' && l1 == '-' && l2 == '-') {
		folio_buf_puts(out, "\xE2\x80\x94");
		return 3;
	}
	if (c == '.') {
		if (n > 2 && l1 == '.' && l2 == '.') {
			folio_buf_puts(out, "\xE2\x80\xA6");
			return 3;
		}
		return 0;
	}
	if (n > 1 && c == '<')
		return l1 == '<' ? (folio_buf_puts(out, "\xC2\xAB"), 2) : 0;
	if (n > 1 && c == '>')
		return l1 == '>' ? (folio_buf_puts(out, "\xC2\xBB"), 2) : 0;
	if (n > 1 && c == '-' && l1 == '-') {
		folio_buf_puts(out, "\xE2\x80\x93");
		return 2;
	}
	if (c != '\'' && c != '"')
		return 0;
	bool open, close;
	gm_flanking(s, n, span, st->before, &open, &close);
	uint32_t before = st->before;
	if (c == '\'') {
		/* the '80s */
		if (open && !close && n > 3 && rb_digit(l1) && rb_digit(l2) && l3 == 's') {
			uint32_t after = n > 4 ? gm_rune(s, n, 4) : ' ';
			if (gm_is_space(after) || gm_is_punct_or_symbol(after))
				return folio_buf_puts(out, rsquo), 1;
		}
		/* 'tis, 'em, 'n', 'll after a blank or punctuation; l'été, it's */
		if (n > 1 && (gm_is_punct(before) || gm_is_space(before)) && (l1 == 't' || l1 == 'e' || l1 == 'n' || l1 == 'l'))
			return folio_buf_puts(out, rsquo), 1;
		if (n > 1 && (gm_is_digit(before) || gm_is_letter(before)) && gm_is_letter(gm_rune(s, n, 1)))
			return folio_buf_puts(out, rsquo), 1;
		if (open && !close) {
			bool right = n > 1 && (l1 == 's' || l1 == 'm' || l1 == 't' || l1 == 'd') &&
			             (n < 3 || gm_byte_punct(l2) || gm_byte_space(l2));
			right = right || (n > 2 && ((l1 == 'v' && l2 == 'e') || (l1 == 'l' && l2 == 'l') || (l1 == 'r' && l2 == 'e')) &&
			                  (n < 4 || gm_byte_punct(l3) || gm_byte_space(l3)));
			if (!right)
				st->single++;
			folio_buf_puts(out, right ? rsquo : lsquo);
			return 1;
		}
		/* Goldmark reads the quote itself as punctuation here: before
		 * anything but a digit, a closing quote */
		if (n > 2 && !gm_is_digit(gm_rune(s, n, 1)))
			return folio_buf_puts(out, rsquo), 1;
		if (st->single > 0) {
			bool maybe = close && open && n > 1 && gm_is_punct(gm_rune(s, n, 1)) &&
			             (n == 2 || (n > 2 && gm_byte_punct(l2)) || gm_byte_space(l2));
			if ((close && !open) || maybe) {
				st->single--;
				return folio_buf_puts(out, rsquo), 1;
			}
		}
		return 0;
	}
	if (open && !close) {
		st->dbl++;
		return folio_buf_puts(out, ldquo), 1;
	}
	if (st->dbl > 0) {
		bool maybe = close && open && n > 1 && gm_is_punct(gm_rune(s, n, 1)) &&
		             (n == 2 || (n > 2 && gm_byte_punct(l2)) || gm_byte_space(l2));
		if ((close && !open) || maybe) {
			if (n > 1 && l1 == '"' && gm_is_digit(before))
				return 0;
			st->dbl--;
			return folio_buf_puts(out, rdquo), 1;
		}
	}
	return 0;
}

/* The text node t converted in place, read with its line's next
 * characters; st->before is then its last character. */
static void gm_convert_text(gm_state *st, cmark_node *t, const line_index *lines)
{
	const char *lit = cmark_node_get_literal(t);
	size_t end = lit ? strlen(lit) : 0;
	if (!end)
		return;
	folio_buf in = FOLIO_BUF_INIT, out = FOLIO_BUF_INIT;
	folio_buf_put(&in, lit, end);
	put_lookahead(&in, cmark_node_next(t), cmark_node_parent(t));
	bool *kept = folio_xcalloc(end + 1, sizeof(*kept));
	mark_written(kept, t, lit, lines);
	bool changed = false;
	size_t run_to = 0; /* where the run of quotes i is in ends: each run is read once */
	for (size_t i = 0; i < end;) {
		size_t len = char_len(in.ptr, end, i);
		size_t mark = out.size;
		if (i >= run_to || in.ptr[i] != in.ptr[i - 1]) {
			run_to = i + 1;
			while (run_to < in.size && in.ptr[run_to] == in.ptr[i])
				run_to++;
		}
		size_t used = kept[i] ? 0 : gm_convert_at(st, in.ptr + i, in.size - i, run_to - i, &out);
		if (used > end - i) { /* it ran into the next node's markup: not this text's */
			folio_buf_truncate(&out, mark);
			used = 0;
		}
		if (used) {
			changed = true;
			i += used;
			st->before = gm_rune(in.ptr, end, i - 1);
			continue;
		}
		folio_buf_put(&out, in.ptr + i, len);
		st->before = gm_rune(in.ptr, end, i);
		i += len;
	}
	/* "before" is a character: a converted pair's last one is ASCII */
	if (changed)
		cmark_node_set_literal(t, out.ptr);
	free(kept);
	folio_buf_dispose(&in);
	folio_buf_dispose(&out);
}

void folio_markdown__goldmark_typography(cmark_node *doc, const line_index *lines)
{
	gm_state st = { '\n', 0, 0 };
	/* "<<oui>>" is Goldmark's guillemets, as kramdown's: no tag <oui> */
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_EXIT) /* its children are done with: they may change */
			untag_after_guillemet(cmark_iter_get_node(it), lines);
	cmark_iter_free(it);
	/* a text node is read with the rest of its line: one for each run */
	cmark_consolidate_text_nodes(doc);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
			/* a block's quotes are counted apart, from its start */
			st.before = '\n';
			st.single = st.dbl = 0;
			continue;
		}
		bool enter = ev == CMARK_EVENT_ENTER;
		switch (t) {
		case CMARK_NODE_IMAGE:
			if (enter)
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* an alt: as written */
			st.before = ')';
			break;
		case CMARK_NODE_LINK:
			if (enter && autolink(n)) {
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* an address: as written */
				st.before = '>';
			} else {
				st.before = enter ? '[' : ')';
			}
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			st.before = '*';
			break;
		case CMARK_NODE_CODE:
			st.before = '`';
			break;
		case CMARK_NODE_HTML_INLINE:
			st.before = '>';
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			st.before = '\n';
			break;
		case CMARK_NODE_TEXT:
			gm_convert_text(&st, n, lines);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}
