/*
 * Fuzzes the date module (util/dates.h). The first line names a time zone,
 * the rest is a date as front matter writes it. A date folio_when_parse
 * accepts must, in any zone ICU knows: name an instant; be written as RFC
 * 3339 that parses back to that same instant with an offset (unless the
 * zone moves it out of years 0000-9999); and have a
 * long form in the language of the zone's line (any text: ICU falls back).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "util/dates.h"

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
	char *zone = fuzz_take_line(&data, &size);
	folio_when w;
	if (!folio_when_parse(&w, (const char *)data, size)) {
		free(zone);
		return 0;
	}
	CHECK(w.month >= 1 && w.month <= 12 && w.day >= 1 && w.day <= 31 && w.hour < 24);
	const char *z = folio_zone_valid(zone) ? zone : "Europe/Paris";
	long long t, again;
	CHECK(folio_when_epoch(&t, &w, z));
	folio_buf b = FOLIO_BUF_INIT;
	if (!folio_when_rfc3339(&b, &w, z)) {
		/* only when the zone moves the day out of years 0000-9999 */
		CHECK(w.year == 0 || w.year == 9999);
		folio_buf_dispose(&b);
		free(zone);
		return 0;
	}
	folio_when back;
	CHECK(folio_when_parse(&back, b.ptr, b.size) && back.has_offset && back.has_time);
	CHECK(folio_when_epoch(&again, &back, "UTC"));
	CHECK(again == t);
	/* its RFC 3339 form as written (lists, <time datetime>) names the
	 * same wall time and offset, is a schema date-time when it has
	 * seconds, and is its own canonical form */
	char *canon = folio_when_canonical((const char *)data, size);
	if (canon) {
		folio_when c;
		CHECK(folio_when_parse(&c, canon, strlen(canon)) && c.has_time && c.has_offset == w.has_offset);
		CHECK(c.year == w.year && c.month == w.month && c.day == w.day && c.hour == w.hour &&
		      c.minute == w.minute && c.second == w.second && c.offset == w.offset);
		CHECK(canon[10] == 'T' && !strchr(canon, ' ') && !folio_when_canonical(canon, strlen(canon)));
		free(canon);
	}
	/* a text date for long dates, NUL-terminated; a NUL inside is no date */
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	folio_buf_clear(&b);
	if (strlen(text) == size)
		CHECK(folio_date_format_long(&b, text, zone, z) && b.size > 0);
	free(text);
	folio_buf_dispose(&b);
	free(zone);
	return 0;
}
