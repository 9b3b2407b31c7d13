/*
 * folio deliveries: look at and act on the partner delivery outbox.
 * Verbs: list, show ID, retry ID|all, enable PARTNER, run. retry and run
 * send at once when no daemon holds the state; otherwise the daemon sends.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "exit.h"
#include "folio/folio.h"
#include "util/timestamp.h"
#include "util/banned.h"

static const char synopsis[] =
	"[--state DIR] [--secrets FILE] [--json] list | show ID | retry ID|all | enable PARTNER | run";
static const char description[] =
	"Show the partner delivery outbox and act on it.\n"
	"  list            partners (ok, failing, failed, disabled, removed) and recent deliveries\n"
	"  show ID         one delivery with every attempt\n"
	"  retry ID|all    send a pending delivery (or all) now, whatever the backoff,\n"
	"                  also after a permanent failure (once its cause is fixed)\n"
	"  enable PARTNER  re-enable a partner disabled after answering 410 Gone\n"
	"  run             send what is due now\n"
	"Partner URLs must match the server's allow-list (--partner-allow or\n"
	"FOLIO_PARTNER_ALLOW, as in the server config; see docs/security.md).\n"
	"Secrets come from FOLIO_SECRET_<PARTNER> or --secrets (a 0600 file of\n"
	"name=whsec_... lines). The state directory defaults to $FOLIO_STATE_DIR or .folio.";

typedef struct {
	const char *state_dir, *secrets, *partner_allow;
	bool json;
	int timeout_ms, connect_timeout_ms, limit;
} cli_opts;

static void put_time(const char *label, json_t *v)
{
	if (!json_is_integer(v))
		return;
	char buf[FOLIO_TIMESTAMP_SIZE];
	folio_timestamp(buf, json_integer_value(v), -1);
	printf("%s%s", label, buf);
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "-";
}

static void print_partner(json_t *p)
{
	const char *status = str(p, "status");
	printf(_("  %-20s %-9s pending %lld"), str(p, "name"), status,
	       (long long)json_integer_value(json_object_get(p, "pending")));
	if (!strcmp(status, "disabled")) {
		put_time(_(", disabled "), json_object_get(p, "disabled_at"));
		printf(_(": %s; run 'folio deliveries enable %s'"), str(p, "disabled_reason"), str(p, "name"));
	} else if (!strcmp(status, "failed")) {
		put_time(_(", failed "), json_object_get(p, "failed_at"));
		printf(_(": %s; not retried: fix the cause, then run 'folio deliveries retry all'"),
		       str(p, "failed_reason"));
	} else if (!strcmp(status, "failing")) {
		printf(_(", %lld failures"), (long long)json_integer_value(json_object_get(p, "failures")));
		put_time(_(", next attempt "), json_object_get(p, "next_attempt_at"));
	}
	if (json_is_string(json_object_get(p, "acked_commit")))
		printf(_(", acked %.12s"), str(p, "acked_commit"));
	printf("\n");
}

static void print_delivery(json_t *d)
{
	printf(_("  %-36s %-20s %.12s  %-10s %lld attempt(s)"), str(d, "id"), str(d, "partner"),
	       str(d, "commit_id"), str(d, "status"),
	       (long long)json_integer_value(json_object_get(d, "attempts")));
	if (json_is_integer(json_object_get(d, "last_status")))
		printf(", HTTP %lld", (long long)json_integer_value(json_object_get(d, "last_status")));
	if (json_is_string(json_object_get(d, "last_error")))
		printf(", %s", str(d, "last_error"));
	printf("\n");
}

static int print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2));
	if (!s)
		return -1;
	printf("%s\n", s);
	free(s);
	return 0;
}

static int do_list(folio_state *st, const cli_opts *o)
{
	json_t *all = NULL;
	if (folio_deliver_list(st, o->limit > 0 ? (size_t)o->limit : 20, &all) < 0)
		return -1;
	if (o->json) {
		print_json(all);
	} else {
		size_t i;
		json_t *v;
		printf(_("partners:\n"));
		json_array_foreach(json_object_get(all, "partners"), i, v)
			print_partner(v);
		printf(_("deliveries (newest first):\n"));
		json_array_foreach(json_object_get(all, "deliveries"), i, v)
			print_delivery(v);
	}
	json_decref(all);
	return 0;
}

static int do_show(folio_state *st, const char *id, const cli_opts *o)
{
	json_t *d = NULL;
	if (folio_deliver_show(st, id, &d) < 0)
		return -1;
	if (o->json) {
		print_json(d);
		json_decref(d);
		return 0;
	}
	print_delivery(d);
	json_t *ch = json_object_get(json_object_get(d, "payload"), "changes");
	if (ch)
		printf(_("  changes since %.12s: %zu added, %zu updated, %zu removed\n"),
		       str(json_object_get(d, "payload"), "since"),
		       json_array_size(json_object_get(ch, "added")),
		       json_array_size(json_object_get(ch, "updated")),
		       json_array_size(json_object_get(ch, "removed")));
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(d, "attempt_log"), i, a) {
		put_time(_("  attempt "), json_object_get(a, "at"));
		printf(" %lldms", (long long)json_integer_value(json_object_get(a, "duration_ms")));
		if (json_is_integer(json_object_get(a, "http_status")))
			printf(" HTTP %lld", (long long)json_integer_value(json_object_get(a, "http_status")));
		if (json_is_string(json_object_get(a, "error")))
			printf(" %s", str(a, "error"));
		printf("\n");
	}
	json_decref(d);
	return 0;
}

/*
 * Is a daemon watching state_dir? It holds <state>/daemon.lock (flock) for
 * its whole life, while the state's own lock is held only during a publish:
 * without this, `retry` would send from this process, with this process's
 * allow-list and secrets rather than the server's. The probe takes a
 * shared lock for an instant: a daemon starting in that instant is refused
 * and says so.
 * NEEDSWORK: the lock's name belongs to daemon.c; a folio_daemon_running()
 * there would be its one home.
 */
