#include "helpers.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "model/template.h"

#include "util/banned.h"

static int add(folio_templates *set, const char *name, const char *src, folio_diags *d)
{
	char path[256];
	snprintf(path, sizeof(path), "templates/%s.mustache", name);
	return folio_templates_add(set, name, src, strlen(src), path, d);
}

/* Render src (as "t", with the partials already in set) over the JSON text data. */
static char *render(folio_templates *set, const char *src, const char *data)
{
	folio_diags d;
	folio_diags_init(&d);
	if (add(set, "t", src, &d) < 0) {
		test_print_diags(&d);
		fail_msg("template does not compile: %s", src);
	}
	json_error_t err;
	json_t *ctx = json_loads(data, 0, &err);
	if (!ctx)
		fail_msg("bad test JSON: %s", err.text);
	folio_buf out = FOLIO_BUF_INIT;
	assert_folio_ok(folio_templates_render(&out, set, "t", ctx));
	json_decref(ctx);
	folio_diags_dispose(&d);
	return folio_buf_detach(&out, NULL);
}

/* Compiles src, which must fail, and checks the one finding it gives. */
static void assert_syntax_error(const char *src, unsigned line, unsigned col, const char *message)
{
	folio_templates *set = folio_templates_new();
	folio_diags d;
	folio_diags_init(&d);
	assert_int_equal(add(set, "bad", src, &d), FOLIO_EINVALID);
	assert_false(folio_templates_has(set, "bad"));
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].rule, FOLIO_RULE_TEMPLATE_SYNTAX);
	assert_string_equal(d.items[0].path, "templates/bad.mustache");
	assert_string_equal(d.items[0].message, message);
	assert_int_equal(d.items[0].line, line);
	assert_int_equal(d.items[0].column, col);
	folio_diags_dispose(&d);
	folio_templates_free(set);
}

static void template_reports_unclosed_section_at_its_tag(void **state)
{
	(void)state;
	assert_syntax_error("<ul>\n  {{#items}}\n  <li>{{.}}</li>\n</ul>\n", 2, 3,
	                    "unclosed section \"items\"");
	assert_syntax_error("{{<base}}{{$main}}x{{/main}}", 1, 1, "unclosed parent \"base\"");
}

static void template_reports_unmatched_closing_tag(void **state)
{
	(void)state;
	assert_syntax_error("a {{/x}}", 1, 3, "unmatched closing tag \"x\"");
	assert_syntax_error("{{#a}}\n\t{{#b}}{{/a}}{{/b}}", 2, 8, "unmatched closing tag \"a\"");
}

static void template_reports_unclosed_tag(void **state)
{
	(void)state;
	/* Columns count characters, not bytes: "é" is one. */
	assert_syntax_error("<p>\nélan {{name\n</p>", 2, 6, "unclosed tag");
	assert_syntax_error("{{{raw}}", 1, 1, "unclosed tag");
}

static void template_reports_bad_names_and_delimiters(void **state)
{
	(void)state;
	assert_syntax_error("x{{ }}", 1, 2, "empty tag");
	assert_syntax_error("{{first name}}", 1, 1, "invalid tag name \"first name\"");
	assert_syntax_error("{{=<%%>=}}", 1, 1, "invalid delimiters \"<%%>\"");
}

static void template_syntax_error_drops_the_earlier_version(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	assert_folio_ok(add(set, "page", "ok", NULL));
	assert_true(folio_templates_has(set, "page"));
	assert_int_equal(add(set, "page", "{{#broken}}", NULL), FOLIO_EINVALID);
	assert_false(folio_templates_has(set, "page"));
	folio_buf out = FOLIO_BUF_INIT;
	assert_int_equal(folio_templates_render(&out, set, "page", NULL), FOLIO_ENOTFOUND);
	assert_int_equal(out.size, 0);
	folio_templates_free(set);
}

static void template_escapes_html_except_in_raw_tags(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	char *s = render(set, "{{x}}|{{{x}}}|{{& x}}", "{\"x\": \"<a href=\\\"y\\\">Tom & Jerry's</a>\"}");
	assert_string_equal(s,
		"&lt;a href=&quot;y&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;|"
		"<a href=\"y\">Tom & Jerry's</a>|<a href=\"y\">Tom & Jerry's</a>");
	free(s);
	folio_templates_free(set);
}

