/*
 * External link checks over HTTP. Links are gathered once per URL (the
 * fragment dropped) with every place that names them; fresh answers come
 * from the SQLite cache, the rest are asked for on one libcurl multi handle
 * whose connection limits queue transfers per host. HEAD first; a failed
 * or refused HEAD is retried once with GET, whose body is cut off as soon
 * as it starts (only the status matters). Only definite answers are
 * cached: network failures, 429 and 5xx are asked again next time.
 */
#include "folio/linkcheck.h"

#include "util/lazylib_curl.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"

typedef struct {
	const char *path; /* borrowed from the page */
	unsigned line, column;
} place;

typedef struct {
	char *url;
	place *places;
	size_t nplaces, aplaces;
	long status;       /* final HTTP status; 0 when there was no answer */
	char error[CURL_ERROR_SIZE];
	bool answered;     /* from the network or the cache */
	bool tried_get;
	bool from_cache;   /* answered by the cache: nothing to store */
	CURL *easy;
} link_entry;

typedef struct {
	link_entry *items;
	size_t count, alloc;
} link_list;

/* ---- gathering ---- */

/* A scheme is case-insensitive (RFC 3986): Http:// is http://. */
static bool is_http(const char *s)
{
	return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

static void add_link(link_list *l, const char *target, const char *path, unsigned line, unsigned col)
{
	/* malformed URLs are link/external-syntax errors already */
	if (!is_http(target) || strpbrk(target, " \t\r\n<>\"\\^`{|}"))
		return;
	size_t n = strcspn(target, "#");
	link_entry *e = NULL;
	for (size_t i = 0; i < l->count && !e; i++)
		if (strlen(l->items[i].url) == n && !strncmp(l->items[i].url, target, n))
			e = &l->items[i];
	if (!e) {
		FOLIO_ARRAY_GROW(l->items, l->count, l->alloc, l->count + 1);
		e = &l->items[l->count++];
		memset(e, 0, sizeof(*e));
		e->url = folio_xstrndup(target, n);
	}
	FOLIO_ARRAY_GROW(e->places, e->nplaces, e->aplaces, e->nplaces + 1);
	e->places[e->nplaces++] = (place){ path, line, col };
}

typedef struct {
	link_list *l;
	const folio_site *site;
	const folio_page *p;
	const char *base_url;
} meta_gather;

/* An external http(s) URL in the front matter (not one of this site's). */
static void gather_meta_string(const char *pointer, const char *s, void *payload)
{
	meta_gather *g = payload;
	size_t n = strlen(g->base_url);
	if (!is_http(s) || (n && !strncmp(s, g->base_url, n) && (s[n] == '/' || !s[n])))
		return;
	unsigned line, col;
	folio_site_value_position(g->site, g->p, pointer, false, &line, &col);
	add_link(g->l, s, g->p->path, line, col);
}

static void gather(link_list *l, const folio_site *site)
{
	const folio_config *cfg = folio_site_config(site);
	for (size_t i = 0; i < folio_site_page_count(site); i++) {
		const folio_page *p = folio_site_page(site, i);
		if (!p->ok)
			continue;
		for (size_t j = 0; j < p->md.nlinks; j++)
			if (p->md.links[j].kind == FOLIO_LINK_EXTERNAL)
				add_link(l, p->md.links[j].target, p->path, p->md.links[j].line,
				         p->md.links[j].column);
		meta_gather g = { l, site, p, cfg && cfg->base_url ? cfg->base_url : "" };
		folio_json_foreach_string(folio_page_meta(p), gather_meta_string, &g);
	}
	folio_site_positions_release(); /* the last page's, kept for its next URL */
}

/* ---- cache ---- */

static int cache_open(sqlite3 **out, const char *path)
{
	*out = NULL;
	if (!path)
		return 0;
	if (sqlite3_open_v2(path, out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		folio_error_set("cannot open the link cache '%s': %s", path,
		                *out ? sqlite3_errmsg(*out) : "out of memory");
		sqlite3_close(*out);
		*out = NULL;
		return FOLIO_ERROR;
	}
	sqlite3_busy_timeout(*out, 5000);
	if (sqlite3_exec(*out,
	                 "CREATE TABLE IF NOT EXISTS links(url TEXT PRIMARY KEY, status INTEGER NOT NULL,"
	                 " checked INTEGER NOT NULL)",
	                 NULL, NULL, NULL) != SQLITE_OK) {
		folio_error_set("cannot use the link cache '%s': %s", path, sqlite3_errmsg(*out));
		sqlite3_close(*out);
		*out = NULL;
		return FOLIO_ERROR;
	}
	return 0;
}

static void cache_lookup(sqlite3 *db, link_list *l, long ttl)
{
	sqlite3_stmt *st = NULL;
	if (!db || sqlite3_prepare_v2(db, "SELECT status FROM links WHERE url = ?1 AND checked >= ?2", -1,
	                              &st, NULL) != SQLITE_OK)
		return;
	for (size_t i = 0; i < l->count; i++) {
		sqlite3_bind_text(st, 1, l->items[i].url, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)time(NULL) - ttl);
		if (sqlite3_step(st) == SQLITE_ROW) {
			l->items[i].status = (long)sqlite3_column_int64(st, 0);
			l->items[i].answered = l->items[i].from_cache = true;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

static bool cacheable(long status)
{
	return status >= 200 && status < 500 && status != 429 && status != 408;
}

static void cache_store(sqlite3 *db, const link_entry *e)
{
	sqlite3_stmt *st = NULL;
	if (!db || !cacheable(e->status) ||
	    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO links(url, status, checked) VALUES (?1, ?2, ?3)",
	                       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, e->url, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, e->status);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
	sqlite3_step(st);
	sqlite3_finalize(st);
}

/* ---- HTTP ---- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void curl_init_once(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* The body is not needed: stop reading it as soon as it comes. */
static size_t discard_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	(void)ptr;
	(void)size;
	(void)nmemb;
	(void)userdata;
	return 0;
}

static void setup_easy(link_entry *e, const folio_linkcheck_options *o, bool get)
{
	CURL *c = e->easy;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, e->url);
	curl_easy_setopt(c, CURLOPT_PRIVATE, e);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, e->error);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, o->timeout_ms < 5000 ? o->timeout_ms : 5000L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "folio/" FOLIO_VERSION " (link check)");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard_body);
	if (get)
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	else
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	e->error[0] = '\0';
}

