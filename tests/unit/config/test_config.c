#include "helpers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

typedef struct {
	folio_diags diags;
	folio_config *cfg;
} fixture;

static int setup(void **state)
{
	fixture *f = folio_xcalloc(1, sizeof(*f));
	folio_diags_init(&f->diags);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	folio_config_free(f->cfg);
	folio_diags_dispose(&f->diags);
	free(f);
	return 0;
}

static folio_config *parse_ok(fixture *f, const char *text)
{
	assert_folio_ok(folio_config_parse(&f->cfg, text, strlen(text), "folio.yaml", &f->diags));
	if (!f->cfg || f->diags.count) {
		test_print_diags(&f->diags);
		fail_msg("config refused");
	}
	return f->cfg;
}

/* Parse expecting refusal; returns the finding with message, failing if absent. */
static const folio_diag *parse_fails(fixture *f, const char *text, const char *message)
{
	assert_folio_ok(folio_config_parse(&f->cfg, text, strlen(text), "folio.yaml", &f->diags));
	assert_null(f->cfg);
	for (size_t i = 0; i < f->diags.count; i++) {
		const folio_diag *d = &f->diags.items[i];
		assert_int_equal(d->rule, FOLIO_RULE_CONFIG_SYNTAX);
		assert_string_equal(d->path, "folio.yaml");
		if (!strcmp(d->message, message))
			return d;
	}
	test_print_diags(&f->diags);
	fail_msg("no finding \"%s\"", message);
	return NULL;
}

static void assert_at(const folio_diag *d, unsigned line, unsigned column)
{
	if (d->line != line || d->column != column)
		fail_msg("\"%s\" at %u:%u, expected %u:%u", d->message, d->line, d->column,
		         line, column);
}

static const char FULL[] =
	"title: ISCRA\n"
	"description: Research papers\n"
	"base_url: https://iscra.example///\n"
	"language: fr\n"
	"allow_html: true\n"
	"page_size: 30\n"
	"branch: publish\n"
	"collections:\n"
	"  - name: events\n"
	"    folder: content/events/\n"
	"    label: Events\n"
	"    schema: events.json\n"
	"    template: event\n"
	"    list_template: event-list\n"
	"    sort: -date\n"
	"    title_field: name\n"
	"    date_field: date\n"
	"    jsonld: Event\n"
	"    page_size: 10\n"
	"  - name: books\n"
	"partners:\n"
	"  - name: alliss\n"
	"    url: https://partner.example/folio\n"
	"    collections: [events, books]\n"
	"    summaries: false\n";

static void config_reads_every_setting(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f, FULL);
	assert_string_equal(cfg->title, "ISCRA");
	assert_string_equal(cfg->description, "Research papers");
	assert_string_equal(cfg->base_url, "https://iscra.example");
	assert_string_equal(cfg->language, "fr");
	assert_true(cfg->allow_html);
	assert_int_equal(cfg->page_size, 30);
	assert_string_equal(cfg->branch, "publish");
	assert_int_equal(cfg->ncollections, 2);
	const folio_collection *ev = folio_config_collection(cfg, "events");
	assert_non_null(ev);
	assert_string_equal(ev->folder, "content/events");
	assert_string_equal(ev->label, "Events");
	assert_string_equal(ev->schema, "events.json");
	assert_string_equal(ev->template_name, "event");
	assert_string_equal(ev->list_template, "event-list");
	assert_string_equal(ev->sort_field, "date");
	assert_true(ev->sort_descending);
	assert_string_equal(ev->title_field, "name");
	assert_string_equal(ev->date_field, "date");
	assert_string_equal(ev->jsonld_type, "Event");
	assert_int_equal(ev->page_size, 10);
	assert_int_equal(cfg->npartners, 1);
	assert_string_equal(cfg->partners[0].name, "alliss");
	assert_string_equal(cfg->partners[0].url, "https://partner.example/folio");
	assert_int_equal(cfg->partners[0].ncollections, 2);
	assert_string_equal(cfg->partners[0].collections[1], "books");
	assert_false(cfg->partners[0].summaries);
	assert_string_equal(json_string_value(json_object_get(cfg->raw, "title")), "ISCRA");
	assert_int_equal(json_array_size(json_object_get(cfg->raw, "collections")), 2);
}

