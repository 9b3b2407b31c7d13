/* The option parser shared by every subcommand: --name VALUE, --name=VALUE, flags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "folio/limits.h"
#include "util/banned.h"

void folio_opts_help(const char *command, const char *synopsis, const char *description,
                     const folio_opt *opts)
{
	printf(_("usage: folio %s %s\n\n%s\n"), command, synopsis, description);
	if (opts && opts[0].name)
		printf("\n%s\n", _("options:"));
	for (const folio_opt *o = opts; o && o->name; o++) {
		char left[64];
		if (o->type == FOLIO_OPT_FLAG)
			snprintf(left, sizeof(left), "--%s", o->name);
		else
			snprintf(left, sizeof(left), "--%s %s", o->name, o->arg_name ? o->arg_name : "VALUE");
		printf("  %-24s %s\n", left, o->help);
	}
	printf("  %-24s %s\n", "--help", _("show this help"));
}

static const folio_opt *find_opt(const folio_opt *opts, const char *name, size_t len)
{
	for (const folio_opt *o = opts; o && o->name; o++)
		if (strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	return NULL;
}

int folio_opts_parse(const char *command, const char *synopsis, const char *description,
                     const folio_opt *opts, int argc, char **argv,
                     char **positional, int max_positional, int *npositional)
{
	int np = 0;
	bool only_positional = false;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_positional || a[0] != '-' || !a[1]) {
			if (np >= max_positional) {
				fprintf(stderr, _("folio %s: unexpected argument '%s'\n"), command, a);
				return -1;
			}
			positional[np++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_positional = true;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			folio_opts_help(command, synopsis, description, opts);
			return 1;
		}
		if (strncmp(a, "--", 2)) {
			fprintf(stderr, _("folio %s: unknown option '%s'; see 'folio %s --help'\n"), command, a, command);
			return -1;
		}
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const folio_opt *o = find_opt(opts, name, len);
		if (!o) {
			fprintf(stderr, _("folio %s: unknown option '%s'; see 'folio %s --help'\n"), command, a, command);
			return -1;
		}
		if (o->type == FOLIO_OPT_FLAG) {
			if (eq) {
				fprintf(stderr, _("folio %s: option '--%s' takes no value\n"), command, o->name);
				return -1;
			}
			*(bool *)o->value = true;
			continue;
		}
		const char *val = eq ? eq + 1 : NULL;
		if (!val) {
			if (i + 1 >= argc) {
				fprintf(stderr, _("folio %s: option '--%s' needs a value\n"), command, o->name);
				return -1;
			}
			val = argv[++i];
		}
		if (o->type == FOLIO_OPT_STRING) {
			*(const char **)o->value = val;
		} else if (o->type == FOLIO_OPT_LIMIT) {
			if (folio_limits_set(o->value, val) < 0) {
				fprintf(stderr, _("folio %s: --%s: %s\n"), command, o->name, folio_error_last());
				return -1;
			}
		} else {
			char *end;
			long v = strtol(val, &end, 10);
			if (*end || end == val || v < 0 || v > 1000000000) {
				fprintf(stderr, _("folio %s: option '--%s' needs a whole number, not '%s'\n"),
				        command, o->name, val);
				return -1;
			}
			*(int *)o->value = (int)v;
		}
	}
	if (npositional)
		*npositional = np;
	return 0;
}
