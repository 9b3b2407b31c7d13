/*
 * The persistent site model: each page's record and the reverse indexes
 * (records.h). A record is made from a parsed page the way validation and
 * rendering read it, so that a later commit can judge and list the page
 * without parsing its blob:
 *  - links as check_internal() looks them up (validate_links.c): the path part
 *    percent-decoded with a trailing slash, the fragment apart; front
 *    matter strings under the site's base URL are links too;
 *  - references as the schema's x-folio-ref sees them: the schema is run
 *    over the front matter with a ref_exists that notes each one asked
 *    (every branch of anyOf/oneOf included: a reference recorded that a
 *    branch did not need only makes a change re-check one page more);
 *  - ISBNs as check_duplicate_isbns() compares them: the 13 digits of the
 *    isbn field.
 */
#include "publish/records.h"

#include <stdlib.h>
#include <string.h>

#include "folio/isbn.h"
#include "folio/schema.h"
#include "publish/state_db.h"
#include "model/layout.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"

/* ---- a record from a page ---- */

typedef struct {
	const folio_config *cfg;
	folio_record *r;
	size_t alinks, arefs;
} record_builder;

/* Note an internal target ("/people/x/#bio") as validation would look it up. */
static void add_link(record_builder *b, const char *target)
{
	const char *hash = strchr(target, '#');
	size_t n = hash ? (size_t)(hash - target) : strlen(target);
	if (!n)
		return; /* "#x": the page itself */
	char *path = folio_xstrndup(target, n);
	folio_percent_decode(path); /* as validation reads a link's path */
	size_t len = strlen(path);
	if (folio_layout_is_generated(b->cfg, path)) {
		free(path);
		return;
	}
	folio_record *r = b->r;
	FOLIO_ARRAY_GROW(r->links, r->nlinks, b->alinks, r->nlinks + 1);
	folio_record_link *l = &r->links[r->nlinks++];
	l->url = len && path[len - 1] != '/' ? folio_xasprintf("%s/", path) : folio_xstrdup(path);
	l->anchor = folio_xstrdup(hash ? hash + 1 : "");
	free(path);
}

static void add_meta_link(const char *pointer, const char *s, void *payload)
{
	record_builder *b = payload;
	(void)pointer;
	const char *base = b->cfg->base_url;
	size_t n = strlen(base);
	if (!strncmp(s, base, n) && (s[n] == '/' || !s[n]))
		add_link(b, s[n] ? s + n : "/");
}

static bool note_ref(const char *collection, const char *slug, void *payload)
{
	record_builder *b = payload;
	folio_record *r = b->r;
	FOLIO_ARRAY_GROW(r->refs, r->nrefs, b->arefs, r->nrefs + 1);
	r->refs[r->nrefs].collection = folio_xstrdup(collection);
	r->refs[r->nrefs++].slug = folio_xstrdup(slug);
	return true; /* as if it existed: the schema goes on to the next one */
}

static int cmp_link(const void *a, const void *b)
{
	const folio_record_link *x = a, *y = b;
	int c = strcmp(x->url, y->url);
	return c ? c : strcmp(x->anchor, y->anchor);
}

static int cmp_ref(const void *a, const void *b)
{
	const folio_record_ref *x = a, *y = b;
	int c = strcmp(x->collection, y->collection);
	return c ? c : strcmp(x->slug, y->slug);
}

/* Sort and drop repeats: the tables hold each link and reference once. */
static void unique_links(folio_record *r)
{
	size_t kept = 0;
	if (r->nlinks < 2)
		return; /* and qsort() is never given NULL */
	qsort(r->links, r->nlinks, sizeof(*r->links), cmp_link);
	for (size_t i = 0; i < r->nlinks; i++) {
		if (kept && !cmp_link(&r->links[kept - 1], &r->links[i])) {
			free(r->links[i].url);
			free(r->links[i].anchor);
			continue;
		}
		r->links[kept++] = r->links[i];
	}
	r->nlinks = kept;
}

static void unique_refs(folio_record *r)
{
	size_t kept = 0;
	if (r->nrefs < 2)
		return;
	qsort(r->refs, r->nrefs, sizeof(*r->refs), cmp_ref);
	for (size_t i = 0; i < r->nrefs; i++) {
		if (kept && !cmp_ref(&r->refs[kept - 1], &r->refs[i])) {
			free(r->refs[i].collection);
			free(r->refs[i].slug);
			continue;
		}
		r->refs[kept++] = r->refs[i];
	}
	r->nrefs = kept;
}

