/*
 * Raw HTML in a page: its anchors and links (read as Markdown's are, with
 * allow_html), active content refused into notes, comments and Hugo's
 * <!--more--> told apart from HTML.
 */
#include "folio/markdown.h"

#include <cmark-gfm.h>
#include <utf8proc.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/buf.h"
#include "model/html_filter.h"
#include "model/markdown_walk.h"
#include "util/alloc.h"
#include "util/banned.h"

/* ---- raw HTML: its anchors and links ---- */

typedef struct {
	const char *name, *value; /* value: NULL for a bare attribute */
	size_t name_len, value_len;
	size_t value_off;         /* offset of the value in the literal */
} html_attr;

static bool html_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Next attribute of the tag at *p (inside a tag, before '>'); false at its end. */
static bool next_attr(const char *lit, const char **p, html_attr *a)
{
	const char *s = *p;
	while (html_space(*s) || *s == '/')
		s++;
	if (!*s || *s == '>')
		return false;
	a->name = s;
	while (*s && !html_space(*s) && *s != '=' && *s != '>' && *s != '/')
		s++;
	a->name_len = (size_t)(s - a->name);
	a->value = NULL;
	while (html_space(*s))
		s++;
	if (*s == '=') {
		s++;
		while (html_space(*s))
			s++;
		char q = *s == '"' || *s == '\'' ? *s : 0;
		if (q)
			s++;
		a->value = s;
		while (*s && (q ? *s != q : !html_space(*s) && *s != '>'))
			s++;
		a->value_len = (size_t)(s - a->value);
		a->value_off = (size_t)(a->value - lit);
		if (q && *s)
			s++;
	}
	if (!a->name_len)
		s++; /* a stray character: step over it */
	*p = s;
	return true;
}

static bool attr_is(const html_attr *a, const char *name)
{
	return a->name_len == strlen(name) && !strncasecmp(a->name, name, a->name_len);
}

static void add_anchor(walk *w, const html_attr *a)
{
	folio_markdown *md = w->md;
	FOLIO_ARRAY_GROW(md->anchors, md->nanchors, w->anchor_alloc, md->nanchors + 1);
	md->anchors[md->nanchors++] = folio_xstrndup(a->value, a->value_len);
}

/* Line and column (in bytes) of offset off of node's literal in the file. */
static void html_position(walk *w, cmark_node *node, const char *lit, size_t off,
                          unsigned *line, unsigned *col)
{
	int l = cmark_node_get_start_line(node), c = cmark_node_get_start_column(node);
	/* cmark-gfm gives a table cell's inlines no position: its row's line */
	for (cmark_node *up = cmark_node_parent(node); l <= 0 && up; up = cmark_node_parent(up)) {
		l = cmark_node_get_start_line(up);
		c = 0;
	}
	if (l <= 0 && w->html_page)
		l = 1; /* a page written in HTML: its one block has no position */
	const char *nl = NULL;
	for (const char *s = lit; s < lit + off; s++)
		if (*s == '\n') {
			l++;
			nl = s;
		}
	*line = file_line(w, l);
	*col = nl ? (unsigned)(lit + off - nl) : (unsigned)((c > 0 ? c : 1) + (int)off);
}

/* An address in an attribute as a browser reads it: without the blanks
 * around it ("images/a.png  ", HTML's "potentially surrounded by
 * spaces"); a's value is narrowed to it. */
static void browser_url(html_attr *a)
{
	size_t lead = 0;
	while (lead < a->value_len && html_space(a->value[lead]))
		lead++;
	a->value += lead;
	a->value_off += lead;
	a->value_len -= lead;
	while (a->value_len && html_space(a->value[a->value_len - 1]))
		a->value_len--;
}

/* A URL's tabs and newlines removed in place, as a browser's URL parser
 * removes them first (an <img src> Jay Alammar's post breaks over two
 * lines still shows its image). */
static void drop_tabs_newlines(char *s)
{
	char *out = s;
	for (const char *in = s; *in; in++)
		if (*in != '\t' && *in != '\n' && *in != '\r')
			*out++ = *in;
	*out = '\0';
}

/* The character references of an attribute's value decoded in place, as a
 * browser reads it (carpentries.org writes href="https:&#x2F;&#x2F;www.canva.com"):
 * &#NN;, &#xHH; and &amp; &lt; &gt; &quot; &apos;. A reference is never
 * shorter than its character's UTF-8; NUL, surrogates and values past
 * U+10FFFF stay as written. */
