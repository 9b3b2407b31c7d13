/* model/layout: every URL and output path, and model/slug: the names
 * that give them. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/slug.h"
#include "model/layout.h"

static void expect(char *got, const char *want)
{
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void layout_spells_each_output_once(void **state)
{
	(void)state;
	folio_collection c;
	memset(&c, 0, sizeof(c));
	c.name = "events";
	c.folder = "agenda";
	expect(folio_layout_page_url(&c, "2023/x"), "/agenda/2023/x/");
	expect(folio_layout_url_output("/agenda/2023/x/"), "agenda/2023/x/index.html");
	expect(folio_layout_url_output("/statuts.html"), "statuts.html");
	expect(folio_layout_url_output("/"), "index.html");
	expect(folio_layout_list_url(&c, 1), "/agenda/");
	expect(folio_layout_list_output(&c, 3), "agenda/page/3/index.html");
	expect(folio_layout_feed_url(&c, 2), "/agenda/feed/2.json");
	expect(folio_layout_feed_output(&c, 1), "agenda/index.json");
	size_t n;
	assert_true(folio_layout_feed_number(&c, "agenda/feed/12.json", &n));
	assert_int_equal(n, 12);
	assert_false(folio_layout_feed_number(&c, "agenda/feed/1.json", &n));
	assert_false(folio_layout_feed_number(&c, "agendas/index.json", &n));
	/* a collection's url: its URLs, whatever its folder (init --from hugo) */
	c.folder = "content/posts";
	c.url = "/billets/";
	expect(folio_layout_page_url(&c, "x"), "/billets/x/");
	expect(folio_layout_list_url(&c, 2), "/billets/page/2/");
	expect(folio_layout_feed_output(&c, 1), "billets/index.json");
	assert_true(folio_layout_feed_number(&c, "billets/feed/3.json", &n));
	c.url = NULL;
	c.folder = ".";
	expect(folio_layout_list_url(&c, 1), "/events/");
	c.folder = "agenda";
	c.folder = NULL; /* a config built by hand: the name */
	expect(folio_layout_feed_output(&c, 1), "events/index.json");
}

static void layout_reads_front_matter_urls_safely(void **state)
{
	(void)state;
	expect(folio_layout_front_matter_url("/", "/association/statuts"), "/association/statuts/");
	expect(folio_layout_front_matter_url("/", "/statuts.html"), "/statuts.html");
	expect(folio_layout_front_matter_url("/posts/", "ancien"), "/posts/ancien/");
	expect(folio_layout_front_matter_url("/", "/a/../../etc/"), NULL);
	expect(folio_layout_front_matter_url("/", "/a//b/"), NULL);
	expect(folio_layout_front_matter_url("/", "/a/?x"), NULL);
	expect(folio_layout_front_matter_url("/", "/"), NULL);
	expect(folio_layout_front_matter_url("/", "/.git/config"), NULL);
	/* a relative one climbs folders as a browser reads it, never above the root */
	expect(folio_layout_front_matter_url("/docs/1.76/architecture/", "../apis"), "/docs/1.76/apis/");
	expect(folio_layout_front_matter_url("/docs/a/", "./b/../c.html"), "/docs/a/c.html");
	expect(folio_layout_front_matter_url("/docs/", "../.."), NULL);
	expect(folio_layout_front_matter_url("/docs/", "../../etc/passwd"), NULL);
	expect(folio_layout_front_matter_url("/docs/", "../.git/config"), NULL);
	expect(folio_layout_front_matter_url("/docs/", ".."), NULL);
	/* no hidden name but .well-known: a server reads .htaccess as its settings */
	expect(folio_layout_front_matter_url("/", "/.htaccess"), NULL);
	expect(folio_layout_front_matter_url("/", "/a/.user.ini"), NULL);
	expect(folio_layout_front_matter_url("/docs/", "../.x/"), NULL);
	expect(folio_layout_front_matter_url("/", "/.well-known/security.txt"), "/.well-known/security.txt");
	expect(folio_layout_front_matter_url("/", "/a.b/c..d/"), "/a.b/c..d/");
	assert_true(folio_layout_url_hidden("/a/.htaccess"));
	assert_true(folio_layout_url_hidden("../.x/"));
	assert_false(folio_layout_url_hidden("../a/./b/"));
	assert_false(folio_layout_url_hidden("/.well-known/x"));
}

static void layout_places_static_files_where_config_says(void **state)
{
	(void)state;
	folio_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	expect(folio_layout_static_output(&cfg, "static/img/a.png"), "static/img/a.png");
	expect(folio_layout_static_path(&cfg, "/static/img/a.png"), "static/img/a.png");
	expect(folio_layout_static_path(&cfg, "/img/a.png"), NULL);
	cfg.static_at_root = true; /* as Hugo */
	expect(folio_layout_static_output(&cfg, "static/img/a.png"), "img/a.png");
	expect(folio_layout_static_path(&cfg, "/img/a.png"), "static/img/a.png");
	expect(folio_layout_static_path(&cfg, "/img/"), NULL);
	expect(folio_layout_resource_path("/agenda/x/photo.jpg"), "agenda/x/photo.jpg");
	expect(folio_layout_resource_path("/agenda/x/"), NULL);
}

