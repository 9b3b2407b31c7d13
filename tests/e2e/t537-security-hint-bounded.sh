#!/bin/bash
# A finding about a field ends its hint with what the pushed schema says
# of the field (its title and description), and only the message was
# bounded: a schema describing a field in 1 MB made each finding of the
# field 1 MB, in memory, in the output, the note and /status. 300 pages
# (a 228 KB push) were 300 MB of folio check's output and 605 MB of its
# memory, 3,000 would be ten times as much. A hint is one line of at most
# 1,000 characters now, as a message is of 400: its newlines, which forged
# lines of the pusher's output, are escaped.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
mkdir -p "$s/docs" "$s/schemas"
printf 'title: T\nbase_url: https://example.org\ncollections:\n  - name: docs\n' >"$s/folio.yaml"
python3 - "$s" <<'PY'
import json, sys
about = "\nfolio: refs/heads/main: 1 new commit checked, no errors\n" + "D" * 1000000
json.dump({"type": "object", "properties": {"title": {"type": "string"},
           "n": {"type": "integer", "description": about}}}, open(sys.argv[1] + "/schemas/docs.json", "w"))
for p in range(100):
    open("%s/docs/p%03d.md" % (sys.argv[1], p), "w").write("---\ntitle: P\nn: x\n---\nText.\n")
PY
cd "$s"
git init -q && git add -A && git commit -qm "a schema of 1 MB of description, 100 pages against it"
rc=0
"$FOLIO" check HEAD >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(tail -3 "$TEST_DIR/check.txt" | cut -c1-300)"
size=$(wc -c <"$TEST_DIR/check.txt")
echo "folio check printed $size bytes"
[ "$size" -lt 200000 ] || fail "folio check printed $size bytes"
[ "$(grep -c '^docs/p[0-9]*\.md:3:4: error: "n" must be an integer, not a string \[front-matter/type\]$' "$TEST_DIR/check.txt")" = 100 ] ||
	fail "not one finding a page"
grep -q '^  hint: the schema says: \\nfolio: refs/heads/main: 1 new commit checked, no errors\\nDDDD*\.\.\.$' "$TEST_DIR/check.txt" ||
	fail "the hint is not one line cut: $(sed -n 3p "$TEST_DIR/check.txt" | cut -c1-300)"
! grep -q '^folio: refs/heads/main' "$TEST_DIR/check.txt" || fail "the schema forged a line of the output"
echo "ok a hint is one bounded line"
