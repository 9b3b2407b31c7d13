/*
 * The names folio's templates are given: the vocabulary that render fills
 * and check holds template variables to. Here, with the template engine,
 * below both, so validation never asks the renderer.
 */
#include "folio/template.h"

#include <stddef.h>

#include "util/banned.h"

/*
 * Every name render/render.c's contexts give templates, at any depth
 * (docs/templates.md): check/template_vars.c takes a template variable none
 * of whose segments is one of these or a schema field for a typo
 * (template/unknown-variable). A key added to a context belongs here too
 * (unit/context-names checks it).
 */
static const char *const context_names[] = {
	/* every template */
	"site", "title", "description", "base_url", "language", "collections", "name", "label",
	"url", "year", "commit", "page_title", "canonical", "home_url", "rtl",
	/* a page */
	"page", "collection", "slug", "content", "summary", "date", "date_text", "meta", "dates",
	"refs", "isbn", "isbn13", "isbn10", "jsonld", "headings", "id", "text", "level",
	/* lists and the home page */
	"items", "pagination", "number", "count", "prev_url", "next_url", "pages", "current",
	"window", "gap",
	"sections", "section", "feeds", "json", "atom", "rss",
	/* taxonomies */
	"taxonomies", "taxonomy", "term", "terms",
	/* translations */
	"translations",
	NULL,
};

const char *const *folio_templates_context_names(void)
{
	return context_names;
}
