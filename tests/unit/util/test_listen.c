/* Listen addresses, one parser for every server: IPv4, IPv6 in brackets, refusals. */
#include "helpers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "util/listen.h"
#include "util/banned.h"

static void listen_takes_v4_and_bracketed_v6(void **state)
{
	(void)state;
	struct addrinfo *ai = NULL;
	assert_folio_ok(folio_listen_parse(&ai, "127.0.0.1:8080"));
	assert_int_equal(ai->ai_family, AF_INET);
	assert_int_equal(ntohs(((struct sockaddr_in *)ai->ai_addr)->sin_port), 8080);
	freeaddrinfo(ai);
	assert_folio_ok(folio_listen_parse(&ai, "[::1]:0"));
	assert_int_equal(ai->ai_family, AF_INET6);
	assert_int_equal(ntohs(((struct sockaddr_in6 *)ai->ai_addr)->sin6_port), 0);
	freeaddrinfo(ai);
}

static void listen_refuses_what_is_not_addr_port(void **state)
{
	(void)state;
	static const char *const bad[] = { "8080", ":8080", "127.0.0.1:", "127.0.0.1:80x", "[::1]" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct addrinfo *ai = (struct addrinfo *)1;
		assert_true(folio_listen_parse(&ai, bad[i]) < 0);
		assert_null(ai);
		assert_non_null(strstr(folio_error_last(), bad[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(listen_takes_v4_and_bracketed_v6),
		cmocka_unit_test(listen_refuses_what_is_not_addr_port),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
