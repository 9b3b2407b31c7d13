#!/bin/bash
# static_at_root: true publishes static/ at the site root, as Hugo does
# (static/img/logo.svg -> /img/logo.svg), and links are checked against
# that place; the default stays /static/ (the sample site). A static file
# that takes a page's place is an output clash.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site" "$FOLIO_SOURCE_DIR/testdata/hugo-site"
out=$TEST_DIR/out
"$FOLIO" build --repo "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
cmp "$out/img/logo.svg" "$site/static/img/logo.svg" || fail "static/img/logo.svg is not at /img/logo.svg"
[ -e "$out/static" ] && fail "static/ published under /static/ too"
assert_contains "$out/posts/bonjour-le-monde/index.html" 'src="/img/logo.svg"'

# the old place is no longer a file of the site
sed -i 's|(/img/logo.svg)|(/static/img/logo.svg)|' "$site/posts/premier-billet/index.md"
git -C "$site" commit -qam "old static link"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/old.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a link to /static/ passes with static_at_root (exit $r)"
assert_contains "$TEST_DIR/old.txt" 'link to "/static/img/logo.svg": no such file in static/ [link/asset]'
git -C "$site" reset -q --hard HEAD~1

# a static file where the home page goes
printf '<p>x</p>\n' >"$site/static/index.html"
git -C "$site" add -A && git -C "$site" commit -qm "static index"
r=0
"$FOLIO" check --repo "$site" >"$TEST_DIR/clash.txt" 2>&1 || r=$?
[ $r -eq 1 ] || fail "a static file over the home page passes (exit $r)"
assert_contains "$TEST_DIR/clash.txt" 'static/index.html: error: output "index.html" is also a page folio makes'
git -C "$site" reset -q --hard HEAD~1

# without the option, static/ stays under /static/
sed -i '/^static_at_root:/d' "$site/folio.yaml"
sed -i 's|(/img/logo.svg)|(/static/img/logo.svg)|' "$site/posts/premier-billet/index.md" "$site/posts/ancres.md"
git -C "$site" commit -qam "default static place"
rm -rf "$out"
"$FOLIO" build --repo "$site" --out "$out" >"$TEST_DIR/build2.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build2.txt")"
[ -f "$out/static/img/logo.svg" ] || fail "the default moved static/"
[ -e "$out/img" ] && fail "static/ published at the root without the option"
echo ok
