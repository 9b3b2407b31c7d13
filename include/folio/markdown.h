/*
 * Markdown to HTML with cmark-gfm (tables, footnotes, autolinks,
 * strikethrough), plus what validation and rendering need to know about
 * the page: its headings and their ids, its links with their positions,
 * its first paragraph as a summary, whether it holds raw HTML.
 *
 *     folio_markdown md;
 *     folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
 *     opts.source_path = "events/rencontre.md";
 *     folio_markdown_render(&md, body, body_len, body_line, &opts);
 *     fwrite(md.html, 1, md.html_len, stdout);
 *     folio_markdown_dispose(&md);
 *
 * Safe by default: raw HTML is replaced by a comment and dangerous URLs
 * (javascript:, ...) are dropped, unless allow_html is set; even then,
 * active content (script, forms, on* attributes, iframes of hosts not in
 * embeds) is left out and named in notes. Hugo shortcodes (figure,
 * ref/relref, youtube, vimeo, highlight) and a few Liquid tags are
 * expanded (model/shortcode.h); others are named in notes.
 * Heading ids follow GitHub's rule (lowercase, punctuation dropped, spaces to
 * "-", "-1", "-2" for repeats) so that links written for GitHub work.
 * File-form links ("../people/jane-doe.md#x", relative to source_path) are
 * rewritten to page URLs ("/people/jane-doe/#x"), since a collection's
 * folder is its URL segment; other relative paths ("../static/a.pdf") are
 * rewritten to their site-absolute form, since the page is not served from
 * its source folder. Rendering is reentrant: several threads may render at
 * once (cmark-gfm's parse step itself is serialised internally).
 */
#ifndef FOLIO_MARKDOWN_H
#define FOLIO_MARKDOWN_H

#include <stdint.h>

#include "common.h"
#include "params.h"

typedef struct {
	char *id;      /* anchor id, unique within the page; "" when the text has
	                  no letter or digit (the tag then has no id) */
	char *text;    /* plain text of the heading, images left out */
	int level;     /* 1..6 */
	unsigned line; /* in the original file */
} folio_heading;

typedef enum {
	FOLIO_LINK_INTERNAL, /* a site path: "/people/x/", "../people/x.md", "#anchor" */
	FOLIO_LINK_EXTERNAL, /* has a scheme: "https://...", "mailto:..." */
} folio_link_kind;

typedef struct {
	folio_link_kind kind;
	char *target;   /* as written in the source, Markdown escapes decoded;
	                   bare autolinks carry the scheme cmark adds
	                   ("http://www.x.org", "mailto:a@b.org") */
	char *resolved; /* internal links: site-absolute path with fragment
	                   ("/people/x/#bio", "/static/a.pdf"; "#top" resolved
	                   against the page: "/events/x/#top", stays "#top"
	                   without page_url); a path that climbs above the
	                   site root stays as written, for validation to report;
	                   external: same as target */
	bool file_form; /* written as a path to a .md file */
	bool placed;    /* resolved by asking the site: a page's .md file (its
	                   slug:/url:) or a file published elsewhere than its
	                   path (a bundle's, beside its page); the page's output
	                   depends on that answer, not only on its own bytes */
	bool is_image;
	bool md_image;     /* a Markdown image (![](x.jpg)) or a figure's src, which
	                      Hugo's image render hook and figure shortcode read;
	                      raw HTML's <img src> is only is_image */
	bool hooked;       /* its destination was a link hook's target (link_hooks:):
	                      resolved is the hook's URL, whose fragment names a term,
	                      not a heading */
	bool term_missing; /* hooked, and its text names no file of the hook's terms */
	/* the scheme a browser runs script from ("javascript", "vbscript",
	 * "data" but for an image), whatever allow_html says: the link is
	 * written without its URL (html/active, a locked rule); else NULL */
	const char *runs_script;
	char *ref_arg;     /* a {{< ref >}} or {{< relref >}} that found no page: its
	                      argument as written ("java"), which findings name;
	                      target is the path looked for; else NULL */
	unsigned line, column; /* of the link's destination in the original file,
	                          column in code points; found by searching the
	                          destination in the source, else (reference
	                          links, escapes) the link's own position from
	                          cmark, an approximation; 0 when unknown */
} folio_link;

