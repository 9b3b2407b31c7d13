/* The shortcode parser and expansion (model/shortcode.c) and the filter of
 * active HTML (model/html_filter.c). */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "model/html_filter.h"
#include "model/markdown_walk.h" /* folio_markdown_inline_html: captions, as markdown.c hands it */
#include "model/shortcode.h"

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("'%s' not found in:\n%s", needle, haystack);
}

static void assert_lacks(const char *haystack, const char *needle)
{
	if (strstr(haystack, needle))
		fail_msg("'%s' unexpectedly found in:\n%s", needle, haystack);
}

/* ---- the parser ---- */

static void parse_reads_named_positional_and_raw_arguments(void **state)
{
	(void)state;
	folio_shortcode sc;
	const char *s = "{{< figure src=\"a b.jpg\" alt=`un \"x\"` title=T \"pos\\\"q\" bare >}} reste";
	size_t n = folio_shortcode_parse(&sc, s, strlen(s), NULL);
	assert_int_equal(n, strlen(s) - strlen(" reste"));
	assert_string_equal(sc.name, "figure");
	assert_false(sc.closing);
	assert_false(sc.markdown);
	assert_int_equal(sc.nargs, 5);
	assert_string_equal(folio_shortcode_arg(&sc, "src", SIZE_MAX), "a b.jpg");
	assert_string_equal(folio_shortcode_arg(&sc, "alt", SIZE_MAX), "un \"x\"");
	assert_string_equal(folio_shortcode_arg(&sc, "title", SIZE_MAX), "T");
	assert_string_equal(folio_shortcode_arg(&sc, NULL, 0), "pos\"q");
	assert_string_equal(folio_shortcode_arg(&sc, NULL, 1), "bare");
	assert_null(folio_shortcode_arg(&sc, "caption", 2));
	folio_shortcode_dispose(&sc);
}

/* Hugo reads name = "value" with spaces about the '=' (falco.org's
 * {{< markdown_inline contentPath = "/docs/…" >}}); a word alone stays a
 * positional argument. */
static void parse_reads_spaces_about_equals(void **state)
{
	(void)state;
	folio_shortcode sc;
	const char *s = "{{< markdown_inline contentPath = \"/docs/a.md\" width =3 alone >}}";
	assert_int_equal(folio_shortcode_parse(&sc, s, strlen(s), NULL), strlen(s));
	assert_int_equal(sc.nargs, 3);
	assert_string_equal(folio_shortcode_arg(&sc, "contentPath", SIZE_MAX), "/docs/a.md");
	assert_string_equal(folio_shortcode_arg(&sc, "width", SIZE_MAX), "3");
	assert_string_equal(folio_shortcode_arg(&sc, NULL, 0), "alone");
	folio_shortcode_dispose(&sc);
	const char *none = "{{< x name = >}}";
	const char *why = NULL;
	assert_int_equal(folio_shortcode_parse(&sc, none, strlen(none), &why), 0);
	assert_non_null(why);
}

static void parse_reads_every_form(void **state)
{
	(void)state;
	folio_shortcode sc;
	const char *tight = "{{<youtube w7Ft2ymGmfc>}}";
	assert_int_equal(folio_shortcode_parse(&sc, tight, strlen(tight), NULL), strlen(tight));
	assert_string_equal(sc.name, "youtube");
	assert_string_equal(folio_shortcode_arg(&sc, "id", 0), "w7Ft2ymGmfc");
	folio_shortcode_dispose(&sc);

	const char *closing = "{{% /notice %}}";
	assert_int_equal(folio_shortcode_parse(&sc, closing, strlen(closing), NULL), strlen(closing));
	assert_true(sc.closing);
	assert_true(sc.markdown);
	assert_string_equal(sc.name, "notice");
	folio_shortcode_dispose(&sc);

	const char *self = "{{< x a=1 />}}";
	assert_int_equal(folio_shortcode_parse(&sc, self, strlen(self), NULL), strlen(self));
	assert_true(sc.self_closed);
	assert_string_equal(folio_shortcode_arg(&sc, "a", SIZE_MAX), "1");
	folio_shortcode_dispose(&sc);

	const char *comment = "{{</* figure src=\"x\" */>}}";
	assert_int_equal(folio_shortcode_parse(&sc, comment, strlen(comment), NULL), strlen(comment));
	assert_true(sc.comment);
	assert_string_equal(sc.args[0].value, " figure src=\"x\" ");
	folio_shortcode_dispose(&sc);

	const char *lines = "{{< figure\n  src=\"x.jpg\"\n  caption=\"y\" >}}";
	assert_int_equal(folio_shortcode_parse(&sc, lines, strlen(lines), NULL), strlen(lines));
	assert_string_equal(folio_shortcode_arg(&sc, "caption", SIZE_MAX), "y");
	folio_shortcode_dispose(&sc);
}

