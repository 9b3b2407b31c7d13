/* folio build: render a commit (or a directory) of a site. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "exit.h"
#include "folio/folio.h"
#include "util/banned.h"

static const char synopsis[] =
	"[--repo PATH] [--rev REV | --worktree DIR] [--out DIR] [--state DIR [--full] [--explain]] [--jobs N]";
static const char description[] =
	"Validate a site and render it into an output directory. The site is read\n"
	"from a commit of a Git repository (default: HEAD of the current directory)\n"
	"or from a plain directory with --worktree. Nothing is written when the site\n"
	"has errors. Without --state the new output replaces the old one in one\n"
	"atomic step; with --state the build is incremental: only the outputs whose\n"
	"inputs changed since the published commit are rendered, only changed files\n"
	"are written, and the result is what a full build would write. --out must be\n"
	"missing, empty, or a folio output (it holds the marker file .folio-output):\n"
	"folio refuses to replace a directory it did not write.\n"
	"\n"
	"--out s3://BUCKET/PREFIX publishes into S3-compatible object storage instead\n"
	"(docs/server.md): endpoint, region and keys come from AWS_ENDPOINT_URL,\n"
	"AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Only objects whose\n"
	"bytes changed are uploaded, in an order that keeps the site whole: static\n"
	"files, pages, then lists, feeds, index.json and the sitemap; deletions last.";

/* Open the site's source from the usual --repo/--rev/--worktree options. */
int folio_cli_open_source(folio_source **out, const char *repo, const char *rev, const char *worktree)
{
	if (worktree)
		return folio_site_open_dir(out, worktree);
	return folio_site_open_git(out, repo ? repo : ".", rev ? rev : "HEAD");
}

/*
 * --deliver: publish, then send the due partner deliveries once, the
 * state's lock held across both (the publish finds it held and keeps it),
 * so no other publish runs between. The publish enqueued them; sending is
 * deliver/'s, which the publisher does not call.
 */
static int publish_and_deliver(folio_build_stats *st, folio_source *src, folio_publish_options *po,
                               const char *secrets, folio_diags *diags)
{
	folio_state *state = NULL;
	int rc = folio_state_open(&state, po->state_dir);
	if (rc < 0)
		return rc;
	if ((rc = folio_state_lock(state)) == 0) {
		po->state = state;
		rc = folio_publish(st, src, po, diags);
	}
	if (rc == 0) {
		folio_deliver_options dopts = FOLIO_DELIVER_OPTIONS_INIT;
		dopts.secrets_file = secrets;
		dopts.partner_allow = getenv("FOLIO_PARTNER_ALLOW"); /* as folio deliveries reads it */
		int sent = folio_deliver_run(state, &dopts);
		rc = sent < 0 ? sent : 0;
	}
	folio_state_unlock(state);
	folio_state_close(state);
	return rc;
}

