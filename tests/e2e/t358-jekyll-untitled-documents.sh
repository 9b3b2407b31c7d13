#!/bin/bash
# Jekyll titles a post or a collection's document without a title: by its
# file's name, its date left out, each word between dashes capitalised
# (Utils.titleize_slug): _posts/2014-05-01-everyone-contributes.md is
# "Everyone Contributes" (benbalter.github.com's three untitled posts were
# "everyone-contributes" in <title>, <h1>, lists and feeds). init writes
# title_from_name: true on such collections; a page of the top keeps its
# slug, as Jekyll gives a page no title. Published from the site model,
# the stubs' titles are a full build's.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo out=$TEST_DIR/out state=$TEST_DIR/state
mkdir -p "$repo/_posts" "$repo/_talks"
cd "$repo"
printf 'title: Blog\nurl: https://untitled-blog.org\npermalink: pretty\ncollections:\n  talks:\n    output: true\n' >_config.yml
printf -- '---\nlayout: post\n---\nNo title.\n' >_posts/2014-05-01-everyone-contributes.md
printf -- '---\n---\nNone either.\n' >_posts/2014-05-02-iOS-tips.md
printf -- '---\ntitle: "A title of its own"\n---\nTitled.\n' >_posts/2014-05-03-titled.md
printf -- '---\n---\nSlides.\n' >_talks/open-source-at-work.md
printf -- '---\n---\nAbout.\n' >about-me.md
"$FOLIO" init --from jekyll . >"$TEST_DIR/init.txt" 2>&1 || { cat "$TEST_DIR/init.txt" >&2; fail "init failed"; }
[ "$(grep -c 'title_from_name: true' folio.yaml)" = 2 ] || fail "init did not write title_from_name: on posts and talks"
git init -q && git add -A && git commit -qm site
publish "$repo" "$out" "$state" "the first publish"
assert_contains "$out/2014/05/01/everyone-contributes/index.html" "<title>Everyone Contributes"
assert_contains "$out/2014/05/02/iOS-tips/index.html" "<title>Ios Tips"
assert_contains "$out/2014/05/03/titled/index.html" "<title>A title of its own"
assert_contains "$out/talks/open-source-at-work/index.html" "<title>Open Source At Work"
assert_contains "$out/about-me/index.html" "<title>about-me"
assert_contains "$out/posts/index.html" "Everyone Contributes"

# an add published from the site model: the untitled stubs keep their titles
printf -- '---\n---\nLater.\n' >_posts/2014-06-01-a-later-post.md
git add -A && git commit -qm add
publish "$repo" "$out" "$state" "an add"
assert_contains "$out/2014/06/01/a-later-post/index.html" "<title>A Later Post"
same_as_full "$repo" "$out" "an add"

# on GitHub Pages, jekyll-titles-from-headings titles the pages by their
# first heading, and leaves posts the title of their name; with its
# collections: true, posts too
for variant in pages collections; do
	gh=$TEST_DIR/gh-$variant
	mkdir -p "$gh/_posts"
	printf 'title: GH\nurl: https://gh-titles.org\npermalink: pretty\n' >"$gh/_config.yml"
	[ $variant = collections ] && printf 'titles_from_headings:\n  collections: true\n' >>"$gh/_config.yml"
	printf 'gem "github-pages", group: :jekyll_plugins\n' >"$gh/Gemfile"
	printf -- '---\n---\n# A heading of its own\n\nText.\n' >"$gh/_posts/2015-01-01-named-post.md"
	printf '# About this site\n\nText.\n' >"$gh/about.md"
	"$FOLIO" init --from jekyll "$gh" >"$TEST_DIR/init-$variant.txt" 2>&1 || { cat "$TEST_DIR/init-$variant.txt" >&2; fail "init ($variant) failed"; }
	"$FOLIO" build --quiet --worktree "$gh" --out "$TEST_DIR/out-$variant" 2>"$TEST_DIR/err" || { cat "$TEST_DIR/err" >&2; fail "build ($variant) failed"; }
	assert_contains "$TEST_DIR/out-$variant/about/index.html" "<title>About this site"
done
assert_contains "$TEST_DIR/out-pages/2015/01/01/named-post/index.html" "<title>Named Post"
assert_contains "$TEST_DIR/out-collections/2015/01/01/named-post/index.html" "<title>A heading of its own"