static void parse_refuses_malformed_tags(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"{{< figure src=\"x.jpg\" ", /* not closed */
		"{{< figure src=\"x.jpg >}}", /* string not closed */
		"{{< >}}",                     /* no name */
		"{{< /x y >}}",                /* closing with arguments */
		"{{< x a= >}}",                /* no value */
		"{{< x a=",                    /* no value, at the end of the text */
		"{{ x }}",                     /* Go template text, no shortcode */
		"{{</* x */ y >}}",            /* comment not closed */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		folio_shortcode sc;
		const char *why = NULL;
		if (folio_shortcode_parse(&sc, bad[i], strlen(bad[i]), &why))
			fail_msg("parsed: %s", bad[i]);
		assert_non_null(why);
	}
	/* too many arguments, and a tag longer than the bound */
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "{{< x");
	for (int i = 0; i <= FOLIO_SHORTCODE_ARGS_MAX; i++)
		folio_buf_puts(&b, " a");
	folio_buf_puts(&b, " >}}");
	folio_shortcode sc;
	assert_int_equal(folio_shortcode_parse(&sc, b.ptr, b.size, NULL), 0);
	folio_buf_clear(&b);
	folio_buf_puts(&b, "{{< x a=\"");
	for (int i = 0; i < FOLIO_SHORTCODE_TAG_MAX; i++)
		folio_buf_putc(&b, 'a');
	folio_buf_puts(&b, "\" >}}");
	assert_int_equal(folio_shortcode_parse(&sc, b.ptr, b.size, NULL), 0);
	folio_buf_dispose(&b);
}

/* ---- expansion ---- */

typedef struct {
	char notes[1024];
	char links[1024];
} recorder;

static void rec_note(void *ctx, folio_markdown_note_kind kind, const char *subject, unsigned line,
                     unsigned column)
{
	recorder *r = ctx;
	size_t n = strlen(r->notes);
	snprintf(r->notes + n, sizeof(r->notes) - n, "%d:%s@%u:%u;", (int)kind, subject, line, column);
}

static const char *rec_link(void *ctx, const char *target, bool is_image, unsigned line,
                            unsigned column)
{
	recorder *r = ctx;
	size_t n = strlen(r->links);
	snprintf(r->links + n, sizeof(r->links) - n, "%s%s@%u:%u;", is_image ? "img " : "", target,
	         line, column);
	return NULL;
}

static char *inline_html(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	return folio_markdown_inline_html(text, len);
}

static char *expand_apply(const char *text, recorder *r, folio_shortcode_expansion *x)
{
	folio_shortcode_hooks h = { rec_link, NULL, rec_note, r, 10, NULL, inline_html, NULL, false, false, false, NULL, NULL, SIZE_MAX, false, NULL };
	memset(r, 0, sizeof(*r));
	folio_shortcodes_expand(x, text, strlen(text), &h);
	assert_non_null(x->text);
	/* the lines keep their numbers */
	size_t nl_in = 0, nl_out = 0;
	for (const char *c = text; *c; c++)
		nl_in += *c == '\n';
	for (const char *c = x->text; *c; c++)
		nl_out += *c == '\n';
	assert_int_equal(nl_in, nl_out);
	folio_buf html = FOLIO_BUF_INIT;
	folio_buf_printf(&html, "<p>%s</p>", x->text);
	folio_buf out = FOLIO_BUF_INIT;
	folio_shortcodes_apply(&out, html.ptr, html.size, x);
	folio_buf_dispose(&html);
	return folio_buf_detach(&out, NULL);
}

/* {{</>}} closes the innermost open shortcode, as Hugo reads it
 * (buildpacks.io's {{< download-button href="…" >}} Install {{</>}}): its
 * inner lines are the button's, and a highlight ends at one too. */
