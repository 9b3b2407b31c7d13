/* Tree paths: every class of refused name, the accepted ones, and the
 * quoting of names for text output. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "folio/path.h"

static const char *check(const char *path)
{
	return folio_path_check(path, strlen(path));
}

static void path_accepts_plain_names(void **state)
{
	(void)state;
	assert_null(check("books/le-livre.md"));
	assert_null(check("static/img/logo.svg"));
	assert_null(check("static/.well-known/security.txt")); /* a dot file is fine */
	assert_null(check(".gitignore"));
	assert_null(check("static/.github"));
	assert_null(check("static/git~2"));
	assert_null(check("static/café/menu.pdf")); /* UTF-8 */
	assert_null(check("static/a b.txt"));
	assert_null(check("static/..."));
	char name[FOLIO_PATH_MAX_NAME + 1];
	memset(name, 'x', FOLIO_PATH_MAX_NAME);
	name[FOLIO_PATH_MAX_NAME] = '\0';
	assert_null(folio_path_check_name(name, FOLIO_PATH_MAX_NAME));
}

static void path_refuses_empty_dot_and_dot_dot(void **state)
{
	(void)state;
	assert_non_null(check(""));
	assert_non_null(check("static//x"));
	assert_non_null(check("/etc/passwd"));
	assert_non_null(check("static/"));
	assert_non_null(check("./x"));
	assert_non_null(check("static/./x"));
	assert_string_equal(check("static/../../../X"), "name '..' leaves its folder");
	assert_non_null(check(".."));
}

static void path_refuses_dot_git_in_any_case_and_its_look_alikes(void **state)
{
	(void)state;
	static const char *const bad[] = {
		".git", "static/.git/config", "static/.GIT/x", "static/.Git", ".git.", ".git ",
		".git. . .", ".git::$INDEX_ALLOCATION", "static/GIT~1/config", "git~1",
		".g\xe2\x80\x8cit",           /* U+200C, ignored by HFS+ */
		"\xef\xbb\xbf.git",           /* U+FEFF */
		".gi\xe2\x80\xaet",           /* U+202E */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		const char *why = check(bad[i]);
		if (!why)
			fail_msg("'%s' was accepted", bad[i]);
		assert_non_null(strstr(why, ".git"));
	}
}

/* The marker of folio's outputs: a page or file there would replace it,
 * and its deletion leave an output folio refuses to write (a scout's). */
static void path_refuses_the_output_marker(void **state)
{
	(void)state;
	static const char *const bad[] = { ".folio-output", "static/.folio-output", ".FOLIO-OUTPUT/index.html",
	                                   ".folio-output/x", ".folio-output::$DATA" /* NTFS: the file */,
	                                   ".Folio-Output. .", ".folio-output:s. " };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		const char *why = check(bad[i]);
		if (!why)
			fail_msg("'%s' was accepted", bad[i]);
		assert_non_null(strstr(why, ".folio-output"));
	}
	assert_null(check("static/folio-output"));
	assert_null(check("static/.folio-outputs"));
	/* a stream cut off for the fold, never for the writer's temporary names */
	assert_non_null(strstr(check("static/a:b.tmp-folio-aside"), ".tmp-folio-"));
	assert_null(check("static/a:b"));
	assert_non_null(strstr(check("X.TMP-Folio-4242. "), ".tmp-folio-"));
	assert_null(check("static/.folio-output-x"));
	assert_null(check("static/x.tmp-folio"));
	assert_null(check("static/:.folio-output"));
}

static void path_refuses_separators_and_control_characters(void **state)
{
	(void)state;
	assert_non_null(strstr(check("static/a\\b"), "backslash"));
	assert_non_null(strstr(folio_path_check_name("a/b", 3), "slash"));
	assert_non_null(strstr(check("static/a\nb"), "control"));
	assert_non_null(strstr(check("static/a\rb"), "control"));
	assert_non_null(strstr(check("static/a\x01"), "control"));
	assert_non_null(strstr(check("static/\x1f"), "control"));
	assert_non_null(strstr(check("static/a\x7f"), "control"));
	/* NUL inside a name given with its length */
	assert_non_null(strstr(folio_path_check("a\0b", 3), "control"));
}

static void path_refuses_bytes_that_are_not_utf8(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"caf\xe9.md",         /* Latin-1 */
		"\xc0\xae\xc0\xae",   /* overlong "..": the classic traversal */
		"\xed\xa0\x80",       /* a surrogate */
		"\xf4\x90\x80\x80",   /* above U+10FFFF */
		"\xe2\x82",           /* cut short */
		"\x80",               /* a lone continuation byte */
		"\xff",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		const char *why = check(bad[i]);
		if (!why)
			fail_msg("byte string %zu was accepted", i);
		assert_non_null(strstr(why, "UTF-8"));
	}
}

static void path_refuses_long_names_and_long_paths(void **state)
{
	(void)state;
	char name[FOLIO_PATH_MAX_NAME + 2];
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_non_null(strstr(check(name), "234"));
	/* names of 100 bytes, enough of them for more than FOLIO_PATH_MAX */
	folio_buf p = FOLIO_BUF_INIT;
	while (p.size <= FOLIO_PATH_MAX) {
		for (int i = 0; i < 100; i++)
			folio_buf_putc(&p, 'a');
		folio_buf_putc(&p, '/');
	}
	folio_buf_puts(&p, "x");
	assert_non_null(strstr(check(p.ptr), "1024"));
	folio_buf_dispose(&p);
}

