#!/bin/bash
# On a translated Hugo site, a link render hook finds a site path with the
# page's own site's GetPage: "/posts/rules/#limites" written on a French
# page is the French version, /fr/posts/rules/#limites, whose heading that
# anchor names (letsencrypt.org's pages, 31 anchors refused before). With
# hugo_links (what init --from hugo writes), folio looks the path up in the
# page's language first: the anchor is checked against the French page's
# headings and the HTML links there. A path the language has no version of
# is the page as written (/posts/only-en/); an English anchor on a French
# link is a broken anchor, as it is on Hugo's site; a path that already
# names the language, and every link of an English page, are as before.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
hugo_en_fr "$site"
page() { printf -- '---\ntitle: %s\ndate: 2024-01-10\n---\n%s\n' "$2" "$3" >"$site/content/$1"; }
page en/posts/rules.md Rules $'Rules.\n\n## Limits\n\nSome.'
page fr/posts/rules.md Règles $'Règles.\n\n## Limites\n\nQuelques-unes.'
page en/posts/only-en.md 'Only in English' $'English.\n\n## Setup\n\nDo.'
page en/posts/guide.md Guide 'See [the limits](/posts/rules/#limits) and [setup](/posts/only-en/#setup).'
page fr/posts/guide.md Guide $'Voir [les limites](/posts/rules/#limites), [la mise en place](/posts/only-en/#setup)\net [les limites, déjà en français](/fr/posts/rules/#limites).'
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" "hugo_links: true"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 ||
	{ cat "$TEST_DIR/check.txt" >&2; fail "the French links to French anchors were refused"; }
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build failed: $(cat "$TEST_DIR/build.txt")"
assert_contains "$out/fr/posts/guide/index.html" 'href="/fr/posts/rules/#limites"'
assert_contains "$out/fr/posts/guide/index.html" 'href="/posts/only-en/#setup"'
assert_contains "$out/fr/posts/guide/index.html" 'href="/fr/posts/rules/#limites">les limites, déjà'
assert_contains "$out/posts/guide/index.html" 'href="/posts/rules/#limits"'

# the English anchor on the French page: broken, as on Hugo's site
page fr/posts/guide.md Guide 'Voir [les limites](/posts/rules/#limits).'
if "$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1; then
	fail "an English anchor on the French version was accepted"
fi
assert_contains "$TEST_DIR/check2.txt" 'content/fr/posts/guide.md:5:'
assert_contains "$TEST_DIR/check2.txt" '"content/fr/posts/rules.md" has no heading with id "limits" [link/anchor]'
echo "ok: site paths on a French page name the French versions first"