static bool daemon_running(const char *state_dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/daemon.lock", state_dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool held = flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	close(fd);
	return held;
}

/* Send what is due, unless a daemon holds the state (it will send). */
static int send_now(folio_state *st, const cli_opts *o, bool force)
{
	int rc = daemon_running(o->state_dir) ? FOLIO_EEXISTS : folio_state_lock(st);
	if (rc == FOLIO_EEXISTS) {
		printf(_("a folio daemon holds the state; it will send the deliveries\n"));
		return 0;
	}
	if (rc < 0)
		return rc;
	folio_deliver_stats stats = { 0 };
	folio_deliver_options opts = FOLIO_DELIVER_OPTIONS_INIT;
	opts.secrets_file = o->secrets;
	opts.partner_allow = o->partner_allow;
	opts.force = force;
	opts.stats = &stats;
	if (o->timeout_ms > 0)
		opts.timeout_ms = o->timeout_ms;
	if (o->connect_timeout_ms > 0)
		opts.connect_timeout_ms = o->connect_timeout_ms;
	rc = folio_deliver_run(st, &opts);
	if (rc < 0)
		return rc;
	printf(_("%u sent, %u delivered, %u failed, %u failed for good, %u partner(s) disabled\n"),
	       stats.sent, stats.delivered, stats.failed, stats.stopped, stats.disabled);
	return 0;
}

static int verb_list(folio_state *st, char **args, const cli_opts *o)
{
	(void)args;
	return do_list(st, o);
}

static int verb_show(folio_state *st, char **args, const cli_opts *o)
{
	return do_show(st, args[0], o);
}

static int verb_run(folio_state *st, char **args, const cli_opts *o)
{
	(void)args;
	return send_now(st, o, false);
}

static int verb_retry(folio_state *st, char **args, const cli_opts *o)
{
	int rc = folio_deliver_retry(st, strcmp(args[0], "all") ? args[0] : NULL);
	return rc < 0 ? rc : send_now(st, o, false);
}

static int verb_enable(folio_state *st, char **args, const cli_opts *o)
{
	(void)o;
	int rc = folio_deliver_enable(st, args[0]);
	if (rc == 0)
		printf(_("partner '%s' enabled; its pending delivery is due now\n"), args[0]);
	return rc;
}

/* The verbs: name, number of arguments, handler. */
static const struct {
	const char *name;
	int nargs;
	int (*fn)(folio_state *st, char **args, const cli_opts *o);
} verbs[] = {
	{ "list", 0, verb_list },
	{ "show", 1, verb_show },
	{ "retry", 1, verb_retry },
	{ "enable", 1, verb_enable },
	{ "run", 0, verb_run },
};

static int dispatch(folio_state *st, char **pos, int n, const cli_opts *o)
{
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (!strcmp(pos[0], verbs[i].name) && n - 1 == verbs[i].nargs)
			return verbs[i].fn(st, pos + 1, o);
	fprintf(stderr, _("folio deliveries: unknown verb or wrong arguments '%s'; "
	        "see 'folio deliveries --help'\n"), pos[0]);
	return 1;
}

int cmd_deliveries(int argc, char **argv)
{
	cli_opts o = { getenv("FOLIO_STATE_DIR"), NULL, getenv("FOLIO_PARTNER_ALLOW"), false, 0, 0, 20 };
	const folio_opt opts[] = {
		{ "state", FOLIO_OPT_STRING, &o.state_dir, "DIR", "state directory (default: $FOLIO_STATE_DIR or .folio)" },
		{ "secrets", FOLIO_OPT_STRING, &o.secrets, "FILE", "partner secrets file, mode 0600" },
		{ "partner-allow", FOLIO_OPT_STRING, &o.partner_allow, "LIST",
		  "where partner URLs may point (default: $FOLIO_PARTNER_ALLOW, else https to public hosts)" },
		{ "json", FOLIO_OPT_FLAG, &o.json, NULL, "print JSON (list, show)" },
		{ "limit", FOLIO_OPT_INT, &o.limit, "N", "deliveries listed (default 20)" },
		{ "timeout", FOLIO_OPT_INT, &o.timeout_ms, "MS", "whole request timeout (default 30000)" },
		{ "connect-timeout", FOLIO_OPT_INT, &o.connect_timeout_ms, "MS", "connect timeout (default 5000)" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	char *pos[3];
	int n = 0;
	int rc = folio_opts_parse("deliveries", synopsis, description, opts, argc, argv, pos, 3, &n);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (n == 0) {
		fprintf(stderr, _("folio deliveries: say what to do; see 'folio deliveries --help'\n"));
		return FOLIO_EXIT_USAGE;
	}
	if (!o.state_dir || !*o.state_dir)
		o.state_dir = ".folio";
	struct stat sb;
	if (stat(o.state_dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, _("folio deliveries: no state in '%s'; give --state DIR\n"), o.state_dir);
		return FOLIO_EXIT_USAGE;
	}
	folio_state *st = NULL;
	if (folio_state_open(&st, o.state_dir) < 0) {
		fprintf(stderr, _("folio deliveries: %s\n"), folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	rc = dispatch(st, pos, n, &o);
	if (rc < 0)
		fprintf(stderr, _("folio deliveries: %s\n"), folio_error_last());
	folio_state_close(st);
	return rc == 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
}