static void config_fills_in_defaults(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f,
		"title: Site\nbase_url: http://localhost:8080\n"
		"collections:\n  - name: books\n"
		"partners:\n  - name: p\n    url: https://p.example\n    collections: [books]\n");
	assert_null(cfg->description);
	assert_string_equal(cfg->base_url, "http://localhost:8080");
	assert_string_equal(cfg->language, "en");
	assert_false(cfg->allow_html);
	assert_int_equal(cfg->page_size, 20);
	assert_string_equal(cfg->branch, "main");
	const folio_collection *b = &cfg->collections[0];
	assert_string_equal(b->name, "books");
	assert_string_equal(b->folder, "books");
	assert_string_equal(b->label, "books");
	assert_null(b->schema);
	assert_string_equal(b->template_name, "page");
	assert_string_equal(b->list_template, "list");
	assert_string_equal(b->sort_field, "title");
	assert_false(b->sort_descending);
	assert_string_equal(b->title_field, "title");
	assert_null(b->date_field);
	assert_null(b->jsonld_type);
	assert_int_equal(b->page_size, 20);
	assert_true(cfg->partners[0].summaries);
}

static void config_collection_page_size_inherits_site(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f,
		"title: S\nbase_url: https://s.example\npage_size: 7\n"
		"collections:\n  - name: a\n  - name: b\n    page_size: 3\n");
	assert_int_equal(cfg->collections[0].page_size, 7);
	assert_int_equal(cfg->collections[1].page_size, 3);
}

static void config_finds_collection_of_a_path(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f,
		"title: S\nbase_url: https://s.example\n"
		"collections:\n  - name: events\n  - name: talks\n    folder: events/talks\n");
	assert_ptr_equal(folio_config_collection_for_path(cfg, "events/a.md"), &cfg->collections[0]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "events/talks/b.md"),
	                 &cfg->collections[1]);
	/* nested sections belong to the deepest collection folder holding them */
	assert_ptr_equal(folio_config_collection_for_path(cfg, "events/2023/x.md"), &cfg->collections[0]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "events/talks/2023/x/index.md"),
	                 &cfg->collections[1]);
	assert_null(folio_config_collection_for_path(cfg, "eventsx/a.md"));
	assert_null(folio_config_collection_for_path(cfg, "a.md"));
	assert_null(folio_config_collection(cfg, "nope"));
}

/* The folders are looked up by binary search now (a pusher's 20,000
 * collections made every path scan them all): folders written out of
 * order, names that sort around '/' ("a-b", "a.b" before "a/b"), the
 * root's collection for the files at the top only. */
static void config_finds_collection_among_many(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f,
		"title: S\nbase_url: https://s.example\n"
		"collections:\n  - name: b\n  - name: ab\n    folder: a/b\n  - name: a\n"
		"  - name: adash\n    folder: a-b\n  - name: adot\n    folder: a.b\n"
		"  - name: deep\n    folder: a/b/c/d\n  - name: top\n    folder: .\n");
	assert_ptr_equal(folio_config_collection_for_path(cfg, "b/x.md"), &cfg->collections[0]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "a/b/x.md"), &cfg->collections[1]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "a/b/c/x.md"), &cfg->collections[1]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "a/x.md"), &cfg->collections[2]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "a/bb/x.md"), &cfg->collections[2]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "a-b/x.md"), &cfg->collections[3]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "a.b/x/y.md"), &cfg->collections[4]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "a/b/c/d/e/f.md"), &cfg->collections[5]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "index.md"), &cfg->collections[6]);
	assert_null(folio_config_collection_for_path(cfg, "c/x.md"));
	/* "a/b/": no name after a/b/, so a's, as the scan said */
	assert_ptr_equal(folio_config_collection_for_path(cfg, "a/b/"), &cfg->collections[2]);
	assert_null(folio_config_collection_for_path(cfg, ""));
	assert_null(folio_config_collection_for_path(cfg, "ab/x.md"));
}

/* language_dirs: a folder per language; a translation's path maps to the
 * site language's, and so to its collection */
