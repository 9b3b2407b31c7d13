/*
 * The site model. Loading goes in phases:
 *   1. folio.yaml, templates (built-in, then the site's), schemas;
 *   2. one pass over the source's entries: pages, static files, findings
 *      about the tree (symlinks, slugs, files outside every collection);
 *   3. the pages' bytes are read on this thread (a source is single-threaded),
 *      then parsed and rendered to HTML on all cores;
 *   4. lookup tables: by collection and slug, by URL, per-collection order.
 * Findings of phase 3 are gathered per page and appended in path order, so
 * the list is the same whatever the number of threads.
 *
 * This file: phase 1, the load in its order, the accessors and a partial
 * site's entry points; site_tree.c: phase 2; site_parse.c: phase 3;
 * site_urls.c: a page's address and the URLs its links are written with;
 * site_index.c: phase 4 and the finds (the site's state: site_internal.h).
 */
#include "folio/site.h"

#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "model/builtin.h"
#include "model/site_internal.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/log.h"
#include "util/parallel.h"
#include "util/spill.h"
#include "util/text.h"
#include "util/banned.h"

/* ---- phase 1: configuration, templates, schemas ---- */

/* The file at path, read by name, within the size of a text
 * (max_file_size), into b; past it a finding, 0, and nothing read: a pushed
 * folio.yaml or schema of a gigabyte of comments cost the hook seconds and
 * gigabytes, then passed. */
static int read_text(folio_buf *b, folio_site *site, const char *path, const char *hint)
{
	size_t size = 0;
	int rc = folio_source_read_within(b, site->src, path, site->opts.max_file_size, &size);
	if (rc != FOLIO_EINVALID)
		return rc;
	folio_diags_add(&site->diags, FOLIO_RULE_TEXT_TOO_LARGE, path, 0, 0, hint,
	                "file is %zu bytes, more than the limit of %zu", size, site->opts.max_file_size);
	return 1;
}

static int load_config(folio_site *site)
{
	unsigned line = 0;
	const char *problem = folio_source_root_problem(site->src, &line);
	if (problem) { /* the top's folio.yaml names the site's folder, which it could not be */
		folio_diags_add(&site->diags, FOLIO_RULE_CONFIG_SYNTAX, "folio.yaml", line, 0,
		                "write site_folder: alone in the repository top's folio.yaml, naming the "
		                "folder that holds the site (docs/config.md, \"A site in a folder\")", "%s", problem);
		return 0;
	}
	folio_buf b = FOLIO_BUF_INIT;
	int rc = read_text(&b, site, "folio.yaml", FOLIO_N_("keep folio.yaml to the settings of the site"));
	if (rc > 0) { /* too large: said */
		rc = 0;
	} else if (rc == FOLIO_ENOTFOUND) {
		folio_diags_add(&site->diags, FOLIO_RULE_CONFIG_SYNTAX, "folio.yaml", 0, 0,
		                "create folio.yaml at the site root with title, base_url and collections",
		                "folio.yaml not found at the site root");
		rc = 0;
	} else if (rc == 0) {
		rc = folio_config_parse(&site->config, b.ptr, b.size, "folio.yaml", &site->diags);
	}
	folio_buf_dispose(&b);
	return rc;
}

/* The server's budgets, each lowered where folio.yaml asks for less. */
static void set_limits(folio_site *site)
{
	if (site->opts.limits)
		site->limits = *site->opts.limits;
	else
		folio_limits_init(&site->limits);
	site->opts.limits = NULL; /* borrowed for the load only */
	if (site->config)
		for (int i = 0; i < FOLIO_LIMIT_COUNT; i++)
			folio_limits_lower(&site->limits, (folio_limit)i, site->config->limits.v[i]);
}

/* More languages than the limit: an error, and the rest left out of the
 * load, so that no list, feed or sitemap is made for them (each list links
 * every language's: 4,000 languages in a 20 KB folio.yaml took 155 s of
 * CPU to check, t499). The error refuses the commit. */
