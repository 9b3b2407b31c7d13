/*
 * folio watch --config FILE: the server config, in the KEY=value format that
 * systemd's EnvironmentFile= reads (scripts/server-config.example), so one
 * file serves the unit and the daemon.
 *
 * Invariants: the settings are the command line's values, then the file's,
 * then the defaults, field by field; a file that cannot be read or holds a
 * line folio does not understand is refused whole, with its line number (on
 * SIGHUP the daemon then keeps what it runs with); a webhook secret written
 * in the file is accepted only from a file nobody else can read, and is
 * never put in a message.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"
#include "folio/deliver.h"
#include "publish/output.h"
#include "publish/s3.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/secret.h"
#include "util/banned.h"

/* The file's keys, each with the field it sets. */
typedef enum {
	KEY_REPO, KEY_OUT, KEY_STATE, KEY_BRANCH, KEY_LISTEN, KEY_SOCKET, KEY_POLL,
	KEY_WEBHOOK_SECRET_FILE, KEY_WEBHOOK_SECRET, KEY_PARTNER_SECRETS, KEY_JOBS,
	KEY_PARTNER_ALLOW, KEY_DELIVERY_MAX_BYTES, /* deliveries: where partner URLs may point, how big */
	KEY_STRICT_HISTORY, /* pre-receive: every new commit counts, not only the tip */
	KEY_PREVIEWS_DIR, KEY_PREVIEWS_URL, KEY_PREVIEWS_MAX, /* branch previews */
	KEY_COUNT
} key_id;

static const char *const key_names[KEY_COUNT] = {
	"FOLIO_REPO", "FOLIO_OUT", "FOLIO_STATE", "FOLIO_BRANCH", "FOLIO_LISTEN", "FOLIO_SOCKET",
	"FOLIO_POLL", "FOLIO_WEBHOOK_SECRET_FILE", "FOLIO_WEBHOOK_SECRET", "FOLIO_PARTNER_SECRETS",
	"FOLIO_JOBS",
	"FOLIO_PARTNER_ALLOW", "FOLIO_DELIVERY_MAX_BYTES",
	"FOLIO_STRICT_HISTORY",
	"FOLIO_PREVIEWS_DIR", "FOLIO_PREVIEWS_URL", "FOLIO_PREVIEWS_MAX",
};

const char *const folio_daemon__s3_keys[8] = {
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL",
	"AWS_ENDPOINT_URL_S3", "AWS_REGION", "AWS_DEFAULT_REGION", NULL,
};

static int s3_key(const char *key)
{
	for (int i = 0; folio_daemon__s3_keys[i]; i++)
		if (!strcmp(key, folio_daemon__s3_keys[i]))
			return i;
	return -1;
}

void folio_daemon__s3_env_apply(const folio_daemon_settings *s)
{
	for (int i = 0; folio_daemon__s3_keys[i]; i++)
		if (s->s3_env[i])
			setenv(folio_daemon__s3_keys[i], s->s3_env[i], 0);
}

/* Read by folio from its environment, which systemd fills from the same file. */
static bool environment_key(const char *key)
{
	return !strncmp(key, "FOLIO_SECRET_", 13) || !strcmp(key, "FOLIO_TRACE") ||
	       !strcmp(key, "FOLIO_ISBN_RANGES");
}