/* What a page's Markdown holds that validation reports (rules shortcode/
 * and html/active). */
typedef enum {
	FOLIO_MD_NOTE_SHORTCODE_UNKNOWN, /* subject: the shortcode's name */
	FOLIO_MD_NOTE_SHORTCODE_INVALID, /* subject: what is wrong ("figure has no src") */
	FOLIO_MD_NOTE_LIQUID_TAG,        /* subject: the Liquid tag's name ("include") */
	FOLIO_MD_NOTE_HTML_TAG,          /* with allow_html; subject: the tag ("script") */
	FOLIO_MD_NOTE_HTML_IFRAME_HOST,  /* subject: the iframe's host */
	FOLIO_MD_NOTE_HTML_ATTRIBUTE,    /* subject: the attribute ("onclick") */
	FOLIO_MD_NOTE_HTML_URL,          /* subject: the URL's scheme ("javascript") */
	FOLIO_MD_NOTE_HTML_OPEN,         /* subject: a tag left open where its raw HTML ends */
	FOLIO_MD_NOTE_SHORTCODE_HTML,    /* without allow_html, raw HTML (left out) inside an unknown
	                                    paired {{< >}} shortcode, which Hugo hands to the
	                                    shortcode's template, not to Markdown; subject: its name */
	FOLIO_MD_NOTE_LIQUID_OUTPUT,     /* a Jekyll site's {{ x }} folio does not expand, shown as
	                                    written; subject: x ("stable.name") */
	FOLIO_MD_NOTE_LIQUID_INCLUDE,    /* a Jekyll {% include %} folio does not expand, rendered as
	                                    nothing; subject: the name quoted, then why
	                                    ("\"x.md\" is not in _includes/") */
	FOLIO_MD_NOTE_INCLUDE_BUDGET,    /* an include past the text's include budget (page-output),
	                                    rendered as nothing; subject: its name */
} folio_markdown_note_kind;

typedef struct {
	folio_markdown_note_kind kind;
	char *subject;
	char *tag;             /* HTML notes: the element ("iframe"); else NULL */
	unsigned line, column; /* in the original file */
} folio_markdown_note;

/* A paragraph of 80 bytes or more, for repeat checks: its plain text's hash
 * and length rather than the text, so that a site's model does not hold a
 * second copy of every page's prose (two paragraphs are taken as the same
 * when both agree; a false match needs a 64-bit collision at equal length). */
typedef struct {
	uint64_t hash; /* FNV-1a of the plain text */
	size_t len;
	unsigned line;  /* in the original file */
} folio_paragraph;

/* The first byte of an anchors entry that names an unknown shortcode. */
#define FOLIO_MARKDOWN_SHORTCODE_MARK '\x01'

typedef struct {
	char *html;          /* owned, NUL-terminated */
	size_t html_len;
	folio_heading *headings;
	size_t nheadings;
	folio_link *links;
	size_t nlinks;
	char *summary;       /* plain text of the first paragraph, or of the paragraphs before
	                        <!--more--> when the page has one, at most 300 bytes cut at a
	                        word, then an ellipsis (U+2026) when cut; "" when none */
	bool has_raw_html;   /* HTML blocks or inline tags (comments too, but for the
	                        summary separator <!--more-->), set even when safe mode
	                        left them out of html */
	unsigned raw_html_line, raw_html_column; /* first raw HTML, when has_raw_html */
	char **anchors;      /* the ids of definition terms and footnotes (with their
	                        references'), and, with allow_html, those raw HTML
	                        gives (id="x", <a name="x">),
	                        which links may name as #x as they do headings; first,
	                        FOLIO_MARKDOWN_SHORTCODE_MARK then the name of each shortcode
	                        folio does not know, which may make anchors of its own (Hugo's
	                        include; Jekyll's {% include %} too): no link names those, and a partial site's stub of
	                        the page keeps them with its anchors */
	size_t nanchors;
	folio_paragraph *paragraphs; /* each paragraph of 80 bytes or more, for repeat checks */
	size_t nparagraphs;
	size_t table_cells;  /* set when over max_table_cells: the cells counted (rows times
	                        columns, each table up to the first blank line); html is then
	                        "" and nothing else is filled */
	unsigned table_line; /* then: line of the table that went past the limit */
	size_t expanded;     /* set when cmark-gfm's memory for the text passed its cap
	                        (max_output): the cap; html and summary are then "" */
	bool text_over;      /* set when expansion_within refused what shortcodes and includes
	                        add: the text is not parsed, html and summary are then "" */
	folio_markdown_note *notes; /* shortcodes and Liquid tags read, active HTML refused
	                               (and left out of html) */
	size_t nnotes;
	char **includes;     /* the names of Jekyll's {% include %} files asked of include_of
	                        (found or not), each once, in order: the page depends on them;
	                        "/docs/x.md", a site path, for {% include_relative %} */
	size_t nincludes;
} folio_markdown;

