/* The daemon's pieces that need no running loop: webhook signatures, notify. */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <jansson.h>

#include "helpers.h"
#include "folio/daemon.h"
#include "util/text.h"

static const char body[] = "{\"ref\":\"refs/heads/main\"}";
static const char secret[] = "It's a Secret to Everybody";

/* The HMAC of body under secret, computed by the openssl CLI, so the test does not mirror the code. */
static char *expected_hmac(const char *key, const char *data)
{
	char *dir = test_tempdir("daemon");
	char *path = NULL;
	test_write_file(dir, "body", data);
	test_write_file(dir, "key", key);
	path = test_sh_output("openssl dgst -sha256 -hmac \"$(cat '%s/key')\" -r <'%s/body' | cut -c1-64",
	                      dir, dir);
	path[strcspn(path, "\n")] = '\0';
	test_rm_rf(dir);
	free(dir);
	return path;
}

/* The example of GitHub's documentation ("Validating webhook deliveries"). */
static void webhook_accepts_githubs_documented_example(void **state)
{
	const char *payload = "Hello, World!";
	assert_true(folio_daemon_webhook_verify(secret,
	                                 "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
	                                 NULL, NULL, payload, strlen(payload)));
}

static void webhook_accepts_github_signature(void **state)
{
	char *hex = expected_hmac(secret, body);
	char header[80];
	snprintf(header, sizeof(header), "sha256=%s", hex);
	assert_true(folio_daemon_webhook_verify(secret, header, NULL, NULL, body, strlen(body)));
	free(hex);
}

static void webhook_refuses_github_signature_of_other_body(void **state)
{
	char *hex = expected_hmac(secret, body);
	char header[80];
	snprintf(header, sizeof(header), "sha256=%s", hex);
	assert_false(folio_daemon_webhook_verify(secret, header, NULL, NULL, body, strlen(body) - 1));
	free(hex);
}

static void webhook_refuses_github_signature_without_prefix(void **state)
{
	char *hex = expected_hmac(secret, body);
	assert_false(folio_daemon_webhook_verify(secret, hex, NULL, NULL, body, strlen(body)));
	free(hex);
}

static void webhook_refuses_signature_made_with_other_secret(void **state)
{
	char *hex = expected_hmac("another secret", body);
	char header[80];
	snprintf(header, sizeof(header), "sha256=%s", hex);
	assert_false(folio_daemon_webhook_verify(secret, header, NULL, NULL, body, strlen(body)));
	assert_false(folio_daemon_webhook_verify(secret, NULL, NULL, hex, body, strlen(body)));
	free(hex);
}

static void webhook_refuses_truncated_signature(void **state)
{
	char *hex = expected_hmac(secret, body);
	char header[80];
	snprintf(header, sizeof(header), "sha256=%.63s", hex);
	assert_false(folio_daemon_webhook_verify(secret, header, NULL, NULL, body, strlen(body)));
	free(hex);
}

static void webhook_accepts_gitea_signature_in_any_case(void **state)
{
	char *hex = expected_hmac(secret, body);
	assert_true(folio_daemon_webhook_verify(secret, NULL, NULL, hex, body, strlen(body)));
	for (char *p = hex; *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');
	assert_true(folio_daemon_webhook_verify(secret, NULL, NULL, hex, body, strlen(body)));
	free(hex);
}

static void webhook_accepts_gitlab_token_equal_to_secret_only(void **state)
{
	assert_true(folio_daemon_webhook_verify(secret, NULL, secret, NULL, body, strlen(body)));
	assert_false(folio_daemon_webhook_verify(secret, NULL, "It's a Secret to Everybod", NULL, body, strlen(body)));
	assert_false(folio_daemon_webhook_verify(secret, NULL, "", NULL, body, strlen(body)));
}

static void webhook_refuses_everything_without_secret_or_headers(void **state)
{
	assert_false(folio_daemon_webhook_verify(secret, NULL, NULL, NULL, body, strlen(body)));
	assert_false(folio_daemon_webhook_verify(NULL, NULL, "", NULL, body, strlen(body)));
	assert_false(folio_daemon_webhook_verify("", NULL, "", NULL, body, strlen(body)));
}

static void notify_without_daemon_is_not_found(void **state)
{
	char *dir = test_tempdir("daemon");
	char sock[256];
	snprintf(sock, sizeof(sock), "%s/folio.sock", dir);
	assert_int_equal(folio_daemon_notify(sock), FOLIO_ENOTFOUND);
	assert_non_null(strstr(folio_error_last(), "no folio daemon listens"));
	test_rm_rf(dir);
	free(dir);
}

static void notify_sends_a_datagram_to_the_socket(void **state)
{
	char *dir = test_tempdir("daemon");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char got[16] = "";
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/folio.sock", dir);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_folio_ok(folio_daemon_notify(sa.sun_path));
	assert_int_equal(recv(fd, got, sizeof(got) - 1, MSG_DONTWAIT), 4);
	assert_string_equal(got, "wake");
	close(fd);
	test_rm_rf(dir);
	free(dir);
}

static void notify_refuses_too_long_socket_path(void **state)
{
	char path[300];
	memset(path, 'a', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	assert_int_equal(folio_daemon_notify(path), FOLIO_ERROR);
	assert_non_null(strstr(folio_error_last(), "too long"));
}

/* /status answered 500 when an error message held a file name's non-UTF-8 bytes. */
static void status_text_repairs_bytes_that_are_not_utf8(void **state)
{
	static const char *const cases[][2] = {
		{ "plain", "plain" },
		{ "caf\xc3\xa9 \xe2\x80\x94 ok", "caf\xc3\xa9 \xe2\x80\x94 ok" },
		{ "caf\xe9", "caf\\xe9" },                       /* Latin-1 */
		{ "cut \xe2\x80", "cut \\xe2\\x80" },           /* a sequence cut short (a truncated message) */
		{ "\xc0\xaf", "\\xc0\\xaf" },                   /* an overlong "/" */
		{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },         /* a UTF-16 surrogate */
		{ "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80" }, /* beyond U+10FFFF */
		{ "\xff'\n'", "\\xff'\n'" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		folio_buf b = FOLIO_BUF_INIT;
		folio_text_utf8_repair(&b, cases[i][0]);
		assert_string_equal(b.ptr, cases[i][1]);
		json_t *j = json_string(b.ptr); /* NULL when jansson finds it is not UTF-8 */
		assert_non_null(j);
		json_decref(j);
		folio_buf_dispose(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(webhook_accepts_githubs_documented_example),
		cmocka_unit_test(webhook_accepts_github_signature),
		cmocka_unit_test(webhook_refuses_github_signature_of_other_body),
		cmocka_unit_test(webhook_refuses_github_signature_without_prefix),
		cmocka_unit_test(webhook_refuses_signature_made_with_other_secret),
		cmocka_unit_test(webhook_refuses_truncated_signature),
		cmocka_unit_test(webhook_accepts_gitea_signature_in_any_case),
		cmocka_unit_test(webhook_accepts_gitlab_token_equal_to_secret_only),
		cmocka_unit_test(webhook_refuses_everything_without_secret_or_headers),
		cmocka_unit_test(notify_without_daemon_is_not_found),
		cmocka_unit_test(notify_sends_a_datagram_to_the_socket),
		cmocka_unit_test(notify_refuses_too_long_socket_path),
		cmocka_unit_test(status_text_repairs_bytes_that_are_not_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
