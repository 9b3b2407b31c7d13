/*
 * The walk over a page's cmark tree, shared by the Markdown module's files:
 * markdown.c (the walk and the entry points), markdown_text.c (positions,
 * plain text, heading ids), markdown_link.c (links), markdown_html.c (raw
 * HTML) and markdown_blocks.c (heading attributes, definition lists,
 * kramdown's attribute lists). See markdown.c for the invariants.
 */
#ifndef FOLIO_MARKDOWN_WALK_H
#define FOLIO_MARKDOWN_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "folio/buf.h"
#include "folio/markdown.h"
#include "model/shortcode.h"

#define SUMMARY_MAX 300        /* bytes of summary text before the ellipsis */

/*
 * A line of Markdown as inline HTML ("*a* [b](c)" -> "<em>a</em> <a
 * href=\"c\">b</a>"), raw HTML left out: a figure's caption, as Hugo's
 * markdownify. NULL when it is not one paragraph; caller frees. Under the
 * parser's lock. Shortcodes get it as their inline_html hook.
 */
char *folio_markdown_inline_html(const char *text, size_t len);

/* ---- source lines: maps cmark's line numbers to byte offsets ---- */

typedef struct {
	const char *text;
	size_t len;
	size_t *starts; /* starts[i]: offset of line i + 1 */
	size_t count;
	size_t last_off; /* previous answer of lines_position, 0 line if none */
	unsigned last_line, last_column;
} line_index;

void folio_markdown__lines_build(line_index *li, const char *text, size_t len);
/* Offset of the start of line (1-based), clamped to the text. */
size_t folio_markdown__lines_start(const line_index *li, unsigned line);
/* Offset just past line (1-based), newline included. */
size_t folio_markdown__lines_end(const line_index *li, unsigned line);
/* Line (1-based) and column (1-based, in code points) of offset. */
void folio_markdown__lines_position(line_index *li, size_t off, unsigned *line, unsigned *column);

/* ---- plain text ---- */

bool folio_markdown__is_space(char c);
/* Hugo's summary separator, <!--more--> (blanks allowed inside). */
bool folio_markdown__is_more(const char *lit);
/*
 * Text of node's inlines as a reader sees it (markdown_text.c says which);
 * the caller frees it. more_at (when given): offset in the result of the
 * first <!--more-->, SIZE_MAX when none.
 */
char *folio_markdown__plain_text_ex(cmark_node *node, bool raw, bool strip, size_t *more_at);
/* node's text as kramdown's GFM parser keeps it for a heading's id: as
 * plain_text_ex's raw, with its typographic dashes ("--", "---") out of
 * the text (not of code). Caller frees. */
char *folio_markdown__kramdown_text(cmark_node *node, bool strip);
/* kramdown's own id of text (its basic_generate_id), which Jekyll gives
 * a heading inside an HTML block with markdown="1" even with
 * kramdown-parser-gfm: the characters before the first ASCII letter
 * dropped, then all but ASCII letters, digits, ' ' and '-'; spaces made
 * '-', in lower case; "section" when nothing is left. Caller frees. */
char *folio_markdown__kramdown_own_id(const char *text);
/* kramdown's typographic conversion of doc's text (markdown_typo.c):
 * dashes, ellipses, guillemets, and quotes made curly as
 * opts->smart_quotes say, each symbol the site's own text when
 * opts->typographic_symbols gives one; code, raw
 * HTML, an autolink's text and an image's alt are left as written, and
 * so are the characters lines (the parsed text) writes as an entity or
 * an escape. */
void folio_markdown__kramdown_typography(cmark_node *doc, const folio_markdown_options *opts, const line_index *lines);
/* Goldmark's typographer (Hugo's, typographer: true): the same symbols and
 * curly quotes by its rules, written as characters. */
void folio_markdown__goldmark_typography(cmark_node *doc, const line_index *lines);
/* Goldmark's typographer (Hugo's, typographer: true): the same symbols and
 * curly quotes by its rules, written as characters. */