static void anonymous_close_ends_the_innermost(void **state)
{
	(void)state;
	folio_shortcode sc;
	const char *close = "{{</>}}";
	assert_int_equal(folio_shortcode_parse(&sc, close, strlen(close), NULL), strlen(close));
	assert_true(sc.closing);
	assert_string_equal(sc.name, "");
	folio_shortcode_dispose(&sc);
	const char *open = "{{< >}}";
	const char *why = NULL;
	assert_int_equal(folio_shortcode_parse(&sc, open, strlen(open), &why), 0);
	assert_string_equal(why, "the shortcode has no name");

	recorder r;
	folio_shortcode_expansion x;
	char *html = expand_apply("{{< button href=\"/x/\" >}}\n{{< icon >}}{{</>}}\nInstall\n{{</>}}", &r, &x);
	assert_int_equal(x.ninner, 2);
	assert_string_equal(x.inner[0].name, "icon");
	assert_string_equal(x.inner[1].name, "button");
	assert_int_equal(x.inner[1].first, 10); /* expand_apply's text starts at line 10 */
	assert_int_equal(x.inner[1].last, 13);
	assert_lacks(html, "{{");
	free(html);
	folio_shortcodes_dispose(&x);
	html = expand_apply("{{< highlight go >}}\nif a < b {\n}\n{{</>}}", &r, &x);
	assert_contains(html, "<pre><code class=\"language-go\">if a &lt; b {\n}\n</code></pre>");
	free(html);
	folio_shortcodes_dispose(&x);
}

static void expand_gives_html_and_notes(void **state)
{
	(void)state;
	recorder r;
	folio_shortcode_expansion x;
	/* the caption is Markdown (Hugo's markdownify), its raw HTML left out */
	char *html = expand_apply("{{< figure src=\"a.jpg\" caption=\"<Un> & *deux*\" link=\"/x/\" title=\"T\" >}}", &r, &x);
	assert_string_equal(html, "<figure><a href=\"/x/\"><img src=\"a.jpg\" alt=\"&lt;Un&gt; &amp; *deux*\">"
	                          "</a><figcaption><h4>T</h4><p><!-- raw HTML omitted --> &amp; <em>deux</em></p>"
	                          "</figcaption></figure>");
	assert_string_equal(r.links, "/x/@10:1;img a.jpg@10:1;");
	free(html);
	folio_shortcodes_dispose(&x);

	html = expand_apply("{{< highlight go \"linenos=table\" >}}\nif a < b {\n}\n{{< /highlight >}}", &r, &x);
	assert_contains(html, "<pre><code class=\"language-go\">if a &lt; b {\n}\n</code></pre>\n\n\n");
	free(html);
	folio_shortcodes_dispose(&x);

	html = expand_apply("a\n{{% notice info %}}\n*dedans*\n{{% /notice %}} {{< youtube \"x y\" >}}", &r, &x);
	assert_contains(html, "*dedans*"); /* the inner Markdown stays */
	assert_lacks(html, "{{");
	assert_lacks(html, "iframe");
	assert_contains(r.notes, "0:notice@11:1;");
	assert_contains(r.notes, "1:youtube needs a video id@13:17;");
	free(html);
	folio_shortcodes_dispose(&x);

	html = expand_apply("{% raw %}{{< x >}} {% y %}{% endraw %} {% post_url 2020-01-02-a %} {% include f.html %}", &r, &x);
	assert_string_equal(html, "<p>{{< x >}} {% y %} /_posts/2020-01-02-a.md </p>");
	assert_string_equal(r.notes, "2:include@10:68;");
	free(html);
	folio_shortcodes_dispose(&x);

	/* {% capture %}'s text stays where it is written, its output is
	 * nothing (training-kit's cheat sheets); a line of inline code
	 * opening with ``` is no fence, so the tags after it are read */
	html = expand_apply("{% capture colOne %}\n## Install\n```$ git init```\n{% endcapture %}\n"
	                    "<div>\n{{ colOne | markdownify }}\n</div>\n{% capture colOne %}x{% endcapture %}"
	                    "{{colOne}} {{ other | markdownify }}", &r, &x);
	assert_contains(html, "## Install\n```$ git init```\n");
	assert_contains(html, "<div>\n\n</div>");
	assert_contains(html, "\nx {{ other | markdownify }}");
	assert_string_equal(r.notes, "");
	free(html);
	folio_shortcodes_dispose(&x);

	/* a placeholder written by the author is no placeholder */
	html = expand_apply("{{< vimeo 12 >}} \xEE\x80\x80" "0\xEE\x80\x81", &r, &x);
	assert_contains(html, "player.vimeo.com/video/12?dnt=1");
	assert_contains(html, "\xEF\xBF\xBD" "0");
	free(html);
	folio_shortcodes_dispose(&x);

	/* no tag: no copy */
	folio_shortcode_hooks h = { NULL, NULL, NULL, NULL, 1, NULL, NULL, NULL, false, false, false, NULL, NULL, SIZE_MAX, false, NULL };
	folio_shortcodes_expand(&x, "{ { < rien", 10, &h);
	assert_null(x.text);
}

