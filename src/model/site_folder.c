/*
 * A site kept in a folder of its repository: a project's docs/ (GitHub
 * Pages' /docs), website/ (a Hugo site beside the code), Jekyll's
 * `source: src`. The repository top's folio.yaml then holds one setting,
 * `site_folder: website`, and the site is read from that folder as if it
 * were the top, its own folio.yaml included (folio_source_reroot). Every
 * commit says it for itself, so a commit that moves the site into a
 * folder is read right, and a change outside the folder changes nothing.
 *
 * Only a folio.yaml whose text names site_folder is parsed here; any other
 * is left to the site's load, which reports its problems as usual.
 */
#include <string.h>

#include "folio/config.h"
#include "folio/path.h"
#include "folio/site.h"
#include "folio/yaml.h"
#include "util/alloc.h"
#include "util/banned.h"

static const char key[] = "site_folder";

/*
 * What the pointer's value at ptr cannot do, kept on src as a finding for
 * the site's load (folio_source_root_problem): the commit's content, not a
 * failure, so that a check says it as a finding (exit 1) and the daemon
 * judges the commit invalid once, instead of retrying it for ever.
 */
static void problem(folio_source *src, const folio_yaml_doc *doc, const char *ptr, const char *fmt,
                    const char *arg)
{
	unsigned line = 0, col = 0;
	if (doc)
		folio_yaml_position(doc, ptr, &line, &col);
	char *what = folio_xasprintf(fmt, arg);
	folio_source_set_root_problem(src, line, what);
	free(what);
}

/* The other key of a pointer, which it may not hold; NULL when none. */
static const char *other_key(json_t *root)
{
	const char *k;
	json_t *v;
	json_object_foreach(root, k, v) {
		if (strcmp(k, key))
			return k;
	}
	return NULL;
}

int folio_site_root(folio_source *src)
{
	folio_buf text = FOLIO_BUF_INIT;
	int rc = folio_source_read_within(&text, src, "folio.yaml", FOLIO_SITE_MAX_FILE_SIZE, NULL);
	if (rc == FOLIO_EINVALID)
		return 0; /* too large: the load refuses it unread */
	if (rc < 0 || !memmem(text.ptr, text.size, key, sizeof(key) - 1)) {
		folio_buf_dispose(&text);
		return rc == FOLIO_ENOTFOUND ? 0 : rc; /* no folio.yaml: the load says so */
	}
	folio_diags diags;
	folio_diags_init(&diags);
	folio_yaml_doc *doc = NULL;
	folio_yaml_parse_limited(&doc, text.ptr, text.size, "folio.yaml", 1, FOLIO_RULE_CONFIG_SYNTAX,
	                         text.size, &diags);
	folio_buf_dispose(&text);
	json_t *root = doc ? folio_yaml_root(doc) : NULL;
	json_t *v = json_is_object(root) ? json_object_get(root, key) : NULL;
	rc = 0;
	if (!v) {
		/* broken, or the word in a comment or a value: the load reports it */
	} else if (!json_is_string(v) || !json_string_length(v)) {
		problem(src, doc, "/site_folder", "%s: must name a folder of the repository, as \"docs\"", key);
	} else if (other_key(root)) {
		char *ptr = folio_xasprintf("/%s", other_key(root));
		problem(src, doc, ptr,
		        "this folio.yaml names the site's folder (site_folder:) and holds nothing else: "
		        "\"%s\" goes in the folder's own folio.yaml", other_key(root));
		free(ptr);
	} else if (json_string_value(v)[0] == '/') {
		problem(src, doc, "/site_folder", "site_folder: '%s' is a folder of the repository, named from "
		        "its top without a leading '/'", json_string_value(v));
	} else {
		/* "docs/" and "./docs" name docs */
		char *folder = folio_path_plain_folder(json_string_value(v));
		if ((rc = folio_source_reroot(src, folder)) == FOLIO_EINVALID || rc == FOLIO_ENOTFOUND) {
			problem(src, doc, "/site_folder", "site_folder: %s", folio_error_last());
			rc = 0;
		}
		free(folder);
	}
	folio_yaml_free(doc);
	folio_diags_dispose(&diags);
	return rc;
}

/* Root a source just opened; on failure it is freed and *out is NULL. */
static int rooted(folio_source **out, int rc)
{
	if (rc == 0 && (rc = folio_site_root(*out)) < 0) {
		folio_source_free(*out);
		*out = NULL;
	}
	return rc;
}

int folio_site_open_git(folio_source **out, const char *repo, const char *rev)
{
	return rooted(out, folio_source_open_git(out, repo, rev));
}

int folio_site_open_rev(folio_source **out, folio_source *base, const char *rev)
{
	return rooted(out, folio_source_open_rev(out, base, rev));
}

int folio_site_open_dir(folio_source **out, const char *dir)
{
	return rooted(out, folio_source_open_dir(out, dir));
}
