#include "util/dates.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "util/alloc.h"
#include "util/banned.h"

static bool digits(const char *s, int n, int *value)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*value = v;
	return true;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

/* The first 10 of the n bytes at s are a calendar date "YYYY-MM-DD". */
static bool date_prefix(const char *s, size_t n, int *y, int *m, int *d)
{
	if (n < 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, y) || !digits(s + 5, 2, m) || !digits(s + 8, 2, d))
		return false;
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

bool folio_date_parse(const char *s, int *year, int *month, int *day)
{
	return folio_date_parse_n(s, strlen(s), year, month, day);
}

bool folio_date_parse_n(const char *s, size_t n, int *year, int *month, int *day)
{
	return n == 10 && date_prefix(s, n, year, month, day);
}

/* Digits at s[*i] (between least and most of them) as a number, else -1. */
static int digits_at(const char *s, size_t n, size_t *i, size_t least, size_t most)
{
	size_t k = 0;
	int v = 0;
	while (*i + k < n && k < most && s[*i + k] >= '0' && s[*i + k] <= '9')
		v = v * 10 + (s[*i + k++] - '0');
	*i += k;
	return k >= least ? v : -1;
}

/* The shape of folio_date_name_prefix's date, whatever the calendar says:
 * its length, its parts in *y, *mo, *d; else 0. A year of two or three
 * digits when least_year says so (Jekyll's posts), two read as Ruby's
 * Time.parse reads them: 69 to 99 in the 1900s, the rest in the 2000s. */
static size_t date_name_shape(const char *name, size_t n, size_t least_year, int *y, int *mo, int *d)
{
	size_t i = 0;
	*y = digits_at(name, n, &i, least_year, 4);
	if (*y >= 0 && i == 2)
		*y += *y >= 69 ? 1900 : 2000;
	if (*y < 0 || i >= n || name[i++] != '-')
		return 0;
	*mo = digits_at(name, n, &i, 1, 2);
	if (*mo < 0 || i >= n || name[i++] != '-')
		return 0;
	*d = digits_at(name, n, &i, 1, 2);
	if (*d < 0 || i + 1 >= n || name[i++] != '-' || name[i] == '.')
		return 0; /* "2020-05-05" alone, or "2020-05-05-.md": no name */
	return i;
}

static size_t name_prefix(const char *name, size_t n, size_t least_year, char out[11])
{
	int y, mo, d;
	size_t i = date_name_shape(name, n, least_year, &y, &mo, &d);
	if (!i)
		return 0;
	char date[40]; /* as wide as three ints, which the compiler checks */
	snprintf(date, sizeof(date), "%04d-%02d-%02d", y, mo, d);
	int yy, mm, dd;
	if (!folio_date_parse_n(date, 10, &yy, &mm, &dd))
		return 0;
	memcpy(out, date, 11);
	return i;
}

size_t folio_date_name_shape(const char *name, size_t n)
{
	int y, mo, d;
	return date_name_shape(name, n, 4, &y, &mo, &d);
}

size_t folio_date_name_prefix(const char *name, size_t n, char out[11])
{
	return name_prefix(name, n, 4, out);
}

size_t folio_date_post_name_shape(const char *name, size_t n)
{
	int y, mo, d;
	return date_name_shape(name, n, 2, &y, &mo, &d);
}

size_t folio_date_post_name_prefix(const char *name, size_t n, char out[11])
{
	return name_prefix(name, n, 2, out);
}

