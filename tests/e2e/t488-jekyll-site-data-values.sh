#!/bin/bash
# {{ site.data.praxis.kontakt.name }} in a page is a value of a data file,
# _data/praxis.yml, which Jekyll writes as any other (a German practice's
# Impressum and contact pages, 25 such tags, in the 28th pass). init named
# it no text value of _config.yml and folio left the tag as written; now
# init reads the site's data files (_data/, or data_dir:), YAML and JSON,
# a folder a nested name, and writes each value pages name in params:.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts" "$j/_data/team" "$j/daten"
cat >"$j/_config.yml" <<'YML'
title: Praxis
url: https://praxis.example
lang: de
YML
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
cat >"$j/_data/praxis.yml" <<'YML'
kontakt:
  name: Dr. Erika Muster
  adresse:
    zeile1: Hauptstraße 1
  telefon: +43 1 234
sprechstunden:
  - montag
YML
printf '{"leitung": {"name": "Anna Beispiel"}}\n' >"$j/_data/team/leute.json"
cat >"$j/impressum.md" <<'MD'
---
title: Impressum
permalink: /impressum/
---
**{{ site.data.praxis.kontakt.name }}**, {{site.data.praxis.kontakt.adresse.zeile1}}, Tel. {{ site.data.praxis.kontakt.telefon }}.

Leitung: {{ site.data.team.leute.leitung.name }}.

Die Liste {{ site.data.praxis.sprechstunden }} bleibt, wie {{ site.data.praxis.fehlt }}.
MD
printf -- '---\ntitle: Start\n---\nWillkommen.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_contains "$j/folio.yaml" '"data.praxis.kontakt.name": "Dr. Erika Muster"'
assert_contains "$j/folio.yaml" '"data.team.leute.leitung.name": "Anna Beispiel"'
page=$out/impressum/index.html
assert_contains "$page" 'Dr. Erika Muster</strong>, Hauptstraße 1, Tel. +43 1 234.'
assert_contains "$page" 'Leitung: Anna Beispiel.'
assert_contains "$page" '{{ site.data.praxis.sprechstunden }} bleibt'
assert_contains "$page" '{{ site.data.praxis.fehlt }}'
assert_contains "$TEST_DIR/init.txt" '{{ site.data.praxis.fehlt }} in 1 pages is left as written: the data files give it no text value'

# data_dir: names another folder, as Jekyll reads it
rm -rf "$j/folio.yaml" "$j/schemas"
mv "$j/_data/praxis.yml" "$j/daten/praxis.yml"
printf 'data_dir: daten\n' >>"$j/_config.yml"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init2.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init2.txt")"
assert_contains "$j/folio.yaml" '"data.praxis.kontakt.name": "Dr. Erika Muster"'
echo "ok"
