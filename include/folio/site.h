/*
 * The site model: one commit (or directory) of a site read into memory:
 * its configuration, templates, schemas, pages with parsed front matter and
 * rendered Markdown, and static files. Rendering and validation read it;
 * nothing in it is written after folio_site_load() returns.
 *
 *     folio_site *site = NULL;
 *     folio_site_options opts = FOLIO_SITE_OPTIONS_INIT;
 *     if (folio_site_load(&site, src, &opts) < 0) ...   // operational failure
 *     folio_diags_print_text(stderr, folio_site_diags(site));
 *     for (size_t i = 0; i < folio_site_page_count(site); i++)
 *         puts(folio_site_page(site, i)->url);
 *     folio_site_free(site);
 *
 * Content problems (broken YAML, a missing template, a bad slug) never fail
 * the load: they are findings in folio_site_diags(). A page whose front
 * matter cannot be parsed is kept with ok == false.
 */
#ifndef FOLIO_SITE_H
#define FOLIO_SITE_H

#include <jansson.h>
#include <stdint.h>

#include "config.h"
#include "diag.h"
#include "frontmatter.h"
#include "limits.h"
#include "markdown.h"
#include "schedule.h"
#include "schema.h"
#include "source.h"
#include "template.h"

typedef struct folio_site folio_site;

typedef struct {
	char *path;        /* "events/x.md" */
	char *id;          /* content id of the file (git blob id) */
	const folio_collection *collection; /* borrowed from the config */
	char *slug;
	char *file_slug;   /* the slug its file's name gave, when slug: or its title renamed
	                      it (owned), else NULL: its versions in other languages share it */
	char *lang;        /* a translation's language ("x.es.md": "es", languages: in
	                      folio.yaml); NULL for a page in the site's language */
	char *url;         /* "/events/x/"; a translation's is prefixed: "/es/events/x/" */
	char *raw;         /* the file's bytes while loading; NULL once parsed (fm.body too) */
	size_t raw_len;
	folio_frontmatter fm;
	json_t *meta;      /* borrowed from fm; an empty object when absent or broken; NULL
	                      for a stub: read it through folio_page_meta() */
	char *meta_text;   /* a stub's front matter as its record dumped it (owned; set by
	                      folio_page_set_meta_text()) */
	uint64_t meta_keys; /* ... two bits for each key the text names, when meta_keys_known */
	bool meta_keys_known;
	json_t *meta_lazy; /* ... parsed on first use by folio_page_meta() (owned) */
	const char *title; /* borrowed from meta (title_field) or the slug; a stub's is own_title */
	const char *date;  /* borrowed from meta (date_field) or NULL; a stub's, or one written
	                    * other than RFC 3339 ("2023-06-12 09:30:00 +0200"), is own_date */
	char *own_title, *own_date; /* a stub's title and date from its record, or the date
	                             * made RFC 3339 (owned) */
	char *name_title; /* title_from_name: the title its file's name gives (owned), or NULL */
	json_t *own_sort;  /* a stub's value of its collection's sort field, from its record
	                      (owned; NULL: it has none), when own_sort_known: sorting its
	                      collection then parses no front matter */
	char *own_sort_text; /* ... as the record holds it (owned; NULL: none), parsed into
	                        own_sort when first sorted by (a title sort reads the title) */
	bool own_sort_known;
	bool own_unscheduled; /* a stub whose record has no draft, no dates and no bad value:
	                         its schedule is empty, its front matter not searched for one */
	const char *tkey;  /* what its translations share: Hugo's translationKey (borrowed
	                      from meta), or own_tkey, else NULL; see folio_page_translation_key */
	char *own_tkey;    /* language_field: its address without its language's folder, which
	                      its versions share, as jekyll-polyglot links them (owned) */
	folio_markdown md;
	bool ok;           /* the file could be parsed and rendered */
	bool body_only;    /* not ok: the front matter is broken, but the body was
	                      parsed so that its links are checked in the same pass */
	bool readme_index; /* a folder's README.md named as its index page (readme_index:) */
	bool section;      /* the collection's own _index.md (or index.md): the title and
	                      text of its list pages, never a page of its own nor an item
	                      of a list; its aliases and a url: other than the list's
	                      redirect to the list */
	char sig[65];      /* SHA-256 (hex) of what a list of pages shows of it: its
	                      front matter and summary; "" when not ok */
	folio_schedule schedule;  /* draft, publish and expiry dates (keys borrowed from meta) */
	folio_page_status status; /* at the site's now; only FOLIO_PAGE_PUBLISHED pages are
	                             listed by folio_site_page(), the others are held */
	size_t body_offset; /* folio_site_options.stream: where the body starts in the blob,
	                       to render the HTML again (folio_site_page_html) */
	bool spilled;       /* folio_site_options.spill_html: its HTML is in the site's scratch
	                       file, spill_len bytes at spill_at (folio_site_page_html) */
	uint64_t spill_at;
	size_t spill_len;
	size_t spill_escapes; /* of those bytes, how many JSON escapes (util/text.h): a check
	                         bounds the feed item that carries them without reading them */
	bool positions_later; /* folio_site_options.stream: fm.meta (the front matter's positions)
	                         was freed once the page's address was read; a finding's
	                         position is found again from the blob (folio_site_value_position) */
	bool expansion_charged; /* what its shortcodes and includes add was charged to
	                           site-text once: a body parsed again is not charged twice */
	bool stub;          /* filled by folio_site_options.stub from the stored site model:
	                       its front matter and summary only (no links, no headings);
	                       its HTML is rendered again from the blob when an output needs it */
} folio_page;

