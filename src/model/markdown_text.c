/*
 * The text of a page as markdown.c reads it: where each source line starts
 * (positions), the plain text of a node, the summary, and heading ids
 * (GitHub's rule and its numbering of repeats).
 */
#include "folio/markdown.h"

#include <cmark-gfm.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "folio/buf.h"
#include "model/markdown_walk.h"
#include "model/shortcode.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/banned.h"

/* ---- source lines: maps cmark's line numbers to byte offsets ---- */

void folio_markdown__lines_build(line_index *li, const char *text, size_t len)
{
	size_t alloc = 0;
	li->text = text;
	li->len = len;
	li->starts = NULL;
	li->count = 0;
	li->last_off = 0;
	li->last_line = li->last_column = 0;
	FOLIO_ARRAY_GROW(li->starts, li->count, alloc, 1);
	li->starts[li->count++] = 0;
	if (!memchr(text, '\r', len)) { /* most texts: memchr finds each line at once */
		for (const char *nl = memchr(text, '\n', len); nl;
		     nl = memchr(nl + 1, '\n', len - (size_t)(nl + 1 - text))) {
			FOLIO_ARRAY_GROW(li->starts, li->count, alloc, li->count + 1);
			li->starts[li->count++] = (size_t)(nl + 1 - text);
		}
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		else if (text[i] != '\n' && text[i] != '\r')
			continue;
		FOLIO_ARRAY_GROW(li->starts, li->count, alloc, li->count + 1);
		li->starts[li->count++] = i + 1;
	}
}

/* Offset of the start of line (1-based), clamped to the text. */
size_t folio_markdown__lines_start(const line_index *li, unsigned line)
{
	if (line == 0)
		return 0;
	if (line > li->count)
		return li->len;
	return li->starts[line - 1];
}

/* Offset just past line (1-based), newline included. */
size_t folio_markdown__lines_end(const line_index *li, unsigned line)
{
	if (line >= li->count)
		return li->len;
	return li->starts[line];
}

/*
 * Line (1-based) and column (1-based, in code points) of offset. Columns
 * are counted on from the previous answer when it is on the same line and
 * not after offset, so many links on one long line stay linear.
 */
/* 0 is never returned: with lower bound, the first start after *key. */
static int cmp_after(const void *elem, const void *key)
{
	return *(const size_t *)elem > *(const size_t *)key ? 1 : -1;
}

void folio_markdown__lines_position(line_index *li, size_t off, unsigned *line, unsigned *column)
{
	/* the last line that starts at or before off (line 1 starts at 0) */
	size_t lo = folio_lower_bound(li->starts, li->count, sizeof(*li->starts), &off, cmp_after);
	lo = lo ? lo - 1 : 0;
	size_t from = li->starts[lo];
	unsigned col = 1;
	if (li->last_line == lo + 1 && li->last_off >= from && li->last_off <= off) {
		from = li->last_off;
		col = li->last_column;
	}
	for (size_t i = from; i < off; i++)
		if (((unsigned char)li->text[i] & 0xC0) != 0x80)
			col++;
	li->last_off = off;
	li->last_line = (unsigned)lo + 1;
	li->last_column = col;
	*line = (unsigned)lo + 1;
	*column = col;
}

/* ---- plain text ---- */

bool folio_markdown__is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Append s with runs of whitespace collapsed to one space, none leading.
 * Written in place, one byte a step, into room grown once: this runs over
 * every paragraph of every page (a call per word was 10% of a check). */
