/*
 * The server's allow-list of partner URLs (FOLIO_PARTNER_ALLOW): partner
 * URLs come from folio.yaml, which anyone with push rights writes, so the
 * server decides where its signed POSTs may go.
 *
 * An entry is SCHEME://HOST[:PORT]: SCHEME http or https; HOST "*" (any
 * name), "*.example.org" (its subdomains), a name, an IP address or an IP
 * network (10.0.0.0/8, [fd00::]/8); PORT a number or "*" (absent: any).
 * Entries are separated by blanks or commas. The default is https to any
 * host ("https://" and a star).
 *
 * Invariants:
 * - A name entry (*, *.d, d) lets a request reach public addresses only;
 *   only an address or network entry lets it reach an address that is not
 *   public (loopback, private, link-local, unspecified, multicast,
 *   reserved, and IPv6 forms that embed one: v4-mapped, NAT64 (local-use
 *   too), SIIT, 6to4), and
 *   only addresses inside it.
 * - The address is checked when the socket is opened, after DNS, so a name
 *   that resolves (or rebinds) to an internal address is refused too.
 */
#include "folio/deliver.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/lazylib_curl.h"

#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

#define DEFAULT_ALLOW "https://*"
#define MAX_ENTRIES 256
#define MAX_HOST 253

typedef enum { HOST_ANY, HOST_SUFFIX, HOST_NAME, HOST_NET } host_kind;

/* An address as 16 bytes: IPv4 as its v4-mapped IPv6 form, so one compare serves both. */
typedef struct {
	unsigned char b[16];
} ip16;

typedef struct {
	bool https;
	host_kind kind;
	char *name;   /* HOST_SUFFIX: ".example.org"; HOST_NAME: the name; lower case */
	ip16 net;     /* HOST_NET */
	unsigned bits; /* HOST_NET prefix length, over the 128 bits */
	int port;     /* -1: any */
	char *text;   /* the entry as written, for messages */
} allow_entry;

struct folio_partner_allow {
	allow_entry *items;
	size_t count, alloc;
};

static const unsigned char v4_mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

static void ip_from_v4(ip16 *out, const unsigned char v4[4])
{
	memcpy(out->b, v4_mapped_prefix, 12);
	memcpy(out->b + 12, v4, 4);
}

static bool ip_is_v4(const ip16 *ip)
{
	return !memcmp(ip->b, v4_mapped_prefix, 12);
}

/* Parse an IPv4 or IPv6 literal (without brackets). */
static bool ip_parse(ip16 *out, const char *s)
{
	unsigned char v4[4];
	if (inet_pton(AF_INET, s, v4) == 1) {
		ip_from_v4(out, v4);
		return true;
	}
	return inet_pton(AF_INET6, s, out->b) == 1;
}

static bool ip_in(const ip16 *ip, const ip16 *net, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;
	if (memcmp(ip->b, net->b, full))
		return false;
	if (!rest)
		return true;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (ip->b[full] & mask) == (net->b[full] & mask);
}

static void ip_format(char *out, size_t size, const ip16 *ip)
{
	if (ip_is_v4(ip))
		inet_ntop(AF_INET, ip->b + 12, out, (socklen_t)size);
	else
		inet_ntop(AF_INET6, ip->b, out, (socklen_t)size);
}

/* Why an IPv4 address (bytes a.b.c.d) is not public, or NULL when it is. */
static const char *v4_kind(const unsigned char *a)
{
	if (a[0] == 0)
		return "unspecified";
	if (a[0] == 127)
		return "loopback";
	if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168))
		return "private";
	if (a[0] == 100 && (a[1] & 0xc0) == 64)
		return "shared (carrier-grade NAT)";
	if (a[0] == 169 && a[1] == 254)
		return "link-local";
	if (a[0] == 192 && a[1] == 0 && a[2] == 0)
		return "reserved (IETF protocol assignments)";
	if (a[0] == 198 && (a[1] & 0xfe) == 18)
		return "reserved (benchmarking)";
	if (a[0] >= 224 && a[0] < 240)
		return "multicast";
	if (a[0] >= 240)
		return "reserved";
	return NULL;
}

