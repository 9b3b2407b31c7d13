/*
 * params: looked up by binary search (folio/params.h).
 */
#include "folio/params.h"

#include <string.h>
#include <strings.h>

#include "util/search.h"
#include "util/banned.h"

typedef struct {
	char *name, *value;
} pair;

/* Names compared as ASCII lower case, then by length: the order the sort
 * and the search share. */
static int cmp_caseless(const char *a, size_t na, const char *b, size_t nb)
{
	int c = strncasecmp(a, b, na < nb ? na : nb);
	return c ? c : (na > nb) - (na < nb);
}

/* Case aside, then as written: names equal but for case are next to one
 * another, and each is found by one search (40,000 spellings of one name
 * would be as many looks for each otherwise). */
static int cmp_name(const char *a, size_t na, const char *b, size_t nb)
{
	int c = cmp_caseless(a, na, b, nb);
	return c ? c : memcmp(a, b, na); /* equal lengths here */
}

static int cmp_pair(const void *x, const void *y)
{
	const pair *a = x, *b = y;
	return cmp_name(a->name, strlen(a->name), b->name, strlen(b->name));
}

void folio_params_sort(char **pairs, size_t n)
{
	folio_sort(pairs, n, sizeof(pair), cmp_pair);
}

const char *folio_params_get(const folio_params *p, const char *name, size_t len, bool caseless)
{
	if (!p || !p->pairs)
		return NULL;
	size_t lo = 0, hi = p->n;
	while (lo < hi) { /* the first name not before name (case aside, when caseless) */
		size_t mid = lo + (hi - lo) / 2;
		const char *m = p->pairs[2 * mid];
		size_t mlen = strlen(m);
		if ((caseless ? cmp_caseless(m, mlen, name, len) : cmp_name(m, mlen, name, len)) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == p->n)
		return NULL;
	const char *m = p->pairs[2 * lo];
	size_t mlen = strlen(m);
	bool found = caseless ? !cmp_caseless(m, mlen, name, len) : !cmp_name(m, mlen, name, len);
	return found ? p->pairs[2 * lo + 1] : NULL;
}
