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
 */
#include "folio/site.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "folio/i18n.h"
#include "render/builtin.h"
#include "render/layout.h"
#include "model/link_hooks.h"
#include "model/slug.h"
#include "site_partial.h"
#include "util/alloc.h"
#include "util/dates.h"
#include "util/assert.h"
#include "util/hash.h"
#include "util/parallel.h"
#include "util/search.h"
#include "util/text.h"
#include "util/banned.h"

typedef struct {
	const folio_collection *collection;
	folio_page **pages; /* sorted by the collection's sort order */
	size_t count;
	const folio_page *section; /* its _index.md, or NULL */
	struct { folio_page **pages; size_t count; } *langs; /* per config language: its translations */
} collection_index;

struct folio_site {
	folio_source *src;
	folio_config *config;
	folio_templates *templates;
	folio_schema **schemas; /* one per collection, or NULL */
	folio_page **pages;     /* published pages, path order */
	size_t npages, apages;
	folio_page **held;      /* drafts, pending and expired pages, path order */
	size_t nheld, aheld;
	long long now;          /* what publish and expiry dates are compared to */
	folio_page **misnamed;  /* pages whose file name is not a slug: checked, never published */
	size_t nmisnamed, amisnamed;
	folio_page **by_key;    /* pages in the site's language, by collection name, then slug */
	size_t nkeys;
	folio_page **by_lang;   /* every page, by collection name, slug, then language */
	folio_page **by_url;    /* sorted by url */
	collection_index *collections;
	folio_static_file *statics;
	size_t nstatics, astatics;
	folio_static_file *files; /* every regular file of the tree, path order */
	size_t nfiles, afiles;
	folio_link_terms terms; /* the files link_hooks: name as terms, excluded ones too */
	folio_diags diags;
	folio_site_options opts;
	folio_limits limits; /* the server's (opts.limits), lowered by folio.yaml */
	size_t static_bytes; /* sum of the static files' sizes */
	/* partial sites: pages the site does not hold come from the lookup, as
	 * stubs made on first use (under stub_lock: validation runs on threads) */
	folio_site__lookup lookup;
	bool partial;
	pthread_mutex_t stub_lock;
	folio_page **stubs;
	size_t nstubs, astubs;
	folio_page **by_path; /* while bodies are parsed: the pages sorted by path; kept
	                         with opts.stream, to render a page's HTML again */
	size_t nby_path;
	bool stream;          /* opts.stream on a git source (folio_site_page_html) */
	folio_page **by_url_early; /* while bodies are parsed: the pages sorted by URL (url_known) */
	folio_static_file **by_output; /* statics by output path, once placed */
	bool guessed_url;     /* partial: a link to a .md file not loaded got the
	                         URL its path spells, which its front matter may change */
};

/* ---- phase 1: configuration, templates, schemas ---- */

