/*
 * Fuzzes the schedule (folio/schedule.h). The first line is a date for
 * folio_schedule_parse_time: one it accepts, written back as RFC 3339, must
 * parse to the same instant. The rest, as JSON front matter, goes through
 * folio_schedule_read, in UTC and in Europe/Paris: at any instant, the next
 * change must come later and change the status the way it says (publish:
 * shown; expire: taken down).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/schedule.h"
#include "fuzz_input.h"
#include "util/timestamp.h"

#include "util/banned.h"

#define CHECK(x)                  \
	do {                      \
		if (!(x))         \
			abort();  \
	} while (0)

static void fuzz_time(const char *text)
{
	long long t, again;
	char out[FOLIO_TIMESTAMP_SIZE];
	if (!folio_schedule_parse_time(&t, text) || !folio_timestamp(out, t, -1) || strlen(out) != 20)
		return; /* years outside 1000-9999 are not written back with 4 digits */
	CHECK(folio_schedule_parse_time(&again, out));
	CHECK(again == t);
}

static void fuzz_meta(const char *text, size_t len, long long first, const char *zone)
{
	json_t *meta = json_loadb(text, len, JSON_DECODE_ANY, NULL);
	if (!meta)
		return;
	folio_schedule s;
	folio_schedule_read(&s, meta, zone, first & 1); /* Jekyll's rules on odd instants */
	const long long nows[] = { first, 0, 1796292000LL, s.publish_at, s.expiry_at, s.publish_at - 1,
		                   s.expiry_at - 1 };
	for (size_t i = 0; i < sizeof(nows) / sizeof(*nows); i++) {
		long long at;
		bool publish;
		folio_page_status before = folio_schedule_status(&s, nows[i]);
		if (!folio_schedule_next(&s, nows[i], &at, &publish))
			continue;
		CHECK(at > nows[i]);
		CHECK(folio_schedule_status(&s, at) == (publish ? FOLIO_PAGE_PUBLISHED : FOLIO_PAGE_EXPIRED));
		CHECK(folio_schedule_status(&s, at) != before);
		CHECK(folio_schedule_status(&s, at - 1) == before);
	}
	json_decref(meta);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	char *line = fuzz_take_line(&data, &size);
	long long first = 0;
	fuzz_time(line);
	folio_schedule_parse_time(&first, line);
	char *rest = malloc(size + 1);
	memcpy(rest, data, size);
	rest[size] = '\0';
	fuzz_meta(rest, size, first, NULL);
	fuzz_meta(rest, size, first, "Europe/Paris"); /* dates without an offset in a zone with DST */
	free(rest);
	free(line);
	return 0;
}
