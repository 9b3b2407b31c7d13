/*
 * folio.yaml, the site's configuration.
 *
 *     folio_config *cfg = NULL;
 *     folio_config_parse(&cfg, text, len, "folio.yaml", &diags);
 *     if (!cfg) ... // diags say why, with line and column
 *     const folio_collection *c = folio_config_collection(cfg, "books");
 *     folio_config_free(cfg);
 *
 * Example:
 *
 *     title: ISCRA
 *     base_url: https://iscra.example
 *     language: fr
 *     allow_html: false
 *     static_at_root: false    # true: static/x.png is served at /x.png, as Hugo
 *                              # does; default: at /static/x.png
 *     assets_at_root: false    # true: assets/x.png is published at /x.png too
 *     hugo_links: false        # true: links looked up as Hugo's link hook does
 *     slug_dots: false         # true: slug: v6.2 and v6.2.md give /x/v6.2/, as Hugo (else v6-2)
 *     html_pages: false        # true: .html files in collections are pages (Hugo)
 *     leaf_bundles: false      # true: files below a folder's index.md are its resources (Hugo)
 *     front_matter_pages: false # true: root files are pages when they have front matter (Jekyll)
 *     footnotes: gfm           # kramdown: ids fn:<label> (Jekyll); goldmark: fn:<n> (Hugo)
 *     autolinks: true          # false: bare URLs stay text, as Jekyll's kramdown leaves them
 *     redirects: [{from: /sponsors, to: /donate/}]  # a web server's redirects (Netlify's)
 *     page_size: 20
 *     branch: main             # a note only: the server's FOLIO_BRANCH decides
 *     collections:
 *       - name: events           # [a-z0-9-]+, also the URL segment
 *         folder: events         # default: name
 *         label: Events          # title of the list page, default name
 *         schema: events.json    # under schemas/; NULL here when absent, and
 *                                # the caller looks for <name>.json
 *         template: event        # templates/event.mustache, default "page"
 *         list_template: list    # default "list"
 *         sort: -date            # field, "-" for descending; default title
 *         title_field: title     # default title
 *         date_field: date       # optional
 *         jsonld: Event          # schema.org type, optional
 *         page_size: 10          # overrides the site's
 *     rules:                   # rule id: error, warning or off (docs/rules.md)
 *       link/external-dead: off
 *       link/broken: {severity: warning, paths: [old/]}   # under old/ only
 *     ignore: [archives/, "*.txt"]   # findings of these paths are dropped
 *     limits:                  # lowers the server's budgets (docs/security.md);
 *       page-output: 2M        # a value above the server's has no effect
 *     partners:
 *       - name: alliss
 *         url: https://partner.example/folio
 *         collections: [events, books]   # required, must exist
 *         summaries: false                # default true
 *
 * title, base_url and collections (a non-empty list) are required; any
 * other key is an error, with a hint naming the closest known key. The
 * keys are listed once, in config_keys.def, which docs/config.md is
 * generated from. A "sort" that names no field of the collection's schema
 * is reported when the site is loaded (the schemas are not known here).
 */
#ifndef FOLIO_CONFIG_H
#define FOLIO_CONFIG_H

#include <jansson.h>

#include "diag.h"
#include "limits.h"
#include "markdown.h"
#include "params.h"
#include "yaml.h"