static void decode_refs(char *s)
{
	static const struct { const char *name; char c; } named[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' }, { "apos;", '\'' },
	};
	char *out = s;
	for (const char *in = s; *in;) {
		if (*in != '&') {
			*out++ = *in++;
			continue;
		}
		bool done = false;
		if (in[1] == '#') {
			bool hex = in[2] == 'x' || in[2] == 'X';
			const char *d = in + 2 + hex;
			char *end;
			unsigned long c = strtoul(d, &end, hex ? 16 : 10);
			if (end > d && *end == ';' && end - d <= 8 && c && c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF) &&
			    (hex ? strspn(d, "0123456789abcdefABCDEF") : strspn(d, "0123456789")) == (size_t)(end - d)) {
				out += utf8proc_encode_char((utf8proc_int32_t)c, (utf8proc_uint8_t *)out);
				in = end + 1;
				done = true;
			}
		}
		for (size_t k = 0; !done && k < sizeof(named) / sizeof(*named); k++)
			if (!strncmp(in + 1, named[k].name, strlen(named[k].name))) {
				*out++ = named[k].c;
				in += 1 + strlen(named[k].name);
				done = true;
			}
		if (!done)
			*out++ = *in++;
	}
	*out = '\0';
}

/*
 * With allow_html, what raw HTML says counts as Markdown would: id= and
 * <a name=> are anchors, href= and src= are links, checked and rewritten
 * (relative to the source file, as Markdown links) alike. The literal is
 * rebuilt when a destination is rewritten. Comments are skipped.
 */
static void scan_html(walk *w, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	if (!lit)
		return;
	folio_buf out = FOLIO_BUF_INIT;
	size_t copied = 0;
	bool rewritten = false;
	for (const char *p = strchr(lit, '<'); p; p = *p ? strchr(p, '<') : NULL) {
		if (!strncmp(p, "<!--", 4)) {
			bool closed;
			p = lit + folio_html_comment_end(lit, strlen(lit), (size_t)(p - lit) + 4, &closed);
			continue;
		}
		const char *tag = ++p;
		while (*p && !html_space(*p) && *p != '>' && *p != '/')
			p++;
		size_t tag_len = (size_t)(p - tag);
		bool is_a = tag_len == 1 && (*tag == 'a' || *tag == 'A');
		/* a script's or a style's text is no HTML: "<a href=" in a
		 * script's string is not a link of the page */
		const char *raw_end = tag_len == 6 && !strncasecmp(tag, "script", 6) ? "</script"
		                    : tag_len == 5 && !strncasecmp(tag, "style", 5)  ? "</style"
		                                                                    : NULL;
		html_attr a;
		while (next_attr(lit, &p, &a)) {
			if (!a.value || !a.value_len)
				continue;
			if (attr_is(&a, "id") || (is_a && attr_is(&a, "name"))) {
				add_anchor(w, &a);
			} else if ((attr_is(&a, "href") || attr_is(&a, "src")) && (browser_url(&a), a.value_len)) {
				folio_markdown *md = w->md;
				FOLIO_ARRAY_GROW(md->links, md->nlinks, w->link_alloc, md->nlinks + 1);
				folio_link *l = &md->links[md->nlinks++];
				memset(l, 0, sizeof(*l));
				l->target = folio_xstrndup(a.value, a.value_len);
				if (strchr(l->target, '&'))
					decode_refs(l->target);
				drop_tabs_newlines(l->target);
				if (!strchr(l->target, ':') || !strncmp(l->target, "http", 4))
					for (char *c = strchr(l->target, '\\'); c; c = strchr(c, '\\'))
						*c = '/'; /* "images\\a.jpg": a browser reads '\\' as '/' */
				l->is_image = attr_is(&a, "src");
				html_position(w, node, lit, a.value_off, &l->line, &l->column);
				if (folio_markdown__link_resolve(l, w->opts)) {
					folio_buf_put(&out, lit + copied, a.value_off - copied);
					folio_buf_puts(&out, l->resolved);
					copied = a.value_off + a.value_len;
					rewritten = true;
				} else if (l->kind == FOLIO_LINK_INTERNAL && l->resolved &&
				           folio_markdown__ref_url(w, l->target)) {
					l->placed = true; /* <a href="{{< relref "x" >}}"> */
				}
			}
		}
		if (raw_end && *p) {
			const char *close = strcasestr(p, raw_end);
			p = close ? close : p + strlen(p);
		}
	}
	if (rewritten) {
		folio_buf_puts(&out, lit + copied);
		cmark_node_set_literal(node, out.ptr);
	}
	folio_buf_dispose(&out);
}

void folio_markdown__add_note(walk *w, folio_markdown_note_kind kind, const char *subject,
                              const char *tag, unsigned line, unsigned column)
{
	folio_markdown *md = w->md;
	FOLIO_ARRAY_GROW(md->notes, md->nnotes, w->note_alloc, md->nnotes + 1);
	folio_markdown_note *n = &md->notes[md->nnotes++];
	n->kind = kind;
	n->subject = folio_xstrdup(subject ? subject : "");
	n->tag = tag ? folio_xstrdup(tag) : NULL;
	n->line = line;
	n->column = column;
}

typedef struct {
	walk *w;
	cmark_node *node;
	const char *lit;
} refusal_ctx;

