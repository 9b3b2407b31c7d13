#!/bin/bash
# Hugo's uglyURLs beyond single pages. A bundle's page is at /post/x.html
# and its files in /post/x/, as Hugo places them: two bundles holding an
# img.png each no longer clash in /post/ (output/clash before), and links
# to /post/x/img.png check. A section's list is at /post.html and its
# pages at /post/page/N.html, as Hugo writes them (a link to /post.html
# was "points to no page" before), and /post/page/2/ is no page, as on
# Hugo's site; a nested section's at /post/nested.html.
# An incremental publish places a file added to a bundle the same way.
. "$(dirname "$0")/lib.sh"
export FOLIO_FINDINGS_LANG=en

site=$TEST_DIR/site
mkdir -p "$site/content/post/lamp" "$site/content/post/stove" "$site/content/post/nested" "$site/content/docs"
printf 'title = "Lantern"\nbaseURL = "https://lantern.example/"\nuglyURLs = true\n' >"$site/hugo.toml"
printf -- '---\ntitle: Posts\n---\nEvery post.\n' >"$site/content/post/_index.md"
printf -- '---\ntitle: Lamp\ndate: 2024-01-02\n---\n![a lamp](img.png) and [the notes](notes.pdf).\n' \
	>"$site/content/post/lamp/index.md"
printf 'lamp png' >"$site/content/post/lamp/img.png"
printf 'lamp pdf' >"$site/content/post/lamp/notes.pdf"
printf -- '---\ntitle: Stove\ndate: 2024-01-03\n---\n![a stove](img.png)\n' >"$site/content/post/stove/index.md"
printf 'stove png' >"$site/content/post/stove/img.png"
printf -- '---\ntitle: Wick\ndate: 2024-01-04\n---\nA wick.\n' >"$site/content/post/wick.md"
printf -- '---\ntitle: Nested\n---\nNested posts.\n' >"$site/content/post/nested/_index.md"
printf -- '---\ntitle: Oil\ndate: 2024-01-05\n---\nOil.\n' >"$site/content/post/nested/oil.md"
cat >"$site/content/docs/guide.md" <<'MD'
---
title: Guide
---
[Posts](/post.html), [page two](/post/page/2.html), [the lamp](/post/lamp.html),
[its picture](/post/lamp/img.png), [the stove's](/post/stove/img.png),
[nested](/post/nested.html), [oil](/post/nested/oil.html).
MD
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
sed -i 's|^    url: "/post/"$|    url: "/post/"\n    page_size: 2|' "$site/folio.yaml"
grep -q 'page_size: 2' "$site/folio.yaml" || fail "the test could not set page_size"

out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
cat "$TEST_DIR/build.txt"
# each bundle's files in its own folder
[ "$(cat "$out/post/lamp/img.png")" = "lamp png" ] || fail "the lamp's picture is not at /post/lamp/img.png"
[ "$(cat "$out/post/stove/img.png")" = "stove png" ] || fail "the stove's picture is not at /post/stove/img.png"
[ -e "$out/post/lamp/notes.pdf" ] || fail "the lamp's notes are not at /post/lamp/notes.pdf"
[ ! -e "$out/post/img.png" ] || fail "a bundle's file should not be beside the page"
assert_contains "$out/post/lamp.html" 'src="/post/lamp/img.png"'
assert_contains "$out/post/lamp.html" 'href="/post/lamp/notes.pdf"'
assert_contains "$out/post/stove.html" 'src="/post/stove/img.png"'
# the lists where Hugo writes them, linked to each other
assert_contains "$out/post.html" 'href="/post/page/2.html"'
assert_contains "$out/post/page/2.html" 'href="/post/'
[ ! -e "$out/post/index.html" ] || fail "the post list should be at /post.html"
assert_contains "$out/post/nested.html" 'Nested posts.'
assert_contains "$out/docs.html" 'href="/docs/guide.html"'
assert_contains "$out/post/index.json" '"home_page_url": "https://lantern.example/post.html"'
assert_contains "$out/sitemap.xml" 'https://lantern.example/post/lamp.html'

# /post (no .html) is served from post.html as the pages' are; /post/
# names the section's page, which Hugo's link render hook (hugo_links)
# writes as /post.html; /post/page/2/ is a folder Hugo writes nothing in
printf -- '---\ntitle: Short\n---\n[Posts](/post), [all](/post/) and [two](/post/page/2.html).\n' \
	>"$site/content/docs/short.md"
"$FOLIO" build --worktree "$site" --out "$TEST_DIR/out-short" >"$TEST_DIR/check-short.txt" 2>&1 \
	|| fail "a link to /post was refused: $(cat "$TEST_DIR/check-short.txt")"
assert_contains "$TEST_DIR/out-short/docs/short.html" 'href="/post.html">all</a>'
printf -- '---\ntitle: Pretty\n---\n[Two](/post/page/2/).\n' >"$site/content/docs/pretty.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check-pretty.txt" 2>&1 || r=$?
cat "$TEST_DIR/check-pretty.txt"
[ $r -eq 1 ] || fail "a link to /post/page/2/ should be refused (exit $r)"
assert_contains "$TEST_DIR/check-pretty.txt" 'content/docs/pretty.md:4:7: error: link to "/post/page/2/" points to no page'
rm "$site/content/docs/short.md" "$site/content/docs/pretty.md"

# incremental: a file added to a bundle, and a link to it
repo=$TEST_DIR/repo
make_repo "$repo" "$site"
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" \
	>"$TEST_DIR/pub1.txt" 2>&1 || fail "the first publish failed: $(cat "$TEST_DIR/pub1.txt")"
printf 'wick png' >"$repo/content/post/lamp/wick.png"
printf '\n![the wick](wick.png)\n' >>"$repo/content/post/lamp/index.md"
printf -- '---\ntitle: Glass\ndate: 2024-02-01\n---\nGlass.\n' >"$repo/content/post/glass.md"
git -C "$repo" add -A
git -C "$repo" commit -qm "A picture of the wick, a new post"
"$FOLIO" build --repo "$repo" --out "$TEST_DIR/pub" --state "$TEST_DIR/state" \
	>"$TEST_DIR/pub2.txt" 2>&1 || fail "the incremental publish failed: $(cat "$TEST_DIR/pub2.txt")"
cat "$TEST_DIR/pub2.txt"
[ "$(cat "$TEST_DIR/pub/post/lamp/wick.png")" = "wick png" ] || fail "the added file is not at /post/lamp/wick.png"
assert_contains "$TEST_DIR/pub/post/lamp.html" 'src="/post/lamp/wick.png"'
assert_contains "$TEST_DIR/pub/post.html" 'href="/post/glass.html"'
"$FOLIO" build --quiet --repo "$repo" --out "$TEST_DIR/full" >/dev/null 2>&1 || fail "the full build failed"
diff -r "$TEST_DIR/pub" "$TEST_DIR/full" >"$TEST_DIR/diff.txt" \
	|| fail "the incremental publish differs from a full build: $(head -20 "$TEST_DIR/diff.txt")"
echo "ok"
