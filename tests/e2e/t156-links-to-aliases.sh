#!/bin/bash
# A link to an old URL a page keeps with aliases: (its redirect page) is a
# valid link, absolute or relative alias alike, and its #fragment is
# checked against the page; an old URL no page keeps is still broken.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site" "$FOLIO_SOURCE_DIR/testdata/hugo-site"
# posts/premier-billet/index.md keeps /2019/05/premier-billet/ and
# ancien-billet (relative: /posts/ancien-billet/)
printf '\nLes anciennes adresses : [2019](/2019/05/premier-billet/) et [avant](/posts/ancien-billet/#bienvenue).\n' \
	>>"$site/posts/statuts.md"
git -C "$site" commit -qam "links to aliases"
out=$TEST_DIR/out
"$FOLIO" check --repo "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "links to aliases are refused: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '0 errors, 0 warnings'
"$FOLIO" build --repo "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/association/statuts/index.html" '<a href="/2019/05/premier-billet/">2019</a>'
[ -f "$out/2019/05/premier-billet/index.html" ] || fail "no redirect page at the alias"

# the fragment is the page's: one it lacks is reported
sed -i 's|ancien-billet/#bienvenue|ancien-billet/#nulle-part|' "$site/posts/statuts.md"
git -C "$site" commit -qam "bad fragment"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/frag.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a missing anchor behind an alias passes (exit $r)"
assert_contains "$TEST_DIR/frag.txt" 'has no heading with id "nulle-part" [link/anchor]'

# an old URL that no page keeps is broken
sed -i 's|/2019/05/premier-billet/|/2019/06/autre/|' "$site/posts/statuts.md"
git -C "$site" commit -qam "no alias"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/broken.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a link to an unknown old URL passes (exit $r)"
assert_contains "$TEST_DIR/broken.txt" 'error: link to "/2019/06/autre/" points to no page [link/broken]'
echo ok