/* The page's own front matter answers "version"; nothing else. */
static char *own_param(void *ctx, const char *name)
{
	(void)ctx;
	return !strcmp(name, "version") ? strdup("v3.5") : NULL;
}

/* Hugo's param: the page's value first, then the site's (without case),
 * else nothing and a note naming it at its line and column. */
static void param_from_page_then_site(void **state)
{
	(void)state;
	/* sorted by name, as folio_params_sort() leaves folio.yaml's */
	static const char *const pairs[] = { "latest_stable_version", "v3.7", "version", "v9", NULL };
	static const folio_params params_index = { pairs, 2 }, *params = &params_index;
	recorder r;
	memset(&r, 0, sizeof(r));
	folio_shortcode_hooks h = { NULL, NULL, rec_note, &r, 1, params, NULL, own_param, false, false, false, NULL, NULL, SIZE_MAX, false, NULL };
	folio_shortcode_expansion x;
	const char *text = "[a](/docs/{{< param version >}}/x/) [b](/docs/{{< param \"LATEST_stable_version\" >}}/)\n"
	                   "v{{% param nowhere %}}.\n{{< param >}}";
	folio_shortcodes_expand(&x, text, strlen(text), &h);
	assert_non_null(x.text);
	assert_non_null(strstr(x.text, "[a](/docs/v3.5/x/)"));
	assert_non_null(strstr(x.text, "[b](/docs/v3.7/)"));
	assert_non_null(strstr(x.text, "\nv.\n"));
	assert_non_null(strstr(r.notes, "param \"nowhere\" is set neither in the page's front matter, nor in "
	                                "a section's cascade:, nor in params: in folio.yaml@2:2;"));
	assert_non_null(strstr(r.notes, "param names no parameter@3:1;"));
	folio_shortcodes_dispose(&x);
}

static char *token_title(void *ctx, const char *name)
{
	(void)ctx;
	return !strcmp(name, "title") ? strdup("A \xEE\x80\x80" "0\xEE\x80\x81 title") : NULL;
}

/* Jekyll's {{ page.title }}: the page's value; other output a note. A value
 * holding our placeholder's bytes writes U+FFFD, as the text does: no value
 * names a shortcode's HTML. */
static void liquid_page_values(void **state)
{
	(void)state;
	recorder r;
	memset(&r, 0, sizeof(r));
	folio_shortcode_hooks h = { NULL, NULL, rec_note, &r, 1, NULL, NULL, token_title, false, false, true, NULL, NULL, SIZE_MAX, false, NULL };
	folio_shortcode_expansion x;
	const char *text = "# {{ page.title }}\n{% highlight c %}x{% endhighlight %}\nv{{ stable.name }}\n";
	folio_shortcodes_expand(&x, text, strlen(text), &h);
	assert_non_null(x.text);
	assert_non_null(strstr(x.text, "# A \xEF\xBF\xBD" "0\xEE\x80\x81 title\n"));
	assert_non_null(strstr(x.text, "v{{ stable.name }}"));
	assert_non_null(strstr(r.notes, "stable.name@3:2;"));
	assert_int_equal(x.nhtml, 1); /* the highlight block alone */
	folio_shortcodes_dispose(&x);
	/* on a Hugo site, the same text is left alone and unnamed */
	memset(&r, 0, sizeof(r));
	h.liquid_page = false;
	folio_shortcodes_expand(&x, "# {{ page.title }}\n", 19, &h);
	assert_true(!x.text || strstr(x.text, "{{ page.title }}"));
	assert_null(strstr(r.notes, "page.title"));
	folio_shortcodes_dispose(&x);
}

/* Jekyll's includes: "a.md" a snippet of two lines whose second names a
 * parameter, "loop.md" Liquid folio does not run, "self.md" itself. */
static char *some_include(void *ctx, const char *name, size_t *len, const char **why)
{
	(void)ctx;
	const char *text = !strcmp(name, "a.md")      ? "Hello\n{{ include.who }} [x](/y/)\n"
	                   : !strcmp(name, "loop.md") ? "{% for b in site.boats %}b{% endfor %}"
	                   : !strcmp(name, "self.md") ? "again {% include self.md %}"
	                   : !strcmp(name, "outer.md") ? "outer {% include a.md %}{% include self.md %}"
	                                              : NULL;
	*why = "is not in _includes/";
	*len = text ? strlen(text) : 0;
	return text ? strdup(text) : NULL;
}

