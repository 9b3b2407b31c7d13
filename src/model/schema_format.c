/*
 * String formats of the schema module: RFC 3339 date, time and date-time,
 * RFC 3986 absolute URI, RFC 5321 e-mail address. Pure functions over
 * (pointer, length); every byte counts, so a NUL or a non-ASCII digit
 * makes the value invalid.
 */
#include "schema_graph.h"

#include <string.h>

#include "folio/i18n.h"
#include "util/dates.h"

#include "util/banned.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Value of n digits at s, or -1 when one is not an ASCII digit. */
static int digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool folio_schema__is_date(const char *s, size_t n)
{
	int y, m, d;
	return folio_date_parse_n(s, n, &y, &m, &d);
}

bool folio_schema__is_time(const char *s, size_t n)
{
	if (n < 9 || s[2] != ':' || s[5] != ':')
		return false;
	int hh = digits(s, 2), mm = digits(s + 3, 2), ss = digits(s + 6, 2);
	if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60)
		return false;
	size_t i = 8;
	if (s[i] == '.') {
		size_t start = ++i;
		while (i < n && is_digit(s[i]))
			i++;
		if (i == start)
			return false;
	}
	if (i >= n)
		return false;
	int offset = 0; /* minutes east of UTC */
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n) {
		offset = 0;
	} else if ((s[i] == '+' || s[i] == '-') && n - i == 6 && s[i + 3] == ':') {
		int oh = digits(s + i + 1, 2), om = digits(s + i + 4, 2);
		if (oh < 0 || oh > 23 || om < 0 || om > 59)
			return false;
		offset = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
	} else {
		return false;
	}
	if (ss == 60) {
		/* A leap second is inserted at 23:59:60 UTC only. */
		int utc = ((hh * 60 + mm - offset) % 1440 + 1440) % 1440;
		if (utc != 23 * 60 + 59)
			return false;
	}
	return true;
}

bool folio_schema__is_date_time(const char *s, size_t n)
{
	if (n < 11 || (s[10] != 'T' && s[10] != 't'))
		return false;
	return folio_schema__is_date(s, 10) && folio_schema__is_time(s + 11, n - 11);
}

/* ---- URI (RFC 3986) ---- */

static bool is_unreserved(char c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static bool is_sub_delim(char c)
{
	return c && strchr("!$&'()*+,;=", c) != NULL;
}

/* True when s[0..n) holds only unreserved, sub-delims, pct-encoded and extra. */
static bool uri_chars(const char *s, size_t n, const char *extra)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (i + 2 >= n || !is_hex(s[i + 1]) || !is_hex(s[i + 2]))
				return false;
			i += 2;
		} else if (!is_unreserved(c) && !is_sub_delim(c) && !(c && strchr(extra, c))) {
			return false;
		}
	}
	return true;
}

/* dec-octet: 0-255 without leading zeros. */
static bool is_dec_octet(const char *s, size_t n)
{
	if (n == 0 || n > 3 || (n > 1 && s[0] == '0'))
		return false;
	int v = digits(s, n);
	return v >= 0 && v <= 255;
}

static bool is_ipv4(const char *s, size_t n)
{
	size_t start = 0;
	int parts = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (!is_dec_octet(s + start, i - start))
				return false;
			parts++;
			start = i + 1;
		}
	}
	return parts == 4;
}

static bool is_ipv6(const char *s, size_t n)
{
	int groups = 0;
	bool elided = false;
	size_t i = 0;
	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		elided = true;
		i = 2;
	} else if (n >= 1 && s[0] == ':') {
		return false;
	}
	while (i < n) {
		size_t start = i;
		while (i < n && is_hex(s[i]))
			i++;
		if (i < n && s[i] == '.') {
			/* Embedded IPv4 ends the address and counts as two groups. */
			if (!is_ipv4(s + start, n - start))
				return false;
			groups += 2;
			i = n;
			break;
		}
		if (i == start || i - start > 4)
			return false;
		groups++;
		if (i == n)
			break;
		if (s[i] != ':')
			return false;
		i++;
		if (i < n && s[i] == ':') {
			if (elided)
				return false;
			elided = true;
			i++;
		} else if (i == n) {
			return false;
		}
	}
	return elided ? groups <= 7 : groups == 8;
}

static bool is_ip_literal(const char *s, size_t n)
{
	if (n > 0 && (s[0] == 'v' || s[0] == 'V')) {
		size_t i = 1;
		while (i < n && is_hex(s[i]))
			i++;
		if (i == 1 || i >= n || s[i] != '.' || i + 1 == n)
			return false;
		for (i++; i < n; i++)
			if (!is_unreserved(s[i]) && !is_sub_delim(s[i]) && s[i] != ':')
				return false;
		return true;
	}
	return is_ipv6(s, n);
}

