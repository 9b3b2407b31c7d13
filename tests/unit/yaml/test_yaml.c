#include "helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

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

/* Parse text (first line 1) expecting success; returns the root. */
static json_t *parse_ok(fixture *f, const char *text)
{
	assert_folio_ok(folio_yaml_parse(&f->doc, text, strlen(text), "x.yaml", 1,
	                                 FOLIO_RULE_CONFIG_SYNTAX, &f->diags));
	if (!f->doc) {
		test_print_diags(&f->diags);
		fail_msg("parse failed");
	}
	assert_int_equal(f->diags.count, 0);
	return folio_yaml_root(f->doc);
}

/* Parse text (of length len) expecting exactly one finding; returns it. */
static const folio_diag *parse_fails_n(fixture *f, const char *text, size_t len)
{
	assert_folio_ok(folio_yaml_parse(&f->doc, text, len, "x.md", 2,
	                                 FOLIO_RULE_FRONT_MATTER_SYNTAX, &f->diags));
	assert_null(f->doc);
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.items[0].rule, FOLIO_RULE_FRONT_MATTER_SYNTAX);
	assert_string_equal(f->diags.items[0].path, "x.md");
	return &f->diags.items[0];
}

static const folio_diag *parse_fails(fixture *f, const char *text)
{
	return parse_fails_n(f, text, strlen(text));
}

static void assert_position(fixture *f, const char *pointer, unsigned line, unsigned col)
{
	unsigned l, c;
	assert_int_equal(folio_yaml_position(f->doc, pointer, &l, &c), 0);
	if (l != line || c != col)
		fail_msg("%s at %u:%u, expected %u:%u", pointer, l, c, line, col);
}

static void assert_key_position(fixture *f, const char *pointer, unsigned line, unsigned col)
{
	unsigned l, c;
	assert_int_equal(folio_yaml_key_position(f->doc, pointer, &l, &c), 0);
	if (l != line || c != col)
		fail_msg("key of %s at %u:%u, expected %u:%u", pointer, l, c, line, col);
}

static const char NESTED[] =
	"title: Hello\n"
	"publications:\n"
	"  - name: a\n"
	"    url: https://a.example\n"
	"  - name: b\n"
	"    url: \"https://b.example\"\n";

static void yaml_gives_positions_of_nested_values(void **state)
{
	fixture *f = *state;
	json_t *root = parse_ok(f, NESTED);
	json_t *url = json_object_get(json_array_get(json_object_get(root, "publications"), 1), "url");
	assert_string_equal(json_string_value(url), "https://b.example");
	assert_position(f, "", 1, 1);
	assert_position(f, "/title", 1, 8);
	assert_position(f, "/publications/0/url", 4, 10);
	assert_position(f, "/publications/1/url", 6, 10);
	assert_key_position(f, "/publications/1/url", 6, 5);
	assert_key_position(f, "/publications", 2, 1);
}

static void yaml_positions_count_from_first_line(void **state)
{
	fixture *f = *state;
	assert_folio_ok(folio_yaml_parse(&f->doc, NESTED, strlen(NESTED), "x.md", 2,
	                                 FOLIO_RULE_FRONT_MATTER_SYNTAX, &f->diags));
	assert_non_null(f->doc);
	assert_position(f, "/publications/0/url", 5, 10);
}

static void yaml_missing_pointer_gives_deepest_ancestor(void **state)
{
	fixture *f = *state;
	parse_ok(f, NESTED);
	assert_position(f, "/publications/1/isbn", 5, 5);
	assert_position(f, "/publications/7/url", 3, 3);
	assert_position(f, "/publications/01", 3, 3);
	assert_position(f, "/nothing/at/all", 1, 1);
	assert_position(f, "no-slash", 1, 1);
}

static void yaml_pointer_escapes_slash_and_tilde(void **state)
{
	fixture *f = *state;
	json_t *root = parse_ok(f, "a: 1\n\"b/c\": 2\n\"d~e\": 3\n\"~1\": 4\n");
	assert_int_equal(json_integer_value(json_object_get(root, "b/c")), 2);
	assert_position(f, "/b~1c", 2, 8);
	assert_position(f, "/d~0e", 3, 8);
	assert_position(f, "/~01", 4, 7);
}

