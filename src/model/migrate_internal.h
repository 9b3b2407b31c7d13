/*
 * The migration's plan, shared by migrate.c (reading the generator's tree
 * and configuration) and migrate_write.c (folio.yaml's text).
 */
#ifndef FOLIO_MIGRATE_INTERNAL_H
#define FOLIO_MIGRATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "folio/buf.h"
#include "folio/infer.h"
#include "folio/migrate.h"

typedef struct {
	char *name;    /* slug, unique */
	char *folder;  /* relative to the site */
	char *url;     /* "/posts/", or NULL for the folder's */
	char *label;
	char *note;    /* a permalink that could not be kept, or NULL */
	char *permalink; /* a date permalink ("/news/:year/:month/:slug/"), or NULL */
	char *categories; /* Jekyll's categories from the folders above _posts ("en/news"), or NULL */
	bool undated;  /* the permalink has no dates ("/:slug/", pages at the root): it needs none */
	bool flat;     /* only the files directly in folder (Hugo's content root) */
	bool home;     /* its folder's _index.md (Jekyll's index.md) is the home page's text */
	bool unlisted; /* list: false, the top's pages: the generator makes no list of them */
	bool no_rss;   /* Hugo's outputs for its section name no RSS: rss: false */
	bool text_pages; /* its .txt files are pages (Jekyll's _licenses/mit.txt): text_pages: true */
	bool dots;     /* Jekyll's :path keeps a name's dots: slug_dots: true */
	bool posts;    /* Jekyll's _posts: the date from the file name */
	bool awaited;  /* _posts the site lacks, kept for jekyll-feed's feed: dated as if it had posts */
	bool name_dates; /* Hugo's :filename date handler: the same, name_dates: true */
	bool documents; /* Jekyll's posts or a collection it outputs: an untitled one titled by its name */
	bool ugly;     /* Hugo's uglyURLs names its section: ugly_urls: true */
	bool ugly_pages; /* Jekyll's pages of a folder at /docs/x.html, its index.md at /docs/: ugly_urls: pages */
	char *list_url; /* Hugo: its _index.md's own url: ("/archives/"), where its list is, or NULL */
	bool by_title; /* the kept permalink names the page so ("/:slug", Hugo's title): slug_from: title */
	bool by_name;  /* the kept permalink names it ":title" (Jekyll keeps its case): slug_case: keep */
	bool by_file;  /* Hugo's :filename or :contentbasename, which ignore slug:: slug_names: false */
	bool name_last; /* the kept permalink ends in the page's own name (:title, :slug, :name), not
	                   its path: a page in a sub-folder is at the collection's folder all the same */
	bool underscores; /* a page's file or folder name holds '_': slug_underscores: keep */
	bool letters;  /* Jekyll: a page's file or folder name holds letters beyond ASCII: slug_letters: keep */
	folio_infer *inf;
	size_t dates;  /* pages with a date */
	size_t not_dates; /* of them, pages whose date: is no date ("YYYY-MM-DD") */
	char *not_date; /* the first such page, or NULL */
} collection;

