#!/bin/bash
# exclude: and copy: are folio.yaml's, so a pusher's (100,000 values), and
# each file of the tree was compared with each of their entries: 90,000
# excludes and 20,000 pages of one small blob (a 1 MB folio.yaml) took
# about 13 s of CPU more to check, 200,000 pages ten times as much. The
# lists are sorted once and each folder of a path is looked up.
. "$(dirname "$0")/lib.sh"
# the CPU bound (seconds), none under sanitizers (their slowdown says nothing)
CPU=6
grep -qa __asan_init "$FOLIO" && CPU=unlimited

s=$TEST_DIR/site
mkdir -p "$s"
cd "$s"
git init -q
python3 -c "
print('title: Institut coopératif\nbase_url: https://example.org\ncollections:\n  - name: docs\nexclude:')
for i in range(90000): print('  - archives/x%05d' % i)
print('  - docs/n00007.md\n  - docs/vieux')" >folio.yaml
git add folio.yaml
blob=$(printf -- '---\ntitle: Note\n---\nUne note de la coopérative, avec un [lien](/docs/) vers la liste.\n' | git hash-object -w --stdin)
broken=$(printf -- '---\ntitle: Vieille\n---\nUn [lien](/nulle-part/) perdu.\n' | git hash-object -w --stdin)
python3 -c "
import sys
for i in range(20000): sys.stdout.write('100644 %s\tdocs/n%05d.md\n' % ('$broken' if i == 7 else '$blob', i))
sys.stdout.write('100644 $broken\tdocs/vieux/a.md\n')" | git update-index --index-info
git commit -qm "20,000 notes and 90,000 excludes"

rc=0
( ulimit -t "$CPU"; "$FOLIO" check HEAD ) >"$TEST_DIR/check.txt" 2>&1 || rc=$?
if [ "$CPU" = unlimited ]; then
	echo "sanitizer build: the CPU bound is not checked"
else
	[ $rc != 137 ] && [ $rc != 152 ] || fail "check killed at 6 s of CPU (exit $rc)"
fi
[ $rc = 0 ] || fail "check exit $rc: $(tail -5 "$TEST_DIR/check.txt")"
# the excluded file and folder are left out: their broken links are not checked
assert_not_contains "$TEST_DIR/check.txt" 'nulle-part'
echo "ok 90,000 excludes and 20,000 pages within 6 s of CPU, the excluded left out"

# without them, the broken links are found
python3 -c "print('title: Institut coopératif\nbase_url: https://example.org\ncollections:\n  - name: docs\nexclude: [archives]')" >folio.yaml
git add folio.yaml && git commit -qm "fewer excludes"
"$FOLIO" check HEAD >"$TEST_DIR/none.txt" 2>&1 || true
assert_contains "$TEST_DIR/none.txt" 'docs/n00007.md:4:'
assert_contains "$TEST_DIR/none.txt" 'docs/vieux/a.md:4:'
echo "ok the same pages not excluded are checked"