static void put_collapsed(folio_buf *out, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!n)
		return;
	folio_buf_grow(out, n);
	/* 1: whitespace, as folio_markdown__is_space says */
	static const unsigned char space[256] = { [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
	                                          ['\f'] = 1, ['\v'] = 1 };
	char *d = out->ptr + out->size;
	bool blank = !out->size || out->ptr[out->size - 1] == ' ';
	const unsigned char *u = (const unsigned char *)s;
	/* without branches: a space every few bytes of prose made a branch
	 * the predictor missed half of the time; a space after a blank is
	 * written and not kept (the room holds n bytes: d stays below it) */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = u[i];
		bool sp = space[c];
		*d = sp ? ' ' : (char)c;
		d += !(sp & blank);
		blank = sp;
	}
	out->size = (size_t)(d - out->ptr);
	out->ptr[out->size] = '\0';
}

/* Hugo's summary separator, <!--more--> (blanks allowed inside). */
bool folio_markdown__is_more(const char *lit)
{
	if (!lit || strncmp(lit, "<!--", 4))
		return false;
	lit += 4;
	while (folio_markdown__is_space(*lit))
		lit++;
	if (strncmp(lit, "more", 4))
		return false;
	lit += 4;
	while (folio_markdown__is_space(*lit))
		lit++;
	if (strncmp(lit, "-->", 3))
		return false;
	for (lit += 3; *lit; lit++)
		if (!folio_markdown__is_space(*lit))
			return false;
	return true;
}

/*
 * Text of node's inlines as a reader sees it: images, raw HTML and
 * footnote marks are left out, as in GitHub's heading text. Whitespace is
 * collapsed unless raw, which keeps it as the rendered HTML has it (GitHub
 * derives heading ids from that). strip: shortcode placeholders are left
 * out too. more_at (when given): offset in the result of the first
 * <!--more-->, SIZE_MAX when none.
 */
char *folio_markdown__plain_text_ex(cmark_node *node, bool raw, bool strip, size_t *more_at)
{
	folio_buf out = FOLIO_BUF_INIT;
	if (more_at)
		*more_at = SIZE_MAX;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *s = NULL;
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			s = cmark_node_get_literal(n);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			s = "\n";
			break;
		case CMARK_NODE_IMAGE:
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_HTML_INLINE:
			if (more_at && *more_at == SIZE_MAX && folio_markdown__is_more(cmark_node_get_literal(n)))
				*more_at = out.size;
			break;
		default:
			break;
		}
		char *stripped = NULL;
		if (strip && s && strstr(s, "\xEE\x80\x80")) {
			stripped = folio_xstrdup(s);
			folio_shortcodes_strip(stripped);
			s = stripped;
		}
		if (raw && s)
			folio_buf_puts(&out, s);
		else
			put_collapsed(&out, s);
		free(stripped);
	}
	cmark_iter_free(it);
	if (!raw && out.size && out.ptr[out.size - 1] == ' ')
		folio_buf_truncate(&out, out.size - 1);
	if (more_at && *more_at > out.size && *more_at != SIZE_MAX)
		*more_at = out.size;
	return folio_buf_detach(&out, NULL);
}

/* s without the dashes kramdown's typographic conversion makes of it into
 * out: from the left, "---" is an em dash and "--" an en dash, which its
 * id drops (kramdown-parser-gfm's NON_WORD_RE): of a run of n '-', one is
 * left when n % 3 is 1 ("x----y" is x-y in Jekyll 4). */
static void put_undashed(folio_buf *out, const char *s)
{
	while (*s) {
		size_t n = strspn(s, "-");
		if (!n) {
			folio_buf_putc(out, *s++);
			continue;
		}
		if (n % 3 == 1)
			folio_buf_putc(out, '-');
		s += n;
	}
}

char *folio_markdown__kramdown_text(cmark_node *node, bool strip)
{
	folio_buf out = FOLIO_BUF_INIT;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (type == CMARK_NODE_IMAGE) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		const char *s = type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE ? cmark_node_get_literal(n)
		                : type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK ? "\n"
		                                                                                : NULL;
		if (!s)
			continue;
		char *stripped = strip && strstr(s, "\xEE\x80\x80") ? folio_xstrdup(s) : NULL;
		if (stripped) {
			folio_shortcodes_strip(stripped);
			s = stripped;
		}
		if (type == CMARK_NODE_TEXT)
			put_undashed(&out, s);
		else
			folio_buf_puts(&out, s);
		free(stripped);
	}
	cmark_iter_free(it);
	return folio_buf_detach(&out, NULL);
}

