/*
 * Partner delivery: signatures, backoff, the outbox, and real HTTP on
 * 127.0.0.1 against `folio receive` and tests/e2e/fake_partner.py. Every
 * wait is bounded; helper processes are killed by pid at teardown.
 */
#include "helpers.h"
#include "publish/state_db.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SECRET_A "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
#define SECRET_B "whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24tdGVzdHM="

/* ---- helpers ---- */

static folio_webhook_keys keys_of(const char *text)
{
	folio_webhook_keys k;
	folio_webhook_keys_init(&k);
	assert_folio_ok(folio_webhook_keys_parse(&k, text));
	return k;
}

static long long now_s(void) { return (long long)time(NULL); }

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* A synthetic JSON Feed: items "slug=version" separated by commas. */
static char *make_feed(const char *collection, const char *spec)
{
	json_t *feed = json_pack("{s:s, s:s, s:[]}", "version", "https://jsonfeed.org/version/1.1",
	                         "title", collection, "items");
	char *copy = strdup(spec), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		*eq = '\0';
		char *id = NULL, *html = NULL;
		assert_true(asprintf(&id, "https://site.example/%s/%s/", collection, tok) > 0);
		assert_true(asprintf(&html, "<p>%s version %s</p>", tok, eq + 1) > 0);
		json_array_append_new(json_object_get(feed, "items"),
			json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id, "url", id, "title", tok,
			          "content_html", html, "summary", "a summary"));
		free(id);
		free(html);
	}
	free(copy);
	char *s = json_dumps(feed, JSON_COMPACT);
	json_decref(feed);
	return s;
}

typedef struct {
	folio_config cfg;
	folio_collection cols[2];
	folio_partner partners[4];
	char *urls[4];
	char *colnames[4][2];
} test_site;

static void site_init(test_site *s)
{
	memset(s, 0, sizeof(*s));
	s->cfg.title = "ISCRA";
	s->cfg.base_url = "https://site.example";
	s->cfg.language = "fr";
	s->cols[0].name = "events";
	s->cols[1].name = "books";
	s->cfg.collections = s->cols;
	s->cfg.ncollections = 2;
	s->cfg.partners = s->partners;
}

/* Add a partner receiving events (and books when both). */
static void site_partner(test_site *s, const char *name, int port, bool both, bool summaries)
{
	size_t i = s->cfg.npartners++;
	assert_true(asprintf(&s->urls[i], "http://127.0.0.1:%d/folio", port) > 0);
	s->colnames[i][0] = "events";
	s->colnames[i][1] = "books";
	s->partners[i].name = (char *)name;
	s->partners[i].url = s->urls[i];
	s->partners[i].collections = s->colnames[i];
	s->partners[i].ncollections = both ? 2 : 1;
	s->partners[i].summaries = summaries;
}

static void site_dispose(test_site *s)
{
	for (size_t i = 0; i < 4; i++)
		free(s->urls[i]);
}

/* Enqueue commit with the two feeds in its own transaction. */
static void publish(folio_state *st, const test_site *s, const char *commit,
                    const char *events, const char *books)
{
	char *ev = make_feed("events", events), *bk = make_feed("books", books);
	folio_deliver_feed feeds[] = {
		{ "events", ev, strlen(ev) },
		{ "books", bk, strlen(bk) },
	};
	assert_folio_ok(folio_state_begin(st));
	assert_folio_ok(folio_deliver_enqueue(st, &s->cfg, commit, feeds, 2));
	assert_folio_ok(folio_state_commit(st));
	free(ev);
	free(bk);
}

static long long query_int(folio_state *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(folio_state_db(st), sql, -1, &s, NULL), SQLITE_OK);
	long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	return v;
}

static char *query_text(folio_state *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(folio_state_db(st), sql, -1, &s, NULL), SQLITE_OK);
	char *v = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

/* The payload of the partner's newest delivery. */
static json_t *newest_payload(folio_state *st, const char *partner)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT payload FROM deliveries WHERE partner = '%s'"
	         " ORDER BY seq DESC LIMIT 1", partner);
	char *text = query_text(st, sql);
	assert_non_null(text);
	json_t *j = json_loads(text, 0, NULL);
	free(text);
	assert_non_null(j);
	return j;
}

/* Is id (a slug of collection) in changes[kind]? */
static bool changed(json_t *payload, const char *kind, const char *collection, const char *slug)
{
	char id[256];
	snprintf(id, sizeof(id), "https://site.example/%s/%s/", collection, slug);
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(json_object_get(payload, "changes"), kind), i, v)
		if (!strcmp(json_string_value(v), id))
			return true;
	return false;
}

static size_t nchanged(json_t *payload, const char *kind)
{
	return json_array_size(json_object_get(json_object_get(payload, "changes"), kind));
}

static void write_secret_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(chmod(path, mode), 0);
}

/* ---- helper processes ---- */

typedef struct {
	pid_t pid;
	int port;
	char *dir; /* its working directory (fake) or output directory (receive) */
	char *log;
} proc;

static pid_t spawn(char *const argv[], const char *log)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL); /* no orphan when a test fails midway */
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 2);
		dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* Wait (at most 10 s) until file exists and holds a number. */
static int wait_port_file(const char *path, pid_t pid)
{
	for (int i = 0; i < 200; i++) {
		char *t = test_read_file(path, NULL);
		if (t) {
			int port = atoi(t);
			free(t);
			if (port > 0)
				return port;
		}
		if (waitpid(pid, NULL, WNOHANG) == pid)
			fail_msg("helper process exited early; see %s", path);
		sleep_ms(50);
	}
	fail_msg("helper did not start in 10 s");
	return 0;
}

/* Wait (at most 10 s) for "listening on port N" in log. */
static int wait_listening(const char *log, pid_t pid)
{
	for (int i = 0; i < 200; i++) {
		char *t = test_read_file(log, NULL);
		char *at = t ? strstr(t, "listening on port ") : NULL;
		int port = at ? atoi(at + strlen("listening on port ")) : 0;
		free(t);
		if (port > 0)
			return port;
		int status;
		if (waitpid(pid, &status, WNOHANG) == pid)
			fail_msg("folio receive exited early (%d)", status);
		sleep_ms(50);
	}
	fail_msg("folio receive did not listen in 10 s");
	return 0;
}

/* A fake partner; with tls, "CERT KEY" paths, it serves HTTPS. */
static proc start_fake_tls(const char *base, const char *name, const char *secret,
                           char *cert, char *key)
{
	proc p = { 0 };
	assert_true(asprintf(&p.dir, "%s/%s", base, name) > 0);
	assert_true(asprintf(&p.log, "%s/%s.log", base, name) > 0);
	test_sh("mkdir -p '%s'", p.dir);
	char *script = NULL;
	assert_true(asprintf(&script, "%s/tests/e2e/fake_partner.py", FOLIO_SOURCE_DIR) > 0);
	char *argv[] = { "python3", script, "--dir", p.dir, "--secret", (char *)secret,
	                 cert ? "--tls" : NULL, cert, key, NULL };
	p.pid = spawn(argv, p.log);
	free(script);
	char *portfile = NULL;
	assert_true(asprintf(&portfile, "%s/port", p.dir) > 0);
	p.port = wait_port_file(portfile, p.pid);
	free(portfile);
	return p;
}

static proc start_fake(const char *base, const char *name, const char *secret)
{
	return start_fake_tls(base, name, secret, NULL, NULL);
}

static void set_mode(const proc *p, const char *mode)
{
	test_write_file(p->dir, "mode", mode);
}

static proc start_receive(const char *base, const char *name, const char *secret_file)
{
	proc p = { 0 };
	assert_true(asprintf(&p.dir, "%s/%s", base, name) > 0);
	assert_true(asprintf(&p.log, "%s/%s.log", base, name) > 0);
	char *argv[] = { FOLIO_BINARY, "receive", "--listen", "127.0.0.1:0", "--secret-file",
	                 (char *)secret_file, "--dir", p.dir, NULL };
	unlink(p.log); /* not to read the port of a previous run */
	p.pid = spawn(argv, p.log);
	p.port = wait_listening(p.log, p.pid);
	return p;
}

static void stop(proc *p)
{
	if (p->pid > 0) {
		kill(p->pid, SIGTERM);
		int status;
		for (int i = 0; i < 100 && waitpid(p->pid, &status, WNOHANG) == 0; i++)
			sleep_ms(50);
		if (waitpid(p->pid, &status, WNOHANG) == 0) {
			kill(p->pid, SIGKILL);
			waitpid(p->pid, &status, 0);
		}
	}
	free(p->dir);
	free(p->log);
	memset(p, 0, sizeof(*p));
}

/* Requests the fake partner logged, in order (array of objects). */
static json_t *fake_requests(const proc *p)
{
	json_t *all = json_array();
	for (int n = 1; n < 1000; n++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/req-%04d.json", p->dir, n);
		json_t *j = json_load_file(path, 0, NULL);
		if (!j)
			break;
		json_array_append_new(all, j);
	}
	return all;
}