static void yaml_resolves_plain_scalars_by_core_schema(void **state)
{
	fixture *f = *state;
	json_t *r = parse_ok(f,
		"n1: null\nn2: Null\nn3: NULL\nn4: ~\nn5:\n"
		"b1: true\nb2: False\nb3: TRUE\nb4: yes\n"
		"i1: 42\ni2: -7\ni3: +3\ni4: 0o17\ni5: 0x1F\ni6: 007\n"
		"f1: 1.5\nf2: 1e3\nf3: -.5\nf4: .inf\nf5: .nan\nf6: 1e400\n"
		"s1: \"true\"\ns2: '42'\ns3: 2019-04-26\ns4: |\n  block\n"
		"big: 99999999999999999999\nneg: -0x1\n");
	for (int i = 1; i <= 5; i++) {
		char k[4] = { 'n', (char)('0' + i), 0, 0 };
		assert_true(json_is_null(json_object_get(r, k)));
	}
	assert_true(json_is_true(json_object_get(r, "b1")));
	assert_true(json_is_false(json_object_get(r, "b2")));
	assert_true(json_is_true(json_object_get(r, "b3")));
	assert_string_equal(json_string_value(json_object_get(r, "b4")), "yes");
	assert_int_equal(json_integer_value(json_object_get(r, "i1")), 42);
	assert_int_equal(json_integer_value(json_object_get(r, "i2")), -7);
	assert_int_equal(json_integer_value(json_object_get(r, "i3")), 3);
	assert_int_equal(json_integer_value(json_object_get(r, "i4")), 15);
	assert_int_equal(json_integer_value(json_object_get(r, "i5")), 31);
	assert_int_equal(json_integer_value(json_object_get(r, "i6")), 7);
	assert_true(json_is_real(json_object_get(r, "f1")));
	assert_true(json_real_value(json_object_get(r, "f1")) == 1.5);
	assert_true(json_real_value(json_object_get(r, "f2")) == 1000.0);
	assert_true(json_real_value(json_object_get(r, "f3")) == -0.5);
	assert_string_equal(json_string_value(json_object_get(r, "f4")), ".inf");
	assert_string_equal(json_string_value(json_object_get(r, "f5")), ".nan");
	assert_string_equal(json_string_value(json_object_get(r, "f6")), "1e400");
	assert_string_equal(json_string_value(json_object_get(r, "s1")), "true");
	assert_string_equal(json_string_value(json_object_get(r, "s2")), "42");
	assert_string_equal(json_string_value(json_object_get(r, "s3")), "2019-04-26");
	assert_string_equal(json_string_value(json_object_get(r, "s4")), "block\n");
	assert_string_equal(json_string_value(json_object_get(r, "big")), "99999999999999999999");
	assert_string_equal(json_string_value(json_object_get(r, "neg")), "-0x1");
}

static void yaml_reads_floats_whatever_the_locale(void **state)
{
	fixture *f = *state;
	/* any installed locale whose decimal point is not "." */
	const char *names[] = { "fr_FR.UTF-8", "de_DE.UTF-8", "fr_FR.utf8", "de_DE.utf8", NULL };
	const char *set = NULL;
	for (int i = 0; names[i] && !set; i++)
		set = setlocale(LC_NUMERIC, names[i]);
	json_t *r = parse_ok(f, "a: 1.5\n");
	setlocale(LC_NUMERIC, "C");
	assert_true(json_real_value(json_object_get(r, "a")) == 1.5);
}

static void yaml_honours_explicit_tags(void **state)
{
	fixture *f = *state;
	json_t *r = parse_ok(f, "a: !!str 123\nb: !!int \"12\"\nc: !!float 2\nd: ! true\ne: !!null ''\n");
	assert_string_equal(json_string_value(json_object_get(r, "a")), "123");
	assert_int_equal(json_integer_value(json_object_get(r, "b")), 12);
	assert_true(json_is_real(json_object_get(r, "c")));
	assert_string_equal(json_string_value(json_object_get(r, "d")), "true");
	assert_true(json_is_null(json_object_get(r, "e")));
}

static void yaml_refuses_a_value_that_contradicts_its_tag(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "a: 1\nb: !!int abc\n");
	assert_string_equal(d->message, "\"abc\" is not a valid !!int");
	assert_int_equal(d->line, 3);
	assert_int_equal(d->column, 4);
}

