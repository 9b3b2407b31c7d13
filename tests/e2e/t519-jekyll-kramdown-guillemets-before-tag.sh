#!/bin/bash
# "<<oui>>" is «oui» to kramdown, which reads "<<" as a guillemet before
# any tag can start; cmark reads a '<' then a tag <oui>, so folio showed
# "<" then dropped or kept a made-up tag. Debian's Jekyll 4.3.1 writes
# this page's paragraphs as below; a tag after a '<' written as an entity
# (&lt;) stays a tag, as it does for kramdown.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j"
printf 'title: Carnet\nurl: https://carnet.example\nlang: fr\nmarkdown: kramdown\n' >"$j/_config.yml"
cat >"$j/note.md" <<'MD'
---
title: Note
permalink: /note/
---
Il a dit <<oui>> puis <<non merci>>, et <<span class="x">> aussi.

Un vrai <b>gras</b>>, et &lt;<em>entité</em>.
MD
migrate_and_build jekyll "$j" "$TEST_DIR/out"
page=$TEST_DIR/out/note/index.html
assert_contains "$page" '<p>Il a dit «oui» puis «non merci», et «span class=”x”» aussi.</p>'
assert_contains "$page" '<p>Un vrai <b>gras</b>&gt;, et &lt;<em>entité</em>.</p>'
echo "ok"
