/*
 * Schema inference (folio/infer.h). Each key keeps a small summary of
 * the values seen: how many pages hold it, a bit per JSON type, whether
 * every text was a date or a date-time, and up to FOLIO_INFER_ENUM_MAX + 1
 * distinct texts (one more than an enum may hold, so "too many" is known
 * without keeping them all). Array items are summarised the same way, one
 * level deep: front matter lists are tags, authors, aliases.
 */
#include "folio/infer.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/schema.h"
#include "util/dates.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/banned.h"

enum {
	T_NULL = 1 << 0,
	T_BOOL = 1 << 1,
	T_INT = 1 << 2,
	T_REAL = 1 << 3,
	T_STRING = 1 << 4,
	T_ARRAY = 1 << 5,
	T_OBJECT = 1 << 6,
};

typedef struct {
	unsigned types;
	size_t texts;      /* text values seen */
	size_t dates;      /* of them, dates */
	size_t datetimes;  /* of them, date-times */
	size_t loose;      /* of them, dates written otherwise ("2023-12-6") */
	json_t *distinct;  /* text -> pages holding it, at most FOLIO_INFER_ENUM_MAX + 1 texts */
	bool open;         /* a text no enum can list (it holds a NUL) */
} summary;

typedef struct {
	size_t pages;   /* pages holding the key */
	summary value;
	summary items;  /* of array values */
} key_info;

struct folio_infer {
	size_t pages;
	json_t *keys; /* name -> index into info, as an integer */
	key_info *info;
	size_t ninfo, ainfo;
};

folio_infer *folio_infer_new(void)
{
	folio_infer *inf = folio_xcalloc(1, sizeof(*inf));
	inf->keys = json_object();
	return inf;
}

static void summary_add(summary *s, const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_NULL: s->types |= T_NULL; return;
	case JSON_TRUE:
	case JSON_FALSE: s->types |= T_BOOL; return;
	case JSON_INTEGER: s->types |= T_INT; return;
	case JSON_REAL: s->types |= T_REAL; return;
	case JSON_ARRAY: s->types |= T_ARRAY; return;
	case JSON_OBJECT: s->types |= T_OBJECT; return;
	case JSON_STRING: break;
	}
	s->types |= T_STRING;
	s->texts++;
	const char *text = json_string_value(v);
	size_t n = json_string_length(v);
	if (folio_schema__is_date(text, n))
		s->dates++;
	else if (folio_schema__is_date_time(text, n))
		s->datetimes++;
	else
		s->loose += folio_when_readable(text, n); /* "2023-12-6", as Hugo and Jekyll read it */
	if (!s->distinct)
		s->distinct = json_object();
	if (memchr(text, '\0', n))
		s->open = true; /* a jansson key cannot hold it */
	else if (json_object_get(s->distinct, text))
		json_integer_set(json_object_get(s->distinct, text),
		                 json_integer_value(json_object_get(s->distinct, text)) + 1);
	else if (json_object_size(s->distinct) <= FOLIO_INFER_ENUM_MAX)
		json_object_set_new(s->distinct, text, json_integer(1));
}

/* Texts seen on one page only: what the set's unseen values are
 * estimated by (Good and Turing: the next page holds a new value about
 * as often as a value was seen once). */
static size_t seen_once(const summary *s)
{
	size_t n = 0;
	const char *k;
	json_t *v;
	json_object_foreach(s->distinct, k, v)
		n += json_integer_value(v) == 1;
	return n;
}

void folio_infer_add(folio_infer *inf, const json_t *meta)
{
	inf->pages++;
	const char *name;
	json_t *v;
	json_object_foreach((json_t *)meta, name, v) {
		json_t *at = json_object_get(inf->keys, name);
		size_t i;
		if (at) {
			i = (size_t)json_integer_value(at);
		} else {
			FOLIO_ARRAY_GROW(inf->info, inf->ninfo, inf->ainfo, inf->ninfo + 1);
			i = inf->ninfo++;
			memset(&inf->info[i], 0, sizeof(inf->info[i]));
			json_object_set_new(inf->keys, name, json_integer((json_int_t)i));
		}
		key_info *k = &inf->info[i];
		k->pages++;
		summary_add(&k->value, v);
		size_t j;
		json_t *item;
		json_array_foreach(v, j, item)
			summary_add(&k->items, item);
	}
}

size_t folio_infer_pages(const folio_infer *inf) { return inf->pages; }

/* The keys of set as a sorted array of strings (sorted names when names). */
static json_t *sorted_texts(const json_t *set)
{
	size_t n = json_object_size(set), i = 0;
	const char **texts = folio_xcalloc(n ? n : 1, sizeof(*texts));
	const char *text;
	json_t *v;
	json_object_foreach((json_t *)set, text, v)
		texts[i++] = text;
	qsort(texts, n, sizeof(*texts), folio_sort_cmp_str);
	json_t *out = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(out, json_string(texts[i]));
	free(texts);
	return out;
}

static void add_type(json_t *types, unsigned have, unsigned bit, const char *name)
{
	if (have & bit)
		json_array_append_new(types, json_string(name));
}