static void yaml_reads_python_string_tags_as_strings(void **state)
{
	fixture *f = *state;
	json_t *r = parse_ok(f, "a: !!python/str \"O\\u2019Hara\"\nb: !!python/unicode 12\n");
	assert_string_equal(json_string_value(json_object_get(r, "a")), "O\xe2\x80\x99Hara");
	assert_string_equal(json_string_value(json_object_get(r, "b")), "12");
	folio_yaml_free(f->doc); /* the fixture holds one document */
	f->doc = NULL;
	const folio_diag *d = parse_fails(f, "a: !!python/object:x y\n");
	assert_string_equal(d->message, "tag \"tag:yaml.org,2002:python/object:x\" is not supported");
}

static void yaml_reads_python_tagged_collections_as_plain(void **state)
{
	fixture *f = *state;
	json_t *r = parse_ok(f, "o:\n  - !!python/object/new:toml.decoder.DynamicInlineTableDict\n"
	                        "    dictitems: {name: x}\ni: !!python/object/apply:builtins.list\n  - [a]\n");
	json_t *o = json_array_get(json_object_get(r, "o"), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(o, "dictitems"), "name")), "x");
	json_t *i = json_array_get(json_object_get(r, "i"), 0);
	assert_string_equal(json_string_value(json_array_get(i, 0)), "a");
}

static void yaml_refuses_unknown_tags(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "a: !thing x\n");
	assert_string_equal(d->message, "tag \"!thing\" is not supported");
}

static void yaml_reports_syntax_error_with_libyaml_text(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "title: a\nfoo\nbar: c\n");
	assert_string_equal(d->message, "could not find expected ':' while scanning a simple key");
	assert_int_equal(d->line, 4);
	assert_int_equal(d->column, 1);
}

static void yaml_reports_unclosed_flow_sequence(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "a: [1, 2\n");
	assert_string_equal(d->message, "did not find expected ',' or ']' while parsing a flow"
	                                " sequence, opened here and never closed");
	assert_int_equal(d->line, 2); /* where "[" opened, not the end of the input */
	assert_int_equal(d->column, 4);
}

static void yaml_refuses_duplicate_key_at_second_key(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "title: a\nyear: 1\n  # note\ntitle: b\n");
	assert_string_equal(d->message, "duplicate key \"title\"");
	assert_int_equal(d->line, 5);
	assert_int_equal(d->column, 1);
}

static void yaml_refuses_duplicate_key_in_nested_mapping(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "a:\n  b: 1\n  c: 2\n  b: 3\n");
	assert_string_equal(d->message, "duplicate key \"b\"");
	assert_int_equal(d->line, 5);
	assert_int_equal(d->column, 3);
}

/* A generator's configuration: the last of two values is read, as Hugo
 * and Jekyll read it; an anchor on the value set aside still expands (it
 * is kept alive: ASan would see it freed). */
static void yaml_last_wins_reads_a_repeated_key_as_its_last_value(void **state)
{
	fixture *f = *state;
	const char *text = "markup: &m {goldmark: {unsafe: false}}\ntitle: a\nmarkup:\n  goldmark: {unsafe: true}\n"
	                   "old: *m\ntitle: b\n";
	assert_folio_ok(folio_yaml_parse_last_wins(&f->doc, text, strlen(text), "hugo.yaml", FOLIO_RULE_CONFIG_SYNTAX,
	                                           &f->diags));
	assert_non_null(f->doc);
	assert_int_equal(f->diags.count, 0);
	json_t *root = folio_yaml_root(f->doc);
	assert_string_equal(json_string_value(json_object_get(root, "title")), "b");
	assert_true(json_is_true(json_object_get(json_object_get(json_object_get(root, "markup"), "goldmark"), "unsafe")));
	assert_true(json_is_false(json_object_get(json_object_get(json_object_get(root, "old"), "goldmark"), "unsafe")));
	assert_position(f, "/title", 6, 8);
}

/* text parsed as a page's front matter (from line 2 of x.md), with its
 * rules: duplicate-key and key findings in f->diags. */
