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

/* The words a reader takes for true and for false. */
typedef struct {
	const char *on[6], *off[6];
} boolean_words;

/* Words YAML 1.1 (Ruby's Psych, so Jekyll; go-yaml v2, so Hugo) reads as
 * booleans and folio's YAML 1.2 as text ("draft: no"). */
static const boolean_words yaml11_words = {
	{ "yes", "Yes", "YES", "on", "On", "ON" },
	{ "no", "No", "NO", "off", "Off", "OFF" },
};

/* Text Go's strconv.ParseBool reads, which Hugo's cast.ToBool takes of a
 * quoted "draft: \"false\"" (Hugo reads any other text as false, folio
 * refuses it: publishing early cannot be undone). */
static const boolean_words go_words = {
	{ "1", "t", "T", "TRUE", "true", "True" },
	{ "0", "f", "F", "FALSE", "false", "False" },
};

/* v as one of words: 1 true, 0 false, -1 neither (or not a string). */
static int word_boolean(const json_t *v, const boolean_words *words)
{
	const char *t = json_string_value(v);
	for (size_t i = 0; t && i < sizeof(words->on) / sizeof(*words->on); i++) {
		if (!strcmp(t, words->on[i]))
			return 1;
		if (!strcmp(t, words->off[i]))
			return 0;
	}
	return -1;
}

/* Jekyll's "published", spelled exactly: a boolean only (see schedule.h). */
static bool unpublished(const char *key, const json_t *v)
{
	return json_is_false(v) && !strcmp(key, "published");
}

bool folio_schedule_is_key(const char *key, size_t len)
{
	return classify(key, len) != FOLIO_SCHEDULE_KEY_NONE;
}

int folio_schedule_key_kind(const char *key, size_t len)
{
	return classify(key, len);
}

int folio_schedule_jekyll_key_kind(const char *key, size_t len)
{
	int kind = classify(key, len);
	return kind == FOLIO_SCHEDULE_KEY_DRAFT ? kind : FOLIO_SCHEDULE_KEY_NONE;
}

int (*folio_schedule_key_kind_for(bool jekyll))(const char *key, size_t len)
{
	return jekyll ? folio_schedule_jekyll_key_kind : folio_schedule_key_kind;
}

/* ---- dates ---- */

bool folio_schedule_parse_time_in(long long *out, const char *s, const char *zone)
{
	folio_when w;
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--; /* a file written by echo ends in a newline */
	return folio_when_parse(&w, s, n) && folio_when_epoch(out, &w, zone);
}

bool folio_schedule_parse_time(long long *out, const char *s)
{
	return folio_schedule_parse_time_in(out, s, "UTC");
}

/* ---- a page's schedule ---- */

static void set_bad(folio_schedule *out, const char *key, const char *why)
{
	if (!out->bad_key) {
		out->bad_key = key;
		out->bad_why = why;
	}
}

static void read_date(folio_schedule *out, const char *key, const json_t *v, const char *zone,
                      bool *has, long long *at, const char **key_out)
{
	if (*key_out) {
		set_bad(out, key, "repeats a date given under another spelling");
		return;
	}
	*key_out = key;
	if (json_is_null(v))
		return; /* "publish_date:" left empty: no date */
	if (!json_is_string(v) || !folio_schedule_parse_time_in(at, json_string_value(v), zone)) {
		set_bad(out, key, "is not a date such as 2026-12-03 or 2026-12-03T10:00:00+01:00");
		return;
	}
	*has = true;
}

void folio_schedule_read(folio_schedule *out, const json_t *meta, const char *zone, unsigned rules)
{
	bool jekyll = rules & FOLIO_SCHEDULE_JEKYLL;
	bool hugo = rules & FOLIO_SCHEDULE_HUGO;
	int (*kind_of)(const char *, size_t) = folio_schedule_key_kind_for(jekyll);
	const char *key;
	json_t *v;
	int yaml11;
	memset(out, 0, sizeof(*out));
	if (!json_is_object(meta))
		return;
	json_object_foreach((json_t *)meta, key, v) {
		switch (kind_of(key, strlen(key))) {
		case FOLIO_SCHEDULE_KEY_DRAFT:
			/* "draft:" left empty is no draft, as an empty date is no
			 * date and as Hugo reads it (an archetype's leftover) */
			/* on a Jekyll site, "draft: no" is Psych's false (Jekyll
			 * reads no draft:, and publishes the page), "yes" its
			 * true; Hugo 0.111's go-yaml v2 reads them so too */
			yaml11 = jekyll || hugo ? word_boolean(v, &yaml11_words) : -1;
			if (yaml11 < 0 && hugo)
				yaml11 = word_boolean(v, &go_words);
			if (out->draft_key)
				set_bad(out, key, "repeats draft under another spelling");
			else if (!json_is_boolean(v) && !json_is_null(v) && yaml11 < 0)
				set_bad(out, key, "must be true or false");
			out->draft_key = key;
			out->draft = out->draft || json_is_true(v) || yaml11 == 1;
			break;
		case FOLIO_SCHEDULE_KEY_PUBLISH:
			read_date(out, key, v, zone, &out->has_publish, &out->publish_at, &out->publish_key);
			break;
		case FOLIO_SCHEDULE_KEY_EXPIRY:
			read_date(out, key, v, zone, &out->has_expiry, &out->expiry_at, &out->expiry_key);
			break;
		case FOLIO_SCHEDULE_KEY_NONE:
			out->draft = out->draft || unpublished(key, v);
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