static bool valid_key(const char *k)
{
	if (!(*k == '_' || (*k >= 'A' && *k <= 'Z') || (*k >= 'a' && *k <= 'z')))
		return false;
	for (; *k; k++)
		if (!(*k == '_' || (*k >= 'A' && *k <= 'Z') || (*k >= 'a' && *k <= 'z') ||
		      (*k >= '0' && *k <= '9')))
			return false;
	return true;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/*
 * The value as systemd reads it: surrounding blanks dropped, and a value in
 * double or single quotes taken without them (in double quotes, \" and \\
 * stand for " and \). NULL with a message for what folio does not read the
 * way systemd would: an unclosed quote, a continued line.
 */
static char *unquote(const char *v, const char *file, unsigned line)
{
	size_t n = strlen(v);
	if (n && v[n - 1] == '\\') {
		folio_error_set("config '%s' line %u: a line continued with '\\' is not supported; "
		                "put the value on one line", file, line);
		return NULL;
	}
	if (!n || (v[0] != '"' && v[0] != '\''))
		return folio_xstrdup(v);
	char q = v[0];
	folio_buf b = FOLIO_BUF_INIT;
	size_t i = 1;
	for (; i < n && v[i] != q; i++) {
		if (q == '"' && v[i] == '\\' && i + 1 < n && (v[i + 1] == '"' || v[i + 1] == '\\'))
			i++;
		folio_buf_putc(&b, v[i]);
	}
	if (i != n - 1) {
		folio_buf_dispose(&b);
		folio_error_set("config '%s' line %u: %s", file, line,
		                i >= n ? "the quote is not closed" : "text after the closing quote");
		return NULL;
	}
	return folio_buf_detach(&b, NULL);
}

static int parse_int(int *out, const char *value, int min, int max, const char *file, unsigned line,
                     const char *key)
{
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (!*value || *end || errno || v < min || v > max)
		return folio_error_set("config '%s' line %u: %s must be a whole number from %d to %d, not '%s'",
		                       file, line, key, min, max, value);
	*out = (int)v;
	return 0;
}

/* Free a secret's bytes before its memory. */
static void free_secret(char *s)
{
	if (s)
		explicit_bzero(s, strlen(s));
	free(s);
}

/* FOLIO_LIMIT_<NAME>=VALUE: one budget the server sets (limits.def). */
static int read_limit(folio_daemon_settings *out, const char *key, const char *raw,
                      const char *file, unsigned line)
{
	int id = folio_limit_find(key + 12);
	if (id < 0)
		return folio_error_set("config '%s' line %u: unknown limit '%s'; the limits are listed in "
		                       "docs/security.md", file, line, key);
	char *value = unquote(raw, file, line);
	if (!value)
		return FOLIO_ERROR;
	int rc = 0;
	if (*value) { /* empty: not set, as an absent line */
		char *what = folio_xasprintf("config '%s' line %u: %s", file, line, key);
		size_t v;
		rc = folio_limits_parse_value(&v, value, what);
		if (rc == 0)
			out->limits.v[id] = v;
		free(what);
	}
	free(value);
	return rc;
}

int folio_daemon__config_read(folio_daemon_settings *out, const char *file)
{
	folio_buf text = FOLIO_BUF_INIT;
	unsigned mode = 0, lineno = 0;
	int rc = 0;

	/* it may hold FOLIO_WEBHOOK_SECRET: read as a secret, the mode checked below */
	if ((rc = folio_secret_read(&text, &mode, file, "config")) < 0) {
		folio_secret_dispose(&text);
		return rc == FOLIO_ENOTFOUND ? FOLIO_ERROR : rc;
	}
	if (memchr(text.ptr, '\0', text.size)) {
		folio_secret_dispose(&text);
		return folio_error_set("config '%s' is not a text file (it holds NUL bytes)", file);
	}
	for (char *line = text.ptr, *next; rc == 0 && line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		char *s = trim(line);
		if (!*s || *s == '#' || *s == ';')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			/* the line is not quoted: "FOLIO_WEBHOOK_SECRET s3cret" would put the secret in a log */
			rc = folio_error_set("config '%s' line %u: expected KEY=value (the line is not shown: "
			                     "it may hold a secret)", file, lineno);
			break;
		}
		*eq = '\0';
		char *key = trim(s), *raw = trim(eq + 1);
		if (!valid_key(key)) {
			rc = folio_error_set("config '%s' line %u: '%.60s' is not a variable name", file, lineno, key);
			break;
		}
		key_id id = KEY_COUNT;
		for (int k = 0; k < KEY_COUNT; k++)
			if (!strcmp(key, key_names[k]))
				id = (key_id)k;
		/* budgets (limits.h): FOLIO_LIMIT_<NAME>=VALUE, NAME as in limits.def */
		if (id == KEY_COUNT && !strncmp(key, "FOLIO_LIMIT_", 12)) {
			rc = read_limit(out, key, raw, file, lineno);
			continue;
		}
		if (id == KEY_COUNT && s3_key(key) >= 0) { /* for an s3:// output (docs/server.md) */
			int k = s3_key(key);
			char *value = unquote(raw, file, lineno);
			if (!value) {
				rc = FOLIO_ERROR;
				break;
			}
			if (!strcmp(key, "AWS_SECRET_ACCESS_KEY") && *value && (mode & 077))
				rc = folio_error_set("config '%s' holds AWS_SECRET_ACCESS_KEY but others can read it; "
				                     "chmod 600 it", file);
			free_secret(out->s3_env[k]);
			out->s3_env[k] = value;
			continue;
		}
		if (id == KEY_COUNT) {
			if (!strncmp(key, "FOLIO_", 6) && !environment_key(key))
				rc = folio_error_set("config '%s' line %u: unknown key '%s'; the keys are listed in "
				                     "scripts/server-config.example", file, lineno, key);
			continue; /* for the environment: systemd exports it, folio reads it there */
		}
		char *value = unquote(raw, file, lineno);
		if (!value) {
			rc = FOLIO_ERROR;
			break;
		}
		if (id == KEY_WEBHOOK_SECRET && *value && (mode & 077))
			rc = folio_error_set("config '%s' holds FOLIO_WEBHOOK_SECRET but others can read it; "
			                     "chmod 600 it, or name a secret file with FOLIO_WEBHOOK_SECRET_FILE", file);
		char **field = NULL;
		switch (id) {
		case KEY_REPO: field = &out->repo; break;
		case KEY_OUT: field = &out->out_dir; break;
		case KEY_STATE: field = &out->state_dir; break;
		case KEY_BRANCH: field = &out->branch; break;
		case KEY_LISTEN: field = &out->listen; break;
		case KEY_SOCKET: field = &out->socket_path; break;
		case KEY_WEBHOOK_SECRET_FILE: field = &out->webhook_secret_file; break;
		case KEY_PARTNER_SECRETS: field = &out->secrets_file; break;
		case KEY_PREVIEWS_DIR: field = &out->previews_dir; break;
		case KEY_PREVIEWS_URL:
			if (rc == 0 && *value && strncmp(value, "http://", 7) && strncmp(value, "https://", 8))
				rc = folio_error_set("config '%s' line %u: %s must be an http:// or https:// URL, not '%s'",
				                     file, lineno, key, value);
			field = &out->previews_url;
			break;
		case KEY_PREVIEWS_MAX:
			if (rc == 0 && *value)
				rc = parse_int(&out->previews_max, value, 0, FOLIO_DAEMON_PREVIEWS_LIMIT, file, lineno, key);
			break;
		case KEY_PARTNER_ALLOW: { /* refused whole now rather than at each delivery */
			folio_partner_allow *allow = NULL;
			if (rc == 0 && folio_partner_allow_parse(&allow, value) < 0) {
				char *why = folio_xstrdup(folio_error_last()); /* the message is rewritten below */
				rc = folio_error_set("config '%s' line %u: %s", file, lineno, why);
				free(why);
			}
			folio_partner_allow_free(allow);
			field = &out->partner_allow;
			break;
		}
		case KEY_WEBHOOK_SECRET:
			free_secret(out->webhook_secret);
			out->webhook_secret = *value ? value : NULL;
			if (!*value)
				free(value);
			value = NULL;
			break;
		case KEY_POLL:
			if (rc == 0 && *value)
				rc = parse_int(&out->poll_seconds, value, 1, 1000000000, file, lineno, key);
			break;
		case KEY_DELIVERY_MAX_BYTES: {
			int bytes = 0;
			if (rc == 0 && *value)
				rc = parse_int(&bytes, value, FOLIO_DELIVER_MIN_PAYLOAD, 1 << 30, file, lineno, key);
			if (rc == 0 && *value)
				out->delivery_max_bytes = bytes;
			break;
		}
		case KEY_JOBS:
			if (rc == 0 && *value)
				rc = parse_int(&out->jobs, value, 0, 1024, file, lineno, key);
			break;
		case KEY_STRICT_HISTORY: {
			int strict = 0;
			if (rc == 0 && *value)
				rc = parse_int(&strict, value, 0, 1, file, lineno, key);
			out->strict_history = strict == 1;
			break;
		}
		case KEY_COUNT: FOLIO_BUG("unreachable");
		}
		if (field) { /* an empty value means "not set", as an absent line */
			free(*field);
			*field = *value ? value : NULL;
			if (*value)
				value = NULL;
		}
		free(value);
	}
	folio_secret_dispose(&text);
	if (rc == 0 && out->webhook_secret && out->webhook_secret_file)
		rc = folio_error_set("config '%s' sets both FOLIO_WEBHOOK_SECRET and FOLIO_WEBHOOK_SECRET_FILE; "
		                     "keep one", file);
	return rc;
}

