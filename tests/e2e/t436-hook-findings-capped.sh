#!/bin/bash
# The pre-receive hook shows a pusher at most 50 errors and 20 other
# findings of a commit, errors first, and counts the rest: a migrated site
# may carry thousands of warnings (24,000 on one real Jekyll site), which
# every push printed as "remote:" lines, the errors that refused it lost
# among them. folio check still lists every finding.
. "$(dirname "$0")/lib.sh"

make_repo "$TEST_DIR/site"
server=$TEST_DIR/server.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
cd "$TEST_DIR/site"
git push -q "$server" main 2>"$TEST_DIR/push0" || fail "main refused: $(cat "$TEST_DIR/push0")"

# 30 links to anchors the page lacks (warnings here) come first in the
# file, then 60 links to pages that do not exist (errors)
printf 'rules:\n  link/anchor: warning\n' >>folio.yaml
{
	printf -- '---\ntitle: Liens\n---\n'
	for i in $(seq 30); do echo "Voir [l’ancre $i](#absente-$i)."; echo; done
	for i in $(seq 60); do echo "Voir [la page $i](/pages/absente-$i.html)."; echo; done
} >pages/liens.md
git add -A
git commit -qm "many findings"
id=$(git rev-parse HEAD)
"$FOLIO" check >"$TEST_DIR/check.txt" 2>&1 && fail "the broken links passed folio check"
errors=$(grep -c ': error: ' "$TEST_DIR/check.txt")
warnings=$(grep -c ': warning: ' "$TEST_DIR/check.txt")
[ "$errors" = 60 ] && [ "$warnings" = 30 ] || fail "folio check lists $errors errors and $warnings warnings, expected 60 and 30"

git push "$server" main >"$TEST_DIR/push1" 2>&1 && fail "60 broken links were accepted"
[ "$(grep -c ': error: ' "$TEST_DIR/push1")" = 50 ] || fail "the push shows $(grep -c ': error: ' "$TEST_DIR/push1") errors, expected 50"
[ "$(grep -c ': warning: ' "$TEST_DIR/push1")" = 20 ] || fail "the push shows $(grep -c ': warning: ' "$TEST_DIR/push1") warnings, expected 20"
# errors first, although the warnings come first in the file
first=$(grep -m1 -o ': \(error\|warning\): ' "$TEST_DIR/push1")
[ "$first" = ": error: " ] || fail "the first finding shown is not an error: $first"
assert_contains "$TEST_DIR/push1" "... and 20 more findings not shown (10 errors, 10 warnings): folio check ${id:0:12} lists more of them"
assert_contains "$TEST_DIR/push1" "folio: refusing refs/heads/main: 60 errors at its tip"
echo "ok"
