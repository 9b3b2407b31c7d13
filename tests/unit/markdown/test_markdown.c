#include "helpers.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Render text with the page events/rencontre.md, body starting at line 1. */
static void render(folio_markdown *md, const char *text, bool allow_html)
{
	folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
	opts.allow_html = allow_html;
	opts.source_path = "events/rencontre.md";
	opts.page_url = "/events/rencontre/";
	assert_folio_ok(folio_markdown_render(md, text, strlen(text), 1, &opts));
	assert_non_null(md->html);
	assert_int_equal(strlen(md->html), md->html_len);
}

static const folio_link *find_link(const folio_markdown *md, const char *target)
{
	for (size_t i = 0; i < md->nlinks; i++)
		if (!strcmp(md->links[i].target, target))
			return &md->links[i];
	fail_msg("no link to '%s'", target);
	return NULL;
}

/* The site of markdown_hugo_lookups_are_placed: two pages, one a root page
 * published in the collection "pages". */
static bool hugo_url_known(const char *url, void *payload)
{
	(void)payload;
	return !strcmp(url, "/methods/page/date/") || !strcmp(url, "/pages/documentation/");
}

static char *hugo_root_page(const char *name, void *payload)
{
	(void)payload;
	return !strcmp(name, "documentation") ? strdup("/pages/documentation/") : NULL;
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("'%s' not found in:\n%s", needle, haystack);
}

static void assert_lacks(const char *haystack, const char *needle)
{
	if (strstr(haystack, needle))
		fail_msg("'%s' unexpectedly found in:\n%s", needle, haystack);
}

static bool valid_utf8(const char *s)
{
	size_t len = strlen(s);
	while (len > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
		                                      (utf8proc_ssize_t)len, &c);
		if (n <= 0)
			return false;
		s += n;
		len -= (size_t)n;
	}
	return true;
}

static void markdown_takes_heading_ids_from_attributes(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "### Titre {#ancre}\n\n## Mon_titre {#mon_id}\n\n## Pas {un id}\n\n## Ancre {#ancre}\n", false);
	assert_int_equal(md.nheadings, 4);
	assert_string_equal(md.headings[0].id, "ancre");
	assert_string_equal(md.headings[0].text, "Titre");
	assert_string_equal(md.headings[1].id, "mon_id");
	assert_string_equal(md.headings[1].text, "Mon_titre");
	assert_string_equal(md.headings[2].text, "Pas {un id}");
	assert_string_equal(md.headings[3].id, "ancre-1"); /* ids stay unique */
	assert_contains(md.html, "<h3 id=\"ancre\">Titre</h3>");
	assert_lacks(md.html, "{#");
	folio_markdown_dispose(&md);
}

/* kramdown's attribute lists (Jekyll): "{: #id}" under a heading is its id,
 * the others are dropped, never shown */
static void markdown_reads_kramdown_attribute_lists(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "## 1.0 / 2024-05-01\n{: #v1-0}\n\n## Notes {#notes}\n\n"
	            "Read this first.\n{: .note .info}\n\n{: .lead}\nLife jackets.\n\n"
	            "{: #alone}\n\n{:: comment}\n", false);
	assert_int_equal(md.nheadings, 2);
	assert_string_equal(md.headings[0].id, "v1-0");
	assert_string_equal(md.headings[0].text, "1.0 / 2024-05-01");
	assert_contains(md.html, "<h2 id=\"v1-0\">1.0 / 2024-05-01</h2>");
	assert_contains(md.html, "<p>Read this first.</p>");
	assert_contains(md.html, "<p>Life jackets.</p>");
	assert_lacks(md.html, "{: ");
	assert_contains(md.html, "{:: comment}"); /* kramdown's extensions are not lists */
	folio_markdown_dispose(&md);
	/* on a paragraph, an id is the paragraph's: an anchor links name (#fn1) */
	render(&md, "See [one](#fn1).\n\n<sup>1</sup> Matz, [May 2000](https://x.example/).\n{: #fn1}\n\n"
	            "{: #fn2 .note}\nSecond \"note\".\n", true);
	assert_contains(md.html, "<p><a id=\"fn1\"></a><sup>1</sup> Matz");
	assert_contains(md.html, "<p><a id=\"fn2\"></a>Second");
	assert_int_equal(md.nanchors, 2);
	assert_string_equal(md.anchors[0], "fn1");
	assert_string_equal(md.anchors[1], "fn2");
	assert_lacks(md.html, "{: ");
	folio_markdown_dispose(&md);
	render(&md, "Text.\n{: #t}\n", false); /* folio's own tag, not the page's HTML */
	assert_contains(md.html, "<p><a id=\"t\"></a>Text.</p>");
	folio_markdown_dispose(&md);
}

/* "Term\n: definition" is a definition list whose terms have ids, in the
 * set of the headings' (as Hugo's autoDefinitionTermID) */
static void markdown_renders_definition_lists(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "## Plural\n\n`publishDir`\n: (`string`) Where the site is\nwritten. See [p](#plural-1).\n\n"
	            "Plural\n: The plural form.\n\nTerm A\nTerm B\n: one\n: two\n\n"
	            "Not a term\n\n: not a definition\n", false);
	assert_contains(md.html, "<dl>\n<dt id=\"publishdir\"><code>publishDir</code></dt>\n"
	                         "<dd>(<code>string</code>) Where the site is\nwritten. See "
	                         "<a href=\"#plural-1\">p</a>.</dd>\n</dl>");
	assert_contains(md.html, "<dt id=\"plural-1\">Plural</dt>\n<dd>The plural form.</dd>");
	assert_contains(md.html, "<dt id=\"term-a\">Term A</dt>\n<dt id=\"term-b\">Term B</dt>\n"
	                         "<dd>one</dd>\n<dd>two</dd>");
	assert_contains(md.html, "<p>Not a term</p>\n<p>: not a definition</p>");
	assert_int_equal(md.nanchors, 4);
	assert_string_equal(md.anchors[0], "publishdir");
	assert_string_equal(md.anchors[1], "plural-1");
	const folio_link *l = find_link(&md, "#plural-1");
	assert_int_equal(l->line, 5);
	folio_markdown_dispose(&md);
}

/* The line index (memchr over LF when the text has no CR, else byte by
 * byte) gives a link the same line and column whatever the line ends; and
 * utf8_valid (the load checked the bytes) renders what cmark's own UTF-8
 * pass gives on valid text. */
