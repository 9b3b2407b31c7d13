#include "util/listen.h"

#include <string.h>
#include <sys/socket.h>

#include "folio/common.h"
#include "util/banned.h"

int folio_listen_parse(struct addrinfo **res, const char *spec)
{
	const char *colon = strrchr(spec, ':');
	*res = NULL;
	if (!colon || colon == spec || !colon[1] || strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return folio_error_set("cannot listen on '%s': expected ADDR:PORT", spec);
	char host[256];
	const char *h = spec;
	size_t hlen = (size_t)(colon - spec);
	if (h[0] == '[' && hlen >= 2 && h[hlen - 1] == ']') {
		h++;
		hlen -= 2;
	}
	if (hlen >= sizeof(host))
		return folio_error_set("cannot listen on '%s': address too long", spec);
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	struct addrinfo hints = { .ai_flags = AI_NUMERICSERV | AI_PASSIVE, .ai_socktype = SOCK_STREAM };
	int rc = getaddrinfo(host, colon + 1, &hints, res);
	if (rc) {
		*res = NULL;
		return folio_error_set("cannot listen on '%s': %s", spec, gai_strerror(rc));
	}
	return 0;
}
