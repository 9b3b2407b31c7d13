#!/bin/bash
# folio check A..B reports each commit of a five-commit range on its own,
# oldest first; --format junit is well-formed JUnit XML with one suite per
# commit; json lists the commits; --notes stores each verdict as a git note
# that `git log --notes=folio` shows.
. "$(dirname "$0")/lib.sh"

site=$TEST_DIR/site
make_repo "$site"
base=$(git -C "$site" rev-parse HEAD)
book=books/la-cooperation-dans-l-action-publique.md
cd "$site"

sed -i 's/978-2-296-01368-1/978-2-296-01368-2/' $book
git commit -qam "Break the ISBN"
sed -i 's/978-2-296-01368-2/978-2-296-01368-1/' $book
git commit -qam "Repair the ISBN"
printf '\nVoir [la page](../pages/absente.md).\n' >>pages/presentation.md
git commit -qam "Link to a page that does not exist"
git revert --no-edit HEAD >/dev/null
sed -i 's/^pages: 328$/pages: 329/' $book
git commit -qam "Correct the page count"
[ "$(git rev-list --count "$base"..HEAD)" = 5 ] || fail "the range should hold 5 commits"

# text: five headers, oldest first, each with its own findings (strict
# history: each commit's errors count, as t071 shows against the default)
rc=0
"$FOLIO" check --strict-history "$base"..HEAD >"$TEST_DIR/text" 2>&1 || rc=$?
cat "$TEST_DIR/text"
[ $rc = 1 ] || fail "exit $rc, expected 1 (two commits have errors)"
[ "$(grep -c '^commit ' "$TEST_DIR/text")" = 5 ] || fail "expected 5 commit headers"
grep '^commit ' "$TEST_DIR/text" | sed 's/^commit [0-9a-f]* //' >"$TEST_DIR/subjects"
git log --reverse --format=%s "$base"..HEAD >"$TEST_DIR/expected-subjects"
diff -u "$TEST_DIR/expected-subjects" "$TEST_DIR/subjects" || fail "commits not reported oldest first"
# each finding sits under the header of its own commit
awk '/^commit /{c=$0} /\[isbn\/check-digit\]/{print c}' "$TEST_DIR/text" | grep -q "Break the ISBN" ||
	fail "the ISBN error is not under its commit"
[ "$(grep -c '\[isbn/check-digit\]' "$TEST_DIR/text")" = 1 ] || fail "the ISBN error should appear once"
awk '/^commit /{c=$0} /\[link\/broken\]/{print c}' "$TEST_DIR/text" | grep -q "Link to a page" ||
	fail "the broken link is not under its commit"
assert_contains "$TEST_DIR/text" "checked 5 commits: 2 errors, 0 warnings (2 of 5 commits with errors)"

# one commit, and a clean range, exit 0
"$FOLIO" check HEAD >"$TEST_DIR/one" || fail "HEAD is clean but check failed"
[ "$(grep -c '^commit ' "$TEST_DIR/one")" = 1 ] || fail "expected one commit"
"$FOLIO" check HEAD~1..HEAD >/dev/null || fail "the last commit is clean"

# JUnit: well-formed, one suite per commit, failures where the errors are
"$FOLIO" check --strict-history --format junit "$base"..HEAD >"$TEST_DIR/junit.xml" && fail "junit: exit 0 despite errors"
python3 - "$TEST_DIR/junit.xml" <<'PY' || fail "junit report is wrong"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
suites = root.findall("testsuite")
assert len(suites) == 5, len(suites)
fails = [int(s.get("failures")) for s in suites]
assert fails == [1, 0, 1, 0, 0], fails
for s in suites:
    cases = s.findall("testcase")
    assert int(s.get("tests")) == len(cases) >= 13, (s.get("tests"), len(cases))
    assert sum(len(c.findall("failure")) for c in cases) == int(s.get("failures"))
f = suites[0].find(".//failure")
assert f.get("type") == "isbn/check-digit", f.get("type")
assert "books/la-cooperation-dans-l-action-publique.md:8:7" in f.text, f.text
print("junit ok:", len(suites), "suites")
PY

# JSON: an array of five commits in order
"$FOLIO" check --strict-history --format json "$base"..HEAD >"$TEST_DIR/report.json" && fail "json: exit 0 despite errors"
python3 - "$TEST_DIR/report.json" "$(git rev-parse HEAD)" <<'PY' || fail "json report is wrong"
import json, sys
r = json.load(open(sys.argv[1]))
assert [c["errors"] for c in r] == [1, 0, 1, 0, 0], r
assert r[-1]["commit"] == sys.argv[2]
assert r[0]["findings"][0]["rule"] == "isbn/check-digit"
assert r[0]["findings"][0]["line"] == 8
PY

# GitHub annotations
"$FOLIO" check --strict-history --format github "$base"..HEAD >"$TEST_DIR/gh" && fail "github: exit 0 despite errors"
grep -q '^::error file=books/la-cooperation-dans-l-action-publique.md,line=8,col=7,title=isbn/check-digit::' "$TEST_DIR/gh" ||
	fail "no GitHub annotation for the ISBN"

# notes: every commit of the range carries its verdict
# the tip is clean (t071): exit 0, yet each note keeps its own verdict
"$FOLIO" check --notes "$base"..HEAD >/dev/null || fail "notes: the tip is clean, yet exit $?"
[ "$(git notes --ref=folio list | wc -l)" = 5 ] || fail "expected 5 notes"
git log --notes=folio --format='%s%n%N' "$base"..HEAD >"$TEST_DIR/log"
cat "$TEST_DIR/log"
assert_contains "$TEST_DIR/log" "folio: 1 error, 0 warnings"
assert_contains "$TEST_DIR/log" "folio: 0 errors, 0 warnings"
git notes --ref=folio show "$(git rev-list --reverse "$base"..HEAD | sed -n 1p)" >"$TEST_DIR/note1"
assert_contains "$TEST_DIR/note1" "[isbn/check-digit]"
[ "$(grep -c '^folio: 0 errors' "$TEST_DIR/log")" = 3 ] || fail "expected three clean verdicts"
# a second run replaces the notes instead of failing
"$FOLIO" check --notes HEAD >/dev/null || fail "rewriting a note failed"

# the worktree and the index
"$FOLIO" check --worktree "$site" >/dev/null || fail "the worktree is clean"
sed -i 's/978-2-296-01368-1/978-2-296-01368-3/' $book
"$FOLIO" check --worktree "$site" >"$TEST_DIR/wt" && fail "worktree: the bad ISBN went unnoticed"
assert_contains "$TEST_DIR/wt" "[isbn/check-digit]"
"$FOLIO" check --staged >/dev/null || fail "the index is still clean"
git add $book
"$FOLIO" check --staged >"$TEST_DIR/staged" && fail "staged: the bad ISBN went unnoticed"
assert_contains "$TEST_DIR/staged" "checked the index: 1 error"

# usage errors exit 2
rc=0; "$FOLIO" check --format xml >/dev/null 2>&1 || rc=$?
[ $rc = 2 ] || fail "unknown format: exit $rc, expected 2"
rc=0; "$FOLIO" check no-such-rev >/dev/null 2>&1 || rc=$?
[ $rc = 2 ] || fail "unknown revision: exit $rc, expected 2"
rc=0; "$FOLIO" check --staged HEAD >/dev/null 2>&1 || rc=$?
[ $rc = 2 ] || fail "--staged with a revision: exit $rc, expected 2"
echo "t021 ok"