typedef struct {
	char *name;          /* slug, URL segment */
	char *folder;        /* source folder, relative to the site root */
	char *url;           /* "/posts/": its list's URL and its pages' prefix; NULL: "/<folder>/" */
	char *permalink;     /* "/news/:year/:month/:day/:slug/": its pages' URLs from their date,
	                        "/:slug/" or "/posts/:path/" without one; or NULL */
	char **categories;   /* every page's first categories (Jekyll's folders above _posts), or NULL */
	size_t ncategories;
	bool ugly_urls;      /* its pages at /<path>.html, not /<path>/ (Hugo's uglyURLs) */
	bool ugly_lists;     /* and its lists at /<folder>.html (ugly_urls: true, not pages) */
	bool slug_from_title; /* a page without slug: is named by its title (Hugo's :slug, urlize.h) */
	bool slug_unused;     /* slug: names no page (slug_names: false, Hugo's :filename) */
	bool slug_keeps_case; /* its file names' capitals kept in URLs (Jekyll's :title) */
	bool name_dates;      /* "2020-05-27-x.md" is x, dated 2020-05-27 (Hugo's :filename; _posts always) */
	bool title_from_name; /* an untitled page's title: its file's name in title case, as Jekyll's */
	bool hold_future;     /* a page dated after now is held until its date (Jekyll's, Hugo's default) */
	bool slug_dots;        /* dots kept in the URLs file and folder names give (slug_dots:) */
	bool aliases_key;      /* the site's aliases_key: */
	bool urlize_names;     /* a file or folder name beyond ASCII made a segment as Hugo's urlize
	                          makes it (hugo_links), accents dropped with remove_path_accents */
	bool remove_path_accents;
	bool slug_underscores; /* '_' kept in the URLs file names and slug: give (Hugo, Jekyll) */
	bool slug_letters;     /* slug_letters: keep: a name's letters of any script kept, not
	                          transliterated (Jekyll's slugify) */
	bool home;           /* its folder's _index.md is the home page's text (site.h, folio_site_home) */
	bool unlisted;       /* list: false: no list pages, in no navigation (Hugo's top pages) */
	bool no_rss;         /* rss: false: no RSS beside its list (Hugo's outputs without RSS) */
	bool text_pages;     /* its .txt files are pages of plain text (Jekyll's _licenses/mit.txt) */
	char *label;         /* human title of the list page; default name */
	char *schema;        /* file under schemas/, or NULL */
	char *template_name; /* page template, without .mustache */
	char *list_template; /* list template */
	char *sort_field;
	bool sort_descending;
	char *title_field;
	char *date_field;    /* or NULL */
	char *jsonld_type;   /* or NULL */
	json_t *jsonld_map;  /* jsonld as a mapping: schema.org property -> field, [date, time]
	                      * or a nested mapping with "type" (owned); NULL: the type only */
	size_t page_size;
	bool pages_shift;    /* pagination: shift: list pages cut from the first item, as Hugo's;
	                      * else stable: cut from the last, so an item added at the front
	                      * rewrites the first page only (render_units.c) */
} folio_collection;

typedef struct {
	char *name;
	char *url;
	char **collections;
	size_t ncollections;
	bool summaries;
} folio_partner;

/*
 * One entry of "rules:" (docs/rules.md): findings of rule get severity, or
 * are dropped when off; with patterns (paths:), only those under one of
 * them (util/glob.h). Never a locked rule (folio_rule_locked()).
 */
typedef struct {
	folio_rule rule;
	bool off;
	folio_severity severity; /* when not off */
	char **paths;            /* NULL: every path; the paths written whole first, sorted */
	size_t npaths;
	size_t nliteral;         /* of them, the paths written whole (no '*', '?' or final '/') */
} folio_rule_setting;

/* link_hooks: what a generator's link render hook did with one destination
 * (Hugo's docs turn [term](g) into a link to their glossary). */
typedef struct folio_link_hook {
	char *target; /* the destination as written: "g" */
	char *url;    /* a site path with {term}: "/quick-reference/glossary/#{term}" */
	char *terms;  /* a folder of the site whose .md files are the terms, or NULL */
	char **words; /* words: pairs, a text (lowercase) then the term it means; NULL-ended */
} folio_link_hook;

/* redirects: an old address the web server sent elsewhere (Netlify's
 * _redirects), published as a redirect page. */
typedef struct {
	char *from; /* a site path as written ("/sponsors", "/old.html") */
	char *to;   /* a site path or an http(s) URL */
	char *url;  /* where its redirect page stands, as the layout places it ("/sponsors/");
	               a splat's: the folder its from names ("/authors/") */
	size_t number; /* its place in redirects: */
	bool splat; /* from is "/authors/" and a star, to ends with :splat ("/author/:splat"): every
	               address below url goes where to says, the rest in place of :splat */
	bool language_subdir; /* the splat language_subdir: adds, /en/ and a star to /:splat: its pages
	                         leave out the other languages' outputs */
} folio_redirect;

