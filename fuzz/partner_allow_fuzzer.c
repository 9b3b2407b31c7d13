/*
 * The server's allow-list of partner URLs: its parser and matcher on any
 * bytes. Input: the allow-list on the first line, a URL on the second, then
 * 16 bytes of an address (IPv6; its last 4 bytes also as IPv4). Checks that
 * nothing crashes, and that whatever the URL, the default list never lets a
 * request connect to a loopback, private, link-local or unspecified address,
 * also written as a v4-mapped IPv6 one: the rule that stops signed POSTs
 * aimed at internal services.
 */
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "folio/deliver.h"
#include "fuzz_input.h"

/* Internal by a classification written apart from the one under test. */
static int v4_internal(const unsigned char *a)
{
	return a[0] == 0 || a[0] == 10 || a[0] == 127 || (a[0] == 169 && a[1] == 254) ||
	       (a[0] == 192 && a[1] == 168) || (a[0] == 172 && a[1] >= 16 && a[1] < 32);
}

static int v6_internal(const unsigned char *b)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const unsigned char zero[16] = { 0 };
	if (!memcmp(b, mapped, 12))
		return v4_internal(b + 12);
	return !memcmp(b, zero, 15) || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || (b[0] & 0xfe) == 0xfc;
}

static int allowed(const folio_partner_allow *a, const char *url, const struct sockaddr *sa,
                   size_t len)
{
	return folio_partner_allow_address(a, url, sa, len) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *list = fuzz_take_line(&data, &size);
	char *url = fuzz_take_line(&data, &size);
	unsigned char addr[16] = { 0 };
	memcpy(addr, data, size < 16 ? size : 16);

	struct sockaddr_in6 v6;
	memset(&v6, 0, sizeof(v6));
	v6.sin6_family = AF_INET6;
	memcpy(&v6.sin6_addr, addr, 16);
	struct sockaddr_in v4;
	memset(&v4, 0, sizeof(v4));
	v4.sin_family = AF_INET;
	memcpy(&v4.sin_addr, addr + 12, 4);

	folio_partner_allow *a = NULL;
	if (folio_partner_allow_parse(&a, list) == 0) {
		folio_partner_allow_url(a, url);
		allowed(a, url, (struct sockaddr *)&v6, sizeof(v6));
		allowed(a, url, (struct sockaddr *)&v4, sizeof(v4));
		folio_partner_allow_free(a);
	}
	if (folio_partner_allow_parse(&a, NULL) != 0)
		abort();
	if (v6_internal(addr) && allowed(a, url, (struct sockaddr *)&v6, sizeof(v6)))
		abort();
	if (v4_internal(addr + 12) && allowed(a, url, (struct sockaddr *)&v4, sizeof(v4)))
		abort();
	folio_partner_allow_free(a);
	free(list);
	free(url);
	return 0;
}
