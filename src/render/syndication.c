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

/* A page's date as an instant: the fields it shows and its offset. */
typedef struct {
	int year, month, day, hour, minute, second;
	int offset; /* minutes east of UTC */
} instant;

static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* "HH:MM[:SS[.frac]][Z|±HH:MM]" after a date's 'T'. */
static bool parse_time(const char *s, instant *t)
{
	if (!digits(s, 2, &t->hour) || s[2] != ':' || !digits(s + 3, 2, &t->minute))
		return false;
	s += 5;
	if (*s == ':') {
		if (!digits(s + 1, 2, &t->second))
			return false;
		s += 3;
		if (*s == '.' && s[1] >= '0' && s[1] <= '9')
			for (s++; *s >= '0' && *s <= '9'; s++)
				; /* a feed's dates are to the second */
	}
	if (t->hour > 23 || t->minute > 59 || t->second > 60)
		return false;
	if (!*s || ((*s == 'Z' || *s == 'z') && !s[1]))
		return true;
	int oh, om;
	if ((*s != '+' && *s != '-') || !digits(s + 1, 2, &oh) || s[3] != ':' ||
	    !digits(s + 4, 2, &om) || s[6] || oh > 23 || om > 59)
		return false;
	t->offset = (*s == '-' ? -1 : 1) * (oh * 60 + om);
	return true;
}

static bool parse_instant(const char *s, instant *t)
{
	memset(t, 0, sizeof(*t));
	if (!s || strlen(s) < 10 || !folio_date_parse_n(s, 10, &t->year, &t->month, &t->day))
		return false;
	if (!s[10])
		return true;
	return (s[10] == 'T' || s[10] == 't' || s[10] == ' ') && parse_time(s + 11, t);
}

/* Seconds since the epoch, to order instants with different offsets. */
static long long epoch(const instant *t)
{
	return folio_date_days(t->year, t->month, t->day) * 86400 + t->hour * 3600 +
	       t->minute * 60 + t->second - t->offset * 60LL;
}

static void put_rfc3339(folio_buf *b, const instant *t)
{
	folio_buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02d", t->year, t->month, t->day, t->hour,
	                 t->minute, t->second);
	if (!t->offset)
		folio_buf_putc(b, 'Z');
	else
		folio_buf_printf(b, "%c%02d:%02d", t->offset < 0 ? '-' : '+', abs(t->offset) / 60,
		                 abs(t->offset) % 60);
}

static void put_rfc822(folio_buf *b, const instant *t)
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

/* The newest instant among the pages' dates; false when none has one. */
static bool newest(instant *out, const folio_page *const *pages, size_t n)
{
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		instant t;
		if (parse_instant(pages[i]->date, &t) && (!found || epoch(&t) > epoch(out))) {
			*out = t;
			found = true;
		}
	}
	return found;
}

static const char *summary_of(const folio_page *p)
{
	return p->md.summary && *p->md.summary ? p->md.summary : NULL;
}

void folio_syndication_atom(folio_buf *out, const folio_syndication *f,
                            const folio_page *const *pages, size_t n)
{
	/* Atom requires <updated> everywhere: the newest date, else the epoch,
	 * never the clock (the bytes depend on the site only) */
	instant updated = { 1970, 1, 1, 0, 0, 0, 0 };
	newest(&updated, pages, n);
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
	put_rfc3339(out, &updated);
	folio_buf_puts(out, "</updated>\n<author>\n");
	put_element(out, " ", "name", f->site_title);
	folio_buf_puts(out, "</author>\n<generator>folio</generator>\n");
	for (size_t i = 0; i < n; i++) {
		const folio_page *p = pages[i];
		instant t;
		bool dated = parse_instant(p->date, &t);
		folio_buf_puts(out, "<entry>\n");
		put_element(out, " ", "title", p->title);
		folio_buf_puts(out, " <id>");
		put_url(out, f, p->url);
		folio_buf_puts(out, "</id>\n <link rel=\"alternate\" type=\"text/html\" href=\"");
		put_url(out, f, p->url);
		folio_buf_puts(out, "\"/>\n");
		if (dated) {
			folio_buf_puts(out, " <published>");
			put_rfc3339(out, &t);
			folio_buf_puts(out, "</published>\n");
		}
		folio_buf_puts(out, " <updated>");
		put_rfc3339(out, dated ? &t : &updated);
		folio_buf_puts(out, "</updated>\n");
		if (summary_of(p))
			put_element(out, " ", "summary", summary_of(p));
		folio_buf_puts(out, "</entry>\n");
	}
	folio_buf_puts(out, "</feed>\n");
}

void folio_syndication_rss(folio_buf *out, const folio_syndication *f,
                           const folio_page *const *pages, size_t n)
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
	instant last;
	if (newest(&last, pages, n)) {
		folio_buf_puts(out, "<lastBuildDate>");
		put_rfc822(out, &last);
		folio_buf_puts(out, "</lastBuildDate>\n");
	}
	folio_buf_puts(out, "<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"");
	put_url(out, f, f->self);
	folio_buf_puts(out, "\"/>\n");
	for (size_t i = 0; i < n; i++) {
		const folio_page *p = pages[i];
		instant t;
		folio_buf_puts(out, "<item>\n");
		put_element(out, " ", "title", p->title);
		folio_buf_puts(out, " <link>");
		put_url(out, f, p->url);
		folio_buf_puts(out, "</link>\n <guid isPermaLink=\"true\">");
		put_url(out, f, p->url);
		folio_buf_puts(out, "</guid>\n");
		if (parse_instant(p->date, &t)) {
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