static void config_reads_language_dirs(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f,
		"title: S\nbase_url: https://s.example\nlanguage: en\nlanguages: [pt-br, fr]\n"
		"language_dirs: {en: content/en/, fr: content/fr}\n"
		"collections:\n  - name: posts\n    folder: content/en/posts\n");
	assert_string_equal(cfg->language_dir, "content/en");
	assert_null(cfg->language_dirs[0]); /* pt-br: translations by file name */
	assert_string_equal(cfg->language_dirs[1], "content/fr");
	const char *rest;
	assert_string_equal(folio_config_dir_language(cfg, "content/fr/posts/x.md", &rest), "fr");
	assert_string_equal(rest, "posts/x.md");
	assert_null(folio_config_dir_language(cfg, "content/en/posts/x.md", &rest));
	assert_null(folio_config_dir_language(cfg, "content/frx/posts/x.md", &rest));
	char *mapped = folio_config_site_language_path(cfg, "content/fr/posts/x.md");
	assert_string_equal(mapped, "content/en/posts/x.md");
	free(mapped);
	char *there = folio_config_translated_path(cfg, "content/en/posts", "fr");
	assert_string_equal(there, "content/fr/posts");
	free(there);
	assert_null(folio_config_translated_path(cfg, "content/en/posts", "pt-br"));
	assert_ptr_equal(folio_config_collection_for_path(cfg, "content/fr/posts/2024/x.md"), &cfg->collections[0]);
	assert_null(folio_config_collection_for_path(cfg, "content/fr/other/x.md"));
}

/* Hugo's contentDir "content" beside "content/fr" (lotusdocs): a file in
 * the inner folder is that language's, the rest the site language's */
static void config_reads_nested_language_dirs(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f,
		"title: S\nbase_url: https://s.example\nlanguage: en\nlanguages: [fr]\n"
		"language_dirs: {fr: content/fr, en: content}\n"
		"collections:\n  - name: docs\n    folder: content/docs\n");
	const char *rest;
	assert_string_equal(folio_config_dir_language(cfg, "content/fr/docs/x.md", &rest), "fr");
	assert_string_equal(rest, "docs/x.md");
	assert_null(folio_config_dir_language(cfg, "content/docs/x.md", &rest));
	assert_ptr_equal(folio_config_collection_for_path(cfg, "content/fr/docs/x.md"), &cfg->collections[0]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "content/docs/x.md"), &cfg->collections[0]);
}

static void config_refuses_bad_language_dirs(void **state)
{
	fixture *f = *state;
	static const char head[] = "title: S\nbase_url: https://s.example\nlanguage: en\nlanguages: [fr, es]\n"
	                           "collections:\n  - name: posts\n";
	static const struct { const char *dirs, *message; } cases[] = {
		{ "[content/en]", "\"language_dirs\" must map languages to folders" },
		{ "{en: content/en, de: content/de}", "language \"de\" is neither the site's language nor in languages:" },
		{ "{en: content/en, fr: ../fr}", "the folder of language \"fr\" must be a folder inside the site" },
		{ "{en: content/fr/en, fr: content/fr}", "the folder of language \"fr\" overlaps another language's, content/fr/en" },
		{ "{en: content, fr: content/fr, es: content/fr/es}", "the folder of language \"es\" overlaps another language's, content/fr" },
		{ "{en: content, fr: posts}", "the folder of language \"fr\" holds collection \"posts\"'s, posts" },
		{ "{fr: content/fr}", "\"language_dirs\" names no folder for the site's language \"en\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *text = folio_xasprintf("%slanguage_dirs: %s\n", head, cases[i].dirs);
		parse_fails(f, text, cases[i].message);
		free(text);
		folio_diags_dispose(&f->diags);
		folio_diags_init(&f->diags);
	}
}

static void config_requires_title_and_base_url(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "collections:\n  - name: a\n",
	                                  "missing required setting \"title\"");
	assert_at(d, 1, 1);
	parse_fails(f, "", "missing required setting \"base_url\"");
}

static void config_suggests_closest_key_for_typo(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f,
		"title: S\nbase_url: https://s.example\ntitel: T\ncollections:\n  - name: a\n",
		"unknown setting \"titel\"");
	assert_at(d, 3, 1);
	assert_string_equal(d->hint, "did you mean \"title\"?");
}

static void config_lists_known_keys_for_unknown_key(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f,
		"title: S\nbase_url: https://s.example\ncollections:\n  - name: a\n    colour: red\n",
		"unknown setting \"colour\"");
	assert_at(d, 5, 5);
	assert_non_null(strstr(d->hint, "list_template"));
}

static void config_refuses_bad_base_url(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f,
		"title: S\nbase_url: ftp://s.example\ncollections:\n  - name: a\n",
		"\"base_url\" must be an http or https URL, not \"ftp://s.example\"");
	assert_at(d, 2, 11);
}

