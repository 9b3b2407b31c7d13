/*
 * folio serve's pure parts (serve.h): event framing, injection into served
 * HTML, the overlay and banner, the debounce. Everything that comes from
 * the site (messages, paths, hints) is HTML-escaped here.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "daemon/serve.h"
#include "util/timestamp.h"
#include "util/banned.h"

void folio_serve__sse_event(folio_buf *out, const char *event, const char *data)
{
	if (event)
		folio_buf_printf(out, "event: %s\n", event);
	const char *p = data ? data : "";
	do {
		size_t n = strcspn(p, "\n");
		folio_buf_puts(out, "data: ");
		for (size_t i = 0; i < n; i++)
			if (p[i] != '\r')
				folio_buf_putc(out, p[i]);
		folio_buf_putc(out, '\n');
		p += n;
	} while (*p && *++p);
	folio_buf_putc(out, '\n');
}

void folio_serve__inject(folio_buf *out, const char *html, size_t len, const char *snippet)
{
	size_t at = len;
	for (size_t i = len; i >= 6; i--)
		if (!strncasecmp(html + i - 6, "</body", 6)) {
			at = i - 6;
			break;
		}
	folio_buf_put(out, html, at);
	folio_buf_puts(out, snippet);
	folio_buf_put(out, html + at, len - at);
}

static void put_html(folio_buf *out, const char *s)
{
	if (s)
		folio_buf_put_html(out, s, strlen(s));
}

static void banner(folio_buf *out, folio_page_status status, long long at)
{
	char when[FOLIO_TIMESTAMP_SIZE] = "";
	if (status == FOLIO_PAGE_PUBLISHED)
		return;
	if (at)
		folio_timestamp(when, at, -1);
	folio_buf_puts(out, "<div id=\"folio-serve-banner\" style=\"position:sticky;top:0;z-index:2147483646;"
	                    "padding:.5em 1em;background:#fde68a;color:#422006;font:600 15px/1.4 sans-serif;"
	                    "border-bottom:2px solid #b45309\">");
	if (status == FOLIO_PAGE_DRAFT)
		folio_buf_puts(out, "Draft: shown by folio serve only; folio build and the server leave it out "
		                    "until draft: true is removed.");
	else if (status == FOLIO_PAGE_PENDING)
		folio_buf_printf(out, "Scheduled: published from %s; shown by folio serve only until then.", when);
	else
		folio_buf_printf(out, "Expired since %s: taken down; shown by folio serve only.", when);
	folio_buf_puts(out, "</div>");
}

static void finding(folio_buf *out, const folio_diag *d)
{
	bool error = d->severity == FOLIO_SEVERITY_ERROR;
	folio_buf_printf(out, "<li style=\"margin:.6em 0\"><code class=\"folio-serve-where\">");
	put_html(out, d->path ? d->path : "");
	if (d->line)
		folio_buf_printf(out, ":%u", d->line);
	if (d->line && d->column)
		folio_buf_printf(out, ":%u", d->column);
	folio_buf_printf(out, "</code> <b style=\"color:%s\">%s</b> ", error ? "#fca5a5" : "#fcd34d",
	                 error ? "error" : "warning");
	put_html(out, d->message);
	folio_buf_puts(out, " <code style=\"opacity:.7\">[");
	put_html(out, folio_rule_name(d->rule));
	folio_buf_puts(out, "]</code>");
	if (d->hint) {
		folio_buf_puts(out, "<br><span style=\"opacity:.85\">hint: ");
		put_html(out, d->hint);
		folio_buf_puts(out, "</span>");
	}
	folio_buf_puts(out, "</li>");
}

static void overlay(folio_buf *out, const folio_diags *findings, const char *failure)
{
	size_t errors = folio_diags_count(findings, FOLIO_SEVERITY_ERROR) + (failure != NULL);
	size_t warnings = findings->count + (failure != NULL) - errors;
	if (!errors && !warnings)
		return;
	/* errors: open over the page (the last good one); warnings: a folded corner */
	folio_buf_printf(out, "<details id=\"folio-serve-overlay\" role=\"alert\"%s style=\"position:fixed;"
	                      "z-index:2147483647;%s;overflow:auto;margin:0;padding:1em 1.5em;"
	                      "background:rgba(24,24,27,.96);color:#f4f4f5;font:14px/1.5 sans-serif;"
	                      "box-shadow:0 0 2em #000\"><summary style=\"cursor:pointer;font-weight:700\">",
	                 errors ? " open" : "",
	                 errors ? "inset:5% 5% auto 5%;max-height:85%" : "right:1em;bottom:1em;max-width:40em;max-height:60%");
	if (errors)
		folio_buf_printf(out, "folio: %zu error%s, %zu warning%s: the last good pages are shown", errors,
		                 errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	else
		folio_buf_printf(out, "folio: %zu warning%s", warnings, warnings == 1 ? "" : "s");
	folio_buf_puts(out, "</summary><ul style=\"padding-left:1.2em\">");
	if (failure) {
		folio_buf_puts(out, "<li style=\"margin:.6em 0\"><b style=\"color:#fca5a5\">error</b> the build failed: ");
		put_html(out, failure);
		folio_buf_puts(out, "</li>");
	}
	for (size_t i = 0; i < findings->count; i++)
		finding(out, &findings->items[i]);
	folio_buf_puts(out, "</ul></details>");
}

void folio_serve__snippet(folio_buf *out, unsigned long generation, const folio_diags *findings,
                          const char *failure, folio_page_status status, long long at)
{
	folio_buf_puts(out, "\n<!-- folio serve: injected when served, never written to the site -->\n");
	banner(out, status, at);
	overlay(out, findings, failure);
	/* since: a build that ends between this page and the connection still reloads it */
	folio_buf_printf(out, "<script>(function(){var s=new EventSource(\"" FOLIO_SERVE_EVENTS_PATH
	                      "?since=%lu\");s.addEventListener(\"reload\",function(){s.close();"
	                      "location.reload();});})();</script>\n", generation);
}

void folio_serve__debounce_init(folio_serve_debounce *d, long long quiet_ms, long long max_ms)
{
	memset(d, 0, sizeof(*d));
	d->quiet_ms = quiet_ms;
	d->max_ms = max_ms;
}

void folio_serve__debounce_event(folio_serve_debounce *d, long long now)
{
	if (!d->pending)
		d->first = now;
	d->pending = true;
	d->last = now;
}

long long folio_serve__debounce_wait(const folio_serve_debounce *d, long long now)
{
	if (!d->pending)
		return -1;
	long long due = d->last + d->quiet_ms;
	if (due > d->first + d->max_ms)
		due = d->first + d->max_ms;
	return due > now ? due - now : 0;
}

void folio_serve__debounce_fired(folio_serve_debounce *d)
{
	d->pending = false;
}
