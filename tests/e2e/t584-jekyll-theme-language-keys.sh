#!/bin/bash
# Jekyll has no key of its own for the site's language: minima and
# jekyll-seo-tag read lang:, which init read, but Beautiful Jekyll's
# layouts write <html lang="{{ site.language }}"> and Minimal Mistakes'
# {{ site.locale }}. A Geneva hiking association on Beautiful Jekyll,
# language: fr, had every page written <html lang="en"> by folio (Jekyll:
# "fr"). Now language:, then locale: (fr_FR
# read as fr-FR), then default_lang: are read when lang: is not there.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
printf 'title: Amis du Salève\nurl: https://amis.example\nlanguage: fr\n' >"$j/_config.yml"
printf '<!DOCTYPE html>\n<html lang="{{ page.language | default: site.language | default: '"'"'en'"'"' }}">\n<body>{{ content }}</body>\n</html>\n' \
	>"$j/_layouts/default.html"
printf -- '---\ntitle: Statuts\nlayout: default\n---\nLes statuts de l’association.\n' >"$j/statuts.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
grep -q '^language: "fr"' "$j/folio.yaml" || fail "folio.yaml's language is not fr: $(grep '^language' "$j/folio.yaml")"
page=$(find "$out" -path '*statuts*' -name '*.html' | head -1)
grep -qF '<html lang="fr"' "$page" || fail "the page is not <html lang=\"fr\">: $(grep -o '<html[^>]*>' "$page")"

# Minimal Mistakes' locale:, written with an underscore
k=$TEST_DIR/mm
mkdir -p "$k"
printf 'title: Laboratoire\nurl: https://labo.example\nlocale: "fr_FR"\n' >"$k/_config.yml"
printf -- '---\ntitle: Équipe\n---\nLes membres.\n' >"$k/equipe.md"
migrate_and_build jekyll "$k" "$TEST_DIR/out2"
grep -q '^language: "fr-FR"' "$k/folio.yaml" || fail "locale: fr_FR is not fr-FR: $(grep '^language' "$k/folio.yaml")"

# lang: still wins
m=$TEST_DIR/both
mkdir -p "$m"
printf 'title: Lab\nurl: https://lab.example\nlang: en\nlanguage: fr\n' >"$m/_config.yml"
printf -- '---\ntitle: Team\n---\nMembers.\n' >"$m/team.md"
migrate_and_build jekyll "$m" "$TEST_DIR/out3"
grep -q '^language: "en"' "$m/folio.yaml" || fail "lang: does not win"
echo "ok"
