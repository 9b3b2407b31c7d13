/*
 * Markdown fuzzer: renders the input in safe and unsafe mode, with a
 * source path so link resolution runs, and checks the outputs the rest of
 * folio relies on (NUL-terminated HTML of the stated length, ids without
 * spaces). The input also goes through folio_markdown_heading_id.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/markdown.h"

static void check(const folio_markdown *md, bool own_tokens)
{
	if (strlen(md->html) != md->html_len || !md->summary)
		abort();
	for (size_t i = 0; i < md->nheadings; i++)
		if (strchr(md->headings[i].id, ' '))
			abort();
	for (size_t i = 0; i < md->nlinks; i++)
		if (!md->links[i].target || !md->links[i].resolved)
			abort();
	for (size_t i = 0; i < md->nanchors; i++)
		if (!md->anchors[i])
			abort();
	for (size_t i = 0; i < md->nnotes; i++)
		if (!md->notes[i].subject || md->notes[i].line < 3)
			abort();
	/* shortcode placeholders never reach plain text (unless the input wrote one) */
	if (!own_tokens && strstr(md->summary, "\xEE\x80\x80"))
		abort();
}

/* A site that knows one page by its file, as folio_site gives URLs. */
static const char *page_url_of(const char *path, void *payload)
{
	(void)payload;
	if (path[0] == '/' || strstr(path, "//") || strstr(path, "/../"))
		abort(); /* site paths are normalised, relative to the root */
	return !strcmp(path, "people/x.md") ? "/people/moved/" : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	folio_markdown md;
	folio_markdown_options opts = FOLIO_MARKDOWN_OPTIONS_INIT;
	opts.source_path = "events/a/rencontre.md";
	opts.page_url = "/events/rencontre/";
	opts.page_url_of = page_url_of;
	static const char *const embeds[] = { "player.vimeo.com" };
	static const char *const symbols[FOLIO_TYPOGRAPHIC_SYMBOLS] = { "--", NULL, "...", "<<", NULL, NULL, "\"" };
	static const char *const quotes[] = { "\xE2\x80\xB9", "\xE2\x80\xBA", "\xC2\xAB", "\xC2\xBB", NULL };
	opts.embeds = embeds;
	opts.nembeds = 1;
	for (int unsafe = 0; unsafe < 2; unsafe++) {
		opts.allow_html = unsafe;
		opts.block_attributes = unsafe; /* Goldmark's "{.x}" read, or left as text */
		opts.base_path = unsafe ? "/site" : NULL; /* "/site/x/" names /x/ */
		opts.language_subdir = unsafe ? "en" : NULL; /* so do "/site/en/x/" and "/en/x/" */
		opts.goldmark_autolinks = unsafe; /* bare URLs cut as Goldmark's linkify cuts them */
		opts.task_lists = unsafe; /* "- [x] a" a checkbox, as Goldmark writes it */
		opts.typographer = unsafe; /* "it's" curly as Goldmark's typographer makes it */
		opts.smart_quotes = unsafe ? quotes : NULL; /* kramdown's typographic conversion */
		opts.typographic_symbols = unsafe ? symbols : NULL; /* with a site's own texts */
		/* a Jekyll page: kramdown's lists, task lists, Rouge's boxes and
		 * notes' markup, a back link of the site's own text */
		opts.liquid_page = unsafe;
		opts.footnotes = unsafe ? FOLIO_FOOTNOTES_KRAMDOWN : FOLIO_FOOTNOTES_GFM;
		opts.footnote_backlink = unsafe ? "<&#8617;&>" : NULL;
		if (folio_markdown_render(&md, (const char *)data, size, 3, &opts) < 0)
			abort();
		check(&md, memmem(data, size, "\xEE\x80\x80", 3) != NULL);
		folio_markdown_dispose(&md);
	}
	/* the table budget: a text over it is not parsed, and says where */
	opts.max_table_cells = 50;
	if (folio_markdown_render(&md, (const char *)data, size, 3, &opts) < 0)
		abort();
	if (md.table_cells && (md.table_cells <= 50 || md.table_line < 3 || md.html_len))
		abort();
	folio_markdown_dispose(&md);

	/* cmark-gfm's memory bound, small enough that texts reach it: a text
	 * past it is refused unrendered (the jump out of cmark-gfm leaves
	 * nothing behind, ASan says), and the next render is as before */
	opts.max_table_cells = SIZE_MAX;
	opts.max_output = 256;
	if (folio_markdown_render(&md, (const char *)data, size, 3, &opts) < 0)
		abort();
	if (md.expanded && (md.html_len || *md.html))
		abort();
	folio_markdown_dispose(&md);
	opts.max_output = SIZE_MAX;

	/* a page of plain text: one <pre><code>, every '<' of the input escaped,
	 * with raw HTML allowed or not */
	opts.text_page = true;
	opts.allow_html = true;
	if (folio_markdown_render(&md, (const char *)data, size, 3, &opts) < 0)
		abort();
	size_t tags = 0;
	for (size_t i = 0; i < md.html_len; i++)
		tags += md.html[i] == '<';
	if (md.html_len && (strncmp(md.html, "<pre><code>", 11) || tags != 4))
		abort();
	folio_markdown_dispose(&md);

	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	char *id = folio_markdown_heading_id(text);
	if (strchr(id, ' '))
		abort();
	free(id);
	free(text);
	return 0;
}
