#!/bin/bash
# A Hugo Blox site (2i2c's layout: config/_default/hugo.yaml, posts as
# bundles below content/blog/<year>/, permalinks blog: /blog/:slug/, a
# link render hook that asks .Page.GetPage for each link). A post links
# another by its folder in the content, "../../2025/funding/": GetPage
# reads it from the bundle's folder (blog/2026/sprint/), finds the bundle
# blog/2025/funding/ and writes its address, /blog/funding/ (checked with
# Hugo 0.111 on this fixture; "../2025/funding/" from a bundle it does
# not find, from a page blog/2026/x.md it does).
# 1. folio refused the link (link/broken) although the page exists; it
#    now names /blog/funding/, without a slash too, and still refuses
#    "../2025/funding/".
# 2. From the state: the linked post renamed (its slug), then the link
#    fixed to a new post: each publish is a full build's bytes.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/config/_default" "$s/content/blog/2025/funding" "$s/content/blog/2026/sprint" \
	"$s/layouts/_default/_markup"
cat >"$s/config/_default/hugo.yaml" <<'YAML'
title: Commons
baseURL: https://commons.example/
permalinks:
  blog: /blog/:slug/
YAML
printf -- '---\ntitle: Funding\nslug: funding\ndate: 2025-09-26\n---\nFunded.\n' >"$s/content/blog/2025/funding/index.md"
printf -- '---\ntitle: Sprint\ndate: 2026-02-01\n---\nSee [funding](../../2025/funding/) and [again](../../2025/funding).\n' \
	>"$s/content/blog/2026/sprint/index.md"
printf -- '---\ntitle: Note\ndate: 2026-02-03\n---\nAs [funding](../2025/funding/) said.\n' >"$s/content/blog/2026/note.md"
echo '{{ with .Page.GetPage .Destination }}<a href="{{ .RelPermalink }}">{{ else }}<a href="{{ $.Destination }}">{{ end }}{{ .Text }}</a>' \
	>"$s/layouts/_default/_markup/render-link.html"
echo '{{ .Content }}' >"$s/layouts/_default/single.html"
# 1
migrate_and_build hugo "$s" "$TEST_DIR/out"
assert_contains "$TEST_DIR/out/blog/sprint/index.html" 'href="/blog/funding/"'
assert_not_contains "$TEST_DIR/out/blog/sprint/index.html" '2025/funding'
assert_contains "$TEST_DIR/out/blog/note/index.html" 'href="/blog/funding/"'
mkdir -p "$s/content/blog/2026/wrong"
printf -- '---\ntitle: Wrong\ndate: 2026-02-02\n---\nSee [funding](../2025/funding/).\n' >"$s/content/blog/2026/wrong/index.md"
r=0
"$FOLIO" check --worktree "$s" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "1: a link GetPage does not find passed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'link to "../2025/funding/" points to no page'
rm -r "$s/content/blog/2026/wrong"
# 2
r=$TEST_DIR/repo
repo_of "$s" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: first"
same_as_full "$r" "$TEST_DIR/pub" "2: first"
sed -i 's/^slug: funding$/slug: funding-2025/' "$r/content/blog/2025/funding/index.md"
git -C "$r" commit -qam "renamed"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: renamed"
assert_contains "$TEST_DIR/pub/blog/sprint/index.html" 'href="/blog/funding-2025/"'
same_as_full "$r" "$TEST_DIR/pub" "2: renamed"
mkdir -p "$r/content/blog/2026/report"
printf -- '---\ntitle: Report\nslug: report\ndate: 2026-03-01\n---\nReported.\n' >"$r/content/blog/2026/report/index.md"
sed -i 's|(../../2025/funding)|(../report/)|' "$r/content/blog/2026/sprint/index.md"
git -C "$r" add -A && git -C "$r" commit -qm "a report"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "2: a report"
assert_contains "$TEST_DIR/pub/blog/sprint/index.html" 'href="/blog/report/"'
same_as_full "$r" "$TEST_DIR/pub" "2: a report"
echo ok
