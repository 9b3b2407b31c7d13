#!/bin/bash
# Versions named apart, linked by Hugo's translationKey, as pages are added,
# deleted and retitled: published from the stored site model (issue 14),
# which reads the key from the pages' records (a stub's front matter is
# parsed for it only when its text names it). A French version added under
# another name links with the English page both ways, a translationKey
# moved from one page to another moves the links (the versions before and
# after are rendered again), a deleted version takes them away; after each
# commit the output equals a full build's.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
hugo_en_fr "$site"
page() { printf -- '---\ntitle: %s\ndate: %s\n%s---\n%s\n' "$2" "$3" "$4" "$5" >"$site/content/$1"; }
page en/posts/welcome.md Welcome 2024-01-10 '' 'Welcome.'
page fr/posts/welcome.md Bienvenue 2024-01-10 '' 'Bienvenue.'
page en/posts/history.md History 2023-01-01 $'translationKey: history\n' 'Old days.'
page en/posts/past.md Past 2022-01-01 $'translationKey: past\n' 'Long ago.'
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
git -C "$site" init -q && git -C "$site" add -A && git -C "$site" commit -qm site
out=$TEST_DIR/out state=$TEST_DIR/state
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b0.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/b0.txt")"

n=0
publish() { # label: from the site model, equal to a full build
	n=$((n + 1))
	git -C "$site" add -A && git -C "$site" commit -qm "$1"
	FOLIO_TRACE=1 "$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b$n.txt" 2>&1 \
		|| fail "$1: build failed: $(cat "$TEST_DIR/b$n.txt")"
	grep -q "from the site model" "$TEST_DIR/b$n.txt" || fail "$1: not published from the site model"
	rm -rf "$TEST_DIR/full"
	"$FOLIO" build --repo "$site" --out "$TEST_DIR/full" >"$TEST_DIR/f$n.txt" 2>&1 || fail "$1: full build failed"
	diff -r -x .folio-output "$TEST_DIR/full" "$out" || fail "$1: output differs from a full build"
}
hreflang_fr='hreflang="fr" href="https://community.example/fr/posts/historique/"'

page fr/posts/historique.md Historique 2023-01-01 $'translationKey: history\n' 'Autrefois.'
publish "a French version named apart"
assert_contains "$out/posts/history/index.html" "$hreflang_fr"
assert_contains "$out/fr/posts/historique/index.html" 'hreflang="en" href="https://community.example/posts/history/"'

page fr/posts/historique.md Historique 2023-01-01 $'translationKey: past\n' 'Autrefois.'
publish "the French version's translationKey moved"
assert_not_contains "$out/posts/history/index.html" 'hreflang="fr"'
assert_contains "$out/posts/past/index.html" "$hreflang_fr"
assert_contains "$out/fr/posts/historique/index.html" 'hreflang="en" href="https://community.example/posts/past/"'

git -C "$site" rm -q content/fr/posts/historique.md
publish "the French version deleted"
assert_not_contains "$out/posts/past/index.html" 'hreflang="fr"'
echo ok