static void bound_languages(folio_site *site)
{
	folio_config *cfg = site->config;
	size_t max = site->limits.v[FOLIO_LIMIT_LANGUAGES];
	if (!cfg || cfg->nlanguages <= max)
		return;
	folio_diags_add(&site->diags, FOLIO_RULE_BUDGET_LANGUAGES, "folio.yaml", 0, 0,
	                "name fewer languages; the server's operator sets the languages limit",
	                "languages: names %zu languages besides the site's, past the languages limit of %zu: "
	                "the others are left out", cfg->nlanguages, max);
	for (size_t i = max; i < cfg->nlanguages; i++) {
		free(cfg->languages[i]);
		cfg->languages[i] = NULL;
		if (cfg->language_dirs) {
			free(cfg->language_dirs[i]);
			cfg->language_dirs[i] = NULL;
		}
	}
	cfg->nlanguages = max;
}

static int add_site_template(const folio_entry *e, void *payload)
{
	folio_site *site = payload;
	const char *name = e->path + strlen("templates/");
	size_t n = strlen(name);
	const char *ext = ".mustache";
	if (e->type != FOLIO_ENTRY_FILE || n <= strlen(ext) || strcmp(name + n - strlen(ext), ext) ||
	    strchr(name, '/'))
		return 0;
	/* a template is text like a page: refused by its size before it is read */
	size_t size;
	if (folio_site__entry_size(&size, site, e) < 0)
		return FOLIO_ERROR;
	if (size > site->opts.max_file_size) {
		folio_diags_add(&site->diags, FOLIO_RULE_TEXT_TOO_LARGE, e->path, 0, 0,
		                "split the template into partials",
		                "file is %zu bytes, more than the limit of %zu", size,
		                site->opts.max_file_size);
		return 0;
	}
	folio_buf b = FOLIO_BUF_INIT;
	char *tname = folio_xstrndup(name, n - strlen(ext));
	int rc = folio_source_read(&b, site->src, e->path);
	if (rc == 0 && folio_templates_add(site->templates, tname, b.ptr, b.size, e->path,
	                                   &site->diags) == FOLIO_EINVALID)
		rc = 0; /* a syntax error is a finding, not a failure of the load */
	free(tname);
	folio_buf_dispose(&b);
	return rc;
}

/* True when a finding already says template name has a syntax error. */
static bool template_is_broken(const folio_site *site, const char *name)
{
	char *path = folio_xasprintf("templates/%s.mustache", name);
	bool broken = false;
	for (size_t i = 0; i < site->diags.count && !broken; i++)
		broken = site->diags.items[i].rule == FOLIO_RULE_TEMPLATE_SYNTAX &&
		         !strcmp(site->diags.items[i].path, path);
	free(path);
	return broken;
}

/* Every collection names templates that exist (a broken one is reported once, as broken). */
static void check_collection_templates(folio_site *site)
{
	for (size_t i = 0; i < site->config->ncollections; i++) {
		const folio_collection *c = &site->config->collections[i];
		const char *names[2] = { c->template_name, c->list_template };
		const char *keys[2] = { "template", "list_template" };
		for (int k = 0; k < 2; k++) {
			if (folio_templates_has(site->templates, names[k]) ||
			    template_is_broken(site, names[k]))
				continue;
			char *pointer = folio_xasprintf("/collections/%zu/%s", i, keys[k]);
			unsigned line, col;
			folio_config_position(site->config, pointer, &line, &col);
			folio_diags_add(&site->diags, FOLIO_RULE_TEMPLATE_MISSING, "folio.yaml", line, col,
			                "add templates/<name>.mustache or name another template",
			                "template \"%s\" of collection \"%s\" does not exist", names[k], c->name);
			free(pointer);
		}
	}
}

