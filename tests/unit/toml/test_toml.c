#include "helpers.h"

#include <ftw.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "folio/toml.h"
#include "util/alloc.h"

/* ---- helpers ---- */

typedef struct {
	folio_diags diags;
	folio_yaml_doc *doc;
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
	folio_yaml_free(f->doc);
	folio_diags_dispose(&f->diags);
	free(f);
	return 0;
}

/* Parse text as front matter starting at file line 2; the root, or NULL. */
static json_t *parse(fixture *f, const char *text)
{
	folio_yaml_free(f->doc);
	f->doc = NULL;
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	assert_int_equal(folio_toml_parse(&f->doc, text, strlen(text), "posts/x.md", 2,
	                                  FOLIO_RULE_FRONT_MATTER_SYNTAX, SIZE_MAX, &f->diags), 0);
	return f->doc ? folio_yaml_root(f->doc) : NULL;
}

static void assert_json(fixture *f, const char *text, const char *want)
{
	json_t *root = parse(f, text);
	if (!root)
		test_print_diags(&f->diags);
	assert_non_null(root);
	assert_int_equal(f->diags.count, 0);
	json_error_t err;
	json_t *w = json_loads(want, JSON_DECODE_ANY, &err);
	if (!w)
		fail_msg("bad expected JSON %s: %s", want, err.text);
	if (!json_equal(root, w)) {
		char *got = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
		fail_msg("for %s\n got  %s\n want %s", text, got, want);
	}
	json_decref(w);
}

/* text is refused with one finding at line:column whose message contains what. */
static void assert_refused(fixture *f, const char *text, unsigned line, unsigned column,
                           const char *what)
{
	json_t *root = parse(f, text);
	if (root || f->diags.count != 1 || f->diags.items[0].line != line ||
	    f->diags.items[0].column != column || !strstr(f->diags.items[0].message, what)) {
		test_print_diags(&f->diags);
		fail_msg("for %s: want one finding at %u:%u containing \"%s\"", text, line, column, what);
	}
	assert_int_equal(f->diags.items[0].rule, FOLIO_RULE_FRONT_MATTER_SYNTAX);
}

static void assert_pos(fixture *f, const char *pointer, unsigned line, unsigned column)
{
	unsigned l, c;
	assert_int_equal(folio_yaml_position(f->doc, pointer, &l, &c), 0);
	if (l != line || c != column)
		fail_msg("%s is at %u:%u, want %u:%u", pointer, l, c, line, column);
}

static void assert_key_pos(fixture *f, const char *pointer, unsigned line, unsigned column)
{
	unsigned l, c;
	assert_int_equal(folio_yaml_key_position(f->doc, pointer, &l, &c), 0);
	if (l != line || c != column)
		fail_msg("key of %s is at %u:%u, want %u:%u", pointer, l, c, line, column);
}

/* ---- the model ---- */

static void toml_scalars(void **state)
{
	fixture *f = *state;
	assert_json(f, "title = \"A talk\"\ndraft = false\nweight = 10\nrating = 4.5\n",
	            "{\"title\":\"A talk\",\"draft\":false,\"weight\":10,\"rating\":4.5}");
	assert_json(f, "", "{}");
	assert_json(f, "# only a comment\n\n", "{}");
	assert_json(f, "a = 0xDEAD_beef\nb = 0o755\nc = 0b1101\nd = -17\ne = +1_000\nf = 0\n",
	            "{\"a\":3735928559,\"b\":493,\"c\":13,\"d\":-17,\"e\":1000,\"f\":0}");
	assert_json(f, "a = 9223372036854775807\nb = -9223372036854775808\n",
	            "{\"a\":9223372036854775807,\"b\":-9223372036854775808}");
	assert_json(f, "a = 1e6\nb = -2E-2\nc = 6.626e-34\nd = 1_000.5\ne = 0.0\nf = 1e0_1\n",
	            "{\"a\":1000000.0,\"b\":-0.02,\"c\":6.626e-34,\"d\":1000.5,\"e\":0.0,\"f\":1e1}");
	/* JSON has no inf or nan: the text, as the YAML path keeps .inf */
	assert_json(f, "a = inf\nb = -inf\nc = nan\nd = 1e999\n",
	            "{\"a\":\"inf\",\"b\":\"-inf\",\"c\":\"nan\",\"d\":\"1e999\"}");
}

