/*
 * Hugo's cascade: front matter a section page (_index.md) gives the pages
 * below it. folio reads it for one thing, the value of {{< param name >}}
 * a page does not set itself (etcd.io's docs/v3.5/_index.md cascades
 * version: v3.5 to the 80 pages of that version). Here, beside the page
 * model, so that the Markdown pipeline (the value) and render's
 * dependencies (a change of the section page renders its pages again) ask
 * one function.
 */
#include "folio/site.h"

#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "model/site_internal.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/text.h"
#include "util/banned.h"

/* The section page (_index.md) at path: by_path while bodies are parsed,
 * the index of sections once the site is indexed, else the few pages a
 * partial one holds, which may not be the file's (guessed). */
static const folio_page *page_at(const folio_site *site, const char *path)
{
	folio_page *const *p = NULL;
	if (site->by_path)
		p = folio_search(site->by_path, site->nby_path, sizeof(*site->by_path), path, folio_site__cmp_page_path);
	else if (site->sections)
		p = folio_search(site->sections, site->nsections, sizeof(*site->sections), path, folio_site__cmp_page_path);
	if (site->by_path || (site->sections && !site->partial))
		return p ? *p : NULL;
	for (size_t i = 0; i < site->npages; i++)
		if (!strcmp(site->pages[i]->path, path))
			return site->pages[i];
	if (site->partial) /* not loaded: the full load knows */
		((folio_site *)site)->guessed_url = true;
	return NULL;
}

/* dir's first len bytes, then "/_index.md", or "/_index.LANG.md" with
 * lang's first lang_len bytes: what folio_xasprintf("%.*s/_index.%.*s.md")
 * made, without a format (twice a page, 3% of an add at 10k pages). */
static char *index_path(const char *dir, size_t len, const char *lang, size_t lang_len)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_grow(&b, len + lang_len + sizeof("/_index..md"));
	folio_buf_put(&b, dir, len);
	folio_buf_puts(&b, "/_index");
	if (lang) {
		folio_buf_putc(&b, '.');
		folio_buf_put(&b, lang, lang_len);
	}
	folio_buf_puts(&b, ".md");
	return folio_buf_detach(&b, NULL);
}

size_t folio_site_cascades(const folio_site *site, const folio_page *p, const folio_page **out, size_t max)
{
	size_t n = 0, len = strlen(p->path);
	const char *slash = memrchr(p->path, '/', len);
	/* a section page's own cascade counts, then each folder above */
	if (slash && !strncmp(slash + 1, "_index.", 7) && folio_page_meta_get(p, "cascade") && n < max)
		out[n++] = p;
	/* an indexed site none of whose sections cascades: most. A stream's
	 * by_path, which page_at() asks first, holds its held pages too */
	if (site->sections && (site->by_path ? !site->by_path_cascades : !site->nsections && !site->partial))
		return n;
	while (slash && n < max) {
		len = (size_t)(slash - p->path);
		/* a translation's section page first (_index.fr.md), as each of
		 * Hugo's languages cascades its own; then the site language's */
		const folio_page *s = NULL;
		for (int own = p->lang ? 1 : 0; own >= -2 && !s; own--) {
			/* -1, -2: Hugo's _index.en.md on a site in "en" (or "en-US") */
			const char *site_lang = site->config->language;
			int l = own == -1 ? (int)strlen(site_lang) : (int)strcspn(site_lang, "-");
			if (own < 0 && !(site->config->nlanguages || site->config->hugo_links))
				break;
			char *index = own > 0  ? index_path(p->path, len, p->lang, strlen(p->lang))
			              : own == 0 ? index_path(p->path, len, NULL, 0)
			                         : index_path(p->path, len, site_lang, (size_t)l);
			s = strcmp(index, p->path) ? page_at(site, index) : NULL;
			if (s && !folio_page_meta_get(s, "cascade"))
				s = NULL;
			free(index);
		}
		if (s)
			out[n++] = s;
		slash = len ? memrchr(p->path, '/', len) : NULL;
	}
	return n;
}

/* name in obj as Hugo's .Param reads it (folio_json_get_path_ci), then
 * below obj's params:, where Hugo 0.123 keeps a page's own values.
 * Borrowed. */
static json_t *param_in(const json_t *obj, const char *name)
{
	json_t *v = folio_json_get_path_ci(obj, name);
	return v ? v : folio_json_get_path_ci(json_object_get(obj, "params"), name);
}

/* name in a cascade: a mapping, or a list of them; an entry with a
 * _target applies to some pages only, which folio does not tell: left out.
 * Borrowed. */
static json_t *cascaded(json_t *c, const char *name)
{
	if (json_is_array(c)) {
		size_t i;
		json_t *each, *v;
		json_array_foreach(c, i, each)
			if (!json_object_get(each, "_target") && !json_object_get(each, "target") &&
			    (v = param_in(each, name)))
				return v;
		return NULL;
	}
	return param_in(c, name);
}

json_t *folio_page_param(const folio_site *site, const folio_page *p, const char *name)
{
	json_t *v = param_in(folio_page_meta(p), name);
	if (v)
		return v;
	const folio_page *from[16];
	size_t n = folio_site_cascades(site, p, from, sizeof(from) / sizeof(*from));
	for (size_t i = 0; i < n; i++)
		if ((v = cascaded(folio_page_meta_get(from[i], "cascade"), name)))
			return v;
	return NULL;
}
