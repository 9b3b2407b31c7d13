/*
 * An arena for cmark-gfm's allocations while one page is parsed, walked and
 * rendered (markdown_mem.c): every node, string and buffer of the parse is
 * freed at once by folio_md_arena_end(), and cmark's own frees do nothing.
 * Only folio_markdown_render() uses it; nothing cmark allocates may outlive
 * the arena (the HTML is copied out).
 */
#ifndef FOLIO_MARKDOWN_MEM_H
#define FOLIO_MARKDOWN_MEM_H

#include <cmark-gfm.h>
#include <setjmp.h>

typedef struct folio_md_arena {
	struct chunk *head;           /* the chunk being filled, then older ones */
	struct folio_md_arena *outer; /* the thread's arena before this one */
	size_t size, cap;             /* bytes of its chunks; the most they may hold */
	jmp_buf *over;                /* where a chunk past cap jumps, or NULL */
} folio_md_arena;

/* Starts a, the thread's current arena until folio_md_arena_end(a); the
 * allocator to give cmark_parser_new_with_mem(). Arenas nest. */
cmark_mem *folio_md_arena_begin(folio_md_arena *a);
/* A new node in the thread's arena (the default allocator when none):
 * cmark-gfm links only nodes of one allocator into a tree. */
cmark_node *folio_md_node_new(cmark_node_type type);
/* The nodes of type in doc, in document order, gathered before any is
 * changed (an iterator must not see its tree move); caller frees. */
cmark_node **folio_md_nodes_of(cmark_node *doc, cmark_node_type type, size_t *n);
/* While over is set, a chunk that would take the current arena past cap
 * bytes longjmp()s to *over instead of being allocated: a reference link
 * made cmark-gfm copy its definition's URL for each use, so a 2 MB page
 * asked for 300 GB. The jump leaves cmark's structures half made: the
 * caller frees the arena and uses nothing of them. */
void folio_md_arena_watch(size_t cap, jmp_buf *over);
/* Frees everything allocated in a; the outer arena is current again. */
void folio_md_arena_end(folio_md_arena *a);

#endif