/* Splat redirects folio.yaml may hold: together they publish at most a
 * redirect page per output of the site (render_plan.c), and a link that
 * names nothing is tried against each (Kong's docs have 99, spinnaker.io's
 * netlify.toml 21). */
#define FOLIO_REDIRECT_SPLATS_MAX 256

/* Why a redirect cannot be published as written (folio_config_redirect_check). */
typedef enum {
	FOLIO_REDIRECT_OK,
	FOLIO_REDIRECT_SHAPE,      /* from is no site path (a placeholder, a query, a control
	                            * character, a star but after a final /), or to is neither a site path
	                            * nor an http(s) URL (ending with :splat after such a star) */
	FOLIO_REDIRECT_NO_ADDRESS, /* from is a site path no page can stand at: "..", ".", a hidden
	                            * name (".folio-output"), a name the output refuses */
	FOLIO_REDIRECT_OTHER_HOST, /* to starts with "//": another host, not a site path */
} folio_redirect_problem;

/* feeds: a feed of the site's newest pages across collections, at an
 * address of its own (Hugo's /index.xml, jekyll-feed's /feed.xml), in
 * each language (/fr/index.xml). */
typedef struct {
	char *url;           /* "/feed.xml": a site path to a file ending in .xml */
	bool rss;            /* RSS 2.0, else Atom 1.0 */
	size_t *collections; /* the places in collections: of those it merges, all dated */
	size_t ncollections;
	size_t size;         /* its items at most */
} folio_site_feed;

/* Site feeds folio.yaml may hold. */
#define FOLIO_SITE_FEEDS_MAX 8

/* A name and the index of what bears it: arrays of them are sorted by
 * name (stably) and looked up with folio_search() (util/search.h), whose
 * string comparisons take a struct whose first member is a char *. */
typedef struct {
	const char *name; /* borrowed */
	size_t index;
} folio_config_named;

