/*
 * What can be known of a set of templates without rendering it: the
 * variables each names, the partials and parents each includes (a page's
 * dependencies), and the checks of folio_templates_check(): partials that do
 * not exist, include cycles and chains deeper than the render budget.
 */
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

/* --- static analysis --------------------------------------------------------- */

typedef void (*include_fn)(const struct template *t, const struct node *n, void *payload);

/* Calls fn for each partial and parent with a name fixed in the template. */
static void walk_includes(const struct template *t, const struct node *nodes, size_t count,
                          include_fn fn, void *payload)
{
	for (size_t i = 0; i < count; i++) {
		const struct node *n = &nodes[i];
		if ((n->type == N_PARTIAL || n->type == N_PARENT) && !(n->flags & F_DYNAMIC))
			fn(t, n, payload);
		walk_includes(t, n->kids, n->nkids, fn, payload);
	}
}

static void walk_variables(const struct template *t, const struct node *nodes, size_t count,
                           const folio_template_variable *section,
                           folio_template_variable_fn cb, void *payload)
{
	for (size_t i = 0; i < count; i++) {
		const struct node *n = &nodes[i];
		if ((n->type == N_VAR || n->type == N_SECTION || n->type == N_INVERTED) && n->name.nseg) {
			folio_template_variable v = { t->name, t->path, n->line, n->column,
			                              (const char *const *)n->name.seg, n->name.nseg,
			                              section };
			cb(&v, payload);
			if (n->type == N_SECTION) {
				walk_variables(t, n->kids, n->nkids, &v, cb, payload);
				continue;
			}
		}
		walk_variables(t, n->kids, n->nkids, section, cb, payload);
	}
}

void folio_templates_foreach_variable(const folio_templates *set, folio_template_variable_fn cb,
                                      void *payload)
{
	for (size_t i = 0; i < set->count; i++)
		walk_variables(set->items[i], set->items[i]->nodes, set->items[i]->nnodes, NULL, cb,
		               payload);
}

struct deps {
	const folio_templates *set;
	const char **names; /* seen, in order; the first is the root */
	size_t count, alloc;
	void (*cb)(const char *dep, void *payload);
	void *payload;
};

static void collect_dep(const struct template *t, const struct node *n, void *payload)
{
	struct deps *d = payload;
	(void)t;
	for (size_t i = 0; i < d->count; i++)
		if (!strcmp(d->names[i], n->str))
			return;
	FOLIO_ARRAY_GROW(d->names, d->count, d->alloc, d->count + 1);
	d->names[d->count++] = n->str;
	d->cb(n->str, d->payload);
}

int folio_templates_foreach_dependency(const folio_templates *set, const char *name,
                                       void (*cb)(const char *dep, void *payload),
                                       void *payload)
{
	const struct template *t = folio_templates__find(set, name);
	if (!t)
		return FOLIO_ENOTFOUND;
	struct deps d = { set, NULL, 0, 0, cb, payload };
	FOLIO_ARRAY_GROW(d.names, d.count, d.alloc, 1);
	d.names[d.count++] = t->name;
	/* Breadth first: names grows while we walk the templates it lists. */
	for (size_t i = 0; i < d.count; i++) {
		const struct template *u = i ? folio_templates__find(set, d.names[i]) : t;
		if (u)
			walk_includes(u, u->nodes, u->nnodes, collect_dep, &d);
	}
	free(d.names);
	return 0;
}

/* Whether a tag among nodes (at any depth) names key as one of its segments. */
static bool nodes_name(const struct node *nodes, size_t count, const char *key)
{
	for (size_t i = 0; i < count; i++) {
		const struct node *n = &nodes[i];
		for (size_t k = 0; k < n->name.nseg; k++)
			if (!strcmp(n->name.seg[k], key))
				return true;
		if (nodes_name(n->kids, n->nkids, key))
			return true;
	}
	return false;
}

bool folio_templates_names(const folio_templates *set, const char *name, const char *key)
{
	const struct template *t = folio_templates__find(set, name);
	return t && nodes_name(t->nodes, t->nnodes, key);
}

struct check {
	const folio_templates *set;
	folio_diags *diags;
};

static void check_include(const struct template *t, const struct node *n, void *payload)
{
	struct check *c = payload;
	if (folio_templates__find(c->set, n->str))
		return;
	folio_diags_add(c->diags, FOLIO_RULE_TEMPLATE_MISSING, t->path, n->line, n->column,
	                NULL, "missing %s \"%s\"",
	                n->type == N_PARENT ? "parent template" : "partial", n->str);
}

/*
 * Recursion and depth, from the fixed names of partials and parents. An
 * include inside no section is "unguarded": a cycle of unguarded includes
 * expands without end whatever the data, so it is an error here. A cycle
 * through a section may end with the data (the spec's recursive partial
 * over a tree): the render bounds it by the partial-depth limit.
 */
enum { WHITE, ON_PATH, DONE };

struct edge {
	const struct node *n;
	size_t to;   /* index into set->items */
	bool guarded;
};