static char *quoted(const char *s, size_t len)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_put_quoted(&b, s, len);
	return folio_buf_detach(&b, NULL);
}

static void quote_leaves_plain_and_utf8_names_alone(void **state)
{
	(void)state;
	char *q = quoted("books/x.md", 10);
	assert_string_equal(q, "books/x.md");
	free(q);
	q = quoted("static/café a.txt", strlen("static/café a.txt"));
	assert_string_equal(q, "static/café a.txt");
	free(q);
}

static void quote_escapes_as_git_does(void **state)
{
	(void)state;
	static const struct { const char *in; size_t len; const char *out; } cases[] = {
		{ "a\nb", 3, "\"a\\nb\"" },
		{ "a\tb\r", 4, "\"a\\tb\\r\"" },
		{ "say \"hi\"", 8, "\"say \\\"hi\\\"\"" },
		{ "a\\b", 3, "\"a\\\\b\"" },
		{ "a\x01z\x7f", 4, "\"a\\001z\\177\"" },
		{ "caf\xe9", 4, "\"caf\\351\"" },
		{ "\xc3\xa9\xff", 3, "\"\xc3\xa9\\377\"" }, /* UTF-8 kept, the stray byte escaped */
		{ "a\0b", 3, "\"a\\000b\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *q = quoted(cases[i].in, cases[i].len);
		assert_string_equal(q, cases[i].out);
		assert_null(strchr(q, '\n'));
		free(q);
	}
}

static void findings_quote_their_path_in_text(void **state)
{
	(void)state;
	folio_diags d;
	folio_diags_init(&d);
	folio_diags_add(&d, FOLIO_RULE_TREE_PATH, "static/a\nb.md:1: error: forged [x/y]", 0, 0,
	                NULL, "tree entry refused: %s", "name holds a control character");
	folio_buf b = FOLIO_BUF_INIT;
	folio_diag_format_text(&b, &d.items[0]);
	assert_string_equal(b.ptr, "\"static/a\\nb.md:1: error: forged [x/y]\": error: tree entry "
	                           "refused: name holds a control character [tree/path]\n");
	folio_buf_dispose(&b);
	folio_diags_dispose(&d);
}

/* A folder as people write it, as a plain path */
static void plain_folder_takes_off_dot_slash_and_trailing_slashes(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "docs", "docs" }, { "docs/", "docs" }, { "./docs", "docs" }, { "././/docs//", "docs" },
		{ "website/src/", "website/src" }, { ".", "" }, { "./", "" }, { "", "" }, { "../x", "../x" },
		{ ".docs", ".docs" }, { "/docs", "/docs" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = folio_path_plain_folder(cases[i][0]);
		if (strcmp(got, cases[i][1]))
			fail_msg("\"%s\": \"%s\", not \"%s\"", cases[i][0], got, cases[i][1]);
		free(got);
	}
	char *none = folio_path_plain_folder(NULL);
	assert_string_equal(none, "");
	free(none);
}

/* The fold a file system that ignores case and Unicode form compares
 * names by: outputs of one fold are one file there (output/clash). */
static void fold_is_what_a_folding_file_system_compares(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{ "About/Index.HTML", "about/index.html" },
		{ "caf\xc3\xa9/x", "caf\xc3\xa9/x" },       /* NFC */
		{ "cafe\xcc\x81/x", "caf\xc3\xa9/x" },      /* NFD composed */
		{ "CAF\xc3\x89/x", "caf\xc3\xa9/x" },       /* É */
		{ "\xef\xac\x81le", "file" },              /* the ligature fi */
		{ ".htacce\xc5\xbf\xc5\xbf", ".htaccess" }, /* the long s */
		{ ".user.\xc4\xb1n\xc4\xb1", ".user.ini" }, /* the dotless i */
		{ "a\xe2\x80\x8c" "b", "ab" },             /* U+200C, HFS+ ignores it */
		{ "about./x. .", "about/x" },               /* Windows drops them */
		{ "a.b/.c", "a.b/.c" },
		{ "About::$DATA/x.css:s:$DATA", "about/x.css" }, /* NTFS streams */
		{ "a.:s/b :$DATA", "a/b" },
		{ " ./a/... /b/ .", "a/b" }, /* names of dots and spaces alone */
		{ "\xc3\x89t\xc3\xa9:x/y", "\xc3\xa9t\xc3\xa9/y" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = folio_path_fold(cases[i][0], strlen(cases[i][0]));
		if (!got || strcmp(got, cases[i][1]))
			fail_msg("\"%s\": \"%s\", not \"%s\"", cases[i][0], got ? got : "(null)", cases[i][1]);
		free(got);
	}
	assert_null(folio_path_fold("\xc0\xae", 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path_accepts_plain_names),
		cmocka_unit_test(path_refuses_empty_dot_and_dot_dot),
		cmocka_unit_test(path_refuses_dot_git_in_any_case_and_its_look_alikes),
		cmocka_unit_test(path_refuses_the_output_marker),
		cmocka_unit_test(path_refuses_separators_and_control_characters),
		cmocka_unit_test(path_refuses_bytes_that_are_not_utf8),
		cmocka_unit_test(path_refuses_long_names_and_long_paths),
		cmocka_unit_test(quote_leaves_plain_and_utf8_names_alone),
		cmocka_unit_test(quote_escapes_as_git_does),
		cmocka_unit_test(findings_quote_their_path_in_text),
		cmocka_unit_test(plain_folder_takes_off_dot_slash_and_trailing_slashes),
		cmocka_unit_test(fold_is_what_a_folding_file_system_compares),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
