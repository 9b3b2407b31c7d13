/* Digests as lowercase hex (OpenSSL), and bytes as hex: written once here. */
#ifndef FOLIO_UTIL_HASH_H
#define FOLIO_UTIL_HASH_H

#include <stddef.h>

#define FOLIO_SHA256_HEX 65
#define FOLIO_MD5_HEX 33

/* SHA-256 as 64 lowercase hex digits. */
void folio_sha256_hex(char out[FOLIO_SHA256_HEX], const void *data, size_t len);
/* MD5 as 32 lowercase hex digits (S3's ETag of a single-part upload). */
void folio_md5_hex(char out[FOLIO_MD5_HEX], const void *data, size_t len);
/* A digest of bytes given in chunks: made by folio_digest_sha256() or
 * folio_digest_md5(), fed with folio_digest_add(), and ended (its hex
 * written into out, sized for its kind, and freed) by folio_digest_end(). */
typedef struct folio_digest folio_digest;
folio_digest *folio_digest_sha256(void);
folio_digest *folio_digest_md5(void);
void folio_digest_add(folio_digest *d, const void *data, size_t len);
void folio_digest_end(folio_digest *d, char *out);
/* The n bytes as 2n lowercase hex digits and a NUL: out holds 2n + 1. */
void folio_hex_encode(char *out, const void *bytes, size_t n);

#endif