/* Cut text (valid UTF-8) at a word boundary within SUMMARY_MAX bytes. */
char *folio_markdown__summary_of(const char *text)
{
	size_t len = strlen(text);
	if (len <= SUMMARY_MAX)
		return folio_xstrdup(text);
	size_t cut = SUMMARY_MAX;
	while (cut > 0 && text[cut] != ' ')
		cut--;
	if (cut == 0) { /* one long word: cut between code points */
		cut = SUMMARY_MAX;
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
	}
	while (cut > 0 && text[cut - 1] == ' ')
		cut--;
	return folio_xasprintf("%.*s\xE2\x80\xA6", (int)cut, text);
}

char *folio_markdown_summary(const char *text)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (const char *s = text; *s;) {
		size_t blank = strspn(s, " \t\r\n");
		if (blank) {
			if (b.size && s[blank])
				folio_buf_putc(&b, ' ');
			s += blank;
			continue;
		}
		size_t n = strcspn(s, " \t\r\n");
		folio_buf_put(&b, s, n);
		s += n;
	}
	char *flat = folio_buf_detach(&b, NULL);
	char *out = folio_markdown__summary_of(flat ? flat : "");
	free(flat);
	return out;
}

/* ---- heading ids ---- */

static bool id_keeps(utf8proc_int32_t c, folio_heading_ids rule)
{
	if (c == '-' || c == '_' || c == ' ')
		return true;
	if (rule == FOLIO_HEADING_IDS_GOLDMARK_ASCII && c >= 0x80)
		return false;
	utf8proc_category_t cat = utf8proc_category(c);
	if (rule != FOLIO_HEADING_IDS_GITHUB) /* Hugo: unicode.IsLetter, IsDigit, '_' */
		return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT ||
		       cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND;
	switch (cat) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_PC:
		return true;
	default:
		return false;
	}
}

/*
 * GitHub's rule: lowercase, keep letters, marks, digits, '_', '-' and
 * spaces, spaces become '-'. Nothing is trimmed or merged ("a  b" gives
 * "a--b"), as on GitHub. Invalid UTF-8 bytes are dropped.
 */
char *folio_markdown_heading_id(const char *text)
{
	return folio_markdown_heading_id_as(text, FOLIO_HEADING_IDS_GITHUB);
}

/* The code point at *s (len bytes left) into *c, past it; false for an
 * invalid byte, which is stepped over. */
static bool next_code_point(const utf8proc_uint8_t **s, size_t *len, utf8proc_int32_t *c)
{
	utf8proc_ssize_t n = utf8proc_iterate(*s, (utf8proc_ssize_t)*len, c);
	if (n <= 0) {
		(*s)++;
		(*len)--;
		return false;
	}
	*s += n;
	*len -= (size_t)n;
	return true;
}

/* Blackfriday's SanitizedAnchorName, which Hugo's autoHeadingIDType
 * "blackfriday" applies to the heading's source line: letters (lowercased)
 * and digits kept, each run of anything else one '-' between two of them
 * ("--fast-list" is fast-list, "Symlinks / Junction points" is
 * symlinks-junction-points; rclone's docs link so). */
static char *blackfriday_id(const char *text)
{
	folio_buf out = FOLIO_BUF_INIT;
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
	size_t len = strlen(text);
	bool dash = false;
	while (len > 0) {
		utf8proc_int32_t c;
		if (!next_code_point(&s, &len, &c)) {
			dash = true;
			continue;
		}
		utf8proc_category_t cat = utf8proc_category(c);
		bool keep = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT ||
		            cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND ||
		            cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO;
		if (!keep) {
			dash = true;
			continue;
		}
		if (dash && out.size)
			folio_buf_putc(&out, '-');
		dash = false;
		utf8proc_uint8_t enc[4];
		folio_buf_put(&out, enc, (size_t)utf8proc_encode_char(utf8proc_tolower(c), enc));
	}
	return out.ptr ? folio_buf_detach(&out, NULL) : folio_xstrdup("");
}