static void toml_strings(void **state)
{
	fixture *f = *state;
	assert_json(f, "a = \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\U0001F600\"\n",
	            "{\"a\":\"tab\\there \\\"q\\\" \\\\ \\u00e9 \\ud83d\\ude00\"}");
	assert_json(f, "a = 'C:\\path\\n'\n", "{\"a\":\"C:\\\\path\\\\n\"}");
	assert_json(f, "a = \"\"\"\nline 1\r\nline 2\\\n    joined\"\"\"\n",
	            "{\"a\":\"line 1\\nline 2joined\"}");
	assert_json(f, "a = '''\nraw \\n ''quoted'''''\n", "{\"a\":\"raw \\\\n ''quoted''\"}");
	assert_json(f, "a = \"\"\"two \"\" quotes \"\"\"\"\"\n", "{\"a\":\"two \\\"\\\" quotes \\\"\\\"\"}");
	assert_json(f, "a = \"caf\xC3\xA9 \xE2\x9C\x93\"\n", "{\"a\":\"caf\\u00e9 \\u2713\"}");
}

static void toml_dates_are_iso_strings(void **state)
{
	fixture *f = *state;
	assert_json(f,
	            "a = 1979-05-27T07:32:00Z\nb = 1979-05-27 07:32:00.999-07:00\n"
	            "c = 1979-05-27t07:32:00z\nd = 1979-05-27T07:32:00\ne = 1979-05-27\n"
	            "f = 07:32:00.5\ng = 2024-02-29\n",
	            "{\"a\":\"1979-05-27T07:32:00Z\",\"b\":\"1979-05-27T07:32:00.999-07:00\","
	            "\"c\":\"1979-05-27T07:32:00Z\",\"d\":\"1979-05-27T07:32:00\","
	            "\"e\":\"1979-05-27\",\"f\":\"07:32:00.5\",\"g\":\"2024-02-29\"}");
}

static void toml_tables_and_arrays(void **state)
{
	fixture *f = *state;
	assert_json(f,
	            "title = \"x\"\ntags = [\"a\", 'b',\n  # note\n  \"c\",\n]\n"
	            "mixed = [1, \"two\", [3], {four = 4}]\n"
	            "site.params.color = \"red\"\n\"quoted key\" = 1\n'lit' = 2\n\"\" = 3\n"
	            "[author]\nname = \"Ada\"\nlinks = { home = \"https://a.example\", x.y = 1 }\n"
	            "[author.address]\ncity = \"Paris\"\n"
	            "[[menu]]\nname = \"one\"\n[menu.sub]\nk = 1\n[[menu]]\nname = \"two\"\n",
	            "{\"title\":\"x\",\"tags\":[\"a\",\"b\",\"c\"],"
	            "\"mixed\":[1,\"two\",[3],{\"four\":4}],"
	            "\"site\":{\"params\":{\"color\":\"red\"}},\"quoted key\":1,\"lit\":2,\"\":3,"
	            "\"author\":{\"name\":\"Ada\",\"links\":{\"home\":\"https://a.example\",\"x\":{\"y\":1}},"
	            "\"address\":{\"city\":\"Paris\"}},"
	            "\"menu\":[{\"name\":\"one\",\"sub\":{\"k\":1}},{\"name\":\"two\"}]}");
	/* a parent made implicit by [a.b] may be defined once afterwards */
	assert_json(f, "[a.b]\nx = 1\n[a]\ny = 2\n", "{\"a\":{\"b\":{\"x\":1},\"y\":2}}");
	/* a table made by dotted keys may get sub-tables from a header */
	assert_json(f, "[fruit]\napple.color = \"red\"\n[fruit.apple.texture]\nsmooth = true\n",
	            "{\"fruit\":{\"apple\":{\"color\":\"red\",\"texture\":{\"smooth\":true}}}}");
}

/* ---- positions: file positions, first_line 2, columns in characters ---- */

static void toml_positions(void **state)
{
	fixture *f = *state;
	assert_non_null(parse(f, "title = \"x\"\n  \"caf\xC3\xA9\" = 'y'\ntags = [\"a\",\n  \"b\"]\n"
	                         "[author]\nname = \"Ada\"\n[[menu]]\nk = 1\n[[menu]]\nk = 2\n"
	                         "p.q = { r = 1 }\n"));
	assert_pos(f, "", 2, 1);
	assert_pos(f, "/title", 2, 9);
	assert_key_pos(f, "/title", 2, 1);
	assert_pos(f, "/caf\xC3\xA9", 3, 12); /* "café" is 4 characters, not 5 bytes */
	assert_key_pos(f, "/caf\xC3\xA9", 3, 3);
	assert_pos(f, "/tags", 4, 8);
	assert_pos(f, "/tags/0", 4, 9);
	assert_pos(f, "/tags/1", 5, 3);
	assert_pos(f, "/author", 6, 1);
	assert_key_pos(f, "/author", 6, 2);
	assert_pos(f, "/author/name", 7, 8);
	assert_pos(f, "/author/missing", 6, 1); /* deepest existing ancestor */
	assert_pos(f, "/menu/0", 8, 1);
	assert_pos(f, "/menu/1/k", 11, 5);
	assert_pos(f, "/menu/1/p/q/r", 12, 13);
	assert_key_pos(f, "/menu/1/p", 12, 1);
}

