#!/bin/bash
# Jekyll readings a scout round of December 6 found wrong
# (docs/migrating.md, seventeenth pass):
# 1. Jekyll's default exclude: (node_modules, vendor/bundle/, ...) is read
#    when _config.yml has none, and joins the site's own list from Jekyll 4
#    on (its Gemfile asks for it); before, the site's list replaces it
#    (GitHub Pages' Jekyll 3.9 publishes node_modules then);
# 2. a permalink: without placeholders has its doubled '/' made one, as
#    Jekyll's sanitize_url does (bitcoincore.org's post was refused);
# 3. init --from jekyll on a Hugo site whose configuration is hugo.yml
#    (Bootstrap's blog) says it is Hugo's, as it did for hugo.toml;
# 4. source: src is followed (t391 builds it), and init says so;
# 5. a feed file of front matter alone whose layout writes the RSS
#    (bitcoincore.org's assets/rss/rss-en.xml: layout: rss, permalink:
#    /en/rss.xml) is a feed at its permalink, as one writing <rss itself
#    was, and init writes no more feeds than folio.yaml may hold (8): the
#    others are named (bitcoincore.org has 12);
# 6. a post whose file name's date is no day (2007-02-29) is refused for
#    that date, not only for the date: its front matter lacks;
# 7. a Markdown file without front matter below the top, beside pages
#    (bitcoincore.org's assets/icons/COPYING.md), is copied as it is, as
#    Jekyll copies it, not made a page (init names it under copy:).
. "$(dirname "$0")/lib.sh"

site() { # site DIR CONFIG [GEMFILE]
	local s=$1
	mkdir -p "$s/node_modules/pkg" "$s/vendor/bundle/gems/x" "$s/_posts"
	printf '%s' "$2" >"$s/_config.yml"
	[ -z "${3:-}" ] || printf '%s\n' "$3" >"$s/Gemfile"
	printf -- '---\ntitle: Guide\n---\nSee [x](/nowhere/).\n' >"$s/node_modules/pkg/guide.md"
	printf -- '---\ntitle: Gem\n---\nSee [y](/nowhere/).\n' >"$s/vendor/bundle/gems/x/index.md"
	printf -- '---\ntitle: About\n---\nAbout.\n' >"$s/about.md"
	printf -- '---\ntitle: Hybrid SPV\npermalink: /en/2017/03/31//prioritized-block-download/\n---\nText.\n' \
		>"$s/_posts/2017-03-31-hybrid-spv.md"
}

# 1a and 2: no exclude: of the site's
a=$TEST_DIR/a
site "$a" 'title: A
url: https://a.example
'
migrate_and_build jekyll "$a" "$TEST_DIR/out-a"
assert_not_contains "$TEST_DIR/init.txt" "node_modules"
assert_not_contains "$TEST_DIR/init.txt" "vendor"
[ ! -e "$TEST_DIR/out-a/node_modules" ] || fail "node_modules published though Jekyll never reads it"
[ -f "$TEST_DIR/out-a/en/2017/03/31/prioritized-block-download/index.html" ] ||
	fail "the permalink with a doubled / was not made one"

# 1b: Jekyll 4 adds its own to the site's exclude:
b=$TEST_DIR/b
site "$b" 'title: B
url: https://b.example
exclude: [scripts]
' 'source "https://rubygems.org"
gem "jekyll", "~> 4.3"'
migrate_and_build jekyll "$b" "$TEST_DIR/out-b"
[ ! -e "$TEST_DIR/out-b/node_modules" ] || fail "Jekyll 4: node_modules published"

# 1c: Jekyll 3 (GitHub Pages) with the site's own list reads node_modules
c=$TEST_DIR/c
site "$c" 'title: C
url: https://c.example
exclude: [scripts]
' 'gem "github-pages", group: :jekyll_plugins'
"$FOLIO" init --from jekyll "$c" >"$TEST_DIR/init-c.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init-c.txt")"
"$FOLIO" check --worktree "$c" >"$TEST_DIR/check-c.txt" 2>&1 && fail "Jekyll 3 with exclude: reads node_modules: its broken link must be found"
assert_contains "$TEST_DIR/check-c.txt" 'node_modules/pkg/guide.md:4:9: error: link to "/nowhere/" points to no page [link/broken]'

# 3: hugo.yml is Hugo's configuration
h=$TEST_DIR/h
mkdir -p "$h/content/posts"
printf 'title: Bootstrap Blog\nbaseURL: https://blog.example.org/\n' >"$h/hugo.yml"
printf -- '---\ntitle: Hello\n---\nHi.\n' >"$h/content/posts/hello.md"
if "$FOLIO" init --from jekyll "$h" >"$TEST_DIR/init-h.txt" 2>&1; then
	fail "init --from jekyll took a Hugo site (hugo.yml) for a Jekyll one"
