#include "timestamp.h"

#include <stdio.h>
#include <time.h>

#include "banned.h"

bool folio_timestamp(char out[FOLIO_TIMESTAMP_SIZE], long long t, int millis)
{
	time_t tt = (time_t)t;
	struct tm tm;
	out[0] = '\0';
	if ((long long)tt != t || !gmtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0)
		return false; /* RFC 3339 years have four digits */
	/* %Y of a year past 9999 is longer: the size leaves room for it */
	size_t n = strftime(out, FOLIO_TIMESTAMP_SIZE, "%Y-%m-%dT%H:%M:%S", &tm);
	if (n == 0)
		return false;
	if (millis >= 0)
		snprintf(out + n, FOLIO_TIMESTAMP_SIZE - n, ".%03dZ", millis % 1000);
	else
		snprintf(out + n, FOLIO_TIMESTAMP_SIZE - n, "Z");
	return true;
}