typedef struct {
	char *path; /* "static/logo.svg" */
	char *id;
	char *output; /* where it is published, under --out (model/layout.h): a
	                 bundle's files follow their page's URL */
	size_t size; /* bytes, from the blob's header: known before it is read */
} folio_static_file;

typedef struct {
	int jobs;            /* worker threads for parsing and validation; 0 = number of cores */
	size_t max_file_size; /* bytes; larger pages are refused (text/too-large) */
	const folio_limits *limits; /* the server's budgets (borrowed); NULL: the defaults.
	                               folio.yaml's limits: may lower them, never raise them */
	long long now;       /* the instant publish and expiry dates are compared to;
	                        0: folio_schedule_now() */
	bool show_held;      /* folio serve: drafts, pending and expired pages stay among the
	                        pages (their status says which), so the author sees them */
	bool stream;         /* a full build of a commit: each page's blob is read on the
	                        thread that parses it and dropped after; md.html stays NULL
	                        and folio_site_page_html() renders it again when an output
	                        needs it, so the site holds its index, not its text. Ignored
	                        for a directory source */
	/* With stream: asked (on any thread) for each page before its blob is
	 * read; true when it filled p->meta_text, p->own_title, p->own_date,
	 * p->sig, p->md.summary (and p->own_sort, p->own_unscheduled) from what the state recorded of that blob
	 * (publish_model.c): the page is then a stub, its front matter parsed
	 * when first read (folio_page_meta()), its blob read only for its HTML.
	 * NULL: every page is parsed. */
	bool (*stub)(folio_page *p, void *payload);
	void *stub_payload;
	/* Leave each page's sig empty: nothing will record or compare it (a
	 * check without a state). Its JSON dump and hash were 3% of such a check. */
	bool unsigned_pages;
	/* With stream, when every output will be rendered (a full build): the
	 * parse that validates a page renders its HTML too, written to a scratch
	 * file (util/spill.h: unlinked, in spill_dir, else $TMPDIR or /tmp)
	 * and read back by folio_site_page_html(), rather than the blob read and
	 * parsed again; memory holds the offset only. A page whose HTML could
	 * not be written (no scratch file, a full disk) is rendered again. */
	bool spill_html;
	const char *spill_dir; /* borrowed; NULL: $TMPDIR */
} folio_site_options;

/* The default largest text (a page, a template, folio.yaml, a schema) */
#define FOLIO_SITE_MAX_FILE_SIZE (4u << 20)
#define FOLIO_SITE_OPTIONS_INIT { 0, FOLIO_SITE_MAX_FILE_SIZE, NULL, 0, false, false, NULL, NULL, false, false, NULL }

/* Whether a category (Jekyll's :categories) is one plain folder name of an
 * address: letters (of any script), digits, '-', '_', '.', and not "." or
 * "..". Any other (a '/', a space, a '%') places nothing: whoever pushes
 * writes it; init --from jekyll names the pages that have one. */
