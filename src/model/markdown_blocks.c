/*
 * What Markdown Extra, Hugo and kramdown add to CommonMark and folio reads:
 * a heading's own id ("{#id}"), definition lists, kramdown's attribute
 * lists ("{: #id .class}") and its list items' paragraphs, Goldmark's task
 * lists.
 */
#include "folio/markdown.h"

#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "model/markdown_mem.h"
#include "model/markdown_walk.h"
#include "util/alloc.h"
#include "util/banned.h"

/* ---- heading attributes ---- */

static bool is_id_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == ':' || c == '.' || c >= 0x80;
}

/*
 * "### Titre {#ancre}": the id the author gave (Hugo's and Pandoc's heading
 * attribute), taken out of the heading's text; NULL when there is none.
 * The attribute may span several text nodes ('_' is a node of its own
 * when it is no emphasis), so the trailing text nodes are read as one.
 */
char *folio_markdown__heading_attribute_id(cmark_node *heading)
{
	cmark_node *first = cmark_node_last_child(heading);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_TEXT)
		return NULL;
	while (cmark_node_previous(first) && cmark_node_get_type(cmark_node_previous(first)) == CMARK_NODE_TEXT)
		first = cmark_node_previous(first);
	folio_buf text = FOLIO_BUF_INIT;
	for (cmark_node *n = first; n; n = cmark_node_next(n))
		folio_buf_puts(&text, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
	size_t n = text.size;
	while (n && text.ptr[n - 1] == ' ')
		n--;
	const char *open = n ? memrchr(text.ptr, '{', n) : NULL;
	char *id = NULL;
	if (open && text.ptr[n - 1] == '}' && open[1] == '#' && open + 2 < text.ptr + n - 1) {
		const char *s = open + 2, *e = text.ptr + n - 1;
		bool ok = true;
		for (const char *c = s; c < e && ok; c++)
			ok = is_id_byte((unsigned char)*c);
		if (ok) {
			id = folio_xstrndup(s, (size_t)(e - s));
			size_t keep = (size_t)(open - text.ptr);
			while (keep && text.ptr[keep - 1] == ' ')
				keep--;
			folio_buf_truncate(&text, keep);
			cmark_node_set_literal(first, text.ptr);
			while (cmark_node_next(first))
				cmark_node_free(cmark_node_next(first));
		}
	}
	folio_buf_dispose(&text);
	return id;
}


/* ---- definition lists ---- */

/*
 * "Term\n: definition" in one paragraph is a definition list (Markdown
 * Extra's, which Goldmark and kramdown read by default): the lines before
 * the first one starting with ": " are terms, each ": " line starts a
 * definition and other lines continue it. Each term gets an id made as a
 * heading's, in the same set (Hugo's autoDefinitionTermID), so links to
 * "#term" are checked as links to headings are.
 */

static bool is_break(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	return t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK;
}

/* Does the line starting at node start a definition (": ")? */
static bool dd_start(cmark_node *n)
{
	if (!n || cmark_node_get_type(n) != CMARK_NODE_TEXT)
		return false;
	const char *lit = cmark_node_get_literal(n);
	return lit && lit[0] == ':' && (lit[1] == ' ' || lit[1] == '\t');
}

/* The first node of the line after the one holding n, or NULL. */
static cmark_node *next_line(cmark_node *n)
{
	while (n && !is_break(n))
		n = cmark_node_next(n);
	return n ? cmark_node_next(n) : NULL;
}

bool folio_markdown__is_definition_list(cmark_node *para)
{
	cmark_node *line = cmark_node_first_child(para);
	if (!line || dd_start(line))
		return false;
	for (; line; line = next_line(line))
		if (dd_start(line))
			return true;
	return false;
}

