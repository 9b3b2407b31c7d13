#!/bin/bash
# A check lists 10,000 findings and counts the rest (t535), but each was
# still worded before it was counted: translated, formatted and its hint
# escaped a byte at a time. 20,000 pages of one blob of 100 links to no
# page (a small push) are 2 million findings: 7.6 to 9 s of CPU to check,
# as long in the hook, about half of it words no one reads. Past the
# bound a page's findings are made without words now, and the words of
# the ones listed are copied a run at a time: 4.6 s. Same output.
. "$(dirname "$0")/lib.sh"
# the CPU bound (seconds), none under sanitizers (their slowdown says nothing).
# The cut is a constant factor (4.6 s against 7.6 to 9 s on this machine),
# too close for a bound that holds on a slower one: 20 s catches a return
# of the quadratic or a far slower wording, not the factor, which
# docs/security.md's eighteenth round measured.
CPU=20
grep -qa __asan_init "$FOLIO" && CPU=unlimited

s=$TEST_DIR/site
mkdir -p "$s/docs"
printf 'title: Institut coopératif\nbase_url: https://example.org\ncollections:\n  - name: docs\n' >"$s/folio.yaml"
cd "$s"
git init -q && git add -A && git commit -qm "le site"
blob=$(python3 -c '
import sys
sys.stdout.write("---\ntitle: Note\n---\n" + " ".join("[lien %d](/nulle-part/%d/)" % (i, i) for i in range(100)) + "\n")' |
	git hash-object -w --stdin)
python3 -c "
import sys
for i in range(20000): sys.stdout.write('100644 $blob\tdocs/n%05d.md\n' % i)" | git update-index --index-info
git commit -qm "20,000 notes of 100 broken links"

rc=0
( ulimit -t "$CPU"; "$FOLIO" check HEAD ) >"$TEST_DIR/check.txt" 2>&1 || rc=$?
if [ "$CPU" = unlimited ]; then
	echo "sanitizer build: the CPU bound is not checked"
else
	[ $rc != 137 ] && [ $rc != 152 ] || fail "check killed at $CPU s of CPU (exit $rc; 7.6 to 9 s before the cut, 4.6 s after)"
fi
[ $rc = 1 ] || fail "check exit $rc: $(tail -5 "$TEST_DIR/check.txt")"
# the listed findings keep their words, the counted ones their place
grep -q '^docs/n00000.md:4:[0-9]*: error: link to "/nulle-part/0/" points to no page \[link/broken\]$' "$TEST_DIR/check.txt" ||
	fail "the first finding lost its words: $(head -3 "$TEST_DIR/check.txt")"
grep -q '^  hint: link to an existing page' "$TEST_DIR/check.txt" || fail "the listed findings lost their hint"
grep -q '^docs/n00100.md:4:[0-9]*: error: 1990000 more findings of this rule in this commit are not listed \[link/broken\]$' \
	"$TEST_DIR/check.txt" || fail "the counted findings are not said: $(tail -4 "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'checked 1 commit: 10001 errors, 0 warnings'
[ "$(grep -c 'points to no page \[link/broken\]' "$TEST_DIR/check.txt")" = 10000 ] || fail "not 10,000 listed"
echo "ok 2 million findings: 10,000 listed with their words, the rest counted, within $CPU s of CPU"

# a finding's words stay one line, whatever they quote
printf -- '---\ntitle: Une\n---\n[a](</x\tb/>) [b](/caf\xc3\xa9\xc2\x85z/)\n' >"$s/docs/n00000.md"
git add -A && git commit -qm "a tab and a NEL in links"
"$FOLIO" check HEAD >"$TEST_DIR/one.txt" 2>&1 || true
assert_contains "$TEST_DIR/one.txt" 'link to "/x\tb/" points to no page [link/broken]'
assert_contains "$TEST_DIR/one.txt" 'link to "/café\u0085z/" points to no page [link/broken]'
echo "ok a tab and a C1 control are escaped in a finding"
