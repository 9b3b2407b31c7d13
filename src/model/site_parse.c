/*
 * Phase 3 of the load: the pages' bytes read, checked as text, their front
 * matter parsed (hence their address, site_urls.c), then their Markdown
 * once every page has one, on all cores; a streaming load reads each blob
 * on the worker that parses it. Pages not published at the site's now are
 * held. Findings are gathered per page, appended in path order.
 */
#include "folio/site.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "model/layout.h"
#include "model/site_internal.h"
#include "model/site_partial.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/assert.h"
#include "util/dates.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/parallel.h"
#include "util/spill.h"
#include "util/text.h"
#include "util/banned.h"

typedef struct {
	folio_site *site;
	folio_page **pages;
	folio_diags *diags; /* one list per page */
	size_t *sizes;      /* each page's bytes, from its blob's header (size_page) */
	bool *stubbed;      /* the page is a stub: nothing of it is read (size_page) */
	atomic_int rc;      /* stream: the first failure to read a page, 0 while none */
	bool *body_done;    /* stream: the body was parsed with the front matter */
	char error[1024];   /* its message, set by the thread that failed */
} parse_job;

/* Line and column of byte offset off in data. */
static void offset_position(const char *data, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1;
	size_t start = 0;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n') {
			l++;
			start = i + 1;
		}
	*line = l;
	*col = (unsigned)(off - start + 1);
}

/* Checks every page needs before parsing: size, NUL bytes, UTF-8. */
static bool check_text(folio_page *p, const folio_site_options *opts, folio_diags *diags)
{
	unsigned line, col;
	if (p->raw_len > opts->max_file_size) {
		folio_diags_add(diags, FOLIO_RULE_TEXT_TOO_LARGE, p->path, 0, 0,
		                "split the page or move large data to static/",
		                "file is %zu bytes, more than the limit of %zu", p->raw_len,
		                opts->max_file_size);
		return false;
	}
	const char *nul = memchr(p->raw, '\0', p->raw_len);
	if (nul) {
		offset_position(p->raw, (size_t)(nul - p->raw), &line, &col);
		folio_diags_add(diags, FOLIO_RULE_TEXT_NUL, p->path, line, col, NULL,
		                "file holds a NUL byte");
		return false;
	}
	size_t off = 0;
	while (off < p->raw_len) {
		/* ASCII, most of any page, needs no decoding: utf8proc_iterate on
		 * each byte was 7% of a check of the 10k corpus, a test per byte
		 * 2% of a full build; eight bytes are tested at once */
		uint64_t word;
		if (p->raw_len - off >= sizeof(word)) {
			memcpy(&word, p->raw + off, sizeof(word));
			uint64_t high = word & 0x8080808080808080ULL;
			if (!high) {
				off += sizeof(word);
				continue;
			}
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* the ASCII bytes before the first that is not, at once:
			 * stepping over them one by one after each accented letter
			 * was 3% of a check of French pages */
			off += (size_t)__builtin_ctzll(high) / 8;
#endif
		}
		if ((unsigned char)p->raw[off] < 0x80) {
			off++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p->raw + off,
		                                      (utf8proc_ssize_t)(p->raw_len - off), &cp);
		if (n < 0) {
			offset_position(p->raw, off, &line, &col);
			folio_diags_add(diags, FOLIO_RULE_TEXT_UTF8, p->path, line, col,
			                "save the file as UTF-8",
			                "invalid UTF-8 byte 0x%02x", (unsigned char)p->raw[off]);
			return false;
		}
		off += (size_t)n;
	}
	return true;
}

static void body_parsed(folio_page *p, folio_site *site, folio_diags *diags);

/* How the site's front matter ends (hugo_fences:). */
static unsigned fence_flags(const folio_site *site)
{
	return site->config && site->config->hugo_fences ? FOLIO_FRONTMATTER_HUGO_FENCES : 0;
}

/* A copy of the n pages at pages, sorted by cmp. Caller frees. */
static folio_page **sorted_pages(folio_page *const *pages, size_t n, int (*cmp)(const void *, const void *))
{
	folio_page **out = folio_xmalloc((n ? n : 1) * sizeof(*out));
	if (n)
		memcpy(out, pages, n * sizeof(*out));
	folio_sort(out, n, sizeof(*out), cmp);
	return out;
}

/* Pages by path without regard to case (by_path_caseless). */
static int cmp_path_caseless(const void *a, const void *b)
{
	return strcasecmp((*(folio_page *const *)a)->path, (*(folio_page *const *)b)->path);
}

/* A streaming load with a scratch file renders each page's HTML with the
 * parse that validates it and writes it there: reading it back costs a
 * pread, where rendering it again read the blob and parsed it a second
 * time (half of a full build's CPU at 10k pages). The HTML leaves memory
 * either way; a page whose write failed keeps the second render. */
static void spill_html(folio_page *p, folio_site *site)
{
	if (!p->md.html || p->md.table_cells || p->md.expanded || p->md.text_over) /* refused unparsed: its "" stays */
		return;
	if (folio_spill_put(site->spill, p->md.html, p->md.html_len, &p->spill_at)) {
		p->spilled = true;
		p->spill_len = p->md.html_len;
		p->spill_escapes = folio_json_escapes(p->md.html, p->md.html_len);
		atomic_fetch_add(&site->nspilled, 1);
	}
	free(p->md.html);
	p->md.html = NULL;
	p->md.html_len = 0;
}

