/* The status page at / (daemon_page.c) rendered from /status documents
 * without a daemon: escaping of everything pushed, the site's language,
 * the honest "none" of lists the daemon does not have, safe links. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "daemon/daemon.h"
#include "util/alloc.h"

#define COMMIT_A "0123456789abcdef0123456789abcdef01234567"
#define COMMIT_B "89abcdef0123456789abcdef0123456789abcdef"

/* A /status document as the daemon makes it, with text where it wants; caller frees. */
static char *render_json(const char *text)
{
	json_error_t err;
	json_t *doc = json_loads(text, 0, &err);
	if (!doc)
		fail_msg("bad test document: %s at %d", err.text, err.line);
	folio_buf b = FOLIO_BUF_INIT;
	folio_daemon__page_render(&b, doc);
	json_decref(doc);
	return folio_buf_detach(&b, NULL);
}

/* A document with one invalid commit whose subject, file, message, hint,
 * partner and error hold markup; language and extra fields as given. */
static char *render_hostile(const char *language, const char *extra)
{
	char *text = folio_xasprintf(
		"{\"version\": \"0.1.0\", \"branch\": \"<b>main</b>\", \"published_commit\": \"" COMMIT_B "\","
		" \"published_at\": \"2026-12-03T10:41:36Z\", \"queue\": 2, \"uptime\": 5,"
		" \"error\": {\"message\": \"cannot write '<out>/x'\", \"since\": \"2026-12-03T10:42:00Z\", \"attempts\": 3},"
		" \"rewound\": null, \"poll_seconds\": 1, \"webhooks\": false, \"partners_failed\": [],"
		" \"language\": %s,"
		" \"last_verdicts\": [{\"commit\": \"" COMMIT_A "\", \"valid\": false, \"errors\": 1, \"warnings\": 1,"
		"   \"checked_at\": \"2026-12-03T10:41:40Z\", \"subject\": \"Add <script>alert(1)</script> & \\\"more\\\"\","
		"   \"findings\": [{\"path\": \"pages/<script>x.md\", \"line\": 7, \"column\": 2, \"severity\": \"error\","
		"     \"rule\": \"slug/invalid\", \"message\": \"file name \\\"<img src=x onerror=alert(1)>\\\" is bad\","
		"     \"hint\": \"rename it to 'pages/script-x.md'\"},"
		"    {\"path\": \"pages/a.md\", \"line\": 0, \"column\": 0, \"severity\": \"warning\","
		"     \"rule\": \"link/broken\", \"message\": \"m\", \"hint\": null}]},"
		"  {\"commit\": \"" COMMIT_B "\", \"valid\": true, \"errors\": 0, \"warnings\": 0,"
		"   \"checked_at\": \"2026-12-03T10:41:30Z\", \"subject\": \"Import\", \"findings\": []}],"
		" \"partners\": [{\"name\": \"<i>away</i>\", \"status\": \"failing\", \"pending\": 1, \"failures\": 2,"
		"   \"next_attempt_at\": \"2026-12-03T10:43:00Z\", \"acked_commit\": null, \"reason\": \"HTTP 503: <h1>down</h1>\"}]"
		"%s}", language, extra);
	char *html = render_json(text);
	free(text);
	return html;
}

static void every_pushed_string_is_escaped(void **state)
{
	char *html = render_hostile("null", "");
	/* the page's own markup has no script, and nothing pushed became markup */
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<b>main"));
	assert_null(strstr(html, "<i>away"));
	assert_null(strstr(html, "<h1>down"));
	assert_non_null(strstr(html, "Add &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;"));
	assert_non_null(strstr(html, "<code>pages/&lt;script&gt;x.md:7</code>"));
	assert_non_null(strstr(html, "file name &quot;&lt;img src=x onerror=alert(1)&gt;&quot; is bad"));
	assert_non_null(strstr(html, "rename it to &#39;pages/script-x.md&#39;"));
	assert_non_null(strstr(html, "data-partner=\"&lt;i&gt;away&lt;/i&gt;\""));
	assert_non_null(strstr(html, "cannot write &#39;&lt;out&gt;/x&#39;"));
	free(html);
}

