/*
 * A page's front matter as JSON (folio/site.h: folio_page_meta()). A page
 * parsed from its blob holds it from the load; a stub of the stored site
 * model (publish_model.c) holds the text its record dumped, parsed on first
 * use: lists, feeds and the pages a change touches read a few of them, and
 * parsing all 10,000 of a site's was 11% of publishing one added page
 * (issue 14). Lookups of one key skip the parse when the text cannot hold
 * that key. Here too, below the rest of the site model: whether the page's
 * file is a section's _index.
 */
#include "folio/site.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "folio/config.h"
#include "util/alloc.h"
#include "util/banned.h"

/* A stub's lazy object is written once, read by render's threads: the
 * first parse to land wins (a compare-and-swap), the pointer read with
 * acquire order (a lock here was 1% of an add at 10k pages, issue 14). */
static json_t *lazy_get(const folio_page *p)
{
	return __atomic_load_n(&p->meta_lazy, __ATOMIC_ACQUIRE);
}

/* The bits of a key (its bytes as the dump writes them) in meta_keys: two
 * of one hash, each key setting both, a key whose two are not both set being
 * absent. With one bit, "aliases", asked of every page, shared its bit with
 * "start" and "pages": every event and book of the bench corpus searched
 * its text for it (2.3% of an add at 10k pages, issue 14). */
#define KEY_HASH_START 2166136261u /* FNV-1a */
#define KEY_HASH_STEP(h, c) (((h) ^ (unsigned char)(c)) * 16777619u)

static uint64_t hash_bits(uint32_t h)
{
	return ((uint64_t)1 << (h & 63)) | ((uint64_t)1 << ((h >> 6) & 63));
}

static uint64_t key_bits(const char *s, size_t n)
{
	uint32_t h = KEY_HASH_START;
	for (size_t i = 0; i < n; i++)
		h = KEY_HASH_STEP(h, s[i]);
	return hash_bits(h);
}

/* The '"' that ends the string whose text starts at start: the first one
 * after an even run of backslashes (each run is read once: linear). */
static const char *string_end(const char *start)
{
	for (const char *e = strchr(start, '"'); e; e = strchr(e + 1, '"')) {
		size_t escapes = 0;
		for (const char *b = e; b > start && b[-1] == '\\'; b--)
			escapes++;
		if (escapes % 2 == 0)
			return e;
	}
	return NULL;
}

void folio_page_set_meta_text(folio_page *p, char *text)
{
	p->meta_text = text;
	p->meta_keys = 0;
	p->meta_keys_known = true;
	/* every string followed by ':' is a key (nested ones too: a bit more
	 * may be set, never one less); strchr() finds the quotes (a text of
	 * 10,000 stubs was read a byte at a time: 3.5% of an add, issue 14) */
	for (const char *s = text ? strchr(text, '"') : NULL; s; s = strchr(s + 1, '"')) {
		const char *start = s + 1;
		if (!(s = string_end(start)))
			break;
		if (s[1] == ':')
			p->meta_keys |= key_bits(start, (size_t)(s - start));
	}
}

