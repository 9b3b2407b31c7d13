#!/bin/bash
# A French site (folio.yaml: language: fr) checked from an English terminal
# (LANG=C): its findings are in French, the command line's own words in
# English, in one process; path:line, the severity word and the rule id
# stay as they are, for editors and scripts. A push refused by the real
# pre-receive hook tells the author in French too. fr-CA reads the French
# catalogue; the server's FOLIO_FINDINGS_LANG=en wins over the site.
. "$(dirname "$0")/lib.sh"
unset FOLIO_FINDINGS_LANG # lib.sh's English default off: the site decides
export LANG=C

site=$TEST_DIR/site
make_repo "$site"
grep -qx 'language: fr' "$site/folio.yaml" || fail "the sample site is no longer French"
cat >"$site/pages/essai.md" <<'MD'
---
title: Essai
couleur: bleu
---

Voir [la page perdue](/pages/perdue/).
MD
git -C "$site" add -A
git -C "$site" commit -qm "Essai"

out=$TEST_DIR/check.out
rc=0
"$FOLIO" check --repo "$site" >"$out" 2>&1 || rc=$?
cat "$out"
[ $rc -eq 1 ] || fail "exit $rc, expected 1"
assert_contains "$out" 'pages/essai.md:6:23: error: le lien vers "/pages/perdue/" ne mène à aucune page [link/broken]'
assert_contains "$out" '  conseil : faites le lien vers une page qui existe'
assert_contains "$out" 'pages/essai.md:3:1: error: champ inconnu "couleur" [front-matter/unknown-field]'
assert_not_contains "$out" 'points to no page'
assert_not_contains "$out" 'hint:'
# the summary is the command line's: English under LANG=C
grep -Eq '^checked 1 commit: 2 errors, [0-9]+ warnings?$' "$out" || fail "no English summary"

# the command line's own errors stay English too
rc=0
"$FOLIO" check --repo "$site" --bogus >"$out" 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "exit $rc for an unknown option"
assert_contains "$out" "folio check: unknown option '--bogus'; see 'folio check --help'"

# French of Canada: the French catalogue
sed -i 's/^language: fr$/language: fr-CA/' "$site/folio.yaml"
git -C "$site" commit -qam "fr-CA"
"$FOLIO" check --repo "$site" >"$out" 2>&1 || true
assert_contains "$out" 'le lien vers "/pages/perdue/" ne mène à aucune page'

# the server's operator may want the findings in English whatever the site
FOLIO_FINDINGS_LANG=en "$FOLIO" check --repo "$site" >"$out" 2>&1 || true
assert_contains "$out" 'error: link to "/pages/perdue/" points to no page [link/broken]'
assert_contains "$out" '  hint: link to an existing page'

# a push refused by the real pre-receive hook: the author reads French
server=$TEST_DIR/site.git
git init -q --bare "$server"
env -u FOLIO PATH=/usr/bin:/bin sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
git -C "$site" remote add origin "$server"
rc=0
git -C "$site" push origin main >"$out" 2>&1 || rc=$?
cat "$out"
[ $rc -ne 0 ] || fail "the push with a broken link was accepted"
assert_contains "$out" 'remote: pages/essai.md:6:23: error: le lien vers "/pages/perdue/" ne mène à aucune page [link/broken]'
assert_contains "$out" 'remote: folio: refusing refs/heads/main'
echo "ok: French findings, English command line"
