#!/bin/bash
# Hugo's urlize keeps a title's '/': under a permalink of :title (or of
# :slug, for a page without slug:) the page titled "Paiements en ligne /
# Financements" is at /thematiques/paiements-en-ligne-/-financements/,
# two folders down, and "TCP/IP pour tous" at /2024/tcp/ip-pour-tous/.
# folio dropped the '/' and wrote /thematiques/paiements-en-ligne-
# financements/, where Hugo's links and readers' bookmarks point
# elsewhere. A title whose '/' would give an empty or hidden name (Hugo
# writes /2024/notes-/.cache/-vides/) stays one name, its '/' dropped.
# Checked with Hugo 0.111 on this fixture. Thirtieth pass, a French
# cybersecurity guide whose themes have titles with " / ".
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/thematiques" "$s/content/posts"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://guide.example/"
title = "Guide"
languageCode = "fr"
removePathAccents = true
[permalinks]
thematiques = "/:section/:title/"
posts = "/:year/:slug/"
TOML
printf -- '---\ntitle: Paiements en ligne / Financements\n---\nPayer.\n' >"$s/content/thematiques/t-1.md"
printf -- '---\ntitle: Données confidentielles\n---\nVoir [payer](/thematiques/paiements-en-ligne-/-financements/).\n' \
	>"$s/content/thematiques/t-2.md"
printf -- '---\ntitle: TCP/IP pour tous\ndate: 2024-03-01\n---\nRéseau, voir [ce thème](../thematiques/t-1.md).\n' \
	>"$s/content/posts/a.md"
printf -- '---\ntitle: "Notes /.cache/ vides"\ndate: 2024-03-02\n---\nCache.\n' >"$s/content/posts/b.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$out/thematiques/paiements-en-ligne-/-financements/index.html" 'Payer.'
assert_contains "$out/thematiques/donnees-confidentielles/index.html" 'href="/thematiques/paiements-en-ligne-/-financements/"'
assert_contains "$out/2024/tcp/ip-pour-tous/index.html" 'href="/thematiques/paiements-en-ligne-/-financements/"'
assert_contains "$out/2024/notes-.cache-vides/index.html" 'Cache.'
[ ! -e "$out/thematiques/paiements-en-ligne-financements" ] || fail "the old address is still written"

# published incrementally: the same bytes as a full build, when another
# page changes and when the page is retitled (its old folders emptied)
git -C "$s" init -q
git -C "$s" add -A
git -C "$s" commit -qm "Import"
pub=$TEST_DIR/pub
publish "$s" "$pub" "$TEST_DIR/state" "import"
same_as_full "$s" "$pub" "import"
printf -- '---\ntitle: Données confidentielles\n---\nAutre texte.\n' >"$s/content/thematiques/t-2.md"
git -C "$s" commit -qam "Another page"
publish "$s" "$pub" "$TEST_DIR/state" "another page"
same_as_full "$s" "$pub" "another page"
printf -- '---\ntitle: Paiements / Banque / Cartes\n---\nPayer.\n' >"$s/content/thematiques/t-1.md"
printf -- '---\ntitle: TCP/IP pour tous\ndate: 2024-03-01\n---\nVoir [ce thème](../thematiques/t-1.md).\n' \
	>"$s/content/posts/a.md"
git -C "$s" commit -qam "Retitled"
publish "$s" "$pub" "$TEST_DIR/state" "retitled"
same_as_full "$s" "$pub" "retitled"
assert_contains "$pub/thematiques/paiements-/-banque-/-cartes/index.html" 'Payer.'
assert_contains "$pub/2024/tcp/ip-pour-tous/index.html" 'href="/thematiques/paiements-/-banque-/-cartes/"'
[ ! -e "$pub/thematiques/paiements-en-ligne-" ] || fail "the old address is still published"
echo "ok"
