#!/bin/bash
# A translated Hugo site's section text in another language is the list's
# text in that language: /fr/posts/ shows content/fr/posts/_index.md, named
# by its title, as Hugo builds it. folio read the file and showed it
# nowhere, so every French section lost its introduction. And a French
# page's navigation led to the English home and lists: a French reader who
# clicked "Posts" landed in English. Now the list in each language shows
# its own text, and the navigation of every output in a language leads to
# that language's home and lists. A publish from the state follows an edit
# of the French text.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
hugo_en_fr "$site"
page() { printf -- '---\ntitle: %s\ndate: %s\n---\n%s\n' "$2" "$3" "$4" >"$site/content/$1"; }
page en/posts/welcome.md Welcome 2024-01-10 'Welcome.'
page fr/posts/welcome.md Bienvenue 2024-01-10 'Bienvenue.'
printf -- '---\ntitle: Posts\n---\nNews of the **community**.\n' >"$site/content/en/posts/_index.md"
printf -- '---\ntitle: Billets\n---\nLes nouvelles de la [communauté](welcome/).\n' >"$site/content/fr/posts/_index.md"

out=$TEST_DIR/out
migrate_and_build hugo "$site" "$out"
# each list its own language's text, the French one's link read from /fr/posts/
assert_contains "$out/posts/index.html" 'News of the <strong>community</strong>.'
assert_contains "$out/fr/posts/index.html" 'Les nouvelles de la <a href="/fr/posts/welcome/">communauté</a>.'
if grep -q 'News of the' "$out/fr/posts/index.html"; then fail "the French list shows the English text"; fi
# named by its title, in <title> and the heading
assert_contains "$out/fr/posts/index.html" '<title>Billets — '
assert_contains "$out/fr/posts/index.html" '<h1>Billets</h1>'
# the navigation of a French output leads to French pages
for f in fr/posts/welcome/index.html fr/posts/index.html fr/index.html; do
	assert_contains "$out/$f" '<li><a href="/fr/posts/">'
	assert_contains "$out/$f" '<p class="site-title"><a href="/fr/">'
done
assert_contains "$out/posts/welcome/index.html" '<li><a href="/posts/">'
assert_contains "$out/posts/welcome/index.html" '<p class="site-title"><a href="/">'

# the French text edited: a publish from the state shows it
repo=$TEST_DIR/repo
repo_of "$site" "$repo"
pub=$TEST_DIR/pub
st=$TEST_DIR/state
publish "$repo" "$pub" "$st" "first publish"
sed -i 's/^Les nouvelles de la/Toutes les nouvelles de la/' "$repo/content/fr/posts/_index.md"
git -C "$repo" commit -qam "the French section text"
publish "$repo" "$pub" "$st" "second publish"
assert_contains "$pub/fr/posts/index.html" 'Toutes les nouvelles'
same_as_full "$repo" "$pub" "the French section text changed"
echo "ok"
