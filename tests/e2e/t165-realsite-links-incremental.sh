#!/bin/bash
# The daemon's incremental publish (a push that changes one page renders
# that page again, the others known from the last publish)
# gives what a full build gives for what this part added: in a Jekyll site
# (testdata/jekyll-site, after folio init --from jekyll, its posts at a
# date permalink), a push gives an event a definition list and a link
# relative to its URL, which is read from the page's URL as a full build
# reads it; the page equals the full build's.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_watch.sh"

watch_test # the daemon killed at exit; PORT, URL, BARE, SOCK, OUT, STATE, LOG

src=$TEST_DIR/src
cp -r "$FOLIO_SOURCE_DIR/testdata/jekyll-site" "$src"
rm "$src/_posts/2024-03-09-broken-link.md"
sed -i 's|^permalink: /blog/:title/|permalink: /news/:year/:month/:day/:title/|' "$src/_config.yml"
grep -rl '/blog/' "$src/_posts" "$src/docs" | while read -r f; do
	sed -i 's|/blog/new-boats/|/news/2024/01/15/new-boats/|; s|/blog/spring-regatta/|/news/2023/05/01/spring-regatta/|' "$f"
done
"$FOLIO" init --from jekyll "$src" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
git -C "$src" init -q
git -C "$src" add -A
git -C "$src" commit -qm "A Jekyll site"
watch_start "$src" # $FIRST published

cd "$TEST_DIR/clone"
printf '\n`Coxless four`\n: four rowers, no cox.\n\nSee the [open day](../../open-day/) again.\n' \
	>>_events/2024/head-race.md
git commit -qam "Edit an event"
A=$(git rev-parse HEAD)
git push -q origin main 2>"$TEST_DIR/push.log" || fail "push refused: $(cat "$TEST_DIR/push.log")"
wait_until 60 published_is "$A" || fail "not published: $(status) $(cat "$LOG")"
# only the changed page is rendered again, the others known from the last publish
grep -q "published ${A:0:12}: 1 pages rendered" "$LOG" || fail "${A:0:12} was not incremental: $(cat "$LOG")"

"$FOLIO" build --repo "$BARE" --rev "$A" --out "$TEST_DIR/full" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "full build failed: $(cat "$TEST_DIR/build.txt")"
for f in events/2024/head-race/index.html; do
	cmp -s "$OUT/$f" "$TEST_DIR/full/$f" || fail "$f differs from a full build's: $(diff "$OUT/$f" "$TEST_DIR/full/$f")"
done
assert_contains "$OUT/events/2024/head-race/index.html" 'href="/events/open-day/"'
assert_contains "$OUT/events/2024/head-race/index.html" '<dt id="coxless-four"><code>Coxless four</code></dt>'
echo "ok"