static void toml_implicit_table_moves_to_its_header(void **state)
{
	fixture *f = *state;
	assert_non_null(parse(f, "[a.b]\nx = 1\n\n[a]\ny = 2\n"));
	assert_pos(f, "/a", 5, 1);
	assert_pos(f, "/a/b", 2, 1);
}

/* ---- refusals, each at its line:column ---- */

static void toml_refuses_with_position(void **state)
{
	fixture *f = *state;
	assert_refused(f, "title = \"x\"\ntitle = \"y\"\n", 3, 1, "duplicate key \"title\"");
	assert_refused(f, "a.b = 1\na.b = 2\n", 3, 3, "duplicate key \"a.b\"");
	assert_refused(f, "[a]\nx = 1\n[a]\n", 4, 2, "table \"a\" is defined twice");
	assert_refused(f, "[a]\nb.c = 1\n[a.b]\n", 4, 4, "defined twice");
	assert_refused(f, "a = {x = 1}\n[a]\n", 3, 2, "already defined as a value");
	assert_refused(f, "a = {x = 1}\na.y = 2\n", 3, 1, "inline table");
	assert_refused(f, "[a.b.c]\nz = 1\n[a]\nb.c.t = 2\n", 5, 1, "a table defined by a header");
	assert_refused(f, "a = [1]\n[[a]]\n", 3, 3, "not as an array of tables");
	assert_refused(f, "[[a]]\n[a]\n", 3, 2, "already defined as a value");
	assert_refused(f, "a = 1\na.b = 2\n", 3, 1, "already a value");
	assert_refused(f, "a = 012\n", 2, 5, "leading zeros");
	assert_refused(f, "a = 1__0\n", 2, 5, "invalid value \"1__0\"");
	assert_refused(f, "a = 1_\n", 2, 5, "invalid value");
	assert_refused(f, "a = 0x\n", 2, 5, "invalid value");
	assert_refused(f, "a = +0x10\n", 2, 5, "invalid value");
	assert_refused(f, "a = 1.\n", 2, 5, "invalid value");
	assert_refused(f, "a = .5\n", 2, 5, "invalid value");
	assert_refused(f, "a = 9223372036854775808\n", 2, 5, "does not fit in 64 bits");
	assert_refused(f, "a = 0x8000000000000000\n", 2, 5, "does not fit in 64 bits");
	assert_refused(f, "a = True\n", 2, 5, "invalid value \"True\"");
	assert_refused(f, "a = 2023-02-29\n", 2, 5, "invalid date or time");
	assert_refused(f, "a = 1979-05-27T24:00:00\n", 2, 5, "invalid date or time");
	assert_refused(f, "a = 07:32\n", 2, 5, "invalid date or time");
	assert_refused(f, "a = \"bad \\x41\"\n", 2, 10, "invalid escape \"\\x\"");
	assert_refused(f, "a = \"\\uD800\"\n", 2, 6, "not a Unicode scalar value");
	assert_refused(f, "a = \"\\u12\"\n", 2, 6, "4 hexadecimal digits");
	assert_refused(f, "a = \"open\nb = 1\n", 2, 5, "not closed on its line");
	assert_refused(f, "a = \"\"\"open\n", 2, 5, "not closed");
	assert_refused(f, "a = 'x\n", 2, 5, "not closed on its line");
	assert_refused(f, "a = [1, 2\n", 3, 1, "expected \",\" or \"]\"");
	assert_refused(f, "a = [1 2]\n", 2, 8, "expected \",\" or \"]\"");
	assert_refused(f, "a = {x = 1,}\n", 2, 12, "expected a key");
	assert_refused(f, "a = {x = 1\n}\n", 2, 11, "\"}\" on the same line");
	assert_refused(f, "a = 1 b = 2\n", 2, 7, "expected the end of the line");
	assert_refused(f, "a\n", 2, 2, "expected \"=\"");
	assert_refused(f, "= 1\n", 2, 1, "expected a key");
	assert_refused(f, "a =\n", 2, 4, "expected a value");
	assert_refused(f, "[a\n", 2, 3, "\"]\" to close");
	assert_refused(f, "[[a]\n", 2, 4, "\"]]\" to close");
	assert_refused(f, "a = 1\nb = \"\xC3\x28\"\n", 3, 6, "invalid UTF-8");
	assert_refused(f, "a = 1\nb = \"\xED\xA0\x80\"\n", 3, 6, "invalid UTF-8"); /* a surrogate */
	assert_refused(f, "a = 1 # bell \x07\n", 2, 14, "control character U+0007");
	assert_refused(f, "a = \"x\x7F\"\n", 2, 7, "control character U+007F");
	assert_refused(f, "a = 1\r\nb = 2\rc = 3\n", 3, 6, "control character U+000D");
}

