#!/bin/bash
# folio init --from jekyll on a site in Jekyll's layout (testdata/jekyll-site:
# _config.yml with permalink, collections and exclude; _posts named by date,
# one with accents and spaces, one CRLF; _drafts, _data, _layouts, _includes,
# _sass; a collection Jekyll does not output; assets/; root pages): folio.yaml
# and schemas are written and no other file changes; check names only the
# defect put there on purpose; without it check and build pass: posts take
# their slug and date from their file name, permalink: front matter is the
# page's address, assets/ is copied, drafts and Jekyll's folders are not
# published; redirect_from: (jekyll-redirect-from) writes redirect pages;
# a post named .markdown (as `jekyll new` names them) is a page;
# a second init refuses to replace folio.yaml.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_initfrom.sh"

site=$TEST_DIR/site
cp -r "$FOLIO_SOURCE_DIR/testdata/jekyll-site" "$site"
tree_sums "$site" >"$TEST_DIR/before.sums"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from jekyll failed: $(cat "$TEST_DIR/init.txt")"
tree_sums "$site" | cmp -s "$TEST_DIR/before.sums" - || fail "init touched the site's files"
cat "$TEST_DIR/init.txt"

cfg=$site/folio.yaml
assert_contains "$cfg" 'title: "Harbour Rowing Club"'
assert_contains "$cfg" 'base_url: "https://rowing.example"'
assert_contains "$cfg" 'folder: "_posts"'
assert_contains "$cfg" 'url: "/blog/"'
assert_contains "$cfg" 'folder: "_events"'
assert_contains "$cfg" 'url: "/events/"'
assert_contains "$cfg" 'folder: "."'
assert_contains "$cfg" '    home: true' # index.md is the home page's text
for d in _drafts _layouts _includes _data _sass _staff notes Gemfile; do
	assert_contains "$cfg" "  - \"$d\""
done
assert_contains "$cfg" $'copy:\n  - "assets"'
python3 - "$site/schemas" <<'PY' || fail "the inferred schemas are not as expected"
import json, sys
d = sys.argv[1]
posts = json.load(open(d + "/posts.json"))
# every post has a date: from its front matter or its file name
assert "date" in posts["required"] and "title" in posts["required"], posts["required"]
assert posts["properties"]["tags"]["items"] == {"type": "string"}, posts["properties"]["tags"]
events = json.load(open(d + "/events.json"))
assert events["properties"]["date"] == {"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]}, events["properties"]
PY

r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check should find the defect (exit $r): $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '_posts/2024-03-09-broken-link.md:6:13: error: link to "/blog/no-such-post/" points to no page [link/broken]'
assert_contains "$TEST_DIR/check.txt" 'checked the worktree: 1 error, 0 warnings'
mapfile -t pages < <(cd "$site" && find _posts _events docs about.md -name '*.md' -o -name '*.markdown' | LC_ALL=C sort)
pages_share "$TEST_DIR/check.txt" "${pages[@]}" | tee "$TEST_DIR/share.txt"
assert_contains "$TEST_DIR/share.txt" 'built unchanged: 11 of 12 pages'

rm "$site/_posts/2024-03-09-broken-link.md"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check2.txt")"
assert_contains "$TEST_DIR/check2.txt" '0 errors, 0 warnings'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
for f in blog/spring-regatta/index.html blog/Été-au-lac/index.html blog/new-boats/index.html \
	blog/regatta-results/index.html meetings/2024/index.html about/index.html events/open-day/index.html \
	events/2024/head-race/index.html docs/guide/rigging/index.html assets/img/boat.svg; do
	[ -f "$out/$f" ] || fail "no $f in the output"
done
for f in _drafts blog/unfinished-idea _staff staff notes _layouts Gemfile index/index.html; do
	[ -e "$out/$f" ] && fail "$f is published"
done
assert_contains "$out/blog/spring-regatta/index.html" 'src="/assets/img/boat.svg"'
assert_contains "$out/news/2023/05/01/spring-regatta.html" 'https://rowing.example/blog/spring-regatta/'
python3 - "$out" <<'PY' || fail "a post's date is not its file name's"
import json, sys
feed = json.load(open(sys.argv[1] + "/blog/index.json"))
dates = {i["url"]: i.get("date_published") for i in feed["items"]}
assert dates["https://rowing.example/blog/spring-regatta/"] == "2023-05-01T00:00:00Z", dates
assert dates["https://rowing.example/blog/new-boats/"] == "2024-01-15T00:00:00Z", dates
assert dates["https://rowing.example/blog/regatta-results/"] == "2024-04-02T00:00:00Z", dates
PY

cp "$cfg" "$TEST_DIR/folio.yaml"
r=0
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/again.txt" 2>&1 || r=$?
[ $r -eq 2 ] || fail "a second init should refuse (exit $r)"
assert_contains "$TEST_DIR/again.txt" 'folio.yaml already exists; nothing was written'
cmp -s "$cfg" "$TEST_DIR/folio.yaml" || fail "a refused init changed folio.yaml"
r=0
"$FOLIO" init --from gatsby "$site" >"$TEST_DIR/bad.txt" 2>&1 || r=$?
[ $r -eq 2 ] || fail "--from gatsby should be refused (exit $r)"
assert_contains "$TEST_DIR/bad.txt" '--from must be hugo or jekyll'
echo "ok"