void folio_markdown__on_definition_list(walk *w, cmark_node *para)
{
	FOLIO_ARRAY_GROW(w->dl_nodes, w->ndl, w->dl_alloc, w->ndl + 1);
	w->dl_nodes[w->ndl++] = para;
	for (cmark_node *line = cmark_node_first_child(para); line && !dd_start(line);
	     line = next_line(line)) {
		folio_buf raw = FOLIO_BUF_INIT;
		for (cmark_node *n = line; n && !is_break(n); n = cmark_node_next(n)) {
			char *t = folio_markdown__plain_text_ex(n, true, w->expanded, NULL);
			folio_buf_puts(&raw, t);
			free(t);
		}
		folio_buf_putc(&raw, '\0');
		char *id = folio_markdown__id_unique(&w->ids, folio_markdown_heading_id_as(raw.ptr,
		                                                                            w->opts->heading_ids));
		folio_buf_dispose(&raw);
		if (id[0]) {
			folio_markdown__id_insert(&w->ids, id);
			folio_markdown *md = w->md;
			FOLIO_ARRAY_GROW(md->anchors, md->nanchors, w->anchor_alloc, md->nanchors + 1);
			md->anchors[md->nanchors++] = folio_xstrdup(id);
		}
		FOLIO_ARRAY_GROW(w->dt_ids, w->ndt, w->dt_alloc, w->ndt + 1);
		w->dt_ids[w->ndt++] = id;
	}
}

/* A <dt> or <dd> around the inlines that will be moved into it. */
static cmark_node *dl_item(cmark_node *dl, bool dd, const char *id)
{
	folio_buf open = FOLIO_BUF_INIT;
	folio_buf_puts(&open, dd ? "<dd" : "<dt");
	if (id && id[0]) {
		folio_buf_puts(&open, " id=\"");
		folio_buf_put_html(&open, id, strlen(id));
		folio_buf_putc(&open, '"');
	}
	folio_buf_putc(&open, '>');
	cmark_node *span = folio_md_node_new(CMARK_NODE_CUSTOM_INLINE);
	cmark_node_set_on_enter(span, open.ptr);
	cmark_node_set_on_exit(span, dd ? "</dd>\n" : "</dt>\n");
	cmark_node_append_child(dl, span);
	folio_buf_dispose(&open);
	return span;
}

/* The paragraph replaced by <dl>; it is only unlinked, as a heading is
 * (heading_set_id). *dt is the index of its first term's id. */
void folio_markdown__dl_build(cmark_node *para, char **ids, size_t nids, size_t *dt)
{
	cmark_node *dl = folio_md_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node_set_on_enter(dl, "<dl>\n");
	cmark_node_set_on_exit(dl, "</dl>\n");
	cmark_node *cur = NULL, *child;
	bool line_start = true, in_dd = false;
	while ((child = cmark_node_first_child(para))) {
		cmark_node_unlink(child);
		if (is_break(child)) {
			cmark_node *next = cmark_node_first_child(para);
			if (in_dd && next && !dd_start(next))
				cmark_node_append_child(cur, child); /* the definition goes on */
			else
				cmark_node_free(child);
			line_start = !(in_dd && next && !dd_start(next));
			continue;
		}
		if (line_start) {
			if (dd_start(child)) {
				const char *lit = cmark_node_get_literal(child) + 1;
				lit += strspn(lit, " \t");
				char *rest = folio_xstrdup(lit);
				cmark_node_set_literal(child, rest);
				free(rest);
				cur = dl_item(dl, true, NULL);
				in_dd = true;
			} else {
				cur = dl_item(dl, false, *dt < nids ? ids[*dt] : NULL);
				(*dt)++;
			}
			line_start = false;
		}
		cmark_node_append_child(cur, child);
	}
	cmark_node_insert_before(para, dl);
	cmark_node_unlink(para);
}


/* ---- kramdown's attribute lists ---- */

/*
 * "{: #id .class}" on a line of its own is kramdown's block attribute list
 * (Jekyll's Markdown): it applies to the block before it (or after it), and
 * kramdown shows nothing of it; "{.class #id}" is Goldmark's, after the
 * block, with block_attributes (Hugo's parser.attribute.block). folio keeps a heading's #id (as the same
 * heading's "{#id}"), drops the rest, and never shows the list as text.
 */
