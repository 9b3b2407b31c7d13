/*
 * The markup kramdown and Rouge give a Jekyll page where cmark-gfm's
 * differs: a code block in Rouge's boxes, a task list's checkboxes. The
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
	cmark_node **blocks = folio_md_nodes_of(doc, CMARK_NODE_CODE_BLOCK, &n);
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

/* ---- task lists ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * "[ ] " or "[x] " opening item's first paragraph, as kramdown's GFM parser
 * reads it (/\A\s*\[ \]\s+/, /\A\s*\[x\]\s+/i): 1 unchecked, 2 checked, 0
 * none. cmark-gfm may hold "[" in a text node of its own, so the leading
 * text nodes are read as one, four bytes at most.
 */
/* The paragraph node opens with: itself, or the one the box of kramdown's
 * list items holds (markdown_blocks.c); NULL when it opens with none. */
static cmark_node *lead_paragraph(cmark_node *node)
{
	cmark_node *first = cmark_node_first_child(node);
	if (first && cmark_node_get_type(first) == CMARK_NODE_CUSTOM_BLOCK)
		first = cmark_node_first_child(first);
	return first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH ? first : NULL;
}

static int task_box(cmark_node *item)
{
	cmark_node *para = lead_paragraph(item);
	if (!para)
		return 0;
	char head[4];
	size_t h = 0;
	for (cmark_node *t = cmark_node_first_child(para);
	     t && h < sizeof(head) && cmark_node_get_type(t) == CMARK_NODE_TEXT; t = cmark_node_next(t)) {
		const char *lit = cmark_node_get_literal(t);
		for (size_t i = 0; lit && lit[i] && h < sizeof(head); i++)
			head[h++] = lit[i];
	}
	if (h < 4 || head[0] != '[' || head[2] != ']' || !is_blank(head[3]))
		return 0;
	return head[1] == ' ' ? 1 : head[1] == 'x' || head[1] == 'X' ? 2 : 0;
}

/* The box's "[ ]" and the blanks after it taken out of para's leading text. */
static void drop_box_text(cmark_node *para)
{
	size_t left = 3;
	cmark_node *t = cmark_node_first_child(para);
	while (t && cmark_node_get_type(t) == CMARK_NODE_TEXT) {
		const char *lit = cmark_node_get_literal(t);
		size_t len = lit ? strlen(lit) : 0, k = 0;
		while (k < len && (left || is_blank(lit[k]))) {
			if (left)
				left--;
			k++;
		}
		cmark_node *next = cmark_node_next(t);
		if (k == len) {
			cmark_node_free(t);
			t = next;
			continue;
		}
		char *rest = folio_xstrdup(lit + k);
		cmark_node_set_literal(t, rest);
		free(rest);
		break;
	}
}

static const char *const boxes[] = {
	"",
	"<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" />",
	"<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" checked=\"checked\" />",
};

/*
 * A list some item of which opens with a box: <ul class="task-list">, each
 * item from the first such one <li class="task-list-item">, the box an
 * <input> (kramdown-parser-gfm's parse_list). The list and its items
 * become boxes of their own markup, so the paragraphs a tight list writes
 * bare are boxed bare too.
 */
static void task_list(cmark_node *list)
{
	cmark_node *first_task = NULL;
	for (cmark_node *it = cmark_node_first_child(list); it && !first_task; it = cmark_node_next(it))
		if (task_box(it))
			first_task = it;
	if (!first_task)
		return;
	bool tight = cmark_node_get_list_tight(list);
	bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	/* the list first: cmark-gfm's list holds items only, a box anything */
	cmark_node *ul = replace_by_box(list, ordered ? "<ol class=\"task-list\">" : "<ul class=\"task-list\">",
	                                ordered ? "</ol>" : "</ul>");
	if (ul == list)
		return;
	bool in_tasks = false;
	cmark_node *it = cmark_node_first_child(ul);
	folio_buf open = FOLIO_BUF_INIT;
	while (it) {
		cmark_node *next = cmark_node_next(it);
		in_tasks |= it == first_task;
		int box = in_tasks ? task_box(it) : 0;
		cmark_node *para = box ? lead_paragraph(it) : NULL;
		if (para)
			drop_box_text(para);
		/* a bare first paragraph: the box opens the item's own markup */
		bool bare = para && tight && para == cmark_node_first_child(it);
		folio_buf_clear(&open);
		folio_buf_puts(&open, in_tasks ? "<li class=\"task-list-item\">" : "<li>");
		if (bare)
			folio_buf_puts(&open, boxes[box]);
		else if (para) {
			cmark_node *input = folio_md_node_new(CMARK_NODE_CUSTOM_INLINE);
			cmark_node_set_on_enter(input, boxes[box]);
			cmark_node_set_on_exit(input, "");
			if (cmark_node_first_child(para))
				cmark_node_insert_before(cmark_node_first_child(para), input);
			else
				cmark_node_append_child(para, input);
		}
		cmark_node *li = replace_by_box(it, open.ptr, "</li>");
		/* a tight list's paragraphs bare: their inlines straight in the
		 * item's box, one node an item (the parse's arena bounds them) */
		if (tight && li != it) {
			cmark_node *c = cmark_node_first_child(li);
			while (c) {
				cmark_node *after = cmark_node_next(c);
				if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
					cmark_node *inl;
					while ((inl = cmark_node_first_child(c))) {
						cmark_node_unlink(inl);
						cmark_node_insert_before(c, inl);
					}
					cmark_node_free(c);
				}
				c = after;
			}
		}
		it = next;
	}
	folio_buf_dispose(&open);
}

void folio_markdown__kramdown_task_lists(cmark_node *doc)
{
	size_t n;
	cmark_node **lists = folio_md_nodes_of(doc, CMARK_NODE_LIST, &n);
	for (size_t i = 0; i < n; i++)
		task_list(lists[i]);
	free(lists);
}