static void markdown_positions_alike_for_any_line_end(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"Intro\n\nUn [lien](/a/) ici\net [un autre](/b/)\n",
		"Intro\r\n\r\nUn [lien](/a/) ici\r\net [un autre](/b/)\r\n",
		"Intro\r\rUn [lien](/a/) ici\ret [un autre](/b/)\r",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		folio_markdown md;
		render(&md, texts[i], false);
		const folio_link *a = find_link(&md, "/a/"), *b = find_link(&md, "/b/");
		assert_int_equal(a->line, 3);
		assert_int_equal(a->column, 11);
		assert_int_equal(b->line, 4);
		assert_int_equal(b->column, 15);
		folio_markdown_dispose(&md);
	}
	const char *text = "# \xC3\x89t\xC3\xA9\n\nTexte \xE2\x80\x94 *accentu\xC3\xA9* [x](/x/)\n";
	folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
	opts.source_path = "events/rencontre.md";
	opts.page_url = "/events/rencontre/";
	folio_markdown checked, trusted;
	assert_folio_ok(folio_markdown_render(&checked, text, strlen(text), 1, &opts));
	opts.utf8_valid = true;
	assert_folio_ok(folio_markdown_render(&trusted, text, strlen(text), 1, &opts));
	assert_string_equal(checked.html, trusted.html);
	assert_string_equal(checked.summary, trusted.summary);
	folio_markdown_dispose(&checked);
	folio_markdown_dispose(&trusted);
}

static void markdown_reads_anchors_and_links_of_raw_html(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "<a name=\"haut\"></a>\n\n<div id='carte'>\n<a href=\"../people/x.md#bio\">X</a>\n"
	            "<img src=\"plan.png\">\n<!-- <a href=\"/cache/\"> -->\n</div>\n", true);
	assert_int_equal(md.nanchors, 2);
	assert_string_equal(md.anchors[0], "haut");
	assert_string_equal(md.anchors[1], "carte");
	const folio_link *l = find_link(&md, "../people/x.md#bio");
	assert_string_equal(l->resolved, "/people/x/#bio");
	assert_int_equal(l->line, 4);
	assert_int_equal(l->column, 10);
	assert_string_equal(find_link(&md, "plan.png")->resolved, "/events/plan.png");
	assert_int_equal(md.nlinks, 2); /* not the one in a comment */
	assert_contains(md.html, "<a href=\"/people/x/#bio\">X</a>");
	folio_markdown_dispose(&md);
	/* without allow_html the HTML is not kept, so it says nothing */
	render(&md, "<div id=\"carte\"><a href=\"/x/\">x</a></div>\n", false);
	assert_int_equal(md.nanchors, 0);
	assert_int_equal(md.nlinks, 0);
	folio_markdown_dispose(&md);
}

static void markdown_renders_tables(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "| Date | Lieu |\n|---|:-:|\n| 12 mai | *Lyon* |\n", false);
	assert_contains(md.html, "<table>");
	assert_contains(md.html, "<th>Date</th>");
	assert_contains(md.html, "<td align=\"center\"><em>Lyon</em></td>");
	folio_markdown_dispose(&md);
}

static void markdown_counts_table_cells_before_parsing(void **state)
{
	(void)state;
	/* a wide header, then one-cell rows cmark-gfm would widen to it */
	folio_buf text = FOLIO_BUF_INIT;
	folio_buf_puts(&text, "Intro.\n\n|");
	for (int i = 0; i < 200; i++)
		folio_buf_puts(&text, "a|");
	folio_buf_puts(&text, "\n|");
	for (int i = 0; i < 200; i++)
		folio_buf_puts(&text, ":-:|");
	folio_buf_putc(&text, '\n');
	for (int i = 0; i < 100; i++)
		folio_buf_puts(&text, "x\n");
	folio_buf_puts(&text, "\nAfter.\n\n| one | two |\n|---|---|\n| 1 | 2 |\n");
	folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
	opts.max_table_cells = 20000; /* 200 x 102 = 20400 */
	folio_markdown md;
	assert_folio_ok(folio_markdown_render(&md, text.ptr, text.size, 10, &opts));
	assert_true(md.table_cells > 20000);
	assert_int_equal(md.table_line, 12); /* the header row: line 3 of text starting at 10 */
	assert_string_equal(md.html, "");
	folio_markdown_dispose(&md);
	/* under the budget the same text renders, both tables counted */
	opts.max_table_cells = 30000;
	assert_folio_ok(folio_markdown_render(&md, text.ptr, text.size, 10, &opts));
	assert_int_equal(md.table_cells, 0);
	assert_contains(md.html, "<td>2</td>");
	folio_markdown_dispose(&md);
	/* 0 is the smallest budget, not "none": a site lowering it to 0 refuses every table */
	opts.max_table_cells = 0;
	const char *small = "| a |\n|---|\n";
	assert_folio_ok(folio_markdown_render(&md, small, strlen(small), 1, &opts));
	assert_int_equal(md.table_cells, 2);
	folio_markdown_dispose(&md);
	/* thematic breaks and setext underlines are no tables */
	opts.max_table_cells = 1;
	const char *plain = "Title\n---\n\n- - -\n\n----\ntext | with a pipe\n";
	assert_folio_ok(folio_markdown_render(&md, plain, strlen(plain), 1, &opts));
	assert_int_equal(md.table_cells, 0);
	folio_markdown_dispose(&md);
	folio_buf_dispose(&text);
}

static void markdown_renders_footnotes(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "Un fait[^1].\n\n[^1]: Source : rapport 2021.\n", false);
	assert_contains(md.html, "<sup class=\"footnote-ref\"><a href=\"#fn-1\"");
	assert_contains(md.html, "<li id=\"fn-1\">");
	assert_contains(md.html, "Source : rapport 2021.");
	folio_markdown_dispose(&md);
}

static void markdown_renders_strikethrough(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "Prix : ~~20 €~~ 15 €\n", false);
	assert_contains(md.html, "<del>20 €</del> 15 €");
	folio_markdown_dispose(&md);
}

static void markdown_autolinks_bare_urls_as_external_links(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "Voir https://example.org/a?b=1 ou www.example.com.\n", false);
	assert_contains(md.html, "<a href=\"https://example.org/a?b=1\">https://example.org/a?b=1</a>");
	assert_contains(md.html, "<a href=\"http://www.example.com\">www.example.com</a>.");
	assert_int_equal(md.nlinks, 2);
	const folio_link *l = find_link(&md, "https://example.org/a?b=1");
	assert_int_equal(l->kind, FOLIO_LINK_EXTERNAL);
	assert_string_equal(l->resolved, "https://example.org/a?b=1");
	assert_int_equal(l->line, 1);
	assert_int_equal(l->column, 6);
	l = find_link(&md, "http://www.example.com");
	assert_int_equal(l->kind, FOLIO_LINK_EXTERNAL);
	assert_int_equal(l->column, 35);
	folio_markdown_dispose(&md);
}

/* autolinks: false (a Jekyll site: kramdown links no bare URL): the URL
 * stays text and is no link to check; <https://...> is still a link. */