/* draft, publish_date, expiry_date: read whatever the schema says, since
 * folio acts on them; a value it cannot read holds the page as a draft.
 * Jekyll reads neither date: under its rules they are the page's own. */
static void read_schedule(folio_page *p, const folio_site *site, folio_diags *diags)
{
	if (p->stub && p->own_unscheduled) { /* its record says what a read would give */
		memset(&p->schedule, 0, sizeof(p->schedule));
		return;
	}
	/* a stub's front matter is parsed only when it may hold such a key */
	folio_schedule_read(&p->schedule, folio_page_meta_may_schedule(p) ? folio_page_meta(p) : NULL,
	                    site->config ? site->config->timezone : NULL,
	                    site->config ? (site->config->jekyll_rules ? FOLIO_SCHEDULE_JEKYLL : 0u) |
	                                           (site->config->hugo_links ? FOLIO_SCHEDULE_HUGO : 0u)
	                                 : 0u);
	/* hold_future: its date, when it names no publish date, is one (a
	 * stub is published: its date had come) */
	const folio_collection *c = p->collection;
	json_t *date = c && c->hold_future && c->date_field && !p->stub && !p->schedule.publish_key
	                       ? folio_page_meta_get(p, c->date_field) : NULL;
	long long at;
	if (json_is_string(date) && folio_schedule_parse_time_in(&at, json_string_value(date),
	                                                         site->config ? site->config->timezone : NULL)) {
		p->schedule.has_publish = true;
		p->schedule.publish_at = at;
		p->schedule.publish_key = c->date_field;
	}
	const char *key = p->schedule.bad_key;
	if (!key)
		return;
	unsigned line = 0, col = 0;
	char *pointer = folio_xasprintf("/%s", key);
	if (p->fm.meta)
		folio_yaml_position(p->fm.meta, pointer, &line, &col);
	free(pointer);
	bool is_draft = folio_schedule_key_kind(key, strlen(key)) == FOLIO_SCHEDULE_KEY_DRAFT;
	folio_diags_add(diags, is_draft ? FOLIO_RULE_FRONT_MATTER_TYPE : FOLIO_RULE_FRONT_MATTER_FORMAT,
	                p->path, line, col,
	                is_draft ? "write draft: true or draft: false; until then the page is held as a draft"
	                         : "write one date such as 2026-12-03 or 2026-12-03T10:00:00+01:00; "
	                           "until then the page is held as a draft",
	                "field \"%s\" %s", key, p->schedule.bad_why);
}

/* What lists, the home page and index.json show of a page derives from its
 * front matter (title and date included) and its summary: one hash of both
 * lets those outputs depend on it rather than on every byte of the body. */
static void page_sign(folio_page *p)
{
	char *meta = json_dumps(p->meta, JSON_COMPACT);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, meta ? meta : "{}");
	folio_buf_putc(&b, '\n');
	folio_buf_puts(&b, p->md.summary ? p->md.summary : "");
	folio_sha256_hex(p->sig, b.ptr, b.size);
	folio_buf_dispose(&b);
	free(meta);
}

bool folio_site__charge_text(folio_site *site, size_t bytes)
{
	if (atomic_load(&site->text_over))
		return false;
	size_t before = atomic_fetch_add(&site->text_spent, bytes);
	if (before + bytes < before || before + bytes > site->limits.v[FOLIO_LIMIT_SITE_TEXT]) {
		atomic_store(&site->text_over, true);
		return false;
	}
	return true;
}

/* What a page's shortcodes and includes add to its text, charged once
 * (a body parsed again after stream_body is not charged again): an
 * include of 1 MiB written seven times is 7 MiB parsed for a 100-byte
 * blob. */
typedef struct {
	folio_site *site;
	folio_page *p;
} expansion_charge;

static bool expansion_within(size_t added, void *payload)
{
	expansion_charge *c = payload;
	if (c->p->expansion_charged)
		return !atomic_load(&c->site->text_over);
	c->p->expansion_charged = true;
	return folio_site__charge_text(c->site, added);
}

/* A load of a commit reads a page's blob on the worker that parses it
 * (libgit2 reads are thread-safe). A streaming one reads it for its front
 * matter (and its body when it can, stream_body), then for its body if need
 * be, and holds it no longer: the site's text is never in memory whole. */
static bool stream_read(parse_job *job, folio_page *p)
{
	folio_buf b = FOLIO_BUF_INIT;
	int rc = folio_source_read_id(&b, job->site->src, p->id);
	if (rc < 0) {
		int none = 0;
		if (atomic_compare_exchange_strong(&job->rc, &none, rc)) /* a partial clone's lacking blob: the page named */
			snprintf(job->error, sizeof(job->error), "cannot read '%s': %s", p->path, folio_error_last());
		folio_buf_dispose(&b);
		return false;
	}
	p->raw = folio_buf_detach(&b, &p->raw_len);
	return true;
}

static void drop_raw(folio_page *p)
{
	free(p->raw);
	p->raw = NULL;
	p->raw_len = 0;
	p->fm.body = NULL;
	p->fm.body_len = 0;
}

static const char *no_page_url(const char *path, void *payload)
{
	(void)path;
	*(bool *)payload = true;
	return NULL;
}

