#!/bin/bash
# A submodule (a gitlink, mode 160000) in a folder the site reads is a
# tree/submodule warning naming it: its files are in another repository,
# which folio never reads, so a reviewer who checked out with
# --recurse-submodules saw files the site does not publish. Before, it was
# left out without a word. One in a folder the site never reads (a Hugo
# theme's themes/x) says nothing. The push is accepted (a warning).
. "$(dirname "$0")/lib.sh"

s=$TEST_DIR/site
make_repo "$s"
cd "$s"
sub=$(git rev-parse HEAD) # any commit id: git never reads a gitlink's commit
for p in static/vendor pages/module events/2026-shared themes/hugo-theme; do
	git update-index --add --cacheinfo "160000,$sub,$p"
done
git commit -qm "submodules"
rc=0
"$FOLIO" check HEAD >"$TEST_DIR/check.txt" 2>&1 || rc=$?
cat "$TEST_DIR/check.txt"
[ $rc = 0 ] || fail "check exit $rc"
for p in static/vendor pages/module events/2026-shared; do
	assert_contains "$TEST_DIR/check.txt" "$p: warning: submodule (gitlink) in the content tree; its files are in another repository and are not published [tree/submodule]"
done
assert_not_contains "$TEST_DIR/check.txt" "themes/hugo-theme"
echo "ok check names each submodule the site would read"

# a build publishes the rest, and nothing of the submodules
"$FOLIO" build --out "$TEST_DIR/out" >"$TEST_DIR/build.txt" 2>&1 || fail "build: $(cat "$TEST_DIR/build.txt")"
assert_contains "$TEST_DIR/build.txt" "[tree/submodule]"
[ ! -e "$TEST_DIR/out/static/vendor" ] || fail "the submodule was published"

# a commit judged from a daemon's state says it too
git reset -q --hard HEAD~1
"$FOLIO" build --quiet --repo "$s" --rev HEAD --out "$TEST_DIR/pub" --state "$TEST_DIR/state" >/dev/null 2>&1 \
	|| fail "the first publish failed"
git update-index --add --cacheinfo "160000,$sub,static/vendor"
git commit -qm "one submodule"
"$FOLIO" check --repo "$s" --state "$TEST_DIR/state" HEAD >"$TEST_DIR/state.txt" 2>&1 || fail "check --state refused it"
assert_contains "$TEST_DIR/state.txt" "static/vendor: warning: submodule (gitlink)"

# the hook shows it and takes the push
server=$TEST_DIR/server.git
git init -q --bare "$server"
sh "$FOLIO_SOURCE_DIR/scripts/install-hooks.sh" "$server" "$FOLIO" >/dev/null
git push "$server" main >"$TEST_DIR/push.txt" 2>&1 || fail "push refused: $(cat "$TEST_DIR/push.txt")"
assert_contains "$TEST_DIR/push.txt" "static/vendor: warning: submodule (gitlink)"
echo "ok a publish from the state and the pre-receive hook say it, and take the push"