static int load_templates(folio_site *site)
{
	site->templates = folio_templates_new();
	for (const folio_builtin_template *t = folio_builtin_templates; t->name; t++) {
		char *path = folio_xasprintf("(built-in)/%s.mustache", t->name);
		folio_templates_add(site->templates, t->name, t->data, t->len, path, &site->diags);
		free(path);
	}
	int rc = folio_source_foreach(site->src, "templates/", add_site_template, site);
	if (rc < 0)
		return rc;
	folio_templates_set_budget(site->templates, site->limits.v[FOLIO_LIMIT_TEMPLATE_OUTPUT],
	                           site->limits.v[FOLIO_LIMIT_PARTIAL_DEPTH]);
	folio_templates_check(site->templates, &site->diags);
	if (site->config)
		check_collection_templates(site);
	return 0;
}

static int load_schema(folio_site *site, const folio_collection *c, folio_schema **out)
{
	char *path = c->schema ? folio_xasprintf("schemas/%s", c->schema)
	                       : folio_xasprintf("schemas/%s.json", c->name);
	folio_buf b = FOLIO_BUF_INIT;
	int rc = read_text(&b, site, path, FOLIO_N_("a schema states rules, not data"));
	if (rc > 0) { /* too large: said */
		rc = 0;
	} else if (rc == FOLIO_ENOTFOUND) {
		rc = 0;
		if (c->schema)
			folio_diags_add(&site->diags, FOLIO_RULE_SCHEMA_INVALID, "folio.yaml", 0, 0, NULL,
			                "schema \"%s\" of collection \"%s\" does not exist", path, c->name);
	} else if (rc == 0) {
		json_error_t err;
		json_t *j = json_loadb(b.ptr, b.size, JSON_REJECT_DUPLICATES, &err);
		if (!j) {
			folio_diags_add(&site->diags, FOLIO_RULE_SCHEMA_INVALID, path,
			                err.line > 0 ? (unsigned)err.line : 0,
			                err.column > 0 ? (unsigned)err.column : 0, NULL,
			                "schema is not valid JSON: %s", err.text);
		} else {
			folio_schema_compile(out, j, path, &site->diags);
			json_decref(j);
		}
	}
	folio_buf_dispose(&b);
	free(path);
	return rc < 0 ? rc : 0;
}

typedef struct {
	const char **names; /* NULL-terminated */
	size_t count;
} name_list;

static void add_name(const char *name, void *payload)
{
	name_list *l = payload;
	l->names = folio_xrealloc(l->names, (l->count + 2) * sizeof(*l->names));
	l->names[l->count++] = name;
	l->names[l->count] = NULL;
}

/*
 * A "sort" that folio.yaml sets must name a field of the collection's
 * schema: lists sorted by a field no page has come out in slug order,
 * silently ("sort: -dat"). Only a schema that names its fields can tell.
 */
static void check_sort_field(folio_site *site, size_t i)
{
	const folio_collection *c = &site->config->collections[i];
	json_t *item = json_array_get(json_object_get(site->config->raw, "collections"), i);
	name_list fields = { NULL, 0 };
	if (!json_object_get(item, "sort") || !site->schemas[i] ||
	    !folio_schema_foreach_field(site->schemas[i], add_name, &fields))
		goto done;
	for (size_t k = 0; k < fields.count; k++)
		if (!strcmp(fields.names[k], c->sort_field))
			goto done;
	const char *best = folio_closest(c->sort_field, fields.names);
	folio_buf hint = FOLIO_BUF_INIT;
	if (best) {
		folio_buf_printf(&hint, folio_i18n_finding("did you mean \"%s%s\"?"), c->sort_descending ? "-" : "", best);
	} else {
		folio_buf_puts(&hint, "sort by one of the schema's fields:");
		for (size_t k = 0; k < fields.count; k++)
			folio_buf_printf(&hint, "%s %s", k ? "," : "", fields.names[k]);
	}
	char *pointer = folio_xasprintf("/collections/%zu/sort", i);
	unsigned line, col;
	folio_config_position(site->config, pointer, &line, &col);
	folio_diags_add(&site->diags, FOLIO_RULE_CONFIG_SYNTAX, "folio.yaml", line, col, hint.ptr,
	                "unknown sort field \"%s\" in collection \"%s\": its schema has no such field",
	                c->sort_field, c->name);
	free(pointer);
	folio_buf_dispose(&hint);
done:
	free(fields.names);
}