/* Why an address is not public, or NULL when it is. */
static const char *ip_kind(const ip16 *ip)
{
	static const unsigned char zero[16] = { 0 };
	const unsigned char *b = ip->b;
	if (ip_is_v4(ip))
		return v4_kind(b + 12);
	if (!memcmp(b, zero, 15))
		return b[15] == 1 ? "loopback" : "unspecified";
	if (!memcmp(b, zero, 12))
		return "an IPv4-compatible IPv6 address (deprecated)";
	/* 64:ff9b::/96 (NAT64) carries an IPv4 address; judge that one */
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
	if (!memcmp(b, nat64, 12))
		return v4_kind(b + 12);
	/* 64:ff9b:1::/48 (local-use NAT64, RFC 8215) and ::ffff:0:0:0/96
	 * (SIIT): a translator of the server's network carries them to an
	 * IPv4 address where the prefix chose (169.254.169.254 among them) */
	static const unsigned char nat64_local[6] = { 0, 0x64, 0xff, 0x9b, 0, 0x01 };
	if (!memcmp(b, nat64_local, 6))
		return "reserved (local-use NAT64)";
	static const unsigned char siit[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0 };
	if (!memcmp(b, siit, 12))
		return "an IPv4-translated address (SIIT)";
	if (b[0] == 0x20 && b[1] == 0x02) /* 2002::/16, 6to4: an IPv4 address in bits 16-47 */
		return v4_kind(b + 2);
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return "link-local";
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
		return "site-local";
	if ((b[0] & 0xfe) == 0xfc)
		return "private (unique local)";
	if (b[0] == 0xff)
		return "multicast";
	if (b[0] == 0x01 && !memcmp(b + 1, zero, 7))
		return "reserved (discard-only)";
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
		return "reserved (documentation)";
	return NULL;
}

static bool valid_name(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > MAX_HOST)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '.'))
			return false;
	return s[0] != '.' && s[n - 1] != '.' && !strstr(s, "..");
}

static char *lower_dup(const char *s, size_t n)
{
	char *d = folio_xstrndup(s, n);
	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* Parse one entry of len bytes at s into e; false when it is not one. */
static bool parse_entry(allow_entry *e, const char *s, size_t len)
{
	memset(e, 0, sizeof(*e));
	e->port = -1;
	char *text = folio_xstrndup(s, len);
	char *host = NULL;
	bool ok = false;
	const char *p = text;
	if (!strncmp(p, "https://", 8)) {
		e->https = true;
		p += 8;
	} else if (!strncmp(p, "http://", 7)) {
		p += 7;
	} else {
		goto done;
	}
	/* host: [v6](/bits)? or up to ':' */
	const char *end;
	if (*p == '[') {
		end = strchr(p, ']');
		if (!end)
			goto done;
		host = folio_xstrndup(p + 1, (size_t)(end - p - 1));
		end++;
		if (*end == '/') { /* [v6]/bits */
			const char *q = end + 1;
			while (isdigit((unsigned char)*q))
				q++;
			char *net = folio_xasprintf("%s/%.*s", host, (int)(q - end - 1), end + 1);
			free(host);
			host = net;
			end = q;
		}
	} else {
		end = p + strcspn(p, ":/");
		if (*end == '/') /* a.b.c.d/bits */
			end += 1 + strspn(end + 1, "0123456789");
		host = folio_xstrndup(p, (size_t)(end - p));
	}
	if (*end == ':') {
		const char *port = end + 1;
		if (!strcmp(port, "*")) {
			e->port = -1;
		} else {
			char *stop;
			long v = strtol(port, &stop, 10);
			if (!isdigit((unsigned char)*port) || *stop || v < 1 || v > 65535)
				goto done;
			e->port = (int)v;
		}
	} else if (*end) {
		goto done; /* a path or anything else after the host */
	}
	char *slash = strchr(host, '/');
	if (slash) {
		char *stop;
		*slash = '\0';
		long bits = strtol(slash + 1, &stop, 10);
		if (!isdigit((unsigned char)slash[1]) || *stop || !ip_parse(&e->net, host))
			goto done;
		long max = ip_is_v4(&e->net) && !strchr(host, ':') ? 32 : 128;
		if (bits < 0 || bits > max)
			goto done;
		e->kind = HOST_NET;
		e->bits = (unsigned)(max == 32 ? bits + 96 : bits);
	} else if (ip_parse(&e->net, host)) {
		e->kind = HOST_NET;
		e->bits = 128;
	} else if (!strcmp(host, "*")) {
		e->kind = HOST_ANY;
	} else if (!strncmp(host, "*.", 2) && valid_name(host + 2)) {
		e->kind = HOST_SUFFIX;
		e->name = lower_dup(host + 1, strlen(host + 1));
	} else if (valid_name(host)) {
		e->kind = HOST_NAME;
		e->name = lower_dup(host, strlen(host));
	} else {
		goto done;
	}
	e->text = text;
	text = NULL;
	ok = true;
done:
	free(host);
	free(text);
	return ok;
}

static void entry_dispose(allow_entry *e)
{
	free(e->name);
	free(e->text);
}

void folio_partner_allow_free(folio_partner_allow *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->count; i++)
		entry_dispose(&a->items[i]);
	free(a->items);
	free(a);
}