struct folio_link_hook;
struct folio_link_terms;

/* The ids footnotes are written with (footnotes: in folio.yaml), those of
 * the generator a site's links were written for. */
typedef enum {
	FOLIO_FOOTNOTES_GFM,      /* "fn-<label>", "fnref-<label>": cmark-gfm, GitHub */
	FOLIO_FOOTNOTES_KRAMDOWN, /* "fn:<label>", "fnref:<label>": Jekyll */
	FOLIO_FOOTNOTES_GOLDMARK, /* "fn:<n>", "fnref:<n>", n the note's number: Hugo */
} folio_footnote_ids;

/* How a heading's id is made from its text (heading_ids: in folio.yaml). */
typedef enum {
	FOLIO_HEADING_IDS_GITHUB,         /* GitHub's (and kramdown's GFM): marks kept */
	FOLIO_HEADING_IDS_GOLDMARK,       /* Hugo's "github": letters, digits, '_' only */
	FOLIO_HEADING_IDS_GOLDMARK_ASCII, /* Hugo's "github-ascii": accents removed, ASCII only */
	FOLIO_HEADING_IDS_BLACKFRIDAY,    /* Hugo's "blackfriday": letters and digits, each run of
	                                     anything else one '-' between them */
	FOLIO_HEADING_IDS_KRAMDOWN,       /* kramdown's GFM (Jekyll): GitHub's rule on the heading's
	                                     source line, a link's URL and a tag's attributes in it */
	FOLIO_HEADING_IDS_KRAMDOWN_GFM,   /* kramdown 1.13 on (Jekyll 4, GitHub Pages): GitHub's rule
	                                     on the text after its typographic conversion: "--" and
	                                     "---" are dashes, dropped; a tab is a '-' */
} folio_heading_ids;

