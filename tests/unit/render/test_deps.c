/* render/deps: dependency records written and read back. Every line
 * render_deps.c writes reads back as the record it was made from and
 * formats to the same bytes (the state's stored lines, whose hash is each
 * output's input hash, must not change); lines that are no record say so. */
#include <string.h>

#include "folio/buf.h"
#include "helpers.h"
#include "render/deps.h"

/* Parse line, format the record: the same bytes, and the kind/key/value given. */
static void round_trip(const char *line, folio_dep_kind kind, const char *key, const char *value)
{
	folio_dep d;
	assert_int_equal(folio_dep_parse(&d, line, strlen(line)), 0);
	assert_int_equal(d.kind, kind);
	assert_true(folio_dep_is(&d, kind, key, value));
	folio_buf b = FOLIO_BUF_INIT;
	folio_dep_format(&b, &d);
	assert_int_equal(b.size, strlen(line) + 1);
	assert_memory_equal(b.ptr, line, strlen(line));
	assert_int_equal(b.ptr[b.size - 1], '\n');
	folio_buf_dispose(&b);
}

static void deps_lines_read_back_as_written(void **state)
{
	(void)state;
	round_trip("folio=0.9.0", FOLIO_DEP_INPUT, "folio", "0.9.0");
	round_trip("unit=3", FOLIO_DEP_INPUT, "unit", "3");
	round_trip("content/books/a.md=0123456789abcdef0123456789abcdef01234567", FOLIO_DEP_INPUT,
	           "content/books/a.md", "0123456789abcdef0123456789abcdef01234567");
	round_trip("folio.yaml=absent", FOLIO_DEP_INPUT, "folio.yaml", "absent");
	round_trip("templates/book.mustache=abc", FOLIO_DEP_INPUT, "templates/book.mustache", "abc");
	round_trip("builtin:home=00ff00ff00ff00ff", FOLIO_DEP_INPUT, "builtin:home", "00ff00ff00ff00ff");
	round_trip("pagination=2/7", FOLIO_DEP_INPUT, "pagination", "2/7");
	round_trip("site.year=2026-01-01T00:00:00Z", FOLIO_DEP_INPUT, "site.year", NULL);
	round_trip("site.commit=", FOLIO_DEP_INPUT, "site.commit", ""); /* an empty value is one */
	round_trip("lang0=content/a.md /a/", FOLIO_DEP_INPUT, "lang0", "content/a.md /a/");
	round_trip("term=tags/sci-fi:3:Sci=Fi", FOLIO_DEP_INPUT, "term", "tags/sci-fi:3:Sci=Fi");
	round_trip("content/a.md=url:/a/ date=2024-05-01", FOLIO_DEP_INPUT, "content/a.md",
	           "url:/a/ date=2024-05-01");
	round_trip("content/a.md#meta=5ig", FOLIO_DEP_META, "content/a.md", "5ig");
	round_trip("file:content/b/pic.png", FOLIO_DEP_PLACED, "content/b/pic.png", "");
	round_trip("missing:authors/nobody", FOLIO_DEP_MISSING, "authors/nobody", "");
	round_trip("missing:book", FOLIO_DEP_MISSING, "book", "");
}

static void deps_records_format_as_parsed(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_dep_put(&b, FOLIO_DEP_INPUT, "content/a.md", "id1");
	folio_dep_put(&b, FOLIO_DEP_META, "content/a.md", "sig");
	folio_dep_put(&b, FOLIO_DEP_PLACED, "content/b.md", NULL);
	folio_dep_put(&b, FOLIO_DEP_MISSING, "authors/x", NULL);
	folio_dep_putf(&b, FOLIO_DEP_INPUT, "pagination", "%zu/%zu", (size_t)1, (size_t)4);
	assert_string_equal(b.ptr, "content/a.md=id1\ncontent/a.md#meta=sig\nfile:content/b.md\n"
	                           "missing:authors/x\npagination=1/4\n");
	/* and each line back, in order, through the line reader */
	const char *cursor = b.ptr, *line;
	size_t len, n = 0;
	folio_dep_kind kinds[] = { FOLIO_DEP_INPUT, FOLIO_DEP_META, FOLIO_DEP_PLACED, FOLIO_DEP_MISSING,
	                           FOLIO_DEP_INPUT };
	folio_dep d;
	while (folio_deps_next(&cursor, &line, &len)) {
		assert_true(n < 5);
		assert_int_equal(folio_dep_parse(&d, line, len), 0);
		assert_int_equal(d.kind, kinds[n++]);
	}
	assert_int_equal(n, 5);
	assert_true(folio_dep_is(&d, FOLIO_DEP_INPUT, "pagination", "1/4"));
	assert_false(folio_dep_is(&d, FOLIO_DEP_INPUT, "pagination", "1/40"));
	assert_false(folio_dep_is(&d, FOLIO_DEP_INPUT, "paginatio", NULL));
	assert_false(folio_dep_is(&d, FOLIO_DEP_META, "pagination", NULL));
	folio_buf_dispose(&b);
}

static void deps_malformed_lines_are_no_record(void **state)
{
	(void)state;
	const char *bad[] = { "", "no equals sign", "=value", "file:", "missing:", "#meta" };
	folio_dep d;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(folio_dep_parse(&d, bad[i], strlen(bad[i])), -1);
	/* "#meta=x" has an empty key once its suffix goes: an INPUT keyed "#meta" */
	assert_int_equal(folio_dep_parse(&d, "#meta=x", 7), 0);
	assert_true(folio_dep_is(&d, FOLIO_DEP_INPUT, "#meta", "x"));
	/* bounded by its length: a line is not read past len, NUL or not */
	assert_int_equal(folio_dep_parse(&d, "abc=def", 3), -1);
	assert_int_equal(folio_dep_parse(&d, "a=b\0c", 5), 0);
	assert_int_equal(d.value_len, 3);
	/* the line reader: a last line without its newline, an empty line, no text */
	const char *cursor = "a=1\n\nb=2", *line;
	size_t len;
	assert_true(folio_deps_next(&cursor, &line, &len));
	assert_int_equal(len, 3);
	assert_true(folio_deps_next(&cursor, &line, &len));
	assert_int_equal(len, 0);
	assert_true(folio_deps_next(&cursor, &line, &len));
	assert_int_equal(len, 3);
	assert_false(folio_deps_next(&cursor, &line, &len));
	cursor = NULL;
	assert_false(folio_deps_next(&cursor, &line, &len));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deps_lines_read_back_as_written),
		cmocka_unit_test(deps_records_format_as_parsed),
		cmocka_unit_test(deps_malformed_lines_are_no_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
