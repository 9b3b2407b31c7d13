#!/bin/bash
# A site's own error page (Jekyll's 404.md at /404.html) is the site's
# 404.html in place of the template's, instead of an output/clash; removing
# it brings the template's back, adding it again replaces it, and each
# incremental publish equals a full build.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/_posts"
printf 'title: Blog\nurl: https://blog.example\n' >"$site/_config.yml"
printf -- '---\nlayout: default\ntitle: Page introuvable\npermalink: /404.html\n---\nCette page n’existe pas.\n' \
	>"$site/404.md"
printf -- '---\ntitle: Bonjour\n---\nUn billet.\n' >"$site/_posts/2024-01-01-bonjour.md"
"$FOLIO" init --from jekyll "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
git -C "$site" init -q && git -C "$site" add -A && git -C "$site" commit -qm site
out=$TEST_DIR/out state=$TEST_DIR/state
"$FOLIO" check --repo "$site" >"$TEST_DIR/c1.txt" 2>&1 || fail "check failed: $(cat "$TEST_DIR/c1.txt")"
assert_not_contains "$TEST_DIR/c1.txt" "output/clash"
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b1.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/b1.txt")"
assert_contains "$out/404.html" 'Cette page n’existe pas.'

git -C "$site" rm -q 404.md && git -C "$site" commit -qm "no own 404"
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b2.txt" 2>&1 \
	|| fail "build 2 failed: $(cat "$TEST_DIR/b2.txt")"
[ -f "$out/404.html" ] || fail "no 404.html once the site's own is gone"
assert_not_contains "$out/404.html" 'Cette page n’existe pas.'
same_as_full "$site" "$out" "the site's 404 removed"

printf -- '---\nlayout: default\ntitle: Perdu\npermalink: /404.html\n---\nPerdu ?\n' >"$site/404.md"
git -C "$site" add -A && git -C "$site" commit -qm "own 404 again"
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b3.txt" 2>&1 \
	|| fail "build 3 failed: $(cat "$TEST_DIR/b3.txt")"
assert_contains "$out/404.html" 'Perdu ?'
same_as_full "$site" "$out" "the site's 404 added"
echo ok
