/*
 * Shared by every unit test: cmocka, temporary directories, git commands,
 * and an assertion that prints folio's error message when a call fails.
 */
#ifndef FOLIO_TEST_HELPERS_H
#define FOLIO_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "folio/folio.h"

/* Fail the test with folio_error_last() unless expr returns >= 0. */
#define assert_folio_ok(expr)                                                   \
	do {                                                                    \
		int folio__rc = (expr);                                         \
		if (folio__rc < 0)                                              \
			fail_msg("%s failed (%d): %s", #expr, folio__rc, folio_error_last()); \
	} while (0)

/* A fresh empty directory under $TMPDIR; the caller frees the string and
 * removes the directory with test_rm_rf(). */
char *test_tempdir(const char *tag);
void test_rm_rf(const char *path);
/* Write a file (creating parents) under dir. */
void test_write_file(const char *dir, const char *relpath, const char *content);
/* Run a shell command (printf-style) and fail the test if it exits non-zero. */
/* fmt formatted with ap into a new string (free it). */
char *test_vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void test_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Run a shell command and return its stdout (caller frees); fails on non-zero exit. */
char *test_sh_output(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Read a whole file into a NUL-terminated string (caller frees), or NULL. */
char *test_read_file(const char *path, size_t *len);
/* True if diags holds a finding with rule at line (0: any line). */
bool test_has_diag(const folio_diags *diags, folio_rule rule, unsigned line);
/* Print diags to stderr (for failing tests). */
void test_print_diags(const folio_diags *diags);

#endif