void folio_markdown__goldmark_typography(cmark_node *doc, const line_index *lines);
/* Cut text (valid UTF-8) at a word boundary within SUMMARY_MAX bytes; the caller frees it. */
char *folio_markdown__summary_of(const char *text);

/* ---- heading ids ---- */

/* Ids used on the page, each with how many repeats of it were numbered. */
typedef struct {
	struct id_slot {
		const char *id; /* borrowed from the heading */
		unsigned repeats;
	} *slots;
	size_t cap, count;
} id_set;

void folio_markdown__id_insert(id_set *set, const char *id);
/* GitHub's numbering of repeats: "x", "x-1", "x-2"... skipping taken ids.
 * Takes base; the caller owns the result. */
char *folio_markdown__id_unique(id_set *set, char *base);

/* ---- the walk ---- */

typedef struct {
	folio_markdown *md;
	const folio_markdown_options *opts;
	line_index lines;
	unsigned first_line;
	size_t heading_alloc, node_alloc, link_alloc, para_alloc, anchor_alloc, include_alloc;
	cmark_node **heading_nodes; /* parallel to md->headings */
	id_set ids;
	cmark_node *block; /* block holding the inlines being walked */
	size_t cursor;     /* end of the last destination found in block */
	bool have_summary;
	bool expanded;     /* the text had shortcodes: placeholders to strip from plain text */
	folio_buf before_more; /* paragraphs' text up to <!--more--> (bounded) */
	bool more_seen;
	/* the text is one HTML block made by hand (html_page): its nodes carry
	 * no source position, and it starts on the body's first line */
	bool html_page;
	size_t note_alloc;
	char *ref_path;    /* the last answer of ref_hook */
	char *ref_scratch;
	char **ref_urls;   /* ref_hook's answers the site gave: a link to one is placed */
	size_t nref_urls, ref_urls_alloc;
	/* refs that found no page: the path written in their place, then the
	 * argument as written, pairwise */
	char **ref_missing;
	size_t nref_missing, ref_missing_alloc;
	cmark_node **dl_nodes; /* paragraphs that are definition lists, in order */
	size_t ndl, dl_alloc;
	char **dt_ids;         /* their terms' ids, in order ("" when none) */
	size_t ndt, dt_alloc;
	const folio_shortcode_expansion *shortcodes; /* of the text walked */
	char **fn_labels;      /* the footnotes' labels, in the order of their numbers */
	size_t nfn, fn_alloc;
	/* HTML blocks with markdown="1" open around the block walked, by
	 * their tag's name (kramdown's ids differ there) */
	char md_html[8][16];
	size_t nmd_html;
} walk;

/* Was target a page's address that a ref or relref found (markdown.c
 * keeps them)? Its link is then placed: where that page is decides it. */
bool folio_markdown__ref_url(const walk *w, const char *target);

static inline unsigned file_line(const walk *w, int line)
{
	return line > 0 ? w->first_line + folio_shortcodes_file_line(w->shortcodes, (unsigned)line) - 1
	                : w->html_page ? w->first_line : 0;
}

/* ---- links (markdown_link.c) ---- */

bool folio_markdown__ends_with(const char *s, size_t len, const char *suffix);
/* Site path ("posts/x.md", no leading '/') of dir + path, or NULL when it
 * climbs above the root; the caller frees it. */
char *folio_markdown__normalize_file_path(const char *dir, size_t dirlen, const char *path,
                                          size_t pathlen);
/* Fill l's kind, resolved and file_form from l->target; true when the HTML
 * should link to l->resolved instead of the target. */
bool folio_markdown__link_resolve(folio_link *l, const folio_markdown_options *opts);
/* Does l (its target and is_image set) go to a URL a browser runs script
 * from (folio_html_url_runs_script)? Then it is marked so (runs_script,
 * an external link resolved as written), html/active, and the caller
 * writes it without its URL, whatever allow_html and the rules say. */
