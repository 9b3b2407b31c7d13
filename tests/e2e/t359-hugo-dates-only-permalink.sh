#!/bin/bash
# A Hugo permalink of dates alone, /:section/:year/:month/ (neovim.io's
# news, with frontmatter's :filename dates): init keeps it, each page is at
# its month (/news/2014/07/), and links to those addresses hold; two pages
# in one month are an output/clash naming both, where Hugo writes one over
# the other. Published with a state, as a full build.
. "$(dirname "$0")/lib.sh"

repo=$TEST_DIR/repo out=$TEST_DIR/out state=$TEST_DIR/state
mkdir -p "$repo/content/news"
cd "$repo"
printf "baseURL = 'https://news-site.org/'\ntitle = 'News'\n[frontmatter]\n  date = [':filename', ':default']\n[permalinks]\n  news = '/:section/:year/:month/'\n" >hugo.toml
printf -- '---\ntitle: July newsletter\n---\n\nHello.\n' >content/news/2014-07-04-newsletter.md
printf -- '---\ntitle: April newsletter\n---\n\nSee [July](/news/2014/07/).\n' >content/news/2015-04-03-newsletter.md
"$FOLIO" init --from hugo . >"$TEST_DIR/init.txt" 2>&1 || { cat "$TEST_DIR/init.txt" >&2; fail "init failed"; }
assert_not_contains "$TEST_DIR/init.txt" "cannot be expressed"
assert_contains folio.yaml 'permalink: "/news/:year/:month/"'
git init -q && git add -A && git commit -qm site
publish "$repo" "$out" "$state" "the first publish"
assert_contains "$out/news/2014/07/index.html" "July newsletter"
assert_contains "$out/news/2015/04/index.html" 'href="/news/2014/07/"'
same_as_full "$repo" "$out" "the first publish"

# a third in April 2015: both April pages named in one output/clash
printf -- '---\ntitle: Another April\n---\n\nAgain.\n' >content/news/2015-04-20-again.md
git add -A && git commit -qm "two in April"
refused_like_full "$repo" "$out" "$state" "two pages in one month" "output/clash"
assert_contains "$TEST_DIR/inc.txt" "content/news/2015-04-03-newsletter.md"
assert_contains "$TEST_DIR/inc.txt" "content/news/2015-04-20-again.md"

# one in a new month is published at it
printf -- '---\ntitle: May\n---\n\nMay.\n' >content/news/2015-05-02-may.md
git add -A && git commit -qm may
publish "$repo" "$out" "$state" "a new month"
assert_contains "$out/news/2015/05/index.html" "May."
same_as_full "$repo" "$out" "a new month"
