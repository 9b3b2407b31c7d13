/*
 * cmark-gfm's allocations for one page's parse, in an arena freed at once
 * when the page is done (markdown_mem.h). A parse makes a few hundred small
 * nodes, strings and buffers, each malloc'd and free'd one by one: with
 * glibc that was a tenth of a full build's instructions and more of its
 * time. cmark-gfm's own arena (cmark_get_arena_mem_allocator) is one
 * global, unsafe with pages parsed and walked on several threads; its
 * cmark_mem callbacks take no context, so the arena being filled is the
 * thread's current one, and each block's header names its arena, so a
 * realloc stays in the arena that made the block.
 */
#include "model/markdown_mem.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

/* Enough for most pages' whole parse in one chunk (a 10 KB page takes
 * about 40 KB), and under glibc's mmap threshold. */
#define CHUNK_SIZE (64 * 1024)
#define ALIGN alignof(max_align_t)

struct chunk {
	struct chunk *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

/* Before each block: its arena and its size (for realloc's copy). */
struct header {
	folio_md_arena *arena;
	size_t size;
};
#define HEADER_SIZE ((sizeof(struct header) + ALIGN - 1) / ALIGN * ALIGN)

static _Thread_local folio_md_arena *current;

static struct header *header_of(void *p)
{
	return (struct header *)((unsigned char *)p - HEADER_SIZE);
}

static void *arena_alloc(folio_md_arena *a, size_t size)
{
	if (size > SIZE_MAX / 2)
		abort(); /* cmark-gfm asks for what a page of TEXT_MAX never needs */
	size_t need = (HEADER_SIZE + size + ALIGN - 1) / ALIGN * ALIGN;
	struct chunk *c = a->head;
	if (!c || c->size - c->used < need) {
		size_t csize = need > CHUNK_SIZE ? need : CHUNK_SIZE;
		if (a->over && (a->size > a->cap || csize > a->cap - a->size))
			longjmp(*a->over, 1);
		a->size += csize;
		c = folio_xmalloc(sizeof(*c) + csize);
		c->size = csize;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	struct header *h = (struct header *)(c->data + c->used);
	c->used += need;
	h->arena = a;
	h->size = size;
	return (unsigned char *)h + HEADER_SIZE;
}

static void *mem_calloc(size_t n, size_t size)
{
	FOLIO_ASSERT(current);
	if (size && n > SIZE_MAX / size)
		abort();
	void *p = arena_alloc(current, n * size);
	memset(p, 0, n * size);
	return p;
}

/* The last block of its chunk grows in place: cmark's buffers grow while
 * nothing else is allocated, most of the time. */
static void *mem_realloc(void *p, size_t size)
{
	if (!p)
		return mem_calloc(1, size);
	struct header *h = header_of(p);
	folio_md_arena *a = h->arena;
	struct chunk *c = a->head;
	unsigned char *end = (unsigned char *)p + (h->size + ALIGN - 1) / ALIGN * ALIGN;
	if (c && end == c->data + c->used && size <= SIZE_MAX / 2) {
		size_t room = (size_t)(c->data + c->size - (unsigned char *)p);
		if (size <= room) {
			c->used = (size_t)((unsigned char *)p - c->data) + (size + ALIGN - 1) / ALIGN * ALIGN;
			h->size = size;
			return p;
		}
	}
	void *q = arena_alloc(a, size);
	memcpy(q, p, h->size < size ? h->size : size);
	return q;
}

/* Nothing is given back before the page is done. */
static void mem_free(void *p)
{
	(void)p;
}

static cmark_mem arena_mem = { mem_calloc, mem_realloc, mem_free };

cmark_node *folio_md_node_new(cmark_node_type type)
{
	return cmark_node_new_with_mem(type, current ? &arena_mem : cmark_get_default_mem_allocator());
}

cmark_node **folio_md_nodes_of(cmark_node *doc, cmark_node_type type, size_t *n)
{
	cmark_node **out = NULL;
	size_t alloc = 0;
	*n = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == type) {
			FOLIO_ARRAY_GROW(out, *n, alloc, *n + 1);
			out[(*n)++] = node;
		}
	}
	cmark_iter_free(it);
	return out;
}

cmark_mem *folio_md_arena_begin(folio_md_arena *a)
{
	a->head = NULL;
	a->size = a->cap = 0;
	a->over = NULL;
	a->outer = current;
	current = a;
	return &arena_mem;
}

void folio_md_arena_watch(size_t cap, jmp_buf *over)
{
	FOLIO_ASSERT(current);
	current->cap = cap;
	current->over = over;
}

void folio_md_arena_end(folio_md_arena *a)
{
	FOLIO_ASSERT(current == a);
	current = a->outer;
	for (struct chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}