static char *no_file_url(const char *path, void *payload)
{
	(void)path;
	*(bool *)payload = true;
	return NULL;
}

/* Hugo's GetPage lookup (hugo_links) needs every page's address too; it
 * was left the site's while payload was &asked, and read a bool as the
 * site (a crash on a link to a redirect's address, t232). */
static char *no_root_page_url(const char *name, void *payload)
{
	(void)name;
	*(bool *)payload = true;
	return NULL;
}

static bool no_url_known(const char *url, void *payload)
{
	(void)url;
	*(bool *)payload = true;
	return false;
}

/* A file published at a path: the statics are placed once every page's
 * address is known. */
static bool no_output_known(const char *output, void *payload)
{
	(void)output;
	*(bool *)payload = true;
	return false;
}

/* Hugo's param may come from a section page's cascade:, whose front matter
 * may not be read yet. */
static char *no_param(const char *name, const void *page, void *payload)
{
	(void)name;
	(void)page;
	*(bool *)payload = true;
	return NULL;
}

/* The body parsed with the front matter, while the blob is in hand, unless
 * it links to a page's .md file, to a file that may sit beside a page, or
 * relatively to a URL that may be a page's: their addresses need every
 * page's front matter (parse_page then reads the blob again). False:
 * nothing kept. */
static bool stream_body(folio_page *p, folio_site *site, folio_diags *diags)
{
	folio_markdown_options mo;
	bool asked = false;
	folio_site__markdown_options(&mo, p, site);
	expansion_charge charge = { site, p };
	mo.expansion_within = expansion_within;
	mo.expansion_payload = &charge;
	mo.no_html = !site->spill;
	mo.utf8_valid = true; /* check_text passed: p->meta is set */
	mo.page_url_of = no_page_url;
	mo.file_url_of = no_file_url;
	mo.url_known = no_url_known;
	mo.url_missed = NULL; /* no_url_known has asked already */
	mo.output_known = no_output_known;
	mo.param_of = no_param;
	if (mo.root_page_url)
		mo.root_page_url = no_root_page_url;
	mo.payload = &asked; /* every callback above reads it as such */
	folio_markdown md;
	if (folio_markdown_render(&md, p->fm.body, p->fm.body_len, p->fm.body_line, &mo) < 0)
		return false;
	if (asked && !md.text_over) { /* refused: no second parse */
		folio_markdown_dispose(&md);
		return false;
	}
	p->md = md;
	if (site->spill)
		spill_html(p, site);
	body_parsed(p, site, diags);
	return true;
}

/* A page the stored site model describes (opts.stub filled its front
 * matter's text, title, date, signature and summary): its address and
 * schedule follow as a parse gives them, reading its front matter only if
 * it may hold their keys; where its body starts is found when its HTML is
 * wanted. */
static void stub_front(folio_page *p, folio_site *site, folio_diags *diags)
{
	p->stub = true;
	p->body_offset = SIZE_MAX;
	read_schedule(p, site, diags);
	folio_site__apply_address(p, site->config, diags);
	body_parsed(p, site, diags);
}

/* Is page i a stub, and else how many bytes is it? A commit's blob is
 * sized from its header here, on all cores, before any is read: the sum
 * is charged to site-text (parse_pages), and one too large is refused
 * (check_text) without being inflated. A stub's blob is its record's,
 * sized when it was published: sizing every page was a quarter of an add
 * at 100k pages (deltas resolved to learn their size); it is not parsed,
 * so not charged. */
static void size_page(size_t i, void *payload)
{
	parse_job *job = payload;
	folio_page *p = job->pages[i];
	if (job->site->stream && job->site->opts.stub &&
	    job->site->opts.stub(p, job->site->opts.stub_payload)) {
		job->stubbed[i] = true;
		return;
	}
	size_t size = 0;
	if (!folio_source_commit(job->site->src))
		size = p->raw_len; /* read already (folio_site__read_pages) */
	else if (folio_source_size_id(&size, job->site->src, p->id) < 0)
		size = 0; /* the read says why (stream_read) */
	job->sizes[i] = size;
}

/* Charge the pages' sizes to site-text in path order, before any is
 * parsed: past it, a finding at the page that passed it, the same
 * whatever the threads, and no page is parsed (400 pages of one 3.9 MB
 * blob, a 1.8 MB push, took 25 s of CPU to check). A page past the size
 * of a text is refused unread, so not charged. */
static void charge_sizes(parse_job *job, size_t npages)
{
	folio_site *site = job->site;
	size_t limit = site->limits.v[FOLIO_LIMIT_SITE_TEXT];
	size_t total = atomic_load(&site->text_spent);
	for (size_t i = 0; i < npages && !atomic_load(&site->text_over); i++) {
		size_t size = job->sizes[i];
		if (job->stubbed[i] || size > site->opts.max_file_size) {
			site->pages_text_partial = true;
			continue;
		}
		if (total + size >= total && total + size <= limit) {
			total += size;
			site->pages_text += size;
			continue;
		}
		atomic_store(&site->text_over, true);
		site->text_said = true;
		folio_diags_add(&site->diags, FOLIO_RULE_BUDGET_SITE_TEXT, job->pages[i]->path, 0, 0,
		                "remove pages or shorten them; the server's operator sets site-text",
		                "the pages' text passes the site-text limit of %zu bytes at this page "
		                "(%zu bytes): the pages are not parsed", limit, size);
	}
	atomic_store(&site->text_spent, total);
}

