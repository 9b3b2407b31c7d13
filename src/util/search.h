/*
 * Binary search over a sorted array: the one loop every sorted index of
 * folio (pages by key, URL and path, static files, plans, listings, ISBN
 * ranges, line starts, a catalogue's messages) asks, so that none spells
 * lo/hi/mid again, nor hands libc's bsearch() an empty array's NULL;
 * and the sort that builds them.
 */
#ifndef FOLIO_UTIL_SEARCH_H
#define FOLIO_UTIL_SEARCH_H

#include <stddef.h>

/* cmp(elem, key): < 0 when elem sorts before key, 0 when it matches, > 0 after. */
typedef int (*folio_search_cmp)(const void *elem, const void *key);

/* Index of the first of the n elements (size bytes each) at base for which
 * cmp(elem, key) >= 0; n when there is none. */
size_t folio_lower_bound(const void *base, size_t n, size_t size, const void *key, folio_search_cmp cmp);
/* The element for which cmp(elem, key) == 0 (the first, when several), or NULL. */
const void *folio_search(const void *base, size_t n, size_t size, const void *key, folio_search_cmp cmp);

/* qsort(), stable, and adaptive: an array already in order (pages read in
 * a tree's order, records in the state's) is only checked, n - 1
 * comparisons, and one in order but for a few elements (a page added) costs
 * about n log(runs) instead of glibc's n log n and its scratch copy. Equal
 * elements keep their order, as glibc's merge sort keeps them. */
void folio_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* The same with qsort_r()'s context. */
void folio_sort_r(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *), void *ctx);

/* For arrays of char * (or of structs whose first member is a char *): key is a char *. */
int folio_search_cmp_str(const void *elem, const void *key);
/* qsort()'s and bsearch()'s comparison of two char * of an array, by strcmp. */
int folio_sort_cmp_str(const void *a, const void *b);
/* The same with a folio_text key: the first len bytes of a longer string. */
typedef struct {
	const char *s;
	size_t len;
} folio_text;
int folio_search_cmp_text(const void *elem, const void *key);

#endif