static void markdown_leaves_bare_urls_as_text_without_autolinks(void **state)
{
	(void)state;
	folio_markdown md;
	folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
	opts.no_autolinks = true;
	opts.source_path = "_posts/2009-03-04-ruby.md";
	opts.page_url = "/news/2009/03/04/ruby/";
	const char *text = "Voir https://example.org/v1\\_8\\_7/NEWS ou www.example.com et <https://example.net/>.\n";
	assert_folio_ok(folio_markdown_render(&md, text, strlen(text), 1, &opts));
	/* the backslashes escape the underscores, as kramdown reads them */
	assert_contains(md.html, "<p>Voir https://example.org/v1_8_7/NEWS ou www.example.com et");
	assert_contains(md.html, "<a href=\"https://example.net/\">https://example.net/</a>");
	assert_int_equal(md.nlinks, 1);
	assert_string_equal(md.links[0].target, "https://example.net/");
	folio_markdown_dispose(&md);
}

/* autolinks: goldmark (a Hugo site): a bare URL ends before its first
 * character outside ASCII, then its trailing punctuation, as Goldmark's
 * linkify cuts it; one after a letter is no link (its triggers are a line
 * head, a blank, '*', '_', '~', '('); a host in other letters is no link;
 * <...> is CommonMark's autolink, left whole. cmark-gfm linked each up to
 * the next blank: "https://example.net。" had an invalid host. */
static void markdown_cuts_autolinks_as_goldmark(void **state)
{
	(void)state;
	folio_markdown md;
	folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
	opts.goldmark_autolinks = true;
	opts.source_path = "posts/a.md";
	opts.page_url = "/posts/a/";
	const char *text = "访问 www.example.org/路径 或 https://example.net。\n"
	                   "见https://example.com/a，很好。\n"
	                   "(https://example.com/b.，x) https://例子.com/c *https://example.com/d*\n"
	                   "<https://example.com/é>\n"
	                   "端口 http://example.com:8080/路径 与 http://localhost:15000访问\n"
	                   "See http://is.gd/ca\\_street and https://example.org/tic\\_tac.\n";
	assert_folio_ok(folio_markdown_render(&md, text, strlen(text), 1, &opts));
	assert_contains(md.html, "<a href=\"http://www.example.org/\">www.example.org/</a>路径");
	assert_contains(md.html, "<a href=\"https://example.net\">https://example.net</a>。");
	assert_contains(md.html, "见https://example.com/a，很好。");
	assert_contains(md.html, "(<a href=\"https://example.com/b\">https://example.com/b</a>.，x)");
	assert_contains(md.html, "https://例子.com/c <em>");
	assert_contains(md.html, "<em><a href=\"https://example.com/d\">");
	assert_contains(md.html, "<a href=\"https://example.com/%C3%A9\">https://example.com/é</a>");
	assert_contains(md.html, "<a href=\"http://example.com:8080/\">http://example.com:8080/</a>路径");
	assert_contains(md.html, "与 http://localhost:15000访问");
	/* a backslash ends it too, and escapes what follows as ever */
	assert_contains(md.html, "See <a href=\"http://is.gd/ca\">http://is.gd/ca</a>_street and");
	assert_contains(md.html, "<a href=\"https://example.org/tic\">https://example.org/tic</a>_tac.");
	assert_int_equal(md.nlinks, 8);
	assert_non_null(find_link(&md, "https://example.net"));
	folio_markdown_dispose(&md);
}

static void markdown_escapes_raw_html_by_default(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "Texte\n\nun <b>gras</b> mot\n\n<script>alert(1)</script>\n", false);
	assert_lacks(md.html, "<b>");
	assert_lacks(md.html, "<script>");
	assert_contains(md.html, "<!-- raw HTML omitted -->");
	assert_true(md.has_raw_html);
	assert_int_equal(md.raw_html_line, 3);
	assert_int_equal(md.raw_html_column, 4);
	folio_markdown_dispose(&md);
}

static void markdown_keeps_raw_html_when_allowed(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "# Titre\n\n<div class=\"note\">\nA\n</div>\n\nun <b>gras</b> mot\n", true);
	assert_contains(md.html, "<div class=\"note\">\nA\n</div>");
	assert_contains(md.html, "un <b>gras</b> mot");
	assert_true(md.has_raw_html);
	assert_int_equal(md.raw_html_line, 3);
	assert_int_equal(md.raw_html_column, 1);
	folio_markdown_dispose(&md);

	/* active content is refused and left out, never escaped into visible text */
	render(&md, "<script>alert(1)</script>\n", true);
	assert_lacks(md.html, "script");
	assert_int_equal(md.nnotes, 1);
	assert_int_equal(md.notes[0].kind, FOLIO_MD_NOTE_HTML_TAG);
	assert_string_equal(md.notes[0].subject, "script");
	folio_markdown_dispose(&md);

	/* an SVG's <title> (a Graphviz drawing's tooltip, in its HTML block) is
	 * SVG's, kept; HTML's <title>, after an <svg/> that closed itself or
	 * after </svg>, is not */
	render(&md, "<svg viewBox=\"0 0 10 10\">\n<g><title>node A</title><circle r=\"4\"/></g>\n</svg>\n", true);
	assert_contains(md.html, "<title>node A</title>");
	assert_int_equal(md.nnotes, 0);
	folio_markdown_dispose(&md);
	render(&md, "<div><svg/><title>x</title></div>\n\n<div><svg></svg><title>y</title></div>\n", true);
	assert_int_equal(md.nnotes, 2);
	assert_string_equal(md.notes[0].subject, "title");
	assert_lacks(md.html, "<title>");
	folio_markdown_dispose(&md);
}

/* A theme's toggle: a <button> whose script is the template's does nothing
 * on its own, so it is kept; one tied to a form, a popover or a command,
 * or with an on* handler, is active content. */
static void markdown_keeps_inert_buttons(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "<button type=\"button\" class=\"btn js-toggle-dark-mode\">Preview</button>\n", true);
	assert_contains(md.html, "<button type=\"button\" class=\"btn js-toggle-dark-mode\">Preview</button>");
	assert_int_equal(md.nnotes, 0);
	folio_markdown_dispose(&md);

	const char *tied[] = { "<button form=\"search\">Go</button>\n",
	                       "<button FormAction=\"https://evil.example/\">Go</button>\n",
	                       "<button popovertarget=\"menu\">Menu</button>\n",
	                       "<button commandfor=\"dlg\" command=\"show-modal\">Open</button>\n" };
	for (size_t i = 0; i < sizeof(tied) / sizeof(*tied); i++) {
		render(&md, tied[i], true);
		assert_lacks(md.html, "<button"); /* its end tag alone is inert */
		assert_true(md.nnotes >= 1);
		assert_int_equal(md.notes[md.nnotes - 1].kind, FOLIO_MD_NOTE_HTML_TAG);
		assert_string_equal(md.notes[md.nnotes - 1].subject, "button");
		folio_markdown_dispose(&md);
	}
	render(&md, "<button onclick=\"alert(1)\">x</button>\n", true);
	assert_lacks(md.html, "<button");
	assert_int_equal(md.nnotes, 1);
	assert_int_equal(md.notes[0].kind, FOLIO_MD_NOTE_HTML_ATTRIBUTE);
	folio_markdown_dispose(&md);
}

