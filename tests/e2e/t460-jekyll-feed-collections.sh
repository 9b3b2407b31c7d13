#!/bin/bash
# jekyll-feed's feed: collections: (ROOT's [releases, ideas]) writes a feed
# of each collection's newest documents at /feed/<name>.xml, or at its
# path:, posts_limit: of them; Debian's Jekyll 4.3.1 (jekyll-feed 0.17)
# writes /feed/events.xml of this site with Workshop 3 and Workshop 2.
# init kept /feed.xml alone and said nothing of the others: their
# subscribers lost them. Now each is a feed of folio.yaml, and one of a
# collection without dates (releases), which folio cannot order, is named.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_events" "$j/_releases" "$j/_posts" "$j/_layouts"
cat >"$j/_config.yml" <<'YAML'
title: Project
url: https://project.example
plugins: [jekyll-feed]
feed:
  posts_limit: 2
  collections: [events, releases]
collections:
  events:
    output: true
  releases:
    output: true
YAML
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
for i in 1 2 3; do
	printf -- '---\ntitle: Workshop %s\ndate: 2026-0%s-10\n---\nWorkshop number %s.\n' "$i" "$i" "$i" >"$j/_events/workshop-$i.md"
done
printf -- '---\ntitle: Release 6.30\n---\nNotes.\n' >"$j/_releases/v630.md"
printf -- '---\ntitle: News\n---\nNews.\n' >"$j/_posts/2026-01-02-news.md"
printf -- '---\ntitle: Home\n---\nHome.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$TEST_DIR/init.txt" "jekyll-feed's /feed/releases.xml is not kept: releases is no dated collection folio reads"
assert_contains "$out/feed/events.xml" '<title>Workshop 3</title>'
assert_contains "$out/feed/events.xml" '<title>Workshop 2</title>'
assert_not_contains "$out/feed/events.xml" 'Workshop 1'
assert_contains "$out/feed.xml" '<title>News</title>'

# the settings' form: a path: of its own, categories named
h=$TEST_DIR/hash
cp -r "$j" "$h"
rm -rf "$h/folio.yaml" "$h/schemas"
sed -i 's|^  collections: \[events, releases\]|  collections:\n    events:\n      path: /events.atom\n      categories: [school]|' "$h/_config.yml"
"$FOLIO" init --from jekyll "$h" >"$TEST_DIR/init-h.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init-h.txt")"
assert_contains "$h/folio.yaml" 'url: "/events.atom"'
assert_contains "$TEST_DIR/init-h.txt" "jekyll-feed's feeds of the categories of events (/feed/events/<category>.xml) are not kept"

# published from a state as a full build
repo=$TEST_DIR/repo
repo_of "$j" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "first publish"
printf -- '---\ntitle: Workshop 4\ndate: 2026-04-10\n---\nWorkshop number 4.\n' >"$repo/_events/workshop-4.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "one more workshop"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/state" "workshop added"
assert_contains "$TEST_DIR/pub/feed/events.xml" '<title>Workshop 4</title>'
same_as_full "$repo" "$TEST_DIR/pub" "workshop added"
echo "ok"