#define IAL_MAX 256

/* Is s (n bytes) one attribute list: "{:" (not "{::"), no braces inside,
 * "}"? With goldmark, Goldmark's form too: "{" then '.' or '#' ("{.lead}"). */
static bool is_ial(const char *s, size_t n, bool goldmark)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n < 3 || n > IAL_MAX || s[0] != '{' || s[n - 1] != '}')
		return false;
	if (!(s[1] == ':' && s[2] != ':') && !(goldmark && (s[1] == '.' || s[1] == '#')))
		return false;
	for (size_t i = 2; i + 1 < n; i++)
		if (s[i] == '{' || s[i] == '}' || s[i] == '\n')
			return false;
	return true;
}

/* The id an attribute list gives ("{: #v1-0 .x}", "{#v1-0}" give "v1-0"), or NULL. */
static char *ial_id(const char *s)
{
	for (const char *p = strchr(s, '#'); p; p = strchr(p + 1, '#')) {
		if (p[-1] != ' ' && p[-1] != ':' && p[-1] != '{')
			continue;
		size_t n = 0;
		while (p[1 + n] && is_id_byte((unsigned char)p[1 + n]) && p[1 + n] != '}')
			n++;
		if (n)
			return folio_xstrndup(p + 1, n);
	}
	return NULL;
}

/* The text of the line of inlines from first up to a break or the end,
 * when that line is all text and an attribute list; NULL otherwise. *next
 * is the break ending it (NULL at the end). */
static char *ial_line(cmark_node *first, cmark_node **next, bool goldmark)
{
	folio_buf b = FOLIO_BUF_INIT;
	cmark_node *n = first;
	for (; n && !is_break(n); n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT || b.size > IAL_MAX) {
			folio_buf_dispose(&b);
			return NULL;
		}
		folio_buf_puts(&b, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
	}
	*next = n;
	if (!b.size || !is_ial(b.ptr, b.size, goldmark)) {
		folio_buf_dispose(&b);
		return NULL;
	}
	folio_buf_putc(&b, '\0');
	return folio_buf_detach(&b, NULL);
}

/* Free the inlines from first up to (not including) stop. */
static void free_inlines(cmark_node *first, cmark_node *stop)
{
	while (first && first != stop) {
		cmark_node *next = cmark_node_next(first);
		cmark_node_free(first);
		first = next;
	}
}

/*
 * A paragraph's "{: #fn1}" (kramdown's id for a block, which links name as
 * #fn1): an empty <a id> opens the paragraph, as cmark's <p> takes no
 * attribute, and the id is one of the page's anchors.
 */
static void paragraph_id(walk *w, cmark_node *para, const char *ial)
{
	char *id = ial_id(ial);
	if (!id)
		return;
	folio_buf open = FOLIO_BUF_INIT;
	folio_buf_puts(&open, "<a id=\"");
	folio_buf_put_html(&open, id, strlen(id));
	folio_buf_puts(&open, "\"></a>");
	cmark_node *a = folio_md_node_new(CMARK_NODE_CUSTOM_INLINE);
	cmark_node_set_on_enter(a, open.ptr);
	cmark_node_set_on_exit(a, "");
	cmark_node_prepend_child(para, a);
	folio_buf_dispose(&open);
	folio_markdown *md = w->md;
	FOLIO_ARRAY_GROW(md->anchors, md->nanchors, w->anchor_alloc, md->nanchors + 1);
	md->anchors[md->nanchors++] = id;
}

/* Take the attribute lists off the first and last lines of para; true when
 * nothing of it is left (the caller frees it). A list alone after a
 * heading gives the heading its id; one on a paragraph's first or last
 * line gives the paragraph its id. */