bool folio_markdown__link_runs_script(folio_link *l);
/* opts->root_page_url of name (Hugo's GetPage), as written, then in lower
 * case ("Community"): name is lowered in place. NULL when neither names a
 * page; the caller frees. */
char *folio_markdown__root_page_any_case(const folio_markdown_options *opts, char *name);
/* Where needle (a destination or raw HTML as cmark decoded it) is written. */
void folio_markdown__locate(walk *w, cmark_node *node, const char *needle, const char *alt,
                            unsigned *line, unsigned *column);
void folio_markdown__on_link(walk *w, cmark_node *node);

/* ---- raw HTML (markdown_html.c) ---- */

void folio_markdown__add_note(walk *w, folio_markdown_note_kind kind, const char *subject,
                              const char *tag, unsigned line, unsigned column);
void folio_markdown__on_raw_html(walk *w, cmark_node *node);

/* ---- what Markdown Extra, Hugo and kramdown add (markdown_blocks.c) ---- */

/* The id "### Titre {#ancre}" gives, taken out of the heading's text; NULL
 * when there is none. The caller frees it. */
char *folio_markdown__heading_attribute_id(cmark_node *heading);
bool folio_markdown__is_definition_list(cmark_node *para);
void folio_markdown__on_definition_list(walk *w, cmark_node *para);
/* The paragraph replaced by <dl>; *dt is the index of its first term's id. */
void folio_markdown__dl_build(cmark_node *para, char **ids, size_t nids, size_t *dt);
/* Take kramdown's attribute lists out of the tree (a heading keeps its #id, a
 * paragraph gets one as an anchor of w's page). */
void folio_markdown__strip_all_ials(walk *w, cmark_node *doc);
/* Each list's items as kramdown writes them: an item's first paragraph
 * bare (<li>a</li>) unless a blank line follows it in the item, every
 * other paragraph in <p>, where CommonMark makes the whole list tight or
 * loose. */
void folio_markdown__kramdown_lists(cmark_node *doc);

/* ---- kramdown's and Rouge's markup (markdown_kramdown.c), after the walk ---- */

/* Each code block in Rouge's boxes, as Jekyll writes it. */
void folio_markdown__kramdown_code(cmark_node *doc);
/* "- [ ] a" a checkbox, its list and items of kramdown's classes; after
 * folio_markdown__kramdown_lists. */
void folio_markdown__kramdown_task_lists(cmark_node *doc);
/* autolinks: goldmark: the extension's bare URLs cut before their first
 * character outside ASCII, as Goldmark's linkify reads them (markdown_link.c). */
void folio_markdown__goldmark_autolinks(cmark_node *doc);
/* task_lists: an item opening with "[ ]" or "[x]" gets Goldmark's checkbox
 * in their place (markdown_blocks.c). */
void folio_markdown__goldmark_tasks(cmark_node *doc);

/* ---- footnotes (markdown_footnotes.c) ---- */

/* A footnote's definition: its label noted, from the source. */
void folio_markdown__on_footnote(walk *w, cmark_node *def);
/* The footnotes' ids and their first references' added to the anchors. */
void folio_markdown__footnote_anchors(walk *w);
/* cmark-gfm's footnote ids in *html rewritten as opts->footnotes says. */
void folio_markdown__footnote_ids(walk *w, char **html, size_t *len);
/* After it, with kramdown's ids: the notes' markup kramdown's, as a Jekyll
 * page has it (<div class="footnotes">, class="reversefootnote"). */
void folio_markdown__kramdown_footnote_markup(char **html, size_t *len, const char *backlink);
/* With Goldmark's ids: the notes' markup Goldmark's, as a Hugo page has it
 * (<div class="footnotes"><hr>, role="doc-backlink", &#x21a9;&#xfe0e;). */
void folio_markdown__goldmark_footnote_markup(char **html, size_t *len);

#endif