static void template_prints_numbers_in_shortest_form(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	char *s = render(set, "{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}}[{{h}}]",
	                 "{\"a\": 85, \"b\": 1.21, \"c\": 0.1, \"d\": -3, \"e\": 2.0,"
	                 " \"f\": true, \"g\": 1e300, \"h\": null}");
	assert_string_equal(s, "85 1.21 0.1 -3 2 true 1e+300[]");
	free(s);
	folio_templates_free(set);
}

static void template_treats_empty_values_as_false(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	char *s = render(set, "{{#s}}S{{/s}}{{^s}}-s{{/s}} {{#z}}Z{{.}}{{/z}} {{#l}}L{{/l}}{{^l}}-l{{/l}}",
	                 "{\"s\": \"\", \"z\": 0, \"l\": []}");
	assert_string_equal(s, "-s Z0 -l");
	free(s);
	folio_templates_free(set);
}

static void collect(const char *dep, void *payload)
{
	folio_buf *b = payload;
	folio_buf_printf(b, "%s,", dep);
}

static void template_lists_dependencies_transitively_once(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	assert_folio_ok(add(set, "page", "{{<base}}{{$main}}{{>card}}{{>*dyn}}{{/main}}{{/base}}{{>header}}", NULL));
	assert_folio_ok(add(set, "base", "{{>header}}{{$main}}{{/main}}{{>footer}}", NULL));
	assert_folio_ok(add(set, "header", "{{#menu}}{{>nav}}{{/menu}}{{>page}}", NULL));
	assert_folio_ok(add(set, "footer", "(c)", NULL));
	assert_folio_ok(add(set, "card", "{{>footer}}", NULL));
	folio_buf b = FOLIO_BUF_INIT;
	assert_folio_ok(folio_templates_foreach_dependency(set, "page", collect, &b));
	/* The block override's partial counts; nav is missing but still listed;
	 * page itself (reached through header) is not its own dependency. */
	assert_string_equal(b.ptr, "base,card,header,footer,nav,");
	folio_buf_clear(&b);
	assert_folio_ok(folio_templates_foreach_dependency(set, "footer", collect, &b));
	assert_string_equal(b.ptr, "");
	assert_int_equal(folio_templates_foreach_dependency(set, "nope", collect, &b), FOLIO_ENOTFOUND);
	folio_buf_dispose(&b);
	folio_templates_free(set);
}

static void template_check_reports_missing_partials_and_parents(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	assert_folio_ok(add(set, "page", "<h1>\n  {{> header }}\n{{<layout}}{{/layout}}{{>*dyn}}", NULL));
	assert_folio_ok(add(set, "nav", "", NULL));
	folio_diags d;
	folio_diags_init(&d);
	folio_templates_check(set, &d);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.items[0].rule, FOLIO_RULE_TEMPLATE_MISSING);
	assert_string_equal(d.items[0].path, "templates/page.mustache");
	assert_string_equal(d.items[0].message, "missing partial \"header\"");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 3);
	assert_string_equal(d.items[1].message, "missing parent template \"layout\"");
	assert_int_equal(d.items[1].line, 3);
	assert_int_equal(d.items[1].column, 1);
	folio_diags_dispose(&d);
	/* A missing partial renders as nothing. */
	char *s = render(set, "[{{>gone}}]", "{}");
	assert_string_equal(s, "[]");
	free(s);
	folio_templates_free(set);
}

static void template_stops_a_partial_that_includes_itself(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	assert_folio_ok(add(set, "loop", "a{{>loop}}{{>loop}}", NULL));
	folio_buf out = FOLIO_BUF_INIT;
	folio_rule rule = FOLIO_RULE_CONFIG_SYNTAX;
	assert_int_equal(folio_templates_render_checked(&out, set, "loop", NULL, &rule), FOLIO_ERROR);
	assert_int_equal(rule, FOLIO_RULE_TEMPLATE_RECURSION);
	assert_non_null(strstr(folio_error_last(), "\"loop\" includes itself more than 100 levels deep"));
	/* The first descent stops at depth 100: 101 a's, no exponential walk. */
	assert_int_equal(out.size, 101);
	folio_buf_dispose(&out);
	folio_templates_free(set);
}

