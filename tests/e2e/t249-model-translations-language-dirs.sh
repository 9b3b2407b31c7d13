#!/bin/bash
# Pages added, deleted and retitled on a Hugo site with a contentDir per
# language (language_dirs:) are published from the stored site model
# (issue 14), not by loading the whole site: a French version added by
# folder gives the English page its hreflang link, a new English page
# joins the English lists only, a retitle changes the lists and feeds of
# its language, a deleted version takes the link away again; after each
# commit the output equals a full build's, and the findings too.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
hugo_en_fr "$site"
page() { printf -- '---\ntitle: %s\ndate: %s\n---\n%s\n' "$2" "$3" "$4" >"$site/content/$1"; }
page en/posts/welcome.md Welcome 2024-01-10 'Welcome.'
page fr/posts/welcome.md Bienvenue 2024-01-10 'Bienvenue.'
page en/posts/history.md History 2023-01-01 'Old days.'
page en/posts/later.md Later 2023-06-01 'Later days.'
"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
assert_contains "$site/folio.yaml" "language_dirs:"
git -C "$site" init -q && git -C "$site" add -A && git -C "$site" commit -qm site
out=$TEST_DIR/out state=$TEST_DIR/state
"$FOLIO" build --repo "$site" --out "$out" --state "$state" >"$TEST_DIR/b0.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/b0.txt")"
assert_not_contains "$out/posts/history/index.html" 'hreflang="fr"'

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

page fr/posts/history.md Histoire 2023-01-01 'Autrefois.'
publish "a French version by folder"
assert_contains "$out/posts/history/index.html" 'hreflang="fr" href="https://community.example/fr/posts/history/"'
assert_contains "$out/fr/posts/history/index.html" 'hreflang="en" href="https://community.example/posts/history/"'
assert_contains "$out/fr/posts/index.html" 'Histoire'
assert_not_contains "$out/posts/index.html" 'Histoire'

page en/posts/news.md News 2024-05-01 'Fresh news.'
publish "an English page"
assert_contains "$out/posts/index.html" 'News'
assert_not_contains "$out/fr/posts/index.html" 'News'
assert_not_contains "$out/posts/news/index.html" 'hreflang="fr"'

page fr/posts/welcome.md 'Bienvenue à tous' 2024-01-10 'Bienvenue.'
publish "a French retitle"
assert_contains "$out/fr/posts/index.html" 'Bienvenue à tous'
assert_contains "$out/posts/welcome/index.html" 'hreflang="fr" href="https://community.example/fr/posts/welcome/"'

git -C "$site" rm -q content/fr/posts/history.md
publish "the French version deleted"
assert_not_contains "$out/posts/history/index.html" 'hreflang="fr"'
[ ! -e "$out/fr/posts/history/index.html" ] || fail "the deleted version's page is still published"
echo ok
