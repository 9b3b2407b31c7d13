#!/bin/bash
# A translated Hugo site has a home page per language: /fr/ shows
# content/fr/_index.md and the French pages, as Hugo builds it. folio
# wrote no /fr/ at all (a 404 for every French reader who goes "home"),
# and a link to /fr/ was broken. Now each language of languages: has its
# home page, with its own text when the site's home page has one
# (home: true), its lists' items in that language, <html lang="fr">, in
# the sitemap; and a publish from the state follows a French page added.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
hugo_en_fr "$site"
page() { printf -- '---\ntitle: %s\ndate: %s\n---\n%s\n' "$2" "$3" "$4" >"$site/content/$1"; }
page en/posts/welcome.md Welcome 2024-01-10 'Welcome. In [French](/fr/).'
page fr/posts/welcome.md Bienvenue 2024-01-10 'Bienvenue. En [anglais](/).'
page en/posts/english-only.md 'English only' 2024-03-01 'No translation.'
printf -- '---\ntitle: About\n---\nAbout us.\n' >"$site/content/en/about.md"
printf -- '---\ntitle: Community home\n---\nThe home text.\n' >"$site/content/en/_index.md"
# a section's translation names neither its list's address nor its label
printf -- '---\ntitle: Archives\nurl: /archives\n---\n' >"$site/content/en/posts/_index.md"
printf -- '---\ntitle: Les archives\nurl: /fr/archives\n---\n' >"$site/content/fr/posts/_index.md"
printf -- '---\ntitle: Accueil\n---\nLe texte de l’accueil, et [le billet](posts/welcome/).\n' >"$site/content/fr/_index.md"

"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 || fail "init failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" 'home: true'
assert_contains "$site/folio.yaml" $'    label: "Archives"\n    folder: "content/en/posts"\n    url: "/archives/"'
if grep -q '"content/fr/_index.md"' "$site/folio.yaml"; then fail "the French home page's text is excluded"; fi

out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build refused the site: $(cat "$TEST_DIR/build.txt")"
cat "$TEST_DIR/build.txt"
assert_contains "$out/index.html" '<h1>Community home</h1>'
assert_contains "$out/index.html" 'English only'
assert_contains "$out/fr/index.html" '<html lang="fr">'
assert_contains "$out/fr/index.html" '<h1>Accueil</h1>'
assert_contains "$out/fr/index.html" 'href="/fr/posts/welcome/">le billet</a>'
assert_contains "$out/fr/index.html" 'href="/fr/posts/welcome/">Bienvenue</a>'
assert_contains "$out/fr/index.html" 'href="/fr/archives/">'
if grep -q 'English only' "$out/fr/index.html"; then fail "the French home page lists an English page"; fi
assert_contains "$out/fr/sitemap.xml" '<loc>https://community.example/fr/</loc>' # its language's (t484)
assert_contains "$out/posts/welcome/index.html" 'href="/fr/"'

# a French page added: the French home page lists it on a publish from the state
repo=$TEST_DIR/repo
cp -r "$site" "$repo"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" commit -qm "site"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
printf -- '---\ntitle: Nouvelles\ndate: 2024-04-01\n---\nDu nouveau.\n' >"$repo/content/fr/posts/nouvelles.md"
git -C "$repo" add -A && git -C "$repo" commit -qm "a French post"
publish "$repo" "$pub" "$st" "second publish"
assert_contains "$pub/fr/index.html" 'Nouvelles</a>'
sed -i 's/^Le texte de l.accueil/Un autre texte/' "$repo/content/fr/_index.md"
git -C "$repo" commit -qam "the French home text"
publish "$repo" "$pub" "$st" "third publish"
same_as_full "$repo" "$pub" "the French home text changed"
assert_contains "$pub/fr/index.html" 'Un autre texte'
echo "ok"
