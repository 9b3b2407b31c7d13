/*
 * folio's command dispatcher: one table lists every subcommand with its
 * one-line description; each lives in cmd_<name>.c.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "exit.h"
#include "folio/folio.h"
#include "util/build_identity.h"
#include "util/banned.h"

static const folio_cmd commands[] = {
#define CMD(name, fn, desc) { name, fn, desc },
#include "commands.def"
#undef CMD
};

static void usage(FILE *fp)
{
	fprintf(fp, "%s", _("usage: folio [--version] [--help] <command> [<args>]\n\ncommands:\n"));
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-12s %s\n", commands[i].name, commands[i].description);
	fprintf(fp, "\n%s", _("'folio <command> --help' tells more about a command.\n"));
}

int main(int argc, char **argv)
{
	/* operational errors in the command line's language, as its own words */
	folio_error_set_translator(folio_i18n_cli);
	if (argc < 2) {
		usage(stderr);
		return FOLIO_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		/* the build and its libraries too: states and outputs name them */
		printf("folio %s\nwith %s\n", folio_build_identity(), folio_build_libraries());
		return FOLIO_EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return FOLIO_EXIT_OK;
	}
	/* newer ISBN ranges named by FOLIO_ISBN_RANGES serve every command */
	if (folio_isbn_ranges_init_from_env() < 0) {
		fprintf(stderr, _("folio: %s\n"), folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, _("folio: '%s' is not a folio command; see 'folio --help'\n"), argv[1]);
	return FOLIO_EXIT_USAGE;
}
