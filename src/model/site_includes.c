/*
 * Jekyll's _includes/: the files a page's {% include name %} names, read
 * for its Markdown (folio_markdown_options.include_of) and named in its
 * dependencies (render_deps.c), so that a commit changing only an include
 * renders its pages again. The folder is listed once, at the first
 * include asked (under a lock: bodies are parsed on threads); a file is
 * read once and its text kept while the kept texts stay under
 * INCLUDES_KEPT bytes (an include used by 2,000 pages is one copy). A
 * name that leaves the folder (.., an absolute path), a symbolic link and
 * a file over the page file limit are refused, never read.
 *
 * Jekyll's {% include_relative %} asks a file of the site by its path,
 * "/docs/x.md" (markdown.c resolves it from the page's folder): looked up
 * in the source's listing the first time, kept in a tree of its own by
 * path (its id for the page's dependencies), read and refused by the same
 * rules. Both lookups take a logarithm: a pusher chooses how many paths
 * pages ask (1,000 a page), and a walk of the page's folder up to each, or
 * of every path asked before, made 100 pages of 1,000 missing names take
 * 24 s of CPU to check, and one page 5 s beside 200,000 files (t495).
 */
#include <pthread.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>

#include "folio/path.h"
#include "folio/source.h"
#include "model/site_internal.h"
#include "util/alloc.h"
#include "util/banned.h"

#define INCLUDES_DIR "_includes/"
#define INCLUDES_KEPT ((size_t)32 << 20)

typedef struct {
	char *path, *id;
	bool link;
	char *text; /* kept, once read (NULL: not read, or not kept) */
	size_t len;
} include_file;

struct folio_site__includes {
	pthread_mutex_t lock;
	bool listed;
	include_file *files; /* path order, as the source lists them */
	size_t n, alloc;
	void *rel; /* tsearch()'s tree of the include_file * include_relative asked, by path */
	size_t kept;
};

static void rel_free(void *p)
{
	include_file *f = p;
	free(f->path);
	free(f->id);
	free(f->text);
	free(f);
}

static int rel_cmp(const void *a, const void *b)
{
	return strcmp(((const include_file *)a)->path, ((const include_file *)b)->path);
}

folio_site__includes *folio_site__includes_new(void)
{
	folio_site__includes *inc = folio_xcalloc(1, sizeof(*inc));
	pthread_mutex_init(&inc->lock, NULL);
	return inc;
}

void folio_site__includes_free(folio_site__includes *inc)
{
	if (!inc)
		return;
	for (size_t i = 0; i < inc->n; i++) {
		free(inc->files[i].path);
		free(inc->files[i].id);
		free(inc->files[i].text);
	}
	free(inc->files);
	tdestroy(inc->rel, rel_free);
	pthread_mutex_destroy(&inc->lock);
	free(inc);
}

static int list_entry(const folio_entry *e, void *payload)
{
	folio_site__includes *inc = payload;
	if (e->type != FOLIO_ENTRY_FILE && e->type != FOLIO_ENTRY_SYMLINK)
		return 0;
	FOLIO_ARRAY_GROW(inc->files, inc->n, inc->alloc, inc->n + 1);
	inc->files[inc->n++] = (include_file){ folio_xstrdup(e->path), folio_xstrdup(e->id),
	                                       e->type == FOLIO_ENTRY_SYMLINK, NULL, 0 };
	return 0;
}

static int rel_entry(const folio_entry *e, void *payload)
{
	include_file *f = payload;
	if (e->type == FOLIO_ENTRY_FILE || e->type == FOLIO_ENTRY_SYMLINK) {
		f->id = folio_xstrdup(e->id ? e->id : "");
		f->link = e->type == FOLIO_ENTRY_SYMLINK;
	}
	return 0;
}

/* The site's file at path for include_relative, looked up once (id NULL:
 * none). Under inc->lock. */
static include_file *find_relative(folio_site *site, const char *path, const char **why)
{
	folio_site__includes *inc = site->includes;
	if (folio_path_check(path, strlen(path))) {
		*why = "is no plain path within the site";
		return NULL;
	}
	include_file key = { (char *)path, NULL, false, NULL, 0 };
	include_file *const *found = tfind(&key, &inc->rel, rel_cmp);
	include_file *f = found ? *found : NULL;
	if (!f) {
		f = folio_xcalloc(1, sizeof(*f));
		f->path = folio_xstrdup(path);
		int rc = folio_source_find(site->src, path, rel_entry, f);
		if (rc < 0 && rc != FOLIO_ENOTFOUND)
			*why = "cannot be read: its folder cannot be listed";
		if (!tsearch(f, &inc->rel, rel_cmp))
			abort(); /* out of memory, as folio_xmalloc() ends */
	}
	if (!f->id) {
		if (!*why)
			*why = "is not in the site";
		return NULL;
	}
	return f;
}

/* The entry of name, listing the folder first; NULL and *why when there
 * is none. Under inc->lock. */
static include_file *find(folio_site *site, const char *name, const char **why)
{
	folio_site__includes *inc = site->includes;
	if (name[0] == '/')
		return find_relative(site, name + 1, why);
	if (!inc->listed) {
		inc->listed = true;
		if (folio_source_foreach(site->src, INCLUDES_DIR, list_entry, inc) < 0) {
			*why = "cannot be read: the folder _includes/ cannot be listed";
			return NULL;
		}
	}
	char *path = folio_xasprintf(INCLUDES_DIR "%s", name);
	include_file *f = NULL;
	if (folio_path_check(path, strlen(path)) || strstr(name, "..")) {
		*why = "is no plain path below _includes/";
	} else {
		size_t lo = 0, hi = inc->n; /* listed in byte order */
		while (lo < hi && !f) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(inc->files[mid].path, path);
			if (!c)
				f = &inc->files[mid];
			else if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (!f)
			*why = "is not in _includes/";
	}
	free(path);
	return f;
}

char *folio_site__include_text(folio_site *site, const char *name, size_t *len, const char **why)
{
	folio_site__includes *inc = site->includes;
	char *text = NULL;
	*len = 0;
	pthread_mutex_lock(&inc->lock);
	include_file *f = find(site, name, why);
	if (f && f->link) {
		*why = "is a symbolic link, which folio does not follow";
	} else if (f && f->text) {
		text = folio_xstrndup(f->text, f->len);
		*len = f->len;
	} else if (f) {
		folio_buf b = FOLIO_BUF_INIT;
		size_t size = 0;
		int rc = folio_source_read_within(&b, site->src, f->path, site->opts.max_file_size, &size);
		if (rc == FOLIO_EINVALID) {
			*why = "is larger than a page file may be";
		} else if (rc < 0) {
			*why = "cannot be read";
		} else if (memchr(b.ptr, '\0', b.size)) {
			*why = "is not text";
		} else {
			*len = b.size;
			if (inc->kept + b.size <= INCLUDES_KEPT) {
				f->text = folio_xstrndup(b.ptr, b.size);
				f->len = b.size;
				inc->kept += b.size;
			}
			text = folio_buf_detach(&b, NULL);
		}
		folio_buf_dispose(&b);
	}
	pthread_mutex_unlock(&inc->lock);
	return text;
}

const char *folio_site_include_id(const folio_site *cs, const char *name)
{
	folio_site *site = (folio_site *)cs; /* the listing is made once, under the lock */
	const char *why = NULL;
	pthread_mutex_lock(&site->includes->lock);
	include_file *f = find(site, name, &why);
	pthread_mutex_unlock(&site->includes->lock);
	return f ? f->id : NULL;
}
