#!/bin/bash
# folio check on a shallow clone (git clone --depth 1) checks the commits the
# clone holds and says what it could not, instead of failing with "object
# not found": a range whose start lies past the clone's boundary, and a range
# that goes on past it. A misspelt revision is still an error (exit 2).
. "$(dirname "$0")/lib.sh"

src=$TEST_DIR/src
make_repo "$src"
book=books/la-cooperation-dans-l-action-publique.md
git -C "$src" checkout -qb feature
for n in 329 330 331; do
	sed -i "s/^pages: .*/pages: $n/" "$src/$book"
	git -C "$src" commit -qam "Page count $n"
done
git -C "$src" checkout -q main
sed -i 's/^pages: .*/pages: 400/' "$src/$book"
git -C "$src" commit -qam "Main moves on"

clone=$TEST_DIR/shallow
git clone -q --depth 1 "file://$src" "$clone"
cd "$clone"
[ "$(git rev-parse --is-shallow-repository)" = true ] || fail "the clone is not shallow"

# one commit: as in a full clone
"$FOLIO" check >"$TEST_DIR/one" 2>&1 || { cat "$TEST_DIR/one"; fail "HEAD of a shallow clone"; }
assert_contains "$TEST_DIR/one" "checked 1 commit: 0 errors, 0 warnings"

# a start the clone lacks: the commits it holds are checked, and it says so
rc=0; "$FOLIO" check HEAD~3..HEAD >"$TEST_DIR/past" 2>"$TEST_DIR/past.err" || rc=$?
cat "$TEST_DIR/past" "$TEST_DIR/past.err"
[ $rc = 0 ] || fail "HEAD~3..HEAD: exit $rc, expected 0"
assert_contains "$TEST_DIR/past" "checked 1 commit: 0 errors, 0 warnings"
assert_contains "$TEST_DIR/past.err" "folio check: warning: this clone is shallow and lacks 'HEAD~3': checked the 1 commit it holds; git fetch --deepen=N or --unshallow checks the rest"
assert_not_contains "$TEST_DIR/past.err" "object not found"
# the same with a commit id the clone never fetched
first=$(git -C "$src" rev-parse main~1)
"$FOLIO" check "$first"..HEAD >/dev/null 2>"$TEST_DIR/id.err" || fail "$first..HEAD: exit $?"
assert_contains "$TEST_DIR/id.err" "lacks '$first'"

# a range that goes on past the boundary: feature fetched two deep
git fetch -q --depth 2 origin feature:refs/remotes/origin/feature
rc=0; "$FOLIO" check --format github origin/main..origin/feature >"$TEST_DIR/gh" 2>"$TEST_DIR/gh.err" || rc=$?
cat "$TEST_DIR/gh" "$TEST_DIR/gh.err"
[ $rc = 0 ] || fail "origin/main..origin/feature: exit $rc, expected 0"
boundary=$(git rev-parse --short=12 origin/feature~1)
assert_contains "$TEST_DIR/gh" "folio check: 0 errors, 0 warnings in 2 commits"
assert_contains "$TEST_DIR/gh.err" "this clone is shallow: the range goes on past $boundary, whose parents it lacks; checked the 2 commits it holds"
grep -q "^::warning title=folio check: shallow clone::this clone is shallow: the range goes on past $boundary" "$TEST_DIR/gh" ||
	fail "no workflow warning for the shallow clone"

# a misspelt start is not mistaken for missing history
rc=0; "$FOLIO" check no-such-branch..HEAD >/dev/null 2>"$TEST_DIR/typo" || rc=$?
[ $rc = 2 ] || fail "a misspelt revision: exit $rc, expected 2"
assert_contains "$TEST_DIR/typo" "'no-such-branch' is not a commit"
echo "t072 ok"
