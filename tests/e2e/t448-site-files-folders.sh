#!/bin/bash
# site-files counts the folders a build makes, each once, as well as its
# files: a folder costs an inode and a block as a file does, and one
# page's url: or alias may name 500 nested folders (/a/b/c/.../) for a
# single file. 20 aliases 40 folders deep are 20 files and 800 folders:
# counting files alone, they passed a limit 100 above the site's files.
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
"$FOLIO" build --out "$TEST_DIR/whole" >/dev/null 2>&1 || fail "the sample does not build"
files=$(find "$TEST_DIR/whole" -type f ! -name .folio-output | wc -l)
dirs=$(find "$TEST_DIR/whole" -mindepth 1 -type d | wc -l)
pub=$TEST_DIR/pub st=$TEST_DIR/state
publish "$s" "$pub" "$st" "first"

python3 - <<'PY'
import json
sc = json.load(open('schemas/pages.json'))
sc['properties']['aliases'] = {'type': 'array', 'items': {'type': 'string'}}
json.dump(sc, open('schemas/pages.json', 'w'), indent=1)
with open('pages/deep.md', 'w') as f:
    f.write('---\ntitle: Deep\naliases:\n')
    for i in range(20):
        f.write('  - /d%d/' % i + ''.join('n%d/' % k for k in range(39)) + '\n')
    f.write('---\nTexte.\n')
PY
git add -A && git commit -qm "20 aliases 40 folders deep"
# the page and its 20 aliases: 21 files, its folder and 800 of the aliases
limit=$((files + dirs + 100))
rc=0
"$FOLIO" check --limit site-files=$limit >"$TEST_DIR/check.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "check exit $rc: $(cat "$TEST_DIR/check.txt")"
assert_contains "$TEST_DIR/check.txt" "folio.yaml: error: the site would write $((files + 21)) files and $((dirs + 801)) folders, more than the site-files limit of $limit [budget/site-files]"
rc=0
"$FOLIO" build --repo "$s" --out "$pub" --state "$st" --limit site-files=$limit >"$TEST_DIR/inc.txt" 2>&1 || rc=$?
[ $rc = 1 ] || fail "the publish from the state exit $rc"
assert_contains "$TEST_DIR/inc.txt" "[budget/site-files]"
[ ! -e "$pub/d0" ] || fail "the refused publish wrote aliases"
"$FOLIO" check --limit site-files=$((files + dirs + 822)) >/dev/null 2>&1 || fail "the site within its files and folders was refused"
"$FOLIO" check --limit site-files=$((files + dirs + 821)) >/dev/null 2>&1 && fail "one past the limit passed"
echo "ok check and a publish from the state count each folder once"

server=$TEST_DIR/server.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
printf 'FOLIO_LIMIT_SITE_FILES=%s\n' "$limit" >"$TEST_DIR/server.conf"
git -C "$server" config folio.config "$TEST_DIR/server.conf"
git push "$server" main >"$TEST_DIR/push.txt" 2>&1 && fail "800 folders past site-files were pushed"
assert_contains "$TEST_DIR/push.txt" "[budget/site-files]"
echo "ok the hook refuses them"