char *folio_markdown__kramdown_own_id(const char *text)
{
	folio_buf out = FOLIO_BUF_INIT;
	const char *s = text;
	while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		s++; /* its /^[^a-zA-Z]+/: a multibyte character is none either */
	for (; *s; s++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (c == ' ')
			c = '-';
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			continue;
		folio_buf_putc(&out, c);
	}
	if (!out.size)
		folio_buf_puts(&out, "section");
	return folio_buf_detach(&out, NULL);
}

char *folio_markdown_heading_id_as(const char *text, folio_heading_ids rule)
{
	/* kramdown's GFM keeps a tab and makes it a '-', as a space */
	bool tab = rule == FOLIO_HEADING_IDS_KRAMDOWN_GFM;
	if (rule == FOLIO_HEADING_IDS_KRAMDOWN || tab) /* GitHub's rule, on the line or kramdown's text */
		rule = FOLIO_HEADING_IDS_GITHUB;
	if (rule == FOLIO_HEADING_IDS_BLACKFRIDAY)
		return blackfriday_id(text ? text : "");
	folio_buf out = FOLIO_BUF_INIT;
	utf8proc_uint8_t *plain = NULL;
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)(text ? text : "");
	/* Hugo's github-ascii: accents taken off first ("é" is "e" + a mark) */
	if (rule == FOLIO_HEADING_IDS_GOLDMARK_ASCII &&
	    utf8proc_map(s, 0, &plain, UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) >= 0)
		s = plain;
	size_t len = strlen((const char *)s);
	while (len > 0) {
		utf8proc_int32_t c;
		if (!next_code_point(&s, &len, &c))
			continue; /* an invalid byte, dropped */
		c = utf8proc_tolower(c);
		if (tab && c == '\t')
			c = ' ';
		if (!id_keeps(c, rule))
			continue;
		if (c == ' ')
			c = '-';
		utf8proc_uint8_t enc[4];
		folio_buf_put(&out, enc, (size_t)utf8proc_encode_char(c, enc));
	}
	free(plain);
	return folio_buf_detach(&out, NULL);
}

static size_t id_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Slot of id, or the empty slot where it would go. */
static struct id_slot *id_find(id_set *set, const char *id)
{
	size_t i = id_hash(id) & (set->cap - 1);
	while (set->slots[i].id && strcmp(set->slots[i].id, id))
		i = (i + 1) & (set->cap - 1);
	return &set->slots[i];
}

void folio_markdown__id_insert(id_set *set, const char *id)
{
	if (2 * (set->count + 1) > set->cap) {
		id_set bigger = { NULL, set->cap ? set->cap * 2 : 16, 0 };
		bigger.slots = folio_xcalloc(bigger.cap, sizeof(*bigger.slots));
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i].id)
				*id_find(&bigger, set->slots[i].id) = set->slots[i];
		bigger.count = set->count;
		free(set->slots);
		*set = bigger;
	}
	struct id_slot *slot = id_find(set, id);
	if (!slot->id) {
		slot->id = id;
		slot->repeats = 0;
		set->count++;
	}
}

/* GitHub's numbering of repeats: "x", "x-1", "x-2"... skipping taken ids. */
char *folio_markdown__id_unique(id_set *set, char *base)
{
	if (!set->cap || !id_find(set, base)->id)
		return base;
	char *id = NULL;
	do {
		free(id);
		id = folio_xasprintf("%s-%u", base, ++id_find(set, base)->repeats);
	} while (id_find(set, id)->id);
	free(base);
	return id;
}