/* POST body to url with the given webhook headers; returns the HTTP status. */
static long post(int port, const char *id, const char *ts, const char *sig, const char *body,
                 size_t len, const char *content_length)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	char line[512], url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/", port);
	snprintf(line, sizeof(line), "webhook-id: %s", id);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "webhook-timestamp: %s", ts);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "webhook-signature: %s", sig);
	h = curl_slist_append(h, line);
	h = curl_slist_append(h, "Expect:");
	if (content_length) {
		snprintf(line, sizeof(line), "Content-Length: %s", content_length);
		h = curl_slist_append(h, line);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (!content_length)
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	FILE *devnull = fopen("/dev/null", "w");
	curl_easy_setopt(c, CURLOPT_WRITEDATA, devnull);
	long status = 0;
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	fclose(devnull);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return status;
}

static long post_signed(int port, const char *secret, const char *id, long long ts,
                        const char *body)
{
	folio_webhook_keys k = keys_of(secret);
	char *sig = folio_webhook_sign(&k, id, ts, body, strlen(body));
	char tss[32];
	snprintf(tss, sizeof(tss), "%lld", ts);
	long status = post(port, id, tss, sig, body, strlen(body), NULL);
	free(sig);
	folio_webhook_keys_dispose(&k);
	return status;
}

/* ---- signatures ---- */

static void webhook_sign_matches_the_specification_vector(void **state)
{
	(void)state;
	folio_webhook_keys k = keys_of(SECRET_A);
	const char *body = "{\"test\": 2432232314}";
	char *sig = folio_webhook_sign(&k, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body,
	                               strlen(body));
	assert_string_equal(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	free(sig);
	folio_webhook_keys_dispose(&k);
}

static void webhook_sign_matches_python_hmac(void **state)
{
	(void)state;
	folio_webhook_keys k = keys_of(SECRET_B);
	const char *body = "{\"collections\":{},\"note\":\"d\\u00e9j\\u00e0 vu\"}";
	char *sig = folio_webhook_sign(&k, "msg_abc", 1700000000, body, strlen(body));
	char *py = test_sh_output(
		"python3 -c 'import base64,hashlib,hmac,sys;"
		"k=base64.b64decode(sys.argv[1][6:]);"
		"print(\"v1,\"+base64.b64encode(hmac.new(k,sys.argv[2].encode(),hashlib.sha256).digest()).decode())'"
		" '%s' 'msg_abc.1700000000.%s'", SECRET_B, body);
	py[strcspn(py, "\n")] = '\0';
	assert_string_equal(sig, py);
	free(py);
	free(sig);
	folio_webhook_keys_dispose(&k);
}

static void webhook_sign_gives_one_signature_per_active_key(void **state)
{
	(void)state;
	folio_webhook_keys k = keys_of(SECRET_A " " SECRET_B);
	assert_int_equal(k.count, 2);
	char *sig = folio_webhook_sign(&k, "msg_1", 1700000000, "{}", 2);
	char *space = strchr(sig, ' ');
	assert_non_null(space);
	assert_memory_equal(sig, "v1,", 3);
	assert_memory_equal(space + 1, "v1,", 3);
	assert_null(strchr(space + 1, ' '));
	/* each key alone verifies the header */
	folio_webhook_keys a = keys_of(SECRET_A), b = keys_of(SECRET_B);
	assert_folio_ok(folio_webhook_verify(&a, "msg_1", "1700000000", sig, "{}", 2, 1700000000, 300));
	assert_folio_ok(folio_webhook_verify(&b, "msg_1", "1700000000", sig, "{}", 2, 1700000000, 300));
	free(sig);
	folio_webhook_keys_dispose(&a);
	folio_webhook_keys_dispose(&b);
	folio_webhook_keys_dispose(&k);
}

static void webhook_verify_refuses_tampering_and_stale_timestamps(void **state)
{
	(void)state;
	folio_webhook_keys k = keys_of(SECRET_A), other = keys_of(SECRET_B);
	long long t = 1700000000;
	char *sig = folio_webhook_sign(&k, "msg_1", t, "{\"a\":1}", 7);
	assert_folio_ok(folio_webhook_verify(&k, "msg_1", "1700000000", sig, "{\"a\":1}", 7, t + 299, 300));
	assert_int_equal(folio_webhook_verify(&k, "msg_1", "1700000000", sig, "{\"a\":2}", 7, t, 300),
	                 FOLIO_EINVALID);
	assert_int_equal(folio_webhook_verify(&k, "msg_2", "1700000000", sig, "{\"a\":1}", 7, t, 300),
	                 FOLIO_EINVALID);
	assert_int_equal(folio_webhook_verify(&other, "msg_1", "1700000000", sig, "{\"a\":1}", 7, t, 300),
	                 FOLIO_EINVALID);
	assert_int_equal(folio_webhook_verify(&k, "msg_1", "1700000000", sig, "{\"a\":1}", 7, t + 301, 300),
	                 FOLIO_EINVALID);
	assert_non_null(strstr(folio_error_last(), "more than 300 seconds"));
	assert_int_equal(folio_webhook_verify(&k, "msg_1", "1700000000", sig, "{\"a\":1}", 7, t - 301, 300),
	                 FOLIO_EINVALID);
	assert_int_equal(folio_webhook_verify(&k, "msg_1", "17e8", sig, "{\"a\":1}", 7, t, 300),
	                 FOLIO_EINVALID);
	assert_int_equal(folio_webhook_verify(&k, NULL, "1700000000", sig, "{\"a\":1}", 7, t, 300),
	                 FOLIO_EINVALID);
	assert_int_equal(folio_webhook_verify(&k, "msg_1", "1700000000", "v2,abc v1,!!!", "{\"a\":1}", 7,
	                                      t, 300), FOLIO_EINVALID);
	/* an unknown scheme beside a good signature is ignored, as the specification says */
	char *mixed = NULL;
	assert_true(asprintf(&mixed, "v1a,xyz %s", sig) > 0);
	assert_folio_ok(folio_webhook_verify(&k, "msg_1", "1700000000", mixed, "{\"a\":1}", 7, t, 300));
	free(mixed);
	free(sig);
	folio_webhook_keys_dispose(&k);
	folio_webhook_keys_dispose(&other);
}

static void webhook_keys_refuse_a_secret_that_is_not_base64(void **state)
{
	(void)state;
	folio_webhook_keys k;
	folio_webhook_keys_init(&k);
	assert_int_equal(folio_webhook_keys_parse(&k, "whsec_not*base64"), FOLIO_EINVALID);
	assert_null(strstr(folio_error_last(), "not*base64")); /* never quoted */
	assert_int_equal(folio_webhook_keys_parse(&k, "whsec_"), FOLIO_EINVALID);
	folio_webhook_keys_dispose(&k);
}

static void secrets_come_from_the_environment_by_upper_cased_name(void **state)
{
	(void)state;
	folio_webhook_keys k;
	folio_webhook_keys_init(&k);
	setenv("FOLIO_SECRET_REGIONAL_NET", SECRET_A " " SECRET_B, 1);
	assert_folio_ok(folio_webhook_keys_for_partner(&k, "regional-net", NULL));
	assert_int_equal(k.count, 2);
	unsetenv("FOLIO_SECRET_REGIONAL_NET");
	folio_webhook_keys_dispose(&k);
	assert_int_equal(folio_webhook_keys_for_partner(&k, "regional-net", NULL), FOLIO_ENOTFOUND);
	assert_non_null(strstr(folio_error_last(), "FOLIO_SECRET_REGIONAL_NET"));
}

static void secrets_file_gives_each_partner_its_lines(void **state)
{
	(void)state;
	char *dir = test_tempdir("secrets");
	char *path = NULL;
	assert_true(asprintf(&path, "%s/secrets", dir) > 0);
	write_secret_file(path, "# partners\nalliss = " SECRET_A "\npub=" SECRET_B " " SECRET_A "\n", 0600);
	folio_webhook_keys k;
	folio_webhook_keys_init(&k);
	assert_folio_ok(folio_webhook_keys_for_partner(&k, "pub", path));
	assert_int_equal(k.count, 2);
	folio_webhook_keys_dispose(&k);
	assert_folio_ok(folio_webhook_keys_for_partner(&k, "alliss", path));
	assert_int_equal(k.count, 1);
	folio_webhook_keys_dispose(&k);
	assert_int_equal(folio_webhook_keys_for_partner(&k, "nobody", path), FOLIO_ENOTFOUND);
	free(path);
	test_rm_rf(dir);
	free(dir);
}

static void secrets_file_readable_by_others_is_refused(void **state)
{
	(void)state;
	char *dir = test_tempdir("secrets");
	char *path = NULL;
	assert_true(asprintf(&path, "%s/secrets", dir) > 0);
	write_secret_file(path, "alliss=" SECRET_A "\n", 0644);
	folio_webhook_keys k;
	folio_webhook_keys_init(&k);
	assert_int_equal(folio_webhook_keys_load_file(&k, path, "alliss"), FOLIO_EINVALID);
	assert_non_null(strstr(folio_error_last(), "may be read by group or others"));
	assert_null(strstr(folio_error_last(), "MfKQ9r8"));
	assert_int_equal(k.count, 0);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(folio_webhook_keys_load_file(&k, path, "alliss"), FOLIO_EINVALID);
	assert_int_equal(chmod(path, 0400), 0);
	assert_folio_ok(folio_webhook_keys_load_file(&k, path, "alliss"));
	assert_int_equal(k.count, 1);
	folio_webhook_keys_dispose(&k);
	free(path);
	test_rm_rf(dir);
	free(dir);
}

/* ---- backoff ---- */

static void backoff_grows_to_a_day_and_stays_there(void **state)
{
	(void)state;
	assert_int_equal(folio_deliver_backoff(1, 0), 30);
	assert_int_equal(folio_deliver_backoff(2, 0), 120);
	assert_int_equal(folio_deliver_backoff(3, 0), 600);
	assert_int_equal(folio_deliver_backoff(10, 0), 86400);
	assert_int_equal(folio_deliver_backoff(11, 0), 86400);
	assert_int_equal(folio_deliver_backoff(1000, 0), 86400);
	long long prev = 0;
	for (unsigned f = 1; f <= 10; f++) {
		long long b = folio_deliver_backoff(f, 0);
		assert_true(b > prev);
		prev = b;
	}
}

static void backoff_jitter_adds_at_most_a_quarter(void **state)
{
	(void)state;
	assert_int_equal(folio_deliver_backoff(5, 0.5), 3600 + 450);
	assert_true(folio_deliver_backoff(10, 0.999) < 86400 + 21600);
	assert_true(folio_deliver_backoff(10, 0.999) >= 86400);
	assert_int_equal(folio_deliver_backoff(2, 7.0), 120); /* out of range: no jitter */
}

/* ---- the outbox, without HTTP ---- */

typedef struct {
	char *dir;
	folio_state *st;
	test_site site;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->dir = test_tempdir("deliver");
	if (folio_state_open(&f->st, f->dir) < 0)
		return -1;
	site_init(&f->site);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	folio_state_close(f->st);
	site_dispose(&f->site);
	test_rm_rf(f->dir);
	free(f->dir);
	free(f);
	unsetenv("FOLIO_SECRET_ALLISS");
	unsetenv("FOLIO_SECRET_PUB");
	unsetenv("FOLIO_SECRET_NET");
	return 0;
}

static void enqueue_supersedes_the_pending_delivery_of_a_partner(void **state)
{
	fixture *f = *state;
	site_partner(&f->site, "alliss", 9, true, false);
	publish(f->st, &f->site, "c1", "a=1", "x=1");
	publish(f->st, &f->site, "c2", "a=2,a=2", "x=1"); /* a repeated id counts once */
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM deliveries WHERE status = 'pending'"), 1);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM deliveries WHERE status = 'superseded'"
	                                  " AND payload IS NULL"), 1);
	char *commit = query_text(f->st, "SELECT commit_id FROM deliveries WHERE status = 'pending'");
	assert_string_equal(commit, "c2");
	free(commit);
	/* nothing acknowledged yet: everything is added, cumulatively */
	json_t *p = newest_payload(f->st, "alliss");
	assert_true(changed(p, "added", "events", "a"));
	assert_true(changed(p, "added", "books", "x"));
	assert_int_equal(nchanged(p, "updated"), 0);
	assert_true(json_is_null(json_object_get(p, "since")));
	assert_string_equal(json_string_value(json_object_get(p, "commit")), "c2");
	assert_string_equal(json_string_value(json_object_get(json_object_get(p, "site"), "base_url")),
	                    "https://site.example");
	json_t *ev = json_object_get(json_object_get(p, "collections"), "events");
	assert_string_equal(json_string_value(json_object_get(ev, "version")),
	                    "https://jsonfeed.org/version/1.1");
	json_decref(p);
	/* only the queued delivery's items are kept */
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM delivery_items"), 2);
}

