/*
 * Markdown to HTML with cmark-gfm, and the facts about a page that
 * validation needs: heading ids, links with their positions, the summary,
 * raw HTML, long paragraphs. This file: the walk, paragraphs, headings,
 * the table budget, shortcodes' hooks and the entry points;
 * markdown_text.c: positions, plain text, heading ids; markdown_link.c:
 * links; markdown_html.c: raw HTML; markdown_blocks.c: heading
 * attributes, definition lists, kramdown's attribute lists;
 * markdown_typo.c: kramdown's typographic conversion (the walk's state:
 * markdown_walk.h).
 *
 * One parse per page, then one walk over the tree that collects everything
 * and rewrites relative link destinations in place; headings are then
 * replaced by custom nodes that carry their id, and the tree is rendered.
 * Every pass is linear in the size of the page.
 *
 * Invariants: the HTML never carries data-sourcepos (positions are parsed,
 * not rendered); every string handed out is valid UTF-8 (cmark validates
 * the input, or the caller did: utf8_valid) and allocated with folio_xmalloc; positions refer to the
 * original file (first_line offset).
 *
 * Thread safety: cmark-gfm 0.29 switches its inline parser's special
 * characters on and off in process-wide tables during every parse, so two
 * concurrent parses would disable each other's extensions. Parsing is
 * therefore serialised by parse_lock; the walk and the rendering, which
 * touch only this page's tree, run in parallel.
 */
#include "folio/markdown.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <ctype.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/buf.h"
#include "model/markdown_mem.h"
#include "model/markdown_walk.h"
#include "model/emoji.h"
#include "model/shortcode.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"

#define PARAGRAPH_MIN 80       /* bytes for a paragraph to be kept for repeat checks */
#define TEXT_MAX (INT32_MAX / 2) /* cmark sizes are int32 */

static pthread_once_t register_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* ---- paragraphs and headings ---- */

/* 64 bits of the text, which is not kept (folio_paragraph); compared only
 * within one process. Eight bytes a step, each mixed by a multiply and a
 * shift: FNV-1a's multiply a byte was a third of the walk over paragraphs. */
static uint64_t paragraph_hash(const char *s, size_t n)
{
	const uint64_t k = 0x9E3779B97F4A7C15ULL;
	uint64_t h = n * k, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s + i, n - i);
	h = (h ^ w) * k;
	return h ^ (h >> 32);
}

static void on_paragraph(walk *w, cmark_node *node)
{
	folio_markdown *md = w->md;
	size_t more_at;
	char *text = folio_markdown__plain_text_ex(node, false, w->expanded, &more_at);
	if (!w->more_seen && w->before_more.size <= SUMMARY_MAX) {
		/* past SUMMARY_MAX bytes the summary is cut anyway */
		if (w->before_more.size && text[0])
			folio_buf_putc(&w->before_more, ' ');
		folio_buf_put(&w->before_more, text, more_at == SIZE_MAX ? strlen(text) : more_at);
	}
	if (more_at != SIZE_MAX)
		w->more_seen = true;
	if (!w->have_summary && text[0]) {
		md->summary = folio_markdown__summary_of(text);
		w->have_summary = true;
	}
	size_t len = strlen(text);
	if (len < PARAGRAPH_MIN) {
		free(text);
		return;
	}
	FOLIO_ARRAY_GROW(md->paragraphs, md->nparagraphs, w->para_alloc, md->nparagraphs + 1);
	folio_paragraph *para = &md->paragraphs[md->nparagraphs++];
	para->len = len;
	para->hash = paragraph_hash(text, para->len);
	para->line = file_line(w, cmark_node_get_start_line(node));
	free(text);
}

/* The bytes an attribute list "{#id .class}" ends a heading's line with,
 * cut off with the blanks before it, as Goldmark's parser does. */