static void toml_depth_and_budget(void **state)
{
	fixture *f = *state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "a = ");
	for (int i = 0; i < FOLIO_TOML_MAX_DEPTH + 1; i++)
		folio_buf_putc(&b, '[');
	assert_null(parse(f, b.ptr));
	assert_int_equal(f->diags.count, 1);
	assert_non_null(strstr(f->diags.items[0].message, "nesting deeper than"));
	folio_buf_clear(&b);
	for (int i = 0; i < FOLIO_TOML_MAX_DEPTH + 1; i++)
		folio_buf_puts(&b, i ? ".k" : "[k");
	folio_buf_puts(&b, "]\n");
	assert_null(parse(f, b.ptr));
	assert_int_equal(f->diags.count, 1);
	folio_buf_dispose(&b);

	/* the front-matter budget counts the text of keys and values */
	const char *text = "title = \"0123456789\"\nsummary = \"0123456789\"\n";
	assert_non_null(parse(f, text));
	folio_yaml_free(f->doc);
	f->doc = NULL;
	assert_int_equal(folio_toml_parse(&f->doc, text, strlen(text), "posts/x.md", 2,
	                                  FOLIO_RULE_FRONT_MATTER_SYNTAX, 20, &f->diags), 0);
	assert_null(f->doc);
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.items[0].rule, FOLIO_RULE_BUDGET_FRONT_MATTER);
	assert_int_equal(f->diags.items[0].line, 3);
}

/* ---- toml-test (testdata/toml-test, MIT) ---- */

static void normal_fraction(folio_buf *out, const char *s)
{
	/* "56.600000Z" and "56.6Z" are one time: drop trailing zeros of a fraction */
	folio_buf_clear(out);
	const char *dot = strchr(s, '.');
	if (!dot) {
		folio_buf_puts(out, s);
		return;
	}
	const char *end = dot + 1;
	while (*end >= '0' && *end <= '9')
		end++;
	const char *last = end;
	while (last > dot + 1 && last[-1] == '0')
		last--;
	folio_buf_put(out, s, (size_t)(last - s));
	if (last == dot + 1)
		out->size--, out->ptr[out->size] = '\0';
	folio_buf_puts(out, end);
}

static bool is_leaf(const json_t *e)
{
	return json_is_object(e) && json_object_size(e) == 2 &&
	       json_is_string(json_object_get(e, "type")) &&
	       json_is_string(json_object_get(e, "value"));
}

