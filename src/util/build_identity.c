/*
 * The running folio's identity (build_identity.h): its version and the
 * executable's GNU build id, read from its loaded program headers (no file
 * is read: dl_iterate_phdr() walks what the loader mapped).
 */
#include "build_identity.h"

#include <elf.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "folio/common.h"
#include "banned.h"

#define BUILD_ID_MAX 64 /* bytes: SHA-1's 20 by default, a linker's --build-id=0x... longer */

static char identity[sizeof(FOLIO_VERSION) + 1 + 2 * BUILD_ID_MAX];
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

static void compute(void)
{
	char hex[2 * BUILD_ID_MAX + 1] = "";
	dl_iterate_phdr(first_object, hex);
	snprintf(identity, sizeof(identity), "%s%s%s", FOLIO_VERSION, *hex ? "+" : "", hex);
}

const char *folio_build_identity(void)
{
	pthread_once(&identity_once, compute);
	return identity;
}