static bool is_authority(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	if (at) {
		if (!uri_chars(s, (size_t)(at - s), ":"))
			return false;
		n -= (size_t)(at - s) + 1;
		s = at + 1;
	}
	size_t host_end;
	if (n > 0 && s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (!close || !is_ip_literal(s + 1, (size_t)(close - s) - 1))
			return false;
		host_end = (size_t)(close - s) + 1;
	} else {
		host_end = 0;
		while (host_end < n && s[host_end] != ':')
			host_end++;
		if (!uri_chars(s, host_end, ""))
			return false;
	}
	if (host_end == n)
		return true;
	if (s[host_end] != ':')
		return false;
	for (size_t i = host_end + 1; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

bool folio_schema__is_uri(const char *s, size_t n)
{
	size_t i = 0;
	if (n == 0 || !is_alpha(s[0]))
		return false;
	while (i < n && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	if (i == n || s[i] != ':')
		return false;
	i++;
	size_t end = i; /* end of hier-part */
	while (end < n && s[end] != '?' && s[end] != '#')
		end++;
	size_t path = i;
	if (end - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
		size_t a = i + 2, b = a;
		while (b < end && s[b] != '/')
			b++;
		if (!is_authority(s + a, b - a))
			return false;
		path = b;
	}
	if (!uri_chars(s + path, end - path, ":@/"))
		return false;
	if (end < n && s[end] == '?') {
		size_t q = end + 1;
		end = q;
		while (end < n && s[end] != '#')
			end++;
		if (!uri_chars(s + q, end - q, ":@/?"))
			return false;
	}
	if (end < n && s[end] == '#' && !uri_chars(s + end + 1, n - end - 1, ":@/?"))
		return false;
	return true;
}

/* ---- e-mail (RFC 5321 Mailbox) ---- */

static bool is_atext(char c)
{
	return is_alpha(c) || is_digit(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static bool is_dot_atom(const char *s, size_t n)
{
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return false;
		} else if (!is_atext(s[i])) {
			return false;
		}
	}
	return true;
}

static bool is_quoted_local(const char *s, size_t n)
{
	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		return false;
	for (size_t i = 1; i + 1 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\') {
			i++;
			if (i + 1 >= n || (unsigned char)s[i] < 32 || (unsigned char)s[i] > 126)
				return false;
		} else if (c < 32 || c > 126 || c == '"') {
			return false;
		}
	}
	return true;
}

static bool is_hostname(const char *s, size_t n)
{
	if (n == 0 || n > 253)
		return false;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-')
				return false;
			continue;
		}
		size_t len = i - start;
		if (len == 0 || len > 63 || s[start] == '-' || s[i - 1] == '-')
			return false;
		start = i + 1;
	}
	return true;
}

bool folio_schema__is_email(const char *s, size_t n)
{
	const char *at = NULL;
	for (size_t i = n; i > 0; i--) {
		if (s[i - 1] == '@') {
			at = s + i - 1;
			break;
		}
	}
	if (!at)
		return false;
	size_t ln = (size_t)(at - s), dn = n - ln - 1;
	const char *d = at + 1;
	if (ln == 0 || ln > 64 || !(is_dot_atom(s, ln) || is_quoted_local(s, ln)))
		return false;
	if (dn >= 2 && d[0] == '[' && d[dn - 1] == ']') {
		if (dn > 7 && !memcmp(d + 1, "IPv6:", 5))
			return is_ipv6(d + 6, dn - 7);
		return is_ipv4(d + 1, dn - 2);
	}
	return is_hostname(d, dn);
}

/* The table the compiler maps names with and the validator checks by. */
const folio_schema__format folio_schema__formats[] = {
	{ "date", FORMAT_DATE, folio_schema__is_date, FOLIO_N_("write YYYY-MM-DD, e.g. 2024-05-17") },
	{ "date-time", FORMAT_DATE_TIME, folio_schema__is_date_time,
	  FOLIO_N_("write an RFC 3339 date-time, e.g. 2024-05-17T09:30:00Z") },
	{ "time", FORMAT_TIME, folio_schema__is_time, FOLIO_N_("write an RFC 3339 time, e.g. 09:30:00+02:00") },
	{ "uri", FORMAT_URI, folio_schema__is_uri,
	  FOLIO_N_("write an absolute URI with a scheme, e.g. https://example.org/") },
	{ "email", FORMAT_EMAIL, folio_schema__is_email, FOLIO_N_("write an address like jane@example.org") },
	{ "isbn", FORMAT_ISBN, NULL, NULL },
	{ "ean13", FORMAT_EAN13, NULL, NULL },
};
const size_t folio_schema__nformats = sizeof(folio_schema__formats) / sizeof(folio_schema__formats[0]);