/* Whether our value o is what toml-test's tagged e says. */
static bool matches(const json_t *e, const json_t *o)
{
	if (is_leaf(e)) {
		const char *type = json_string_value(json_object_get(e, "type"));
		const char *v = json_string_value(json_object_get(e, "value"));
		if (!strcmp(type, "string"))
			return json_is_string(o) && json_equal(json_object_get(e, "value"), o);
		if (!strcmp(type, "integer"))
			return json_is_integer(o) && json_integer_value(o) == strtoll(v, NULL, 10);
		if (!strcmp(type, "bool"))
			return json_is_boolean(o) && json_is_true(o) == !strcmp(v, "true");
		if (!strcmp(type, "float")) {
			if (strstr(v, "inf") || strstr(v, "nan")) {
				if (!json_is_string(o))
					return false;
				const char *t = json_string_value(o);
				t += *t == '+' || (*t == '-' && strstr(t, "nan"));
				return !strcmp(t, v + (*v == '+'));
			}
			double want = strtod(v, NULL);
			return json_is_real(o) && (json_real_value(o) == want ||
			                           fabs(json_real_value(o) - want) <= 1e-15 * fabs(want));
		}
		if (!json_is_string(o))
			return false;
		folio_buf a = FOLIO_BUF_INIT, b = FOLIO_BUF_INIT;
		normal_fraction(&a, v);
		normal_fraction(&b, json_string_value(o));
		bool same = !strcmp(a.ptr, b.ptr);
		folio_buf_dispose(&a);
		folio_buf_dispose(&b);
		return same;
	}
	if (json_is_object(e) && json_object_size(e) == 2 &&
	    json_is_array(json_object_get(e, "value")) &&
	    !strcmp(json_string_value(json_object_get(e, "type")) ?: "", "array"))
		return matches(json_object_get(e, "value"), o);
	if (json_is_array(e)) {
		if (!json_is_array(o) || json_array_size(o) != json_array_size(e))
			return false;
		for (size_t i = 0; i < json_array_size(e); i++)
			if (!matches(json_array_get(e, i), json_array_get(o, i)))
				return false;
		return true;
	}
	if (!json_is_object(e) || !json_is_object(o) || json_object_size(o) != json_object_size(e))
		return false;
	const char *key;
	size_t key_len;
	json_t *ev;
	json_object_keylen_foreach((json_t *)e, key, key_len, ev) {
		json_t *ov = json_object_getn(o, key, key_len);
		if (!ov || !matches(ev, ov))
			return false;
	}
	return true;
}

static size_t suite_cases, suite_failures;
static bool suite_valid;

static int suite_case(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t n = strlen(path);
	if (type != FTW_F || n < 5 || strcmp(path + n - 5, ".toml"))
		return 0;
	size_t len;
	char *text = test_read_file(path, &len);
	folio_diags diags;
	folio_diags_init(&diags);
	folio_yaml_doc *doc = NULL;
	assert_int_equal(folio_toml_parse(&doc, text, len, path, 1, FOLIO_RULE_FRONT_MATTER_SYNTAX,
	                                  SIZE_MAX, &diags), 0);
	suite_cases++;
	if (suite_valid) {
		folio_buf jpath = FOLIO_BUF_INIT;
		folio_buf_put(&jpath, path, n - 5);
		folio_buf_puts(&jpath, ".json");
		json_error_t err;
		json_t *want = json_load_file(jpath.ptr, 0, &err);
		assert_non_null(want);
		if (!doc || !matches(want, folio_yaml_root(doc))) {
			suite_failures++;
			fprintf(stderr, "valid case not accepted as expected: %s\n", path);
			test_print_diags(&diags);
		}
		json_decref(want);
		folio_buf_dispose(&jpath);
	} else {
		unsigned lines = 1;
		for (size_t i = 0; i < len; i++)
			lines += text[i] == '\n';
		if (doc || diags.count != 1 || diags.items[0].line < 1 || diags.items[0].line > lines ||
		    diags.items[0].column < 1) {
			suite_failures++;
			fprintf(stderr, "invalid case not refused with one positioned finding: %s\n", path);
		}
	}
	folio_yaml_free(doc);
	folio_diags_dispose(&diags);
	free(text);
	return 0;
}

static void toml_test_suite_valid(void **state)
{
	(void)state;
	suite_cases = suite_failures = 0;
	suite_valid = true;
	assert_int_equal(nftw(FOLIO_TESTDATA "/toml-test/valid", suite_case, 16, FTW_PHYS), 0);
	assert_true(suite_cases > 90);
	assert_int_equal(suite_failures, 0);
}

static void toml_test_suite_invalid(void **state)
{
	(void)state;
	suite_cases = suite_failures = 0;
	suite_valid = false;
	assert_int_equal(nftw(FOLIO_TESTDATA "/toml-test/invalid", suite_case, 16, FTW_PHYS), 0);
	assert_true(suite_cases > 100);
	assert_int_equal(suite_failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(toml_scalars, setup, teardown),
		cmocka_unit_test_setup_teardown(toml_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(toml_dates_are_iso_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(toml_tables_and_arrays, setup, teardown),
		cmocka_unit_test_setup_teardown(toml_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(toml_implicit_table_moves_to_its_header, setup, teardown),
		cmocka_unit_test_setup_teardown(toml_refuses_with_position, setup, teardown),
		cmocka_unit_test_setup_teardown(toml_depth_and_budget, setup, teardown),
		cmocka_unit_test(toml_test_suite_valid),
		cmocka_unit_test(toml_test_suite_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
