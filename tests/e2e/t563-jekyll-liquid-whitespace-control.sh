#!/bin/bash
# Liquid's whitespace control on an output tag: {{ x -}} takes away the
# blanks after the tag, {{- x }} those before it. A French association's
# contact page writes "Adresse : {{ site.adresse-postale -}} ." so that
# the full stop follows the address: Jekyll 4.3.1 writes "Lyon.", folio
# read the '-' and kept the space ("Lyon ."). A tag without the '-' keeps
# its blanks; a line break stays (folio keeps a text's lines for its
# findings).
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j/_posts"
printf 'title: Institut\nurl: https://institut.example\nlang: fr\nadresse-postale: "12 rue des Chercheurs, Lyon"\nville: Lyon\n' \
	>"$j/_config.yml"
printf -- '---\ntitle: Contact\npermalink: /contact/\n---\nAdresse : {{ site.adresse-postale -}} .\n\nVille :   {{- site.ville }} !\n\nRien {{ site.ville }} .\n\nAvant {{ site.ville -}}\nsuite.\n' \
	>"$j/contact.md"
printf -- '---\ntitle: Séminaire\n---\nÀ Lyon.\n' >"$j/_posts/2024-03-12-seminaire.md"
migrate_and_build jekyll "$j" "$TEST_DIR/out" >/dev/null
page=$TEST_DIR/out/contact/index.html
assert_contains "$page" '<p>Adresse : 12 rue des Chercheurs, Lyon.</p>'
assert_contains "$page" '<p>Ville :Lyon !</p>'
assert_contains "$page" '<p>Rien Lyon .</p>'
assert_contains "$page" 'Avant Lyon'
echo "ok"