typedef struct {
	folio_migrate_from from;
	const char *dir;         /* where the site's files are read: the folder given, or its source: */
	char *source;            /* Jekyll's source: followed ("src"), or NULL; owned, as is source_dir */
	char *source_dir;
	const char *config_name; /* the generator's configuration file read, or NULL */
	const char *configs;     /* Jekyll's files named by init --config ("a.yml,b.yml"), or NULL */
	json_t *cfg;             /* its content, an object */
	collection *cols;
	size_t ncols, acols;
	json_t *exclude, *copy;  /* arrays of site paths */
	json_t *link_hooks;      /* folio.yaml's link_hooks (objects; "hook": the file read) */
	json_t *redirects;       /* folio.yaml's redirects: ({from, to, file}), from Netlify's files */
	json_t *redirect_froms;  /* the froms of redirects, as keys: the first rule for a path wins */
	json_t *page_redirects;  /* redirect_from: of pages left out ({file, from, to}), made redirects */
	size_t redirects_over;   /* plain rules past FOLIO_MIGRATE_MAX_REDIRECTS, not written */
	size_t splats;           /* splat rules kept or refused for their number */
	json_t *embeds;          /* hosts of the <iframe src="https://host/..."> pages hold */
	size_t subsections;      /* Hugo: _index files of folders below a section's */
	json_t *liquid_feeds;    /* Jekyll's feeds made by a Liquid file at the top ("atom.xml"),
	                            left out: each kept as a site feed at its address */
	json_t *languages;       /* Hugo's other languages by weight: [{tag, dir}], dir the
	                            language's contentDir when it has its own, else absent */
	char *content;           /* Hugo's contentDir (the default language's), or NULL */
	const char *date_key;    /* the front-matter key of a page's date: "date", or the first of Hugo's
	                          * frontmatter.date list ("publishDate"); borrowed from cfg */
	const char *polyglot;    /* jekyll-polyglot's default_lang when its languages: are read, else NULL */
	json_t *mounted;         /* folders outside it that Hugo mounts into it, read as collections */
	bool optional_front_matter; /* a Jekyll site GitHub Pages builds, or naming
	                               jekyll-optional-front-matter (migrate_plan.c): a
	                               Markdown file without front matter is a page too */
	bool titles_from_headings;  /* GitHub Pages', or jekyll-titles-from-headings named */
	bool readme_index;          /* GitHub Pages', or jekyll-readme-index named: readme_index: true */
	bool terms_unindexed;       /* Hugo's disableKinds: [taxonomy]: terms' pages, no index (index: false) */
	bool polyglot_loaded; /* the site loads jekyll-polyglot (plugins:, gems: or its Gemfile) */
	bool languages_plugin; /* the site loads jekyll-multiple-languages-plugin */
	bool jekyll4;         /* its Gemfile asks for Jekyll 4 or later (page_plugins) */
	bool kramdown_before_1_13; /* its Gemfile.lock holds kramdown older than 1.13, whose GFM
	                              input made a heading's id of its line as written */
	json_t *claimed;            /* Jekyll: the permalinks: pages' front matters give, or NULL */
	json_t *site_keys;       /* the names of Jekyll's {{ site.<name> }} or Hugo's
	                            {{< param <name> >}} in pages, each with the number of
	                            pages naming it */
	json_t *archive_permalinks; /* jekyll-archives' term permalinks as folio's ({tags: "/tags/:slug/"}) */
	json_t *terms;           /* Hugo's taxonomies (their front matter keys, "tags"), each
	                            with the number of pages giving it terms; NULL until read */
	size_t other_markup;     /* .markdown, .html pages folio does not read */
	size_t html_pages;       /* Jekyll pages written in HTML, excluded (migrate.c) */
	bool kept_html;          /* a Jekyll page in HTML without Liquid, kept: html_pages: true */
	bool hugo_fences;        /* a Hugo page whose front matter a line "---6--" closes */
	json_t *unlaid;          /* Hugo's regular pages ({rel, type, layout}), whose layout
	                            migrate_layouts.c looks up once all are read; or NULL */
	bool cascade_layouts;    /* a section's cascade: sets type: or layout: */
	void **ignore;           /* Hugo's ignoreFiles, compiled: pcre2_code (migrate_ignore.c) */
	size_t nignore, ignored;
	size_t backups;          /* content names Hugo never reads (a '~' at the end, a '#' first), excluded */
	size_t jekyll_unread;    /* files of a collection Jekyll does not read, excluded */
	size_t odd_categories;   /* Jekyll pages placed by :categories naming one no address holds */
	char *odd_category;      /* the first of them (owned), or NULL */
	folio_buf *notes;
} migration;


/* Exclude the noted pages no layout of the site writes, as Hugo writes
 * none of them, when the site's layouts are all known (migrate_layouts.c). */
void folio_migrate__exclude_unlaid(migration *m);

/* obj[key] with key in any ASCII case: Hugo's keys are case-insensitive. */
json_t *folio_migrate__get_ci(const json_t *obj, const char *key);
/* Whether list (an array of names) holds name, in any case. */
bool folio_migrate__lists(const json_t *list, const char *name);
/* Hugo's disableLanguages as a set of lower-case keys (caller decrefs),
 * and whether the language name (its settings lang) is off: disabled:
 * true in its settings, or in that set. Hugo builds no page of it. */