static void config_refuses_bad_collection_names(void **state)
{
	fixture *f = *state;
	const char *text =
		"title: S\nbase_url: https://s.example\n"
		"collections:\n"
		"  - name: Events\n"
		"  - name: books\n"
		"  - name: books\n";
	const folio_diag *d = parse_fails(f, text,
		"\"name\" must be a slug [a-z0-9-]+, not \"Events\"");
	assert_at(d, 4, 11);
	d = parse_fails(f, text, "duplicate collection name \"books\"");
	assert_at(d, 6, 11);
}

static void config_refuses_shared_or_escaping_folders(void **state)
{
	fixture *f = *state;
	const char *text =
		"title: S\nbase_url: https://s.example\n"
		"collections:\n"
		"  - name: a\n"
		"  - name: b\n"
		"    folder: a/\n"
		"  - name: c\n"
		"    folder: ../secret\n"
		"  - name: d\n"
		"    folder: /etc\n"
		"  - name: e\n"
		"    folder: x/.GIT\n";
	const folio_diag *d = parse_fails(f, text, "folder \"a\" is already used by collection \"a\"");
	assert_at(d, 6, 13);
	d = parse_fails(f, text, "\"folder\" must be a folder inside the site, not \"../secret\"");
	assert_at(d, 8, 13);
	d = parse_fails(f, text, "\"folder\" must be a folder inside the site, not \"/etc\"");
	assert_at(d, 10, 13);
	/* what a tree may not hold, a folder may not name (folio/path.h) */
	d = parse_fails(f, text, "\"folder\" must be a folder inside the site, not \"x/.GIT\"");
	assert_at(d, 12, 13);
}

static void config_refuses_empty_collections(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "title: S\nbase_url: https://s.example\ncollections: []\n",
	                                  "\"collections\" must be a non-empty list");
	assert_at(d, 3, 14);
	parse_fails(f, "title: S\nbase_url: https://s.example\n",
	            "missing required setting \"collections\"");
}

static void config_refuses_page_size_out_of_range(void **state)
{
	fixture *f = *state;
	const char *text =
		"title: S\nbase_url: https://s.example\npage_size: 0\n"
		"collections:\n  - name: a\n    page_size: 10001\n  - name: b\n    page_size: 2.5\n";
	const char *msg = "\"page_size\" must be an integer from 1 to 10000";
	assert_at(parse_fails(f, text, msg), 3, 12);
	size_t n = 0;
	for (size_t i = 0; i < f->diags.count; i++)
		n += !strcmp(f->diags.items[i].message, msg);
	assert_int_equal(n, 3);
	assert_true(test_has_diag(&f->diags, FOLIO_RULE_CONFIG_SYNTAX, 6));
	assert_true(test_has_diag(&f->diags, FOLIO_RULE_CONFIG_SYNTAX, 8));
}

static void config_refuses_wrong_types(void **state)
{
	fixture *f = *state;
	const char *text =
		"title: 2024\nbase_url: https://s.example\nallow_html: yes\n"
		"collections:\n  - name: a\n";
	const folio_diag *d = parse_fails(f, text, "\"title\" must be a string");
	assert_at(d, 1, 8);
	assert_string_equal(d->hint, "put the value in quotes");
	d = parse_fails(f, text, "\"allow_html\" must be true or false");
	assert_at(d, 3, 13);
}

static void config_limits_lower_the_budgets(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f, "title: T\nbase_url: https://x.example\ncollections:\n  - name: a\n"
	                                "limits:\n  page-output: 4K\n  table_cells: 100\n");
	assert_int_equal(cfg->limits.v[FOLIO_LIMIT_PAGE_OUTPUT], 4096);
	assert_int_equal(cfg->limits.v[FOLIO_LIMIT_TABLE_CELLS], 100);
	assert_int_equal(cfg->limits.v[FOLIO_LIMIT_SITE_SIZE], SIZE_MAX); /* not named: not lowered */
	folio_config_free(f->cfg);
	f->cfg = NULL;
	const folio_diag *d = parse_fails(f, "title: T\nbase_url: https://x.example\ncollections:\n  - name: a\n"
	                                     "limits:\n  page-outptu: 4K\n", "unknown limit \"page-outptu\"");
	assert_at(d, 6, 3);
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	d = parse_fails(f, "title: T\nbase_url: https://x.example\ncollections:\n  - name: a\n"
	                   "limits:\n  page-output: big\n", "limit \"page-output\" must be a whole number");
	assert_at(d, 6, 16);
}

