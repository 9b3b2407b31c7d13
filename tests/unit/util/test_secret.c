/* util/secret: the one reader of files that hold secrets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "util/secret.h"

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = test_tempdir("secret");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_rm_rf(dir);
	free(dir);
	return 0;
}

/* dir/name holding text with mode; its path (caller frees). */
static char *secret_file(const char *name, const char *text, mode_t mode)
{
	test_write_file(dir, name, text);
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	snprintf(path, strlen(dir) + strlen(name) + 2, "%s/%s", dir, name);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

static void secret_refuses_a_file_others_can_read_without_quoting_it(void **state)
{
	(void)state;
	char *path = secret_file("s", "whsec_c2VjcmV0\n", 0640);
	folio_buf b = FOLIO_BUF_INIT;
	assert_int_equal(folio_secret_read_private(&b, path, "secrets file"), FOLIO_EINVALID);
	assert_non_null(strstr(folio_error_last(), "may be read by group or others (mode 0640)"));
	assert_non_null(strstr(folio_error_last(), "chmod 600"));
	assert_null(strstr(folio_error_last(), "whsec_"));
	assert_int_equal(b.size, 0);
	assert_int_equal(chmod(path, 0600), 0);
	assert_folio_ok(folio_secret_read_private(&b, path, "secrets file"));
	assert_string_equal(b.ptr, "whsec_c2VjcmV0\n");
	folio_secret_dispose(&b);
	free(path);
}

static void secret_reads_only_regular_files(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	unsigned mode;
	assert_int_equal(chmod(dir, 0700), 0); /* a directory opens for reading, and is refused */
	assert_int_equal(folio_secret_read(&b, &mode, dir, "config"), FOLIO_ERROR);
	assert_non_null(strstr(folio_error_last(), "is not a regular file"));
	assert_int_equal(folio_secret_read(&b, &mode, "/nonexistent/x", "config"), FOLIO_ENOTFOUND);
	assert_non_null(strstr(folio_error_last(), "cannot read config '/nonexistent/x': No such file"));
	folio_secret_dispose(&b);
}

static void secret_reads_a_file_larger_than_a_buffer(void **state)
{
	(void)state;
	size_t n = 200000;
	char *text = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		text[i] = (char)('a' + i % 26);
	text[n] = '\0';
	char *path = secret_file("big", text, 0600);
	folio_buf b = FOLIO_BUF_INIT;
	unsigned mode = 0;
	assert_folio_ok(folio_secret_read(&b, &mode, path, "config"));
	assert_int_equal(mode, 0600);
	assert_int_equal(b.size, n);
	assert_memory_equal(b.ptr, text, n);
	folio_secret_dispose(&b);
	free(text);
	free(path);
}

static void secret_trim_cuts_blanks_at_both_ends(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, " \t s3cret value \t\r\n");
	folio_secret_trim(&b);
	assert_string_equal(b.ptr, "s3cret value");
	assert_int_equal(b.size, 12);
	folio_buf_clear(&b);
	folio_buf_puts(&b, " \r\n");
	folio_secret_trim(&b);
	assert_int_equal(b.size, 0);
	folio_secret_dispose(&b);
	folio_buf empty = FOLIO_BUF_INIT;
	folio_secret_trim(&empty);
	folio_secret_dispose(&empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(secret_refuses_a_file_others_can_read_without_quoting_it, setup, teardown),
		cmocka_unit_test_setup_teardown(secret_reads_only_regular_files, setup, teardown),
		cmocka_unit_test_setup_teardown(secret_reads_a_file_larger_than_a_buffer, setup, teardown),
		cmocka_unit_test(secret_trim_cuts_blanks_at_both_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