int folio_partner_allow_parse(folio_partner_allow **out, const char *text)
{
	folio_partner_allow *a = folio_xcalloc(1, sizeof(*a));
	*out = NULL;
	if (!text || !*text)
		text = DEFAULT_ALLOW;
	for (const char *p = text; *p;) {
		p += strspn(p, " \t,");
		size_t len = strcspn(p, " \t,");
		if (!len)
			break;
		allow_entry e;
		if (a->count == MAX_ENTRIES) {
			folio_partner_allow_free(a);
			return folio_error_set("partner allow-list has more than %d entries", MAX_ENTRIES),
			       FOLIO_EINVALID;
		}
		if (!parse_entry(&e, p, len)) {
			folio_partner_allow_free(a);
			return folio_error_set("partner allow-list entry '%.*s' is not SCHEME://HOST[:PORT]; "
			                       "e.g. https://partner.example, http://127.0.0.1:*, https://10.0.0.0/8",
			                       (int)(len > 80 ? 80 : len), p), FOLIO_EINVALID;
		}
		FOLIO_ARRAY_GROW(a->items, a->count, a->alloc, a->count + 1);
		a->items[a->count++] = e;
		p += len;
	}
	*out = a;
	return 0;
}

/* A URL's parts, as curl reads it (so the check sees what curl will use). */
typedef struct {
	bool https;
	char *host; /* lower case, IPv6 without brackets */
	int port;
	bool is_ip;
	ip16 ip;
} url_parts;