bool folio_site_category_plain(const char *c);

/* Whether the site reads nothing of the file at path, whatever it holds:
 * one exclude: leaves out (Gemfile.lock, a theme's source), or one no
 * collection, copied folder, static root, templates/ or schemas/ holds
 * (a project's Makefile, its .github/ workflows); never folio.yaml, a
 * static root's file, nor one named as a page (.md, .html), whose address
 * link findings may tell. A commit changing only such files and page
 * bodies takes the fast path. */
bool folio_site_path_unread(const folio_config *cfg, const char *path);
/* Whether a file at path may be a page, whatever a collection says: its
 * name is a page's (.md, .markdown, .html, .txt), and its front
 * matter may make it one (Jekyll's, Hugo's HTML) where another version
 * was a file copied as it is. */
bool folio_site_path_named_page(const char *path);

/*
 * A site kept in a folder of its repository (a project's docs/ or
 * website/): the repository top's folio.yaml holds only `site_folder:
 * website`, and the site, its own folio.yaml included, is read from that
 * folder as from the top (folio_source_reroot(); docs/config.md).
 * folio_site_root() roots a source just opened when its folio.yaml says so
 * (0 when it does not, or has no folio.yaml); the three others open as
 * folio_source_open_git(), _rev() and _dir() do, then root. A folder the
 * commit lacks or no plain path names, or a site_folder: beside other
 * settings, is the commit's content, not a failure: the source stays at
 * its top, and the site's load reports it (folio_source_root_problem()) as
 * a config/syntax error at folio.yaml's line, so that the daemon judges
 * such a commit once instead of retrying it. A negative code is an
 * operational failure (I/O, libgit2); *out is then NULL.
 */
int folio_site_root(folio_source *src);
int folio_site_open_git(folio_source **out, const char *repo, const char *rev);
int folio_site_open_rev(folio_source **out, folio_source *base, const char *rev);
int folio_site_open_dir(folio_source **out, const char *dir);

/*
 * Read the whole site from src (borrowed; must outlive the site). Returns 0,
 * or a negative code on an operational failure (I/O, libgit2), with the
 * message in folio_error_last(). A missing or broken folio.yaml is a content
 * finding: the site then has no config and no pages.
 */
int folio_site_load(folio_site **out, folio_source *src, const folio_site_options *opts);
void folio_site_free(folio_site *site);

/* Everything found while loading; borrowed. */
const folio_diags *folio_site_diags(const folio_site *site);
folio_diags *folio_site_diags_mut(folio_site *site);
const folio_config *folio_site_config(const folio_site *site); /* NULL when broken */
/* The budgets in force: the server's, lowered by folio.yaml; borrowed. */
const folio_limits *folio_site_limits(const folio_site *site);
const folio_templates *folio_site_templates(const folio_site *site);
folio_source *folio_site_source(const folio_site *site);
/* The threads the site was loaded with (folio_site_options.jobs): validation
 * of the site runs on as many, so --jobs bounds both. */
int folio_site_jobs(const folio_site *site);
/* Compiled schema of a collection, or NULL. */
const folio_schema *folio_site_schema(const folio_site *site, const folio_collection *c);

/*
 * Published pages: drafts, pages whose publish date is after the site's now
 * and pages whose expiry date has passed are held (folio_site_held()) and
 * appear in no output, list, feed, sitemap, index.json or delivery.
 */
size_t folio_site_page_count(const folio_site *site);
/* Pages in path order; borrowed. */
const folio_page *folio_site_page(const folio_site *site, size_t i);
/* Pages whose file name is not a slug (each has its slug/invalid finding):
 * parsed and validated, so that a bad name hides none of the file's other
 * errors, but never published, indexed, listed or a link target; their
 * slug is the one the finding's hint suggests. Borrowed. */