fi
assert_contains "$TEST_DIR/init-h.txt" "hugo.yml, the configuration of Hugo: run folio init --from hugo"

# 4: source: is named and followed: the site below it (t391 publishes it)
d=$TEST_DIR/d
mkdir -p "$d/src/_posts"
printf 'title: D\nurl: https://d.example\nsource: src\n' >"$d/_config.yml"
printf -- '---\ntitle: Hello\n---\nHi.\n' >"$d/src/_posts/2021-05-01-hello.md"
"$FOLIO" init --from jekyll "$d" >"$TEST_DIR/init-d.txt" 2>&1 || fail "init failed"
assert_contains "$TEST_DIR/init-d.txt" "source: src: the site is read from src/"
assert_contains "$TEST_DIR/init-d.txt" "collection posts: 1 pages in _posts/"
# 5: feeds made by their layout
e=$TEST_DIR/e
mkdir -p "$e/_posts" "$e/_layouts" "$e/assets/rss"
printf 'title: E\nurl: https://e.example\n' >"$e/_config.yml"
printf -- '---\ntitle: News\n---\nNews.\n' >"$e/_posts/2024-01-02-news.md"
printf -- '---\ntitle: Feeds\n---\n[RSS](/en/rss.xml)\n' >"$e/feeds.md"
printf '<rss version="2.0"><channel>{%% for post in site.posts %%}<item>{{ post.title }}</item>{%% endfor %%}</channel></rss>\n' \
	>"$e/_layouts/rss.xml"
for l in de en es fr it ja nl pt zh; do
	printf -- '---\nlayout: rss\npermalink: /%s/rss.xml\n---\n' "$l" >"$e/assets/rss/rss-$l.xml"
done
migrate_and_build jekyll "$e" "$TEST_DIR/out-e"
grep -q 'url: "/en/rss.xml"' "$e/folio.yaml" || fail "no feed at /en/rss.xml: $(grep -A12 '^feeds' "$e/folio.yaml")"
[ "$(grep -c '^  - url: "/[a-z]*/rss.xml"' "$e/folio.yaml")" = 8 ] || fail "not 8 feeds: $(grep -A40 '^feeds' "$e/folio.yaml")"
assert_contains "$TEST_DIR/init.txt" "assets/rss/rss-zh.xml: its feed is not kept at /zh/rss.xml: folio.yaml holds at most 8 feeds"
grep -q '<rss' "$TEST_DIR/out-e/en/rss.xml" || fail "/en/rss.xml is no RSS"
assert_contains "$TEST_DIR/out-e/en/rss.xml" "<title>News</title>"
# 6: an impossible date in a post's name
f=$TEST_DIR/f
mkdir -p "$f/_posts"
printf 'title: F\nurl: https://f.example\n' >"$f/_config.yml"
printf -- '---\ntitle: Solr\n---\nSolr.\n' >"$f/_posts/2007-02-28-solr.md"
"$FOLIO" init --from jekyll "$f" >/dev/null 2>&1 || fail "init failed"
mv "$f/_posts/2007-02-28-solr.md" "$f/_posts/2007-02-29-solr.md"
"$FOLIO" check --worktree "$f" >"$TEST_DIR/check-f.txt" 2>&1 && fail "a post dated 2007-02-29 by its name was accepted"
assert_contains "$TEST_DIR/check-f.txt" '_posts/2007-02-29-solr.md: error: the date its file name gives, "2007-02-29", is no day of the calendar [date/invalid]'
# 7: Markdown without front matter beside pages
g=$TEST_DIR/g
mkdir -p "$g/assets/icons" "$g/assets/elements"
printf 'title: G\nurl: https://g.example\n' >"$g/_config.yml"
printf -- '---\ntitle: Not found\n---\nGone.\n' >"$g/assets/elements/404.md"
printf 'Icons under the MIT licence.\n' >"$g/assets/icons/COPYING.md"
printf -- '---\ntitle: Home\n---\nSee [the licence](assets/icons/COPYING.md).\n' >"$g/index.md"
migrate_and_build jekyll "$g" "$TEST_DIR/out-g"
cmp -s "$g/assets/icons/COPYING.md" "$TEST_DIR/out-g/assets/icons/COPYING.md" || fail "COPYING.md was not copied as it is"
[ ! -e "$TEST_DIR/out-g/assets/icons/COPYING/index.html" ] || fail "COPYING.md without front matter was made a page"
[ -f "$TEST_DIR/out-g/assets/elements/404.html" ] || fail "the page beside it is gone"
echo "t384: ok"
