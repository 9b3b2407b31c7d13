/* render/render_check: folio check measures some outputs by a bound of
 * their size instead of rendering them (render_bound.c). The bound is never
 * below the bytes a render writes, and a check gives the same findings
 * either way, under budgets that each output kind passes or not: page-output
 * past a feed page, a page or index.json, site-size past the exact total,
 * between it and the bounded one, past the static files alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "helpers.h"
#include "render/render_internal.h"

static const char config[] =
	"title: Bench \"quoted\"\n"
	"base_url: https://example.org/sub\n"
	"language: fr\n"
	"languages: [es]\n"
	"page_size: 2\n"
	"allow_html: true\n"
	"taxonomies: [tags]\n"
	"collections:\n"
	"  - name: books\n"
	"    label: Livres\n"
	"    date_field: date\n"
	"  - name: pages\n";

typedef struct {
	char *dir;
} fixture;

/* A site whose feed items carry what jansson and the HTML escape: quotes,
 * backslashes, tabs and newlines in code, nested front matter with numbers,
 * reals, booleans, nulls and non-ASCII text, a translation, a section, a
 * page much longer than the others, and a warning (a repeated paragraph). */
static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	fx->dir = test_tempdir("render-check");
	test_write_file(fx->dir, "folio.yaml", config);
	test_write_file(fx->dir, "static/logo.txt", "a static file of forty bytes, or so it is\n");
	test_write_file(fx->dir, "books/_index.md", "---\ntitle: Les livres\n---\nTous nos \"livres\".\n");
	for (int i = 0; i < 7; i++) {
		char path[64], text[1024];
		snprintf(path, sizeof(path), "books/livre-%d.md", i);
		snprintf(text, sizeof(text),
		         "---\ntitle: \"Livre %d: \\\"cité\\\" \\\\ é\"\ndate: 2024-0%d-1%dT10:00:00+01:00\n"
		         "tags: [roman, \"sci-fi\"]\nprice: %d.25\ncount: %d\nin_print: true\nnote: null\n"
		         "authors:\n  - name: Zoé \"Z\"\n    roles: [autrice, {main: true}]\n---\n"
		         "Un résumé avec \"guillemets\" et \\barre.\n\n"
		         "```\ncode\twith\ttabs \"and\" \\ backslashes\n\n\nlines\n```\n\n"
		         "<p>raw & html</p>\n\n[un lien](/pages/a-propos/)\n",
		         i, 1 + i % 9, i, i, i);
		test_write_file(fx->dir, path, text);
	}
	folio_buf big = FOLIO_BUF_INIT;
	folio_buf_puts(&big, "---\ntitle: Le long livre\ndate: 2020-01-01\n---\n");
	for (int i = 0; i < 400; i++)
		folio_buf_printf(&big, "Paragraphe %d, \"cité\" \\ long\tavec <b>du</b> texte & plus.\n\n", i);
	test_write_file(fx->dir, "books/long-livre.md", big.ptr);
	folio_buf_dispose(&big);
	test_write_file(fx->dir, "books/livre-1.es.md",
	                "---\ntitle: Libro uno\ndate: 2024-02-11\n---\nUn libro \"traducido\".\n");
	test_write_file(fx->dir, "pages/a-propos.md",
	                "---\ntitle: À propos\n---\n"
	                "Ce paragraphe, assez long pour que folio le compare aux autres, est écrit deux fois dans la page.\n\n"
	                "Ce paragraphe, assez long pour que folio le compare aux autres, est écrit deux fois dans la page.\n");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	test_rm_rf(fx->dir);
	free(fx->dir);
	free(fx);
	return 0;
}

static folio_site *load(const fixture *fx, const folio_limits *limits)
{
	folio_source *src = NULL;
	folio_site *site = NULL;
	folio_site_options opts = FOLIO_SITE_OPTIONS_INIT;
	opts.limits = limits;
	opts.jobs = 2;
	assert_folio_ok(folio_source_open_dir(&src, fx->dir));
	assert_folio_ok(folio_site_load(&site, src, &opts));
	assert_non_null(folio_site_config(site));
	return site;
}

static void free_site(folio_site *site)
{
	folio_source *src = folio_site_source(site);
	folio_site_free(site);
	folio_source_free(src);
}

/* Every output rendered: each bound given is at least its size. The
 * biggest bounded output's size, the biggest other's and the total
 * (static files included) go to the caller. */
