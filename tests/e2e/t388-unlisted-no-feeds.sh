#!/bin/bash
# A collection with list: false (Hugo's and Jekyll's pages at the top, a
# folder of pages) has no feeds: neither generator writes /pages/atom.xml,
# /pages/index.xml or /pages/index.json, which every scout round found
# folio writing; a link to one is broken. A partner that takes such a
# collection keeps its feed (its deliveries are the feed's items). Each
# publish from the state (a body edit, an add, a delete) is a full build's.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
w() { mkdir -p "$(dirname "$s/$1")"; printf '%s' "$2" >"$s/$1"; }
w _config.yml 'title: Guides
url: https://guides.example.org
permalink: pretty
'
w about.md '---
title: About
---
About the guides.
'
w contact.md '---
title: Contact
---
Write to us.
'
w _posts/2024-01-02-news.md '---
title: News
---
News.
'
migrate_and_build jekyll "$s" "$TEST_DIR/out"
o=$TEST_DIR/out
assert_contains "$s/folio.yaml" "list: false"
for f in pages/atom.xml pages/index.xml pages/index.json; do
	[ ! -e "$o/$f" ] || fail "a collection without a list got $f"
done
[ -f "$o/about/index.html" ] && [ -f "$o/posts/atom.xml" ] || fail "the pages or the posts' feed are missing"

# a link to such a feed is broken, as it is on the Jekyll site
printf -- '---\ntitle: Feeds\n---\n[Pages](/pages/atom.xml)\n' >"$s/feeds.md"
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 && fail "a link to /pages/atom.xml passed"
assert_contains "$TEST_DIR/check.txt" 'link to "/pages/atom.xml" points to no page'
rm "$s/feeds.md"

repo=$TEST_DIR/repo
repo_of "$s" "$repo"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/st" "first"
echo "More about us." >>"$repo/about.md"
git -C "$repo" commit -qam "About: a body edit"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/st" "body edit"
same_as_full "$repo" "$TEST_DIR/pub" "body edit"
printf -- '---\ntitle: Team\n---\nThe team.\n' >"$repo/team.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "A page added"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/st" "add"
same_as_full "$repo" "$TEST_DIR/pub" "add"
git -C "$repo" rm -q contact.md && git -C "$repo" commit -qm "A page deleted"
publish "$repo" "$TEST_DIR/pub" "$TEST_DIR/st" "delete"
same_as_full "$repo" "$TEST_DIR/pub" "delete"
[ ! -e "$TEST_DIR/pub/pages/index.json" ] || fail "the publishes from the state wrote /pages/index.json"

# a partner taking the pages keeps their feed
cat >>"$repo/folio.yaml" <<'YAML'
partners:
  - name: portal
    url: http://127.0.0.1:9/folio
    collections: [pages]
YAML
git -C "$repo" commit -qam "A partner takes the pages"
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/partner-out" >/dev/null 2>&1 || fail "build with a partner failed"
[ -f "$TEST_DIR/partner-out/pages/index.json" ] || fail "a partner's collection lost its feed"
echo "t388: ok"
