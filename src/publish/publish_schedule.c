/*
 * The schedule of a published site (writer.c records it with each
 * publish): the pages due to appear or go, soonest first, which the
 * daemon's timer and /status read (folio_publish_schedule()) and the fast
 * path asks before it takes a commit (folio_publish__schedule_due()).
 */
#include <stdlib.h>
#include <string.h>

#include "folio/schedule.h"
#include "publish/publish_internal.h"
#include "util/alloc.h"
#include "util/timestamp.h"
#include "util/banned.h"

static void add_scheduled(json_t *list, const folio_page *pg, long long now)
{
	long long at;
	bool publish;
	char when[FOLIO_TIMESTAMP_SIZE];
	if (!pg->ok || !folio_schedule_next(&pg->schedule, now, &at, &publish) ||
	    !folio_timestamp(when, at, -1))
		return;
	json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s}", "path", pg->path,
	                                      "title", pg->title, "url", pg->url, "at", when,
	                                      "action", publish ? "publish" : "expire"));
}

static int cmp_scheduled(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(json_string_value(json_object_get(x, "at")),
	               json_string_value(json_object_get(y, "at")));
	return c ? c : strcmp(json_string_value(json_object_get(x, "path")),
	                      json_string_value(json_object_get(y, "path")));
}

/*
 * What the published site will do by itself, soonest first: pending pages
 * to publish, published pages to take down. The daemon's timer and /status
 * read it; the fast path steps aside once its first instant has come, so a
 * page appearing or going is a full (incremental) publish like an added or
 * removed page.
 */
char *folio_publish__schedule_text(const folio_site *site)
{
	long long now = folio_site_now(site);
	json_t *list = json_array();
	for (size_t i = 0; i < folio_site_page_count(site); i++)
		add_scheduled(list, folio_site_page(site, i), now);
	for (size_t i = 0; i < folio_site_held_count(site); i++)
		add_scheduled(list, folio_site_held(site, i), now);
	size_t n = json_array_size(list);
	json_t **items = folio_xmalloc((n ? n : 1) * sizeof(*items));
	for (size_t i = 0; i < n; i++)
		items[i] = json_incref(json_array_get(list, i));
	qsort(items, n, sizeof(*items), cmp_scheduled);
	json_array_clear(list);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, items[i]);
	free(items);
	char *text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	return text;
}

int folio_publish_schedule(folio_state *st, json_t **out)
{
	char *text = NULL;
	*out = NULL;
	int rc = folio_state_get(st, FOLIO_PUBLISH_SCHEDULE_KEY, &text);
	if (rc < 0)
		return rc;
	json_t *list = text ? json_loads(text, 0, NULL) : NULL;
	free(text);
	*out = json_is_array(list) ? list : json_array();
	if (*out != list)
		json_decref(list);
	return 0;
}

bool folio_publish__schedule_due(folio_state *st, long long now)
{
	json_t *list = NULL;
	char *text = NULL;
	long long at;
	bool due = false;
	/* a state written before folio knew schedules may hold pages published
	 * too early: no schedule recorded means the full path decides, once */
	if (folio_state_get(st, FOLIO_PUBLISH_SCHEDULE_KEY, &text) < 0 || !text)
		return true;
	free(text);
	if (folio_publish_schedule(st, &list) < 0)
		return true; /* cannot tell: the full path decides */
	const char *first = json_string_value(json_object_get(json_array_get(list, 0), "at"));
	if (first)
		due = !folio_schedule_parse_time(&at, first) || at <= now;
	json_decref(list);
	return due;
}
