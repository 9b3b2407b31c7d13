/* Libraries loaded on first use (lazylib.h). */
#define FOLIO_LAZY_DEFINING
#include "util/lazylib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/lazylib_curl.h"
#include "util/lazylib_mhd.h"
#include "util/lazylib_xml.h"
#include "util/banned.h"

void *folio_lazylib_open(const char *soname)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "folio: cannot load %s: %s\n", soname, dlerror());
		exit(127); /* what the dynamic loader's own failure exits with */
	}
	return h; /* stays open: the pointers live as long as the process */
}

void *folio_lazylib_sym(void *handle, const char *soname, const char *name)
{
	void *p = dlsym(handle, name);
	if (!p) {
		fprintf(stderr, "folio: %s has no %s: %s\n", soname, name, dlerror());
		exit(127);
	}
	return p;
}

int folio_lazylib_loaded(const char *soname)
{
	void *h = dlopen(soname, RTLD_NOLOAD | RTLD_LAZY);
	if (!h)
		return 0;
	dlclose(h); /* drops the reference RTLD_NOLOAD took */
	return 1;
}

/* dlsym's void * into a function pointer: POSIX guarantees the two match. */
#define LAZY_LOAD_ONE(f)                                                                           \
	{                                                                                          \
		void *p = folio_lazylib_sym(h, soname, #f);                                       \
		_Static_assert(sizeof p == sizeof t->f, "function pointers as wide as void *");   \
		memcpy(&t->f, &p, sizeof p);                                                       \
	}

/* One table a library, filled once a process. */
#define LAZY_TABLE(api, fn, SONAME, LIST)                                                          \
	static struct api fn##_table;                                                              \
	static void fn##_load(void)                                                                \
	{                                                                                          \
		const char *soname = SONAME;                                                       \
		void *h = folio_lazylib_open(soname);                                             \
		struct api *t = &fn##_table;                                                       \
		LIST(LAZY_LOAD_ONE)                                                                \
	}                                                                                          \
	const struct api *fn(void)                                                                 \
	{                                                                                          \
		static pthread_once_t once = PTHREAD_ONCE_INIT;                                   \
		pthread_once(&once, fn##_load);                                                    \
		return &fn##_table;                                                                \
	}

LAZY_TABLE(folio_curl_api, folio_curl, FOLIO_CURL_SONAME, FOLIO_CURL_FUNCTIONS)
LAZY_TABLE(folio_mhd_api, folio_mhd, FOLIO_MHD_SONAME, FOLIO_MHD_FUNCTIONS)
LAZY_TABLE(folio_xml_api, folio_xml, FOLIO_XML_SONAME, FOLIO_XML_FUNCTIONS)