size_t folio_site_misnamed_count(const folio_site *site);
const folio_page *folio_site_misnamed(const folio_site *site, size_t i);
/* Page by collection name and slug, or NULL. */
const folio_page *folio_site_find(const folio_site *site, const char *collection, const char *slug);
/* Page by site-absolute URL ("/people/x/"), or NULL. */
const folio_page *folio_site_find_url(const folio_site *site, const char *url);
/* Page by a link's path that names a file, not a folder: "/post/x.html";
 * or "/post/x" for a page at "/post/x.html" (a collection with ugly_urls,
 * a Jekyll permalink: not ending with .html, /spec/v1.0 for
 * spec/v1.0.html), which GitHub Pages, Netlify and nginx's try_files
 * $uri.html serve so (Hugo sites with uglyURLs and Jekyll sites link so).
 * NULL otherwise: "/post/x/" is no page there. */
const folio_page *folio_site_find_file_url(const folio_site *site, const char *path);
/* Pages of one collection in its sort order; count in *n. Borrowed. */
const folio_page *const *folio_site_collection_pages(const folio_site *site,
                                                     const folio_collection *c, size_t *n);

/* The instant the site was loaded for (folio_site_options.now). */
long long folio_site_now(const folio_site *site);
/* Held pages (status not FOLIO_PAGE_PUBLISHED) in path order; borrowed. They
 * are validated like the others: a scheduled page must be ready at its time. */
size_t folio_site_held_count(const folio_site *site);
const folio_page *folio_site_held(const folio_site *site, size_t i);
/* Held page by site-absolute URL ("/events/x/"), or NULL. */
const folio_page *folio_site_find_held_url(const folio_site *site, const char *url);
/* The held page whose leaf bundle holds the file published at output
 * ("blog/secret/pic.png") when the page is published, or NULL. */
const folio_page *folio_site_held_file_page(const folio_site *site, const char *output);
/* Held page by collection name and slug, or NULL. */
const folio_page *folio_site_find_held(const folio_site *site, const char *collection,
                                       const char *slug);

/* The pages of a collection in language lang (one of the config's
 * languages; NULL: the site's, as folio_site_collection_pages()), in its
 * sort order. Translations are in these lists only. Borrowed. */
const folio_page *const *folio_site_collection_pages_in(const folio_site *site,
                                                        const folio_collection *c,
                                                        const char *lang, size_t *n);
/*
 * qsort() comparator of two const folio_page * for "newest first", the one
 * order of feeds and term pages (docs/templates.md): pages with a date by
 * date, newest first, then the undated; ties by slug, then by path (unique),
 * so the order is total even across collections that share a slug.
 */
int folio_site_cmp_newest(const void *a, const void *b);
/* The version of the page (collection, key) in language lang (NULL: the
 * site's), or NULL when it has none; key is folio_page_translation_key's. */
const folio_page *folio_site_find_lang(const folio_site *site, const char *collection,
                                       const char *key, const char *lang);
/* The key the versions of a page at path in collection c share by their
 * file (the slug its file's name gives, folio_page.file_slug), whatever its
 * front matter makes of its address; NULL when its name gives none.
 * Caller frees. */
char *folio_site_file_key(const folio_site *site, const folio_collection *c, const char *path);

/* What a page's versions in other languages share: its translationKey (as
 * Hugo links "about.md" and "a-propos.fr.md"), else the slug its file's
 * name gives (about.md and about.fr.md with slug: a-propos, as Hugo links
 * them by their file). */
static inline const char *folio_page_translation_key(const folio_page *p)
{
	return p->tkey ? p->tkey : p->file_slug ? p->file_slug : p->slug;
}

/* Is p's file a section's _index (_index.md, _index.fr.md, _index.html):
 * a collection's, or a sub-section's ("2023/_index.md"), which Hugo's
 * permalinks leave at its folder's address? */
bool folio_page_is_index_file(const folio_page *p);

/* The length of a page file's extension at the end of the n bytes at
 * path: ".md" 3, Jekyll's ".markdown" 9, ".html" 5 (a page written in HTML,
 * with html_pages), ".txt" 4 (plain text, with text_pages); 0 for any
 * other file. */
size_t folio_site_page_ext(const char *path, size_t n);

/* Is p a page of plain text (a .txt file of a collection with text_pages:)? */
bool folio_page_is_plain_text(const folio_page *p);
/* Is p written in HTML (html_pages:, an .html content file)? Its body is
 * HTML whatever allow_html says; html/active still holds. */