static size_t cut_attributes(const char *s, size_t n)
{
	if (!n || s[n - 1] != '}')
		return n;
	const char *open = memrchr(s, '{', n);
	if (!open || open + 1 == s + n - 1 || !strchr("#.", open[1]) || memchr(open, '}', (size_t)(s + n - 1 - open)))
		return n;
	n = (size_t)(open - s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/* Whether t[s, e) is a setext underline: '=' or '-' alone, blanks around. */
static bool underline(const char *t, size_t s, size_t e)
{
	while (s < e && t[s] == ' ')
		s++;
	while (e > s && strchr(" \t\r\n", t[e - 1]))
		e--;
	if (s == e || (t[s] != '=' && t[s] != '-'))
		return false;
	for (size_t i = s; i < e; i++)
		if (t[i] != t[s])
			return false;
	return true;
}

/*
 * The last source line of a heading as Goldmark hands it to the id
 * generator (parser/atx_heading.go, generateAutoHeadingID): its raw bytes,
 * markup, link destinations and entities included ("close, but&nbsp;." gives
 * ...-butnbsp), without the opening and closing '#'s, the blanks around
 * and an attribute list. NULL when the text walked is not the source
 * (an HTML page, a shortcode in the line): the heading's text is used.
 */
static char *goldmark_line(const walk *w, cmark_node *node)
{
	int first = cmark_node_get_start_line(node), last = cmark_node_get_end_line(node);
	if (w->html_page || first < 1 || last < first)
		return NULL;
	size_t from = folio_markdown__lines_start(&w->lines, (unsigned)first);
	size_t lead = strspn(w->lines.text + from, " ");
	bool atx = w->lines.text[from + lead] == '#';
	const char *t = w->lines.text;
	unsigned line = (unsigned)first;
	/* setext: the line above its underline; cmark's end line may be past
	 * the underline (the line the block was closed on) */
	for (unsigned u = (unsigned)last; !atx && u > (unsigned)first; u--)
		if (underline(t, folio_markdown__lines_start(&w->lines, u), folio_markdown__lines_end(&w->lines, u))) {
			line = u - 1;
			break;
		}
	size_t s = folio_markdown__lines_start(&w->lines, line), e = folio_markdown__lines_end(&w->lines, line);
	while (e > s && (t[e - 1] == '\n' || t[e - 1] == '\r'))
		e--;
	while (s < e && (t[s] == ' ' || t[s] == '\t'))
		s++;
	if (atx) {
		while (s < e && t[s] == '#')
			s++;
		while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
			e--;
		size_t close = e;
		while (close > s && t[close - 1] == '#')
			close--;
		if (close < e && (close == s || t[close - 1] == ' ' || t[close - 1] == '\t'))
			e = close; /* a closing sequence */
		while (s < e && (t[s] == ' ' || t[s] == '\t'))
			s++;
	}
	while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	e = s + cut_attributes(t + s, e - s);
	if (memmem(t + s, e - s, "\xEE\x80\x80", 3)) /* a shortcode's placeholder (shortcode.h) */
		return NULL;
	return folio_xstrndup(t + s, e - s);
}

/* Does the tag's attribute text (up to its '>') hold markdown="1" (or
 * "block"), which makes kramdown read the element's content? */
static bool markdown_attribute(const char *a, size_t n)
{
	for (const char *p = a; (p = memmem(p, n - (size_t)(p - a), "markdown", 8)) != NULL; p += 8) {
		if (p > a && !strchr(" \t\r\n", p[-1]))
			continue;
		const char *v = p + 8, *end = a + n;
		while (v < end && (*v == ' ' || *v == '=' || *v == '"' || *v == '\''))
			v++;
		if ((end - v >= 1 && *v == '1') || (end - v >= 5 && !strncmp(v, "block", 5)))
			return true;
	}
	return false;
}

/* Follow the elements with markdown="1" that an HTML block opens and
 * closes (w->md_html), an element of the same name inside one counted so
 * that its end tag is not taken for the outer one's. */
static void track_markdown_html(walk *w, cmark_node *node)
{
	const char *t = cmark_node_get_literal(node);
	for (const char *p = t ? strchr(t, '<') : NULL; p; p = strchr(p + 1, '<')) {
		bool close = p[1] == '/';
		const char *name = p + 1 + close;
		size_t len = 0;
		while (isalnum((unsigned char)name[len]))
			len++;
		if (!len || len >= sizeof(w->md_html[0]) - 1)
			continue;
		const char *gt = strchr(name + len, '>');
		if (!gt)
			return;
		char *top = w->nmd_html ? w->md_html[w->nmd_html - 1] : NULL;
		bool same = top && strlen(top + 1) == len && !strncasecmp(top + 1, name, len);
		if (close && same && --top[0] == 0)
			w->nmd_html--;
		else if (!close && gt[-1] != '/' && markdown_attribute(name + len, (size_t)(gt - name - len)) &&
		         w->nmd_html < sizeof(w->md_html) / sizeof(w->md_html[0])) {
			top = w->md_html[w->nmd_html++];
			top[0] = 1; /* how deep its name is open, then the name */
			memcpy(top + 1, name, len);
			top[len + 1] = '\0';
		} else if (!close && same && gt[-1] != '/' && top[0] < 100)
			top[0]++;
		p = gt;
	}
}

static void on_heading(walk *w, cmark_node *node)
{
	folio_markdown *md = w->md;
	FOLIO_ARRAY_GROW(md->headings, md->nheadings, w->heading_alloc, md->nheadings + 1);
	FOLIO_ARRAY_GROW(w->heading_nodes, md->nheadings, w->node_alloc, md->nheadings + 1);
	folio_heading *h = &md->headings[md->nheadings];
	char *given = folio_markdown__heading_attribute_id(node);
	folio_heading_ids rule = w->opts->heading_ids;
	bool kramdown = rule == FOLIO_HEADING_IDS_KRAMDOWN_GFM || rule == FOLIO_HEADING_IDS_KRAMDOWN;
	if (kramdown && w->nmd_html && !given) {
		char *text = folio_markdown__kramdown_text(node, w->expanded);
		given = folio_markdown__kramdown_own_id(text);
		free(text);
	}
	char *raw = rule == FOLIO_HEADING_IDS_KRAMDOWN_GFM ? folio_markdown__kramdown_text(node, w->expanded)
	            : rule != FOLIO_HEADING_IDS_GITHUB     ? goldmark_line(w, node)
	                                                   : NULL;
	if (!raw)
		raw = folio_markdown__plain_text_ex(node, true, w->expanded, NULL);
	h->text = folio_markdown__plain_text_ex(node, false, w->expanded, NULL);
	h->id = folio_markdown__id_unique(&w->ids,
	                                  given ? given : folio_markdown_heading_id_as(raw, w->opts->heading_ids));
	free(raw);
	folio_markdown__id_insert(&w->ids, h->id);
	h->level = cmark_node_get_heading_level(node);
	h->line = file_line(w, cmark_node_get_start_line(node));
	w->heading_nodes[md->nheadings++] = node;
}

/* ---- the walk ---- */

static bool is_block(cmark_node *node)
{
	return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/* Inline nodes only sit in leaf blocks, so the last block entered holds them. */
static void walk_tree(walk *w, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (is_block(n)) {
			w->block = n;
			w->cursor = 0;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			if (!w->opts->html_only) /* text only: summary, repeats */
				on_paragraph(w, n);
			if (folio_markdown__is_definition_list(n))
				folio_markdown__on_definition_list(w, n);
			break;
		case CMARK_NODE_HEADING:
			on_heading(w, n);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			folio_markdown__on_link(w, n);
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK)
				track_markdown_html(w, n);
			folio_markdown__on_raw_html(w, n);
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			folio_markdown__on_footnote(w, n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/*
 * cmark renders headings without ids and has no hook for attributes, so
 * each heading becomes a custom block holding a custom inline that opens
 * and closes the tag; the heading's inlines move inside unchanged, so
 * emphasis, code and links render as before. The heading is only unlinked:
 * its inlines' text still points into its buffer until the tree is freed.
 */
static void heading_set_id(cmark_node *heading, const folio_heading *h)
{
	folio_buf open = FOLIO_BUF_INIT;
	folio_buf_printf(&open, "<h%d", h->level);
	if (h->id[0]) {
		folio_buf_puts(&open, " id=\"");
		folio_buf_put_html(&open, h->id, strlen(h->id));
		folio_buf_putc(&open, '"');
	}
	folio_buf_putc(&open, '>');
	char close[8];
	snprintf(close, sizeof(close), "</h%d>", h->level);

	cmark_node *block = folio_md_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node *span = folio_md_node_new(CMARK_NODE_CUSTOM_INLINE);
	cmark_node_set_on_enter(block, "");
	cmark_node_set_on_exit(block, "");
	cmark_node_set_on_enter(span, open.ptr);
	cmark_node_set_on_exit(span, close);
	cmark_node *child;
	while ((child = cmark_node_first_child(heading))) {
		cmark_node_unlink(child);
		cmark_node_append_child(span, child);
	}
	cmark_node_append_child(block, span);
	cmark_node_insert_before(heading, block);
	cmark_node_unlink(heading);
	folio_buf_dispose(&open);
}

/* ---- table budget ---- */

/*
 * cmark-gfm's table extension makes every row as wide as the header: a
 * header and delimiter row of N columns followed by M short lines build
 * N x M cells (a 12 KB page: millions of nodes, seconds, a gigabyte). The
 * cells are counted here in one pass before parsing: a delimiter row
 * ("|---|:--:|") gives the columns, and every line up to the next blank
 * line is a row. That may count a few lines GFM would end the table
 * before (a quote, a fence), never fewer, so the bound holds.
 */
static size_t delimiter_columns(const char *s, const char *end)
{
	size_t cols = 0, dashes = 0;
	bool cell_open = false, any_pipe = false;
	for (; s < end; s++) {
		char c = *s;
		if (c == '|') {
			any_pipe = true;
			if (cell_open && !dashes)
				return 0;
			cols += cell_open;
			cell_open = false;
			dashes = 0;
		} else if (c == '-') {
			cell_open = true;
			dashes++;
		} else if (c == ':') {
			cell_open = true;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return 0;
		}
	}
	if (cell_open) {
		if (!dashes)
			return 0;
		cols++;
	}
	/* a line of dashes alone is a thematic break or a setext underline */
	return any_pipe ? cols : 0;
}

static bool blank_line(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/* Cells of the tables of text; *line: where the count passed max. */
static size_t count_table_cells(const char *text, size_t len, size_t max, unsigned *line)
{
	const char *end = text + len;
	size_t total = 0, cols = 0;
	unsigned n = 0;
	*line = 0;
	for (const char *s = text; s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		n++;
		if (cols && blank_line(s, e)) {
			cols = 0;
		} else if (cols) {
			total += cols;
		} else if ((cols = delimiter_columns(s, e))) {
			total += 2 * cols; /* the header row and this one */
			*line = n > 1 ? n - 1 : 1; /* the header row's */
		}
		if (total > max)
			return total;
		s = nl ? nl + 1 : end;
	}
	return total;
}

/* ---- shortcodes ---- */

/* A figure's src or link: a link of the page like any other. */
static const char *link_hook(void *ctx, const char *target, bool is_image, unsigned line,
                             unsigned column)
{
	walk *w = ctx;
	folio_markdown *md = w->md;
	FOLIO_ARRAY_GROW(md->links, md->nlinks, w->link_alloc, md->nlinks + 1);
	folio_link *l = &md->links[md->nlinks++];
	memset(l, 0, sizeof(*l));
	l->target = folio_xstrdup(target);
	l->is_image = is_image;
	l->md_image = is_image; /* a figure's src, which Hugo Blox's figure looks up as an image */
	l->line = line;
	l->column = column;
	if (folio_markdown__link_runs_script(l))
		return ""; /* a figure's link=javascript: is a Markdown link's */
	return folio_markdown__link_resolve(l, w->opts) ? l->resolved : l->target;
}

/* URL of the page of a site path ("posts/x.md"), NULL when the site knows
 * none; without a site to ask, the path itself (link_resolve places it). */
static const char *page_url(walk *w, const char *path)
{
	if (w->opts->page_url_of)
		return w->opts->page_url_of(path, w->opts->payload);
	free(w->ref_scratch);
	w->ref_scratch = folio_xasprintf("/%s", path);
	return w->ref_scratch;
}

/* Hugo's ref not found beside the page nor from the repository's top: as
 * its GetPage looks, below the content folder and then by the page's name
 * alone (root_page_url), as written, then in lower case ("Community");
 * w->ref_path set when found. */
static void ref_from_content_root(walk *w, const char *target, size_t pathlen, const char *frag)
{
	if (!w->opts->root_page_url)
		return;
	size_t from = target[0] == '/', to = pathlen;
	if (to > from && target[to - 1] == '/')
		to--;
	/* a page's file named with its extension: x.md, x.markdown, x.html */
	static const char *const exts[] = { ".md", ".markdown", ".html" };
	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++)
		if (to > from + strlen(exts[i]) && folio_markdown__ends_with(target + from, to - from, exts[i])) {
			to -= strlen(exts[i]);
			break;
		}
	if (to <= from)
		return;
	char *name = folio_xstrndup(target + from, to - from);
	/* on a translated page, its language's page first, as GetPage looks
	 * in the page's own site (openfisca's French statutes) */
	char *in_lang = w->opts->lang ? folio_xasprintf("%s/%s", w->opts->lang, name) : NULL;
	char *url = in_lang ? folio_markdown__root_page_any_case(w->opts, in_lang) : NULL;
	free(in_lang);
	if (!url)
		url = folio_markdown__root_page_any_case(w->opts, name);
	if (url)
		w->ref_path = folio_xasprintf("%s%s", url, frag);
	free(url);
	free(name);
}

/* Hugo's param: the page's own front matter (params: in folio.yaml is the
 * expander's to ask next). */
static char *page_param_hook(void *ctx, const char *name)
{
	const walk *w = ctx;
	return w->opts->param_of ? w->opts->param_of(name, w->opts->param_payload, w->opts->payload) : NULL;
}

/*
 * Hugo's ref and relref: the page is named by its file, with or without
 * ".md" (or ".html" for a page written in HTML), or by its folder (a
 * bundle's index.md, a section's _index.md, "x/index" or "x/_index");
 * a path not starting with '/' is looked for beside the page first, then
 * from the site root, then as Hugo's GetPage (ref_from_content_root). The
 * answer is the page's URL with the fragment ("/posts/x/#h"), checked as
 * any link; a page found nowhere gives the first candidate's file path
 * ("/posts/x.md"), which validation reports.
 */
static const char *ref_hook(void *ctx, const char *written)
{
	walk *w = ctx;
	/* Hugo reads the argument as a URL, its path percent-decoded:
	 * kustomize's "../Common%20Definitions/FieldSpec.md" */
	char *decoded = folio_xstrndup(written, strcspn(written, "#"));
	folio_percent_decode(decoded);
	char *own = folio_xasprintf("%s%s", decoded, written + strcspn(written, "#"));
	free(decoded);
	const char *target = own;
	size_t pathlen = strcspn(target, "#");
	const char *frag = target + pathlen;
	free(w->ref_path);
	w->ref_path = NULL;
	if (!pathlen) {
		free(own);
		return NULL;
	}
	const char *src = w->opts->source_path ? w->opts->source_path : "";
	const char *slash = strrchr(src, '/');
	size_t dirlen = slash ? (size_t)(slash - src) + 1 : 0;
	/* a leaf bundle's page (x/tides/index.md) looks beside its folder, as
	 * Hugo's GetPage does unless the path goes up itself (cuelang.org) */
	const char *base_name = slash ? slash + 1 : src;
	bool leaf = slash && !strncmp(base_name, "index.", 6) &&
	            folio_markdown__ends_with(base_name, strlen(base_name), ".md");
	const char *up = leaf && dirlen > 1 ? memrchr(src, '/', dirlen - 1) : NULL;
	size_t updirlen = up ? (size_t)(up - src) + 1 : 0;
	/* "../settings/players" from that page: Hugo 0.123 and later read a
	 * name without an extension from the bundle's section too (its
	 * ContainerDir), where 0.111 found nothing; tried after the folder */
	const char *lastseg = memrchr(target, '/', pathlen);
	lastseg = lastseg ? lastseg + 1 : target;
	bool from_section = leaf && !strncmp(target, "..", 2) &&
	                    !memchr(lastseg, '.', pathlen - (size_t)(lastseg - target));
	if (leaf && strncmp(target, "..", 2))
		dirlen = updirlen;
	bool dir = target[pathlen - 1] == '/';
	char *first = NULL;
	/* from the page's folder, from its bundle's section, from the root */
	for (int from = target[0] == '/' ? 2 : 0; from < 3 && !w->ref_path; from++) {
		if (from == 1 && !from_section)
			continue;
		char *base = folio_markdown__normalize_file_path(src, from == 2 ? 0 : from == 1 ? updirlen : dirlen,
		                                                 target, pathlen);
		if (!base)
			continue;
		const char *sep = base[0] ? "/" : "";
		char *cands[3] = { NULL, NULL, NULL };
		/* "ui/index" or "ui/_index.md" names the folder's page, a leaf's
		 * index.md or a branch's _index.md alike, as Hugo's GetPage keys
		 * both by their folder (MyPaint's relref "index" from a bundle) */
		const char *last = strrchr(base, '/');
		last = last ? last + 1 : base;
		size_t lastlen = strlen(last) - (folio_markdown__ends_with(last, strlen(last), ".md") ? 3 : 0);
		if (!dir && ((lastlen == 5 && !strncmp(last, "index", 5)) || (lastlen == 6 && !strncmp(last, "_index", 6)))) {
			int d = (int)(last - base);
			cands[0] = folio_xasprintf("%.*sindex.md", d, base);
			cands[1] = folio_xasprintf("%.*s_index.md", d, base);
		} else if (!dir && (folio_markdown__ends_with(base, strlen(base), ".md") ||
		                    folio_markdown__ends_with(base, strlen(base), ".markdown") ||
		                    folio_markdown__ends_with(base, strlen(base), ".html"))) {
			/* a page's own file, Markdown or HTML (Agones' ref to its
			 * agones_crd_api_reference.html) */
			cands[0] = folio_xstrdup(base);
		} else {
			cands[0] = dir ? NULL : folio_xasprintf("%s.md", base);
			cands[1] = folio_xasprintf("%s%sindex.md", base, sep);
			cands[2] = folio_xasprintf("%s%s_index.md", base, sep);
		}
		for (size_t i = 0; i < 3; i++) {
			if (!cands[i])
				continue;
			const char *url = w->ref_path ? NULL : page_url(w, cands[i]);
			if (url) /* the page's own address, as Hugo writes it; then checked as a link */
				w->ref_path = folio_xasprintf("%s%s", url, frag);
			if (!first)
				first = cands[i];
			else
				free(cands[i]);
		}
		free(base);
	}
	if (!w->ref_path)
		ref_from_content_root(w, target, pathlen, frag);
	if (w->ref_path && w->opts->page_url_of) { /* the site's answer: kept, its link placed */
		FOLIO_ARRAY_GROW(w->ref_urls, w->nref_urls, w->ref_urls_alloc, w->nref_urls + 1);
		w->ref_urls[w->nref_urls++] = folio_xstrdup(w->ref_path);
	}
	if (!w->ref_path && first) {
		w->ref_path = folio_xasprintf("/%s%s", first, frag);
		FOLIO_ARRAY_GROW(w->ref_missing, w->nref_missing, w->ref_missing_alloc, w->nref_missing + 2);
		w->ref_missing[w->nref_missing++] = folio_xstrdup(w->ref_path);
		w->ref_missing[w->nref_missing++] = folio_xstrdup(written);
	}
	free(first);
	free(own);
	return w->ref_path;
}

static void note_hook(void *ctx, folio_markdown_note_kind kind, const char *subject, unsigned line,
                      unsigned column)
{
	folio_markdown__add_note(ctx, kind, subject, NULL, line, column);
}

/* "/<site path>" of Jekyll's {% include_relative rel %} ("./rel" here) in
 * the page at page_path: from the page's folder, as Jekyll's, "." and
 * ".." read; NULL when it is absolute, climbs out of the site or has an
 * empty step. */
static char *relative_include(const char *page_path, const char *rel)
{
	folio_buf b = FOLIO_BUF_INIT;
	const char *slash = strrchr(page_path, '/');
	folio_buf_putc(&b, '/');
	if (slash)
		folio_buf_put(&b, page_path, (size_t)(slash - page_path) + 1);
	bool ok = *rel != '\0';
	for (const char *p = rel; ok && *p;) {
		size_t n = strcspn(p, "/");
		if (!n) {
			ok = false; /* "/etc/x", "a//b" */
		} else if (n == 2 && !memcmp(p, "..", 2)) {
			size_t k = b.size - 1; /* past the folder's '/' */
			while (k && b.ptr[k - 1] != '/')
				k--;
			ok = k > 0; /* the site's root has none above it */
			if (ok)
				folio_buf_truncate(&b, k);
		} else if (n != 1 || *p != '.') {
			folio_buf_put(&b, p, n);
			if (p[n])
				folio_buf_putc(&b, '/');
		}
		p += n + (p[n] == '/');
		if (ok && !*p && b.ptr[b.size - 1] == '/')
			ok = false; /* a folder ("x/..") */
	}
	if (!ok) {
		folio_buf_dispose(&b);
		return NULL;
	}
	return folio_buf_detach(&b, NULL);
}

/* An include's text, its name kept for the page's dependencies: "x" of
 * _includes/, "/docs/x.md" of the site (include_relative, "./x.md"). */
static char *include_hook(void *ctx, const char *asked, size_t *len, const char **why)
{
	walk *w = ctx;
	folio_markdown *md = w->md;
	char *rel = NULL;
	if (!strncmp(asked, "./", 2)) {
		rel = relative_include(w->opts->source_path ? w->opts->source_path : "", asked + 2);
		if (!rel) {
			*why = "is no plain path within the site";
			return NULL;
		}
	}
	const char *name = rel ? rel : asked;
	if (!rel && asked[0] == '/') { /* "/x" names a file of the site, include_relative's alone */
		*why = "is no plain path below _includes/";
		return NULL;
	}
	bool seen = false;
	for (size_t i = 0; i < md->nincludes && !seen; i++)
		seen = !strcmp(md->includes[i], name);
	if (!seen) {
		FOLIO_ARRAY_GROW(md->includes, md->nincludes, w->include_alloc, md->nincludes + 1);
		md->includes[md->nincludes++] = folio_xstrdup(name);
	}
	char *text = w->opts->include_of(name, len, why, w->opts->include_payload);
	free(rel);
	return text;
}

static char *inline_html_hook(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	return folio_markdown_inline_html(text, len);
}

/* ---- entry points ---- */

char *folio_markdown_inline_html(const char *text, size_t len)
{
	pthread_once(&register_once, register_extensions);
	pthread_mutex_lock(&parse_lock);
	char *html = cmark_markdown_to_html(text, len, CMARK_OPT_DEFAULT);
	pthread_mutex_unlock(&parse_lock);
	if (!html)
		return NULL;
	/* one paragraph, and only one: its inner HTML */
	size_t n = strlen(html);
	char *inner = NULL;
	if (n > 8 && !strncmp(html, "<p>", 3) && !strcmp(html + n - 5, "</p>\n") &&
	    !memmem(html + 3, n - 8, "<p>", 3))
		inner = folio_xstrndup(html + 3, n - 8);
	cmark_get_default_mem_allocator()->free(html);
	return inner;
}

/* An anchor entry "\x01<name>" for each shortcode folio does not know,
 * and for Jekyll's {% include %} (its template may make an id: Azure's
 * {% include requirement/MUST id="x" %}), folio_markdown.anchors says why;
 * after the anchors of no other kind, which the walk adds later, so a
 * page's list is the same at every render. */
static void mark_unknown_shortcodes(walk *w)
{
	folio_markdown *md = w->md;
	size_t nnotes = md->nnotes;
	for (size_t i = 0; i < nnotes; i++) {
		const folio_markdown_note *n = &md->notes[i];
		bool include = (n->kind == FOLIO_MD_NOTE_LIQUID_TAG &&
		                (!strcmp(n->subject, "include") || !strcmp(n->subject, "include_relative"))) ||
		               n->kind == FOLIO_MD_NOTE_LIQUID_INCLUDE || n->kind == FOLIO_MD_NOTE_INCLUDE_BUDGET;
		if (n->kind != FOLIO_MD_NOTE_SHORTCODE_UNKNOWN && !include)
			continue;
		/* an include folio did not expand is one name, whichever file */
		const char *name = n->kind == FOLIO_MD_NOTE_LIQUID_TAG || n->kind == FOLIO_MD_NOTE_SHORTCODE_UNKNOWN
		                           ? n->subject
		                           : "include";
		char *mark = folio_xasprintf("%c%s", FOLIO_MARKDOWN_SHORTCODE_MARK, name);
		bool seen = false;
		for (size_t j = 0; j < md->nanchors && !seen; j++)
			seen = !strcmp(md->anchors[j], mark);
		if (seen) {
			free(mark);
			continue;
		}
		FOLIO_ARRAY_GROW(md->anchors, md->nanchors, w->anchor_alloc, md->nanchors + 1);
		md->anchors[md->nanchors++] = mark;
	}
}

/* cmark-gfm's parse of text, or NULL when it would take the arena past
 * cap bytes (0: no cap), *parser_out then NULL too (folio_md_arena_watch). */
static cmark_node *parse(const char *text, size_t len, int options, bool autolinks, size_t cap,
                         cmark_mem *mem, cmark_llist **exts, cmark_parser **parser_out)
{
	/* with raw HTML allowed, html_filter.c refuses what tagfilter would
	 * escape into visible text (and iframes of listed hosts are kept) */
	static const char *const names[] = { "table", "strikethrough", "autolink", "tagfilter" };
	size_t nnames = sizeof(names) / sizeof(names[0]) - ((options & CMARK_OPT_UNSAFE) != 0);
	cmark_parser *parser = cmark_parser_new_with_mem(options, mem);
	for (size_t i = 0; i < nnames; i++) {
		if (!autolinks && !strcmp(names[i], "autolink"))
			continue; /* bare URLs stay text, as kramdown leaves them */
		cmark_syntax_extension *ext = cmark_find_syntax_extension(names[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	jmp_buf over;
	cmark_node *volatile doc = NULL;
	pthread_mutex_lock(&parse_lock);
	if (!setjmp(over)) {
		if (cap)
			folio_md_arena_watch(cap, &over);
		cmark_parser_feed(parser, text, len);
		doc = cmark_parser_finish(parser);
	}
	folio_md_arena_watch(0, NULL);
	/* a jump out of the inline parse left the extensions' characters in
	 * cmark-gfm's global table, which its end would have taken out: a
	 * later parse without those extensions would stop at them */
	if (!doc)
		cmark_manage_extensions_special_characters(parser, false);
	pthread_mutex_unlock(&parse_lock); /* the jump too comes here */
	*exts = doc ? cmark_parser_get_syntax_extensions(parser) : NULL;
	*parser_out = doc ? parser : NULL;
	return doc;
}

/*
 * A page not written in Markdown is one block of type, its text as is:
 * - written in HTML (html_page): a raw HTML block, as Hugo hands an .html
 *   content file's body to its templates unchanged; the walk then reads it
 *   as any raw HTML (allow_html, active content, links, ids);
 * - plain text (text_page): a code block, which cmark escapes into
 *   <pre><code>; the walk finds no link, heading or HTML in it.
 */
static cmark_node *one_block_document(cmark_node_type type, const char *text, size_t len, int options,
                                      cmark_mem *mem, cmark_llist **exts, cmark_parser **parser_out)
{
	cmark_node *doc = parse("", 0, options, true, 0, mem, exts, parser_out);
	if (!doc || !len)
		return doc;
	cmark_node *block = folio_md_node_new(type);
	char *lit = folio_xstrndup(text, len);
	cmark_node_set_literal(block, lit);
	free(lit);
	cmark_node_append_child(doc, block);
	return doc;
}

/* The HTML into md, or md->expanded set when cmark-gfm's would take the
 * arena past cap bytes (0: no cap): a footnote's backlinks, escaped URLs. */
static int render_html(folio_markdown *md, cmark_node *doc, int options, cmark_llist *exts,
                       cmark_mem *mem, size_t cap)
{
	jmp_buf over;
	if (setjmp(over)) {
		folio_md_arena_watch(0, NULL);
		md->expanded = cap;
		md->html = folio_xstrdup("");
		return 0;
	}
	if (cap)
		folio_md_arena_watch(cap, &over);
	char *html = cmark_render_html_with_mem(doc, options, exts, mem);
	folio_md_arena_watch(0, NULL);
	if (!html)
		return folio_error_set("markdown: cmark-gfm failed to render");
	md->html_len = strlen(html);
	md->html = folio_xstrndup(html, md->html_len);
	mem->free(html);
	return 0;
}

/* The arrays grew by doubling; a site keeps every page's for its whole
 * load, where the unused half was 0.7 KB a page (heaptrack, 10k pages). */
#define TRIM(items, count) \
	do { \
		if ((count) && (items)) \
			(items) = folio_xrealloc((items), (count) * sizeof(*(items))); \
	} while (0)

static void trim_arrays(folio_markdown *md)
{
	TRIM(md->links, md->nlinks);
	TRIM(md->headings, md->nheadings);
	TRIM(md->paragraphs, md->nparagraphs);
	TRIM(md->anchors, md->nanchors);
	TRIM(md->notes, md->nnotes);
}

/*
 * What cmark-gfm may allocate for a text of len bytes (0: no cap): 32
 * times the text covers a parse (a 10 KB page takes 40 KB), and 4 times
 * page-output the HTML's buffer as it grows; HTML past that would pass
 * page-output anyway. A reference link copies its definition at each use
 * (2,000 uses of a 100 KB URL, 1.3 GB; a 2.3 MB page was killed at 24 GB).
 */
static size_t arena_cap(size_t len, size_t max_output)
{
	if (max_output == SIZE_MAX || len > SIZE_MAX / 64 || max_output > SIZE_MAX / 8)
		return 0;
	return len * 32 + max_output * 4;
}

/* What the walk holds, its nheadings heading nodes among it; the shortcode
 * hooks fill the ref lists before any parse, so a text refused unparsed
 * has them too. */
static void walk_dispose(walk *w, size_t nheadings)
{
	free(w->lines.starts);
	for (size_t i = 0; i < nheadings; i++)
		cmark_node_free(w->heading_nodes[i]);
	free(w->heading_nodes);
	for (size_t i = 0; i < w->ndl; i++)
		cmark_node_free(w->dl_nodes[i]);
	free(w->dl_nodes);
	for (size_t i = 0; i < w->ndt; i++)
		free(w->dt_ids[i]);
	free(w->dt_ids);
	free(w->ids.slots);
	for (size_t i = 0; i < w->nfn; i++)
		free(w->fn_labels[i]);
	free(w->fn_labels);
	for (size_t i = 0; i < w->nref_urls; i++)
		free(w->ref_urls[i]);
	free(w->ref_urls);
	for (size_t i = 0; i < w->nref_missing; i++)
		free(w->ref_missing[i]);
	free(w->ref_missing);
}

/* The text refused before it is parsed (a budget said why in out): no
 * HTML, no summary; what the expansion and the walk held is freed. */
static int refuse_unparsed(folio_markdown *out, folio_shortcode_expansion *x, walk *w)
{
	out->html = folio_xstrdup("");
	out->summary = folio_xstrdup("");
	folio_shortcodes_dispose(x);
	folio_buf_dispose(&w->before_more);
	walk_dispose(w, 0);
	return 0;
}

int folio_markdown_render(folio_markdown *out, const char *text, size_t len,
                          unsigned first_line, const folio_markdown_options *opts)
{
	static const folio_markdown_options defaults = FOLIO_MARKDOWN_OPTIONS_INIT;
	walk w;
	cmark_parser *parser = NULL;
	cmark_llist *exts = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (len > TEXT_MAX)
		return folio_error_set("markdown: text of %zu bytes is too large", len);
	if (!opts)
		opts = &defaults;
	if (opts->max_table_cells != SIZE_MAX && text && !opts->text_page) { /* plain text has no table */
		unsigned line;
		size_t cells = count_table_cells(text, len, opts->max_table_cells, &line);
		if (cells > opts->max_table_cells) {
			out->table_cells = cells;
			out->table_line = line + (first_line ? first_line : 1) - 1;
			out->html = folio_xstrdup("");
			out->summary = folio_xstrdup("");
			return 0;
		}
	}
	pthread_once(&register_once, register_extensions);

	memset(&w, 0, sizeof(w));
	w.md = out;
	w.opts = opts;
	w.first_line = first_line ? first_line : 1;
	folio_buf_init(&w.before_more);

	/* shortcodes first: "{{<figure src=x>}}" would otherwise parse as a
	 * tag; plain text has none: it is shown as written */
	folio_shortcode_expansion x;
	folio_shortcode_hooks hooks = { link_hook, ref_hook, note_hook, &w, w.first_line, opts->params,
	                                inline_html_hook, page_param_hook, opts->figure_from_root,
	                                opts->figure_library, opts->liquid_page, opts->own_shortcodes,
	                                opts->include_of ? include_hook : NULL, opts->max_output,
	                                opts->liquid_page && !opts->html_page, NULL };
	if (opts->source_path) { /* Jekyll's page.name: the file's name, its folders aside */
		const char *slash = strrchr(opts->source_path, '/');
		hooks.page_name = slash ? slash + 1 : opts->source_path;
	}
	folio_shortcodes_expand(&x, text, opts->text_page ? 0 : len, &hooks);
	mark_unknown_shortcodes(&w);
	w.shortcodes = &x;
	free(w.ref_path);
	free(w.ref_scratch);
	if (x.text) {
		if (opts->expansion_within && x.len > len && !opts->expansion_within(x.len - len, opts->expansion_payload)) {
			out->text_over = true; /* refused unparsed, as tables past table-cells */
			return refuse_unparsed(out, &x, &w);
		}
		text = x.text;
		len = x.len;
		w.expanded = true;
	}
	/* Hugo's enableEmoji: in the source, once its shortcodes are read, so
	 * that a heading's id is made of the emoji's text ("english-version-") */
	char *emojified = NULL;
	size_t emojified_len = 0;
	if (opts->emoji && text && !opts->html_page && !opts->text_page &&
	    (emojified = folio_emoji_replace(text, len, &emojified_len))) {
		text = emojified;
		len = emojified_len;
	}
	/* an included file's tables count against table-cells as the page's */
	if (out->nincludes && x.text && opts->max_table_cells != SIZE_MAX) {
		unsigned line;
		size_t cells = count_table_cells(text, len, opts->max_table_cells, &line);
		if (cells > opts->max_table_cells) {
			out->table_cells = cells;
			out->table_line = file_line(&w, (int)line);
			free(emojified);
			return refuse_unparsed(out, &x, &w);
		}
	}

	int options = CMARK_OPT_FOOTNOTES;
	if (!opts->utf8_valid || w.expanded)
		options |= CMARK_OPT_VALIDATE_UTF8;
	/* a page written in HTML keeps its HTML whatever allow_html says (Hugo
	 * publishes an .html content file's body as it is; Osuny's pages lost
	 * theirs to "raw HTML omitted"); active content is refused alike */
	if (opts->allow_html || opts->html_page)
		options |= CMARK_OPT_UNSAFE;
	w.html_page = opts->html_page;
	size_t cap = arena_cap(len, opts->max_output);
	folio_md_arena arena;
	cmark_mem *mem = folio_md_arena_begin(&arena);
	cmark_node *doc = opts->html_page || opts->text_page
	                          ? one_block_document(opts->html_page ? CMARK_NODE_HTML_BLOCK : CMARK_NODE_CODE_BLOCK,
	                                               text ? text : "", text ? len : 0, options, mem, &exts, &parser)
	                          : parse(text ? text : "", text ? len : 0, options | CMARK_OPT_SOURCEPOS,
	                                  !opts->no_autolinks, cap, mem, &exts, &parser);
	if (!doc) {
		/* parse() drops the parser when cmark-gfm's memory went past cap */
		bool over = cap && !parser;
		if (parser)
			cmark_parser_free(parser);
		folio_md_arena_end(&arena);
		folio_shortcodes_dispose(&x);
		folio_buf_dispose(&w.before_more);
		walk_dispose(&w, 0);
		free(emojified);
		if (!over) {
			folio_markdown_dispose(out);
			return folio_error_set("markdown: cmark-gfm failed to parse");
		}
		out->expanded = cap; /* refused unparsed, as tables past table-cells */
		out->html = folio_xstrdup("");
		free(out->summary);
		out->summary = folio_xstrdup("");
		return 0;
	}

	folio_markdown__lines_build(&w.lines, text ? text : "", text ? len : 0);
	/* an attribute list is text that opens with '{', which the text cmark
	 * read wrote as '{' or as an entity (&#123;): without either there is
	 * none to strip, and no walk of every node for it (1.7% of a check) */
	if (text && (memchr(text, '{', len) || memchr(text, '&', len)))
		folio_markdown__strip_all_ials(&w, doc);
	if (opts->smart_quotes) /* before the walk: summaries and headings read the converted text */
		folio_markdown__kramdown_typography(doc, opts, &w.lines);
	else if (opts->typographer)
		folio_markdown__goldmark_typography(doc, &w.lines);
	if (opts->goldmark_autolinks && !opts->no_autolinks)
		folio_markdown__goldmark_autolinks(doc);
	if (opts->task_lists && !opts->html_page && !opts->text_page)
		folio_markdown__goldmark_tasks(doc);
	walk_tree(&w, doc);
	folio_markdown__footnote_anchors(&w);
	if (w.more_seen) {
		free(out->summary);
		out->summary = NULL;
		while (w.before_more.size && w.before_more.ptr[w.before_more.size - 1] == ' ')
			folio_buf_truncate(&w.before_more, w.before_more.size - 1);
		folio_buf_putc(&w.before_more, '\0');
		out->summary = folio_markdown__summary_of(w.before_more.ptr);
	}
	folio_buf_dispose(&w.before_more);
	for (size_t i = 0; i < out->nheadings; i++)
		heading_set_id(w.heading_nodes[i], &out->headings[i]);
	for (size_t i = 0, dt = 0; i < w.ndl; i++)
		folio_markdown__dl_build(w.dl_nodes[i], w.dt_ids, w.ndt, &dt);
	if (!out->summary)
		out->summary = folio_xstrdup("");
	/* a Jekyll page's Markdown is kramdown's: its items' paragraphs, task
	 * lists and code blocks too */
	if (opts->liquid_page && !opts->html_page && !opts->text_page && !opts->no_html) {
		folio_markdown__kramdown_lists(doc);
		folio_markdown__kramdown_task_lists(doc);
		folio_markdown__kramdown_code(doc);
	}

	rc = opts->no_html ? 0 : render_html(out, doc, options, exts, mem, cap);
	if (rc == 0 && !opts->no_html && !out->expanded)
		folio_markdown__footnote_ids(&w, &out->html, &out->html_len);
	/* a Jekyll page's notes as kramdown writes them; a site of folio's own
	 * with kramdown's ids keeps cmark-gfm's markup */
	if (rc == 0 && !opts->no_html && !out->expanded && w.nfn && opts->liquid_page && !opts->html_page &&
	    opts->footnotes == FOLIO_FOOTNOTES_KRAMDOWN)
		folio_markdown__kramdown_footnote_markup(&out->html, &out->html_len, opts->footnote_backlink);
	/* and with Goldmark's ids, a Hugo page's as Goldmark writes them */
	if (rc == 0 && !opts->no_html && !out->expanded && w.nfn && !opts->html_page &&
	    opts->footnotes == FOLIO_FOOTNOTES_GOLDMARK)
		folio_markdown__goldmark_footnote_markup(&out->html, &out->html_len);
	if (rc == 0 && x.nhtml && !opts->no_html && !out->expanded) {
		folio_buf html = FOLIO_BUF_INIT;
		folio_shortcodes_apply(&html, out->html, out->html_len, &x);
		free(out->html);
		out->html = folio_buf_detach(&html, &out->html_len);
	}
	folio_shortcodes_dispose(&x);
	trim_arrays(out);

	walk_dispose(&w, out->nheadings);
	free(emojified); /* the lines the walk read */
	cmark_node_free(doc);
	cmark_parser_free(parser);
	folio_md_arena_end(&arena);
	if (rc < 0)
		folio_markdown_dispose(out);
	return rc;
}

void folio_markdown_drop_checks(folio_markdown *md)
{
	for (size_t i = 0; i < md->nlinks; i++) {
		if (md->links[i].resolved != md->links[i].target)
			free(md->links[i].resolved);
		free(md->links[i].ref_arg);
		free(md->links[i].target);
	}
	free(md->links);
	md->links = NULL;
	md->nlinks = 0;
	for (size_t i = 0; i < md->nanchors; i++)
		free(md->anchors[i]);
	free(md->anchors);
	md->anchors = NULL;
	md->nanchors = 0;
	free(md->paragraphs);
	md->paragraphs = NULL;
	md->nparagraphs = 0;
	for (size_t i = 0; i < md->nnotes; i++) {
		free(md->notes[i].subject);
		free(md->notes[i].tag);
	}
	free(md->notes);
	md->notes = NULL;
	md->nnotes = 0;
}

void folio_markdown_dispose(folio_markdown *md)
{
	if (!md)
		return;
	free(md->html);
	for (size_t i = 0; i < md->nheadings; i++) {
		free(md->headings[i].id);
		free(md->headings[i].text);
	}
	free(md->headings);
	folio_markdown_drop_checks(md);
	free(md->summary);
	for (size_t i = 0; i < md->nincludes; i++)
		free(md->includes[i]);
	free(md->includes);
	memset(md, 0, sizeof(*md));
}
