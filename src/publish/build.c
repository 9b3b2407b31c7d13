/*
 * Full builds. The new site is written into "<out>.tmp-folio-<pid>" and
 * exchanged with <out> by renameat2(RENAME_EXCHANGE), so <out> is always
 * either the whole old site or the whole new one.
 */
#include "folio/build.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "folio/render.h"
#include "folio/site.h"
#include "folio/validate.h"
#include "output.h"
#include "publish/remote.h"
#include "util/alloc.h"
#include "util/beneath.h"
#include "util/clock.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/banned.h"

int folio__swap_dir(const char *tmp, const char *out)
{
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE) == 0) {
		folio__fault_step();
		return folio_fs_rm_rf(tmp); /* tmp now holds the old site */
	}
	if (errno != ENOENT)
		return folio_error_set("cannot replace '%s' with '%s': %s", out, tmp, strerror(errno));
	if (rename(tmp, out) < 0)
		return folio_error_set("cannot rename '%s' to '%s': %s", tmp, out, strerror(errno));
	folio__fault_step();
	return 0;
}

const char folio__output_marker_text[] =
	"This directory is a folio output: folio build and folio watch replace and delete\n"
	"anything in it. folio refuses to write into a non-empty directory without this file.\n";
const size_t folio__output_marker_len = sizeof(folio__output_marker_text) - 1;

char *folio__output_normalize(const char *out)
{
	if (!folio_s3_is_url(out))
		return folio_fs_normalize(out);
	size_t len = strlen(out); /* "s3://b/site/" is "s3://b/site": messages append "/path" */
	while (len > 5 && out[len - 1] == '/')
		len--;
	return folio_xstrndup(out, len);
}

static int s3_claim(const char *url)
{
	folio_s3 *s = NULL;
	int rc = folio_s3_open(&s, url);
	if (rc == 0)
		rc = folio_s3_claim(s, folio__output_marker_text, folio__output_marker_len);
	folio_s3_free(s);
	return rc;
}

int folio__output_mark(const char *dir)
{
	char *path = folio_fs_join(dir, FOLIO_OUTPUT_MARKER);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	int rc = 0;
	if (fd < 0 || write(fd, folio__output_marker_text, folio__output_marker_len) !=
	                  (ssize_t)folio__output_marker_len)
		rc = folio_error_set("cannot write '%s': %s", path, strerror(errno));
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = folio_error_set("cannot close '%s': %s", path, strerror(errno));
	free(path);
	return rc;
}

int folio__output_claim(const char *out)
{
	struct stat sb;
	if (folio_s3_is_url(out))
		return s3_claim(out);
	if (lstat(out, &sb) < 0)
		return errno == ENOENT ? 0 : folio_error_set("cannot read output '%s': %s", out, strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return folio_error_set("output '%s' is not a directory; remove it or choose another folder", out);
	/* the usual case first, one lstat (every publish asks, the fast path too) */
	char *path = folio_fs_join(out, FOLIO_OUTPUT_MARKER);
	bool marked = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode); /* not a link to a file elsewhere */
	free(path);
	if (marked)
		return 0;
	DIR *d = opendir(out);
	if (!d)
		return folio_error_set("cannot read output '%s': %s", out, strerror(errno));
	bool empty = true;
	struct dirent *e;
	while (empty && (e = readdir(d)))
		empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	closedir(d);
	if (empty)
		return folio__output_mark(out);
	folio_error_set("output '%s' is not empty and not a folio output (no %s in it): folio would "
	                "replace what it holds; empty it or choose another folder (an output of a "
	                "folio older than this check: create %s/%s)", out, FOLIO_OUTPUT_MARKER, out,
	                FOLIO_OUTPUT_MARKER);
	return FOLIO_EEXISTS;
}

char *folio__temp_dir_for(const char *out)
{
	return folio_xasprintf("%s.tmp-folio-%ld", out, (long)getpid());
}

static char *parent_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? folio_xstrndup(path, (size_t)(slash - path + (slash == path))) : folio_xstrdup(".");
}

int folio__load_valid(folio_site **out, folio_source *src, int jobs, const folio_limits *limits,
                      folio_diags *diags)
{
	folio_site_options so = FOLIO_SITE_OPTIONS_INIT;
	so.jobs = jobs;
	so.limits = limits;
	return folio__load_valid_with(out, src, &so, diags);
}

void folio__validate_site(const folio_site *site, folio_diags *diags)
{
	folio_outputs plan;
	folio_outputs_init(&plan);
	folio_render_plan(&plan, site);
	folio_validate_site(site, &plan, diags);
	folio_outputs_dispose(&plan);
}

int folio__load_valid_with(folio_site **out, folio_source *src, const folio_site_options *so,
                           folio_diags *diags)
{
	folio_site *site = NULL;
	*out = NULL;
	int rc = folio_site_load(&site, src, so);
	if (rc < 0)
		return rc;
	folio_diags_move(diags, folio_site_diags_mut(site));
	if (folio_site_config(site))
		folio__validate_site(site, diags);
	folio_diags_sort(diags);
	if (folio_diags_count(diags, FOLIO_SEVERITY_ERROR) || !folio_site_config(site)) {
		folio_site_free(site);
		return FOLIO_EINVALID;
	}
	*out = site;
	return 0;
}

