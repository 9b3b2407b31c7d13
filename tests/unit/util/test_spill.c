/* util/spill: bytes appended from several threads read back as written,
 * in a file no directory lists; a read past what was written fails. */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "util/spill.h"

#define PER_THREAD 200
#define THREADS 4

typedef struct {
	folio_spill *s;
	int t;
	uint64_t at[PER_THREAD];
	size_t len[PER_THREAD];
	bool ok[PER_THREAD];
} writer;

/* Item i of thread t: its own bytes, of a length that varies (0 included). */
static void item(char *buf, size_t *len, int t, int i)
{
	*len = (size_t)((i * 37 + t * 11) % 300);
	for (size_t k = 0; k < *len; k++)
		buf[k] = (char)('a' + (t * 7 + i + (int)k) % 26);
}

static void *write_items(void *arg)
{
	writer *w = arg;
	char buf[300];
	for (int i = 0; i < PER_THREAD; i++) {
		item(buf, &w->len[i], w->t, i);
		w->ok[i] = folio_spill_put(w->s, buf, w->len[i], &w->at[i]);
	}
	return NULL;
}

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void appends_from_threads_read_back(void **state)
{
	(void)state;
	char dir[] = "/tmp/folio-spill-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	folio_spill *s = folio_spill_open(dir, UINT64_MAX);
	assert_non_null(s);
	assert_int_equal(entries(dir), 0); /* unlinked from the start */
	static writer w[THREADS];
	pthread_t th[THREADS];
	for (int t = 0; t < THREADS; t++) {
		w[t].s = s;
		w[t].t = t;
		assert_int_equal(pthread_create(&th[t], NULL, write_items, &w[t]), 0);
	}
	uint64_t total = 0;
	for (int t = 0; t < THREADS; t++) {
		assert_int_equal(pthread_join(th[t], NULL), 0);
		for (int i = 0; i < PER_THREAD; i++)
			total += w[t].len[i];
	}
	assert_int_equal(folio_spill_size(s), total);
	char want[300];
	for (int t = 0; t < THREADS; t++)
		for (int i = 0; i < PER_THREAD; i++) {
			size_t len;
			item(want, &len, t, i);
			assert_true(w[t].ok[i]);
			char *got = folio_spill_get(s, w[t].at[i], w[t].len[i]);
			assert_non_null(got);
			assert_int_equal(strlen(got), len); /* NUL-terminated, no NUL inside */
			assert_memory_equal(got, want, len);
			free(got);
		}
	/* past the end: an error, not bytes that were never written */
	assert_null(folio_spill_get(s, total, 10));
	assert_non_null(strstr(folio_error_last(), "shorter than written"));
	folio_spill_free(s);
	assert_int_equal(entries(dir), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void no_directory_no_spill(void **state)
{
	(void)state;
	char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", "/nonexistent/folio-spill", 1);
	folio_spill *s = folio_spill_open("/nonexistent/folio-out", 100);
	assert_null(s);
	assert_non_null(strstr(folio_error_last(), "/nonexistent/folio-spill"));
	/* TMPDIR unset: /tmp */
	unsetenv("TMPDIR");
	s = folio_spill_open(NULL, 100);
	assert_non_null(s);
	uint64_t at;
	assert_true(folio_spill_put(s, "x", 1, &at));
	assert_int_equal(at, 0);
	folio_spill_free(s);
	folio_spill_free(NULL);
	if (old)
		setenv("TMPDIR", old, 1);
	free(old);
}

/* Nothing past the cap is reserved, from one thread or several. */
static void cap_bounds_the_file(void **state)
{
	(void)state;
	folio_spill *s = folio_spill_open(NULL, 10);
	assert_non_null(s);
	uint64_t at;
	assert_true(folio_spill_put(s, "abcdef", 6, &at));
	assert_false(folio_spill_put(s, "ghijk", 5, &at)); /* 11 > 10 */
	assert_int_equal(folio_spill_size(s), 6);
	assert_true(folio_spill_put(s, "ghij", 4, &at)); /* exactly 10 */
	assert_int_equal(at, 6);
	assert_false(folio_spill_put(s, "x", 1, &at));
	assert_true(folio_spill_put(s, "", 0, &at)); /* nothing always fits */
	char *got = folio_spill_get(s, 0, 10);
	assert_string_equal(got, "abcdefghij");
	free(got);
	folio_spill_free(s);

	/* four threads of 200 items against a cap of 1000 bytes */
	s = folio_spill_open(NULL, 1000);
	static writer w[THREADS];
	pthread_t th[THREADS];
	for (int t = 0; t < THREADS; t++) {
		w[t].s = s;
		w[t].t = t;
		assert_int_equal(pthread_create(&th[t], NULL, write_items, &w[t]), 0);
	}
	uint64_t kept = 0;
	for (int t = 0; t < THREADS; t++) {
		assert_int_equal(pthread_join(th[t], NULL), 0);
		for (int i = 0; i < PER_THREAD; i++)
			kept += w[t].ok[i] ? w[t].len[i] : 0;
	}
	assert_true(kept <= 1000);
	assert_int_equal(folio_spill_size(s), kept);
	folio_spill_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(appends_from_threads_read_back),
		cmocka_unit_test(no_directory_no_spill),
		cmocka_unit_test(cap_bounds_the_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
