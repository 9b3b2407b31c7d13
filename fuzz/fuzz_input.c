#include "fuzz_input.h"

#include <stdlib.h>
#include <string.h>

char *fuzz_take_line(const uint8_t **data, size_t *size)
{
	const uint8_t *nl = memchr(*data, '\n', *size);
	size_t len = nl ? (size_t)(nl - *data) : *size;
	char *s = malloc(len + 1);
	memcpy(s, *data, len);
	s[len] = '\0';
	*data += nl ? len + 1 : len;
	*size -= nl ? len + 1 : len;
	return s;
}
