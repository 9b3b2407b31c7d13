#!/bin/bash
# A Hugo site without markup.goldmark.renderer.unsafe (allow_html: false):
# HTML comments (testdata/hugo-source/content/contact.md holds a block one,
# "<!-- markdownlint-disable -->", and one in a paragraph) are not raw HTML,
# since Goldmark leaves them out and they show and run nothing: the site
# builds, and the comments' text is not on the page; any other tag is still
# html/raw at its line.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
cp -r "$FOLIO_SOURCE_DIR/testdata/hugo-source" "$site"
rm "$site/content/events/2024/date-cassee.md" "$site/content/posts/lien-casse.md"
sed -i 's/unsafe = true/unsafe = false/' "$site/config.toml"
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" 'allow_html: false'
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '0 errors, 0 warnings'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
page=$out/contact/index.html
assert_contains "$page" 'Passez le samedi matin'
for s in markdownlint 'sauf en août'; do
	grep -q "$s" "$page" && fail "a comment's text is on the page: $(grep -n "$s" "$page")"
done

printf '\nUn mot en <b>gras</b>.\n' >>"$site/content/contact.md"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check should refuse the tag (exit $r): $(cat "$TEST_DIR/check2.txt")"
assert_contains "$TEST_DIR/check2.txt" 'content/contact.md:12:11: error: raw HTML is not allowed on this site [html/raw]'
echo "ok"