int folio__write_sink(folio_output *o, size_t index, void *payload)
{
	folio__tree_writer *w = payload;
	int rc = w->hashes ? folio__output_sha256(w->hashes[index], o) : 0;
	/* w->dir is a staging tree; o->path stays beneath it, whatever it holds */
	if (rc == 0)
		rc = folio_beneath_write_new_with(w->dir, o->path, folio__output_fill, o);
	folio__keep_or_free(w->kept, o, index);
	folio__fault_step();
	return rc;
}

int folio__sync_tree(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return folio_error_set("cannot open '%s': %s", dir, strerror(errno));
	int rc = syncfs(fd) < 0 ? folio_error_set("cannot sync '%s': %s", dir, strerror(errno)) : 0;
	close(fd);
	return rc;
}

/*
 * The one full build into a directory, for folio build and for a publish
 * that starts afresh: every output rendered into a staging tree beside out,
 * the marker written, the tree synced, swapped in whole, and the swap made
 * durable (the parent directory synced).
 */
int folio__build_tree(folio_renderer *renderer, const char *out, int jobs,
                      char (*hashes)[FOLIO_SHA256_HEX], folio__kept *kept)
{
	char *parent = parent_of(out), *tmp = folio__temp_dir_for(out);
	folio__tree_writer w = { tmp, hashes, kept };
	int rc;
	if ((rc = folio_fs_mkdir_p(parent)) < 0 || (rc = folio_fs_rm_rf(tmp)) < 0 ||
	    (rc = folio_fs_mkdir_p(tmp)) < 0 ||
	    (rc = folio_renderer_render_to(renderer, NULL, jobs, folio__write_sink, &w)) < 0 ||
	    (rc = folio__output_mark(tmp)) < 0 || (rc = folio__sync_tree(tmp)) < 0 ||
	    (rc = folio__swap_dir(tmp, out)) < 0) {
		folio_fs_rm_rf(tmp);
		goto done;
	}
	rc = folio_fs_fsync_dir(parent);
done:
	free(parent);
	free(tmp);
	return rc;
}

/* The full build into object storage: uploads what the store does not hold yet. */
static int build_remote(folio_build_stats *stats, folio_renderer *renderer, const char *url, int jobs)
{
	folio__remote r;
	int rc = folio__remote_open(&r, url, NULL);
	if (rc == 0)
		rc = folio__remote_full(&r, renderer, jobs, NULL, NULL, &stats->written, &stats->deleted);
	folio__remote_dispose(&r);
	folio_outputs *plan = folio_renderer_outputs(renderer);
	for (size_t i = 0; i < plan->count; i++)
		stats->pages += plan->items[i].kind == FOLIO_UNIT_PAGE;
	stats->files = plan->count;
	stats->unchanged = stats->files - stats->written;
	return rc;
}

int folio_build(folio_build_stats *stats, folio_source *src, const folio_build_options *opts,
                folio_diags *diags)
{
	double start = folio_clock_seconds();
	folio_site *site = NULL;
	folio_renderer *renderer = NULL;
	char *out = folio__output_normalize(opts->out_dir); /* "DIR/": the staging tree goes beside DIR, not in it */
	char *scratch = folio_s3_is_url(out) ? NULL : parent_of(out);
	int rc;

	memset(stats, 0, sizeof(*stats));
	/* every output is written once: the pages' text and HTML need not stay
	 * in memory; their HTML waits in a scratch file beside the output (the
	 * file system that receives as much), else in $TMPDIR */
	folio_site_options so = FOLIO_SITE_OPTIONS_INIT;
	so.jobs = opts->jobs;
	so.limits = opts->limits;
	so.stream = true;
	so.spill_html = true;
	so.spill_dir = scratch;
	so.unsigned_pages = true; /* no state records what lists show of a page */
	if ((rc = folio__load_valid_with(&site, src, &so, diags)) < 0)
		goto done;
	folio_site_drop_checks(site); /* validated, and no state records links or anchors */
	if ((rc = folio_renderer_new(&renderer, site)) < 0)
		goto done;
	if ((rc = folio__output_claim(out)) < 0)
		goto done;
	if (folio_s3_is_url(out)) {
		rc = build_remote(stats, renderer, out, opts->jobs);
		goto done;
	}
	if ((rc = folio__build_tree(renderer, out, opts->jobs, NULL, NULL)) < 0)
		goto done;

	folio_outputs *plan = folio_renderer_outputs(renderer);
	for (size_t i = 0; i < plan->count; i++)
		stats->pages += plan->items[i].kind == FOLIO_UNIT_PAGE;
	stats->files = stats->written = plan->count;
	size_t spilled, read_back, again;
	folio_site_html_counts(site, &spilled, &read_back, &again);
	folio_log(FOLIO_LOG_DEBUG, "build", "pages' HTML: %zu in the scratch file, %zu read back, "
	          "%zu rendered again", spilled, read_back, again);
	size_t paginations, entries;
	folio_renderer_pagination_counts(renderer, &paginations, &entries);
	folio_log(FOLIO_LOG_DEBUG, "build", "list pages: %zu paginations, %zu entries built", paginations,
	          entries);
done:
	if (rc == FOLIO_EINVALID) /* outputs past a budget: findings, nothing swapped in */
		folio_renderer_move_diags(renderer, diags);
	stats->seconds = folio_clock_seconds() - start;
	free(out);
	free(scratch);
	folio_renderer_free(renderer);
	folio_site_free(site);
	return rc;
}