typedef struct {
	char *title;
	char *description;
	char *base_url;   /* without trailing slash */
	char *base_path;  /* base_url's path ("/WAI" of https://www.w3.org/WAI), or NULL */
	char *language;   /* BCP 47, e.g. "fr" */
	char *language_subdir; /* Hugo's defaultContentLanguageInSubdir: the folder ("en") its
	                          site-language pages were below, read off links, or NULL */
	char *timezone;   /* IANA name, e.g. "Europe/Paris"; offset-less dates are read in it */
	bool section_feeds;    /* each sub-section's page has an RSS beside it (Hugo's) */
	bool times_as_written; /* a date-time with an offset shown at that offset (Hugo's), not at timezone */
	bool hugo_fences;      /* front matter closed by a line starting with "---" (Hugo's) */
	bool allow_html;
	char **embeds;    /* hosts whose iframes raw HTML may hold (lowercase), or NULL */
	size_t nembeds;
	/* site paths another system serves on the site's host ("/download/": a
	 * folder and below, "/doc/x.html": that one), or NULL */
	char **served_elsewhere;
	size_t nserved_elsewhere;
	bool static_at_root; /* static/ published at the site root, not under /static/ */
	bool assets_at_root; /* Hugo's assets/ published at the site root too */
	bool hugo_links;     /* links looked up as Hugo's link render hook does */
	bool slug_dots;      /* a slug: keeps its dots ("v6.2"), as Hugo's does */
	bool remove_path_accents; /* addresses from titles lose their accents (Hugo's removePathAccents) */
	bool term_keeps_case;     /* term_case: keep, Hugo's disablePathToLower */
	bool html_pages;     /* .html files in collections are pages written in HTML (Hugo) */
	bool leaf_bundles;   /* the files below a folder's index page are its resources (Hugo) */
	bool front_matter_pages; /* root files are pages when they open with front matter (Jekyll) */
	bool jekyll_rules;       /* jekyll_rules: Jekyll's rules where they differ (Liquid's page.x, redirect_to,
	                          * slug:, files named _x or .x left out); default front_matter_pages */
	bool title_from_heading; /* no title in the front matter: the first heading's text */
	bool readme_index;       /* a folder's README.md is its index page when it has none (GitHub Pages) */
	bool aliases_key;        /* aliases: names old URLs (false: redirect_from: alone) */
	bool aliases_words;      /* aliases: as one string is its words, as Hugo splits it */
	folio_footnote_ids footnotes; /* the ids footnotes are written with */
	folio_heading_ids heading_ids; /* the rule headings' ids follow */
	bool autolinks;      /* bare URLs in the text are links (cmark-gfm's autolink extension) */
	bool goldmark_autolinks; /* autolinks: goldmark: ... ending before a character outside ASCII */
	bool block_attributes; /* "{.class}" after a block is its attribute list (Goldmark's) */
	bool emoji;            /* ":smile:" in pages' text is its emoji (Hugo's enableEmoji) */
	bool task_lists;       /* "- [ ] a" is a checkbox, as Goldmark's task list extension writes it */
	bool typographer;      /* "it's" is "it’s", "--" an en dash..., as Goldmark's typographer writes them */
	bool relative_urls;    /* HTML outputs' site paths made relative to each output (Hugo's relativeURLs) */
	bool figure_from_root; /* figure_src: root: a figure's relative src from the site's root */
	bool figure_library;   /* figure_src: library: as root, and library= puts src below img/ */
	char *image_library;   /* image_library: the folder ("/media/") a Markdown image's relative
	                          source is looked for in when none is beside the page, or NULL */
	char **own_shortcodes; /* own_shortcodes: Hugo's shortcodes the site's templates replace, NULL-ended (or NULL) */
	char **smart_quotes;   /* smart_quotes: kramdown's typographic conversion, with these four quotes
	                          (lsquo, rsquo, ldquo, rdquo), NULL-ended; NULL: the text as written */
	char *footnote_backlink; /* footnote_backlink: a kramdown note's back link text ("" none), or NULL */
	char **typographic_symbols; /* typographic_symbols: FOLIO_TYPOGRAPHIC_SYMBOLS texts, each NULL for the
	                               symbol's character; NULL: none given */
	size_t page_size;
	bool pages_shift;    /* pagination: shift, the collections' default and the terms' */
	char **exclude;   /* paths (folders or files) outside the site, normalised, sorted (strcmp) */
	size_t nexclude;
	char **copy;      /* folders published at their own path, sorted (strcmp) */
	size_t ncopy;
	char **static_roots; /* folders published at the root, after static/ (a Hugo theme's static/) */
	size_t nstatic_roots;
	folio_config_named *static_roots_sorted; /* them by name, then as listed: looked up for each file */
	char *rss_name;   /* the file name of each list's and term's RSS: "index.xml" (rss_name:) */
	bool sitemap;     /* /sitemap.xml written (sitemap: false, Hugo's disableKinds: [sitemap]) */
	bool not_found_page; /* /404.html written from the template (not_found_page: false: Hugo's
	                        disableKinds: [404]) */
	/* language_field: the front-matter key ("lang") whose value, one of
	 * languages:, puts a page its path gives no language in that one,
	 * as jekyll-polyglot reads pages; NULL: none */
	char *language_field;
	/* language_from_path: with language_field, a page whose front matter
	 * names none is in the first language a segment of its path names
	 * (_pages/pt-br/cv.md), as jekyll-polyglot's lang_from_path reads it */
	bool language_from_path;
	/* empty_language_lists: false: a translation language has a collection's
	 * lists only where it has a page of it or its section page (Hugo) */
	bool empty_language_lists;
	/* language_sitemaps: /<lang>/sitemap.xml a language, /sitemap.xml their index (Hugo's) */
	bool language_sitemaps;
	char *branch;     /* the author's note of the published branch, default "main"; the
	                   * hooks and the daemon ignore it: the server decides (FOLIO_BRANCH) */
	folio_collection *collections;
	size_t ncollections;
	folio_config_named *by_folder; /* the collections with a folder other than ".", by
	                                  folder (folio_config_collection_for_path()); NULL
	                                  on a configuration not read from folio.yaml */
	size_t nby_folder;
	size_t root_collection; /* the index of the collection of folder ".", or SIZE_MAX */
	folio_partner *partners;
	size_t npartners;
	folio_site_feed *feeds; /* feeds:, in file order */
	size_t nfeeds;
	char **taxonomies; /* taxonomies: front-matter keys with a page per term (tags) */
	char **taxonomy_folders; /* ... where each one's index page is: "tags", "blog/posts-by-tags"
	                            (url:, no slash around) */
	char **term_folders; /* ... and below which its terms' pages are: "tags", "blog/tag" (permalink:) */
	bool *taxonomy_unindexed; /* ... true: no index page (index: false, Hugo's disableKinds: [taxonomy]) */
	/* ... true: a term whose text (its folder's _index.md) gives slug: or a
	 * title is at that, made a slug (slug_from: title, Hugo's :slug of a
	 * term: Wowchemy's authors/admin at /author/nelson-bighetti/) */
	bool *taxonomy_titled;
	/* ... true: its index and terms' pages are files, /tags.html and
	 * /tags/go.html, /tags/go/page/2.html (ugly_urls: true, Hugo's uglyURLs) */
	bool *taxonomy_ugly;
	size_t ntaxonomies;
	char **languages;  /* languages: translations' languages, the site's own left out */
	size_t nlanguages;
	char *language_dir;   /* language_dirs: the site language's folder, or NULL */
	char **language_dirs; /* each of languages' folder (same index), or NULL; NULL when none */
	folio_limits limits; /* limits: what the site lowers; SIZE_MAX where it says nothing */
	folio_rule_setting *rules; /* rules:, in file order; each rule once */
	size_t nrules;
	char **ignore;    /* ignore: path patterns whose findings are dropped (as paths:) */
#define FOLIO_CONFIG_MAX_PATTERNS 256 /* with '*', '?' or a final '/', of ignore: and of a rule's paths: */
	size_t nignore;
	size_t nignore_literal;
	folio_link_hook *link_hooks; /* link_hooks:, in file order */
	size_t nlink_hooks;
	/* path_permalinks: Jekyll's defaults giving the pages below a folder a
	 * permalink: (path: "_overviews/scala3-book", permalink:
	 * "/scala3/book/:title.html"); longest path first */
	struct folio_path_permalink { char *path, *permalink; } *path_permalinks;
	size_t npath_permalinks;
	folio_redirect *redirects; /* redirects:, in file order */
	size_t nredirects;
	folio_redirect **redirects_by_url; /* the same but splats, by url, then file order (lookups) */
	size_t nredirects_by_url;
	size_t splats[FOLIO_REDIRECT_SPLATS_MAX]; /* the splats' places in redirects:, in file order */
	size_t nsplats;
	char **params;    /* params: pairs, a name then its value as text; NULL-ended (or NULL), sorted */
	folio_params params_index; /* the same pairs, for folio_params_get() */
	json_t *raw;      /* the whole parsed file, for templates (owned) */
	folio_yaml_doc *doc; /* where each value was written, for findings made later (owned) */
} folio_config;

