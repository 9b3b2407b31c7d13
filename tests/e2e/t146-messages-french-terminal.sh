#!/bin/bash
# The reverse of t145: an English site (language: en) checked from a French
# terminal. The findings stay English (the site's language); the command
# line's own words are French: the summary, usage errors, --help. The
# terminal's language is read as gettext reads it (LC_ALL, LC_MESSAGES,
# LANG, then LANGUAGE unless the locale is C), whether or not the machine
# has the fr_FR locale installed.
. "$(dirname "$0")/lib.sh"
unset FOLIO_FINDINGS_LANG # lib.sh's English default off: the site decides

site=$TEST_DIR/site
make_repo "$site"
sed -i 's/^language: fr$/language: en/' "$site/folio.yaml"
cat >"$site/pages/essai.md" <<'MD'
---
title: Essai
---

See [the lost page](/pages/perdue/).
MD
git -C "$site" add -A
git -C "$site" commit -qm "Essai"

out=$TEST_DIR/check.out
rc=0
LANG=fr_FR.UTF-8 "$FOLIO" check --repo "$site" >"$out" 2>&1 || rc=$?
cat "$out"
[ $rc -eq 1 ] || fail "exit $rc, expected 1"
assert_contains "$out" 'pages/essai.md:5:21: error: link to "/pages/perdue/" points to no page [link/broken]'
assert_contains "$out" '  hint: link to an existing page'
assert_not_contains "$out" 'ne mène à aucune page'
grep -Eq '^1 version vérifiée : 1 erreur, [0-9]+ avertissements?$' "$out" || fail "no French summary"

# usage errors and --help: the command line's own words
rc=0
LC_MESSAGES=fr_FR.UTF-8 LANG=C "$FOLIO" check --repo "$site" --bogus >"$out" 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "exit $rc for an unknown option"
assert_contains "$out" "folio check : option inconnue '--bogus' ; voir 'folio check --help'"
LANG=fr_CA.UTF-8 "$FOLIO" check --help >"$out"
assert_contains "$out" "affiche cette aide"
assert_contains "$out" "options :"
LANG=C.UTF-8 LANGUAGE=fr:en "$FOLIO" nosuchcommand >"$out" 2>&1 || true
assert_contains "$out" "folio : 'nosuchcommand' n'est pas une commande de folio"
# a command's own usage error (src/cli/cmd_check.c), not only the option parser's
rc=0
LANG=fr_FR.UTF-8 "$FOLIO" check --repo "$site" --worktree "$site" --staged >"$out" 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "exit $rc for --worktree with --staged"
assert_contains "$out" "folio check : donnez un seul de REV, A..B, --worktree ou --staged"
rc=0
LANG=C "$FOLIO" check --repo "$site" --worktree "$site" --staged >"$out" 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "exit $rc for --worktree with --staged under LANG=C"
assert_contains "$out" "folio check: give one of REV, A..B, --worktree or --staged"

# an operational error (folio_error_set, src/util/error.c) follows the
# terminal too: French under a French LANG, English under C
rc=0
LANG=fr_FR.UTF-8 "$FOLIO" check --repo "$TEST_DIR/nonexistent" >"$out" 2>&1 || rc=$?
[ $rc -ne 0 ] || fail "exit 0 for a repository that does not exist"
assert_contains "$out" "folio check : impossible d'ouvrir le dépôt '$TEST_DIR/nonexistent' : "
rc=0
LANG=C "$FOLIO" check --repo "$TEST_DIR/nonexistent" >"$out" 2>&1 || rc=$?
[ $rc -ne 0 ] || fail "exit 0 for a repository that does not exist under LANG=C"
assert_contains "$out" "folio check: cannot open repository '$TEST_DIR/nonexistent': "

# LC_ALL wins over LANG; the C locale ignores LANGUAGE, as gettext does
LC_ALL=C LANG=fr_FR.UTF-8 "$FOLIO" check --help >"$out"
assert_contains "$out" "show this help"
LANG=C LANGUAGE=fr "$FOLIO" check --help >"$out"
assert_contains "$out" "show this help"
echo "ok: English findings, French command line"