static bool strip_ials(walk *w, cmark_node *para)
{
	cmark_node *brk = NULL;
	bool goldmark = w->opts->block_attributes;
	char *ial = ial_line(cmark_node_first_child(para), &brk, goldmark);
	if (ial && !brk) {
		cmark_node *prev = cmark_node_previous(para);
		char *id = ial_id(ial);
		if (id && prev && cmark_node_get_type(prev) == CMARK_NODE_HEADING) {
			/* read by heading_attribute_id, as if written "## Title {#id}" */
			char *attr = folio_xasprintf(" {#%s}", id);
			cmark_node *t = folio_md_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(t, attr);
			cmark_node_append_child(prev, t);
			free(attr);
		}
		free(id);
		free(ial);
		return true;
	}
	char *first = NULL;
	if (ial) { /* "{: .x}\ntext": the list on the block's first line */
		free_inlines(cmark_node_first_child(para), cmark_node_next(brk));
		first = ial;
	}
	/* "text\n{: .note}": on its last line */
	cmark_node *last = cmark_node_last_child(para);
	while (last && cmark_node_previous(last) && !is_break(cmark_node_previous(last)))
		last = cmark_node_previous(last);
	if (last && cmark_node_previous(last) && (ial = ial_line(last, &brk, goldmark)) != NULL) {
		free_inlines(cmark_node_previous(last), NULL);
		if (cmark_node_first_child(para))
			paragraph_id(w, para, ial);
		free(ial);
	} else if (first && cmark_node_first_child(para)) {
		paragraph_id(w, para, first);
	}
	free(first);
	return cmark_node_first_child(para) == NULL;
}

/* Is n an element kramdown's span attribute list applies to, written right
 * after it: "[a](u){:target="_blank"}", "**b**{: .x}", "`c`{: .y}"? */
static bool span_element(cmark_node *n)
{
	cmark_node_type t = n ? cmark_node_get_type(n) : CMARK_NODE_NONE;
	return t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE || t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG ||
	       t == CMARK_NODE_CODE;
}

/*
 * A span attribute list opening the text after such an element: taken off,
 * as kramdown shows nothing of it (the attributes themselves are not
 * kept). The list may span text nodes ("\_" in it is one of its own).
 * Returns the list taken off (the caller frees it), or NULL.
 */
static char *strip_span_ial(cmark_node *first)
{
	folio_buf b = FOLIO_BUF_INIT;
	cmark_node *n = first;
	size_t close = 0;
	for (; n && cmark_node_get_type(n) == CMARK_NODE_TEXT && b.size <= IAL_MAX; n = cmark_node_next(n)) {
		const char *lit = cmark_node_get_literal(n);
		size_t from = b.size;
		folio_buf_puts(&b, lit ? lit : "");
		const char *end = memchr(b.ptr + from, '}', b.size - from);
		if (end) {
			close = (size_t)(end - b.ptr) + 1;
			break;
		}
	}
	if (!close || !is_ial(b.ptr, close, false)) {
		folio_buf_dispose(&b);
		return NULL;
	}
	char *ial = folio_xstrndup(b.ptr, close);
	/* the nodes wholly inside the list go, the last one keeps what follows it */
	size_t at = 0;
	for (cmark_node *t = first; t && at < close;) {
		const char *lit = cmark_node_get_literal(t);
		size_t len = lit ? strlen(lit) : 0;
		cmark_node *next = cmark_node_next(t);
		if (at + len <= close) {
			cmark_node_free(t);
		} else {
			char *rest = folio_xstrdup(lit + (close - at));
			cmark_node_set_literal(t, rest);
			free(rest);
		}
		at += len;
		t = next;
	}
	folio_buf_dispose(&b);
	return ial;
}

/* Is text the start of a list item's first paragraph, where kramdown reads
 * an attribute list of the item ("- {:.indent-3}But O heart!", the poems
 * of the Ed. theme): it gives the <li> its class and shows nothing of it. */
