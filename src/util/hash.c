#include "hash.h"

#include <openssl/evp.h>
#include <stdlib.h>

#include "banned.h"

void folio_hex_encode(char *out, const void *bytes, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *b = bytes;
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static void digest_hex(char *out, const EVP_MD *md, const void *data, size_t len)
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!EVP_Digest(data, len, d, &n, md, NULL))
		abort(); /* only on allocation failure inside OpenSSL */
	folio_hex_encode(out, d, n);
}

void folio_sha256_hex(char out[FOLIO_SHA256_HEX], const void *data, size_t len)
{
	digest_hex(out, EVP_sha256(), data, len);
}

void folio_md5_hex(char out[FOLIO_MD5_HEX], const void *data, size_t len)
{
	digest_hex(out, EVP_md5(), data, len);
}

/* The digest is OpenSSL's context; only this file knows it. */
static folio_digest *digest_new(const EVP_MD *md)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c || !EVP_DigestInit_ex(c, md, NULL))
		abort(); /* only on allocation failure inside OpenSSL */
	return (folio_digest *)c;
}

folio_digest *folio_digest_sha256(void)
{
	return digest_new(EVP_sha256());
}

folio_digest *folio_digest_md5(void)
{
	return digest_new(EVP_md5());
}

void folio_digest_add(folio_digest *d, const void *data, size_t len)
{
	if (!EVP_DigestUpdate((EVP_MD_CTX *)d, data, len))
		abort();
}

void folio_digest_end(folio_digest *d, char *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!EVP_DigestFinal_ex((EVP_MD_CTX *)d, md, &n))
		abort();
	EVP_MD_CTX_free((EVP_MD_CTX *)d);
	folio_hex_encode(out, md, n);
}