static int load_schemas(folio_site *site)
{
	if (!site->config)
		return 0;
	site->schemas = folio_xcalloc(site->config->ncollections, sizeof(*site->schemas));
	for (size_t i = 0; i < site->config->ncollections; i++) {
		int rc = load_schema(site, &site->config->collections[i], &site->schemas[i]);
		if (rc < 0)
			return rc;
		check_sort_field(site, i);
	}
	return 0;
}

/* ---- public ---- */

/* An empty site over src, opts copied (the defaults when NULL); caller frees. */
static folio_site *site_new(folio_source *src, const folio_site_options *opts)
{
	folio_site *site = folio_xcalloc(1, sizeof(*site));
	folio_site_options defaults = FOLIO_SITE_OPTIONS_INIT;
	site->src = src;
	site->opts = opts ? *opts : defaults;
	site->now = site->opts.now ? site->opts.now : folio_schedule_now();
	folio_diags_init(&site->diags);
	site->includes = folio_site__includes_new();
	return site;
}

int folio_site_load(folio_site **out, folio_source *src, const folio_site_options *opts)
{
	folio_site *site = site_new(src, opts);
	int rc;

	*out = NULL;
	site->stream = site->opts.stream && folio_source_commit(src);
	if ((rc = load_config(site)) < 0)
		goto fail;
	set_limits(site);
	bound_languages(site);
	/* the pages' HTML is part of what a build writes: site-size bounds it too */
	if (site->stream && site->opts.spill_html &&
	    !(site->spill = folio_spill_open(site->opts.spill_dir, site->limits.v[FOLIO_LIMIT_SITE_SIZE])))
		folio_log(FOLIO_LOG_DEBUG, "site", "pages' HTML rendered twice: %s", folio_error_last());
	if ((rc = load_templates(site)) < 0 || (rc = load_schemas(site)) < 0 ||
	    (rc = folio_site__read_tree(site)) < 0)
		goto fail;
	if (site->config) {
		if ((rc = folio_site__read_pages(site, site->pages, site->npages)) < 0 ||
		    (rc = folio_site__read_pages(site, site->misnamed, site->nmisnamed)) < 0 ||
		    (rc = folio_site__parse_pages(site, site->pages, site->npages)) < 0 ||
		    (rc = folio_site__parse_pages(site, site->misnamed, site->nmisnamed)) < 0)
			goto fail;
		folio_site__hold_pages(site);
		folio_site__index_pages(site);
		folio_log(FOLIO_LOG_DEBUG, "site", "%zu pages loaded, %zu signed",
		          site->npages + site->nheld + site->nmisnamed, (size_t)atomic_load(&site->nsigned));
	}
	*out = site;
	return 0;
fail:
	folio_site_free(site);
	return rc;
}

static void page_free(folio_page *p)
{
	free(p->lang);
	free(p->path);
	free(p->id);
	free(p->slug);
	free(p->file_slug);
	free(p->own_tkey);
	free(p->url);
	folio_markdown_dispose(&p->md);
	json_decref(p->meta);
	free(p->meta_text);
	json_decref(p->meta_lazy);
	free(p->own_title);
	free(p->own_date);
	free(p->name_title);
	json_decref(p->own_sort);
	free(p->own_sort_text);
	folio_frontmatter_dispose(&p->fm);
	free(p->raw);
	free(p);
}

static void page_free_at(size_t i, void *payload)
{
	page_free(((folio_page **)payload)[i]);
}

static void page_drop_checks(folio_page *p)
{
	folio_frontmatter_dispose(&p->fm); /* p->meta holds its own reference */
	folio_markdown_drop_checks(&p->md);
}

