#!/bin/bash
# Tree names that a file system folding names reads as .git, as the
# outputs' marker .folio-output or as the writer's temporary files were
# accepted: ".g<U+0131>t" (the dotless i, which Windows upper-cases to I),
# "static/.folio-output." (Windows drops the dot), ".fol<U+0131>o-output",
# "x.TMP-FOLIO-aside" (case). Each is tree/path now, as the plain name.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
mkdir -p "$(printf 'static/.g\xc4\xb1t')" static/m static/n static/o
echo '[core]' >"$(printf 'static/.g\xc4\xb1t/config')"
echo x >static/m/.folio-output.
echo x >"$(printf 'static/n/.fol\xc4\xb1o-output')"
echo x >static/o/a.TMP-FOLIO-aside
git add -A && git commit -qm "folded names"
rc=0
"$FOLIO" check HEAD >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "$(printf 'static/.g\xc4\xb1t'): error: tree entry refused: name is '.git' or one git or the file system reads as '.git' [tree/path]"
assert_contains "$TEST_DIR/check.txt" "static/m/.folio-output.: error: tree entry refused: name is '.folio-output', the marker of folio's outputs [tree/path]"
assert_contains "$TEST_DIR/check.txt" "$(printf 'static/n/.fol\xc4\xb1o-output'): error: tree entry refused: name is '.folio-output'"
assert_contains "$TEST_DIR/check.txt" "static/o/a.TMP-FOLIO-aside: error: tree entry refused: name holds '.tmp-folio-'"
git reset -q --hard HEAD~1
# look-alikes stay
mkdir -p static/p && echo x >static/p/.gitx && echo y >static/p/.folio-outputs && echo z >static/p/tmp-folio
git add -A && git commit -qm "look-alikes"
"$FOLIO" check HEAD >"$TEST_DIR/ok.txt" 2>&1 || fail "look-alikes refused: $(cat "$TEST_DIR/ok.txt")"
echo "ok names read as .git, the marker or a temporary file once folded are tree/path"