static void parse_front_matter(fixture *f, const char *text)
{
	assert_folio_ok(folio_yaml_parse_front_matter(&f->doc, text, strlen(text), "x.md", 2,
	                                              FOLIO_RULE_FRONT_MATTER_SYNTAX, SIZE_MAX,
	                                              FOLIO_RULE_FRONT_MATTER_DUPLICATE_KEY,
	                                              FOLIO_RULE_FRONT_MATTER_KEY, &f->diags));
}

/* A page's front matter: the last value, and the second key named as a
 * finding of the rule given (carpentries.org repeats date:). */
static void yaml_front_matter_names_a_repeated_key(void **state)
{
	fixture *f = *state;
	const char *text = "date: 2015-01-31\ntitle: A\ndate: 2015-02-01\n";
	parse_front_matter(f, text);
	assert_non_null(f->doc);
	assert_int_equal(f->diags.count, 1);
	const folio_diag *d = &f->diags.items[0];
	assert_int_equal(d->rule, FOLIO_RULE_FRONT_MATTER_DUPLICATE_KEY);
	assert_string_equal(d->message, "key \"date\" is given twice: the last value is read");
	assert_int_equal(d->line, 4);
	assert_int_equal(d->column, 1);
	assert_string_equal(json_string_value(json_object_get(folio_yaml_root(f->doc), "date")), "2015-02-01");
	assert_position(f, "/date", 4, 7);
}

/* A key that is a sequence ("[//]: # (a note)", a Markdown comment in
 * the front matter, which Ruby's YAML reads) is left out with its value,
 * a finding of the rule given; what is around it is read. Elsewhere it
 * is an error. */
static void yaml_front_matter_leaves_out_a_collection_key(void **state)
{
	fixture *f = *state;
	const char *text = "title: A\n[//]: # (photo: x.jpg)\n? [a, [b]]\n: {c: [1, 2]}\nafter: B\n? {k: v}\n: 3\n";
	parse_front_matter(f, text);
	json_t *root = folio_yaml_root(f->doc);
	assert_int_equal(json_object_size(root), 2);
	assert_string_equal(json_string_value(json_object_get(root, "title")), "A");
	assert_string_equal(json_string_value(json_object_get(root, "after")), "B");
	assert_int_equal(f->diags.count, 3);
	assert_int_equal(f->diags.items[0].rule, FOLIO_RULE_FRONT_MATTER_KEY);
	assert_int_equal(f->diags.items[0].line, 3);
	assert_int_equal(f->diags.items[0].column, 1);
	assert_string_equal(f->diags.items[0].message, "a key that is a sequence is no field: left out, with its value");
	assert_int_equal(f->diags.items[2].line, 7);
	assert_position(f, "/after", 6, 8);
	folio_yaml_free(f->doc);
	f->doc = NULL;
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	const folio_diag *d = parse_fails(f, "[//]: # (a note)\ntitle: A\n");
	assert_string_equal(d->message, "mapping keys must be scalars, not sequences");
}

static void yaml_messages_stay_on_one_short_line(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "\"a\\nb\": 1\n\"a\\nb\": 2\n");
	assert_string_equal(d->message, "duplicate key \"a\\nb\"");
	folio_diags_dispose(&f->diags);
	folio_buf b = FOLIO_BUF_INIT;
	for (int i = 0; i < 2; i++) {
		for (int j = 0; j < 500; j++)
			folio_buf_puts(&b, "\xC3\xA9");
		folio_buf_puts(&b, ": 1\n");
	}
	d = parse_fails(f, b.ptr);
	assert_int_equal(strlen(d->message), strlen("duplicate key \"") + 2 * 185 + 3);
	assert_string_equal(d->message + strlen(d->message) - 5, "\xC3\xA9...");
	folio_buf_dispose(&b);
}

static void yaml_refuses_non_scalar_key(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "a: 1\n? [x, y]\n: 2\n");
	assert_string_equal(d->message, "mapping keys must be scalars, not sequences");
	assert_int_equal(d->line, 3);
	assert_int_equal(d->column, 3);
}

static void yaml_refuses_second_document(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "a: 1\n---\nb: 2\n");
	assert_string_equal(d->message, "more than one document");
	assert_int_equal(d->line, 3);
}

static void yaml_refuses_merge_keys(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "base: &b {x: 1}\nother:\n  <<: *b\n");
	assert_string_equal(d->message, "merge keys (\"<<\") are not supported");
	assert_int_equal(d->line, 4);
	assert_int_equal(d->column, 3);
}