json_t *folio_migrate__languages_off(const migration *m);
bool folio_migrate__language_off(const json_t *off, const char *name, const json_t *lang);
/* Does Hugo write the RSS of pages of kind ("home", "section"): not when
 * disableKinds leaves out RSS or the kind, nor when the kind's outputs
 * name no RSS (migrate_feeds.c). */
bool folio_migrate__hugo_writes_rss(const migration *m, const char *kind);
/* The string at obj[key] (any case), or NULL. */
const char *folio_migrate__get_text(const json_t *obj, const char *key);
/* Is v true as Hugo casts a setting (Go's strconv.ParseBool): true, or the
 * text "true", "True", "TRUE", "t", "T" or "1"? */
bool folio_migrate__on(const json_t *v);
/* Hugo's settings of the default language (languages.<defaultContentLanguage>), or NULL. */
const json_t *folio_migrate__default_language_config(const migration *m);
/* s (a line) with each {{ site.<name> }} filled from _config.yml, as
 * Jekyll's Liquid fills it; NULL when one names no text value there, or
 * is more than a site value (a filter). Caller frees. */
char *folio_migrate__site_values_known(const migration *m, const char *s);
/* Is rel a folder's README.md that readme_index: makes its index page
 * (the site has it, and the folder holds no index.md, .markdown or .html)? */
bool folio_migrate__readme_index(const migration *m, const char *rel);
/* Whether rel is a folder (symbolic links are not followed). */
bool folio_migrate__is_dir(const migration *m, const char *rel);
/* Whether rel is anything, file, folder or link (not followed). */
bool folio_migrate__exists(const migration *m, const char *rel);
/* The site's address as the generator's configuration writes it (Hugo's
 * baseURL, Jekyll's url), or NULL. */
const char *folio_migrate__address(const migration *m);
/* The site's language as the generator's configuration says, else "en". */
const char *folio_migrate__language(const migration *m);
/* 1 when init writes language_subdir: (Hugo's defaultContentLanguageInSubdir),
 * which takes one of folio.yaml's splats, else 0. */
int folio_migrate__language_subdir(const migration *m);
/* The folder language_subdir: names ("en"), or NULL when init writes none.
 * Caller frees. */
char *folio_migrate__subdir_key(const migration *m);
/* folio.yaml's text, owned by the caller. */
char *folio_migrate__site_config(migration *m);

/* Shared by migrate.c (the tree, the pages) and migrate_plan.c (the collections). */
int folio_migrate__load_config(migration *m, const char *const *names);
/* m->configs read in turn, each merged over the ones before as Jekyll
 * merges them: 0, or FOLIO_ERROR when one is missing or no mapping. */
int folio_migrate__load_jekyll_configs(migration *m);
bool folio_migrate__is_page_name(const char *name);
bool folio_migrate__is_content_name(const migration *m, const char *name);
bool folio_migrate__is_repo_doc(const char *name);
/* index.html or 404.html at the top (rel a path from the top): folio writes
 * them (its home page, its error page), so a Jekyll file there is neither
 * a page nor copied. */
bool folio_migrate__is_folio_own(const char *rel);
bool folio_migrate__is_root_page(const migration *m, const char *name);
/* The names in folder rel, sorted; free with folio_migrate__free_names(). */
char **folio_migrate__list_dir(const migration *m, const char *rel, size_t *n);
void folio_migrate__free_names(char **names, size_t n);
char *folio_migrate__join_rel(const char *a, const char *b); /* caller frees */
bool folio_migrate__holds_markdown(const migration *m, const char *rel, int depth);
/* Whether the Hugo section at folder writes no HTML list: its _index.md's
 * outputs: names formats, none of them HTML (safe-n-tech's questions/,
 * outputs: [json]). */
bool folio_migrate__hugo_no_html_list(const migration *m, const char *folder);
/* Hugo writes no RSS beside section folder's list: the site's outputs.section
 * (site_rss false: folio_migrate__hugo_writes_rss), or its _index.md's
 * outputs:, leave RSS out (a taxonomy's folder aside). */
bool folio_migrate__hugo_no_section_rss(const migration *m, const char *folder, const char *name,
                                        bool site_rss);