/* dst: the command line's value when given, else the file's (taken), else def. */
static void merge_str(char **dst, const char *cli, char **file, const char *def)
{
	if (cli) {
		*dst = folio_xstrdup(cli);
	} else if (*file) {
		*dst = *file;
		*file = NULL;
	} else {
		*dst = def ? folio_xstrdup(def) : NULL;
	}
}

int folio_daemon_config_push_policy(folio_limits *limits, bool *strict_history,
                                    const char *config_file)
{
	folio_daemon_settings file = { .poll_seconds = 0, .jobs = -1 };
	folio_limits_init(&file.limits);
	int rc = folio_daemon__config_read(&file, config_file);
	if (rc == 0) {
		*limits = file.limits;
		*strict_history = file.strict_history;
	}
	folio_daemon__settings_dispose(&file);
	return rc;
}

int folio_daemon_config_limits(folio_limits *out, const char *config_file)
{
	bool strict_history;
	return folio_daemon_config_push_policy(out, &strict_history, config_file);
}

/* Where previews go by default: beside the output, in the folder the
 * server already lets the daemon write (the unit's ReadWritePaths=). */
static char *default_previews_dir(const char *out_dir)
{
	const char *slash = strrchr(out_dir, '/');
	if (!slash)
		return folio_xstrdup("previews");
	char *parent = slash == out_dir ? folio_xstrdup("/") : folio_xstrndup(out_dir, (size_t)(slash - out_dir));
	char *dir = folio_fs_join(parent, "previews");
	free(parent);
	return dir;
}

