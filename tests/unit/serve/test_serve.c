/* folio serve's pure parts: event framing, injection into served HTML, the overlay, the debounce. */
#include "helpers.h"

#include <string.h>

#include "daemon/serve.h"
#include "util/banned.h"

static void sse_event_is_framed_line_by_line(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_serve__sse_event(&b, "reload", "7");
	assert_string_equal(b.ptr, "event: reload\ndata: 7\n\n");
	folio_buf_clear(&b);
	/* a line break in the data cannot end the event early nor forge a field */
	folio_serve__sse_event(&b, NULL, "a\r\nevent: evil\nb");
	assert_string_equal(b.ptr, "data: a\ndata: event: evil\ndata: b\n\n");
	folio_buf_clear(&b);
	folio_serve__sse_event(&b, "x", "");
	assert_string_equal(b.ptr, "event: x\ndata: \n\n");
	folio_buf_dispose(&b);
}

static void inject_goes_before_the_last_body_end(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	const char *html = "<html><body><p>&lt;/body&gt; in text</p></BODY>\n</html>\n";
	folio_serve__inject(&b, html, strlen(html), "<script>s</script>");
	assert_string_equal(b.ptr, "<html><body><p>&lt;/body&gt; in text</p><script>s</script></BODY>\n</html>\n");
	folio_buf_clear(&b);
	/* a page without </body> (a fragment) still gets it, at its end */
	folio_serve__inject(&b, "<p>x</p>", 8, "S");
	assert_string_equal(b.ptr, "<p>x</p>S");
	folio_buf_clear(&b);
	folio_serve__inject(&b, "", 0, "S");
	assert_string_equal(b.ptr, "S");
	folio_buf_dispose(&b);
}

static void snippet_lists_findings_escaped_and_reloads(void **state)
{
	(void)state;
	folio_diags d;
	folio_diags_init(&d);
	folio_diags_add(&d, FOLIO_RULE_FRONT_MATTER_SYNTAX, "pages/<x>.md", 3, 8, "quote the <value>",
	                "bad '%s'", "<script>");
	folio_buf b = FOLIO_BUF_INIT;
	folio_serve__snippet(&b, 42, &d, NULL, FOLIO_PAGE_PUBLISHED, 0);
	assert_non_null(strstr(b.ptr, "id=\"folio-serve-overlay\""));
	assert_non_null(strstr(b.ptr, " open "));
	assert_non_null(strstr(b.ptr, "pages/&lt;x&gt;.md:3:8"));
	assert_non_null(strstr(b.ptr, "[front-matter/syntax]"));
	assert_non_null(strstr(b.ptr, "hint: quote the &lt;value&gt;"));
	assert_null(strstr(b.ptr, "<script>'")); /* the message's text is escaped */
	assert_non_null(strstr(b.ptr, "/_folio/events?since=42"));
	assert_null(strstr(b.ptr, "folio-serve-banner"));
	folio_buf_clear(&b);

	/* no findings: no overlay, the script still; a draft gets its banner */
	folio_diags_dispose(&d);
	folio_diags_init(&d);
	folio_serve__snippet(&b, 1, &d, NULL, FOLIO_PAGE_DRAFT, 0);
	assert_null(strstr(b.ptr, "folio-serve-overlay"));
	assert_non_null(strstr(b.ptr, "folio-serve-banner"));
	assert_non_null(strstr(b.ptr, "Draft"));
	folio_buf_clear(&b);
	folio_serve__snippet(&b, 1, &d, NULL, FOLIO_PAGE_PENDING, 1798106400); /* 2026-12-24T10:00:00Z */
	assert_non_null(strstr(b.ptr, "Scheduled: published from 2026-12-24T10:00:00Z"));
	folio_buf_clear(&b);

	/* warnings only: folded; an operational failure counts as an error */
	folio_diags_add(&d, FOLIO_RULE_COLLECTION_ROOT, "a.md", 1, 1, NULL, "w");
	folio_serve__snippet(&b, 1, &d, NULL, FOLIO_PAGE_PUBLISHED, 0);
	assert_non_null(strstr(b.ptr, "folio: 1 warning<"));
	assert_null(strstr(b.ptr, " open "));
	folio_buf_clear(&b);
	folio_serve__snippet(&b, 1, &d, "disk <full>", FOLIO_PAGE_PUBLISHED, 0);
	assert_non_null(strstr(b.ptr, "1 error, 1 warning"));
	assert_non_null(strstr(b.ptr, "the build failed: disk &lt;full&gt;"));
	folio_buf_dispose(&b);
	folio_diags_dispose(&d);
}

static void debounce_waits_for_quiet_but_not_forever(void **state)
{
	(void)state;
	folio_serve_debounce d;
	folio_serve__debounce_init(&d, 80, 1000);
	assert_int_equal(folio_serve__debounce_wait(&d, 0), -1);
	folio_serve__debounce_event(&d, 1000);
	assert_int_equal(folio_serve__debounce_wait(&d, 1000), 80);
	folio_serve__debounce_event(&d, 1050); /* a save's second event pushes it back */
	assert_int_equal(folio_serve__debounce_wait(&d, 1050), 80);
	assert_int_equal(folio_serve__debounce_wait(&d, 1200), 0);
	/* events every 50 ms: a build at the latest 1000 ms after the first */
	for (long long t = 1100; t < 1990; t += 50)
		folio_serve__debounce_event(&d, t);
	assert_int_equal(folio_serve__debounce_wait(&d, 1990), 10);
	assert_int_equal(folio_serve__debounce_wait(&d, 2000), 0);
	folio_serve__debounce_fired(&d);
	assert_int_equal(folio_serve__debounce_wait(&d, 2000), -1);
	folio_serve__debounce_event(&d, 5000); /* the next burst starts its own clock */
	assert_int_equal(folio_serve__debounce_wait(&d, 5000), 80);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sse_event_is_framed_line_by_line),
		cmocka_unit_test(inject_goes_before_the_last_body_end),
		cmocka_unit_test(snippet_lists_findings_escaped_and_reloads),
		cmocka_unit_test(debounce_waits_for_quiet_but_not_forever),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