static void collect_refs(record_builder *b, const folio_site *site, const folio_page *p)
{
	const folio_schema *schema = p->section ? NULL : folio_site_schema(site, p->collection);
	if (!schema)
		return;
	folio_schema_findings f;
	folio_schema_options opts = FOLIO_SCHEMA_OPTIONS_INIT;
	opts.ref_exists = note_ref;
	opts.payload = b;
	opts.assert_formats = false;
	opts.key_kind = folio_schedule_key_kind_for(b->cfg && b->cfg->jekyll_rules); /* as validate.c */
	folio_schema_findings_init(&f);
	folio_schema_validate(&f, schema, folio_page_meta(p), &opts);
	folio_schema_findings_dispose(&f);
	unique_refs(b->r);
}

static char *dup_or_null(const char *s)
{
	return s ? folio_xstrdup(s) : NULL;
}

void folio_record_of(folio_record *out, const folio_site *site, const folio_page *p)
{
	memset(out, 0, sizeof(*out));
	record_builder b = { folio_site_config(site), out, 0, 0 };
	out->path = folio_xstrdup(p->path);
	out->id = folio_xstrdup(p->id);
	out->collection = folio_xstrdup(p->collection->name);
	out->slug = folio_xstrdup(p->slug);
	out->url = folio_xstrdup(p->url);
	out->lang = dup_or_null(p->lang);
	out->meta = json_dumps(folio_page_meta(p), JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!out->meta)
		out->meta = folio_xstrdup("{}");
	out->title = folio_xstrdup(p->title ? p->title : "");
	out->date = dup_or_null(p->date);
	out->summary = folio_xstrdup(p->md.summary ? p->md.summary : "");
	memcpy(out->sig, p->sig, sizeof(out->sig));
	out->sort_field = folio_xstrdup(p->collection->sort_field);
	json_t *sort = folio_page_meta_get(p, p->collection->sort_field);
	out->sort_value = sort ? json_dumps(sort, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	out->section = p->section;
	out->status = (int)p->status;
	out->draft = p->schedule.draft;
	out->has_publish = p->schedule.has_publish;
	out->has_expiry = p->schedule.has_expiry;
	out->publish_at = p->schedule.publish_at;
	out->expiry_at = p->schedule.expiry_at;
	for (size_t i = 0; i < p->md.nlinks; i++)
		if (p->md.links[i].kind == FOLIO_LINK_INTERNAL && p->md.links[i].resolved)
			add_link(&b, p->md.links[i].resolved);
	if (b.cfg && b.cfg->base_url)
		folio_json_foreach_string(folio_page_meta(p), add_meta_link, &b);
	unique_links(out);
	if (b.cfg)
		collect_refs(&b, site, p);
	json_t *isbn = folio_page_meta_get(p, "isbn");
	if (json_is_string(isbn)) {
		folio_isbn_info info;
		folio_isbn_parse(&info, json_string_value(isbn));
		if (info.digits13[0]) {
			out->isbns = folio_xmalloc(sizeof(*out->isbns));
			out->isbns[out->nisbns++] = folio_xstrdup(info.digits13);
		}
	}
}

void folio_record_dispose(folio_record *r)
{
	free(r->path);
	free(r->id);
	free(r->collection);
	free(r->slug);
	free(r->url);
	free(r->lang);
	free(r->meta);
	free(r->title);
	free(r->date);
	free(r->summary);
	free(r->sort_field);
	free(r->sort_value);
	for (size_t i = 0; i < r->nlinks; i++) {
		free(r->links[i].url);
		free(r->links[i].anchor);
	}
	free(r->links);
	for (size_t i = 0; i < r->nrefs; i++) {
		free(r->refs[i].collection);
		free(r->refs[i].slug);
	}
	free(r->refs);
	for (size_t i = 0; i < r->nisbns; i++)
		free(r->isbns[i]);
	free(r->isbns);
	memset(r, 0, sizeof(*r));
}

/* ---- the tables ---- */

enum { W_RECORD, W_LINKS_OFF, W_LINK, W_REFS_OFF, W_REF, W_ISBNS_OFF, W_ISBN, W_REMOVE, W_COUNT };

static const char *const writer_sql[W_COUNT] = {
	[W_RECORD] = "INSERT OR REPLACE INTO records(path, blob_id, collection, slug, url, lang, meta,"
	             " title, date, summary, sig, section, status, draft, publish_at, expiry_at,"
	             " sort_field, sort_value) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[W_LINKS_OFF] = "DELETE FROM record_links WHERE path = ?",
	[W_LINK] = "INSERT OR IGNORE INTO record_links(path, url, anchor) VALUES(?, ?, ?)",
	[W_REFS_OFF] = "DELETE FROM record_refs WHERE path = ?",
	[W_REF] = "INSERT OR IGNORE INTO record_refs(path, collection, slug) VALUES(?, ?, ?)",
	[W_ISBNS_OFF] = "DELETE FROM record_isbns WHERE path = ?",
	[W_ISBN] = "INSERT OR IGNORE INTO record_isbns(path, isbn) VALUES(?, ?)",
	[W_REMOVE] = "DELETE FROM records WHERE path = ?",
};

struct folio_records_writer {
	folio_state *st;
	sqlite3_stmt *s[W_COUNT];
	bool fresh; /* every record deleted first: no old rows to delete per path */
};

static int db_fail(folio_state *st, const char *what)
{
	return folio_error_set("state %s/state.sqlite: %s: %s", folio_state_dir(st), what,
	                       sqlite3_errmsg(folio_state_db(st)));
}

int folio_records_writer_open(folio_records_writer **out, folio_state *st, bool replace_all)
{
	folio_records_writer *w = folio_xcalloc(1, sizeof(*w));
	int rc = 0;
	w->st = st;
	w->fresh = replace_all;
	*out = NULL;
	if (replace_all)
		rc = folio_state_exec(st, "DELETE FROM records; DELETE FROM record_links;"
		                          " DELETE FROM record_refs; DELETE FROM record_isbns;");
	for (int i = 0; rc == 0 && i < W_COUNT; i++)
		if (sqlite3_prepare_v2(folio_state_db(st), writer_sql[i], -1, &w->s[i], NULL) != SQLITE_OK)
			rc = db_fail(st, "cannot prepare the records");
	if (rc < 0) {
		folio_records_writer_close(w);
		return rc;
	}
	*out = w;
	return 0;
}

void folio_records_writer_close(folio_records_writer *w)
{
	if (!w)
		return;
	for (int i = 0; i < W_COUNT; i++)
		sqlite3_finalize(w->s[i]);
	free(w);
}

/* Run statement k with text parameters (NULL binds NULL). */
static int run(folio_records_writer *w, int k, int n, const char *const *texts)
{
	sqlite3_stmt *s = w->s[k];
	sqlite3_reset(s);
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(s, i + 1, texts[i], -1, SQLITE_STATIC);
	return sqlite3_step(s) == SQLITE_DONE ? 0 : db_fail(w->st, "cannot write a record");
}

static int clear_path(folio_records_writer *w, const char *path)
{
	int rc = 0;
	for (int k = W_LINKS_OFF; rc == 0 && k <= W_ISBNS_OFF; k += 2)
		rc = run(w, k, 1, &path);
	return rc;
}

static void bind_time(sqlite3_stmt *s, int i, bool has, long long at)
{
	if (has)
		sqlite3_bind_int64(s, i, at);
	else
		sqlite3_bind_null(s, i);
}

int folio_records_put(folio_records_writer *w, const folio_record *r)
{
	sqlite3_stmt *s = w->s[W_RECORD];
	int rc = w->fresh ? 0 : clear_path(w, r->path);
	if (rc < 0)
		return rc;
	const char *texts[] = { r->path, r->id, r->collection, r->slug, r->url, r->lang, r->meta,
	                        r->title, r->date, r->summary, r->sig };
	sqlite3_reset(s);
	for (int i = 0; i < 11; i++)
		sqlite3_bind_text(s, i + 1, texts[i], -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 12, r->section);
	sqlite3_bind_int(s, 13, r->status);
	sqlite3_bind_int(s, 14, r->draft);
	bind_time(s, 15, r->has_publish, r->publish_at);
	bind_time(s, 16, r->has_expiry, r->expiry_at);
	sqlite3_bind_text(s, 17, r->sort_field, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 18, r->sort_value, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return db_fail(w->st, "cannot write a record");
	for (size_t i = 0; rc == 0 && i < r->nlinks; i++)
		rc = run(w, W_LINK, 3, (const char *const[]){ r->path, r->links[i].url, r->links[i].anchor });
	for (size_t i = 0; rc == 0 && i < r->nrefs; i++)
		rc = run(w, W_REF, 3, (const char *const[]){ r->path, r->refs[i].collection, r->refs[i].slug });
	for (size_t i = 0; rc == 0 && i < r->nisbns; i++)
		rc = run(w, W_ISBN, 2, (const char *const[]){ r->path, r->isbns[i] });
	return rc;
}

int folio_records_put_page(folio_records_writer *w, const folio_site *site, const folio_page *p)
{
	folio_record r;
	folio_record_of(&r, site, p);
	int rc = folio_records_put(w, &r);
	folio_record_dispose(&r);
	return rc;
}

int folio_records_remove(folio_records_writer *w, const char *path)
{
	int rc = clear_path(w, path);
	return rc < 0 ? rc : run(w, W_REMOVE, 1, &path);
}

/* ---- reading ---- */

static char *column(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? folio_xstrdup((const char *)t) : NULL;
}

/* Every row's first column of sql run with the text parameters. */
static int strings(folio_state *st, const char *sql, int n, const char *const *params,
                   char ***out, size_t *count)
{
	sqlite3_stmt *s = NULL;
	size_t alloc = 0;
	int step;
	*out = NULL;
	*count = 0;
	if (sqlite3_prepare_v2(folio_state_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return db_fail(st, "cannot read the records");
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(s, i + 1, params[i], -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		FOLIO_ARRAY_GROW(*out, *count, alloc, *count + 1);
		(*out)[(*count)++] = column(s, 0);
	}
	sqlite3_finalize(s);
	if (step == SQLITE_DONE)
		return 0;
	for (size_t i = 0; i < *count; i++)
		free((*out)[i]);
	free(*out);
	*out = NULL;
	*count = 0;
	return db_fail(st, "cannot read the records");
}

static int read_links(folio_state *st, folio_record *r)
{
	char **urls = NULL, **anchors = NULL;
	size_t n = 0, m = 0;
	int rc = strings(st, "SELECT url FROM record_links WHERE path = ? ORDER BY url, anchor", 1,
	                 (const char *const[]){ r->path }, &urls, &n);
	if (rc == 0)
		rc = strings(st, "SELECT anchor FROM record_links WHERE path = ? ORDER BY url, anchor", 1,
		             (const char *const[]){ r->path }, &anchors, &m);
	r->links = folio_xcalloc(n ? n : 1, sizeof(*r->links));
	for (size_t i = 0; i < n; i++) {
		r->links[i].url = urls[i];
		r->links[i].anchor = i < m ? anchors[i] : folio_xstrdup("");
	}
	for (size_t i = n; i < m; i++)
		free(anchors[i]);
	r->nlinks = n;
	free(urls);
	free(anchors);
	return rc;
}

static int read_refs(folio_state *st, folio_record *r)
{
	char **colls = NULL, **slugs = NULL;
	size_t n = 0, m = 0;
	int rc = strings(st, "SELECT collection FROM record_refs WHERE path = ? ORDER BY collection, slug",
	                 1, (const char *const[]){ r->path }, &colls, &n);
	if (rc == 0)
		rc = strings(st, "SELECT slug FROM record_refs WHERE path = ? ORDER BY collection, slug", 1,
		             (const char *const[]){ r->path }, &slugs, &m);
	r->refs = folio_xcalloc(n ? n : 1, sizeof(*r->refs));
	for (size_t i = 0; i < n; i++) {
		r->refs[i].collection = colls[i];
		r->refs[i].slug = i < m ? slugs[i] : folio_xstrdup("");
	}
	for (size_t i = n; i < m; i++)
		free(slugs[i]);
	r->nrefs = n;
	free(colls);
	free(slugs);
	return rc;
}

int folio_record_get(folio_state *st, const char *path, folio_record *out)
{
	sqlite3_stmt *s = NULL;
	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(folio_state_db(st), "SELECT path, blob_id, collection, slug, url, lang, meta,"
	                       " title, date, summary, sig, section, status, draft, publish_at, expiry_at,"
	                       " sort_field, sort_value FROM records WHERE path = ?", -1, &s, NULL) != SQLITE_OK)
		return db_fail(st, "cannot read the records");
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	if (step != SQLITE_ROW) {
		sqlite3_finalize(s);
		return step == SQLITE_DONE ? FOLIO_ENOTFOUND : db_fail(st, "cannot read the records");
	}
	char **text[] = { &out->path, &out->id, &out->collection, &out->slug, &out->url, &out->lang,
	                  &out->meta, &out->title, &out->date, &out->summary };
	for (int i = 0; i < 10; i++)
		*text[i] = column(s, i);
	const unsigned char *sig = sqlite3_column_text(s, 10);
	snprintf(out->sig, sizeof(out->sig), "%s", sig ? (const char *)sig : "");
	out->section = sqlite3_column_int(s, 11);
	out->status = sqlite3_column_int(s, 12);
	out->draft = sqlite3_column_int(s, 13);
	out->has_publish = sqlite3_column_type(s, 14) != SQLITE_NULL;
	out->publish_at = sqlite3_column_int64(s, 14);
	out->has_expiry = sqlite3_column_type(s, 15) != SQLITE_NULL;
	out->expiry_at = sqlite3_column_int64(s, 15);
	out->sort_field = column(s, 16);
	out->sort_value = column(s, 17);
	sqlite3_finalize(s);
	int rc = read_links(st, out);
	if (rc == 0)
		rc = read_refs(st, out);
	if (rc == 0)
		rc = strings(st, "SELECT isbn FROM record_isbns WHERE path = ? ORDER BY isbn", 1,
		             (const char *const[]){ path }, &out->isbns, &out->nisbns);
	if (rc < 0)
		folio_record_dispose(out);
	return rc;
}

int folio_records_count(folio_state *st, size_t *n)
{
	sqlite3_stmt *s = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(folio_state_db(st), "SELECT count(*) FROM records", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return db_fail(st, "cannot count the records");
	}
	*n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return 0;
}

/*
 * The forms a link to the page at url is kept in (add_link() ends each
 * with '/'), as validation finds the page from them: /x/ by "/x/" and
 * "/x/index.html"; a page at a file's address, /x.html (ugly_urls), by
 * "/x.html" and by "/x" (folio_site_find_file_url()). forms[3] are freed
 * by the caller.
 */
static void link_forms(const char *url, char *forms[3])
{
	size_t n = strlen(url);
	if (n && url[n - 1] == '/') {
		forms[0] = folio_xstrdup(url);
		forms[1] = folio_xasprintf("%sindex.html/", url);
		forms[2] = folio_xstrdup(url);
	} else {
		forms[0] = folio_xasprintf("%s/", url);
		forms[1] = n > 5 && !strcmp(url + n - 5, ".html") ? folio_xasprintf("%.*s/", (int)(n - 5), url)
		                                                   : folio_xasprintf("%s/", url);
		forms[2] = folio_xasprintf("%s/", url);
	}
}

int folio_records_linking_to(folio_state *st, const char *url, char ***paths, size_t *n)
{
	char *forms[3];
	link_forms(url, forms);
	int rc = strings(st, "SELECT DISTINCT path FROM record_links WHERE url IN (?, ?, ?) ORDER BY path", 3,
	                 (const char *const *)forms, paths, n);
	for (int i = 0; i < 3; i++)
		free(forms[i]);
	return rc;
}

int folio_records_linking_with_anchor(folio_state *st, const char *url, const char *except, bool *any)
{
	char *forms[3], **paths = NULL;
	size_t n = 0;
	link_forms(url, forms);
	int rc = strings(st, "SELECT path FROM record_links WHERE url IN (?, ?, ?) AND anchor != '' AND path != ?"
	                     " LIMIT 1", 4, (const char *const[]){ forms[0], forms[1], forms[2], except }, &paths, &n);
	for (int i = 0; i < 3; i++)
		free(forms[i]);
	*any = rc < 0 || n > 0;
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	return rc;
}

int folio_records_referencing(folio_state *st, const char *collection, const char *slug,
                              char ***paths, size_t *n)
{
	return strings(st, "SELECT path FROM record_refs WHERE collection = ? AND slug = ? ORDER BY path", 2,
	               (const char *const[]){ collection, slug }, paths, n);
}

int folio_records_holding_isbn(folio_state *st, const char *isbn, char ***paths, size_t *n)
{
	return strings(st, "SELECT path FROM record_isbns WHERE isbn = ? ORDER BY path", 1,
	               (const char *const[]){ isbn }, paths, n);
}