static void shows_commits_findings_queue_and_deliveries(void **state)
{
	char *html = render_hostile("\"en\"", "");
	assert_non_null(strstr(html, "<html lang=\"en\">"));
	assert_non_null(strstr(html, "<meta http-equiv=\"refresh\""));
	assert_non_null(strstr(html, "<code title=\"" COMMIT_B "\">89abcdef0123</code> <q class=\"subject\">Import</q>"));
	assert_non_null(strstr(html, "<strong>2</strong> commits are waiting"));
	assert_non_null(strstr(html, "refused</span>: 1 error, 1 warning"));
	assert_non_null(strstr(html, "<code>slug/invalid</code>"));
	assert_non_null(strstr(html, "<code>pages/a.md</code>")); /* line 0: the file alone */
	assert_non_null(strstr(html, "valid</span>: 0 errors, 0 warnings"));
	assert_non_null(strstr(html, "No findings."));
	assert_non_null(strstr(html, "data-state=\"failing\""));
	assert_non_null(strstr(html, "failing, retrying"));
	assert_non_null(strstr(html, "<time datetime=\"2026-12-03T10:43:00Z\">2026-12-03 10:43:00 UTC</time>"));
	assert_non_null(strstr(html, "role=\"alert\""));
	assert_non_null(strstr(html, "<th scope=\"col\">File:line</th>"));
	free(html);
}

static void speaks_french_for_a_french_site_else_english(void **state)
{
	char *html = render_hostile("\"fr-CA\"", "");
	assert_non_null(strstr(html, "<html lang=\"fr\">"));
	assert_non_null(strstr(html, "<h2 id=\"published-h\">Publié</h2>"));
	assert_non_null(strstr(html, "refusé</span>\xc2\xa0: 1 erreur, 1 avertissement"));
	assert_non_null(strstr(html, "valide</span>\xc2\xa0: 0 erreur, 0 avertissement"));
	assert_non_null(strstr(html, "Livraisons aux partenaires"));
	assert_non_null(strstr(html, "Aucune publication programmée."));
	assert_null(strstr(html, "Published"));
	free(html);

	html = render_hostile("\"de\"", ""); /* no German texts: English */
	assert_non_null(strstr(html, "<html lang=\"en\">"));
	free(html);
	html = render_hostile("\"frisian\"", ""); /* "fr" only as a whole subtag */
	assert_non_null(strstr(html, "<html lang=\"en\">"));
	free(html);
}

static void lists_the_daemon_lacks_say_none(void **state)
{
	char *html = render_json("{\"branch\": \"main\", \"published_commit\": null, \"last_verdicts\": [],"
	                         " \"queue\": 0, \"error\": null, \"rewound\": null, \"partners\": null}");
	assert_non_null(strstr(html, "Nothing is published yet."));
	assert_non_null(strstr(html, "No commit has been checked yet."));
	assert_non_null(strstr(html, "<section id=\"scheduled\""));
	assert_non_null(strstr(html, "None scheduled."));
	assert_non_null(strstr(html, "<section id=\"previews\""));
	assert_non_null(strstr(html, "No branch preview."));
	assert_non_null(strstr(html, "Not known yet"));
	assert_null(strstr(html, "role=\"alert\""));
	free(html);
}