/* The previews' settings: the file's (the folder merged already), else the defaults. */
static void merge_previews(folio_daemon_settings *out, folio_daemon_settings *file)
{
	/* beside a directory; an object store's output has no folder beside it */
	if (!out->previews_dir && out->out_dir && !folio_s3_is_url(out->out_dir))
		out->previews_dir = default_previews_dir(out->out_dir);
	merge_str(&out->previews_url, NULL, &file->previews_url, NULL);
	if (!out->previews_url && out->listen)
		out->previews_url = folio_xasprintf("http://%s/previews", out->listen);
	for (size_t n = out->previews_url ? strlen(out->previews_url) : 0; n && out->previews_url[n - 1] == '/';)
		out->previews_url[--n] = '\0';
	out->previews_max = file->previews_max >= 0 ? file->previews_max : 10;
}

int folio_daemon__settings_load(folio_daemon_settings *out, const folio_daemon_options *opts)
{
	folio_daemon_settings file = { .poll_seconds = 0, .jobs = -1, .previews_max = -1 };
	int rc = 0;

	memset(out, 0, sizeof(*out));
	folio_limits_init(&file.limits);
	if (opts->config_file && (rc = folio_daemon__config_read(&file, opts->config_file)) < 0)
		goto done;
	merge_str(&out->repo, opts->repo, &file.repo, NULL);
	merge_str(&out->out_dir, opts->out_dir, &file.out_dir, "public");
	merge_str(&out->state_dir, opts->state_dir, &file.state_dir, "state");
	merge_str(&out->branch, opts->branch, &file.branch, "main");
	merge_str(&out->listen, opts->listen, &file.listen, NULL);
	merge_str(&out->socket_path, opts->socket_path, &file.socket_path, NULL);
	merge_str(&out->secrets_file, opts->secrets_file, &file.secrets_file, NULL);
	/* the file's, else the environment's (a run without --config), else the default */
	merge_str(&out->partner_allow, NULL, &file.partner_allow, getenv("FOLIO_PARTNER_ALLOW"));
	out->delivery_max_bytes = file.delivery_max_bytes;
	merge_str(&out->webhook_secret_file, opts->webhook_secret_file, &file.webhook_secret_file, NULL);
	memcpy(out->s3_env, file.s3_env, sizeof(out->s3_env));
	memset(file.s3_env, 0, sizeof(file.s3_env));
	if (!opts->webhook_secret_file) { /* a secret file on the command line wins over the config's secret */
		out->webhook_secret = file.webhook_secret;
		file.webhook_secret = NULL;
	}
	/* one spelling of each path: "DIR/" and "a/../DIR" are DIR, in messages and on /status too */
	merge_str(&out->previews_dir, NULL, &file.previews_dir, NULL);
	char **paths[] = { &out->repo, &out->out_dir, &out->state_dir, &out->socket_path,
	                   &out->secrets_file, &out->webhook_secret_file, &out->previews_dir };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (!*paths[i])
			continue;
		/* an s3:// output is a URL, not a path */
		char *n = folio__output_normalize(*paths[i]);
		free(*paths[i]);
		*paths[i] = n;
	}
	merge_previews(out, &file); /* after: its default is beside the normalized output */
	out->poll_seconds = opts->poll_seconds > 0 ? opts->poll_seconds
	                    : file.poll_seconds > 0 ? file.poll_seconds : 30;
	out->jobs = opts->jobs >= 0 ? opts->jobs : file.jobs >= 0 ? file.jobs : 0;
	out->limits = file.limits;
	if (!out->repo)
		rc = opts->config_file
			? folio_error_set("no repository: give --repo or set FOLIO_REPO in '%s'", opts->config_file)
			: folio_error_set("no repository: give --repo or --config");
done:
	folio_daemon__settings_dispose(&file);
	if (rc < 0)
		folio_daemon__settings_dispose(out);
	return rc;
}

void folio_daemon__settings_dispose(folio_daemon_settings *s)
{
	free(s->repo);
	free(s->out_dir);
	free(s->state_dir);
	free(s->branch);
	free(s->listen);
	free(s->socket_path);
	free(s->webhook_secret_file);
	free_secret(s->webhook_secret);
	free(s->secrets_file);
	free(s->partner_allow);
	free(s->previews_dir);
	free(s->previews_url);
	for (size_t i = 0; i < sizeof(s->s3_env) / sizeof(s->s3_env[0]); i++)
		free_secret(s->s3_env[i]); /* a key among them */
	memset(s, 0, sizeof(*s));
}