static bool opens_item(cmark_node *text)
{
	cmark_node *para = cmark_node_parent(text);
	cmark_node *item = para ? cmark_node_parent(para) : NULL;
	return !cmark_node_previous(text) && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH &&
	       !cmark_node_previous(para) && item && cmark_node_get_type(item) == CMARK_NODE_ITEM;
}

/* The list items' attribute lists, taken off before any block's: one that
 * fills the item's first line is a block's list there too. An item's #id
 * opens its paragraph, as a paragraph's does. */
static void strip_item_ials(walk *w, cmark_node *doc)
{
	cmark_node **items = NULL;
	size_t nitems = 0, aitems = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_TEXT && opens_item(n) &&
		    cmark_node_get_literal(n) && !strncmp(cmark_node_get_literal(n), "{:", 2)) {
			FOLIO_ARRAY_GROW(items, nitems, aitems, nitems + 1);
			items[nitems++] = n;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < nitems; i++) {
		cmark_node *para = cmark_node_parent(items[i]);
		char *ial = strip_span_ial(items[i]);
		if (ial && cmark_node_first_child(para))
			paragraph_id(w, para, ial);
		free(ial);
	}
	free(items);
}

void folio_markdown__strip_all_ials(walk *w, cmark_node *doc)
{
	cmark_node **gone = NULL, **spans = NULL;
	size_t ngone = 0, alloc = 0, nspans = 0, aspans = 0;
	strip_item_ials(w, doc);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_TEXT &&
		    span_element(cmark_node_previous(n)) && cmark_node_get_literal(n) &&
		    !strncmp(cmark_node_get_literal(n), "{:", 2)) {
			FOLIO_ARRAY_GROW(spans, nspans, aspans, nspans + 1);
			spans[nspans++] = n;
		}
		if (ev != CMARK_EVENT_EXIT || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
			continue;
		if (strip_ials(w, n)) {
			FOLIO_ARRAY_GROW(gone, ngone, alloc, ngone + 1);
			gone[ngone++] = n;
		}
	}
	cmark_iter_free(it);
	/* before the paragraphs go: a list after a span is in a kept paragraph */
	for (size_t i = 0; i < nspans; i++)
		free(strip_span_ial(spans[i]));
	free(spans);
	for (size_t i = 0; i < ngone; i++)
		cmark_node_free(gone[i]);
	free(gone);
}

/* ---- kramdown's list items ---- */

/* A blank line between the end of block and line next (0: unknown)? */
static bool blank_after(cmark_node *block, int next)
{
	int end = cmark_node_get_end_line(block);
	return end > 0 && next > end + 1;
}

/* The paragraph para in a block of no markup of its own: its grandparent
 * is then no list, and cmark-gfm writes its <p> in a tight list too. */
static void keep_paragraph(cmark_node *para)
{
	cmark_node *box = folio_md_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node_set_on_enter(box, "");
	cmark_node_set_on_exit(box, "");
	cmark_node_insert_before(para, box);
	cmark_node_unlink(para);
	cmark_node_append_child(box, para);
}

/*
 * kramdown's parser (list.rb) makes an item's first paragraph bare when no
 * blank line follows it in the item (the last item's own trailing blank
 * aside), but the last item's of a list of several whose earlier items all
 * open with a <p>: "- a\n- b\n\n- c" is <li>a</li>, <li><p>b</p></li>,
 * <li>c</li>. The list is made tight and each paragraph kramdown wraps is
 * kept in a box; lines unknown (0) leave the list as cmark-gfm made it.
 */
