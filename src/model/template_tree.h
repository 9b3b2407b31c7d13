/*
 * The compiled form of Mustache templates, shared by the template module's
 * files: template.c (the set and the arena), template_parse.c (compiling),
 * template_render.c and template_check.c (reading the tree). See template.c
 * for the invariants.
 */
#ifndef FOLIO_TEMPLATE_TREE_H
#define FOLIO_TEMPLATE_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "folio/template.h"
#include "model/template.h"

#define MAX_NESTING 100       /* sections, parents and blocks open at once in one template */
#define MAX_PARTIAL_DEPTH 100 /* partials and parents being expanded at once */
#define MAX_RENDER_DEPTH 1000 /* node lists being rendered at once: bounds the C stack */

/* An arena: one per template, freed at once. */
struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct chunk *head;
};

/* --- compiled form ------------------------------------------------------- */

enum node_type {
	N_TEXT,
	N_LINE,     /* a source line begins: write the indentation */
	N_VAR,
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT,   /* {{<name}}: kids are the N_BLOCK overrides it passes */
	N_BLOCK,    /* {{$name}}: kids are the default (or, in a parent, the override) */
};

enum {
	F_RAW = 1,        /* variable not HTML-escaped */
	F_STANDALONE = 2, /* the tag was alone on its line */
	F_DYNAMIC = 4,    /* {{>*name}}: the name comes from the context */
};

/* A dotted name, split at compile time; nseg 0 is the implicit iterator. */
struct name {
	const char **seg;
	size_t nseg;
};

struct node {
	uint8_t type;
	uint8_t flags;
	unsigned line, column;  /* of partials and parents, for the check */
	const char *str;        /* TEXT: bytes; PARTIAL, PARENT, BLOCK: name */
	size_t len;
	const char *indent;     /* added to the indentation of what this includes */
	size_t indent_len;
	struct name name;       /* VAR, SECTION, INVERTED, dynamic PARTIAL/PARENT */
	struct node *kids;
	size_t nkids;
};

struct template {
	char *name;
	char *path;
	struct arena arena;
	struct node *nodes;
	size_t nnodes;
};

struct folio_templates {
	struct template **items; /* in order of first addition */
	size_t count, alloc;
	size_t *slots;           /* open addressing: index + 1 into items, 0 free */
	size_t nslots;
	size_t max_visits, max_output;
	size_t max_partials; /* partials and parents expanded at once (partial-depth) */
};


/* The arena's memory lives until the template is freed; never NULL. */
void *folio_templates__alloc(struct arena *a, size_t size);
char *folio_templates__strndup(struct arena *a, const char *s, size_t len);
void folio_templates__arena_free(struct arena *a);

/* The template of that name in the set, borrowed; NULL when there is none. */
struct template *folio_templates__find(const folio_templates *set, const char *name);
/* Index of the template of that name in set->items, or SIZE_MAX. */
size_t folio_templates__index(const folio_templates *set, const char *name);
/* Frees t and its arena; accepts NULL. */
void folio_templates__template_free(struct template *t);

/*
 * Compile src (len bytes) into a new template, owned by the caller (free
 * with folio_templates__template_free()); NULL when it has a syntax error,
 * which is added to diags with path, line and column.
 */
struct template *folio_templates__compile(const char *name, const char *src, size_t len,
                                          const char *path, folio_diags *diags);

#endif
