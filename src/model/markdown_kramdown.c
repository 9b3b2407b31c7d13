/*
 * The markup kramdown and Rouge give a Jekyll page where cmark-gfm's
 * differs: a code block in Rouge's boxes. The
 * tree is changed after the walk, so links, ids and text are read as
 * before; each change replaces nodes by custom blocks, whose text cmark-gfm
 * writes as it is, so only what folio itself escaped goes out raw. One
 * pass over the tree each: linear in the page.
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

/* Text as cmark-gfm escapes it in HTML. */
static void put_escaped(folio_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': folio_buf_puts(b, "&amp;"); break;
		case '<': folio_buf_puts(b, "&lt;"); break;
		case '>': folio_buf_puts(b, "&gt;"); break;
		case '"': folio_buf_puts(b, "&quot;"); break;
		default: folio_buf_putc(b, s[i]);
		}
	}
}

/* The nodes of type in doc, in document order; caller frees. */
static cmark_node **nodes_of(cmark_node *doc, cmark_node_type type, size_t *n)
{
	cmark_node **out = NULL;
	size_t alloc = 0;
	*n = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == type) {
			FOLIO_ARRAY_GROW(out, *n, alloc, *n + 1);
			out[(*n)++] = node;
		}
	}
	cmark_iter_free(it);
	return out;
}

/* A custom block of on_enter and on_exit put where node was, node's
 * children moved into it; node freed. Node itself when its parent cannot
 * hold a block (a list holds items only). */
static cmark_node *replace_by_box(cmark_node *node, const char *on_enter, const char *on_exit)
{
	cmark_node *box = folio_md_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node_set_on_enter(box, on_enter);
	cmark_node_set_on_exit(box, on_exit);
	if (!cmark_node_insert_before(node, box)) { /* node's parent cannot hold it: left as it is */
		cmark_node_free(box);
		return node;
	}
	cmark_node *child;
	while ((child = cmark_node_first_child(node))) {
		cmark_node_unlink(child);
		cmark_node_append_child(box, child);
	}
	cmark_node_free(node);
	return box;
}

/* ---- code blocks ---- */

/*
 * kramdown hands a code block to Rouge (Jekyll's highlighter), which
 * Jekyll's page wraps as <div class="language-x highlighter-rouge"><div
 * class="highlight"><pre class="highlight"><code>; a block without a
 * language is "plaintext", an indented one too. A theme's CSS styles
 * those boxes. Rouge's token spans are not written: the text is the same.
 */
void folio_markdown__kramdown_code(cmark_node *doc)
{
	size_t n;
	cmark_node **blocks = nodes_of(doc, CMARK_NODE_CODE_BLOCK, &n);
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const char *info = cmark_node_get_fence_info(blocks[i]);
		const char *lit = cmark_node_get_literal(blocks[i]);
		size_t lang = 0;
		while (info && info[lang] && info[lang] != ' ' && info[lang] != '\t')
			lang++;
		folio_buf_clear(&b);
		folio_buf_puts(&b, "<div class=\"language-");
		if (lang)
			put_escaped(&b, info, lang);
		else
			folio_buf_puts(&b, "plaintext");
		folio_buf_puts(&b, " highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>");
		if (lit)
			put_escaped(&b, lit, strlen(lit));
		folio_buf_puts(&b, "</code></pre></div></div>");
		replace_by_box(blocks[i], b.ptr, "");
	}
	folio_buf_dispose(&b);
	free(blocks);
}