/* The schema of the values s summarises, seen on pages pages; items for arrays. */
static json_t *summary_schema(const summary *s, size_t pages, const summary *items)
{
	json_t *out = json_object();
	unsigned t = s->types;
	if (t & T_REAL)
		t &= ~(unsigned)T_INT; /* 1 and 1.5 are both numbers */
	json_t *types = json_array();
	add_type(types, t, T_STRING, "string");
	add_type(types, t, T_INT, "integer");
	add_type(types, t, T_REAL, "number");
	add_type(types, t, T_BOOL, "boolean");
	add_type(types, t, T_ARRAY, "array");
	add_type(types, t, T_OBJECT, "object");
	add_type(types, t, T_NULL, "null");
	if (json_array_size(types) == 1)
		json_object_set(out, "type", json_array_get(types, 0));
	else if (json_array_size(types) > 1)
		json_object_set(out, "type", types);
	json_decref(types);
	/* Hugo and Jekyll read a date or a date-time in any such key: a page
	 * written later with the other form (a plain date among date-times) is
	 * as valid as the pages sampled */
	if (s->texts && s->dates + s->datetimes == s->texts)
		json_object_set_new(out, "anyOf", json_pack("[{s:s},{s:s}]", "format", "date", "format", "date-time"));
	/* a closed set only when the sample is big enough to trust, its values
	 * shared (two pages a value at least: eight titles on ten pages are
	 * free text, which the next page's title would break) and hardly any
	 * seen once (at most one page in twenty holds a value no other page
	 * has: seven authors on nineteen posts, some of them once, are people
	 * whom the next post's author joins), and never for
	 * dates (each page has its own; the date field's are checked in the
	 * form they are read in, "2023-12-6" as 2023-12-06, which no enum of
	 * the texts written holds) */
	else if (t == T_STRING && !s->open && !s->dates && !s->datetimes && !s->loose && pages >= FOLIO_INFER_ENUM_MIN_PAGES &&
	         json_object_size(s->distinct) <= FOLIO_INFER_ENUM_MAX && 2 * json_object_size(s->distinct) <= s->texts &&
	         20 * seen_once(s) <= s->texts) {
		json_object_set_new(out, "enum", sorted_texts(s->distinct));
	}
	if ((t & T_ARRAY) && items && items->types)
		json_object_set_new(out, "items", summary_schema(items, pages, NULL));
	return out;
}

/* A key whose values are no closed set whatever the sample: one that
 * names a page (or its translations: a translationKey two pages share),
 * or people, whom the next page's author or speaker joins (a blog's three
 * authors on ten posts, then a fourth). */
static bool open_set_key(const char *key)
{
	static const char *const keys[] = { "translationKey", "slug", "url", "permalink", "aliases",
	                                    "redirect_from", "id", "uid", "key", "author", "authors", "by",
	                                    "contributor", "contributors", "creator", "creators", "editor",
	                                    "editors", "speaker", "speakers", "organizer", "organizers",
	                                    "organiser", "organisers", "maintainer", "maintainers",
	                                    "translator", "translators", "reviewer", "reviewers" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (!strcasecmp(key, keys[i]))
			return true;
	return false;
}

/* A key Hugo and Jekyll read as one text or a list of them. */
static bool list_key(const char *key)
{
	static const char *const keys[] = { "tags", "categories", "keywords", "aliases",
	                                    "redirect_from", "authors", "series" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (!strcasecmp(key, keys[i]))
			return true;
	return false;
}

json_t *folio_infer_schema(const folio_infer *inf, const char *title)
{
	json_t *schema = json_object();
	json_object_set_new(schema, "$schema", json_string("https://json-schema.org/draft/2020-12/schema"));
	if (title)
		json_object_set_new(schema, "title", json_string(title));
	json_object_set_new(schema, "type", json_string("object"));
	json_t *names = sorted_texts(inf->keys);
	size_t i;
	json_t *name;
	json_t *props = json_object(), *required = json_array();
	json_array_foreach(names, i, name) {
		const char *key = json_string_value(name);
		const key_info *k = &inf->info[json_integer_value(json_object_get(inf->keys, key))];
		size_t sample = open_set_key(key) ? 0 : k->pages;
		summary value = k->value;
		/* tags: x or tags: [x]: both generators read either; a site that
		 * later writes the other form is no less valid (mincong's
		 * categories: java, then [java]) */
		if (list_key(key) && (value.types & (T_STRING | T_ARRAY)) && !(value.types & ~(T_STRING | T_ARRAY)))
			value.types |= T_STRING | T_ARRAY;
		json_object_set_new(props, key, summary_schema(&value, sample, &k->items));
		if (k->pages == inf->pages)
			json_array_append(required, name);
	}
	json_decref(names);
	json_object_set_new(schema, "required", required);
	json_object_set_new(schema, "properties", props);
	json_object_set_new(schema, "additionalProperties", json_true());
	return schema;
}

void folio_infer_free(folio_infer *inf)
{
	if (!inf)
		return;
	for (size_t i = 0; i < inf->ninfo; i++) {
		json_decref(inf->info[i].value.distinct);
		json_decref(inf->info[i].items.distinct);
	}
	free(inf->info);
	json_decref(inf->keys);
	free(inf);
}