/* A checklist's <input type="checkbox"> beside its <label>
 * (opensource.guide) submits nothing without a form, so it is kept, as are
 * radio buttons; any other <input> (text, a password, submit, no type),
 * one tied to a form of the template, or one whose first type= is another
 * (a browser takes the first), is active content. */
static void markdown_keeps_checkboxes(void **state)
{
	(void)state;
	folio_markdown md;
	const char *kept[] = { "<input type=\"checkbox\" id=\"cbox1\" class=\"d-block\" value=\"checkbox\">\n",
	                       "<input TYPE=Radio name=\"a\">\n" };
	for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++) {
		render(&md, kept[i], true);
		assert_contains(md.html, "<input");
		assert_int_equal(md.nnotes, 0);
		folio_markdown_dispose(&md);
	}
	const char *refused[] = { "<input type=\"password\" name=\"pw\">\n", "<input name=\"q\">\n",
	                          "<input type=\"submit\">\n", "<input type=\"checkbox\" form=\"search\">\n",
	                          "<input type=\"checkbox\" formaction=\"https://evil.example/\">\n",
	                          "<input type=\"password\" type=\"checkbox\">\n",
	                          "<input type=\"&#99;heckbox\">\n" };
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		render(&md, refused[i], true);
		assert_lacks(md.html, "<input");
		assert_true(md.nnotes >= 1);
		assert_int_equal(md.notes[md.nnotes - 1].kind, FOLIO_MD_NOTE_HTML_TAG);
		assert_string_equal(md.notes[md.nnotes - 1].subject, "input");
		folio_markdown_dispose(&md);
	}
}

/* A comment ends where a browser ends it: "<!-->", "<!--->" at once,
 * "--!>" too; what follows is HTML, and checked (a scout's script ran). */
static void markdown_comment_ends_as_browsers_end_it(void **state)
{
	(void)state;
	folio_markdown md;
	const char *refused[] = { "<!--><img src=x onerror=\"alert(1)\">-->\n",
	                          "<!---><img src=x onerror=\"alert(1)\">-->\n",
	                          "<!-- a --!><img src=x onerror=\"alert(1)\">-->\n",
	                          "Text <!--><img src=x onerror=alert(1)>--> here.\n" };
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		render(&md, refused[i], true);
		if (md.nnotes < 1)
			fail_msg("no finding for %s", refused[i]);
		assert_int_equal(md.notes[0].kind, FOLIO_MD_NOTE_HTML_ATTRIBUTE);
		assert_string_equal(md.notes[0].subject, "onerror");
		folio_markdown_dispose(&md);
	}
	const char *kept[] = { "<!-- a note -- with dashes -->\n", "<!-- <img onerror=x> as text -->\n" };
	for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++) {
		render(&md, kept[i], true);
		assert_int_equal(md.nnotes, 0);
		folio_markdown_dispose(&md);
	}
}

static void markdown_without_html_reports_none(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "Rien de `<b>` ici, ni de\n\n    <div>\n", false);
	assert_false(md.has_raw_html);
	assert_int_equal(md.raw_html_line, 0);
	folio_markdown_dispose(&md);
}

static void markdown_drops_javascript_links_in_safe_mode(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "[clic](javascript:alert(1)) ![x](javascript:alert(2))\n", false);
	assert_lacks(md.html, "javascript");
	assert_contains(md.html, "<a href=\"\">clic</a>");
	assert_int_equal(md.nlinks, 2);
	const folio_link *l = find_link(&md, "javascript:alert(1)");
	assert_int_equal(l->kind, FOLIO_LINK_EXTERNAL);
	assert_string_equal(l->runs_script, "javascript");
	folio_markdown_dispose(&md);
	/* and with allow_html, where cmark-gfm keeps them: never written */
	render(&md, "[a](JaVaScRiPt:alert(1)) [b](&#106;avascript:x) [c](data:text/html,x) <vbscript:y>\n"
	            "![ok](data:image/png;base64,iVBORw0KGgo=)\n", true);
	assert_lacks(md.html, "alert");
	assert_lacks(md.html, "avascript:");
	assert_lacks(md.html, "href=\"vbscript");
	assert_lacks(md.html, "data:text");
	assert_contains(md.html, "data:image/png");
	for (size_t i = 0; i < md.nlinks; i++)
		assert_true((md.links[i].runs_script != NULL) == (strstr(md.links[i].target, "image/png") == NULL));
	folio_markdown_dispose(&md);
}

static void heading_id_keeps_french_accents(void **state)
{
	(void)state;
	char *id = folio_markdown_heading_id("Une posture professionnelle singulière");
	assert_string_equal(id, "une-posture-professionnelle-singulière");
	free(id);
	id = folio_markdown_heading_id("ÉTÉ À Genève");
	assert_string_equal(id, "été-à-genève");
	free(id);
}

static void heading_id_drops_punctuation(void **state)
{
	(void)state;
	char *id = folio_markdown_heading_id("Qu'est-ce que c'est ? (2021) — l'été, « vraiment » !");
	assert_string_equal(id, "quest-ce-que-cest--2021--lété--vraiment--");
	free(id);
	id = folio_markdown_heading_id("snake_case & C++  2");
	assert_string_equal(id, "snake_case--c--2");
	free(id);
	id = folio_markdown_heading_id("?!");
	assert_string_equal(id, "");
	free(id);
}

/* Hugo's rules (Goldmark's autoHeadingIDType): marks are dropped, so an
 * emoji's variation selector leaves the space before it as a '-' (falco.org
 * links to #breaking-changes-and-deprecations-); github-ascii also takes
 * accents off. GitHub's own rule keeps the mark. */