bool folio_site__pages_text(const folio_site *site, size_t *out)
{
	*out = site->pages_text;
	return !site->pages_text_partial;
}

static void parse_front(size_t i, void *payload)
{
	parse_job *job = payload;
	folio_page *p = job->pages[i];
	if (atomic_load(&job->site->text_over))
		return; /* past site-text: nothing more is parsed */
	if (job->stubbed[i]) {
		stub_front(p, job->site, &job->diags[i]);
		job->body_done[i] = true;
		return;
	}
	/* streaming or not, a commit's blob is read here, on all cores */
	size_t size = job->sizes[i];
	if (folio_source_commit(job->site->src) && size > job->site->opts.max_file_size)
		p->raw_len = size;
	bool stream = job->site->stream;
	bool read = (stream || folio_source_commit(job->site->src)) && p->raw_len <= job->site->opts.max_file_size;
	if (read && !stream_read(job, p))
		return;
	folio_site__parse_front(p, job->site, &job->diags[i]);
	if (read && stream) {
		p->body_offset = p->fm.body ? (size_t)(p->fm.body - p->raw) : 0;
		job->body_done[i] = p->meta && stream_body(p, job->site, &job->diags[i]);
		drop_raw(p);
		/* the positions were half of the front matter's memory (1.6 KB of
		 * 3.3 KB a page at 10k, heaptrack); only a finding reads them */
		if (p->fm.meta) {
			folio_frontmatter_dispose(&p->fm);
			p->positions_later = true;
		}
	}
}

/* Parse the body of page i, then drop its bytes: what later stages need is
 * in meta and md. */
static void parse_page(size_t i, void *payload)
{
	parse_job *job = payload;
	folio_page *p = job->pages[i];
	if (job->body_done[i] || atomic_load(&job->site->text_over))
		return;
	if (job->site->stream && p->meta) {
		if (!stream_read(job, p))
			return;
		p->fm.body = p->raw + p->body_offset;
		p->fm.body_len = p->raw_len - p->body_offset;
	}
	folio_site__parse_body(p, job->site, &job->diags[i]);
	free(p->raw);
	p->raw = NULL;
	p->raw_len = 0;
	p->fm.body = NULL;
	p->fm.body_len = 0;
}

/* A date field written in a form Ruby's Time.parse reads ("02.12.2020",
 * "October 4, 2022", "2014-10-1"; folio_when_normalize) is written back
 * as folio reads dates, as if the page had it so: one form for every
 * reader (its permalink, lists, feeds, the record), before its address. */
static void normalize_date(folio_page *p)
{
	json_t *d = p->collection->date_field ? json_object_get(p->meta, p->collection->date_field) : NULL;
	char *normal = json_is_string(d) ? folio_when_normalize(json_string_value(d), json_string_length(d)) : NULL;
	if (normal)
		json_object_set_new(p->meta, p->collection->date_field, json_string(normal));
	free(normal);
}

/* What p's parsed front matter holds in memory beyond the text its blob
 * was charged (charge_sizes): each value is a jansson node of about
 * FOLIO_YAML_NODE_BYTES, kept until the load ends. 40,000 "kN: 1" lines,
 * a 400 KB blob, are 6 MB a page: 150 pages of it (a 284 KB push) took
 * 903 MB and 27 s to check, and site-text let 2,600 through. A page is
 * charged the larger of its text and its tree, so a real page (6.9 KB of
 * text, 12 values, bench/gen-corpus.py) costs no more than its text. */
static size_t held_beyond_text(const folio_page *p)
{
	size_t nodes = folio_yaml_nodes(p->fm.meta);
	size_t held = nodes > SIZE_MAX / FOLIO_YAML_NODE_BYTES ? SIZE_MAX : nodes * FOLIO_YAML_NODE_BYTES;
	return held > p->raw_len ? held - p->raw_len : 0;
}

/* First half of a page's parse: its text and front matter, hence its
 * address. Leaves meta NULL when the page goes no further. */
void folio_site__parse_front(folio_page *p, folio_site *site, folio_diags *diags)
{
	p->fm.body = p->raw;
	p->fm.body_len = p->raw_len;
	p->fm.body_line = 1;
	if (!check_text(p, &site->opts, diags))
		return;
	folio_frontmatter_parse_flags(&p->fm, p->raw, p->raw_len, p->path, site->limits.v[FOLIO_LIMIT_FRONT_MATTER],
	                              fence_flags(site), diags);
	/* what the front matter's aliases stand for is text as an include's
	 * is: each page's signature writes it whole, and index.json and the
	 * feeds again (a 315-byte blob whose aliases make 890 KB, 2,000 pages
	 * of it a 348 KB push, took 15 s of CPU, counted 630 KB); and its tree
	 * is memory held (held_beyond_text). Past site-text the page goes no
	 * further, as after an include */
	size_t added = folio_yaml_alias_bytes(p->fm.meta) + held_beyond_text(p);
	if (added && !folio_site__charge_text(site, added)) {
		folio_frontmatter_dispose(&p->fm);
		return;
	}
	/* broken front matter: the page is not ok, but its body is still
	 * parsed, so that its links are checked in the same pass (a YAML
	 * error must not hide them); a key-case finding keeps the fields,
	 * so the schema still names "publishdate" with its hint */
	p->body_only = p->fm.present && !p->fm.meta;
	if (p->fm.meta)
		p->meta = json_incref(folio_yaml_root(p->fm.meta));
	if (!json_is_object(p->meta)) {
		json_decref(p->meta);
		p->meta = json_object();
	}
	folio_site__split_alias_words(p, site->config, diags);
	folio_site__check_name_date(p, diags);
	folio_site__post_date(p);
	normalize_date(p);
	read_schedule(p, site, diags);
	folio_site__apply_address(p, site->config, diags);
}

