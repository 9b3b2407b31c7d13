#!/bin/bash
# folio check A..B: B decides (issue 16). A range whose middle commit has an
# error and whose tip B fixed it exits 0 and reports that error as a warning
# marked "fixed by a later commit", in every format (text, json, junit,
# github); --strict-history exits 1 as before; a B with errors exits 1.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site"
base=$(git -C "$site" rev-parse HEAD)
book=books/la-cooperation-dans-l-action-publique.md
cd "$site"
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' $book
git commit -qam "Bad ISBN"
bad=$(git rev-parse HEAD)
sed -i 's/978-2-296-01368-2/978-2-296-01368-1/' $book
git commit -qam "Fix the ISBN"
msg="ISBN check digit is 2, expected 1"

# text
rc=0; "$FOLIO" check "$base"..HEAD >"$TEST_DIR/text" || rc=$?
[ $rc = 0 ] || { cat "$TEST_DIR/text"; fail "a clean tip: exit $rc, expected 0"; }
cat "$TEST_DIR/text"
assert_contains "$TEST_DIR/text" "$book:8:7: warning: $msg [isbn/check-digit] (fixed by a later commit)"
assert_contains "$TEST_DIR/text" "checked 2 commits: 0 errors, 1 warning; the tip decides: 1 error of earlier commits reported as a warning, 1 fixed by a later commit"
rc=0; "$FOLIO" check --strict-history "$base"..HEAD >"$TEST_DIR/strict" || rc=$?
[ $rc = 1 ] || fail "--strict-history: exit $rc, expected 1"
assert_contains "$TEST_DIR/strict" "$book:8:7: error: $msg [isbn/check-digit] (fixed by a later commit)"
assert_contains "$TEST_DIR/strict" "checked 2 commits: 1 error, 0 warnings (1 of 2 commits with errors)"

# json: the reported severity, the commit's own one, and the mark
"$FOLIO" check --format json "$base"..HEAD >"$TEST_DIR/r.json" || fail "json: exit 1, expected 0"
python3 - "$TEST_DIR/r.json" "$bad" <<'PY' || fail "json report is wrong"
import json, sys
r = json.load(open(sys.argv[1]))
assert [c["commit"] for c in r][0] == sys.argv[2], r
assert [c["tip"] for c in r] == [False, True], r
assert [c["errors"] for c in r] == [0, 0] and r[0]["warnings"] == 1, r
f = r[0]["findings"][0]
assert (f["severity"], f["commit_severity"], f["fixed_later"]) == ("warning", "error", True), f
PY
rc=0; "$FOLIO" check --strict-history --format json "$base"..HEAD >"$TEST_DIR/s.json" || rc=$?
[ $rc = 1 ] || fail "json --strict-history: exit $rc, expected 1"
python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))[0]["findings"][0]; assert (f["severity"], f["fixed_later"]) == ("error", True), f' "$TEST_DIR/s.json" ||
	fail "json --strict-history is wrong"

# junit: no failure; the finding, marked, in system-out
"$FOLIO" check --format junit "$base"..HEAD >"$TEST_DIR/j.xml" || fail "junit: exit 1, expected 0"
python3 - "$TEST_DIR/j.xml" <<'PY' || fail "junit report is wrong"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.get("failures") == "0", root.get("failures")
assert [s.get("failures") for s in root.findall("testsuite")] == ["0", "0"]
outs = [o.text for o in root.iter("system-out")]
assert any("warning: ISBN check digit is 2, expected 1 [isbn/check-digit] (fixed by a later commit)" in o for o in outs), outs
PY

# github: a notice saying so, no error annotation
"$FOLIO" check --format github "$base"..HEAD >"$TEST_DIR/gh" || fail "github: exit 1, expected 0"
cat "$TEST_DIR/gh"
grep -q "^::notice file=$book,line=8,col=7,title=isbn/check-digit::commit ${bad:0:12}: fixed by a later commit: $msg" "$TEST_DIR/gh" ||
	fail "no notice for the fixed ISBN"
assert_not_contains "$TEST_DIR/gh" "::error"
rc=0; "$FOLIO" check --strict-history --format github "$base"..HEAD >"$TEST_DIR/gh2" || rc=$?
[ $rc = 1 ] || fail "github --strict-history: exit $rc, expected 1"
grep -q "^::error file=$book,line=8,col=7,title=isbn/check-digit::commit ${bad:0:12}: fixed by a later commit: $msg" "$TEST_DIR/gh2" ||
	fail "strict: no error annotation"

# a tip with errors: exit 1 in every format, the earlier error still at the tip
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' $book
git commit -qam "Bad ISBN again"
printf '\nUne ligne de plus.\n' >>pages/presentation.md
git commit -qam "Touch another page"
for fmt in text json junit github; do
	rc=0; "$FOLIO" check --format $fmt "$base"..HEAD >"$TEST_DIR/bad.$fmt" || rc=$?
	[ $rc = 1 ] || fail "$fmt: a tip with errors: exit $rc, expected 1"
done
cat "$TEST_DIR/bad.text"
assert_contains "$TEST_DIR/bad.text" "warning: $msg [isbn/check-digit] (still at the tip)"
assert_contains "$TEST_DIR/bad.text" "checked 4 commits: 1 error, 2 warnings (1 of 4 commits with errors); the tip decides: 2 errors of earlier commits reported as warnings, 0 fixed by a later commit"
grep -q "^::warning file=$book,line=8,col=7,title=isbn/check-digit::commit [0-9a-f]*: still at the tip: $msg" "$TEST_DIR/bad.github" ||
	fail "github: no warning for the earlier finding still at the tip"
[ "$(grep -c '^::error' "$TEST_DIR/bad.github")" = 1 ] || fail "github: only the tip's error is an error"

# the matching key: same rule and file, and the same message (the line moved)
# or the same line (the message changed); anything else is fixed
git checkout -q -b moved "$base"
printf '\nVoir [la page](../pages/absente.md).\n' >>pages/presentation.md
sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' $book
git commit -qam "A broken link and a bad ISBN"
sed -i '$i Un paragraphe de plus.\n' pages/presentation.md
sed -i 's/978-2-296-01368-2/978-2-296-01368-3/' $book
git commit -qam "Move the link down, another wrong digit"
rc=0; "$FOLIO" check "$base"..HEAD >"$TEST_DIR/moved" || rc=$?
cat "$TEST_DIR/moved"
[ $rc = 1 ] || fail "moved: exit $rc, expected 1"
awk '/^commit /{c=$0} /\[link\/broken\]/{print c " | " $0}' "$TEST_DIR/moved" >"$TEST_DIR/links"
cat "$TEST_DIR/links"
grep -q "A broken link.*warning: .*(still at the tip)" "$TEST_DIR/links" || fail "a moved line counted as fixed"
# another wrong digit: the message changed, the line did not
assert_contains "$TEST_DIR/moved" "warning: $msg [isbn/check-digit] (still at the tip)"
assert_not_contains "$TEST_DIR/moved" "(fixed by a later commit)"
echo "t071 ok"
