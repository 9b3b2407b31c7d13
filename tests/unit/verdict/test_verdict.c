/*
 * Verdicts without a repository: the tip deciding over a range, the note
 * text, and the formats keeping content from breaking their syntax.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

static folio_verdict *add(folio_verdicts *vs, const char *id)
{
	vs->items = realloc(vs->items, (vs->count + 1) * sizeof(*vs->items));
	vs->alloc = vs->count + 1;
	folio_verdict *v = &vs->items[vs->count++];
	memset(v, 0, sizeof(*v));
	v->id = strdup(id);
	v->subject = strdup("a commit");
	folio_diags_init(&v->diags);
	return v;
}

/* What fp received, as a string (caller frees). */
static char *report(const folio_verdicts *vs, folio_format fmt)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	folio_report_write(fp, vs, fmt);
	fclose(fp);
	return text;
}

static void the_tip_decides(void **state)
{
	(void)state;
	folio_verdicts vs = { 0 };
	folio_verdict *a = add(&vs, "1111111111111111111111111111111111111111");
	folio_diags_add(&a->diags, FOLIO_RULE_FRONT_MATTER_REQUIRED, "events/x.md", 2, 1, NULL,
	                "'title' is required");
	folio_diags_add(&a->diags, FOLIO_RULE_FRONT_MATTER_TYPE, "events/y.md", 3, 1, NULL,
	                "'date' must be a string");
	folio_verdict *tip = add(&vs, "2222222222222222222222222222222222222222");
	folio_diags_add(&tip->diags, FOLIO_RULE_FRONT_MATTER_TYPE, "events/y.md", 3, 1, NULL,
	                "'date' must be a string, not an integer");

	folio_verdicts_judge_by_tip(&vs, false);
	assert_true(vs.items[0].earlier);
	assert_false(vs.items[1].earlier);
	/* both errors of the first commit became warnings; x's is fixed, y's
	 * (same rule, path and line) is still at the tip */
	assert_int_equal(folio_diags_count(&vs.items[0].diags, FOLIO_SEVERITY_ERROR), 0);
	assert_int_equal(vs.items[0].marks[0], FOLIO_MARK_FIXED | FOLIO_MARK_DEMOTED);
	assert_int_equal(vs.items[0].marks[1], FOLIO_MARK_DEMOTED);
	size_t fixed = 0;
	assert_int_equal(folio_verdicts_demoted(&vs, &fixed), 2);
	assert_int_equal(fixed, 1);
	assert_int_equal(folio_verdicts_count(&vs, FOLIO_SEVERITY_ERROR), 1);

	char *text = report(&vs, FOLIO_FORMAT_TEXT);
	assert_non_null(strstr(text, "(fixed by a later commit)"));
	assert_non_null(strstr(text, "(still at the tip)"));
	assert_non_null(strstr(text, "the tip decides: 2 errors of earlier commits"));
	free(text);
	folio_verdicts_dispose(&vs);
}

static void strict_history_keeps_errors(void **state)
{
	(void)state;
	folio_verdicts vs = { 0 };
	folio_verdict *a = add(&vs, "1111111111111111111111111111111111111111");
	folio_diags_add(&a->diags, FOLIO_RULE_FRONT_MATTER_REQUIRED, "x.md", 2, 1, NULL, "no title");
	add(&vs, "2222222222222222222222222222222222222222");
	folio_verdicts_judge_by_tip(&vs, true);
	assert_int_equal(folio_verdicts_count(&vs, FOLIO_SEVERITY_ERROR), 1);
	assert_int_equal(vs.items[0].marks[0], FOLIO_MARK_FIXED);
	folio_verdicts_dispose(&vs);
}

static void the_note_counts_then_lists(void **state)
{
	(void)state;
	folio_diags d;
	folio_diags_init(&d);
	folio_diags_add(&d, FOLIO_RULE_FRONT_MATTER_REQUIRED, "x.md", 2, 1, NULL, "no title");
	folio_buf b = FOLIO_BUF_INIT;
	folio_verdict_note(&b, &d);
	assert_true(!strncmp(b.ptr, "folio: 1 error, 0 warnings\n", 27));
	assert_non_null(strstr(b.ptr, "x.md:2"));
	folio_buf_dispose(&b);
	folio_diags_dispose(&d);
}

/* Pushed text (a subject with markup, bytes that are not UTF-8) stays data. */
static void formats_escape_content(void **state)
{
	(void)state;
	folio_verdicts vs = { 0 };
	folio_verdict *v = add(&vs, "3333333333333333333333333333333333333333");
	free(v->subject);
	v->subject = strdup("<b>&\"bad\xff");
	folio_diags_add(&v->diags, FOLIO_RULE_FRONT_MATTER_REQUIRED, "a,b:c.md", 1, 1, "use \"x\"",
	                "50%% <done>");

	char *xml = report(&vs, FOLIO_FORMAT_JUNIT);
	assert_non_null(strstr(xml, "&lt;b&gt;&amp;&quot;bad\xEF\xBF\xBD"));
	assert_null(strstr(xml, "<b>"));
	free(xml);
	char *json = report(&vs, FOLIO_FORMAT_JSON);
	assert_non_null(strstr(json, "\"subject\": \"<b>&\\\"bad\xEF\xBF\xBD\""));
	free(json);
	char *gh = report(&vs, FOLIO_FORMAT_GITHUB);
	assert_non_null(strstr(gh, "::error file=a%2Cb%3Ac.md,line=1,col=1,"));
	assert_non_null(strstr(gh, "50%25 <done>"));
	free(gh);

	folio_format f;
	assert_int_equal(folio_format_parse(&f, "junit"), 0);
	assert_int_equal(f, FOLIO_FORMAT_JUNIT);
	assert_true(folio_format_parse(&f, "xml") < 0);
	assert_non_null(strstr(folio_error_last(), "unknown format 'xml'"));
	folio_verdicts_dispose(&vs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_tip_decides),
		cmocka_unit_test(strict_history_keeps_errors),
		cmocka_unit_test(the_note_counts_then_lists),
		cmocka_unit_test(formats_escape_content),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
