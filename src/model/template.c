/*
 * Mustache templates, compiled once to an immutable tree and rendered many
 * times over jansson values. This file holds the set; template_parse.c
 * compiles (and holds the arena), template_render.c renders, template_check.c
 * answers what a set names and includes (template_tree.h: the tree).
 *
 * Compiling one template takes three passes over its source: tokenize
 * (tags, text cut after each newline, and a LINE token where each source
 * line begins; set-delimiter tags act here, and nesting is checked here, so
 * the later passes cannot fail), mark standalone lines (their whitespace,
 * newline and LINE token are dropped), then build the tree.
 *
 * Invariants of a compiled template:
 *   - every node, name and child array lives in the template's arena and
 *     never changes once folio_templates_add() has returned;
 *   - TEXT nodes point into the template's own copy of the source;
 *   - a LINE node marks where a source line begins: rendering writes the
 *     current indentation there, which is how a standalone partial, parent
 *     or block indents each line of what it includes (and only the lines of
 *     templates, never newlines inside data);
 *   - partials and parents are found by name at render time, so a set can
 *     be filled in any order and a template replaced.
 * A render keeps all of its state (context stack, block overrides) on the C
 * stack or in its own struct render: threads may render from one set at
 * once. Depth and work are bounded, so a template that includes itself
 * fails instead of hanging or overflowing the stack.
 */
#include "folio/template.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "model/template_tree.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

/* --- the set --------------------------------------------------------------- */

static size_t hash_name(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static size_t slot_of(const folio_templates *set, const char *name)
{
	size_t mask = set->nslots - 1;
	size_t i = hash_name(name) & mask;
	while (set->slots[i] && strcmp(set->items[set->slots[i] - 1]->name, name))
		i = (i + 1) & mask;
	return i;
}

static void rehash(folio_templates *set)
{
	size_t n = 16;
	while (n < set->count * 2 + 2)
		n *= 2;
	free(set->slots);
	set->slots = folio_xcalloc(n, sizeof(*set->slots));
	set->nslots = n;
	for (size_t i = 0; i < set->count; i++)
		set->slots[slot_of(set, set->items[i]->name)] = i + 1;
}

size_t folio_templates__index(const folio_templates *set, const char *name)
{
	size_t i = slot_of(set, name);
	return set->slots[i] ? set->slots[i] - 1 : SIZE_MAX;
}

struct template *folio_templates__find(const folio_templates *set, const char *name)
{
	size_t s = set->slots[slot_of(set, name)];
	return s ? set->items[s - 1] : NULL;
}

folio_templates *folio_templates_new(void)
{
	folio_templates *set = folio_xcalloc(1, sizeof(*set));
	set->max_visits = FOLIO_TEMPLATE_MAX_VISITS;
	set->max_output = FOLIO_TEMPLATE_MAX_OUTPUT;
	set->max_partials = MAX_PARTIAL_DEPTH;
	rehash(set);
	return set;
}

void folio_templates__set_limits(folio_templates *set, size_t max_visits,
                                 size_t max_output)
{
	set->max_visits = max_visits;
	set->max_output = max_output;
}

void folio_templates_set_budget(folio_templates *set, size_t max_output, size_t max_depth)
{
	set->max_output = max_output;
	set->max_partials = max_depth < MAX_PARTIAL_DEPTH ? max_depth : MAX_PARTIAL_DEPTH;
}

void folio_templates_free(folio_templates *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->count; i++)
		folio_templates__template_free(set->items[i]);
	free(set->items);
	free(set->slots);
	free(set);
}

bool folio_templates_has(const folio_templates *set, const char *name)
{
	return folio_templates__find(set, name) != NULL;
}

static void set_put(folio_templates *set, struct template *t)
{
	size_t s = set->slots[slot_of(set, t->name)];
	if (s) {
		folio_templates__template_free(set->items[s - 1]);
		set->items[s - 1] = t;
		return;
	}
	FOLIO_ARRAY_GROW(set->items, set->count, set->alloc, set->count + 1);
	set->items[set->count++] = t;
	if (set->count * 2 >= set->nslots)
		rehash(set);
	else
		set->slots[slot_of(set, t->name)] = set->count;
}

static void set_remove(folio_templates *set, const char *name)
{
	size_t s = set->slots[slot_of(set, name)];
	if (!s)
		return;
	folio_templates__template_free(set->items[s - 1]);
	memmove(&set->items[s - 1], &set->items[s], (set->count - s) * sizeof(*set->items));
	set->count--;
	rehash(set);
}

int folio_templates_add(folio_templates *set, const char *name, const char *src,
                        size_t len, const char *path, folio_diags *diags)
{
	struct template *t = folio_templates__compile(name, src, len, path ? path : name, diags);
	if (!t) {
		set_remove(set, name);
		folio_error_set("template \"%s\" cannot be parsed", name);
		return FOLIO_EINVALID;
	}
	set_put(set, t);
	return 0;
}

