#!/bin/bash
# Hugo ends YAML front matter at the first line that starts with "---",
# whatever follows on it, and reads the rest of that line as the body's
# first text (checked with Hugo 0.111: "---6------1-----" then "---" is
# the page's title from its front matter and a heading "6------1-----").
# A non-profit's blog post has such a line (twenty-sixth pass): folio
# needed a line "---" alone, read the lines after it as YAML and refused
# the page (front-matter/syntax, locked, which no --baseline sets aside).
# init --from hugo now writes hugo_fences: true when a page needs it, and
# folio reads those pages as Hugo does; without the key, a line "---"
# alone still closes it (Jekyll's rule, a site without such pages).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/blog/2024/funding" "$s/content/blog/2024/hubs"
printf 'baseURL = "https://hubs.example/"\ntitle = "Hubs"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Funding news\ndate: 2024-05-01\ntags: [grants]\n---6------1-----\n---\nWe were funded.\n' \
	>"$s/content/blog/2024/funding/index.md"
printf -- '---\ntitle: New hubs\ndate: 2024-06-01\n---\nTwo more.\n' >"$s/content/blog/2024/hubs/index.md"
o=$TEST_DIR/out
migrate_and_build hugo "$s" "$o" >/dev/null
assert_contains "$s/folio.yaml" 'hugo_fences: true'
p=$(find "$o" -path '*funding*' -name index.html | head -1)
[ -n "$p" ] || fail "the post is not published: $(cd "$o" && find . -name '*.html' | sort | tr '\n' ' ')"
assert_contains "$p" 'Funding news'
assert_contains "$p" '<h2'
assert_contains "$p" 'We were funded.'
assert_not_contains "$p" 'title: Funding'
[ -d "$o/tags/grants" ] || fail "the tag of the post is lost"
# without the key, the line is front matter, as before (and as Jekyll has it)
cp -r "$s" "$TEST_DIR/strict"
sed -i '/^hugo_fences: true$/d' "$TEST_DIR/strict/folio.yaml"
r=0
"$FOLIO" check --worktree "$TEST_DIR/strict" >"$TEST_DIR/check.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "the strict reading passed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'front-matter/syntax'
# a site with no such page gets no key
rm -rf "$TEST_DIR/plain" && cp -r "$s" "$TEST_DIR/plain" && rm -rf "$TEST_DIR/plain/folio.yaml" "$TEST_DIR/plain/schemas"
rm -r "$TEST_DIR/plain/content/blog/2024/funding"
"$FOLIO" init --from hugo "$TEST_DIR/plain" >/dev/null 2>&1 || fail "init of the plain site"
assert_not_contains "$TEST_DIR/plain/folio.yaml" 'hugo_fences'
# from the state: the post's body edited, then its fence line
r=$TEST_DIR/repo
repo_of "$s" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
same_as_full "$r" "$TEST_DIR/pub" "first"
sed -i 's/We were funded./We were funded twice./' "$r/content/blog/2024/funding/index.md"
git -C "$r" commit -qam "the body"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "the body"
same_as_full "$r" "$TEST_DIR/pub" "the body"
sed -i 's/^---6------1-----$/---7--/' "$r/content/blog/2024/funding/index.md"
git -C "$r" commit -qam "the fence line"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "the fence"
same_as_full "$r" "$TEST_DIR/pub" "the fence"
echo ok