struct graph {
	const folio_templates *set;
	folio_diags *diags;
	struct edge **edges; /* per template */
	size_t *nedges, *aedges;
	uint8_t *color;
	size_t *depth;       /* longest chain from the template, itself included */
	size_t *path;        /* templates on the DFS path */
	bool *path_guarded;  /* was the edge into path[i] guarded */
	size_t npath;
	bool too_deep;       /* a chain was cut past the budget: depths are lower bounds */
};

static void collect_edges(struct graph *g, size_t from, const struct node *nodes, size_t count,
                          bool guarded)
{
	for (size_t i = 0; i < count; i++) {
		const struct node *n = &nodes[i];
		if ((n->type == N_PARTIAL || n->type == N_PARENT) && !(n->flags & F_DYNAMIC)) {
			size_t to = folio_templates__index(g->set, n->str);
			if (to != SIZE_MAX) {
				FOLIO_ARRAY_GROW(g->edges[from], g->nedges[from], g->aedges[from],
				                 g->nedges[from] + 1);
				g->edges[from][g->nedges[from]++] = (struct edge){ n, to, guarded };
			}
		}
		collect_edges(g, from, n->kids, n->nkids,
		              guarded || n->type == N_SECTION || n->type == N_INVERTED);
	}
}

static void report_cycle(struct graph *g, size_t from, const struct edge *e)
{
	size_t start = g->npath;
	while (start && g->path[start - 1] != e->to)
		start--;
	start--; /* path[start] == e->to */
	for (size_t i = start + 1; i < g->npath; i++)
		if (g->path_guarded[i])
			return;
	if (e->guarded)
		return;
	folio_buf via = FOLIO_BUF_INIT;
	for (size_t i = start + 1; i < g->npath; i++)
		folio_buf_printf(&via, "%s\"%s\"", i > start + 1 ? ", " : " through ",
		                 g->set->items[g->path[i]]->name);
	const struct template *t = g->set->items[from];
	folio_diags_add(g->diags, FOLIO_RULE_TEMPLATE_RECURSION, t->path, e->n->line, e->n->column,
	                "put the include inside a section that ends, or remove it",
	                "%s \"%s\" includes itself%s: it would expand without end",
	                e->n->type == N_PARENT ? "parent template" : "partial",
	                g->set->items[e->to]->name, via.ptr);
	folio_buf_dispose(&via);
}

static size_t chain_depth(struct graph *g, size_t t, bool guarded_in)
{
	if (g->color[t] == DONE)
		return g->depth[t];
	g->color[t] = ON_PATH;
	g->path[g->npath] = t;
	g->path_guarded[g->npath] = guarded_in;
	g->npath++;
	size_t d = 1;
	for (size_t i = 0; i < g->nedges[t]; i++) {
		const struct edge *e = &g->edges[t][i];
		if (g->color[e->to] == ON_PATH) {
			report_cycle(g, t, e);
			continue;
		}
		/* past the budget the exact depth no longer matters: stopping
		 * there bounds the C stack whatever the number of templates */
		size_t sub;
		if (g->npath > g->set->max_partials + 1) {
			sub = g->npath;
			g->too_deep = true;
		} else {
			sub = chain_depth(g, e->to, e->guarded);
		}
		if (sub + 1 > d)
			d = sub + 1;
	}
	g->npath--;
	g->color[t] = DONE;
	g->depth[t] = d;
	return d;
}

static void check_graph(const folio_templates *set, folio_diags *diags)
{
	size_t n = set->count ? set->count : 1;
	struct graph g = { set, diags, folio_xcalloc(n, sizeof(*g.edges)),
	                   folio_xcalloc(n, sizeof(size_t)), folio_xcalloc(n, sizeof(size_t)),
	                   folio_xcalloc(n, 1), folio_xcalloc(n, sizeof(size_t)),
	                   folio_xcalloc(n, sizeof(size_t)), folio_xcalloc(n, sizeof(bool)), 0, false };
	for (size_t i = 0; i < set->count; i++)
		collect_edges(&g, i, set->items[i]->nodes, set->items[i]->nnodes, false);
	bool reported = false;
	for (size_t i = 0; i < set->count; i++) {
		/* the DFS recurses once per template of a chain, at most
		 * max_partials + 2 deep */
		size_t d = chain_depth(&g, i, false);
		/* the template itself is not a partial: d - 1 are expanded at once */
		if (d - 1 > set->max_partials && !reported) {
			const struct template *t = set->items[i];
			folio_diags_add(diags, FOLIO_RULE_BUDGET_PARTIAL_DEPTH, t->path, 0, 0,
			                "flatten the partials, or raise the partial-depth limit",
			                "partials nest %s%zu levels deep from \"%s\", more than the "
			                "partial-depth limit of %zu", g.too_deep ? "at least " : "", d - 1,
			                t->name, set->max_partials);
			reported = true;
		}
	}
	for (size_t i = 0; i < set->count; i++)
		free(g.edges[i]);
	free(g.edges);
	free(g.nedges);
	free(g.aedges);
	free(g.color);
	free(g.depth);
	free(g.path);
	free(g.path_guarded);
}

void folio_templates_check(const folio_templates *set, folio_diags *diags)
{
	struct check c = { set, diags };
	for (size_t i = 0; i < set->count; i++) {
		const struct template *t = set->items[i];
		walk_includes(t, t->nodes, t->nnodes, check_include, &c);
	}
	check_graph(set, diags);
}