static void on_refused(void *ctx, folio_html_refusal kind, const char *tag, const char *subject,
                       size_t offset)
{
	static const folio_markdown_note_kind kinds[] = {
		[FOLIO_HTML_TAG] = FOLIO_MD_NOTE_HTML_TAG,
		[FOLIO_HTML_IFRAME_HOST] = FOLIO_MD_NOTE_HTML_IFRAME_HOST,
		[FOLIO_HTML_ATTRIBUTE] = FOLIO_MD_NOTE_HTML_ATTRIBUTE,
		[FOLIO_HTML_URL] = FOLIO_MD_NOTE_HTML_URL,
		[FOLIO_HTML_OPEN] = FOLIO_MD_NOTE_HTML_OPEN,
	};
	refusal_ctx *r = ctx;
	unsigned line, col;
	html_position(r->w, r->node, r->lit, offset, &line, &col);
	folio_markdown__add_note(r->w, kinds[kind], subject, tag, line, col);
}

/*
 * With allow_html, active content is refused: named in notes and left out
 * of the page (the whole tag or block, emptied by the caller), never
 * escaped into visible text. Returns whether any was found.
 */
static bool filter_html(walk *w, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	if (!lit)
		return false;
	refusal_ctx r = { w, node, lit };
	return folio_html_filter(lit, strlen(lit), w->opts->embeds, w->opts->nembeds, on_refused, &r) > 0;
}

/* Is lit only HTML comments and spaces? A comment is never shown and runs
 * nothing: Hugo leaves it out without unsafe HTML, so it is not raw HTML. */
static bool is_comment_only(const char *lit)
{
	if (!lit)
		return false;
	for (;;) {
		while (folio_markdown__is_space(*lit))
			lit++;
		if (!*lit)
			return true;
		if (strncmp(lit, "<!--", 4))
			return false;
		bool closed;
		size_t end = folio_html_comment_end(lit, strlen(lit), 4, &closed);
		if (!closed)
			return false;
		lit += end;
	}
}

/*
 * Is node inside an unknown paired {{< name >}} shortcode? Hugo hands that
 * text to the shortcode's own template, never to its Markdown renderer,
 * so its tags are no raw HTML of the page (a code-toggle's TOML holds
 * pre = '<i class="x"></i>'); without allow_html they are left out, said
 * once per shortcode by a warning.
 */
static bool inside_unknown_shortcode(walk *w, cmark_node *node)
{
	const folio_shortcode_expansion *x = w->shortcodes;
	unsigned line = file_line(w, cmark_node_get_start_line(node));
	for (size_t i = 0; x && line && i < x->ninner; i++) {
		if (line <= x->inner[i].first || line >= x->inner[i].last)
			continue;
		bool said = false;
		for (size_t j = 0; j < w->md->nnotes && !said; j++)
			said = w->md->notes[j].kind == FOLIO_MD_NOTE_SHORTCODE_HTML &&
			       !strcmp(w->md->notes[j].subject, x->inner[i].name);
		if (!said && !w->opts->allow_html) {
			int col = cmark_node_get_start_column(node);
			folio_markdown__add_note(w, FOLIO_MD_NOTE_SHORTCODE_HTML, x->inner[i].name, NULL, line,
			                         col > 0 ? (unsigned)col : 0);
		}
		return true;
	}
	return false;
}

void folio_markdown__on_raw_html(walk *w, cmark_node *node)
{
	folio_markdown *md = w->md;
	if (is_comment_only(cmark_node_get_literal(node)) &&
	    !folio_markdown__is_more(cmark_node_get_literal(node)))
		return;
	if (folio_markdown__is_more(cmark_node_get_literal(node))) {
		/* the summary separator is allowed whatever allow_html says; in a
		 * paragraph, on_paragraph has seen it already */
		if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK)
			w->more_seen = true;
		return;
	}
	if (w->opts->allow_html || w->html_page) { /* a page written in HTML is HTML */
		bool refused = filter_html(w, node);
		/* a page written in HTML is one block: its links and ids are
		 * still read, so a script is its only finding */
		if (!refused || w->html_page)
			scan_html(w, node);
		if (refused)
			cmark_node_set_literal(node, "");
	}
	if (inside_unknown_shortcode(w, node))
		return;
	if (md->has_raw_html)
		return;
	md->has_raw_html = true;
	if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK || !w->block) {
		md->raw_html_line = file_line(w, cmark_node_get_start_line(node));
		int col = cmark_node_get_start_column(node);
		md->raw_html_column = col > 0 ? (unsigned)col : 0;
		return;
	}
	size_t cursor = w->cursor; /* a tag is not a destination */
	const char *lit = cmark_node_get_literal(node);
	folio_markdown__locate(w, node, lit ? lit : "", NULL, &md->raw_html_line, &md->raw_html_column);
	w->cursor = cursor;
}