bool folio_page_is_html(const folio_page *p);

/* The section page of a collection (its folder's _index.md or index.md), or NULL;
 * with lang, a language of cfg->languages, its translation (_index.fr.md, or
 * the same file in that language's folder), which the list at /fr/<list>/
 * shows. Borrowed. */
const folio_page *folio_site_section(const folio_site *site, const folio_collection *c, const char *lang);
/* Has collection c a list in lang (a language of cfg->languages)? Always
 * with lang NULL or empty_language_lists: true; else pages there, or its
 * section page's translation (_index.fr.md), as Hugo writes /fr/<section>/
 * only then. A partial site asks its
 * lookup whether the list's Atom feed was published (a listed collection
 * always has one where it has a list). */
bool folio_site_has_list_in(const folio_site *site, const folio_collection *c, const char *lang);
/* The home page's text: the section page of the collection that says home:
 * (folio_collection.home), at "/"; with lang, a language of cfg->languages,
 * its translation at "/<lang>/". NULL when there is none. Borrowed. */
const folio_page *folio_site_home(const folio_site *site, const char *lang);
/* Is p a text other outputs show, with no output, list entry or index
 * entry of its own: a section's _index.md (its list's or the home page's
 * text), or the page whose url: is "/" (the home page's)? The index.md of
 * a collection without a list (list: false; a folder of Jekyll pages) is
 * no list's text: it is the page at the folder's address. */
bool folio_site_page_is_text(const folio_site *site, const folio_page *p);

/* A page's HTML (p->md.html, or rendered again from its blob when the site
 * streams: the same bytes; "" for a page that has none), *len its length;
 * caller frees. NULL when the blob cannot be read (folio_error_last()).
 * Thread-safe. */
char *folio_site_page_html(const folio_site *site, const folio_page *p, size_t *len);
/* The same, and *contained (unless NULL) whether its links ask nothing of
 * the rest of the site (folio_markdown_links_self_contained()), as its
 * parse or this render found them: a stub's are known only so. */
char *folio_site_page_html_links(const folio_site *site, const folio_page *p, size_t *len, bool *contained);
/* How many pages' HTML went to the scratch file (folio_site_options.spill_html),
 * how many were read back from it, how many were rendered again from their
 * blobs (a streaming site's pages without one, a stub's). */
void folio_site_html_counts(const folio_site *site, size_t *spilled, size_t *read_back, size_t *again);
/* Line and column of the value (or, with key, the key) at JSON pointer
 * pointer in p's front matter; 0 when unknown. A streaming load keeps no
 * positions: the page's front matter is read and parsed again, which only
 * a finding asks for. Thread-safe. */
void folio_site_value_position(const folio_site *site, const folio_page *p, const char *pointer,
                               bool key, unsigned *line, unsigned *col);
/* The calling thread's front matter kept by folio_site_value_position()
 * for the next finding of the same page (one a thread, freed at its end)
 * is freed now: once a page's findings are made. */
void folio_site_positions_release(void);
/* Once the site is validated, for a build that records no state (folio
 * build): frees what only validation reads, every page's front-matter
 * positions (meta stays), links, anchors, paragraph hashes and notes, about
 * 3 KB a page, and gives the freed memory back to the system. Validating
 * or recording the site afterwards is wrong; rendering it is not. */
void folio_site_drop_checks(folio_site *site);
/* Whether the site was loaded with folio_site_options.stream (from a commit). */
bool folio_site_streams(const folio_site *site);

/* Hugo's cascade: the section pages (_index.md) above p, nearest first (p
 * itself when it is one), whose front matter has cascade:; at most max in
 * out, their count returned. On a partial site the pages it did not load
 * are not found (folio_site__guessed_urls() then says so). */
size_t folio_site_cascades(const folio_site *site, const folio_page *p, const folio_page **out, size_t max);
/* Hugo's .Param: the value p's front matter gives name (its keys without
 * case, its dots as levels, "grpc_vers.core"; below params: too), else the
 * nearest of those cascades; NULL when none. Borrowed. */
json_t *folio_page_param(const folio_site *site, const folio_page *p, const char *name);

/* Static files: those under static/ and those beside the pages of a
 * collection (a bundle's images), in path order. */