void folio_site_drop_checks(folio_site *site)
{
	for (size_t i = 0; i < site->npages; i++)
		page_drop_checks(site->pages[i]);
	for (size_t i = 0; i < site->nheld; i++)
		page_drop_checks(site->held[i]);
	for (size_t i = 0; i < site->nmisnamed; i++)
		page_drop_checks(site->misnamed[i]);
	/* the freed chunks lie between what the pages keep: without this the
	 * pages they fill stay resident while rendering grows the heap */
	malloc_trim(0);
}

void folio_site_free(folio_site *site)
{
	if (!site)
		return;
	folio_link_terms_dispose(&site->terms);
	folio_spill_free(site->spill);
	folio_site__includes_free(site->includes);
	/* each page owns what it frees (shared JSON is refcounted atomically):
	 * on one core this was 4% of a check at 10k pages, after the work */
	folio_parallel_for(site->npages, site->opts.jobs, page_free_at, site->pages);
	free(site->pages);
	for (size_t i = 0; i < site->nheld; i++)
		page_free(site->held[i]);
	free(site->held);
	for (size_t i = 0; i < site->nmisnamed; i++)
		page_free(site->misnamed[i]);
	free(site->misnamed);
	for (size_t i = 0; i < site->nstubs; i++)
		page_free(site->stubs[i]);
	free(site->stubs);
	if (site->partial)
		pthread_mutex_destroy(&site->stub_lock);
	if (site->config)
		folio_site__unindex_pages(site);
	for (size_t c = 0; site->config && site->schemas && c < site->config->ncollections; c++)
		folio_schema_free(site->schemas[c]);
	free(site->schemas);
	for (size_t i = 0; i < site->nstatics; i++) {
		free(site->statics[i].path);
		free(site->statics[i].id);
		free(site->statics[i].output);
	}
	free(site->statics);
	for (size_t i = 0; i < site->nindex_files; i++)
		free(site->index_files[i]);
	free(site->index_files);
	free(site->by_output);
	for (size_t i = 0; i < site->nheld_files; i++) {
		free(site->held_files[i].output);
		free(site->held_files[i].path);
	}
	free(site->held_files);
	free(site->by_path);
	free(site->by_path_caseless);
	free(site->by_name);
	for (size_t i = 0; i < site->nfiles; i++) {
		free(site->files[i].path);
		free(site->files[i].id);
	}
	free(site->files);
	folio_templates_free(site->templates);
	folio_config_free(site->config);
	folio_diags_dispose(&site->diags);
	free(site);
}

const folio_diags *folio_site_diags(const folio_site *site) { return &site->diags; }
folio_diags *folio_site_diags_mut(folio_site *site) { return &site->diags; }
const folio_config *folio_site_config(const folio_site *site) { return site->config; }

void folio_site__set_base_url(folio_site *site, const char *base_url)
{
	FOLIO_ASSERT(site->config);
	size_t len = strlen(base_url);
	while (len && base_url[len - 1] == '/') /* as folio.yaml's is kept */
		len--;
	free(site->config->base_url);
	site->config->base_url = folio_xstrndup(base_url, len);
}
const folio_limits *folio_site_limits(const folio_site *site) { return &site->limits; }
const folio_templates *folio_site_templates(const folio_site *site) { return site->templates; }
folio_source *folio_site_source(const folio_site *site) { return site->src; }
int folio_site_jobs(const folio_site *site) { return site->opts.jobs; }
size_t folio_site_page_count(const folio_site *site) { return site->npages; }
const folio_page *folio_site_page(const folio_site *site, size_t i) { return site->pages[i]; }
size_t folio_site_misnamed_count(const folio_site *site) { return site->nmisnamed; }
const folio_page *folio_site_misnamed(const folio_site *site, size_t i) { return site->misnamed[i]; }
size_t folio_site_static_count(const folio_site *site) { return site->nstatics; }
long long folio_site_now(const folio_site *site) { return site->now; }
size_t folio_site_held_count(const folio_site *site) { return site->nheld; }
const folio_page *folio_site_held(const folio_site *site, size_t i) { return site->held[i]; }

