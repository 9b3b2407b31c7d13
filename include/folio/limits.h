/*
 * Budgets: how much time, memory and disk one commit may make folio spend.
 * Each is a number with a compiled-in default (limits.def); the server sets
 * its own (`--limit NAME=VALUE` on the command line, FOLIO_LIMIT_<NAME> in
 * the server config), and a site's folio.yaml may only lower them
 * (folio_limits_lower): a pusher can never lift a budget the server set.
 *
 *     folio_limits l;
 *     folio_limits_init(&l);
 *     if (folio_limits_set(&l, "page-output=4M") < 0)
 *         fputs(folio_error_last(), stderr);
 *     size_t max = l.v[FOLIO_LIMIT_PAGE_OUTPUT];
 *
 * Going past a budget is a content finding with a budget/... rule (see
 * rules.def), never a truncated output.
 */
#ifndef FOLIO_LIMITS_H
#define FOLIO_LIMITS_H

#include <stddef.h>

#include "common.h"

typedef enum {
#define LIMIT(id, name, def, unit, doc) FOLIO_LIMIT_##id,
#include "limits.def"
#undef LIMIT
	FOLIO_LIMIT_COUNT
} folio_limit;

/* One value per folio_limit; plain data, copy it freely. */
typedef struct {
	size_t v[FOLIO_LIMIT_COUNT];
} folio_limits;

/* The compiled-in defaults. */
void folio_limits_init(folio_limits *l);

/* "page-output", or NULL for a value out of range. */
const char *folio_limit_name(folio_limit id);
/* "bytes", "levels", ... */
const char *folio_limit_unit(folio_limit id);
/* The limit named name ("page-output"; "PAGE_OUTPUT" too), or -1. */
int folio_limit_find(const char *name);

/*
 * Parse a value: a whole number, optionally followed by K, M or G
 * (powers of 1024). 0, or -1 with a message naming what.
 */
int folio_limits_parse_value(size_t *out, const char *text, const char *what);

/* Set one limit from "NAME=VALUE". 0, or -1 with a message. */
int folio_limits_set(folio_limits *l, const char *assignment);

/* Lower l[id] to value when value is smaller; a larger one is ignored. */
void folio_limits_lower(folio_limits *l, folio_limit id, size_t value);

/*
 * push-pages as the hooks, the daemon and folio check A..B spend it on
 * the commits of a push (or a turn, or a range), oldest first:
 *
 *     folio_push_budget b = { limits.v[FOLIO_LIMIT_PUSH_PAGES], 0, 0 };
 *     if (folio_push_budget_admits(&b, is_tip))
 *         folio_push_budget_charge(&b, pages_its_check_read);
 *
 * A commit costs the pages its check read (a whole site, or the pages a
 * judged commit changed), at least FOLIO_PUSH_COMMIT_PAGES, the cost of
 * reading and comparing its tree, so that a push of a million empty
 * commits is bounded too.
 */
#define FOLIO_PUSH_COMMIT_PAGES 100
typedef struct {
	size_t limit, spent;
	size_t skipped; /* commits refused by folio_push_budget_admits */
} folio_push_budget;

/* Whether a commit is checked: a tip always, the others while the budget
 * is not spent; a refused one is counted in b->skipped. */
bool folio_push_budget_admits(folio_push_budget *b, bool tip);
/* Charge a checked commit that read pages. */
void folio_push_budget_charge(folio_push_budget *b, size_t pages);

#endif