bool folio_datetime_parse(const char *s, int *year, int *month, int *day, int *hour, int *minute)
{
	if (!date_prefix(s, strlen(s), year, month, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
		return false;
	if (!digits(s + 11, 2, hour) || s[13] != ':' || !digits(s + 14, 2, minute))
		return false;
	return *hour < 24 && *minute < 60;
}

long long folio_date_days(int year, int month, int day)
{
	/* Howard Hinnant's days-from-civil: eras of 400 years, March-based years */
	long long y = year - (month <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int folio_date_weekday(int y, int m, int d)
{
	long long wd = (folio_date_days(y, m, d) + 3) % 7; /* 1970-01-01 was a Thursday; 0 = Monday */
	return (int)(wd < 0 ? wd + 7 : wd);
}

/* ---- dates as written ---- */

/* "2014-10-1 ...": the month and day with two digits, else NULL */
static char *padded(const char *s, size_t n)
{
	size_t i = 0, month, day;
	while (i < n && i < 4 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i != 4 || i >= n || s[i] != '-')
		return NULL;
	month = ++i;
	while (i < n && i - month < 2 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == month || i >= n || s[i] != '-')
		return NULL;
	size_t mlen = i - month;
	day = ++i;
	while (i < n && i - day < 2 && s[i] >= '0' && s[i] <= '9')
		i++;
	size_t dlen = i - day;
	if (!dlen || (mlen == 2 && dlen == 2) || (i < n && s[i] >= '0' && s[i] <= '9'))
		return NULL;
	char *out = folio_xasprintf("%.4s-%s%.*s-%s%.*s%.*s", s, mlen == 1 ? "0" : "", (int)mlen, s + month,
	                            dlen == 1 ? "0" : "", (int)dlen, s + day, (int)(n - i), s + i);
	folio_when w;
	if (folio_when_parse(&w, out, strlen(out)))
		return out;
	free(out);
	return NULL;
}

/* Up to two digits at s[*i]: their value, or -1 */
static int small_number(const char *s, size_t n, size_t *i)
{
	size_t k = *i;
	int v = 0;
	while (k < n && k - *i < 2 && s[k] >= '0' && s[k] <= '9')
		v = v * 10 + (s[k++] - '0');
	if (k == *i || (k < n && s[k] >= '0' && s[k] <= '9'))
		return -1;
	*i = k;
	return v;
}

/* Four digits at s[*i], nothing after them: the year, or -1 */
static int last_year(const char *s, size_t n, size_t i)
{
	int y;
	return n - i == 4 && digits(s + i, 4, &y) ? y : -1;
}

/* "2.12.2020": day, month, year with dots, as Ruby reads them */
static bool dotted(const char *s, size_t n, int *y, int *m, int *d)
{
	size_t i = 0;
	if ((*d = small_number(s, n, &i)) < 0 || i >= n || s[i++] != '.' ||
	    (*m = small_number(s, n, &i)) < 0 || i >= n || s[i++] != '.')
		return false;
	return (*y = last_year(s, n, i)) >= 0;
}

/* "2021/03/11": year, month, day with slashes, as Ruby reads them
 * (OpenDreamKit's posts) */
static bool slashed(const char *s, size_t n, int *y, int *m, int *d)
{
	size_t i = 4;
	if (n < 8 || !digits(s, 4, y) || s[i++] != '/' || (*m = small_number(s, n, &i)) < 0 || i >= n ||
	    s[i++] != '/' || (*d = small_number(s, n, &i)) < 0)
		return false;
	return i == n;
}

/* An English month's name or its first three letters (and "Sept") at
 * s[*i], a '.' after an abbreviation passed over: 1 to 12, or 0 */
static int month_name(const char *s, size_t n, size_t *i)
{
	static const char *const names[] = { "january", "february", "march", "april", "may", "june", "july",
	                                     "august", "september", "october", "november", "december" };
	size_t k = *i;
	while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
		k++;
	size_t len = k - *i;
	for (int m = 0; m < 12 && len >= 3; m++) {
		bool whole = len == strlen(names[m]), sept = m == 8 && len == 4;
		if ((len == 3 || whole || sept) && !strncasecmp(s + *i, names[m], len)) {
			*i = k + (!whole && k < n && s[k] == '.');
			return m + 1;
		}
	}
	return 0;
}

static void skip_spaces(const char *s, size_t n, size_t *i)
{
	while (*i < n && s[*i] == ' ')
		(*i)++;
}

/* The day and its English suffix ("4th"), then spaces or ", " */
static int day_of(const char *s, size_t n, size_t *i)
{
	int d = small_number(s, n, i);
	if (d >= 0 && *i + 1 < n && strchr("snrt", s[*i] | 0x20) && strchr("tdh", s[*i + 1] | 0x20))
		*i += 2;
	return d;
}

/* "October 4, 2022", "Oct 4th 2022", "4 October 2022", "4 Oct, 2022" */
static bool named(const char *s, size_t n, int *y, int *m, int *d)
{
	size_t i = 0;
	if ((*m = month_name(s, n, &i))) {
		skip_spaces(s, n, &i);
		if ((*d = day_of(s, n, &i)) < 0)
			return false;
	} else if ((*d = day_of(s, n, &i)) >= 0) {
		skip_spaces(s, n, &i);
		if (!(*m = month_name(s, n, &i)))
			return false;
	} else {
		return false;
	}
	if (i < n && s[i] == ',')
		i++;
	size_t before = i;
	skip_spaces(s, n, &i);
	return i > before && (*y = last_year(s, n, i)) >= 0;
}

/* "2021-05-18 12:00:00 UTC+2": a zone Ruby's Time.parse does not know
 * (UTC or GMT, then an offset), which it passes over for the wall time
 * as written in the build's own zone (a French association's posts):
 * the date and time without it, read in the site's zone as Jekyll's
 * are. "UTC" or "GMT" alone is UTC, as Ruby reads it. NULL for any
 * other form. */
static char *zone_word(const char *s, size_t n)
{
	const char *sp = n > 16 ? memrchr(s, ' ', n) : NULL;
	if (!sp || sp - s < 16 || s[10] != ' ')
		return NULL;
	size_t k = (size_t)(sp - s) + 1, j = k + 3;
	if (n < j || (strncasecmp(s + k, "UTC", 3) && strncasecmp(s + k, "GMT", 3)))
		return NULL;
	bool offset = j < n;
	if (offset) { /* +2, -05, +0200, +02:00 */
		size_t d = ++j;
		while (j < n && j - d < 2 && s[j] >= '0' && s[j] <= '9')
			j++;
		if ((s[d - 1] != '+' && s[d - 1] != '-') || j == d)
			return NULL;
		j += j + 2 < n && s[j] == ':';
		if (j < n && (j + 2 != n || s[j] < '0' || s[j] > '9' || s[j + 1] < '0' || s[j + 1] > '9'))
			return NULL;
	}
	size_t t = (size_t)(sp - s);
	while (t > 10 && s[t - 1] == ' ')
		t--;
	folio_when w;
	if (!folio_when_parse(&w, s, t) || !w.has_time || w.has_offset)
		return NULL;
	return folio_xasprintf("%.*s%s", (int)t, s, offset ? "" : " +00:00");
}

char *folio_when_normalize(const char *s, size_t n)
{
	folio_when w;
	int y, m, d;
	if (folio_when_parse(&w, s, n))
		return NULL;
	char *out = padded(s, n);
	if (!out && (dotted(s, n, &y, &m, &d) || slashed(s, n, &y, &m, &d) || named(s, n, &y, &m, &d)))
		out = folio_xasprintf("%04d-%02d-%02d", y, m, d);
	if (!out)
		out = zone_word(s, n);
	if (out && !folio_when_parse(&w, out, strlen(out))) {
		free(out);
		out = NULL;
	}
	return out;
}

bool folio_when_readable(const char *s, size_t n)
{
	folio_when w;
	if (folio_when_parse(&w, s, n))
		return true;
	char *normal = folio_when_normalize(s, n);
	bool read = normal != NULL;
	free(normal);
	return read;
}

/* The length of " UTC" or " CEST" at s, a zone's abbreviation after the
 * offset, or 0: Go's time.String() writes "2023-07-18 00:00:00 +0000 UTC",
 * which Hugo reads (networkservicemesh.io's release notes); the offset
 * says the instant, the name adds nothing. */
static size_t zone_name(const char *s, size_t n)
{
	size_t i = 1;
	if (n < 4 || s[0] != ' ')
		return 0;
	while (i < n && i <= 5 && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
		i++;
	return i == n && i >= 4 ? n : 0;
}

/* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in seconds from 1970 */
#define FIRST_INSTANT (-62167219200LL)
#define LAST_INSTANT (253402300799LL)

static long long offset_epoch(const folio_when *w);

bool folio_when_parse(folio_when *out, const char *s, size_t n)
{
	folio_when w = { 0 };
	if (!date_prefix(s, n, &w.year, &w.month, &w.day))
		return false;
	size_t i = 10;
	if (i < n) {
		if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
			return false;
		i++;
		/* the hour may have one digit: YAML 1.1's spaced form writes it so
		 * ("2013-11-22 5:00:00 +0000"), which Jekyll reads, and Go's
		 * RFC 3339 layout reads "2023-05-10T9:43:07-05:00" (Hugo) */
		size_t h = i + 1 < n && s[i + 1] == ':' ? 1 : 2;
		if (i + h + 3 > n || s[i + h] != ':' || !digits(s + i, (int)h, &w.hour) ||
		    !digits(s + i + h + 1, 2, &w.minute) || w.hour > 23 || w.minute > 59)
			return false;
		w.has_time = true;
		i += h + 3;
		if (i < n && s[i] == ':') {
			/* 60: a leap second, as RFC 3339 allows; counted as the next one */
			if (i + 3 > n || !digits(s + i + 1, 2, &w.second) || w.second > 60)
				return false;
			i += 3;
			if (i < n && s[i] == '.') {
				size_t k = ++i;
				while (i < n && s[i] >= '0' && s[i] <= '9')
					i++;
				if (i == k)
					return false;
			}
		}
		/* YAML 1.1's timestamps (Jekyll's "2023-06-12 09:30:00 +0200"): spaces
		 * may come before the zone, and its offset may be +HH, +HHMM or +HH:MM */
		size_t z = i;
		while (z < n && (s[z] == ' ' || s[z] == '\t'))
			z++;
		if (z < n && z > i && s[10] != ' ')
			return false; /* spaces before the zone only in the spaced form */
		if (z < n && (s[z] == 'Z' || s[z] == 'z')) {
			w.has_offset = true;
			i = z + 1;
		} else if (z < n && (s[z] == '+' || s[z] == '-')) {
			int oh, om = 0;
			size_t k = z + 1;
			if (k + 2 > n || !digits(s + k, 2, &oh) || oh > 23)
				return false;
			k += 2;
			bool colon = k < n && s[k] == ':';
			k += colon;
			if (k < n || colon) {
				if (k + 2 > n || !digits(s + k, 2, &om) || om > 59)
					return false;
				k += 2;
			}
			w.has_offset = true;
			w.offset = (s[z] == '-' ? -1 : 1) * (oh * 60 + om);
			i = k + (s[10] == ' ' ? zone_name(s + k, n - k) : 0);
		}
	}
	if (i != n)
		return false;
	/* an instant of years 0000 to 9999 in UTC, as every output writes it
	 * in four digits ("9999-12-31T23:59:59-12:00" is 10000 in UTC: /status
	 * showed a five-digit year, no RFC 3339 date) */
	long long t = w.has_offset ? offset_epoch(&w) : 0;
	if (t < FIRST_INSTANT || t > LAST_INSTANT)
		return false;
	*out = w;
	return true;
}

char *folio_when_canonical(const char *s, size_t n)
{
	folio_when w;
	if (!folio_when_parse(&w, s, n) || !w.has_time)
		return NULL;
	char buf[64];
	int len = snprintf(buf, sizeof(buf), "%.10sT%02d:%02d", s, w.hour, w.minute);
	size_t i = 11 + (s[12] == ':' ? 1 : 2) + 3; /* past the minutes */
	if (i < n && s[i] == ':') { /* the seconds and their fraction as written */
		size_t k = i + 3;
		if (k < n && s[k] == '.')
			for (k++; k < n && s[k] >= '0' && s[k] <= '9'; k++)
				;
		/* a fraction of many digits: its first ones, still a time */
		len += snprintf(buf + len, sizeof(buf) - (size_t)len, "%.*s", (int)(k - i > 24 ? 24 : k - i), s + i);
		i = k;
	}
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (w.has_offset && (s[i] == 'Z' || s[i] == 'z'))
		len += snprintf(buf + len, sizeof(buf) - (size_t)len, "Z");
	else if (w.has_offset)
		len += snprintf(buf + len, sizeof(buf) - (size_t)len, "%c%02d:%02d", s[i],
		                abs(w.offset) / 60, abs(w.offset) % 60);
	if ((size_t)len == n && !memcmp(buf, s, n))
		return NULL;
	return folio_xstrdup(buf);
}

/* ---- time zones (ICU ucal) ---- */

/* zone as ICU's UTF-16; false when it is not ASCII or too long to be a name */
static bool zone_uchars(UChar *out, size_t cap, const char *zone)
{
	size_t n = strlen(zone);
	if (n == 0 || n >= cap)
		return false;
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)zone[i] < 0x21 || (unsigned char)zone[i] > 0x7e)
			return false;
		out[i] = (UChar)zone[i];
	}
	out[n] = 0;
	return true;
}

bool folio_zone_valid(const char *zone)
{
	UChar id[64], canon[64];
	UErrorCode st = U_ZERO_ERROR;
	UBool system = false;
	if (!zone || !zone_uchars(id, sizeof(id) / sizeof(*id), zone))
		return false;
	ucal_getCanonicalTimeZoneID(id, -1, canon, sizeof(canon) / sizeof(*canon), &system, &st);
	/* custom ids such as "GMT+01:00" are not system zones: a site names a place */
	return U_SUCCESS(st) && system;
}

/* A Gregorian calendar in zone (NULL or "": UTC); NULL when zone is unknown. */
static UCalendar *open_calendar(const char *zone)
{
	UChar id[64];
	UErrorCode st = U_ZERO_ERROR;
	if (!zone || !*zone)
		zone = "UTC";
	if (!folio_zone_valid(zone) || !zone_uchars(id, sizeof(id) / sizeof(*id), zone))
		return NULL;
	UCalendar *cal = ucal_open(id, -1, "en_US_POSIX", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st)) {
		ucal_close(cal);
		return NULL;
	}
	/* proleptic Gregorian, as the days count below and RFC 3339 */
	ucal_setGregorianChange(cal, -1e300 /* no Julian part */, &st);
	ucal_setAttribute(cal, UCAL_REPEATED_WALL_TIME, UCAL_WALLTIME_FIRST);
	ucal_setAttribute(cal, UCAL_SKIPPED_WALL_TIME, UCAL_WALLTIME_LAST);
	return cal;
}

/* ---- per-thread ICU objects ----
 * Opening a calendar costs some 70 us and a date format some 270, against
 * a few to use one, and a site formats thousands of dates from several
 * threads (util/parallel.c). An ICU object is for one thread at a time, so
 * each thread keeps the last ones it opened, closed when it ends. */

typedef struct {
	char cal_zone[64];
	UCalendar *cal;
	/* [0] plain dates, [1] with the time: a page often shows both */
	char fmt_key[2][ULOC_FULLNAME_CAPACITY + 72]; /* locale and zone */
	UDateFormat *fmt[2];
} icu_cache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void cache_free(void *payload)
{
	icu_cache *c = payload;
	if (c->cal)
		ucal_close(c->cal);
	for (int i = 0; i < 2; i++)
		if (c->fmt[i])
			udat_close(c->fmt[i]);
	free(c);
}

static void cache_key_make(void)
{
	if (pthread_key_create(&cache_key, cache_free))
		abort(); /* only when the system is out of keys */
}

static icu_cache *thread_cache(void)
{
	pthread_once(&cache_once, cache_key_make);
	icu_cache *c = pthread_getspecific(cache_key);
	if (!c) {
		c = folio_xcalloc(1, sizeof(*c));
		pthread_setspecific(cache_key, c);
	}
	return c;
}

/* The calendar of zone (NULL or "": UTC), borrowed from this thread's
 * cache until its next call; NULL when zone is unknown. */
static UCalendar *calendar(const char *zone)
{
	icu_cache *c = thread_cache();
	if (!zone || !*zone)
		zone = "UTC";
	if (c->cal && !strcmp(c->cal_zone, zone))
		return c->cal;
	if (strlen(zone) >= sizeof(c->cal_zone))
		return NULL;
	UCalendar *cal = open_calendar(zone);
	if (!cal)
		return NULL;
	if (c->cal)
		ucal_close(c->cal);
	c->cal = cal;
	snprintf(c->cal_zone, sizeof(c->cal_zone), "%s", zone);
	return cal;
}

/* The instant of a wall time in cal's zone, in seconds. */
static bool wall_to_epoch(long long *out, UCalendar *cal, const folio_when *w)
{
	UErrorCode st = U_ZERO_ERROR;
	ucal_clear(cal);
	ucal_setDateTime(cal, w->year, w->month - 1, w->day, w->hour, w->minute, w->second, &st);
	UDate ms = ucal_getMillis(cal, &st);
	if (U_FAILURE(st))
		return false;
	*out = (long long)(ms / 1000.0);
	return true;
}

/* Minutes east of UTC in cal's zone at instant t, seconds dropped. */
static bool offset_at(int *out, UCalendar *cal, long long t)
{
	UErrorCode st = U_ZERO_ERROR;
	ucal_setMillis(cal, (UDate)t * 1000.0, &st);
	int32_t ms = ucal_get(cal, UCAL_ZONE_OFFSET, &st) + ucal_get(cal, UCAL_DST_OFFSET, &st);
	if (U_FAILURE(st))
		return false;
	*out = ms / 60000;
	return true;
}

static long long offset_epoch(const folio_when *w)
{
	return folio_date_days(w->year, w->month, w->day) * 86400 + w->hour * 3600 + w->minute * 60 +
	       w->second - w->offset * 60LL;
}

/* UTC needs no calendar: the day count is exact for every year written */
static bool is_utc(const char *zone)
{
	return !zone || !*zone || !strcmp(zone, "UTC");
}

bool folio_when_epoch(long long *out, const folio_when *w, const char *zone)
{
	if (w->has_offset || is_utc(zone)) {
		*out = offset_epoch(w); /* offset is 0 when none is written */
		return true;
	}
	UCalendar *cal = calendar(zone);
	return cal && wall_to_epoch(out, cal, w);
}

/* The civil date and time of t + offset minutes (Hinnant's civil-from-days). */
static void civil_at(folio_when *out, long long t, int offset)
{
	long long s = t + offset * 60LL;
	long long days = (s >= 0 ? s : s - 86399) / 86400, sod = s - days * 86400;
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->year = (int)(yoe + era * 400 + (out->month <= 2));
	out->hour = (int)(sod / 3600);
	out->minute = (int)(sod / 60 % 60);
	out->second = (int)(sod % 60);
	out->offset = offset;
}

bool folio_when_resolve(folio_when *out, const folio_when *w, const char *zone)
{
	if (w->has_offset || is_utc(zone)) {
		*out = *w;
		out->has_offset = true; /* offset is 0 when none is written */
		return true;
	}
	/* through the instant, so a wall time the clocks jumped over (or a
	 * midnight, in zones that move at midnight) is written as it happened */
	UCalendar *cal = calendar(zone);
	long long t;
	int offset;
	if (!cal || !wall_to_epoch(&t, cal, w) || !offset_at(&offset, cal, t))
		return false;
	/* RFC 3339 offsets are whole minutes: a local mean time of before
	 * 1900 (Paris: +00:09:21) is written with its minutes, and the wall
	 * time shown derives from them, so the text still names the instant */
	civil_at(out, t, offset);
	out->has_time = w->has_time;
	out->has_offset = true;
	/* four digits, as written, and an instant folio_when_parse reads back
	 * (0000-01-01T00:01 in Paris is +00:09, the year before in UTC) */
	return out->year >= 0 && out->year <= 9999 && t >= FIRST_INSTANT && t <= LAST_INSTANT;
}

bool folio_when_local(folio_when *out, const folio_when *w, const char *zone)
{
	*out = *w;
	if (!w->has_time || !w->has_offset)
		return true;
	long long t = offset_epoch(w);
	int offset = 0;
	if (!is_utc(zone)) {
		UCalendar *cal = calendar(zone);
		if (!cal || !offset_at(&offset, cal, t))
			return false;
	}
	civil_at(out, t, offset);
	return out->year >= 0 && out->year <= 9999;
}

/* "%04d-%02d-%02dT%02d:%02d:%02d" of w, its digits put without
 * vsnprintf (6,000 instructions a date, one for each address of a
 * sitemap and item of a feed) when each field has its width. */
static void put_date_time(folio_buf *out, const folio_when *w)
{
	if (w->year < 0 || w->year > 9999 || w->month < 0 || w->month > 99 || w->day < 0 || w->day > 99 ||
	    w->hour < 0 || w->hour > 99 || w->minute < 0 || w->minute > 99 || w->second < 0 || w->second > 99) {
		folio_buf_printf(out, "%04d-%02d-%02dT%02d:%02d:%02d", w->year, w->month, w->day, w->hour,
		                 w->minute, w->second);
		return;
	}
	char t[19];
	int two[5] = {w->month, w->day, w->hour, w->minute, w->second};
	t[0] = (char)('0' + w->year / 1000);
	t[1] = (char)('0' + w->year / 100 % 10);
	t[2] = (char)('0' + w->year / 10 % 10);
	t[3] = (char)('0' + w->year % 10);
	for (int i = 0; i < 5; i++) {
		t[4 + 3 * i] = "--T::"[i];
		t[5 + 3 * i] = (char)('0' + two[i] / 10);
		t[6 + 3 * i] = (char)('0' + two[i] % 10);
	}
	folio_buf_put(out, t, sizeof(t));
}

bool folio_when_rfc3339(folio_buf *out, const folio_when *w, const char *zone)
{
	folio_when local;
	if (!folio_when_resolve(&local, w, zone))
		return false;
	put_date_time(out, &local);
	if (!local.offset)
		folio_buf_putc(out, 'Z');
	else
		folio_buf_printf(out, "%c%02d:%02d", local.offset < 0 ? '-' : '+',
		                 abs(local.offset) / 60, abs(local.offset) % 60);
	return true;
}

/* ---- long dates (ICU udat) ---- */

/* ICU's locale id of a BCP 47 tag ("fr-CA" -> "fr_CA"); "en" when none. */
static void icu_locale(char *out, size_t cap, const char *language)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t parsed = 0;
	if (language && *language) {
		uloc_forLanguageTag(language, out, (int32_t)cap, &parsed, &st);
		if (U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING && *out)
			return;
	}
	snprintf(out, cap, "en");
}

