/* folio/params.h: params: looked up by binary search, as pages ask them. */
#include <stdio.h>
#include <string.h>

#include "folio/params.h"
#include "helpers.h"

static void params_found_exactly_or_case_aside(void **state)
{
	(void)state;
	char *pairs[] = { "version", "v9", "Repo", "R", "zeta", "z", "repo", "r", "Alpha", "a", NULL };
	folio_params_sort(pairs, 5);
	folio_params p = { (const char *const *)pairs, 5 };
	assert_string_equal(folio_params_get(&p, "version", 7, false), "v9");
	assert_string_equal(folio_params_get(&p, "repo", 4, false), "r");
	assert_string_equal(folio_params_get(&p, "Repo", 4, false), "R");
	assert_null(folio_params_get(&p, "REPO", 4, false));
	assert_non_null(folio_params_get(&p, "REPO", 4, true)); /* either spelling's */
	assert_string_equal(folio_params_get(&p, "ALPHA", 5, true), "a");
	assert_string_equal(folio_params_get(&p, "zetas", 4, false), "z"); /* the first len bytes */
	assert_null(folio_params_get(&p, "zet", 3, false));
	assert_null(folio_params_get(&p, "versions", 8, false));
	assert_null(folio_params_get(NULL, "version", 7, true));
}

/* Every one of many spellings of one name is found by its own search. */
static void params_of_many_spellings_each_found(void **state)
{
	(void)state;
	enum { N = 1024 };
	static char names[N][11], values[N][8];
	static char *pairs[2 * N + 1];
	for (int i = 0; i < N; i++) {
		for (int b = 0; b < 10; b++)
			names[i][b] = (char)((i >> b & 1) ? 'A' : 'a');
		snprintf(values[i], sizeof(values[i]), "%d", i);
		pairs[2 * i] = names[N - 1 - i]; /* out of order */
		pairs[2 * i + 1] = values[N - 1 - i];
	}
	folio_params_sort(pairs, N);
	folio_params p = { (const char *const *)pairs, N };
	for (int i = 0; i < N; i++)
		assert_string_equal(folio_params_get(&p, names[i], 10, false), values[i]);
	assert_null(folio_params_get(&p, "aaaaaaaaab", 10, false));
	assert_non_null(folio_params_get(&p, "AAAAAAAAAA", 10, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(params_found_exactly_or_case_aside),
		cmocka_unit_test(params_of_many_spellings_each_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