/* A transfer ended: keep its answer, or retry a refused HEAD as GET.
 * Returns true when the link is settled. */
static bool finish(link_entry *e, CURLcode result, const folio_linkcheck_options *o, CURLM *m)
{
	long status = 0;
	curl_easy_getinfo(e->easy, CURLINFO_RESPONSE_CODE, &status);
	/* a cut-off GET body is how a GET ends here: the status is in */
	bool answered = status > 0 && (result == CURLE_OK || result == CURLE_WRITE_ERROR);
	if (!e->tried_get && (!answered || status >= 400)) {
		e->tried_get = true;
		curl_multi_remove_handle(m, e->easy);
		setup_easy(e, o, true);
		curl_multi_add_handle(m, e->easy);
		return false;
	}
	e->status = answered ? status : 0;
	if (!answered && !e->error[0])
		snprintf(e->error, sizeof(e->error), "%s", curl_easy_strerror(result));
	e->answered = answered;
	return true;
}

static int fetch(link_list *l, const folio_linkcheck_options *o)
{
	pthread_once(&curl_once, curl_init_once);
	if (curl_init_rc != CURLE_OK)
		return folio_error_set("cannot initialise libcurl: %s", curl_easy_strerror(curl_init_rc));
	CURLM *m = curl_multi_init();
	if (!m)
		return folio_error_set("cannot initialise libcurl");
	curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, o->per_host);
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, o->max_total);
	size_t pending = 0;
	for (size_t i = 0; i < l->count; i++) {
		link_entry *e = &l->items[i];
		if (e->answered)
			continue;
		e->easy = curl_easy_init();
		if (!e->easy)
			continue;
		setup_easy(e, o, false);
		curl_multi_add_handle(m, e->easy);
		pending++;
	}
	while (pending) {
		int running = 0, left = 0;
		if (curl_multi_perform(m, &running) != CURLM_OK)
			break;
		CURLMsg *msg;
		while ((msg = curl_multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			link_entry *e = NULL;
			CURLcode result = msg->data.result;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&e);
			if (finish(e, result, o, m)) {
				curl_multi_remove_handle(m, e->easy);
				pending--;
			}
		}
		if (pending && curl_multi_poll(m, NULL, 0, 1000, NULL) != CURLM_OK)
			break;
	}
	for (size_t i = 0; i < l->count; i++)
		if (l->items[i].easy) {
			curl_multi_remove_handle(m, l->items[i].easy);
			curl_easy_cleanup(l->items[i].easy);
			l->items[i].easy = NULL;
		}
	curl_multi_cleanup(m);
	return 0;
}

/* ---- findings ---- */

static void report(const link_entry *e, folio_diags *diags)
{
	for (size_t i = 0; i < e->nplaces; i++) {
		const place *p = &e->places[i];
		if (e->status == 429)
			folio_diags_add(diags, FOLIO_RULE_LINK_EXTERNAL_DEAD, p->path, p->line, p->column,
			                "the server limits requests; check again later",
			                "link \"%s\" was not checked: HTTP 429 too many requests", e->url);
		else if (e->status >= 400)
			folio_diags_add(diags, FOLIO_RULE_LINK_EXTERNAL_DEAD, p->path, p->line, p->column,
			                "fix or remove the link, or link to an archived copy",
			                "link \"%s\" answers HTTP %ld", e->url, e->status);
		else if (!e->answered)
			folio_diags_add(diags, FOLIO_RULE_LINK_EXTERNAL_DEAD, p->path, p->line, p->column,
			                "a network failure may be passing; check again later",
			                "link \"%s\" could not be reached: %s", e->url, e->error);
	}
}

int folio_linkcheck_site(const folio_site *site, const folio_linkcheck_options *opts,
                         folio_diags *diags)
{
	folio_linkcheck_options defaults = FOLIO_LINKCHECK_OPTIONS_INIT;
	const folio_linkcheck_options *o = opts ? opts : &defaults;
	link_list l = { 0 };
	sqlite3 *db = NULL;
	int rc;

	gather(&l, site);
	if (!l.count)
		return 0;
	if ((rc = cache_open(&db, o->cache_path)) < 0)
		goto done;
	cache_lookup(db, &l, o->ttl_seconds);
	if ((rc = fetch(&l, o)) < 0)
		goto done;
	for (size_t i = 0; i < l.count; i++) {
		if (!l.items[i].from_cache)
			cache_store(db, &l.items[i]);
		report(&l.items[i], diags);
	}
done:
	sqlite3_close(db);
	for (size_t i = 0; i < l.count; i++) {
		free(l.items[i].url);
		free(l.items[i].places);
	}
	free(l.items);
	return rc;
}
