/* folio notify: wake a running folio watch (called by hooks/post-receive). */
#include <stdio.h>

#include "cmd.h"
#include "exit.h"
#include "folio/daemon.h"
#include "folio/folio.h"
#include "util/banned.h"

static const char synopsis[] = "--socket PATH [--quiet] | --preview-of REF [--branch NAME]";
static const char description[] =
	"Tell the folio daemon listening on the Unix socket PATH to look at the\n"
	"repository now. Exits 2 when no daemon listens there; the post-receive\n"
	"hook ignores that, as the daemon re-checks when it starts.\n"
	"With --preview-of, print instead the name of REF's branch preview (the\n"
	"daemon serves it at <FOLIO_PREVIEWS_URL>/<name>/) and exit 0, or exit 1\n"
	"when REF gets no preview (the published branch --branch, default main;\n"
	"a tag). hooks/post-receive prints each pushed branch's preview URL so.";

int cmd_notify(int argc, char **argv)
{
	const char *socket_path = NULL, *preview_of = NULL, *branch = "main";
	bool quiet = false;
	const folio_opt opts[] = {
		{ "socket", FOLIO_OPT_STRING, &socket_path, "PATH", "the daemon's socket (folio watch --socket)" },
		{ "quiet", FOLIO_OPT_FLAG, &quiet, NULL, "print nothing when no daemon listens" },
		{ "preview-of", FOLIO_OPT_STRING, &preview_of, "REF", "print the name of REF's preview, wake nobody" },
		{ "branch", FOLIO_OPT_STRING, &branch, "NAME", "the published branch, which has no preview (default main)" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	int rc = folio_opts_parse("notify", synopsis, description, opts, argc, argv, NULL, 0, NULL);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (preview_of) {
		char name[FOLIO_PREVIEW_NAME_MAX + 1];
		if (folio_daemon_preview_name(name, preview_of, branch) < 0)
			return FOLIO_EXIT_CONTENT;
		printf("%s\n", name);
		return FOLIO_EXIT_OK;
	}
	if (!socket_path) {
		fprintf(stderr, _("folio notify: --socket is required\n"));
		return FOLIO_EXIT_USAGE;
	}
	if ((rc = folio_daemon_notify(socket_path)) < 0) {
		if (!quiet || rc != FOLIO_ENOTFOUND)
			fprintf(stderr, _("folio notify: %s\n"), folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	return FOLIO_EXIT_OK;
}