static void enqueue_gives_summaries_only_partners_no_content(void **state)
{
	fixture *f = *state;
	site_partner(&f->site, "pub", 9, false, true);
	site_partner(&f->site, "alliss", 9, false, false);
	publish(f->st, &f->site, "c1", "a=1", "x=1");
	json_t *p = newest_payload(f->st, "pub");
	json_t *item = json_array_get(json_object_get(json_object_get(json_object_get(p, "collections"),
	                                                              "events"), "items"), 0);
	assert_null(json_object_get(item, "content_html"));
	assert_string_equal(json_string_value(json_object_get(item, "summary")), "a summary");
	assert_null(json_object_get(json_object_get(p, "collections"), "books"));
	json_decref(p);
	p = newest_payload(f->st, "alliss");
	item = json_array_get(json_object_get(json_object_get(json_object_get(p, "collections"),
	                                                      "events"), "items"), 0);
	assert_non_null(json_object_get(item, "content_html"));
	json_decref(p);
}

static void enqueue_refuses_a_missing_feed_of_a_subscribed_collection(void **state)
{
	fixture *f = *state;
	site_partner(&f->site, "alliss", 9, true, false);
	char *ev = make_feed("events", "a=1");
	folio_deliver_feed feeds[] = { { "events", ev, strlen(ev) } };
	assert_folio_ok(folio_state_begin(f->st));
	assert_int_equal(folio_deliver_enqueue(f->st, &f->site.cfg, "c1", feeds, 1), FOLIO_EINVALID);
	assert_non_null(strstr(folio_error_last(), "'books'"));
	folio_state_rollback(f->st);
	feeds[0].len = 3; /* truncated JSON */
	assert_folio_ok(folio_state_begin(f->st));
	assert_true(folio_deliver_enqueue(f->st, &f->site.cfg, "c1", feeds, 1) < 0);
	folio_state_rollback(f->st);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM deliveries"), 0);
	free(ev);
}

static void next_due_says_when_to_wake(void **state)
{
	fixture *f = *state;
	long long wait;
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	assert_int_equal(wait, -1);
	site_partner(&f->site, "alliss", 9, false, false);
	publish(f->st, &f->site, "c1", "a=1", "");
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	assert_int_equal(wait, 0);
	assert_folio_ok(folio_state_exec(f->st, "UPDATE deliveries SET next_attempt_at = strftime('%s','now') + 600"));
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	/* about 600 s (not 0: the delivery waits); a loaded machine under
	 * ASan took seconds between the two clocks' reads (CI failed at > 590) */
	assert_in_range(wait, 540, 600);
	assert_folio_ok(folio_deliver_retry(f->st, NULL));
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	assert_int_equal(wait, 0);
	assert_int_equal(folio_deliver_retry(f->st, "msg_unknown"), FOLIO_ENOTFOUND);
}

/* ---- real HTTP ---- */

#define LOOPBACK_ALLOW "http://127.0.0.1:* https://127.0.0.1:*"

static folio_deliver_options fast_opts(folio_deliver_stats *stats)
{
	folio_deliver_options o = FOLIO_DELIVER_OPTIONS_INIT;
	o.connect_timeout_ms = 2000;
	o.timeout_ms = 3000;
	o.stats = stats;
	/* the partners of these tests are on loopback, which the server must list */
	o.partner_allow = LOOPBACK_ALLOW;
	return o;
}

static void delivery_to_folio_receive_is_verified_and_written(void **state)
{
	fixture *f = *state;
	char *secret_file = NULL;
	assert_true(asprintf(&secret_file, "%s/receiver.secret", f->dir) > 0);
	write_secret_file(secret_file, SECRET_A "\n", 0600);
	proc rx = start_receive(f->dir, "rx", secret_file);
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	site_partner(&f->site, "alliss", rx.port, true, false);
	publish(f->st, &f->site, "c1", "a=1,b=1", "x=1");

	folio_deliver_stats stats;
	folio_deliver_options o = fast_opts(&stats);
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	assert_int_equal(stats.delivered, 1);
	char *path = NULL;
	assert_true(asprintf(&path, "%s/events.json", rx.dir) > 0);
	json_t *ev = json_load_file(path, 0, NULL);
	free(path);
	assert_non_null(ev);
	assert_int_equal(json_array_size(json_object_get(ev, "items")), 2);
	json_decref(ev);
	assert_true(asprintf(&path, "%s/last.json", rx.dir) > 0);
	char *last = test_read_file(path, NULL);
	free(path);
	char *stored = query_text(f->st, "SELECT payload FROM deliveries");
	assert_string_equal(last, stored); /* the body exactly as signed */
	free(stored);
	free(last);
	char *acked = query_text(f->st, "SELECT acked_commit FROM partners WHERE name = 'alliss'");
	assert_string_equal(acked, "c1");
	free(acked);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM partner_items"), 3);
	assert_int_equal(query_int(f->st, "SELECT http_status FROM attempts"), 200);

	/* the next commit carries only what changed since c1 */
	publish(f->st, &f->site, "c2", "a=2,c=1", "x=1");
	json_t *p = newest_payload(f->st, "alliss");
	assert_string_equal(json_string_value(json_object_get(p, "since")), "c1");
	assert_true(changed(p, "updated", "events", "a"));
	assert_true(changed(p, "added", "events", "c"));
	assert_true(changed(p, "removed", "events", "b"));
	assert_int_equal(nchanged(p, "added") + nchanged(p, "updated") + nchanged(p, "removed"), 3);
	json_decref(p);
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	stop(&rx);
	free(secret_file);
}