static void config_checks_partners(void **state)
{
	fixture *f = *state;
	const char *text =
		"title: S\nbase_url: https://s.example\ncollections:\n  - name: a\n"
		"partners:\n"
		"  - name: p\n"
		"    url: mailto:x@y\n"
		"    collections: [a, zz]\n"
		"    summaries: 1\n"
		"  - name: p\n"
		"    url: https://q.example\n"
		"    collections: [a]\n";
	assert_at(parse_fails(f, text, "\"url\" must be an http or https URL, not \"mailto:x@y\""), 7, 10);
	assert_at(parse_fails(f, text, "no collection is named \"zz\""), 8, 22);
	assert_at(parse_fails(f, text, "\"summaries\" must be true or false"), 9, 16);
	assert_at(parse_fails(f, text, "duplicate partner name \"p\""), 10, 11);
}

static void config_reports_yaml_syntax_error_with_line(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "title: S\nbase_url: [x\n",
		"did not find expected ',' or ']' while parsing a flow sequence, opened here and never closed");
	assert_at(d, 2, 11); /* the "[" that is never closed */
	assert_int_equal(f->diags.count, 1);
}

static void config_must_be_a_mapping(void **state)
{
	fixture *f = *state;
	assert_at(parse_fails(f, "- title\n", "configuration must be a mapping of settings"), 1, 1);
}

static void config_refuses_alias_bomb(void **state)
{
	fixture *f = *state;
	parse_fails(f,
		"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
		"too many nodes (alias expansion?)");
	assert_int_equal(f->diags.count, 1);
}


#define SITE_HEAD "title: T\nbase_url: https://x.example\ncollections:\n  - name: a\n"

#define NEEDS "a redirect needs a from (a site path, no :placeholder, a * only as /old/*) and a to " \
              "(a site path or an http URL, ending with :splat after a from /old/*)"

/* redirects: each refused value at its item; the kept ones found by
 * address in a sorted table, the first rule of an address first; a splat
 * by the folder it names, sending the rest where its to says. */
static void config_checks_redirects(void **state)
{
	fixture *f = *state;
	const char *head = SITE_HEAD "redirects:\n  - {from: /ok, to: /a/}\n";
	const struct {
		const char *item;
		const char *message;
	} bad[] = {
		{ "  - {from: /a/.., to: /}\n", "redirect from \"/a/..\": no redirect page can stand there (\"..\", \".\" or a hidden name)" },
		{ "  - {from: /.htaccess, to: /}\n", "redirect from \"/.htaccess\": no redirect page can stand there (\"..\", \".\" or a hidden name)" },
		{ "  - {from: /x, to: //evil.example/}\n", "redirect to \"//evil.example/\": \"//\" names another host, not a path of this site" },
		{ "  - {from: /x, to: \"javascript:alert(1)\"}\n", NEEDS },
		{ "  - {from: \"/a/*\", to: /x/}\n", NEEDS },
		{ "  - {from: /a/, to: \"/x/:splat\"}\n", NEEDS },
		{ "  - {from: \"/a/*/b\", to: \"/x/:splat\"}\n", NEEDS },
		{ "  - {from: \"/a/*\", to: \"/x:splat\"}\n", NEEDS },
		{ "  - {from: \"/a/*\", to: \"/x/:splat/y\"}\n", NEEDS },
		{ "  - {from: \"/a/*\", to: \"//evil.example/:splat\"}\n", "redirect to \"//evil.example/:splat\": \"//\" names another host, not a path of this site" },
		{ "  - {from: \"/.git/*\", to: \"/x/:splat\"}\n", "redirect from \"/.git/*\": no redirect page can stand there (\"..\", \".\" or a hidden name)" },
		{ "  - {from: /x, to: \"/a\\nb\"}\n", NEEDS },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *text = folio_xasprintf("%s%s", head, bad[i].item);
		const folio_diag *d = parse_fails(f, text, bad[i].message);
		assert_int_equal(d->line, 7); /* the item's line: one finding each */
		assert_int_equal(f->diags.count, 1);
		free(text);
		folio_diags_dispose(&f->diags);
		folio_diags_init(&f->diags);
	}
	folio_config *cfg = parse_ok(f, SITE_HEAD "redirects:\n"
	                                 "  - {from: /b, to: /first/}\n"
	                                 "  - {from: /a/, to: /x/}\n"
	                                 "  - {from: /b/, to: /second/}\n"
	                                 "  - {from: /.well-known/change-password, to: /x/}\n");
	assert_int_equal(cfg->nredirects, 4);
	const folio_redirect *r = folio_config_redirect_at(cfg, "/b/");
	assert_non_null(r);
	assert_string_equal(r->to, "/first/");
	assert_int_equal(r->number, 0);
	assert_string_equal(folio_config_redirect_at(cfg, "/a/")->to, "/x/");
	assert_non_null(folio_config_redirect_at(cfg, "/.well-known/change-password/"));
	assert_null(folio_config_redirect_at(cfg, "/c/"));
	assert_null(folio_config_redirect_at(cfg, "/"));
	folio_config_free(cfg);
	f->cfg = NULL;
	cfg = parse_ok(f, SITE_HEAD "redirects:\n"
	                  "  - {from: \"/authors/*\", to: \"/author/:splat\"}\n"
	                  "  - {from: \"/authors/*\", to: \"/people/:splat\"}\n"
	                  "  - {from: \"/assets/*\", to: \"https://cdn.example/a/:splat\"}\n"
	                  "  - {from: /authors, to: /author/}\n");
	assert_int_equal(cfg->nsplats, 3);
	char *target;
	r = folio_config_redirect_splat(cfg, "/authors/ada/", &target);
	assert_non_null(r);
	assert_int_equal(r->number, 0); /* the first rule of a folder */
	assert_string_equal(target, "/author/ada/");
	free(target);
	assert_non_null(folio_config_redirect_splat(cfg, "/assets/img/a.png", &target));
	assert_string_equal(target, "https://cdn.example/a/img/a.png");
	free(target);
	assert_null(folio_config_redirect_splat(cfg, "/authorsx/", &target));
	assert_null(target);
	/* a splat is no page at its folder: the plain rule is */
	assert_string_equal(folio_config_redirect_at(cfg, "/authors/")->to, "/author/");
}

