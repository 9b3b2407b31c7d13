/*
 * The sitemap: the home page, each collection's first list page, each
 * taxonomy's index and its terms' first pages, and every page with its
 * date as lastmod.
 *
 * Up to the sitemap-urls limit it is one file, sitemap.xml. Past it,
 * sitemap.xml is a sitemap index of parts (sitemap-<k>.xml): the sitemaps
 * protocol caps one file at 50,000 URLs, and one file rewritten whole at
 * every add costs what the site holds (issue 14). A URL's part is a hash of
 * the URL, not its rank, so that adding or deleting a page changes one part
 * and leaves the others' bytes and inputs as they were; the number of parts
 * is the power of two that keeps them half full on average, so it changes
 * only when the site doubles or halves. A part no URL hashes to is not
 * written (a urlset holds at least one URL). Hashes are not secret: a
 * pusher who chooses URLs can crowd one part, which page-output still
 * bounds.
 *
 * With language_sitemaps: (Hugo's multilingual sites) each language has
 * its own, /<lang>/sitemap.xml (the site language's too, below its key,
 * as Hugo writes it), a taxonomy's in its language's, and sitemap.xml
 * is the index of them; past the limit a language's is split as above,
 * /<lang>/sitemap-<k>.xml. An output's number k (from 1) is then
 * group * buckets + bucket + 1.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "model/layout.h"
#include "render/deps.h"
#include "render/render_internal.h"
#include "render/taxonomy.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/banned.h"

struct folio_render__sitemap_entry {
	char *url;              /* site-relative */
	const folio_page *page; /* NULL: a list's, a taxonomy's: no lastmod, no page */
	const char *term;       /* "tax/slug" of a term's first page, for its deps; owned */
	uint32_t group;         /* language_sitemaps: 0 the site language's, l languages[l - 1]'s */
	uint32_t part;
};

/* FNV-1a, 64 bits: stable across builds and machines, which a part's
 * address must be. */
static uint64_t url_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct folio_render__sitemap_entry *x = a, *y = b;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	return strcmp(x->url, y->url);
}

static struct folio_render__sitemap_entry *push(folio_render__sitemap *sm, size_t *alloc, char *url, size_t group)
{
	FOLIO_ARRAY_GROW(sm->e, sm->n, *alloc, sm->n + 1);
	struct folio_render__sitemap_entry *e = &sm->e[sm->n++];
	memset(e, 0, sizeof(*e));
	e->url = url;
	e->group = sm->ngroups ? (uint32_t)group : 0;
	return e;
}

/* A page's group: its language's (a translation's lang is one of languages:). */
static size_t group_of(const folio_config *cfg, const char *lang)
{
	for (size_t l = 0; lang && l < cfg->nlanguages; l++)
		if (!strcmp(cfg->languages[l], lang))
			return l + 1;
	return 0;
}

/* The entries put in (group, part) order by one counting pass, each part's
 * in the order they came (the pages' in path order, nearly their URLs'):
 * the sort by cmp_entry that follows then merges a few runs instead of
 * sorting a hash's random order (1.6% of an add's instructions at 100k
 * pages). The pass is stable, as the sort is: the order is the sort's alone. */
static void bucket_entries(folio_render__sitemap *sm)
{
	size_t parts = sm->nparts ? sm->nparts : 1, nb = (sm->ngroups ? sm->ngroups : 1) * parts;
	size_t *at = folio_xcalloc(nb + 1, sizeof(*at));
	for (size_t i = 0; i < sm->n; i++)
		at[(size_t)sm->e[i].group * parts + sm->e[i].part + 1]++;
	for (size_t k = 1; k <= nb; k++)
		at[k] += at[k - 1]; /* at[b]: the entries in buckets before b */
	struct folio_render__sitemap_entry *e = folio_xmalloc(sm->n * sizeof(*e));
	for (size_t i = 0; i < sm->n; i++)
		e[at[(size_t)sm->e[i].group * parts + sm->e[i].part]++] = sm->e[i];
	free(sm->e);
	sm->e = e;
	free(at);
}