static int load_config(folio_site *site)
{
	folio_buf b = FOLIO_BUF_INIT;
	int rc = folio_source_read(&b, site->src, "folio.yaml");
	if (rc == FOLIO_ENOTFOUND) {
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

/* Size of a file without reading it: the listing's for a directory, the
 * blob header's for a commit. */
static int entry_size(size_t *out, folio_site *site, const folio_entry *e)
{
	*out = e->size;
	if (e->size || !folio_source_commit(site->src))
		return 0;
	return folio_source_size_id(out, site->src, e->id);
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
	if (entry_size(&size, site, e) < 0)
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
	int rc = folio_source_read(&b, site->src, path);
	if (rc == FOLIO_ENOTFOUND) {
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

/* ---- phase 2: the tree ---- */

static bool has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* The length of a page's extension: ".md", or Jekyll's ".markdown"; 0 for
 * any other file. */
static size_t page_ext(const char *path)
{
	return ends_with(path, ".md") ? 3 : ends_with(path, ".markdown") ? 9 : 0;
}

/* A collection of Jekyll posts: its folder is "_posts" (or ends in "/_posts"). */
static bool is_posts(const folio_collection *c)
{
	return !strcmp(c->folder, "_posts") || ends_with(c->folder, "/_posts");
}

/*
 * "2023-05-01-" before a post's name, as Jekyll names posts: its length
 * (11), or 0. A name that is only a date keeps it.
 */
static size_t post_date_prefix(const char *name, size_t n)
{
	if (n <= 11 || name[10] != '-')
		return 0;
	int y, mo, d;
	return folio_date_parse_n(name, 10, &y, &mo, &d) ? 11 : 0;
}

/*
 * The slug of the page at path in collection c: its path below the
 * collection's folder without ".md", each segment made a slug (slug.h):
 * "2023/fete-des-semis" for "agenda/2023/Fête des semis.md". A bundle's
 * "x/index.md" and a sub-section's "2023/_index.md" are named by their
 * folder ("x", "2023"). The collection's own "_index.md" is its section
 * page: *section is set and the slug is "_index". Returns NULL, with the
 * segment that gives no slug in *bad (length *badlen), when one is left
 * with no letter or digit.
 */
static char *page_slug(const folio_collection *c, const char *path, bool *section,
                       const char **bad, size_t *badlen)
{
	const char *rel = strcmp(c->folder, ".") ? path + strlen(c->folder) + 1 : path;
	size_t n = strlen(rel) - page_ext(rel); /* without ".md" */
	*section = false;
	/* a collection folder's own index.md is its list's page too, as Jekyll
	 * serves "_docs/index.md" (permalink: /docs/) and Hugo a folder's
	 * index.md: not a page "index" below it (the root's is the home page) */
	if ((n == 6 && !memcmp(rel, "_index", 6)) || (n == 5 && !memcmp(rel, "index", 5) && strcmp(c->folder, "."))) {
		*section = true;
		return folio_xstrdup("_index");
	}
	if ((n > 7 && !memcmp(rel + n - 7, "/_index", 7)) || (n > 6 && !memcmp(rel + n - 6, "/index", 6)))
		n = (size_t)((const char *)memrchr(rel, '/', n) - rel);
	folio_buf out = FOLIO_BUF_INIT;
	for (size_t start = 0; start < n;) {
		const char *slash = memchr(rel + start, '/', n - start);
		size_t len = slash ? (size_t)(slash - rel) - start : n - start;
		/* a Jekyll post's date is no part of its name */
		size_t dated = !slash && is_posts(c) ? post_date_prefix(rel + start, len) : 0;
		start += dated;
		len -= dated;
		char *seg = folio_slug_make(rel + start, len);
		if (!seg) {
			*bad = rel + start;
			*badlen = len;
			folio_buf_dispose(&out);
			return NULL;
		}
		if (out.size)
			folio_buf_putc(&out, '/');
		folio_buf_puts(&out, seg);
		free(seg);
		start += len + 1;
	}
	return folio_buf_detach(&out, NULL);
}

/*
 * The language of a translation: "x.es.md" and "x/index.es.md" are in "es"
 * when folio.yaml's languages name it; NULL for any other file. *stem_len
 * is then the length of path without ".es" (the rest is ".md").
 */
static const char *page_language(const folio_config *cfg, const char *path, size_t *stem_len)
{
	size_t n = strlen(path) - 3; /* without ".md" */
	const char *base = strrchr(path, '/');
	if (!base)
		return NULL; /* pages live in a collection's folder */
	for (size_t i = 0; i < cfg->nlanguages; i++) {
		size_t l = strlen(cfg->languages[i]);
		if (n > l + 1 && path + n - l - 1 > base + 1 && path[n - l - 1] == '.' &&
		    !memcmp(path + n - l, cfg->languages[i], l)) {
			*stem_len = n - l - 1;
			return cfg->languages[i];
		}
	}
	return NULL;
}

/* A translation's URL: the page's, below its language ("/es/events/x/"). */
static void set_page_url(folio_page *p, char *url)
{
	free(p->url);
	p->url = p->lang ? folio_xasprintf("/%s%s", p->lang, url) : folio_xstrdup(url);
	free(url);
}

/* A page of collection c for entry e, named slug (taken over). */
static folio_page *new_page(const folio_entry *e, const folio_collection *c, char *slug, bool section,
                            const char *lang)
{
	folio_page *p = folio_xcalloc(1, sizeof(*p));
	p->path = folio_xstrdup(e->path);
	p->id = folio_xstrdup(e->id);
	p->collection = c;
	p->slug = slug;
	p->section = section;
	p->lang = lang ? folio_xstrdup(lang) : NULL;
	set_page_url(p, section ? folio_layout_list_url(c, 1) : folio_layout_page_url(c, p->slug));
	return p;
}

/* The page added, or NULL when its name is refused (a finding in d, unless NULL). */
static folio_page *add_page(folio_site *site, const folio_entry *e, const folio_collection *c,
                            folio_diags *d)
{
	bool section;
	const char *bad = NULL;
	size_t badlen = 0, stem = 0;
	const char *lang = page_language(site->config, e->path, &stem);
	/* a translation is named as the file it translates */
	char *plain = lang ? folio_xasprintf("%.*s.md", (int)stem, e->path) : NULL;
	char *name = page_slug(c, plain ? plain : e->path, &section, &bad, &badlen);
	if (!name && plain) { /* bad points into plain: name the segment before it goes */
		char *copy = folio_xstrndup(bad, badlen);
		free(plain);
		plain = copy;
		bad = copy;
	}
	if (!name) {
		if (!d) {
			free(plain);
			return NULL;
		}
		folio_diags_add(d, FOLIO_RULE_SLUG_INVALID, e->path, 0, 0,
		                "give the file a name with a letter or a digit, or set slug: in its front matter",
		                "file name \"%.*s\" gives an empty slug: it has no letter or digit",
		                (int)badlen, bad);
		/* its content is still checked, under the name "page", so that
		 * one pass shows every error of the file; it is never published,
		 * indexed or a link target */
		folio_page *p = new_page(e, c, folio_xstrdup("page"), false, lang);
		FOLIO_ARRAY_GROW(site->misnamed, site->nmisnamed, site->amisnamed, site->nmisnamed + 1);
		site->misnamed[site->nmisnamed++] = p;
		free(plain);
		return NULL;
	}
	free(plain);
	folio_page *p = new_page(e, c, name, section, lang);
	FOLIO_ARRAY_GROW(site->pages, site->npages, site->apages, site->npages + 1);
	site->pages[site->npages++] = p;
	return p;
}

/* An entry the source refused (folio/path.h) is a finding and nothing
 * more: it never reaches the site model. */
static int visit_refused(const char *path, const char *why, void *payload)
{
	folio_site *site = payload;
	folio_diags_add(&site->diags, FOLIO_RULE_TREE_PATH, path, 0, 0,
	                "rename or remove it: a site holds plain UTF-8 names only, without '..', "
	                "'.git' or control characters, each up to 234 bytes",
	                "tree entry refused: %s", why);
	return 0;
}

/*
 * A Markdown file at the site root belongs to no collection and is not
 * published: said in a warning, so a page put there by mistake is not lost
 * in silence. A repository's own documents (README.md, LICENSE.md, ...)
 * are what a root holds on purpose and pass without a word.
 */
static bool is_repo_doc(const char *path)
{
	static const char *const repo_docs[] = {
		"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "CONTRIBUTING",
		"CODE_OF_CONDUCT", "SECURITY", "AUTHORS", "NOTICE",
	};
	size_t n = strlen(path) - page_ext(path);
	for (size_t i = 0; i < sizeof(repo_docs) / sizeof(*repo_docs); i++)
		if (strlen(repo_docs[i]) == n && !strncasecmp(path, repo_docs[i], n))
			return true;
	return false;
}

static void check_root_page(folio_site *site, const char *path)
{
	if (is_repo_doc(path))
		return;
	folio_diags_add(&site->diags, FOLIO_RULE_COLLECTION_ROOT, path, 0, 0,
	                "move it into a collection folder to publish it, or out of the site",
	                "page \"%s\" at the site root belongs to no collection and is not published",
	                path);
}

/* A static file, refused past the static-file budget before anything reads it. */
static int add_static(folio_site *site, const folio_entry *e)
{
	size_t size, max = site->limits.v[FOLIO_LIMIT_STATIC_FILE];
	int rc = entry_size(&size, site, e);
	if (rc < 0)
		return rc;
	if (size > max) {
		folio_diags_add(&site->diags, FOLIO_RULE_BUDGET_STATIC_FILE, e->path, 0, 0,
		                "serve large files from elsewhere, or raise the server's static-file limit",
		                "static file is %zu bytes, more than the static-file limit of %zu",
		                size, max);
		/* still listed, so links to it are not also reported as broken:
		 * the error keeps the site from being built, so it is never read */
	}
	site->static_bytes += size;
	FOLIO_ARRAY_GROW(site->statics, site->nstatics, site->astatics, site->nstatics + 1);
	site->statics[site->nstatics].path = folio_xstrdup(e->path);
	site->statics[site->nstatics].id = folio_xstrdup(e->id);
	site->statics[site->nstatics].size = size;
	site->nstatics++;
	return 0;
}

/* Static files are copied as they are: their sum counts against site-size
 * before one of them is read. */
static void check_static_total(folio_site *site)
{
	size_t max = site->limits.v[FOLIO_LIMIT_SITE_SIZE];
	if (site->static_bytes > max)
		folio_diags_add(&site->diags, FOLIO_RULE_BUDGET_SITE_SIZE, "static/", 0, 0,
		                "remove static files, or raise the server's site-size limit",
		                "static files add up to %zu bytes, more than the site-size limit of %zu",
		                site->static_bytes, max);
}

static int visit_entry(const folio_entry *e, void *payload)
{
	folio_site *site = payload;
	if (e->type == FOLIO_ENTRY_FILE)
		folio_link_terms_note(&site->terms, site->config, e->path);
	/* a generator's own folders (layouts, drafts, themes) are no part of the site */
	if (folio_config_excluded(site->config, e->path))
		return 0;
	if (e->type == FOLIO_ENTRY_SYMLINK) {
		folio_diags_add(&site->diags, FOLIO_RULE_TREE_SYMLINK, e->path, 0, 0,
		                "commit the file itself, not a link to it",
		                "symbolic link committed in the content tree; it is not followed");
		return 0;
	}
	if (e->type != FOLIO_ENTRY_FILE)
		return 0;
	FOLIO_ARRAY_GROW(site->files, site->nfiles, site->afiles, site->nfiles + 1);
	site->files[site->nfiles].path = folio_xstrdup(e->path);
	site->files[site->nfiles].id = folio_xstrdup(e->id);
	site->nfiles++;
	if (has_prefix(e->path, "static/") || folio_config_copied(site->config, e->path))
		return add_static(site, e);
	if (has_prefix(e->path, "templates/") || has_prefix(e->path, "schemas/"))
		return 0;
	const folio_collection *c = folio_config_collection_for_path(site->config, e->path);
	if (!page_ext(e->path)) {
		/* a file beside the pages of a collection (a bundle's images) is
		 * published at its place, next to the page; dot files are not */
		const char *base = strrchr(e->path, '/');
		return c && base && base[1] != '.' ? add_static(site, e) : 0;
	}
	/* at the root, a page of the root's collection (folder: ".") if there
	 * is one; the repository's own documents never are */
	if (!strchr(e->path, '/') && (!c || is_repo_doc(e->path))) {
		check_root_page(site, e->path);
		return 0;
	}
	if (!c) {
		folio_diags_add(&site->diags, FOLIO_RULE_COLLECTION_UNKNOWN, e->path, 0, 0,
		                "move it into a collection folder or declare its folder in folio.yaml",
		                "page is not in the folder of any collection");
		return 0;
	}
	add_page(site, e, c, &site->diags);
	return 0;
}

static int cmp_file_path(const void *a, const void *b)
{
	return strcmp(((const folio_static_file *)a)->path, ((const folio_static_file *)b)->path);
}

/* ---- phase 3: parse and render the pages' Markdown ---- */

typedef struct {
	folio_site *site;
	folio_page **pages;
	folio_diags *diags; /* one list per page */
	atomic_int rc;      /* stream: the first failure to read a page, 0 while none */
	bool *body_done;    /* stream: the body was parsed with the front matter */
	char error[1024];   /* its message, set by the thread that failed */
} parse_job;

/* Line and column of byte offset off in data. */
static void offset_position(const char *data, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1;
	size_t start = 0;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n') {
			l++;
			start = i + 1;
		}
	*line = l;
	*col = (unsigned)(off - start + 1);
}

/* Checks every page needs before parsing: size, NUL bytes, UTF-8. */
static bool check_text(folio_page *p, const folio_site_options *opts, folio_diags *diags)
{
	unsigned line, col;
	if (p->raw_len > opts->max_file_size) {
		folio_diags_add(diags, FOLIO_RULE_TEXT_TOO_LARGE, p->path, 0, 0,
		                "split the page or move large data to static/",
		                "file is %zu bytes, more than the limit of %zu", p->raw_len,
		                opts->max_file_size);
		return false;
	}
	const char *nul = memchr(p->raw, '\0', p->raw_len);
	if (nul) {
		offset_position(p->raw, (size_t)(nul - p->raw), &line, &col);
		folio_diags_add(diags, FOLIO_RULE_TEXT_NUL, p->path, line, col, NULL,
		                "file holds a NUL byte");
		return false;
	}
	size_t off = 0;
	while (off < p->raw_len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p->raw + off,
		                                      (utf8proc_ssize_t)(p->raw_len - off), &cp);
		if (n < 0) {
			offset_position(p->raw, off, &line, &col);
			folio_diags_add(diags, FOLIO_RULE_TEXT_UTF8, p->path, line, col,
			                "save the file as UTF-8",
			                "invalid UTF-8 byte 0x%02x", (unsigned char)p->raw[off]);
			return false;
		}
		off += (size_t)n;
	}
	return true;
}

static void parse_page_front(folio_page *p, folio_site *site, folio_diags *diags);
static void parse_page_body(folio_page *p, folio_site *site, folio_diags *diags);
static void body_parsed(folio_page *p, folio_site *site, folio_diags *diags);
static void markdown_options(folio_markdown_options *out, const folio_page *p, folio_site *site);

/* draft, publish_date, expiry_date: read whatever the schema says, since
 * folio acts on them; a value it cannot read holds the page as a draft. */
static void read_schedule(folio_page *p, const folio_site *site, folio_diags *diags)
{
	folio_schedule_read(&p->schedule, p->meta, site->config ? site->config->timezone : NULL);
	const char *key = p->schedule.bad_key;
	if (!key)
		return;
	unsigned line = 0, col = 0;
	char *pointer = folio_xasprintf("/%s", key);
	if (p->fm.meta)
		folio_yaml_position(p->fm.meta, pointer, &line, &col);
	free(pointer);
	bool is_draft = folio_schedule_key_kind(key, strlen(key)) == FOLIO_SCHEDULE_KEY_DRAFT;
	folio_diags_add(diags, is_draft ? FOLIO_RULE_FRONT_MATTER_TYPE : FOLIO_RULE_FRONT_MATTER_FORMAT,
	                p->path, line, col,
	                is_draft ? "write draft: true or draft: false; until then the page is held as a draft"
	                         : "write one date such as 2026-12-03 or 2026-12-03T10:00:00+01:00; "
	                           "until then the page is held as a draft",
	                "field \"%s\" %s", key, p->schedule.bad_why);
}

/* What lists, the home page and index.json show of a page derives from its
 * front matter (title and date included) and its summary: one hash of both
 * lets those outputs depend on it rather than on every byte of the body. */
static void page_sign(folio_page *p)
{
	char *meta = json_dumps(p->meta, JSON_COMPACT);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, meta ? meta : "{}");
	folio_buf_putc(&b, '\n');
	folio_buf_puts(&b, p->md.summary ? p->md.summary : "");
	folio_sha256_hex(p->sig, b.ptr, b.size);
	folio_buf_dispose(&b);
	free(meta);
}

/* A streaming load reads a page's blob on the worker that parses it, for
 * its front matter (and its body when it can, stream_body), then for its
 * body if need be, and holds it no longer: the site's text is never in
 * memory whole (libgit2 reads are thread-safe). */
static bool stream_read(parse_job *job, folio_page *p)
{
	folio_buf b = FOLIO_BUF_INIT;
	int rc = folio_source_read_id(&b, job->site->src, p->id);
	if (rc < 0) {
		int none = 0;
		if (atomic_compare_exchange_strong(&job->rc, &none, rc))
			snprintf(job->error, sizeof(job->error), "%s", folio_error_last());
		folio_buf_dispose(&b);
		return false;
	}
	p->raw = folio_buf_detach(&b, &p->raw_len);
	return true;
}

static void drop_raw(folio_page *p)
{
	free(p->raw);
	p->raw = NULL;
	p->raw_len = 0;
	p->fm.body = NULL;
	p->fm.body_len = 0;
}

static const char *no_page_url(const char *path, void *payload)
{
	(void)path;
	*(bool *)payload = true;
	return NULL;
}

static char *no_file_url(const char *path, void *payload)
{
	(void)path;
	*(bool *)payload = true;
	return NULL;
}

static bool no_url_known(const char *url, void *payload)
{
	(void)url;
	*(bool *)payload = true;
	return false;
}

/* The body parsed with the front matter, while the blob is in hand, unless
 * it links to a page's .md file, to a file that may sit beside a page, or
 * relatively to a URL that may be a page's: their addresses need every
 * page's front matter (parse_page then reads the blob again). False:
 * nothing kept. */
static bool stream_body(folio_page *p, folio_site *site, folio_diags *diags)
{
	folio_markdown_options mo;
	bool asked = false;
	markdown_options(&mo, p, site);
	mo.no_html = true;
	mo.page_url_of = no_page_url;
	mo.file_url_of = no_file_url;
	mo.url_known = no_url_known;
	mo.payload = &asked;
	folio_markdown md;
	if (folio_markdown_render(&md, p->fm.body, p->fm.body_len, p->fm.body_line, &mo) < 0)
		return false;
	if (asked) {
		folio_markdown_dispose(&md);
		return false;
	}
	p->md = md;
	body_parsed(p, site, diags);
	return true;
}

static void parse_front(size_t i, void *payload)
{
	parse_job *job = payload;
	folio_page *p = job->pages[i];
	/* a page refused by its size (read_pages) is never inflated */
	bool read = job->site->stream && p->raw_len <= job->site->opts.max_file_size;
	if (read && !stream_read(job, p))
		return;
	parse_page_front(p, job->site, &job->diags[i]);
	if (read) {
		p->body_offset = p->fm.body ? (size_t)(p->fm.body - p->raw) : 0;
		job->body_done[i] = p->meta && stream_body(p, job->site, &job->diags[i]);
		drop_raw(p);
	}
}

/* Parse the body of page i, then drop its bytes: what later stages need is
 * in meta and md. */
static void parse_page(size_t i, void *payload)
{
	parse_job *job = payload;
	folio_page *p = job->pages[i];
	if (job->body_done[i])
		return;
	if (job->site->stream && p->meta) {
		if (!stream_read(job, p))
			return;
		p->fm.body = p->raw + p->body_offset;
		p->fm.body_len = p->raw_len - p->body_offset;
	}
	parse_page_body(p, job->site, &job->diags[i]);
	free(p->raw);
	p->raw = NULL;
	p->raw_len = 0;
	p->fm.body = NULL;
	p->fm.body_len = 0;
}

/* A finding at the value of front matter key (or the file when unknown). */
static void front_matter_finding(folio_diags *d, const folio_page *p, const char *key,
                                 folio_rule rule, const char *hint, const char *fmt, const char *arg)
{
	unsigned line = 0, col = 0;
	char *pointer = folio_xasprintf("/%s", key);
	if (p->fm.meta)
		folio_yaml_position(p->fm.meta, pointer, &line, &col);
	free(pointer);
	folio_diags_add(d, rule, p->path, line, col, hint, fmt, arg);
}

/* "url:" as a URL of the site (layout.h), or NULL with a finding in d. */
static char *front_matter_url(const folio_page *p, const char *url, folio_diags *d)
{
	char *u = folio_layout_front_matter_url("/", url);
	if (!u)
		front_matter_finding(d, p, "url", FOLIO_RULE_SLUG_INVALID,
		                     "write a site path such as /association/statuts/",
		                     "url \"%s\" is not a path of the site", url);
	return u;
}

/*
 * Front matter may set a page's address, as Hugo's does: "slug:" replaces
 * the last segment of its slug (made a slug by the same rule as file
 * names), "url:" its whole URL when it starts with '/' (other values, such
 * as a website's address, are data). The collection's section page keeps the
 * list's URL.
 */
static void apply_address(folio_page *p, folio_diags *d)
{
	if (p->section)
		return;
	json_t *slug = json_object_get(p->meta, "slug"), *url = json_object_get(p->meta, "url");
	if (!url) /* Jekyll's name for it */
		url = json_object_get(p->meta, "permalink");
	if (json_is_string(slug)) {
		char *seg = folio_slug_make(json_string_value(slug), json_string_length(slug));
		if (!seg) {
			front_matter_finding(d, p, "slug", FOLIO_RULE_SLUG_INVALID,
			                     "give it a letter or a digit",
			                     "slug \"%s\" has no letter or digit", json_string_value(slug));
		} else {
			const char *last = strrchr(p->slug, '/');
			char *full = last ? folio_xasprintf("%.*s/%s", (int)(last - p->slug), p->slug, seg)
			                  : folio_xstrdup(seg);
			free(seg);
			free(p->slug);
			p->slug = full;
			set_page_url(p, folio_layout_page_url(p->collection, p->slug));
		}
	}
	/* a collection's permalink: the page's date in its URL, as Jekyll's
	 * /:year/:month/:day/:title/ (a page without a date keeps its URL) */
	json_t *date = p->collection->date_field ? json_object_get(p->meta, p->collection->date_field)
	                                         : NULL;
	char *dated = json_is_string(date)
	                      ? folio_layout_dated_url(p->collection, p->slug, json_string_value(date))
	                      : NULL;
	if (dated)
		set_page_url(p, dated);
	/* only a site path is an address: "url: https://..." is a field of the
	 * page's own (an organisation's website) */
	if (json_is_string(url) && json_string_value(url)[0] == '/') {
		char *u = front_matter_url(p, json_string_value(url), d);
		if (u) {
			free(p->url);
			p->url = u;
		}
	}
}

/* A Jekyll post without a date in its front matter has its file name's,
 * as in Jekyll ("_posts/2023-05-01-fete.md": date 2023-05-01). */
static void post_date(folio_page *p)
{
	if (!is_posts(p->collection) || json_object_get(p->meta, "date"))
		return;
	const char *base = strrchr(p->path, '/') + 1;
	if (post_date_prefix(base, strlen(base) - page_ext(base))) {
		char *date = folio_xstrndup(base, 10);
		json_object_set_new(p->meta, "date", json_string(date));
		free(date);
	}
}

/* First half of a page's parse: its text and front matter, hence its
 * address. Leaves meta NULL when the page goes no further. */
static void parse_page_front(folio_page *p, folio_site *site, folio_diags *diags)
{
	p->fm.body = p->raw;
	p->fm.body_len = p->raw_len;
	p->fm.body_line = 1;
	if (!check_text(p, &site->opts, diags))
		return;
	folio_frontmatter_parse_limited(&p->fm, p->raw, p->raw_len, p->path,
	                                site->limits.v[FOLIO_LIMIT_FRONT_MATTER], diags);
	/* broken front matter: the page is not ok, but its body is still
	 * parsed, so that its links are checked in the same pass (a YAML
	 * error must not hide them); a key-case finding keeps the fields,
	 * so the schema still names "publishdate" with its hint */
	p->body_only = p->fm.present && !p->fm.meta;
	if (p->fm.meta)
		p->meta = json_incref(folio_yaml_root(p->fm.meta));
	if (!json_is_object(p->meta)) {
		json_decref(p->meta);
		p->meta = json_object();
	}
	post_date(p);
	read_schedule(p, site, diags);
	apply_address(p, diags);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp((*(folio_page *const *)a)->path, (*(folio_page *const *)b)->path);
}

static const folio_page *find_stub(const folio_site *site, const char *collection,
                                   const char *slug, const char *url);

static int cmp_page_path(const void *key, const void *elem)
{
	return strcmp(key, (*(folio_page *const *)elem)->path);
}

/* A page's URL by its file, or NULL when the site does not know it: on a
 * partial site, a page neither loaded nor in the lookup under the slug its
 * name gives. Read-only on a full site (by_path is built before the bodies
 * are parsed). */
static const char *known_page_url(folio_site *site, const char *path)
{
	if (site->by_path) {
		folio_page *const *p = bsearch(path, site->by_path, site->nby_path, sizeof(*site->by_path),
		                               cmp_page_path);
		return p ? (*p)->url : NULL;
	}
	for (size_t i = 0; i < site->npages; i++) /* partial: the few pages loaded */
		if (!strcmp(site->pages[i]->path, path))
			return site->pages[i]->url;
	if (!site->partial)
		return NULL;
	/* else the published page of that file, found by the slug its name
	 * gives: only when it is that file (slug: may have moved it) */
	const folio_collection *c = folio_config_collection_for_path(site->config, path);
	bool section = false;
	const char *bad;
	size_t badlen;
	char *slug = c && page_ext(path) ? page_slug(c, path, &section, &bad, &badlen) : NULL;
	const folio_page *stub = slug && !section ? find_stub(site, c->name, slug, NULL) : NULL;
	free(slug);
	return stub && !strcmp(stub->path, path) ? stub->url : NULL;
}

/* folio_markdown_options.page_url_of: a page's URL by its file. */
static const char *page_url_of(const char *path, void *payload)
{
	folio_site *site = payload;
	const char *url = known_page_url(site, path);
	if (!url && site->partial && !site->by_path)
		site->guessed_url = true;
	return url;
}

/*
 * The URL of the page whose bundle holds the file at path, as in Hugo's
 * bundles: the page "<D>/index.md" (a leaf) or "<D>/_index.md" (a branch:
 * a sub-section's page, or the collection's own list) of the nearest
 * folder D above the file, up to its collection's folder; else, as Hugo
 * publishes a section's files, the collection's list. *rel is then the
 * file's path below D. NULL for a file in no collection, or at the root's
 * (*asked tells whether a folder was looked at, which a partial site may
 * not know). Caller frees.
 */
static char *bundle_page_url(folio_site *site, const char *path, const char **rel, bool *asked)
{
	static const char *const indexes[] = { "index.md", "_index.md" };
	const folio_collection *c = folio_config_collection_for_path(site->config, path);
	*asked = false;
	if (!c || has_prefix(path, "static/"))
		return NULL;
	bool root = !strcmp(c->folder, ".");
	size_t top = root ? 0 : strlen(c->folder);
	for (const char *end = strrchr(path, '/'); end && (size_t)(end - path) + !root > top;
	     end = memrchr(path, '/', (size_t)(end - path))) {
		*asked = true;
		for (size_t k = 0; k < 2; k++) {
			char *index = folio_xasprintf("%.*s/%s", (int)(end - path), path, indexes[k]);
			const char *url = known_page_url(site, index);
			free(index);
			if (url) {
				*rel = end + 1;
				return folio_xstrdup(url);
			}
		}
	}
	if (root)
		return NULL;
	*rel = path + top + 1;
	return folio_layout_list_url(c, 1);
}

static int cmp_output_ptr(const void *a, const void *b)
{
	return strcmp((*(folio_static_file *const *)a)->output, (*(folio_static_file *const *)b)->output);
}

/* Once every page has its address: where each static file goes (layout.h),
 * and the files by output path, for links to them. */
static void place_statics(folio_site *site)
{
	if (site->by_output)
		return; /* placed by the first parse_pages(), with the real pages */
	for (size_t i = 0; i < site->nstatics; i++) {
		folio_static_file *f = &site->statics[i];
		const char *rel;
		bool asked;
		char *url = bundle_page_url(site, f->path, &rel, &asked);
		f->output = has_prefix(f->path, "static/") ? folio_layout_static_output(site->config, f->path)
		          : url ? folio_layout_bundle_output(url, rel) : folio_xstrdup(f->path);
		free(url);
	}
	site->by_output = folio_xmalloc((site->nstatics ? site->nstatics : 1) * sizeof(*site->by_output));
	for (size_t i = 0; i < site->nstatics; i++)
		site->by_output[i] = &site->statics[i];
	qsort(site->by_output, site->nstatics, sizeof(*site->by_output), cmp_output_ptr);
}

static const folio_static_file *find_file(const folio_static_file *files, size_t n, const char *path);

/*
 * folio_markdown_options.file_url_of: a bundle's file follows its page's
 * URL, so a relative link to it is written with its new place. A partial
 * site knows that place only from a page it holds and the outputs
 * published; otherwise it says so (guessed_url) and the usual way decides.
 */
static char *file_url_of(const char *path, void *payload)
{
	folio_site *site = payload;
	if (!site->partial) {
		const folio_static_file *f = find_file(site->statics, site->nstatics, path);
		return f && f->output && !has_prefix(path, "static/") && strcmp(f->output, path)
		               ? folio_xasprintf("/%s", f->output) : NULL;
	}
	const char *rel;
	bool asked;
	char *url = bundle_page_url(site, path, &rel, &asked);
	char *out = url ? folio_layout_bundle_output(url, rel) : NULL;
	free(url);
	if (out && site->lookup.file(out, site->lookup.payload) && strcmp(out, path)) {
		char *u = folio_xasprintf("/%s", out);
		free(out);
		return u;
	}
	if (asked && (!out || strcmp(out, path)))
		site->guessed_url = true;
	free(out);
	return NULL;
}

static int cmp_url(const void *a, const void *b);
static int cmp_page_url(const void *elem, const void *key);

/* folio_markdown_options.url_known: a page's URL, or a list's. Read-only
 * on a full site; a partial one knows the pages it holds and its stubs. */
static bool url_known(const char *url, void *payload)
{
	folio_site *site = payload;
	if (folio_layout_is_generated(site->config, url))
		return true;
	if (site->by_url_early)
		return folio_search(site->by_url_early, site->npages, sizeof(*site->by_url_early), url,
		                    cmp_page_url) != NULL;
	for (size_t i = 0; i < site->npages; i++)
		if (!strcmp(site->pages[i]->url, url))
			return true;
	return site->partial && find_stub(site, NULL, NULL, url);
}

/* How a page's Markdown is rendered: at load, and again for its HTML when
 * the site streams (folio_site_page_html), to the same bytes. */
static void markdown_options(folio_markdown_options *out, const folio_page *p, folio_site *site)
{
	folio_markdown_options mo = FOLIO_MARKDOWN_OPTIONS_INIT;
	mo.page_url_of = page_url_of;
	mo.file_url_of = file_url_of;
	mo.url_known = url_known;
	mo.payload = site;
	mo.allow_html = site->config->allow_html;
	mo.embeds = (const char *const *)site->config->embeds;
	mo.nembeds = site->config->nembeds;
	mo.link_hooks = site->config->link_hooks;
	mo.nlink_hooks = site->config->nlink_hooks;
	mo.link_terms = &site->terms;
	mo.params = (const char *const *)site->config->params;
	mo.source_path = p->path;
	mo.page_url = p->url;
	mo.max_table_cells = site->limits.v[FOLIO_LIMIT_TABLE_CELLS];
	*out = mo;
}

/* Second half: the Markdown, once every page has its address (links to
 * other pages' files are written as those pages' URLs). */
static void parse_page_body(folio_page *p, folio_site *site, folio_diags *diags)
{
	if (!p->meta)
		return; /* refused by parse_page_front */
	folio_markdown_options mo;
	markdown_options(&mo, p, site);
	mo.no_html = site->stream; /* rendered again when the page is written */
	if (folio_markdown_render(&p->md, p->fm.body, p->fm.body_len, p->fm.body_line, &mo) < 0) {
		folio_diags_add(diags, FOLIO_RULE_FRONT_MATTER_SYNTAX, p->path, p->fm.body_line, 1,
		                NULL, "markdown cannot be rendered: %s", folio_error_last());
		return;
	}
	body_parsed(p, site, diags);
}

/* What follows from a page's parsed Markdown: its budget, title, date, signature. */
static void body_parsed(folio_page *p, folio_site *site, folio_diags *diags)
{
	if (p->md.table_cells) {
		folio_diags_add(diags, FOLIO_RULE_BUDGET_TABLE_CELLS, p->path, p->md.table_line, 1,
		                "split the table across pages, or raise the table-cells limit",
		                "tables hold at least %zu cells (rows times columns), more than the "
		                "table-cells limit of %zu", p->md.table_cells,
		                site->limits.v[FOLIO_LIMIT_TABLE_CELLS]);
		return;
	}
	if (p->body_only)
		return;
	json_t *t = json_object_get(p->meta, p->collection->title_field);
	p->title = json_is_string(t) ? json_string_value(t) : p->slug;
	if (p->collection->date_field) {
		/* only a date reaches lists, feeds, the sitemap and JSON-LD;
		 * check says what is wrong with anything else (date/invalid) */
		json_t *d = json_object_get(p->meta, p->collection->date_field);
		folio_when w;
		p->date = json_is_string(d) && folio_when_parse(&w, json_string_value(d), json_string_length(d))
		                  ? json_string_value(d)
		                  : NULL;
	}
	page_sign(p);
	p->ok = true;
}

static int read_pages(folio_site *site, folio_page **pages, size_t npages)
{
	for (size_t i = 0; i < npages; i++) {
		folio_page *p = pages[i];
		folio_buf b = FOLIO_BUF_INIT;
		size_t size = 0;
		if (folio_source_commit(site->src) &&
		    folio_source_size_id(&size, site->src, p->id) == 0 && size > site->opts.max_file_size) {
			p->raw_len = size; /* refused by size (check_text) without being inflated */
			continue;
		}
		if (site->stream)
			continue; /* read by the worker that parses it (parse_front) */
		folio_error_clear();
		/* by id: a lookup by path would inflate the folder's tree object again for every page */
		int rc = folio_source_commit(site->src) ? folio_source_read_id(&b, site->src, p->id)
		                                        : folio_source_read(&b, site->src, p->path);
		if (rc < 0) {
			folio_buf_dispose(&b);
			return rc;
		}
		p->raw = folio_buf_detach(&b, &p->raw_len);
	}
	return 0;
}

static int parse_pages(folio_site *site, folio_page **pages, size_t npages)
{
	parse_job job = { .site = site, .pages = pages,
	                  .diags = folio_xcalloc(npages ? npages : 1, sizeof(folio_diags)),
	                  .body_done = folio_xcalloc(npages ? npages : 1, sizeof(bool)) };
	atomic_init(&job.rc, 0);
	for (size_t i = 0; i < npages; i++)
		folio_diags_init(&job.diags[i]);
	folio_parallel_for(npages, site->opts.jobs, parse_front, &job);
	/* links to a page's file are written with its URL: the real pages
	 * (never the misnamed) by path, while the bodies are parsed */
	free(site->by_path); /* stream: the one of the pages, before the misnamed */
	site->by_path = folio_xmalloc((site->npages ? site->npages : 1) * sizeof(*site->by_path));
	site->nby_path = site->npages;
	if (site->npages)
		memcpy(site->by_path, site->pages, site->npages * sizeof(*site->pages));
	qsort(site->by_path, site->npages, sizeof(*site->by_path), cmp_path);
	site->by_url_early = folio_xmalloc((site->npages ? site->npages : 1) * sizeof(*site->by_path));
	if (site->npages)
		memcpy(site->by_url_early, site->pages, site->npages * sizeof(*site->pages));
	qsort(site->by_url_early, site->npages, sizeof(*site->by_url_early), cmp_url);
	place_statics(site);
	if (atomic_load(&job.rc) == 0)
		folio_parallel_for(npages, site->opts.jobs, parse_page, &job);
	if (!site->stream) {
		free(site->by_path);
		site->by_path = NULL;
	}
	free(site->by_url_early);
	site->by_url_early = NULL;
	for (size_t i = 0; i < npages; i++) {
		folio_diags_move(&site->diags, &job.diags[i]);
		if (!pages[i]->meta)
			pages[i]->meta = json_object();
		if (!pages[i]->title)
			pages[i]->title = pages[i]->slug;
	}
	free(job.diags);
	free(job.body_done);
	int rc = atomic_load(&job.rc);
	if (rc < 0) /* the threads are joined: the message is complete */
		folio_error_set("%s", job.error);
	return rc;
}

/*
 * Pages not published at the site's now move to the held list: everything
 * that renders, lists or delivers reads folio_site_page() and never sees
 * them. A page that cannot be parsed stays (its findings say why). With
 * show_held (folio serve only) they stay too, their status set.
 */
static void hold_pages(folio_site *site)
{
	size_t kept = 0;
	for (size_t i = 0; i < site->npages; i++) {
		folio_page *p = site->pages[i];
		p->status = p->ok ? folio_schedule_status(&p->schedule, site->now) : FOLIO_PAGE_PUBLISHED;
		if (p->status == FOLIO_PAGE_PUBLISHED || site->opts.show_held) {
			site->pages[kept++] = p;
			continue;
		}
		FOLIO_ARRAY_GROW(site->held, site->nheld, site->aheld, site->nheld + 1);
		site->held[site->nheld++] = p;
	}
	site->npages = kept;
}

/* ---- phase 4: lookup tables ---- */

static int cmp_key(const void *a, const void *b)
{
	const folio_page *x = *(folio_page *const *)a, *y = *(folio_page *const *)b;
	int c = strcmp(x->collection->name, y->collection->name);
	return c ? c : strcmp(x->slug, y->slug);
}

static int cmp_url(const void *a, const void *b)
{
	return strcmp((*(folio_page *const *)a)->url, (*(folio_page *const *)b)->url);
}

/* Compare two sort values: numbers before strings, missing values last. */
static int cmp_values(const json_t *x, const json_t *y)
{
	if (!x || json_is_null(x))
		return (!y || json_is_null(y)) ? 0 : 1;
	if (!y || json_is_null(y))
		return -1;
	if (json_is_number(x) && json_is_number(y)) {
		double a = json_number_value(x), b = json_number_value(y);
		return a < b ? -1 : a > b;
	}
	if (json_is_string(x) && json_is_string(y))
		return strcmp(json_string_value(x), json_string_value(y));
	return json_is_number(x) ? -1 : 1;
}

static int cmp_sort(const void *a, const void *b, void *payload)
{
	const folio_page *x = *(folio_page *const *)a, *y = *(folio_page *const *)b;
	const folio_collection *c = payload;
	const json_t *vx = json_object_get(x->meta, c->sort_field);
	const json_t *vy = json_object_get(y->meta, c->sort_field);
	int r = cmp_values(vx, vy);
	bool missing = !vx || json_is_null(vx) || !vy || json_is_null(vy);
	if (r && c->sort_descending && !missing)
		r = -r;
	return r ? r : strcmp(x->slug, y->slug);
}

/* Translations after the page they translate: (collection, slug, language),
 * the site's language first. */
static int cmp_lang(const void *a, const void *b)
{
	const folio_page *x = *(folio_page *const *)a, *y = *(folio_page *const *)b;
	int c = cmp_key(a, b);
	if (c || x->lang == y->lang)
		return c;
	if (!x->lang || !y->lang)
		return x->lang ? 1 : -1;
	return strcmp(x->lang, y->lang);
}

static void sort_collection(folio_page **pages, size_t n, const folio_collection *c)
{
	qsort_r(pages, n, sizeof(*pages), cmp_sort, (void *)c);
}

static void index_pages(folio_site *site)
{
	size_t n = site->npages, nl = site->config->nlanguages;
	site->by_key = folio_xmalloc((n ? n : 1) * sizeof(*site->by_key));
	site->by_url = folio_xmalloc((n ? n : 1) * sizeof(*site->by_url));
	site->by_lang = folio_xmalloc((n ? n : 1) * sizeof(*site->by_lang));
	site->nkeys = 0;
	for (size_t i = 0; i < n; i++)
		if (!site->pages[i]->lang) /* a translation is found by its language */
			site->by_key[site->nkeys++] = site->pages[i];
	if (n) {
		memcpy(site->by_url, site->pages, n * sizeof(*site->pages));
		memcpy(site->by_lang, site->pages, n * sizeof(*site->pages));
	}
	qsort(site->by_key, site->nkeys, sizeof(*site->by_key), cmp_key);
	qsort(site->by_url, n, sizeof(*site->by_url), cmp_url);
	qsort(site->by_lang, n, sizeof(*site->by_lang), cmp_lang);

	size_t nc = site->config->ncollections;
	site->collections = folio_xcalloc(nc, sizeof(*site->collections));
	for (size_t c = 0; c < nc; c++) {
		collection_index *ci = &site->collections[c];
		ci->collection = &site->config->collections[c];
		ci->pages = folio_xmalloc((n ? n : 1) * sizeof(*ci->pages));
		ci->langs = folio_xcalloc(nl + 1, sizeof(*ci->langs));
		for (size_t l = 0; l < nl; l++)
			ci->langs[l].pages = folio_xmalloc((n ? n : 1) * sizeof(*ci->pages));
		for (size_t i = 0; i < n; i++) {
			folio_page *p = site->pages[i];
			if (p->collection != ci->collection)
				continue;
			size_t l = 0;
			while (p->lang && l < nl && strcmp(site->config->languages[l], p->lang))
				l++;
			if (p->section && !p->lang)
				ci->section = p;
			else if (p->section) /* a translated _index.md: no list shows it yet */
				continue;
			else if (p->lang && l < nl)
				ci->langs[l].pages[ci->langs[l].count++] = p;
			else
				ci->pages[ci->count++] = p;
		}
		sort_collection(ci->pages, ci->count, ci->collection);
		for (size_t l = 0; l < nl; l++)
			sort_collection(ci->langs[l].pages, ci->langs[l].count, ci->collection);
	}
}

static void unindex_pages(folio_site *site)
{
	free(site->by_key);
	free(site->by_url);
	free(site->by_lang);
	for (size_t c = 0; site->collections && c < site->config->ncollections; c++) {
		free(site->collections[c].pages);
		for (size_t l = 0; site->collections[c].langs && l < site->config->nlanguages; l++)
			free(site->collections[c].langs[l].pages);
		free(site->collections[c].langs);
	}
	free(site->collections);
	site->by_key = site->by_url = site->by_lang = NULL;
	site->collections = NULL;
}

/* ---- public ---- */

int folio_site_load(folio_site **out, folio_source *src, const folio_site_options *opts)
{
	folio_site *site = folio_xcalloc(1, sizeof(*site));
	folio_site_options defaults = FOLIO_SITE_OPTIONS_INIT;
	int rc;

	*out = NULL;
	site->src = src;
	site->opts = opts ? *opts : defaults;
	site->now = site->opts.now ? site->opts.now : folio_schedule_now();
	folio_diags_init(&site->diags);
	site->stream = site->opts.stream && folio_source_commit(src);
	if ((rc = load_config(site)) < 0)
		goto fail;
	set_limits(site);
	if ((rc = load_templates(site)) < 0 || (rc = load_schemas(site)) < 0 ||
	    (rc = folio_source_foreach_refused(src, visit_refused, site)) < 0)
		goto fail;
	if (site->config) {
		site->terms.complete = true; /* every entry is listed before any page is parsed */
		if ((rc = folio_source_foreach(src, "", visit_entry, site)) < 0 ||
		    (rc = read_pages(site, site->pages, site->npages)) < 0 ||
		    (rc = read_pages(site, site->misnamed, site->nmisnamed)) < 0)
			goto fail;
		check_static_total(site);
		/* static/ and the files beside pages, in one list by path */
		if (site->nstatics)
			qsort(site->statics, site->nstatics, sizeof(*site->statics), cmp_file_path);
		if ((rc = parse_pages(site, site->pages, site->npages)) < 0 ||
		    (rc = parse_pages(site, site->misnamed, site->nmisnamed)) < 0)
			goto fail;
		hold_pages(site);
		index_pages(site);
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
	free(p->url);
	folio_markdown_dispose(&p->md);
	json_decref(p->meta);
	folio_frontmatter_dispose(&p->fm);
	free(p->raw);
	free(p);
}

void folio_site_free(folio_site *site)
{
	if (!site)
		return;
	folio_link_terms_dispose(&site->terms);
	for (size_t i = 0; i < site->npages; i++)
		page_free(site->pages[i]);
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
		unindex_pages(site);
	for (size_t c = 0; site->config && site->schemas && c < site->config->ncollections; c++)
		folio_schema_free(site->schemas[c]);
	free(site->schemas);
	for (size_t i = 0; i < site->nstatics; i++) {
		free(site->statics[i].path);
		free(site->statics[i].id);
		free(site->statics[i].output);
	}
	free(site->statics);
	free(site->by_output);
	free(site->by_path);
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

char *folio_site_page_html(const folio_site *site, const folio_page *p, size_t *len)
{
	if (p->md.html || !site->stream || !p->ok) { /* a partial site's stub has none: "" */
		*len = p->md.html ? p->md.html_len : 0;
		return folio_xstrndup(p->md.html ? p->md.html : "", *len);
	}
	folio_buf b = FOLIO_BUF_INIT;
	if (folio_source_read_id(&b, site->src, p->id) < 0) {
		folio_buf_dispose(&b);
		return NULL;
	}
	/* the options of the load: a non-partial site's callbacks only read it */
	folio_markdown_options mo;
	markdown_options(&mo, p, (folio_site *)site);
	mo.html_only = true;
	folio_markdown md;
	FOLIO_ASSERT(p->body_offset <= b.size);
	int rc = folio_markdown_render(&md, b.ptr + p->body_offset, b.size - p->body_offset,
	                               p->fm.body_line, &mo);
	folio_buf_dispose(&b);
	if (rc < 0)
		return NULL;
	char *html = md.html;
	*len = md.html_len;
	md.html = NULL;
	folio_markdown_dispose(&md);
	return html;
}

const folio_schema *folio_site_schema(const folio_site *site, const folio_collection *c)
{
	if (!site->schemas)
		return NULL;
	return site->schemas[c - site->config->collections];
}

static const folio_page *find_stub(const folio_site *site, const char *collection,
                                   const char *slug, const char *url);
static const folio_page *find_loaded(const folio_site *site, const char *collection, const char *slug);

const folio_page *folio_site_find(const folio_site *site, const char *collection, const char *slug)
{
	const folio_page *p = find_loaded(site, collection, slug);
	return p || !site->partial ? p : find_stub(site, collection, slug, NULL);
}

typedef struct {
	const char *collection, *slug;
} page_key;

static int cmp_page_key(const void *elem, const void *key)
{
	const folio_page *p = *(const folio_page *const *)elem;
	const page_key *k = key;
	int c = strcmp(p->collection->name, k->collection);
	return c ? c : strcmp(p->slug, k->slug);
}

static const folio_page *find_loaded(const folio_site *site, const char *collection, const char *slug)
{
	page_key key = { collection, slug };
	folio_page *const *p = folio_search(site->by_key, site->nkeys, sizeof(*site->by_key), &key,
	                                    cmp_page_key);
	return p ? *p : NULL;
}

static int cmp_page_url(const void *elem, const void *key)
{
	return strcmp((*(const folio_page *const *)elem)->url, key);
}

const folio_page *folio_site_find_url(const folio_site *site, const char *url)
{
	folio_page *const *p = folio_search(site->by_url, site->npages, sizeof(*site->by_url), url,
	                                    cmp_page_url);
	if (p)
		return *p;
	return site->partial ? find_stub(site, NULL, NULL, url) : NULL;
}

const folio_page *const *folio_site_collection_pages(const folio_site *site,
                                                     const folio_collection *c, size_t *n)
{
	collection_index *ci = &site->collections[c - site->config->collections];
	*n = ci->count;
	return (const folio_page *const *)ci->pages;
}

const folio_page *const *folio_site_collection_pages_in(const folio_site *site,
                                                        const folio_collection *c,
                                                        const char *lang, size_t *n)
{
	const folio_config *cfg = site->config;
	collection_index *ci = &site->collections[c - cfg->collections];
	for (size_t l = 0; lang && l < cfg->nlanguages; l++)
		if (!strcmp(cfg->languages[l], lang)) {
			*n = ci->langs[l].count;
			return (const folio_page *const *)ci->langs[l].pages;
		}
	*n = ci->count;
	return (const folio_page *const *)ci->pages;
}

typedef struct {
	const char *collection, *slug, *lang;
} lang_key;

static int cmp_lang_key(const void *elem, const void *key)
{
	const folio_page *p = *(const folio_page *const *)elem;
	const lang_key *k = key;
	int c = strcmp(p->collection->name, k->collection);
	if (!c)
		c = strcmp(p->slug, k->slug);
	if (c || p->lang == k->lang)
		return c;
	if (!p->lang || !k->lang)
		return p->lang ? 1 : -1;
	return strcmp(p->lang, k->lang);
}

const folio_page *folio_site_find_lang(const folio_site *site, const char *collection,
                                       const char *slug, const char *lang)
{
	if (!site->by_lang)
		return NULL; /* a partial site: the fast path renders no translation links */
	lang_key key = { collection, slug, lang };
	folio_page *const *p = folio_search(site->by_lang, site->npages, sizeof(*site->by_lang), &key,
	                                    cmp_lang_key);
	return p ? *p : NULL;
}

const folio_page *folio_site_section(const folio_site *site, const folio_collection *c)
{
	if (!site->collections)
		return NULL; /* a partial site lists no collection */
	return site->collections[c - site->config->collections].section;
}

static const folio_static_file *find_file(const folio_static_file *files, size_t n, const char *path)
{
	return folio_search(files, n, sizeof(*files), path, folio_search_cmp_str);
}

bool folio_site_has_static(const folio_site *site, const char *path)
{
	if (site->partial)
		return site->lookup.file(path, site->lookup.payload);
	return find_file(site->statics, site->nstatics, path) != NULL;
}

static int cmp_output_key(const void *key, const void *elem)
{
	return strcmp(key, (*(folio_static_file *const *)elem)->output);
}

bool folio_site_has_output_file(const folio_site *site, const char *output)
{
	if (site->partial)
		return site->lookup.file(output, site->lookup.payload);
	return site->by_output &&
	       bsearch(output, site->by_output, site->nstatics, sizeof(*site->by_output), cmp_output_key);
}

const char *folio_site_static_output(const folio_site *site, const char *path)
{
	const folio_static_file *f = site->partial ? NULL : find_file(site->statics, site->nstatics, path);
	return f ? f->output : NULL;
}

const char *folio_site_file_id(const folio_site *site, const char *path)
{
	const folio_static_file *f = find_file(site->files, site->nfiles, path);
	return f ? f->id : NULL;
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

static const folio_page *stub_matching(const folio_site *site, const char *collection,
                                       const char *slug, const char *url)
{
	for (size_t i = 0; i < site->nstubs; i++) {
		const folio_page *p = site->stubs[i];
		if (url ? !strcmp(p->url, url)
		        : !strcmp(p->collection->name, collection) && !strcmp(p->slug, slug))
			return p;
	}
	return NULL;
}

static folio_page *make_stub(folio_site *site, folio_site__stub *st)
{
	const folio_collection *c = folio_config_collection_for_path(site->config, st->path);
	folio_page *p = NULL;
	if (c) {
		p = folio_xcalloc(1, sizeof(*p));
		p->path = st->path;
		p->id = st->id;
		p->slug = st->slug;
		p->url = st->url;
		p->collection = c;
		p->meta = json_object();
		json_object_set_new(p->meta, c->title_field, json_string(st->title ? st->title : st->slug));
		json_t *t = json_object_get(p->meta, c->title_field);
		p->title = json_is_string(t) ? json_string_value(t) : p->slug;
		size_t alloc = 0;
		for (const char *a = st->anchors ? st->anchors : ""; *a;) {
			size_t n = strcspn(a, "\n");
			FOLIO_ARRAY_GROW(p->md.headings, p->md.nheadings, alloc, p->md.nheadings + 1);
			p->md.headings[p->md.nheadings].id = folio_xstrndup(a, n);
			p->md.headings[p->md.nheadings].text = folio_xstrdup("");
			p->md.nheadings++;
			a += n + (a[n] == '\n');
		}
		p->ok = true;
		FOLIO_ARRAY_GROW(site->stubs, site->nstubs, site->astubs, site->nstubs + 1);
		site->stubs[site->nstubs++] = p;
	} else {
		free(st->path);
		free(st->id);
		free(st->slug);
		free(st->url);
	}
	free(st->title);
	free(st->anchors);
	return p;
}

static const folio_page *find_stub(const folio_site *site, const char *collection,
                                   const char *slug, const char *url)
{
	folio_site *s = (folio_site *)site; /* the stub cache is not part of what the site says */
	pthread_mutex_lock(&s->stub_lock);
	const folio_page *p = stub_matching(s, collection, slug, url);
	folio_site__stub st;
	memset(&st, 0, sizeof(st));
	if (!p && s->lookup.page(&st, collection, slug, url, s->lookup.payload))
		p = make_stub(s, &st);
	pthread_mutex_unlock(&s->stub_lock);
	/* a stub found by URL may be a page the site holds after all */
	if (p && url) {
		const folio_page *loaded = find_loaded(site, p->collection->name, p->slug);
		if (loaded)
			return loaded;
	}
	return p;
}

int folio_site__open_partial(folio_site **out, folio_source *src, const folio_site_options *opts,
                             const folio_site__lookup *lookup)
{
	folio_site *site = folio_xcalloc(1, sizeof(*site));
	folio_site_options defaults = FOLIO_SITE_OPTIONS_INIT;
	int rc;

	*out = NULL;
	site->src = src;
	site->opts = opts ? *opts : defaults;
	site->now = site->opts.now ? site->opts.now : folio_schedule_now();
	site->lookup = *lookup;
	site->partial = true;
	pthread_mutex_init(&site->stub_lock, NULL);
	folio_diags_init(&site->diags);
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
	folio_page *p = c && page_ext(path) ? add_page(site, &e, c, NULL) : NULL;
	if (!p) {
		free(raw);
		return NULL;
	}
	p->raw = raw;
	p->raw_len = len;
	parse_page_front(p, site, diags);
	parse_page_body(p, site, diags);
	free(p->raw);
	p->raw = NULL;
	p->raw_len = 0;
	p->fm.body = NULL;
	p->fm.body_len = 0;
	if (!p->meta)
		p->meta = json_object();
	if (!p->title)
		p->title = p->slug;
	/* not moved to the held list: the fast path steps aside for such a page */
	p->status = p->ok ? folio_schedule_status(&p->schedule, site->now) : FOLIO_PAGE_PUBLISHED;
	return p;
}


bool folio_site__guessed_urls(const folio_site *site)
{
	return site->guessed_url;
}

void folio_site__index(folio_site *site)
{
	unindex_pages(site);
	if (site->npages)
		qsort(site->pages, site->npages, sizeof(*site->pages), cmp_path);
	index_pages(site);
}