static void config_reads_rule_settings(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f, SITE_HEAD
	                             "rules:\n"
	                             "  link/external-dead: off\n"
	                             "  html/raw: warning\n"
	                             "  text/repeated-paragraph: error\n"
	                             "  link/broken: {severity: warning, paths: [old/**, \"*.md\"]}\n"
	                             "ignore: [archives/**, \"drafts/*.md\"]\n");
	assert_int_equal(cfg->nrules, 4);
	assert_int_equal(cfg->rules[0].rule, FOLIO_RULE_LINK_EXTERNAL_DEAD);
	assert_true(cfg->rules[0].off);
	assert_int_equal(cfg->rules[1].rule, FOLIO_RULE_HTML_RAW);
	assert_false(cfg->rules[1].off);
	assert_int_equal(cfg->rules[1].severity, FOLIO_SEVERITY_WARNING);
	assert_int_equal(cfg->rules[2].severity, FOLIO_SEVERITY_ERROR);
	assert_null(cfg->rules[2].paths);
	assert_int_equal(cfg->rules[3].npaths, 2);
	assert_string_equal(cfg->rules[3].paths[0], "old/**");
	assert_string_equal(cfg->rules[3].paths[1], "*.md");
	assert_int_equal(cfg->nignore, 2);
	assert_string_equal(cfg->ignore[1], "drafts/*.md");
}

/* A pusher writes folio.yaml: the rules that guard the server stay as they are. */
static void config_refuses_setting_a_locked_rule(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, SITE_HEAD "rules:\n  link/broken: warning\n  tree/symlink: off\n",
	                                  "rule \"tree/symlink\" cannot be changed in folio.yaml");
	assert_at(d, 7, 3);
	assert_non_null(strstr(d->hint, "docs/rules.md"));
	assert_int_equal(f->diags.count, 1);
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	/* raising one is refused too: the table says which may be set, not how */
	parse_fails(f, SITE_HEAD "rules:\n  budget/site-size: error\n",
	            "rule \"budget/site-size\" cannot be changed in folio.yaml");
}

static void config_suggests_closest_rule_id(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, SITE_HEAD "rules:\n  link/brokn: warning\n",
	                                  "unknown rule \"link/brokn\"");
	assert_at(d, 6, 3);
	assert_string_equal(d->hint, "did you mean \"link/broken\"? (docs/rules.md lists the rules)");
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	d = parse_fails(f, SITE_HEAD "rules:\n  html/raw: warnig\n",
	                "the severity of rule \"html/raw\" must be error, warning or off");
	assert_at(d, 6, 13);
	assert_string_equal(d->hint, "did you mean \"warning\"?");
}

