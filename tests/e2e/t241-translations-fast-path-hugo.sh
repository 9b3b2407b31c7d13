#!/bin/bash
# The fast path on a Hugo site with a contentDir per language (language_dirs:)
# and versions named apart (translationKey): a body edit of a page whose
# versions share its place in each language's folder is published fast;
# one whose versions a translationKey chose (which the state cannot show)
# is not; both equal a full build, hreflang links included.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
hugo_en_fr "$site"
page() { printf -- '---\ntitle: %s\ndate: %s\n%s---\n%s\n' "$2" "$3" "$4" "$5" >"$site/content/$1"; }
page en/posts/welcome.md Welcome 2024-01-10 '' 'Welcome. See [history](/posts/history/).'
page fr/posts/welcome.md Bienvenue 2024-01-10 '' 'Bienvenue.'
page en/posts/history.md History 2023-01-01 $'translationKey: history\n' 'Old days.'
page fr/posts/historique.md Historique 2023-01-01 $'translationKey: history\n' 'Autrefois.'
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
git -C "$site" init -q && git -C "$site" add -A && git -C "$site" commit -qm site
out=$TEST_DIR/out state=$TEST_DIR/state
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b1.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/b1.txt")"
assert_contains "$out/posts/history/index.html" 'hreflang="fr" href="https://community.example/fr/posts/historique/"'

printf '\nA second paragraph.\n' >>"$site/content/en/posts/welcome.md"
git -C "$site" commit -qam "welcome"
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b2.txt" 2>&1 \
	|| fail "build 2 failed: $(cat "$TEST_DIR/b2.txt")"
assert_contains "$TEST_DIR/b2.txt" "(fast path)"
assert_contains "$out/posts/welcome/index.html" 'hreflang="fr" href="https://community.example/fr/posts/welcome/"'
same_as_full "$site" "$out" "versions by folder"

printf '\nUn second paragraphe.\n' >>"$site/content/fr/posts/welcome.md"
git -C "$site" commit -qam "bienvenue"
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b3.txt" 2>&1 \
	|| fail "build 3 failed: $(cat "$TEST_DIR/b3.txt")"
assert_contains "$TEST_DIR/b3.txt" "(fast path)"
same_as_full "$site" "$out" "a translation by folder"

printf '\nMore old days.\n' >>"$site/content/en/posts/history.md"
git -C "$site" commit -qam "history"
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b4.txt" 2>&1 \
	|| fail "build 4 failed: $(cat "$TEST_DIR/b4.txt")"
assert_not_contains "$TEST_DIR/b4.txt" "(fast path)"
assert_contains "$out/posts/history/index.html" 'More old days.'
assert_contains "$out/posts/history/index.html" 'hreflang="fr" href="https://community.example/fr/posts/historique/"'
same_as_full "$site" "$out" "versions by translationKey"
echo ok