static void heading_id_by_hugo_rules(void **state)
{
	(void)state;
	const char *h = "Breaking changes and deprecations \xE2\x9A\xA0\xEF\xB8\x8F";
	char *id = folio_markdown_heading_id_as(h, FOLIO_HEADING_IDS_GOLDMARK);
	assert_string_equal(id, "breaking-changes-and-deprecations-");
	free(id);
	id = folio_markdown_heading_id(h);
	assert_string_equal(id, "breaking-changes-and-deprecations-\xEF\xB8\x8F");
	free(id);
	id = folio_markdown_heading_id_as("\xC3\x89t\xC3\xA9 \xC3\xA0 Gen\xC3\xA8ve_2 \xE2\x80\xBF", FOLIO_HEADING_IDS_GOLDMARK);
	assert_string_equal(id, "\xC3\xA9t\xC3\xA9-\xC3\xA0-gen\xC3\xA8ve_2-");
	free(id);
	id = folio_markdown_heading_id_as("\xC3\x89t\xC3\xA9 \xC3\xA0 Gen\xC3\xA8ve \xE6\x97\xA5", FOLIO_HEADING_IDS_GOLDMARK_ASCII);
	assert_string_equal(id, "ete-a-geneve-");
	free(id);
}

static void heading_id_drops_invalid_utf8(void **state)
{
	(void)state;
	char *id = folio_markdown_heading_id("a\xff\xc3 b\xe2\x82");
	assert_string_equal(id, "a-b");
	free(id);
}

static void markdown_heading_ids_and_inlines(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "# L'*équipe* `v2` [lien](/a/)\n\n## Une posture professionnelle singulière\n", false);
	assert_contains(md.html,
		"<h1 id=\"léquipe-v2-lien\">L'<em>équipe</em> <code>v2</code> <a href=\"/a/\">lien</a></h1>");
	assert_contains(md.html,
		"<h2 id=\"une-posture-professionnelle-singulière\">Une posture professionnelle singulière</h2>");
	assert_int_equal(md.nheadings, 2);
	assert_string_equal(md.headings[0].text, "L'équipe v2 lien");
	assert_int_equal(md.headings[0].level, 1);
	assert_int_equal(md.headings[0].line, 1);
	assert_string_equal(md.headings[1].id, "une-posture-professionnelle-singulière");
	assert_int_equal(md.headings[1].level, 2);
	assert_int_equal(md.headings[1].line, 3);
	folio_markdown_dispose(&md);
}

/* the image's alt text lives in the heading's buffer, which must outlive rendering */
static void markdown_heading_with_image_keeps_alt_text(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "## ![Logo du réseau](logo.png) et *nous*\n", false);
	assert_contains(md.html, "<h2 id=\"-et-nous\"><img src=\"/events/logo.png\" "
	                         "alt=\"Logo du réseau\" /> et <em>nous</em></h2>");
	assert_string_equal(md.headings[0].text, "et nous");
	folio_markdown_dispose(&md);
}

static void markdown_numbers_repeated_heading_ids(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "# Bio\n## Bio\n### Bio-1\n#### Bio\n##### Bio !\n", false);
	assert_int_equal(md.nheadings, 5);
	assert_string_equal(md.headings[0].id, "bio");
	assert_string_equal(md.headings[1].id, "bio-1");
	/* "bio-1" is taken, so GitHub numbers the written one too */
	assert_string_equal(md.headings[2].id, "bio-1-1");
	assert_string_equal(md.headings[3].id, "bio-2");
	assert_string_equal(md.headings[4].id, "bio-");
	assert_contains(md.html, "<h4 id=\"bio-2\">Bio</h4>");
	folio_markdown_dispose(&md);
}

static void markdown_output_has_no_sourcepos(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "# T\n\n> a\n\n- b\n\n| x |\n|---|\n| y |\n\n```c\nint x;\n```\n", false);
	assert_lacks(md.html, "data-sourcepos");
	folio_markdown_dispose(&md);
}

static void markdown_rewrites_file_form_links(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "Voir [Jane](../people/jane-doe.md#bio) et [index](../people/index.md).\n", false);
	assert_contains(md.html, "<a href=\"/people/jane-doe/#bio\">Jane</a>");
	assert_contains(md.html, "<a href=\"/people/\">index</a>");
	assert_lacks(md.html, ".md");
	const folio_link *l = find_link(&md, "../people/jane-doe.md#bio");
	assert_int_equal(l->kind, FOLIO_LINK_INTERNAL);
	assert_string_equal(l->resolved, "/people/jane-doe/#bio");
	assert_true(l->file_form);
	assert_false(l->is_image);
	assert_int_equal(l->line, 1);
	assert_int_equal(l->column, 13);
	folio_markdown_dispose(&md);
}

/* With hugo_links, a link Hugo's GetPage resolves (capitals, from the
 * content root, a root page by its file) is written with the page's URL,
 * which the site answered: placed, so a kept feed fragment holding it is
 * made again when that answer may change. A link found as written is not. */
static void markdown_hugo_lookups_are_placed(void **state)
{
	(void)state;
	folio_markdown md;
	folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
	opts.source_path = "content/templates/intro.md";
	opts.page_url = "/templates/intro/";
	opts.hugo_links = true;
	opts.url_known = hugo_url_known;
	opts.root_page_url = hugo_root_page;
	const char *text = "[a](methods/page/Date/) [b](/Methods/Page/Date/) [c](/documentation) "
	                   "[d](/methods/page/date/)\n";
	assert_folio_ok(folio_markdown_render(&md, text, strlen(text), 1, &opts));
	const folio_link *l = find_link(&md, "methods/page/Date/");
	assert_string_equal(l->resolved, "/methods/page/date/");
	assert_true(l->placed);
	l = find_link(&md, "/Methods/Page/Date/");
	assert_string_equal(l->resolved, "/methods/page/date/");
	assert_true(l->placed);
	l = find_link(&md, "/documentation");
	assert_string_equal(l->resolved, "/pages/documentation/");
	assert_true(l->placed);
	assert_contains(md.html, "href=\"/pages/documentation/\"");
	l = find_link(&md, "/methods/page/date/");
	assert_string_equal(l->resolved, "/methods/page/date/");
	assert_false(l->placed);
	folio_markdown_dispose(&md);
}