static void folio_receive_refuses_forgeries_and_replays(void **state)
{
	fixture *f = *state;
	char *secret_file = NULL;
	assert_true(asprintf(&secret_file, "%s/receiver.secret", f->dir) > 0);
	write_secret_file(secret_file, "alliss=" SECRET_A "\n", 0600);
	proc rx = start_receive(f->dir, "rx", secret_file);
	const char *body = "{\"commit\":\"c1\",\"collections\":{\"events\":{\"items\":[]}}}";
	long long now = now_s();

	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_ok", now, body), 200);
	char *path = NULL;
	assert_true(asprintf(&path, "%s/events.json", rx.dir) > 0);
	assert_true(access(path, F_OK) == 0);
	/* wrong key, tampered body, old timestamp */
	assert_int_equal(post_signed(rx.port, SECRET_B, "msg_bad", now, body), 401);
	assert_int_equal(post(rx.port, "msg_bad", "1700000000", "v1,AAAA", body, strlen(body), NULL), 401);
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_old", now - 600, body), 401);
	/* a replay of an accepted id with an old timestamp is refused, a fresh one is a no-op */
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_ok", now - 600, body), 401);
	unlink(path);
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_ok", now, body), 200);
	assert_true(access(path, F_OK) != 0); /* nothing written again */
	/* a path in a collection name never leaves DIR */
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_evil", now,
	                             "{\"collections\":{\"../evil\":{}}}"), 400);
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_notjson", now, "{"), 400);
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_last", now,
	                             "{\"collections\":{\"last\":{}}}"), 400);
	/* a part's delivery id never leaves DIR/.parts, and its numbers must hold */
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_part_evil", now,
	                             "{\"collections\":{},\"part\":{\"delivery\":\"../../evil\","
	                             "\"index\":1,\"count\":2}}"), 400);
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_part_past", now,
	                             "{\"collections\":{},\"part\":{\"delivery\":\"msg_x\","
	                             "\"index\":3,\"count\":2}}"), 400);
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_part_many", now,
	                             "{\"collections\":{},\"part\":{\"delivery\":\"msg_x\","
	                             "\"index\":1,\"count\":100000}}"), 400);
	/* a body over the limit is refused before it is read */
	assert_int_equal(post(rx.port, "msg_big", "1700000000", "v1,AAAA", "", 0, "40000000"), 413);
	/* ids survive a restart, also after a torn last line */
	stop(&rx);
	test_sh("printf 'msg_tor' >> '%s/rx/.seen'", f->dir);
	rx = start_receive(f->dir, "rx", secret_file);
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_ok", now_s(), body), 200);
	assert_true(access(path, F_OK) != 0);
	char *log = test_read_file(rx.log, NULL);
	assert_non_null(strstr(log, "duplicate"));
	free(log);
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_new", now_s(), body), 200);
	stop(&rx);
	rx = start_receive(f->dir, "rx", secret_file);
	unlink(path);
	assert_int_equal(post_signed(rx.port, SECRET_A, "msg_new", now_s(), body), 200);
	assert_true(access(path, F_OK) != 0); /* msg_new was remembered on a line of its own */
	stop(&rx);
	free(path);
	free(secret_file);
}

static void folio_receive_refuses_a_loose_secret_file(void **state)
{
	fixture *f = *state;
	char *secret_file = NULL;
	assert_true(asprintf(&secret_file, "%s/receiver.secret", f->dir) > 0);
	write_secret_file(secret_file, SECRET_A "\n", 0644);
	char *out = test_sh_output("'%s' receive --listen 127.0.0.1:0 --secret-file '%s' --dir '%s/rx'"
	                           " 2>&1; echo \"exit=$?\"", FOLIO_BINARY, secret_file, f->dir);
	assert_non_null(strstr(out, "may be read by group or others"));
	assert_non_null(strstr(out, "chmod 600"));
	assert_non_null(strstr(out, "exit=2"));
	assert_null(strstr(out, "MfKQ9r8"));
	free(out);
	free(secret_file);
}

static void partner_down_then_up_gets_the_latest_state_once(void **state)
{
	fixture *f = *state;
	proc fake = start_fake(f->dir, "fake", SECRET_A);
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	site_partner(&f->site, "alliss", fake.port, true, false);
	folio_deliver_stats stats;
	folio_deliver_options o = fast_opts(&stats);

	publish(f->st, &f->site, "c0", "a=1,b=1,c=1", "x=1");
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	set_mode(&fake, "500");
	publish(f->st, &f->site, "c1", "a=1,b=1,c=1,d=1", "x=1");  /* d added */
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.failed, 1);
	/* in backoff: a plain run sends nothing, and neither does a new commit */
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.sent, 0);
	publish(f->st, &f->site, "c2", "a=2,b=1,c=1,d=1", "x=1");  /* a updated */
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.sent, 0);
	long long wait;
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	assert_true(wait > 0 && wait <= 38);
	o.force = true;
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(query_int(f->st, "SELECT failures FROM partners"), 2);
	publish(f->st, &f->site, "c3", "a=2,c=1,d=1", "x=2");  /* b removed, x updated */
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	assert_true(wait >= 600 - 2 && wait <= 750); /* third failure: 10 minutes */

	set_mode(&fake, "ok");
	o.force = false;
	assert_int_equal(folio_deliver_run(f->st, &o), 0); /* still waiting */
	assert_folio_ok(folio_deliver_retry(f->st, NULL));
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	o.force = true;
	assert_int_equal(folio_deliver_run(f->st, &o), 0); /* nothing left to send */
	assert_int_equal(stats.sent, 0);

	json_t *reqs = fake_requests(&fake);
	size_t i;
	json_t *r;
	int ok = 0;
	json_t *last_ok = NULL;
	json_array_foreach(reqs, i, r) {
		assert_true(json_is_true(json_object_get(r, "verified")));
		if (json_integer_value(json_object_get(r, "answer")) == 200) {
			ok++;
			last_ok = r;
		}
	}
	assert_int_equal(json_array_size(reqs), 5); /* c0, three 500s, c3 */
	assert_int_equal(ok, 2);
	json_t *p = json_loads(json_string_value(json_object_get(last_ok, "body")), 0, NULL);
	assert_string_equal(json_string_value(json_object_get(p, "commit")), "c3");
	assert_string_equal(json_string_value(json_object_get(p, "since")), "c0");
	assert_true(changed(p, "added", "events", "d"));
	assert_true(changed(p, "updated", "events", "a"));
	assert_true(changed(p, "removed", "events", "b"));
	assert_true(changed(p, "updated", "books", "x"));
	assert_int_equal(nchanged(p, "added") + nchanged(p, "updated") + nchanged(p, "removed"), 4);
	json_t *h = json_object_get(last_ok, "headers");
	assert_string_equal(json_string_value(json_object_get(h, "user-agent")), "folio/" FOLIO_VERSION);
	assert_string_equal(json_string_value(json_object_get(h, "content-type")), "application/json");
	/* the same webhook-id across the retries of the c3 delivery */
	json_t *prev = json_array_get(reqs, 3);
	assert_string_equal(json_string_value(json_object_get(json_object_get(prev, "headers"), "webhook-id")),
	                    json_string_value(json_object_get(h, "webhook-id")));
	json_decref(p);
	json_decref(reqs);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM attempts"), 5);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM deliveries WHERE status = 'superseded'"), 2);
	assert_int_equal(query_int(f->st, "SELECT failures FROM partners"), 0);
	stop(&fake);
}

static void hanging_partner_does_not_hold_the_others(void **state)
{
	fixture *f = *state;
	char *secret_file = NULL;
	assert_true(asprintf(&secret_file, "%s/receiver.secret", f->dir) > 0);
	write_secret_file(secret_file, SECRET_A "\n", 0600);
	proc rx = start_receive(f->dir, "rx", secret_file);
	proc hang = start_fake(f->dir, "hang", SECRET_A);
	proc closer = start_fake(f->dir, "closer", SECRET_A);
	set_mode(&hang, "hang");
	set_mode(&closer, "close");
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	setenv("FOLIO_SECRET_PUB", SECRET_A, 1);
	setenv("FOLIO_SECRET_NET", SECRET_A, 1);
	site_partner(&f->site, "pub", hang.port, false, false);
	site_partner(&f->site, "alliss", rx.port, false, false);
	site_partner(&f->site, "net", closer.port, false, false);
	publish(f->st, &f->site, "c1", "a=1", "");

	folio_deliver_stats stats;
	folio_deliver_options o = fast_opts(&stats);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(took >= 2.5); /* the hanging partner's 3 s timeout (no upper bound: load) */
	assert_int_equal(stats.delivered, 1);
	assert_int_equal(stats.failed, 2);
	/* the good partner's attempt was shorter than the hanging one's, which
	 * lasted the whole timeout (no absolute bound on it: a loaded machine,
	 * ASan, made a local POST take 1.5 s) */
	long long good = query_int(f->st, "SELECT duration_ms FROM attempts WHERE partner = 'alliss'");
	long long hung = query_int(f->st, "SELECT duration_ms FROM attempts WHERE partner = 'pub'");
	assert_true(hung >= 2500);
	assert_true(good < hung);
	char *err = query_text(f->st, "SELECT error FROM attempts WHERE partner = 'pub'");
	assert_non_null(strstr(err, "imed out"));
	free(err);
	err = query_text(f->st, "SELECT error FROM attempts WHERE partner = 'net'");
	assert_non_null(err);
	free(err);
	char *path = NULL;
	assert_true(asprintf(&path, "%s/events.json", rx.dir) > 0);
	assert_true(access(path, F_OK) == 0);
	free(path);
	stop(&hang);
	stop(&closer);
	stop(&rx);
	free(secret_file);
}

