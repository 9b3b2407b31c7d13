#!/bin/bash
# Anchors as real sites write them (testdata/hugo-site/posts/ancres.md):
# "### Titre {#ancre}" gives the heading that id (the text loses it),
# percent-encoded fragments are decoded before they are matched, id= and
# <a name=> in raw HTML are anchors, and with allow_html the links inside
# raw HTML are checked and rewritten like Markdown links (a .md file to
# its page's URL).
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site" "$FOLIO_SOURCE_DIR/testdata/hugo-site"
out=$TEST_DIR/out
"$FOLIO" check --repo "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '0 errors, 0 warnings'
"$FOLIO" build --repo "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
page=$out/posts/ancres/index.html
assert_contains "$page" '<h3 id="contenus-non-autorisés">Contenus non autorisés</h3>'
assert_contains "$page" '<h3 id="regles_du_jardin">Règles du jardin</h3>'
assert_not_contains "$page" '{#'
assert_contains "$page" '<a href="/agenda/2023/fete-des-semis/">la fête</a>'
assert_contains "$out/posts/moskva/index.html" '<h2 id="fin">Fin</h2>'

# a link in raw HTML to no page, at its line and column
sed -i 's|<a href="/posts/moskva/#fin">|<a href="/posts/nulle-part/">|' "$site/posts/ancres.md"
git -C "$site" commit -qam "broken HTML link"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/html.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a broken link in raw HTML passes (exit $r)"
assert_contains "$TEST_DIR/html.txt" 'posts/ancres.md:12:10: error: link to "/posts/nulle-part/" points to no page [link/broken]'
git -C "$site" reset -q --hard HEAD~1

# an anchor no heading and no HTML id gives
sed -i 's|(#haut)|(#bas)|' "$site/posts/ancres.md"
git -C "$site" commit -qam "missing anchor"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/anchor.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a missing anchor passes (exit $r)"
assert_contains "$TEST_DIR/anchor.txt" 'has no heading with id "bas" [link/anchor]'
[ "$(grep -c 'link/anchor' "$TEST_DIR/anchor.txt")" -eq 1 ] || fail "other anchors reported: $(cat "$TEST_DIR/anchor.txt")"
echo ok
