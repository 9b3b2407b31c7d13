#!/bin/bash
# ignore: and a rule's paths: are folio.yaml's, so a pusher's, and every
# finding's path was matched against every pattern, each match a pass over
# the path for each byte of the pattern: one pattern of 1 MB and 200 pages
# of 100 links to no page (20,000 findings, a 1 MB push) took more than
# 100 s of CPU to check; 256 patterns of 1 KB as many. A list holds at most
# 256 patterns (with '*', '?' or a final '/': paths written whole are
# looked up, any number) of at most 1,024 bytes (a path's most), a page's path is
# matched once for its findings, and a match stops when no prefix of the
# path can match any more; the prefixes matched are bits, 64 a word.
. "$(dirname "$0")/lib.sh"
# the CPU bound (seconds), none under sanitizers (their slowdown says nothing)
CPU=10
grep -qa __asan_init "$FOLIO" && CPU=unlimited

s=$TEST_DIR/site
mkdir -p "$s"
cd "$s"
git init -q
blob=$(python3 -c '
import sys
sys.stdout.write("---\ntitle: Note\n---\n" + " ".join("[lien %d](/nulle-part/%d/)" % (i, i) for i in range(100)) + "\n")' |
	git hash-object -w --stdin)
python3 -c "
import sys
d = '/'.join(['a' * 200] * 4)
for i in range(200): sys.stdout.write('100644 $blob\tdocs/%s/n%05d.md\n' % (d, i))" | git update-index --index-info
yaml() { # yaml PATTERN-EXPRESSION: folio.yaml whose ignore: lists python's list
	python3 -c "
import json
print('title: Institut coopératif\nbase_url: https://example.org\ncollections:\n  - name: docs\nignore:')
for p in $1: print('  - ' + json.dumps(p))" >folio.yaml
	git add folio.yaml
	git commit -qm "ignore: $2"
}
check() { # check NAME: folio check HEAD under 10 s of CPU, its exit in $rc
	rc=0
	( ulimit -t "$CPU"; "$FOLIO" check HEAD ) >"$TEST_DIR/$1.txt" 2>&1 || rc=$?
	[ $rc != 137 ] && [ $rc != 152 ] || fail "$1: killed at 10 s of CPU (exit $rc)"
}

# one pattern of 1 MB: more than 100 s before
yaml "['a' * 1000000]" "one pattern of 1 MB"
check long
[ $rc = 1 ] || fail "long: exit $rc: $(tail -3 "$TEST_DIR/long.txt")"
assert_contains "$TEST_DIR/long.txt" 'folio.yaml:6:5: error: a path pattern of "ignore" must be at most 1024 bytes [config/syntax]'
echo "ok a pattern of 1 MB is refused at its line"

yaml "['x%d/*' % i for i in range(257)]" "257 patterns"
check many
assert_contains "$TEST_DIR/many.txt" '"ignore" must hold at most 256 path patterns with '"'*', '?'"' or a final '"'/'"' [config/syntax]'
echo "ok 257 patterns are refused"

# paths written whole are looked up, any number of them (init --baseline
# writes one per page): 4,000 of 820 bytes (folio.yaml's 4 MB), the 200
# pages' among them, ignore theirs
yaml "['docs/%s/n%05d.md' % ('/'.join(['a' * 200] * 4), i) for i in range(4000)]" "4,000 paths"
check whole
[ $rc = 0 ] || fail "whole: exit $rc: $(tail -3 "$TEST_DIR/whole.txt")"
assert_contains "$TEST_DIR/whole.txt" 'checked 1 commit: 0 errors, 0 warnings'
echo "ok 4,000 paths written whole ignore their pages' findings, within 10 s of CPU"

# 256 patterns of 1,024 bytes that match nothing: the 20,000 findings stay
yaml "['*a' * 510 + 'z%03d' % i for i in range(256)]" "256 long patterns"
check within
[ $rc = 1 ] || fail "within: exit $rc: $(tail -3 "$TEST_DIR/within.txt")"
assert_contains "$TEST_DIR/within.txt" 'checked 1 commit: 10001 errors, 0 warnings'
echo "ok 256 patterns of 1,024 bytes, 20,000 findings: within 10 s of CPU"

# patterns whose "**" can match everywhere: each step a pass over the
# path's prefixes, a byte each (27.6 s here), 64 a word now (0.96 s)
yaml "['**a' * 340 + 'z%03d' % i for i in range(256)]" "256 patterns of **"
check everywhere
[ $rc = 1 ] || fail "everywhere: exit $rc: $(tail -3 "$TEST_DIR/everywhere.txt")"
assert_contains "$TEST_DIR/everywhere.txt" 'checked 1 commit: 10001 errors, 0 warnings'
echo "ok 256 patterns **a**a... of 1,024 bytes, 20,000 findings: within 10 s of CPU"

# a pattern that matches still ignores every finding of its pages
yaml "['*a' * 510 + 'z%03d' % i for i in range(255)] + ['docs/**']" "and docs/**"
check matched
[ $rc = 0 ] || fail "matched: exit $rc: $(tail -3 "$TEST_DIR/matched.txt")"
assert_contains "$TEST_DIR/matched.txt" 'checked 1 commit: 0 errors, 0 warnings'
echo "ok docs/** still ignores the pages' findings"