static void yaml_expands_aliases(void **state)
{
	fixture *f = *state;
	json_t *r = parse_ok(f, "base: &b\n  x: 1\n  y: [a, b]\nother: *b\nname: &n Ann\nwho: *n\n");
	json_t *other = json_object_get(r, "other");
	assert_int_equal(json_integer_value(json_object_get(other, "x")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(other, "y"), 1)), "b");
	assert_string_equal(json_string_value(json_object_get(r, "who")), "Ann");
	/* everything under an alias is placed at the alias */
	assert_position(f, "/other", 4, 8);
	assert_position(f, "/other/y/1", 4, 8);
	assert_position(f, "/base/y/1", 3, 10);
	/* what the aliases stand for, as the front-matter limit counts it:
	 * "x" "1" "y" "a" "b" under *b, "Ann" under *n (site-text charges it) */
	assert_int_equal(folio_yaml_alias_bytes(f->doc), 8);
}

static void yaml_refuses_unknown_alias(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "a: *nope\n");
	assert_string_equal(d->message, "unknown alias \"*nope\"");
	assert_int_equal(d->line, 2);
	assert_int_equal(d->column, 4);
}

static void yaml_refuses_alias_inside_its_own_anchor(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "a: &x [1, *x]\n");
	assert_string_equal(d->message, "unknown alias \"*x\"");
}

static void yaml_refuses_alias_bomb(void **state)
{
	fixture *f = *state;
	const char *bomb =
		"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
		"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
		"i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	const folio_diag *d = parse_fails(f, bomb);
	assert_string_equal(d->message, "too many nodes (alias expansion?)");
	assert_int_equal(d->line, 7);
}

static void yaml_refuses_too_many_plain_nodes(void **state)
{
	fixture *f = *state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "list:\n");
	for (int i = 0; i < FOLIO_YAML_MAX_NODES; i++)
		folio_buf_puts(&b, "- x\n");
	const folio_diag *d = parse_fails_n(f, b.ptr, b.size);
	assert_string_equal(d->message, "too many nodes (more than 100000)");
	/* mapping, key and sequence come first: item 99998 (data line 99999) is one too many */
	assert_int_equal(d->line, 99999 + 1);
	folio_buf_dispose(&b);
}

static void yaml_refuses_alias_text_bomb(void **state)
{
	fixture *f = *state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "a: &a \"");
	for (int i = 0; i < 1 << 20; i++)
		folio_buf_putc(&b, 'x');
	folio_buf_puts(&b, "\"\nb: [");
	for (int i = 0; i < 40; i++)
		folio_buf_puts(&b, "*a, ");
	folio_buf_puts(&b, "*a]\n");
	const folio_diag *d = parse_fails_n(f, b.ptr, b.size);
	assert_string_equal(d->message, "aliases expand to too much text");
	folio_buf_dispose(&b);
}

/* The issue's page: 1.8 KB of YAML that aliases turn into 15 MB of text. */
static void build_issue_bomb(folio_buf *b)
{
	folio_buf_puts(b, "title: x\na: &a \"");
	for (int i = 0; i < 1000; i++)
		folio_buf_putc(b, 'X');
	folio_buf_puts(b, "\"\nb: &b [*a");
	for (int i = 1; i < 100; i++)
		folio_buf_puts(b, ",*a");
	folio_buf_puts(b, "]\nc: [*b");
	for (int i = 1; i < 150; i++)
		folio_buf_puts(b, ",*b");
	folio_buf_puts(b, "]\n");
}