/* Second half: the Markdown, once every page has its address (links to
 * other pages' files are written as those pages' URLs). */
void folio_site__parse_body(folio_page *p, folio_site *site, folio_diags *diags)
{
	if (!p->meta)
		return; /* refused by folio_site__parse_front */
	folio_markdown_options mo;
	folio_site__markdown_options(&mo, p, site);
	expansion_charge charge = { site, p };
	mo.expansion_within = expansion_within;
	mo.expansion_payload = &charge;
	mo.no_html = site->stream && !site->spill; /* else rendered again when the page is written */
	mo.utf8_valid = true;                      /* check_text passed: p->meta is set */
	if (folio_markdown_render(&p->md, p->fm.body, p->fm.body_len, p->fm.body_line, &mo) < 0) {
		folio_diags_add(diags, FOLIO_RULE_FRONT_MATTER_SYNTAX, p->path, p->fm.body_line, 1,
		                NULL, "markdown cannot be rendered: %s", folio_error_last());
		return;
	}
	if (site->spill)
		spill_html(p, site);
	body_parsed(p, site, diags);
}

/* A summary the front matter gives is the page's, in lists, feeds and its
 * description: Jekyll's excerpt: (mincong's 190 posts), Hugo's summary:. */
static void own_summary(folio_page *p, const folio_config *cfg)
{
	const char *key = cfg->jekyll_rules ? "excerpt" : cfg->hugo_links ? "summary" : NULL;
	json_t *v = key ? json_object_get(p->meta, key) : NULL;
	const char *text = json_string_value(v);
	if (!text || !text[strspn(text, " \t\r\n")] || strlen(text) != json_string_length(v))
		return; /* empty, or holding a NUL */
	free(p->md.summary);
	p->md.summary = folio_markdown_summary(text); /* as a first paragraph's: 300 bytes at most */
}

/* Can each term p gives in taxonomy tax (its value v) name a folder? A
 * term of 80 CJK characters made a 475-byte slug, which check passed and
 * no publish could write ("File name too long", the daemon retrying for
 * ever, t406). A page giving one is refused, at the term's line. */
static bool term_names_written(folio_page *p, const char *tax, json_t *v, const folio_config *cfg,
                               folio_diags *diags)
{
	size_t count = json_is_array(v) ? json_array_size(v) : v ? 1 : 0;
	for (size_t i = 0; i < count; i++) {
		json_t *item = json_is_array(v) ? json_array_get(v, i) : v;
		if (!json_is_string(item)) /* a number or true: a short name */
			continue;
		const char *why = NULL;
		free(folio_layout_term_slug(cfg, json_string_value(item), json_string_length(item), &why));
		if (!why)
			continue;
		char *pointer = json_is_array(v) ? folio_xasprintf("/%s/%zu", tax, i) : folio_xasprintf("/%s", tax);
		unsigned line = 0, col = 0;
		if (p->fm.meta)
			folio_yaml_key_position(p->fm.meta, pointer, &line, &col);
		free(pointer);
		folio_diags_add(diags, FOLIO_RULE_SLUG_INVALID, p->path, line, col, "give the term a shorter name",
		                "term %zu of %s cannot be a folder of the site: its address's %s", i + 1, tax, why);
		return false;
	}
	return true;
}

/* Are the terms p gives within the terms budget? Each is a page listing
 * p, showing p's terms: past it, the work grows as their square (3,000
 * tags on one page took minutes to check). A page past it is refused,
 * so no term of it is gathered. A stub's record passed. */
static bool terms_within(folio_page *p, folio_site *site, folio_diags *diags)
{
	const folio_config *cfg = site->config;
	size_t n = 0, limit = site->limits.v[FOLIO_LIMIT_TERMS];
	for (size_t t = 0; !p->stub && t < cfg->ntaxonomies; t++) {
		json_t *v = cfg->hugo_links ? folio_page_meta_get_caseless(p, cfg->taxonomies[t])
		                            : folio_page_meta_get(p, cfg->taxonomies[t]);
		n += json_is_array(v) ? json_array_size(v) : v ? 1 : 0;
		if (n <= limit) {
			if (!term_names_written(p, cfg->taxonomies[t], v, cfg, diags))
				return false;
			continue;
		}
		char *pointer = folio_xasprintf("/%s", cfg->taxonomies[t]);
		unsigned line = 0, col = 0;
		if (p->fm.meta)
			folio_yaml_key_position(p->fm.meta, pointer, &line, &col);
		free(pointer);
		folio_diags_add(diags, FOLIO_RULE_BUDGET_TERMS, p->path, line, col,
		                "give the page fewer terms, or raise the terms limit",
		                "the page gives more than %zu terms in its taxonomies, the terms limit", limit);
		return false;
	}
	return true;
}