json_t *folio_page_meta(const folio_page *p)
{
	if (p->meta || !p->meta_text)
		return p->meta;
	json_t *m = lazy_get(p);
	if (m)
		return m;
	/* the record's own dump (publish_model.c checked it is an object when
	 * it was written): anything else reads as no field at all */
	json_t *parsed = json_loads(p->meta_text, 0, NULL);
	if (!json_is_object(parsed)) {
		json_decref(parsed);
		parsed = json_object();
	}
	folio_page *w = (folio_page *)p; /* a cache: what the page says is unchanged */
	json_t *none = NULL;
	if (__atomic_compare_exchange_n(&w->meta_lazy, &none, parsed, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		m = parsed;
		parsed = NULL;
	} else {
		m = none; /* another thread's, which the exchange read */
	}
	json_decref(parsed); /* another thread parsed it first */
	return m;
}

/* Can a compact JSON dump hold key (with a string value starting with
 * lead, unless NULL)? It holds every key as "key": and every string as
 * written but for '"', '\\' and control characters, escaped: a key (and
 * lead) without them absent from the text is absent from the object. */
static bool text_may_hold(const folio_page *p, const char *key, const char *lead)
{
	const char *text = p->meta_text;
	/* the key measured, checked and hashed in one pass: asked about ten
	 * times a page, this was 3% of an add at 10k pages */
	uint32_t h = KEY_HASH_START;
	size_t n = 0, nl = 0;
	for (; key[n]; n++) {
		unsigned char c = (unsigned char)key[n];
		if (c == '"' || c == '\\' || c < 0x20)
			return true;
		h = KEY_HASH_STEP(h, c);
	}
	for (; lead && lead[nl]; nl++)
		if (lead[nl] == '"' || lead[nl] == '\\' || (unsigned char)lead[nl] < 0x20)
			return true;
	uint64_t bits = hash_bits(h);
	if (p->meta_keys_known && (p->meta_keys & bits) != bits)
		return false;
	for (const char *s = strstr(text, key); s; s = strstr(s + 1, key))
		if (s > text && s[-1] == '"' && s[n] == '"' &&
		    (!lead || (s[n + 1] == ':' && s[n + 2] == '"' && !strncmp(s + n + 3, lead, nl))))
			return true;
	return false;
}

json_t *folio_page_meta_get(const folio_page *p, const char *key)
{
	if (!key)
		return NULL;
	if (!p->meta && p->meta_text && !lazy_get(p) && !text_may_hold(p, key, NULL))
		return NULL;
	return json_object_get(folio_page_meta(p), key);
}

json_t *folio_page_meta_get_caseless(const folio_page *p, const char *key)
{
	json_t *v = folio_page_meta_get(p, key);
	if (v || !key || (!p->meta && p->meta_text && !lazy_get(p) && !strcasestr(p->meta_text, key)))
		return v;
	const char *k;
	json_object_foreach(folio_page_meta(p), k, v)
		if (!strcasecmp(k, key))
			return v;
	return NULL;
}

bool folio_page_meta_may_start(const folio_page *p, const char *key, const char *lead)
{
	return p->meta || !p->meta_text || lazy_get(p) || text_may_hold(p, key, lead);
}

static char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does s spell word (its first letter matched) as a key's letters may,
 * ASCII case and '_' or '-' aside (schedule.c's folding)? */
static bool spells(const char *s, const char *word)
{
	for (s++, word++; *word && *s; s++)
		if (fold(*s) == *word)
			word++;
		else if (*s != '_' && *s != '-')
			return false;
	return !*word;
}

bool folio_page_meta_may_schedule(const folio_page *p)
{
	if (p->meta || !p->meta_text || lazy_get(p))
		return true;
	for (const char *s = p->meta_text; *s; s++) {
		char c = fold(*s);
		if ((c == 'd' && spells(s, "draft")) || (c == 'p' && spells(s, "publishdate")) ||
		    (c == 'p' && spells(s, "published")) ||
		    (c == 'e' && spells(s, "expirydate")))
			return true;
	}
	return false;
}

const char *folio_meta_translation_key(const json_t *meta)
{
	json_t *k = json_object_get(meta, "translationKey");
	if (!k)
		k = json_object_get(meta, "translationkey");
	return json_is_string(k) && json_string_length(k) ? json_string_value(k) : NULL;
}

const char *folio_page_meta_translation_key(const folio_page *p)
{
	if (!folio_page_meta_may_start(p, "translationKey", NULL) &&
	    !folio_page_meta_may_start(p, "translationkey", NULL))
		return NULL;
	return folio_meta_translation_key(folio_page_meta(p));
}

bool folio_page_is_index_file(const folio_page *p)
{
	const char *base = strrchr(p->path, '/');
	return !strncmp(base ? base + 1 : p->path, "_index.", 7); /* .md, .html, .fr.md */
}

char *folio_page_redirect_to(const folio_config *cfg, const folio_page *p)
{
	const char *to = cfg->jekyll_rules ? json_string_value(folio_page_meta_get(p, "redirect_to")) : NULL;
	if (!to || !*to || strpbrk(to, " \t\r\n\"<>\\"))
		return NULL;
	if (!strncasecmp(to, "https://", 8) || !strncasecmp(to, "http://", 7))
		return folio_xstrdup(to);
	const char *colon = strchr(to, ':');
	if (!strncmp(to, "//", 2) || (colon && colon < to + strcspn(to, "/?#")))
		return NULL;
	/* jekyll-redirect-from passes the target through absolute_url, which
	 * reads a path without its leading / from the site's root, not from
	 * the page's folder: codebases/circulaw.md's "codebases/index" is
	 * /codebases/index */
	return folio_xasprintf("%s%s%s", cfg->base_url, to[0] == '/' ? "" : "/", to);
}