static void gone_partner_is_disabled_until_enabled(void **state)
{
	fixture *f = *state;
	proc fake = start_fake(f->dir, "fake", SECRET_A);
	set_mode(&fake, "410");
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	site_partner(&f->site, "alliss", fake.port, false, false);
	publish(f->st, &f->site, "c1", "a=1", "");
	folio_deliver_stats stats;
	folio_deliver_options o = fast_opts(&stats);
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.disabled, 1);
	json_t *list = NULL;
	assert_folio_ok(folio_deliver_list(f->st, 10, &list));
	json_t *p = json_array_get(json_object_get(list, "partners"), 0);
	assert_string_equal(json_string_value(json_object_get(p, "status")), "disabled");
	assert_non_null(strstr(json_string_value(json_object_get(p, "disabled_reason")), "410"));
	json_decref(list);
	/* disabled: neither due nor forced sends, yet new commits queue up */
	o.force = true;
	set_mode(&fake, "ok");
	publish(f->st, &f->site, "c2", "a=2", "");
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.sent, 0);
	long long wait;
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	assert_int_equal(wait, -1);
	assert_int_equal(folio_deliver_enable(f->st, "nobody"), FOLIO_ENOTFOUND);
	assert_folio_ok(folio_deliver_enable(f->st, "alliss"));
	o.force = false;
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	char *acked = query_text(f->st, "SELECT acked_commit FROM partners");
	assert_string_equal(acked, "c2");
	free(acked);
	stop(&fake);
}

static void retry_after_slows_a_partner_down(void **state)
{
	fixture *f = *state;
	proc fake = start_fake(f->dir, "fake", SECRET_A);
	set_mode(&fake, "503 retry-after=3600");
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	site_partner(&f->site, "alliss", fake.port, false, false);
	publish(f->st, &f->site, "c1", "a=1", "");
	folio_deliver_options o = fast_opts(NULL);
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	long long wait;
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	assert_true(wait >= 3598 && wait <= 3600);
	/* a 500 with Retry-After follows the schedule instead */
	set_mode(&fake, "500 retry-after=3600");
	o.force = true;
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	assert_true(wait >= 118 && wait <= 150);
	/* an HTTP date is honoured too */
	set_mode(&fake, "429 retry-after=Thu,_31_Dec_2099_23:59:59_GMT");
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	/* capped at a week, asked a moment after it was set (a second may
	 * have turned between: the 3600 s case above allows two) */
	assert_true(wait >= 7 * 86400 - 2 && wait <= 7 * 86400);
	stop(&fake);
}

static void removed_partner_stops_receiving(void **state)
{
	fixture *f = *state;
	proc fake = start_fake(f->dir, "fake", SECRET_A);
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	setenv("FOLIO_SECRET_PUB", SECRET_A, 1);
	site_partner(&f->site, "alliss", fake.port, false, false);
	site_partner(&f->site, "pub", fake.port, false, false);
	set_mode(&fake, "500");
	publish(f->st, &f->site, "c1", "a=1", "");
	folio_deliver_options o = fast_opts(NULL);
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	f->site.cfg.npartners = 1; /* pub leaves folio.yaml */
	set_mode(&fake, "ok");
	publish(f->st, &f->site, "c2", "a=2", "");
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM deliveries WHERE partner = 'pub'"
	                                  " AND status = 'cancelled'"), 1);
	o.force = true;
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	json_t *reqs = fake_requests(&fake);
	assert_int_equal(json_array_size(reqs), 3);
	json_t *p = json_loads(json_string_value(json_object_get(json_array_get(reqs, 2), "body")), 0, NULL);
	assert_string_equal(json_string_value(json_object_get(p, "partner")), "alliss");
	json_decref(p);
	json_decref(reqs);
	json_t *list = NULL;
	assert_folio_ok(folio_deliver_list(f->st, 10, &list));
	json_t *pub = json_array_get(json_object_get(list, "partners"), 1);
	assert_string_equal(json_string_value(json_object_get(pub, "name")), "pub");
	assert_string_equal(json_string_value(json_object_get(pub, "status")), "removed");
	json_decref(list);
	stop(&fake);
}

static void missing_or_loose_secret_is_a_failed_attempt_without_request(void **state)
{
	fixture *f = *state;
	proc fake = start_fake(f->dir, "fake", SECRET_A);
	char *secrets = NULL;
	assert_true(asprintf(&secrets, "%s/secrets", f->dir) > 0);
	write_secret_file(secrets, "alliss=" SECRET_A "\n", 0644);
	site_partner(&f->site, "alliss", fake.port, false, false);
	publish(f->st, &f->site, "c1", "a=1", "");
	folio_deliver_stats stats;
	folio_deliver_options o = fast_opts(&stats);
	o.secrets_file = secrets;
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.failed, 1);
	char *err = query_text(f->st, "SELECT error FROM attempts");
	assert_non_null(strstr(err, "may be read by group or others"));
	free(err);
	json_t *reqs = fake_requests(&fake);
	assert_int_equal(json_array_size(reqs), 0);
	json_decref(reqs);
	assert_int_equal(chmod(secrets, 0600), 0);
	assert_folio_ok(folio_deliver_retry(f->st, NULL));
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	free(secrets);
	stop(&fake);
}

static void enqueue_from_dir_reads_the_feeds_a_publish_wrote(void **state)
{
	fixture *f = *state;
	site_partner(&f->site, "alliss", 9, true, false);
	f->site.cols[1].folder = "livres";
	char *ev = make_feed("events", "a=1"), *bk = make_feed("books", "x=1,y=1");
	test_write_file(f->dir, "public/events/index.json", ev);
	test_write_file(f->dir, "public/livres/index.json", bk);
	char *out = NULL;
	assert_true(asprintf(&out, "%s/public", f->dir) > 0);
	assert_folio_ok(folio_state_begin(f->st));
	assert_folio_ok(folio_deliver_enqueue_from_dir(f->st, &f->site.cfg, "c1", out));
	assert_folio_ok(folio_state_commit(f->st));
	json_t *p = newest_payload(f->st, "alliss");
	assert_int_equal(nchanged(p, "added"), 3);
	json_decref(p);
	test_sh("rm '%s/public/livres/index.json'", f->dir);
	assert_folio_ok(folio_state_begin(f->st));
	assert_true(folio_deliver_enqueue_from_dir(f->st, &f->site.cfg, "c2", out) < 0);
	assert_non_null(strstr(folio_error_last(), "livres/index.json"));
	folio_state_rollback(f->st);
	free(out);
	free(ev);
	free(bk);
}

static void worker_killed_mid_request_sends_again_with_the_same_id(void **state)
{
	fixture *f = *state;
	proc fake = start_fake(f->dir, "fake", SECRET_A);
	set_mode(&fake, "slow:2");
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	site_partner(&f->site, "alliss", fake.port, false, false);
	publish(f->st, &f->site, "c1", "a=1", "");
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		folio_state *st = NULL;
		folio_deliver_options o = fast_opts(NULL);
		if (folio_state_open(&st, f->dir) == 0)
			folio_deliver_run(st, &o);
		_exit(0);
	}
	/* the request has reached the fake, which sleeps 2 s before answering */
	char *arrived = NULL;
	assert_true(asprintf(&arrived, "%s/slow-arrived", fake.dir) > 0);
	for (int i = 0; i < 1200 && access(arrived, F_OK) != 0; i++)
		sleep_ms(50);
	assert_int_equal(access(arrived, F_OK), 0); /* in 60 s, however loaded the machine */
	free(arrived);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM deliveries WHERE status = 'pending'"), 1);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM attempts"), 0);
	set_mode(&fake, "ok");
	folio_deliver_options o = fast_opts(NULL);
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	/* the killed request is logged once the fake's 2 s are over */
	json_t *reqs = fake_requests(&fake);
	for (int i = 0; i < 1200 && json_array_size(reqs) < 2; i++) {
		json_decref(reqs);
		sleep_ms(50);
		reqs = fake_requests(&fake);
	}
	assert_int_equal(json_array_size(reqs), 2);
	const char *id0 = json_string_value(json_object_get(json_object_get(json_array_get(reqs, 0),
	                                                                    "headers"), "webhook-id"));
	const char *id1 = json_string_value(json_object_get(json_object_get(json_array_get(reqs, 1),
	                                                                    "headers"), "webhook-id"));
	assert_string_equal(id0, id1);
	json_decref(reqs);
	stop(&fake);
}

/* Apply the delivered payloads of a fake partner in order: each one's
 * "since" is the previous one's commit, and added/removed rebuild the final
 * set of ids. Returns how many were delivered. */
