/*
 * The persistent site model (publish/records.h): records and reverse
 * indexes round-trip through the state, and a real publish of the sample
 * site (folio build --state) writes them for every page, a fast publish
 * for the page it changed.
 */
#include "helpers.h"
#include "publish/records.h"
#include "publish/state_db.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

static void free_paths(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

/* The only path of a reverse index answer, or fail. */
static void assert_one_path(char **paths, size_t n, const char *want)
{
	if (n != 1 || strcmp(paths[0], want))
		fail_msg("expected only \"%s\", got %zu paths (first: %s)", want, n, n ? paths[0] : "-");
	free_paths(paths, n);
}

static folio_record sample_record(const char *path, const char *url)
{
	folio_record r;
	memset(&r, 0, sizeof(r));
	r.path = folio_xstrdup(path);
	r.id = folio_xstrdup("0123456789abcdef0123456789abcdef01234567");
	r.collection = folio_xstrdup("books");
	r.slug = folio_xstrdup("b");
	r.url = folio_xstrdup(url);
	r.meta = folio_xstrdup("{\"title\":\"B\",\"authors\":[\"jane\"]}");
	r.title = folio_xstrdup("B");
	r.summary = folio_xstrdup("A summary.");
	snprintf(r.sig, sizeof(r.sig), "%064d", 7);
	r.status = 2;
	r.draft = true;
	r.has_expiry = true;
	r.expiry_at = 1800000000;
	r.nlinks = 2;
	r.links = folio_xcalloc(2, sizeof(*r.links));
	r.links[0].url = folio_xstrdup("/people/jane/");
	r.links[0].anchor = folio_xstrdup("");
	r.links[1].url = folio_xstrdup("/people/jane/");
	r.links[1].anchor = folio_xstrdup("bio");
	r.nrefs = 1;
	r.refs = folio_xcalloc(1, sizeof(*r.refs));
	r.refs[0].collection = folio_xstrdup("people");
	r.refs[0].slug = folio_xstrdup("jane");
	r.nisbns = 1;
	r.isbns = folio_xcalloc(1, sizeof(*r.isbns));
	r.isbns[0] = folio_xstrdup("9782296013681");
	return r;
}

static void records_round_trip_with_their_reverse_indexes(void **state)
{
	(void)state;
	char *dir = test_tempdir("records");
	folio_state *st = NULL;
	folio_records_writer *w = NULL;
	folio_record r = sample_record("books/b.md", "/books/b/"), got;
	char **paths = NULL;
	size_t n = 0;

	assert_folio_ok(folio_state_open(&st, dir));
	assert_folio_ok(folio_state_begin(st));
	assert_folio_ok(folio_records_writer_open(&w, st, true));
	assert_folio_ok(folio_records_put(w, &r));
	folio_records_writer_close(w);
	assert_folio_ok(folio_state_commit(st));

	assert_folio_ok(folio_record_get(st, "books/b.md", &got));
	assert_string_equal(got.url, "/books/b/");
	assert_string_equal(got.meta, r.meta);
	assert_string_equal(got.summary, "A summary.");
	assert_string_equal(got.sig, r.sig);
	assert_null(got.date);
	assert_null(got.lang);
	assert_int_equal(got.status, 2);
	assert_true(got.draft);
	assert_false(got.has_publish);
	assert_true(got.has_expiry);
	assert_int_equal(got.expiry_at, 1800000000);
	assert_int_equal(got.nlinks, 2);
	assert_string_equal(got.links[1].anchor, "bio");
	assert_int_equal(got.nrefs, 1);
	assert_string_equal(got.refs[0].slug, "jane");
	assert_int_equal(got.nisbns, 1);
	assert_string_equal(got.isbns[0], "9782296013681");
	folio_record_dispose(&got);
	assert_int_equal(folio_record_get(st, "books/none.md", &got), FOLIO_ENOTFOUND);

	assert_folio_ok(folio_records_linking_to(st, "/people/jane/", &paths, &n));
	assert_one_path(paths, n, "books/b.md"); /* two anchors, one referrer */
	assert_folio_ok(folio_records_referencing(st, "people", "jane", &paths, &n));
	assert_one_path(paths, n, "books/b.md");
	assert_folio_ok(folio_records_holding_isbn(st, "9782296013681", &paths, &n));
	assert_one_path(paths, n, "books/b.md");

	/* a record replaced loses its old links; a removed one leaves no row */
	assert_folio_ok(folio_state_begin(st));
	assert_folio_ok(folio_records_writer_open(&w, st, false));
	free(r.links[0].url);
	r.links[0].url = folio_xstrdup("/people/john/");
	r.nlinks = 1;
	assert_folio_ok(folio_records_put(w, &r));
	r.nlinks = 2;
	folio_record c = sample_record("books/c.md", "/books/c/");
	assert_folio_ok(folio_records_put(w, &c));
	folio_record_dispose(&c);
	assert_folio_ok(folio_records_remove(w, "books/c.md"));
	folio_records_writer_close(w);
	assert_folio_ok(folio_state_commit(st));
	assert_folio_ok(folio_records_linking_to(st, "/people/jane/", &paths, &n));
	assert_int_equal(n, 0);
	free_paths(paths, n);
	assert_folio_ok(folio_records_linking_to(st, "/people/john/", &paths, &n));
	assert_one_path(paths, n, "books/b.md");
	assert_folio_ok(folio_records_holding_isbn(st, "9782296013681", &paths, &n));
	assert_one_path(paths, n, "books/b.md");
	assert_folio_ok(folio_records_count(st, &n));
	assert_int_equal(n, 1);

	folio_record_dispose(&r);
	folio_state_close(st);
	test_rm_rf(dir);
	free(dir);
}

/* The sample site published with a state: every page has its record. */
static void a_publish_records_every_page_and_a_fast_one_its_change(void **state)
{
	(void)state;
	char *dir = test_tempdir("records-publish");
	folio_state *st = NULL;
	folio_record r;
	char **paths = NULL;
	size_t n = 0;
	const char *book = "books/la-cooperation-dans-l-action-publique.md";

	test_sh("cp -r '%s/content' '%s/repo' && cd '%s/repo' && git init -q && git add -A &&"
	        " git -c user.name=t -c user.email=t@t commit -qm import", FOLIO_SOURCE_DIR, dir, dir);
	test_sh("'%s' build --quiet --repo '%s/repo' --out '%s/out' --state '%s/state'", FOLIO_BINARY, dir,
	        dir, dir);
	char *sqlite_dir = folio_xasprintf("%s/state", dir);
	assert_folio_ok(folio_state_open(&st, sqlite_dir));
	char *pages = test_sh_output("cd '%s/repo' && git ls-files '*.md' | grep -v _index.md | wc -l", dir);
	assert_folio_ok(folio_records_count(st, &n));
	assert_int_equal(n, strtoul(pages, NULL, 10));
	free(pages);

	assert_folio_ok(folio_record_get(st, book, &r));
	assert_string_equal(r.collection, "books");
	assert_string_equal(r.url, "/books/la-cooperation-dans-l-action-publique/");
	assert_string_equal(r.date, "2006-09-15");
	assert_non_null(strstr(r.meta, "\"isbn\":\"978-2-296-01368-1\""));
	assert_true(strlen(r.summary) > 20);
	assert_int_equal(r.nisbns, 1);
	assert_string_equal(r.isbns[0], "9782296013681");
	assert_int_equal(r.nrefs, 2); /* an author and a publisher */
	assert_string_equal(r.refs[0].collection, "organizations");
	assert_string_equal(r.refs[0].slug, "l-harmattan");
	assert_string_equal(r.refs[1].slug, "fabrice-dhume-sonzogni");
	folio_record_dispose(&r);

	/* links by file (../people/x.md), by URL, and with an anchor */
	assert_folio_ok(folio_records_linking_to(st, "/people/fabrice-dhume-sonzogni/", &paths, &n));
	bool from_book = false, from_page = false;
	for (size_t i = 0; i < n; i++) {
		from_book |= !strcmp(paths[i], book);
		from_page |= !strcmp(paths[i], "pages/presentation.md");
	}
	assert_true(from_book && from_page);
	free_paths(paths, n);
	assert_folio_ok(folio_records_linking_to(st, "/pages/presentation/", &paths, &n));
	assert_int_equal(n, 3); /* two of them to an anchor */
	assert_string_equal(paths[0], "events/rencontre-associations-recherche-2019.md");
	assert_string_equal(paths[1], "organizations/iscra.md");
	free_paths(paths, n);
	assert_folio_ok(folio_records_referencing(st, "people", "fabrice-dhume-sonzogni", &paths, &n));
	bool referenced = false;
	for (size_t i = 0; i < n; i++)
		referenced |= !strcmp(paths[i], book);
	assert_true(referenced);
	free_paths(paths, n);
	folio_state_close(st);

	/* a body edit (the fast path) that adds a link: the record follows */
	test_sh("cd '%s/repo' && printf '\\nVoir [Nadine](/people/nadine-souchard/).\\n' >>'%s' &&"
	        " git -c user.name=t -c user.email=t@t commit -qam edit", dir, book);
	char *out = test_sh_output("'%s' build --repo '%s/repo' --out '%s/out' --state '%s/state' 2>&1",
	                           FOLIO_BINARY, dir, dir, dir);
	assert_non_null(strstr(out, "fast path"));
	free(out);
	assert_folio_ok(folio_state_open(&st, sqlite_dir));
	assert_folio_ok(folio_records_linking_to(st, "/people/nadine-souchard/", &paths, &n));
	bool linked = false;
	for (size_t i = 0; i < n; i++)
		linked |= !strcmp(paths[i], book);
	assert_true(linked);
	free_paths(paths, n);
	char *head = test_sh_output("cd '%s/repo' && git rev-parse HEAD | tr -d '\\n'", dir);
	assert_folio_ok(folio_record_get(st, book, &r));
	char *blob = test_sh_output("cd '%s/repo' && git rev-parse 'HEAD:%s' | tr -d '\\n'", dir, book);
	assert_string_equal(r.id, blob);
	folio_record_dispose(&r);
	char *records_commit = NULL;
	assert_folio_ok(folio_state_get(st, "records_commit", &records_commit));
	assert_string_equal(records_commit, head);
	free(records_commit);
	free(blob);
	free(head);
	folio_state_close(st);
	free(sqlite_dir);
	test_rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records_round_trip_with_their_reverse_indexes),
		cmocka_unit_test(a_publish_records_every_page_and_a_fast_one_its_change),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