/*
 * Parse folio.yaml. On any problem *out stays NULL and findings with
 * FOLIO_RULE_CONFIG_SYNTAX and positions go to diags; returns 0 either way.
 * Caller frees *out with folio_config_free().
 */
int folio_config_parse(folio_config **out, const char *data, size_t len,
                       const char *path, folio_diags *diags);
void folio_config_free(folio_config *cfg);
/* Line and column of the value at pointer ("/collections/2/template"),
 * from the one parse of the file; 0:0 when it has none. */
void folio_config_position(const folio_config *cfg, const char *pointer, unsigned *line, unsigned *col);

/* Whether the site-relative path is, or is under, a path of cfg->exclude. */
bool folio_config_excluded(const folio_config *cfg, const char *path);
/* Whether a site path (a link's, percent-decoded, without its query and
 * fragment) is one that cfg->served_elsewhere names: "/download/" names
 * itself, "/download" and every path below it. */
bool folio_config_served_elsewhere(const folio_config *cfg, const char *path);
/* Whether cfg->copy lists path's first len bytes (a folder above path when
 * path[len] is '/'). */
bool folio_config_copy_lists(const folio_config *cfg, const char *path, size_t len);
/* Whether the site-relative path is under a folder of cfg->copy. */
bool folio_config_copied(const folio_config *cfg, const char *path);
/* 1 + the index of the folder of cfg->static_roots that holds path, and in
 * *rest its path below that folder (where it is published); 0 when none. */
