/*
 * folio init DIR: start a site. Writes a commented folio.yaml, one
 * collection ("pages") with its schema and template, a first page and a
 * README (folio/scaffold.h): a site that passes `folio check` as it is.
 * When DIR is a Git repository (its top folder), installs the pre-commit
 * hook (hooks/pre-commit, built into folio), so every commit is checked.
 * Never replaces a file. Exit 0, or 2 when something cannot be written.
 */
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "exit.h"
#include "cmd_init_baseline.h"
#include "folio/folio.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/banned.h"

extern const char folio_cli_hook_pre_commit[]; /* hooks/pre-commit, generated */

static const char synopsis[] = "[--from hugo|jekyll [--config FILES] [--force] [--baseline]] DIR";
static const char description[] =
	"Start a new site in DIR (made if missing): a commented folio.yaml (every\n"
	"key is in docs/config.md), one collection \"pages\" with its schema\n"
	"(schemas/pages.json) and template (templates/page.mustache), a first page\n"
	"and a README. The site passes `folio check` as it is; `folio new pages\n"
	"\"A title\"` adds a page. When DIR is a Git repository (git init DIR first),\n"
	"folio's pre-commit hook is installed, so that each commit is checked.\n"
	"No file is ever replaced: DIR must not hold a site already.\n"
	"\n"
	"With --from hugo or --from jekyll, DIR is an existing Hugo or Jekyll site:\n"
	"folio.yaml (its title, address, language and collections from the\n"
	"generator's configuration and content folders) and one schema per\n"
	"collection, inferred from the pages' front matter, are written beside it,\n"
	"and nothing else is touched: the pages, images and configuration stay as\n"
	"they are, and folio's built-in templates are used until templates/ has\n"
	"some. It says what it found and what does not map (docs/migrating.md).\n"
	"An existing folio.yaml or schema is replaced only with --force.\n"
	"A Jekyll site built with `jekyll build --config _config.yml,_config.nl.yml`\n"
	"is read the same way with --config _config.yml,_config.nl.yml.\n"
	"With --baseline, the site is then checked, and each error it already has\n"
	"(its generator published the page anyway) is made a warning on that page\n"
	"only, in a rules: block at the end of folio.yaml: the site builds as it\n"
	"did, and every defect is still reported until it is fixed. Errors of\n"
	"locked rules (paths, sizes, scripts) are never set aside: such a page\n"
	"is left out (exclude:, the rule and line beside it) until it is fixed,\n"
	"as is, of two pages at one address, the one named.\n"
	"Exit status: 0 when the site is written, 2 otherwise.";

typedef struct {
	const char *dir;
	bool force;       /* replace files (folio init --from --force) */
	const char *from; /* "hugo", "jekyll" or NULL */
	const char *configs; /* --config: Jekyll's files, "a.yml,b.yml", or NULL */
	bool said;        /* a callback has printed why it stopped */
	bool baseline;    /* folio init --from --baseline */
} init_job;

/* The folders of path below the site's folder (from), made when missing:
 * -ELOOP when one is a symbolic link (a site's schemas -> ../elsewhere,
 * through which init wrote outside the folder it was given). */
