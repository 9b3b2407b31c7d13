#!/bin/bash
# A Hugo site with a contentDir per language (content/en, content/es,
# content/fr), as multilingual community sites are written: init lists the
# languages by weight (es before fr, though fr is declared first) and
# writes language_dirs:, the schema is inferred from every language's
# pages; check and build read content/fr/posts/x.md as x in French, at
# /fr/posts/x/, linked both ways with hreflang in the languages' order; a
# page only in French, versions named apart linked by translationKey, a
# French bundle's image, a French root page reached
# as /fr/about/, per-language lists and feeds; a French page linking to a
# page that has no French version gets a finding naming its file and line.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
mkdir -p "$site/content/en/posts/trip" "$site/content/fr/posts/trip" "$site/content/es/posts" \
	"$site/layouts"
cat >"$site/config.toml" <<'TOML'
baseURL = "https://community.example/"
defaultContentLanguage = "en"
contentDir = "content/en"

[languages.en]
  languageName = "English"
  title = "Community"
  weight = 1
[languages.fr]
  languageName = "Français"
  contentDir = "content/fr"
  weight = 3
[languages.es]
  languageName = "Español"
  contentDir = "content/es"
  weight = 2
TOML
page() { printf -- '---\ntitle: %s\ndate: %s\ncategories: [%s]\n---\n%s\n' "$2" "$3" "$4" "$5" >"$site/content/$1"; }
page en/posts/welcome.md Welcome 2024-01-10 news 'Welcome. See [the trip](/posts/trip/) and [about](/about/).'
page fr/posts/welcome.md Bienvenue 2024-01-10 nouvelles 'Bienvenue. Voir [le voyage](/fr/posts/trip/) et [à propos](/fr/about/).'
page es/posts/welcome.md Bienvenida 2024-01-10 noticias 'Bienvenida.'
page en/posts/trip/index.md Trip 2024-02-01 news 'A trip. ![map](map.png)'
page fr/posts/trip/index.md Voyage 2024-02-01 nouvelles 'Un voyage. ![carte](carte.png)'
printf 'PNG' >"$site/content/en/posts/trip/map.png"
printf 'PNG' >"$site/content/fr/posts/trip/carte.png"
page en/posts/english-only.md 'English only' 2024-03-01 news 'No translation.'
page fr/posts/seul.md Seul 2024-03-02 nouvelles 'Only in French.'
# versions named apart, linked by Hugo's translationKey
printf -- '---\ntitle: History\ndate: 2023-01-01\ncategories: [news]\ntranslationKey: history\n---\nOld days.\n' \
	>"$site/content/en/posts/history.md"
printf -- '---\ntitle: Historique\ndate: 2023-01-01\ncategories: [nouvelles]\ntranslationKey: history\n---\nAutrefois.\n' \
	>"$site/content/fr/posts/historique.md"
printf -- '---\ntitle: About\n---\nAbout us.\n' >"$site/content/en/about.md"
printf -- '---\ntitle: À propos\n---\nÀ propos de nous.\n' >"$site/content/fr/about.md"
printf -- '---\ntitle: Accueil\n---\nLe texte de l’accueil.\n' >"$site/content/fr/_index.md"

"$FOLIO" init --from hugo "$site" >"$TEST_DIR/init.txt" 2>&1 \
	|| fail "init --from hugo failed: $(cat "$TEST_DIR/init.txt")"
cat "$TEST_DIR/init.txt"
assert_contains "$site/folio.yaml" 'title: "Community"'
assert_contains "$site/folio.yaml" 'languages: ["es", "fr"]'
assert_contains "$site/folio.yaml" '  "fr": "content/fr"'
assert_contains "$site/folio.yaml" '  "en": "content/en"'
assert_contains "$site/folio.yaml" '  - "content/fr/_index.md"'
assert_not_contains "$site/folio.yaml" '  - "content/fr"$'
assert_not_contains "$TEST_DIR/init.txt" 'is not read'
# the schema is inferred from every language's pages: 4 English, 4 French, 1 Spanish
assert_contains "$TEST_DIR/init.txt" 'collection posts: 9 pages in content/en/posts/'

"$FOLIO" check --worktree "$site" >"$TEST_DIR/check.txt" 2>&1 \
	|| fail "check failed: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" '0 errors'