/* What follows from a page's parsed Markdown: its budget, title, date, signature. */
static void body_parsed(folio_page *p, folio_site *site, folio_diags *diags)
{
	if (p->md.text_over) /* past site-text: the site's one finding says so (parse_pages) */
		return;
	if (p->md.table_cells) {
		folio_diags_add(diags, FOLIO_RULE_BUDGET_TABLE_CELLS, p->path, p->md.table_line, 1,
		                "split the table across pages, or raise the table-cells limit",
		                "tables hold at least %zu cells (rows times columns), more than the "
		                "table-cells limit of %zu", p->md.table_cells,
		                site->limits.v[FOLIO_LIMIT_TABLE_CELLS]);
		return;
	}
	if (p->md.expanded) {
		folio_diags_add(diags, FOLIO_RULE_BUDGET_PAGE_OUTPUT, p->path, p->fm.body_line, 1,
		                "use fewer reference links to long URLs, or fewer footnote references, "
		                "or split the page",
		                "the Markdown would take more than %zu bytes to render (reference links "
		                "and footnotes counted as expanded), past what a page within the "
		                "page-output limit of %zu needs", p->md.expanded,
		                site->limits.v[FOLIO_LIMIT_PAGE_OUTPUT]);
		return;
	}
	if (p->body_only || !terms_within(p, site, diags))
		return;
	/* Hugo's translationKey: the versions of a page named apart
	 * ("about.md", "a-propos.md" in content/fr) are one page; a stub's
	 * too, whose versions the site model renders again (publish_model.c) */
	p->tkey = folio_page_meta_translation_key(p);
	if (site->config->language_field && !p->tkey && p->url) {
		/* jekyll-polyglot's versions of a page share its address, their
		 * language's folder aside (/about/, /de/about/) */
		const char *u = p->url;
		size_t l = p->lang ? strlen(p->lang) : 0;
		if (l && !strncmp(u + 1, p->lang, l) && u[l + 1] == '/')
			u += l + 1;
		free(p->own_tkey);
		p->own_tkey = folio_xstrdup(u);
		p->tkey = p->own_tkey;
	}
	if (p->stub) { /* title, date and signature: its record's */
		p->title = p->own_title;
		p->date = p->own_date;
		p->ok = true;
		return;
	}
	json_t *t = json_object_get(p->meta, p->collection->title_field);
	/* GitHub Pages' jekyll-titles-from-headings sets the page's title as
	 * if its front matter had it: lists, feeds, templates, the signature
	 * and the stored record all read it there. A post's or a collection's
	 * document (title_from_name) keeps the title Jekyll gave it from its
	 * name: the plugin leaves documents alone unless told (its
	 * collections: true, for which init writes no title_from_name) */
	if (!t && site->config->title_from_heading && !p->collection->title_from_name && p->meta &&
	    p->md.nheadings && p->md.headings[0].text &&
	    p->md.headings[0].text[0]) {
		t = json_string(p->md.headings[0].text);
		json_object_set_new(p->meta, p->collection->title_field, t);
	}
	p->title = json_is_string(t) ? json_string_value(t) : folio_site__untitled(p);
	/* an untitled list's text is no page named "_index": the home's is the
	 * site's title, a collection's its label (a Jekyll home text without
	 * title: showed "_index" as its heading) */
	if (!json_is_string(t) && p->section && p->url && !strcmp(p->url, "/") && site->config->title)
		p->title = site->config->title;
	else if (!json_is_string(t) && p->section && p->collection->label)
		p->title = p->collection->label;
	if (p->collection->date_field) {
		/* only a date reaches lists, feeds, the sitemap and JSON-LD;
		 * check says what is wrong with anything else (date/invalid) */
		json_t *d = json_object_get(p->meta, p->collection->date_field);
		folio_when w;
		p->date = json_is_string(d) && folio_when_parse(&w, json_string_value(d), json_string_length(d))
		                  ? json_string_value(d)
		                  : NULL;
		/* lists, index.json and <time datetime> get RFC 3339: Jekyll's
		 * "2023-06-12 09:30:00 +0200" made every datetime attribute
		 * invalid HTML; the front matter keeps what the author wrote */
		char *canonical = p->date ? folio_when_canonical(p->date, strlen(p->date)) : NULL;
		if (canonical) {
			free(p->own_date);
			p->own_date = canonical;
			p->date = canonical;
		}
	}
	own_summary(p, site->config);
	if (!p->stub && !site->opts.unsigned_pages) { /* a stub's is its record's */
		page_sign(p);
		atomic_fetch_add(&site->nsigned, 1);
	}
	p->ok = true;
}

int folio_site__read_pages(folio_site *site, folio_page **pages, size_t npages)
{
	for (size_t i = 0; i < npages; i++) {
		folio_page *p = pages[i];
		folio_buf b = FOLIO_BUF_INIT;
		if (folio_source_commit(site->src))
			continue; /* sized and read by the worker that parses it (parse_front):
			           * inflating every blob on this thread was 12% of a check at 10k */
		folio_error_clear();
		int rc = folio_source_read(&b, site->src, p->path);
		if (rc < 0) {
			folio_buf_dispose(&b);
			return rc;
		}
		p->raw = folio_buf_detach(&b, &p->raw_len);
	}
	return 0;
}

