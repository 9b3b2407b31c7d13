/*
 * Atom and RSS (syndication.h). Written by hand: the documents are small,
 * their order is fixed, and libxml2's writer would add nothing but a
 * dependency of the renderer on it.
 */
#include "render/syndication.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/dates.h"
#include "util/banned.h"

/* A page's date with its offset, in the site's zone when written without
 * (util/dates.c reads every date of the site); false when it is none. */
static bool parse_instant(const char *s, const char *zone, folio_when *t)
{
	folio_when w;
	return s && folio_when_parse(&w, s, strlen(s)) && folio_when_resolve(t, &w, zone);
}

/* Seconds since the epoch, to order instants with different offsets. */
static long long epoch(const folio_when *t)
{
	long long e = 0;
	folio_when_epoch(&e, t, NULL); /* resolved: its own offset counts */
	return e;
}

bool folio_syndication_epoch(const char *date, const char *zone, long long *out)
{
	folio_when t;
	if (!parse_instant(date, zone, &t))
		return false;
	*out = epoch(&t);
	return true;
}

static void put_rfc822(folio_buf *b, const folio_when *t)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	folio_buf_printf(b, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
	                 days[folio_date_weekday(t->year, t->month, t->day)], t->day,
	                 months[t->month - 1], t->year, t->hour, t->minute, t->second,
	                 t->offset < 0 ? '-' : '+', abs(t->offset) / 60, abs(t->offset) % 60);
}

/* Text for XML: escaped, and without the control characters XML 1.0
 * cannot hold at all (a front matter may carry them; a feed reader would
 * refuse the whole document). */
static void put_text(folio_buf *b, const char *s)
{
	if (!s)
		return;
	size_t start = 0, i;
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
			continue;
		folio_buf_put_html(b, s + start, i - start);
		start = i + 1;
	}
	folio_buf_put_html(b, s + start, i - start);
}

static void put_url(folio_buf *b, const folio_syndication *f, const char *url)
{
	put_text(b, f->base_url);
	put_text(b, url);
}

static void put_element(folio_buf *b, const char *indent, const char *name, const char *text)
{
	folio_buf_printf(b, "%s<%s>", indent, name);
	put_text(b, text);
	folio_buf_printf(b, "</%s>\n", name);
}

/* The newest instant among the items' dates; false when none has one. */
static bool newest(folio_when *out, const char *zone, const folio_syndication_item *items, size_t n)
{
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		folio_when t;
		if (parse_instant(items[i].date, zone, &t) && (!found || epoch(&t) > epoch(out))) {
			*out = t;
			found = true;
		}
	}
	return found;
}

static const char *summary_of(const folio_syndication_item *p)
{
	return p->summary && *p->summary ? p->summary : NULL;
}

void folio_syndication_atom(folio_buf *out, const folio_syndication *f,
                            const folio_syndication_item *items, size_t n)
{
	/* Atom requires <updated> everywhere: the newest date, else the epoch,
	 * never the clock (the bytes depend on the site only) */
	folio_when updated = { .year = 1970, .month = 1, .day = 1, .has_time = true, .has_offset = true };
	newest(&updated, f->timezone, items, n);
	folio_buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                    "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
	if (f->language && *f->language) {
		folio_buf_puts(out, " xml:lang=\"");
		put_text(out, f->language);
		folio_buf_putc(out, '"');
	}
	folio_buf_puts(out, ">\n");
	put_element(out, "", "title", f->title);
	folio_buf_puts(out, "<id>");
	put_url(out, f, f->home);
	folio_buf_puts(out, "</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	put_url(out, f, f->home);
	folio_buf_puts(out, "\"/>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"");
	put_url(out, f, f->self);
	folio_buf_puts(out, "\"/>\n<updated>");
	folio_when_rfc3339(out, &updated, NULL); /* resolved: its own offset */
	folio_buf_puts(out, "</updated>\n<author>\n");
	put_element(out, " ", "name", f->site_title);
	folio_buf_puts(out, "</author>\n<generator>folio</generator>\n");
	for (size_t i = 0; i < n; i++) {
		const folio_syndication_item *p = &items[i];
		folio_when t;
		bool dated = parse_instant(p->date, f->timezone, &t);
		folio_buf_puts(out, "<entry>\n");
		put_element(out, " ", "title", p->title);
		folio_buf_puts(out, " <id>");
		put_url(out, f, p->url);
		folio_buf_puts(out, "</id>\n <link rel=\"alternate\" type=\"text/html\" href=\"");
		put_url(out, f, p->url);
		folio_buf_puts(out, "\"/>\n");
		if (dated) {
			folio_buf_puts(out, " <published>");
			folio_when_rfc3339(out, &t, NULL); /* resolved: its own offset */
			folio_buf_puts(out, "</published>\n");
		}
		folio_buf_puts(out, " <updated>");
		folio_when_rfc3339(out, dated ? &t : &updated, NULL); /* resolved: its own offset */
		folio_buf_puts(out, "</updated>\n");
		if (summary_of(p))
			put_element(out, " ", "summary", summary_of(p));
		folio_buf_puts(out, "</entry>\n");
	}
	folio_buf_puts(out, "</feed>\n");
}

void folio_syndication_rss(folio_buf *out, const folio_syndication *f,
                           const folio_syndication_item *items, size_t n)
{
	folio_buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"
	                    "<channel>\n");
	put_element(out, "", "title", f->title);
	folio_buf_puts(out, "<link>");
	put_url(out, f, f->home);
	folio_buf_puts(out, "</link>\n<description>");
	put_text(out, f->title);
	folio_buf_puts(out, "</description>\n");
	if (f->language && *f->language)
		put_element(out, "", "language", f->language);
	folio_buf_puts(out, "<generator>folio</generator>\n");
	folio_when last;
	if (newest(&last, f->timezone, items, n)) {
		folio_buf_puts(out, "<lastBuildDate>");
		put_rfc822(out, &last);
		folio_buf_puts(out, "</lastBuildDate>\n");
	}
	folio_buf_puts(out, "<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"");
	put_url(out, f, f->self);
	folio_buf_puts(out, "\"/>\n");
	for (size_t i = 0; i < n; i++) {
		const folio_syndication_item *p = &items[i];
		folio_when t;
		folio_buf_puts(out, "<item>\n");
		put_element(out, " ", "title", p->title);
		folio_buf_puts(out, " <link>");
		put_url(out, f, p->url);
		folio_buf_puts(out, "</link>\n <guid isPermaLink=\"true\">");
		put_url(out, f, p->url);
		folio_buf_puts(out, "</guid>\n");
		if (parse_instant(p->date, f->timezone, &t)) {
			folio_buf_puts(out, " <pubDate>");
			put_rfc822(out, &t);
			folio_buf_puts(out, "</pubDate>\n");
		}
		if (summary_of(p))
			put_element(out, " ", "description", summary_of(p));
		folio_buf_puts(out, "</item>\n");
	}
	folio_buf_puts(out, "</channel>\n</rss>\n");
}
