#!/bin/bash
# static_roots: is folio.yaml's, so a pusher's (100,000 values), and each
# file of the tree was compared with each root, in order: 90,000 roots and
# 20,000 pages of one small blob took 12.6 s of CPU to check (0.6 s
# without them). The roots are sorted once (their order kept for which one
# wins) and each folder of a path is looked up.
. "$(dirname "$0")/lib.sh"
# the CPU bound (seconds), none under sanitizers (their slowdown says nothing)
CPU=6
grep -qa __asan_init "$FOLIO" && CPU=unlimited

s=$TEST_DIR/site
mkdir -p "$s/themes/coop/static/css" "$s/themes/coop/static/themes/autre/static/css" "$s/themes/autre/static/css"
cd "$s"
git init -q
python3 -c "
print('title: Institut coopératif\nbase_url: https://example.org\ncollections:\n  - name: docs\nstatic_roots:')
print('  - themes/coop/static/themes/autre/static')
for i in range(45000): print('  - themes/t%05d/static' % i)
print('  - themes/coop/static')
for i in range(45000, 90000): print('  - themes/t%05d/static' % i)
print('  - themes/autre/static')" >folio.yaml
printf 'body { color: #123; }\n' >themes/coop/static/css/coop.css
printf 'body { color: #456; }\n' >themes/autre/static/css/autre.css
# under two roots, the nested one listed first: its file, at /css/dedans.css
printf 'p { margin: 0; }\n' >themes/coop/static/themes/autre/static/css/dedans.css
git add -A
blob=$(printf -- '---\ntitle: Note\n---\nUne note, son [style](/css/coop.css) et [l'"'"'autre](/css/autre.css).\n' | git hash-object -w --stdin)
python3 -c "
import sys
for i in range(20000): sys.stdout.write('100644 $blob\tdocs/n%05d.md\n' % i)" | git update-index --index-info
git commit -qm "20,000 notes and 90,003 static roots"

rc=0
( ulimit -t "$CPU"; "$FOLIO" check HEAD ) >"$TEST_DIR/check.txt" 2>&1 || rc=$?
if [ "$CPU" = unlimited ]; then
	echo "sanitizer build: the CPU bound is not checked"
else
	[ $rc != 137 ] && [ $rc != 152 ] || fail "check killed at 6 s of CPU (exit $rc)"
fi
[ $rc = 0 ] || fail "check exit $rc: $(tail -5 "$TEST_DIR/check.txt")"
echo "ok 90,003 static roots and 20,000 pages within 6 s of CPU, the roots' files found"

# the roots publish their files at the site's root; a file under two roots
# is the first listed one's, wherever it sorts
git rm -q --cached -r docs
git commit -qm "the notes gone"
"$FOLIO" build --out "$TEST_DIR/out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(tail -3 "$TEST_DIR/build.txt")"
[ -f "$TEST_DIR/out/css/coop.css" ] || fail "coop.css not at the root"
[ -f "$TEST_DIR/out/css/autre.css" ] || fail "autre.css not at the root"
[ -f "$TEST_DIR/out/css/dedans.css" ] || fail "dedans.css not the nested root's: $(cd "$TEST_DIR/out" && find . -name dedans.css)"
echo "ok each root's files at the site's root, the first listed root's when nested"