static void yaml_counts_aliases_as_expanded_against_the_budget(void **state)
{
	fixture *f = *state;
	folio_buf b = FOLIO_BUF_INIT;
	build_issue_bomb(&b);
	assert_true(b.size < 2000);
	/* the safety net alone lets it through: 15 MB < input + 16 MiB */
	assert_folio_ok(folio_yaml_parse(&f->doc, b.ptr, b.size, "x.md", 2,
	                                 FOLIO_RULE_FRONT_MATTER_SYNTAX, &f->diags));
	assert_non_null(f->doc);
	folio_yaml_free(f->doc);
	f->doc = NULL;
	/* the budget counts each *b as the 100 KB it stands for */
	assert_folio_ok(folio_yaml_parse_limited(&f->doc, b.ptr, b.size, "x.md", 2,
	                                         FOLIO_RULE_FRONT_MATTER_SYNTAX, 1 << 20, &f->diags));
	assert_null(f->doc);
	assert_int_equal(f->diags.count, 1);
	const folio_diag *d = &f->diags.items[0];
	assert_int_equal(d->rule, FOLIO_RULE_BUDGET_FRONT_MATTER);
	assert_string_equal(d->path, "x.md");
	assert_int_equal(d->line, 5); /* "c:", the fourth line of data starting at line 2 */
	assert_non_null(strstr(d->message, "front matter expands to at least 1"));
	assert_non_null(strstr(d->message, "more than the front-matter limit of 1048576"));
	assert_non_null(d->hint);
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	/* a budget it fits in accepts it */
	assert_folio_ok(folio_yaml_parse_limited(&f->doc, b.ptr, b.size, "x.md", 2,
	                                         FOLIO_RULE_FRONT_MATTER_SYNTAX, 32 << 20, &f->diags));
	assert_non_null(f->doc);
	assert_int_equal(f->diags.count, 0);
	folio_buf_dispose(&b);
}

static void yaml_budget_counts_text_without_aliases_too(void **state)
{
	fixture *f = *state;
	const char *text = "a: 0123456789\nb: 0123456789\n";
	assert_folio_ok(folio_yaml_parse_limited(&f->doc, text, strlen(text), "x.md", 1,
	                                         FOLIO_RULE_FRONT_MATTER_SYNTAX, 20, &f->diags));
	assert_null(f->doc);
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.items[0].rule, FOLIO_RULE_BUDGET_FRONT_MATTER);
	assert_int_equal(f->diags.items[0].line, 2);
	folio_diags_dispose(&f->diags);
	folio_diags_init(&f->diags);
	/* 0 is the smallest budget, not "none" */
	assert_folio_ok(folio_yaml_parse_limited(&f->doc, text, strlen(text), "x.md", 1,
	                                         FOLIO_RULE_FRONT_MATTER_SYNTAX, 0, &f->diags));
	assert_null(f->doc);
	assert_int_equal(f->diags.items[0].rule, FOLIO_RULE_BUDGET_FRONT_MATTER);
	assert_int_equal(f->diags.items[0].line, 1);
}

static void yaml_refuses_deep_nesting(void **state)
{
	fixture *f = *state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "a: ");
	for (int i = 0; i < 10000; i++)
		folio_buf_putc(&b, '[');
	const folio_diag *d = parse_fails_n(f, b.ptr, b.size);
	assert_string_equal(d->message, "nesting deeper than 64 levels");
	assert_int_equal(d->line, 2);
	assert_int_equal(d->column, 4 + FOLIO_YAML_MAX_DEPTH - 1);
	folio_buf_dispose(&b);
}

static void yaml_accepts_nesting_at_the_limit(void **state)
{
	fixture *f = *state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "a: ");
	for (int i = 0; i < FOLIO_YAML_MAX_DEPTH - 1; i++)
		folio_buf_putc(&b, '[');
	for (int i = 0; i < FOLIO_YAML_MAX_DEPTH - 1; i++)
		folio_buf_putc(&b, ']');
	parse_ok(f, b.ptr);
	folio_buf_dispose(&b);
}

static void yaml_refuses_deep_nesting_through_aliases(void **state)
{
	fixture *f = *state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "a: &x ");
	for (int i = 0; i < 40; i++)
		folio_buf_putc(&b, '[');
	for (int i = 0; i < 40; i++)
		folio_buf_putc(&b, ']');
	folio_buf_puts(&b, "\nb: ");
	for (int i = 0; i < 30; i++)
		folio_buf_putc(&b, '[');
	folio_buf_puts(&b, "*x");
	for (int i = 0; i < 30; i++)
		folio_buf_putc(&b, ']');
	folio_buf_putc(&b, '\n');
	const folio_diag *d = parse_fails(f, b.ptr);
	assert_string_equal(d->message, "nesting deeper than 64 levels");
	assert_int_equal(d->line, 3);
	folio_buf_dispose(&b);
}

