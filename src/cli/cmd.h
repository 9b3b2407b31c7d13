/*
 * Subcommands and the option parser they share. A command's static table
 * of folio_opt drives both parsing and its --help text.
 */
#ifndef FOLIO_CLI_CMD_H
#define FOLIO_CLI_CMD_H

#include <stdbool.h>

#include "folio/i18n.h"

/* The command line's own texts, in the user's language (LANG, as gettext
 * reads it); scripts/po-update.sh finds them by this name. Findings are
 * not marked: they speak the site's language (core/diag.c). */
#define _(s) folio_i18n_cli(s)

typedef struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *description;
} folio_cmd;

#define CMD(name, fn, desc) int fn(int argc, char **argv);
#include "commands.def"
#undef CMD

typedef enum {
	FOLIO_OPT_FLAG,   /* bool *, no value */
	FOLIO_OPT_STRING, /* const char **, takes a value */
	FOLIO_OPT_INT,    /* int *, takes a value */
	FOLIO_OPT_LIMIT,  /* folio_limits *, takes NAME=VALUE, repeatable; starts at the defaults */
} folio_opt_type;

typedef struct {
	const char *name;     /* long name without "--"; NULL ends the table */
	folio_opt_type type;
	void *value;
	const char *arg_name; /* for help: "DIR" */
	const char *help;
} folio_opt;

/*
 * Parse argv (argv[0] is the command name) against opts. Positional
 * arguments are collected into positional[] (at most max_positional);
 * their count goes to *npositional. "--help" prints help and returns 1;
 * a usage error prints a message and returns -1; 0 otherwise.
 */
int folio_opts_parse(const char *command, const char *synopsis, const char *description,
                     const folio_opt *opts, int argc, char **argv,
                     char **positional, int max_positional, int *npositional);
void folio_opts_help(const char *command, const char *synopsis, const char *description,
                     const folio_opt *opts);

/* Open a source from --repo/--rev or --worktree (cmd_build.c). */
struct folio_source;
int folio_cli_open_source(struct folio_source **out, const char *repo, const char *rev,
                          const char *worktree);

#endif
