#!/bin/bash
# A section whose _index.md says outputs: [json] has no HTML list in
# Hugo's output: its pages are published, /questions/index.html is not
# (Hugo 0.111 on this fixture writes /questions/q-1/ and /questions/q-2/,
# /questions/index.json through the site's layout, no
# /questions/index.html). folio wrote its own list there. init now
# writes list: false for such a section and says so; a section whose
# outputs name HTML (in any case) keeps its list. Thirtieth pass, a
# French cybersecurity guide whose quiz reads its questions as JSON.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/questions" "$s/content/outils"
printf 'baseURL = "https://guide.example/"\ntitle = "Guide"\nlanguageCode = "fr"\n' >"$s/hugo.toml"
printf -- '---\ntitle: Questions\noutputs:\n- json\n---\n' >"$s/content/questions/_index.md"
printf -- '---\ntitle: Un VPN\n---\nUn VPN chiffre.\n' >"$s/content/questions/q-1.md"
printf -- '---\ntitle: Deux\n---\nDeux.\n' >"$s/content/questions/q-2.md"
printf -- '---\ntitle: Outils\noutputs: [HTML, json]\n---\nNos outils.\n' >"$s/content/outils/_index.md"
printf -- '---\ntitle: Un outil\n---\nOutil.\n' >"$s/content/outils/o.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$TEST_DIR/init.txt" 'content/questions/_index.md: outputs names no HTML'
assert_contains "$out/questions/q-1/index.html" 'Un VPN chiffre.'
assert_contains "$out/questions/q-2/index.html" 'Deux.'
[ ! -e "$out/questions/index.html" ] || fail "folio wrote a list at /questions/, where Hugo writes none"
assert_contains "$out/outils/index.html" 'Nos outils.'
assert_contains "$out/outils/o/index.html" 'Outil.'
echo "ok"
