/* Programming errors: print where and abort. Never for content or I/O. */
#ifndef FOLIO_UTIL_ASSERT_H
#define FOLIO_UTIL_ASSERT_H

#include <stdio.h>
#include <stdlib.h>

#define FOLIO_BUG(msg)                                                          \
	do {                                                                    \
		fprintf(stderr, "folio: BUG: %s:%d: %s\n", __FILE__, __LINE__, msg); \
		abort();                                                        \
	} while (0)

#define FOLIO_ASSERT(x)                                                         \
	do {                                                                    \
		if (!(x))                                                       \
			FOLIO_BUG("assertion failed: " #x);                     \
	} while (0)

#endif
