/* SHA-256 as 64 lowercase hex digits (OpenSSL). */
#ifndef FOLIO_UTIL_HASH_H
#define FOLIO_UTIL_HASH_H

#include <stddef.h>

#define FOLIO_SHA256_HEX 65

void folio_sha256_hex(char out[FOLIO_SHA256_HEX], const void *data, size_t len);

#endif
