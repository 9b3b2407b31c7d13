/* folio notify: wake a running folio watch (called by hooks/post-receive). */
#include <stdio.h>

#include "cmd.h"
#include "exit.h"
#include "folio/daemon.h"
#include "folio/folio.h"
#include "util/banned.h"

static const char synopsis[] = "--socket PATH [--quiet]";
static const char description[] =
	"Tell the folio daemon listening on the Unix socket PATH to look at the\n"
	"repository now. Exits 2 when no daemon listens there; the post-receive\n"
	"hook ignores that, as the daemon re-checks when it starts.";

int cmd_notify(int argc, char **argv)
{
	const char *socket_path = NULL;
	bool quiet = false;
	const folio_opt opts[] = {
		{ "socket", FOLIO_OPT_STRING, &socket_path, "PATH", "the daemon's socket (folio watch --socket)" },
		{ "quiet", FOLIO_OPT_FLAG, &quiet, NULL, "print nothing when no daemon listens" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	int rc = folio_opts_parse("notify", synopsis, description, opts, argc, argv, NULL, 0, NULL);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (!socket_path) {
		fprintf(stderr, "folio notify: --socket is required\n");
		return FOLIO_EXIT_USAGE;
	}
	if ((rc = folio_daemon_notify(socket_path)) < 0) {
		if (!quiet || rc != FOLIO_ENOTFOUND)
			fprintf(stderr, "folio notify: %s\n", folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	return FOLIO_EXIT_OK;
}
