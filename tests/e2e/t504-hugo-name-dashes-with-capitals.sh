#!/bin/bash
# Hugo's address for a file is its name in lower case, dashes as written
# (urlize keeps '-'): question-1qLb-PALCo-.md is at
# /questions/question-1qlb-palco-/. folio kept a name that is already a
# slug as it is (q-2-.md at /questions/q-2-/) but rebuilt one with
# capitals by its own rule, which drops dashes at either end and joins
# runs: /questions/question-1qlb-palco/, where Hugo's links and
# bookmarks point elsewhere. Checked with Hugo 0.111 on this fixture:
# /questions/question-1qlb-palco-/, /questions/a--b-x/, /questions/q-2-/.
# Thirtieth pass, a French cybersecurity guide whose quiz questions are
# named by generated ids.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/content/questions"
cat >"$s/hugo.toml" <<'TOML'
baseURL = "https://guide.example/"
title = "Guide"
languageCode = "fr"
TOML
printf -- '---\ntitle: Questions\n---\n' >"$s/content/questions/_index.md"
printf -- '---\ntitle: Un VPN\n---\nUn VPN chiffre.\n' >"$s/content/questions/question-1qLb-PALCo-.md"
printf -- '---\ntitle: Deux\n---\nDeux tirets.\n' >"$s/content/questions/A--B-x.md"
printf -- '---\ntitle: Trois\n---\nVoir [la question](/questions/question-1qlb-palco-/).\n' \
	>"$s/content/questions/q-2-.md"
out=$TEST_DIR/out
migrate_and_build hugo "$s" "$out" >/dev/null
assert_contains "$out/questions/question-1qlb-palco-/index.html" 'Un VPN chiffre.'
assert_contains "$out/questions/a--b-x/index.html" 'Deux tirets.'
assert_contains "$out/questions/q-2-/index.html" 'Trois'
[ ! -e "$out/questions/question-1qlb-palco" ] || fail "the old address is still written"
echo "ok"
