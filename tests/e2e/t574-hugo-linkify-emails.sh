#!/bin/bash
# Bare e-mail addresses as Goldmark's linkify links them (autolinks:
# goldmark, which init --from hugo writes): only where it looks for a link,
# at a line's head or after a blank, '*', '_', '~' or '('; cmark-gfm's
# extension links one after any byte an address cannot hold, so that
# "&lt;secretariat@institut.example&gt;", an address between escaped
# angle brackets (the thirty-fourth pass's association), and
# "Courriel:direction@…" were links on folio's page and text on Hugo's.
# An address written with its scheme (mailto:a@x, xmpp:a@x) is text too:
# Goldmark links only http, https, ftp and www.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/contact"
printf 'title = "Institut coopératif"\nbaseURL = "https://institut.example/"\nlanguageCode = "fr"\n' >"$s/hugo.toml"
cat >"$s/content/contact/ecrire.md" <<'MD'
---
title: Nous écrire
---
* Secrétariat &lt;secretariat@institut.example&gt;
* Courriel:direction@institut.example ou (labo@institut.example)
* Accueil accueil@institut.example, *bureau@institut.example*
* <presse@institut.example> et mailto:ca@institut.example
MD
migrate_and_build hugo "$s" "$TEST_DIR/out"
assert_contains "$s/folio.yaml" 'autolinks: goldmark'
p=$TEST_DIR/out/contact/ecrire/index.html
for want in \
	'<li>Secrétariat &lt;secretariat@institut.example&gt;</li>' \
	'<li>Courriel:direction@institut.example ou (<a href="mailto:labo@institut.example">labo@institut.example</a>)</li>' \
	'<li>Accueil <a href="mailto:accueil@institut.example">accueil@institut.example</a>, <em><a href="mailto:bureau@institut.example">bureau@institut.example</a></em></li>' \
	'<li><a href="mailto:presse@institut.example">presse@institut.example</a> et mailto:ca@institut.example</li>'
do
	assert_contains "$p" "$want"
done
echo "ok"
