#!/bin/bash
# A pusher chooses how many findings a page gives: a link to no page or a
# repeated paragraph is one each, and git stores one blob for many pages
# of the same text. 40 such pages (a 376 KB push) of 30,000 links each
# were 1.2 million findings: 600 MB of the hook's memory and 220 MB of its
# output; warnings the hook lets pass (repeated paragraphs) went whole
# into the daemon's note, state and log for each commit. A page lists
# the first 100 findings of each rule now, and one more of that rule and
# severity says how many are not listed: the verdict is the same.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/docs"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: docs\n' >"$s/folio.yaml"
python3 - "$s" <<'PY'
import sys
links = "---\ntitle: Links\n---\n" + "[a](/x) " * 20000 + "\n"
para = " ".join("word%d" % i for i in range(14))
repeats = "---\ntitle: Repeats\n---\n" + (para + "\n\n") * 5000
for p in range(20):
    open("%s/docs/l%02d.md" % (sys.argv[1], p), "w").write(links)
    if p < 10: # their text in index.json stays within page-output
        open("%s/docs/r%02d.md" % (sys.argv[1], p), "w").write(repeats)
PY
cd "$s"
git init -q && git add -A && git commit -qm "20 pages of 20,000 broken links, 10 of 5,000 repeats"
rc=0
"$FOLIO" check HEAD >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(tail -3 "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'checked 1 commit: 2020 errors, 1010 warnings'
assert_contains "$TEST_DIR/check.txt" 'docs/l07.md:4:805: error: 19900 more findings of this rule in this file are not listed [link/broken]'
assert_contains "$TEST_DIR/check.txt" 'docs/r09.md:206:1: warning: 4899 more findings of this rule in this file are not listed [text/repeated-paragraph]'
[ "$(grep -c 'l07.md.*\[link/broken\]' "$TEST_DIR/check.txt")" = 101 ] || fail "l07.md does not list 101 findings"

# the warnings alone pass, and the note of the commit is as short
git rm -q docs/l*.md && git commit -qm "repeats alone"
"$FOLIO" check --notes HEAD >"$TEST_DIR/notes.txt" 2>&1 || fail "repeats refused: $(grep error: "$TEST_DIR/notes.txt")"
size=$(git notes --ref folio show HEAD | wc -c)
[ "$size" -lt 1000000 ] || fail "the note holds $size bytes"
first=$(git notes --ref folio show HEAD | sed -n 1p)
[ "$first" = 'folio: 0 errors, 1010 warnings' ] || fail "note: $first"

# 120 pages more of 100 repeats each: the check keeps the first 10,000 of
# its pages' findings and counts the rest in one (t535); a note, the
# daemon's stored report and its log list 10,000 findings, then say how
# many more there are
python3 - "$s" <<'PY'
import sys
para = " ".join("word%d" % i for i in range(14))
for p in range(120):
    open("%s/docs/s%03d.md" % (sys.argv[1], p), "w").write("---\ntitle: S\n---\n" + (para + "\n\n") * 101)
PY
git add -A && git commit -qm "120 pages of 100 repeats"
"$FOLIO" check --notes HEAD >"$TEST_DIR/notes.txt" 2>&1 || fail "repeats refused: $(grep error: "$TEST_DIR/notes.txt")"
assert_contains "$TEST_DIR/notes.txt" 'checked 1 commit: 0 errors, 10001 warnings'
assert_contains "$TEST_DIR/notes.txt" 'warning: 3010 more findings of this rule in this commit are not listed [text/repeated-paragraph]'
git notes --ref folio show HEAD >"$TEST_DIR/note.txt"
[ "$(sed -n 1p "$TEST_DIR/note.txt")" = 'folio: 0 errors, 10001 warnings' ] || fail "note: $(sed -n 1p "$TEST_DIR/note.txt")"
[ "$(grep -c '\[text/repeated-paragraph\]' "$TEST_DIR/note.txt")" = 10000 ] || fail "the note does not list 10,000 findings"
[ "$(tail -1 "$TEST_DIR/note.txt")" = 'folio: 1 more findings not listed here' ] ||
	fail "the note ends: $(tail -1 "$TEST_DIR/note.txt")"
echo "ok a page lists 100 findings of a rule, and counts the rest; a note lists 10,000"
