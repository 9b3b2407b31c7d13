#!/bin/bash
# kramdown reads a raw HTML block to the end tag of its first element,
# blank lines and all: a French association's annual report pasted a
# table from a word processor, its rows indented and a blank line
# between two of them. Debian's Jekyll 4.3.1 writes the table as it is;
# CommonMark ends the HTML block at the blank line, and folio showed the
# indented rows after it as code (<pre><code>&lt;tr&gt;...), 190 cells
# of one post as text. Markdown after the end tag is Markdown still, and
# a <div> holding Markdown between blank lines is raw HTML, as kramdown
# leaves it (**gras** shown as written).
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts"
printf 'title: Institut coopératif\nurl: https://institut.example\nlang: fr\n' >"$j/_config.yml"
cat >"$j/_posts/2025-01-15-rapport-annuel.md" <<'MD'
---
title: Rapport annuel 2024
---
Les séminaires de l'année :

<table class="bilan">
  <tr>
    <td>Séminaire</td>
    <td>Participants</td>
  </tr>

    <tr>
      <td>Coopératives et données</td>
      <td>42</td>
    </tr>

    <tr>
      <td>Communs numériques</td>
      <td>35</td>
    </tr>
</table>

Le bilan est **positif**.

<div class="encart">

**Adhésion** ouverte à tous

</div>
MD
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
page=$(find "$out" -path '*rapport-annuel*' -name '*.html' | head -1)
[ -n "$page" ] || fail "no page for the post"
assert_not_contains "$page" '&lt;tr&gt;'
assert_not_contains "$page" '&lt;td&gt;'
# the rows are the table's, as Jekyll writes them
grep -qF '      <td>Coopératives et données</td>' "$page" || fail "the second row is not raw HTML: $(grep -F 'Coop' "$page")"
grep -qF '      <td>35</td>' "$page" || fail "the third row is not raw HTML"
grep -qF '<p>Le bilan est <strong>positif</strong>.</p>' "$page" || fail "the Markdown after the table is not Markdown"
# kramdown's raw <div>: its Markdown shown as written
grep -qF '**Adhésion** ouverte à tous' "$page" || fail "the div's text is not Jekyll's (raw)"
assert_not_contains "$page" '<strong>Adhésion</strong>'
# nothing of the placeholder left
if grep -qP '\xEE\x80' "$page"; then fail "a placeholder is left in the page"; fi
echo "ok"
