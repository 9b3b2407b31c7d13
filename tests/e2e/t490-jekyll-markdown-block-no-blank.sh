#!/bin/bash
# kramdown reads the content of an HTML block element with markdown="1"
# as Markdown from the line after its tag: Debian's Jekyll 4.3.1 makes
# the "## Nos activités" below a heading and the text a paragraph with
# <strong>. CommonMark's HTML block runs on to the first blank line, so
# folio wrote "## Nos activités" as text inside the section. On a Jekyll
# site the tag's line is now read as if a blank line followed it; the
# lines after keep their numbers in findings.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
printf 'title: Association\nurl: https://asso.example\nlang: fr\nmarkdown: kramdown\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
cat >"$j/association.md" <<'MD'
---
title: Association
---
<section class="intro" markdown="1">
## Nos activités
Des ateliers **chaque mois**.
</section>

<div markdown="block">
### Adhérer
</div>

<span markdown="1">
reste tel quel
</span>

Voir [les statuts](/statuts/).
MD
printf -- '---\ntitle: Accueil\n---\nBienvenue.\n' >"$j/index.md"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 && fail "the broken link was not found"
# the link is on line 17 of the file, whatever lines the reading adds
assert_contains "$TEST_DIR/check.txt" 'association.md:17:'
printf -- '---\ntitle: Statuts\npermalink: /statuts/\n---\nLes statuts.\n' >"$j/statuts.md"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
page=$(find "$out" -path '*association*' -name '*.html' | head -1)
assert_contains "$page" '<h2 id="nos-activits">Nos activités</h2>'
assert_contains "$page" 'Des ateliers <strong>chaque mois</strong>.'
assert_contains "$page" '<h3 id="adhrer">Adhérer</h3>'
assert_not_contains "$page" '## Nos'
# a span element's content is no block: left as it was
assert_contains "$page" 'reste tel quel'
echo "ok"
