/*
 * folio.yaml's params: as pages ask them ({{ site.x }}, {{< param x >}},
 * an include's name): its names sorted once, without regard to case, so
 * that each look is a binary search. A pushed folio.yaml of 40,000 params
 * and a page of 20,000 {{ site.x }} were 800 million comparisons, one by
 * one (docs/security.md, seventeenth round).
 */
#ifndef FOLIO_PARAMS_H
#define FOLIO_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	const char *const *pairs; /* name then value, n pairs, sorted by folio_params_sort() */
	size_t n;
} folio_params;

/* Sort n pairs (name, value) at pairs by name: case aside, then as
 * written. */
void folio_params_sort(char **pairs, size_t n);
/* The value of the name of len bytes at name: exactly, or (caseless) of
 * one equal to it but for ASCII case (the first as written); NULL when
 * none (or p NULL). */
const char *folio_params_get(const folio_params *p, const char *name, size_t len, bool caseless);

#endif
