/*
 * Shortcode and HTML filter fuzzer: the input is expanded as a page's
 * Markdown (Hugo shortcodes, Liquid tags), its placeholders applied and
 * stripped, and it goes through the filter of active HTML. Checks what
 * markdown.c relies on: the expansion keeps every newline (lines after a
 * tag keep their numbers), notes and links are at lines of the input, the
 * filter's offsets lie inside it, and a parsed tag's length is within the
 * input and the tag bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/html_filter.h"
#include "model/markdown_walk.h" /* folio_markdown_inline_html: captions, as markdown.c hands it */
#include "model/shortcode.h"

typedef struct {
	size_t size;
	unsigned lines;
} input;

static void on_note(void *ctx, folio_markdown_note_kind kind, const char *subject, unsigned line,
                    unsigned column)
{
	const input *in = ctx;
	if (!subject || line < 5 || line > 5 + in->lines || column == 0 ||
	    (kind > FOLIO_MD_NOTE_HTML_URL && kind != FOLIO_MD_NOTE_LIQUID_OUTPUT &&
	     kind != FOLIO_MD_NOTE_LIQUID_INCLUDE && kind != FOLIO_MD_NOTE_INCLUDE_BUDGET))
		abort();
}

static const char *on_link(void *ctx, const char *target, bool is_image, unsigned line,
                           unsigned column)
{
	(void)is_image;
	const input *in = ctx;
	if (!target || line < 5 || line > 5 + in->lines || column == 0)
		abort();
	return NULL;
}

static void on_refused(void *ctx, folio_html_refusal kind, const char *tag, const char *subject,
                       size_t offset)
{
	const input *in = ctx;
	if (offset >= in->size || !tag || !subject || kind > FOLIO_HTML_OPEN)
		abort();
}

static size_t newlines(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

static char *inline_html(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	return folio_markdown_inline_html(text, len);
}

/* A page param: each name starting with 'a' has itself as its value. */
static char *on_param(void *ctx, const char *name)
{
	(void)ctx;
	return name[0] == 'a' ? strdup(name) : NULL;
}

/* A Jekyll include: a name starting with 'i' holds a line, a parameter's
 * output and an include of itself or of another such name. */
static char *on_include(void *ctx, const char *name, size_t *len, const char **why)
{
	(void)ctx;
	if (name[0] != 'i') {
		*why = "is not in _includes/";
		return NULL;
	}
	static const char text[] = "line {{ include.p }}\n{% include i2 %}{% include i3 p=\"v\" %}\n";
	*len = sizeof(text) - 1;
	return strdup(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	input in = { size, (unsigned)newlines(text, size) };

	folio_shortcode sc;
	size_t n = folio_shortcode_parse(&sc, text, size, NULL);
	if (n) {
		if (n > size || n > FOLIO_SHORTCODE_TAG_MAX || (!sc.comment && !sc.name))
			abort();
		folio_shortcode_dispose(&sc);
	}

	static const char *const pairs[] = { "site", "v1", NULL };
	static const folio_params params_index = { pairs, 1 }, *params = &params_index;
	static const char *const own_figure[] = { "figure", NULL };
	const char *const *own = size % 7 == 0 ? own_figure : NULL; /* the site's own figure */
	/* figure_src: root on inputs of odd length, a Jekyll site on multiples of 3 (its Markdown,
	 * kramdown's, on multiples of 6): both ways of each */
	folio_shortcode_hooks hooks = { on_link, NULL, on_note, &in, 5, params, inline_html, on_param, size % 2 == 1, size % 5 == 0, size % 3 == 0, own,
	                                on_include, (size_t)1 << 16, size % 6 == 0,
	                                size % 4 == 0 ? "page.md" : NULL /* page.name in an include's name */ };
	folio_shortcode_expansion x;
	folio_shortcodes_expand(&x, text, size, &hooks);
	if (x.text) {
		size_t added = 0; /* an include's lines are its tag's */
		for (size_t i = 0; i < x.nadded; i++)
			added += x.added_n[i];
		if (newlines(x.text, x.len) != in.lines + added || strlen(x.text) > x.len)
			abort();
		folio_buf out = FOLIO_BUF_INIT;
		folio_shortcodes_apply(&out, x.text, x.len, &x);
		folio_buf_dispose(&out);
		char *plain = strndup(x.text, x.len);
		folio_shortcodes_strip(plain);
		if (strstr(plain, "\xEE\x80\x80" "0\xEE\x80\x81") && x.nhtml)
			abort(); /* a placeholder of ours survived */
		free(plain);
	}
	folio_shortcodes_dispose(&x);

	static const char *const hosts[] = { "player.vimeo.com", "www.youtube-nocookie.com" };
	folio_html_filter(text, size, hosts, 2, on_refused, &in);
	return 0;
}
