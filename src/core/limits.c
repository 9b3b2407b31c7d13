/*
 * Budgets: names, defaults and parsing of the values in limits.def. The
 * table is the one home of every limit: the CLI, the server config and
 * folio.yaml all go through folio_limit_find() and folio_limits_parse_value().
 */
#include "folio/limits.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "util/alloc.h"
#include "util/banned.h"

static const struct {
	const char *name;
	size_t def;
	const char *unit;
} table[FOLIO_LIMIT_COUNT] = {
#define LIMIT(id, name, def, unit, doc) { name, def, unit },
#include "folio/limits.def"
#undef LIMIT
};

void folio_limits_init(folio_limits *l)
{
	for (int i = 0; i < FOLIO_LIMIT_COUNT; i++)
		l->v[i] = table[i].def;
}

bool folio_push_budget_admits(folio_push_budget *b, bool tip)
{
	if (tip || b->spent < b->limit)
		return true;
	b->skipped++;
	return false;
}

void folio_push_budget_charge(folio_push_budget *b, size_t pages)
{
	b->spent += pages > FOLIO_PUSH_COMMIT_PAGES ? pages : FOLIO_PUSH_COMMIT_PAGES;
}

const char *folio_limit_name(folio_limit id)
{
	return (unsigned)id < FOLIO_LIMIT_COUNT ? table[id].name : NULL;
}

const char *folio_limit_unit(folio_limit id)
{
	return (unsigned)id < FOLIO_LIMIT_COUNT ? table[id].unit : NULL;
}

/* "page-output", "PAGE_OUTPUT" and "page_output" name the same limit. */
static bool same_name(const char *want, const char *given)
{
	for (; *want && *given; want++, given++) {
		char c = (char)tolower((unsigned char)*given);
		if (c == '_')
			c = '-';
		if (c != *want)
			return false;
	}
	return !*want && !*given;
}

int folio_limit_find(const char *name)
{
	for (int i = 0; i < FOLIO_LIMIT_COUNT; i++)
		if (same_name(table[i].name, name))
			return i;
	return -1;
}

int folio_limits_parse_value(size_t *out, const char *text, const char *what)
{
	char *end;
	errno = 0;
	if (!isdigit((unsigned char)*text))
		return folio_error_set("%s: '%s' is not a whole number (K, M or G may follow)", what, text);
	unsigned long long v = strtoull(text, &end, 10);
	unsigned shift = 0;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift)
		end++;
	if (errno || *end || (shift && v > (SIZE_MAX >> shift)) || v > SIZE_MAX)
		return folio_error_set("%s: '%s' is not a whole number (K, M or G may follow)", what, text);
	*out = (size_t)v << shift;
	return 0;
}

int folio_limits_set(folio_limits *l, const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	if (!eq)
		return folio_error_set("limit '%s': expected NAME=VALUE", assignment);
	char *name = folio_xstrndup(assignment, (size_t)(eq - assignment));
	int id = folio_limit_find(name);
	int rc = 0;
	if (id < 0) {
		folio_buf known = FOLIO_BUF_INIT;
		for (int i = 0; i < FOLIO_LIMIT_COUNT; i++)
			folio_buf_printf(&known, "%s%s", i ? ", " : "", table[i].name);
		rc = folio_error_set("unknown limit '%s'; the limits are %s", name, known.ptr);
		folio_buf_dispose(&known);
	} else {
		size_t v;
		char *what = folio_xasprintf("limit %s", table[id].name);
		rc = folio_limits_parse_value(&v, eq + 1, what);
		free(what);
		if (rc == 0)
			l->v[id] = v;
	}
	free(name);
	return rc;
}

void folio_limits_lower(folio_limits *l, folio_limit id, size_t value)
{
	if ((unsigned)id < FOLIO_LIMIT_COUNT && value < l->v[id])
		l->v[id] = value;
}
