/*
 * The "pagination" object of list pages (a collection's, a term's). Each
 * list page links to every page of its list, so a list of n pages renders
 * n entries on each of its n pages: 2.25 million entries for 30,000 books
 * at 20 a page. Building them anew each time (an object, a URL, three
 * keys) was half a 100k build. The entries are built once a list, shared
 * read-only by every page of it (jansson's counts are atomic), and a page
 * makes only its own "current" entry. The built-in templates show a window
 * of the list (pagination.window), not every page: with all of them each
 * list page grew with its list, and an add, which shifts every later list
 * page, rewrote bytes in the square of its length (87 MB of list pages at
 * 25,000 events). pagination.pages stays for sites' own templates.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "render/render_internal.h"
#include "util/alloc.h"
#include "util/banned.h"

/* Lists this short build their entries each time: a cache would not pay. */
#define SHARED_MIN 4

/* The entries of one list, { number, url, current: false } each. */
struct pager {
	const void *owner; /* the collection (o->collection) or the term (o->term) */
	const char *lang;
	json_t *entries;
};

struct folio_render_pagers {
	pthread_mutex_t lock;
	struct pager *items;
	size_t count, alloc;
	atomic_size_t paginations, entries; /* made, for folio_renderer_pagination_counts() */
};

folio_render_pagers *folio_render__pagers_new(void)
{
	folio_render_pagers *p = folio_xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->lock, NULL);
	return p;
}

void folio_render__pagers_free(folio_render_pagers *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->count; i++)
		json_decref(p->items[i].entries);
	free(p->items);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

static json_t *entry(folio_render_pagers *p, size_t number, json_t *url, bool current)
{
	atomic_fetch_add_explicit(&p->entries, 1, memory_order_relaxed);
	json_t *e = json_object();
	json_object_set_new(e, "number", json_integer((json_int_t)number));
	json_object_set_new(e, "url", url);
	json_object_set_new(e, "current", json_boolean(current));
	return e;
}

static json_t *build_entries(folio_render_pagers *p, const folio_output *o,
                             folio_render_page_url url_of, size_t count)
{
	json_t *entries = json_array();
	for (size_t n = 1; n <= count; n++) {
		char *url = url_of(o, n);
		json_array_append_new(entries, entry(p, n, json_string(url), false));
		free(url);
	}
	return entries;
}

/* The shared entries of o's list, built on first use; borrowed from p. A
 * list has few pages' worth of entries (the sum over lists is the site's
 * list pages), and lists long enough to be kept are few: a linear search. */
static const json_t *shared_entries(folio_render_pagers *p, const folio_output *o,
                                    folio_render_page_url url_of, size_t count)
{
	const void *owner = o->term ? (const void *)o->term : (const void *)o->collection;
	json_t *found = NULL;
	pthread_mutex_lock(&p->lock);
	for (size_t i = p->count; i-- > 0 && !found;)
		if (p->items[i].owner == owner && p->items[i].lang == o->lang)
			found = p->items[i].entries;
	if (!found) {
		/* built under the lock: the other threads want this same list */
		found = build_entries(p, o, url_of, count);
		FOLIO_ARRAY_GROW(p->items, p->count, p->alloc, p->count + 1);
		p->items[p->count++] = (struct pager){ owner, o->lang, found };
	}
	pthread_mutex_unlock(&p->lock);
	return found;
}

/* The pages a list links to in its window: the first, the last and those
 * within PAGINATION_NEAR of the current one, each with gap set when pages
 * were skipped before it. */
#define PAGINATION_NEAR 2
static void window_add(json_t *window, const folio_output *o, folio_render_page_url url_of, size_t n,
                       size_t number, size_t *shown)
{
	if (n <= *shown)
		return;
	json_t *e = json_object();
	json_object_set_new(e, "number", json_integer((json_int_t)n));
	folio_render__set_own(e, "url", url_of(o, n));
	json_object_set_new(e, "current", json_boolean(n == number));
	json_object_set_new(e, "gap", json_boolean(*shown && n > *shown + 1));
	json_array_append_new(window, e);
	*shown = n;
}

static json_t *pagination_window(const folio_output *o, folio_render_page_url url_of, size_t number,
                                 size_t count)
{
	json_t *window = json_array();
	size_t shown = 0;
	size_t lo = number > PAGINATION_NEAR ? number - PAGINATION_NEAR : 1;
	size_t hi = number + PAGINATION_NEAR < count ? number + PAGINATION_NEAR : count;
	if (count)
		window_add(window, o, url_of, 1, number, &shown);
	for (size_t n = lo; n <= hi; n++)
		window_add(window, o, url_of, n, number, &shown);
	if (count)
		window_add(window, o, url_of, count, number, &shown);
	return window;
}

json_t *folio_render__pagination(const renderer *r, const folio_output *o,
                                 folio_render_page_url url_of, size_t number, size_t count)
{
	folio_render_pagers *p = r->pagers;
	atomic_fetch_add_explicit(&p->paginations, 1, memory_order_relaxed);
	json_t *pg = json_object();
	json_object_set_new(pg, "number", json_integer((json_int_t)number));
	json_object_set_new(pg, "count", json_integer((json_int_t)count));
	if (number > 1)
		folio_render__set_own(pg, "prev_url", url_of(o, number - 1));
	if (number < count)
		folio_render__set_own(pg, "next_url", url_of(o, number + 1));
	json_t *pages = json_array();
	if (count < SHARED_MIN) {
		for (size_t n = 1; n <= count; n++) {
			char *url = url_of(o, n);
			json_array_append_new(pages, entry(p, n, json_string(url), n == number));
			free(url);
		}
	} else {
		const json_t *shared = shared_entries(p, o, url_of, count);
		for (size_t n = 1; n <= count; n++) {
			json_t *e = json_array_get(shared, n - 1);
			if (n == number) /* the page's own entry: its URL shared, current */
				json_array_append_new(pages, entry(p, n, json_incref(json_object_get(e, "url")), true));
			else
				json_array_append(pages, e);
		}
	}
	json_object_set_new(pg, "pages", pages);
	json_object_set_new(pg, "window", pagination_window(o, url_of, number, count));
	return pg;
}

void folio_renderer_pagination_counts(const folio_renderer *r, size_t *paginations, size_t *entries)
{
	*paginations = atomic_load(&r->pagers->paginations);
	*entries = atomic_load(&r->pagers->entries);
}
