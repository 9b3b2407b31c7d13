#!/bin/bash
# kramdown's typography never converts a quote written as an entity
# (&#39;, &quot;): a hiking association's legal notice has a list item
# whose second line is not indented (a lazy continuation) and holds
# "l&#39;accès". Jekyll 4.3.1 writes l'accès; folio wrote l’accès, as
# cmark-gfm counts such a line's columns as if it were indented to the
# item's text, so the entity was not found beside the literal. An
# indented line, a paragraph, and a quote typed as such are as before.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts"
printf 'title: AGAS\nurl: https://agas.example\nlang: fr\n' >"$j/_config.yml"
cat >"$j/mentions.md" <<'MD'
---
title: Mentions légales
permalink: /mentions/
---
* **Hébergeur :** GitHub
pour l&#39;accès au site
* **Éditeur :** l'association
  pour l&#39;accès indenté

Un paragraphe sur l&#39;accès, et l'association.

> Citation
sur l&#39;accès
MD
printf -- '---\ntitle: Sortie\n---\nAu Salève.\n' >"$j/_posts/2024-05-02-sortie.md"
migrate_and_build jekyll "$j" "$TEST_DIR/out" >/dev/null
page=$TEST_DIR/out/mentions/index.html
assert_contains "$page" "pour l'accès au site"
assert_contains "$page" "pour l'accès indenté"
assert_contains "$page" "Un paragraphe sur l'accès, et l’association."
assert_contains "$page" "sur l'accès"
assert_contains "$page" "<strong>Éditeur :</strong> l’association"
assert_not_contains "$page" "l’accès"
echo "ok"
