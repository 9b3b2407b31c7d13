/*
 * The running folio's identity (build_identity.h): its version, the
 * executable's GNU build id, read from its loaded program headers (no file
 * is read: dl_iterate_phdr() walks what the loader mapped), and a digest of
 * the versions of the shared libraries whose upgrade changes what folio
 * writes.
 */
#include "build_identity.h"

#include <cmark-gfm.h>
#include <elf.h>
#include <jansson.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ulocdata.h>
#include <unicode/uversion.h>
#include <utf8proc.h>
#include <yaml.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "folio/common.h"
#include "hash.h"
#include "banned.h"

#define BUILD_ID_MAX 64 /* bytes: SHA-1's 20 by default, a linker's --build-id=0x... longer */

#define LIBS_DIGEST 12 /* hex digits of the libraries' versions' SHA-256 */

static char identity[sizeof(FOLIO_VERSION) + 1 + 2 * BUILD_ID_MAX + 1 + LIBS_DIGEST + 1];
static char libraries[512];
static pthread_once_t identity_once = PTHREAD_ONCE_INIT;

/* The NT_GNU_BUILD_ID note among the notes of one PT_NOTE segment, in
 * hex at out; false when it holds none. */
static bool note_build_id(const char *p, size_t size, char *out)
{
	const char *end = p + size;
	while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
		ElfW(Nhdr) h;
		memcpy(&h, p, sizeof(h));
		size_t name = (h.n_namesz + 3) & ~(size_t)3, desc = (h.n_descsz + 3) & ~(size_t)3;
		const char *n = p + sizeof(h);
		if (name > (size_t)(end - n) || desc > (size_t)(end - n) - name)
			return false;
		if (h.n_type == NT_GNU_BUILD_ID && h.n_namesz == 4 && !memcmp(n, "GNU", 4) && h.n_descsz &&
		    h.n_descsz <= BUILD_ID_MAX) {
			const unsigned char *d = (const unsigned char *)n + name;
			for (size_t i = 0; i < h.n_descsz; i++)
				snprintf(out + 2 * i, 3, "%02x", d[i]);
			return true;
		}
		p = n + name + desc;
	}
	return false;
}

/* The first object dl_iterate_phdr() names is the executable itself. */
static int first_object(struct dl_phdr_info *info, size_t size, void *payload)
{
	(void)size;
	char *hex = payload;
	for (size_t i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == PT_NOTE &&
		    note_build_id((const char *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr),
		                  info->dlpi_phdr[i].p_memsz, hex))
			break;
	return 1; /* the executable only */
}

/* The versions, as the libraries loaded say them (not the headers folio
 * was compiled against): Markdown's HTML (cmark-gfm), dates, collation and
 * transliterated slugs (ICU and its CLDR data), case folds and slugs
 * (utf8proc's Unicode), front matter (libyaml), JSON (jansson), schema
 * patterns (PCRE2). libxml2 writes the XML feeds but is loaded only when a
 * feed is written (lazylib.h): an upgrade of it alone renders nothing again. */
static void compute_libraries(void)
{
	UVersionInfo icu, cldr;
	char icu_s[U_MAX_VERSION_STRING_LENGTH], cldr_s[U_MAX_VERSION_STRING_LENGTH] = "?";
	UErrorCode err = U_ZERO_ERROR;
	char pcre[64] = "?";
	u_getVersion(icu);
	u_versionToString(icu, icu_s);
	ulocdata_getCLDRVersion(cldr, &err);
	if (U_SUCCESS(err))
		u_versionToString(cldr, cldr_s);
	if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) > 0 &&
	    (size_t)pcre2_config(PCRE2_CONFIG_VERSION, NULL) <= sizeof(pcre))
		pcre2_config(PCRE2_CONFIG_VERSION, pcre);
	snprintf(libraries, sizeof(libraries),
	         "cmark-gfm %s, ICU %s (CLDR %s), utf8proc %s (Unicode %s), libyaml %s, jansson %s, PCRE2 %s",
	         cmark_version_string(), icu_s, cldr_s, utf8proc_version(), utf8proc_unicode_version(),
	         yaml_get_version_string(), jansson_version_str(), pcre);
}

static void compute(void)
{
	char hex[2 * BUILD_ID_MAX + 1] = "", libs[FOLIO_SHA256_HEX];
	dl_iterate_phdr(first_object, hex);
	compute_libraries();
	folio_sha256_hex(libs, libraries, strlen(libraries));
	snprintf(identity, sizeof(identity), "%s%s%s.%.*s", FOLIO_VERSION, *hex ? "+" : "", hex, LIBS_DIGEST,
	         libs);
}

const char *folio_build_identity(void)
{
	pthread_once(&identity_once, compute);
	return identity;
}

const char *folio_build_libraries(void)
{
	pthread_once(&identity_once, compute);
	return libraries;
}
