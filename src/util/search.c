#include "search.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "banned.h"

size_t folio_lower_bound(const void *base, size_t n, size_t size, const void *key, folio_search_cmp cmp)
{
	const char *b = base;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp(b + mid * size, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const void *folio_search(const void *base, size_t n, size_t size, const void *key, folio_search_cmp cmp)
{
	size_t i = folio_lower_bound(base, n, size, key, cmp);
	if (i >= n)
		return NULL; /* before any arithmetic: base may be NULL when n is 0 */
	const char *elem = (const char *)base + i * size;
	return cmp(elem, key) == 0 ? elem : NULL;
}

int folio_search_cmp_str(const void *elem, const void *key)
{
	return strcmp(*(const char *const *)elem, key);
}

int folio_sort_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int folio_search_cmp_text(const void *elem, const void *key)
{
	const char *s = *(const char *const *)elem;
	const folio_text *k = key;
	int c = strncmp(s, k->s, k->len);
	return c ? c : s[k->len] != '\0'; /* longer than the key: after it */
}

/* A comparison with or without its caller's context. */
typedef struct {
	int (*plain)(const void *, const void *);
	int (*with)(const void *, const void *, void *);
	void *ctx;
} sort_cmp;

static int compare(const sort_cmp *c, const void *a, const void *b)
{
	return c->plain ? c->plain(a, b) : c->with(a, b, c->ctx);
}

/* First of the n elements at base after key (equal ones stay before it:
 * stable), and first not before it. */
static size_t after(const sort_cmp *c, const char *base, size_t n, size_t size, const void *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (compare(c, base + mid * size, key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t not_before(const sort_cmp *c, const char *base, size_t n, size_t size, const void *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (compare(c, base + mid * size, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Merge the sorted runs [a, a + na) and [a + na, a + na + nb) in place,
 * stably. What is already in place is found by binary search and left
 * alone (a page added to an ordered list moves one element, not the list);
 * the rest of the first run goes through tmp. */
static void merge(const sort_cmp *c, char *a, size_t na, size_t nb, size_t size, char *tmp)
{
	char *b = a + na * size;
	size_t skip = after(c, a, na, size, b); /* a[0..skip) stay */
	a += skip * size;
	na -= skip;
	if (!na)
		return;
	nb = not_before(c, b, nb, size, b - size); /* b's tail from here stays */
	memcpy(tmp, a, na * size);
	char *x = tmp, *xe = tmp + na * size, *y = b, *ye = b + nb * size, *out = a;
	while (x < xe && y < ye) {
		if (compare(c, y, x) < 0) {
			memcpy(out, y, size);
			y += size;
		} else {
			memcpy(out, x, size);
			x += size;
		}
		out += size;
	}
	memcpy(out, x, (size_t)(xe - x)); /* y's rest is in place already */
}

/* How far back an element out of order may go and stay in its run. */
#define STEP_BACK 8

/* The element after the run of n at base is before the run's last: if it
 * goes among the last STEP_BACK, put it there, after those equal to it
 * (stable), and say so; else the run ends. A list in order but for
 * neighbours swapped (a slug "a-b" from a-b.md before "a" from a.md in
 * path order: 453 runs of the 10,001 pages by key at 10k) then stays one
 * run, at a few comparisons and a short move a swap; an array out of
 * order costs one comparison more a run. */
static bool step_back(const sort_cmp *c, char *base, size_t n, size_t size, char *one)
{
	char *x = base + n * size;
	size_t back = n < STEP_BACK ? n : STEP_BACK, j = n - 1;
	if (back < 2 || compare(c, base + (n - back) * size, x) > 0)
		return false;
	while (compare(c, base + (j - 1) * size, x) > 0) /* stops at n - back at the latest */
		j--;
	memcpy(one, x, size);
	memmove(base + (j + 1) * size, base + j * size, (n - j) * size);
	memcpy(base + j * size, one, size);
	return true;
}

/* A stable natural merge sort: runs already in order are found (one pass,
 * n - 1 comparisons) and merged pairwise. An array in order costs that pass;
 * one in order but for a few elements (the state's pages and one added),
 * about n log(runs). An array of many short runs goes to qsort(), glibc's
 * merge sort, stable too, and faster there than this. */
static void sort_runs(void *base, size_t n, size_t size, const sort_cmp *c)
{
	char *b = base;
	size_t nruns = 0, cap = 16;
	size_t *run = folio_xmalloc(cap * sizeof(*run)); /* each run's start; run[nruns] = n */
	char *one = folio_xmalloc(size);
	for (size_t i = 0; i < n;) {
		if (nruns + 2 > cap) {
			if (nruns > n / 16) { /* mostly out of order */
				free(one);
				free(run);
				if (c->plain)
					qsort(base, n, size, c->plain);
				else
					qsort_r(base, n, size, c->with, c->ctx);
				return;
			}
			cap *= 2;
			run = folio_xrealloc(run, cap * sizeof(*run));
		}
		size_t start = i;
		run[nruns++] = i++;
		for (; i < n; i++) {
			if (compare(c, b + (i - 1) * size, b + i * size) <= 0)
				continue;
			if (!step_back(c, b + start * size, i - start, size, one))
				break;
		}
	}
	free(one);
	run[nruns] = n;
	if (nruns > 1) {
		char *tmp = folio_xmalloc(n * size);
		while (nruns > 1) {
			size_t k = 0;
			for (size_t r = 0; r < nruns; r += 2) {
				if (r + 1 < nruns)
					merge(c, b + run[r] * size, run[r + 1] - run[r], run[r + 2] - run[r + 1], size, tmp);
				run[k++] = run[r];
			}
			run[k] = n;
			nruns = k;
		}
		free(tmp);
	}
	free(run);
}

void folio_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	sort_cmp c = {cmp, NULL, NULL};
	sort_runs(base, n, size, &c);
}

void folio_sort_r(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *), void *ctx)
{
	sort_cmp c = {NULL, cmp, ctx};
	sort_runs(base, n, size, &c);
}