static void markdown_resolves_internal_links(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md,
	       "[a](/people/x/) [b](#programme) [c](../static/a.pdf) ![d](img/p.png)\n"
	       "[e](../../../etc/passwd) [e2](../../img/a.png) [f](./autre.md) [g](//cdn.example/x) [h](mailto:a@b.fr)\n"
	       "[i](/people/index.md#top) [j](?page=2) [k](../people/)\n",
	       false);
	const folio_link *l = find_link(&md, "/people/x/");
	assert_string_equal(l->resolved, "/people/x/");
	assert_false(l->file_form);
	l = find_link(&md, "#programme");
	assert_string_equal(l->resolved, "/events/rencontre/#programme");
	assert_contains(md.html, "href=\"#programme\"");
	l = find_link(&md, "../static/a.pdf");
	assert_string_equal(l->resolved, "/static/a.pdf");
	assert_contains(md.html, "href=\"/static/a.pdf\"");
	l = find_link(&md, "img/p.png");
	assert_true(l->is_image);
	assert_string_equal(l->resolved, "/events/img/p.png");
	assert_contains(md.html, "<img src=\"/events/img/p.png\" alt=\"d\" />");
	/* above the site root from the file's folder and from the page's URL:
	 * a browser stays at the root (/etc/passwd, a path of the site, which
	 * validation reports as no page); never outside it */
	l = find_link(&md, "../../../etc/passwd");
	assert_int_equal(l->kind, FOLIO_LINK_INTERNAL);
	assert_string_equal(l->resolved, "/etc/passwd");
	/* above it from the file's folder (events/) only: read from the page's
	 * URL (/events/rencontre/), as a browser does */
	l = find_link(&md, "../../img/a.png");
	assert_string_equal(l->resolved, "/img/a.png");
	l = find_link(&md, "./autre.md");
	assert_true(l->file_form);
	assert_string_equal(l->resolved, "/events/autre/");
	l = find_link(&md, "/people/index.md#top");
	assert_true(l->file_form);
	assert_string_equal(l->resolved, "/people/#top");
	assert_contains(md.html, "href=\"/people/#top\"");
	l = find_link(&md, "?page=2");
	assert_string_equal(l->resolved, "/events/rencontre/?page=2");
	l = find_link(&md, "../people/");
	assert_false(l->file_form);
	assert_string_equal(l->resolved, "/people/");
	l = find_link(&md, "//cdn.example/x");
	assert_int_equal(l->kind, FOLIO_LINK_EXTERNAL);
	l = find_link(&md, "mailto:a@b.fr");
	assert_int_equal(l->kind, FOLIO_LINK_EXTERNAL);
	assert_string_equal(l->resolved, "mailto:a@b.fr");
	folio_markdown_dispose(&md);
}

static void markdown_locates_links_in_the_original_file(void **state)
{
	(void)state;
	const char *body =
		"# Programme\n"                                   /* 10 */
		"\n"                                              /* 11 */
		"Première ligne sans lien,\n"                     /* 12 */
		"   puis [é](../people/jane-doe.md) et\r\n"       /* 13 */
		"[même](/a/) puis [même](/a/).\n"                 /* 14 */
		"\n"                                              /* 15 */
		"> - cité : <https://example.org/x>\n"            /* 16 */
		"\n"                                              /* 17 */
		"| a | b |\n"                                     /* 18 */
		"|---|---|\n"                                     /* 19 */
		"| x | [t](t.md) |\n"                             /* 20 */
		"\n"                                              /* 21 */
		"[réf][r]\n"                                      /* 22 */
		"\n"                                              /* 23 */
		"[r]: /ref/\n";                                   /* 24 */
	folio_markdown md;
	folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
	opts.source_path = "events/rencontre.md";
	assert_folio_ok(folio_markdown_render(&md, body, strlen(body), 10, &opts));
	assert_int_equal(md.nlinks, 6);
	assert_int_equal(md.links[0].line, 13);
	assert_int_equal(md.links[0].column, 13); /* columns count characters */
	assert_int_equal(md.links[1].line, 14);
	assert_int_equal(md.links[1].column, 8);
	assert_int_equal(md.links[2].line, 14);
	assert_int_equal(md.links[2].column, 25);
	assert_string_equal(md.links[3].target, "https://example.org/x");
	assert_int_equal(md.links[3].line, 16);
	assert_int_equal(md.links[3].column, 13);
	assert_int_equal(md.links[4].line, 20);
	assert_int_equal(md.links[4].column, 11);
	/* defined elsewhere: the link itself is pointed at */
	assert_string_equal(md.links[5].target, "/ref/");
	assert_int_equal(md.links[5].line, 22);
	assert_int_equal(md.links[5].column, 1);
	assert_int_equal(md.headings[0].line, 10);
	folio_markdown_dispose(&md);
}

static void markdown_summary_is_first_paragraph(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "# Titre\n\nLe *premier*   paragraphe,\nsur `deux` lignes ![img](a.png).\n\nLe second.\n", false);
	assert_string_equal(md.summary, "Le premier paragraphe, sur deux lignes .");
	folio_markdown_dispose(&md);

	render(&md, "# Seulement un titre\n", false);
	assert_string_equal(md.summary, "");
	folio_markdown_dispose(&md);
}

static void markdown_summary_is_cut_at_a_word(void **state)
{
	(void)state;
	folio_buf text = FOLIO_BUF_INIT;
	for (int i = 0; i < 70; i++)
		folio_buf_puts(&text, "été "); /* 6 bytes each */
	folio_buf_puts(&text, "\n");
	folio_markdown md;
	render(&md, text.ptr, false);
	size_t len = strlen(md.summary);
	assert_true(len <= 300 + 3);
	assert_true(len > 250);
	assert_string_equal(md.summary + len - 3, "\xE2\x80\xA6");
	assert_memory_equal(md.summary + len - 8, "été", 5);
	assert_true(valid_utf8(md.summary));
	folio_markdown_dispose(&md);

	/* one word longer than the limit: cut between characters */
	folio_buf_clear(&text);
	for (int i = 0; i < 200; i++)
		folio_buf_puts(&text, "é");
	render(&md, text.ptr, false);
	assert_true(valid_utf8(md.summary));
	assert_int_equal(strlen(md.summary), 300 + 3);
	folio_markdown_dispose(&md);
	folio_buf_dispose(&text);
}

static void markdown_lists_long_paragraphs_with_lines(void **state)
{
	(void)state;
	const char *blurb = "Ce livre rassemble des contributions de chercheurs et de praticiens "
	                    "autour de la coopération.";
	folio_buf text = FOLIO_BUF_INIT;
	folio_buf_printf(&text, "%s\n\nCourt.\n\n> %s\n", blurb, blurb);
	folio_markdown md;
	render(&md, text.ptr, false);
	assert_int_equal(md.nparagraphs, 2);
	assert_int_equal(md.paragraphs[0].len, strlen(blurb));
	assert_int_equal(md.paragraphs[0].line, 1);
	assert_true(md.paragraphs[0].hash == md.paragraphs[1].hash);
	assert_int_equal(md.paragraphs[1].len, strlen(blurb));
	assert_int_equal(md.paragraphs[1].line, 5);
	folio_markdown_dispose(&md);
	folio_buf_dispose(&text);
}

/* A paragraph's hash is its text's with blanks folded: the same words in
 * other blanks are a repeat; a byte changed anywhere, in the last bytes
 * too (past the last whole eight), or one byte more, is not. */