static int make_parents(const char *path, size_t from)
{
	char *dir = folio_xstrdup(path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		struct stat st; /* the folder given may be a link: the user named it */
		int e = (size_t)(p - dir) > from && lstat(dir, &st) == 0 ? (S_ISLNK(st.st_mode) ? ELOOP : 0)
		        : mkdir(dir, 0755) < 0 && errno != EEXIST ? errno : 0;
		if (e) {
			free(dir);
			return -e;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/* Write one file of the site, never replacing one. */
static int write_file(const char *rel, const char *data, size_t len, void *payload)
{
	init_job *job = payload;
	char *path = folio_xasprintf("%s/%s", job->dir, rel);
	int rc = make_parents(path, strlen(job->dir));
	if (rc >= 0 && job->force) {
		/* a file replaced whole or not at all */
		if (folio_fs_write_atomic(path, data, len, false) < 0) {
			fprintf(stderr, _("folio init: cannot write %s: %s\n"), path, folio_error_last());
			free(path);
			return -1;
		}
		free(path);
		return 0;
	}
	int fd = rc < 0 ? -1 : open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, _("folio init: cannot create %s: %s\n"), path,
		        strerror(rc < 0 ? -rc : errno));
		free(path);
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		done += (size_t)n;
	}
	if (close(fd) < 0 || done < len) {
		fprintf(stderr, _("folio init: cannot write %s: %s\n"), path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

/* Before anything is written: a file of the new site that exists already
 * stops init, so that it never leaves half a site beside someone's files. */
static int refuse_existing(const char *rel, const char *data, size_t len, void *payload)
{
	init_job *job = payload;
	(void)data;
	(void)len;
	if (job->force)
		return 0;
	char *path = folio_xasprintf("%s/%s", job->dir, rel);
	int exists = access(path, F_OK) == 0;
	job->said |= exists;
	if (exists)
		fprintf(stderr, _("folio init: %s already exists; nothing was written\n"
		        "  hint: %s\n"), path, job->from
		        ? _("--force replaces folio.yaml and the schemas (never a page)")
		        : _("init starts a site in an empty folder (or a new repository)"));
	free(path);
	return exists ? -1 : 0;
}

/* hooks/pre-commit with this folio's path written in, as install-hooks.sh does. */
static char *hook_text(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	const char *folio = "folio";
	if (n > 0 && !memchr(self, '|', (size_t)n)) {
		self[n] = '\0';
		folio = self;
	}
	folio_buf b = FOLIO_BUF_INIT;
	const char *t = folio_cli_hook_pre_commit, *at;
	while ((at = strstr(t, "${FOLIO:-@FOLIO@}"))) {
		folio_buf_put(&b, t, (size_t)(at - t));
		folio_buf_printf(&b, "${FOLIO:-%s}", folio);
		t = at + strlen("${FOLIO:-@FOLIO@}");
	}
	folio_buf_puts(&b, t);
	return folio_buf_detach(&b, NULL);
}

/*
 * When dir is the top folder of a Git repository, install the pre-commit
 * hook there: 1 when installed, 0 when dir is no repository, -1 on failure.
 */
static int install_hook(const char *dir)
{
	git_libgit2_init();
	git_repository *repo = NULL;
	git_buf hooks = { 0 };
	int rc = 0;
	/* exactly dir: a site made inside another repository's folder is not that repository */
	if (git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 ||
	    git_repository_is_bare(repo))
		goto done;
	rc = -1;
	if (git_repository_item_path(&hooks, repo, GIT_REPOSITORY_ITEM_HOOKS) < 0) {
		fprintf(stderr, _("folio init: %s\n"), git_error_last()->message);
		goto done;
	}
	char *path = folio_xasprintf("%s%spre-commit", hooks.ptr,
	                             hooks.size && hooks.ptr[hooks.size - 1] == '/' ? "" : "/");
	char *text = hook_text();
	mkdir(hooks.ptr, 0755);
	FILE *fp = fopen(path, "wx");
	if (!fp) {
		fprintf(stderr, _("folio init: cannot install %s: %s\n"), path, strerror(errno));
	} else {
		bool ok = fputs(text, fp) >= 0;
		ok &= fclose(fp) == 0;
		ok &= chmod(path, 0755) == 0;
		if (ok) {
			printf(_("installed %s\n"), path);
			rc = 1;
		} else {
			fprintf(stderr, _("folio init: cannot write %s: %s\n"), path, strerror(errno));
		}
	}
	free(text);
	free(path);
done:
	git_buf_dispose(&hooks);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}

/*
 * A site made in a folder of a Git repository (a project's docs/ or
 * website/) is published from the repository when the top's folio.yaml
 * names that folder: say what to write, never write it (the repository may
 * be a home folder's, or hold a site of its own).
 */
static void say_site_folder(const char *dir)
{
	git_libgit2_init();
	git_repository *repo = NULL;
	char *top = NULL, *here = realpath(dir, NULL);
	if (here && git_repository_open_ext(&repo, dir, 0, NULL) == 0 && !git_repository_is_bare(repo) &&
	    git_repository_workdir(repo) && (top = realpath(git_repository_workdir(repo), NULL))) {
		size_t n = strlen(top);
		if (!strncmp(here, top, n) && here[n] == '/' && here[n + 1])
			printf(_("%s is the folder %s of the Git repository at %s: to publish the site from a commit "
			         "of it, write \"site_folder: %s\" alone in %s/folio.yaml (docs/config.md, "
			         "\"A site in a folder\")\n"), dir, here + n + 1, top, here + n + 1, top);
	}
	git_error_clear();
	git_repository_free(repo);
	git_libgit2_shutdown();
	free(top);
	free(here);
}

/* folio.yaml and the schemas over a Hugo or Jekyll tree (folio/migrate.h). */
static int init_from(init_job *job)
{
	folio_migrate_from from;
	if (!strcmp(job->from, "hugo")) {
		from = FOLIO_FROM_HUGO;
	} else if (!strcmp(job->from, "jekyll")) {
		from = FOLIO_FROM_JEKYLL;
	} else {
		fprintf(stderr, _("folio init: --from must be hugo or jekyll, not \"%s\"\n"), job->from);
		return FOLIO_EXIT_USAGE;
	}
	folio_buf notes = FOLIO_BUF_INIT;
	int rc = folio_migrate(from, job->dir, job->configs, refuse_existing, job, &notes);
	if (rc < 0 && !job->said)
		fprintf(stderr, _("folio init: %s\n"), folio_error_last());
	folio_buf_clear(&notes);
	if (rc >= 0)
		rc = folio_migrate(from, job->dir, job->configs, write_file, job, &notes);
	if (rc >= 0)
		fputs(notes.size ? notes.ptr : "", stdout);
	if (rc >= 0 && job->baseline)
		rc = folio_cli_init_baseline(job->dir);
	if (rc >= 0) {
		printf(_("wrote %s/folio.yaml from the %s site: `folio check --worktree %s` checks it, "
		       "`folio build --worktree %s --out public` builds it\n"), job->dir, job->from,
		       job->dir, job->dir);
		say_site_folder(job->dir);
	}
	folio_buf_dispose(&notes);
	return rc >= 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
}

int cmd_init(int argc, char **argv)
{
	const char *from = NULL, *configs = NULL;
	bool force = false, baseline = false;
	const folio_opt opts[] = {
		{ "from", FOLIO_OPT_STRING, &from, "hugo|jekyll",
		  "DIR is a Hugo or Jekyll site: write folio.yaml and schemas beside it" },
		{ "config", FOLIO_OPT_STRING, &configs, "FILES",
		  "with --from jekyll: its configuration files, read in turn as jekyll build --config" },
		{ "force", FOLIO_OPT_FLAG, &force, NULL,
		  "with --from: replace an existing folio.yaml and schemas" },
		{ "baseline", FOLIO_OPT_FLAG, &baseline, NULL,
		  "with --from: the errors the site has today become warnings on their pages" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	char *pos[1];
	int npos = 0;
	int r = folio_opts_parse("init", synopsis, description, opts, argc, argv, pos, 1, &npos);
	if (r != 0)
		return r > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (npos != 1 || !*pos[0]) {
		fprintf(stderr, _("usage: folio init %s\n"), synopsis);
		return FOLIO_EXIT_USAGE;
	}
	char *dir = folio_xstrdup(pos[0]);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	char *config = folio_xasprintf("%s/folio.yaml", dir);
	init_job job = { dir, force && from, from, configs, false, baseline };
	int rc = FOLIO_EXIT_USAGE;
	if (baseline && !from) {
		fprintf(stderr, _("folio init: --baseline goes with --from: a new site has no errors\n"));
		goto done;
	}
	if (configs && (!from || strcmp(from, "jekyll"))) {
		fprintf(stderr, _("folio init: --config goes with --from jekyll: Hugo's configuration is found "
		                  "in the site's folder\n"));
		goto done;
	}
	if (force && !from) {
		fprintf(stderr, _("folio init: --force goes with --from: a new site never replaces a file\n"));
		goto done;
	}
	if (from) {
		rc = init_from(&job);
		goto done;
	}
	if (access(config, F_OK) == 0) {
		fprintf(stderr, _("folio init: %s already exists: %s holds a site\n"), config, dir);
		goto done;
	}
	if (folio_scaffold_site(refuse_existing, &job) < 0 ||
	    folio_scaffold_site(write_file, &job) < 0) /* makes dir and its parents */
		goto done;
	if (install_hook(dir) < 0)
		goto done;
	printf(_("started a site in %s: `folio check --worktree %s` checks it, "
	       "`folio new --site %s pages \"A title\"` adds a page\n"), dir, dir, dir);
	say_site_folder(dir);
	rc = FOLIO_EXIT_OK;
done:
	free(config);
	free(dir);
	return rc;
}