typedef struct {
	bool allow_html;
	const char *source_path; /* site-relative path of the .md file ("events/x.md") */
	const char *page_url;    /* URL of the page itself ("/events/x/"), to resolve "#x" and relative links */
	size_t max_table_cells;  /* SIZE_MAX: no limit; else a text whose tables may hold more
	                            cells is not parsed at all (see folio_markdown.table_cells);
	                            0 refuses every table */
	/* The URL of the page made of a .md file ("posts/Été.md" -> "/posts/ete/"),
	 * for links written to the file; NULL (or no callback): the URL the path
	 * spells. The result is borrowed and lives as long as the payload. */
	const char *(*page_url_of)(const char *source_path, void *payload);
	/* Site-absolute URL of the file at a site path ("posts/x/photo.jpg")
	 * when it is published elsewhere than that path (a bundle's file
	 * follows its page's slug:/url:); NULL otherwise. Caller frees. */
	char *(*file_url_of)(const char *path, void *payload);
	/* Whether a site URL ("/docs/x/") is a page or a list of the site: a
	 * relative link ending in "/" that names nothing from the file's folder
	 * is read from the page's URL, as a browser (and Jekyll) reads it. */
	bool (*url_known)(const char *url, void *payload);
	/* Told the URL a relative link reads from the page's URL when
	 * url_known() knows neither reading (a site that does not hold every
	 * page cannot tell it from an old URL of one). NULL: nothing is told. */
	void (*url_missed)(const char *url, void *payload);
	/* Whether a file is published at output path ("docs/a/grafana.json"):
	 * a relative link to a file that names none from the file's folder is
	 * read from the page's URL too, as a browser reads it. NULL: never. */
	bool (*output_known)(const char *output, void *payload);
	void *payload;
	/* With allow_html: hosts whose <iframe>s are kept (embeds: in folio.yaml);
	 * any other iframe is refused like <script>. */
	const char *const *embeds;
	size_t nembeds;
	/* Leave html NULL (and skip cmark-gfm's HTML step): the caller wants
	 * only what validation reads, and renders the HTML again when it
	 * writes the page (folio_site_options.stream). */
	bool no_html;
	/* Only html is wanted (rendered again for an output): the paragraphs'
	 * text (summary, repeats) and the links' positions are not looked for. */
	bool html_only;
	/* link_hooks: in folio.yaml (struct folio_link_hook, folio/config.h),
	 * and the terms files the site holds (model/link_hooks.h); NULL: none */
	const struct folio_link_hook *link_hooks;
	size_t nlink_hooks;
	const struct folio_link_terms *link_terms;
	/* params: in folio.yaml (NULL: none): Jekyll's {{ site.<name> }} is
	 * the value */
	const folio_params *params;
	/* Hugo's {{< param name >}}: the value the page's own front matter, or
	 * a section's cascade:, gives name (caller frees), or NULL, when params:
	 * is asked next; param_of NULL: params: alone. page is param_payload. */
	char *(*param_of)(const char *name, const void *page, void *payload);
	const void *param_payload;
	/* hugo_links: in folio.yaml: a link that names no page as written is
	 * looked up as Hugo's link render hook does (url_known): in lower
	 * case, from the page's section, from the content root */
	bool hugo_links;
	/* jekyll-polyglot's relativized URLs: on a translated page, a site path
	 * ("/about/") names that language's version when it has one
	 * (/fr/about/), as polyglot rewrites every href of such a page */
	bool links_in_language;
	/* With hugo_links: the URL of the page at logical path name below the
	 * content folder ("documentation", "docs/cert-compat"), as Hugo's
	 * GetPage finds it by its file: content/documentation.md, which folio
	 * publishes in the root's collection (/pages/documentation/), or a page
	 * with a slug: of its own; NULL when there is none. Caller frees. */
	char *(*root_page_url)(const char *name, void *payload);
	/* The text is HTML, not Markdown (a Hugo content page written in HTML,
	 * html_pages: in folio.yaml): kept as one raw HTML block, under the
	 * rules of raw HTML (allow_html, embeds), its links and ids read. */
	bool html_page;
	/* The text is plain text (a collection's .txt page, text_pages:): one
	 * code block, shown as written, escaped; no link, heading or summary. */
	bool text_page;
	/* The ids of footnotes and of their references, in the HTML and in
	 * anchors (which links to them are checked against) */
	folio_footnote_ids footnotes;
	/* The text is known to be valid UTF-8 without NUL (the load checked the
	 * page's bytes, check_text): cmark-gfm's own check, 3% of a check of
	 * the 10k corpus, is skipped unless shortcodes rewrote the text. */
	bool utf8_valid;
	/* Bare URLs stay text (autolinks: false in folio.yaml, as kramdown
	 * leaves them); by default cmark-gfm's autolink extension links them. */
	bool no_autolinks;
	/* "{.class #id}" on the line after a block is Goldmark's attribute list
	 * for it (block_attributes: in folio.yaml, Hugo's
	 * markup.goldmark.parser.attribute.block), read as kramdown's "{: }". */
	bool block_attributes;
	/* a figure's relative src and link name paths from the site's root
	 * (figure_src: root): the site's own figure shortcode writes them
	 * through relURL, as pyOpenSci's theme does */
	bool figure_from_root;
	/* and a figure with library= names img/<src> (figure_src: library,
	 * the Academic theme's figure shortcode) */
	bool figure_library;
	/* a Jekyll site (front_matter_pages): {{ page.title }} is the page's
	 * title, and other Liquid output a finding (shortcode/liquid) */
	bool liquid_page;
	/* The page's language when it is a translation ("cs"), else NULL. With
	 * hugo_links (or links_in_language), a site path ("/docs/x/") names that
	 * language's version first (/cs/docs/x/), as GetPage on the page's own
	 * site finds it. */
	const char *lang;
	/* The rule headings' ids follow: the generator's the site's links name */
	folio_heading_ids heading_ids;
	/* The path the site is served below ("/WAI" of base_url
	 * https://www.w3.org/WAI), or NULL: a site path written with it
	 * ("/WAI/tips/") names the site's page without it (/tips/), and is
	 * written so, as the renderer puts the path before every site path. */
	const char *base_path;
	/* Hugo's defaultContentLanguageInSubdir folder ("en"), or NULL: a site
	 * path below it ("/en/tips/", after base_path) names the site's page
	 * without it (/tips/), and is written so (language_subdir:). */
	const char *language_subdir;
	/* autolinks: goldmark: a bare URL ends before its first character
	 * outside ASCII ("https://x.cn。" links https://x.cn), as Goldmark's
	 * linkify reads it; cmark-gfm's runs to the next blank. */
	bool goldmark_autolinks;
	/* "- [ ] a" and "- [x] b" are checkboxes, as Goldmark's task list
	 * extension writes them (task_lists: in folio.yaml); else text */
	bool task_lists;
	/* Goldmark's typographer, as Hugo runs it (typographer: in folio.yaml):
	 * dashes, ellipses, guillemets and curly quotes by its rules, before
	 * the walk; smart_quotes (kramdown's) wins when both are set */
	bool typographer;
	/* The site's own address (base_url, no last '/'), or NULL: a link
	 * written with it ("https://www.scala-lang.org/conduct/") names the
	 * site's page at its path, and is checked as one; its href stays as
	 * written. */
	const char *site_url;
	/* Hugo's shortcodes the site's own templates replace (own_shortcodes:
	 * [figure]), NULL-ended, or NULL: each is read as any shortcode folio
	 * does not know (a note), not as Hugo's. */
	const char *const *own_shortcodes;
	/* The page-output limit (SIZE_MAX: none): cmark-gfm's memory for the
	 * page, its parse and HTML, may reach 32 times the text plus 4 times
	 * this, then the text is refused unrendered (folio_markdown.expanded) */
	size_t max_output;
	/* The site path of the folder a Markdown image's (or a figure's)
	 * relative source is looked for in when it names no file from the page
	 * ("/media/"), as Hugo Blox's render hook and figure fall back to its media library,
	 * assets/media/ (image_library: in folio.yaml), or NULL */
	const char *image_library;
	/* A Jekyll site: the text of _includes/<name> for {% include name %}
	 * (caller frees, *len its length), or NULL and *why, a static phrase
	 * saying why it is not included (docs/migrating.md); name "/docs/x.md"
	 * for {% include_relative %}: that file of the site; NULL: an include
	 * is a Liquid tag folio does not run. payload is include_payload. */
	char *(*include_of)(const char *name, size_t *len, const char **why, void *payload);
	void *include_payload;
	/* Charged with the bytes shortcodes and includes add to the text, once
	 * they are expanded and before it is parsed: false refuses the text
	 * unparsed (folio_markdown.text_over), so a budget of the text a check
	 * parses holds for what an include writes seven times. NULL: nothing
	 * charged. payload is expansion_payload. */
	bool (*expansion_within)(size_t added, void *payload);
	void *expansion_payload;
	/* kramdown's typographic conversion of the text (smart_quotes: in
	 * folio.yaml, a site Jekyll built): "--", "---", "...", "<<", ">>"
	 * made dashes, an ellipsis and guillemets, and straight quotes these
	 * four (lsquo, rsquo, ldquo, rdquo, UTF-8) by kramdown's rules; code,
	 * raw HTML and an autolink's text stay as written. NULL: none. */
	const char *const *smart_quotes;
	/* With smart_quotes: the text written for each of kramdown's
	 * typographic symbols (its typographic_symbols option), indexed as
	 * folio_markdown_typographic_symbol() numbers them, NULL for the
	 * symbol's own character; NULL: all their characters. */
	const char *const *typographic_symbols;
	/* ":smile:" in the text is its emoji, as Hugo's enableEmoji makes it
	 * (emoji: true in folio.yaml); in code too, as Hugo replaces them in
	 * the page's source before rendering it */
	bool emoji;
	/* With footnotes: kramdown on a Jekyll page, the text of a note's back
	 * link (footnote_backlink:, kramdown's option): NULL kramdown's
	 * "&#8617;", "" no back link. */
	const char *footnote_backlink;
} folio_markdown_options;

