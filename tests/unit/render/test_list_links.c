/* render/render_units: a collection's list pages share one set of links to
 * its list pages (pagination.pages), made once per collection and language.
 * Each list page still shows its own number as current and links every
 * other, in its own language: three list pages in French and three in
 * Spanish (as many: shared across languages they would pass for each
 * other's), rendered on two threads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "render/render_internal.h"

static const char config[] =
	"title: Listes\n"
	"base_url: https://example.org\n"
	"language: fr\n"
	"languages: [es]\n"
	"page_size: 1\n"
	"collections:\n"
	"  - name: books\n"
	"    label: Livres\n";

static size_t count_of(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *at = s; (at = strstr(at, what)); at += strlen(what))
		n++;
	return n;
}

/* The pagination of list page o (of count in its language): one current
 * number, its own, and a link to each other page, none to another
 * language's. */
static void check_list(const folio_output *o, size_t count)
{
	char *text = strndup(o->data, o->len);
	char *nav = strstr(text, "<nav class=\"pagination\"");
	assert_non_null(nav);
	char *end = strstr(nav, "</nav>");
	assert_non_null(end);
	*end = '\0';
	char current[64];
	snprintf(current, sizeof(current), "<li><strong>%zu</strong></li>", o->number);
	if (count_of(nav, "<strong>") != 1 || !strstr(nav, current))
		fail_msg("%s: page %zu not the one current: %s", o->path, o->number, nav);
	for (size_t n = 1; n <= count; n++) {
		char link[128];
		const char *lang = o->lang ? "/es" : "";
		if (n == 1)
			snprintf(link, sizeof(link), "<a href=\"%s/books/\">1</a>", lang);
		else
			snprintf(link, sizeof(link), "<a href=\"%s/books/page/%zu/\">%zu</a>", lang, n, n);
		if ((n != o->number) != (strstr(nav, link) != NULL))
			fail_msg("%s: link %s %s: %s", o->path, link, n == o->number ? "to itself" : "missing", nav);
	}
	size_t links = count_of(nav, "<a ");
	/* the others, and prev and next where they are */
	size_t want = count - 1 + (o->number > 1) + (o->number < count);
	if (links != want)
		fail_msg("%s: %zu links, not %zu: %s", o->path, links, want, nav);
	free(text);
}

static void list_pages_share_their_links(void **state)
{
	(void)state;
	char *dir = test_tempdir("list-links");
	test_write_file(dir, "folio.yaml", config);
	const char *names[] = { "books/un.md", "books/deux.md", "books/trois.md", "books/un.es.md",
	                        "books/dos.es.md", "books/tres.es.md" };
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char text[128];
		snprintf(text, sizeof(text), "---\ntitle: Livre %zu\n---\nTexte.\n", i);
		test_write_file(dir, names[i], text);
	}
	folio_source *src = NULL;
	folio_site *site = NULL;
	folio_site_options opts = FOLIO_SITE_OPTIONS_INIT;
	opts.jobs = 2;
	assert_folio_ok(folio_source_open_dir(&src, dir));
	assert_folio_ok(folio_site_load(&site, src, &opts));
	folio_renderer *r = NULL;
	assert_folio_ok(folio_renderer_new(&r, site));
	assert_folio_ok(folio_renderer_render(r, NULL, 2));
	size_t fr = 0, es = 0;
	for (size_t i = 0; i < r->outs.count; i++) {
		const folio_output *o = &r->outs.items[i];
		if (o->kind != FOLIO_UNIT_LIST)
			continue;
		check_list(o, 3);
		*(o->lang ? &es : &fr) += 1;
	}
	assert_int_equal(fr, 3);
	assert_int_equal(es, 3);
	folio_renderer_free(r);
	folio_site_free(site);
	folio_source_free(src);
	test_rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_pages_share_their_links),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