out=$TEST_DIR/out
"$FOLIO" build --worktree "$site" --out "$out" >"$TEST_DIR/build.txt" 2>&1 \
	|| fail "build failed: $(cat "$TEST_DIR/build.txt")"
for f in posts/welcome/index.html fr/posts/welcome/index.html es/posts/welcome/index.html \
	fr/posts/trip/index.html fr/posts/trip/carte.png fr/posts/seul/index.html \
	fr/posts/index.html fr/posts/index.xml fr/posts/atom.xml fr/posts/index.json \
	es/posts/index.html; do
	[ -f "$out/$f" ] || fail "no $f"
done
[ -e "$out/content" ] && fail "a language's folder is published as it is"
# below /en/ only Hugo's redirect page to / and its sitemap of the site
# language, which Hugo writes there too (language_sitemaps, t484)
[ "$(cd "$out/en" && find . -type f | sort | tr '\n' ' ')" = "./index.html ./sitemap.xml " ] &&
	grep -q 'http-equiv="refresh"' "$out/en/index.html" ||
	fail "the site language is published below /en/"
# hreflang both ways, absolute, in the languages' order: en, es, fr
for f in posts/welcome/index.html fr/posts/welcome/index.html es/posts/welcome/index.html; do
	tr -d '\n' <"$out/$f" | grep -q 'hreflang="en" href="https://community.example/posts/welcome/">[^<]*<link rel="alternate" hreflang="es" href="https://community.example/es/posts/welcome/">[^<]*<link rel="alternate" hreflang="fr" href="https://community.example/fr/posts/welcome/">' \
		|| fail "$f: no hreflang links to en, es, fr in that order: $(grep hreflang "$out/$f")"
done
assert_contains "$out/fr/posts/welcome/index.html" '<html lang="fr">'
assert_contains "$out/fr/posts/welcome/index.html" 'href="/fr/posts/trip/"'
assert_contains "$out/fr/posts/trip/index.html" 'hreflang="en" href="https://community.example/posts/trip/"'
assert_not_contains "$out/fr/posts/trip/index.html" 'hreflang="es"'
assert_not_contains "$out/posts/english-only/index.html" 'hreflang'
assert_contains "$out/posts/history/index.html" 'hreflang="fr" href="https://community.example/fr/posts/historique/"'
assert_contains "$out/fr/posts/historique/index.html" 'hreflang="en" href="https://community.example/posts/history/"'
assert_not_contains "$out/fr/posts/seul/index.html" 'hreflang'
# per-language lists and feeds hold their language only
assert_contains "$out/fr/posts/index.html" 'href="/fr/posts/seul/"'
assert_not_contains "$out/fr/posts/index.html" 'english-only'
assert_not_contains "$out/posts/index.html" 'href="/fr/posts/seul/"'
# a list links its versions, as Hugo's .AllTranslations (t400)
assert_contains "$out/posts/index.html" 'hreflang="fr" href="https://community.example/fr/posts/"'
python3 - "$out" <<'PY' || fail "feeds"
import json, sys, xml.etree.ElementTree as ET
out = sys.argv[1]
fr = json.load(open(out + "/fr/posts/index.json"))
assert fr["language"] == "fr", fr["language"]
urls = sorted(i["url"] for i in fr["items"])
assert urls == ["https://community.example/fr/posts/historique/", "https://community.example/fr/posts/seul/",
                "https://community.example/fr/posts/trip/", "https://community.example/fr/posts/welcome/"], urls
rss = ET.parse(out + "/fr/posts/index.xml").getroot()
links = sorted(i.findtext("link") for i in rss.iter("item"))
assert links == urls, links
en = json.load(open(out + "/posts/index.json"))
assert all("/fr/" not in i["url"] and "/es/" not in i["url"] for i in en["items"]), en["items"]
PY

# a French page linking to a page that has no French version: a finding at its line
printf -- '---\ntitle: Lien\ndate: 2024-04-01\ncategories: [nouvelles]\n---\nVoir\n[la page](/fr/posts/english-only/).\n' \
	>"$site/content/fr/posts/lien.md"
"$FOLIO" check --worktree "$site" >"$TEST_DIR/check2.txt" 2>&1 && fail "the broken link passed"
cat "$TEST_DIR/check2.txt"
assert_contains "$TEST_DIR/check2.txt" 'content/fr/posts/lien.md:7:11: error: link to "/fr/posts/english-only/" points to no page [link/broken]'
echo "ok"
