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

/* A name looked up: its first len bytes, case aside when caseless. */
typedef struct {
	const char *name;
	size_t len;
	bool caseless;
} param_key;

static int cmp_key(const void *elem, const void *key)
{
	const pair *a = elem;
	const param_key *k = key;
	size_t n = strlen(a->name);
	return k->caseless ? cmp_caseless(a->name, n, k->name, k->len) : cmp_name(a->name, n, k->name, k->len);
}

const char *folio_params_get(const folio_params *p, const char *name, size_t len, bool caseless)
{
	if (!p || !p->pairs)
		return NULL;
	/* the first name not before name (case aside, when caseless) */
	param_key k = { name, len, caseless };
	const pair *pairs = (const pair *)p->pairs;
	size_t i = folio_lower_bound(pairs, p->n, sizeof(*pairs), &k, cmp_key);
	return i < p->n && !cmp_key(&pairs[i], &k) ? pairs[i].value : NULL;
}
