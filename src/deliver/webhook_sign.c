/*
 * Standard Webhooks signatures: HMAC-SHA256 over "id.timestamp.body" with
 * each active key, base64, "v1," prefix, space-separated. Secrets are
 * "whsec_<base64>"; the key is the decoded bytes. Keys are wiped when
 * disposed and never appear in a message.
 */
#include "folio/deliver.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "util/alloc.h"
#include "util/assert.h"
#include "util/secret.h"
#include "util/banned.h"

#define MAC_LEN 32
#define MAX_ID_LEN 256
#define MAX_SIGNATURES 32

void folio_webhook_keys_init(folio_webhook_keys *keys)
{
	keys->items = NULL;
	keys->count = keys->alloc = 0;
}

void folio_webhook_keys_dispose(folio_webhook_keys *keys)
{
	for (size_t i = 0; i < keys->count; i++) {
		OPENSSL_cleanse(keys->items[i].key, keys->items[i].len);
		free(keys->items[i].key);
	}
	free(keys->items);
	folio_webhook_keys_init(keys);
}

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decode standard base64 (padding optional) into out (room for len*3/4+3);
 * -1 when malformed. */
static long b64_decode(unsigned char *out, const char *in, size_t len)
{
	while (len && in[len - 1] == '=')
		len--;
	if (len % 4 == 1)
		return -1;
	size_t n = 0;
	unsigned acc = 0, bits = 0;
	for (size_t i = 0; i < len; i++) {
		int v = b64_value((unsigned char)in[i]);
		if (v < 0)
			return -1;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	return (long)n;
}

static int add_secret(folio_webhook_keys *keys, const char *s, size_t len)
{
	if (len >= 6 && !memcmp(s, "whsec_", 6)) {
		s += 6;
		len -= 6;
	}
	unsigned char *key = folio_xmalloc(len * 3 / 4 + 4);
	long n = b64_decode(key, s, len);
	if (n <= 0) {
		OPENSSL_cleanse(key, len * 3 / 4 + 4);
		free(key);
		return folio_error_set("a webhook secret is not of the form whsec_<base64>"), FOLIO_EINVALID;
	}
	FOLIO_ARRAY_GROW(keys->items, keys->count, keys->alloc, keys->count + 1);
	keys->items[keys->count].key = key;
	keys->items[keys->count].len = (size_t)n;
	keys->count++;
	return 0;
}

int folio_webhook_keys_parse(folio_webhook_keys *keys, const char *text)
{
	const char *p = text;
	while (*p) {
		while (*p && isspace((unsigned char)*p))
			p++;
		const char *start = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (p > start) {
			int rc = add_secret(keys, start, (size_t)(p - start));
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Take the secrets of one line of a secrets file when it is for partner. */
static int load_line(folio_webhook_keys *keys, char *line, const char *partner,
                     const char *path, unsigned lineno)
{
	line = trim(line);
	if (!*line || *line == '#')
		return 0;
	/* a bare secret's base64 ends in '=' padding (32 random bytes do):
	 * that '=' is not the one after a name */
	char *eq = strncmp(line, "whsec_", 6) ? strchr(line, '=') : NULL;
	const char *value = line;
	if (eq) {
		*eq = '\0';
		if (partner && strcmp(trim(line), partner))
			return 0;
		value = eq + 1;
	} else if (partner) {
		return 0;
	}
	if (folio_webhook_keys_parse(keys, value) < 0)
		return folio_error_set("secrets file '%s':%u: a secret is not of the form whsec_<base64>",
		                       path, lineno), FOLIO_EINVALID;
	return 0;
}

int folio_webhook_keys_load_file(folio_webhook_keys *keys, const char *path, const char *partner)
{
	folio_buf text = FOLIO_BUF_INIT;
	int rc = folio_secret_read_private(&text, path, "secrets file");
	unsigned lineno = 0;
	for (char *line = text.ptr; rc == 0 && line && *line; lineno++) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		rc = load_line(keys, line, partner, path, lineno + 1);
		line = nl ? nl + 1 : NULL;
	}
	folio_secret_dispose(&text);
	return rc;
}

int folio_webhook_keys_for_partner(folio_webhook_keys *keys, const char *partner,
                                   const char *secrets_file)
{
	char var[160];
	size_t n = (size_t)snprintf(var, sizeof(var), "FOLIO_SECRET_");
	for (const char *p = partner; *p && n + 1 < sizeof(var); p++)
		var[n++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	var[n] = '\0';
	const char *env = getenv(var);
	size_t before = keys->count;
	if (env && *env) {
		if (folio_webhook_keys_parse(keys, env) < 0)
			return folio_error_set("%s: a secret is not of the form whsec_<base64>", var),
			       FOLIO_EINVALID;
	} else if (secrets_file) {
		int rc = folio_webhook_keys_load_file(keys, secrets_file, partner);
		if (rc < 0)
			return rc;
	}
	if (keys->count == before) {
		folio_error_set("no secret for partner '%s': set %s or add '%s=whsec_...' to the "
		                "secrets file", partner, var, partner);
		return FOLIO_ENOTFOUND;
	}
	return 0;
}

/* HMAC-SHA256 of "id.timestamp.body" with key into mac[MAC_LEN]. */
static int mac_of(unsigned char *mac, const folio_webhook_key *key, const char *id,
                  const char *timestamp, const void *body, size_t len)
{
	EVP_MAC *alg = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = alg ? EVP_MAC_CTX_new(alg) : NULL;
	char digest[] = "SHA256";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
		OSSL_PARAM_construct_end(),
	};
	size_t out = 0;
	int ok = ctx && EVP_MAC_init(ctx, key->key, key->len, params) &&
	         EVP_MAC_update(ctx, (const unsigned char *)id, strlen(id)) &&
	         EVP_MAC_update(ctx, (const unsigned char *)".", 1) &&
	         EVP_MAC_update(ctx, (const unsigned char *)timestamp, strlen(timestamp)) &&
	         EVP_MAC_update(ctx, (const unsigned char *)".", 1) &&
	         (len == 0 || EVP_MAC_update(ctx, body, len)) &&
	         EVP_MAC_final(ctx, mac, &out, MAC_LEN) && out == MAC_LEN;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(alg);
	return ok ? 0 : folio_error_set("cannot compute HMAC-SHA256 with OpenSSL");
}

char *folio_webhook_sign(const folio_webhook_keys *keys, const char *id, long long timestamp,
                         const void *body, size_t len)
{
	char ts[32];
	snprintf(ts, sizeof(ts), "%lld", timestamp);
	folio_buf out = FOLIO_BUF_INIT;
	for (size_t i = 0; i < keys->count; i++) {
		unsigned char mac[MAC_LEN];
		char b64[4 * ((MAC_LEN + 2) / 3) + 1];
		if (mac_of(mac, &keys->items[i], id, ts, body, len) < 0)
			FOLIO_BUG("OpenSSL cannot compute HMAC-SHA256");
		EVP_EncodeBlock((unsigned char *)b64, mac, MAC_LEN);
		folio_buf_printf(&out, "%sv1,%s", i ? " " : "", b64);
	}
	return folio_buf_detach(&out, NULL);
}

static bool valid_id(const char *id)
{
	size_t n = 0;
	for (; id[n]; n++)
		if ((unsigned char)id[n] <= 0x20 || (unsigned char)id[n] >= 0x7F || n >= MAX_ID_LEN)
			return false;
	return n > 0;
}

/* Parse a webhook-timestamp: decimal seconds, nothing else. */
static bool parse_timestamp(const char *s, long long *out)
{
	long long v = 0;
	size_t n = 0;
	for (; s[n]; n++) {
		if (!isdigit((unsigned char)s[n]) || n >= 18)
			return false;
		v = v * 10 + (s[n] - '0');
	}
	*out = v;
	return n > 0;
}

/*
 * Is one token "v1,<base64 of exactly one HMAC-SHA256>", and, unless macs
 * is NULL, one of the nmacs expected (compared in constant time)?
 */
static bool token_ok(const char *tok, size_t len, const unsigned char (*macs)[MAC_LEN], size_t nmacs)
{
	unsigned char sig[MAC_LEN + 8];
	if (len < 3 || memcmp(tok, "v1,", 3) || len - 3 > 4 * ((MAC_LEN + 2) / 3) + 4)
		return false;
	if (b64_decode(sig, tok + 3, len - 3) != MAC_LEN)
		return false;
	if (!macs)
		return true;
	bool found = false;
	for (size_t i = 0; i < nmacs; i++)
		found |= CRYPTO_memcmp(sig, macs[i], MAC_LEN) == 0;
	return found;
}

/* Whether one of the first MAX_SIGNATURES space-separated tokens of header is ok. */
static bool any_signature(const char *header, const unsigned char (*macs)[MAC_LEN], size_t nmacs)
{
	const char *p = header;
	for (unsigned seen = 0; *p && seen < MAX_SIGNATURES; seen++) {
		while (*p == ' ')
			p++;
		const char *start = p;
		while (*p && *p != ' ')
			p++;
		if (p > start && token_ok(start, (size_t)(p - start), macs, nmacs))
			return true;
	}
	return false;
}

int folio_webhook_check_headers(const char *id, const char *timestamp, const char *signature,
                                long long now, int tolerance)
{
	long long ts;
	if (!id || !timestamp || !signature)
		return folio_error_set("missing header '%s'", !id ? "webhook-id" :
		                       !timestamp ? "webhook-timestamp" : "webhook-signature"),
		       FOLIO_EINVALID;
	if (!valid_id(id))
		return folio_error_set("malformed webhook-id"), FOLIO_EINVALID;
	if (!parse_timestamp(timestamp, &ts))
		return folio_error_set("malformed webhook-timestamp"), FOLIO_EINVALID;
	if (ts < now - tolerance || ts > now + tolerance)
		return folio_error_set("webhook-timestamp %lld is more than %d seconds from now (%lld)",
		                       ts, tolerance, now), FOLIO_EINVALID;
	if (!any_signature(signature, NULL, 0))
		return folio_error_set("no well-formed v1 signature in webhook-signature"), FOLIO_EINVALID;
	return 0;
}

int folio_webhook_verify(const folio_webhook_keys *keys, const char *id, const char *timestamp,
                         const char *signature, const void *body, size_t len,
                         long long now, int tolerance)
{
	int rc = folio_webhook_check_headers(id, timestamp, signature, now, tolerance);
	if (rc < 0)
		return rc;
	if (keys->count == 0)
		return folio_error_set("no secret to verify with"), FOLIO_EINVALID;
	unsigned char (*macs)[MAC_LEN] = folio_xmalloc(keys->count * sizeof(*macs));
	for (size_t i = 0; i < keys->count; i++)
		if (mac_of(macs[i], &keys->items[i], id, timestamp, body, len) < 0)
			FOLIO_BUG("OpenSSL cannot compute HMAC-SHA256");
	bool ok = any_signature(signature, (const unsigned char (*)[MAC_LEN])macs, keys->count);
	OPENSSL_cleanse(macs, keys->count * sizeof(*macs));
	free(macs);
	return ok ? 0 : (folio_error_set("no valid v1 signature in webhook-signature"), FOLIO_EINVALID);
}
