#!/bin/bash
# W3C's WAI site publishes its news with permalink: /news/:year-:month-:day/:title/
# (dates run together in one segment). folio's permalinks took one date per
# segment: init said the pattern "cannot be expressed", and all 199 posts
# changed address. A segment may now hold dates with letters, digits,
# '-', '_' or '.' between them, the last one may end with the page's name
# (/blog/:year-:month-:day-:title/), and folio.yaml refuses anything else
# in such a segment.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/_posts" "$site/_notes"
cat >"$site/_config.yml" <<'YAML'
title: Accessibility news
url: https://wai.example
collections:
  posts:
    output: true
    permalink: /news/:year-:month-:day/:title/
  notes:
    output: true
    permalink: /notes/:year-:month-:day-:title/
YAML
printf -- '---\ntitle: Hello\n---\nSee [the second](/news/2023-06-01/Second-Post/) and [a note](/notes/2023-07-02-Tip/).\n' \
	>"$site/_posts/2023-05-04-Hello-World.md"
printf -- '---\ntitle: Second\n---\nSecond.\n' >"$site/_posts/2023-06-01-Second-Post.md"
printf -- '---\ntitle: Tip\ndate: 2023-07-02\n---\nA tip.\n' >"$site/_notes/Tip.md"

out=$TEST_DIR/out
migrate_and_build jekyll "$site" "$out"
assert_contains "$site/folio.yaml" 'permalink: "/news/:year-:month-:day/:slug/"'
assert_contains "$site/folio.yaml" 'permalink: "/notes/:year-:month-:day-:slug/"'
assert_not_contains "$TEST_DIR/init.txt" 'cannot be expressed'
assert_contains "$out/news/2023-05-04/Hello-World/index.html" 'href="/news/2023-06-01/Second-Post/"'
assert_contains "$out/news/2023-06-01/Second-Post/index.html" 'Second.'
assert_contains "$out/notes/2023-07-02-Tip/index.html" 'A tip.'

# what such a segment may not hold
for bad in '/x/:year-:bad/:slug/' '/x/:slug-:year/' '/x/:year-:slug/:day/' '/x/:year-%2e/:slug/' '/x/:year-:month/:path-x/'; do
	sed "s|permalink: \"/news/:year-:month-:day/:slug/\"|permalink: \"$bad\"|" "$site/folio.yaml" >"$TEST_DIR/folio.yaml"
	cp "$TEST_DIR/folio.yaml" "$site/folio.yaml.try"
	mv "$site/folio.yaml" "$site/folio.yaml.good"
	mv "$site/folio.yaml.try" "$site/folio.yaml"
	rc=0
	"$FOLIO" check --worktree "$site" >"$TEST_DIR/bad.txt" 2>&1 || rc=$?
	mv "$site/folio.yaml.good" "$site/folio.yaml"
	[ "$rc" != 0 ] || fail "permalink $bad was accepted"
	assert_contains "$TEST_DIR/bad.txt" 'permalink'
done
echo "ok"
