/*
 * Drafts and scheduled publishing (folio/schedule.h). Pure functions of a
 * page's meta and an instant, but for the clock, which tests and operators
 * set through FOLIO_NOW / FOLIO_NOW_FILE rather than by waiting.
 */
#include "folio/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/dates.h"
#include "util/banned.h"

/* ---- keys ---- */

/* key without ASCII case, '_' and '-': "publish_date", "publishDate" -> "publishdate" */
static int classify(const char *key, size_t len)
{
	char folded[16];
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = key[i];
		if (c == '_' || c == '-')
			continue;
		if (n == sizeof(folded) - 1)
			return FOLIO_SCHEDULE_KEY_NONE;
		folded[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	folded[n] = '\0';
	if (!strcmp(folded, "draft"))
		return FOLIO_SCHEDULE_KEY_DRAFT;
	if (!strcmp(folded, "publishdate"))
		return FOLIO_SCHEDULE_KEY_PUBLISH;
	if (!strcmp(folded, "expirydate"))
		return FOLIO_SCHEDULE_KEY_EXPIRY;
	return FOLIO_SCHEDULE_KEY_NONE;
}

bool folio_schedule_is_key(const char *key, size_t len)
{
	return classify(key, len) != FOLIO_SCHEDULE_KEY_NONE;
}

int folio_schedule_key_kind(const char *key, size_t len)
{
	return classify(key, len);
}

/* ---- dates ---- */

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

bool folio_schedule_parse_time(long long *out, const char *s)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, sign = 1;
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--; /* a file written by echo ends in a newline */
	if (n < 10 || !folio_date_parse_n(s, 10, &y, &mo, &d))
		return false;
	size_t i = 10;
	if (i < n) {
		if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
			return false;
		i++;
		if (i + 5 > n || s[i + 2] != ':' || !digits(s + i, 2, &h) || !digits(s + i + 3, 2, &mi) ||
		    h > 23 || mi > 59)
			return false;
		i += 5;
		if (i < n && s[i] == ':') {
			if (i + 3 > n || !digits(s + i + 1, 2, &sec) || sec > 60)
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
		if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
			i++;
		} else if (i < n && (s[i] == '+' || s[i] == '-')) {
			sign = s[i] == '-' ? -1 : 1;
			if (i + 6 > n || s[i + 3] != ':' || !digits(s + i + 1, 2, &oh) ||
			    !digits(s + i + 4, 2, &om) || oh > 23 || om > 59)
				return false;
			i += 6;
		}
	}
	if (i != n)
		return false;
	*out = folio_date_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	       sign * (oh * 3600 + om * 60);
	return true;
}

/* ---- a page's schedule ---- */

static void set_bad(folio_schedule *out, const char *key, const char *why)
{
	if (!out->bad_key) {
		out->bad_key = key;
		out->bad_why = why;
	}
}

static void read_date(folio_schedule *out, const char *key, const json_t *v, bool *has,
                      long long *at, const char **key_out)
{
	if (*key_out) {
		set_bad(out, key, "repeats a date given under another spelling");
		return;
	}
	*key_out = key;
	if (json_is_null(v))
		return; /* "publish_date:" left empty: no date */
	if (!json_is_string(v) || !folio_schedule_parse_time(at, json_string_value(v))) {
		set_bad(out, key, "is not a date such as 2026-12-03 or 2026-12-03T10:00:00+01:00");
		return;
	}
	*has = true;
}

void folio_schedule_read(folio_schedule *out, const json_t *meta)
{
	const char *key;
	json_t *v;
	memset(out, 0, sizeof(*out));
	if (!json_is_object(meta))
		return;
	json_object_foreach((json_t *)meta, key, v) {
		switch (classify(key, strlen(key))) {
		case FOLIO_SCHEDULE_KEY_DRAFT:
			if (out->draft_key)
				set_bad(out, key, "repeats draft under another spelling");
			else if (!json_is_boolean(v))
				set_bad(out, key, "must be true or false");
			out->draft_key = key;
			out->draft = out->draft || json_is_true(v);
			break;
		case FOLIO_SCHEDULE_KEY_PUBLISH:
			read_date(out, key, v, &out->has_publish, &out->publish_at, &out->publish_key);
			break;
		case FOLIO_SCHEDULE_KEY_EXPIRY:
			read_date(out, key, v, &out->has_expiry, &out->expiry_at, &out->expiry_key);
			break;
		case FOLIO_SCHEDULE_KEY_NONE:
			break;
		}
	}
}

folio_page_status folio_schedule_status(const folio_schedule *s, long long now)
{
	/* a value folio cannot read holds the page back: publishing it early
	 * or late cannot be undone, a finding says what to fix */
	if (s->draft || s->bad_key)
		return FOLIO_PAGE_DRAFT;
	if (s->has_expiry && s->expiry_at <= now)
		return FOLIO_PAGE_EXPIRED;
	if (s->has_publish && s->publish_at > now)
		return FOLIO_PAGE_PENDING;
	return FOLIO_PAGE_PUBLISHED;
}

bool folio_schedule_next(const folio_schedule *s, long long now, long long *at, bool *publish)
{
	switch (folio_schedule_status(s, now)) {
	case FOLIO_PAGE_PENDING:
		if (s->has_expiry && s->expiry_at <= s->publish_at)
			return false; /* expires before it would appear: never shown */
		*at = s->publish_at;
		*publish = true;
		return true;
	case FOLIO_PAGE_PUBLISHED:
		if (!s->has_expiry)
			return false;
		*at = s->expiry_at;
		*publish = false;
		return true;
	default:
		return false;
	}
}

/* ---- the clock ---- */

static bool read_clock_file(long long *out, const char *path)
{
	char text[80];
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	return folio_schedule_parse_time(out, text);
}

bool folio_schedule_clock_is_file(void)
{
	const char *file = getenv("FOLIO_NOW_FILE");
	return file && *file;
}

long long folio_schedule_now(void)
{
	const char *file = getenv("FOLIO_NOW_FILE"), *fixed = getenv("FOLIO_NOW");
	long long t;
	if (file && *file && read_clock_file(&t, file))
		return t;
	if (fixed && *fixed && folio_schedule_parse_time(&t, fixed))
		return t;
	return (long long)time(NULL);
}
