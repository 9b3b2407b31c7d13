#!/bin/bash
# site-files bounds how many files a build writes: every output costs a
# disk block and an inode however few its bytes, which site-size does not
# count (100 pages of 1,000 aliases, a 2 MB push: 30 MB counted, 786 MB
# and 200,000 inodes on disk). Past it the site is refused with
# budget/site-files at folio.yaml, by folio check, a full build, a publish
# from the state and the pre-receive hook alike, and nothing is written.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
# files and folders, each folder counted once (t448)
"$FOLIO" build --out "$TEST_DIR/whole" >/dev/null 2>&1 || fail "the sample does not build"
files=$(find "$TEST_DIR/whole" -mindepth 1 ! -name .folio-output | wc -l)
pub=$TEST_DIR/pub st=$TEST_DIR/state
publish "$s" "$pub" "$st" "first"

# a page of 100 aliases: 101 files (the page too) and 102 folders more
python3 - <<'PY'
import json
sc = json.load(open('schemas/pages.json'))
sc['properties']['aliases'] = {'type': 'array', 'items': {'type': 'string'}}
json.dump(sc, open('schemas/pages.json', 'w'), indent=1)
with open('pages/alias.md', 'w') as f:
    f.write('---\ntitle: Alias\naliases:\n' + ''.join('  - /ancien/%d/\n' % i for i in range(100)) + '---\nTexte.\n')
PY
git add -A && git commit -qm "100 aliases"
limit=$((files + 150))
TEXT="more than the site-files limit of $limit [budget/site-files]"
rc=0
"$FOLIO" check --limit site-files=$limit >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "folio.yaml: error: the site would write"
assert_contains "$TEST_DIR/check.txt" "$TEXT"
rc=0
"$FOLIO" build --out "$TEST_DIR/out" --limit site-files=$limit >"$TEST_DIR/build.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "build exit $rc"
assert_contains "$TEST_DIR/build.txt" "$TEXT"
[ ! -e "$TEST_DIR/out" ] || fail "the refused build wrote files"
# from the state, as the daemon publishes: refused alike, nothing moves
rc=0
"$FOLIO" build --repo "$s" --out "$pub" --state "$st" --limit site-files=$limit >"$TEST_DIR/inc.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "the publish from the state exit $rc: $(cat "$TEST_DIR/inc.txt")"
assert_contains "$TEST_DIR/inc.txt" "$TEXT"
[ ! -e "$pub/ancien" ] || fail "the refused publish wrote aliases"
"$FOLIO" check --limit site-files=$((files + 203)) >/dev/null 2>&1 || fail "the site within its files was refused"
echo "ok check, build and a publish from the state refuse files past site-files"

# the hook takes the server's limit; a folio.yaml may lower it, not raise it
server=$TEST_DIR/server.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
printf 'FOLIO_LIMIT_SITE_FILES=%s\n' "$limit" >"$TEST_DIR/server.conf"
git -C "$server" config folio.config "$TEST_DIR/server.conf"
git push "$server" HEAD~1:refs/heads/main >"$TEST_DIR/push0" 2>&1 || fail "the sample refused: $(cat "$TEST_DIR/push0")"
git push "$server" main >"$TEST_DIR/push1" 2>&1 && fail "100 aliases past site-files were pushed"
assert_contains "$TEST_DIR/push1" "[budget/site-files]"
printf 'limits:\n  site-files: 10\n' >>folio.yaml
git commit -qam "a lower limit"
"$FOLIO" check HEAD >"$TEST_DIR/lower.txt" 2>&1 && fail "folio.yaml lowering site-files had no effect"
assert_contains "$TEST_DIR/lower.txt" "more than the site-files limit of 10"
echo "ok the hook refuses it, and folio.yaml lowers the limit"
