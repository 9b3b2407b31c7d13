/*
 * Publishing into object storage (see remote.h). The store has no rename:
 * a reader sees each object as soon as it is uploaded, so the order of
 * uploads is what keeps the site whole, and nothing is uploaded before the
 * whole render has succeeded (a budget finding, a full spool disk).
 */
#include "publish/remote.h"

#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/common.h"
#include "output.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/search.h"
#include "util/banned.h"

/* Spools of runs that were killed (the caller holds the state's lock). */
static void remove_old_spools(const char *parent)
{
	DIR *d = opendir(parent);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, "folio-spool-", 12))
			continue;
		char *path = folio_fs_join(parent, e->d_name);
		folio_fs_rm_rf(path);
		free(path);
	}
	if (d)
		closedir(d);
}

int folio__remote_open(folio__remote *r, const char *url, const char *spool_parent)
{
	memset(r, 0, sizeof(*r));
	int rc = folio_s3_open(&r->s3, url);
	if (rc < 0)
		return rc;
	const char *tmp = getenv("TMPDIR");
	if (spool_parent)
		remove_old_spools(spool_parent);
	else
		spool_parent = tmp && *tmp ? tmp : "/tmp";
	char *templ = folio_xasprintf("%s/folio-spool-XXXXXX", spool_parent);
	if (!mkdtemp(templ)) {
		rc = folio_error_set("cannot make a spool directory '%s': %s", templ, strerror(errno));
		free(templ);
		return rc;
	}
	r->spool = templ;
	return 0;
}

void folio__remote_dispose(folio__remote *r)
{
	if (r->s3) { /* what the store was asked, retries included: throttling shows here */
		folio_s3_counts c = folio_s3_counts_get(r->s3);
		if (c.puts + c.deletes + c.gets + c.lists)
			folio_log(FOLIO_LOG_INFO, "s3", "%zu PUT, %zu DELETE, %zu GET and %zu list requests"
			          " (%zu retries)", c.puts, c.deletes, c.gets, c.lists, c.retries);
	}
	if (r->spool)
		folio_fs_rm_rf(r->spool);
	free(r->spool);
	folio_s3_free(r->s3);
	memset(r, 0, sizeof(*r));
}

int folio__remote_stage(folio__remote *r, char **file_out, size_t i, const folio_output *o)
{
	char name[32];
	snprintf(name, sizeof(name), "%zu", i); /* flat: an output's path says nothing here */
	char *file = folio_fs_join(r->spool, name);
	int rc = folio_fs_write_new_with(file, folio__output_fill, (void *)o);
	if (rc < 0) {
		free(file);
		return rc;
	}
	*file_out = file;
	return 0;
}

/* Reader order: what a page links to before the page, pages before what
 * links to them, the sitemap's parts before sitemap.xml, which names them. */
static int phase_of(const folio_output *o)
{
	if (o->kind == FOLIO_UNIT_SITEMAP && !o->number)
		return 3;
	return o->kind == FOLIO_UNIT_STATIC ? 0 : o->kind == FOLIO_UNIT_PAGE ? 1 : 2;
}

int folio__remote_upload(folio__remote *r, const folio_outputs *plan, char **staged, size_t *uploaded)
{
	folio_s3_object *objs = folio_xcalloc(plan->count ? plan->count : 1, sizeof(*objs));
	int rc = 0;
	*uploaded = 0;
	for (int phase = 0; rc == 0 && phase < 4; phase++) {
		size_t n = 0;
		for (size_t i = 0; i < plan->count; i++)
			if (staged[i] && phase_of(&plan->items[i]) == phase)
				objs[n++] = (folio_s3_object){ plan->items[i].path, staged[i], NULL, 0 };
		if (n && (rc = folio_s3_put_all(r->s3, objs, n)) == 0)
			*uploaded += n;
	}
	free(objs);
	return rc;
}

/* ---- the full build ---- */

typedef struct {
	folio__remote *r;
	const folio_outputs *plan;
	const folio_s3_entry *held; /* what the store holds, sorted */
	size_t nheld;
	char **staged;
	char (*hashes)[FOLIO_SHA256_HEX];
	folio__kept *kept;
} full_sink;

static const folio_s3_entry *held(const full_sink *f, const char *path)
{
	/* rel is an entry's first member */
	return folio_search(f->held, f->nheld, sizeof(*f->held), path, folio_search_cmp_str);
}

/* Stage output i unless the store holds its bytes already (a rerun, a
 * state lost: nothing is uploaded twice). */
static int full_write(folio_output *o, size_t i, void *payload)
{
	full_sink *f = payload;
	int rc = f->hashes ? folio__output_sha256(f->hashes[i], o) : 0;
	const folio_s3_entry *e = held(f, o->path);
	char md5[FOLIO_MD5_HEX] = "";
	if (e && rc == 0)
		rc = folio__output_md5(md5, o);
	if (rc == 0 && (!e || strcmp(e->etag, md5)))
		rc = folio__remote_stage(f->r, &f->staged[i], i, o);
	folio__keep_or_free(f->kept, o, i);
	return rc;
}

int folio__remote_full(folio__remote *r, folio_renderer *renderer, int jobs,
                       char (*hashes)[FOLIO_SHA256_HEX], folio__kept *kept, size_t *uploaded,
                       size_t *deleted)
{
	const folio_outputs *plan = folio_renderer_outputs(renderer);
	full_sink f = { .r = r, .plan = plan, .hashes = hashes, .kept = kept };
	char **gone = NULL;
	size_t ngone = 0;
	folio_s3_entry *entries = NULL;
	size_t nentries = 0;
	int rc;

	*uploaded = *deleted = 0;
	f.staged = folio_xcalloc(plan->count ? plan->count : 1, sizeof(*f.staged));
	if ((rc = folio_s3_list(r->s3, &entries, &nentries)) < 0)
		goto done;
	f.held = entries;
	f.nheld = nentries;
	if ((rc = folio_renderer_render_to(renderer, NULL, jobs, full_write, &f)) < 0 ||
	    (rc = folio__remote_upload(r, plan, f.staged, uploaded)) < 0)
		goto done;
	/* what the store holds beyond the new site, the marker excepted */
	gone = folio_xmalloc((nentries ? nentries : 1) * sizeof(*gone));
	for (size_t i = 0; i < nentries; i++) {
		const char *rel = entries[i].rel;
		if (strcmp(rel, FOLIO_OUTPUT_MARKER) &&
		    !folio_search(plan->items, plan->count, sizeof(*plan->items), rel, folio_search_cmp_str))
			gone[ngone++] = entries[i].rel;
	}
	if (ngone)
		rc = folio_s3_delete_all(r->s3, gone, ngone);
	*deleted = ngone;
done:
	for (size_t i = 0; i < plan->count; i++)
		free(f.staged[i]);
	free(f.staged);
	free(gone);
	folio_s3_entries_free(entries, nentries);
	return rc;
}