/* Append what fmt writes of instant t, as UTF-8. */
static bool format_instant(folio_buf *out, UDateFormat *fmt, long long t)
{
	UChar text[256];
	char utf8[1024];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = udat_format(fmt, (UDate)t * 1000.0, text, (int32_t)(sizeof(text) / sizeof(*text)),
	                        NULL, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		return false;
	int32_t len = 0;
	u_strToUTF8(utf8, (int32_t)sizeof(utf8), &len, text, n, &st);
	if (U_FAILURE(st) || len >= (int32_t)sizeof(utf8))
		return false;
	folio_buf_put(out, utf8, (size_t)len);
	return true;
}

/* The long date format of locale in zone, with the time or without,
 * borrowed from this thread's cache until its next call; NULL on failure. */
static UDateFormat *date_format(const char *locale, const char *zone, bool with_time)
{
	icu_cache *c = thread_cache();
	char key[sizeof(c->fmt_key[0])];
	UChar id[64];
	UErrorCode st = U_ZERO_ERROR;
	snprintf(key, sizeof(key), "%s\n%s", locale, zone);
	if (c->fmt[with_time] && !strcmp(c->fmt_key[with_time], key))
		return c->fmt[with_time];
	UCalendar *cal = calendar(zone);
	if (!cal || !zone_uchars(id, sizeof(id) / sizeof(*id), zone))
		return NULL;
	/* the full date names the weekday, which readers of an event want */
	UDateFormat *fmt = udat_open(with_time ? UDAT_SHORT : UDAT_NONE, UDAT_FULL, locale, id, -1,
	                             NULL, 0, &st);
	if (U_FAILURE(st)) {
		udat_close(fmt);
		return NULL;
	}
	udat_setCalendar(fmt, cal); /* a copy: proleptic Gregorian, as everywhere else */
	if (c->fmt[with_time])
		udat_close(c->fmt[with_time]);
	c->fmt[with_time] = fmt;
	snprintf(c->fmt_key[with_time], sizeof(c->fmt_key[with_time]), "%s", key);
	return fmt;
}

bool folio_date_format_long(folio_buf *out, const char *s, const char *language, const char *zone)
{
	return folio_date_format_long_at(out, s, language, zone, false);
}

bool folio_date_format_long_at(folio_buf *out, const char *s, const char *language, const char *zone,
                               bool as_written)
{
	folio_when w;
	if (!s || !folio_when_parse(&w, s, strlen(s)))
		return false;
	if (as_written && w.has_time && w.has_offset) {
		/* its wall time as written: read and shown in UTC, the offset set aside */
		w.has_offset = false;
		w.offset = 0;
		zone = "UTC";
	}
	/* a plain date is a day of the calendar, in no zone: noon UTC shown
	 * in UTC names that day whatever the year's offsets */
	long long t;
	if (!w.has_time) {
		t = folio_date_days(w.year, w.month, w.day) * 86400 + 12 * 3600;
		zone = "UTC";
	} else if (!folio_when_epoch(&t, &w, zone)) {
		return false;
	}
	if (!zone || !*zone)
		zone = "UTC";
	char locale[ULOC_FULLNAME_CAPACITY];
	icu_locale(locale, sizeof(locale), language);
	UDateFormat *fmt = date_format(locale, zone, w.has_time);
	return fmt && format_instant(out, fmt, t);
}