static void markdown_hashes_paragraphs_by_their_folded_text(void **state)
{
	(void)state;
	const char *variants[] = {
		"Ce livre rassemble des contributions de chercheurs et de praticiens autour de la cooperation.",
		"Ce livre  rassemble des\tcontributions de chercheurs\net de praticiens autour de la cooperation.",
		"Ce livre rassemble des contributions de chercheurs et de praticiens autour de la cooperation!",
		"Ce livre rassemble des contributions de chercheurs et de praticiens autour de la cooperation..",
		"Ce livre rassemble des contributions de chercheurs et de praticiens autour du la cooperation.",
		"De livre rassemble des contributions de chercheurs et de praticiens autour de la cooperation.",
	};
	size_t n = sizeof(variants) / sizeof(variants[0]);
	folio_buf text = FOLIO_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		folio_buf_printf(&text, "%s%s\n", i ? "\n" : "", variants[i]);
	folio_markdown md;
	render(&md, text.ptr, false);
	assert_int_equal(md.nparagraphs, n);
	assert_int_equal(md.paragraphs[1].len, md.paragraphs[0].len);
	assert_true(md.paragraphs[1].hash == md.paragraphs[0].hash);
	for (size_t i = 2; i < n; i++)
		for (size_t k = 0; k < i; k++)
			assert_true(md.paragraphs[i].hash != md.paragraphs[k].hash);
	folio_markdown_dispose(&md);
	folio_buf_dispose(&text);
}

/* An attribute list is stripped when the text writes its brace as an
 * entity too (cmark reads "&#123;" as "{"): the test that skips the strip
 * for a text without braces looks for '&' as well. */
static void markdown_strips_attribute_lists_written_with_entities(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "Un paragraphe.\n&#123;: .note}\n\nSans accolade.\n", false);
	assert_null(strstr(md.html, ".note"));
	assert_non_null(strstr(md.html, "<p>Un paragraphe.</p>"));
	folio_markdown_dispose(&md);
	render(&md, "Un paragraphe.\n{: .note}\n", false);
	assert_null(strstr(md.html, ".note"));
	folio_markdown_dispose(&md);
}

static void markdown_survives_invalid_utf8(void **state)
{
	(void)state;
	const char body[] = "# T\xff\xfe\n\nA\xc3 b\0c [x](\xe2\x82.md) \xf0\x9f\n";
	folio_markdown md;
	folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
	assert_folio_ok(folio_markdown_render(&md, body, sizeof(body) - 1, 1, &opts));
	assert_true(valid_utf8(md.html));
	assert_true(valid_utf8(md.summary));
	assert_int_equal(md.nheadings, 1);
	assert_true(valid_utf8(md.headings[0].id));
	assert_int_equal(md.nlinks, 1);
	assert_true(valid_utf8(md.links[0].target));
	folio_markdown_dispose(&md);
}

static void markdown_accepts_empty_text(void **state)
{
	(void)state;
	folio_markdown md;
	assert_folio_ok(folio_markdown_render(&md, "", 0, 1, NULL));
	assert_string_equal(md.html, "");
	assert_string_equal(md.summary, "");
	assert_int_equal(md.nlinks, 0);
	folio_markdown_dispose(&md);
	folio_markdown_dispose(&md); /* disposing twice is harmless */
}

static void markdown_survives_pathological_nesting(void **state)
{
	(void)state;
	folio_buf text = FOLIO_BUF_INIT;
	for (int i = 0; i < 10000; i++)
		folio_buf_putc(&text, '>');
	folio_buf_puts(&text, " [a](b.md)\n\n");
	for (int i = 0; i < 10000; i++)
		folio_buf_puts(&text, "*a ");
	folio_buf_puts(&text, "\n\n");
	for (int i = 0; i < 10000; i++)
		folio_buf_putc(&text, '[');
	folio_markdown md;
	render(&md, text.ptr, false);
	assert_int_equal(md.nlinks, 1);
	assert_string_equal(md.links[0].resolved, "/events/b/");
	assert_int_equal(md.links[0].column, 10006);
	folio_markdown_dispose(&md);
	folio_buf_dispose(&text);
}

static void *render_many(void *arg)
{
	bool *ok = arg;
	const char *text = "| a |\n|---|\n| ~~x~~ https://e.org |\n";
	for (int i = 0; i < 300; i++) {
		folio_markdown md;
		if (folio_markdown_render(&md, text, strlen(text), 1, NULL) < 0)
			return NULL;
		bool good = strstr(md.html, "<del>x</del> <a href=\"https://e.org\">") != NULL;
		folio_markdown_dispose(&md);
		if (!good)
			return NULL;
	}
	*ok = true;
	return NULL;
}

static void markdown_renders_from_several_threads(void **state)
{
	(void)state;
	pthread_t threads[4];
	bool ok[4] = { false, false, false, false };
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, render_many, &ok[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(threads[i], NULL);
		assert_true(ok[i]);
	}
}

static void markdown_more_separates_the_summary(void **state)
{
	(void)state;
	folio_markdown md;
	/* allowed without allow_html: it is no raw HTML */
	render(&md, "Premier.\n\nDeuxième *aussi*.\n\n<!--more-->\n\nPas au résumé.\n", false);
	assert_string_equal(md.summary, "Premier. Deuxième aussi.");
	assert_false(md.has_raw_html);
	folio_markdown_dispose(&md);

	render(&md, "Avant <!-- more --> après.\n\nSuite.\n", false);
	assert_string_equal(md.summary, "Avant");
	assert_false(md.has_raw_html);
	folio_markdown_dispose(&md);

	/* any other comment is no raw HTML either (it shows and runs nothing),
	 * nor is it the separator; a tag after it is raw HTML */
	render(&md, "Un.\n\n<!--less-->\n\nDeux <!-- a --><!-- b -->.\n", false);
	assert_false(md.has_raw_html);
	assert_string_equal(md.summary, "Un.");
	folio_markdown_dispose(&md);
	render(&md, "Un.\n\n<!--less--> <b>gras</b>\n", false);
	assert_true(md.has_raw_html);
	folio_markdown_dispose(&md);
}