static void config_refuses_bad_rule_values(void **state)
{
	fixture *f = *state;
	const char *text = SITE_HEAD
		"rules:\n"
		"  html/raw: {paths: [a/**]}\n"
		"  link/broken: {severity: warning, paths: [/abs/**, ../x], when: always}\n"
		"  link/anchor: [warning]\n"
		"ignore: archives/**\n";
	parse_fails(f, text, "missing required setting \"severity\"");
	const folio_diag *d = parse_fails(f, text, "path pattern \"/abs/**\" matches no path: it starts with "
	                                  "\"/\"; paths are relative to the site root");
	assert_at(d, 7, 44);
	parse_fails(f, text, "path pattern \"../x\" matches no path: it has a \"..\" segment");
	parse_fails(f, text, "unknown setting \"when\"");
	parse_fails(f, text, "the severity of rule \"link/anchor\" must be error, warning or off");
	parse_fails(f, text, "\"ignore\" must be a non-empty list of path patterns");
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	parse_fails(f, SITE_HEAD "rules: [html/raw]\n", "\"rules\" must be a mapping");
}

/* folio_validate_apply_rules(): what the settings do to findings. */
static void rule_settings_change_findings(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f, SITE_HEAD
	                             "rules:\n"
	                             "  html/raw: warning\n"
	                             "  text/repeated-paragraph: error\n"
	                             "  link/external-dead: off\n"
	                             "  link/broken: {severity: warning, paths: [old/**]}\n"
	                             "ignore: [archives/**]\n");
	folio_diags d;
	folio_diags_init(&d);
	folio_diags_add(&d, FOLIO_RULE_ISBN_LENGTH, "kept/before.md", 1, 1, NULL, "before from");
	folio_diags_add(&d, FOLIO_RULE_HTML_RAW, "a/x.md", 1, 1, NULL, "raw");
	folio_diags_add(&d, FOLIO_RULE_TEXT_REPEATED_PARAGRAPH, "a/x.md", 2, 1, NULL, "twice");
	folio_diags_add(&d, FOLIO_RULE_LINK_EXTERNAL_DEAD, "a/x.md", 3, 1, NULL, "dead");
	folio_diags_add(&d, FOLIO_RULE_LINK_BROKEN, "old/y.md", 4, 1, NULL, "broken old");
	folio_diags_add(&d, FOLIO_RULE_LINK_BROKEN, "a/y.md", 5, 1, NULL, "broken new");
	folio_diags_add(&d, FOLIO_RULE_ISBN_LENGTH, "archives/2019/z.md", 6, 1, NULL, "ignored");
	folio_diags_add(&d, FOLIO_RULE_TREE_SYMLINK, "archives/link", 0, 0, NULL, "locked");
	/* the first finding is before from: left as it is, even were it ignored */
	folio_validate_apply_rules(cfg, &d, 1);
	const char *want[] = { "before from", "raw", "twice", "broken old", "broken new", "locked" };
	folio_severity sev[] = { FOLIO_SEVERITY_ERROR, FOLIO_SEVERITY_WARNING, FOLIO_SEVERITY_ERROR,
	                         FOLIO_SEVERITY_WARNING, FOLIO_SEVERITY_ERROR, FOLIO_SEVERITY_ERROR };
	assert_int_equal(d.count, 6);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(d.items[i].message, want[i]);
		assert_int_equal(d.items[i].severity, sev[i]);
	}
	/* no settings, no config: nothing changes */
	folio_validate_apply_rules(NULL, &d, 0);
	assert_int_equal(d.count, 6);
	folio_diags_dispose(&d);
}

/* folio init --from: exclude, copy, a collection's url and the root's collection */
static void config_reads_exclude_copy_url_and_the_root_folder(void **state)
{
	fixture *f = *state;
	folio_config *cfg = parse_ok(f,
		"title: S\nbase_url: https://s.example\nexclude: [themes/, content/_index.md]\n"
		"copy: [assets]\ncollections:\n  - name: posts\n    folder: content/posts\n"
		"    url: /billets/\n  - name: pages\n    folder: \".\"\n");
	assert_string_equal(cfg->collections[0].url, "/billets/");
	assert_null(cfg->collections[1].url);
	assert_true(folio_config_excluded(cfg, "themes"));
	assert_true(folio_config_excluded(cfg, "themes/x/README.md"));
	assert_true(folio_config_excluded(cfg, "content/_index.md"));
	assert_false(folio_config_excluded(cfg, "themesx/a.md"));
	assert_false(folio_config_excluded(cfg, "content/posts/a.md"));
	assert_true(folio_config_copied(cfg, "assets/img/a.png"));
	assert_false(folio_config_copied(cfg, "assetsx/a.png"));
	/* "." holds the top-level pages only; a deeper folder wins below it */
	assert_ptr_equal(folio_config_collection_for_path(cfg, "about.md"), &cfg->collections[1]);
	assert_ptr_equal(folio_config_collection_for_path(cfg, "content/posts/a.md"),
	                 &cfg->collections[0]);
	assert_null(folio_config_collection_for_path(cfg, "docs/a.md"));
}