folio_render__sitemap *folio_render__sitemap_new(const folio_site *site, const folio_taxonomy *taxonomies)
{
	const folio_config *cfg = folio_site_config(site);
	folio_render__sitemap *sm = folio_xcalloc(1, sizeof(*sm));
	sm->cfg = cfg;
	if (cfg->language_sitemaps && cfg->nlanguages)
		sm->ngroups = cfg->nlanguages + 1;
	size_t alloc = 0;
	push(sm, &alloc, folio_xstrdup("/"), 0);
	for (size_t l = 0; l < cfg->nlanguages; l++)
		push(sm, &alloc, folio_render__in_lang(cfg->languages[l], folio_xstrdup("/")), l + 1);
	for (size_t c = 0; c < cfg->ncollections; c++)
		for (size_t l = 0; l <= cfg->nlanguages; l++)
			if (!cfg->collections[c].unlisted &&
			    !folio_taxonomy_of_collection(taxonomies, cfg->ntaxonomies, &cfg->collections[c]) &&
			    folio_site_has_list_in(site, &cfg->collections[c], l ? cfg->languages[l - 1] : NULL))
				push(sm, &alloc,
				     folio_render__in_lang(l ? cfg->languages[l - 1] : NULL,
				                           folio_layout_list_url(&cfg->collections[c], 1)),
				     l);
	for (size_t t = 0; t < folio_taxonomies_count(cfg); t++) {
		const folio_taxonomy *tax = &taxonomies[t];
		if (!tax->unindexed)
			push(sm, &alloc, folio_layout_terms_url(tax->folder, tax->ugly), group_of(cfg, tax->lang));
		for (size_t k = 0; k < tax->nterms; k++)
			push(sm, &alloc, folio_layout_term_url(tax->term_folder, tax->terms[k].addr, 1, tax->ugly),
			     group_of(cfg, tax->lang))->term =
				folio_xasprintf("%s/%s", tax->term_folder, tax->terms[k].addr);
	}
	for (size_t i = 0; i < folio_site_page_count(site); i++) {
		const folio_page *p = folio_site_page(site, i);
		/* a term's text: its term's entry */
		if (p->ok && !folio_site_page_is_text(site, p) &&
		    !folio_taxonomy_text_of(taxonomies, folio_taxonomies_count(cfg), p))
			push(sm, &alloc, folio_xstrdup(p->url), group_of(cfg, p->lang))->page = p;
	}
	size_t max = folio_site_limits(site)->v[FOLIO_LIMIT_SITEMAP_URLS], most = sm->ngroups ? 0 : sm->n;
	if (sm->ngroups) { /* the largest language's count decides the buckets of all */
		size_t *count = folio_xcalloc(sm->ngroups, sizeof(*count));
		for (size_t i = 0; i < sm->n; i++)
			if (++count[sm->e[i].group] > most)
				most = count[sm->e[i].group];
		free(count);
	}
	if (most > max) {
		size_t half = max / 2 ? max / 2 : 1;
		sm->nparts = 2;
		while (sm->nparts < ((size_t)1 << 30) && sm->nparts * half < most)
			sm->nparts *= 2;
		for (size_t i = 0; i < sm->n; i++)
			sm->e[i].part = (uint32_t)(url_hash(sm->e[i].url) & (sm->nparts - 1));
	}
	if ((sm->nparts || sm->ngroups) && sm->n)
		bucket_entries(sm);
	folio_sort(sm->e, sm->n, sizeof(*sm->e), cmp_entry);
	return sm;
}

void folio_render__sitemap_free(folio_render__sitemap *sm)
{
	if (!sm)
		return;
	for (size_t i = 0; i < sm->n; i++) {
		free(sm->e[i].url);
		free((char *)sm->e[i].term);
	}
	free(sm->e);
	free(sm);
}

/* Buckets a group is split into (1: not split). */
static size_t buckets(const folio_render__sitemap *sm)
{
	return sm->nparts ? sm->nparts : 1;
}

/* An entry's output number (from 1), when there are parts. */
static size_t number_of(const folio_render__sitemap *sm, const struct folio_render__sitemap_entry *e)
{
	return (size_t)e->group * buckets(sm) + e->part + 1;
}

