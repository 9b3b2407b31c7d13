#!/bin/bash
# A Jekyll site with a folder per language, each with its news as posts
# (en/news/_posts, fr/news/_posts), as a project's multilingual site is
# written, with permalink: pretty: Jekyll reads every _posts folder and
# puts each post in the categories its path names, so a post is at
# /en/news/2024/05/01/release/. init makes each such folder a collection
# of posts at that address (its folders its categories: [en, news]) (the top-level _posts keeps its own); check and
# build pass, links between the news posts and from the pages are valid,
# the date comes from the file name; a link to a post that is not there is
# still refused.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/en/news/_posts" "$site/fr/news/_posts" "$site/en/about" "$site/fr/about" "$site/_posts"
cat >"$site/_config.yml" <<'YAML'
title: Gemstone
url: https://gemstone.example
permalink: pretty
YAML
post() { printf -- '---\nlayout: news_post\ntitle: "%s"\nlang: %s\n---\n%s\n' "$2" "$3" "$4" >"$site/$1"; }
post en/news/_posts/2024-05-01-release.md "Gemstone 2.0 released" en \
	'Version 2.0 is out. It follows [the preview](/en/news/2024/03/10/preview/).'
post en/news/_posts/2024-03-10-preview.md "Gemstone 2.0 preview" en 'A preview.'
post fr/news/_posts/2024-05-02-parution.md "Gemstone 2.0 est paru" fr \
	'La version 2.0 est parue ([en anglais](/en/news/2024/05/01/release/)).'
printf -- '---\ntitle: About\n---\nRead [the news](/en/news/2024/05/01/release/).\n' >"$site/en/about/index.md"
printf -- '---\ntitle: À propos\n---\nLire [les nouvelles](/fr/news/2024/05/02/parution/).\n' >"$site/fr/about/index.md"
printf -- '---\ntitle: Site news\n---\nThe site moved.\n' >"$site/_posts/2024-01-15-site-moved.md"

"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
cfg=$site/folio.yaml
assert_contains "$cfg" 'folder: "en/news/_posts"'
assert_contains "$cfg" 'permalink: "/:categories/:year/:month/:day/:slug/"'
assert_contains "$cfg" 'categories: ["en", "news"]'
assert_contains "$cfg" 'folder: "fr/news/_posts"'
assert_contains "$cfg" 'categories: ["fr", "news"]'
assert_contains "$cfg" 'folder: "_posts"'
assert_contains "$TEST_DIR/init.txt" 'collection en-news: 2 pages in en/news/_posts/'

"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '0 errors'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
for f in en/news/2024/05/01/release/index.html en/news/2024/03/10/preview/index.html \
	fr/news/2024/05/02/parution/index.html en/news/index.html; do
	[ -f "$out/$f" ] || fail "no $f"
done
[ -e "$out/en/news/_posts" ] && fail "a post is published at its file's path"
assert_contains "$out/en/news/2024/05/01/release/index.html" 'href="/en/news/2024/03/10/preview/"'
assert_contains "$out/en/news/2024/05/01/release/index.html" '2024-05-01'
assert_contains "$out/en/news/index.html" 'href="/en/news/2024/05/01/release/"'
assert_not_contains "$out/en/news/index.html" 'parution'

printf -- '---\nlayout: news_post\ntitle: Old\nlang: en\n---\nSee [the old post](/en/news/2001/01/01/gone/).\n' >"$site/en/news/_posts/2024-06-01-old.md"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 && fail "a link to no post passed"
cat "$TEST_DIR/check2.txt"
assert_contains "$TEST_DIR/check2.txt" 'en/news/_posts/2024-06-01-old.md:6:20: error: link to "/en/news/2001/01/01/gone/" points to no page [link/broken]'
echo "ok"
