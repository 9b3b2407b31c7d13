#!/bin/bash
# A name of _config.yml with a '-' in it, which Liquid's names hold:
# Beautiful Jekyll's social-network-links (email, telephone...) that a
# French association's contact and membership pages write as
# {{ site.social-network-links.email }}, in the text and in a mailto:
# link. Debian's Jekyll 4.3.1 writes the values; folio's init read the
# name up to the '-' ("{{ site.social }} ... no text value") and the
# pages showed the tags as written, the links unchecked. Here an
# institute's contact page: liens-sociaux.courriel in a link,
# liens-sociaux.telephone and adresse-postale in the text.
. "$(dirname "$0")/lib.sh"

j=$TEST_DIR/site
mkdir -p "$j"
cat >"$j/_config.yml" <<'YML'
title: Institut coopératif de recherche
url: https://institut.example
lang: fr
liens-sociaux:
  courriel: "bureau@institut.example"
  telephone: "+33100000000"
adresse-postale: "12 rue des Chercheurs, Lyon"
YML
cat >"$j/contact.md" <<'MD'
---
title: Contact
---
Écrivez au [bureau](mailto:{{ site.liens-sociaux.courriel }}) ou appelez le
{{ site.liens-sociaux.telephone }}.

Adresse : {{ site.adresse-postale }}.
MD
out=$TEST_DIR/out
migrate_and_build jekyll "$j" "$out"
assert_not_contains "$TEST_DIR/init.txt" 'site.liens }}'
assert_not_contains "$TEST_DIR/build.txt" 'shortcode/liquid'
page=$out/contact.html
[ -f "$page" ] || fail "no /contact.html"
# Jekyll's text, byte for byte
grep -qF '<a href="mailto:bureau@institut.example">bureau</a> ou appelez le' "$page" \
	|| fail "the mailto: link is not Jekyll's: $(grep -F bureau "$page")"
grep -qF '+33100000000.</p>' "$page" || fail "the telephone is not written"
grep -qF '<p>Adresse : 12 rue des Chercheurs, Lyon.</p>' "$page" || fail "the address is not written"
assert_not_contains "$page" '{{ site.'
echo "ok"