static int check_chain(const proc *fake, const char *final_commit, size_t final_items)
{
	json_t *reqs = fake_requests(fake);
	json_t *model = json_object();
	const char *prev = NULL;
	int delivered = 0;
	size_t i;
	json_t *r;
	json_array_foreach(reqs, i, r) {
		if (json_integer_value(json_object_get(r, "answer")) != 200)
			continue;
		assert_true(json_is_true(json_object_get(r, "verified")));
		json_t *p = json_loads(json_string_value(json_object_get(r, "body")), 0, NULL);
		const char *since = json_string_value(json_object_get(p, "since"));
		if (prev)
			assert_string_equal(since, prev);
		else
			assert_null(since);
		json_t *ch = json_object_get(p, "changes");
		size_t k;
		json_t *id;
		json_array_foreach(json_object_get(ch, "removed"), k, id) {
			assert_non_null(json_object_get(model, json_string_value(id)));
			json_object_del(model, json_string_value(id));
		}
		json_array_foreach(json_object_get(ch, "updated"), k, id)
			assert_non_null(json_object_get(model, json_string_value(id)));
		json_array_foreach(json_object_get(ch, "added"), k, id) {
			assert_null(json_object_get(model, json_string_value(id)));
			json_object_set_new(model, json_string_value(id), json_true());
		}
		/* the model is exactly the ids of the delivered feeds */
		size_t nitems = 0;
		const char *name;
		json_t *feed;
		json_object_foreach(json_object_get(p, "collections"), name, feed)
			nitems += json_array_size(json_object_get(feed, "items"));
		assert_int_equal(json_object_size(model), nitems);
		free((char *)prev);
		prev = strdup(json_string_value(json_object_get(p, "commit")));
		json_decref(p);
		delivered++;
	}
	assert_non_null(prev);
	assert_string_equal(prev, final_commit);
	assert_int_equal(json_object_size(model), final_items);
	free((char *)prev);
	json_decref(model);
	json_decref(reqs);
	return delivered;
}

static void burst_of_publishes_loses_nothing_when_a_partner_is_down(void **state)
{
	fixture *f = *state;
	proc fakes[3] = {
		start_fake(f->dir, "a", SECRET_A), start_fake(f->dir, "b", SECRET_A),
		start_fake(f->dir, "c", SECRET_A),
	};
	static const char *const names[] = { "alliss", "pub", "net" };
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	setenv("FOLIO_SECRET_PUB", SECRET_A, 1);
	setenv("FOLIO_SECRET_NET", SECRET_A, 1);
	for (int i = 0; i < 3; i++)
		site_partner(&f->site, names[i], fakes[i].port, i != 1, i == 2);
	set_mode(&fakes[2], "503");
	folio_deliver_options o = fast_opts(NULL);
	char commit[16], events[4096], books[64];
	for (int n = 1; n <= 100; n++) {
		/* each commit adds an event, updates one, and every 7th removes one */
		folio_buf ev = FOLIO_BUF_INIT;
		for (int k = 1; k <= n; k++)
			if (k % 7 || k > n - 3)
				folio_buf_printf(&ev, "%se%d=%d", ev.size ? "," : "", k, k == n - 1 ? n : 1);
		snprintf(events, sizeof(events), "%s", ev.ptr);
		folio_buf_dispose(&ev);
		snprintf(books, sizeof(books), "x=%d", n / 10);
		snprintf(commit, sizeof(commit), "c%03d", n);
		publish(f->st, &f->site, commit, events, books);
		if (n == 51) {
			set_mode(&fakes[2], "ok");
			/* a daemon would wait out the backoff; here the operator retries */
			assert_folio_ok(folio_deliver_retry(f->st, NULL));
		}
		assert_true(folio_deliver_run(f->st, &o) >= 0);
	}
	size_t final_events = 0;
	for (int k = 1; k <= 100; k++)
		final_events += (k % 7 || k > 97) ? 1 : 0;
	int got[3];
	got[0] = check_chain(&fakes[0], "c100", final_events + 1);
	got[1] = check_chain(&fakes[1], "c100", final_events);
	got[2] = check_chain(&fakes[2], "c100", final_events + 1);
	json_t *down = fake_requests(&fakes[2]);
	print_message("burst: 100 publishes, 3 partners: delivered %d + %d + %d; the partner down "
	              "for the first half answered %zu requests, %lld deliveries superseded\n",
	              got[0], got[1], got[2], json_array_size(down),
	              query_int(f->st, "SELECT count(*) FROM deliveries WHERE status = 'superseded'"));
	assert_int_equal(got[0], 100);
	assert_int_equal(got[1], 100);
	assert_int_equal(got[2], 50);
	assert_int_equal(json_array_size(down), 51); /* one 503, then one per commit from c051 */
	json_decref(down);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM deliveries WHERE status = 'pending'"), 0);
	for (int i = 0; i < 3; i++)
		stop(&fakes[i]);
}

static void deliveries_command_lists_shows_enables_and_retries(void **state)
{
	fixture *f = *state;
	proc fake = start_fake(f->dir, "fake", SECRET_A);
	set_mode(&fake, "410");
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	site_partner(&f->site, "alliss", fake.port, false, false);
	publish(f->st, &f->site, "c1", "a=1", "");
	folio_deliver_options o = fast_opts(NULL);
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	char *id = query_text(f->st, "SELECT id FROM deliveries");

	char *out = test_sh_output("'%s' deliveries --state '%s' list 2>&1", FOLIO_BINARY, f->dir);
	assert_non_null(strstr(out, "alliss"));
	assert_non_null(strstr(out, "disabled"));
	assert_non_null(strstr(out, "answered 410 Gone"));
	assert_non_null(strstr(out, "folio deliveries enable alliss"));
	assert_non_null(strstr(out, id));
	free(out);
	out = test_sh_output("'%s' deliveries --state '%s' show %s 2>&1", FOLIO_BINARY, f->dir, id);
	assert_non_null(strstr(out, "HTTP 410"));
	assert_non_null(strstr(out, "1 added"));
	free(out);
	out = test_sh_output("'%s' deliveries --state '%s' --json list", FOLIO_BINARY, f->dir);
	json_t *j = json_loads(out, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(j, "partners"), 0), "status")), "disabled");
	json_decref(j);
	free(out);
	out = test_sh_output("'%s' deliveries --state '%s' show msg_nope 2>&1; echo \"exit=$?\"",
	                     FOLIO_BINARY, f->dir);
	assert_non_null(strstr(out, "no delivery 'msg_nope'"));
	assert_non_null(strstr(out, "exit=2"));
	free(out);

	set_mode(&fake, "ok");
	out = test_sh_output("'%s' deliveries --state '%s' enable alliss 2>&1", FOLIO_BINARY, f->dir);
	assert_non_null(strstr(out, "enabled"));
	free(out);
	out = test_sh_output("FOLIO_PARTNER_ALLOW='" LOOPBACK_ALLOW "' '%s' deliveries --state '%s' retry all 2>&1", FOLIO_BINARY, f->dir);
	assert_non_null(strstr(out, "1 sent, 1 delivered"));
	free(out);
	out = test_sh_output("'%s' deliveries --state '%s' list 2>&1", FOLIO_BINARY, f->dir);
	assert_non_null(strstr(out, "delivered"));
	assert_null(strstr(out, "disabled"));
	free(out);
	free(id);
	stop(&fake);
}

static void tls_is_verified_and_redirects_are_not_followed(void **state)
{
	fixture *f = *state;
	test_sh("cd '%s' && openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem"
	        " -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1", f->dir);
	char *cert = NULL, *key = NULL;
	assert_true(asprintf(&cert, "%s/cert.pem", f->dir) > 0);
	assert_true(asprintf(&key, "%s/key.pem", f->dir) > 0);
	proc tls = start_fake_tls(f->dir, "tls", SECRET_A, cert, key);
	proc redir = start_fake(f->dir, "redir", SECRET_A);
	set_mode(&redir, "307 location=http://127.0.0.1:9/elsewhere");
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	setenv("FOLIO_SECRET_PUB", SECRET_A, 1);
	site_partner(&f->site, "alliss", tls.port, false, false);
	free(f->site.urls[0]);
	assert_true(asprintf(&f->site.urls[0], "https://127.0.0.1:%d/folio", tls.port) > 0);
	f->site.partners[0].url = f->site.urls[0];
	site_partner(&f->site, "pub", redir.port, false, false);
	publish(f->st, &f->site, "c1", "a=1", "");

	/* a self-signed certificate is refused */
	folio_deliver_stats stats;
	folio_deliver_options o = fast_opts(&stats);
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.failed, 2);
	char *err = query_text(f->st, "SELECT error FROM attempts WHERE partner = 'alliss'");
	assert_non_null(strstr(err, "certificate"));
	free(err);
	err = query_text(f->st, "SELECT error FROM attempts WHERE partner = 'pub'");
	assert_non_null(strstr(err, "HTTP 307 (redirects are not followed)"));
	free(err);
	/* trusted through ca_file it is delivered; the redirect is still not followed */
	o.ca_file = cert;
	o.force = true;
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	json_t *reqs = fake_requests(&tls);
	assert_int_equal(json_array_size(reqs), 1);
	assert_true(json_is_true(json_object_get(json_array_get(reqs, 0), "verified")));
	json_decref(reqs);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM attempts WHERE partner = 'pub'"
	                                  " AND http_status = 307"), 2);
	stop(&tls);
	stop(&redir);
	free(cert);
	free(key);
}


/* ---- permanent failures and the server's allow-list ---- */

