#!/bin/bash
# kramdown ends a raw HTML block at the end tag of the element that opened
# it: a line of Markdown right after "</div>" is Markdown again. A
# research team's projects page (a markdown="1" div per project, then
# "</div>", "<br><br>" and "# Projets terminés" with no blank line between)
# is a heading in Debian's Jekyll 4.3.1's page, and so is the text after a
# plain HTML box. CommonMark's HTML block runs on to the next blank line:
# folio showed "# Projets terminés", its link and "**après**" as written,
# the link unchecked. An element of the same name inside (the nested box)
# still keeps its lines raw, as kramdown does.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
printf 'title: Equipe\nurl: https://lab.example\nlang: fr\nmarkdown: kramdown\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
cat >"$j/projets.md" <<'MD'
---
title: Projets
permalink: /fr/projets/
---
Les projets de l'équipe.

<div markdown="1" class="projet" id="soduco">
## Projet SODUCO (2019 - 2023)

Responsable : **Une chercheuse**
</div>
<br><br>
# Projets terminés
{: .titre}
Des liens vers des [anciens projets](/fr/archives/).

<div class="encadre">
<p>Un encadré.</p>
</div>
Le texte **après** l'encadré.

<div class="a">
  <div class="b">
  </div>
  reste brut
</div>

Fin.
MD
printf -- '---\ntitle: Accueil\n---\nBienvenue.\n' >"$j/index.md"
"$FOLIO" init --from jekyll "$j" >"$TEST_DIR/init.txt" 2>&1 || fail "init: $(cat "$TEST_DIR/init.txt")"
"$FOLIO" check --worktree "$j" >"$TEST_DIR/check.txt" 2>&1 && fail "the broken link was not found"
# the link is checked now, found on line 15 of the file
assert_contains "$TEST_DIR/check.txt" 'projets.md:15:'
printf -- '---\ntitle: Archives\npermalink: /fr/archives/\n---\nArchives.\n' >"$j/archives.md"
out=$TEST_DIR/out
"$FOLIO" build --worktree "$j" --out "$out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
page=$out/fr/projets/index.html
assert_contains "$page" '<h1 id="projets-terminés">Projets terminés</h1>'
assert_contains "$page" 'Des liens vers des <a href="/fr/archives/">anciens projets</a>.'
assert_contains "$page" '<p>Le texte <strong>après</strong> l’encadré.</p>'
assert_not_contains "$page" '# Projets'
# the nested box: its inner end tag is not the outer one's
python3 - "$page" <<'PY' || fail "the nested box is not as written"
import sys
t = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if "  </div>\n  reste brut\n</div>" in t else 1)
PY
assert_not_contains "$page" '<p>reste brut'
echo "ok"
