/*
 * The expansion of a page's shortcodes and Liquid tags, shared by the
 * shortcode module's files: shortcode.c (one tag, the pass over the text,
 * placeholders), shortcode_html.c (the expander's helpers below, and the
 * HTML of figure, youtube, vimeo and highlight) and shortcode_liquid.c (Jekyll's Liquid tags and output).
 * See shortcode.h for what the expansion does.
 */
#ifndef FOLIO_SHORTCODE_EXPAND_H
#define FOLIO_SHORTCODE_EXPAND_H

#include <stdbool.h>
#include <stddef.h>

#include "folio/buf.h"
#include "model/shortcode.h"

/* A placeholder in the expanded text: U+E000, its index in decimal, U+E001. */
#define TOKEN_OPEN "\xEE\x80\x80"  /* U+E000 */
#define TOKEN_CLOSE "\xEE\x80\x81" /* U+E001 */
#define TOKEN_LEN 3
#define TOKEN_DIGITS_MAX 9

typedef struct {
	folio_shortcode_expansion *x;
	const folio_shortcode_hooks *h;
	const char *text;
	size_t len;
	folio_buf out;
	bool *block;  /* parallel to x->html */
	size_t block_alloc;
	unsigned line; /* of text (1-based) at line_start */
	size_t line_start;
	size_t unclosed_from; /* no closing highlight lies past here (SIZE_MAX: not known),
	                         so unclosed ones do not each scan the rest of the text */
	size_t liquid_unclosed_from; /* the same for {% endhighlight %} */
	size_t notes;
	struct { /* unknown {{< name >}} tags not closed yet, innermost last */
		char name[64];
		unsigned line; /* of the file */
	} open[8];
	size_t nopen;
	/* names of Liquid's {% capture name %} seen so far: their text stays
	 * where it is written, so {{ name | markdownify }} is then nothing */
	char captured[16][32];
	size_t ncaptured;
	/* the lines of out before byte out_counted, counted once (put_lines) */
	size_t out_counted;
	unsigned out_lines;
	/* Jekyll's {% include %}: an included file's text is expanded by an
	 * expander of its own (inc), writing into its parent's out; every
	 * finding in it is at the include tag's line and column of the page
	 * (inc_line, inc_col), and the lines it adds are recorded once, by the
	 * page's own expander. NULL, 0 for the page's text. */
	const struct folio_shortcode_include *inc;
	unsigned inc_line, inc_col;
	size_t *included; /* bytes included so far for the page (all levels) */
	size_t *nincluded; /* includes expanded so far for the page (all levels) */
	const char *refused; /* in an include: why it is nothing ("holds {% for %}, which ...") */
	char refused_buf[288]; /* (a name: 255 bytes at most) */
	bool recursed; /* refused as it includes itself: so are the includes around it */
} expander;

/* An include being expanded: its name, its parameters given as literal
 * strings (name then value), the include it is in. */
typedef struct folio_shortcode_include {
	const char *name;
	const char *const *params; /* key, value, ... NULL */
	const struct folio_shortcode_include *parent;
	unsigned depth; /* 1 for an include in the page */
} folio_shortcode_include;

/* Includes expanded at once (an include in an include...) */
#define FOLIO_SHORTCODE_INCLUDE_DEPTH 8
/* Includes expanded in one page, nested ones too: empty files cost no
 * bytes, and 8 levels of 10 would be 10^8 expansions */
#define FOLIO_SHORTCODE_INCLUDES_MAX 1000
/* Parameters of one include */
#define FOLIO_SHORTCODE_INCLUDE_PARAMS 16

/* ---- shortcode_html.c: helpers shortcode.c and shortcode_liquid.c call ---- */

/* A blank inside a tag: space, tab, newline, carriage return. */
bool folio_shortcode__space(char c);
/* A byte of a shortcode's name. */
bool folio_shortcode__name_byte(char c);
/* Line and column of the file for offset at of e's text (in an included
 * file: the include tag's in the page). */
void folio_shortcode__position(const expander *e, size_t at, unsigned *line, unsigned *col);
/* A finding at offset at of the text, through the hooks (bounded per page). */
void folio_shortcode__note(expander *e, folio_markdown_note_kind kind, const char *subject,
                           size_t at);