static void render_sizes(const fixture *fx, size_t *bounded_max, size_t *other_max, size_t *total)
{
	folio_site *site = load(fx, NULL);
	folio_renderer *r = NULL;
	assert_folio_ok(folio_renderer_new(&r, site));
	assert_folio_ok(folio_renderer_render(r, NULL, 2));
	size_t nbounded = 0, nfeeds = 0;
	*bounded_max = *other_max = *total = 0;
	for (size_t i = 0; i < r->outs.count; i++) {
		const folio_output *o = &r->outs.items[i];
		size_t bound = folio_render__output_bound(r, o);
		*total += o->len;
		if (bound == SIZE_MAX) {
			*other_max = o->len > *other_max ? o->len : *other_max;
			continue;
		}
		if (bound < o->len)
			fail_msg("%s: bound %zu below its %zu bytes", o->path, bound, o->len);
		nbounded++;
		nfeeds += o->kind == FOLIO_UNIT_FEED;
		*bounded_max = o->len > *bounded_max ? o->len : *bounded_max;
	}
	/* 8 books and a translation, 2 a page; pages: one; index.json */
	assert_true(nfeeds >= 6);
	assert_int_equal(nbounded, nfeeds + 1);
	folio_renderer_free(r);
	free_site(site);
}

static void bounds_are_never_below_sizes(void **state)
{
	size_t bounded_max, other_max, total;
	render_sizes(*state, &bounded_max, &other_max, &total);
	assert_true(bounded_max > 0 && other_max > 0 && total > bounded_max);
}

/* The findings of a check as text, sorted: the site's, then the render's. */
static char *check_text(const fixture *fx, const folio_limits *limits, bool bound)
{
	folio_site *site = load(fx, limits);
	folio_diags d;
	folio_diags_init(&d);
	folio_diags_move(&d, folio_site_diags_mut(site));
	folio_outputs plan;
	folio_outputs_init(&plan);
	folio_render_plan(&plan, site);
	folio_validate_site(site, &plan, &d);
	folio_outputs_dispose(&plan);
	assert_folio_ok(folio_render__check(site, 2, &d, bound));
	folio_diags_sort(&d);
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < d.count; i++)
		folio_diag_format_text(&b, &d.items[i]);
	folio_buf_putc(&b, '\0');
	folio_diags_dispose(&d);
	free_site(site);
	return folio_buf_detach(&b, NULL);
}

/* Both ways give the same findings under limits; has (a rule id or NULL)
 * must be among them, and a warning always is (the repeated paragraph). */
static void same_findings(const fixture *fx, const char *limit1, const char *limit2, const char *has)
{
	folio_limits l;
	folio_limits_init(&l);
	if (limit1)
		assert_folio_ok(folio_limits_set(&l, limit1));
	if (limit2)
		assert_folio_ok(folio_limits_set(&l, limit2));
	char *rendered = check_text(fx, &l, false), *bounded = check_text(fx, &l, true);
	if (strcmp(rendered, bounded))
		fail_msg("under %s %s:\nrendering every output:\n%s\nby bounds:\n%s", limit1 ? limit1 : "",
		         limit2 ? limit2 : "", rendered, bounded);
	if (!strstr(bounded, "[text/repeated-paragraph]"))
		fail_msg("no warning in\n%s", bounded);
	if (has && !strstr(bounded, has))
		fail_msg("under %s %s: no %s in\n%s", limit1 ? limit1 : "", limit2 ? limit2 : "", has, bounded);
	if (!has && strstr(bounded, "error:"))
		fail_msg("under %s %s: errors in\n%s", limit1 ? limit1 : "", limit2 ? limit2 : "", bounded);
	free(rendered);
	free(bounded);
}

static void check_finds_what_rendering_finds(void **state)
{
	const fixture *fx = *state;
	size_t bounded_max, other_max, total;
	render_sizes(fx, &bounded_max, &other_max, &total);
	char a[64], b[64];
	same_findings(fx, NULL, NULL, NULL);
	/* page-output: past the biggest feed page or index.json only, past
	 * every output but the smallest, within all */
	size_t below = bounded_max - 1;
	snprintf(a, sizeof(a), "page-output=%zu", below);
	same_findings(fx, a, NULL, "[budget/page-output]");
	for (size_t limit = 64; limit < bounded_max + other_max; limit = limit * 3 / 2 + 1) {
		snprintf(a, sizeof(a), "page-output=%zu", limit);
		same_findings(fx, a, NULL, limit < bounded_max || limit < other_max ? "[budget/page-output]" : NULL);
	}
	/* site-size: past the exact total, at it (the bounds pass it: every
	 * output is then rendered to know), past the static files alone */
	snprintf(a, sizeof(a), "site-size=%zu", total - 1);
	same_findings(fx, a, NULL, "[budget/site-size]");
	snprintf(a, sizeof(a), "site-size=%zu", total);
	same_findings(fx, a, NULL, NULL);
	snprintf(a, sizeof(a), "site-size=%zu", total + total / 2);
	same_findings(fx, a, NULL, NULL);
	same_findings(fx, "site-size=10", NULL, "[budget/site-size]");
	/* both at once */
	snprintf(a, sizeof(a), "site-size=%zu", total - 1);
	snprintf(b, sizeof(b), "page-output=%zu", below);
	same_findings(fx, a, b, "[budget/site-size]");
	snprintf(a, sizeof(a), "site-size=%zu", total * 4);
	same_findings(fx, a, b, "[budget/page-output]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(bounds_are_never_below_sizes, setup, teardown),
		cmocka_unit_test_setup_teardown(check_finds_what_rendering_finds, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