/* The included text is written in place of the tag; its lines are the
 * tag's line (folio_shortcodes_file_line), those after keep theirs; an
 * include folio does not run is nothing, a note at the tag. */
static void include_expands_with_lines(void **state)
{
	(void)state;
	recorder r;
	memset(&r, 0, sizeof(r));
	folio_shortcode_hooks h = { NULL, NULL, rec_note, &r, 1, NULL, NULL, NULL, false, false, true, NULL,
	                            some_include, SIZE_MAX, false, NULL };
	folio_shortcode_expansion x;
	const char *text = "one\n{% include a.md who=\"Ada\" %}\nthree {% include loop.md %}\n"
	                   "{% include self.md %}{% include b.md %}\nfive\n";
	folio_shortcodes_expand(&x, text, strlen(text), &h);
	assert_non_null(x.text);
	assert_string_equal(x.text, "one\nHello\nAda [x](/y/)\n\nthree \n\nfive\n");
	assert_int_equal(folio_shortcodes_file_line(&x, 2), 2); /* Hello */
	assert_int_equal(folio_shortcodes_file_line(&x, 3), 2); /* Ada */
	assert_int_equal(folio_shortcodes_file_line(&x, 4), 2); /* the rest of the tag's line */
	assert_int_equal(folio_shortcodes_file_line(&x, 5), 3);
	assert_int_equal(folio_shortcodes_file_line(&x, 7), 5);
	char want[256];
	snprintf(want, sizeof(want), "%d:\"loop.md\" holds {%% for %%}, which folio does not run@3:7;"
	         "%d:\"self.md\" includes itself@4:1;%d:\"b.md\" is not in _includes/@4:22;",
	         FOLIO_MD_NOTE_LIQUID_INCLUDE, FOLIO_MD_NOTE_LIQUID_INCLUDE, FOLIO_MD_NOTE_LIQUID_INCLUDE);
	assert_string_equal(r.notes, want);
	folio_shortcodes_dispose(&x);
	/* a file that includes itself below another: neither is written */
	memset(&r, 0, sizeof(r));
	folio_shortcodes_expand(&x, "x {% include outer.md %}\n", 25, &h);
	assert_non_null(x.text);
	assert_string_equal(x.text, "x \n");
	snprintf(want, sizeof(want), "%d:\"outer.md\" includes \"self.md\", which includes itself@1:3;",
	         FOLIO_MD_NOTE_LIQUID_INCLUDE);
	assert_string_equal(r.notes, want);
	folio_shortcodes_dispose(&x);
	/* past the budget: nothing of it, and a budget note */
	memset(&r, 0, sizeof(r));
	h.include_max = 10;
	folio_shortcodes_expand(&x, "{% include a.md %}\n", 19, &h);
	assert_non_null(x.text);
	assert_string_equal(x.text, "\n");
	snprintf(want, sizeof(want), "%d:a.md@1:1;", FOLIO_MD_NOTE_INCLUDE_BUDGET);
	assert_string_equal(r.notes, want);
	folio_shortcodes_dispose(&x);
}

static void strip_leaves_text(void **state)
{
	(void)state;
	char s[] = "avant \xEE\x80\x80" "12\xEE\x80\x81 apr\xC3\xA8s \xEE\x80\x80" "3\xEE\x80\x81";
	folio_shortcodes_strip(s);
	assert_string_equal(s, "avant apr\xC3\xA8s");
}

/* ---- the HTML filter ---- */

static void rec_refused(void *ctx, folio_html_refusal kind, const char *tag, const char *subject,
                        size_t offset)
{
	recorder *r = ctx;
	size_t n = strlen(r->notes);
	snprintf(r->notes + n, sizeof(r->notes) - n, "%d:%s:%s@%zu;", (int)kind, tag, subject, offset);
}

static const char *filter(const char *html, recorder *r)
{
	static const char *const hosts[] = { "www.youtube-nocookie.com", "player.vimeo.com" };
	memset(r, 0, sizeof(*r));
	folio_html_filter(html, strlen(html), hosts, 2, rec_refused, r);
	return r->notes;
}

