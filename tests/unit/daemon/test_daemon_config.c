/* folio watch --config: the KEY=value server config and how it merges with the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "daemon/daemon.h"

/* Write text as dir/name with mode; return its path (caller frees). */
static char *config_file(const char *dir, const char *text, mode_t mode)
{
	size_t len = strlen(dir) + sizeof("/site.conf");
	char *path = malloc(len);
	if (text)
		test_write_file(dir, "site.conf", text);
	snprintf(path, len, "%s/site.conf", dir);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

/* Load the settings of text (mode 0600) under opts; returns the rc. */
static int load(folio_daemon_settings *set, const char *text, folio_daemon_options *opts)
{
	char *dir = test_tempdir("daemon-config");
	char *path = config_file(dir, text, 0600);
	opts->config_file = path;
	int rc = folio_daemon__settings_load(set, opts);
	opts->config_file = NULL;
	test_rm_rf(dir);
	free(dir);
	free(path);
	return rc;
}

static void config_reads_every_key_of_the_shipped_example(void **state)
{
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	folio_daemon_settings s;
	o.config_file = FOLIO_SOURCE_DIR "/scripts/server-config.example";
	assert_folio_ok(folio_daemon__settings_load(&s, &o));
	assert_string_equal(s.repo, "/srv/folio/site.git");
	assert_string_equal(s.out_dir, "/var/www/folio/site/public");
	assert_string_equal(s.state_dir, "/var/lib/folio/site");
	assert_string_equal(s.branch, "main");
	assert_string_equal(s.listen, "127.0.0.1:8081");
	assert_string_equal(s.socket_path, "/run/folio-site/folio.sock");
	assert_string_equal(s.webhook_secret_file, "/etc/folio/site.webhook-secret");
	assert_string_equal(s.secrets_file, "/etc/folio/site.partner-secrets");
	assert_null(s.webhook_secret);
	assert_int_equal(s.poll_seconds, 30);
	assert_int_equal(s.jobs, 0);
	assert_string_equal(s.partner_allow, "https://*");
	assert_int_equal(s.delivery_max_bytes, 4194304);
	folio_daemon__settings_dispose(&s);
}

static void config_command_line_wins_and_defaults_fill_the_rest(void **state)
{
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	folio_daemon_settings s;
	o.out_dir = "cli-out";
	o.poll_seconds = 7;
	o.jobs = 0; /* given as 0 on the command line: wins over FOLIO_JOBS */
	assert_folio_ok(load(&s, "FOLIO_REPO=/r.git\nFOLIO_OUT=/file-out\nFOLIO_POLL=3\nFOLIO_JOBS=4\n", &o));
	assert_string_equal(s.repo, "/r.git");
	assert_string_equal(s.out_dir, "cli-out");
	assert_int_equal(s.poll_seconds, 7);
	assert_int_equal(s.jobs, 0);
	assert_string_equal(s.state_dir, "state");
	assert_string_equal(s.branch, "main");
	assert_null(s.listen);
	assert_null(s.socket_path);
	folio_daemon__settings_dispose(&s);

	folio_daemon_options bare = FOLIO_DAEMON_OPTIONS_INIT;
	assert_folio_ok(load(&s, "FOLIO_REPO=/r.git\nFOLIO_POLL=3\nFOLIO_JOBS=4\n", &bare));
	assert_int_equal(s.poll_seconds, 3);
	assert_int_equal(s.jobs, 4);
	folio_daemon__settings_dispose(&s);
}

static void config_reads_values_as_systemd_does(void **state)
{
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	folio_daemon_settings s;
	assert_folio_ok(load(&s,
	                     "# a comment\n"
	                     "; another comment\n"
	                     "\n"
	                     "  FOLIO_REPO = /srv/a b.git  \r\n"
	                     "FOLIO_OUT=\"/var/www/with \\\"quotes\\\" and \\\\ \"\n"
	                     "FOLIO_STATE='/var/lib/single'\n"
	                     "FOLIO_BRANCH=first\n"
	                     "FOLIO_BRANCH=published\n" /* the last one counts */
	                     "FOLIO_LISTEN=\n"          /* empty: not set */
	                     "LANG=C.UTF-8\n"           /* for the environment only */
	                     "FOLIO_SECRET_ALLISS=whsec_abc\n"
	                     "FOLIO_TRACE=1\n",
	                     &o));
	assert_string_equal(s.repo, "/srv/a b.git");
	assert_string_equal(s.out_dir, "/var/www/with \"quotes\" and \\ ");
	assert_string_equal(s.state_dir, "/var/lib/single");
	assert_string_equal(s.branch, "published");
	assert_null(s.listen);
	folio_daemon__settings_dispose(&s);
}

/* text is refused with a message holding each of the words. */
static void assert_refused(const char *text, const char *word1, const char *word2)
{
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	folio_daemon_settings s;
	assert_int_equal(load(&s, text, &o), FOLIO_ERROR);
	if (!strstr(folio_error_last(), word1) || (word2 && !strstr(folio_error_last(), word2)))
		fail_msg("message '%s' lacks '%s' or '%s'", folio_error_last(), word1, word2 ? word2 : "");
	assert_null(s.repo); /* nothing half-loaded */
}

static void config_refuses_what_it_does_not_understand_naming_the_line(void **state)
{
	assert_refused("FOLIO_REPO=/r\n# typo below\nFOLIO_POL=3\n", "line 3", "unknown key 'FOLIO_POL'");
	assert_refused("FOLIO_REPO=/r\njust words\n", "line 2", "expected KEY=value");
	assert_refused("FOLIO_REPO=/r\nFOLIO_POLL=soon\n", "line 2", "FOLIO_POLL must be a whole number");
	assert_refused("FOLIO_REPO=/r\nFOLIO_POLL=0\n", "line 2", "from 1");
	assert_refused("FOLIO_REPO=/r\nFOLIO_JOBS=-2\n", "line 2", "FOLIO_JOBS");
	assert_refused("FOLIO_REPO=\"/r\n", "line 1", "quote is not closed");
	assert_refused("FOLIO_REPO=\"/r\" x\n", "line 1", "after the closing quote");
	assert_refused("FOLIO_REPO=/r\\\n", "line 1", "continued");
	assert_refused("FOLIO REPO=/r\n", "line 1", "not a variable name");
	/* a line without '=' is not repeated: it may be a secret written wrong */
	assert_refused("FOLIO_REPO=/r\nFOLIO_WEBHOOK_SECRET s3cr3t-value\n", "line 2", "expected KEY=value");
	assert_null(strstr(folio_error_last(), "s3cr3t"));
	assert_refused("FOLIO_WEBHOOK_SECRET=s\nFOLIO_WEBHOOK_SECRET_FILE=/f\nFOLIO_REPO=/r\n", "keep one", NULL);
	assert_refused("FOLIO_OUT=/o\n", "no repository", "FOLIO_REPO");
	/* deliveries: an allow-list entry folio cannot read, a bound too small */
	assert_refused("FOLIO_REPO=/r\nFOLIO_PARTNER_ALLOW=https://a.example ftp://b\n", "line 2",
	               "entry 'ftp://b' is not SCHEME://HOST[:PORT]");
	assert_refused("FOLIO_REPO=/r\nFOLIO_DELIVERY_MAX_BYTES=100\n", "line 2", "FOLIO_DELIVERY_MAX_BYTES");
}

static void config_sets_budgets_and_the_hooks_read_the_same(void **state)
{
	(void)state;
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	folio_daemon_settings s;
	const char *text = "FOLIO_REPO=/r\nFOLIO_LIMIT_PAGE_OUTPUT=2M\nFOLIO_LIMIT_TABLE_CELLS=\"500\"\n"
	                   "FOLIO_LIMIT_REGEX_MATCH=\n";
	assert_folio_ok(load(&s, text, &o));
	folio_limits def;
	folio_limits_init(&def);
	assert_int_equal(s.limits.v[FOLIO_LIMIT_PAGE_OUTPUT], 2 << 20);
	assert_int_equal(s.limits.v[FOLIO_LIMIT_TABLE_CELLS], 500);
	/* empty: not set; absent: the default */
	assert_int_equal(s.limits.v[FOLIO_LIMIT_REGEX_MATCH], def.v[FOLIO_LIMIT_REGEX_MATCH]);
	assert_int_equal(s.limits.v[FOLIO_LIMIT_SITE_SIZE], def.v[FOLIO_LIMIT_SITE_SIZE]);
	folio_limits daemon_limits = s.limits;
	folio_daemon__settings_dispose(&s);
	/* what pre-receive reads from the same file */
	char *dir = test_tempdir("daemon-config");
	char *path = config_file(dir, text, 0600);
	folio_limits l;
	assert_folio_ok(folio_daemon_config_limits(&l, path));
	assert_memory_equal(&l, &daemon_limits, sizeof(l));
	test_rm_rf(dir);
	free(dir);
	free(path);
	/* no file: the defaults */
	assert_folio_ok(load(&s, "FOLIO_REPO=/r\n", &o));
	assert_memory_equal(&s.limits, &def, sizeof(def));
	folio_daemon__settings_dispose(&s);
	assert_refused("FOLIO_REPO=/r\nFOLIO_LIMIT_PAGE_SIZE=3\n", "line 2", "unknown limit 'FOLIO_LIMIT_PAGE_SIZE'");
	assert_refused("FOLIO_REPO=/r\nFOLIO_LIMIT_PAGE_OUTPUT=lots\n", "line 2", "not a whole number");
}

/* FOLIO_STRICT_HISTORY is the pre-receive hook's: 0 or 1, read with the budgets */
static void config_strict_history_for_the_hook(void **state)
{
	(void)state;
	char *dir = test_tempdir("daemon-config");
	const char *texts[] = { "FOLIO_REPO=/r\nFOLIO_LIMIT_TABLE_CELLS=500\nFOLIO_STRICT_HISTORY=1\n",
		                "FOLIO_REPO=/r\nFOLIO_STRICT_HISTORY=0\n", "FOLIO_REPO=/r\n" };
	for (size_t i = 0; i < 3; i++) {
		char *path = config_file(dir, texts[i], 0600);
		folio_limits l;
		bool strict = i != 0;
		assert_folio_ok(folio_daemon_config_push_policy(&l, &strict, path));
		assert_int_equal(strict, i == 0);
		if (i == 0)
			assert_int_equal(l.v[FOLIO_LIMIT_TABLE_CELLS], 500);
		free(path);
	}
	test_rm_rf(dir);
	free(dir);
	/* the daemon reads the key without acting on it: the same file serves both */
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	folio_daemon_settings s;
	assert_folio_ok(load(&s, "FOLIO_REPO=/r\nFOLIO_STRICT_HISTORY=1\n", &o));
	folio_daemon__settings_dispose(&s);
	assert_refused("FOLIO_REPO=/r\nFOLIO_STRICT_HISTORY=yes\n", "line 2",
	               "FOLIO_STRICT_HISTORY must be a whole number from 0 to 1");
}

static void config_secret_only_from_a_file_nobody_else_reads(void **state)
{
	char *dir = test_tempdir("daemon-config");
	char *path = config_file(dir, "FOLIO_REPO=/r\nFOLIO_WEBHOOK_SECRET=hunter2-very-secret\n", 0640);
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	folio_daemon_settings s;
	o.config_file = path;
	assert_int_equal(folio_daemon__settings_load(&s, &o), FOLIO_ERROR);
	assert_non_null(strstr(folio_error_last(), "chmod 600"));
	assert_null(strstr(folio_error_last(), "hunter2")); /* never in a message */
	assert_int_equal(chmod(path, 0600), 0);
	assert_folio_ok(folio_daemon__settings_load(&s, &o));
	assert_string_equal(s.webhook_secret, "hunter2-very-secret");
	folio_daemon__settings_dispose(&s);
	/* a secret file on the command line wins over the config's secret */
	o.webhook_secret_file = "/etc/cli-secret";
	assert_folio_ok(folio_daemon__settings_load(&s, &o));
	assert_null(s.webhook_secret);
	assert_string_equal(s.webhook_secret_file, "/etc/cli-secret");
	folio_daemon__settings_dispose(&s);
	test_rm_rf(dir);
	free(dir);
	free(path);
}

static void config_missing_or_binary_file_is_refused(void **state)
{
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	folio_daemon_settings s;
	o.config_file = "/nonexistent/folio.conf";
	assert_int_equal(folio_daemon__settings_load(&s, &o), FOLIO_ERROR);
	assert_non_null(strstr(folio_error_last(), "cannot read config '/nonexistent/folio.conf'"));
	char *dir = test_tempdir("daemon-config");
	test_sh("printf 'FOLIO_REPO=/r\\000x\\n' >'%s/site.conf'", dir);
	char *path = config_file(dir, NULL, 0600);
	o.config_file = path;
	assert_int_equal(folio_daemon__settings_load(&s, &o), FOLIO_ERROR);
	assert_non_null(strstr(folio_error_last(), "NUL"));
	test_rm_rf(dir);
	free(dir);
	free(path);
}

static void settings_without_config_are_the_command_line_and_defaults(void **state)
{
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	folio_daemon_settings s;
	assert_int_equal(folio_daemon__settings_load(&s, &o), FOLIO_ERROR);
	assert_non_null(strstr(folio_error_last(), "no repository"));
	o.repo = "/r.git";
	assert_folio_ok(folio_daemon__settings_load(&s, &o));
	assert_string_equal(s.out_dir, "public");
	assert_string_equal(s.state_dir, "state");
	assert_int_equal(s.poll_seconds, 30);
	assert_int_equal(s.jobs, 0);
	folio_daemon__settings_dispose(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(config_reads_every_key_of_the_shipped_example),
		cmocka_unit_test(config_command_line_wins_and_defaults_fill_the_rest),
		cmocka_unit_test(config_reads_values_as_systemd_does),
		cmocka_unit_test(config_refuses_what_it_does_not_understand_naming_the_line),
		cmocka_unit_test(config_secret_only_from_a_file_nobody_else_reads),
		cmocka_unit_test(config_sets_budgets_and_the_hooks_read_the_same),
		cmocka_unit_test(config_strict_history_for_the_hook),
		cmocka_unit_test(config_missing_or_binary_file_is_refused),
		cmocka_unit_test(settings_without_config_are_the_command_line_and_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
