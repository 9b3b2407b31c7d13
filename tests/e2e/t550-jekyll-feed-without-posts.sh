#!/bin/bash
# jekyll-feed on a site with no post: club418 (an association's meetups,
# an events collection, no _posts) and ETHOS (three collections) load the
# plugin, and Debian's Jekyll 4.3.1 writes /feed.xml all the same, an Atom
# feed of no entry, which minima's and jekyll-seo-tag's heads link from
# every page. folio's init kept no feed ("the site has no dated posts"):
# the address was a 404. Now init writes the posts' collection at _posts/,
# empty, and the feed of it: /feed.xml is there with no entry, and a first
# post written in _posts/ is in it, at Jekyll's address.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_events"
cat >"$j/_config.yml" <<'YAML'
title: Club
url: https://club.example
plugins: [jekyll-feed]
collections:
  events:
    output: true
YAML
printf -- '---\ntitle: Meetup\n---\nA meetup.\n' >"$j/_events/meetup.md"
printf -- '---\ntitle: Home\n---\nHello.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$TEST_DIR/init.txt" '_posts/: no post yet'
[ -f "$out/feed.xml" ] || fail "no /feed.xml, which Jekyll writes"
assert_contains "$out/feed.xml" '<link rel="self" type="application/atom+xml" href="https://club.example/feed.xml"/>'
assert_not_contains "$out/feed.xml" '<entry>'
[ -f "$out/events/meetup.html" ] || fail "the event is not at /events/meetup.html"
# the first post, where Jekyll puts it, is the feed's entry
mkdir -p "$j/_posts"
printf -- '---\ntitle: First\n---\nHi.\n' >"$j/_posts/2025-03-01-first.md"
rm -rf "$out"
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build2.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build2.txt")"
[ -f "$out/2025/03/01/first.html" ] || fail "the post is not at /2025/03/01/first.html"
[ "$(grep -c '<entry>' "$out/feed.xml")" = 1 ] || fail "the post is not in /feed.xml"
assert_contains "$out/feed.xml" 'https://club.example/2025/03/01/first.html'
# a site that does not load the plugin gets no collection of its own
rm -rf "$j/_posts" "$out"
printf 'title: Club\nurl: https://club.example\ncollections:\n  events:\n    output: true\n' >"$j/_config.yml"
"$FOLIO" init --force --from jekyll "$j" >"$TEST_DIR/init2.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init2.txt")"
assert_not_contains "$TEST_DIR/init2.txt" '_posts'
assert_not_contains "$j/folio.yaml" 'feeds:'
echo "ok"