/* The newlines of text[from, to), so the lines after keep their numbers. */
void folio_shortcode__keep_newlines(expander *e, size_t from, size_t to);
/* Text written in place of a tag, without its line breaks. */
void folio_shortcode__put_inline(expander *e, const char *s, size_t n);
/* Text written in place of a tag with its line breaks, which the
 * expansion records (folio_shortcodes_file_line()). */
void folio_shortcode__put_lines(expander *e, const char *s, size_t n);
/* The lines of out past byte from are the line of the tag written there:
 * recorded in the expansion (folio_shortcodes_file_line()). */
void folio_shortcode__record_lines(expander *e, size_t from);
/* A placeholder for html (taken), block HTML or inline. */
void folio_shortcode__placeholder(expander *e, char *html, bool block);

/* ---- shortcode_html.c: the built-in shortcodes ---- */

void folio_shortcode__expand_figure(expander *e, const folio_shortcode *sc, size_t at);
void folio_shortcode__expand_video(expander *e, const folio_shortcode *sc, bool vimeo, size_t at);
/* A highlighted code block (Hugo's highlight, Liquid's highlight) as a placeholder. */
void folio_shortcode__put_code_block(expander *e, const char *lang, const char *code, size_t len);

/* ---- shortcode_liquid.c ---- */

typedef struct {
	char name[32];
	const char *args; /* trimmed, not NUL-terminated */
	size_t args_len;
	size_t len;       /* of the whole tag */
} liquid_tag;

/* {% name args %} or {%- ... -%} at s; false when it is none. */
bool folio_shortcode__liquid_parse(liquid_tag *t, const char *s, size_t len);
/* Expands the Liquid tag t at at; returns where the text goes on. *in_raw:
 * inside {% raw %}. */
size_t folio_shortcode__expand_liquid(expander *e, const liquid_tag *t, size_t at, bool *in_raw);
/* Jekyll's {{ page.<name> }} at s (at, its offset in the text), written as
 * the page's value of name; another output tag on one line is a note and
 * stays as written. Returns the length written, 0 when the text goes on as
 * it is (liquid_page off, or no output tag). */
size_t folio_shortcode__liquid_page(expander *e, const char *s, size_t len, size_t at);
/* On a Jekyll site (liquid_page), a line at s holding one of kramdown's
 * extension markers ({::nomarkdown}, {:/nomarkdown}, {:/}, {::options
 * .../}): its bytes, up to its newline, which kramdown never shows; a
 * {::comment} line: the bytes up to its {:/comment} (or {:/}) line's
 * end, the comment being dropped. 0 otherwise. at: s's offset in the page. */
size_t folio_shortcode__kramdown_extension(expander *e, const char *s, size_t len, size_t at);
/* The parameters of {% include name k="v" k2='v2' %} after its name (a,
 * n bytes), as Jekyll reads them, into kv (key, value, ..., NULL; the
 * caller frees each); NULL, or why folio cannot read them: a variable's
 * value (k=page.x) is Liquid folio does not run. */
const char *folio_shortcode__include_params(char **kv, const char *a, size_t n);
/* In an included file, {{ include.<name> }} at s: its length, the value of
 * the parameter written (nothing when not given, as Liquid's nil); 0 when
 * it is none. */
size_t folio_shortcode__liquid_include_param(expander *e, const char *s, size_t len);
/* The length of {{ name }} or {{ name | filters }} at s when a capture
 * named it before, else 0. */
size_t folio_shortcode__liquid_captured(const expander *e, const char *s, size_t len);
/* The file name of {% include name %} at a (n bytes), as Jekyll reads it:
 * up to a blank, each Liquid output in it ({{ site.language | append: "/"
 * | append: page.name }}) written as its value, into out (outsz bytes).
 * Its length in a, or 0 when an output holds what folio does not run or
 * the name does not fit: the caller then says so. */
size_t folio_shortcode__include_name(const expander *e, const char *a, size_t n, char *out, size_t outsz);
/* Liquid output at s ("{{ site.baseurl }}", "{{ site.<param> }}"): its
 * length, 0 when none; its value in *val, *vlen, to write after a '/'
 * when *slash ({{ 'docs/x/' | relative_url }}). */
size_t folio_shortcode__liquid_output(const char *s, size_t len, const folio_params *params,
                                      const char **val, size_t *vlen, bool *slash);

#endif