static int url_split(url_parts *u, const char *url)
{
	CURLU *h = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL;
	int rc = 0;
	memset(u, 0, sizeof(*u));
	if (!h)
		FOLIO_BUG("curl cannot allocate a URL handle");
	if (curl_url_set(h, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
		rc = folio_error_set("partner URL '%s' is not a URL curl can read", url);
	} else if (strcmp(scheme, "https") && strcmp(scheme, "http")) {
		rc = folio_error_set("partner URL '%s' is not http or https", url);
	} else {
		size_t n = strlen(host);
		bool bracketed = n >= 2 && host[0] == '[' && host[n - 1] == ']';
		u->https = !strcmp(scheme, "https");
		u->host = bracketed ? lower_dup(host + 1, n - 2) : lower_dup(host, n);
		char *zone = strchr(u->host, '%'); /* fe80::1%eth0: the address is what counts */
		if (zone)
			*zone = '\0';
		u->port = atoi(port);
		u->is_ip = ip_parse(&u->ip, u->host);
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(h);
	return rc < 0 ? FOLIO_EINVALID : 0;
}

static bool name_matches(const allow_entry *e, const char *host)
{
	switch (e->kind) {
	case HOST_ANY:
		return true;
	case HOST_NAME:
		return !strcmp(e->name, host);
	case HOST_SUFFIX: {
		size_t n = strlen(host), m = strlen(e->name);
		return n > m && !strcmp(host + n - m, e->name);
	}
	case HOST_NET:
		return false;
	}
	return false;
}

/*
 * Does e let u reach ip (NULL: the address is not known yet, so only what
 * the URL says is judged)? *why_not, when ip is the obstacle, says why.
 */
static bool entry_allows(const allow_entry *e, const url_parts *u, const ip16 *ip,
                         const char **why_not)
{
	if (e->https != u->https || (e->port >= 0 && e->port != u->port))
		return false;
	if (e->kind == HOST_NET) {
		if (u->is_ip && !ip_in(&u->ip, &e->net, e->bits))
			return false;
		return !ip || ip_in(ip, &e->net, e->bits);
	}
	if (!name_matches(e, u->host))
		return false;
	const char *kind = ip ? ip_kind(ip) : u->is_ip ? ip_kind(&u->ip) : NULL;
	if (kind)
		*why_not = kind;
	return !kind;
}

static int check(const folio_partner_allow *a, const char *url, const ip16 *ip)
{
	url_parts u;
	int rc = url_split(&u, url);
	if (rc < 0)
		return rc;
	const char *why_not = NULL;
	for (size_t i = 0; i < a->count; i++)
		if (entry_allows(&a->items[i], &u, ip, &why_not)) {
			free(u.host);
			return 0;
		}
	char addr[INET6_ADDRSTRLEN] = "";
	if (ip)
		ip_format(addr, sizeof(addr), ip);
	else if (u.is_ip)
		ip_format(addr, sizeof(addr), &u.ip);
	char *hint = u.is_ip || ip
		? folio_xasprintf("%s://%s%s%s:%d", u.https ? "https" : "http", strchr(addr, ':') ? "[" : "",
		                  addr, strchr(addr, ':') ? "]" : "", u.port)
		: folio_xasprintf("%s://%s", u.https ? "https" : "http", u.host);
	if (why_not)
		folio_error_set("partner URL '%s' reaches %s address %s, which the server's allow-list "
		                "(FOLIO_PARTNER_ALLOW) does not name; add '%s' to it if this partner is "
		                "meant to be there", url, why_not, addr, hint);
	else
		folio_error_set("partner URL '%s' is not allowed by the server's allow-list "
		                "(FOLIO_PARTNER_ALLOW)%s; add '%s' to it if this partner is trusted", url,
		                u.https ? "" : ", and plain http is refused unless listed", hint);
	free(hint);
	free(u.host);
	return FOLIO_EINVALID;
}

int folio_partner_allow_url(const folio_partner_allow *a, const char *url)
{
	return check(a, url, NULL);
}

int folio_partner_allow_address(const folio_partner_allow *a, const char *url,
                                const struct sockaddr *addr, size_t addrlen)
{
	ip16 ip;
	if (addr->sa_family == AF_INET && addrlen >= sizeof(struct sockaddr_in)) {
		ip_from_v4(&ip, (const unsigned char *)&((const struct sockaddr_in *)addr)->sin_addr);
	} else if (addr->sa_family == AF_INET6 && addrlen >= sizeof(struct sockaddr_in6)) {
		memcpy(ip.b, &((const struct sockaddr_in6 *)addr)->sin6_addr, 16);
	} else {
		return folio_error_set("partner URL '%s' reaches an address that is neither IPv4 nor "
		                       "IPv6; refused", url), FOLIO_EINVALID;
	}
	return check(a, url, &ip);
}