bool folio_migrate__hugo_headless(const migration *m, const char *folder, bool *keep_index);
void folio_migrate__exclude_headless(migration *m, const char *folder, bool keep_index);
bool folio_migrate__is_excluded(const migration *m, const char *path);
/* Whether the file rel opens with front matter (folio_frontmatter_opens):
 * 1 yes, 0 no, -1 when it cannot be read. */
int folio_migrate__opens_front_matter(const migration *m, const char *rel);
/* Whether rel holds .txt files with front matter; *without set when one has none. */
bool folio_migrate__text_documents(const migration *m, const char *rel, int depth, bool *without);
/* Hugo's module mounts of folders below content: a collection each, at the
 * mount's target; what their files: leave out excluded (migrate_mounts.c). */
void folio_migrate__hugo_mounts(migration *m, const char *content);
/* Hugo's leaf bundle: a folder holding an index.md (index.fr.md) and no
 * _index.md, one page rather than a section (migrate.c). */
bool folio_migrate__leaf_bundle(const migration *m, const char *folder);
/* The folders sub of Hugo's themes (theme: a name or a list, the first
 * winning; themesDir: their folder) that exist, as site paths. Caller decrefs. */
json_t *folio_migrate__theme_folders(const migration *m, const char *sub);
/* The content/ folders of Hugo's themes, which Hugo mounts beneath the
 * site's content: collections at the addresses Hugo gives their pages, a
 * file the site (or an earlier theme) has at the same path excluded
 * (migrate_mounts.c). */
void folio_migrate__hugo_theme_content(migration *m, const char *content);
void folio_migrate__exclude(migration *m, const char *path);
/* Is rel a README.md whose folder's address a page's permalink: takes
 * (pages/index.md at "/")? jekyll-readme-index then makes it no page, and
 * the site model would (readme_index:): init leaves it out. */
bool folio_migrate__readme_shadowed(const migration *m, const char *rel);
/* A Hugo site in several languages whose own is at the top: Hugo writes a
 * redirect page at /<its key>/ to /, which links may name; so does folio
 * (a redirect of folio.yaml's, unless the site's own rules give one). */
void folio_migrate__default_language_redirect(migration *m);
/* Hugo's defaultContentLanguage ("en" when none) in lower case, as Hugo
 * reads it in addresses, or NULL when it is no language tag. Caller frees. */
char *folio_migrate__language_key(const migration *m);
/* Note the permalinks the Jekyll site's pages give in their front matter
 * (m->claimed), which folio_migrate__readme_index() asks. */
void folio_migrate__note_claims(migration *m);
/* Jekyll: each layout of _layouts/ that reads a file by include_relative
 * named in the notes (folio's templates stand for the layouts, so that
 * text, which Jekyll reads from each page's folder, is on no page). */
void folio_migrate__note_layout_includes(migration *m);
/* Every symbolic link below rel not excluded yet (metal3-io's CLAUDE.md ->
 * AGENTS.md) excluded, and said: the site model refuses any (tree/symlink,
 * locked), which would refuse the whole site. */
void folio_migrate__exclude_links(migration *m, const char *rel, int depth);
/* Each collection's list at an address of its own: a later one whose url:
 * an earlier one has takes its name's (migrate_plan.c). */
void folio_migrate__distinct_lists(migration *m);
/* Exclude the top folder top of the site, but the folders mounted into the
 * content that it holds (migrate_mounts.c): what sits beside them. */
void folio_migrate__exclude_but_mounted(migration *m, const char *top);
/* Whether rel is a collection's folder (ruby-lang.org's en/news/_posts,
 * below the en/ of another). */
bool folio_migrate__collection_folder(const migration *m, const char *rel);
/* folder of Hugo's site language's content (content/en/posts, or
 * content/en) at its place in language lang's contentDir
 * (content/fr/posts), whether it exists or not; NULL when folder is not
 * below the content folder or lang has no contentDir of its own. Caller
 * frees. */
char *folio_migrate__in_language_dir(const migration *m, const char *folder, const json_t *lang);
/* Jekyll's defaults: permalink of every page (scope path "" or none, type
 * pages), or NULL; borrowed. */
const char *folio_migrate__site_pages_permalink(const migration *m);
/* c made the pages at a content folder's top, as Hugo publishes them: each
 * at /<name>/, undated, in no list (migrate.c). */