int folio_site__parse_pages(folio_site *site, folio_page **pages, size_t npages)
{
	parse_job job = { .site = site, .pages = pages,
	                  .diags = folio_xcalloc(npages ? npages : 1, sizeof(folio_diags)),
	                  .body_done = folio_xcalloc(npages ? npages : 1, sizeof(bool)),
	                  .sizes = folio_xcalloc(npages ? npages : 1, sizeof(size_t)),
	                  .stubbed = folio_xcalloc(npages ? npages : 1, sizeof(bool)) };
	atomic_init(&job.rc, 0);
	for (size_t i = 0; i < npages; i++)
		folio_diags_init(&job.diags[i]);
	if (!atomic_load(&site->text_over)) {
		folio_parallel_for(npages, site->opts.jobs, size_page, &job);
		charge_sizes(&job, npages);
	}
	if (npages && atomic_load(&site->text_over))
		site->pages_text_partial = true;
	folio_parallel_for(npages, site->opts.jobs, parse_front, &job);
	/* links to a page's file are written with its URL: the real pages
	 * (never the misnamed) by path, while the bodies are parsed */
	free(site->by_path); /* stream: the one of the pages, before the misnamed */
	site->by_path = sorted_pages(site->pages, site->npages, folio_site__cmp_path);
	site->nby_path = site->npages;
	free(site->by_path_caseless);
	site->by_path_caseless = site->config->hugo_links
	                                 ? sorted_pages(site->by_path, site->npages, cmp_path_caseless)
	                                 : NULL;
	folio_site__index_names(site);
	site->by_url_early = sorted_pages(site->pages, site->npages, folio_site__cmp_url);
	folio_site__place_statics(site);
	if (atomic_load(&job.rc) == 0)
		folio_parallel_for(npages, site->opts.jobs, parse_page, &job);
	if (!site->stream) {
		free(site->by_path);
		site->by_path = NULL;
		free(site->by_path_caseless);
		site->by_path_caseless = NULL;
	}
	free(site->by_url_early);
	site->by_url_early = NULL;
	folio_site__drop_early_aliases(site);
	bool over = atomic_load(&site->text_over);
	if (over && !site->text_said) {
		/* passed by what includes, shortcodes and aliases added, on threads: which
		 * pages were parsed before depends on them, so their findings
		 * are dropped and the budget's stands alone, as render-work's */
		site->text_said = true;
		folio_diags_add(&site->diags, FOLIO_RULE_BUDGET_SITE_TEXT, "folio.yaml", 0, 0,
		                "include less, or fewer times, use fewer aliases or fields, or shorten the pages; the "
		                "server's operator sets site-text",
		                "the pages' text, with what includes, shortcodes, front matter aliases and "
		                "fields add, passes the site-text limit of %zu bytes: parsing stopped there",
		                site->limits.v[FOLIO_LIMIT_SITE_TEXT]);
		/* nor is anything checked of the pages parsed before */
		for (size_t i = 0; i < site->npages; i++)
			site->pages[i]->ok = site->pages[i]->body_only = false;
		for (size_t i = 0; i < site->nmisnamed; i++)
			site->misnamed[i]->ok = site->misnamed[i]->body_only = false;
	}
	for (size_t i = 0; i < npages; i++) {
		if (over)
			folio_diags_dispose(&job.diags[i]);
		else
			folio_diags_move(&site->diags, &job.diags[i]);
		if (!pages[i]->meta && !pages[i]->meta_text) /* a stub's is parsed when read */
			pages[i]->meta = json_object();
		if (!pages[i]->title)
			pages[i]->title = folio_site__untitled(pages[i]);
	}
	free(job.diags);
	free(job.body_done);
	free(job.sizes);
	free(job.stubbed);
	int rc = atomic_load(&job.rc);
	if (rc < 0) /* the threads are joined: the message is complete */
		folio_error_set("%s", job.error);
	return rc;
}

/*
 * Pages not published at the site's now move to the held list: everything
 * that renders, lists or delivers reads folio_site_page() and never sees
 * them. A page that cannot be parsed stays (its findings say why). With
 * show_held (folio serve only) they stay too, their status set.
 */
void folio_site__hold_pages(folio_site *site)
{
	size_t kept = 0;
	for (size_t i = 0; i < site->npages; i++) {
		folio_page *p = site->pages[i];
		p->status = p->ok ? folio_schedule_status(&p->schedule, site->now) : FOLIO_PAGE_PUBLISHED;
		if (p->status == FOLIO_PAGE_PUBLISHED || site->opts.show_held) {
			site->pages[kept++] = p;
			continue;
		}
		FOLIO_ARRAY_GROW(site->held, site->nheld, site->aheld, site->nheld + 1);
		site->held[site->nheld++] = p;
	}
	site->npages = kept;
}

static void doc_position(const folio_yaml_doc *doc, const char *pointer, bool key, unsigned *line,
                         unsigned *col)
{
	if (key)
		folio_yaml_key_position(doc, pointer, line, col);
	else
		folio_yaml_position(doc, pointer, line, col);
}

/* The front matter a streaming load parsed again for its positions, kept
 * for the next finding of the same blob: a page of 4,000 unknown fields
 * parsed its 40 KB 4,000 times, 14 s of CPU, and a 1 MiB one for hours
 * (t461). One a thread (validation runs a page a thread at a time); keyed
 * by the blob's id and the budget it was parsed under, so it is never
 * stale; freed at the thread's end or by folio_site_positions_release(). */