static void lists_are_shown_once_status_has_them_with_safe_links_only(void **state)
{
	char *html = render_hostile("\"en\"",
		", \"previews\": [{\"name\": \"<u>feature</u>\", \"ref\": \"refs/heads/<u>f</u>\","
		"  \"url\": \"/previews/feature/\", \"commit\": \"" COMMIT_A "\", \"verdict\": \"valid\","
		"  \"errors\": 0, \"warnings\": 2, \"updated\": null, \"findings\": ["
		"   {\"path\": \"events/a.md\", \"line\": 4, \"rule\": \"text/repeated\", \"severity\": \"warning\","
		"    \"message\": \"m\", \"hint\": null, \"url\": \"/previews/feature/events/a/\"},"
		"   {\"path\": \"events/b.md\", \"line\": 1, \"rule\": \"x\", \"severity\": \"warning\","
		"    \"message\": \"m\", \"hint\": null, \"url\": \"javascript:alert(2)\"}]},"
		"  {\"name\": \"evil\", \"ref\": \"refs/heads/evil\", \"url\": \"javascript:alert(1)\","
		"   \"commit\": \"" COMMIT_A "\", \"verdict\": \"invalid\", \"errors\": 1, \"warnings\": 0,"
		"   \"findings\": null}],"
		" \"scheduled\": [{\"path\": \"events/x.md\", \"publish_at\": \"2026-12-24T08:00:00Z\"}]");
	assert_non_null(strstr(html, "data-preview=\"&lt;u&gt;feature&lt;/u&gt;\""));
	assert_non_null(strstr(html, "<code class=\"ref\">refs/heads/&lt;u&gt;f&lt;/u&gt;</code>"));
	assert_non_null(strstr(html, "<a href=\"/previews/feature/\">"));
	/* a finding's file:line leads to its page in the preview */
	assert_non_null(strstr(html, "<a class=\"page\" href=\"/previews/feature/events/a/\"><code>events/a.md:4</code></a>"));
	assert_non_null(strstr(html, "<code>events/b.md:1</code></td>")); /* no link for a bad address */
	assert_null(strstr(html, "href=\"javascript"));
	assert_non_null(strstr(html, "git notes --ref=folio show " COMMIT_A)); /* evil's findings unknown */
	assert_non_null(strstr(html, "<code title=\"" COMMIT_A "\">"));
	assert_non_null(strstr(html, "events/x.md"));
	assert_null(strstr(html, "None scheduled."));
	assert_null(strstr(html, "No branch preview."));
	free(html);
}

static void every_partner_state_has_its_words(void **state)
{
	char *html = render_json("{\"branch\": \"main\", \"partners\": ["
		" {\"name\": \"a\", \"status\": \"ok\", \"pending\": 0, \"failures\": 0, \"next_attempt_at\": null,"
		"  \"acked_commit\": \"" COMMIT_A "\", \"reason\": null},"
		" {\"name\": \"b\", \"status\": \"disabled\", \"pending\": 3, \"failures\": 0, \"next_attempt_at\": null,"
		"  \"acked_commit\": null, \"reason\": \"410 Gone\"},"
		" {\"name\": \"c\", \"status\": \"failed\", \"pending\": 1, \"failures\": 0, \"next_attempt_at\": null,"
		"  \"acked_commit\": null, \"reason\": \"HTTP 401\"}]}");
	assert_non_null(strstr(html, "data-partner=\"a\" data-state=\"ok\"><th scope=\"row\">a</th><td class=\"ok\" data-label=\"State\">ok</td>"));
	assert_non_null(strstr(html, "<td class=\"disabled\" data-label=\"State\">disabled (folio deliveries enable)</td>"));
	assert_non_null(strstr(html, "<td class=\"failed\" data-label=\"State\">stopped by a permanent failure"));
	assert_non_null(strstr(html, "<code title=\"" COMMIT_A "\">0123456789ab</code>"));
	assert_non_null(strstr(html, ">410 Gone</td>"));
	free(html);

	html = render_json("{\"branch\": \"main\", \"partners\": []}");
	assert_non_null(strstr(html, "No partner in folio.yaml."));
	free(html);
}

static void findings_lost_at_a_restart_point_to_the_note(void **state)
{
	char *html = render_json("{\"branch\": \"main\", \"last_verdicts\": [{\"commit\": \"" COMMIT_A "\","
	                         " \"valid\": false, \"errors\": 3, \"warnings\": 0, \"checked_at\": null,"
	                         " \"subject\": null, \"findings\": null}]}");
	assert_non_null(strstr(html, "git notes --ref=folio show " COMMIT_A));
	assert_non_null(strstr(html, "(unknown)"));
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_pushed_string_is_escaped),
		cmocka_unit_test(shows_commits_findings_queue_and_deliveries),
		cmocka_unit_test(speaks_french_for_a_french_site_else_english),
		cmocka_unit_test(lists_the_daemon_lacks_say_none),
		cmocka_unit_test(lists_are_shown_once_status_has_them_with_safe_links_only),
		cmocka_unit_test(every_partner_state_has_its_words),
		cmocka_unit_test(findings_lost_at_a_restart_point_to_the_note),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
