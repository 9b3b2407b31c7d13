/* folio serve: the live preview of a site's working copy. */
#include <stdio.h>

#include "cmd.h"
#include "exit.h"
#include "folio/folio.h"
#include "util/banned.h"

static const char synopsis[] = "[--listen ADDR] [--jobs N] [DIR]";
static const char description[] =
	"Preview a site as you write it, as hugo server does. The folder DIR (default:\n"
	"the current one) is built as it is on disk, uncommitted edits included, into\n"
	"a temporary folder, and served at http://127.0.0.1:1313/ (--listen HOST:PORT;\n"
	"port 0 takes a free one; the address is printed) with the site's base URL\n"
	"set to that address, so every link works. When a file under DIR is saved,\n"
	"created or removed (new folders included), the site is rebuilt, only the\n"
	"pages whose inputs changed, and the pages open in a browser reload.\n"
	"\n"
	"Findings are printed one per line and shown over the page: file:line, rule,\n"
	"message and hint. A site with errors keeps its last good pages, with the\n"
	"errors over them; fix the file and they go. Drafts, scheduled and expired\n"
	"pages are shown with a banner that says so; folio build and folio watch\n"
	"never publish them. The reload script, overlay and banner are added to the\n"
	"pages as they are served, never to the built files.\n"
	"\n"
	"Only this machine can connect by default (127.0.0.1). Ctrl-C (or SIGTERM)\n"
	"stops it and removes the temporary folder.";

int cmd_serve(int argc, char **argv)
{
	folio_serve_options so = FOLIO_SERVE_OPTIONS_INIT;
	const char *listen = so.listen;
	int jobs = 0;
	folio_limits limits;
	folio_limits_init(&limits);
	const folio_opt opts[] = {
		{ "listen", FOLIO_OPT_STRING, &listen, "ADDR", "address to serve on (default: 127.0.0.1:1313)" },
		{ "jobs", FOLIO_OPT_INT, &jobs, "N", "threads (default: one per core)" },
		{ "limit", FOLIO_OPT_LIMIT, &limits, "NAME=VALUE",
		  "set a budget (repeatable; docs/security.md lists them); folio.yaml may only lower it" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	char *positional[1];
	int npositional = 0;
	int rc = folio_opts_parse("serve", synopsis, description, opts, argc, argv, positional, 1, &npositional);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	so.dir = npositional ? positional[0] : ".";
	so.listen = listen;
	so.jobs = jobs;
	so.limits = &limits;
	so.log = stderr;
	if (folio_serve_run(&so) < 0) {
		fprintf(stderr, _("folio serve: %s\n"), folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	return FOLIO_EXIT_OK;
}