static void template_stops_an_exponential_render(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	folio_templates__set_limits(set, 100000, 1 << 20);
	assert_folio_ok(add(set, "t", "{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}x"
	                              "{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}", NULL));
	json_t *ctx = json_pack("{s:[i,i,i,i,i,i,i,i,i,i]}", "l", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
	folio_buf out = FOLIO_BUF_INIT;
	folio_rule rule = FOLIO_RULE_CONFIG_SYNTAX;
	assert_int_equal(folio_templates_render_checked(&out, set, "t", ctx, &rule), FOLIO_ERROR);
	assert_int_equal(rule, FOLIO_RULE_BUDGET_TEMPLATE_OUTPUT);
	assert_non_null(strstr(folio_error_last(), "more than 100000 steps"));
	assert_true(out.size < 100000);
	folio_buf_dispose(&out);
	json_decref(ctx);
	folio_templates_free(set);
}

/* Checks set and expects exactly one finding, of rule at line:column of path. */
static void assert_one_finding(folio_templates *set, folio_rule rule, const char *path,
                               unsigned line, unsigned column, const char *message)
{
	folio_diags d;
	folio_diags_init(&d);
	folio_templates_check(set, &d);
	if (d.count != 1)
		test_print_diags(&d);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].rule, rule);
	assert_string_equal(d.items[0].path, path);
	assert_int_equal(d.items[0].line, line);
	assert_int_equal(d.items[0].column, column);
	assert_non_null(strstr(d.items[0].message, message));
	assert_non_null(d.items[0].hint);
	folio_diags_dispose(&d);
}

static void template_check_finds_a_partial_that_includes_itself(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	assert_folio_ok(add(set, "page", "<main>{{>loop}}</main>", NULL));
	assert_folio_ok(add(set, "loop", "a\n  {{>loop}}", NULL));
	assert_one_finding(set, FOLIO_RULE_TEMPLATE_RECURSION, "templates/loop.mustache", 2, 3,
	                   "partial \"loop\" includes itself: it would expand without end");
	folio_templates_free(set);
}

static void template_check_finds_two_partials_that_include_each_other(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	assert_folio_ok(add(set, "page", "{{>a}}", NULL));
	assert_folio_ok(add(set, "a", "<a>{{>b}}</a>", NULL));
	assert_folio_ok(add(set, "b", "<b>\n{{#x}}y{{/x}}{{>a}}</b>", NULL));
	assert_one_finding(set, FOLIO_RULE_TEMPLATE_RECURSION, "templates/b.mustache", 2, 14,
	                   "partial \"a\" includes itself through \"b\"");
	folio_templates_free(set);
}

static void template_check_allows_recursion_the_data_ends(void **state)
{
	(void)state;
	/* the spec's recursive partial: each level goes one step down the data */
	folio_templates *set = folio_templates_new();
	assert_folio_ok(add(set, "node", "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>", NULL));
	folio_diags d;
	folio_diags_init(&d);
	folio_templates_check(set, &d);
	assert_int_equal(d.count, 0);
	char *s = render(set, "{{>node}}", "{\"content\": \"X\", \"nodes\": [{\"content\": \"Y\", \"nodes\": []}]}");
	assert_string_equal(s, "X<Y<>>");
	free(s);
	folio_diags_dispose(&d);
	folio_templates_free(set);
}

static void template_check_finds_partials_nested_past_the_budget(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	folio_templates_set_budget(set, 1 << 20, 3);
	assert_folio_ok(add(set, "page", "{{>p1}}", NULL));
	assert_folio_ok(add(set, "p1", "{{>p2}}", NULL));
	assert_folio_ok(add(set, "p2", "{{>p3}}", NULL));
	assert_folio_ok(add(set, "p3", "x", NULL));
	folio_diags d;
	folio_diags_init(&d);
	folio_templates_check(set, &d);
	assert_int_equal(d.count, 0); /* three partials deep: at the limit */
	folio_diags_dispose(&d);
	assert_folio_ok(add(set, "p3", "{{>p4}}", NULL));
	assert_folio_ok(add(set, "p4", "x", NULL));
	assert_one_finding(set, FOLIO_RULE_BUDGET_PARTIAL_DEPTH, "templates/page.mustache", 0, 0,
	                   "partials nest 4 levels deep from \"page\", more than the partial-depth limit of 3");
	folio_templates_free(set);
}

