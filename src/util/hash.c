#include "hash.h"

#include <openssl/evp.h>
#include <stdlib.h>

#include "banned.h"

void folio_sha256_hex(char out[FOLIO_SHA256_HEX], const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL))
		abort(); /* only on allocation failure inside OpenSSL */
	for (unsigned int i = 0; i < n; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * n] = '\0';
}
