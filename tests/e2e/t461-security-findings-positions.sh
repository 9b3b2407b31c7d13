#!/bin/bash
# A finding's line is looked up in the page's front matter, which a check
# of a commit does not keep (it streams the site): each finding parsed the
# front matter again, so a page of n unknown fields cost n parses of n
# fields. 4,000 fields (40 KB) took 14 s of CPU, 49,000 (a front matter
# under its 1 MiB budget) half an hour, in the hook and the daemon alike.
# The parse is kept for the page's next finding now: 8,000 fields check in
# a fraction of a second. Bounded by CPU time (ulimit -t), never the wall's.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
python3 - <<'PY'
with open('pages/many.md', 'w') as f:
    f.write('---\ntitle: Many\n' + ''.join('k%d: v\n' % i for i in range(8000)) + '---\nText.\n')
PY
git add -A && git commit -qm "8,000 unknown fields"
rc=0
( ulimit -t 20; "$FOLIO" check HEAD ) >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc (past 20 s of CPU?): $(tail -3 "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" 'pages/many.md:3:1: error: unknown field "k0" [front-matter/unknown-field]'
assert_contains "$TEST_DIR/check.txt" 'pages/many.md:102:1: error: unknown field "k99" [front-matter/unknown-field]'
# a page lists 100 findings of a rule (t498), each with its line, and counts the rest
assert_contains "$TEST_DIR/check.txt" 'pages/many.md:103:1: error: 7900 more findings of this rule in this file are not listed [front-matter/unknown-field]'
assert_contains "$TEST_DIR/check.txt" "101 errors"
echo "ok check gives each finding its line within its CPU bound"

server=$TEST_DIR/server.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
git push -q "$server" HEAD~1:refs/heads/main >/dev/null 2>&1 || fail "the sample was refused"
rc=0
( ulimit -t 20; git push "$server" main ) >"$TEST_DIR/push.txt" 2>&1 || rc=$?
[ $rc != 0 ] || fail "8,000 unknown fields were pushed"
assert_contains "$TEST_DIR/push.txt" '[front-matter/unknown-field]'
assert_not_contains "$TEST_DIR/push.txt" "Killed"
echo "ok the hook refuses it within its CPU bound"