int cmd_build(int argc, char **argv)
{
	const char *repo = NULL, *rev = NULL, *worktree = NULL, *out = "public", *state = NULL;
	int jobs = 0;
	bool quiet = false, full = false, explain = false, deliver = false;
	const char *secrets = NULL;
	folio_limits limits;
	folio_limits_init(&limits);
	const folio_opt opts[] = {
		{ "repo", FOLIO_OPT_STRING, &repo, "PATH", "Git repository of the site (default: .)" },
		{ "rev", FOLIO_OPT_STRING, &rev, "REV", "commit to build (default: HEAD)" },
		{ "worktree", FOLIO_OPT_STRING, &worktree, "DIR", "build a plain directory instead of a commit" },
		{ "out", FOLIO_OPT_STRING, &out, "DIR", "output directory or s3://BUCKET/PREFIX (default: public)" },
		{ "state", FOLIO_OPT_STRING, &state, "DIR", "state directory: publish incrementally" },
		{ "full", FOLIO_OPT_FLAG, &full, NULL, "with --state: render everything" },
		{ "explain", FOLIO_OPT_FLAG, &explain, NULL, "with --state: say why each output is rendered" },
		{ "deliver", FOLIO_OPT_FLAG, &deliver, NULL,
		  "with --state: then send due partner deliveries once (to URLs $FOLIO_PARTNER_ALLOW allows)" },
		{ "secrets-file", FOLIO_OPT_STRING, &secrets, "FILE", "partner secrets (name=whsec_..., mode 0600)" },
		{ "jobs", FOLIO_OPT_INT, &jobs, "N", "threads (default: one per core)" },
		{ "limit", FOLIO_OPT_LIMIT, &limits, "NAME=VALUE",
		  "set a budget (repeatable; docs/security.md lists them); folio.yaml may only lower it" },
		{ "quiet", FOLIO_OPT_FLAG, &quiet, NULL, "print only findings and errors" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	int rc = folio_opts_parse("build", synopsis, description, opts, argc, argv, NULL, 0, NULL);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	/* Blocks of 1 MiB and more mapped on their own: index.json's text (58 MB
	 * at 100k pages) then grows by mremap, where glibc's moving threshold
	 * kept it in the heap and left its smaller copies resident behind it
	 * (a 100k build's peak RSS: 610 -> 592 MiB; BENCHMARKS.md). */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	if ((deliver || full || explain) && !state) {
		fprintf(stderr, _("folio build: --deliver, --full and --explain need --state\n"));
		return FOLIO_EXIT_USAGE;
	}
	if (worktree && (repo || rev)) {
		fprintf(stderr, _("folio build: --worktree cannot be combined with --repo or --rev\n"));
		return FOLIO_EXIT_USAGE;
	}

	folio_source *src = NULL;
	if (folio_cli_open_source(&src, repo, rev, worktree) < 0) {
		fprintf(stderr, _("folio build: %s\n"), folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	folio_build_options bo = FOLIO_BUILD_OPTIONS_INIT;
	bo.out_dir = out;
	bo.jobs = jobs;
	bo.limits = &limits;
	folio_build_stats st;
	folio_diags diags;
	folio_diags_init(&diags);
	if (state) {
		folio_publish_options po = FOLIO_PUBLISH_OPTIONS_INIT;
		po.out_dir = out;
		po.state_dir = state;
		po.jobs = jobs;
		po.full = full;
		po.explain = explain ? stdout : NULL;
		po.limits = &limits;
		po.exiting = true; /* one publish, then the process ends */
		rc = deliver ? publish_and_deliver(&st, src, &po, secrets, &diags)
		             : folio_publish(&st, src, &po, &diags);
	} else {
		rc = folio_build(&st, src, &bo, &diags);
	}
	folio_diags_prefix(&diags, folio_source_root(src)); /* as the repository names them */
	folio_diags_print_text(stderr, &diags);
	size_t errors = folio_diags_count(&diags, FOLIO_SEVERITY_ERROR);
	int exit_code = FOLIO_EXIT_OK;
	if (rc == FOLIO_EINVALID) {
		fprintf(stderr, _("folio build: %zu error%s; nothing written to %s\n"), errors,
		        folio_i18n_singular(folio_i18n_cli_language(), errors) ? "" : "s", out);
		exit_code = FOLIO_EXIT_CONTENT;
	} else if (rc == FOLIO_EEXISTS) {
		fprintf(stderr, _("folio build: %s\n"), folio_error_last());
		exit_code = FOLIO_EXIT_USAGE;
	} else if (rc < 0) {
		fprintf(stderr, _("folio build: %s\n"), folio_error_last());
		exit_code = FOLIO_EXIT_USAGE;
	} else if (!quiet) {
		/* a commit abbreviated, a worktree's folder whole */
		const char *commit = folio_source_commit(src);
		char abbrev[13];
		if (commit)
			snprintf(abbrev, sizeof(abbrev), "%s", commit);
		const char *from = commit ? abbrev : worktree;
		bool s3 = !strncmp(out, "s3://", 5); /* counted as objects uploaded, not files */
		if (s3 && state)
			printf(_("published %s into %s: %zu pages rendered, %zu objects uploaded, %zu unchanged,"
			       " %zu deleted, in %.3f s%s\n"), from, out, st.pages,
			       st.written, st.unchanged, st.deleted, st.seconds, st.fast ? _(" (fast path)") : "");
		else if (s3)
			printf(_("built %zu pages (%zu files) from %s into %s: %zu objects uploaded, %zu "
			       "unchanged, %zu deleted, in %.3f s\n"), st.pages, st.files,
			       from, out, st.written, st.unchanged, st.deleted, st.seconds);
		else if (state)
			printf(_("published %s into %s/: %zu pages rendered, %zu files written, %zu unchanged,"
			       " %zu deleted, in %.3f s%s\n"), from, out, st.pages,
			       st.written, st.unchanged, st.deleted, st.seconds,
			       st.fast ? _(" (fast path)") : "");
		else
			printf(_("built %zu pages (%zu files) from %s into %s/ in %.3f s\n"), st.pages,
			       st.files, from, out, st.seconds);
	}
	folio_diags_dispose(&diags);
	folio_source_free(src);
	return exit_code;
}