static void yaml_refuses_invalid_utf8(void **state)
{
	fixture *f = *state;
	const folio_diag *d = parse_fails(f, "a: 1\nb: caf\xff\n");
	assert_non_null(strstr(d->message, "utf-8") ? d->message : strstr(d->message, "UTF-8"));
	assert_int_equal(d->line, 3);
	assert_int_equal(d->column, 7);
}

static void yaml_empty_text_gives_empty_object(void **state)
{
	fixture *f = *state;
	json_t *r = parse_ok(f, "");
	assert_true(json_is_object(r));
	assert_int_equal(json_object_size(r), 0);
	assert_position(f, "", 1, 1);
	folio_yaml_free(f->doc);
	f->doc = NULL;
	r = parse_ok(f, "# only a comment\n");
	assert_true(json_is_object(r));
	assert_int_equal(json_object_size(r), 0);
}

static void yaml_keeps_non_mapping_root(void **state)
{
	fixture *f = *state;
	json_t *r = parse_ok(f, "- a\n- b\n");
	assert_true(json_is_array(r));
	assert_position(f, "/1", 2, 3);
}

static void yaml_handles_crlf_and_bom(void **state)
{
	fixture *f = *state;
	json_t *r = parse_ok(f, "\xEF\xBB\xBFtitle: a\r\nlist:\r\n  - x\r\n  - y\r\n");
	assert_string_equal(json_string_value(json_object_get(r, "title")), "a");
	assert_position(f, "/title", 1, 8);
	assert_position(f, "/list/1", 4, 5);
}

/* "\0" and "\u0000" in a quoted scalar: refused where written, as every
 * reader of the value would stop there ("/x\u0000/../../y" read as "/x") */
static void yaml_refuses_nul_in_quoted_strings(void **state)
{
	fixture *f = *state;
	const char *texts[] = { "a: \"x\\0y\"\n", "a: \"x\\u0000y\"\n", "a: [b, \"\\0\"]\n" };
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		const folio_diag *d = parse_fails(f, texts[i]);
		assert_string_equal(d->message, "a value holds a NUL character");
		folio_diags_dispose(&f->diags); /* one finding each */
		folio_diags_init(&f->diags);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(yaml_gives_positions_of_nested_values),
		T(yaml_counts_aliases_as_expanded_against_the_budget),
		T(yaml_budget_counts_text_without_aliases_too),
		T(yaml_positions_count_from_first_line),
		T(yaml_missing_pointer_gives_deepest_ancestor),
		T(yaml_pointer_escapes_slash_and_tilde),
		T(yaml_resolves_plain_scalars_by_core_schema),
		T(yaml_reads_floats_whatever_the_locale),
		T(yaml_honours_explicit_tags),
		T(yaml_refuses_a_value_that_contradicts_its_tag),
		T(yaml_reads_python_string_tags_as_strings),
		T(yaml_reads_python_tagged_collections_as_plain),
		T(yaml_refuses_unknown_tags),
		T(yaml_reports_syntax_error_with_libyaml_text),
		T(yaml_reports_unclosed_flow_sequence),
		T(yaml_refuses_duplicate_key_at_second_key),
		T(yaml_refuses_duplicate_key_in_nested_mapping),
		T(yaml_last_wins_reads_a_repeated_key_as_its_last_value),
		T(yaml_front_matter_names_a_repeated_key),
		T(yaml_front_matter_leaves_out_a_collection_key),
		T(yaml_messages_stay_on_one_short_line),
		T(yaml_refuses_non_scalar_key),
		T(yaml_refuses_second_document),
		T(yaml_refuses_merge_keys),
		T(yaml_expands_aliases),
		T(yaml_refuses_unknown_alias),
		T(yaml_refuses_alias_inside_its_own_anchor),
		T(yaml_refuses_alias_bomb),
		T(yaml_refuses_too_many_plain_nodes),
		T(yaml_refuses_alias_text_bomb),
		T(yaml_refuses_deep_nesting),
		T(yaml_accepts_nesting_at_the_limit),
		T(yaml_refuses_deep_nesting_through_aliases),
		T(yaml_refuses_invalid_utf8),
		T(yaml_empty_text_gives_empty_object),
		T(yaml_keeps_non_mapping_root),
		T(yaml_handles_crlf_and_bom),
		T(yaml_refuses_nul_in_quoted_strings),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