#define FOLIO_MARKDOWN_OPTIONS_INIT { false, NULL, NULL, SIZE_MAX, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, false, false, NULL, 0, NULL, NULL, NULL, NULL, false, false, NULL, false, false, FOLIO_FOOTNOTES_GFM, false, false, false, false, false, false, NULL, FOLIO_HEADING_IDS_GITHUB, NULL, NULL, false, false, false, NULL, NULL, SIZE_MAX, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL }

/*
 * Render text (len bytes) whose first line is line first_line of the file.
 * Returns 0, or FOLIO_ERROR if cmark-gfm fails (out of memory); content
 * problems are not errors here (the caller reads has_raw_html and links).
 * The caller disposes *out with folio_markdown_dispose().
 */
int folio_markdown_render(folio_markdown *out, const char *text, size_t len,
                          unsigned first_line, const folio_markdown_options *opts);
void folio_markdown_dispose(folio_markdown *md);
/* Does md's HTML ask nothing of the rest of the site through its links?
 * Not with a placed link (where another page is), a link to a page's file
 * (placed, or where a page added later may not be), a link hook's (which
 * terms the site has) or a relative link to a folder (resolved from the
 * page's URL when no page is at it from its file's); nor when it includes
 * files of _includes/ (includes), which change apart from the page. */
