/*
 * Active content in the raw HTML of a page (allow_html: true): a small
 * bounded tokenizer of HTML tags that names what a page may not carry,
 * whoever wrote it: script, object, embed, frames, forms and the other
 * tags below; a <button> tied to a form, a popover or a command (one
 * without is inert, its script the template's); iframes of hosts the site does not list in embeds:; event
 * handler attributes (on*) and srcdoc; javascript:, vbscript: and (but
 * for images) data: URLs, entities and blanks in them decoded as a
 * browser does. One pass, linear in the input; comments, doctypes and
 * end tags are stepped over.
 */
#ifndef FOLIO_MODEL_HTML_FILTER_H
#define FOLIO_MODEL_HTML_FILTER_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	FOLIO_HTML_TAG,         /* subject: the tag ("script") */
	FOLIO_HTML_IFRAME_HOST, /* subject: the iframe's host, or its src when it names none */
	FOLIO_HTML_ATTRIBUTE,   /* subject: the attribute ("onclick", "srcdoc") */
	FOLIO_HTML_URL,         /* subject: the scheme ("javascript") */
	FOLIO_HTML_OPEN,        /* subject: the tag left open where the HTML ends */
} folio_html_refusal;

/* tag: the element's name, lowercase; offset: of the tag's '<', or of the
 * attribute's name, in html. */
typedef void (*folio_html_refused_fn)(void *ctx, folio_html_refusal kind, const char *tag,
                                      const char *subject, size_t offset);

/*
 * Where a browser ends the comment whose "<!--" ends at offset at of s
 * (len bytes): after "<!-->" and "<!--->" at once, else after the first
 * "-->" or "--!>" (HTML's comment states); len, *closed false, when it runs to the end.
 * Stepping to "-->" alone would leave "<!--><img onerror=...>-->" unread,
 * which a browser runs.
 */
size_t folio_html_comment_end(const char *s, size_t len, size_t at, bool *closed);

/*
 * The scheme of URL v (n bytes) when a browser runs script from it
 * (javascript:, vbscript:, and data: but for an image), read as a browser
 * reads it (entities, blanks and controls skipped, any case); NULL for any
 * other. The test html/active applies to raw HTML, for Markdown links too.
 */
const char *folio_html_url_runs_script(const char *v, size_t n, bool image);

/*
 * Call refused for each piece of active content of html (len bytes, need
 * not be NUL-terminated); hosts: the hosts (nhosts of them) whose iframes
 * are kept, compared without case. Returns how many were found.
 */
size_t folio_html_filter(const char *html, size_t len, const char *const *hosts, size_t nhosts,
                         folio_html_refused_fn refused, void *ctx);

#endif