/* Linear: held pages are few, and looked for only when a link finds no published page. */
const folio_page *folio_site_find_held_url(const folio_site *site, const char *url)
{
	for (size_t i = 0; i < site->nheld; i++)
		if (!strcmp(site->held[i]->url, url))
			return site->held[i];
	return NULL;
}

const folio_page *folio_site_find_held(const folio_site *site, const char *collection,
                                       const char *slug)
{
	for (size_t i = 0; i < site->nheld; i++)
		if (!strcmp(site->held[i]->collection->name, collection) && !strcmp(site->held[i]->slug, slug))
			return site->held[i];
	return NULL;
}
const folio_static_file *folio_site_static(const folio_site *site, size_t i) { return &site->statics[i]; }

bool folio_site_streams(const folio_site *site) { return site->stream; }

const folio_schema *folio_site_schema(const folio_site *site, const folio_collection *c)
{
	if (!site->schemas)
		return NULL;
	return site->schemas[c - site->config->collections];
}

/* FNV-1a, 64 bits: a version for built-in templates, which change only
 * with folio itself. */
static unsigned long long fnv1a(const char *data, size_t len)
{
	unsigned long long h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 1099511628211ULL;
	}
	return h;
}

char *folio_site_template_version(const folio_site *site, const char *name)
{
	char *path = folio_xasprintf("templates/%s.mustache", name);
	const char *id = folio_site_file_id(site, path);
	char *v = NULL;
	if (id)
		v = folio_xasprintf("%s=%s", path, id);
	free(path);
	if (v)
		return v;
	for (const folio_builtin_template *t = folio_builtin_templates; t->name; t++)
		if (!strcmp(t->name, name))
			return folio_xasprintf("builtin:%s=%016llx", name, fnv1a(t->data, t->len));
	return folio_xasprintf("missing:%s", name);
}

/* ---- partial sites ---- */

int folio_site__open_partial(folio_site **out, folio_source *src, const folio_site_options *opts,
                             const folio_site__lookup *lookup)
{
	folio_site *site = site_new(src, opts);
	int rc;

	*out = NULL;
	site->lookup = *lookup;
	site->partial = true;
	pthread_mutex_init(&site->stub_lock, NULL);
	if ((rc = load_config(site)) == 0)
		set_limits(site);
	if (rc < 0 || (rc = load_templates(site)) < 0 || (rc = load_schemas(site)) < 0) {
		folio_site_free(site);
		return rc;
	}
	*out = site;
	return 0;
}

folio_page *folio_site__add_page(folio_site *site, const char *path, const char *id, char *raw,
                                 size_t len, folio_diags *diags)
{
	const folio_collection *c = site->config ? folio_config_collection_for_path(site->config, path) : NULL;
	folio_entry e = { .path = path, .id = id, .type = FOLIO_ENTRY_FILE };
	/* a refused name is the full path's to report */
	folio_page *p = c && folio_site__is_page_file(site->config, path) && !folio_site__in_leaf_bundle(site, path) &&
	                        !folio_site__hidden(site, c, path)
	                        ? folio_site__add_entry(site, &e, c, NULL) : NULL;
	if (!p) {
		free(raw);
		return NULL;
	}
	p->raw = raw;
	p->raw_len = len;
	folio_site__parse_front(p, site, diags);
	folio_site__parse_body(p, site, diags);
	free(p->raw);
	p->raw = NULL;
	p->raw_len = 0;
	p->fm.body = NULL;
	p->fm.body_len = 0;
	if (!p->meta)
		p->meta = json_object();
	if (!p->title)
		p->title = folio_site__untitled(p);
	/* not moved to the held list: the fast path steps aside for such a page */
	p->status = p->ok ? folio_schedule_status(&p->schedule, site->now) : FOLIO_PAGE_PUBLISHED;
	return p;
}

bool folio_site__guessed_urls(const folio_site *site)
{
	return site->guessed_url;
}