bool folio_markdown_links_self_contained(const folio_markdown *md);
/* Frees what only validation reads (links, anchors, paragraphs, notes),
 * keeping the HTML, headings and summary that rendering reads. */
void folio_markdown_drop_checks(folio_markdown *md);

/*
 * GitHub-style anchor id of a heading text: lowercase, letters (accents
 * kept), digits, '_', '-' kept, spaces to '-', the rest dropped; the
 * caller frees it.
 */
char *folio_markdown_heading_id(const char *text);
/* The same by another generator's rule: Hugo's (Goldmark's "github") drops
 * marks, so "Breaking changes ⚠️" is "breaking-changes-" there; its
 * "github-ascii" also takes accents off ("Été" is "ete"). */
char *folio_markdown_heading_id_as(const char *text, folio_heading_ids rule);
/* text (valid UTF-8) as a summary: its runs of blanks one space, at most
 * 300 bytes cut at a word, as a first paragraph's (a front matter's
 * excerpt:). Caller frees. */
char *folio_markdown_summary(const char *text);

/* text (a title) converted as kramdown's SmartyPants reads it, Jekyll's
 * smartify filter, which jekyll-feed applies to every title: dashes,
 * ellipses, guillemets and quotes as in a page's text (smart_quotes and
 * typographic_symbols as in folio_markdown_options). Caller frees. */
char *folio_markdown_smartify(const char *text, const char *const *smart_quotes,
                              const char *const *typographic_symbols);

/* kramdown's typographic symbols, as its typographic_symbols option names
 * them: mdash, ndash, hellip, laquo, raquo, laquo_space, raquo_space. */
#define FOLIO_TYPOGRAPHIC_SYMBOLS 7
/* The number (0 to FOLIO_TYPOGRAPHIC_SYMBOLS - 1) of the symbol named
 * name, or -1 when kramdown has none so named. */
int folio_markdown_typographic_symbol(const char *name);

#endif