static void template_render_stops_at_the_output_budget(void **state)
{
	(void)state;
	/* 150 bytes of partials, ten times each: 10^5 x's without a budget */
	folio_templates *set = folio_templates_new();
	folio_templates_set_budget(set, 1000, 32);
	assert_folio_ok(add(set, "p1", "{{>p2}}{{>p2}}{{>p2}}{{>p2}}{{>p2}}{{>p2}}{{>p2}}{{>p2}}{{>p2}}{{>p2}}", NULL));
	assert_folio_ok(add(set, "p2", "{{>p3}}{{>p3}}{{>p3}}{{>p3}}{{>p3}}{{>p3}}{{>p3}}{{>p3}}{{>p3}}{{>p3}}", NULL));
	assert_folio_ok(add(set, "p3", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", NULL));
	folio_buf out = FOLIO_BUF_INIT;
	folio_rule rule = FOLIO_RULE_CONFIG_SYNTAX;
	assert_int_equal(folio_templates_render_checked(&out, set, "p1", NULL, &rule), FOLIO_ERROR);
	assert_int_equal(rule, FOLIO_RULE_BUDGET_TEMPLATE_OUTPUT);
	assert_non_null(strstr(folio_error_last(), "template-output limit of 1000 bytes"));
	assert_true(out.size <= 1000 + 100);
	folio_buf_dispose(&out);
	folio_templates_free(set);
}

static const char base_src[] =
	"<!doctype html>\n"
	"<title>{{$title}}{{site.title}}{{/title}}</title>\n"
	"<body>\n"
	"  {{>nav}}\n"
	"  <main>\n"
	"    {{$main}}\n"
	"    <p>nothing here</p>\n"
	"    {{/main}}\n"
	"  </main>\n"
	"</body>\n";

static const char page_src[] =
	"{{<base}}\n"
	"{{$title}}{{page.title}} – {{site.title}}{{/title}}\n"
	"{{$main}}\n"
	"<h1>{{page.title}}</h1>\n"
	"{{#page.tags}}\n"
	"<span>{{.}}</span>\n"
	"{{/page.tags}}\n"
	"{{^page.tags}}\n"
	"<p>untagged</p>\n"
	"{{/page.tags}}\n"
	"{{/main}}\n"
	"{{/base}}\n";

static const char page_data[] =
	"{\"site\": {\"title\": \"Books & Co\"},"
	" \"page\": {\"title\": \"Dune <1965>\", \"tags\": [\"sf\", \"classic\"]},"
	" \"menu\": [{\"href\": \"/\", \"label\": \"Home\"}, {\"href\": \"/books/\", \"label\": \"Books\"}]}";

static const char page_expected[] =
	"<!doctype html>\n"
	"<title>Dune &lt;1965&gt; – Books &amp; Co</title>\n"
	"<body>\n"
	"  <nav>\n"
	"    <a href=\"/\">Home</a>\n"
	"    <a href=\"/books/\">Books</a>\n"
	"  </nav>\n"
	"  <main>\n"
	"    <h1>Dune &lt;1965&gt;</h1>\n"
	"    <span>sf</span>\n"
	"    <span>classic</span>\n"
	"  </main>\n"
	"</body>\n";

static folio_templates *page_set(void)
{
	folio_templates *set = folio_templates_new();
	assert_folio_ok(add(set, "base", base_src, NULL));
	assert_folio_ok(add(set, "nav", "<nav>\n{{#menu}}\n  <a href=\"{{href}}\">{{label}}</a>\n{{/menu}}\n</nav>\n", NULL));
	return set;
}

static void template_renders_a_page_through_its_base_layout(void **state)
{
	(void)state;
	folio_templates *set = page_set();
	char *s = render(set, page_src, page_data);
	assert_string_equal(s, page_expected);
	free(s);
	/* Without overrides the base's defaults show, still indented. */
	s = render(set, "{{<base}}{{/base}}", "{\"site\": {\"title\": \"T\"}}");
	assert_string_equal(s,
		"<!doctype html>\n<title>T</title>\n<body>\n  <nav>\n  </nav>\n"
		"  <main>\n    <p>nothing here</p>\n  </main>\n</body>\n");
	free(s);
	folio_templates_free(set);
}

struct job {
	const folio_templates *set;
	json_t *ctx;
	int bad;
};

static void *render_many(void *arg)
{
	struct job *j = arg;
	for (int i = 0; i < 300; i++) {
		folio_buf out = FOLIO_BUF_INIT;
		if (folio_templates_render(&out, j->set, "page", j->ctx) < 0 ||
		    strcmp(out.ptr, page_expected))
			j->bad++;
		folio_buf_dispose(&out);
	}
	return NULL;
}

static void template_renders_from_several_threads_at_once(void **state)
{
	(void)state;
	folio_templates *set = page_set();
	assert_folio_ok(add(set, "page", page_src, NULL));
	json_t *ctx = json_loads(page_data, 0, NULL);
	assert_non_null(ctx);
	pthread_t th[4];
	struct job jobs[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){ set, ctx, 0 };
		assert_int_equal(pthread_create(&th[i], NULL, render_many, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(jobs[i].bad, 0);
	}
	json_decref(ctx);
	folio_templates_free(set);
}

/* Each variable as "name@line:col<section" for template_lists_each_variable_with_its_section. */
static void list_variable(const folio_template_variable *v, void *payload)
{
	folio_buf *b = payload;
	for (size_t i = 0; i < v->nseg; i++)
		folio_buf_printf(b, "%s%s", i ? "." : "", v->seg[i]);
	folio_buf_printf(b, "@%u:%u", v->line, v->column);
	if (v->section)
		folio_buf_printf(b, "<%s", v->section->seg[0]);
	folio_buf_putc(b, ' ');
}

static void template_lists_each_variable_with_its_section(void **state)
{
	(void)state;
	folio_templates *set = folio_templates_new();
	folio_diags d;
	folio_diags_init(&d);
	add(set, "t", "<h1>{{page.title}}</h1>\n{{#items}}{{{url}}}{{.}}{{/items}}\n"
	              "{{^x}}{{&y}}{{/x}}{{>p}}{{! no }}", &d);
	add(set, "p", "{{#a}}{{#b}}{{c}}{{/b}}{{/a}}", &d);
	assert_int_equal(d.count, 0);
	folio_buf b = FOLIO_BUF_INIT;
	folio_templates_foreach_variable(set, list_variable, &b);
	assert_string_equal(b.ptr, "page.title@1:5 items@2:1 url@2:11<items x@3:1 y@3:7 "
	                           "a@1:1 b@1:7<a c@1:13<b ");
	folio_buf_dispose(&b);
	folio_diags_dispose(&d);
	folio_templates_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(template_reports_unclosed_section_at_its_tag),
		cmocka_unit_test(template_reports_unmatched_closing_tag),
		cmocka_unit_test(template_reports_unclosed_tag),
		cmocka_unit_test(template_reports_bad_names_and_delimiters),
		cmocka_unit_test(template_syntax_error_drops_the_earlier_version),
		cmocka_unit_test(template_escapes_html_except_in_raw_tags),
		cmocka_unit_test(template_prints_numbers_in_shortest_form),
		cmocka_unit_test(template_treats_empty_values_as_false),
		cmocka_unit_test(template_lists_dependencies_transitively_once),
		cmocka_unit_test(template_check_reports_missing_partials_and_parents),
		cmocka_unit_test(template_stops_a_partial_that_includes_itself),
		cmocka_unit_test(template_check_finds_a_partial_that_includes_itself),
		cmocka_unit_test(template_check_finds_two_partials_that_include_each_other),
		cmocka_unit_test(template_check_allows_recursion_the_data_ends),
		cmocka_unit_test(template_check_finds_partials_nested_past_the_budget),
		cmocka_unit_test(template_render_stops_at_the_output_budget),
		cmocka_unit_test(template_stops_an_exponential_render),
		cmocka_unit_test(template_renders_a_page_through_its_base_layout),
		cmocka_unit_test(template_renders_from_several_threads_at_once),
		cmocka_unit_test(template_lists_each_variable_with_its_section),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
