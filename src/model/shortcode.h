/*
 * Hugo shortcodes and Jekyll's Liquid tags in Markdown, expanded before
 * cmark parses the page.
 *
 * folio_shortcode_parse reads one tag ({{< name args >}}, {{% name %}},
 * {{< /name >}}, {{< name />}}, a tag commented out inside its braces); folio_shortcodes_expand
 * rewrites a page's text: ref/relref and Jekyll's link/post_url become the
 * path of the .md file they name (so a Markdown link around them is an
 * ordinary file-form link, resolved and checked like any other); figure,
 * youtube, vimeo and highlight become a placeholder (U+E000 n U+E001) that
 * folio_shortcodes_apply replaces in the rendered HTML by the HTML they
 * give; unknown tags and Liquid tags become nothing (a paired unknown
 * shortcode leaves its inner Markdown). Every replacement keeps the
 * newlines of what it replaces, so lines after it keep their numbers.
 *
 * Bounded: one pass over the text; a tag longer than
 * FOLIO_SHORTCODE_TAG_MAX bytes or with more than FOLIO_SHORTCODE_ARGS_MAX
 * arguments is refused (and left as text, with a finding).
 */
#ifndef FOLIO_MODEL_SHORTCODE_H
#define FOLIO_MODEL_SHORTCODE_H

#include "folio/params.h"
#include <stdbool.h>
#include <stddef.h>

#include "folio/buf.h"
#include "folio/markdown.h"

#define FOLIO_SHORTCODE_TAG_MAX 4096
#define FOLIO_SHORTCODE_ARGS_MAX 32

typedef struct {
	char *key;   /* NULL: positional */
	char *value; /* quotes and escapes removed */
} folio_shortcode_kv;

typedef struct {
	char *name;       /* "figure", "foo/bar"; "" for {{</>}}, which closes the innermost open one */
	bool closing;     /* {{< /name >}} */
	bool self_closed; /* {{< name />}} */
	bool markdown;    /* {{% ... %}}: its inner text is Markdown */
	bool comment;     /* a tag commented out inside its braces: Hugo's way to write one as text */
	folio_shortcode_kv args[FOLIO_SHORTCODE_ARGS_MAX];
	size_t nargs;
} folio_shortcode;

/*
 * Parse the tag at s (len bytes from "{{<" or "{{%"). Returns its length
 * in bytes, or 0 when it is no well-formed tag; then *why (when given)
 * says what is wrong, in a few lowercase words. sc is disposed by the
 * caller on success only.
 */
size_t folio_shortcode_parse(folio_shortcode *sc, const char *s, size_t len, const char **why);
void folio_shortcode_dispose(folio_shortcode *sc);

/* Value of the named argument key, else of positional argument pos
 * (counted among positional ones; SIZE_MAX: none); NULL when absent. */
const char *folio_shortcode_arg(const folio_shortcode *sc, const char *key, size_t pos);

