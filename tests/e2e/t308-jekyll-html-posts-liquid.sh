#!/bin/bash
# F-Droid's site has 67 posts written in HTML; most use no Liquid but
# {{ site.baseurl }} (232 times) and one {% post_url %}, which folio
# expands in Markdown. init excluded every HTML post with any Liquid, so
# those posts were not published. Now an HTML page whose Liquid is only
# {{ site.baseurl }}, {% post_url %} or {% link %} is a page, expanded as
# in Markdown; one with other Liquid ({% asset %}, a loop) is still left
# out and named.
. "$(dirname "$0")/lib.sh"

jk=$TEST_DIR/site
mkdir -p "$jk/_posts" "$jk/_layouts" "$jk/assets"
printf 'title: F-Droid\nurl: https://fdroid.example\nbaseurl: /blog\n' >"$jk/_config.yml"
printf '<html>{{ content }}</html>' >"$jk/_layouts/default.html"
printf 'PNG' >"$jk/assets/k9.png"
printf -- '---\ntitle: Old\n---\nOld post.\n' >"$jk/_posts/2010-10-15-old.md"
printf -- '---\ntitle: About\npermalink: /about/\n---\nAbout.\n' >"$jk/about.md"
printf -- '---\ntitle: K-9 Mail\n---\n<p>See <a href="{{ site.baseurl }}/about/">about</a>, <a href="{%% post_url 2010-10-15-old %%}">the old post</a>, <img src="{{site.baseurl}}/assets/k9.png"></p>\n' \
	>"$jk/_posts/2010-10-29-k9.html"
printf -- '---\ntitle: FOSDEM\n---\n<p>{%% asset posts/fosdem.png %%}</p>\n' >"$jk/_posts/2014-01-11-fosdem.html"

out=$TEST_DIR/out
migrate_and_build jekyll "$jk" "$out"
assert_contains "$TEST_DIR/init.txt" '_posts/2014-01-11-fosdem.html (a page written in HTML and Liquid'
page=$out/2010/10/29/k9.html
[ -e "$page" ] || fail "the HTML post is not published: $(find "$out" -name '*.html')"
assert_contains "$page" '<a href="/blog/about/">about</a>'
assert_contains "$page" '<a href="/blog/2010/10/15/old.html">the old post</a>'
assert_contains "$page" '<img src="/blog/assets/k9.png">'
assert_not_contains "$page" 'site.baseurl'
[ ! -e "$out/2014/01/11/fosdem.html" ] || fail "a post with Liquid folio does not run is published"

# elixir-lang.org: getting-started/meta/index.html is at /getting-started/meta/,
# as Jekyll writes a folder's index page whatever the permalink style; folio
# put it at /getting-started/meta.html beside the folder's other pages
mkdir -p "$jk/guide/meta"
printf -- '---\ntitle: Intro\n---\nSee [meta](/guide/meta/) and [macros](/guide/meta/macros.html).\n' >"$jk/guide/intro.md"
printf -- '---\ntitle: Meta\n---\nMeta programming.\n' >"$jk/guide/meta/index.md"
printf -- '---\ntitle: Macros\n---\nMacros.\n' >"$jk/guide/meta/macros.md"
rm -rf "$jk/folio.yaml" "$jk/schemas" "$out"
migrate_and_build jekyll "$jk" "$out"
assert_contains "$out/guide/meta/index.html" 'Meta programming.'
assert_contains "$out/guide/meta/macros.html" 'Macros.'
assert_contains "$out/guide/intro.html" 'href="/blog/guide/meta/"'
[ ! -e "$out/guide/meta.html" ] || fail "the folder's index page is at /guide/meta.html"

# elixir-lang.org: "# {{ page.title }}" is the page's title, as Jekyll
# writes it (folio published the tag as text); other output it does not
# run ({{ stable.name }}) stays as written, now with a warning
printf -- '---\ntitle: Development\n---\n# {{ page.title }}\n\nElixir {{ stable.name }} is out.\n' >"$jk/guide/development.md"
"$FOLIO" build --worktree "$jk" --out "$TEST_DIR/dev-out" >"$TEST_DIR/dev.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/dev.txt")"
assert_contains "$TEST_DIR/dev-out/guide/development.html" '<h1 id="development">Development</h1>'
assert_contains "$TEST_DIR/dev.txt" 'guide/development.md:6:8: warning: liquid output "{{ stable.name }}" is not run: shown as written [shortcode/liquid]'
assert_not_contains "$TEST_DIR/dev.txt" 'page.title'

# US-RSE's _posts/newsletters/quarto/ holds what Jekyll never reads: a page
# without a date in its name, '_' names, a link to _data; folio refused
# them and would have published the rest
mkdir -p "$jk/_posts/newsletters/quarto"
printf -- '---\ntitle: Template\n---\n[broken](/nowhere/)\n' >"$jk/_posts/newsletters/quarto/template.md"
printf -- '---\ntitle: Pre\n---\n[broken](/nowhere/)\n' >"$jk/_posts/newsletters/quarto/_preamble.md"
ln -s ../../../_data "$jk/_posts/newsletters/quarto/_data"
printf -- '---\ntitle: Edition\n---\nThe edition.\n' >"$jk/_posts/newsletters/2024-02-01-edition.md"
rm -rf "$jk/folio.yaml" "$jk/schemas" "$out"
migrate_and_build jekyll "$jk" "$out"
assert_contains "$TEST_DIR/init.txt" "2 files of collections that Jekyll does not read"
# the link is left out before the collections are read, and named (t323)
assert_contains "$TEST_DIR/init.txt" "_posts/newsletters/quarto/_data is a symbolic link"
assert_contains "$out/2024/02/01/edition.html" 'The edition.'
[ ! -e "$out/posts/newsletters/quarto" ] || fail "what Jekyll does not read is published: $(ls -R "$out/posts/newsletters")"

# its links are checked: a broken one is named
printf -- '---\ntitle: Broken\n---\n<p><a href="{{ site.baseurl }}/nowhere/">x</a></p>\n' >"$jk/_posts/2010-11-01-broken.html"
rc=0
"$FOLIO" check --worktree "$jk" >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "a broken link in an HTML post passed (rc $rc): $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '_posts/2010-11-01-broken.html'
echo "ok"