static void kramdown_list(cmark_node *list)
{
	size_t n = 0, bare_count = 0;
	bool bare_before = false, known = true;
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it))
		n++;
	bool *bare = folio_xcalloc(n ? n : 1, sizeof(*bare));
	size_t i = 0;
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it), i++) {
		cmark_node *first = cmark_node_first_child(it);
		if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH) {
			bare_before = true; /* an item opening with no paragraph */
			continue;
		}
		cmark_node *after = cmark_node_next(first), *next_item = cmark_node_next(it);
		int next = after ? cmark_node_get_start_line(after) : next_item ? cmark_node_get_start_line(next_item) : 0;
		known &= cmark_node_get_end_line(first) > 0 && (next > 0 || (!after && !next_item));
		bool no_blank = after || next_item ? !blank_after(first, next) : true;
		bare[i] = no_blank && (next_item || n == 1 || bare_before);
		bare_before |= bare[i];
		bare_count += bare[i];
	}
	if (known && bare_count) {
		cmark_node_set_list_tight(list, 1);
		i = 0;
		for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it), i++) {
			cmark_node *child = cmark_node_first_child(it);
			while (child) {
				cmark_node *following = cmark_node_next(child);
				if (cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH &&
				    !(bare[i] && child == cmark_node_first_child(it)))
					keep_paragraph(child);
				child = following;
			}
		}
	} else if (known) {
		cmark_node_set_list_tight(list, 0); /* every first paragraph a <p> */
	}
	free(bare);
}

void folio_markdown__kramdown_lists(cmark_node *doc)
{
	size_t n;
	cmark_node **lists = folio_md_nodes_of(doc, CMARK_NODE_LIST, &n);
	/* after the walk: the boxes change no node the walk kept */
	for (size_t i = 0; i < n; i++)
		kramdown_list(lists[i]);
	free(lists);
}

/* ---- Goldmark's task lists ---- */

/* Go's \s, which Goldmark's checkbox pattern reads around it */
static bool is_go_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* The item's first text when it opens its first paragraph with a checkbox,
 * Goldmark's ^\[([\sxX])\] there; else NULL. cmark-gfm's text is one
 * node up to the next inline of another kind, so the box is in it whole. */
static cmark_node *task_text(cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item);
	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *t = cmark_node_first_child(para);
	if (!t || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return NULL;
	const char *lit = cmark_node_get_literal(t);
	if (!lit || lit[0] != '[' || !(is_go_space(lit[1]) || lit[1] == 'x' || lit[1] == 'X') || lit[2] != ']')
		return NULL;
	return t;
}

void folio_markdown__goldmark_tasks(cmark_node *doc)
{
	size_t n = 0, nitems;
	cmark_node **items = folio_md_nodes_of(doc, CMARK_NODE_ITEM, &nitems), **texts = items;
	for (size_t i = 0; i < nitems; i++) {
		cmark_node *t = task_text(items[i]);
		if (t)
			texts[n++] = t; /* in place: the items are read in order */
	}
	/* changed once the iterator is done: it must not see its tree move */
	for (size_t i = 0; i < n; i++) {
		cmark_node *t = texts[i];
		const char *lit = cmark_node_get_literal(t);
		bool checked = lit[1] == 'x' || lit[1] == 'X';
		size_t skip = 3;
		while (is_go_space(lit[skip]))
			skip++;
		cmark_node *box = folio_md_node_new(CMARK_NODE_CUSTOM_INLINE);
		/* Goldmark's HTML, byte for byte: its renderer writes the box and
		 * one space, the blanks after the box being the pattern's */
		cmark_node_set_on_enter(box, checked ? "<input checked=\"\" disabled=\"\" type=\"checkbox\"> "
		                                     : "<input disabled=\"\" type=\"checkbox\"> ");
		cmark_node_set_on_exit(box, "");
		cmark_node_insert_before(t, box);
		if (lit[skip]) {
			char *rest = folio_xstrdup(lit + skip);
			cmark_node_set_literal(t, rest);
			free(rest);
			continue;
		}
		/* the pattern's blanks run on past the line's end: "- [ ]" then
		 * "  next" is the box and "next" */
		cmark_node *next = cmark_node_next(t);
		cmark_node_free(t);
		if (next && cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK)
			cmark_node_free(next);
	}
	free(texts);
}