void folio_migrate__root_pages(collection *c);
collection *folio_migrate__add_collection(migration *m, const char *folder, const char *label,
                                          const char *given);
void folio_migrate__apply_permalink(collection *c, const char *pattern, const char *section);
/* Read the pages of collection c under folder rel into its inference (migrate.c). */
void folio_migrate__read_pages(migration *m, collection *c, const char *rel, int depth);
/* The collections of a Hugo or a Jekyll tree (migrate_plan.c). */
int folio_migrate__plan_hugo(migration *m);
int folio_migrate__plan_jekyll(migration *m);
/* A Hugo link render hook read for link_hooks: (migrate_hooks.c). */
void folio_migrate__hugo_link_hooks(migration *m, const char *content);
/* Jekyll: note the {{ site.<name> }} of a page's text (migrate.c). */
void folio_migrate__note_site_keys(migration *m, const char *text, size_t len);
/* Note the hosts of a page's <iframe src="https://host/..."> (migrate.c). */
void folio_migrate__note_iframes(migration *m, const char *text, size_t len);
/* Netlify's redirects (netlify.toml, _redirects) into m->redirects, the
 * others named in the notes (migrate_redirects.c). */
void folio_migrate__read_redirects(migration *m);
/* The note of the rules past folio.yaml's room, once every file is read. */
void folio_migrate__redirects_end(migration *m);
/* A rule of the server's files (file:line) named in the notes with why
 * folio.yaml cannot keep it. */
void folio_migrate__redirect_not_kept(migration *m, const char *file, unsigned line, const char *from,
                                      const char *why);
/* One rule read from the server's files (file:line): into m->redirects
 * when a redirect page can stand for it, else named in the notes. */
void folio_migrate__add_redirect(migration *m, const char *file, unsigned line, const char *from,
                                 const char *to, long status, bool conditions);
/* The rules of the site's file rel, when it has one, read by read from its
 * text (NUL-terminated, cut into lines in place): Netlify's _redirects
 * (folio_migrate__redirects_text) or Apache's .htaccess
 * (folio_migrate__htaccess_text, migrate_htaccess.c); the text readers are
 * what the redirects fuzzer calls. */
void folio_migrate__read_rules(migration *m, const char *rel,
                               void (*read)(migration *m, const char *rel, char *text));
void folio_migrate__redirects_text(migration *m, const char *rel, char *text);
void folio_migrate__htaccess_text(migration *m, const char *rel, char *text);
/* A Jekyll file with front matter at rel, which Jekyll renders (an HTML
 * page, sitemap.xml, feed.xml, Sass): left out of the site and named, true;
 * false when it is none (migrate.c). */
bool folio_migrate__leave_out_rendered(migration *m, const char *rel);
/* The same for every file under folder rel, which init copies as files. */
void folio_migrate__leave_out_rendered_in(migration *m, const char *rel, int depth);
/* folio.yaml's feeds: the site-wide feeds the generator wrote (jekyll-feed's,
 * a Liquid feed at the top, Hugo's home RSS), or notes why not (migrate_feeds.c). */
void folio_migrate__put_feeds(migration *m, folio_buf *b);
/* Whether a Jekyll site loads jekyll-feed and has no _posts: the plugin
 * writes /feed.xml all the same, empty, and a first post fills it. */
bool folio_migrate__feed_awaits_posts(const migration *m);
/* Hugo's ignoreFiles (list, an array of patterns), compiled into m->ignore;
 * those PCRE2 refuses are named in the notes and skipped (migrate_ignore.c). */
void folio_migrate__compile_ignore(migration *m, const json_t *list);
/* Whether Hugo leaves out the content file or folder rel: its name ends in
 * '~' or starts with '#' (counted in m->backups), or ignoreFiles names it
 * (m->ignored). */
bool folio_migrate__hugo_ignored(migration *m, const char *rel);
void folio_migrate__free_ignore(migration *m);
/* folio.yaml's params: for them, from _config.yml; notes for the others. */
void folio_migrate__put_params(migration *m, folio_buf *b);
/* Jekyll's site.data: the site's data files (data_dir:, else _data/), YAML
 * and JSON, a folder a nested object (migrate_data.c). Caller decrefs. */
json_t *folio_migrate__jekyll_data(const migration *m);

#endif
