/*
 * Fuzzes the records' front matter reader (publish/record_meta.h), a
 * differential target: for any text (up to its first NUL), it must give
 * the value json_loads() gives, the same dumped text, and refuse what
 * json_loads() refuses.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "publish/record_meta.h"

#include "util/banned.h"

#define CHECK(x)                  \
	do {                      \
		if (!(x))         \
			abort();  \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	bool by_jansson;
	json_t *want = json_loads(text, 0, NULL), *got = folio_publish__meta_loads(text, &by_jansson);
	CHECK(!want == !got);
	if (want) {
		char *a = json_dumps(want, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
		char *b = json_dumps(got, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
		CHECK(a && b && !strcmp(a, b) && json_equal(want, got));
		free(a);
		free(b);
	}
	json_decref(want);
	json_decref(got);
	free(text);
	return 0;
}
