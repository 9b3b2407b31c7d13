#include "search.h"

#include <stdlib.h>
#include <string.h>

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

void folio_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	const char *b = base;
	size_t i = 1;
	while (i < n && cmp(b + (i - 1) * size, b + i * size) <= 0)
		i++;
	if (i < n)
		qsort(base, n, size, cmp);
}