size_t folio_site_static_count(const folio_site *site);
const folio_static_file *folio_site_static(const folio_site *site, size_t i);
bool folio_site_has_static(const folio_site *site, const char *path);
/* Whether a static file is published at output path ("billets/x/photo.jpg"). */
bool folio_site_has_output_file(const folio_site *site, const char *output);
/* The output path of the static file at tree path, or NULL when the site
 * holds none (or is partial). Borrowed. */
const char *folio_site_static_output(const folio_site *site, const char *path);
/* Content id of any regular file of the tree (folio.yaml, schemas/x.json), or NULL. */
const char *folio_site_file_id(const folio_site *site, const char *path);
/* The content id of the site's _includes/<name> (Jekyll's {% include
 * name %}), borrowed for the site's life; NULL when there is no such
 * file or name is no plain path below _includes/. */
const char *folio_site_include_id(const folio_site *site, const char *name);
/* "templates/page.mustache=<id>" or "builtin:page=<hash>": what a template's
 * bytes are, for dependency tracking; caller frees. */
char *folio_site_template_version(const folio_site *site, const char *name);

/*
 * The old URLs of page p that redirect to it: its aliases: (or Jekyll's
 * redirect_from:) and, for a collection's section page, a url: or
 * permalink: other than the list's. alias_url(p, k), k < alias_count(p),
 * is the caller's to free, or NULL when alias k is no site path
 * (validation says why) or is p's own address. Render plans a redirect
 * page at each (model/site_aliases.c).
 */
/* The front-matter key whose value lists p's old URLs: "aliases" (unless
 * folio.yaml's aliases_key: is false), else "redirect_from"; NULL when p
 * has neither. */
const char *folio_page_aliases_key(const folio_page *p);
size_t folio_page_alias_count(const folio_page *p);
char *folio_page_alias_url(const folio_page *p, size_t k);
/* The URL an alias written so names for p: a site path, or one relative to
 * the folder of p's URL ("../apis" from /docs/a/apis/: /docs/apis); NULL
 * when it is no path of the site. Caller frees. */
char *folio_page_alias_resolve(const folio_page *p, const char *written);

/*
 * Page p's front matter, an object (borrowed from p), and its key (NULL
 * when absent). A stub's is parsed from its record on first use, on any
 * thread; get() parses it only when the text may hold key. Every reader of
 * a page's front matter goes through these (model/page_meta.c).
 */
json_t *folio_page_meta(const folio_page *p);
json_t *folio_page_meta_get(const folio_page *p, const char *key);
/* The same, or else the first key that equals key but for ASCII case
 * ("Tags" for tags: Hugo reads front matter keys so). */
json_t *folio_page_meta_get_caseless(const folio_page *p, const char *key);
/* A stub's front matter, as its record's compact JSON dump: p takes text.
 * The keys it names are noted, so that a lookup of a key it lacks reads
 * a word, not the text (issue 14: four lookups a stub, at 10,000 stubs). */
void folio_page_set_meta_text(folio_page *p, char *text);
/* Jekyll's redirect_to: (jekyll-redirect-from, on a site with
 * front_matter_pages): the absolute address the page sends its readers to,
 * its output a redirect page; NULL when it has none. An http(s) URL as
 * written, or a site path, with or without its leading / (read from the
 * site's root, as the plugin's absolute_url reads it); anything else
 * (another scheme) is not followed, and validation names it. Caller
 * frees. */
char *folio_page_redirect_to(const folio_config *cfg, const folio_page *p);
/* False when p's front matter cannot hold key with a string value that
 * starts with lead (a stub's read without parsing it). */
bool folio_page_meta_may_start(const folio_page *p, const char *key, const char *lead);
/* False when p's front matter cannot hold a draft, publish or expiry key
 * (a stub's read without parsing it). */
bool folio_page_meta_may_schedule(const folio_page *p);
/* Hugo's translationKey (or translationkey) in a front matter object: a
 * non-empty string, borrowed from meta; else NULL. */
const char *folio_meta_translation_key(const json_t *meta);
/* p's translationKey (folio_meta_translation_key()): a stub's front matter
 * is parsed only when its text may hold the key. */
const char *folio_page_meta_translation_key(const folio_page *p);

#endif