typedef struct {
	char *id;
	size_t limit;
	folio_frontmatter fm;
} parsed_positions;

static pthread_key_t positions_key;
static pthread_once_t positions_once = PTHREAD_ONCE_INIT;

static void positions_free(void *ptr)
{
	parsed_positions *pp = ptr;
	if (!pp)
		return;
	folio_frontmatter_dispose(&pp->fm);
	free(pp->id);
	free(pp);
}

static void positions_key_make(void)
{
	if (pthread_key_create(&positions_key, positions_free))
		FOLIO_BUG("pthread_key_create");
}

void folio_site_positions_release(void)
{
	pthread_once(&positions_once, positions_key_make);
	positions_free(pthread_getspecific(positions_key));
	pthread_setspecific(positions_key, NULL);
}

void folio_site_value_position(const folio_site *site, const folio_page *p, const char *pointer,
                               bool key, unsigned *line, unsigned *col)
{
	*line = *col = 0;
	if (p->fm.meta) {
		doc_position(p->fm.meta, pointer, key, line, col);
		return;
	}
	if (!p->positions_later || !p->id)
		return; /* no front matter */
	size_t limit = site->limits.v[FOLIO_LIMIT_FRONT_MATTER];
	pthread_once(&positions_once, positions_key_make);
	parsed_positions *pp = pthread_getspecific(positions_key);
	if (!pp || pp->limit != limit || strcmp(pp->id, p->id)) {
		folio_buf b = FOLIO_BUF_INIT;
		if (folio_source_read_id(&b, site->src, p->id) < 0) {
			folio_buf_dispose(&b);
			return; /* the blob is gone: unknown */
		}
		folio_site_positions_release();
		pp = folio_xcalloc(1, sizeof(*pp));
		pp->id = folio_xstrdup(p->id);
		pp->limit = limit;
		/* the bytes the load parsed, under the same budget: the same document */
		folio_diags d;
		folio_diags_init(&d);
		folio_frontmatter_parse_flags(&pp->fm, b.ptr, b.size, p->path, limit, fence_flags(site), &d);
		folio_diags_dispose(&d);
		folio_buf_dispose(&b);
		pthread_setspecific(positions_key, pp);
	}
	if (pp->fm.meta)
		doc_position(pp->fm.meta, pointer, key, line, col);
}

void folio_site_html_counts(const folio_site *site, size_t *spilled, size_t *read_back, size_t *again)
{
	folio_site *s = (folio_site *)site; /* atomics are read through a mutable pointer */
	*spilled = atomic_load(&s->nspilled);
	*read_back = atomic_load(&s->nread_back);
	*again = atomic_load(&s->nagain);
}

char *folio_site_page_html(const folio_site *site, const folio_page *p, size_t *len)
{
	return folio_site_page_html_links(site, p, len, NULL);
}

char *folio_site_page_html_links(const folio_site *site, const folio_page *p, size_t *len, bool *contained)
{
	if (contained) /* a parsed page's, or a stub's once rendered below */
		*contained = !p->stub && folio_markdown_links_self_contained(&p->md);
	if (p->md.html || !site->stream || !p->ok) { /* a partial site's stub has none: "" */
		*len = p->md.html ? p->md.html_len : 0;
		return folio_xstrndup(p->md.html ? p->md.html : "", *len);
	}
	if (p->spilled) {
		char *html = folio_spill_get(site->spill, p->spill_at, p->spill_len);
		if (html) {
			*len = p->spill_len;
			atomic_fetch_add(&((folio_site *)site)->nread_back, 1);
			return html;
		}
		folio_log(FOLIO_LOG_WARN, "site", "%s: rendered again: %s", p->path, folio_error_last());
	}
	atomic_fetch_add(&((folio_site *)site)->nagain, 1);
	folio_buf b = FOLIO_BUF_INIT;
	if (folio_source_read_id(&b, site->src, p->id) < 0) {
		folio_buf_dispose(&b);
		return NULL;
	}
	/* the options of the load: a non-partial site's callbacks only read it */
	folio_markdown_options mo;
	folio_site__markdown_options(&mo, p, (folio_site *)site);
	mo.html_only = true;
	folio_markdown md;
	size_t offset = p->body_offset;
	unsigned line = p->fm.body_line;
	if (p->stub) { /* the state keeps no offset: the front matter is split again */
		folio_frontmatter fm;
		folio_diags d;
		folio_diags_init(&d);
		folio_frontmatter_parse_flags(&fm, b.ptr, b.size, p->path, site->limits.v[FOLIO_LIMIT_FRONT_MATTER],
		                              fence_flags(site), &d);
		offset = fm.body ? (size_t)(fm.body - b.ptr) : 0;
		line = fm.body_line;
		folio_frontmatter_dispose(&fm);
		folio_diags_dispose(&d);
	}
	FOLIO_ASSERT(offset <= b.size);
	int rc = folio_markdown_render(&md, b.ptr + offset, b.size - offset, line, &mo);
	folio_buf_dispose(&b);
	if (rc < 0)
		return NULL;
	char *html = md.html;
	*len = md.html_len;
	if (contained)
		*contained = folio_markdown_links_self_contained(&md);
	md.html = NULL;
	folio_markdown_dispose(&md);
	return html;
}