size_t folio_config_static_root(const folio_config *cfg, const char *path, const char **rest);

/*
 * Whether a redirect from -> to can be published; when it can and url is
 * not NULL, *url is where its redirect page stands (the caller's to free).
 * folio.yaml's parse and init --from (Netlify's rules) ask the same.
 */
folio_redirect_problem folio_config_redirect_check(const char *from, const char *to, char **url);
/* The first of redirects: whose page stands at url ("/sponsors/"), or
 * NULL; borrowed. O(log n): a page may link to every redirect. */
const folio_redirect *folio_config_redirect_at(const folio_config *cfg, const char *url);
/* The first splat of redirects: whose folder holds url ("/authors/x/" for
 * "/authors/" and a star), and *target, where it sends url (to with the rest of url
 * in place of :splat: "/author/x/"; the caller's to free); NULL, and
 * *target NULL, when none does. */
const folio_redirect *folio_config_redirect_splat(const folio_config *cfg, const char *url, char **target);
/* Where splat r sends url, below its folder; NULL when url is not. Caller frees. */
char *folio_config_splat_target(const folio_redirect *r, const char *url);
/*
 * The language of a path below a translation's folder (language_dirs:):
 * "content/fr/posts/x.md" is in "fr" when fr's folder is content/fr, and
 * *rest is then "posts/x.md" (pointing into path). NULL for any other path.
 */
const char *folio_config_dir_language(const folio_config *cfg, const char *path, const char **rest);
/*
 * The path a translation's file would have in the site language's folder
 * ("content/en/posts/x.md" for "content/fr/posts/x.md"), or NULL when path
 * is below no translation's folder. Caller frees.
 */
char *folio_config_site_language_path(const folio_config *cfg, const char *path);

/* Has s a BCP 47 tag's shape ("fr", "pt-BR", "zh-Hant-TW"): what languages:
 * and language: hold, and what a Jekyll page's lang: must be to name its
 * <html lang>. */
bool folio_config_is_language_tag(const char *s);
/* The other way: where path, in the site language's folder, is in lang's
 * folder ("content/fr/posts" for "content/en/posts"), or NULL when path is
 * not in the site language's folder or lang has no folder. Caller frees. */
char *folio_config_translated_path(const folio_config *cfg, const char *path, const char *lang);

/* Whether url may be a feed's (feeds:): "/feed.xml", "/blog/index.xml",
 * segments of [A-Za-z0-9._~-], none empty or starting with '.', the last
 * ending in ".xml"; whether another output stands there is not asked. */
bool folio_config_feed_url_valid(const char *url);
/* Whether name may be rss_name: (feed.xml): letters, digits, '-' and '_',
 * then .xml, 64 bytes at most, not atom.xml (a list's Atom beside it).
 * folio.yaml's parse and init --from hugo (its RSS baseName) ask the same. */
bool folio_config_rss_name_valid(const char *name);
/* Whether url is a taxonomy's url: (a folder of the site, "/blog/posts-by-tags/"),
 * or with term, its permalink: (a folder and :slug, "/blog/tag/:slug/"), as
 * folio.yaml's taxonomies: take them (init --from hugo asks before it writes). */
bool folio_config_taxonomy_url_valid(const char *url, bool term);

/* Collection by name, or NULL; borrowed. */
const folio_collection *folio_config_collection(const folio_config *cfg, const char *name);
/*
 * Collection whose folder holds the site-relative path, or NULL; borrowed.
 * Files at any depth count ("agenda/2023/a.md" is in folder "agenda");
 * the deepest folder wins ("events/sub/a.md" is in folder "events/sub"
 * when a collection has it). A path below a translation's folder is in
 * the collection of its site-language path (folio_config_site_language_path).
 */
const folio_collection *folio_config_collection_for_path(const folio_config *cfg,
                                                          const char *path);

#endif