/* The entries of part k (from 1), or of the one file (k 0, no parts). */
static const struct folio_render__sitemap_entry *part_of(const folio_render__sitemap *sm, size_t k, size_t *n)
{
	if (!sm->nparts && !sm->ngroups) {
		*n = sm->n;
		return sm->e;
	}
	size_t lo = 0, hi = sm->n;
	while (lo < hi) { /* the first entry of part k: entries are sorted by it */
		size_t mid = lo + (hi - lo) / 2;
		if (number_of(sm, &sm->e[mid]) < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < sm->n && number_of(sm, &sm->e[end]) == k)
		end++;
	*n = end - lo;
	return sm->e + lo;
}

char *folio_render__sitemap_part_path(const folio_render__sitemap *sm, size_t k)
{
	if (!sm->ngroups)
		return folio_xasprintf("sitemap-%zu.xml", k);
	size_t group = (k - 1) / buckets(sm), bucket = (k - 1) % buckets(sm);
	/* the site language's below its key, lower case, as Hugo's /en/sitemap.xml */
	char *dir = folio_xstrdup(group ? sm->cfg->languages[group - 1] : sm->cfg->language);
	for (char *c = dir; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	char *path = sm->nparts ? folio_xasprintf("%s/sitemap-%zu.xml", dir, bucket + 1)
	                        : folio_xasprintf("%s/sitemap.xml", dir);
	free(dir);
	return path;
}

bool folio_render__sitemap_next_part(const folio_render__sitemap *sm, size_t *cursor, size_t *k)
{
	for (size_t i = *cursor; (sm->nparts || sm->ngroups) && i < sm->n; i++)
		if (i == 0 || number_of(sm, &sm->e[i]) != number_of(sm, &sm->e[i - 1])) { /* a part some URL is in */
			*cursor = i + 1;
			*k = number_of(sm, &sm->e[i]);
			return true;
		}
	*cursor = sm->n;
	return false;
}

void folio_render__sitemap_deps(const renderer *r, const folio_output *o, folio_buf *out)
{
	const folio_render__sitemap *sm = r->sitemap;
	if (sm->nparts || sm->ngroups) /* the index and the parts: which parts there are */
		folio_dep_putf(out, FOLIO_DEP_INPUT, "sitemap", "%zu/%zu/%zu", o->number, sm->nparts, sm->ngroups);
	if ((sm->nparts || sm->ngroups) && !o->number) { /* the index: its parts */
		for (size_t i = 0, k; folio_render__sitemap_next_part(sm, &i, &k);)
			folio_dep_putf(out, FOLIO_DEP_INPUT, "sitemap-part", "%zu", k);
		return;
	}
	/* each page's path, URL (slug: and url: move it without a body change)
	 * and date (lastmod), each term's name, NUL-separated (a name holds no
	 * NUL): one digest of them (deps.h), not a record each */
	size_t n;
	const struct folio_render__sitemap_entry *e = part_of(sm, o->number, &n);
	folio_buf all = FOLIO_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const folio_page *p = e[i].page;
		if (p) {
			folio_buf_puts(&all, p->path);
			folio_buf_putc(&all, '\0');
			folio_buf_puts(&all, p->url);
			folio_buf_putc(&all, '\0');
			folio_buf_puts(&all, p->date ? p->date : "");
			folio_buf_putc(&all, '\n');
		} else if (e[i].term) {
			folio_buf_putc(&all, '\0');
			folio_buf_puts(&all, e[i].term);
			folio_buf_putc(&all, '\n');
		} else { /* a list or home page: a language's list comes and goes with its pages */
			folio_buf_putc(&all, '\1');
			folio_buf_puts(&all, e[i].url);
			folio_buf_putc(&all, '\n');
		}
	}
	folio_dep_digest(out, "sitemap-urls", n, &all);
	folio_buf_dispose(&all);
}

/* A <loc> is a URI (the protocol: RFC 3986, "URL-escaped"): the bytes of
 * a name that is not ASCII (/categories/技术/) and a space are
 * percent-encoded, as Hugo writes them; then entity-escaped. */
static void put_loc(folio_buf *b, const renderer *r, const char *url)
{
	char *abs = folio_render__absolute_url(r->cfg, url);
	size_t n = 0;
	while (abs[n] && (unsigned char)abs[n] < 0x80 && abs[n] != ' ')
		n++;
	if (!abs[n]) { /* nothing to percent-encode, as nearly every address: no copy a byte at a time */
		folio_buf_puts(b, "<loc>");
		folio_buf_put_html(b, abs, n);
		folio_buf_puts(b, "</loc>");
		free(abs);
		return;
	}
	folio_buf uri = FOLIO_BUF_INIT;
	for (const unsigned char *c = (const unsigned char *)abs; *c; c++)
		if (*c >= 0x80 || *c == ' ')
			folio_buf_printf(&uri, "%%%02X", *c);
		else
			folio_buf_putc(&uri, (char)*c);
	folio_buf_puts(b, "<loc>");
	folio_buf_put_html(b, uri.ptr, uri.size);
	folio_buf_puts(b, "</loc>");
	folio_buf_dispose(&uri);
	free(abs);
}

static void render_index(folio_output *o, const renderer *r)
{
	const folio_render__sitemap *sm = r->sitemap;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                   "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = 0, k; folio_render__sitemap_next_part(sm, &i, &k);) {
		char *path = folio_render__sitemap_part_path(sm, k);
		char *url = folio_xasprintf("/%s", path);
		folio_buf_puts(&b, "<sitemap>");
		put_loc(&b, r, url);
		folio_buf_puts(&b, "</sitemap>\n");
		free(url);
		free(path);
	}
	folio_buf_puts(&b, "</sitemapindex>\n");
	o->data = folio_buf_detach(&b, &o->len);
}

void folio_render__render_sitemap(folio_output *o, const renderer *r)
{
	if ((r->sitemap->nparts || r->sitemap->ngroups) && !o->number) {
		render_index(o, r);
		return;
	}
	size_t n;
	const struct folio_render__sitemap_entry *e = part_of(r->sitemap, o->number, &n);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                   "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = 0; i < n; i++) {
		char *lastmod = e[i].page ? folio_render__rfc3339(r, e[i].page->date) : NULL;
		folio_buf_puts(&b, "<url>");
		put_loc(&b, r, e[i].url);
		if (lastmod) {
			folio_buf_puts(&b, "<lastmod>");
			folio_buf_put_html(&b, lastmod, strlen(lastmod));
			folio_buf_puts(&b, "</lastmod>");
		}
		folio_buf_puts(&b, "</url>\n");
		free(lastmod);
	}
	folio_buf_puts(&b, "</urlset>\n");
	o->data = folio_buf_detach(&b, &o->len);
}