/* Is url, connecting to addr (NULL: before connecting), allowed by list? */
static bool allowed(const char *list, const char *url, const char *addr)
{
	folio_partner_allow *a = NULL;
	assert_folio_ok(folio_partner_allow_parse(&a, list));
	int rc;
	if (!addr) {
		rc = folio_partner_allow_url(a, url);
	} else {
		struct sockaddr_storage ss;
		memset(&ss, 0, sizeof(ss));
		struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
		struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
		size_t len;
		if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
			v4->sin_family = AF_INET;
			len = sizeof(*v4);
		} else {
			assert_int_equal(inet_pton(AF_INET6, addr, &v6->sin6_addr), 1);
			v6->sin6_family = AF_INET6;
			len = sizeof(*v6);
		}
		rc = folio_partner_allow_address(a, url, (struct sockaddr *)&ss, len);
	}
	folio_partner_allow_free(a);
	return rc == 0;
}

static void partner_allow_list_judges_scheme_host_port_and_address(void **state)
{
	(void)state;
	/* the default: https to public addresses only */
	assert_true(allowed(NULL, "https://partner.example/folio", NULL));
	assert_true(allowed(NULL, "https://partner.example/folio", "93.184.216.34"));
	assert_true(allowed(NULL, "https://partner.example/folio", "2606:2800:220:1::1"));
	assert_false(allowed(NULL, "http://partner.example/folio", NULL));
	assert_false(allowed("", "http://partner.example/folio", NULL));
	/* a name that resolves (or rebinds) to an internal address */
	const char *internal[] = {
		"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
		"100.64.0.1", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1",
		"::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "ff02::1",
		/* a local NAT64 (64:ff9b:1::/48, RFC 8215) or SIIT (::ffff:0:0:0/96)
		 * translator carries them to an IPv4 address of the network */
		"64:ff9b:1::a9fe:a9fe", "64:ff9b:1:a9fe:a9:fe00::", "::ffff:0:a9fe:a9fe",
	};
	for (size_t i = 0; i < sizeof(internal) / sizeof(internal[0]); i++) {
		if (allowed(NULL, "https://partner.example/folio", internal[i]))
			fail_msg("address %s allowed by the default list", internal[i]);
		if (allowed("https://partner.example", "https://partner.example/folio", internal[i]))
			fail_msg("address %s allowed by a name entry", internal[i]);
	}
	/* internal addresses in the URL itself are refused before connecting */
	assert_false(allowed(NULL, "https://127.0.0.1/folio", NULL));
	assert_false(allowed(NULL, "https://[::ffff:10.0.0.1]/folio", NULL));
	assert_false(allowed("http://*", "http://169.254.169.254/latest/meta-data", NULL));
	/* only an address or network entry names them, and only them */
	assert_true(allowed("http://127.0.0.1:*", "http://127.0.0.1:8080/x", "127.0.0.1"));
	assert_true(allowed("http://127.0.0.1:*", "http://127.0.0.1:8080/x", "::ffff:127.0.0.1"));
	assert_false(allowed("http://127.0.0.1:*", "https://127.0.0.1:8080/x", NULL));
	assert_false(allowed("http://127.0.0.1:9000", "http://127.0.0.1:8080/x", NULL));
	assert_false(allowed("http://127.0.0.1:*", "http://127.0.0.2:8080/x", NULL));
	assert_true(allowed("https://10.0.0.0/8", "https://intranet.example/x", "10.9.8.7"));
	assert_false(allowed("https://10.0.0.0/8", "https://intranet.example/x", "11.0.0.1"));
	assert_true(allowed("https://[fd00::]/8:443", "https://[fd12::5]/x", "fd12::5"));
	assert_false(allowed("https://[fd00::]/8:443", "https://[fd12::5]:8443/x", NULL));
	/* names: exact or subdomains, case-insensitive */
	assert_true(allowed("https://*.partner.example", "https://API.Partner.Example/x", NULL));
	assert_false(allowed("https://*.partner.example", "https://partner.example/x", NULL));
	assert_false(allowed("https://*.partner.example", "https://evilpartner.example/x", NULL));
	assert_true(allowed("https://a.example:8443, https://b.example", "https://b.example:1/x", NULL));
	assert_false(allowed("https://a.example:8443", "https://a.example/x", NULL));
	/* what is not an entry is refused whole, naming it */
	const char *bad[] = { "ftp://x", "https://", "https://a b", "https://x:0", "https://x:99999",
	                      "https://10.0.0.0/33", "https://x/path", "partner.example", "https://[::1" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		folio_partner_allow *a = NULL;
		if (folio_partner_allow_parse(&a, bad[i]) != FOLIO_EINVALID)
			fail_msg("allow-list '%s' accepted", bad[i]);
		assert_null(a);
	}
}

/* The partner row of name in folio_deliver_list(); caller decrefs *list. */
static json_t *partner_row(folio_state *st, const char *name, json_t **list)
{
	assert_folio_ok(folio_deliver_list(st, 10, list));
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(*list, "partners"), i, p)
		if (!strcmp(json_string_value(json_object_get(p, "name")), name))
			return p;
	fail_msg("no partner '%s'", name);
	return NULL;
}

static void permanent_refusal_stops_the_partner_until_retried(void **state)
{
	fixture *f = *state;
	proc fake = start_fake(f->dir, "fake", SECRET_A);
	set_mode(&fake, "413");
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	site_partner(&f->site, "alliss", fake.port, false, false);
	publish(f->st, &f->site, "c1", "a=1", "");
	folio_deliver_stats stats;
	folio_deliver_options o = fast_opts(&stats);
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.stopped, 1);
	assert_int_equal(stats.failed, 0);
	json_t *list = NULL, *p = partner_row(f->st, "alliss", &list);
	assert_string_equal(json_string_value(json_object_get(p, "status")), "failed");
	assert_int_equal(json_integer_value(json_object_get(p, "failed_status")), 413);
	const char *reason = json_string_value(json_object_get(p, "failed_reason"));
	assert_non_null(strstr(reason, "HTTP 413"));
	assert_non_null(strstr(reason, "test")); /* the partner's own words */
	json_decref(list);
	/* not retried: neither when due, nor forced, nor after a new publish */
	long long wait;
	assert_folio_ok(folio_deliver_next_due(f->st, &wait));
	assert_int_equal(wait, -1);
	o.force = true;
	publish(f->st, &f->site, "c2", "a=2", "");
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.sent, 0);
	o.force = false;
	/* the operator fixes the partner, then retries: the newest state goes */
	set_mode(&fake, "ok");
	assert_folio_ok(folio_deliver_retry(f->st, NULL));
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	char *acked = query_text(f->st, "SELECT acked_commit FROM partners");
	assert_string_equal(acked, "c2");
	free(acked);
	p = partner_row(f->st, "alliss", &list);
	assert_string_equal(json_string_value(json_object_get(p, "status")), "ok");
	json_decref(list);
	/* stopped again; a new URL in folio.yaml is a new chance, without an operator */
	set_mode(&fake, "404");
	publish(f->st, &f->site, "c3", "a=3", "");
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.stopped, 1);
	set_mode(&fake, "ok");
	free(f->site.urls[0]);
	assert_true(asprintf(&f->site.urls[0], "http://127.0.0.1:%d/folio/v2", fake.port) > 0);
	f->site.partners[0].url = f->site.urls[0];
	publish(f->st, &f->site, "c4", "a=4", "");
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	stop(&fake);
}

static void webhook_headers_are_judged_before_the_body(void **state)
{
	(void)state;
	long long now = 1700000000;
	const char *sig = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=";
	assert_folio_ok(folio_webhook_check_headers("msg_1", "1700000000", sig, now, 300));
	assert_folio_ok(folio_webhook_check_headers("msg_1", "1700000000", "v1,bad v2,x v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=", now, 300));
	assert_int_equal(folio_webhook_check_headers(NULL, "1700000000", sig, now, 300), FOLIO_EINVALID);
	assert_non_null(strstr(folio_error_last(), "webhook-id"));
	assert_int_equal(folio_webhook_check_headers("msg_1", NULL, sig, now, 300), FOLIO_EINVALID);
	assert_int_equal(folio_webhook_check_headers("msg_1", "1700000000", NULL, now, 300), FOLIO_EINVALID);
	assert_int_equal(folio_webhook_check_headers("msg 1", "1700000000", sig, now, 300), FOLIO_EINVALID);
	assert_int_equal(folio_webhook_check_headers("msg_1", "17e8", sig, now, 300), FOLIO_EINVALID);
	assert_int_equal(folio_webhook_check_headers("msg_1", "1699999000", sig, now, 300), FOLIO_EINVALID);
	assert_non_null(strstr(folio_error_last(), "more than 300 seconds"));
	assert_int_equal(folio_webhook_check_headers("msg_1", "1700000000", "v1,AAAA", now, 300), FOLIO_EINVALID);
	assert_int_equal(folio_webhook_check_headers("msg_1", "1700000000", "v2,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=", now, 300), FOLIO_EINVALID);
}

