/*
 * folio new COLLECTION TITLE: start a page. Run in a site (or --site DIR),
 * it writes <folder>/<slug>.md, the slug transliterated from the title,
 * with front matter from the collection's schema: what it requires, with
 * placeholders of the right type, and each field's description as a
 * comment (folio/scaffold.h). Prints the new file's path on stdout; never
 * replaces a file. Exit 0, 1 when folio.yaml has errors, 2 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "exit.h"
#include "folio/folio.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"

static const char synopsis[] = "[--site DIR] COLLECTION TITLE";
static const char description[] =
	"Start a page of COLLECTION titled TITLE: write <folder>/<slug>.md in the\n"
	"site (the current directory, or --site DIR), where folio.yaml puts the\n"
	"collection. The slug is the title transliterated to ASCII (\"Journée d'étude\n"
	"à Lille\" gives journee-d-etude-a-lille). The front matter follows the\n"
	"collection's schema: each required field with a placeholder of its type\n"
	"(\"TODO\" for text, today for a date), the field's description as a comment\n"
	"above it, optional fields commented out. Fill the placeholders in, then\n"
	"`folio check --worktree .` says what is still missing. Prints the new\n"
	"file's path. An existing file is never replaced.\n"
	"Exit status: 0 when written, 1 when folio.yaml has errors, 2 otherwise.";

/* No collection named name: say which exist, the closest first. */
static void unknown_collection(const folio_config *cfg, const char *name)
{
	const char **names = calloc(cfg->ncollections + 1, sizeof(*names));
	if (!names)
		return;
	for (size_t i = 0; i < cfg->ncollections; i++)
		names[i] = cfg->collections[i].name;
	const char *best = folio_closest(name, names);
	fprintf(stderr, _("folio new: no collection is named \"%s\"\n"), name);
	if (best) {
		fprintf(stderr, _("  hint: did you mean \"%s\"?\n"), best);
	} else {
		fprintf(stderr, _("  hint: folio.yaml has:"));
		for (size_t i = 0; names[i]; i++)
			fprintf(stderr, "%s %s", i ? "," : "", names[i]);
		fprintf(stderr, "\n");
	}
	free(names);
}

/* The collection's schema as JSON, NULL when it has none or it cannot be read. */
static json_t *read_schema(folio_source *src, const folio_collection *c)
{
	char *path = c->schema ? folio_xasprintf("schemas/%s", c->schema)
	                       : folio_xasprintf("schemas/%s.json", c->name);
	folio_buf b = FOLIO_BUF_INIT;
	json_t *schema = NULL;
	if (folio_source_read(&b, src, path) == 0) {
		json_error_t err;
		schema = json_loadb(b.ptr, b.size, 0, &err);
		if (!schema)
			fprintf(stderr, _("folio new: warning: %s:%d: not valid JSON (%s); the page gets "
			        "its title only\n"), path, err.line, err.text);
	}
	folio_error_clear();
	folio_buf_dispose(&b);
	free(path);
	return schema;
}

/* Create path with data, never replacing a file; its folder is made if needed. */
static int write_new_file(const char *path, const char *data)
{
	char *dir = folio_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		for (char *p = dir + 1; *p; p++) { /* mkdir -p */
			if (*p != '/')
				continue;
			*p = '\0';
			mkdir(dir, 0755);
			*p = '/';
		}
		mkdir(dir, 0755);
	}
	free(dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	size_t len = strlen(data), done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			unlink(path);
			return -e;
		}
		done += (size_t)n;
	}
	return close(fd) < 0 ? -errno : 0;
}

static void today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int cmd_new(int argc, char **argv)
{
	const char *site = NULL;
	const folio_opt opts[] = {
		{ "site", FOLIO_OPT_STRING, &site, "DIR", "the site's folder (default: the current one)" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	char *pos[2];
	int npos = 0;
	int r = folio_opts_parse("new", synopsis, description, opts, argc, argv, pos, 2, &npos);
	if (r != 0)
		return r > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (npos != 2 || !*pos[1]) {
		fprintf(stderr, _("usage: folio new %s\n"), synopsis);
		return FOLIO_EXIT_USAGE;
	}
	int rc = FOLIO_EXIT_USAGE;
	folio_source *src = NULL;
	folio_config *cfg = NULL;
	json_t *schema = NULL;
	char *slug = NULL, *rel = NULL, *path = NULL, *text = NULL;
	folio_buf b = FOLIO_BUF_INIT;
	folio_diags diags;
	folio_diags_init(&diags);

	if (folio_site_open_dir(&src, site ? site : ".") < 0 ||
	    folio_source_read(&b, src, "folio.yaml") < 0) {
		fprintf(stderr, _("folio new: %s\n  hint: run it in a site (where folio.yaml is), give "
		        "--site DIR, or start one with folio init DIR\n"), folio_error_last());
		goto done;
	}
	folio_config_parse(&cfg, b.ptr, b.size, "folio.yaml", &diags);
	if (!cfg) {
		folio_diags_print_text(stderr, &diags);
		rc = FOLIO_EXIT_CONTENT;
		goto done;
	}
	const folio_collection *c = folio_config_collection(cfg, pos[0]);
	if (!c) {
		unknown_collection(cfg, pos[0]);
		goto done;
	}
	schema = read_schema(src, c);
	if (folio_scaffold_slug(&slug, pos[1]) < 0) {
		fprintf(stderr, _("folio new: %s\n"), folio_error_last());
		goto done;
	}
	char day[11];
	today(day);
	text = folio_scaffold_page(c, schema, pos[1], day);
	rel = folio_xasprintf("%s/%s.md", c->folder, slug);
	path = site ? folio_xasprintf("%s/%s", site, rel) : folio_xstrdup(rel);
	int err = write_new_file(path, text);
	if (err == -EEXIST) {
		fprintf(stderr, _("folio new: %s already exists; it is left as it is\n"
		        "  hint: edit it, or give another title\n"), path);
		goto done;
	}
	if (err < 0) {
		fprintf(stderr, _("folio new: cannot create %s: %s\n"), path, strerror(-err));
		goto done;
	}
	printf("%s\n", path);
	if (strstr(text, "\"TODO\""))
		fprintf(stderr, _("folio new: fill in the placeholders (\"TODO\"), then "
		        "`folio check --worktree %s` says what is still missing\n"), site ? site : ".");
	rc = FOLIO_EXIT_OK;
done:
	free(text);
	free(path);
	free(rel);
	free(slug);
	json_decref(schema);
	folio_config_free(cfg);
	folio_diags_dispose(&diags);
	folio_buf_dispose(&b);
	folio_source_free(src);
	return rc;
}
