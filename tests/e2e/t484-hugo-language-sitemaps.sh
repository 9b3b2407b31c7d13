#!/bin/bash
# On a multilingual site Hugo writes a sitemap a language, the site
# language's too below its key (/de/sitemap.xml, /fr/sitemap.xml), and
# /sitemap.xml is a sitemap index of them, in that order (checked with
# Hugo 0.111 on this fixture). folio wrote one /sitemap.xml of every URL,
# and the addresses a search console was given (/fr/sitemap.xml) were
# gone (twenty-eighth pass: a French and English site, a German and
# English one). init --from hugo now writes language_sitemaps: true.
# From the state: a French page added, then the last French page taken
# out, each publish a full build's bytes; past sitemap-urls a language's
# is split in parts below its folder.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/posts"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://verein.example/"
title = "Verein"
defaultContentLanguage = "de"
[languages.de]
  weight = 1
[languages.fr]
  weight = 2
TOML
printf -- '---\ntitle: Start\n---\nWillkommen.\n' >"$s/content/_index.md"
printf -- '---\ntitle: Accueil\n---\nBienvenue.\n' >"$s/content/_index.fr.md"
printf -- '---\ntitle: Treffen\ndate: 2024-03-01\n---\nJeden Dienstag.\n' >"$s/content/posts/treffen.md"
printf -- '---\ntitle: Rencontre\ndate: 2024-03-01\n---\nChaque mardi.\n' >"$s/content/posts/treffen.fr.md"
printf -- '---\ntitle: Werkstatt\ndate: 2024-04-01\n---\nDie Werkstatt.\n' >"$s/content/posts/werkstatt.md"
o=$TEST_DIR/out
migrate_and_build hugo "$s" "$o" >/dev/null
assert_contains "$s/folio.yaml" 'language_sitemaps: true'
# locs FILE: the <loc>s of FILE, one a line, in order
locs() { python3 -c 'import re,sys; print("\n".join(re.findall(r"<loc>([^<]*)</loc>", open(sys.argv[1]).read())))' "$1"; }
assert_contains "$o/sitemap.xml" '<sitemapindex'
[ "$(locs "$o/sitemap.xml")" = "$(printf 'https://verein.example/de/sitemap.xml\nhttps://verein.example/fr/sitemap.xml')" ] \
	|| fail "index: $(cat "$o/sitemap.xml")"
locs "$o/de/sitemap.xml" >"$TEST_DIR/de.txt"
locs "$o/fr/sitemap.xml" >"$TEST_DIR/fr.txt"
for u in https://verein.example/ https://verein.example/posts/treffen/ https://verein.example/posts/werkstatt/ \
	https://verein.example/posts/; do
	grep -qx "$u" "$TEST_DIR/de.txt" || fail "$u not in /de/sitemap.xml: $(cat "$TEST_DIR/de.txt")"
done
for u in https://verein.example/fr/ https://verein.example/fr/posts/treffen/; do
	grep -qx "$u" "$TEST_DIR/fr.txt" || fail "$u not in /fr/sitemap.xml: $(cat "$TEST_DIR/fr.txt")"
done
! grep -q '/fr/' "$TEST_DIR/de.txt" || fail "a French URL in the German sitemap: $(cat "$TEST_DIR/de.txt")"
! grep -qv '/fr/' "$TEST_DIR/fr.txt" || fail "a German URL in the French sitemap: $(cat "$TEST_DIR/fr.txt")"
assert_contains "$o/fr/sitemap.xml" '<lastmod>2024-03-01'
# from the state
r=$TEST_DIR/repo
repo_of "$s" "$r"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "first"
same_as_full "$r" "$TEST_DIR/pub" "first"
printf -- '---\ntitle: Atelier\ndate: 2024-04-01\n---\nL atelier.\n' >"$r/content/posts/werkstatt.fr.md"
git -C "$r" add -A && git -C "$r" commit -qm "a French page"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "French page"
assert_contains "$TEST_DIR/pub/fr/sitemap.xml" '<loc>https://verein.example/fr/posts/werkstatt/</loc>'
same_as_full "$r" "$TEST_DIR/pub" "French page"
# past sitemap-urls: each language's split below its folder, the index naming the parts
printf '\nlimits:\n  sitemap-urls: 2\n' >>"$r/folio.yaml"
git -C "$r" commit -qam "sitemap parts of 2 URLs"
publish "$r" "$TEST_DIR/pub" "$TEST_DIR/state" "parts"
same_as_full "$r" "$TEST_DIR/pub" "parts"
[ ! -e "$TEST_DIR/pub/fr/sitemap.xml" ] || fail "the French sitemap is still whole past the limit"
locs "$TEST_DIR/pub/sitemap.xml" >"$TEST_DIR/index.txt"
grep -q '^https://verein.example/de/sitemap-[0-9]*\.xml$' "$TEST_DIR/index.txt" || fail "index: $(cat "$TEST_DIR/index.txt")"
grep -q '^https://verein.example/fr/sitemap-[0-9]*\.xml$' "$TEST_DIR/index.txt" || fail "index: $(cat "$TEST_DIR/index.txt")"
n=0
while read -r u; do
	f=$TEST_DIR/pub/${u#https://verein.example/}
	[ -f "$f" ] || fail "the index names $u, which is not written"
	n=$((n + $(locs "$f" | wc -l)))
done <"$TEST_DIR/index.txt"
[ "$n" = "$(cat "$TEST_DIR/de.txt" "$TEST_DIR/fr.txt" | wc -l | awk '{print $1 + 1}')" ] || fail "the parts hold $n URLs"
echo ok