static void partner_on_loopback_is_refused_unless_listed(void **state)
{
	fixture *f = *state;
	proc fake = start_fake(f->dir, "fake", SECRET_A);
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	setenv("FOLIO_SECRET_LOCAL", SECRET_A, 1);
	site_partner(&f->site, "alliss", fake.port, false, false);
	/* a name resolving to loopback: only the address curl connects to tells */
	site_partner(&f->site, "local", fake.port, false, false);
	free(f->site.urls[1]);
	assert_true(asprintf(&f->site.urls[1], "http://localhost:%d/folio", fake.port) > 0);
	f->site.partners[1].url = f->site.urls[1];
	publish(f->st, &f->site, "c1", "a=1", "");
	folio_deliver_stats stats;
	folio_deliver_options o = fast_opts(&stats);
	o.partner_allow = NULL; /* the default: https to public addresses */
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.stopped, 2);
	json_t *list = NULL, *p = partner_row(f->st, "alliss", &list);
	assert_string_equal(json_string_value(json_object_get(p, "status")), "failed");
	assert_true(json_is_null(json_object_get(p, "failed_status")));
	assert_non_null(strstr(json_string_value(json_object_get(p, "failed_reason")),
	                       "not allowed by the server's allow-list"));
	json_decref(list);
	/* http allowed to any name: localhost still reaches loopback, refused on connect */
	o.partner_allow = "http://*";
	assert_folio_ok(folio_deliver_retry(f->st, NULL));
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.stopped, 2);
	p = partner_row(f->st, "local", &list);
	const char *reason = json_string_value(json_object_get(p, "failed_reason"));
	assert_non_null(strstr(reason, "reaches loopback address"));
	assert_non_null(strstr(reason, "FOLIO_PARTNER_ALLOW"));
	json_decref(list);
	json_t *reqs = fake_requests(&fake);
	assert_int_equal(json_array_size(reqs), 0); /* not one request reached the partner */
	json_decref(reqs);
	/* listed by address: both are delivered (localhost via 127.0.0.1) */
	o.partner_allow = "http://127.0.0.1:*";
	assert_folio_ok(folio_deliver_retry(f->st, NULL));
	assert_int_equal(folio_deliver_run(f->st, &o), 2);
	stop(&fake);
}


/* A feed spec of n items named <prefix>NNN, each with a version of len bytes. */
static char *big_spec(const char *prefix, int n, size_t len)
{
	char *version = malloc(len + 1);
	memset(version, 'v', len);
	version[len] = '\0';
	char *spec = strdup("");
	for (int i = 0; i < n; i++) {
		char *next = NULL;
		assert_true(asprintf(&next, "%s%s%s%03d=%s", spec, i ? "," : "", prefix, i, version) > 0);
		free(spec);
		spec = next;
	}
	free(version);
	return spec;
}

static void large_delivery_goes_in_parts_that_folio_receive_reassembles(void **state)
{
	fixture *f = *state;
	char *secret_file = NULL;
	assert_true(asprintf(&secret_file, "%s/receiver.secret", f->dir) > 0);
	write_secret_file(secret_file, SECRET_A "\n", 0600);
	proc rx = start_receive(f->dir, "rx", secret_file);
	setenv("FOLIO_SECRET_ALLISS", SECRET_A, 1);
	site_partner(&f->site, "alliss", rx.port, false, false);
	assert_folio_ok(folio_deliver_set_max_payload(f->st, FOLIO_DELIVER_MIN_PAYLOAD));
	char *spec = big_spec("e", 200, 300);
	publish(f->st, &f->site, "c1", spec, "");
	free(spec);
	long long parts = query_int(f->st, "SELECT parts FROM deliveries WHERE status = 'pending'");
	assert_true(parts >= 4);
	/* every part within the bound */
	assert_true(query_int(f->st, "SELECT max(length(payload)) FROM delivery_parts") <=
	            FOLIO_DELIVER_MIN_PAYLOAD);

	folio_deliver_stats stats;
	folio_deliver_options o = fast_opts(&stats);
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	assert_int_equal(stats.sent, parts); /* one request per part, all in this run */
	assert_int_equal(stats.delivered, 1);
	char *acked = query_text(f->st, "SELECT acked_commit FROM partners");
	assert_string_equal(acked, "c1");
	free(acked);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM delivery_parts"), 0);

	/* the partner has the same final item set as one request would have given */
	char *path = NULL;
	assert_true(asprintf(&path, "%s/events.json", rx.dir) > 0);
	json_t *feed = json_load_file(path, 0, NULL);
	assert_non_null(feed);
	json_t *items = json_object_get(feed, "items");
	assert_int_equal(json_array_size(items), 200);
	for (size_t i = 0; i < 200; i++) {
		char id[128];
		snprintf(id, sizeof(id), "https://site.example/events/e%03zu/", i);
		assert_string_equal(json_string_value(json_object_get(json_array_get(items, i), "id")), id);
	}
	json_decref(feed);
	free(path);
	assert_true(asprintf(&path, "%s/last.json", rx.dir) > 0);
	json_t *last = json_load_file(path, 0, NULL);
	assert_non_null(last);
	assert_int_equal(nchanged(last, "added"), 200);
	assert_null(json_object_get(last, "part"));
	json_decref(last);
	free(path);
	assert_true(asprintf(&path, "%s/.parts", rx.dir) > 0);
	assert_true(access(path, F_OK) != 0); /* nothing left over */
	free(path);

	/* one item alone over the bound: a permanent failure at once, no request */
	char *huge = big_spec("huge", 1, FOLIO_DELIVER_MIN_PAYLOAD + 1000);
	publish(f->st, &f->site, "c2", huge, "");
	free(huge);
	assert_int_equal(folio_deliver_run(f->st, &o), 0);
	assert_int_equal(stats.sent, 0);
	json_t *list = NULL, *p = partner_row(f->st, "alliss", &list);
	assert_string_equal(json_string_value(json_object_get(p, "status")), "failed");
	const char *reason = json_string_value(json_object_get(p, "failed_reason"));
	assert_non_null(strstr(reason, "delivery item 'https://site.example/events/huge000/'"));
	assert_non_null(strstr(reason, "FOLIO_DELIVERY_MAX_BYTES"));
	json_decref(list);
	/* the next publish that fits ends it by itself */
	publish(f->st, &f->site, "c3", "a=1", "");
	assert_int_equal(folio_deliver_run(f->st, &o), 1);
	p = partner_row(f->st, "alliss", &list);
	assert_string_equal(json_string_value(json_object_get(p, "status")), "ok");
	json_decref(list);
	stop(&rx);
	free(secret_file);
}

int main(void)
{
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("https_proxy");
	unsetenv("HTTPS_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(webhook_sign_matches_the_specification_vector),
		cmocka_unit_test(webhook_sign_matches_python_hmac),
		cmocka_unit_test(webhook_sign_gives_one_signature_per_active_key),
		cmocka_unit_test(webhook_verify_refuses_tampering_and_stale_timestamps),
		cmocka_unit_test(webhook_keys_refuse_a_secret_that_is_not_base64),
		cmocka_unit_test(secrets_come_from_the_environment_by_upper_cased_name),
		cmocka_unit_test(secrets_file_gives_each_partner_its_lines),
		cmocka_unit_test(secrets_file_readable_by_others_is_refused),
		cmocka_unit_test(backoff_grows_to_a_day_and_stays_there),
		cmocka_unit_test(backoff_jitter_adds_at_most_a_quarter),
		cmocka_unit_test_setup_teardown(enqueue_supersedes_the_pending_delivery_of_a_partner, setup, teardown),
		cmocka_unit_test_setup_teardown(enqueue_gives_summaries_only_partners_no_content, setup, teardown),
		cmocka_unit_test_setup_teardown(enqueue_refuses_a_missing_feed_of_a_subscribed_collection, setup, teardown),
		cmocka_unit_test_setup_teardown(next_due_says_when_to_wake, setup, teardown),
		cmocka_unit_test_setup_teardown(delivery_to_folio_receive_is_verified_and_written, setup, teardown),
		cmocka_unit_test_setup_teardown(folio_receive_refuses_forgeries_and_replays, setup, teardown),
		cmocka_unit_test_setup_teardown(folio_receive_refuses_a_loose_secret_file, setup, teardown),
		cmocka_unit_test_setup_teardown(partner_down_then_up_gets_the_latest_state_once, setup, teardown),
		cmocka_unit_test_setup_teardown(hanging_partner_does_not_hold_the_others, setup, teardown),
		cmocka_unit_test_setup_teardown(gone_partner_is_disabled_until_enabled, setup, teardown),
		cmocka_unit_test_setup_teardown(retry_after_slows_a_partner_down, setup, teardown),
		cmocka_unit_test_setup_teardown(removed_partner_stops_receiving, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_or_loose_secret_is_a_failed_attempt_without_request, setup, teardown),
		cmocka_unit_test_setup_teardown(enqueue_from_dir_reads_the_feeds_a_publish_wrote, setup, teardown),
		cmocka_unit_test_setup_teardown(worker_killed_mid_request_sends_again_with_the_same_id, setup, teardown),
		cmocka_unit_test_setup_teardown(deliveries_command_lists_shows_enables_and_retries, setup, teardown),
		cmocka_unit_test_setup_teardown(tls_is_verified_and_redirects_are_not_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(burst_of_publishes_loses_nothing_when_a_partner_is_down, setup, teardown),
		cmocka_unit_test(partner_allow_list_judges_scheme_host_port_and_address),
		cmocka_unit_test(webhook_headers_are_judged_before_the_body),
		cmocka_unit_test_setup_teardown(permanent_refusal_stops_the_partner_until_retried, setup, teardown),
		cmocka_unit_test_setup_teardown(partner_on_loopback_is_refused_unless_listed, setup, teardown),
		cmocka_unit_test_setup_teardown(large_delivery_goes_in_parts_that_folio_receive_reassembles, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
