#!/bin/bash
# kramdown escapes fewer characters than CommonMark: its GFM parser
# (Jekyll's) reads a backslash before \ . * _ + ` < > ( ) [ ] { } # ! : |
# " ' $ = - ~ as an escape, and shows any other with what follows. A
# French association's event (club418.github.io) writes "60 minutes\,
# c'était", a security portal's guide (esdcskp-edscpcs/pcs) "C:\...\maven\,
# extraire": Debian's Jekyll 4.3.1 writes both backslashes, folio dropped
# them as CommonMark does. The expected lines below are Jekyll's own for
# this page; code spans, fenced code and a tag's attributes stay as written,
# and a link's address is CommonMark's.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_layouts"
printf 'title: Club\nurl: https://club.example\nlang: fr\nmarkdown: kramdown\n' >"$j/_config.yml"
printf '<html>{{ content }}</html>' >"$j/_layouts/default.html"
cat >"$j/agenda.md" <<'MD'
---
title: Agenda
layout: default
permalink: /agenda/
---
\- 25 296 requêtes en 60 minutes\, c'était pas prévu ça\.\.\. \!

À partir de C:\Program Files\Fortify\plugins\maven\, extraire le fichier.

Tarif \& adhésion : 50 \% de remise\; écrire à \@club ou \/agenda \? \^ fin.

Échappés : \*pas en italique\*, un \\, deux \_x\_ et \~.

Le code `a\,b` et <span title="x\,y">z\,w</span> restent.

```
chemin\,fichier
```

Voir [le site\,](https://club.example/a\,b) et [la charte][c].

| Tarif\, adhérent | 10 |
|---|---|

Titre\, deux
------------

[c]: https://club.example/c\,d
MD
printf -- '---\ntitle: Accueil\n---\nBienvenue.\n' >"$j/index.md"
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
page=$out/agenda/index.html
python3 - "$page" <<'PY' || fail "backslashes: $(grep -E '<p>|<pre>|description' "$page")"
import sys
html = open(sys.argv[1], encoding="utf-8").read()
for want in [
    "<p>- 25 296 requêtes en 60 minutes\\, c’était pas prévu ça... !</p>",
    "<p>À partir de C:\\Program Files\\Fortify\\plugins\\maven\\, extraire le fichier.</p>",
    "<p>Tarif \\&amp; adhésion : 50 \\% de remise\\; écrire à \\@club ou \\/agenda \\? \\^ fin.</p>",
    "<p>Échappés : *pas en italique*, un \\, deux _x_ et ~.</p>",
    "<code>a\\,b</code> et <span title=\"x\\,y\">z\\,w</span> restent.",
    "<code>chemin\\,fichier\n</code>",
    "content=\"- 25 296 requêtes en 60 minutes\\, c’était",
    "<th>Tarif\\, adhérent</th>",
    "<h2 id=\"titre-deux\">Titre\\, deux</h2>",
    # an address is read as CommonMark reads it, not with a backslash
    # a browser would take for a slash (Jekyll writes href=\"…/a\\,b\")
    "<a href=\"https://club.example/a,b\">le site\\,</a>",
    "<a href=\"https://club.example/c,d\">la charte</a>",
]:
    assert want in html, want
PY
# a Hugo site is CommonMark's: the backslash is an escape there
h=$TEST_DIR/hugo
mkdir -p "$h/content"
printf 'baseURL = "https://h.example/"\ntitle = "H"\n' >"$h/hugo.toml"
printf -- '---\ntitle: P\n---\n60 minutes\\, fin.\n' >"$h/content/p.md"
migrate_and_build hugo "$h" "$TEST_DIR/hout"
assert_contains "$TEST_DIR/hout/p/index.html" '60 minutes, fin.'
echo "ok"