static void markdown_expands_shortcodes(void **state)
{
	(void)state;
	folio_markdown md;
	render(&md, "Intro {{< youtube abc >}} fin.\n\n{{<figure src=\"x.jpg\" caption=\"Légende\">}}\n\n"
	            "Voir [la page]({{< ref \"autre.md#h\" >}}) et {{< mystere >}}.\n\n"
	            "{{< highlight sh >}}\necho '<b>'\n{{< /highlight >}}\n", false);
	/* the figure replaces its paragraph: no <figure> inside a <p> */
	assert_contains(md.html, "\n<figure><img src=\"/events/x.jpg\" alt=\"Légende\"><figcaption>");
	assert_lacks(md.html, "<p><figure>");
	assert_contains(md.html, "Intro <div class=\"embed embed-youtube\"><iframe src=\"https://www.youtube-nocookie.com/embed/abc\"");
	assert_contains(md.html, "<a href=\"/events/autre/#h\">la page</a>");
	assert_contains(md.html, "<pre><code class=\"language-sh\">echo &#39;&lt;b&gt;&#39;\n</code></pre>");
	assert_lacks(md.html, "{{");
	assert_lacks(md.html, "mystere");
	assert_false(md.has_raw_html);
	/* no shortcode text in the summary */
	assert_string_equal(md.summary, "Intro fin.");
	/* the figure's src and the ref are links of the page, at their lines */
	const folio_link *img = find_link(&md, "x.jpg");
	assert_non_null(img);
	assert_true(img->is_image);
	assert_int_equal(img->line, 3);
	const folio_link *ref = find_link(&md, "/events/autre.md#h");
	assert_non_null(ref);
	assert_int_equal(ref->line, 5);
	assert_int_equal(md.nnotes, 1);
	assert_int_equal(md.notes[0].kind, FOLIO_MD_NOTE_SHORTCODE_UNKNOWN);
	assert_string_equal(md.notes[0].subject, "mystere");
	assert_int_equal(md.notes[0].line, 5);
	folio_markdown_dispose(&md);
}

static void markdown_keeps_listed_iframes_only(void **state)
{
	(void)state;
	static const char *const hosts[] = { "www.openstreetmap.org" };
	folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
	opts.allow_html = true;
	opts.embeds = hosts;
	opts.nembeds = 1;
	folio_markdown md;
	const char *text = "Carte :\n\n<iframe src=\"https://www.openstreetmap.org/e\"></iframe>\n\n"
	                   "<iframe src=\"https://evil.example/\"></iframe>\n\nun <b onmouseover=\"x()\">mot</b>\n";
	assert_folio_ok(folio_markdown_render(&md, text, strlen(text), 1, &opts));
	assert_contains(md.html, "<iframe src=\"https://www.openstreetmap.org/e\"></iframe>");
	assert_lacks(md.html, "evil");
	assert_lacks(md.html, "&lt;iframe");
	assert_lacks(md.html, "onmouseover");
	assert_int_equal(md.nnotes, 2);
	assert_int_equal(md.notes[0].kind, FOLIO_MD_NOTE_HTML_IFRAME_HOST);
	assert_string_equal(md.notes[0].subject, "evil.example");
	assert_int_equal(md.notes[0].line, 5);
	assert_int_equal(md.notes[1].kind, FOLIO_MD_NOTE_HTML_ATTRIBUTE);
	assert_string_equal(md.notes[1].subject, "onmouseover");
	assert_string_equal(md.notes[1].tag, "b");
	assert_int_equal(md.notes[1].line, 7);
	folio_markdown_dispose(&md);
}

/* A front matter's excerpt as a summary: blanks folded, cut as a paragraph's */
static void summary_folds_blanks_and_cuts_at_a_word(void **state)
{
	(void)state;
	char *got = folio_markdown_summary("  Curious about\n  how a  decision\tsystem works?\n");
	assert_string_equal(got, "Curious about how a decision system works?");
	free(got);
	folio_buf b = FOLIO_BUF_INIT;
	for (int i = 0; i < 100; i++)
		folio_buf_puts(&b, "word ");
	char *text = folio_buf_detach(&b, NULL);
	got = folio_markdown_summary(text);
	assert_true(strlen(got) <= 303); /* 300 bytes and an ellipsis */
	assert_string_equal(got + strlen(got) - 3, "\xE2\x80\xA6");
	assert_int_equal(got[strlen(got) - 4], 'd');
	free(got);
	free(text);
	got = folio_markdown_summary(" \n ");
	assert_string_equal(got, "");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(markdown_takes_heading_ids_from_attributes),
		cmocka_unit_test(markdown_cuts_autolinks_as_goldmark),
		cmocka_unit_test(markdown_reads_anchors_and_links_of_raw_html),
		cmocka_unit_test(markdown_positions_alike_for_any_line_end),
		cmocka_unit_test(markdown_reads_kramdown_attribute_lists),
		cmocka_unit_test(markdown_renders_definition_lists),
		cmocka_unit_test(markdown_renders_tables),
		cmocka_unit_test(markdown_counts_table_cells_before_parsing),
		cmocka_unit_test(markdown_renders_footnotes),
		cmocka_unit_test(markdown_renders_strikethrough),
		cmocka_unit_test(markdown_autolinks_bare_urls_as_external_links),
		cmocka_unit_test(markdown_leaves_bare_urls_as_text_without_autolinks),
		cmocka_unit_test(markdown_escapes_raw_html_by_default),
		cmocka_unit_test(markdown_keeps_raw_html_when_allowed),
		cmocka_unit_test(markdown_comment_ends_as_browsers_end_it),
		cmocka_unit_test(markdown_without_html_reports_none),
		cmocka_unit_test(markdown_drops_javascript_links_in_safe_mode),
		cmocka_unit_test(heading_id_keeps_french_accents),
		cmocka_unit_test(heading_id_drops_punctuation),
		cmocka_unit_test(heading_id_by_hugo_rules),
		cmocka_unit_test(heading_id_drops_invalid_utf8),
		cmocka_unit_test(markdown_heading_ids_and_inlines),
		cmocka_unit_test(markdown_heading_with_image_keeps_alt_text),
		cmocka_unit_test(markdown_numbers_repeated_heading_ids),
		cmocka_unit_test(markdown_output_has_no_sourcepos),
		cmocka_unit_test(markdown_rewrites_file_form_links),
		cmocka_unit_test(markdown_resolves_internal_links),
		cmocka_unit_test(markdown_hugo_lookups_are_placed),
		cmocka_unit_test(markdown_locates_links_in_the_original_file),
		cmocka_unit_test(markdown_summary_is_first_paragraph),
		cmocka_unit_test(markdown_summary_is_cut_at_a_word),
		cmocka_unit_test(markdown_lists_long_paragraphs_with_lines),
		cmocka_unit_test(markdown_hashes_paragraphs_by_their_folded_text),
		cmocka_unit_test(markdown_strips_attribute_lists_written_with_entities),
		cmocka_unit_test(markdown_survives_invalid_utf8),
		cmocka_unit_test(markdown_accepts_empty_text),
		cmocka_unit_test(markdown_survives_pathological_nesting),
		cmocka_unit_test(markdown_renders_from_several_threads),
		cmocka_unit_test(markdown_more_separates_the_summary),
		cmocka_unit_test(markdown_expands_shortcodes),
		cmocka_unit_test(markdown_keeps_listed_iframes_only),
		cmocka_unit_test(markdown_keeps_inert_buttons),
		cmocka_unit_test(markdown_keeps_checkboxes),
		cmocka_unit_test(summary_folds_blanks_and_cuts_at_a_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
