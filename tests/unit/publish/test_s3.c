/* publish/s3: what an s3:// output means before any request is sent: the
 * URL, the credentials, and the headers each kind of file gets. Requests
 * themselves are tested against a real radosgw (tests/e2e/t090-t094). */
#include <stdlib.h>
#include <string.h>

#include "folio/common.h"
#include "helpers.h"
#include "publish/s3.h"

static void with_keys(void)
{
	setenv("AWS_ACCESS_KEY_ID", "AKID", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "secret", 1);
}

static void s3_urls_name_a_bucket_and_a_prefix(void **state)
{
	(void)state;
	folio_s3 *s = NULL;
	with_keys();
	assert_true(folio_s3_is_url("s3://www/site"));
	assert_false(folio_s3_is_url("public"));
	assert_false(folio_s3_is_url("s3:/www"));
	assert_folio_ok(folio_s3_open(&s, "s3://www"));
	folio_s3_free(s);
	assert_folio_ok(folio_s3_open(&s, "s3://www.example-1/a//b/./c/"));
	folio_s3_free(s);
	assert_int_equal(folio_s3_open(&s, "s3://"), FOLIO_ERROR);
	assert_null(s);
	assert_non_null(strstr(folio_error_last(), "names no valid bucket"));
	assert_int_equal(folio_s3_open(&s, "s3://Www_Site/x"), FOLIO_ERROR);
	assert_int_equal(folio_s3_open(&s, "s3://www/a/../b"), FOLIO_ERROR);
	assert_non_null(strstr(folio_error_last(), "'..' in an S3 prefix"));
	assert_null(s);
}

static void s3_credentials_come_from_the_environment_only(void **state)
{
	(void)state;
	folio_s3 *s = NULL;
	with_keys();
	unsetenv("AWS_SECRET_ACCESS_KEY");
	assert_int_equal(folio_s3_open(&s, "s3://www/site"), FOLIO_ERROR);
	assert_null(s);
	assert_non_null(strstr(folio_error_last(), "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"));
	setenv("AWS_SECRET_ACCESS_KEY", "", 1); /* empty is unset */
	assert_int_equal(folio_s3_open(&s, "s3://www/site"), FOLIO_ERROR);
	with_keys();
	assert_folio_ok(folio_s3_open(&s, "s3://www/site"));
	folio_s3_counts c = folio_s3_counts_get(s);
	assert_int_equal(c.puts + c.deletes + c.gets + c.lists + c.retries, 0); /* nothing sent yet */
	folio_s3_free(s);
}

static void s3_headers_follow_the_kind_of_file(void **state)
{
	(void)state;
	assert_string_equal(folio_s3_content_type("index.html"), "text/html; charset=utf-8");
	assert_string_equal(folio_s3_content_type("books/feed/2.json"), "application/json");
	assert_string_equal(folio_s3_content_type("sitemap.xml"), "application/xml");
	assert_string_equal(folio_s3_content_type("static/logo.SVG"), "image/svg+xml");
	assert_string_equal(folio_s3_content_type("static/a.b/noext"), "application/octet-stream");
	assert_string_equal(folio_s3_content_type("static/.hidden"), "application/octet-stream");
	assert_string_equal(folio_s3_content_type(".folio-output"), "text/plain; charset=utf-8");
	/* short for what every publish changes, long for assets */
	assert_string_equal(folio_s3_cache_control("people/x/index.html"), "public, max-age=60");
	assert_string_equal(folio_s3_cache_control("index.json"), "public, max-age=60");
	assert_string_equal(folio_s3_cache_control("events/feed/3.json"), "public, max-age=60");
	assert_string_equal(folio_s3_cache_control("sitemap.xml"), "public, max-age=60");
	assert_string_equal(folio_s3_cache_control("static/logo.svg"), "public, max-age=86400");
	assert_string_equal(folio_s3_cache_control("static/site.css"), "public, max-age=86400");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(s3_urls_name_a_bucket_and_a_prefix),
		cmocka_unit_test(s3_credentials_come_from_the_environment_only),
		cmocka_unit_test(s3_headers_follow_the_kind_of_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