/* A bundle's files go beside its page, wherever slug: or url: put it. */
static void layout_places_bundle_files_beside_their_page(void **state)
{
	(void)state;
	expect(folio_layout_bundle_url("/billets/autre/", "photo.jpg"), "/billets/autre/photo.jpg");
	expect(folio_layout_bundle_output("/billets/autre/", "photo.jpg"), "billets/autre/photo.jpg");
	expect(folio_layout_bundle_output("/billets/autre/", "docs/a.pdf"), "billets/autre/docs/a.pdf");
	/* a page URL naming a file: its folder */
	expect(folio_layout_bundle_url("/association/statuts.html", "logo.png"), "/association/logo.png");
	expect(folio_layout_bundle_output("/", "a.jpg"), "a.jpg");
	expect(folio_layout_bundle_output("/es/posts/x/", "Photo du jardin.jpg"), "es/posts/x/Photo du jardin.jpg");
}

static void slug_transliterates_any_script(void **state)
{
	(void)state;
	expect(folio_slug_make("deja-un-slug", 12), "deja-un-slug");
	const char *cases[][2] = {
		{ "Été à Zürich", "ete-a-zurich" },
		{ "Москва", "moskva" },
		{ "Straße & Œuvre", "strasse-oeuvre" },
		{ "  Présentation 2023 (v2) ", "presentation-2023-v2" },
		{ "Livre-Test", "livre-test" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		expect(folio_slug_make(cases[i][0], strlen(cases[i][0])), cases[i][1]);
	expect(folio_slug_make("...", 3), NULL);
	expect(folio_slug_make("", 0), NULL);
}

/* slug_underscores: keep: '_' is a letter, in a slug as it is and in a
 * name made one; without it, a dash as any other mark. */
static void slug_keeps_underscores_when_asked(void **state)
{
	(void)state;
	expect(folio_slug_make_with("cloud_native_apps", 17, true), "cloud_native_apps");
	expect(folio_slug_make_with("Cloud_Native Apps", 17, true), "cloud_native-apps");
	expect(folio_slug_make_with("Été_2023", strlen("Été_2023"), true), "ete_2023");
	expect(folio_slug_make_with("_", 1, true), NULL);
	expect(folio_slug_make_with("__ !", 4, true), NULL);
	expect(folio_slug_make_with("cloud_native_apps", 17, false), "cloud-native-apps");
	expect(folio_slug_make("a_b", 3), "a-b");
}

/* ugly_urls (Hugo's uglyURLs): /post/x.html, a permalink's "/" made ".html";
 * the lists as Hugo writes them, /post.html and /post/page/2.html; the
 * collection's folder (its pages', its files') stays /post/. */
/* slug_letters: keep, Jekyll's slugify: letters of any script kept, in
 * lower case unless asked, other runs one dash, '_' a dash unless kept */
static void slug_keeps_letters_when_asked(void **state)
{
	(void)state;
	const char *s = "Breminale-Rückblick";
	expect(folio_slug_make_letters(s, strlen(s), false, false), "breminale-rückblick");
	expect(folio_slug_make_letters(s, strlen(s), false, true), "Breminale-Rückblick");
	s = "warnung_umstellung_11s";
	expect(folio_slug_make_letters(s, strlen(s), false, false), "warnung-umstellung-11s");
	expect(folio_slug_make_letters(s, strlen(s), true, false), "warnung_umstellung_11s");
	s = "  Fête à Zürich & Москва!  ";
	expect(folio_slug_make_letters(s, strlen(s), false, false), "fête-à-zürich-москва");
	expect(folio_slug_make_letters("__", 2, true, false), NULL);
	expect(folio_slug_make_letters("\xff\xfe", 2, false, false), NULL); /* not UTF-8 */
	expect(folio_slug_make_letters("!?", 2, false, false), NULL);
}

/* Jekyll's :title (slugify's pretty mode, cased): letters, digits and
 * ._~!$&'()+,;=@ kept, other runs one dash; a dot only between kept
 * characters */
static void slug_pretty_as_jekylls_title(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{ "My DApp", "My-DApp" },
		{ "C++11 Rvalue Reference", "C++11-Rvalue-Reference" },
		{ "  Fête à Zürich / Москва?  ", "Fête-à-Zürich-Москва" },
		{ "v1.2 notes_(draft)", "v1.2-notes_(draft)" },
		{ "a..b", "a-b" },
		{ ".hidden.", "hidden" },
		{ "x...", "x" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		expect(folio_slug_make_pretty(cases[i][0], strlen(cases[i][0])), cases[i][1]);
	expect(folio_slug_make_pretty("?!", 2), NULL);
	expect(folio_slug_make_pretty("\xff", 1), NULL);
}

static void layout_ugly_urls_end_in_html(void **state)
{
	(void)state;
	folio_collection c;
	memset(&c, 0, sizeof(c));
	c.name = "post";
	c.folder = "content/post";
	c.url = "/post/";
	c.ugly_urls = c.ugly_lists = true;
	expect(folio_layout_page_url(&c, "2023/x"), "/post/2023/x.html");
	expect(folio_layout_url_output("/post/2023/x.html"), "post/2023/x.html");
	expect(folio_layout_list_url(&c, 1), "/post.html");
	expect(folio_layout_list_url(&c, 2), "/post/page/2.html");
	expect(folio_layout_list_output(&c, 1), "post.html");
	expect(folio_layout_collection_folder(&c), "/post/");
	c.permalink = "/:year/:month/:day/:slug/";
	expect(folio_layout_permalink_url(&c, "why-90-days", NULL, "2015-11-09", NULL, false), "/2015/11/09/why-90-days.html");
	c.ugly_urls = c.ugly_lists = false;
	expect(folio_layout_permalink_url(&c, "why-90-days", NULL, "2015-11-09", NULL, false), "/2015/11/09/why-90-days/");
	assert_null(folio_layout_permalink_url(&c, "why-90-days", NULL, NULL, NULL, false));
	expect(folio_layout_list_url(&c, 1), "/post/");
	expect(folio_layout_list_url(&c, 2), "/post/page/2/");
	/* Hugo's pages at the root: no date needed, the list keeps url: */
	c.permalink = "/:slug/";
	expect(folio_layout_permalink_url(&c, "sub/about", NULL, NULL, NULL, false), "/about/");
	expect(folio_layout_permalink_url(&c, "about", NULL, "2015-11-09", NULL, false), "/about/");
	expect(folio_layout_list_url(&c, 1), "/post/");
	c.ugly_urls = c.ugly_lists = true;
	expect(folio_layout_permalink_url(&c, "about", NULL, NULL, NULL, false), "/about.html");
	/* a section's pages by their path, its list elsewhere (url: /archives/) */
	c.ugly_urls = c.ugly_lists = false;
	c.permalink = "/post/:path/";
	c.url = "/archives/";
	expect(folio_layout_permalink_url(&c, "2023/x", NULL, NULL, NULL, false), "/post/2023/x/");
	expect(folio_layout_list_url(&c, 1), "/archives/");
	/* Jekyll's folder of pages at .html: a folder's index page stays at the folder */
	c.ugly_urls = true;
	expect(folio_layout_permalink_url(&c, "2023/x", NULL, NULL, NULL, false), "/post/2023/x.html");
	expect(folio_layout_permalink_url(&c, "2023", NULL, NULL, NULL, true), "/post/2023/");
	c.ugly_urls = false;
	/* Jekyll's :categories: a folder each, none when the page has none */
	c.permalink = "/:categories/:year/:month/:day/:slug/";
	expect(folio_layout_permalink_url(&c, "a", NULL, "2016-01-02", "news/release", false), "/news/release/2016/01/02/a/");
	expect(folio_layout_permalink_url(&c, "a", NULL, "2016-01-02", "", false), "/2016/01/02/a/");
	expect(folio_layout_permalink_url(&c, "a", NULL, "2016-01-02", NULL, false), "/2016/01/02/a/");
	/* :slug is the page's own name when given, a '/' of its title's kept */
	c.permalink = "/:year/:slug/";
	expect(folio_layout_permalink_url(&c, "tcp/ip-basics", "tcp/ip-basics", "2024-03-01", NULL, false),
	       "/2024/tcp/ip-basics/");
	expect(folio_layout_permalink_url(&c, "sub/tcp/ip", "tcp/ip", "2024-03-01", NULL, false), "/2024/tcp/ip/");
}

/* ugly_urls: pages (Jekyll's pages in a folder): /docs/x.html, the list
 * at the folder, /docs/ and /docs/page/2/, as docs/index.md is there. */
static void layout_ugly_pages_keep_folder_lists(void **state)
{
	(void)state;
	folio_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	folio_collection c;
	memset(&c, 0, sizeof(c));
	c.name = "docs";
	c.folder = "docs";
	c.ugly_urls = true;
	cfg.collections = &c;
	cfg.ncollections = 1;
	expect(folio_layout_page_url(&c, "x"), "/docs/x.html");
	expect(folio_layout_list_url(&c, 1), "/docs/");
	expect(folio_layout_list_url(&c, 2), "/docs/page/2/");
	assert_true(folio_layout_is_generated(&cfg, "/docs/"));
	assert_false(folio_layout_is_generated(&cfg, "/docs.html"));
	c.ugly_lists = true;
	expect(folio_layout_list_url(&c, 1), "/docs.html");
	assert_true(folio_layout_is_generated(&cfg, "/docs.html"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layout_spells_each_output_once),
		cmocka_unit_test(slug_keeps_letters_when_asked),
		cmocka_unit_test(slug_pretty_as_jekylls_title),
		cmocka_unit_test(layout_reads_front_matter_urls_safely),
		cmocka_unit_test(layout_places_static_files_where_config_says),
		cmocka_unit_test(layout_places_bundle_files_beside_their_page),
		cmocka_unit_test(slug_transliterates_any_script),
		cmocka_unit_test(slug_keeps_underscores_when_asked),
		cmocka_unit_test(layout_ugly_urls_end_in_html),
		cmocka_unit_test(layout_ugly_pages_keep_folder_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
