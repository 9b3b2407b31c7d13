#!/bin/bash
# A Hugo site without markup.goldmark.renderer.unsafe (allow_html: false):
# HTML comments (testdata/hugo-source/content/contact.md holds a block one,
# "<!-- markdownlint-disable -->", and one in a paragraph) are not raw HTML,
# since Goldmark leaves them out and they show and run nothing: the site
# builds, and the comments' text is not on the page; any other tag is
# html/raw at its line: a warning, left out of the page as Goldmark leaves
# it out (init writes rules: {html/raw: warning} for such a site), and an
# error once that line is removed.
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
assert_contains "$site/folio.yaml" '  html/raw: warning'
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check1.txt" 2>&1 \
	|| fail "check refused raw HTML Hugo leaves out: $(cat "$TEST_DIR/check1.txt")"
assert_contains "$TEST_DIR/check1.txt" 'content/contact.md:12:11: warning: raw HTML is not allowed on this site [html/raw]'
rm -rf "$out"
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build2.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build2.txt")"
assert_contains "$page" 'Un mot en <!-- raw HTML omitted -->gras<!-- raw HTML omitted -->.'
sed -i '/^rules:/,$d' "$site/folio.yaml"
r=0
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "check should refuse the tag (exit $r): $(cat "$TEST_DIR/check2.txt")"
assert_contains "$TEST_DIR/check2.txt" 'content/contact.md:12:11: error: raw HTML is not allowed on this site [html/raw]'

# init --baseline adds its pages below init's own rules: key, one key
printf -- '---\ntitle: Vieux\n---\nUn [lien](/nulle-part/).\n' >"$site/content/vieux.md"
"$FOLIO" init --from hugo --force --baseline "$site" >"$TEST_DIR/init3.txt" 2>&1 \
	|| fail "init --baseline failed: $(cat "$TEST_DIR/init3.txt")"
[ "$(grep -c '^rules:' "$site/folio.yaml")" = 1 ] || fail "not one rules: key: $(cat "$site/folio.yaml")"
python3 - "$site/folio.yaml" <<'PY'
import sys, yaml
rules = yaml.safe_load(open(sys.argv[1]))["rules"]
assert rules["html/raw"] == "warning", rules
assert rules["link/broken"] == {"severity": "warning", "paths": ["content/vieux.md"]}, rules
PY
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check3.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/check3.txt")"
echo "ok"
