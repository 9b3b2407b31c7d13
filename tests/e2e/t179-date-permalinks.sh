#!/bin/bash
# Date permalinks (a collection's permalink: with :year, :month, :day): the
# Jekyll site (testdata/jekyll-site) with its posts at
# /news/:year/:month/:day/:title/, as Jekyll blogs have them: init writes
# the pattern as the collection's permalink (url: /news/ for its list);
# each post is at its date's URL (from its file name, or its date: in any
# of Jekyll's forms), links to those URLs are valid, a post's own
# permalink: still wins; folio.yaml refuses a pattern it cannot fill.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_initfrom.sh"

site=$TEST_DIR/site
cp -r "$FOLIO_SOURCE_DIR/testdata/jekyll-site" "$site"
rm "$site/_posts/2024-03-09-broken-link.md"
sed -i 's|^permalink: /blog/:title/|permalink: /news/:year/:month/:day/:title/|' "$site/_config.yml"
# the links the old blog holds are to the dated URLs
grep -rl '/blog/' "$site/_posts" "$site/docs" | while read -r f; do
	sed -i 's|/blog/new-boats/|/news/2024/01/15/new-boats/|; s|/blog/spring-regatta/|/news/2023/05/01/spring-regatta/|' "$f"
done
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
cfg=$site/folio.yaml
assert_contains "$cfg" 'permalink: "/news/:year/:month/:day/:slug/"'
assert_contains "$cfg" 'url: "/news/"'
grep -q 'cannot be expressed' "$cfg" && fail "the permalink is said not to be expressible: $(cat "$cfg")"

"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check.txt")"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
for f in news/index.html news/2023/05/01/spring-regatta/index.html \
	news/2024/01/15/new-boats/index.html news/2023/06/12/Été-au-lac/index.html \
	meetings/2024/index.html; do
	[ -f "$out/$f" ] || fail "no $f in the output: $(cd "$out" && find news meetings -name index.html)"
done
assert_contains "$out/news/2023/05/01/spring-regatta/index.html" 'href="/news/2024/01/15/new-boats/"'
assert_contains "$out/news/index.html" '/news/2024/01/15/new-boats/'
python3 - "$out" <<'PY' || fail "the feed's URLs are not the dated ones"
import json, sys
feed = json.load(open(sys.argv[1] + "/news/index.json"))
urls = {i["url"] for i in feed["items"]}
assert "https://rowing.example/news/2023/05/01/spring-regatta/" in urls, urls
PY

# a link to the URL the post would have without its date is broken
sed -i 's|(/news/2024/01/15/new-boats/)|(/news/new-boats/)|' "$site/_posts/2023-05-01-spring-regatta.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check should refuse the link (exit $r): $(cat "$TEST_DIR/check2.txt")"
assert_contains "$TEST_DIR/check2.txt" 'link to "/news/new-boats/" points to no page [link/broken]'

# folio.yaml: a pattern without :slug last, or without date_field, is refused
sed -i 's|permalink: "/news/:year/:month/:day/:slug/"|permalink: "/news/:year/:slug/:month/"|' "$cfg"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check3.txt" 2>&1 || r=$?
[ $r -ne 0 ] || fail "a bad permalink should be refused"
assert_contains "$TEST_DIR/check3.txt" 'ending with :slug/'
echo "ok"