static void config_refuses_bad_url_and_paths(void **state)
{
	fixture *f = *state;
	const char *want = "\"url\" must be a path of the site that starts and ends with \"/\", "
	                   "other than \"/\", not \"/\"";
	parse_fails(f, "title: S\nbase_url: https://s.example\ncollections:\n  - name: a\n    url: /\n", want);
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	parse_fails(f, "title: S\nbase_url: https://s.example\ncollections:\n  - name: a\n    url: /a/../b/\n",
	            "\"url\" must be a path of the site that starts and ends with \"/\", "
	            "other than \"/\", not \"/a/../b/\"");
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	parse_fails(f, "title: S\nbase_url: https://s.example\nexclude: [../x]\ncollections:\n  - name: a\n",
	            "\"exclude\" must list paths inside the site");
	/* static_roots: (a theme's static/, published at the root): a pusher's
	 * folder outside the site, or absolute, is refused */
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	parse_fails(f, "title: S\nbase_url: https://s.example\nstatic_roots: [themes/x/../../../etc]\n"
	               "collections:\n  - name: a\n",
	            "\"static_roots\" must list paths inside the site");
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	parse_fails(f, "title: S\nbase_url: https://s.example\nstatic_roots: [/etc]\ncollections:\n  - name: a\n",
	            "\"static_roots\" must list paths inside the site");
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	parse_fails(f, "title: S\nbase_url: https://s.example\ncopy: assets\ncollections:\n  - name: a\n",
	            "\"copy\" must be a list of paths");
}

/* rss_name: is a file name beside each list, written by whoever pushes:
 * no path, no other output's name */
static void config_rss_name_is_a_plain_file_name(void **state)
{
	(void)state;
	assert_true(folio_config_rss_name_valid("feed.xml"));
	assert_true(folio_config_rss_name_valid("index.xml"));
	assert_true(folio_config_rss_name_valid("News_2-x.xml"));
	static const char *const hostile[] = { "../feed.xml", "a/feed.xml", "/feed.xml", ".xml", "feed.html",
	                                       "atom.xml", "feed xml.xml", "feed.xml/", "..xml", "f\\.xml",
	                                       "index.json", "" };
	for (size_t i = 0; i < sizeof(hostile) / sizeof(*hostile); i++)
		if (folio_config_rss_name_valid(hostile[i]))
			fail_msg("rss_name \"%s\" was taken", hostile[i]);
	char long_name[80];
	memset(long_name, 'a', 70);
	memcpy(long_name + 70, ".xml", 5);
	assert_false(folio_config_rss_name_valid(long_name));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(config_reads_every_setting),
		T(config_fills_in_defaults),
		T(config_collection_page_size_inherits_site),
		T(config_finds_collection_of_a_path),
		T(config_finds_collection_among_many),
		T(config_reads_language_dirs),
		T(config_reads_nested_language_dirs),
		T(config_refuses_bad_language_dirs),
		T(config_reads_exclude_copy_url_and_the_root_folder),
		T(config_refuses_bad_url_and_paths),
		T(config_requires_title_and_base_url),
		T(config_suggests_closest_key_for_typo),
		T(config_lists_known_keys_for_unknown_key),
		T(config_refuses_bad_base_url),
		T(config_refuses_bad_collection_names),
		T(config_refuses_shared_or_escaping_folders),
		T(config_refuses_empty_collections),
		T(config_refuses_page_size_out_of_range),
		T(config_refuses_wrong_types),
		T(config_checks_partners),
		T(config_limits_lower_the_budgets),
		T(config_reads_rule_settings),
		T(config_refuses_setting_a_locked_rule),
		T(config_suggests_closest_rule_id),
		T(config_refuses_bad_rule_values),
		T(rule_settings_change_findings),
		T(config_reports_yaml_syntax_error_with_line),
		T(config_checks_redirects),
		T(config_must_be_a_mapping),
		T(config_refuses_alias_bomb),
		T(config_rss_name_is_a_plain_file_name),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