static void filter_keeps_plain_html_and_listed_iframes(void **state)
{
	(void)state;
	recorder r;
	assert_string_equal(filter("<div class=\"a\" id=x><a href=\"/p/\" title='on'>on click</a></div>"
	                           "<!-- <script> --><img src=\"data:image/png;base64,AA\" alt=\"\">"
	                           "<iframe src=\"https://Player.Vimeo.com/video/1\"></iframe>"
	                           "<IFRAME SRC=//www.youtube-nocookie.com/embed/x></IFRAME> a < b", &r), "");
}

static void filter_names_active_content(void **state)
{
	(void)state;
	recorder r;
	assert_string_equal(filter("<script>x</script>", &r), "0:script:script@0;");
	assert_string_equal(filter("a <SCRIPT src=x>", &r), "0:script:script@2;");
	assert_string_equal(filter("<form action=/x><input name=a>", &r),
	                    "0:form:form@0;0:input:input@16;");
	assert_string_equal(filter("<object data=x></object><embed src=y>", &r),
	                    "0:object:object@0;0:embed:embed@24;");
	assert_string_equal(filter("<iframe src=\"https://evil.example/x\"></iframe>", &r),
	                    "1:iframe:evil.example@8;");
	assert_string_equal(filter("<iframe src=\"http://player.vimeo.com/video/1\">", &r),
	                    "1:iframe:http://player.vimeo.com/video/1@8;");
	assert_string_equal(filter("<iframe src=\"https://player.vimeo.com@evil.example/\">", &r),
	                    "1:iframe:https://player.vimeo.com@evil.example/@8;");
	assert_string_equal(filter("<iframe srcdoc=\"&lt;script&gt;\" src=https://player.vimeo.com/>", &r),
	                    "2:iframe:srcdoc@8;");
	assert_string_equal(filter("<p onclick=\"x()\" ONLOAD=y>", &r), "2:p:onclick@3;2:p:onload@17;");
	assert_string_equal(filter("<a href=\" JaVa&#x53;cript&colon;alert(1)\">", &r),
	                    "3:a:javascript@3;");
	/* decimal and hex references (util/text.c reads the hex digits) */
	assert_string_equal(filter("<a href=\"&#106;ava&#x73;cript:x\">", &r), "3:a:javascript@3;");
	assert_string_equal(filter("<a href=\"&#x6A&#X61;vascript:x\">", &r), "3:a:javascript@3;");
	assert_string_equal(filter("<a href=\"java&#115cript:x\">", &r), "3:a:javascript@3;");
	assert_string_equal(filter("<a href=\"&#106a;vascript:x\">", &r), "");
	assert_string_equal(filter("<a href=\"java\tscript:x\"><a href='vbscript:x'>", &r),
	                    "3:a:javascript@3;3:a:vbscript@27;");
	assert_string_equal(filter("<a href=\"data:text/html,x\">", &r), "3:a:data@3;");
	assert_string_equal(filter("<svg><a xlink:href=\"javascript:x\"/></svg>", &r), "3:a:javascript@8;");
	/* cut short: still bounded, still named, and the tag left open said
	 * (a browser would read what follows the block as its attributes) */
	assert_string_equal(filter("<p onclick=\"x", &r), "2:p:onclick@3;4:p:p@0;");
	assert_string_equal(filter("<details open title='", &r), "4:details:details@0;");
	/* a comment in a raw text element hides nothing after its end tag */
	assert_string_equal(filter("<style><!--</style><img src=x onerror=y>-->", &r), "2:img:onerror@30;");
	assert_string_equal(filter("<svg><set attributeName=\"href\" to=\"javascript:x\"/></svg>", &r),
	                    "2:set:attributename@10;");
	assert_string_equal(filter("<", &r), "");
	assert_string_equal(filter("<!--", &r), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_reads_named_positional_and_raw_arguments),
		cmocka_unit_test(parse_reads_spaces_about_equals),
		cmocka_unit_test(parse_reads_every_form),
		cmocka_unit_test(anonymous_close_ends_the_innermost),
		cmocka_unit_test(parse_refuses_malformed_tags),
		cmocka_unit_test(expand_gives_html_and_notes),
		cmocka_unit_test(param_from_page_then_site),
		cmocka_unit_test(liquid_page_values),
		cmocka_unit_test(include_expands_with_lines),
		cmocka_unit_test(strip_leaves_text),
		cmocka_unit_test(filter_keeps_plain_html_and_listed_iframes),
		cmocka_unit_test(filter_names_active_content),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
