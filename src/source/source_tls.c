/*
 * libgit2 as Debian builds it (with mbed TLS) reads and parses every CA
 * certificate of the system (/etc/ssl/certs/ca-certificates.crt, about
 * 140) when it initialises, for HTTPS remotes folio never asks of it:
 * folio reads local repositories only. That was about 4 ms of every
 * process, more than half the instructions of a one-page publish at 10k
 * pages (issue 14).
 *
 * mbed TLS's reader of a CA file is therefore defined here as well; the
 * dynamic linker binds libgit2's call to this one, the executable's
 * symbols coming first. While folio initialises libgit2 it reads nothing
 * and leaves the chain empty, so an HTTPS connection made through libgit2
 * would fail its certificate check, never trust one. At any other time,
 * and on any other thread, it is mbed TLS's own, found past this one. A
 * libgit2 built with OpenSSL never calls it. Partner deliveries go through
 * libcurl, whose TLS library reads its own CA file when it connects.
 */
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "source/source_internal.h"
#include "util/banned.h"

static _Thread_local bool skip_ca_file;
static atomic_uint skipped;

unsigned folio_source__ca_files_skipped(void)
{
	return atomic_load(&skipped);
}

void folio_source__skip_ca_file(bool skip)
{
	skip_ca_file = skip;
}

/* mbed TLS's signature, its chain an mbedtls_x509_crt: 0 (no certificate
 * failed to parse), as an empty file would give. */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);
int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	if (skip_ca_file) {
		atomic_fetch_add(&skipped, 1);
		return 0;
	}
	int (*own)(void *, const char *);
	*(void **)&own = dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
	return own ? own(chain, path) : -0x2880; /* MBEDTLS_ERR_X509_FILE_IO_ERROR */
}