typedef struct {
	/* A link a shortcode holds (a figure's src or link), at line:column of
	 * the file: returns the URL to write (owned by the callee until the
	 * expansion is disposed; NULL: write target as it is). */
	const char *(*link)(void *ctx, const char *target, bool is_image, unsigned line,
	                    unsigned column);
	/* The .md file a ref/relref names, relative to the page ("x.md",
	 * "../b/", "/posts/y.md#h"): returns the site path to write
	 * ("/posts/y.md#h"), owned by the callee; NULL: written as "/"+target. */
	const char *(*ref)(void *ctx, const char *target);
	/* A finding: kind, what it names, line:column of the file. */
	void (*note)(void *ctx, folio_markdown_note_kind kind, const char *subject, unsigned line,
	             unsigned column);
	void *ctx;
	unsigned first_line; /* line of the file the text starts at */
	const folio_params *params; /* {{ site.<name> }}: params: of folio.yaml (or NULL) */
	/* A figure's caption as inline HTML, as Hugo's markdownify reads it
	 * (the Markdown module's renderer, handed down so that shortcode never
	 * calls back into markdown): caller frees; NULL (or no hook): the
	 * caption is written as escaped text. */
	char *(*inline_html)(void *ctx, const char *text, size_t len);
	/* Hugo's param: the value of name the page's front matter or a
	 * section's cascade: gives (caller frees), or NULL, when params is
	 * looked in; NULL hook: params alone. */
	char *(*page_param)(void *ctx, const char *name);
	bool figure_from_root; /* a figure's relative src and link from the site's root (figure_src: root) */
	bool figure_library;   /* and library= puts its src below img/ (figure_src: library) */
	bool liquid_page; /* a Jekyll site: {{ page.<name> }} is the page's front matter value (page_param),
	                     and another output tag folio does not expand is a note */
	const char *const *own; /* Hugo's shortcodes the site's templates replace (own_shortcodes:),
	                           NULL-ended or NULL: each unknown, as any other */
	/* Jekyll's {% include name %}: the text of the site's _includes/name
	 * (caller frees, *len its length), or NULL and *why, a static phrase
	 * ("is not in _includes/"); name "./x" for {% include_relative x %},
	 * x from the page's folder. NULL hook: an include is a Liquid tag
	 * folio does not run, as any other. */
	char *(*include)(void *ctx, const char *name, size_t *len, const char **why);
	/* The bytes all the includes of one text may add, nested ones too
	 * (page-output); past it an include is a FOLIO_MD_NOTE_INCLUDE_BUDGET. */
	size_t include_max;
	bool kramdown_text; /* a Jekyll page's Markdown, which kramdown reads: "\\" ending a line
	                       is a break, a markdown="1" tag's next line Markdown (not an .html page) */
	const char *page_name; /* Jekyll's page.name, the page's file name ("contact.md"), or NULL */
} folio_shortcode_hooks;

/* The lines inside an unknown paired shortcode written {{< name >}}: Hugo
 * hands that text to the shortcode's template as it is, never to its
 * Markdown renderer, so what it holds is the template's business (a
 * code-toggle's TOML, whose strings may hold tags). */
typedef struct {
	char *name;
	unsigned first, last; /* lines of the file of its opening and closing tags */
} folio_shortcode_inner;

typedef struct {
	char *text;  /* the rewritten Markdown; NULL when the text holds no tag */
	size_t len;
	char **html; /* HTML of placeholder i */
	size_t nhtml, alloc;
	folio_shortcode_inner *inner; /* in file order of their closing tags */
	size_t ninner, inner_alloc;
	/* lines the text gained: a {{% param %}} value's line breaks, kept
	 * (Hugo reads it as Markdown); after line added_at[i] of the text,
	 * added_n[i] lines that are the file's line of the tag. In order;
	 * added_before[i] is the sum of the added_n before i, so that a line
	 * is found by bisection (a pushed page of 120,000 markdown="1"
	 * blocks, a blank line written after each, made each look a walk
	 * over them all). */
	unsigned *added_at, *added_n, *added_before;
	size_t nadded, added_alloc;
} folio_shortcode_expansion;

/* The line of the file for line (1-based) of x's text: the lines a value
 * added are the tag's. */
unsigned folio_shortcodes_file_line(const folio_shortcode_expansion *x, unsigned line);

void folio_shortcodes_expand(folio_shortcode_expansion *out, const char *text, size_t len,
                             const folio_shortcode_hooks *hooks);
/* Rendered HTML with every placeholder replaced; a placeholder alone in a
 * paragraph replaces the paragraph (a <figure> is no paragraph content). */
void folio_shortcodes_apply(folio_buf *out, const char *html, size_t len,
                            const folio_shortcode_expansion *x);
/* Remove placeholders from plain text s in place (summaries, heading text). */
void folio_shortcodes_strip(char *s);
void folio_shortcodes_dispose(folio_shortcode_expansion *x);

#endif
